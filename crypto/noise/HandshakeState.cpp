#include "crypto/noise/HandshakeState.h"

#include <sodium.h>

#include <algorithm>
#include <array>
#include <utility>

namespace palisade::crypto::noise {

namespace {

void append(Bytes& out, ByteView bytes)
{
    out.insert(out.end(), bytes.begin(), bytes.end());
}

std::expected<X25519PublicKey, Error> publicKeyFrom(ByteView bytes)
{
    if (bytes.size() != x25519::kKeySize) {
        return std::unexpected(bytes.empty() ? Error::MissingKey : Error::InvalidKey);
    }
    X25519PublicKey key {};
    std::copy(bytes.begin(), bytes.end(), key.begin());
    return key;
}

} // namespace

HandshakeState::HandshakeState(HandshakePattern pattern, Role role, std::string_view protocolName)
    : m_pattern(std::move(pattern))
    , m_role(role)
    , m_symmetric(protocolName)
{
}

template <typename T> std::expected<T, Error> HandshakeState::fail(Error error)
{
    m_failed = true;
    return std::unexpected(error);
}

std::expected<HandshakeState, Error> HandshakeState::create(const HandshakeConfig& config)
{
    auto pattern = parseProtocolName(config.protocolName);
    if (!pattern) {
        return std::unexpected(pattern.error());
    }
    return initialize(std::move(*pattern), config, std::nullopt, std::nullopt);
}

std::expected<HandshakeState, Error> HandshakeState::fallback(
    HandshakeState&& failed, const HandshakeConfig& config)
{
    auto pattern = parseProtocolName(config.protocolName);
    if (!pattern) {
        return std::unexpected(pattern.error());
    }
    if (!pattern->fallback || config.role != failed.m_role) {
        return std::unexpected(Error::InvalidState);
    }
    if (config.role == Role::Initiator) {
        if (!failed.m_e) {
            return std::unexpected(Error::InvalidState);
        }
        return initialize(std::move(*pattern), config, std::move(failed.m_e), std::nullopt);
    }
    if (!failed.m_re) {
        return std::unexpected(Error::InvalidState);
    }
    return initialize(std::move(*pattern), config, std::nullopt, failed.m_re);
}

std::expected<HandshakeState, Error> HandshakeState::initialize(HandshakePattern pattern,
    const HandshakeConfig& config, std::optional<X25519KeyPair> preMessageEphemeral,
    std::optional<X25519PublicKey> remoteEphemeral)
{
    const bool initiator = config.role == Role::Initiator;
    HandshakeState state(std::move(pattern), config.role, config.protocolName);
    const HandshakePattern& p = state.m_pattern;

    if (p.needsLocalStatic(initiator)) {
        if (config.localStaticSecret.empty()) {
            return std::unexpected(Error::MissingKey);
        }
        if (config.localStaticSecret.size() != x25519::kKeySize) {
            return std::unexpected(Error::InvalidKey);
        }
        if (config.localStaticPublic.size() == x25519::kKeySize) {
            state.m_s = X25519KeyPair { *publicKeyFrom(config.localStaticPublic),
                SecureBuffer::copyOf(config.localStaticSecret) };
        } else {
            auto pair = x25519::keyPairFromSecret(config.localStaticSecret);
            if (!pair) {
                return std::unexpected(pair.error());
            }
            state.m_s = std::move(*pair);
        }
    }
    if (p.needsRemoteStaticUpFront(initiator)) {
        auto rs = publicKeyFrom(config.remoteStaticPublic);
        if (!rs) {
            return std::unexpected(rs.error());
        }
        state.m_rs = *rs;
    }
    if (config.psks.size() != p.pskCount()) {
        return std::unexpected(Error::MissingKey);
    }
    for (const ByteView psk : config.psks) {
        if (psk.size() != kKeySize) {
            return std::unexpected(Error::InvalidKey);
        }
        state.m_psks.push_back(SecureBuffer::copyOf(psk));
    }
    state.m_e = std::move(preMessageEphemeral);
    state.m_re = remoteEphemeral;

    state.m_symmetric.mixHash(config.prologue);
    // Pre-messages: the initiator's first, then the responder's (spec §5.3 Initialize).
    for (const bool initiatorSide : { true, false }) {
        const bool ours = initiatorSide == initiator;
        for (const Token token : initiatorSide ? p.initiatorPreMessage : p.responderPreMessage) {
            if (token == Token::E) {
                if (ours ? !state.m_e : !state.m_re) {
                    return std::unexpected(Error::MissingKey);
                }
                state.m_symmetric.mixHash(ours ? ByteView(state.m_e->publicKey) : ByteView(*state.m_re));
            } else {
                if (ours ? !state.m_s : !state.m_rs) {
                    return std::unexpected(Error::MissingKey);
                }
                state.m_symmetric.mixHash(ours ? ByteView(state.m_s->publicKey) : ByteView(*state.m_rs));
            }
        }
    }
    return state;
}

bool HandshakeState::isComplete() const noexcept
{
    return m_messageIndex >= m_pattern.messages.size();
}

bool HandshakeState::isMyTurnToWrite() const noexcept
{
    return !m_failed && !isComplete() && m_pattern.messages[m_messageIndex].fromInitiator == isInitiator();
}

std::expected<void, Error> HandshakeState::mixSecret(Token token)
{
    if (token == Token::Psk) {
        m_symmetric.mixKeyAndHash(m_psks.at(m_nextPsk++).bytes());
        return {};
    }
    const std::optional<X25519KeyPair>* local = nullptr;
    const std::optional<X25519PublicKey>* remote = nullptr;
    switch (token) {
    case Token::EE:
        local = &m_e;
        remote = &m_re;
        break;
    case Token::ES:
        local = isInitiator() ? &m_e : &m_s;
        remote = isInitiator() ? &m_rs : &m_re;
        break;
    case Token::SE:
        local = isInitiator() ? &m_s : &m_e;
        remote = isInitiator() ? &m_re : &m_rs;
        break;
    case Token::SS:
        local = &m_s;
        remote = &m_rs;
        break;
    default:
        return std::unexpected(Error::InvalidState);
    }
    if (!local->has_value() || !remote->has_value()) {
        return std::unexpected(Error::MissingKey);
    }
    std::array<std::uint8_t, x25519::kKeySize> shared {};
    auto result = x25519::dh((*local)->secretKey.bytes(), **remote, shared);
    if (result) {
        m_symmetric.mixKey(shared);
    }
    sodium_memzero(shared.data(), shared.size());
    return result;
}

std::expected<void, Error> HandshakeState::writeToken(Token token, Bytes& out)
{
    switch (token) {
    case Token::E:
        if (!m_e) {
            m_e = x25519::generateKeyPair();
        }
        append(out, m_e->publicKey);
        m_symmetric.mixHash(m_e->publicKey);
        if (m_pattern.hasPsk()) {
            m_symmetric.mixKey(m_e->publicKey);
        }
        return {};
    case Token::S: {
        if (!m_s) {
            return std::unexpected(Error::MissingKey);
        }
        const std::size_t offset = out.size();
        out.resize(offset + x25519::kKeySize + (m_symmetric.hasKey() ? kTagSize : 0));
        auto written = m_symmetric.encryptAndHash(m_s->publicKey, std::span(out).subspan(offset));
        if (!written) {
            return std::unexpected(written.error());
        }
        return {};
    }
    default:
        return mixSecret(token);
    }
}

std::expected<void, Error> HandshakeState::readToken(Token token, ByteView& in)
{
    switch (token) {
    case Token::E: {
        auto re = publicKeyFrom(in.size() < x25519::kKeySize ? ByteView {} : in.first(x25519::kKeySize));
        if (!re) {
            return std::unexpected(Error::MessageTooShort);
        }
        m_re = *re;
        in = in.subspan(x25519::kKeySize);
        m_symmetric.mixHash(*m_re);
        if (m_pattern.hasPsk()) {
            m_symmetric.mixKey(*m_re);
        }
        return {};
    }
    case Token::S: {
        const std::size_t size = x25519::kKeySize + (m_symmetric.hasKey() ? kTagSize : 0);
        if (in.size() < size) {
            return std::unexpected(Error::MessageTooShort);
        }
        X25519PublicKey rs {};
        auto written = m_symmetric.decryptAndHash(in.first(size), rs);
        if (!written) {
            return std::unexpected(written.error());
        }
        m_rs = rs;
        in = in.subspan(size);
        return {};
    }
    default:
        return mixSecret(token);
    }
}

std::expected<Bytes, Error> HandshakeState::writeMessage(ByteView payload)
{
    if (!isMyTurnToWrite() || m_split) {
        return fail<Bytes>(Error::InvalidState);
    }
    Bytes out;
    out.reserve(3 * x25519::kKeySize + payload.size() + 2 * kTagSize);
    for (const Token token : m_pattern.messages[m_messageIndex].tokens) {
        if (auto written = writeToken(token, out); !written) {
            return fail<Bytes>(written.error());
        }
    }
    const std::size_t offset = out.size();
    out.resize(offset + payload.size() + (m_symmetric.hasKey() ? kTagSize : 0));
    if (out.size() > kMaxMessageSize) {
        return fail<Bytes>(Error::MessageTooLarge);
    }
    if (auto written = m_symmetric.encryptAndHash(payload, std::span(out).subspan(offset)); !written) {
        return fail<Bytes>(written.error());
    }
    ++m_messageIndex;
    return out;
}

std::expected<Bytes, Error> HandshakeState::readMessage(ByteView message)
{
    if (m_failed || m_split || isComplete() || isMyTurnToWrite()) {
        return fail<Bytes>(Error::InvalidState);
    }
    if (message.size() > kMaxMessageSize) {
        return fail<Bytes>(Error::MessageTooLarge);
    }
    ByteView in = message;
    for (const Token token : m_pattern.messages[m_messageIndex].tokens) {
        if (auto read = readToken(token, in); !read) {
            return fail<Bytes>(read.error());
        }
    }
    const std::size_t tag = m_symmetric.hasKey() ? kTagSize : 0;
    if (in.size() < tag) {
        return fail<Bytes>(Error::MessageTooShort);
    }
    Bytes payload(in.size() - tag);
    if (auto written = m_symmetric.decryptAndHash(in, payload); !written) {
        return fail<Bytes>(written.error());
    }
    ++m_messageIndex;
    return payload;
}

std::expected<TransportCiphers, Error> HandshakeState::split()
{
    if (m_failed || m_split || !isComplete()) {
        return std::unexpected(Error::InvalidState);
    }
    m_split = true;
    auto ciphers = m_symmetric.split();
    // c1 carries the first writer's traffic: the initiator's, or in a fallback pattern
    // (where the responder writes first) the responder's.
    const bool firstWriterIsInitiator
        = m_pattern.messages.empty() || m_pattern.messages.front().fromInitiator;
    m_e.reset();
    m_s.reset();
    if (isInitiator() == firstWriterIsInitiator) {
        return TransportCiphers { std::move(ciphers.initiatorToResponder),
            std::move(ciphers.responderToInitiator) };
    }
    return TransportCiphers { std::move(ciphers.responderToInitiator),
        std::move(ciphers.initiatorToResponder) };
}

#ifdef PALISADE_TEST_SEAMS
std::expected<void, Error> HandshakeState::setEphemeralForTesting(ByteView secret)
{
    if (m_e) {
        return std::unexpected(Error::InvalidState);
    }
    auto pair = x25519::keyPairFromSecret(secret);
    if (!pair) {
        return std::unexpected(pair.error());
    }
    m_e = std::move(*pair);
    return {};
}
#endif

} // namespace palisade::crypto::noise
