// Fuzz target: the envelope path of core/e2e's MessagingService (receive → ratchet parse and
// decrypt → plaintext decode → dedupe and store). A fixed alice/bob pair over the relay
// (E2eRelay) with real profiles; bob receives the fuzzed envelope from alice's device.
// Input: mode byte, then
//   0: the rest is the ciphertext;
//   1: index byte, then bytes XORed into one of alice's real ciphertexts (extra bytes appended);
//   2: the rest is a whole v1::Envelope (any sender, device and id).
#include "crypto/Init.h"

#include "E2eHarness.h"
#include <cstdlib>

namespace {

using namespace palisade;

struct World {
    net::asio::io_context io;
    test::TestClock clock;
    test::E2eRelay relay { io };
    std::unique_ptr<test::E2eClient> alice;
    std::unique_ptr<test::E2eClient> bob;
    std::vector<v1::Envelope> captured;

    World()
    {
        if (!crypto::initialize()) {
            std::abort();
        }
        alice = std::make_unique<test::E2eClient>(io, relay, relay.addDevice("alice"), clock);
        bob = std::make_unique<test::E2eClient>(io, relay, relay.addDevice("bob"), clock);
        relay.makeBuddies("alice", "bob");
        alice->addBuddy("bob");
        bob->addBuddy("alice");
        // Keep alice's messages from bob so the fuzzer starts from real ciphertexts.
        relay.setHoldPushes(*bob->link, true);
        for (const char* text : { "first", "second", "third" }) {
            if (!test::run(io, alice->service->sendText("bob", text))) {
                std::abort();
            }
        }
        relay.setHoldPushes(*bob->link, false);
        relay.dropAcks = true;
    }
};

World& world()
{
    static World w;
    return w;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size);

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    auto& w = world();
    if (w.captured.empty()) {
        for (const auto& c : w.relay.ciphertexts) {
            v1::Envelope e;
            e.set_server_id(1);
            e.set_sender("alice");
            e.set_sender_device_id(w.alice->link->device());
            e.set_client_message_id(std::string(16, 'x'));
            e.set_ciphertext(c);
            w.captured.push_back(e);
        }
    }
    if (size == 0) {
        return 0;
    }
    v1::Envelope envelope = w.captured.front();
    const auto* rest = data + 1;
    const std::size_t restSize = size - 1;
    switch (data[0] % 3) {
    case 0:
        envelope.set_ciphertext(reinterpret_cast<const char*>(rest), restSize);
        break;
    case 1: {
        if (restSize == 0) {
            return 0;
        }
        envelope = w.captured[rest[0] % w.captured.size()];
        std::string bytes = envelope.ciphertext();
        for (std::size_t i = 1; i < restSize; ++i) {
            if (i - 1 < bytes.size()) {
                bytes[i - 1] = static_cast<char>(bytes[i - 1] ^ rest[i]);
            } else {
                bytes.push_back(static_cast<char>(rest[i]));
            }
        }
        envelope.set_ciphertext(bytes);
        break;
    }
    default:
        if (!envelope.ParseFromArray(rest, static_cast<int>(restSize))) {
            return 0;
        }
        break;
    }
    w.bob->service->receive(envelope);
    test::settle(w.io);
    return 0;
}
