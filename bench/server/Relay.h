#pragma once
/// @file
/// @brief The trivial relay that shows the load generator's own ceiling: the same Noise
/// handshake and frames as palisade-server, but no store, no accounts, no checks. A client
/// names itself with an EnrolRequest; a SendEnvelope is forwarded at once and answered.

namespace palisade::bench {

/// Serves on 127.0.0.1 (ephemeral port); prints "listening 127.0.0.1:PORT KEY" (base64
/// public key) and runs until SIGTERM.
int runRelay();

} // namespace palisade::bench
