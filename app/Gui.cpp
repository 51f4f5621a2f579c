#include "app/Gui.h"

#include "app/EngineBridge.h"
#include "app/PolicyEntries.h"
#include "app/ui/ContactListModel.h"
#include "app/ui/FirstRunDialog.h"
#include "app/ui/Icons.h"
#include "app/ui/MainWindow.h"
#include "app/ui/NotificationText.h"
#include "app/ui/Tray.h"

#if defined(PALISADE_TEST_SEAMS) && !defined(_WIN32)
#include "core/policy/PolicyDirectoryReader.h"

#include <unistd.h>
#endif

#include <QApplication>
#include <QCommandLineParser>
#include <QDesktopServices>
#include <QDir>
#include <QLibraryInfo>
#include <QStandardPaths>
#include <QTranslator>

#include <cstdio>
#include <cstring>

namespace palisade::app {

bool wantsCommandLineTool(int argc, char* argv[])
{
    for (int i = 1; i < argc; ++i)
        for (const char* tool : { "--version", "--print-policy", "--help", "-h", "--json" })
            if (std::strcmp(argv[i], tool) == 0)
                return true;
    return false;
}

int runGui(int argc, char* argv[])
{
    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("Palisade"));
    QApplication::setDesktopFileName(QStringLiteral("palisade"));
    initResources();
    QApplication::setWindowIcon(icon(IconName::App));
    QTranslator translator;
    if (translator.load(QLocale(), QStringLiteral("palisade"), QStringLiteral("_"), QStringLiteral(":/i18n")))
        QApplication::installTranslator(&translator);

    QCommandLineParser parser;
    const QCommandLineOption profile(
        QStringLiteral("profile"), QStringLiteral("Profile folder."), QStringLiteral("DIR"));
    parser.addOption(profile);
#if defined(PALISADE_TEST_SEAMS) && !defined(_WIN32)
    const QCommandLineOption policyRoot(QStringLiteral("policy-root"),
        QStringLiteral("Test builds only: read policy from DIR (owned by you)."), QStringLiteral("DIR"));
    parser.addOption(policyRoot);
#endif
    // Same exit status as the command-line tools for a usage error (2), not Qt's 1.
    if (!parser.parse(QCoreApplication::arguments())) {
        std::fprintf(stderr, "palisade: %s\n", qPrintable(parser.errorText()));
        return 2;
    }
    if (!parser.positionalArguments().isEmpty()) {
        std::fprintf(stderr, "palisade: unexpected argument '%s' (see --help)\n",
            qPrintable(parser.positionalArguments().constFirst()));
        return 2;
    }

    std::unique_ptr<core::PolicyReader> reader = core::makePlatformPolicyReader();
#if defined(PALISADE_TEST_SEAMS) && !defined(_WIN32)
    if (parser.isSet(policyRoot))
        reader = std::make_unique<core::PolicyDirectoryReader>(
            parser.value(policyRoot).toStdString(), ::getuid());
#endif
    core::EffectivePolicy policy = core::EffectivePolicy::load(*reader, {});
    const QString profileDir = parser.isSet(profile)
        ? parser.value(profile)
        : QStandardPaths::writableLocation(QStandardPaths::AppDataLocation) + QStringLiteral("/profile");
    QDir().mkpath(profileDir);

    EngineBridge bridge(profileDir.toStdString(), policy);
    MainWindow window(bridge, [](const QUrl& url) { return QDesktopServices::openUrl(url); });
    Tray tray;
    tray.setPreviewLevel(
        previewLevelFromPolicy(QString::fromStdString(policy.get(core::policykeys::notificationsPreview))));
    QObject::connect(window.contacts(), &ContactListModel::totalUnreadChanged, &tray, &Tray::setUnread);
    QObject::connect(&bridge, &Backend::locked, &tray, [&tray] { tray.setLocked(true); });
    QObject::connect(&bridge, &Backend::unlocked, &tray, [&tray] { tray.setLocked(false); });
    QObject::connect(&tray, &Tray::activated, &window, [&window] {
        window.showNormal();
        window.raise();
        window.activateWindow();
    });
    QObject::connect(&bridge, &Backend::messageAdded, &tray,
        [&tray, &window](const QString& from, const MessageRow& message) {
            if (!message.outgoing && !window.isActiveWindow())
                tray.notify(from, message.body);
        });

    if (!bridge.profileExists()) {
        FirstRunDialog dialog(firstRunSetup(policy));
        bridge.attachFirstRun(dialog);
        if (dialog.exec() != QDialog::Accepted)
            return 0;
    } else {
        window.showLocked(); // the first unlock opens the profile
    }
    window.show();
    return QApplication::exec();
}

} // namespace palisade::app
