#pragma once
/// @file
/// @brief The key derivations of X3DH and the Double Ratchet (Signal's recommended choices):
/// HKDF-SHA-256 for the X3DH secret and the root chain, HMAC-SHA-256 with the constants
/// 0x01 / 0x02 for the symmetric chain. The info strings are parameters so the published
/// libsignal known-answer values (info "WhisperText", "WhisperMessageKeys") replay through
/// the same code that Palisade runs with its own strings.

#include "crypto/ratchet/Primitives.h"

#include <string_view>

namespace palisade::crypto::ratchet::kdf {

/// HKDF info of the X3DH secret in Palisade sessions.
inline constexpr std::string_view kX3dhInfo = "Palisade_X3DH_25519_SHA256_v1";
/// HKDF info of the root-chain step KDF_RK.
inline constexpr std::string_view kRootInfo = "Palisade_Ratchet_Root_v1";
/// HKDF info that expands a message key into the XChaCha20-Poly1305 key and nonce.
inline constexpr std::string_view kMessageKeyInfo = "Palisade_Ratchet_MessageKeys_v1";
/// Upper bound of DH outputs in X3DH (DH1..DH4).
inline constexpr std::size_t kMaxX3dhDh = 4;

/// X3DH KDF: HKDF-SHA-256(salt = 32 zero bytes, ikm = 0xFF*32 || dhOutputs, info), 64 bytes,
/// split into @p rootKey and @p chainKey (32 bytes each). @p dhOutputs is DH1||DH2||DH3[||DH4].
void x3dh(MutableBytes rootKey, MutableBytes chainKey, ByteView dhOutputs, ByteView info);

/// KDF_RK: HKDF-SHA-256(salt = rootKey, ikm = dhOutput, info), 64 bytes, into @p newRootKey
/// and @p chainKey. The outputs may alias @p rootKey.
void root(MutableBytes newRootKey, MutableBytes chainKey, ByteView rootKey, ByteView dhOutput, ByteView info);

/// KDF_CK: @p messageKey = HMAC-SHA-256(chainKey, 0x01), @p nextChainKey =
/// HMAC-SHA-256(chainKey, 0x02). @p nextChainKey may alias @p chainKey.
void chain(MutableBytes messageKey, MutableBytes nextChainKey, ByteView chainKey);

/// Expand a message key: HKDF-SHA-256(salt = none, ikm = messageKey, info) filling @p out.
/// Palisade takes 56 bytes (XChaCha20-Poly1305 key || nonce); libsignal took 80.
void messageKeys(MutableBytes out, ByteView messageKey, ByteView info);

} // namespace palisade::crypto::ratchet::kdf
