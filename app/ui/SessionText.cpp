#include "app/ui/SessionText.h"

#include <QCoreApplication>

namespace palisade::app {

namespace {

QString tr(const char* text, int n = -1)
{
    return QCoreApplication::translate("palisade::app::SessionText", text, nullptr, n);
}

} // namespace

SessionText sessionText(SessionStatus status, const QString& detail, std::chrono::seconds retryAfter)
{
    switch (status) {
    case SessionStatus::Connected:
        return { tr("Connected"), tr("Connected to your organization's Palisade server."), false };
    case SessionStatus::Connecting:
        return { tr("Connecting…"), tr("Connecting to your organization's Palisade server."), false };
    case SessionStatus::Unreachable:
        return { tr("Server unreachable — retrying"),
            tr("The Palisade server cannot be reached. Check your network connection; Palisade keeps "
               "trying and sends queued messages once it is back."),
            false };
    case SessionStatus::EnrolmentNeeded:
        return { tr("Sign-in needed"),
            tr("This device is not registered yet. Sign in with your username and password."), false };
    case SessionStatus::UpdateRequired:
        return { tr("Update required"),
            tr("Your organization requires a newer version of Palisade. Install the update your IT "
               "department provides, then start Palisade again."),
            false };
    case SessionStatus::ServerKeyMismatch:
        return { tr("Server identity does NOT match — not connected"),
            tr("The server presented a security key that your organization did not configure. Someone may "
               "be intercepting the connection, or the server was replaced. Palisade refused to connect "
               "and sent nothing.\n\nDo not try to work around this. Tell your IT department: \"Palisade "
               "reports a server key mismatch\", with the time it happened and the network you are on."),
            true };
    case SessionStatus::LockedOut: {
        const auto minutes = std::max<long long>(1, (retryAfter.count() + 59) / 60);
        return { tr("Account temporarily locked"),
            tr("Too many failed sign-in attempts. Try again in %n minutes, or ask your IT department "
               "to unlock the account.",
                static_cast<int>(minutes)),
            false };
    }
    case SessionStatus::BadCredentials:
        return { tr("Wrong username or password"),
            tr("The username or password is not right. Check both and try again; after several failed "
               "attempts the account is locked for a while."),
            false };
    case SessionStatus::Disabled:
        return { tr("Account disabled"),
            tr("Your account was disabled by your organization. Contact your IT department."), false };
    case SessionStatus::Disconnected:
        break;
    }
    return { tr("Offline"), detail.isEmpty() ? tr("Not connected.") : detail, false };
}

} // namespace palisade::app
