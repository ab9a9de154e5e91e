// A journal entry as a `curl` command that sends the same request again (docs/sandbox.md):
//   curl 'http://HOST/path?a=1&b=%E4%B8%AD&sign='"${SIGN}"
// Parameters are percent-encoded (RFC 3986 unreserved bytes as they are); a GET sends them in
// the query, any other method as an application/x-www-form-urlencoded body (--data-raw). A
// masked parameter (signature, secret, token) becomes a shell variable named after it, upper
// case, other bytes as '_' ("sign" -> ${SIGN}): set it to the value to send. Everything else
// is single-quoted, so the command is safe to paste into a POSIX shell.
#pragma once

#include <string>
#include <string_view>

#include "observe/journal_entry.hpp"

namespace mediagate::observe {

// The shell variable that stands for a masked parameter: "sign" -> "SIGN".
std::string placeholder_variable(std::string_view parameter_name);

// `text` inside single quotes, each ' written as '\''.
std::string shell_quoted(std::string_view text);

// The command; "HOST" stands for the host when the request named none.
std::string curl_command(const JournalEntry& entry);

}  // namespace mediagate::observe
