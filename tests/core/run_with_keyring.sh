#!/bin/sh
# Run a test program against a real Secret Service: a private D-Bus session with
# gnome-keyring-daemon, its login keyring created and unlocked with a throwaway password in a
# throwaway HOME (never the user's own keyring). Fails when gnome-keyring or dbus is missing.
set -eu
if [ "${PALISADE_KEYRING_SESSION:-}" != 1 ]; then
    exec env PALISADE_KEYRING_SESSION=1 dbus-run-session -- sh "$0" "$@"
fi
home=$(mktemp -d)
trap 'rm -rf "$home"' EXIT
export HOME="$home" XDG_DATA_HOME="$home/data" XDG_RUNTIME_DIR="$home/run"
mkdir -m 700 "$XDG_RUNTIME_DIR"
# Prints GNOME_KEYRING_CONTROL=...; the daemon exits with the D-Bus session.
eval "$(printf 'palisade-test-keyring' | gnome-keyring-daemon --daemonize --unlock --components=secrets)"
export GNOME_KEYRING_CONTROL
status=0
"$@" || status=$?
exit "$status"
