#include "crypto/ratchet/Session.h"

#include "crypto/ratchet/Kdf.h"

#include <algorithm>
#include <limits>

namespace palisade::crypto::ratchet {

namespace {

constexpr std::size_t kRoot = 0;
constexpr std::size_t kSend = 1;
constexpr std::size_t kReceive = 2;
constexpr std::size_t kRatchet = 3;
constexpr std::size_t kSecretCount = 4;
constexpr std::size_t kExpandedKeySize = kAeadKeySize + kAeadNonceSize;

/// AEAD associated data: X3DH AD || PreKeyMessage prefix (if any) || ratchet header.
class FullAd {
public:
    FullAd(const AssociatedData& ad, ByteView preKeyPrefix, ByteView header)
    {
        append(ad);
        append(preKeyPrefix);
        append(header);
    }
    [[nodiscard]] ByteView bytes() const noexcept { return ByteView(m_bytes).first(m_size); }

private:
    void append(ByteView part)
    {
        std::ranges::copy(part, m_bytes.begin() + static_cast<std::ptrdiff_t>(m_size));
        m_size += part.size();
    }
    std::array<std::uint8_t, kAssociatedDataSize + kPreKeyPrefixSize + kHeaderSize> m_bytes {};
    std::size_t m_size = 0;
};

std::expected<void, Error> seal(
    std::vector<std::uint8_t>& out, ByteView messageKey, ByteView ad, ByteView plaintext)
{
    StackSecret<kExpandedKeySize> keys;
    kdf::messageKeys(keys.mutableBytes(), messageKey, asBytes(kdf::kMessageKeyInfo));
    return primitives::aeadEncrypt(out, keys.bytes().first(kAeadKeySize),
        keys.bytes().subspan(kAeadKeySize, kAeadNonceSize), ad, plaintext);
}

std::expected<std::vector<std::uint8_t>, Error> open(ByteView messageKey, ByteView ad, ByteView ciphertext)
{
    StackSecret<kExpandedKeySize> keys;
    kdf::messageKeys(keys.mutableBytes(), messageKey, asBytes(kdf::kMessageKeyInfo));
    std::vector<std::uint8_t> plaintext;
    if (auto r = primitives::aeadDecrypt(plaintext, keys.bytes().first(kAeadKeySize),
            keys.bytes().subspan(kAeadKeySize, kAeadNonceSize), ad, ciphertext);
        !r) {
        return std::unexpected(r.error());
    }
    return plaintext;
}

/// One DH-ratchet half step: (newRoot, chain) = KDF_RK(root, DH(secret, remote)).
std::expected<void, Error> ratchetStep(
    MutableBytes newRoot, MutableBytes chain, ByteView root, ByteView secret, const PublicKey& remote)
{
    StackSecret<kKeySize> dh;
    if (auto r = primitives::x25519(dh.mutableBytes(), secret, remote); !r) {
        return r;
    }
    kdf::root(newRoot, chain, root, dh.bytes(), asBytes(kdf::kRootInfo));
    return {};
}

/// Advance @p chain by @p count steps, writing each message key into @p keys (count*32 bytes).
void skipAhead(MutableBytes chain, SecureBuffer& keys, std::size_t count)
{
    if (count == 0) {
        return;
    }
    keys = SecureBuffer(count * kKeySize);
    for (std::size_t i = 0; i < count; ++i) {
        kdf::chain(keys.mutableBytes().subspan(i * kKeySize, kKeySize), chain, chain);
    }
}

} // namespace

Session::Session()
    : m_secrets(kSecretCount * kKeySize)
{
}

ByteView Session::rootKey() const noexcept
{
    return m_secrets.bytes().subspan(kRoot * kKeySize, kKeySize);
}
ByteView Session::sendingChain() const noexcept
{
    return m_secrets.bytes().subspan(kSend * kKeySize, kKeySize);
}
ByteView Session::receivingChain() const noexcept
{
    return m_secrets.bytes().subspan(kReceive * kKeySize, kKeySize);
}
ByteView Session::ratchetSecret() const noexcept
{
    return m_secrets.bytes().subspan(kRatchet * kKeySize, kKeySize);
}
MutableBytes Session::secret(std::size_t index) noexcept
{
    return m_secrets.mutableBytes().subspan(index * kKeySize, kKeySize);
}

AssociatedData Session::associatedData() const noexcept
{
    return m_initiator ? ratchet::associatedData(m_localIdentity, m_remoteIdentity)
                       : ratchet::associatedData(m_remoteIdentity, m_localIdentity);
}

std::expected<Session, Error> Session::initiate(const IdentityKeyPair& ours, const PreKeyBundle& theirs)
{
    auto initiation = x3dhInitiate(ours, theirs);
    if (!initiation) {
        return std::unexpected(initiation.error());
    }
    Session session;
    session.m_initiator = true;
    session.m_localIdentity = ours.publicKey;
    session.m_remoteIdentity = theirs.identityKey;
    session.m_baseKey = initiation->baseKey;
    session.m_remoteRatchet = theirs.signedPreKey;
    session.m_hasReceivingChain = true;
    std::ranges::copy(initiation->secrets.chainKey(), session.secret(kReceive).begin());
    primitives::x25519Generate(session.secret(kRatchet), session.m_ratchetPublic);
    if (auto r = ratchetStep(session.secret(kRoot), session.secret(kSend), initiation->secrets.rootKey(),
            session.ratchetSecret(), theirs.signedPreKey);
        !r) {
        return std::unexpected(r.error());
    }
    session.m_pending = Pending { theirs.signedPreKeyId,
        theirs.oneTimePreKey ? std::optional<std::uint32_t>(theirs.oneTimePreKey->id) : std::nullopt };
    return session;
}

std::expected<Session::Accepted, Error> Session::accept(const IdentityKeyPair& ours,
    const SignedPreKey& signedPreKey, const PreKeyPair* oneTimePreKey, ByteView preKeyMessage)
{
    const auto parsed = parsePreKeyMessage(preKeyMessage);
    if (!parsed) {
        return std::unexpected(parsed.error());
    }
    const bool oneTimeMatches = parsed->oneTimePreKeyId
        ? (oneTimePreKey != nullptr && oneTimePreKey->id == *parsed->oneTimePreKeyId)
        : oneTimePreKey == nullptr;
    if (parsed->signedPreKeyId != signedPreKey.keyPair.id || !oneTimeMatches) {
        return std::unexpected(Error::UnknownPreKey);
    }
    auto secrets = x3dhRespond(ours, signedPreKey, oneTimePreKey, parsed->identityKey, parsed->baseKey);
    if (!secrets) {
        return std::unexpected(secrets.error());
    }
    Session session;
    session.m_initiator = false;
    session.m_localIdentity = ours.publicKey;
    session.m_remoteIdentity = parsed->identityKey;
    session.m_baseKey = parsed->baseKey;
    session.m_ratchetPublic = signedPreKey.keyPair.publicKey;
    std::ranges::copy(secrets->rootKey(), session.secret(kRoot).begin());
    std::ranges::copy(secrets->chainKey(), session.secret(kSend).begin());
    std::ranges::copy(signedPreKey.keyPair.secretKey.bytes(), session.secret(kRatchet).begin());
    auto plaintext = session.decryptRatchet(parsed->inner, preKeyMessage.first(kPreKeyPrefixSize));
    if (!plaintext) {
        return std::unexpected(plaintext.error());
    }
    return Accepted { std::move(session), std::move(*plaintext) };
}

std::expected<std::vector<std::uint8_t>, Error> Session::encrypt(ByteView plaintext)
{
    if (plaintext.size() > kMaxPlaintext) {
        return std::unexpected(Error::MessageTooLarge);
    }
    if (m_sendCount == std::numeric_limits<std::uint32_t>::max()) {
        return std::unexpected(Error::ChainExhausted);
    }
    StackSecret<kKeySize> messageKey;
    StackSecret<kKeySize> nextChain;
    kdf::chain(messageKey.mutableBytes(), nextChain.mutableBytes(), sendingChain());

    std::vector<std::uint8_t> out;
    out.reserve(kPreKeyPrefixSize + kHeaderSize + plaintext.size() + kAeadTagSize);
    if (m_pending) {
        writePreKeyPrefix(
            out, m_localIdentity, m_baseKey, m_pending->signedPreKeyId, m_pending->oneTimePreKeyId);
    }
    const std::size_t headerAt = out.size();
    writeHeader(out, { m_ratchetPublic, m_previousSendCount, m_sendCount });
    const FullAd ad(
        associatedData(), ByteView(out).first(headerAt), ByteView(out).subspan(headerAt, kHeaderSize));
    if (auto r = seal(out, messageKey.bytes(), ad.bytes(), plaintext); !r) {
        return std::unexpected(r.error());
    }

    std::ranges::copy(nextChain.bytes(), secret(kSend).begin());
    ++m_sendCount;
    return out;
}

std::expected<std::vector<std::uint8_t>, Error> Session::decrypt(ByteView message)
{
    const auto type = messageType(message);
    if (!type) {
        return std::unexpected(type.error());
    }
    if (*type == MessageType::Ratchet) {
        return decryptRatchet(message, {});
    }
    const auto parsed = parsePreKeyMessage(message);
    if (!parsed) {
        return std::unexpected(parsed.error());
    }
    if (m_initiator || parsed->identityKey != m_remoteIdentity || parsed->baseKey != m_baseKey) {
        return std::unexpected(Error::WrongSession);
    }
    return decryptRatchet(parsed->inner, message.first(kPreKeyPrefixSize));
}

std::expected<std::vector<std::uint8_t>, Error> Session::decryptRatchet(
    ByteView message, ByteView preKeyPrefix)
{
    const auto parsed = parseRatchetMessage(message);
    if (!parsed) {
        return std::unexpected(parsed.error());
    }
    const MessageHeader& header = parsed->header;
    const FullAd fullAd(associatedData(), preKeyPrefix, parsed->headerBytes);
    const ByteView ad = fullAd.bytes();

    // 1. A message we skipped earlier: its key is stored.
    if (const auto index = m_skipped.find(header.ratchetKey, header.messageNumber)) {
        auto plaintext = open(m_skipped.key(m_skipped.entries()[*index]), ad, parsed->ciphertext);
        if (plaintext) {
            m_skipped.erase(*index);
            m_pending.reset();
        }
        return plaintext;
    }
    if (header.messageNumber == std::numeric_limits<std::uint32_t>::max()) {
        return std::unexpected(Error::ChainExhausted);
    }

    // 2. The current receiving chain.
    if (m_hasReceivingChain && header.ratchetKey == m_remoteRatchet) {
        if (header.messageNumber < m_receiveCount) {
            return std::unexpected(Error::DuplicateMessage);
        }
        const std::uint32_t skip = header.messageNumber - m_receiveCount;
        if (skip > kMaxSkip) {
            return std::unexpected(Error::TooManySkipped);
        }
        StackSecret<kKeySize> chain;
        std::ranges::copy(receivingChain(), chain.data());
        SecureBuffer skipped;
        skipAhead(chain.mutableBytes(), skipped, skip);
        StackSecret<kKeySize> messageKey;
        kdf::chain(messageKey.mutableBytes(), chain.mutableBytes(), chain.bytes());
        auto plaintext = open(messageKey.bytes(), ad, parsed->ciphertext);
        if (!plaintext) {
            return plaintext;
        }
        for (std::uint32_t i = 0; i < skip; ++i) {
            m_skipped.insert(
                header.ratchetKey, m_receiveCount + i, skipped.bytes().subspan(i * kKeySize, kKeySize));
        }
        std::ranges::copy(chain.bytes(), secret(kReceive).begin());
        m_receiveCount = header.messageNumber + 1;
        m_pending.reset();
        return plaintext;
    }

    // 3. A new ratchet key from the peer: finish the old chain, then a DH-ratchet step.
    const std::uint32_t oldSkip = (m_hasReceivingChain && header.previousChainLength > m_receiveCount)
        ? header.previousChainLength - m_receiveCount
        : 0;
    if (std::uint64_t { oldSkip } + header.messageNumber > kMaxSkip) {
        return std::unexpected(Error::TooManySkipped);
    }
    StackSecret<kKeySize> oldChain;
    std::ranges::copy(receivingChain(), oldChain.data());
    SecureBuffer oldSkipped;
    skipAhead(oldChain.mutableBytes(), oldSkipped, oldSkip);

    StackSecret<kKeySize> midRoot;
    StackSecret<kKeySize> chain;
    if (auto r = ratchetStep(
            midRoot.mutableBytes(), chain.mutableBytes(), rootKey(), ratchetSecret(), header.ratchetKey);
        !r) {
        return std::unexpected(r.error());
    }
    SecureBuffer newSkipped;
    skipAhead(chain.mutableBytes(), newSkipped, header.messageNumber);
    StackSecret<kKeySize> messageKey;
    kdf::chain(messageKey.mutableBytes(), chain.mutableBytes(), chain.bytes());
    auto plaintext = open(messageKey.bytes(), ad, parsed->ciphertext);
    if (!plaintext) {
        return plaintext;
    }

    // Authenticated: prepare our next sending chain, then commit everything.
    StackSecret<kKeySize> nextSecret;
    PublicKey nextPublic {};
    primitives::x25519Generate(nextSecret.mutableBytes(), nextPublic);
    StackSecret<kKeySize> newRoot;
    StackSecret<kKeySize> sendChain;
    if (auto r = ratchetStep(newRoot.mutableBytes(), sendChain.mutableBytes(), midRoot.bytes(),
            nextSecret.bytes(), header.ratchetKey);
        !r) {
        return std::unexpected(r.error());
    }
    for (std::uint32_t i = 0; i < oldSkip; ++i) {
        m_skipped.insert(
            m_remoteRatchet, m_receiveCount + i, oldSkipped.bytes().subspan(i * kKeySize, kKeySize));
    }
    for (std::uint32_t i = 0; i < header.messageNumber; ++i) {
        m_skipped.insert(header.ratchetKey, i, newSkipped.bytes().subspan(i * kKeySize, kKeySize));
    }
    std::ranges::copy(newRoot.bytes(), secret(kRoot).begin());
    std::ranges::copy(sendChain.bytes(), secret(kSend).begin());
    std::ranges::copy(chain.bytes(), secret(kReceive).begin());
    std::ranges::copy(nextSecret.bytes(), secret(kRatchet).begin());
    m_ratchetPublic = nextPublic;
    m_remoteRatchet = header.ratchetKey;
    m_hasReceivingChain = true;
    m_previousSendCount = m_sendCount;
    m_sendCount = 0;
    m_receiveCount = header.messageNumber + 1;
    m_pending.reset();
    return plaintext;
}

} // namespace palisade::crypto::ratchet
