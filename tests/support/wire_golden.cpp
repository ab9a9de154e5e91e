#include "support/wire_golden.hpp"

#include <boost/json.hpp>
#include <cstdio>
#include <fstream>
#include <stdexcept>

#include "auth/signature_trace.hpp"
#include "core/url_form.hpp"
#include "support/sandbox_support.hpp"

namespace mediagate::testing::wire {
namespace {

void apply(core::ParamMap& params, const core::ParamMap& changes) {
  for (const auto& [name, value] : changes) {
    if (value == kDrop) {
      params.erase(name);
    } else {
      params[name] = value;
    }
  }
}

// JSON string escaping that keeps UTF-8 as is (exact bytes, readable Chinese); only '"', '\\'
// and control bytes are escaped.
void append_json(std::string& out, std::string_view text) {
  out += '"';
  for (const char ch : text) {
    const auto byte = static_cast<unsigned char>(ch);
    if (ch == '"' || ch == '\\') {
      out += '\\';
      out += ch;
    } else if (byte < 0x20 || byte == 0x7F) {
      char escaped[8];
      std::snprintf(escaped, sizeof escaped, "\\u%04X", static_cast<unsigned>(byte));
      out += escaped;
    } else {
      out += ch;
    }
  }
  out += '"';
}

// `"key":"value"`, or `"key_hex":"…"` for bytes that are not UTF-8 (JSON cannot hold them).
void append_field(std::string& out, std::string_view key, std::string_view value) {
  out += ',';
  if (core::is_valid_utf8(value)) {
    append_json(out, key);
    out += ':';
    append_json(out, value);
    return;
  }
  append_json(out, std::string(key) + "_hex");
  out += ":\"";
  static constexpr std::string_view kHex = "0123456789abcdef";
  for (const char ch : value) {
    const auto byte = static_cast<unsigned char>(ch);
    out += kHex[byte >> 4U];
    out += kHex[byte & 0x0FU];
  }
  out += '"';
}

// Long request parts (the transport-limit cases) are recorded by their start and length.
std::string shortened(const std::string& text) {
  constexpr std::size_t kKeep = 160;
  if (text.size() <= 2 * kKeep) return text;
  std::size_t cut = kKeep;
  while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0U) == 0x80U) --cut;
  return text.substr(0, cut) + "...(" + std::to_string(text.size()) + " bytes)";
}

// Request headers are shortened like the other request parts; response headers never are.
void append_headers(std::string& out, std::string_view key, const client::HeaderList& headers,
                    bool shorten) {
  out += ",";
  append_json(out, key);
  out += ":[";
  for (std::size_t i = 0; i < headers.size(); ++i) {
    if (i > 0) out += ',';
    out += '[';
    append_json(out, headers[i].first);
    out += ',';
    append_json(out, shorten ? shortened(headers[i].second) : headers[i].second);
    out += ']';
  }
  out += ']';
}

std::string excerpt(std::string_view text, std::size_t from, std::size_t length) {
  if (from >= text.size()) return "<end>";
  return std::string(text.substr(from, length));
}

std::string clipped(std::string_view text) {
  constexpr std::size_t kMax = 1500;
  if (text.size() <= kMax) return std::string(text);
  return std::string(text.substr(0, kMax)) + "...(" + std::to_string(text.size()) + " bytes)";
}

}  // namespace

std::string_view to_string(Kind kind) {
  switch (kind) {
    case Kind::kSuccess:
      return "success";
    case Kind::kError:
      return "error";
    case Kind::kFault:
      return "fault";
    case Kind::kHttp:
      return "http";
  }
  return "?";
}

Case& Cases::add(const Api& api, const std::string& label, Kind kind, const Tweak& tweak) {
  core::ParamMap params = api.base(label, now_);
  apply(params, tweak.set);
  std::string sign = api.sign(params, tweak.secret.empty() ? api.secret : tweak.secret);
  if (tweak.resign) sign = tweak.resign(std::move(sign));
  params[std::string(auth::kSignParam)] = std::move(sign);
  apply(params, tweak.after);
  core::FormFields query;
  core::FormFields body;
  for (const auto& field : params) {
    const bool to_body = tweak.form_body && tweak.in_query.count(field.first) == 0;
    (to_body ? body : query).push_back(field);
  }
  Case c;
  c.endpoint = api.endpoint;
  c.kind = kind;
  c.method = tweak.method;
  c.target = tweak.path.empty() ? api.path : tweak.path;
  const std::string encoded = core::encode_form(query) + tweak.raw;
  if (!encoded.empty()) c.target += "?" + encoded;
  c.body = core::encode_form(body) + tweak.raw_body;
  c.content_type =
      tweak.content_type.empty() && tweak.form_body ? kFormContentType : tweak.content_type;
  c.headers = tweak.headers;
  return push(label, std::move(c));
}

Case& Cases::add_raw(const std::string& endpoint, const std::string& label, Kind kind,
                     std::string method, std::string target) {
  Case c;
  c.endpoint = endpoint;
  c.kind = kind;
  c.method = std::move(method);
  c.target = std::move(target);
  return push(label, std::move(c));
}

Case& Cases::push(const std::string& label, Case c) {
  c.name = server_ + "/" + label;
  list_.push_back(std::move(c));
  return list_.back();
}

Answer send(TestServer& server, client::HttpClient& http, const Case& c) {
  if (c.before) c.before();
  Answer answer;
  if (c.raw_socket) {
    const auto outcome = raw_exchange(server.port(), c.method + " " + c.target +
                                                         " HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                                                         "Connection: close\r\n\r\n");
    answer.reset = outcome.reset;
    answer.body = outcome.received;
    return answer;
  }
  auto response = http.request(c.method, c.target, c.body, c.content_type, c.headers);
  if (!response) throw std::runtime_error(c.name + ": " + response.error());
  answer.status = response->status;
  for (auto& [name, value] : response->headers) {
    // The server's name and the length (implied by the body) are not part of the comparison.
    if (name == "server" || name == "date" || name == "content-length") continue;
    answer.headers.emplace_back(name, value);
  }
  answer.body = std::move(response->body);
  return answer;
}

std::optional<Kind> verdict(const std::string& endpoint, const Answer& answer) {
  auto has = [&](std::string_view text) { return answer.body.find(text) != std::string::npos; };
  if (answer.reset) return std::nullopt;
  if (endpoint.rfind("polyv", 0) == 0) {
    return answer.status == 200 && has(R"("status":"success")") ? Kind::kSuccess : Kind::kError;
  }
  if (endpoint == "iqiyi") return has(R"({"code":"A00000")") ? Kind::kSuccess : Kind::kError;
  if (endpoint == "pumpkin") return has(R"("status_code":200,)") ? Kind::kSuccess : Kind::kError;
  return std::nullopt;
}

std::string golden_line(const Case& c, const Answer& answer) {
  std::string line = "{";
  append_json(line, "case");
  line += ':';
  append_json(line, c.name);
  append_field(line, "endpoint", c.endpoint);
  append_field(line, "kind", to_string(c.kind));
  append_field(line, "method", c.method);
  append_field(line, "target", shortened(c.target));
  if (!c.content_type.empty()) append_field(line, "request_content_type", c.content_type);
  if (!c.headers.empty()) append_headers(line, "request_headers", c.headers, true);
  if (!c.body.empty()) append_field(line, "request_body", shortened(c.body));
  line += ",\"status\":" + std::to_string(answer.status);
  if (answer.reset) line += ",\"reset\":true";
  append_headers(line, "headers", answer.headers, false);
  append_field(line, "body", answer.body);
  line += '}';
  return line;
}

std::vector<std::pair<std::string, std::string>> read_golden(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error("no golden file at " + path);
  std::vector<std::pair<std::string, std::string>> lines;
  std::string line;
  while (std::getline(in, line)) {
    if (line.empty()) continue;
    const auto parsed = boost::json::parse(line);
    lines.emplace_back(std::string(parsed.at("case").as_string()), line);
  }
  return lines;
}

std::string first_difference(std::string_view expected, std::string_view actual) {
  std::size_t i = 0;
  while (i < expected.size() && i < actual.size() && expected[i] == actual[i]) ++i;
  const std::size_t from = i > 20 ? i - 20 : 0;
  return "first differing byte " + std::to_string(i) + " (from 0; expected " +
         std::to_string(expected.size()) + " bytes, actual " + std::to_string(actual.size()) +
         ")\n      expected ..." + excerpt(expected, from, 80) + "\n      actual   ..." +
         excerpt(actual, from, 80);
}

std::string describe_mismatch(const std::string& expected_line, const std::string& actual_line) {
  const auto expected = boost::json::parse(expected_line).as_object();
  const auto actual = boost::json::parse(actual_line).as_object();
  std::set<std::string> keys;
  for (const auto& field : expected) keys.emplace(field.key());
  for (const auto& field : actual) keys.emplace(field.key());
  std::string report;
  for (const auto& key : keys) {
    const auto* e = expected.if_contains(key);
    const auto* a = actual.if_contains(key);
    auto text = [](const boost::json::value* v) -> std::string {
      if (v == nullptr) return "<absent>";
      if (v->is_string()) return std::string(v->as_string());
      return boost::json::serialize(*v);
    };
    const std::string et = text(e);
    const std::string at = text(a);
    if (et == at && (e == nullptr) == (a == nullptr)) continue;
    const bool request = key == "method" || key == "target" || key.rfind("request_", 0) == 0;
    report += "    " + key + (request ? " (the request changed: generator or signer drift)" : "") +
              " differs\n      expected: " + clipped(et) + "\n      actual:   " + clipped(at) +
              "\n      " + first_difference(et, at) + "\n";
  }
  return report;
}

}  // namespace mediagate::testing::wire
