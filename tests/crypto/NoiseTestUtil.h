#pragma once
// Helpers for the Noise tests: key sets and driving two HandshakeStates to completion.

#include "crypto/X25519.h"
#include "crypto/noise/HandshakeState.h"

#include <string>
#include <vector>

namespace palisade::crypto::testing {

inline const std::string kIk = "Noise_IK_25519_ChaChaPoly_BLAKE2b";
inline const std::string kXx = "Noise_XX_25519_ChaChaPoly_BLAKE2b";
inline const std::string kPrologue = "PALISADE/1";

/// Static keys for both parties.
struct NoiseKeys {
    X25519KeyPair initiator = x25519::generateKeyPair();
    X25519KeyPair responder = x25519::generateKeyPair();

    [[nodiscard]] noise::HandshakeConfig config(const std::string& name, noise::Role role) const
    {
        const bool init = role == noise::Role::Initiator;
        return { name, role, asBytes(kPrologue),
            init ? initiator.secretKey.bytes() : responder.secretKey.bytes(),
            init ? ByteView(responder.publicKey) : ByteView(initiator.publicKey), {}, {} };
    }
};

/// Run the remaining messages with @p payload each; false at the first error.
inline bool runHandshake(noise::HandshakeState& a, noise::HandshakeState& b, const Bytes& payload = {})
{
    while (!a.isComplete() || !b.isComplete()) {
        auto& writer = a.isMyTurnToWrite() ? a : b;
        auto& reader = a.isMyTurnToWrite() ? b : a;
        auto message = writer.writeMessage(payload);
        if (!message) {
            return false;
        }
        auto read = reader.readMessage(*message);
        if (!read || *read != payload) {
            return false;
        }
    }
    return true;
}

} // namespace palisade::crypto::testing
