// Fuzz target: a Noise HandshakeState reading an attacker's handshake message.
// Byte 0 picks the scenario, the rest is the message:
//   0: IK responder reads message 1        1: IK initiator reads message 2
//   2: XX initiator reads message 2        3: XX responder reads message 3
// Keys and ephemerals are fixed so the seed corpus (valid messages) reaches deep.
#include "crypto/Init.h"
#include "crypto/noise/HandshakeState.h"

#include <array>
#include <cstdlib>
#include <optional>

#ifndef PALISADE_TEST_SEAMS
#error "the handshake fuzz target fixes ephemeral keys through PALISADE_TEST_SEAMS"
#endif

using namespace palisade::crypto;
using namespace palisade::crypto::noise;

namespace {

constexpr std::array<std::uint8_t, 32> kInitiatorStatic { 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15,
    16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31, 32 };
constexpr std::array<std::uint8_t, 32> kResponderStatic { 33, 34, 35, 36, 37, 38, 39, 40, 41, 42, 43, 44, 45,
    46, 47, 48, 49, 50, 51, 52, 53, 54, 55, 56, 57, 58, 59, 60, 61, 62, 63, 64 };
constexpr std::array<std::uint8_t, 32> kInitiatorEphemeral { 65, 66, 67, 68, 69, 70, 71, 72, 73, 74, 75, 76,
    77, 78, 79, 80, 81, 82, 83, 84, 85, 86, 87, 88, 89, 90, 91, 92, 93, 94, 95, 96 };
constexpr std::array<std::uint8_t, 32> kResponderEphemeral { 97, 98, 99, 100, 101, 102, 103, 104, 105, 106,
    107, 108, 109, 110, 111, 112, 113, 114, 115, 116, 117, 118, 119, 120, 121, 122, 123, 124, 125, 126, 127,
    128 };

HandshakeState party(const char* name, Role role)
{
    const bool initiator = role == Role::Initiator;
    const auto peer = x25519::keyPairFromSecret(initiator ? kResponderStatic : kInitiatorStatic).value();
    HandshakeConfig config { name, role, asBytes("PALISADE/1"),
        initiator ? kInitiatorStatic : kResponderStatic, peer.publicKey, {}, {} };
    auto state = HandshakeState::create(config).value();
    if (!state.setEphemeralForTesting(initiator ? kInitiatorEphemeral : kResponderEphemeral)) {
        std::abort();
    }
    return state;
}

void readAndFinish(HandshakeState& reader, ByteView message)
{
    auto payload = reader.readMessage(message);
    if (!payload) {
        // A failed handshake must stay failed.
        if (reader.writeMessage({}).has_value() || reader.split().has_value()) {
            std::abort();
        }
        return;
    }
    if (reader.isComplete()) {
        auto ciphers = reader.split();
        if (!ciphers) {
            std::abort();
        }
        (void)ciphers->send.encryptWithAd({}, *payload);
    } else {
        (void)reader.writeMessage(*payload);
    }
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size);

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    static const bool ready = initialize().has_value();
    if (!ready || size == 0) {
        return 0;
    }
    const ByteView message(data + 1, size - 1);
    const char* ik = "Noise_IK_25519_ChaChaPoly_BLAKE2b";
    const char* xx = "Noise_XX_25519_ChaChaPoly_BLAKE2b";
    switch (data[0] % 4) {
    case 0: {
        auto responder = party(ik, Role::Responder);
        readAndFinish(responder, message);
        break;
    }
    case 1:
    case 2: {
        auto initiator = party(data[0] % 4 == 1 ? ik : xx, Role::Initiator);
        if (initiator.writeMessage({}).has_value()) {
            readAndFinish(initiator, message);
        }
        break;
    }
    default: {
        auto initiator = party(xx, Role::Initiator);
        auto responder = party(xx, Role::Responder);
        if (responder.readMessage(initiator.writeMessage({}).value()) && responder.writeMessage({})) {
            readAndFinish(responder, message);
        }
        break;
    }
    }
    return 0;
}
