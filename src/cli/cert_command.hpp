// mediagate cert --out DIR [--host NAME]...: a local CA (made once, reused) and a server
// certificate for localhost, 127.0.0.1, ::1 and each --host (cli/certificates.hpp).
// Exit status: 0 written, 1 failed (the message says what), 2 usage error.
#pragma once

#include <string>
#include <vector>

namespace mediagate::cli {

int run_cert(const std::vector<std::string>& args);

}  // namespace mediagate::cli
