// Fuzz target: every parser of proxy replies (SOCKS5 method, RFC 1929 status, SOCKS5
// connect reply, HTTP CONNECT response). The first byte selects the parser.
#include "net/ProxyProtocol.h"

#include <cstdlib>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size);

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    using namespace palisade::net::proxy;
    if (size == 0)
        return 0;
    const std::span<const std::uint8_t> input(data + 1, size - 1);
    switch (data[0] % 4) {
    case 0:
        (void)parseSocksMethod(input, data[0] & 0x10);
        break;
    case 1:
        (void)parseSocksPasswordStatus(input);
        break;
    case 2: {
        const auto length = socksReplyLength(input);
        if (length && (*length < kSocksReplyPrefix || *length > 4 + 1 + 255 + 2))
            std::abort();
        break;
    }
    default: {
        const auto header = parseHttpConnectResponse(input);
        if (header && *header && (**header > input.size() || **header > kMaxHttpHeader))
            std::abort();
        break;
    }
    }
    return 0;
}
