// Storage benchmarks: 1M messages in 1,000 conversations, SQLCipher (encrypted) beside the
// same code on an unencrypted file (plain). Results: docs/performance.md "## storage".
#include "crypto/PasswordHash.h"
#include "storage/MessageStore.h"
#include "storage/Migrations.h"

#include "BenchDataset.h"
#include <array>
#include <benchmark/benchmark.h>
#include <filesystem>

using namespace palisade;
using namespace palisade::bench;

namespace {

// Insert the whole data set in batches of state.range(1) messages, one transaction each;
// with index=1 the timing includes indexPending() for all of them (searchable at the end),
// with index=0 it stops when they are committed and queued for the index. Leaves the
// database in place, fully indexed, for the read benchmarks when the batch size is 1000.
void insertMessages(benchmark::State& state)
{
    const bool encrypted = state.range(0) != 0;
    const auto batch = static_cast<std::size_t>(state.range(1));
    const auto cacheKiB = static_cast<int>(state.range(2) * 1024);
    const bool index = state.range(3) != 0;
    for (auto _ : state) {
        state.PauseTiming();
        auto where = datasetLocation(encrypted);
        std::filesystem::remove(where.path);
        auto db = openBenchDatabase(where, true, cacheKiB);
        MessageGenerator generator(prepareConversations(db));
        storage::MessageStore store(db);
        std::vector<std::vector<storage::Message>> batches;
        for (std::size_t done = 0; done < messageCount(); done += batch) {
            batches.push_back(generator.next(batch));
        }
        state.ResumeTiming();
        for (const auto& messages : batches) {
            if (!store.addBatch(messages)) {
                state.SkipWithError("insert failed");
                return;
            }
        }
        if (index && !store.indexPending()) {
            state.SkipWithError("indexing failed");
            return;
        }
        state.PauseTiming();
        if (!index && !store.indexPending()) {
            state.SkipWithError("indexing failed");
            return;
        }
        if (batch == 1000) {
            datasetBuilt(encrypted);
        }
        state.ResumeTiming();
    }
    state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * messageCount()));
    state.SetLabel(encrypted ? "sqlcipher" : "plain");
}

void openConversation(benchmark::State& state)
{
    const bool encrypted = state.range(0) != 0;
    auto db = openBenchDatabase(dataset(encrypted), false);
    storage::MessageStore store(db);
    DataRng rng;
    for (auto _ : state) {
        const storage::ConversationId id { static_cast<std::int64_t>(1 + rng.next() % conversationCount) };
        auto page = store.latest(id, 50);
        if (!page || page->empty()) {
            state.SkipWithError("conversation page failed");
            return;
        }
        benchmark::DoNotOptimize(page->data());
    }
    state.SetLabel(encrypted ? "sqlcipher" : "plain");
}

// Newest 50 matches of a word (rank 50 to 249: each in roughly 0.1-1% of messages), or of a
// 3-letter prefix of such a word.
void search(benchmark::State& state)
{
    const bool encrypted = state.range(0) != 0;
    const bool prefix = state.range(1) != 0;
    auto db = openBenchDatabase(dataset(encrypted), false);
    storage::MessageStore store(db);
    std::size_t rank = 50;
    std::size_t found = 0;
    for (auto _ : state) {
        const auto w = word(rank);
        rank = rank >= 249 ? 50 : rank + 1;
        auto hits = store.search(prefix ? w.substr(0, 3) + "*" : w, 50);
        if (!hits) {
            state.SkipWithError("search failed");
            return;
        }
        found += hits->size();
    }
    state.counters["hits_per_query"]
        = benchmark::Counter(static_cast<double>(found), benchmark::Counter::kAvgIterations);
    state.SetLabel(encrypted ? "sqlcipher" : "plain");
}

// Open the 1M-message database and read its schema (what unlocking costs after Argon2id).
void openDatabase(benchmark::State& state)
{
    const bool encrypted = state.range(0) != 0;
    const auto& where = dataset(encrypted);
    for (auto _ : state) {
        auto db = openBenchDatabase(where, false);
        auto version = storage::schemaVersion(db);
        benchmark::DoNotOptimize(version);
    }
    state.SetLabel(encrypted ? "sqlcipher" : "plain");
}

// Argon2id cost of unwrapping the database key: 0 = interactive, 1 = moderate (the default).
void argon2idUnlock(benchmark::State& state)
{
    benchKey(); // initialises libsodium
    const auto params
        = state.range(0) == 0 ? crypto::interactivePasswordParams() : crypto::moderatePasswordParams();
    const std::array<std::uint8_t, crypto::passwordSaltSize> salt {};
    const std::array<std::uint8_t, 24> passphrase { 'c', 'o', 'r', 'r', 'e', 'c', 't', ' ', 'h', 'o', 'r',
        's', 'e' };
    for (auto _ : state) {
        auto key = crypto::derivePasswordKey(passphrase, salt, params);
        benchmark::DoNotOptimize(key);
    }
    state.SetLabel(state.range(0) == 0 ? "interactive (2 passes, 64 MiB)" : "moderate (3 passes, 256 MiB)");
}

// Reads are fast: repeat 5 times and report mean, median and spread.
void repeatedReads(benchmark::internal::Benchmark* b)
{
    b->Unit(benchmark::kMillisecond)->Repetitions(5)->ReportAggregatesOnly(true);
}

} // namespace

// The 1M-message inserts run once each (minutes); the reads repeat 5 times and report the
// mean, median and spread.
BENCHMARK(insertMessages)
    ->ArgNames({ "encrypted", "batch", "cacheMiB", "index" })
    ->Args({ 0, 1000, 8, 1 })
    ->Args({ 1, 1000, 8, 0 })
    ->Args({ 1, 1000, 8, 1 })
    ->Args({ 0, 10000, 8, 1 })
    ->Args({ 1, 10000, 8, 0 })
    ->Args({ 1, 10000, 8, 1 })
    ->Args({ 1, 1000, 64, 1 })
    ->Args({ 1, 10000, 64, 1 })
    ->Args({ 1, 10000, 128, 1 })
    ->Args({ 1, 50000, 64, 1 })
    ->Iterations(1)
    ->Unit(benchmark::kSecond)
    ->UseRealTime();
BENCHMARK(openConversation)->ArgName("encrypted")->Arg(0)->Arg(1)->Apply(repeatedReads);
BENCHMARK(search)
    ->ArgNames({ "encrypted", "prefix" })
    ->ArgsProduct({ { 0, 1 }, { 0, 1 } })
    ->Apply(repeatedReads);
BENCHMARK(openDatabase)->ArgName("encrypted")->Arg(0)->Arg(1)->Apply(repeatedReads);
BENCHMARK(argon2idUnlock)
    ->ArgName("moderate")
    ->Arg(0)
    ->Arg(1)
    ->Unit(benchmark::kMillisecond)
    ->Iterations(3)
    ->Repetitions(3)
    ->ReportAggregatesOnly(true);

BENCHMARK_MAIN();
