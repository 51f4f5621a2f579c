#pragma once
/// @file
/// @brief File relay bookkeeping: chunked, resumable uploads of already-encrypted files for
/// named buddy recipients, with a size cap, a per-user quota and a TTL.

#include "server/Clock.h"
#include "server/Config.h"
#include "server/Contacts.h"
#include "server/Store.h"

#include <cstdint>
#include <expected>
#include <string>
#include <vector>

namespace palisade::server {

/// Relay rules over a Store. Owned by the Store's thread.
class FileRelay {
public:
    static constexpr std::size_t maxChunkBytes = 60 * 1024; ///< fits one Noise frame with headroom
    static constexpr std::size_t maxRecipients = 64;

    FileRelay(Store& store, Contacts& contacts, const Clock& clock, const Limits& limits)
        : m_store(store)
        , m_contacts(contacts)
        , m_clock(clock)
        , m_limits(limits)
    {
    }

    /// Announce a transfer; every recipient must be reachable by the routing rule. @p id is the
    /// sender's transfer id (hex); empty picks a random one. Returns the transfer id.
    std::expected<std::string, Error> begin(UserId sender, const std::vector<UserId>& recipients,
        std::uint64_t size, std::uint32_t chunks, std::string id = {});
    /// Store chunk @p index. Chunks arrive in order; a repeated chunk below the next index is
    /// ignored (resume after a lost ack). Returns the next expected index.
    std::expected<std::uint32_t, Error> put(
        UserId sender, const std::string& id, std::uint32_t index, const std::vector<std::uint8_t>& data);
    /// Where an interrupted upload continues.
    std::expected<std::uint32_t, Error> resumeIndex(UserId sender, const std::string& id);
    /// Mark complete; InvalidRequest unless every chunk and byte arrived.
    std::expected<TransferRecord, Error> finish(UserId sender, const std::string& id);
    /// Chunk @p index of a complete transfer, for a named recipient only.
    std::expected<std::vector<std::uint8_t>, Error> fetch(
        UserId recipient, const std::string& id, std::uint32_t index);
    /// Delete expired transfers; returns how many went.
    std::expected<std::size_t, Error> expire() { return m_store.expireTransfers(m_clock.unixSeconds()); }

private:
    std::expected<TransferRecord, Error> ownTransfer(UserId sender, const std::string& id);

    Store& m_store;
    Contacts& m_contacts;
    const Clock& m_clock;
    Limits m_limits;
};

} // namespace palisade::server
