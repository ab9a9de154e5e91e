// The journal's bounds (entries and bytes), what it drops when full, its filters and paging.
#include "observe/request_journal.hpp"

#include <gtest/gtest.h>

#include <string>

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
  EXPECT_EQ(entry_bytes(e),
            base + sizeof(JournalParameter) + 4 + 5 + sizeof(SignatureExplanation) + 9 + 7);
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

}  // namespace
}  // namespace mediagate::observe
