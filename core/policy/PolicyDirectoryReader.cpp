#include "core/policy/PolicyDirectoryReader.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QJsonParseError>
#include <QJsonValue>

#include <algorithm>
#include <cerrno>
#include <cmath>
#include <cstring>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace palisade::core {

namespace {

constexpr off_t maxFileBytes = 1024 * 1024;

/// Empty when @p st may hold policy; otherwise why not.
std::string ownershipProblem(const struct stat& st, uid_t requiredOwner)
{
    if (st.st_uid != requiredOwner) {
        return "not owned by uid " + std::to_string(requiredOwner) + " (refused)";
    }
    if ((st.st_mode & (S_IWGRP | S_IWOTH)) != 0) {
        return "writable by group or others (refused)";
    }
    return {};
}

RawValue toRaw(const QJsonValue& value)
{
    switch (value.type()) {
    case QJsonValue::Bool:
        return value.toBool();
    case QJsonValue::Double: {
        const double number = value.toDouble();
        if (std::floor(number) == number && std::fabs(number) < 9.0e15) {
            return static_cast<std::int64_t>(number);
        }
        return number;
    }
    case QJsonValue::String:
        return value.toString().toStdString();
    case QJsonValue::Array: {
        std::vector<std::string> list;
        for (const QJsonValue item : value.toArray()) {
            if (!item.isString()) {
                return UnsupportedValue { "a list with an item that is not a string" };
            }
            list.push_back(item.toString().toStdString());
        }
        return list;
    }
    case QJsonValue::Object:
        return UnsupportedValue { "an object" };
    case QJsonValue::Null:
    case QJsonValue::Undefined:
        break;
    }
    return UnsupportedValue { "null" };
}

/// Opens @p path without following a swap under our feet: the checks run on the open
/// descriptor (fstat), not on the name.
std::expected<QByteArray, std::string> readPolicyFile(const std::filesystem::path& path, uid_t requiredOwner)
{
    const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK);
    if (fd < 0) {
        return std::unexpected(std::string("cannot open: ") + std::strerror(errno));
    }
    struct stat st { };
    std::expected<QByteArray, std::string> result = std::unexpected(std::string("cannot stat"));
    if (::fstat(fd, &st) == 0) {
        if (!S_ISREG(st.st_mode)) {
            result = std::unexpected(std::string("not a regular file (refused)"));
        } else if (auto problem = ownershipProblem(st, requiredOwner); !problem.empty()) {
            result = std::unexpected(problem);
        } else if (st.st_size > maxFileBytes) {
            result = std::unexpected(std::string("larger than 1 MiB (refused)"));
        } else {
            QByteArray bytes(static_cast<qsizetype>(st.st_size), '\0');
            qsizetype done = 0;
            while (done < bytes.size()) {
                const ssize_t n = ::read(fd, bytes.data() + done, static_cast<size_t>(bytes.size() - done));
                if (n <= 0) {
                    break;
                }
                done += n;
            }
            bytes.truncate(done);
            result = bytes;
        }
    }
    ::close(fd);
    return result;
}

/// Empty when @p dir is usable or absent (absent: @p exists is false).
std::string directoryProblem(const std::filesystem::path& dir, uid_t requiredOwner, bool& exists)
{
    struct stat st { };
    exists = false;
    if (::stat(dir.c_str(), &st) != 0) {
        return errno == ENOENT ? std::string() : std::string("cannot stat: ") + std::strerror(errno);
    }
    exists = true;
    if (!S_ISDIR(st.st_mode)) {
        return "not a directory (refused)";
    }
    return ownershipProblem(st, requiredOwner);
}

} // namespace

std::expected<std::vector<PolicyEntry>, std::string> parsePolicyJson(
    const QByteArray& bytes, const std::string& origin)
{
    QJsonParseError error {};
    const QJsonDocument document = QJsonDocument::fromJson(bytes, &error);
    if (error.error != QJsonParseError::NoError) {
        return std::unexpected("not valid JSON at byte " + std::to_string(error.offset) + ": "
            + error.errorString().toStdString() + " (file ignored)");
    }
    if (!document.isObject()) {
        return std::unexpected(std::string("not a JSON object of key: value (file ignored)"));
    }
    std::vector<PolicyEntry> entries;
    const QJsonObject object = document.object();
    for (auto it = object.begin(); it != object.end(); ++it) {
        entries.push_back({ it.key().toStdString(), toRaw(it.value()), origin });
    }
    return entries;
}

PolicyDirectoryReader::PolicyDirectoryReader(std::filesystem::path root, uid_t requiredOwner)
    : m_root(std::move(root))
    , m_requiredOwner(requiredOwner)
{
}

PolicyReadResult PolicyDirectoryReader::read() const
{
    PolicyReadResult result;
    bool exists = false;
    if (auto problem = directoryProblem(m_root, m_requiredOwner, exists); !problem.empty()) {
        result.problems.push_back({ m_root.string(), {}, problem });
        return result;
    }
    if (exists) {
        readLevel(m_root / "managed", result.managed, result.problems);
        readLevel(m_root / "recommended", result.recommended, result.problems);
    }
    return result;
}

void PolicyDirectoryReader::readLevel(const std::filesystem::path& dir, std::vector<PolicyEntry>& out,
    std::vector<PolicyProblem>& problems) const
{
    bool exists = false;
    if (auto problem = directoryProblem(dir, m_requiredOwner, exists); !problem.empty()) {
        problems.push_back({ dir.string(), {}, problem });
        return;
    }
    if (!exists) {
        return;
    }
    std::vector<std::filesystem::path> files;
    std::error_code ec;
    for (const auto& item : std::filesystem::directory_iterator(dir, ec)) {
        const std::string name = item.path().filename().string();
        if (name.ends_with(".json") && !name.starts_with('.')) {
            files.push_back(item.path());
        }
    }
    if (ec) {
        problems.push_back({ dir.string(), {}, "cannot list: " + ec.message() });
        return;
    }
    std::ranges::sort(files);
    for (const auto& file : files) {
        auto bytes = readPolicyFile(file, m_requiredOwner);
        if (!bytes) {
            problems.push_back({ file.string(), {}, bytes.error() });
            continue;
        }
        auto entries = parsePolicyJson(*bytes, file.string());
        if (!entries) {
            problems.push_back({ file.string(), {}, entries.error() });
            continue;
        }
        std::ranges::move(*entries, std::back_inserter(out));
    }
}

} // namespace palisade::core
