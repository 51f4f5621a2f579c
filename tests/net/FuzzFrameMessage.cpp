// Fuzz target: protobuf parsing of what a peer sends inside the Noise channel (Frame) and
// in handshake payloads (ClientHello, ServerHello). A message that parses must serialise
// and parse again to the same bytes.
#include "net/proto/palisade.pb.h"

#include <cstdlib>
#include <string>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size);

namespace {

template <typename Message> void roundTrip(const std::uint8_t* data, std::size_t size)
{
    Message message;
    if (!message.ParseFromArray(data, static_cast<int>(size)))
        return;
    const std::string once = message.SerializeAsString();
    Message again;
    if (!again.ParseFromString(once) || again.SerializeAsString() != once)
        std::abort();
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    using namespace palisade::v1;
    if (size == 0)
        return 0;
    switch (data[0] % 3) {
    case 0:
        roundTrip<Frame>(data + 1, size - 1);
        break;
    case 1:
        roundTrip<ClientHello>(data + 1, size - 1);
        break;
    default:
        roundTrip<ServerHello>(data + 1, size - 1);
        break;
    }
    return 0;
}
