#pragma once
/// @file
/// @brief CPU time and memory of a process, from /proc (Linux).

#include <cstdint>
#include <string>
#include <sys/types.h>

namespace palisade::bench {

/// utime + stime of @p pid in microseconds (/proc/PID/stat); 0 when unreadable.
[[nodiscard]] std::uint64_t cpuMicros(pid_t pid);
/// Time on CPU of every thread of @p pid in microseconds (/proc/PID/task/*/schedstat,
/// nanosecond clock; tick-based utime/stime lose ticks inside some VMs).
[[nodiscard]] std::uint64_t schedMicros(pid_t pid);
/// VmRSS of @p pid in KiB (/proc/PID/status); 0 when unreadable.
[[nodiscard]] std::uint64_t rssKiB(pid_t pid);
/// Pss of @p pid in KiB (/proc/PID/smaps_rollup); 0 when unreadable.
[[nodiscard]] std::uint64_t pssKiB(pid_t pid);

} // namespace palisade::bench
