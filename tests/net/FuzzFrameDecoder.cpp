// Fuzz target: the frame decoder fed arbitrary bytes in arbitrary pieces. The first byte
// picks the maximum frame size and the piece size; every frame returned must respect it.
#include "net/FrameCodec.h"

#include <cstdlib>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size);

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    using namespace palisade::net;
    if (size == 0)
        return 0;
    const std::size_t maxFrame = data[0] & 0x80 ? kMaxFrameSize : 1 + data[0] * 8U;
    const std::size_t piece = 1 + (data[0] & 0x0F);
    FrameDecoder decoder(maxFrame);
    std::span<const std::uint8_t> input(data + 1, size - 1);
    while (!input.empty()) {
        const std::size_t n = std::min(piece, input.size());
        decoder.feed(input.first(n));
        input = input.subspan(n);
        for (;;) {
            auto frame = decoder.next();
            if (!frame || !*frame)
                break;
            if ((*frame)->empty() || (*frame)->size() > maxFrame)
                std::abort();
            // Re-encoding a decoded frame must succeed.
            std::vector<std::uint8_t> out;
            if (!appendFrame(out, **frame, maxFrame) || out.size() != (*frame)->size() + kFrameHeaderSize)
                std::abort();
        }
    }
    return 0;
}
