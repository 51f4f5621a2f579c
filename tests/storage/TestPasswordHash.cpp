#include "crypto/Init.h"
#include "crypto/PasswordHash.h"

#include <QtTest>

#include <array>
#include <string_view>

using namespace palisade::crypto;

namespace {
std::span<const std::uint8_t> bytesOf(std::string_view text)
{
    return { reinterpret_cast<const std::uint8_t*>(text.data()), text.size() };
}
// The cheapest cost libsodium allows, so tests stay fast.
PasswordHashParams cheap()
{
    return { 1, 8192 };
}
} // namespace

class TestPasswordHash : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() { QVERIFY(initialize().has_value()); }

    void deterministicForSameInputs()
    {
        const std::array<std::uint8_t, passwordSaltSize> salt {};
        auto a = derivePasswordKey(bytesOf("correct horse"), salt, cheap());
        auto b = derivePasswordKey(bytesOf("correct horse"), salt, cheap());
        QVERIFY(a && b);
        QCOMPARE(a->size(), std::size_t { 32 });
        QVERIFY(a->equals(b->bytes()));
    }

    void differsByPassphraseSaltAndCost()
    {
        std::array<std::uint8_t, passwordSaltSize> salt {};
        auto base = derivePasswordKey(bytesOf("correct horse"), salt, cheap());
        auto otherPass = derivePasswordKey(bytesOf("correct horsf"), salt, cheap());
        auto otherCost = derivePasswordKey(bytesOf("correct horse"), salt, { 2, 8192 });
        salt[0] = 1;
        auto otherSalt = derivePasswordKey(bytesOf("correct horse"), salt, cheap());
        QVERIFY(base && otherPass && otherCost && otherSalt);
        QVERIFY(!base->equals(otherPass->bytes()));
        QVERIFY(!base->equals(otherCost->bytes()));
        QVERIFY(!base->equals(otherSalt->bytes()));
    }

    // Known answers from an independent implementation, the Argon2 reference CLI (Debian
    // package argon2): echo -n palisade | argon2 palisade-salt-16 -id -t T -k KiB -p 1 -l LEN -r
    void knownAnswers_data()
    {
        QTest::addColumn<quint64>("ops");
        QTest::addColumn<quint64>("mem");
        QTest::addColumn<int>("length");
        QTest::addColumn<QByteArray>("expected");
        QTest::newRow("t1-8KiB-16") << quint64 { 1 } << quint64 { 8 * 1024 } << 16
                                    << QByteArray("433e8be97b5eb34296c4b9d0131d1bf4");
        QTest::newRow("t2-64KiB-32")
            << quint64 { 2 } << quint64 { 64 * 1024 } << 32
            << QByteArray("0f8d1849e7ad9d838f0fddb9f80e7d33e2d2270735143ac6d388193eea3ab765");
    }

    void knownAnswers()
    {
        QFETCH(quint64, ops);
        QFETCH(quint64, mem);
        QFETCH(int, length);
        QFETCH(QByteArray, expected);
        const std::string_view salt = "palisade-salt-16";
        auto key = derivePasswordKey(
            bytesOf("palisade"), bytesOf(salt), { ops, mem }, static_cast<std::size_t>(length));
        QVERIFY(key);
        const QByteArray hex = QByteArray(reinterpret_cast<const char*>(key->data()), length).toHex();
        QCOMPARE(hex, expected);
    }

    void rejectsBadInputs()
    {
        const std::array<std::uint8_t, 8> shortSalt {};
        QCOMPARE(derivePasswordKey(bytesOf("x"), shortSalt, cheap()).error(), Error::InvalidKey);
        const std::array<std::uint8_t, passwordSaltSize> salt {};
        QCOMPARE(derivePasswordKey(bytesOf("x"), salt, { 0, 8192 }).error(), Error::InvalidKey);
        QCOMPARE(derivePasswordKey(bytesOf("x"), salt, { 1, 1024 }).error(), Error::InvalidKey);
        QCOMPARE(derivePasswordKey(bytesOf("x"), salt, { 1000, 8192 }).error(), Error::InvalidKey);
        QCOMPARE(derivePasswordKey(bytesOf("x"), salt, { 1, 1ULL << 40 }).error(), Error::InvalidKey);
        QCOMPARE(derivePasswordKey(bytesOf("x"), salt, cheap(), 8).error(), Error::InvalidKey);
    }

    void presetsAreAcceptable()
    {
        QVERIFY(acceptablePasswordParams(interactivePasswordParams()));
        QVERIFY(acceptablePasswordParams(moderatePasswordParams()));
        QVERIFY(moderatePasswordParams().memLimit > interactivePasswordParams().memLimit);
    }

    void emptyPassphraseWorks()
    {
        const std::array<std::uint8_t, passwordSaltSize> salt {};
        auto key = derivePasswordKey({}, salt, cheap());
        QVERIFY(key);
        QCOMPARE(key->size(), std::size_t { 32 });
    }
};

QTEST_GUILESS_MAIN(TestPasswordHash)
#include "TestPasswordHash.moc"
