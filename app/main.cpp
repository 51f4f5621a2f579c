/// @file
/// @brief Entry point of the `palisade` client: harden the process before anything else,
/// then run the command-line tool asked for, or the windows (app/Gui.h).

#include "app/CommandLine.h"
#include "app/Gui.h"
#include "core/ClientInfo.h"
#include "core/Startup.h"

#include <QCoreApplication>

#include <cstdio>
#include <string>

int main(int argc, char* argv[])
{
    // Before any secret exists and before Qt starts threads: no core dumps, crypto checked.
    if (auto hardened = palisade::core::hardenProcess(); !hardened) {
        const std::string reason { palisade::core::describe(hardened.error()) };
        std::fprintf(stderr, "palisade: %s\n", reason.c_str());
        return 70;
    }
    if (!palisade::app::wantsCommandLineTool(argc, argv))
        return palisade::app::runGui(argc, argv);
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("Palisade"));
    QCoreApplication::setApplicationVersion(QString::fromLatin1(palisade::core::clientVersion().data(),
        static_cast<qsizetype>(palisade::core::clientVersion().size())));
    if (const auto status = palisade::app::runCommandLine(QCoreApplication::arguments())) {
        return *status;
    }
    std::fputs("palisade: choose --version or --print-policy (see --help)\n", stderr);
    return 2;
}
