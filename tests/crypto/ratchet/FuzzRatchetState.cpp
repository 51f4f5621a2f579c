// Fuzz target: Session::deserialize on untrusted bytes (session state comes from disk).
// The input is tried as is and with a correct checksum appended, so mutations reach the
// structural checks behind the checksum. Anything accepted must serialise back identically.
#include "crypto/Init.h"
#include "crypto/ratchet/Session.h"

#include <sodium.h>

#include <algorithm>
#include <cstdlib>
#include <vector>

using namespace palisade::crypto::ratchet;

namespace {

void check(ByteView state)
{
    const auto session = Session::deserialize(state);
    if (!session) {
        return;
    }
    const auto again = session->serialize();
    if (!std::ranges::equal(again.bytes(), state)) {
        std::abort();
    }
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size);

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    static const bool ready = palisade::crypto::initialize().has_value();
    if (!ready) {
        std::abort();
    }
    check(ByteView(data, size));
    std::vector<std::uint8_t> sealed(data, data + size);
    std::array<std::uint8_t, crypto_hash_sha512_BYTES> hash {};
    crypto_hash_sha512(hash.data(), sealed.data(), sealed.size());
    sealed.insert(sealed.end(), hash.begin(), hash.begin() + 32);
    check(sealed);
    return 0;
}
