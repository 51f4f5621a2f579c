#include "storage/PassphraseKeyStore.h"

#include "crypto/Random.h"
#include "crypto/SecretBox.h"
#include "storage/Database.h"
#include "storage/KeyFile.h"

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>
#include <utility>

namespace palisade::storage {

namespace {

Error ioError(const std::string& what, const std::filesystem::path& path)
{
    return { ErrorCode::Io, what + " " + path.string() + ": " + std::strerror(errno) };
}

std::expected<std::vector<std::uint8_t>, Error> readKeyFile(const std::filesystem::path& path)
{
    const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NOFOLLOW);
    if (fd < 0) {
        if (errno == ENOENT) {
            return std::unexpected(Error { ErrorCode::NotFound, path.string() });
        }
        return std::unexpected(ioError("cannot open", path));
    }
    struct stat st { };
    if (::fstat(fd, &st) != 0) {
        auto error = ioError("cannot stat", path);
        ::close(fd);
        return std::unexpected(std::move(error));
    }
    if ((st.st_mode & (S_IRWXG | S_IRWXO)) != 0) {
        ::close(fd);
        return std::unexpected(Error { ErrorCode::KeyFilePermissions, path.string() });
    }
    // Read at most one byte more than a valid file, so an oversized file is reported as such.
    std::vector<std::uint8_t> bytes(keyFileSize + 1);
    std::size_t got = 0;
    while (got < bytes.size()) {
        const auto n = ::read(fd, bytes.data() + got, bytes.size() - got);
        if (n < 0 && errno == EINTR) {
            continue;
        }
        if (n < 0) {
            auto error = ioError("cannot read", path);
            ::close(fd);
            return std::unexpected(std::move(error));
        }
        if (n == 0) {
            break;
        }
        got += static_cast<std::size_t>(n);
    }
    ::close(fd);
    bytes.resize(got);
    return bytes;
}

std::expected<void, Error> writeAtomically(
    const std::filesystem::path& path, std::span<const std::uint8_t> bytes)
{
    auto tmp = path;
    tmp += ".new";
    ::unlink(tmp.c_str());
    const int fd
        = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, S_IRUSR | S_IWUSR);
    if (fd < 0) {
        return std::unexpected(ioError("cannot create", tmp));
    }
    std::size_t done = 0;
    while (done < bytes.size()) {
        const auto n = ::write(fd, bytes.data() + done, bytes.size() - done);
        if (n < 0 && errno == EINTR) {
            continue;
        }
        if (n <= 0) {
            auto error = ioError("cannot write", tmp);
            ::close(fd);
            ::unlink(tmp.c_str());
            return std::unexpected(std::move(error));
        }
        done += static_cast<std::size_t>(n);
    }
    if (::fchmod(fd, S_IRUSR | S_IWUSR) != 0 || ::fsync(fd) != 0) {
        auto error = ioError("cannot sync", tmp);
        ::close(fd);
        ::unlink(tmp.c_str());
        return std::unexpected(std::move(error));
    }
    ::close(fd);
    if (::rename(tmp.c_str(), path.c_str()) != 0) {
        auto error = ioError("cannot replace", path);
        ::unlink(tmp.c_str());
        return std::unexpected(std::move(error));
    }
    const auto dir = path.has_parent_path() ? path.parent_path() : std::filesystem::path(".");
    const int dirFd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (dirFd >= 0) {
        ::fsync(dirFd);
        ::close(dirFd);
    }
    return {};
}

} // namespace

std::size_t codePointCount(std::span<const std::uint8_t> text) noexcept
{
    std::size_t count = 0;
    for (const auto byte : text) {
        count += (byte & 0xC0) != 0x80 ? 1 : 0;
    }
    return count;
}

PassphraseKeyStore::PassphraseKeyStore(
    std::filesystem::path keyFile, crypto::SecureBuffer passphrase, PassphrasePolicy policy)
    : m_path(std::move(keyFile))
    , m_passphrase(std::move(passphrase))
    , m_policy(policy)
{
}

bool PassphraseKeyStore::hasKey() const
{
    std::error_code ec;
    return std::filesystem::exists(m_path, ec);
}

std::expected<crypto::SecureBuffer, Error> PassphraseKeyStore::loadKey()
{
    auto bytes = readKeyFile(m_path);
    if (!bytes) {
        return std::unexpected(std::move(bytes.error()));
    }
    auto file = parseKeyFile(*bytes);
    if (!file) {
        return std::unexpected(std::move(file.error()));
    }
    auto wrapping = crypto::derivePasswordKey(m_passphrase.bytes(), file->salt, file->params);
    if (!wrapping) {
        return std::unexpected(Error { ErrorCode::Crypto, std::string(crypto::describe(wrapping.error())) });
    }
    auto key = crypto::secretBoxOpen(*wrapping, file->nonce, file->wrappedKey);
    if (!key) {
        return std::unexpected(Error { ErrorCode::WrongPassphrase, {} });
    }
    if (key->size() != databaseKeySize) {
        return std::unexpected(Error { ErrorCode::KeyFileCorrupt, "wrapped key has the wrong size" });
    }
    return std::move(*key);
}

std::expected<void, Error> PassphraseKeyStore::storeKey(const crypto::SecureBuffer& key)
{
    if (codePointCount(m_passphrase.bytes()) < m_policy.minLength) {
        return std::unexpected(Error { ErrorCode::PassphraseTooShort,
            "at least " + std::to_string(m_policy.minLength) + " characters" });
    }
    if (key.size() != databaseKeySize) {
        return std::unexpected(Error { ErrorCode::Crypto, "a database key has 32 bytes" });
    }
    KeyFile file;
    file.params = m_policy.params;
    crypto::randomFill(file.salt);
    auto wrapping = crypto::derivePasswordKey(m_passphrase.bytes(), file.salt, file.params);
    if (!wrapping) {
        return std::unexpected(Error { ErrorCode::Crypto, std::string(crypto::describe(wrapping.error())) });
    }
    auto sealed = crypto::secretBoxSeal(*wrapping, key.bytes());
    if (!sealed || sealed->ciphertext.size() != file.wrappedKey.size()) {
        return std::unexpected(Error { ErrorCode::Crypto, "wrapping the key failed" });
    }
    file.nonce = sealed->nonce;
    std::copy(sealed->ciphertext.begin(), sealed->ciphertext.end(), file.wrappedKey.begin());
    return writeAtomically(m_path, encodeKeyFile(file));
}

std::expected<void, Error> PassphraseKeyStore::changePassphrase(crypto::SecureBuffer newPassphrase)
{
    auto key = loadKey();
    if (!key) {
        return std::unexpected(std::move(key.error()));
    }
    std::swap(m_passphrase, newPassphrase);
    auto stored = storeKey(*key);
    if (!stored) {
        std::swap(m_passphrase, newPassphrase); // keep the passphrase that still works
        return stored;
    }
    return {};
}

} // namespace palisade::storage
