#pragma once
/// @file
/// @brief The client's SVG icons (resources/palisade.qrc).

#include "app/ui/Types.h"

#include <QIcon>

namespace palisade::app {

enum class IconName {
    App,
    Lock,
    Send,
    Search,
    Settings,
    AddContact,
    Request,
    Verified,
    Warning,
    Details,
};

/// Registers the compiled resources; call once before the first icon (main, tests).
void initResources();

[[nodiscard]] QIcon icon(IconName name);
[[nodiscard]] QIcon presenceIcon(Presence presence);

} // namespace palisade::app
