#pragma once
/// @file
/// @brief Start-up of the crypto layer: libsodium initialisation (call before any other
/// crypto/ function; safe to call more than once and from several threads).

#include "crypto/Error.h"

#include <expected>

namespace palisade::crypto {

/// Initialise libsodium. Returns Error::InitFailed when it cannot.
[[nodiscard]] std::expected<void, Error> initialize();

} // namespace palisade::crypto
