#pragma once
/// @file
/// @brief This device's end-to-end keys in the profile (AccountStore credentials): the Ed25519
/// identity key, signed prekeys (rotated on a schedule, the last few kept for late first
/// messages) and one-time prekeys (deleted once a session used them).

#include "core/e2e/E2eError.h"
#include "crypto/ratchet/X3dh.h"
#include "net/proto/palisade.pb.h"
#include "storage/AccountStore.h"

#include <cstdint>
#include <expected>
#include <optional>

namespace palisade::core {

/// When to rotate and how many keys to keep or publish.
struct PrekeyPolicy {
    /// One-time prekeys published at first upload and kept topped up to.
    std::uint32_t oneTimeTarget = 100;
    /// A new signed prekey after this long (milliseconds; 7 days).
    std::int64_t signedRotationMs = 7LL * 24 * 3600 * 1000;
    /// Signed prekeys kept (the current one and older ones for first messages still queued).
    std::uint32_t signedKept = 5;
};

/// This device's identity and prekeys. Same thread as the AccountStore's Database.
class DeviceKeys {
public:
    /// Load the identity from @p accounts, or create and store a new one.
    [[nodiscard]] static std::expected<DeviceKeys, E2eError> loadOrCreate(
        storage::AccountStore& accounts, PrekeyPolicy policy, storage::Timestamp now);

    /// The identity key pair.
    [[nodiscard]] const crypto::ratchet::IdentityKeyPair& identity() const noexcept { return m_identity; }

    /// True when the current signed prekey is older than the rotation interval (or missing).
    [[nodiscard]] bool rotationDue(storage::Timestamp now);

    /// The upload after login: identity key and current signed prekey (a new one when
    /// rotation is due; older ones beyond PrekeyPolicy::signedKept are deleted), plus
    /// @p oneTimeCount fresh one-time prekeys, stored before they are returned.
    [[nodiscard]] std::expected<v1::PrekeyUpload, E2eError> prepareUpload(
        std::uint32_t oneTimeCount, bool withSignedPrekey, storage::Timestamp now);

    /// The stored signed prekey @p id, if kept.
    [[nodiscard]] std::expected<std::optional<crypto::ratchet::SignedPreKey>, E2eError> signedPreKey(
        std::uint32_t id);
    /// The stored one-time prekey @p id, if not yet used.
    [[nodiscard]] std::expected<std::optional<crypto::ratchet::PreKeyPair>, E2eError> oneTimePreKey(
        std::uint32_t id);
    /// Delete one-time prekey @p id (a session used it).
    [[nodiscard]] std::expected<void, E2eError> consumeOneTimePreKey(std::uint32_t id);
    /// How many one-time prekeys are stored locally.
    [[nodiscard]] std::expected<std::size_t, E2eError> oneTimeCount();

    [[nodiscard]] const PrekeyPolicy& policy() const noexcept { return m_policy; }

private:
    DeviceKeys(
        storage::AccountStore& accounts, crypto::ratchet::IdentityKeyPair identity, PrekeyPolicy policy)
        : m_accounts(&accounts)
        , m_identity(std::move(identity))
        , m_policy(policy)
    {
    }
    std::expected<std::uint32_t, E2eError> nextId(std::string_view counter);
    std::expected<std::optional<std::uint32_t>, E2eError> currentSignedId();
    std::expected<void, E2eError> rotate(storage::Timestamp now);

    storage::AccountStore* m_accounts;
    crypto::ratchet::IdentityKeyPair m_identity;
    PrekeyPolicy m_policy;
};

} // namespace palisade::core
