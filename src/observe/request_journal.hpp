// The request journal: the last vendor requests of this instance, in a ring bounded both in
// entries and in bytes (entry_bytes). Recording a new entry drops the oldest ones until both
// bounds hold again; an entry larger than the whole byte bound is not kept (counted as
// dropped). Thread-safe: serving threads record, the admin API reads and clears.
// docs/sandbox.md, "Request journal"; docs/operations.md for sizing.
//
// The entries live in one arena of max_bytes bytes, reserved when the journal is made (the
// pages become resident as it first fills) and used as a circular byte queue: an entry is its
// fixed head and its texts, copied in back to back after the newest (wrapping at the end),
// and the oldest is dropped from the front. Recording copies the draft's texts under the lock
// and allocates nothing; the journal's bytes are exactly the arena bytes its entries take.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
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
  explicit RequestJournal(JournalLimits limits);
  RequestJournal(const RequestJournal&) = delete;
  RequestJournal& operator=(const RequestJournal&) = delete;

  // Keeps the entry as the newest, with the next id; returns that id (0: not kept).
  std::uint64_t record(const JournalDraft& draft);
  std::uint64_t record(const JournalEntry& entry) { return record(draft_of(entry)); }
  JournalPage query(const JournalQuery& query) const;
  std::optional<JournalEntry> find(std::uint64_t id) const;
  // Forgets every entry (ids keep growing).
  void clear();
  JournalStats stats() const;

 private:
  // The arena as a ring: copies `size` bytes in (put) or out (get) at offset `at`, wrapping
  // at its end; both answer the offset after them. The caller holds mutex_.
  std::size_t put(std::size_t at, const void* data, std::size_t size);
  std::size_t get(std::size_t at, void* data, std::size_t size) const;
  std::size_t get_text(std::size_t at, std::size_t size, std::string& out) const;
  bool text_is(std::size_t at, std::size_t size, std::string_view text) const;
  std::size_t advance(std::size_t at, std::size_t size) const;
  void write(const JournalDraft& draft, std::uint64_t id, std::size_t bytes, std::size_t at);
  JournalEntry read(std::size_t at) const;
  bool matches(std::size_t at, const JournalQuery& query) const;
  void drop_oldest();
  // Calls `visit(offset)` for every entry, oldest first.
  template <class Visit>
  void each_entry(Visit&& visit) const;

  JournalLimits limits_;
  std::unique_ptr<char[]> arena_;  // limits_.max_bytes bytes
  mutable std::mutex mutex_;
  std::size_t oldest_ = 0;  // where the oldest entry starts in the arena
  std::size_t entries_ = 0;
  std::size_t bytes_ = 0;  // from oldest_ on, wrapping
  std::uint64_t next_id_ = 1;
  std::uint64_t recorded_ = 0;
  std::uint64_t dropped_ = 0;
};

}  // namespace mediagate::observe
