// For the SDK and the vendors' typed clients: decoding the vendors' JSON (Boost.JSON) into plain
// structs. Strict about the types of the fields it reads, tolerant of fields it does not know
// (vendors add fields). The first problem is kept, with its JSON path, for the kMalformedResponse
// error.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <boost/json/string.hpp>
#include <boost/json/value.hpp>

#include "client/client_error.hpp"
#include "client/http_client.hpp"
#include "client/vendor_descriptor.hpp"
#include "core/expected.hpp"

namespace mediagate::client::detail {

class JsonFields {
 public:
  // `path` names `object` in error messages ("data", "data.contents[3]").
  JsonFields(const boost::json::object& object, std::string path);

  std::string text(std::string_view key);
  std::optional<std::string> nullable_text(std::string_view key);
  std::int64_t integer(std::string_view key);
  std::optional<std::int64_t> nullable_integer(std::string_view key);
  bool boolean(std::string_view key);
  // A JSON number, or a string of digits, as decimal text (ids the vendors write either way).
  std::string digits(std::string_view key);
  // A string as is, or an integer as decimal text (a status sent as "61" or 61).
  std::string scalar_text(std::string_view key);
  // nullptr (and an error) when absent or not of that type.
  const boost::json::array* array(std::string_view key);
  const boost::json::object* object(std::string_view key);

  // A problem found by the caller (e.g. in an array element), if none was found before.
  void fail(std::string message);
  bool ok() const { return error_.empty(); }
  const std::string& error() const { return error_; }
  std::string path_of(std::string_view key) const;

 private:
  const boost::json::value* find(std::string_view key);

  const boost::json::object& object_;
  std::string path_;
  std::string error_;
};

// An int64 from a JSON integer (int64 or uint64 in range); nothing otherwise.
std::optional<std::int64_t> as_int64(const boost::json::value& value);

// The vendor's envelope when it says success (VendorDescriptor::check_envelope); otherwise the
// ClientError (see check_answer).
core::Expected<boost::json::object, ClientError> decode_answer(const VendorDescriptor& vendor,
                                                               const ClientResponse& response);

// An answer that is not the vendor's envelope: kHttpStatus when its status is not 2xx, else
// kMalformedResponse ("not a NAME JSON envelope").
ClientError not_an_envelope(std::string_view vendor_name, const ClientResponse& response);

// A field of `object` of that type; nullptr/nothing when absent or of another type.
const boost::json::string* string_field(const boost::json::object& object, std::string_view key);
std::optional<std::int64_t> integer_field(const boost::json::object& object, std::string_view key);

// A kMalformedResponse error for `response` with `message`.
ClientError malformed(const ClientResponse& response, std::string message);

// A page answer: the vendor's success envelope, its "data" object, the
// page's own fields as `read_page(fields, page)` reads them, then every element of
// "data.contents", an object, as `read_item(item)` makes it. The first problem found, with its
// JSON path, is the kMalformedResponse error.
template <class PageT, class ReadPage, class ReadItem>
core::Expected<PageT, ClientError> decode_page(const VendorDescriptor& vendor,
                                               const ClientResponse& response, ReadPage&& read_page,
                                               ReadItem&& read_item) {
  MG_TRY(const auto envelope, decode_answer(vendor, response));
  JsonFields top(envelope, "");
  const auto* data = top.object("data");
  if (data == nullptr) return core::unexpected(malformed(response, top.error()));

  JsonFields fields(*data, "data");
  PageT page;
  read_page(fields, page);
  if (const auto* contents = fields.array("contents")) {
    for (std::size_t i = 0; i < contents->size(); ++i) {
      const auto& element = (*contents)[i];
      const std::string path = "data.contents[" + std::to_string(i) + "]";
      if (!element.is_object()) {
        fields.fail(path + ": expected an object");
        break;
      }
      JsonFields item(element.get_object(), path);
      auto value = read_item(item);
      if (!item.ok()) {
        fields.fail(item.error());
        break;
      }
      page.contents.push_back(std::move(value));
    }
  }
  if (!fields.ok()) return core::unexpected(malformed(response, fields.error()));
  return page;
}

}  // namespace mediagate::client::detail
