#include "crypto/Init.h"

#include <sodium.h>

namespace palisade::crypto {

std::expected<void, Error> initialize()
{
    if (sodium_init() < 0) {
        return std::unexpected(Error::InitFailed);
    }
    return {};
}

} // namespace palisade::crypto
