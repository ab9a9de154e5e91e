#include "client/json_fields.hpp"

#include <limits>

#include <boost/json/parse.hpp>

namespace mediagate::client::detail {
namespace json = boost::json;

std::optional<std::int64_t> as_int64(const json::value& value) {
  if (value.is_int64()) return value.get_int64();
  if (value.is_uint64() &&
      value.get_uint64() <= static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max())) {
    return static_cast<std::int64_t>(value.get_uint64());
  }
  return std::nullopt;
}

JsonFields::JsonFields(const json::object& object, std::string path)
    : object_(object), path_(std::move(path)) {}

std::string JsonFields::path_of(std::string_view key) const {
  return path_.empty() ? std::string(key) : path_ + "." + std::string(key);
}

void JsonFields::fail(std::string message) {
  if (error_.empty()) error_ = std::move(message);
}

const json::value* JsonFields::find(std::string_view key) {
  const json::value* value = object_.if_contains(key);
  if (value == nullptr) fail(path_of(key) + ": missing");
  return value;
}

std::string JsonFields::text(std::string_view key) {
  const auto* value = find(key);
  if (value == nullptr) return {};
  if (!value->is_string()) {
    fail(path_of(key) + ": expected a string");
    return {};
  }
  return std::string(value->get_string());
}

std::optional<std::string> JsonFields::nullable_text(std::string_view key) {
  const auto* value = find(key);
  if (value == nullptr || value->is_null()) return std::nullopt;
  if (!value->is_string()) {
    fail(path_of(key) + ": expected a string or null");
    return std::nullopt;
  }
  return std::string(value->get_string());
}

std::int64_t JsonFields::integer(std::string_view key) {
  const auto* value = find(key);
  if (value == nullptr) return 0;
  const auto number = as_int64(*value);
  if (!number) {
    fail(path_of(key) + ": expected an integer");
    return 0;
  }
  return *number;
}

std::optional<std::int64_t> JsonFields::nullable_integer(std::string_view key) {
  const auto* value = find(key);
  if (value == nullptr || value->is_null()) return std::nullopt;
  const auto number = as_int64(*value);
  if (!number) fail(path_of(key) + ": expected an integer or null");
  return number;
}

bool JsonFields::boolean(std::string_view key) {
  const auto* value = find(key);
  if (value == nullptr) return false;
  if (!value->is_bool()) {
    fail(path_of(key) + ": expected a boolean");
    return false;
  }
  return value->get_bool();
}

std::string JsonFields::digits(std::string_view key) {
  const auto* value = find(key);
  if (value == nullptr) return {};
  if (const auto number = as_int64(*value)) return std::to_string(*number);
  if (value->is_string()) {
    const auto text = value->get_string();
    bool all_digits = !text.empty();
    for (const char c : text) all_digits = all_digits && c >= '0' && c <= '9';
    if (all_digits) return std::string(text);
  }
  fail(path_of(key) + ": expected digits");
  return {};
}

std::string JsonFields::scalar_text(std::string_view key) {
  const auto* value = find(key);
  if (value == nullptr) return {};
  if (value->is_string()) return std::string(value->get_string());
  if (const auto number = as_int64(*value)) return std::to_string(*number);
  fail(path_of(key) + ": expected a string or an integer");
  return {};
}

const json::array* JsonFields::array(std::string_view key) {
  const auto* value = find(key);
  if (value == nullptr) return nullptr;
  if (!value->is_array()) {
    fail(path_of(key) + ": expected an array");
    return nullptr;
  }
  return &value->get_array();
}

const json::object* JsonFields::object(std::string_view key) {
  const auto* value = find(key);
  if (value == nullptr) return nullptr;
  if (!value->is_object()) {
    fail(path_of(key) + ": expected an object");
    return nullptr;
  }
  return &value->get_object();
}

ClientError malformed(const ClientResponse& response, std::string message) {
  return ClientError::malformed(std::move(message), response.status, response.body);
}

namespace {

bool is_success_status(unsigned status) {
  return status >= 200 && status < 300;
}

}  // namespace

ClientError not_an_envelope(std::string_view vendor_name, const ClientResponse& response) {
  if (!is_success_status(response.status)) {
    return ClientError::http_status_error(response.status, response.body);
  }
  return malformed(response, "not a " + std::string(vendor_name) + " JSON envelope");
}

const json::string* string_field(const json::object& object, std::string_view key) {
  const auto* value = object.if_contains(key);
  return value != nullptr && value->is_string() ? &value->get_string() : nullptr;
}

std::optional<std::int64_t> integer_field(const json::object& object, std::string_view key) {
  const auto* value = object.if_contains(key);
  return value != nullptr ? as_int64(*value) : std::nullopt;
}

core::Expected<json::object, ClientError> decode_answer(const VendorDescriptor& vendor,
                                                        const ClientResponse& response) {
  boost::system::error_code error;
  json::value parsed = json::parse(response.body, error);
  if (error || !parsed.is_object()) return core::unexpected(not_an_envelope(vendor.name, response));
  json::object& envelope = parsed.get_object();
  MG_TRY_VOID(vendor.check_envelope(vendor, envelope, response));
  return std::move(envelope);
}

}  // namespace mediagate::client::detail
