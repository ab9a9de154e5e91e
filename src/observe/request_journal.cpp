#include "observe/request_journal.hpp"

namespace mediagate::observe {
namespace {

bool matches(const JournalEntry& entry, const JournalQuery& query) {
  return (query.endpoint.empty() || entry.endpoint == query.endpoint) &&
         (query.partner.empty() || entry.partner == query.partner) &&
         (query.verdict.empty() || entry.verdict == query.verdict) &&
         (!query.since || entry.time >= *query.since);
}

}  // namespace

std::uint64_t RequestJournal::record(JournalEntry entry) {
  const std::size_t bytes = entry_bytes(entry);
  const std::lock_guard lock(mutex_);
  const std::uint64_t id = next_id_++;
  ++recorded_;
  if (bytes > limits_.max_bytes || limits_.max_entries == 0) {
    ++dropped_;
    return 0;
  }
  while (!entries_.empty() &&
         (entries_.size() + 1 > limits_.max_entries || bytes_ + bytes > limits_.max_bytes)) {
    bytes_ -= entries_.front().bytes;
    entries_.pop_front();
    ++dropped_;
  }
  entry.id = id;
  bytes_ += bytes;
  entries_.push_back(Kept{std::move(entry), bytes});
  return id;
}

JournalPage RequestJournal::query(const JournalQuery& query) const {
  JournalPage page;
  const std::lock_guard lock(mutex_);
  for (auto it = entries_.rbegin(); it != entries_.rend(); ++it) {
    if (!matches(it->entry, query)) continue;
    if (page.total >= query.offset && page.entries.size() < query.limit) {
      page.entries.push_back(it->entry);
    }
    ++page.total;
  }
  return page;
}

std::optional<JournalEntry> RequestJournal::find(std::uint64_t id) const {
  const std::lock_guard lock(mutex_);
  for (const auto& kept : entries_) {
    if (kept.entry.id == id) return kept.entry;
  }
  return std::nullopt;
}

void RequestJournal::clear() {
  const std::lock_guard lock(mutex_);
  entries_.clear();
  bytes_ = 0;
  recorded_ = 0;
  dropped_ = 0;
}

JournalStats RequestJournal::stats() const {
  const std::lock_guard lock(mutex_);
  return JournalStats{entries_.size(),   bytes_,    limits_.max_entries,
                      limits_.max_bytes, recorded_, dropped_};
}

}  // namespace mediagate::observe
