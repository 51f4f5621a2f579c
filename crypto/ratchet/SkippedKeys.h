#pragma once
/// @file
/// @brief Bounded store of message keys for skipped (not yet received) messages, indexed by
/// (sender ratchet key, message number). The keys live in one SecureBuffer arena allocated
/// on first use; when full, the oldest entry is evicted (its message can no longer be read).

#include "crypto/SecureBuffer.h"
#include "crypto/ratchet/Primitives.h"

#include <cstddef>
#include <cstdint>
#include <optional>
#include <vector>

namespace palisade::crypto::ratchet {

class SkippedKeys {
public:
    /// Hard cap on stored skipped keys per session (and on keys skipped by one message).
    static constexpr std::size_t kCapacity = 1000;

    /// One stored key's index entry (the key itself is in the arena).
    struct Entry {
        PublicKey ratchetKey {};
        std::uint32_t number = 0;
        std::uint16_t slot = 0;
    };

    SkippedKeys() = default;
    SkippedKeys(SkippedKeys&&) noexcept = default;
    SkippedKeys& operator=(SkippedKeys&&) noexcept = default;

    [[nodiscard]] std::size_t size() const noexcept { return m_entries.size(); }
    /// Entries, oldest first.
    [[nodiscard]] const std::vector<Entry>& entries() const noexcept { return m_entries; }
    /// The 32-byte key of @p entry.
    [[nodiscard]] ByteView key(const Entry& entry) const noexcept;
    /// Position in entries() of the key for (@p ratchetKey, @p number), if stored.
    [[nodiscard]] std::optional<std::size_t> find(
        const PublicKey& ratchetKey, std::uint32_t number) const noexcept;
    /// Store a key; evicts the oldest entry when full. A duplicate (key, number) replaces nothing
    /// and returns false.
    bool insert(const PublicKey& ratchetKey, std::uint32_t number, ByteView key);
    /// Remove the entry at position @p index of entries() and wipe its key.
    void erase(std::size_t index) noexcept;

private:
    std::vector<Entry> m_entries;
    std::vector<std::uint16_t> m_freeSlots;
    std::uint16_t m_nextSlot = 0;
    SecureBuffer m_arena;
};

} // namespace palisade::crypto::ratchet
