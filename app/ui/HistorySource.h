#pragma once
/// @file
/// @brief Where a conversation model reads its history from: pages of older messages and
/// search hits. EngineBridge implements it over the profile's message store.

#include "app/ui/Types.h"

#include <optional>
#include <vector>

namespace palisade::app {

/// Read access to one conversation's stored messages. GUI thread.
class HistorySource {
public:
    virtual ~HistorySource() = default;

    /// The newest @p limit messages older than @p before (nullopt: from the newest), newest
    /// first. Fewer than @p limit means the start of the conversation was reached.
    [[nodiscard]] virtual std::vector<MessageRow> older(std::optional<HistoryCursor> before, int limit) = 0;

    /// Ids of messages matching @p text, newest first, at most @p limit.
    [[nodiscard]] virtual std::vector<qint64> search(const QString& text, int limit) = 0;
};

} // namespace palisade::app
