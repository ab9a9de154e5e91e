// A fixture document written a piece at a time (`mediagate export`): the same bytes that
// export_fixture() writes for the same data, while holding only what the layout still has to
// decide. export_fixture() puts a container on one line when it holds no non-empty container,
// else one member a line; a container here is held back only until that is known (its first
// non-empty member), so memory stays that of one entity however long the lists are.
#pragma once

#include <cstddef>
#include <functional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/json_writer.hpp"

namespace mediagate::domain {

class FixtureStreamWriter {
 public:
  // `sink` receives the document's text in order, in pieces of any size.
  using Sink = std::function<void(std::string_view)>;
  explicit FixtureStreamWriter(Sink sink) : sink_(std::move(sink)) {}

  // Opens an object or an array: the document itself, a member of an object (`key`), or an
  // element of an array (no key).
  void begin_object(std::string_view key = {}) { begin('{', key); }
  void begin_array(std::string_view key = {}) { begin('[', key); }
  // Closes the innermost container; closing the document ends it with a line break.
  void end();

  // One complete value, given compactly as core::JsonWriter writes it.
  void value(std::string_view key, std::string_view compact);
  // The value `write(w)` writes (a scalar, or a whole object).
  template <class Write>
  void write(std::string_view key, Write&& write_value) {
    core::JsonWriter w;
    write_value(w);
    value(key, w.str());
  }
  // The object whose members `write(w)` writes between begin_object() and end_object().
  template <class Write>
  void object(std::string_view key, Write&& write_members) {
    core::JsonWriter w;
    w.begin_object();
    write_members(w);
    w.end_object();
    value(key, w.str());
  }

  // Containers still open (0 once the document is closed).
  std::size_t depth() const noexcept { return open_.size(); }

 private:
  struct Member {
    std::string key;      // empty in an array
    std::string compact;  // an empty container or a scalar
  };
  struct Frame {
    char open = '{';
    int depth = 0;
    std::string key;
    bool expanded = false;  // written one member a line (its opening already sent)
    std::size_t members = 0;
    std::vector<Member> held;  // not yet written: whether it is expanded is open
  };

  void begin(char open, std::string_view key);
  void expand(std::size_t index);
  void emit_member(const Frame& frame, std::string_view key, std::string_view compact);

  Sink sink_;
  std::vector<Frame> open_;
};

}  // namespace mediagate::domain
