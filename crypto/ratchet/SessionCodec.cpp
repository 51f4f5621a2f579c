// Session::serialize / Session::deserialize: the versioned binary state format (docs/e2e.md).
//
//   magic "PLRS" | version(1) | flags(1) | localIdentity(32) | remoteIdentity(32) | baseKey(32)
//   | ratchetPublic(32) | remoteRatchet(32) | rootKey(32) | sendingChain(32) | receivingChain(32)
//   | ratchetSecret(32) | Ns(u32) | Nr(u32) | PN(u32) | signedPreKeyId(u32) | oneTimePreKeyId(u32)
//   | skippedCount(u16) | skippedCount * (ratchetKey(32) | number(u32) | messageKey(32))
//   | checksum(32) = SHA-512(everything before)[0..32]
// All integers big-endian. The input comes from disk: the checksum catches accidental
// corruption of any byte (SQLCipher authenticates the database against tampering), and every
// field is checked; the length must match exactly.
#include "crypto/ratchet/Session.h"

#include <algorithm>
#include <string_view>

namespace palisade::crypto::ratchet {

namespace {

constexpr std::string_view kMagic = "PLRS";
constexpr std::uint8_t kFlagInitiator = 0x01;
constexpr std::uint8_t kFlagReceiving = 0x02;
constexpr std::uint8_t kFlagPending = 0x04;
constexpr std::uint8_t kFlagOneTime = 0x08;
constexpr std::uint8_t kKnownFlags = kFlagInitiator | kFlagReceiving | kFlagPending | kFlagOneTime;
constexpr std::size_t kSecretsSize = 4 * kKeySize;
constexpr std::size_t kChecksumSize = 32;
constexpr std::size_t kFixedSize = 4 + 1 + 1 + 5 * kKeySize + kSecretsSize + 5 * 4 + 2 + kChecksumSize;
constexpr std::size_t kEntrySize = kKeySize + 4 + kKeySize;

class Writer {
public:
    explicit Writer(MutableBytes out)
        : m_out(out)
    {
    }
    void bytes(ByteView in)
    {
        std::ranges::copy(in, m_out.begin() + static_cast<std::ptrdiff_t>(m_at));
        m_at += in.size();
    }
    void u8(std::uint8_t value) { m_out[m_at++] = value; }
    void u16(std::uint16_t value)
    {
        u8(static_cast<std::uint8_t>(value >> 8));
        u8(static_cast<std::uint8_t>(value));
    }
    void u32(std::uint32_t value)
    {
        u16(static_cast<std::uint16_t>(value >> 16));
        u16(static_cast<std::uint16_t>(value));
    }

private:
    MutableBytes m_out;
    std::size_t m_at = 0;
};

class Reader {
public:
    explicit Reader(ByteView in)
        : m_in(in)
    {
    }
    ByteView bytes(std::size_t n)
    {
        const ByteView out = m_in.subspan(m_at, n);
        m_at += n;
        return out;
    }
    PublicKey key()
    {
        PublicKey out {};
        std::ranges::copy(bytes(kKeySize), out.begin());
        return out;
    }
    std::uint8_t u8() { return m_in[m_at++]; }
    std::uint16_t u16()
    {
        const auto high = u8();
        return static_cast<std::uint16_t>((high << 8) | u8());
    }
    std::uint32_t u32()
    {
        const std::uint32_t high = u16();
        return (high << 16) | u16();
    }

private:
    ByteView m_in;
    std::size_t m_at = 0;
};

void checksum(MutableBytes out, ByteView content)
{
    StackSecret<64> hash;
    primitives::sha512(hash.mutableBytes(), content, {});
    std::copy_n(hash.data(), out.size(), out.data());
}

} // namespace

SecureBuffer Session::serialize() const
{
    SecureBuffer out(kFixedSize + m_skipped.size() * kEntrySize);
    Writer w(out.mutableBytes());
    w.bytes({ reinterpret_cast<const std::uint8_t*>(kMagic.data()), kMagic.size() });
    w.u8(kStateVersion);
    std::uint8_t flags = 0;
    flags |= m_initiator ? kFlagInitiator : 0;
    flags |= m_hasReceivingChain ? kFlagReceiving : 0;
    flags |= m_pending ? kFlagPending : 0;
    flags |= (m_pending && m_pending->oneTimePreKeyId) ? kFlagOneTime : 0;
    w.u8(flags);
    w.bytes(m_localIdentity);
    w.bytes(m_remoteIdentity);
    w.bytes(m_baseKey);
    w.bytes(m_ratchetPublic);
    w.bytes(m_remoteRatchet);
    w.bytes(m_secrets.bytes());
    w.u32(m_sendCount);
    w.u32(m_receiveCount);
    w.u32(m_previousSendCount);
    w.u32(m_pending ? m_pending->signedPreKeyId : 0);
    w.u32(m_pending ? m_pending->oneTimePreKeyId.value_or(0) : 0);
    w.u16(static_cast<std::uint16_t>(m_skipped.size()));
    for (const auto& entry : m_skipped.entries()) {
        w.bytes(entry.ratchetKey);
        w.u32(entry.number);
        w.bytes(m_skipped.key(entry));
    }
    checksum(out.mutableBytes().last(kChecksumSize), out.bytes().first(out.size() - kChecksumSize));
    return out;
}

std::expected<Session, Error> Session::deserialize(ByteView state)
{
    if (state.size() < kFixedSize) {
        return std::unexpected(Error::CorruptState);
    }
    Reader r(state);
    const ByteView magic = r.bytes(kMagic.size());
    if (!std::ranges::equal(
            magic, kMagic, [](std::uint8_t a, char b) { return a == static_cast<std::uint8_t>(b); })) {
        return std::unexpected(Error::CorruptState);
    }
    if (r.u8() != kStateVersion) {
        return std::unexpected(Error::UnsupportedVersion);
    }
    StackSecret<kChecksumSize> expected;
    checksum(expected.mutableBytes(), state.first(state.size() - kChecksumSize));
    if (!primitives::equal(expected.bytes(), state.last(kChecksumSize))) {
        return std::unexpected(Error::CorruptState);
    }
    const std::uint8_t flags = r.u8();
    const bool initiator = (flags & kFlagInitiator) != 0;
    const bool pending = (flags & kFlagPending) != 0;
    const bool oneTime = (flags & kFlagOneTime) != 0;
    // Every stored session has a receiving chain: a responder's exists once accept() returns.
    if ((flags & ~kKnownFlags) != 0 || (flags & kFlagReceiving) == 0 || (pending && !initiator)
        || (oneTime && !pending)) {
        return std::unexpected(Error::CorruptState);
    }
    Session session;
    session.m_initiator = initiator;
    session.m_hasReceivingChain = true;
    session.m_localIdentity = r.key();
    session.m_remoteIdentity = r.key();
    session.m_baseKey = r.key();
    session.m_ratchetPublic = r.key();
    session.m_remoteRatchet = r.key();
    std::ranges::copy(r.bytes(kSecretsSize), session.m_secrets.mutableBytes().begin());
    session.m_sendCount = r.u32();
    session.m_receiveCount = r.u32();
    session.m_previousSendCount = r.u32();
    const std::uint32_t signedPreKeyId = r.u32();
    const std::uint32_t oneTimePreKeyId = r.u32();
    const std::size_t count = r.u16();
    if (count > SkippedKeys::kCapacity || state.size() != kFixedSize + count * kEntrySize
        || (!pending && (signedPreKeyId != 0 || oneTimePreKeyId != 0))
        || (!oneTime && oneTimePreKeyId != 0)) {
        return std::unexpected(Error::CorruptState);
    }
    if (pending) {
        session.m_pending = Pending { signedPreKeyId,
            oneTime ? std::optional<std::uint32_t>(oneTimePreKeyId) : std::nullopt };
    }
    // Our ratchet public key must belong to its secret. (The identity keys were validated by
    // X3DH and are only compared and hashed from here on; the checksum covers them.)
    const auto derivedPublic = primitives::x25519Public(session.ratchetSecret());
    if (!derivedPublic || *derivedPublic != session.m_ratchetPublic) {
        return std::unexpected(Error::CorruptState);
    }
    for (std::size_t i = 0; i < count; ++i) {
        const PublicKey ratchetKey = r.key();
        const std::uint32_t number = r.u32();
        if (!session.m_skipped.insert(ratchetKey, number, r.bytes(kKeySize))) {
            return std::unexpected(Error::CorruptState);
        }
    }
    return session;
}

} // namespace palisade::crypto::ratchet
