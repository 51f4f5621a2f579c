#pragma once
/// @file
/// @brief What the session needs to reach the server (filled from managed policy by the
/// integrator) and the states a session can be in.

#include "crypto/X25519.h"
#include "net/Backoff.h"
#include "net/Connector.h"

#include <chrono>
#include <string>
#include <string_view>
#include <vector>

namespace palisade::core {

/// Plain connection settings; nothing here is read from the environment.
struct SessionConfig {
    net::Endpoint server; ///< policy `server.address`
    std::vector<crypto::X25519PublicKey> pinnedKeys; ///< policy `server.public_keys`, tried in order
    bool allowTofu = false; ///< policy `server.allow_tofu` (only used when nothing is pinned)
    net::ProxySettings proxy; ///< policy `network.proxy`, already parsed
    std::string deviceName; ///< shown to the admin and the user's other devices
    std::vector<std::uint8_t> policyDigest; ///< SHA-256 of the effective policy (compliance report)
    std::vector<std::string> complianceEvents; ///< extra compliance facts, e.g. "scanner=clamd"
    net::BackoffPolicy backoff; ///< reconnect delays
    std::chrono::milliseconds keepalive { 20'000 }; ///< Ping interval while connected
    std::chrono::milliseconds requestTimeout { 30'000 }; ///< a request without an answer fails
    std::chrono::milliseconds connectTimeout { 15'000 }; ///< TCP + proxy negotiation
};

/// Where the session stands. Only Connecting retries on its own; every other state other
/// than Connected waits for the user (or an admin) to act.
enum class SessionState {
    Disconnected, ///< not started, stopped by the user, or the profile is locked
    Connecting, ///< connecting or waiting (jittered backoff) before the next attempt
    Connected, ///< handshaken and logged in with the device key
    EnrolmentNeeded, ///< the server does not know this device and no credentials were given
    UpdateRequired, ///< the server requires a newer client; no retry
    ServerKeyMismatch, ///< the server's key is not a pinned one; refused, no retry
    LockedOut, ///< too many failed logins; retry after the given delay
    BadCredentials, ///< wrong username or password at enrolment
    Disabled, ///< the account was disabled by an admin
};

/// A short English name for @p state ("connected", "update required" ...).
[[nodiscard]] std::string_view describe(SessionState state) noexcept;

} // namespace palisade::core
