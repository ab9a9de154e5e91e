// The request journal: the last vendor requests of this instance, in a ring bounded both in
// entries and in bytes (entry_bytes). Recording a new entry drops the oldest ones until both
// bounds hold again; an entry larger than the whole byte bound is not kept (counted as
// dropped). Thread-safe: serving threads record, the admin API reads and clears.
// docs/sandbox.md, "Request journal"; docs/operations.md for sizing.
#pragma once

#include <cstddef>
#include <cstdint>
#include <deque>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "core/clock.hpp"
#include "observe/journal_entry.hpp"

namespace mediagate::observe {

struct JournalLimits {
  std::size_t max_entries = 1000;
  std::size_t max_bytes = std::size_t{4} << 20;
};

// Which entries a reader wants: each filter empty matches all; newest first, `offset` of them
// skipped, at most `limit` returned.
struct JournalQuery {
  std::string endpoint;
  std::string partner;
  std::string verdict;
  std::optional<core::EpochMs> since;  // entries at or after this time
  std::size_t offset = 0;
  std::size_t limit = 100;
};

struct JournalPage {
  std::vector<JournalEntry> entries;
  std::size_t total = 0;  // entries matching the filters
};

struct JournalStats {
  std::size_t entries = 0;
  std::size_t bytes = 0;
  std::size_t max_entries = 0;
  std::size_t max_bytes = 0;
  std::uint64_t recorded = 0;  // since start (or the last clear)
  std::uint64_t dropped = 0;   // pushed out to make room, or too large to keep
};

class RequestJournal {
 public:
  explicit RequestJournal(JournalLimits limits) : limits_(limits) {}
  RequestJournal(const RequestJournal&) = delete;
  RequestJournal& operator=(const RequestJournal&) = delete;

  // Keeps `entry` as the newest, with the next id; returns that id (0: not kept).
  std::uint64_t record(JournalEntry entry);
  JournalPage query(const JournalQuery& query) const;
  std::optional<JournalEntry> find(std::uint64_t id) const;
  // Forgets every entry (ids keep growing).
  void clear();
  JournalStats stats() const;

 private:
  struct Kept {
    JournalEntry entry;
    std::size_t bytes;
  };
  JournalLimits limits_;
  mutable std::mutex mutex_;
  std::deque<Kept> entries_;  // oldest first
  std::size_t bytes_ = 0;
  std::uint64_t next_id_ = 1;
  std::uint64_t recorded_ = 0;
  std::uint64_t dropped_ = 0;
};

}  // namespace mediagate::observe
