// Gauges and counters of what the endpoints share, read when /metrics is scraped: the page
// cache, the replay guard's memory and the request journal (docs/operations.md, "Metrics").
#pragma once

#include "auth/replay_guard.hpp"
#include "core/clock.hpp"
#include "endpoint/page_cache.hpp"
#include "observe/exposition.hpp"
#include "observe/request_journal.hpp"

namespace mediagate::endpoint {

// mediagate_page_cache_{hits,misses}_total, mediagate_page_cache_{entries,bytes}.
void write_page_cache_metrics(observe::Exposition& out, const PageCache& pages);
// mediagate_replay_guard_{pairs,bytes,max_bytes,fill_ratio}, ..._refused_full_total; nothing
// when the guard keeps no memory in this process (Redis).
void write_replay_guard_metrics(observe::Exposition& out, auth::ReplayGuard& guard,
                                core::EpochMs now);
// mediagate_journal_{entries,bytes,max_entries,max_bytes}, ..._{recorded,dropped}_total.
void write_journal_metrics(observe::Exposition& out, const observe::RequestJournal& journal);

}  // namespace mediagate::endpoint
