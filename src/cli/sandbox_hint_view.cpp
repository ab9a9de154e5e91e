#include "cli/sandbox_hint_view.hpp"

#include <algorithm>
#include <cctype>

#include "core/url_form.hpp"
#include "endpoint/signature_hint.hpp"

namespace mediagate::cli {
namespace {

constexpr std::size_t kSnippetBytes = 24;  // bytes shown from the first difference

std::string lowercase(std::string_view text) {
  std::string out(text);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

// The variant named by `name` if it is `base` or `base-VARIANT` ("" for base itself).
std::optional<std::string> variant_of(std::string_view name, std::string_view base) {
  if (name.substr(0, base.size()) != base) return std::nullopt;
  if (name.size() == base.size()) return std::string();
  if (name[base.size()] != '-' || name.size() == base.size() + 1) return std::nullopt;
  return std::string(name.substr(base.size() + 1));
}

// `text` from `from`, at most kSnippetBytes, quoted, each byte that is not printable ASCII
// written \xHH; "(end)" when nothing is left.
std::string snippet(std::string_view text, std::size_t from) {
  if (from >= text.size()) return "(end)";
  static constexpr std::string_view kHex = "0123456789ABCDEF";
  const std::string_view part = text.substr(from, kSnippetBytes);
  std::string out = "\"";
  for (const char c : part) {
    const auto byte = static_cast<unsigned char>(c);
    if (byte < 0x20 || byte > 0x7E) {
      out += "\\x";
      out.push_back(kHex[byte >> 4U]);
      out.push_back(kHex[byte & 0x0FU]);
    } else {
      if (c == '"' || c == '\\') out.push_back('\\');
      out.push_back(c);
    }
  }
  out += '"';
  if (from + part.size() < text.size()) out += "...";
  return out;
}

void print_one(std::ostream& out, std::string_view title, const std::optional<std::string>& value,
               const std::string& raw, std::string_view client_value) {
  out << title << "\n";
  if (value) {
    out << *value << "\n  " << describe_difference(client_value, *value) << "\n";
  } else {
    out << raw << "\n  (not valid percent-encoding: shown as received)\n";
  }
}

}  // namespace

std::optional<std::string> decode_hint_value(std::string_view value) {
  return core::percent_decode(value);
}

std::vector<SandboxHint> sandbox_hints(const client::HeaderList& headers) {
  const std::string canonical_base = lowercase(endpoint::kCanonicalHeader);
  const std::string string_to_sign_base = lowercase(endpoint::kStringToSignHeader);
  std::vector<SandboxHint> hints;
  auto hint_for = [&hints](const std::string& variant) -> SandboxHint& {
    for (auto& hint : hints) {
      if (hint.variant == variant) return hint;
    }
    hints.push_back(SandboxHint{variant, std::nullopt, std::nullopt, {}, {}});
    return hints.back();
  };
  for (const auto& [name, value] : headers) {
    const std::string lower = lowercase(name);
    if (const auto variant = variant_of(lower, canonical_base)) {
      auto& hint = hint_for(*variant);
      hint.raw_canonical = value;
      hint.canonical = decode_hint_value(value);
    } else if (const auto other = variant_of(lower, string_to_sign_base)) {
      auto& hint = hint_for(*other);
      hint.raw_string_to_sign = value;
      hint.string_to_sign = decode_hint_value(value);
    }
  }
  std::stable_partition(hints.begin(), hints.end(),
                        [](const SandboxHint& hint) { return hint.variant.empty(); });
  return hints;
}

std::optional<std::size_t> first_difference(std::string_view a, std::string_view b) {
  const auto [in_a, in_b] = std::mismatch(a.begin(), a.end(), b.begin(), b.end());
  if (in_a == a.end() && in_b == b.end()) return std::nullopt;
  return static_cast<std::size_t>(in_a - a.begin());
}

std::string describe_difference(std::string_view client, std::string_view server) {
  const auto at = first_difference(client, server);
  if (!at) return "identical to the client's";
  return "differs from the client's at byte " + std::to_string(*at) + " (from 0): client " +
         snippet(client, *at) + ", server " + snippet(server, *at);
}

void print_sandbox_hints(std::ostream& out, const std::vector<SandboxHint>& hints,
                         const client::SignatureSteps& steps) {
  for (const auto& hint : hints) {
    out << "== sandbox: what the server signed";
    if (!hint.variant.empty()) out << " (" << hint.variant << ")";
    out << "\n";
    if (hint.canonical || !hint.raw_canonical.empty()) {
      print_one(out, "canonical string (server)", hint.canonical, hint.raw_canonical,
                steps.canonical);
    }
    if (hint.string_to_sign || !hint.raw_string_to_sign.empty()) {
      print_one(out, "string signed (server, secret redacted)", hint.string_to_sign,
                hint.raw_string_to_sign, steps.string_to_sign_redacted);
    }
    if (hint.canonical == steps.canonical && hint.string_to_sign == steps.string_to_sign_redacted) {
      out << "the server signed the same strings: the secret differs from the one it holds\n";
    }
  }
}

}  // namespace mediagate::cli
