#include "app/ui/Icons.h"

#include <QString>

static void initPalisadeResources()
{
    Q_INIT_RESOURCE(palisade);
}

namespace palisade::app {

namespace {

QIcon fromResource(const char* name)
{
    return QIcon(QStringLiteral(":/palisade/icons/%1.svg").arg(QLatin1String(name)));
}

} // namespace

void initResources()
{
    initPalisadeResources();
}

QIcon icon(IconName name)
{
    switch (name) {
    case IconName::App:
        return fromResource("palisade");
    case IconName::Lock:
        return fromResource("lock");
    case IconName::Send:
        return fromResource("send");
    case IconName::Search:
        return fromResource("search");
    case IconName::Settings:
        return fromResource("settings");
    case IconName::AddContact:
        return fromResource("add-contact");
    case IconName::Request:
        return fromResource("request");
    case IconName::Verified:
        return fromResource("verified");
    case IconName::Warning:
        return fromResource("warning");
    case IconName::Details:
        return fromResource("details");
    }
    return {};
}

QIcon presenceIcon(Presence presence)
{
    switch (presence) {
    case Presence::Online:
        return fromResource("online");
    case Presence::Away:
        return fromResource("away");
    case Presence::Busy:
        return fromResource("busy");
    case Presence::Offline:
        break;
    }
    return fromResource("offline");
}

} // namespace palisade::app
