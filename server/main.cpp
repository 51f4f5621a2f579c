// palisade-server: the corporate Palisade server (docs/admin-guide.md).
#include "crypto/Init.h"
#include "server/AdminCommands.h"

#include <iostream>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/stat.h>

int main(int argc, char** argv)
{
    using namespace palisade::server;
    // No core dumps: they would hold keys (STYLE.md §12).
    const rlimit noCore { 0, 0 };
    ::setrlimit(RLIMIT_CORE, &noCore);
    ::prctl(PR_SET_DUMPABLE, 0, 0, 0, 0);
    ::umask(077); // the database and key files are for the server account only
    if (!palisade::crypto::initialize()) {
        std::cerr << "palisade-server: the cryptographic library failed to start\n";
        return 1;
    }
    const CommandLine cl = parseCommandLine(argc, argv, { "locked" });
    if (cl.words.empty()) {
        return usage();
    }
    const std::string& command = cl.words[0];
    if (command == "init") {
        return commandInit(cl);
    }
    if (command == "user") {
        return commandUser(cl);
    }
    if (command == "policy") {
        return commandPolicyExport(cl);
    }
    if (command == "run") {
        return commandRun(cl);
    }
    if (command == "clients") {
        return commandClients(cl);
    }
    return usage();
}
