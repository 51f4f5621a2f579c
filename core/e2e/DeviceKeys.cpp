#include "core/e2e/DeviceKeys.h"

#include "crypto/ratchet/Message.h"
#include "crypto/ratchet/Primitives.h"

#include <algorithm>
#include <charconv>
#include <cstring>
#include <string>
#include <vector>

namespace palisade::core {

namespace {

namespace cr = crypto::ratchet;
namespace cred = storage::credential;

constexpr std::string_view kSelf = "self";
constexpr std::string_view kCounterKind = "e2e_counter";
constexpr std::size_t kSignedRecordSize = cr::kKeySize * 2 + cr::kSignatureSize + 8;

std::optional<std::uint32_t> parseId(std::string_view name)
{
    std::uint32_t value = 0;
    const auto* end = name.data() + name.size();
    const auto [ptr, ec] = std::from_chars(name.data(), end, value);
    if (ec != std::errc {} || ptr != end) {
        return std::nullopt;
    }
    return value;
}

std::int64_t readI64(const std::uint8_t* in) noexcept
{
    std::uint64_t v = 0;
    for (int i = 0; i < 8; ++i) {
        v = (v << 8) | in[i];
    }
    return static_cast<std::int64_t>(v);
}

void writeI64(std::uint8_t* out, std::int64_t value) noexcept
{
    auto v = static_cast<std::uint64_t>(value);
    for (int i = 7; i >= 0; --i) {
        out[i] = static_cast<std::uint8_t>(v & 0xFF);
        v >>= 8;
    }
}

} // namespace

std::expected<DeviceKeys, E2eError> DeviceKeys::loadOrCreate(
    storage::AccountStore& accounts, PrekeyPolicy policy, storage::Timestamp now)
{
    auto stored = accounts.secret(cred::identityKey, kSelf);
    if (!stored) {
        return std::unexpected(E2eError::Storage);
    }
    if (*stored) {
        auto identity = cr::IdentityKeyPair::fromSecret((*stored)->bytes());
        if (!identity) {
            return std::unexpected(E2eError::Crypto);
        }
        return DeviceKeys(accounts, std::move(*identity), policy);
    }
    auto identity = cr::IdentityKeyPair::generate();
    if (!accounts.putSecret(cred::identityKey, kSelf, identity.secretKey, now)) {
        return std::unexpected(E2eError::Storage);
    }
    return DeviceKeys(accounts, std::move(identity), policy);
}

std::expected<std::uint32_t, E2eError> DeviceKeys::nextId(std::string_view counter)
{
    auto stored = m_accounts->secret(kCounterKind, counter);
    if (!stored) {
        return std::unexpected(E2eError::Storage);
    }
    std::uint32_t id = 1;
    if (*stored && (*stored)->size() == 4) {
        id = cr::readU32((*stored)->data());
    }
    std::vector<std::uint8_t> next;
    cr::appendU32(next, id + 1);
    if (!m_accounts->putSecret(kCounterKind, counter, crypto::SecureBuffer::copyOf(next), 0)) {
        return std::unexpected(E2eError::Storage);
    }
    return id;
}

std::expected<std::optional<std::uint32_t>, E2eError> DeviceKeys::currentSignedId()
{
    auto names = m_accounts->secretNames(cred::signedPrekey);
    if (!names) {
        return std::unexpected(E2eError::Storage);
    }
    std::optional<std::uint32_t> newest;
    for (const auto& name : *names) {
        if (auto id = parseId(name); id && (!newest || *id > *newest)) {
            newest = id;
        }
    }
    return newest;
}

bool DeviceKeys::rotationDue(storage::Timestamp now)
{
    auto current = currentSignedId();
    if (!current || !*current) {
        return true;
    }
    auto stored = m_accounts->secret(cred::signedPrekey, std::to_string(**current));
    if (!stored || !*stored || (*stored)->size() != kSignedRecordSize) {
        return true;
    }
    const auto created = readI64((*stored)->data() + kSignedRecordSize - 8);
    return now - created >= m_policy.signedRotationMs;
}

std::expected<void, E2eError> DeviceKeys::rotate(storage::Timestamp now)
{
    auto id = nextId("signed_prekey");
    if (!id) {
        return std::unexpected(id.error());
    }
    auto signedKey = cr::SignedPreKey::generate(m_identity, *id);
    if (!signedKey) {
        return std::unexpected(E2eError::Crypto);
    }
    crypto::SecureBuffer record(kSignedRecordSize);
    auto* out = record.data();
    std::memcpy(out, signedKey->keyPair.secretKey.data(), cr::kKeySize);
    std::memcpy(out + cr::kKeySize, signedKey->keyPair.publicKey.data(), cr::kKeySize);
    std::memcpy(out + 2 * cr::kKeySize, signedKey->signature.data(), cr::kSignatureSize);
    writeI64(out + 2 * cr::kKeySize + cr::kSignatureSize, now);
    if (!m_accounts->putSecret(cred::signedPrekey, std::to_string(*id), record, now)) {
        return std::unexpected(E2eError::Storage);
    }
    auto names = m_accounts->secretNames(cred::signedPrekey);
    if (!names) {
        return std::unexpected(E2eError::Storage);
    }
    std::vector<std::uint32_t> ids;
    for (const auto& name : *names) {
        if (auto parsed = parseId(name)) {
            ids.push_back(*parsed);
        }
    }
    std::sort(ids.begin(), ids.end(), std::greater<>());
    for (std::size_t i = m_policy.signedKept; i < ids.size(); ++i) {
        if (!m_accounts->removeSecret(cred::signedPrekey, std::to_string(ids[i]))) {
            return std::unexpected(E2eError::Storage);
        }
    }
    return {};
}

std::expected<v1::PrekeyUpload, E2eError> DeviceKeys::prepareUpload(
    std::uint32_t oneTimeCount, bool withSignedPrekey, storage::Timestamp now)
{
    v1::PrekeyUpload upload;
    if (withSignedPrekey) {
        if (rotationDue(now)) {
            if (auto rotated = rotate(now); !rotated) {
                return std::unexpected(rotated.error());
            }
        }
        auto current = currentSignedId();
        if (!current || !*current) {
            return std::unexpected(E2eError::Storage);
        }
        auto key = signedPreKey(**current);
        if (!key || !*key) {
            return std::unexpected(E2eError::Storage);
        }
        const auto& pub = m_identity.publicKey;
        upload.set_identity_key(pub.data(), pub.size());
        auto* spk = upload.mutable_signed_prekey();
        spk->set_id((*key)->keyPair.id);
        spk->set_public_key((*key)->keyPair.publicKey.data(), cr::kKeySize);
        spk->set_signature((*key)->signature.data(), cr::kSignatureSize);
    }
    for (std::uint32_t i = 0; i < oneTimeCount; ++i) {
        auto id = nextId("one_time_prekey");
        if (!id) {
            return std::unexpected(id.error());
        }
        auto pair = cr::PreKeyPair::generate(*id);
        if (!m_accounts->putSecret(cred::oneTimePrekey, std::to_string(*id), pair.secretKey, now)) {
            return std::unexpected(E2eError::Storage);
        }
        auto* otk = upload.add_one_time_prekeys();
        otk->set_id(*id);
        otk->set_public_key(pair.publicKey.data(), cr::kKeySize);
    }
    return upload;
}

std::expected<std::optional<cr::SignedPreKey>, E2eError> DeviceKeys::signedPreKey(std::uint32_t id)
{
    auto stored = m_accounts->secret(cred::signedPrekey, std::to_string(id));
    if (!stored) {
        return std::unexpected(E2eError::Storage);
    }
    if (!*stored) {
        return std::optional<cr::SignedPreKey> {};
    }
    if ((*stored)->size() != kSignedRecordSize) {
        return std::unexpected(E2eError::Crypto);
    }
    const auto* in = (*stored)->data();
    cr::SignedPreKey key;
    key.keyPair.id = id;
    key.keyPair.secretKey = crypto::SecureBuffer::copyOf({ in, cr::kKeySize });
    std::memcpy(key.keyPair.publicKey.data(), in + cr::kKeySize, cr::kKeySize);
    std::memcpy(key.signature.data(), in + 2 * cr::kKeySize, cr::kSignatureSize);
    return std::optional<cr::SignedPreKey>(std::move(key));
}

std::expected<std::optional<cr::PreKeyPair>, E2eError> DeviceKeys::oneTimePreKey(std::uint32_t id)
{
    auto stored = m_accounts->secret(cred::oneTimePrekey, std::to_string(id));
    if (!stored) {
        return std::unexpected(E2eError::Storage);
    }
    if (!*stored) {
        return std::optional<cr::PreKeyPair> {};
    }
    auto pub = cr::primitives::x25519Public((*stored)->bytes());
    if (!pub) {
        return std::unexpected(E2eError::Crypto);
    }
    cr::PreKeyPair pair;
    pair.id = id;
    pair.secretKey = std::move(**stored);
    pair.publicKey = *pub;
    return std::optional<cr::PreKeyPair>(std::move(pair));
}

std::expected<void, E2eError> DeviceKeys::consumeOneTimePreKey(std::uint32_t id)
{
    if (!m_accounts->removeSecret(cred::oneTimePrekey, std::to_string(id))) {
        return std::unexpected(E2eError::Storage);
    }
    return {};
}

std::expected<std::size_t, E2eError> DeviceKeys::oneTimeCount()
{
    auto names = m_accounts->secretNames(cred::oneTimePrekey);
    if (!names) {
        return std::unexpected(E2eError::Storage);
    }
    return names->size();
}

} // namespace palisade::core
