#include "core/policy/PolicyReport.h"

#include "core/ClientInfo.h"
#include "core/ProxySetting.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <algorithm>

namespace palisade::core {

namespace {

bool isProxyKey(const EffectiveValue& value)
{
    return value.spec->name == policykeys::networkProxy.name;
}

QJsonValue jsonValue(const EffectiveValue& value)
{
    struct Visitor {
        QJsonValue operator()(bool b) const { return b; }
        QJsonValue operator()(std::int64_t n) const { return static_cast<qint64>(n); }
        QJsonValue operator()(const std::string& s) const { return QString::fromStdString(s); }
        QJsonValue operator()(const std::vector<std::string>& list) const
        {
            QJsonArray array;
            for (const auto& item : list) {
                array.append(QString::fromStdString(item));
            }
            return array;
        }
    };
    if (isProxyKey(value)) {
        return QString::fromStdString(displayValue(value));
    }
    return std::visit(Visitor {}, value.value);
}

std::string padded(std::string text, std::size_t width)
{
    if (text.size() < width) {
        text.append(width - text.size(), ' ');
    }
    return text;
}

QString qs(const std::string& text)
{
    return QString::fromStdString(text);
}

} // namespace

std::string displayValue(const EffectiveValue& value)
{
    struct Visitor {
        std::string operator()(bool b) const { return b ? "true" : "false"; }
        std::string operator()(std::int64_t n) const { return std::to_string(n); }
        std::string operator()(const std::string& s) const { return s.empty() ? "(empty)" : s; }
        std::string operator()(const std::vector<std::string>& list) const
        {
            std::string out = "[";
            for (std::size_t i = 0; i < list.size(); ++i) {
                out += (i == 0 ? "" : ", ") + list[i];
            }
            return out + ']';
        }
    };
    if (isProxyKey(value)) {
        return redactProxySetting(std::get<std::string>(value.value));
    }
    return std::visit(Visitor {}, value.value);
}

std::string policyReportText(const EffectivePolicy& policy, const std::string& location)
{
    std::string out = "Palisade " + std::string(clientVersion()) + " (" + std::string(platformName())
        + ") effective policy\n";
    out += "Machine policy read from: " + location + '\n';
    out += "Policy digest (SHA-256): " + policy.digest() + '\n';
    if (policy.serverFailedClosed()) {
        out += "SERVER SETTINGS FAILED CLOSED: a server.* value is invalid; the client will not connect.\n";
    }
    std::size_t keyWidth = 3;
    for (const auto& value : policy.values()) {
        keyWidth = std::max(keyWidth, value.spec->name.size());
    }
    out += '\n' + padded("KEY", keyWidth + 2) + padded("SOURCE", 15) + padded("LOCKED", 8)
        + "VALUE  (ORIGIN)\n";
    for (const auto& value : policy.values()) {
        out += padded(std::string(value.spec->name), keyWidth + 2) + padded(sourceName(value.source), 15)
            + padded(value.locked ? "yes" : "no", 8) + displayValue(value) + "  (" + value.origin + ")\n";
    }
    out += '\n';
    if (policy.problems().empty()) {
        out += "Problems: none\n";
        return out;
    }
    out += "Problems (" + std::to_string(policy.problems().size()) + "):\n";
    for (const auto& problem : policy.problems()) {
        out += "  " + problem.origin + (problem.key.empty() ? "" : ": " + problem.key) + ": " + problem.reason
            + '\n';
    }
    return out;
}

QByteArray policyReportJson(const EffectivePolicy& policy, const std::string& location)
{
    QJsonObject values;
    for (const auto& value : policy.values()) {
        values.insert(
            QString::fromUtf8(value.spec->name.data(), static_cast<qsizetype>(value.spec->name.size())),
            QJsonObject { { QStringLiteral("value"), jsonValue(value) },
                { QStringLiteral("source"), QString::fromLatin1(sourceName(value.source)) },
                { QStringLiteral("locked"), value.locked }, { QStringLiteral("origin"), qs(value.origin) } });
    }
    QJsonArray problems;
    for (const auto& problem : policy.problems()) {
        problems.append(QJsonObject { { QStringLiteral("origin"), qs(problem.origin) },
            { QStringLiteral("key"), qs(problem.key) }, { QStringLiteral("reason"), qs(problem.reason) } });
    }
    const QJsonObject root {
        { QStringLiteral("client_version"), qs(std::string(clientVersion())) },
        { QStringLiteral("platform"), qs(std::string(platformName())) },
        { QStringLiteral("location"), qs(location) },
        { QStringLiteral("digest"), qs(policy.digest()) },
        { QStringLiteral("server_failed_closed"), policy.serverFailedClosed() },
        { QStringLiteral("policies"), values },
        { QStringLiteral("problems"), problems },
    };
    return QJsonDocument(root).toJson(QJsonDocument::Indented);
}

} // namespace palisade::core
