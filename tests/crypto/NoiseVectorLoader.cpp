#include "NoiseVectorLoader.h"

#include "crypto/X25519.h"
#include "crypto/noise/Pattern.h"

#include <QJsonArray>

namespace palisade::crypto::testing {

namespace {

Bytes hexField(const QJsonObject& entry, const char* key)
{
    const QByteArray text = entry.value(QLatin1String(key)).toString().toLatin1();
    auto bytes = fromHex(std::string_view(text.constData(), static_cast<std::size_t>(text.size())));
    return bytes ? *bytes : Bytes {};
}

std::vector<Bytes> hexList(const QJsonObject& entry, const char* key)
{
    std::vector<Bytes> out;
    for (const auto& value : entry.value(QLatin1String(key)).toArray()) {
        const QByteArray text = value.toString().toLatin1();
        out.push_back(fromHex(std::string_view(text.constData(), static_cast<std::size_t>(text.size())))
                          .value_or(Bytes {}));
    }
    return out;
}

Bytes publicOf(const Bytes& secret)
{
    if (secret.empty()) {
        return {};
    }
    auto pair = x25519::keyPairFromSecret(secret);
    return pair ? Bytes(pair->publicKey.begin(), pair->publicKey.end()) : Bytes {};
}

// flynn/noise: key=value lines converted to JSON; statics are private, one psk for all tokens.
NoiseVector loadFlynn(const QJsonObject& entry)
{
    NoiseVector v;
    v.protocolName = entry.value(QLatin1String("handshake")).toString();
    v.initPrologue = hexField(entry, "prologue");
    v.respPrologue = v.initPrologue;
    v.initStatic = hexField(entry, "init_static");
    v.respStatic = hexField(entry, "resp_static");
    v.initEphemeral = hexField(entry, "gen_init_ephemeral");
    v.respEphemeral = hexField(entry, "gen_resp_ephemeral");
    v.initRemoteStatic = publicOf(v.respStatic);
    v.respRemoteStatic = publicOf(v.initStatic);
    const auto psk = hexField(entry, "preshared_key");
    const auto pattern = noise::parseProtocolName(v.protocolName.toStdString());
    const std::size_t pskCount = pattern ? pattern->pskCount() : 0;
    for (std::size_t i = 0; i < pskCount && !psk.empty(); ++i) {
        v.initPsks.push_back(psk);
        v.respPsks.push_back(psk);
    }
    for (int i = 0;; ++i) {
        const QString payload = QStringLiteral("msg_%1_payload").arg(i);
        if (!entry.contains(payload)) {
            break;
        }
        v.messages.emplace_back(hexField(entry, payload.toLatin1().constData()),
            hexField(entry, QStringLiteral("msg_%1_ciphertext").arg(i).toLatin1().constData()));
    }
    v.transportStartsWithInitiator = true;
    return v;
}

} // namespace

std::optional<NoiseVector> loadNoiseVector(const QJsonObject& entry, QString& skipReason)
{
    if (entry.contains(QLatin1String("handshake"))) {
        return loadFlynn(entry);
    }
    NoiseVector v;
    v.protocolName = entry.value(QLatin1String("protocol_name")).toString();
    if (v.protocolName.isEmpty()) {
        v.protocolName = entry.value(QLatin1String("name")).toString();
    }
    if (v.protocolName.startsWith(QLatin1String("NoisePSK_"))) {
        skipReason = QStringLiteral("obsolete NoisePSK_ scheme (spec revision 30)");
        return std::nullopt;
    }
    v.initPrologue = hexField(entry, "init_prologue");
    v.respPrologue = hexField(entry, "resp_prologue");
    v.initStatic = hexField(entry, "init_static");
    v.respStatic = hexField(entry, "resp_static");
    v.initEphemeral = hexField(entry, "init_ephemeral");
    v.respEphemeral = hexField(entry, "resp_ephemeral");
    v.initRemoteStatic = hexField(entry, "init_remote_static");
    v.respRemoteStatic = hexField(entry, "resp_remote_static");
    v.initPsks = hexList(entry, "init_psks");
    v.respPsks = hexList(entry, "resp_psks");
    v.handshakeHash = hexField(entry, "handshake_hash");
    for (const auto& value : entry.value(QLatin1String("messages")).toArray()) {
        const auto message = value.toObject();
        v.messages.emplace_back(hexField(message, "payload"), hexField(message, "ciphertext"));
    }
    v.fallback = entry.value(QLatin1String("fallback")).toBool();
    return v;
}

} // namespace palisade::crypto::testing
