#pragma once
/// @file
/// @brief The command-line tools of `palisade` for IT: `--version` and `--print-policy`
/// (`--json`). In test builds (PALISADE_TEST_SEAMS) `--policy-root DIR` replaces the
/// platform's policy source with a policy directory owned by the current user; a release
/// build has no such option, so nothing on the command line or in the environment can
/// override a locked value.

#include <QStringList>

#include <optional>

namespace palisade::app {

/// Runs the command-line tool that @p arguments (argv, program name first) ask for and
/// returns the process exit status, or std::nullopt when no tool was asked for (the caller
/// then starts the user interface). Prints to stdout and stderr.
[[nodiscard]] std::optional<int> runCommandLine(const QStringList& arguments);

} // namespace palisade::app
