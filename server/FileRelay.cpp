#include "server/FileRelay.h"

#include <sodium.h>

#include <algorithm>
#include <array>

namespace palisade::server {
namespace {

constexpr std::uint64_t mib = 1024ULL * 1024ULL;

std::string randomTransferId()
{
    std::array<std::uint8_t, 16> raw {};
    randombytes_buf(raw.data(), raw.size());
    std::array<char, 33> hex {};
    sodium_bin2hex(hex.data(), hex.size(), raw.data(), raw.size());
    return std::string(hex.data(), 32);
}

} // namespace

std::expected<std::string, Error> FileRelay::begin(UserId sender, const std::vector<UserId>& recipients,
    std::uint64_t size, std::uint32_t chunks, std::string id)
{
    if (recipients.empty() || recipients.size() > maxRecipients || size == 0 || chunks == 0
        || size > static_cast<std::uint64_t>(chunks) * maxChunkBytes || chunks > size) {
        return std::unexpected(Error::InvalidRequest);
    }
    if (size > m_limits.maxFileMb * mib) {
        return std::unexpected(Error::QuotaExceeded);
    }
    for (UserId recipient : recipients) {
        auto allowed = m_contacts.mayRoute(sender, recipient);
        if (!allowed) {
            return std::unexpected(allowed.error());
        }
        if (!*allowed || recipient == sender) {
            return std::unexpected(Error::NotBuddies);
        }
    }
    if (auto expired = m_store.expireTransfers(m_clock.unixSeconds()); !expired) {
        return std::unexpected(expired.error());
    }
    auto used = m_store.bytesInFlight(sender);
    if (!used) {
        return std::unexpected(used.error());
    }
    if (*used + size > m_limits.fileQuotaMb * mib) {
        return std::unexpected(Error::QuotaExceeded);
    }
    TransferRecord record;
    record.id = id.empty() ? randomTransferId() : std::move(id);
    if (m_store.transfer(record.id)) {
        return std::unexpected(Error::InvalidRequest); // another sender's id, or a reused one
    }
    record.sender = sender;
    record.recipients = recipients;
    record.size = size;
    record.chunks = chunks;
    record.expiresAt = m_clock.unixSeconds() + static_cast<std::int64_t>(m_limits.fileTtlHours) * 3600;
    if (auto ok = m_store.addTransfer(record); !ok) {
        return std::unexpected(ok.error());
    }
    return record.id;
}

std::expected<TransferRecord, Error> FileRelay::ownTransfer(UserId sender, const std::string& id)
{
    auto record = m_store.transfer(id);
    if (!record) {
        return record;
    }
    if (record->sender != sender || record->expiresAt <= m_clock.unixSeconds()) {
        return std::unexpected(Error::NotFound);
    }
    return record;
}

std::expected<std::uint32_t, Error> FileRelay::put(
    UserId sender, const std::string& id, std::uint32_t index, const std::vector<std::uint8_t>& data)
{
    auto record = ownTransfer(sender, id);
    if (!record) {
        return std::unexpected(record.error());
    }
    auto next = m_store.chunkCount(id);
    if (!next) {
        return std::unexpected(next.error());
    }
    if (index < *next) {
        return *next; // already stored: the sender resumed from an older index
    }
    if (record->complete || index != *next || index >= record->chunks || data.empty()
        || data.size() > maxChunkBytes || record->stored + data.size() > record->size) {
        return std::unexpected(Error::InvalidRequest);
    }
    if (auto ok = m_store.putChunk(id, index, data); !ok) {
        return std::unexpected(ok.error());
    }
    record->stored += data.size();
    if (auto ok = m_store.updateTransfer(*record); !ok) {
        return std::unexpected(ok.error());
    }
    return index + 1;
}

std::expected<std::uint32_t, Error> FileRelay::resumeIndex(UserId sender, const std::string& id)
{
    auto record = ownTransfer(sender, id);
    if (!record) {
        return std::unexpected(record.error());
    }
    return m_store.chunkCount(id);
}

std::expected<TransferRecord, Error> FileRelay::finish(UserId sender, const std::string& id)
{
    auto record = ownTransfer(sender, id);
    if (!record) {
        return record;
    }
    auto count = m_store.chunkCount(id);
    if (!count) {
        return std::unexpected(count.error());
    }
    if (*count != record->chunks || record->stored != record->size) {
        return std::unexpected(Error::InvalidRequest);
    }
    record->complete = true;
    if (auto ok = m_store.updateTransfer(*record); !ok) {
        return std::unexpected(ok.error());
    }
    return record;
}

std::expected<std::vector<std::uint8_t>, Error> FileRelay::fetch(
    UserId recipient, const std::string& id, std::uint32_t index)
{
    auto record = m_store.transfer(id);
    if (!record) {
        return std::unexpected(record.error());
    }
    const bool named = std::find(record->recipients.begin(), record->recipients.end(), recipient)
        != record->recipients.end();
    if (!named || !record->complete || record->expiresAt <= m_clock.unixSeconds()) {
        return std::unexpected(Error::NotFound); // never reveal a transfer to someone else
    }
    auto data = m_store.chunk(id, index);
    if (!data) {
        return std::unexpected(data.error());
    }
    if (!*data) {
        return std::unexpected(Error::NotFound);
    }
    return std::move(**data);
}

} // namespace palisade::server
