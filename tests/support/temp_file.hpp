// Files a test writes (fixtures, tokens) or has the server write (logs) under the temporary
// directory, with names no other test, call or process shares.
#pragma once

#include <unistd.h>

#include <atomic>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <system_error>

namespace mediagate::testing {

// "<tmp>/<stem>-<pid>-<n>", n counting the calls of this process.
inline std::string temp_path(const std::string& stem) {
  static std::atomic<int> counter{0};
  return (std::filesystem::temp_directory_path() /
          (stem + "-" + std::to_string(::getpid()) + "-" + std::to_string(counter++)))
      .string();
}

// The whole file as text; empty when it cannot be read.
inline std::string read_file_text(const std::string& path) {
  std::ifstream in(path);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

// Writes `text` to a fresh temp_path(stem) and returns that path; the caller removes the file.
inline std::string write_temp_file(const std::string& stem, const std::string& text) {
  const std::string path = temp_path(stem);
  std::ofstream(path) << text;
  return path;
}

// A file for one test, removed with it. Empty `text`: the file is not created (a path for the
// server to write, or one that must be missing).
class TempFile {
 public:
  TempFile(const std::string& stem, const std::string& text) : path_(temp_path(stem)) {
    if (!text.empty()) std::ofstream(path_) << text;
  }
  ~TempFile() {
    std::error_code ignored;
    std::filesystem::remove(path_, ignored);
  }
  TempFile(const TempFile&) = delete;
  TempFile& operator=(const TempFile&) = delete;
  const std::string& path() const { return path_; }
  std::string read() const { return read_file_text(path_); }

 private:
  std::string path_;
};

}  // namespace mediagate::testing
