#include "BenchDataset.h"

#include "crypto/Init.h"
#include "crypto/Random.h"
#include "crypto/SecretBox.h"
#include "storage/ContactStore.h"
#include "storage/MessageStore.h"
#include "storage/Schema.h"

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <unistd.h>

namespace palisade::bench {

namespace {

[[noreturn]] void die(const char* what, const storage::Error& error)
{
    std::fprintf(stderr, "%s: %s\n", what, storage::describe(error).c_str());
    std::exit(1);
}

std::filesystem::path benchRoot()
{
    static const std::filesystem::path root = [] {
        auto dir = std::filesystem::temp_directory_path()
            / ("palisade-bench-storage-" + std::to_string(::getpid()));
        std::filesystem::create_directories(dir);
        return dir;
    }();
    return root;
}

bool built[2] = { false, false };

} // namespace

std::size_t messageCount()
{
    if (const char* env = std::getenv("PALISADE_BENCH_MESSAGES")) {
        return static_cast<std::size_t>(std::strtoull(env, nullptr, 10));
    }
    return 1000000;
}

std::string word(std::size_t rank)
{
    static constexpr const char* syllables[] = { "ka", "lo", "mi", "ne", "su", "ta", "ri", "po", "de", "va",
        "zu", "he", "bo", "ga", "fi", "ju", "xe", "wa", "co", "ny" };
    std::string out;
    std::size_t n = rank + 20; // at least two syllables
    while (n > 0) {
        out += syllables[n % 20];
        n /= 20;
    }
    return out;
}

MessageGenerator::MessageGenerator(std::vector<storage::ConversationId> conversations)
    : m_conversations(std::move(conversations))
{
    m_words.reserve(vocabularySize);
    for (std::size_t i = 0; i < vocabularySize; ++i) {
        m_words.push_back(word(i));
    }
}

std::vector<storage::Message> MessageGenerator::next(std::size_t count)
{
    std::vector<storage::Message> out(count);
    for (auto& m : out) {
        const auto serial = m_serial++;
        m.conversation = m_conversations[m_rng.next() % m_conversations.size()];
        m.dedupeId.resize(16);
        for (std::size_t i = 0; i < 16; i += 8) {
            const auto r = m_rng.next();
            for (std::size_t k = 0; k < 8; ++k) {
                m.dedupeId[i + k] = static_cast<std::uint8_t>(r >> (8 * k));
            }
        }
        m.direction = (serial & 1) != 0 ? storage::Direction::Outgoing : storage::Direction::Incoming;
        m.state = storage::MessageState::Read;
        m.sentAt = 1700000000000 + serial * 1000;
        m.receivedAt = m.sentAt + 50;
        const auto words = 4 + m_rng.next() % 17;
        for (std::uint64_t w = 0; w < words; ++w) {
            // Zipf-like: rank = size^u - 1 with u uniform in [0, 1).
            const double u = static_cast<double>(m_rng.next() >> 11) / 9007199254740992.0;
            const auto rank = static_cast<std::size_t>(std::pow(static_cast<double>(vocabularySize), u)) - 1;
            if (w > 0) {
                m.body += ' ';
            }
            m.body += m_words[rank % vocabularySize];
        }
    }
    return out;
}

const crypto::SecureBuffer& benchKey()
{
    static const crypto::SecureBuffer key = [] {
        if (!crypto::initialize()) {
            std::fprintf(stderr, "libsodium failed to initialise\n");
            std::exit(1);
        }
        return crypto::randomSecret(storage::databaseKeySize);
    }();
    return key;
}

storage::Database openBenchDatabase(const BenchDatabase& which, bool create, int cacheSizeKiB)
{
    storage::OpenOptions options;
    options.create = create;
    options.cacheSizeKiB = cacheSizeKiB;
    auto db = which.encrypted ? storage::Database::open(which.path, benchKey(), options)
                              : storage::Database::openPlaintextForComparison(which.path, options);
    if (!db) {
        die("open", db.error());
    }
    return std::move(*db);
}

std::vector<storage::ConversationId> prepareConversations(storage::Database& db)
{
    if (auto ok = storage::migrate(db, storage::clientMigrations()); !ok) {
        die("migrate", ok.error());
    }
    storage::ContactStore contacts(db);
    std::vector<storage::ConversationId> out;
    for (int i = 0; i < conversationCount; ++i) {
        auto contact = contacts.add("user" + std::to_string(i), "", storage::ContactState::Accepted, 1);
        if (!contact) {
            die("contact", contact.error());
        }
        out.push_back(*contacts.conversationWith(*contact));
    }
    return out;
}

BenchDatabase datasetLocation(bool encrypted)
{
    return { benchRoot() / (encrypted ? "encrypted.db" : "plain.db"), encrypted };
}

void datasetBuilt(bool encrypted)
{
    built[encrypted ? 1 : 0] = true;
}

const BenchDatabase& dataset(bool encrypted)
{
    static const BenchDatabase locations[2] = { datasetLocation(false), datasetLocation(true) };
    const auto& where = locations[encrypted ? 1 : 0];
    if (!built[encrypted ? 1 : 0]) {
        std::filesystem::remove(where.path);
        auto db = openBenchDatabase(where, true);
        MessageGenerator generator(prepareConversations(db));
        storage::MessageStore store(db);
        for (std::size_t done = 0; done < messageCount(); done += 1000) {
            if (auto ok = store.addBatch(generator.next(1000)); !ok) {
                die("insert", ok.error());
            }
        }
        if (auto ok = store.indexPending(); !ok) {
            die("index", ok.error());
        }
        datasetBuilt(encrypted);
    }
    return where;
}

} // namespace palisade::bench
