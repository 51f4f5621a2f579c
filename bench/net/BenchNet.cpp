// net/ benchmarks: the frame codec, and Noise transport over a real loopback TCP
// connection (client and server on one io_context, one thread): one write per message,
// batched writes, and request/echo round trips. Numbers: docs/performance.md, "## net".
#include "crypto/Init.h"
#include "crypto/X25519.h"
#include "net/FrameCodec.h"
#include "net/Handshake.h"

#include <benchmark/benchmark.h>
#include <cstdio>
#include <memory>
#include <optional>

using namespace palisade;
using namespace palisade::net;

namespace {

constexpr std::size_t kBodySize = 256;
constexpr int kMessagesPerIteration = 10'000;
constexpr int kRoundTripsPerIteration = 1'000;

void frameRoundTrip(benchmark::State& state)
{
    const std::vector<std::uint8_t> body(static_cast<std::size_t>(state.range(0)), 0x5A);
    std::vector<std::uint8_t> wire;
    FrameDecoder decoder;
    for (auto _ : state) {
        wire.clear();
        if (!appendFrame(wire, body))
            state.SkipWithError("encode failed");
        decoder.feed(wire);
        auto frame = decoder.next();
        if (!frame || !*frame || (*frame)->size() != body.size())
            state.SkipWithError("decode failed");
        benchmark::DoNotOptimize(frame);
    }
    state.SetBytesProcessed(state.iterations() * state.range(0));
}
BENCHMARK(frameRoundTrip)->Arg(64)->Arg(256)->Arg(4096);

/// An established client/server pair of NoiseConnections over loopback TCP.
struct Pair {
    asio::io_context io;
    crypto::X25519KeyPair serverKey = crypto::x25519::generateKeyPair();
    crypto::X25519KeyPair deviceKey = crypto::x25519::generateKeyPair();
    std::shared_ptr<NoiseConnection> client;
    std::shared_ptr<NoiseConnection> server;
    Pair();
};

Awaitable<void> acceptOne(tcp::acceptor& acceptor, Pair& pair)
{
    boost::system::error_code ec;
    tcp::socket socket = co_await acceptor.async_accept(asio::redirect_error(asio::use_awaitable, ec));
    if (ec)
        co_return;
    auto accepted = co_await acceptClient(std::move(socket), pair.serverKey, v1::ServerHello {}, false);
    if (accepted)
        pair.server = std::move(accepted->connection);
}

Awaitable<void> connectOne(std::uint16_t port, Pair& pair)
{
    Endpoint server { "127.0.0.1", port };
    ProxySettings direct;
    auto stream = co_await connectStream(std::move(server), std::move(direct));
    if (!stream)
        co_return;
    auto session = co_await connectClient(
        std::move(*stream), pair.deviceKey, pair.serverKey.publicKey, v1::ClientHello {});
    if (session)
        pair.client = std::move(session->connection);
}

Pair::Pair()
{
    tcp::acceptor acceptor(io, tcp::endpoint(asio::ip::address_v4::loopback(), 0));
    asio::co_spawn(io, acceptOne(acceptor, *this), asio::detached);
    asio::co_spawn(io, connectOne(acceptor.local_endpoint().port(), *this), asio::detached);
    io.run();
    io.restart();
}

Awaitable<void> sendAll(NoiseConnection& connection, int count, int batch, bool& ok)
{
    const std::vector<std::uint8_t> body(kBodySize, 0x42);
    for (int sent = 0; sent < count && ok;) {
        for (int i = 0; i < batch && sent < count; ++i, ++sent)
            ok = ok && connection.queue(body).has_value();
        ok = ok && (co_await connection.flush()).has_value();
    }
}

Awaitable<void> receiveAll(NoiseConnection& connection, int count, bool& ok)
{
    for (int i = 0; i < count && ok; ++i)
        ok = (co_await connection.receive()).has_value();
}

/// Messages per second from client to server; range(0) messages per write.
void noiseLoopbackThroughput(benchmark::State& state)
{
    Pair pair;
    if (!pair.client || !pair.server) {
        state.SkipWithError("handshake failed");
        return;
    }
    const int batch = static_cast<int>(state.range(0));
    bool ok = true;
    for (auto _ : state) {
        asio::co_spawn(pair.io, receiveAll(*pair.server, kMessagesPerIteration, ok), asio::detached);
        asio::co_spawn(pair.io, sendAll(*pair.client, kMessagesPerIteration, batch, ok), asio::detached);
        pair.io.run();
        pair.io.restart();
        if (!ok)
            state.SkipWithError("transport failed");
    }
    state.SetItemsProcessed(state.iterations() * kMessagesPerIteration);
}
BENCHMARK(noiseLoopbackThroughput)->Arg(1)->Arg(512)->UseRealTime();

Awaitable<void> echoAll(NoiseConnection& connection, int count, bool& ok)
{
    for (int i = 0; i < count && ok; ++i) {
        auto message = co_await connection.receive();
        ok = message && (co_await connection.send(*message)).has_value();
    }
}

Awaitable<void> pingAll(NoiseConnection& connection, int count, bool& ok)
{
    const std::vector<std::uint8_t> body(kBodySize, 0x24);
    for (int i = 0; i < count && ok; ++i) {
        ok = (co_await connection.send(body)).has_value();
        ok = ok && (co_await connection.receive()).has_value();
    }
}

/// Request/echo round trips of 256-byte messages; "rtt" is the time per round trip.
void noiseLoopbackRoundTrip(benchmark::State& state)
{
    Pair pair;
    if (!pair.client || !pair.server) {
        state.SkipWithError("handshake failed");
        return;
    }
    bool ok = true;
    for (auto _ : state) {
        asio::co_spawn(pair.io, echoAll(*pair.server, kRoundTripsPerIteration, ok), asio::detached);
        asio::co_spawn(pair.io, pingAll(*pair.client, kRoundTripsPerIteration, ok), asio::detached);
        pair.io.run();
        pair.io.restart();
        if (!ok)
            state.SkipWithError("transport failed");
    }
    state.SetItemsProcessed(state.iterations() * kRoundTripsPerIteration);
    state.counters["rtt"]
        = benchmark::Counter(static_cast<double>(state.iterations() * kRoundTripsPerIteration),
            benchmark::Counter::kIsRate | benchmark::Counter::kInvert);
}
BENCHMARK(noiseLoopbackRoundTrip)->UseRealTime();

} // namespace

int main(int argc, char** argv)
{
    if (!crypto::initialize()) {
        std::fputs("libsodium failed to initialise\n", stderr);
        return 1;
    }
    benchmark::Initialize(&argc, argv);
    if (benchmark::ReportUnrecognizedArguments(argc, argv))
        return 1;
    benchmark::RunSpecifiedBenchmarks();
    benchmark::Shutdown();
    return 0;
}
