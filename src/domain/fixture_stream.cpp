#include "domain/fixture_stream.hpp"

#include <stdexcept>

#include "domain/fixture_codec.hpp"

namespace mediagate::domain {
namespace {

bool nonempty_container(std::string_view compact) {
  return compact.size() > 2 && (compact.front() == '{' || compact.front() == '[');
}

std::string key_part(std::string_view key, std::string_view separator) {
  if (key.empty()) return {};
  std::string out;
  out.reserve(key.size() + 4);
  out += '"';
  out += key;  // the format's own keys: nothing to escape
  out += '"';
  out += separator;
  return out;
}

std::string newline(int depth) {
  std::string out = "\n";
  out.append(static_cast<std::size_t>(depth) * 2, ' ');
  return out;
}

}  // namespace

void FixtureStreamWriter::begin(char open, std::string_view key) {
  Frame frame;
  frame.open = open;
  frame.depth = open_.empty() ? 0 : open_.back().depth + 1;
  frame.key = std::string(key);
  open_.push_back(std::move(frame));
}

void FixtureStreamWriter::emit_member(const Frame& frame, std::string_view key,
                                      std::string_view compact) {
  std::string text = frame.members > 0 ? "," : "";
  text += newline(frame.depth + 1);
  text += key_part(key, ": ");
  text += layout_fixture_value(compact, frame.depth + 1);
  sink_(text);
}

// Writes frame `index` one member a line from now on: its opening (after its place in its
// parent, which is expanded already) and the members it held back.
void FixtureStreamWriter::expand(std::size_t index) {
  Frame& frame = open_[index];
  if (frame.expanded) return;
  std::string text;
  if (index > 0) {
    const Frame& parent = open_[index - 1];
    if (parent.members > 0) text += ',';
    text += newline(parent.depth + 1);
    text += key_part(frame.key, ": ");
  }
  text += frame.open;
  for (std::size_t i = 0; i < frame.held.size(); ++i) {
    if (i > 0) text += ',';
    text += newline(frame.depth + 1);
    text += key_part(frame.held[i].key, ": ");
    text += layout_fixture_value(frame.held[i].compact, frame.depth + 1);
  }
  frame.held.clear();
  frame.expanded = true;
  sink_(text);
}

void FixtureStreamWriter::value(std::string_view key, std::string_view compact) {
  if (open_.empty()) throw std::logic_error("FixtureStreamWriter: a value outside the document");
  const std::size_t top = open_.size() - 1;
  // A member makes its container non-empty: every container around it holds a non-empty
  // one, so they are written one member a line (outermost first).
  if (open_[top].members == 0) {
    for (std::size_t i = 0; i < top; ++i) expand(i);
  }
  if (nonempty_container(compact)) expand(top);
  Frame& frame = open_[top];
  if (frame.expanded) {
    emit_member(frame, key, compact);
  } else {
    frame.held.push_back({std::string(key), std::string(compact)});
  }
  ++frame.members;
}

void FixtureStreamWriter::end() {
  if (open_.empty()) throw std::logic_error("FixtureStreamWriter: end() with nothing open");
  Frame frame = std::move(open_.back());
  open_.pop_back();
  const char close = frame.open == '{' ? '}' : ']';
  if (frame.expanded) {
    sink_(newline(frame.depth) + close + (open_.empty() ? "\n" : ""));
    if (!open_.empty()) ++open_.back().members;
    return;
  }
  // Held back whole: one line, written as a value of its parent (or as the document).
  std::string compact(1, frame.open);
  for (std::size_t i = 0; i < frame.held.size(); ++i) {
    if (i > 0) compact += ',';
    compact += key_part(frame.held[i].key, ":");
    compact += frame.held[i].compact;
  }
  compact += close;
  if (open_.empty()) {
    sink_(layout_fixture_value(compact, 0) + "\n");
  } else {
    value(frame.key, compact);
  }
}

}  // namespace mediagate::domain
