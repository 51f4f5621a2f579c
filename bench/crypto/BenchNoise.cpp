// Noise IK handshakes per second (initiator side, responder side, both) and transport
// encrypt+decrypt throughput next to the same raw libsodium AEAD calls.
// Numbers and the command: docs/performance.md "## crypto".
#include "crypto/Init.h"
#include "crypto/Random.h"
#include "crypto/noise/HandshakeState.h"

#include <sodium.h>

#include <array>
#include <benchmark/benchmark.h>
#include <cstdlib>
#include <string>

using namespace palisade::crypto;
using namespace palisade::crypto::noise;

namespace {

const std::string kIk = "Noise_IK_25519_ChaChaPoly_BLAKE2b";

struct Keys {
    X25519KeyPair client = x25519::generateKeyPair();
    X25519KeyPair server = x25519::generateKeyPair();

    [[nodiscard]] HandshakeConfig config(Role role) const
    {
        const bool initiator = role == Role::Initiator;
        return { kIk, role, asBytes("PALISADE/1"),
            initiator ? client.secretKey.bytes() : server.secretKey.bytes(),
            initiator ? ByteView(server.publicKey) : ByteView(client.publicKey), {},
            initiator ? ByteView(client.publicKey) : ByteView(server.publicKey) };
    }
};

const Keys& keys()
{
    static const Keys k;
    return k;
}

HandshakeState start(Role role)
{
    auto state = HandshakeState::create(keys().config(role));
    if (!state) {
        std::abort();
    }
    return std::move(*state);
}

void BM_NoiseIkHandshakeBothSides(benchmark::State& state)
{
    const Bytes payload(32, 1);
    for (auto _ : state) {
        auto client = start(Role::Initiator);
        auto server = start(Role::Responder);
        auto first = client.writeMessage(payload);
        auto read1 = server.readMessage(*first);
        auto second = server.writeMessage(payload);
        auto read2 = client.readMessage(*second);
        auto c = client.split();
        auto s = server.split();
        if (!read1 || !read2 || !c || !s) {
            state.SkipWithError("handshake failed");
            break;
        }
        benchmark::DoNotOptimize(c->send.nonce());
    }
    state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_NoiseIkHandshakeBothSides);

#ifdef PALISADE_TEST_SEAMS
// One side alone: the peer's messages are recorded once with fixed ephemerals (test seam);
// the measured side still does all of its own work, including making its ephemeral key.
const std::array<std::uint8_t, 32> kClientEphemeral { 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7,
    7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7 };

struct Recorded {
    Bytes first;
    Bytes second;
};

const Recorded& recorded()
{
    static const Recorded r = [] {
        auto client = start(Role::Initiator);
        auto server = start(Role::Responder);
        (void)client.setEphemeralForTesting(kClientEphemeral);
        Recorded out;
        out.first = client.writeMessage(Bytes(32, 1)).value();
        (void)server.readMessage(out.first);
        out.second = server.writeMessage(Bytes(32, 1)).value();
        return out;
    }();
    return r;
}

void BM_NoiseIkHandshakeInitiator(benchmark::State& state)
{
    const auto& r = recorded();
    const Bytes payload(32, 1);
    for (auto _ : state) {
        auto client = start(Role::Initiator);
        auto fixed = client.setEphemeralForTesting(kClientEphemeral); // in place of a random one
        auto first = client.writeMessage(payload);
        auto read = client.readMessage(r.second);
        auto ciphers = client.split();
        if (!fixed || !first || !read || !ciphers) {
            state.SkipWithError("initiator failed");
            break;
        }
        benchmark::DoNotOptimize(ciphers->send.nonce());
    }
    state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_NoiseIkHandshakeInitiator);

void BM_NoiseIkHandshakeResponder(benchmark::State& state)
{
    const auto& r = recorded();
    const Bytes payload(32, 1);
    for (auto _ : state) {
        auto server = start(Role::Responder);
        auto read = server.readMessage(r.first);
        auto second = server.writeMessage(payload);
        auto ciphers = server.split();
        if (!read || !second || !ciphers) {
            state.SkipWithError("responder failed");
            break;
        }
        benchmark::DoNotOptimize(ciphers->send.nonce());
    }
    state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_NoiseIkHandshakeResponder);
#endif

// Transport: encrypt then decrypt `size` bytes of application data, split into Noise
// messages of at most 65519 plaintext bytes (64 KiB = 65519 + 17).
void BM_NoiseTransport(benchmark::State& state)
{
    const auto size = static_cast<std::size_t>(state.range(0));
    const auto key = randomBytes(kKeySize);
    CipherState sender;
    CipherState receiver;
    sender.initializeKey(key);
    receiver.initializeKey(key);
    const Bytes plaintext(size, 0x5a);
    Bytes wire(kMaxMessageSize);
    Bytes opened(kMaxPlaintextSize);
    for (auto _ : state) {
        for (std::size_t offset = 0; offset < size; offset += kMaxPlaintextSize) {
            const ByteView chunk
                = ByteView(plaintext).subspan(offset, std::min(kMaxPlaintextSize, size - offset));
            auto sealed = sender.encryptWithAd({}, chunk, wire);
            if (!sealed || !receiver.decryptWithAd({}, ByteView(wire).first(*sealed), opened)) {
                state.SkipWithError("transport failed");
                return;
            }
        }
        benchmark::DoNotOptimize(opened.data());
    }
    state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations()) * state.range(0));
}
BENCHMARK(BM_NoiseTransport)->Arg(64)->Arg(1024)->Arg(64 * 1024);

// The same work as raw libsodium calls: one encrypt and one decrypt of `size` bytes.
void BM_RawChaChaPoly(benchmark::State& state)
{
    const auto size = static_cast<std::size_t>(state.range(0));
    const auto key = randomBytes(crypto_aead_chacha20poly1305_ietf_KEYBYTES);
    std::array<std::uint8_t, crypto_aead_chacha20poly1305_ietf_NPUBBYTES> nonce {};
    const Bytes plaintext(size, 0x5a);
    Bytes wire(size + crypto_aead_chacha20poly1305_ietf_ABYTES);
    Bytes opened(size);
    std::uint64_t counter = 0;
    for (auto _ : state) {
        ++counter;
        std::copy_n(reinterpret_cast<const std::uint8_t*>(&counter), sizeof counter, nonce.begin() + 4);
        unsigned long long sealedSize = 0;
        crypto_aead_chacha20poly1305_ietf_encrypt(
            wire.data(), &sealedSize, plaintext.data(), size, nullptr, 0, nullptr, nonce.data(), key.data());
        if (crypto_aead_chacha20poly1305_ietf_decrypt(opened.data(), nullptr, nullptr, wire.data(),
                sealedSize, nullptr, 0, nonce.data(), key.data())
            != 0) {
            state.SkipWithError("raw decrypt failed");
            return;
        }
        benchmark::DoNotOptimize(opened.data());
    }
    state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations()) * state.range(0));
}
BENCHMARK(BM_RawChaChaPoly)->Arg(64)->Arg(1024)->Arg(64 * 1024);

} // namespace

int main(int argc, char** argv)
{
    // libsodium must be initialised before the first SecureBuffer, whichever benchmark runs.
    if (!initialize()) {
        return 1;
    }
    benchmark::Initialize(&argc, argv);
    if (benchmark::ReportUnrecognizedArguments(argc, argv)) {
        return 1;
    }
    benchmark::RunSpecifiedBenchmarks();
    benchmark::Shutdown();
    return 0;
}
