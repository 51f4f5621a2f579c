// Runs a libFuzzer entry point without libFuzzer, so every fuzz target also runs in ctest
// with the ordinary compiler: first each file of the seed corpus, then a fixed number of
// deterministic mutations of those seeds (bit flips, truncation, extension, splices).
// Usage: fuzz_replay_<name> <corpus-dir> [iterations]
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <vector>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size);

namespace {

// xorshift64*: reproducible test-input generation only, never used for secrets.
struct Mutator {
    std::uint64_t state = 0x9E3779B97F4A7C15ULL;
    std::uint64_t next()
    {
        state ^= state >> 12;
        state ^= state << 25;
        state ^= state >> 27;
        return state * 0x2545F4914F6CDD1DULL;
    }
    std::size_t below(std::size_t n) { return n == 0 ? 0 : static_cast<std::size_t>(next() % n); }

    std::vector<std::uint8_t> mutate(const std::vector<std::vector<std::uint8_t>>& seeds)
    {
        std::vector<std::uint8_t> out = seeds[below(seeds.size())];
        const std::size_t edits = 1 + below(4);
        for (std::size_t i = 0; i < edits; ++i) {
            switch (below(6)) {
            case 0: // flip a bit
                if (!out.empty())
                    out[below(out.size())] ^= static_cast<std::uint8_t>(1U << below(8));
                break;
            case 1: // truncate
                out.resize(below(out.size() + 1));
                break;
            case 2: // append random bytes
                for (std::size_t n = below(64); n > 0; --n)
                    out.push_back(static_cast<std::uint8_t>(next()));
                break;
            case 3: // overwrite a byte with an interesting value
                if (!out.empty()) {
                    static constexpr std::uint8_t interesting[] = { 0x00, 0x01, 0x7F, 0x80, 0xFF };
                    out[below(out.size())] = interesting[below(sizeof interesting)];
                }
                break;
            case 4: { // splice another seed's tail
                const auto& other = seeds[below(seeds.size())];
                const std::size_t at = below(out.size() + 1);
                out.resize(at);
                out.insert(out.end(), other.begin() + static_cast<std::ptrdiff_t>(below(other.size() + 1)),
                    other.end());
                break;
            }
            default: // duplicate a slice
                if (!out.empty()) {
                    const std::size_t from = below(out.size());
                    const std::size_t len = below(out.size() - from + 1);
                    std::vector<std::uint8_t> slice(out.begin() + static_cast<std::ptrdiff_t>(from),
                        out.begin() + static_cast<std::ptrdiff_t>(from + len));
                    out.insert(out.begin() + static_cast<std::ptrdiff_t>(below(out.size() + 1)),
                        slice.begin(), slice.end());
                }
                break;
            }
        }
        return out;
    }
};

} // namespace

int main(int argc, char** argv)
{
    if (argc < 2) {
        std::fprintf(stderr, "usage: %s <corpus-dir> [iterations]\n", argv[0]);
        return 64;
    }
    const long iterations = argc > 2 ? std::strtol(argv[2], nullptr, 10) : 20000;
    std::vector<std::vector<std::uint8_t>> seeds;
    for (const auto& entry : std::filesystem::directory_iterator(argv[1])) {
        if (!entry.is_regular_file())
            continue;
        std::ifstream in(entry.path(), std::ios::binary);
        seeds.emplace_back(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
    }
    if (seeds.empty()) {
        std::fprintf(stderr, "no seed files in %s\n", argv[1]);
        return 1;
    }
    for (const auto& seed : seeds)
        LLVMFuzzerTestOneInput(seed.data(), seed.size());
    Mutator mutator;
    for (long i = 0; i < iterations; ++i) {
        const auto input = mutator.mutate(seeds);
        LLVMFuzzerTestOneInput(input.data(), input.size());
    }
    std::printf("replayed %zu seeds and %ld mutations\n", seeds.size(), iterations);
    return 0;
}
