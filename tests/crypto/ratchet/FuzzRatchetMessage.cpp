// Fuzz target: the wire-message parsers and Session::decrypt on untrusted bytes.
// A fixed pair of sessions is set up once; the input is offered to both sides as a message.
#include "crypto/Init.h"
#include "crypto/ratchet/Message.h"
#include "crypto/ratchet/Session.h"

#include <cstdlib>
#include <optional>

using namespace palisade::crypto::ratchet;

namespace {

struct Fixture {
    std::optional<Session> alice;
    std::optional<Session> bob;
    Fixture()
    {
        if (!palisade::crypto::initialize()) {
            std::abort();
        }
        const auto aliceId = IdentityKeyPair::generate();
        const auto bobId = IdentityKeyPair::generate();
        const auto signedPreKey = SignedPreKey::generate(bobId, 1).value();
        PreKeyBundle bundle { bobId.publicKey, 1, signedPreKey.keyPair.publicKey, signedPreKey.signature,
            {} };
        auto a = Session::initiate(aliceId, bundle);
        if (!a) {
            std::abort();
        }
        const std::uint8_t hi[] = { 'h', 'i' };
        auto first = a->encrypt(hi);
        auto accepted = Session::accept(bobId, signedPreKey, nullptr, first.value());
        if (!accepted) {
            std::abort();
        }
        alice.emplace(std::move(*a));
        bob.emplace(std::move(accepted->session));
    }
};

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size);

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    static Fixture fixture;
    const ByteView input(data, size);
    if (const auto type = messageType(input)) {
        if (*type == MessageType::Ratchet) {
            (void)parseRatchetMessage(input);
        } else {
            (void)parsePreKeyMessage(input);
        }
    }
    // A forged message must never decrypt: fail loudly if it does.
    if (fixture.alice->decrypt(input).has_value() || fixture.bob->decrypt(input).has_value()) {
        std::abort();
    }
    return 0;
}
