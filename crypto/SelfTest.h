#pragma once
/// @file
/// @brief Start-up known-answer self-test of the primitives Palisade depends on
/// (STYLE.md §12): run after initialize(), before any secret exists.

#include "crypto/Error.h"

#include <expected>

namespace palisade::crypto {

/// Checks X25519 (RFC 7748), ChaCha20-Poly1305 (RFC 8439), XChaCha20-Poly1305 (draft-irtf-
/// cfrg-xchacha), Ed25519 (RFC 8032), BLAKE2b-512 and HMAC-SHA-256 (RFC 4231) against
/// fixed answers. Error::InitFailed when any differs. Takes well under a millisecond.
[[nodiscard]] std::expected<void, Error> selfTest();

} // namespace palisade::crypto
