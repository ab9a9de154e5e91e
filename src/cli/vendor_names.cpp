#include "cli/vendor_names.hpp"

#include <vector>

#include "vendors/client_descriptors.hpp"

namespace mediagate::cli {
namespace {

constexpr std::size_t kWidth = 94;       // the help texts' right margin
constexpr std::size_t kTextColumn = 26;  // where a list's text starts after its name

// "  name" padded to kTextColumn (or, when longer, followed by two spaces), then `text` wrapped.
std::string list_row(std::string_view name, std::string_view text) {
  std::string head = "  " + std::string(name);
  head.append(head.size() + 2 <= kTextColumn ? kTextColumn - head.size() : 2, ' ');
  return wrapped(std::move(head), text, kTextColumn);
}

}  // namespace

std::string wrapped(std::string first, std::string_view text, std::size_t indent) {
  std::string out = std::move(first);
  std::size_t line_start = out.rfind('\n') == std::string::npos ? 0 : out.rfind('\n') + 1;
  bool line_has_word = false;
  std::size_t at = 0;
  while (at < text.size()) {
    const auto end = std::min(text.find(' ', at), text.size());
    const std::string_view word = text.substr(at, end - at);
    at = end + 1;
    if (word.empty()) continue;
    if (line_has_word && out.size() - line_start + 1 + word.size() > kWidth) {
      out += "\n";
      line_start = out.size();
      out.append(indent, ' ');
      line_has_word = false;
    }
    if (line_has_word) out += ' ';
    out += word;
    line_has_word = true;
  }
  return out + "\n";
}

std::string vendor_names(std::string_view separator,
                         bool (*holds)(const client::VendorDescriptor&)) {
  std::string names;
  for (const auto* descriptor : vendors::client_descriptors()) {
    if (holds != nullptr && !holds(*descriptor)) continue;
    if (!names.empty()) names += separator;
    names += descriptor->name;
  }
  return names;
}

std::string with_parts(std::string_view text,
                       std::initializer_list<std::pair<std::string_view, std::string>> parts) {
  std::string result(text);
  for (const auto& [placeholder, value] : parts) {
    for (auto at = result.find(placeholder); at != std::string::npos;
         at = result.find(placeholder, at + value.size())) {
      result.replace(at, placeholder.size(), value);
    }
  }
  return result;
}

std::string call_vendor_notes() {
  std::string out;
  for (const auto* descriptor : vendors::client_descriptors()) {
    const auto& usage = descriptor->usage;
    std::string text = "adds ";
    text += usage.generates.empty() ? std::string_view("nothing") : usage.generates;
    text += "; caller: ";
    if (!usage.caller.empty()) {
      text += usage.caller;
    } else if (descriptor->needs_userid()) {
      text += "--userid (the {userid} of the path)";
    } else {
      text += "not a parameter";
    }
    text += descriptor->accepts_post ? "; GET or POST (a form body)" : "; GET";
    out += list_row(descriptor->name, text);
  }
  return out;
}

std::string sign_vendor_notes() {
  std::vector<std::string_view> notes;
  for (const auto* descriptor : vendors::client_descriptors()) {
    const auto note = descriptor->usage.signing;
    if (note.empty()) continue;
    bool seen = false;
    for (const auto known : notes) seen = seen || known == note;
    if (!seen) notes.push_back(note);
  }
  std::string out;
  for (const auto note : notes) {
    std::string names;
    for (const auto* descriptor : vendors::client_descriptors()) {
      if (descriptor->usage.signing != note) continue;
      if (!names.empty()) names += ", ";
      names += descriptor->name;
    }
    out += "  " + names + ":\n";
    out += wrapped(std::string(6, ' '), note, 6);
  }
  return out;
}

std::string vendor_example(std::string_view command, std::string_view extra) {
  for (const auto* descriptor : vendors::client_descriptors()) {
    const auto& usage = descriptor->usage;
    const auto arguments = command == "call" ? usage.call_example : usage.sign_example;
    if (usage.example_secret.empty() || arguments.empty()) continue;
    std::string words = "MEDIAGATE_SECRET=" + std::string(usage.example_secret) + " mediagate " +
                        std::string(command) + " --vendor " + std::string(descriptor->name) + " " +
                        std::string(arguments);
    if (!extra.empty()) words += " " + std::string(extra);
    // Shell lines: a break (" \" and an indented continuation) comes before a flag, never
    // between a flag and its value.
    std::vector<std::string> units;
    std::size_t at = 0;
    while (at < words.size()) {
      const auto end = std::min(words.find(' ', at), words.size());
      std::string word = words.substr(at, end - at);
      at = end + 1;
      if (!units.empty() && units.back().starts_with("--") && !word.starts_with("--") &&
          units.back().find(' ') == std::string::npos) {
        units.back() += " " + word;
      } else {
        units.push_back(std::move(word));
      }
    }
    std::string out = "  ";
    std::size_t line_start = 0;
    bool line_has_unit = false;
    for (const auto& unit : units) {
      if (line_has_unit && out.size() - line_start + 1 + unit.size() + 2 > kWidth) {
        out += " \\\n      ";
        line_start = out.size() - 6;
        line_has_unit = false;
      }
      if (line_has_unit) out += ' ';
      out += unit;
      line_has_unit = true;
    }
    return out + "\n";
  }
  return "";
}

}  // namespace mediagate::cli
