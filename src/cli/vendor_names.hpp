// The vendors `mediagate sign` and `mediagate call` know (vendors::client_descriptors()), as the
// texts of those commands name them: in a usage line ("a | b | c"), an error ("for a only"), and
// the parts of their help that each descriptor's VendorUsage provides.
#pragma once

#include <initializer_list>
#include <string>
#include <string_view>
#include <utility>

#include "client/vendor_descriptor.hpp"

namespace mediagate::cli {

// The names of the descriptors `holds` is true of (every one without a predicate), in the
// registry's order, joined with `separator`.
std::string vendor_names(std::string_view separator,
                         bool (*holds)(const client::VendorDescriptor&) = nullptr);

// `first` (the start of a line, or more lines) followed by `text`'s words, broken before the
// help texts' margin; each continuation line starts with `indent` spaces. Ends in "\n".
std::string wrapped(std::string first, std::string_view text, std::size_t indent);

// `text` with each placeholder (e.g. "{example}") replaced by its value, wherever it is.
std::string with_parts(std::string_view text,
                       std::initializer_list<std::pair<std::string_view, std::string>> parts);

// `mediagate call --help`'s list, a line (or more) per descriptor: what the SDK adds when not
// given, the parameter naming the caller (--userid when the path needs it), GET or also POST.
std::string call_vendor_notes();

// `mediagate sign --help`'s list: each VendorUsage::signing, after the names of the
// descriptors that share it; "" when none has one.
std::string sign_vendor_notes();

// An example command line for `command` ("call" or "sign") from the first descriptor with one
// (VendorUsage::example_secret and call_example/sign_example), `extra` appended, broken into
// shell lines ending in " \"; "" when no descriptor has one.
std::string vendor_example(std::string_view command, std::string_view extra = {});

}  // namespace mediagate::cli
