// The journal's bounds (entries and bytes), what it drops when full, its filters and paging.
#include "observe/request_journal.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <string>
#include <thread>
#include <vector>

#include "observe/parameter_mask.hpp"

namespace mediagate::observe {
namespace {

JournalEntry entry(std::string endpoint, core::EpochMs time, std::string partner = "p1",
                   std::string_view verdict = "ok") {
  JournalEntry e;
  e.endpoint = std::move(endpoint);
  e.time = time;
  e.partner = std::move(partner);
  e.verdict = verdict;
  return e;
}

TEST(RequestJournal, GivesIncreasingIdsAndAnswersNewestFirst) {
  RequestJournal journal({10, 1 << 20});
  EXPECT_EQ(journal.record(entry("a", 1)), 1U);
  EXPECT_EQ(journal.record(entry("b", 2)), 2U);
  EXPECT_EQ(journal.record(entry("c", 3)), 3U);
  const auto page = journal.query({});
  ASSERT_EQ(page.entries.size(), 3U);
  EXPECT_EQ(page.total, 3U);
  EXPECT_EQ(page.entries[0].endpoint, "c");
  EXPECT_EQ(page.entries[2].endpoint, "a");
}

TEST(RequestJournal, FullOfEntriesDropsTheOldest) {
  RequestJournal journal({3, 1 << 20});
  for (int i = 1; i <= 5; ++i) journal.record(entry("e" + std::to_string(i), i));
  const auto stats = journal.stats();
  EXPECT_EQ(stats.entries, 3U);
  EXPECT_EQ(stats.recorded, 5U);
  EXPECT_EQ(stats.dropped, 2U);
  const auto page = journal.query({});
  ASSERT_EQ(page.entries.size(), 3U);
  EXPECT_EQ(page.entries[0].endpoint, "e5");
  EXPECT_EQ(page.entries[2].endpoint, "e3");
  EXPECT_FALSE(journal.find(2));
  EXPECT_TRUE(journal.find(3));
}

TEST(RequestJournal, FullOfBytesDropsTheOldestAndCountsBytesExactly) {
  const std::size_t one = entry_bytes(entry(std::string(100, 'x'), 1));
  RequestJournal journal({1000, 2 * one + one / 2});  // room for two such entries, not three
  for (int i = 0; i < 4; ++i) journal.record(entry(std::string(100, 'x'), i));
  auto stats = journal.stats();
  EXPECT_EQ(stats.entries, 2U);
  EXPECT_EQ(stats.bytes, 2 * one);
  EXPECT_LE(stats.bytes, stats.max_bytes);
  EXPECT_EQ(stats.dropped, 2U);
  // A small entry after big ones: they stay while the bound holds.
  journal.record(entry("s", 9));
  stats = journal.stats();
  EXPECT_LE(stats.bytes, stats.max_bytes);
  EXPECT_EQ(stats.bytes, one + entry_bytes(entry("s", 9)));
}

TEST(RequestJournal, AnEntryLargerThanTheBoundIsNotKept) {
  RequestJournal journal({10, 600});
  journal.record(entry("small", 1));
  EXPECT_EQ(journal.record(entry(std::string(1000, 'x'), 2)), 0U);
  const auto stats = journal.stats();
  EXPECT_EQ(stats.entries, 1U);
  EXPECT_EQ(stats.dropped, 1U);
}

TEST(RequestJournal, EntryBytesCountEveryText) {
  JournalEntry e = entry("ep", 1);
  const std::size_t base = entry_bytes(e);
  e.parameters.push_back({"name", "value", false});
  e.signature.push_back({"", "canonical", "to-sign"});
  EXPECT_EQ(entry_bytes(e), base + kParameterHeadBytes + 4 + 5 + kExplanationHeadBytes + 9 + 7);
  EXPECT_EQ(base, kEntryHeadBytes + 4);  // "ep", "p1"
}

TEST(RequestJournal, FiltersAndPages) {
  RequestJournal journal({100, 1 << 20});
  journal.record(entry("a", 10, "p1", "ok"));
  journal.record(entry("a", 20, "p2", "bad_signature"));
  journal.record(entry("b", 30, "p1", "bad_signature"));
  journal.record(entry("a", 40, "p1", "ok"));
  JournalQuery by_endpoint;
  by_endpoint.endpoint = "a";
  EXPECT_EQ(journal.query(by_endpoint).total, 3U);
  JournalQuery by_partner;
  by_partner.partner = "p1";
  EXPECT_EQ(journal.query(by_partner).total, 3U);
  JournalQuery by_verdict;
  by_verdict.verdict = "bad_signature";
  EXPECT_EQ(journal.query(by_verdict).total, 2U);
  JournalQuery since;
  since.since = 30;
  EXPECT_EQ(journal.query(since).total, 2U);
  JournalQuery paged = by_endpoint;
  paged.offset = 1;
  paged.limit = 1;
  const auto page = journal.query(paged);
  EXPECT_EQ(page.total, 3U);
  ASSERT_EQ(page.entries.size(), 1U);
  EXPECT_EQ(page.entries[0].time, 20);
}

TEST(RequestJournal, ClearForgetsEntriesButNotIds) {
  RequestJournal journal({10, 1 << 20});
  journal.record(entry("a", 1));
  journal.clear();
  EXPECT_EQ(journal.stats().entries, 0U);
  EXPECT_EQ(journal.stats().bytes, 0U);
  EXPECT_EQ(journal.record(entry("b", 2)), 2U);
}

// Every field, with texts of distinct lengths, so that a misplaced byte shows.
JournalEntry full_entry(int n) {
  JournalEntry e;
  const std::string k = std::to_string(n);
  e.time = 1'700'000'000'000 + n;
  e.vendor = "vendor" + k;
  e.endpoint = "vendor-endpoint-" + k;
  e.partner = "partner" + k + k;
  e.client = "127.0.0." + k;
  e.method = n % 2 == 0 ? "GET" : "POST";
  e.host = "host" + k + ":8080";
  e.path = "/path/" + std::string(static_cast<std::size_t>(n % 7), 'p') + k;
  e.parameters_kept = n % 3 != 0;
  if (e.parameters_kept) {
    e.parameters = {{"a", "1" + k, false}, {"sign", "***", true}};
  }
  e.verdict = n % 2 == 0 ? "ok" : "stale";
  e.step = "domain";
  e.field = n % 2 == 0 ? "" : "ptime";
  if (n % 2 != 0) e.request_time = 1'600'000'000'000 + n;
  e.status = n % 2 == 0 ? 200 : 400;
  e.code = n % 2 == 0 ? "" : "E" + k;
  e.latency_us = 1000 + n;
  if (n % 5 == 0) e.signature = {{"", "canonical" + k, "to-sign" + k}, {"Alt", "c", ""}};
  return e;
}

void expect_same(const JournalEntry& a, const JournalEntry& b) {
  EXPECT_EQ(a.time, b.time);
  EXPECT_EQ(a.vendor, b.vendor);
  EXPECT_EQ(a.endpoint, b.endpoint);
  EXPECT_EQ(a.partner, b.partner);
  EXPECT_EQ(a.client, b.client);
  EXPECT_EQ(a.method, b.method);
  EXPECT_EQ(a.host, b.host);
  EXPECT_EQ(a.path, b.path);
  EXPECT_EQ(a.parameters_kept, b.parameters_kept);
  ASSERT_EQ(a.parameters.size(), b.parameters.size());
  for (std::size_t i = 0; i < a.parameters.size(); ++i) {
    EXPECT_EQ(a.parameters[i].name, b.parameters[i].name);
    EXPECT_EQ(a.parameters[i].value, b.parameters[i].value);
    EXPECT_EQ(a.parameters[i].masked, b.parameters[i].masked);
  }
  EXPECT_EQ(a.verdict, b.verdict);
  EXPECT_EQ(a.step, b.step);
  EXPECT_EQ(a.field, b.field);
  EXPECT_EQ(a.request_time, b.request_time);
  EXPECT_EQ(a.status, b.status);
  EXPECT_EQ(a.code, b.code);
  EXPECT_EQ(a.latency_us, b.latency_us);
  ASSERT_EQ(a.signature.size(), b.signature.size());
  for (std::size_t i = 0; i < a.signature.size(); ++i) {
    EXPECT_EQ(a.signature[i].variant, b.signature[i].variant);
    EXPECT_EQ(a.signature[i].canonical, b.signature[i].canonical);
    EXPECT_EQ(a.signature[i].string_to_sign_redacted, b.signature[i].string_to_sign_redacted);
  }
}

TEST(RequestJournal, KeepsEveryFieldAsRecorded) {
  RequestJournal journal({100, 1 << 20});
  for (int n = 1; n <= 10; ++n) {
    const auto id = journal.record(full_entry(n));
    const auto kept = journal.find(id);
    ASSERT_TRUE(kept);
    EXPECT_EQ(kept->id, id);
    expect_same(*kept, full_entry(n));
  }
}

TEST(RequestJournal, WrapsAroundItsArenaWithoutLosingAByte) {
  // An arena a little over three entries long, whose entries are never the same length: after
  // a few hundred, entries have been split at every offset of the arena's end.
  const std::size_t most = entry_bytes(full_entry(95)) * 3 + 17;
  RequestJournal journal({1000, most});
  for (int n = 1; n <= 400; ++n) {
    journal.record(full_entry(n));
    const auto stats = journal.stats();
    ASSERT_LE(stats.bytes, most);
    std::size_t sum = 0;
    const auto page = journal.query({});
    ASSERT_EQ(page.entries.size(), stats.entries);
    for (std::size_t i = 0; i < page.entries.size(); ++i) {
      const int expected = n - static_cast<int>(i);  // newest first, none skipped
      expect_same(page.entries[i], full_entry(expected));
      sum += entry_bytes(full_entry(expected));
    }
    ASSERT_EQ(stats.bytes, sum);  // exact
    // The oldest went first: adding the one before the oldest kept would not have fit.
    const int before_oldest = n - static_cast<int>(page.entries.size());
    if (before_oldest >= 1) {
      EXPECT_GT(sum + entry_bytes(full_entry(before_oldest)), most);
    }
  }
  EXPECT_EQ(journal.stats().recorded, 400U);
  EXPECT_EQ(journal.stats().dropped, 400U - journal.stats().entries);
}

TEST(RequestJournal, FiltersEntriesSplitAtTheArenaEnd) {
  const std::size_t most = entry_bytes(full_entry(3)) * 2 + 5;
  RequestJournal journal({1000, most});
  for (int n = 1; n <= 50; ++n) {
    journal.record(full_entry(n));
    JournalQuery by_endpoint;
    by_endpoint.endpoint = full_entry(n).endpoint;
    by_endpoint.partner = full_entry(n).partner;
    ASSERT_EQ(journal.query(by_endpoint).total, 1U) << n;
    by_endpoint.partner = "partner";
    ASSERT_EQ(journal.query(by_endpoint).total, 0U) << n;
  }
}

TEST(RequestJournal, MasksADraftsParametersOnTheWayIn) {
  const core::ParamMap params{
      {"userid", "u1"}, {"sign", "ABCDEF0123"}, {"access_token", "abcdefghijklmnopq"}};
  JournalDraft draft;
  draft.endpoint = "e";
  draft.verdict = "ok";
  draft.parameters_kept = true;
  draft.masked_params = &params;
  draft.signature_name = "sign";
  RequestJournal journal({10, 1 << 20});
  const auto kept = journal.find(journal.record(draft));
  ASSERT_TRUE(kept);
  const auto expected = masked_parameters(params, "sign");
  ASSERT_EQ(kept->parameters.size(), expected.size());
  for (std::size_t i = 0; i < expected.size(); ++i) {
    EXPECT_EQ(kept->parameters[i].name, expected[i].name);
    EXPECT_EQ(kept->parameters[i].value, expected[i].value);
    EXPECT_EQ(kept->parameters[i].masked, expected[i].masked);
  }
  EXPECT_EQ(kept->parameters[0].value, "abcd***");
  EXPECT_EQ(kept->parameters[1].value, "***");
  EXPECT_EQ(journal.stats().bytes, entry_bytes(*kept));
}

TEST(RequestJournal, KeepsNothingWithoutBytes) {
  RequestJournal journal({10, 0});
  EXPECT_EQ(journal.record(entry("a", 1)), 0U);
  EXPECT_EQ(journal.stats().entries, 0U);
  EXPECT_EQ(journal.stats().dropped, 1U);
  EXPECT_TRUE(journal.query({}).entries.empty());
}

TEST(RequestJournal, ConcurrentWritersAndReadersSeeWholeEntries) {
  const std::size_t most = entry_bytes(full_entry(1)) * 40;
  RequestJournal journal({1000, most});
  constexpr int kWriters = 4;
  constexpr int kEach = 2000;
  std::atomic<bool> writing{true};
  std::vector<std::thread> writers;
  for (int w = 0; w < kWriters; ++w) {
    writers.emplace_back([&journal, w] {
      for (int i = 0; i < kEach; ++i) journal.record(full_entry(w * kEach + i));
    });
  }
  std::thread reader([&] {
    while (writing.load()) {
      const auto page = journal.query({});
      for (const auto& e : page.entries) {
        // Every entry whole: its endpoint names the number its other texts carry.
        const int n = std::stoi(e.endpoint.substr(std::string("vendor-endpoint-").size()));
        expect_same(e, full_entry(n));
      }
      ASSERT_LE(journal.stats().bytes, most);
    }
  });
  for (auto& t : writers) t.join();
  writing = false;
  reader.join();
  const auto stats = journal.stats();
  EXPECT_EQ(stats.recorded, static_cast<std::uint64_t>(kWriters * kEach));
  EXPECT_EQ(stats.dropped + stats.entries, stats.recorded);
  EXPECT_LE(stats.bytes, most);
  const auto page = journal.query({});
  for (std::size_t i = 1; i < page.entries.size(); ++i) {
    EXPECT_GT(page.entries[i - 1].id, page.entries[i].id);  // newest first
  }
}

}  // namespace
}  // namespace mediagate::observe
