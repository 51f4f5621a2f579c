#include "core/keychain/KeychainKeyStore.h"

#include "storage/Database.h"

#include <sodium.h>

#include <QByteArray>
#include <QEventLoop>
#include <QTimer>
#include <QVariant>
#include <qt6keychain/keychain.h>

#include <memory>
#include <utility>

namespace palisade::core {

namespace {

using storage::Error;
using storage::ErrorCode;

// Zero a QByteArray's own buffer (QtKeychain hands secrets over in QByteArrays).
void wipe(QByteArray& bytes)
{
    if (!bytes.isEmpty()) {
        sodium_memzero(bytes.data(), static_cast<std::size_t>(bytes.size()));
    }
    bytes.clear();
}

Error keychainError(const QKeychain::Job& job)
{
    const auto detail = job.errorString().toStdString();
    switch (job.error()) {
    case QKeychain::EntryNotFound:
        return { ErrorCode::NotFound, "no keychain entry for the profile" };
    case QKeychain::AccessDeniedByUser:
    case QKeychain::AccessDenied:
        return { ErrorCode::KeychainAccessDenied, detail };
    case QKeychain::NoError:
    case QKeychain::CouldNotDeleteEntry:
    case QKeychain::NoBackendAvailable:
    case QKeychain::NotImplemented:
    case QKeychain::OtherError:
        break;
    }
    return { ErrorCode::KeychainUnavailable, detail };
}

// A job owned here until it finishes; if it outlives a timeout it deletes itself later.
struct JobDeleter {
    void operator()(QKeychain::Job* job) const
    {
        if (job->property("palisadeRunning").toBool()) {
            job->setAutoDelete(true);
        } else {
            delete job;
        }
    }
};
template <typename T> using JobPtr = std::unique_ptr<T, JobDeleter>;

template <typename T> JobPtr<T> makeJob(const KeychainOptions& options, const QString& account)
{
    JobPtr<T> job(new T(options.service));
    job->setAutoDelete(false);
    job->setInsecureFallback(false); // never a plaintext file when there is no keychain
    job->setKey(account);
    return job;
}

// Run @p job to completion in a local event loop.
std::expected<void, Error> run(QKeychain::Job& job, std::chrono::milliseconds timeout)
{
    QEventLoop loop;
    QTimer timer;
    timer.setSingleShot(true);
    QObject::connect(&job, &QKeychain::Job::finished, &loop, [&job, &loop] {
        job.setProperty("palisadeRunning", false);
        loop.quit();
    });
    QObject::connect(&timer, &QTimer::timeout, &loop, &QEventLoop::quit);
    job.setProperty("palisadeRunning", true);
    job.start();
    timer.start(timeout);
    loop.exec();
    if (job.property("palisadeRunning").toBool()) {
        return std::unexpected(
            Error { ErrorCode::KeychainUnavailable, "the keychain did not answer in time" });
    }
    if (job.error() != QKeychain::NoError) {
        return std::unexpected(keychainError(job));
    }
    return {};
}

// The entry's bytes, or an error (NotFound when there is no entry).
std::expected<crypto::SecureBuffer, Error> readEntry(const KeychainOptions& options, const QString& account)
{
    auto job = makeJob<QKeychain::ReadPasswordJob>(options, account);
    if (auto ok = run(*job, options.timeout); !ok) {
        return std::unexpected(std::move(ok.error()));
    }
    QByteArray data = job->binaryData();
    auto key = crypto::SecureBuffer::copyOf(
        { reinterpret_cast<const std::uint8_t*>(data.constData()), static_cast<std::size_t>(data.size()) });
    wipe(data);
    return key;
}

} // namespace

KeychainKeyStore::KeychainKeyStore(QString profileId, KeychainOptions options)
    : m_profileId(std::move(profileId))
    , m_options(std::move(options))
{
}

bool KeychainKeyStore::hasKey() const
{
    return readEntry(m_options, m_profileId).has_value();
}

std::expected<crypto::SecureBuffer, storage::Error> KeychainKeyStore::loadKey()
{
    auto key = readEntry(m_options, m_profileId);
    if (key && key->size() != storage::databaseKeySize) {
        return std::unexpected(Error { ErrorCode::Corrupt, "the keychain entry is not a 32-byte key" });
    }
    return key;
}

std::expected<void, storage::Error> KeychainKeyStore::storeKey(const crypto::SecureBuffer& key)
{
    if (key.size() != storage::databaseKeySize) {
        return std::unexpected(Error { ErrorCode::WrongKey, "a database key has 32 bytes" });
    }
    auto existing = readEntry(m_options, m_profileId);
    if (existing) {
        if (existing->equals(key.bytes())) {
            return {};
        }
        return std::unexpected(Error { ErrorCode::AlreadyExists,
            "the keychain already holds a different key for this profile; it was not replaced" });
    }
    if (existing.error().code != ErrorCode::NotFound) {
        return std::unexpected(std::move(existing.error()));
    }
    auto job = makeJob<QKeychain::WritePasswordJob>(m_options, m_profileId);
    QByteArray data(reinterpret_cast<const char*>(key.data()), static_cast<qsizetype>(key.size()));
    job->setBinaryData(data);
    wipe(data);
    return run(*job, m_options.timeout);
}

std::expected<void, storage::Error> KeychainKeyStore::removeKey()
{
    if (auto existing = readEntry(m_options, m_profileId); !existing) {
        return std::unexpected(std::move(existing.error()));
    }
    auto job = makeJob<QKeychain::DeletePasswordJob>(m_options, m_profileId);
    return run(*job, m_options.timeout);
}

} // namespace palisade::core
