// E2E costs: X3DH both sides, one message encrypt+decrypt with and without a DH-ratchet step,
// sustained decrypts (10,000 queued messages), session state round trip, safety number.
#include "crypto/Init.h"
#include "crypto/SafetyNumber.h"
#include "crypto/ratchet/Session.h"

#include <sodium.h>

#include <array>
#include <benchmark/benchmark.h>
#include <cstdlib>
#include <optional>
#include <vector>

using namespace palisade::crypto::ratchet;

namespace {

struct Fixture {
    IdentityKeyPair aliceIdentity = IdentityKeyPair::generate();
    IdentityKeyPair bobIdentity = IdentityKeyPair::generate();
    SignedPreKey signedPreKey = SignedPreKey::generate(bobIdentity, 1).value();
    PreKeyPair oneTime = PreKeyPair::generate(2);

    [[nodiscard]] PreKeyBundle bundle() const
    {
        return { bobIdentity.publicKey, 1, signedPreKey.keyPair.publicKey, signedPreKey.signature,
            OneTimePreKeyPublic { 2, oneTime.publicKey } };
    }
};

Fixture& fixture()
{
    static Fixture f = [] {
        if (!palisade::crypto::initialize()) {
            std::abort();
        }
        return Fixture {};
    }();
    return f;
}

/// Alice and Bob with the first message delivered.
struct Pair {
    std::optional<Session> alice;
    std::optional<Session> bob;
    Pair()
    {
        auto& f = fixture();
        alice.emplace(Session::initiate(f.aliceIdentity, f.bundle()).value());
        const std::vector<std::uint8_t> hello(16, 1);
        auto accepted
            = Session::accept(f.bobIdentity, f.signedPreKey, &f.oneTime, alice->encrypt(hello).value());
        bob.emplace(std::move(accepted.value().session));
        (void)alice->decrypt(bob->encrypt(hello).value()).value(); // Alice leaves the prekey phase
    }
};

void x3dhInitiator(benchmark::State& state)
{
    auto& f = fixture();
    const PreKeyBundle bundle = f.bundle();
    for (auto _ : state) {
        auto session = Session::initiate(f.aliceIdentity, bundle);
        benchmark::DoNotOptimize(session);
    }
}
BENCHMARK(x3dhInitiator)->Unit(benchmark::kMicrosecond);

void x3dhResponder(benchmark::State& state)
{
    auto& f = fixture();
    auto alice = Session::initiate(f.aliceIdentity, f.bundle()).value();
    const std::vector<std::uint8_t> hello(64, 1);
    const auto first = alice.encrypt(hello).value();
    for (auto _ : state) {
        auto accepted = Session::accept(f.bobIdentity, f.signedPreKey, &f.oneTime, first);
        benchmark::DoNotOptimize(accepted);
    }
}
BENCHMARK(x3dhResponder)->Unit(benchmark::kMicrosecond);

/// Alice encrypts, Bob decrypts, same sending chain: symmetric ratchet only.
void encryptDecryptSameChain(benchmark::State& state)
{
    Pair p;
    const std::vector<std::uint8_t> plaintext(static_cast<std::size_t>(state.range(0)), 0x5A);
    for (auto _ : state) {
        auto plain = p.bob->decrypt(p.alice->encrypt(plaintext).value());
        benchmark::DoNotOptimize(plain);
    }
    state.SetItemsProcessed(state.iterations());
}
BENCHMARK(encryptDecryptSameChain)->Arg(64)->Arg(1024)->Unit(benchmark::kMicrosecond);

/// Turns alternate, so every decrypt performs a DH-ratchet step (2 X25519 + key generation).
void encryptDecryptWithDhStep(benchmark::State& state)
{
    Pair p;
    const std::vector<std::uint8_t> plaintext(static_cast<std::size_t>(state.range(0)), 0x5A);
    bool aliceTurn = true;
    for (auto _ : state) {
        Session& sender = aliceTurn ? *p.alice : *p.bob;
        Session& receiver = aliceTurn ? *p.bob : *p.alice;
        auto plain = receiver.decrypt(sender.encrypt(plaintext).value());
        benchmark::DoNotOptimize(plain);
        aliceTurn = !aliceTurn;
    }
    state.SetItemsProcessed(state.iterations());
}
BENCHMARK(encryptDecryptWithDhStep)->Arg(64)->Unit(benchmark::kMicrosecond);

/// Catch-up: 10,000 queued 256-byte messages decrypted in order (items/s = decrypts/s).
void decrypt10k(benchmark::State& state)
{
    Pair p;
    const auto bobStart = p.bob->serialize();
    const std::vector<std::uint8_t> plaintext(256, 0x33);
    std::vector<std::vector<std::uint8_t>> queued;
    queued.reserve(10000);
    for (int i = 0; i < 10000; ++i) {
        queued.push_back(p.alice->encrypt(plaintext).value());
    }
    for (auto _ : state) {
        auto bob = Session::deserialize(bobStart.bytes()).value();
        for (const auto& message : queued) {
            auto plain = bob.decrypt(message);
            benchmark::DoNotOptimize(plain);
        }
    }
    state.SetItemsProcessed(state.iterations() * 10000);
}
BENCHMARK(decrypt10k)->Unit(benchmark::kMillisecond);

void stateRoundTrip(benchmark::State& state)
{
    Pair p;
    for (auto _ : state) {
        auto restored = Session::deserialize(p.bob->serialize().bytes());
        benchmark::DoNotOptimize(restored);
    }
}
BENCHMARK(stateRoundTrip)->Unit(benchmark::kMicrosecond);

void safetyNumber(benchmark::State& state)
{
    auto& f = fixture();
    const std::uint8_t alice[] = { 'a', 'l', 'i', 'c', 'e' };
    const std::uint8_t bob[] = { 'b', 'o', 'b' };
    for (auto _ : state) {
        auto number
            = palisade::crypto::safetyNumber(alice, f.aliceIdentity.publicKey, bob, f.bobIdentity.publicKey);
        benchmark::DoNotOptimize(number);
    }
}
BENCHMARK(safetyNumber)->Unit(benchmark::kMillisecond);

/// Reference: one raw libsodium X25519 scalar multiplication, the unit of every DH above.
void rawX25519(benchmark::State& state)
{
    (void)fixture();
    std::array<std::uint8_t, crypto_scalarmult_SCALARBYTES> secret {};
    std::array<std::uint8_t, crypto_scalarmult_BYTES> peer {};
    std::array<std::uint8_t, crypto_scalarmult_BYTES> out {};
    randombytes_buf(secret.data(), secret.size());
    crypto_scalarmult_base(peer.data(), secret.data());
    for (auto _ : state) {
        benchmark::DoNotOptimize(crypto_scalarmult(out.data(), secret.data(), peer.data()));
    }
}
BENCHMARK(rawX25519)->Unit(benchmark::kMicrosecond);

} // namespace

BENCHMARK_MAIN();
