#include "admin/admin_support.hpp"

#include "core/url_form.hpp"

#include <algorithm>

#include "core/json_strict.hpp"
#include "core/numbers.hpp"
#include "core/params.hpp"
#include "vendors/dataset_writes.hpp"

namespace mediagate::admin {
namespace json = boost::json;

AdminResult<json::value> parse_json_body(const http::Request& request) {
  if (request.body.empty()) {
    return core::unexpected(bad_request("invalid_json", "a JSON body is required", "$"));
  }
  auto parsed = core::parse_strict_json(request.body);
  if (!parsed) {
    const auto& error = parsed.error();
    if (error.duplicate_key)
      return core::unexpected(bad_request("duplicate_key", error.message, error.path));
    return core::unexpected(bad_request("invalid_json", "invalid JSON: " + error.message, "$"));
  }
  return std::move(*parsed);
}

AdminError fixture_error(const fixtures::FixtureError& error) {
  return AdminError(error);
}

AdminResult<json::object> body_object(const http::Request& request) {
  MG_TRY(auto body, parse_json_body(request));
  if (!body.is_object()) {
    return core::unexpected(bad_request("invalid_field", "expected an object", "$"));
  }
  return std::move(body.get_object());
}

AdminResult<core::Ok> only_keys(const json::object& object,
                                std::initializer_list<std::string_view> known) {
  for (const auto& entry : object) {
    if (std::find(known.begin(), known.end(), entry.key()) == known.end()) {
      return core::unexpected(
          bad_request("unknown_field", "unknown key", "$." + std::string(entry.key())));
    }
  }
  return core::Ok{};
}

AdminResult<store::Range> parse_range(const AdminContext& context, const http::Request& request) {
  auto params = core::parse_params(request.query);
  if (!params) {
    return core::unexpected(bad_request(
        "invalid_parameter",
        params.error().kind == core::ParamError::Kind::kDuplicateName
            ? "parameter given twice"
            : "the query string is not valid form encoding",
        params.error().kind == core::ParamError::Kind::kDuplicateName ? params.error().name : ""));
  }
  store::Range range{0, context.default_limit};
  for (const auto& [name, value] : *params) {
    const auto number = core::parse_digits(value);
    if (name == "offset") {
      if (!number) {
        return core::unexpected(
            bad_request("invalid_parameter", "offset must be an integer >= 0", "offset"));
      }
      range.offset = *number;
    } else if (name == "limit") {
      if (!number || *number > context.max_limit) {
        return core::unexpected(bad_request(
            "invalid_parameter",
            "limit must be an integer from 0 to " + std::to_string(context.max_limit), "limit"));
      }
      range.limit = *number;
    } else if (name == "q") {
      // Searched in the store (store::Range::search); bounded like every admin input.
      if (value.size() > context.max_search_bytes) {
        return core::unexpected(
            bad_request("invalid_parameter",
                        "longer than " + std::to_string(context.max_search_bytes) + " bytes", "q"));
      }
      if (!core::is_valid_utf8(value)) {
        return core::unexpected(bad_request("invalid_parameter", "not UTF-8 text", "q"));
      }
      range.search = std::string(value);
    } else {
      return core::unexpected(bad_request("invalid_parameter",
                                          "unknown parameter (offset, limit and q are known)",
                                          std::string(name)));
    }
  }
  return range;
}

const std::string& path_param(const http::Request& request, std::string_view name) {
  static const std::string kNone;
  const auto it = request.path_params.find(name);
  return it == request.path_params.end() ? kNone : it->second;
}

AdminResult<std::int64_t> int_path_param(const http::Request& request, std::string_view name) {
  const auto value = core::parse_int64(path_param(request, name));
  if (!value) {
    return core::unexpected(bad_request(
        "invalid_parameter", std::string(name) + " must be an integer", std::string(name)));
  }
  return *value;
}

AdminResult<core::Ok> bind_path_key(json::value& body, std::string_view key,
                                    const json::value& id) {
  auto* object = body.if_object();
  if (object == nullptr) return core::Ok{};  // the codec says "expected an object"
  if (auto* present = object->if_contains(key)) {
    if (*present != id) {
      return core::unexpected(bad_request("invalid_field",
                                          "does not match the path (" + json::serialize(id) + ")",
                                          "$." + std::string(key)));
    }
    return core::Ok{};
  }
  object->emplace(key, id);
  return core::Ok{};
}

AdminResult<core::Ok> refuse_keys(const json::value& body,
                                  std::initializer_list<std::string_view> keys,
                                  std::string_view hint) {
  const auto* object = body.if_object();
  if (object == nullptr) return core::Ok{};
  for (const auto key : keys) {
    if (object->contains(key)) {
      return core::unexpected(
          bad_request("invalid_field", std::string(hint), "$." + std::string(key)));
    }
  }
  return core::Ok{};
}

AdminResult<core::Ok> refuse_masked(const json::value& body, std::string_view key) {
  const auto* object = body.if_object();
  if (object == nullptr) return core::Ok{};
  const auto* value = object->if_contains(key);
  if (value != nullptr && value->is_string() && value->get_string() == kMasked) {
    return core::unexpected(bad_request(
        "invalid_field",
        "the masked placeholder is not a secret: leave the field out to keep the secret, or "
        "use rotate-secret",
        "$." + std::string(key)));
  }
  return core::Ok{};
}

AdminResult<core::Ok> keep_secret(json::value& body, std::string_view key,
                                  const std::string& current) {
  MG_TRY_VOID(refuse_masked(body, key));
  auto* object = body.if_object();
  if (object != nullptr && !object->contains(key)) object->emplace(key, current);
  return core::Ok{};
}

AdminResult<std::string> email_body(const http::Request& request) {
  MG_TRY(const auto body, parse_json_body(request));
  if (!body.is_string() || body.get_string().empty()) {
    return core::unexpected(
        bad_request("invalid_field", "expected a non-empty JSON string (the email)", "$"));
  }
  if (body.get_string().size() > fixtures::kMaxIdBytes) {
    return core::unexpected(bad_request(
        "invalid_field", "longer than " + std::to_string(fixtures::kMaxIdBytes) + " bytes", "$"));
  }
  return std::string(body.get_string());
}

AdminResult<std::string> secret_kind(const http::Request& request,
                                     std::initializer_list<std::string_view> kinds) {
  if (request.body.empty() && kinds.size() == 1) return std::string(*kinds.begin());
  MG_TRY(const auto object, body_object(request));
  MG_TRY_VOID(only_keys(object, {"kind"}));
  std::string allowed;
  for (const auto k : kinds) {
    if (!allowed.empty()) allowed += " or ";
    allowed += json::serialize(json::string(k));
  }
  const auto* kind = object.if_contains("kind");
  if (kind == nullptr) {
    if (kinds.size() == 1) return std::string(*kinds.begin());
    return core::unexpected(bad_request("missing_field", "kind must be " + allowed, "$.kind"));
  }
  if (!kind->is_string()) {
    return core::unexpected(bad_request("invalid_field", "expected a string", "$.kind"));
  }
  for (const auto k : kinds) {
    if (kind->get_string() == k) return std::string(k);
  }
  return core::unexpected(bad_request("invalid_field", "kind must be " + allowed, "$.kind"));
}

Reply json_reply(unsigned status, std::string body) {
  return Reply{status, std::move(body), {}};
}

Reply created(std::string body, std::string location) {
  return Reply{201, std::move(body), std::move(location)};
}

Reply no_content() {
  return Reply{204, {}, {}};
}

std::string string_json(std::string_view text) {
  core::JsonWriter w;
  w.value(text);
  return std::move(w).str();
}

std::string quoted(std::string_view text) {
  return json::serialize(json::string(text));
}

AdminResult<core::Ok> upsert(store::EntityStore& s, const vendors::Dataset& data) {
  MG_TRY_VOID(vendors::upsert_dataset(s, data));
  return core::Ok{};
}

std::string admin_location(std::initializer_list<std::string_view> segments) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out = "/admin/v1";
  for (const auto segment : segments) {
    out += '/';
    for (const char c : segment) {
      const auto byte = static_cast<unsigned char>(c);
      const bool unreserved = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
                              (c >= '0' && c <= '9') || c == '-' || c == '.' || c == '_' ||
                              c == '~' || c == '@';
      if (unreserved) {
        out += c;
      } else {
        out += '%';
        out += kHex[byte >> 4U];
        out += kHex[byte & 0x0FU];
      }
    }
  }
  return out;
}

AdminDocText entity_doc_text(const AdminDoc& doc) {
  const auto& e = doc.entity;
  const std::string a = std::string(e.article) + " " + std::string(e.one);  // "a video of …"
  const std::string the = "the " + std::string(e.one);
  AdminDocText text;
  switch (doc.kind) {
    case DocKind::kCustom:
      break;
    case DocKind::kList:
      text = {"List the " + std::string(e.many), "", "{items, total, offset, limit}"};
      break;
    case DocKind::kCreate:
      text = {"Create " + a, the + " in the fixture format", the};
      break;
    case DocKind::kGet:
      text = {"One " + std::string(e.one), "", the + " (secrets masked)"};
      break;
    case DocKind::kReplace:
      text = {"Replace " + a, the + " in the fixture format (a secret left out is kept)", the};
      break;
    case DocKind::kDelete:
      text = {"Delete " + a, "", ""};
      break;
  }
  // What the doc states itself wins over its kind's words.
  if (!doc.summary.empty()) text.summary = doc.summary;
  if (!doc.body.empty()) text.body = doc.body;
  if (!doc.answer.empty()) text.answer = doc.answer;
  return text;
}

}  // namespace mediagate::admin
