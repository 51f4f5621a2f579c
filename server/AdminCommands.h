#pragma once
/// @file
/// @brief The administrative subcommands of palisade-server (everything except `run`).
/// Each returns the process exit code and prints a clear sentence on failure.

#include <string>
#include <vector>

namespace palisade::server {

/// Parsed command line: positional words and --options (an option without a value is "").
struct CommandLine {
    std::vector<std::string> words;
    std::vector<std::pair<std::string, std::string>> options;

    [[nodiscard]] const std::string* option(const std::string& name) const;
    [[nodiscard]] bool flag(const std::string& name) const { return option(name) != nullptr; }
};

/// Split argv after the program name; options listed in @p flags take no value.
[[nodiscard]] CommandLine parseCommandLine(int argc, char** argv, const std::vector<std::string>& flags);

int commandInit(const CommandLine& cl);
int commandUser(const CommandLine& cl);
int commandPolicyExport(const CommandLine& cl);
int commandClients(const CommandLine& cl);
/// `run`: serve until SIGTERM/SIGINT (RunCommand.cpp).
int commandRun(const CommandLine& cl);

/// Prints the usage text to stderr and returns 64 (EX_USAGE).
int usage();

} // namespace palisade::server
