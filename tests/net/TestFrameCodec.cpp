#include "net/FrameCodec.h"

#include <QtTest>

#include <numeric>

using namespace palisade::net;

namespace {

std::vector<std::uint8_t> pattern(std::size_t size, std::uint8_t seed = 0)
{
    std::vector<std::uint8_t> out(size);
    std::iota(out.begin(), out.end(), seed);
    return out;
}

std::vector<std::uint8_t> framed(std::span<const std::uint8_t> body)
{
    std::vector<std::uint8_t> out;
    const auto ok = appendFrame(out, body);
    Q_ASSERT(ok.has_value());
    return out;
}

} // namespace

class TestFrameCodec : public QObject {
    Q_OBJECT
private slots:
    void headerIsBigEndianLength()
    {
        const auto out = framed(pattern(0x0102));
        QCOMPARE(out.size(), std::size_t { 0x0102 + 2 });
        QCOMPARE(out[0], std::uint8_t { 0x01 });
        QCOMPARE(out[1], std::uint8_t { 0x02 });
        QCOMPARE(out[2], std::uint8_t { 0x00 });
    }

    void encodeRejectsEmptyAndOversize()
    {
        std::vector<std::uint8_t> out { 0xAA };
        QCOMPARE(appendFrame(out, {}).error(), Error::FrameEmpty);
        QCOMPARE(appendFrame(out, pattern(kMaxFrameSize + 1)).error(), Error::FrameTooLarge);
        QCOMPARE(appendFrame(out, pattern(101), 100).error(), Error::FrameTooLarge);
        QCOMPARE(out.size(), std::size_t { 1 }); // untouched on failure
        QVERIFY(appendFrame(out, pattern(kMaxFrameSize)).has_value());
        QCOMPARE(out.size(), 1 + 2 + kMaxFrameSize);
    }

    void roundTripsOneByteAtATime()
    {
        std::vector<std::uint8_t> stream;
        const std::vector<std::size_t> sizes { 1, 2, 300, 65535, 17 };
        for (std::size_t i = 0; i < sizes.size(); ++i)
            QVERIFY(appendFrame(stream, pattern(sizes[i], static_cast<std::uint8_t>(i))).has_value());
        FrameDecoder decoder;
        std::size_t seen = 0;
        for (const std::uint8_t byte : stream) {
            decoder.feed(std::span(&byte, 1));
            auto frame = decoder.next();
            QVERIFY(frame.has_value());
            if (*frame) {
                QCOMPARE((*frame)->size(), sizes[seen]);
                const auto expected = pattern(sizes[seen], static_cast<std::uint8_t>(seen));
                QVERIFY(std::ranges::equal(**frame, expected));
                ++seen;
            }
        }
        QCOMPARE(seen, sizes.size());
        QCOMPARE(decoder.buffered(), std::size_t { 0 });
    }

    void manyFramesInOneRead()
    {
        std::vector<std::uint8_t> stream;
        for (int i = 0; i < 100; ++i)
            QVERIFY(appendFrame(stream, pattern(10, static_cast<std::uint8_t>(i))).has_value());
        stream.push_back(0x00); // half a header of the next frame
        FrameDecoder decoder;
        decoder.feed(stream);
        int count = 0;
        for (;;) {
            auto frame = decoder.next();
            QVERIFY(frame.has_value());
            if (!*frame)
                break;
            QCOMPARE((**frame)[0], static_cast<std::uint8_t>(count));
            ++count;
        }
        QCOMPARE(count, 100);
        QCOMPARE(decoder.buffered(), std::size_t { 1 });
    }

    void zeroLengthIsMalformedAndSticky()
    {
        FrameDecoder decoder;
        const std::vector<std::uint8_t> bytes { 0x00, 0x00, 0x00, 0x01, 0x41 };
        decoder.feed(bytes);
        QCOMPARE(decoder.next().error(), Error::FrameEmpty);
        decoder.feed(framed(pattern(3)));
        QCOMPARE(decoder.next().error(), Error::FrameEmpty);
    }

    void oversizeRejectedFromTheHeaderAlone()
    {
        FrameDecoder decoder(1024);
        QCOMPARE(decoder.maxFrame(), std::size_t { 1024 });
        const std::vector<std::uint8_t> header { 0x04, 0x01 }; // 1025, body never sent
        decoder.feed(header);
        QCOMPARE(decoder.next().error(), Error::FrameTooLarge);
        QCOMPARE(decoder.buffered(), std::size_t { 0 });
    }

    void maximumIsCappedAtTheWireLimit()
    {
        FrameDecoder decoder(1'000'000);
        QCOMPARE(decoder.maxFrame(), kMaxFrameSize);
    }

    void describesEveryError()
    {
        for (int e = 0; e <= static_cast<int>(Error::IoError); ++e)
            QVERIFY(!describe(static_cast<Error>(e)).empty());
        QVERIFY(describe(Error::UntrustedServerKey) != describe(Error::Timeout));
    }
};

QTEST_GUILESS_MAIN(TestFrameCodec)
#include "TestFrameCodec.moc"
