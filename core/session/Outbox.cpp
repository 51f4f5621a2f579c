#include "core/session/Outbox.h"

#include "core/session/Time.h"

#include <charconv>
#include <cstdio>

namespace palisade::core {

namespace {

constexpr std::string_view outboxKind = "outbox";
constexpr std::size_t seqDigits = 20;
constexpr std::string_view nextSeqKey = "outbox.next_seq";

/// "<20-digit seq>:<kind>" sorts by sequence.
std::string itemName(std::uint64_t seq, std::string_view kind)
{
    char digits[seqDigits + 1];
    std::snprintf(digits, sizeof digits, "%020llu", static_cast<unsigned long long>(seq));
    return std::string(digits) + ":" + std::string(kind);
}

std::optional<std::pair<std::uint64_t, std::string>> parseName(std::string_view name)
{
    if (name.size() <= seqDigits || name[seqDigits] != ':') {
        return std::nullopt;
    }
    std::uint64_t seq = 0;
    const auto [end, ec] = std::from_chars(name.data(), name.data() + seqDigits, seq);
    if (ec != std::errc {} || end != name.data() + seqDigits) {
        return std::nullopt;
    }
    return std::pair { seq, std::string(name.substr(seqDigits + 1)) };
}

bool validKind(std::string_view kind)
{
    if (kind.empty() || kind.size() > 32) {
        return false;
    }
    for (const char c : kind) {
        if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '.')) {
            return false;
        }
    }
    return true;
}

} // namespace

std::expected<std::uint64_t, storage::Error> Outbox::add(std::string_view kind, const v1::Frame& frame)
{
    if (!validKind(kind)) {
        return std::unexpected(storage::Error { storage::ErrorCode::Constraint, "outbox kind" });
    }
    auto next = m_settings.value(nextSeqKey);
    if (!next) {
        return std::unexpected(next.error());
    }
    std::uint64_t seq = 1;
    if (*next) {
        std::from_chars((*next)->data(), (*next)->data() + (*next)->size(), seq);
    }
    if (auto ok = m_settings.setValue(nextSeqKey, std::to_string(seq + 1)); !ok) {
        return std::unexpected(ok.error());
    }
    v1::Frame stored = frame;
    stored.set_request_id(0);
    const std::string bytes = stored.SerializeAsString();
    const auto secret
        = crypto::SecureBuffer::copyOf({ reinterpret_cast<const std::uint8_t*>(bytes.data()), bytes.size() });
    if (auto ok = m_accounts.putSecret(outboxKind, itemName(seq, kind), secret, nowMs()); !ok) {
        return std::unexpected(ok.error());
    }
    if (m_added) {
        m_added();
    }
    return seq;
}

std::expected<std::vector<OutboxItem>, storage::Error> Outbox::items()
{
    auto names = m_accounts.secretNames(outboxKind);
    if (!names) {
        return std::unexpected(names.error());
    }
    std::vector<OutboxItem> out;
    for (const auto& name : *names) {
        auto parsed = parseName(name);
        auto secret = m_accounts.secret(outboxKind, name);
        if (!secret) {
            return std::unexpected(secret.error());
        }
        OutboxItem item;
        if (!parsed || !*secret
            || !item.frame.ParseFromArray((*secret)->data(), static_cast<int>((*secret)->size()))) {
            continue; // not ours to interpret; never sent
        }
        item.seq = parsed->first;
        item.kind = std::move(parsed->second);
        out.push_back(std::move(item));
    }
    return out;
}

std::expected<void, storage::Error> Outbox::remove(std::uint64_t seq)
{
    auto names = m_accounts.secretNames(outboxKind);
    if (!names) {
        return std::unexpected(names.error());
    }
    for (const auto& name : *names) {
        if (auto parsed = parseName(name); parsed && parsed->first == seq) {
            return m_accounts.removeSecret(outboxKind, name);
        }
    }
    return {};
}

void Outbox::answered(const OutboxItem& item, const v1::Frame& answer) const
{
    const auto [first, last] = m_handlers.equal_range(item.kind);
    for (auto it = first; it != last; ++it) {
        it->second(item, answer);
    }
}

} // namespace palisade::core
