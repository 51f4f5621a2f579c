#include "crypto/SecretStream.h"

#include <sodium.h>

namespace palisade::crypto {

namespace {

crypto_secretstream_xchacha20poly1305_state* stateOf(SecureBuffer& buffer) noexcept
{
    return reinterpret_cast<crypto_secretstream_xchacha20poly1305_state*>(buffer.data());
}

} // namespace

std::expected<SecretStreamWriter, Error> SecretStreamWriter::create(ByteView key)
{
    if (key.size() != crypto_secretstream_xchacha20poly1305_KEYBYTES) {
        return std::unexpected(Error::InvalidKey);
    }
    SecretStreamWriter writer;
    writer.m_state = SecureBuffer(sizeof(crypto_secretstream_xchacha20poly1305_state));
    crypto_secretstream_xchacha20poly1305_init_push(
        stateOf(writer.m_state), writer.m_header.data(), key.data());
    return writer;
}

std::expected<Bytes, Error> SecretStreamWriter::push(ByteView plaintext, bool final)
{
    if (m_finished || m_state.empty()) {
        return std::unexpected(Error::InvalidState);
    }
    Bytes out(plaintext.size() + secretstream::kOverhead);
    const unsigned char tag = final ? crypto_secretstream_xchacha20poly1305_TAG_FINAL
                                    : crypto_secretstream_xchacha20poly1305_TAG_MESSAGE;
    unsigned long long written = 0;
    crypto_secretstream_xchacha20poly1305_push(
        stateOf(m_state), out.data(), &written, plaintext.data(), plaintext.size(), nullptr, 0, tag);
    out.resize(static_cast<std::size_t>(written));
    m_finished = final;
    return out;
}

std::expected<SecretStreamReader, Error> SecretStreamReader::create(ByteView key, ByteView header)
{
    if (key.size() != crypto_secretstream_xchacha20poly1305_KEYBYTES
        || header.size() != crypto_secretstream_xchacha20poly1305_HEADERBYTES) {
        return std::unexpected(Error::InvalidKey);
    }
    SecretStreamReader reader;
    reader.m_state = SecureBuffer(sizeof(crypto_secretstream_xchacha20poly1305_state));
    if (crypto_secretstream_xchacha20poly1305_init_pull(stateOf(reader.m_state), header.data(), key.data())
        != 0) {
        return std::unexpected(Error::DecryptFailed);
    }
    return reader;
}

std::expected<Bytes, Error> SecretStreamReader::pull(ByteView chunk)
{
    if (m_finished || m_failed || m_state.empty()) {
        return std::unexpected(Error::InvalidState);
    }
    if (chunk.size() < secretstream::kOverhead) {
        return std::unexpected(Error::MessageTooShort);
    }
    Bytes out(chunk.size() - secretstream::kOverhead);
    unsigned long long written = 0;
    unsigned char tag = 0;
    if (crypto_secretstream_xchacha20poly1305_pull(
            stateOf(m_state), out.data(), &written, &tag, chunk.data(), chunk.size(), nullptr, 0)
        != 0) {
        m_failed = true; // a stream that failed once cannot be trusted to continue
        return std::unexpected(Error::DecryptFailed);
    }
    out.resize(static_cast<std::size_t>(written));
    m_finished = tag == crypto_secretstream_xchacha20poly1305_TAG_FINAL;
    return out;
}

std::expected<void, Error> SecretStreamReader::finish() const noexcept
{
    if (!m_finished) {
        return std::unexpected(Error::StreamTruncated);
    }
    return {};
}

} // namespace palisade::crypto
