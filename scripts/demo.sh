#!/usr/bin/env bash
# The Palisade demo (run through `scripts/dev demo`, which builds the dev preset first).
#   scripts/demo.sh             temporary server on loopback + two client windows (alice, bob)
#   scripts/demo.sh --headless  the same flow offscreen: alice and bob sign in, become contacts,
#                               alice sends bob a message; screenshots of both windows go to
#                               docs/screenshots/; exits 0 only if bob's window shows the message
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
build="${PALISADE_BUILD_DIR:-$root/build/dev}"

if [ "${1:-}" = "--headless" ]; then
  mkdir -p "$root/docs/screenshots"
  QT_QPA_PLATFORM=offscreen PALISADE_SCREENSHOT_DIR="$root/docs/screenshots" \
    "$build/tests/app/test_app_with_server"
  echo "bob's window shows alice's message; screenshots: docs/screenshots/demo-alice.png, demo-bob.png"
  exit 0
fi

if [ -z "${DISPLAY:-}${WAYLAND_DISPLAY:-}" ]; then
  echo "There is no display here (neither DISPLAY nor WAYLAND_DISPLAY is set), so no windows can open."
  echo "Run the same flow offscreen instead:  scripts/dev demo --headless"
  exit 2
fi

work="$(mktemp -d)"
server="$build/server/palisade-server"
client="$build/app/palisade"
port="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
"$server" init --data "$work/server" >/dev/null
printf 'correct horse battery staple\n' | "$server" user add alice --data "$work/server"
printf 'purple otter evening lamp\n' | "$server" user add bob --data "$work/server"
mkdir -p "$work/policy/managed"
"$server" policy export --address "127.0.0.1:$port" --locked --data "$work/server" --out "$work/policy/managed/10-server.json"
printf '{ "security.key_storage": "passphrase" }\n' >"$work/policy/managed/20-demo.json"
chmod -R go-w "$work/policy"
"$server" run --data "$work/server" --listen "127.0.0.1:$port" >"$work/server.log" 2>&1 &
server_pid=$!
trap 'kill "$server_pid" 2>/dev/null; rm -rf "$work"' EXIT
cat <<TEXT
Server on 127.0.0.1:$port (locked by the demo policy in $work/policy).
Sign in:  alice / correct horse battery staple     bob / purple otter evening lamp
Choose any passphrase of 12+ characters. Then alice: "Add contact…" bob; bob: Accept.
TEXT
"$client" --profile "$work/alice" --policy-root "$work/policy" &
"$client" --profile "$work/bob" --policy-root "$work/policy" &
wait %2 %3 2>/dev/null || true
