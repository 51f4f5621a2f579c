#pragma once
/// @file
/// @brief Copies tests/data/policy into a temporary directory with fixed modes (0755
/// directories, 0644 files), owned by the current user, for the policy tests.

#include <QDir>
#include <QFile>
#include <QString>
#include <QTemporaryDir>

#include <sys/stat.h>

namespace palisade::test {

/// Writes @p contents to @p path with mode @p mode; false on failure.
inline bool writePolicyFile(const QString& path, const QByteArray& contents, mode_t mode = 0644)
{
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate) || file.write(contents) != contents.size()) {
        return false;
    }
    file.close();
    return ::chmod(QFile::encodeName(path).constData(), mode) == 0;
}

/// Copies every file of @p sourceDir/{managed,recommended} under @p root.
inline bool copyPolicyTree(const QString& sourceDir, const QString& root)
{
    const QDir source(sourceDir);
    for (const QString& level : { QStringLiteral("managed"), QStringLiteral("recommended") }) {
        const QString target = root + u'/' + level;
        if (!QDir().mkpath(target) || ::chmod(QFile::encodeName(target).constData(), 0755) != 0) {
            return false;
        }
        const QDir dir(source.filePath(level));
        for (const QString& name : dir.entryList(QDir::Files)) {
            QFile in(dir.filePath(name));
            if (!in.open(QIODevice::ReadOnly) || !writePolicyFile(target + u'/' + name, in.readAll())) {
                return false;
            }
        }
    }
    return ::chmod(QFile::encodeName(root).constData(), 0755) == 0;
}

/// Copies tests/data/policy/{managed,recommended} under @p root.
inline bool copyPolicyFixtures(const QString& root)
{
    return copyPolicyTree(QStringLiteral(PALISADE_TEST_DATA_DIR "/policy"), root);
}

} // namespace palisade::test
