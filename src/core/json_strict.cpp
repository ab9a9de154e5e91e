#include "core/json_strict.hpp"

#include <boost/json/basic_parser_impl.hpp>
#include <boost/json/parser.hpp>
#include <boost/json/serialize.hpp>
#include <boost/json/string.hpp>
#include <cmath>
#include <set>
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

// A SAX handler that only looks for a repeated key, keeping the keys of each open object, or a
// number out of range.
class DuplicateKeyFinder {
 public:
  static constexpr std::size_t max_object_size = static_cast<std::size_t>(-1);
  static constexpr std::size_t max_array_size = static_cast<std::size_t>(-1);
  static constexpr std::size_t max_key_size = static_cast<std::size_t>(-1);
  static constexpr std::size_t max_string_size = static_cast<std::size_t>(-1);

  bool found() const { return found_; }
  bool out_of_range() const { return out_of_range_; }
  const std::string& path() const { return path_; }
  const std::string& key() const { return key_; }

  bool on_document_begin(error_code&) { return true; }
  bool on_document_end(error_code&) { return true; }
  bool on_object_begin(error_code&) {
    value_begins();
    frames_.push_back(Frame{true, 0, {}, {}});
    return true;
  }
  bool on_object_end(std::size_t, error_code&) {
    frames_.pop_back();
    return true;
  }
  bool on_array_begin(error_code&) {
    value_begins();
    frames_.push_back(Frame{false, 0, {}, {}});
    return true;
  }
  bool on_array_end(std::size_t, error_code&) {
    frames_.pop_back();
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
    key_.clear();
    return true;
  }
  bool on_string_part(std::string_view, std::size_t, error_code&) { return true; }
  bool on_string(std::string_view, std::size_t, error_code&) { return scalar(); }
  bool on_number_part(std::string_view, error_code&) { return true; }
  bool on_int64(std::int64_t, std::string_view, error_code&) { return scalar(); }
  bool on_uint64(std::uint64_t, std::string_view, error_code&) { return scalar(); }
  bool on_double(double value, std::string_view, error_code& ec) {
    scalar();
    if (std::isfinite(value)) return true;
    out_of_range_ = true;
    path_ = spell_path();
    ec = json::make_error_code(json::error::extra_data);  // stops the parser
    return false;
  }
  bool on_bool(bool, error_code&) { return scalar(); }
  bool on_null(error_code&) { return scalar(); }
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
  bool scalar() {
    value_begins();
    return true;
  }

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

  std::vector<Frame> frames_;
  std::string key_;
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
  json::basic_parser<DuplicateKeyFinder> finder{json::parse_options{}};
  error_code ec;
  const std::size_t used = finder.write_some(false, text.data(), text.size(), ec);
  if (finder.handler().found()) {
    return unexpected(JsonTextError{
        finder.handler().path(),
        "duplicate key " + json::serialize(json::string(finder.handler().key())), used, true});
  }
  if (finder.handler().out_of_range()) {
    return unexpected(
        JsonTextError{finder.handler().path(), "number out of range", used, false, true});
  }
  json::parser parser;
  const std::size_t parsed = parser.write(text.data(), text.size(), ec);
  if (ec) return unexpected(JsonTextError{"$", ec.message(), parsed, false});
  return parser.release();
}

}  // namespace mediagate::core
