#pragma once
/// @file
/// @brief The windowed client: first run or the locked main window over EngineBridge.

namespace palisade::app {

/// Runs the user interface until the last window closes; returns the exit status.
/// Options: --profile DIR (default: the platform's app-data folder) and, in test builds
/// only, --policy-root DIR (see app/CommandLine.h).
[[nodiscard]] int runGui(int argc, char* argv[]);

/// True when @p argv asks for a command-line tool (--version, --print-policy, --help).
[[nodiscard]] bool wantsCommandLineTool(int argc, char* argv[]);

} // namespace palisade::app
