// Known answers for what the published Noise vectors do not reach (tests/data/noise/
// noise-blake2b-chachapoly-gapfill.json, cross-checked values, see its _about): ChaChaPoly
// nonce encoding up to 2^64-2, REKEY, HMAC-BLAKE2b, Noise HKDF, protocol-name initialisation.
#include "crypto/CryptoTestUtil.h"
#include "crypto/HmacBlake2b.h"
#include "crypto/Init.h"
#include "crypto/noise/CipherState.h"
#include "crypto/noise/SymmetricState.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QtTest>

using namespace palisade::crypto;
using namespace palisade::crypto::noise;
using palisade::crypto::testing::hexQ;
using palisade::crypto::testing::toQHex;

#ifndef PALISADE_TEST_SEAMS
#error "the gap-fill test sets nonces through PALISADE_TEST_SEAMS"
#endif

namespace {

QJsonArray section(const char* name)
{
    QFile in(QStringLiteral(PALISADE_TEST_DATA_DIR "/noise/noise-blake2b-chachapoly-gapfill.json"));
    if (!in.open(QIODevice::ReadOnly)) {
        return {};
    }
    return QJsonDocument::fromJson(in.readAll()).object().value(QLatin1String(name)).toArray();
}

QByteArray field(const QJsonObject& entry, const char* key)
{
    return entry.value(QLatin1String(key)).toString().toLatin1();
}

} // namespace

class TestNoiseGapfill : public QObject {
    Q_OBJECT
    int m_ran = 0;

private slots:
    void initTestCase() { QVERIFY(initialize().has_value()); }

    void nonceEncoding()
    {
        const auto entries = section("chachapoly_nonce_encoding");
        QCOMPARE(entries.size(), 8);
        for (const auto& value : entries) {
            const auto e = value.toObject();
            CipherState cipher;
            cipher.initializeKey(hexQ(field(e, "k")));
            const std::uint64_t n = field(e, "n").toULongLong();
            cipher.setNonceForTesting(n);
            auto ct = cipher.encryptWithAd(hexQ(field(e, "ad")), hexQ(field(e, "plaintext")));
            QVERIFY(ct.has_value());
            QCOMPARE(toQHex(*ct), field(e, "ciphertext"));
            QCOMPARE(cipher.nonce(), n + 1);
            CipherState reader;
            reader.initializeKey(hexQ(field(e, "k")));
            reader.setNonceForTesting(n);
            QCOMPARE(toQHex(reader.decryptWithAd(hexQ(field(e, "ad")), *ct).value()), field(e, "plaintext"));
            ++m_ran;
        }
    }

    void rekey()
    {
        const auto entries = section("rekey");
        QCOMPARE(entries.size(), 1);
        for (const auto& value : entries) {
            const auto e = value.toObject();
            const auto then = e.value(QLatin1String("then_encrypt_n0")).toObject();
            CipherState cipher;
            cipher.initializeKey(hexQ(field(e, "k")));
            QVERIFY(cipher.rekey().has_value());
            QCOMPARE(cipher.nonce(), std::uint64_t { 0 });
            auto ct = cipher.encryptWithAd(hexQ(field(then, "ad")), hexQ(field(then, "plaintext")));
            QVERIFY(ct.has_value());
            QCOMPARE(toQHex(*ct), field(then, "ciphertext"));
            // new_k itself: a cipher keyed with it must produce the same ciphertext.
            CipherState direct;
            direct.initializeKey(hexQ(field(e, "new_k")));
            QCOMPARE(
                toQHex(direct.encryptWithAd(hexQ(field(then, "ad")), hexQ(field(then, "plaintext"))).value()),
                field(then, "ciphertext"));
            ++m_ran;
        }
    }

    void hmacBlake2b_()
    {
        const auto entries = section("hmac_blake2b");
        QCOMPARE(entries.size(), 4);
        for (const auto& value : entries) {
            const auto e = value.toObject();
            QCOMPARE(toQHex(hmacBlake2b(hexQ(field(e, "key")), hexQ(field(e, "data")))), field(e, "hmac"));
            ++m_ran;
        }
    }

    void noiseHkdf_()
    {
        const auto entries = section("hkdf");
        QCOMPARE(entries.size(), 2);
        for (const auto& value : entries) {
            const auto e = value.toObject();
            blake2b::Digest out1 {};
            blake2b::Digest out2 {};
            blake2b::Digest out3 {};
            noiseHkdf(hexQ(field(e, "chaining_key")), hexQ(field(e, "input_key_material")), out1, out2, out3);
            QCOMPARE(toQHex(out1), field(e, "output1"));
            QCOMPARE(toQHex(out2), field(e, "output2"));
            QCOMPARE(toQHex(out3), field(e, "output3"));
            blake2b::Digest two1 {};
            blake2b::Digest two2 {};
            noiseHkdf(hexQ(field(e, "chaining_key")), hexQ(field(e, "input_key_material")), two1, two2);
            QCOMPARE(toQHex(two2), field(e, "output2"));
            ++m_ran;
        }
    }

    void initializeSymmetric()
    {
        const auto entries = section("initialize_symmetric");
        QCOMPARE(entries.size(), 3);
        for (const auto& value : entries) {
            const auto e = value.toObject();
            const QByteArray name = field(e, "protocol_name");
            SymmetricState state(std::string_view(name.constData(), static_cast<std::size_t>(name.size())));
            QCOMPARE(toQHex(state.handshakeHash()), field(e, "h_and_ck"));
            QCOMPARE(toQHex(state.chainingKeyForTesting()), field(e, "h_and_ck"));
            ++m_ran;
        }
    }

    void cleanupTestCase() { qInfo("Noise gap-fill known answers: ran %d", m_ran); }
};

QTEST_GUILESS_MAIN(TestNoiseGapfill)
#include "TestNoiseGapfill.moc"
