// Replays every entry of the published Noise vectors in tests/data/noise (see its README
// for provenance): both parties, every handshake and transport message, the handshake hash.
#include "crypto/Init.h"
#include "crypto/noise/HandshakeState.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QtTest>

#include "NoiseVectorLoader.h"

using namespace palisade::crypto;
using namespace palisade::crypto::noise;
using palisade::crypto::testing::NoiseVector;

#ifndef PALISADE_TEST_SEAMS
#error "the Noise vector test needs PALISADE_TEST_SEAMS (fixed ephemeral keys)"
#endif

namespace {

QString hexOf(ByteView bytes)
{
    return QString::fromStdString(toHex(bytes));
}

std::vector<ByteView> views(const std::vector<Bytes>& list)
{
    return { list.begin(), list.end() };
}

struct Party {
    std::optional<HandshakeState> handshake;
    TransportCiphers transport;
};

// Each step returns an empty string when it matched, otherwise what went wrong.
QString exchange(
    HandshakeState& writer, HandshakeState& reader, const std::pair<Bytes, Bytes>& message, int index)
{
    auto written = writer.writeMessage(message.first);
    if (!written) {
        return QStringLiteral("message %1: write failed: %2")
            .arg(index)
            .arg(QLatin1String(describe(written.error()).data()));
    }
    if (*written != message.second) {
        return QStringLiteral("message %1: ciphertext %2, expected %3")
            .arg(index)
            .arg(hexOf(*written), hexOf(message.second));
    }
    auto read = reader.readMessage(message.second);
    if (!read || *read != message.first) {
        return QStringLiteral("message %1: the reader did not recover the payload").arg(index);
    }
    return {};
}

QString finishHandshake(const NoiseVector& v, Party& init, Party& resp)
{
    if (!init.handshake->isComplete() || !resp.handshake->isComplete()) {
        return QStringLiteral("handshake not complete after its messages");
    }
    if (init.handshake->handshakeHash() != resp.handshake->handshakeHash()) {
        return QStringLiteral("the two sides disagree on the handshake hash");
    }
    if (!v.handshakeHash.empty() && !constantTimeEqual(init.handshake->handshakeHash(), v.handshakeHash)) {
        return QStringLiteral("handshake hash %1, expected %2")
            .arg(hexOf(init.handshake->handshakeHash()), hexOf(v.handshakeHash));
    }
    auto initCiphers = init.handshake->split();
    auto respCiphers = resp.handshake->split();
    if (!initCiphers || !respCiphers) {
        return QStringLiteral("split failed");
    }
    init.transport = std::move(*initCiphers);
    resp.transport = std::move(*respCiphers);
    return {};
}

QString replayTransport(
    const NoiseVector& v, std::size_t first, bool initiatorSends, Party& init, Party& resp)
{
    for (std::size_t i = first; i < v.messages.size(); ++i) {
        const auto& [payload, ciphertext] = v.messages[i];
        Party& sender = initiatorSends ? init : resp;
        Party& receiver = initiatorSends ? resp : init;
        auto sealed = sender.transport.send.encryptWithAd({}, payload);
        if (!sealed || *sealed != ciphertext) {
            return QStringLiteral("transport message %1: ciphertext mismatch").arg(i);
        }
        auto opened = receiver.transport.receive.decryptWithAd({}, ciphertext);
        if (!opened || *opened != payload) {
            return QStringLiteral("transport message %1: decrypt mismatch").arg(i);
        }
        initiatorSends = !initiatorSends;
    }
    return {};
}

HandshakeConfig configOf(
    const NoiseVector& v, Role role, const std::string& name, std::vector<ByteView>& psks)
{
    const bool initiator = role == Role::Initiator;
    psks = views(initiator ? v.initPsks : v.respPsks);
    return HandshakeConfig { name, role, initiator ? v.initPrologue : v.respPrologue,
        initiator ? v.initStatic : v.respStatic, initiator ? v.initRemoteStatic : v.respRemoteStatic, psks,
        {} };
}

QString replayStandard(const NoiseVector& v)
{
    const std::string name = v.protocolName.toStdString();
    auto pattern = parseProtocolName(name);
    if (!pattern) {
        return QStringLiteral("unsupported protocol");
    }
    std::vector<ByteView> initPsks;
    std::vector<ByteView> respPsks;
    auto initState = HandshakeState::create(configOf(v, Role::Initiator, name, initPsks));
    auto respState = HandshakeState::create(configOf(v, Role::Responder, name, respPsks));
    if (!initState || !respState) {
        return QStringLiteral("create failed");
    }
    if (!initState->setEphemeralForTesting(v.initEphemeral)
        || !respState->setEphemeralForTesting(v.respEphemeral)) {
        return QStringLiteral("could not inject the ephemeral keys");
    }
    Party init { std::move(*initState), {} };
    Party resp { std::move(*respState), {} };
    const std::size_t count = pattern->messages.size();
    if (v.messages.size() < count) {
        return QStringLiteral("fewer messages than the pattern has");
    }
    for (std::size_t i = 0; i < count; ++i) {
        const bool fromInitiator = pattern->messages[i].fromInitiator;
        auto problem = exchange(fromInitiator ? *init.handshake : *resp.handshake,
            fromInitiator ? *resp.handshake : *init.handshake, v.messages[i], static_cast<int>(i));
        if (!problem.isEmpty()) {
            return problem;
        }
    }
    if (auto problem = finishHandshake(v, init, resp); !problem.isEmpty()) {
        return problem;
    }
    const bool initiatorSends = v.transportStartsWithInitiator || !pattern->messages.back().fromInitiator;
    return replayTransport(v, count, initiatorSends, init, resp);
}

// noise-c fallback: IK to a stale responder key fails at the responder, then XXfallback.
QString replayFallback(const NoiseVector& v)
{
    const std::string ik = "Noise_IK_25519_ChaChaPoly_BLAKE2b";
    const std::string xx = v.protocolName.toStdString();
    std::vector<ByteView> none;
    auto alice = HandshakeState::create(configOf(v, Role::Initiator, ik, none));
    auto bob = HandshakeState::create(configOf(v, Role::Responder, ik, none));
    if (!alice || !bob || !alice->setEphemeralForTesting(v.initEphemeral) || v.messages.size() < 3) {
        return QStringLiteral("could not set up the IK attempt");
    }
    auto first = alice->writeMessage(v.messages[0].first);
    if (!first || *first != v.messages[0].second) {
        return QStringLiteral("IK message 0 mismatch");
    }
    if (bob->readMessage(v.messages[0].second).has_value()) {
        return QStringLiteral("the responder accepted an IK message for a stale key");
    }
    auto aliceFallback = HandshakeState::fallback(std::move(*alice), configOf(v, Role::Initiator, xx, none));
    auto bobFallback = HandshakeState::fallback(std::move(*bob), configOf(v, Role::Responder, xx, none));
    if (!aliceFallback || !bobFallback || !bobFallback->setEphemeralForTesting(v.respEphemeral)) {
        return QStringLiteral("fallback could not start");
    }
    Party init { std::move(*aliceFallback), {} };
    Party resp { std::move(*bobFallback), {} };
    if (auto problem = exchange(*resp.handshake, *init.handshake, v.messages[1], 1); !problem.isEmpty()) {
        return problem;
    }
    if (auto problem = exchange(*init.handshake, *resp.handshake, v.messages[2], 2); !problem.isEmpty()) {
        return problem;
    }
    if (auto problem = finishHandshake(v, init, resp); !problem.isEmpty()) {
        return problem;
    }
    return replayTransport(v, 3, false, init, resp);
}

} // namespace

class TestNoiseVectors : public QObject {
    Q_OBJECT
    int m_totalRan = 0;
    int m_totalSkipped = 0;

private slots:
    void initTestCase() { QVERIFY(initialize().has_value()); }

    void replayFile_data()
    {
        QTest::addColumn<QString>("file");
        QTest::addColumn<int>("expectedRuns");
        // Every file must run: the expected count is what the suite's patterns cover.
        QTest::newRow("cacophony") << QStringLiteral("cacophony-25519-chachapoly-blake2b.json") << 11;
        QTest::newRow("snow") << QStringLiteral("snow-25519-chachapoly-blake2b.json") << 10;
        QTest::newRow("noise-c") << QStringLiteral("noise-c-25519-chachapoly-blake2b.json") << 4;
        QTest::newRow("noise-c-fallback")
            << QStringLiteral("noise-c-fallback-25519-chachapoly-blake2b.json") << 1;
        QTest::newRow("flynn") << QStringLiteral("flynn-noise-25519-chachapoly-blake2b.json") << 68;
    }
    void replayFile()
    {
        QFETCH(QString, file);
        QFETCH(int, expectedRuns);
        QFile in(QStringLiteral(PALISADE_TEST_DATA_DIR "/noise/") + file);
        QVERIFY2(in.open(QIODevice::ReadOnly), qPrintable(file));
        const auto entries
            = QJsonDocument::fromJson(in.readAll()).object().value(QLatin1String("vectors")).toArray();
        QVERIFY(!entries.isEmpty());
        int ran = 0;
        int skipped = 0;
        for (int i = 0; i < entries.size(); ++i) {
            QString skipReason;
            const auto vector = testing::loadNoiseVector(entries[i].toObject(), skipReason);
            if (!vector) {
                ++skipped;
                qInfo("  skip %s #%d: %s", qPrintable(file), i, qPrintable(skipReason));
                continue;
            }
            const QString problem = vector->fallback ? replayFallback(*vector) : replayStandard(*vector);
            QVERIFY2(problem.isEmpty(),
                qPrintable(
                    QStringLiteral("%1 #%2 %3: %4").arg(file).arg(i).arg(vector->protocolName, problem)));
            ++ran;
        }
        qInfo("%s: ran %d, skipped %d", qPrintable(file), ran, skipped);
        m_totalRan += ran;
        m_totalSkipped += skipped;
        QVERIFY2(ran > 0, "an expected vector file ran zero entries");
        QCOMPARE(ran, expectedRuns);
    }

    void cleanupTestCase() { qInfo("Noise vectors total: ran %d, skipped %d", m_totalRan, m_totalSkipped); }
};

QTEST_GUILESS_MAIN(TestNoiseVectors)
#include "TestNoiseVectors.moc"
