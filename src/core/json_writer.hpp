// A streaming JSON writer: appends to a string in the order it is told, so that envelopes
// come out with the vendor's key order and without building a DOM per response.
// Misuse (a value where a key is expected) is a programming error, checked by assert.
#pragma once

#include <cassert>
#include <charconv>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/logger.hpp"

namespace mediagate::core {

class JsonWriter {
 public:
  JsonWriter() { out_.reserve(512); }

  // Room for `bytes` of output, when the caller knows a page will be larger than the default.
  void reserve(std::size_t bytes) { out_.reserve(bytes); }

  JsonWriter& begin_object() {
    separate();
    out_.push_back('{');
    first_.push_back(true);
    return *this;
  }
  JsonWriter& end_object() {
    out_.push_back('}');
    first_.pop_back();
    return *this;
  }
  JsonWriter& begin_array() {
    separate();
    out_.push_back('[');
    first_.push_back(true);
    return *this;
  }
  JsonWriter& end_array() {
    out_.push_back(']');
    first_.pop_back();
    return *this;
  }
  JsonWriter& key(std::string_view name) {
    separate();
    append_json_string(out_, name);
    out_.push_back(':');
    after_key_ = true;
    return *this;
  }
  JsonWriter& value(std::string_view text) {
    separate();
    append_json_string(out_, text);
    return *this;
  }
  JsonWriter& value(const char* text) { return value(std::string_view{text}); }
  JsonWriter& value(std::int64_t number) {
    separate();
    char digits[24];  // enough for any int64
    const auto end = std::to_chars(digits, digits + sizeof digits, number).ptr;
    out_.append(digits, static_cast<std::size_t>(end - digits));
    return *this;
  }
  JsonWriter& value(int number) { return value(static_cast<std::int64_t>(number)); }
  JsonWriter& value(bool flag) {
    separate();
    out_ += flag ? "true" : "false";
    return *this;
  }
  JsonWriter& null() {
    separate();
    out_ += "null";
    return *this;
  }
  // A value that is already JSON text, written as given: the caller vouches that it is one
  // complete, valid JSON value (e.g. an envelope another writer rendered).
  JsonWriter& raw(std::string_view json) {
    separate();
    out_ += json;
    return *this;
  }
  template <class T>
  JsonWriter& value(const std::optional<T>& maybe) {
    return maybe ? value(*maybe) : null();
  }
  // Shorthand for key(name).value(v).
  template <class T>
  JsonWriter& field(std::string_view name, const T& v) {
    key(name);
    return value(v);
  }

  const std::string& str() const& { return out_; }
  std::string str() && { return std::move(out_); }

 private:
  void separate() {
    if (after_key_) {
      after_key_ = false;
      return;
    }
    if (first_.empty()) return;
    if (!first_.back()) out_.push_back(',');
    first_.back() = false;
  }

  std::string out_;
  std::vector<bool> first_;
  bool after_key_ = false;
};

}  // namespace mediagate::core
