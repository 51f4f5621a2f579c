#include "server/DataDir.h"

#include "crypto/Random.h"

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <fstream>
#include <sys/stat.h>
#include <unistd.h>

namespace palisade::server {
namespace {

constexpr std::size_t secretSize = 32;

std::expected<void, std::string> writeNewFile(
    const std::filesystem::path& path, std::span<const std::uint8_t> bytes, mode_t mode)
{
    const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, mode);
    if (fd < 0) {
        return std::unexpected("cannot create " + path.string() + ": " + std::strerror(errno));
    }
    std::size_t done = 0;
    while (done < bytes.size()) {
        const ssize_t n = ::write(fd, bytes.data() + done, bytes.size() - done);
        if (n < 0 && errno == EINTR) {
            continue;
        }
        if (n <= 0) {
            ::close(fd);
            return std::unexpected("cannot write " + path.string() + ": " + std::strerror(errno));
        }
        done += static_cast<std::size_t>(n);
    }
    if (::fsync(fd) != 0 || ::close(fd) != 0) {
        return std::unexpected("cannot write " + path.string() + ": " + std::strerror(errno));
    }
    return {};
}

} // namespace

std::expected<crypto::SecureBuffer, std::string> readSecretFile(const std::filesystem::path& path)
{
    const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NOFOLLOW);
    if (fd < 0) {
        return std::unexpected("cannot open " + path.string() + ": " + std::strerror(errno));
    }
    struct stat st { };
    if (::fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
        ::close(fd);
        return std::unexpected(path.string() + " is not a regular file");
    }
    if ((st.st_mode & (S_IRWXG | S_IRWXO)) != 0) {
        ::close(fd);
        return std::unexpected(path.string() + " can be read by other users; run chmod 600 on it");
    }
    crypto::SecureBuffer secret(secretSize);
    std::size_t done = 0;
    while (done < secretSize) {
        const ssize_t n = ::read(fd, secret.data() + done, secretSize - done);
        if (n < 0 && errno == EINTR) {
            continue;
        }
        if (n <= 0) {
            break;
        }
        done += static_cast<std::size_t>(n);
    }
    std::uint8_t extra = 0;
    const bool longer = ::read(fd, &extra, 1) > 0;
    ::close(fd);
    if (done != secretSize || longer) {
        return std::unexpected(path.string() + " does not hold a 32-byte key");
    }
    return secret;
}

std::expected<Config, std::string> loadDataDirConfig(const std::filesystem::path& dir)
{
    auto config = loadConfig(dir / "server.conf", dir);
    if (!config) {
        return std::unexpected(config.error().toString());
    }
    return *config;
}

std::expected<crypto::X25519PublicKey, std::string> initDataDir(const std::filesystem::path& dir)
{
    std::error_code ec;
    std::filesystem::create_directories(dir, ec);
    if (ec) {
        return std::unexpected("cannot create " + dir.string() + ": " + ec.message());
    }
    ::chmod(dir.c_str(), 0700);
    const auto confPath = dir / "server.conf";
    const std::string text = defaultConfigText();
    if (auto ok = writeNewFile(confPath,
            std::span<const std::uint8_t>(reinterpret_cast<const std::uint8_t*>(text.data()), text.size()),
            0640);
        !ok) {
        return std::unexpected(ok.error() + " (already initialised?)");
    }
    auto config = loadDataDirConfig(dir);
    if (!config) {
        return std::unexpected(config.error());
    }
    auto pair = crypto::x25519::generateKeyPair();
    if (auto ok = writeNewFile(config->noiseKey, pair.secretKey.bytes(), 0600); !ok) {
        return std::unexpected(ok.error());
    }
    const auto dbKey = crypto::randomSecret(secretSize);
    if (auto ok = writeNewFile(config->databaseKey, dbKey.bytes(), 0600); !ok) {
        return std::unexpected(ok.error());
    }
    auto store = SqlStore::open(config->database, dbKey, true);
    if (!store) {
        return std::unexpected("cannot create the database: " + store.error());
    }
    return pair.publicKey;
}

std::expected<crypto::X25519KeyPair, std::string> loadServerKey(const Config& config)
{
    auto secret = readSecretFile(config.noiseKey);
    if (!secret) {
        return std::unexpected(secret.error());
    }
    auto pair = crypto::x25519::keyPairFromSecret(secret->bytes());
    if (!pair) {
        return std::unexpected(config.noiseKey.string() + " does not hold a valid key");
    }
    return std::move(*pair);
}

std::expected<SqlStore, std::string> openStore(const Config& config)
{
    auto key = readSecretFile(config.databaseKey);
    if (!key) {
        return std::unexpected(key.error());
    }
    auto store = SqlStore::open(config.database, *key, false);
    if (!store) {
        return std::unexpected(config.database.string() + ": " + store.error());
    }
    return store;
}

} // namespace palisade::server
