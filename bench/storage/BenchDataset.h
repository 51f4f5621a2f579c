#pragma once
// The benchmark data set: N messages (default 1,000,000; PALISADE_BENCH_MESSAGES overrides)
// in 1,000 conversations, bodies of 4-20 words drawn with a Zipf-like skew from a synthetic
// 20,000-word vocabulary, deterministic so every run sees the same data.

#include "crypto/SecureBuffer.h"
#include "storage/Database.h"
#include "storage/Types.h"

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

namespace palisade::bench {

inline constexpr int conversationCount = 1000;
inline constexpr std::size_t vocabularySize = 20000;

/// xorshift64*: reproducible benchmark data only, never used for secrets.
struct DataRng {
    std::uint64_t state = 0x2545F4914F6CDD1DULL;
    std::uint64_t next()
    {
        state ^= state >> 12;
        state ^= state << 25;
        state ^= state >> 27;
        return state * 0x2545F4914F6CDD1DULL;
    }
};

std::size_t messageCount();
/// Vocabulary word @p rank (0 = most frequent).
std::string word(std::size_t rank);

/// Generates message batches in insertion order.
class MessageGenerator {
public:
    explicit MessageGenerator(std::vector<storage::ConversationId> conversations);
    std::vector<storage::Message> next(std::size_t count);

private:
    std::vector<storage::ConversationId> m_conversations;
    std::vector<std::string> m_words;
    DataRng m_rng;
    std::int64_t m_serial = 0;
};

/// A database under the benchmark folder, encrypted or plain (the comparison).
struct BenchDatabase {
    std::filesystem::path path;
    bool encrypted = true;
};

/// The key all benchmark databases use (fixed per process).
const crypto::SecureBuffer& benchKey();
/// Open (creating when asked) a benchmark database.
storage::Database openBenchDatabase(const BenchDatabase& which, bool create, int cacheSizeKiB = 8192);
/// Create the schema and the 1,000 contacts and conversations; returns the conversations.
std::vector<storage::ConversationId> prepareConversations(storage::Database& db);
/// The 1M-message data set for @p encrypted, built on first use (and by the insert benchmark).
const BenchDatabase& dataset(bool encrypted);
/// Mark the data set as built by the insert benchmark.
void datasetBuilt(bool encrypted);
/// Where the data set for @p encrypted lives.
BenchDatabase datasetLocation(bool encrypted);

} // namespace palisade::bench
