// Catch-up after being offline: alice sent N messages while bob was away; bob logs in and
// the queued envelopes arrive at once. Measured: bob's receive path for the whole backlog —
// decrypt, decode, dedupe, store in the SQLCipher profile (one transaction per burst),
// ack, delivery receipts encrypted and sent. Same code as the client; the server is the
// in-process relay of the unit tests (tests/core/E2eRelay.h), so no socket time is included.
#include "crypto/Init.h"

#include "E2eHarness.h"
#include <benchmark/benchmark.h>
#include <chrono>
#include <cstdlib>

namespace {

using namespace palisade;

void catchUp(benchmark::State& state)
{
    if (!crypto::initialize()) {
        state.SkipWithError("crypto");
        return;
    }
    const auto count = static_cast<int>(state.range(0));
    for (auto _ : state) {
        state.PauseTiming();
        net::asio::io_context io;
        test::TestClock clock;
        test::E2eRelay relay(io);
        auto alice = std::make_unique<test::E2eClient>(io, relay, relay.addDevice("alice"), clock);
        auto bob = std::make_unique<test::E2eClient>(io, relay, relay.addDevice("bob"), clock);
        relay.makeBuddies("alice", "bob");
        alice->addBuddy("bob");
        bob->addBuddy("alice");
        relay.disconnect(*bob->link);
        for (int i = 0; i < count; ++i) {
            if (!test::run(
                    io, alice->service->sendText("bob", "queued message number " + std::to_string(i)))) {
                state.SkipWithError("send");
                return;
            }
        }
        relay.disconnect(*alice->link);
        state.ResumeTiming();

        relay.connect(*bob->link);
        test::settle(io);

        state.PauseTiming();
        if (bob->stored != count || relay.queued(*bob->link) != 0) {
            state.SkipWithError("not all messages stored and acked");
            return;
        }
        bob.reset();
        alice.reset();
        state.ResumeTiming();
    }
    state.SetItemsProcessed(state.iterations() * count);
}

} // namespace

BENCHMARK(catchUp)->Arg(10000)->Unit(benchmark::kMillisecond)->Iterations(1)->UseRealTime();

BENCHMARK_MAIN();
