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
