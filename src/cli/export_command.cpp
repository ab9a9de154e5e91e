// mediagate export: the store as one fixture document, the counterpart of `import`, written a
// section at a time (vendors/fixture_export.hpp) so that memory does not grow with the
// catalogue; here: where the bytes go (stdout, or a file replaced only when complete) and the
// progress bar. The bytes are those of GET /admin/v1/export.
#include "cli/export_command.hpp"

#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <iostream>
#include <optional>
#include <string>

#include "cli/config_loader.hpp"
#include "core/numbers.hpp"
#include "store/store.hpp"
#include "vendors/fixture_export.hpp"
#include "vendors/open_store.hpp"

namespace mediagate::cli {
namespace {

constexpr const char* kUsage =
    R"(Usage: mediagate export [FILE|-] [--store URL] [--batch N] [--config FILE] [--set NAME=VALUE]...

Writes everything in the store as one fixture document (../shared/spec/fixtures.md format,
secrets included: keep it as safe as the store), the document `mediagate import` reads back.
Lists come in id order, so exporting the same data twice gives the same bytes, whatever the
store (sqlite: or postgresql:). The store is read in one snapshot, a batch of rows at a time:
memory stays the same however large the catalogue.

  FILE              where to write; written to a temporary file beside it and renamed when
                    complete, so a failed export leaves no partial FILE. "-" or none: stdout
  --store URL       sqlite:PATH or postgresql://... (default from config, else
                    sqlite:mediagate.db)
  --batch N         rows read per statement (default 1000)
  --config FILE     JSON config file (for store and utc_offset_minutes)
  --set NAME=VALUE  override one setting

A progress bar is drawn on stderr when it is a terminal.
Example (SQLite -> PostgreSQL, docs/operations.md):
  mediagate export store.json --store sqlite:mediagate.db
  mediagate import store.json --store postgresql://mediagate@db.internal/mediagate
)";

constexpr std::int64_t kDefaultBatch = 1000;

// Where the document goes: stdout, or a temporary file renamed over FILE at the end.
class Output {
 public:
  ~Output() { discard(); }

  // Opens stdout (`path` empty) or a temporary file in FILE's directory.
  bool open(const std::string& path, std::string& error) {
    if (path.empty()) {
      file_ = stdout;
      return true;
    }
    target_ = path;
    const std::filesystem::path target(path);
    const auto directory =
        target.has_parent_path() ? target.parent_path() : std::filesystem::path(".");
    std::string pattern =
        (directory / ("." + target.filename().string() + ".export-XXXXXX")).string();
    const int fd = mkstemp(pattern.data());
    if (fd < 0) {
      error =
          "cannot create a temporary file in " + directory.string() + ": " + std::strerror(errno);
      return false;
    }
    temporary_ = pattern;
    file_ = fdopen(fd, "wb");
    if (file_ == nullptr) {
      error = std::string("cannot open the temporary file: ") + std::strerror(errno);
      ::close(fd);
      return false;
    }
    return true;
  }

  void write(std::string_view text) {
    if (failed_ || text.empty()) return;
    if (std::fwrite(text.data(), 1, text.size(), file_) != text.size()) fail();
  }
  bool failed() const noexcept { return failed_; }
  const std::string& error() const noexcept { return error_; }

  // Flushes; for a file, syncs and renames it over FILE. False (error() says why) on failure.
  bool commit() {
    if (!failed_ && std::fflush(file_) != 0) fail();
    if (temporary_.empty()) return !failed_;
    if (!failed_ && ::fsync(fileno(file_)) != 0) fail();
    const bool closed = std::fclose(file_) == 0;
    file_ = nullptr;
    if (!failed_ && !closed) fail();
    if (failed_) return false;
    std::error_code ec;
    std::filesystem::rename(temporary_, target_, ec);
    if (ec) {
      error_ = "cannot rename the temporary file to " + target_ + ": " + ec.message();
      failed_ = true;
      return false;
    }
    temporary_.clear();
    return true;
  }

  // Removes the temporary file, if any: a failed export leaves nothing behind.
  void discard() {
    if (temporary_.empty()) return;
    if (file_ != nullptr) std::fclose(file_);
    file_ = nullptr;
    std::error_code ec;
    std::filesystem::remove(temporary_, ec);
    temporary_.clear();
  }

 private:
  void fail() {
    if (failed_) return;
    failed_ = true;
    error_ = std::string("cannot write ") + (target_.empty() ? "to stdout" : target_) + ": " +
             std::strerror(errno);
  }

  std::FILE* file_ = nullptr;
  std::string target_;
  std::string temporary_;
  bool failed_ = false;
  std::string error_;
};

// "[########------------]  40%  80000/200000 rows  3.1 s" on stderr, at most 10 times a second.
class Progress {
 public:
  explicit Progress(bool shown) : shown_(shown) {}

  void set_total(std::int64_t total) { total_ = total; }
  void update(std::int64_t done, bool force = false) {
    if (!shown_) return;
    const auto now = std::chrono::steady_clock::now();
    if (!force && now - last_ < std::chrono::milliseconds(100)) return;
    last_ = now;
    constexpr std::int64_t kWidth = 30;
    const std::int64_t filled = total_ <= 0 ? kWidth : std::min(kWidth, done * kWidth / total_);
    std::string bar(static_cast<std::size_t>(filled), '#');
    bar.append(static_cast<std::size_t>(kWidth - filled), '-');
    const std::int64_t percent =
        total_ <= 0 ? 100 : std::min<std::int64_t>(100, done * 100 / total_);
    const double seconds = std::chrono::duration<double>(now - start_).count();
    char elapsed[32];
    std::snprintf(elapsed, sizeof elapsed, "%.1f", seconds);
    std::cerr << "\r\033[K[" << bar << "] " << percent << "%  " << done << "/" << total_
              << " rows  " << elapsed << " s" << std::flush;
  }
  // The last state, and the line ended (once).
  void finish(std::int64_t done) {
    if (!shown_) return;
    update(done, true);
    std::cerr << "\n";
    shown_ = false;
  }

 private:
  bool shown_;
  std::int64_t total_ = 0;
  std::chrono::steady_clock::time_point start_ = std::chrono::steady_clock::now();
  std::chrono::steady_clock::time_point last_{};
};

}  // namespace

int run_export(const std::vector<std::string>& args) {
  auto parsed = parse_arguments(args, {"store", "config", "set", "batch"}, {"help"});
  if (!parsed) {
    std::cerr << "mediagate export: " << parsed.error() << "\n" << kUsage;
    return 2;
  }
  if (parsed->has("help")) {
    std::cout << kUsage;
    return 0;
  }
  if (parsed->positional.size() > 1) {
    std::cerr << "mediagate export: one FILE at most (or \"-\" for stdout)\n" << kUsage;
    return 2;
  }
  std::int64_t batch = kDefaultBatch;
  if (parsed->has("batch")) {
    const auto values = parsed->all("batch");
    const auto number = core::parse_digits(values.back());
    if (values.size() > 1 || !number || *number < 1 || *number > 1'000'000) {
      std::cerr << "mediagate export: --batch must be an integer from 1 to 1000000\n";
      return 2;
    }
    batch = *number;
  }
  const std::string path = parsed->positional.empty() || parsed->positional.front() == "-"
                               ? std::string()
                               : parsed->positional.front();
  auto config = load_config(*parsed);
  if (!config) {
    std::cerr << "mediagate export: " << config.error() << "\n";
    return 2;
  }
  auto store = vendors::open_store(config->store, store::store_options(*config));
  if (!store) {
    std::cerr << "mediagate export: " << store.error().message << "\n";
    return 1;
  }
  Output out;
  std::string error;
  if (!out.open(path, error)) {
    std::cerr << "mediagate export: " << error << "\n";
    return 1;
  }
  Progress progress(isatty(STDERR_FILENO) == 1);
  vendors::FixtureExportOptions options;
  options.batch = static_cast<std::size_t>(batch);
  options.utc_offset_minutes = static_cast<int>(config->utc_offset_minutes);
  std::int64_t rows = 0;
  auto done = vendors::export_fixture_document(
      **store, options,
      [&out](std::string_view text) {
        out.write(text);
        return !out.failed();
      },
      [&](std::int64_t written, std::int64_t total) {
        rows = written;
        progress.set_total(total);
        progress.update(written);
      });
  if (done) rows = *done;
  progress.finish(rows);
  if (!done) {
    out.discard();
    std::cerr << "mediagate export: " << (out.failed() ? out.error() : done.error().message)
              << "\n";
    return 1;
  }
  if (!out.commit()) {
    out.discard();
    std::cerr << "mediagate export: " << out.error() << "\n";
    return 1;
  }
  std::cerr << "exported " << rows << " rows to " << (path.empty() ? "stdout" : path) << "\n";
  return 0;
}

}  // namespace mediagate::cli
