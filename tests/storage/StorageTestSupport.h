#pragma once
// Helpers shared by the storage tests: file bytes, plaintext scans, the sqlcipher CLI.

#include "crypto/SecureBuffer.h"

#include <QByteArray>
#include <QDir>
#include <QFile>
#include <QProcess>
#include <QStandardPaths>
#include <QString>
#include <QStringList>

#include <string_view>

namespace palisade::storage::test {

inline QByteArray readAll(const QString& path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        return {};
    }
    return file.readAll();
}

/// Files of @p dir (db, -wal, -shm, key file) that contain @p needle.
inline QStringList filesContaining(const QString& dir, const QByteArray& needle)
{
    QStringList hits;
    for (const auto& name : QDir(dir).entryList(QDir::Files)) {
        if (readAll(dir + u'/' + name).contains(needle)) {
            hits << name;
        }
    }
    return hits;
}

/// A passphrase in secure memory.
inline crypto::SecureBuffer pass(std::string_view text)
{
    return crypto::SecureBuffer::copyOf({ reinterpret_cast<const std::uint8_t*>(text.data()), text.size() });
}

inline QByteArray hexOf(const crypto::SecureBuffer& key)
{
    return QByteArray(reinterpret_cast<const char*>(key.data()), static_cast<qsizetype>(key.size())).toHex();
}

struct CliResult {
    int exitCode = -1;
    QByteArray out;
    QByteArray err;
};

/// Run the sqlcipher command-line tool on @p db with @p script on standard input.
inline CliResult runSqlcipherCli(const QString& db, const QByteArray& script)
{
    CliResult result;
    const QString exe = QStandardPaths::findExecutable(QStringLiteral("sqlcipher"));
    if (exe.isEmpty()) {
        result.err = "sqlcipher CLI not installed (scripts/dev setup installs it)";
        return result;
    }
    QProcess process;
    process.start(exe, { QStringLiteral("-batch"), db });
    process.write(script);
    process.closeWriteChannel();
    if (!process.waitForFinished(30000)) {
        process.kill();
        return result;
    }
    result.exitCode = process.exitCode();
    result.out = process.readAllStandardOutput();
    result.err = process.readAllStandardError();
    return result;
}

} // namespace palisade::storage::test

#include "storage/Database.h"
#include "storage/Schema.h"

#include <QTemporaryDir>

#include <cstdio>
#include <cstdlib>

namespace palisade::storage::test {

/// A new, migrated client database in @p dir (fatal on failure: every test needs one).
inline Database openClientDatabase(const QTemporaryDir& dir, const crypto::SecureBuffer& key)
{
    auto db
        = Database::open(dir.filePath(QStringLiteral("profile.db")).toStdString(), key, { .create = true });
    if (!db) {
        std::fprintf(stderr, "open: %s\n", describe(db.error()).c_str());
        std::abort();
    }
    if (auto migrated = migrate(*db, clientMigrations()); !migrated) {
        std::fprintf(stderr, "migrate: %s\n", describe(migrated.error()).c_str());
        std::abort();
    }
    return std::move(*db);
}

} // namespace palisade::storage::test
