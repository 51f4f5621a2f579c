#include "crypto/Init.h"
#include "crypto/SecureBuffer.h"

#include <QtTest>

#include <algorithm>
#include <array>
#include <set>
#include <type_traits>
#include <vector>

using palisade::crypto::SecureBuffer;

static_assert(!std::is_copy_constructible_v<SecureBuffer>);
static_assert(!std::is_copy_assignable_v<SecureBuffer>);
static_assert(std::is_nothrow_move_constructible_v<SecureBuffer>);

class TestSecureBuffer : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() { QVERIFY(palisade::crypto::initialize().has_value()); }

    void startsZeroed()
    {
        SecureBuffer b(64);
        QCOMPARE(b.size(), std::size_t { 64 });
        for (auto byte : b.bytes()) {
            QCOMPARE(byte, std::uint8_t { 0 });
        }
    }

    void copyOfHoldsBytes()
    {
        const std::array<std::uint8_t, 4> src { 1, 2, 3, 4 };
        auto b = SecureBuffer::copyOf(src);
        QVERIFY(b.equals(src));
        const std::array<std::uint8_t, 4> other { 1, 2, 3, 5 };
        QVERIFY(!b.equals(other));
        const std::array<std::uint8_t, 3> shorter { 1, 2, 3 };
        QVERIFY(!b.equals(shorter));
    }

    void moveLeavesSourceEmpty()
    {
        const std::array<std::uint8_t, 3> src { 9, 8, 7 };
        auto a = SecureBuffer::copyOf(src);
        SecureBuffer b(std::move(a));
        QVERIFY(a.empty()); // NOLINT(bugprone-use-after-move): the moved-from state is the contract
        QVERIFY(a.data() == nullptr);
        QVERIFY(b.equals(src));
        SecureBuffer c;
        c = std::move(b);
        QVERIFY(b.empty()); // NOLINT(bugprone-use-after-move)
        QVERIFY(c.equals(src));
    }

    void wipeZeroesAndResetFrees()
    {
        const std::array<std::uint8_t, 3> src { 5, 5, 5 };
        auto b = SecureBuffer::copyOf(src);
        b.wipe();
        QCOMPARE(b.size(), std::size_t { 3 });
        QCOMPARE(b.data()[0], std::uint8_t { 0 });
        b.reset();
        QVERIFY(b.empty());
        QVERIFY(b.data() == nullptr);
    }

    // Small blocks are recycled: a released buffer must come back zeroed, whatever it held,
    // and recycling must not hand one block to two live buffers.
    void recycledBlocksAreZeroedAndDistinct()
    {
        for (int round = 0; round < 3; ++round) {
            std::vector<SecureBuffer> live;
            for (int i = 0; i < 100; ++i) {
                SecureBuffer b(32);
                for (auto byte : b.bytes()) {
                    QCOMPARE(byte, std::uint8_t { 0 });
                }
                std::fill(b.mutableBytes().begin(), b.mutableBytes().end(), std::uint8_t { 0xA5 });
                live.push_back(std::move(b));
            }
            std::set<const std::uint8_t*> addresses;
            for (const auto& b : live) {
                addresses.insert(b.data());
            }
            QCOMPARE(addresses.size(), live.size());
        }
        SecureBuffer large(4096); // beyond the pooled sizes
        QCOMPARE(large.size(), std::size_t { 4096 });
    }

    void emptyBufferIsValid()
    {
        SecureBuffer b(0);
        QVERIFY(b.empty());
        QVERIFY(b.equals({}));
    }
};

QTEST_GUILESS_MAIN(TestSecureBuffer)
#include "TestSecureBuffer.moc"
