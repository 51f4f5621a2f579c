#include "app/CommandLine.h"

#include "core/ClientInfo.h"
#include "core/policy/EffectivePolicy.h"
#include "core/policy/PolicyReport.h"

#if defined(PALISADE_TEST_SEAMS) && !defined(_WIN32)
#include "core/policy/PolicyDirectoryReader.h"

#include <unistd.h>
#endif

#include <QCommandLineOption>
#include <QCommandLineParser>

#include <cstdio>
#include <memory>
#include <string>

namespace palisade::app {

namespace {

void writeOut(const std::string& text)
{
    std::fwrite(text.data(), 1, text.size(), stdout);
    std::fflush(stdout);
}

void writeError(const std::string& text)
{
    std::fwrite(text.data(), 1, text.size(), stderr);
}

/// Exit status of --print-policy: 0 without problems, 3 when problems were reported.
constexpr int exitPolicyProblems = 3;
constexpr int exitUsage = 2;

} // namespace

std::optional<int> runCommandLine(const QStringList& arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Palisade secure corporate messenger"));
    const QCommandLineOption help(
        { QStringLiteral("h"), QStringLiteral("help") }, QStringLiteral("Show this help."));
    const QCommandLineOption version(QStringLiteral("version"), QStringLiteral("Print the client version."));
    const QCommandLineOption printPolicy(QStringLiteral("print-policy"),
        QStringLiteral(
            "Print every effective policy value, its source, whether it is locked, and problems."));
    const QCommandLineOption json(QStringLiteral("json"), QStringLiteral("With --print-policy: print JSON."));
    parser.addOption(help);
    parser.addOption(version);
    parser.addOption(printPolicy);
    parser.addOption(json);
#if defined(PALISADE_TEST_SEAMS) && !defined(_WIN32)
    const QCommandLineOption policyRoot(QStringLiteral("policy-root"),
        QStringLiteral("Test builds only: read policy from DIR (owned by you) instead of the system's."),
        QStringLiteral("DIR"));
    parser.addOption(policyRoot);
#endif
    if (!parser.parse(arguments)) {
        writeError("palisade: " + parser.errorText().toStdString() + "\n");
        return exitUsage;
    }
    if (!parser.positionalArguments().isEmpty()) {
        writeError("palisade: unexpected argument; see --help\n");
        return exitUsage;
    }
    if (parser.isSet(help)) {
        writeOut(parser.helpText().toStdString());
        return 0;
    }
    if (parser.isSet(version)) {
        writeOut("palisade " + std::string(core::clientVersion()) + " (" + std::string(core::platformName())
            + ")\n");
        return 0;
    }
    if (parser.isSet(json) && !parser.isSet(printPolicy)) {
        writeError("palisade: --json goes with --print-policy\n");
        return exitUsage;
    }
    if (!parser.isSet(printPolicy)) {
        return std::nullopt;
    }
    std::unique_ptr<core::PolicyReader> reader = core::makePlatformPolicyReader();
#if defined(PALISADE_TEST_SEAMS) && !defined(_WIN32)
    if (parser.isSet(policyRoot)) {
        reader = std::make_unique<core::PolicyDirectoryReader>(
            parser.value(policyRoot).toStdString(), ::getuid());
    }
#endif
    // The user's own choices live in their encrypted profile, which --print-policy does not
    // open: the report shows machine policy over the built-in defaults.
    const auto policy = core::EffectivePolicy::load(*reader, {});
    if (parser.isSet(json)) {
        const QByteArray bytes = core::policyReportJson(policy, reader->location());
        writeOut(bytes.toStdString());
    } else {
        writeOut(core::policyReportText(policy, reader->location()));
    }
    return policy.problems().empty() ? 0 : exitPolicyProblems;
}

} // namespace palisade::app
