#include "core/json_strict.hpp"

#include <boost/json/basic_parser_impl.hpp>
#include <boost/json/serialize.hpp>
#include <boost/json/string.hpp>
#include <boost/json/value_stack.hpp>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <set>
#include <system_error>
#include <vector>

namespace mediagate::core {
namespace {

namespace json = boost::json;
using boost::system::error_code;

bool is_identifier(std::string_view name) {
  if (name.empty()) return false;
  for (std::size_t i = 0; i < name.size(); ++i) {
    const char c = name[i];
    const bool letter = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
    const bool digit = c >= '0' && c <= '9';
    if (!letter && !(digit && i > 0)) return false;
  }
  return true;
}

// A SAX handler that builds the value (as boost::json::parser does) and stops at a repeated
// key or at a number out of range. A number with a fraction or an exponent is read again with
// std::from_chars, which rounds correctly: Boost.JSON 1.81's own reading can land a few units
// in the last place away, so a value written back out and read again would not be the same
// (found by fuzz/targets/strict_json.cpp on 18446000000378446000000379224022).
class StrictBuilder {
 public:
  // NOLINTBEGIN(readability-identifier-naming): boost::json::basic_parser reads these four
  // limits from its handler by these names.
  static constexpr std::size_t max_object_size = static_cast<std::size_t>(-1);
  static constexpr std::size_t max_array_size = static_cast<std::size_t>(-1);
  static constexpr std::size_t max_key_size = static_cast<std::size_t>(-1);
  static constexpr std::size_t max_string_size = static_cast<std::size_t>(-1);
  // NOLINTEND(readability-identifier-naming)

  StrictBuilder() { stack_.reset(); }

  bool found() const { return found_; }
  bool out_of_range() const { return out_of_range_; }
  const std::string& path() const { return path_; }
  const std::string& key() const { return key_; }
  json::value release() { return stack_.release(); }

  bool on_document_begin(error_code&) { return true; }
  bool on_document_end(error_code&) { return true; }
  bool on_object_begin(error_code&) {
    value_begins();
    frames_.push_back(Frame{true, 0, {}, {}});
    return true;
  }
  bool on_object_end(std::size_t n, error_code&) {
    frames_.pop_back();
    stack_.push_object(n);
    return true;
  }
  bool on_array_begin(error_code&) {
    value_begins();
    frames_.push_back(Frame{false, 0, {}, {}});
    return true;
  }
  bool on_array_end(std::size_t n, error_code&) {
    frames_.pop_back();
    stack_.push_array(n);
    return true;
  }
  bool on_key_part(std::string_view part, std::size_t, error_code&) {
    key_.append(part);
    return true;
  }
  bool on_key(std::string_view part, std::size_t, error_code& ec) {
    key_.append(part);
    Frame& frame = frames_.back();
    frame.current_key = key_;
    if (!frame.keys.insert(key_).second) {
      found_ = true;
      path_ = spell_path();
      ec = json::make_error_code(json::error::extra_data);  // stops the parser
      return false;
    }
    stack_.push_key(key_);
    key_.clear();
    return true;
  }
  bool on_string_part(std::string_view part, std::size_t, error_code&) {
    stack_.push_chars(part);
    return true;
  }
  bool on_string(std::string_view part, std::size_t, error_code&) {
    scalar();
    stack_.push_string(part);
    return true;
  }
  bool on_number_part(std::string_view part, error_code&) {
    number_.append(part);
    return true;
  }
  bool on_int64(std::int64_t value, std::string_view, error_code&) {
    scalar();
    number_.clear();
    stack_.push_int64(value);
    return true;
  }
  bool on_uint64(std::uint64_t value, std::string_view, error_code&) {
    scalar();
    number_.clear();
    stack_.push_uint64(value);
    return true;
  }
  bool on_double(double value, std::string_view part, error_code& ec) {
    scalar();
    number_.append(part);
    double exact = 0;
    const auto [end, error] =
        std::from_chars(number_.data(), number_.data() + number_.size(), exact);
    // Out of range either way: too large (Boost.JSON's infinity) is refused; too small keeps
    // Boost.JSON's zero or subnormal.
    if (error == std::errc{} && end == number_.data() + number_.size()) value = exact;
    number_.clear();
    if (!std::isfinite(value)) {
      out_of_range_ = true;
      path_ = spell_path();
      ec = json::make_error_code(json::error::extra_data);  // stops the parser
      return false;
    }
    stack_.push_double(value);
    return true;
  }
  bool on_bool(bool value, error_code&) {
    scalar();
    stack_.push_bool(value);
    return true;
  }
  bool on_null(error_code&) {
    scalar();
    stack_.push_null();
    return true;
  }
  bool on_comment_part(std::string_view, error_code&) { return true; }
  bool on_comment(std::string_view, error_code&) { return true; }

 private:
  struct Frame {
    bool object = false;
    std::size_t next_index = 0;  // an array's count of values so far
    std::set<std::string> keys;  // an object's keys so far
    std::string current_key;
  };

  // A value starts in the innermost container: in an array it takes the next index.
  void value_begins() {
    if (!frames_.empty() && !frames_.back().object) ++frames_.back().next_index;
  }
  void scalar() { value_begins(); }

  // The path of the key or the value just read: every enclosing key or index, then its own.
  std::string spell_path() const {
    std::string out = "$";
    for (const Frame& frame : frames_) {
      if (frame.object) {
        out = json_path_key(out, frame.current_key);
      } else {
        out += "[" + std::to_string(frame.next_index - 1) + "]";
      }
    }
    return out;
  }

  json::value_stack stack_;
  std::vector<Frame> frames_;
  std::string key_;
  std::string number_;  // the text of the number being read
  std::string path_;
  bool found_ = false;
  bool out_of_range_ = false;
};

}  // namespace

std::string json_path_key(std::string_view parent, std::string_view key) {
  std::string out(parent);
  if (is_identifier(key)) {
    out += '.';
    out.append(key);
  } else {
    out += '[';
    out += json::serialize(json::string(key));
    out += ']';
  }
  return out;
}

Expected<json::value, JsonTextError> parse_strict_json(std::string_view text) {
  json::basic_parser<StrictBuilder> parser{json::parse_options{}};
  error_code ec;
  const std::size_t used = parser.write_some(false, text.data(), text.size(), ec);
  auto& built = parser.handler();
  if (built.found()) {
    return unexpected(JsonTextError{
        built.path(), "duplicate key " + json::serialize(json::string(built.key())), used, true});
  }
  if (built.out_of_range()) {
    return unexpected(JsonTextError{built.path(), "number out of range", used, false, true});
  }
  // As boost::json::parser::write: text after the value is an error too.
  if (!ec && used < text.size()) ec = json::make_error_code(json::error::extra_data);
  if (ec) return unexpected(JsonTextError{"$", ec.message(), used, false});
  return built.release();
}

}  // namespace mediagate::core
