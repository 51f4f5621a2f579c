#pragma once
// Reads the five Noise vector formats of tests/data/noise into one shape.

#include "crypto/Bytes.h"

#include <QJsonObject>
#include <QString>

#include <optional>
#include <utility>
#include <vector>

namespace palisade::crypto::testing {

struct NoiseVector {
    QString protocolName;
    Bytes initPrologue;
    Bytes respPrologue;
    Bytes initStatic; ///< private; empty when the pattern has none
    Bytes respStatic;
    Bytes initEphemeral; ///< private
    Bytes respEphemeral;
    Bytes initRemoteStatic; ///< public; empty when not pre-shared
    Bytes respRemoteStatic;
    std::vector<Bytes> initPsks;
    std::vector<Bytes> respPsks;
    Bytes handshakeHash; ///< empty when the source does not give it
    std::vector<std::pair<Bytes, Bytes>> messages; ///< (payload, ciphertext)
    bool transportStartsWithInitiator = false; ///< flynn's ordering; others: whoever did not send last
    bool fallback = false; ///< noise-c IK -> XXfallback entry
};

/// The vector in @p entry, or nothing with @p skipReason set when the entry is out of scope.
std::optional<NoiseVector> loadNoiseVector(const QJsonObject& entry, QString& skipReason);

} // namespace palisade::crypto::testing
