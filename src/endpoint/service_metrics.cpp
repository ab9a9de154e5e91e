#include "endpoint/service_metrics.hpp"

#include <cstdint>

namespace mediagate::endpoint {
namespace {

void one(observe::Exposition& out, std::string_view name, std::string_view type,
         std::string_view help, std::uint64_t value) {
  out.family(name, type, help);
  out.sample(name, "", value);
}

}  // namespace

void write_page_cache_metrics(observe::Exposition& out, const PageCache& pages) {
  const auto stats = pages.stats();
  one(out, "mediagate_page_cache_hits_total", "counter", "Pages answered from the page cache.",
      stats.hits);
  one(out, "mediagate_page_cache_misses_total", "counter",
      "Pages looked for in the page cache and not found.", stats.misses);
  one(out, "mediagate_page_cache_entries", "gauge", "Pages kept in the page cache.", stats.entries);
  one(out, "mediagate_page_cache_bytes", "gauge", "Bytes of the pages kept (page_cache_bytes).",
      stats.bytes);
}

void write_replay_guard_metrics(observe::Exposition& out, auth::ReplayGuard& guard,
                                core::EpochMs now) {
  const auto stats = guard.memory_stats(now);
  if (!stats) return;
  one(out, "mediagate_replay_guard_pairs", "gauge",
      "One-time tokens remembered and within their horizon.", stats->pairs);
  one(out, "mediagate_replay_guard_bytes", "gauge", "The replay guard's memory in this process.",
      stats->bytes_used);
  one(out, "mediagate_replay_guard_max_bytes", "gauge",
      "The replay guard's memory bound (shared_state.memory.replay_max_bytes).", stats->max_bytes);
  out.family("mediagate_replay_guard_fill_ratio", "gauge",
             "Remembered tokens over capacity; new tokens are refused at 1.");
  out.sample("mediagate_replay_guard_fill_ratio", "", stats->fill_ratio);
  one(out, "mediagate_replay_guard_refused_full_total", "counter",
      "New tokens refused because the replay guard was full.", stats->refused_full);
}

void write_journal_metrics(observe::Exposition& out, const observe::RequestJournal& journal) {
  const auto stats = journal.stats();
  one(out, "mediagate_journal_entries", "gauge", "Entries in the request journal.", stats.entries);
  one(out, "mediagate_journal_bytes", "gauge", "Bytes the request journal's entries count for.",
      stats.bytes);
  one(out, "mediagate_journal_max_entries", "gauge", "The journal's bound (journal.max_entries).",
      stats.max_entries);
  one(out, "mediagate_journal_max_bytes", "gauge", "The journal's bound (journal.max_bytes).",
      stats.max_bytes);
  one(out, "mediagate_journal_recorded_total", "counter",
      "Requests journaled (since start or the last DELETE /admin/v1/journal).", stats.recorded);
  one(out, "mediagate_journal_dropped_total", "counter",
      "Journal entries pushed out by newer ones, or too large to keep.", stats.dropped);
}

}  // namespace mediagate::endpoint
