#include "observe/request_journal.hpp"

#include <algorithm>
#include <array>
#include <cassert>
#include <cstddef>
#include <cstring>
#include <limits>
#include <type_traits>

#include "observe/parameter_mask.hpp"

namespace mediagate::observe {
namespace {

constexpr std::size_t kTexts = 9;

// An entry's fixed part in the arena; its texts follow, in texts_of's order, then each
// parameter (ParameterHead, name, value) and each explanation (ExplanationHead, variant,
// canonical, string to sign). Verdict and step point to static names.
struct Head {
  std::uint64_t id;
  std::int64_t time;
  std::int64_t request_time;
  std::int64_t latency_us;
  const char* verdict;
  const char* step;
  std::uint32_t bytes;  // the whole entry's
  std::uint32_t status;
  std::array<std::uint32_t, kTexts> texts;
  std::uint32_t verdict_size;
  std::uint32_t step_size;
  std::uint32_t parameters;
  std::uint32_t explanations;
  std::uint8_t has_request_time;
  std::uint8_t parameters_kept;
};
static_assert(std::is_trivially_copyable_v<Head>);
static_assert(sizeof(Head) == kEntryHeadBytes);
static_assert(offsetof(Head, id) == 0);

using ParameterHead = std::array<std::uint32_t, 3>;    // name size, value size, masked
using ExplanationHead = std::array<std::uint32_t, 3>;  // the three texts' sizes
static_assert(sizeof(ParameterHead) == kParameterHeadBytes);
static_assert(sizeof(ExplanationHead) == kExplanationHeadBytes);

// An entry's size is written in 32 bits.
constexpr std::size_t kLargestEntry = std::numeric_limits<std::uint32_t>::max();

std::array<std::string_view, kTexts> texts_of(const JournalDraft& d) {
  return {d.vendor, d.endpoint, d.partner, d.client, d.method, d.host, d.path, d.field, d.code};
}
constexpr std::size_t kEndpointText = 1;
constexpr std::size_t kPartnerText = 2;

// Calls `visit(name, value_start, value_rest, masked)` for every parameter of the draft (its
// value is value_start followed by value_rest).
template <class Visit>
void each_parameter(const JournalDraft& d, Visit&& visit) {
  for (const auto& p : d.parameters) {
    visit(std::string_view(p.name), std::string_view(p.value), std::string_view{}, p.masked);
  }
  if (d.masked_params != nullptr) {
    for (const auto& [name, value] : *d.masked_params) {
      const MaskedText text = mask_value(name, value, d.signature_name);
      visit(std::string_view(name), text.kept, text.masked ? kMaskedValue : std::string_view{},
            text.masked);
    }
  }
}

std::uint32_t size32(std::size_t size) {
  return static_cast<std::uint32_t>(size);
}

}  // namespace

std::size_t entry_bytes(const JournalDraft& draft) {
  std::size_t bytes = kEntryHeadBytes;
  for (const auto text : texts_of(draft)) bytes += text.size();
  each_parameter(draft, [&](std::string_view name, std::string_view start, std::string_view rest,
                            bool /*masked*/) {
    bytes += kParameterHeadBytes + name.size() + start.size() + rest.size();
  });
  for (const auto& e : draft.signature) {
    bytes += kExplanationHeadBytes + e.variant.size() + e.canonical.size() +
             e.string_to_sign_redacted.size();
  }
  return bytes;
}

std::size_t entry_bytes(const JournalEntry& entry) {
  return entry_bytes(draft_of(entry));
}

RequestJournal::RequestJournal(JournalLimits limits)
    : limits_(limits),
      arena_(limits.max_bytes > 0 ? std::make_unique_for_overwrite<char[]>(limits.max_bytes)
                                  : nullptr) {}

std::size_t RequestJournal::advance(std::size_t at, std::size_t size) const {
  at += size;
  return at >= limits_.max_bytes ? at - limits_.max_bytes : at;
}

std::size_t RequestJournal::put(std::size_t at, const void* data, std::size_t size) {
  if (size == 0) return at;
  const auto* from = static_cast<const char*>(data);
  const std::size_t first = std::min(size, limits_.max_bytes - at);
  std::memcpy(arena_.get() + at, from, first);
  if (first < size) std::memcpy(arena_.get(), from + first, size - first);
  return advance(at, size);
}

std::size_t RequestJournal::get(std::size_t at, void* data, std::size_t size) const {
  if (size == 0) return at;
  auto* to = static_cast<char*>(data);
  const std::size_t first = std::min(size, limits_.max_bytes - at);
  std::memcpy(to, arena_.get() + at, first);
  if (first < size) std::memcpy(to + first, arena_.get(), size - first);
  return advance(at, size);
}

std::size_t RequestJournal::get_text(std::size_t at, std::size_t size, std::string& out) const {
  out.resize(size);
  return get(at, out.data(), size);
}

bool RequestJournal::text_is(std::size_t at, std::size_t size, std::string_view text) const {
  if (size != text.size()) return false;
  const std::size_t first = std::min(size, limits_.max_bytes - at);
  return std::memcmp(arena_.get() + at, text.data(), first) == 0 &&
         (first == size || std::memcmp(arena_.get(), text.data() + first, size - first) == 0);
}

void RequestJournal::write(const JournalDraft& draft, std::uint64_t id, std::size_t bytes,
                           std::size_t at) {
  [[maybe_unused]] const std::size_t end = advance(at, bytes);
  const auto texts = texts_of(draft);
  Head head{};
  head.id = id;
  head.time = draft.time;
  head.has_request_time = draft.request_time ? 1 : 0;
  head.request_time = draft.request_time.value_or(0);
  head.latency_us = draft.latency_us;
  head.verdict = draft.verdict.data();
  head.verdict_size = size32(draft.verdict.size());
  head.step = draft.step.data();
  head.step_size = size32(draft.step.size());
  head.bytes = size32(bytes);
  head.status = draft.status;
  for (std::size_t i = 0; i < kTexts; ++i) head.texts[i] = size32(texts[i].size());
  head.parameters = size32(draft.parameters.size() +
                           (draft.masked_params != nullptr ? draft.masked_params->size() : 0));
  head.explanations = size32(draft.signature.size());
  head.parameters_kept = draft.parameters_kept ? 1 : 0;
  at = put(at, &head, sizeof head);
  for (const auto text : texts) at = put(at, text.data(), text.size());
  each_parameter(draft, [&](std::string_view name, std::string_view start, std::string_view rest,
                            bool masked) {
    const ParameterHead sizes{size32(name.size()), size32(start.size() + rest.size()),
                              masked ? 1U : 0U};
    at = put(at, sizes.data(), sizeof sizes);
    at = put(at, name.data(), name.size());
    at = put(at, start.data(), start.size());
    at = put(at, rest.data(), rest.size());
  });
  for (const auto& e : draft.signature) {
    const ExplanationHead sizes{size32(e.variant.size()), size32(e.canonical.size()),
                                size32(e.string_to_sign_redacted.size())};
    at = put(at, sizes.data(), sizeof sizes);
    at = put(at, e.variant.data(), e.variant.size());
    at = put(at, e.canonical.data(), e.canonical.size());
    at = put(at, e.string_to_sign_redacted.data(), e.string_to_sign_redacted.size());
  }
  assert(at == end);
}

JournalEntry RequestJournal::read(std::size_t at) const {
  Head head{};
  at = get(at, &head, sizeof head);
  JournalEntry entry;
  entry.id = head.id;
  entry.time = head.time;
  if (head.has_request_time != 0) entry.request_time = head.request_time;
  entry.latency_us = head.latency_us;
  entry.verdict = std::string_view(head.verdict, head.verdict_size);
  entry.step = std::string_view(head.step, head.step_size);
  entry.status = head.status;
  entry.parameters_kept = head.parameters_kept != 0;
  const std::array<std::string*, kTexts> texts = {&entry.vendor, &entry.endpoint, &entry.partner,
                                                  &entry.client, &entry.method,   &entry.host,
                                                  &entry.path,   &entry.field,    &entry.code};
  for (std::size_t i = 0; i < kTexts; ++i) at = get_text(at, head.texts[i], *texts[i]);
  entry.parameters.resize(head.parameters);
  for (auto& parameter : entry.parameters) {
    ParameterHead sizes{};
    at = get(at, sizes.data(), sizeof sizes);
    at = get_text(at, sizes[0], parameter.name);
    at = get_text(at, sizes[1], parameter.value);
    parameter.masked = sizes[2] != 0;
  }
  entry.signature.resize(head.explanations);
  for (auto& explanation : entry.signature) {
    ExplanationHead sizes{};
    at = get(at, sizes.data(), sizeof sizes);
    at = get_text(at, sizes[0], explanation.variant);
    at = get_text(at, sizes[1], explanation.canonical);
    at = get_text(at, sizes[2], explanation.string_to_sign_redacted);
  }
  return entry;
}

bool RequestJournal::matches(std::size_t at, const JournalQuery& query) const {
  Head head{};
  const std::size_t texts_at = get(at, &head, sizeof head);
  if (query.since && head.time < *query.since) return false;
  if (!query.verdict.empty() &&
      std::string_view(head.verdict, head.verdict_size) != query.verdict) {
    return false;
  }
  const std::size_t endpoint_at = advance(texts_at, head.texts[0]);
  if (!query.endpoint.empty() && !text_is(endpoint_at, head.texts[kEndpointText], query.endpoint)) {
    return false;
  }
  const std::size_t partner_at = advance(endpoint_at, head.texts[kEndpointText]);
  return query.partner.empty() || text_is(partner_at, head.texts[kPartnerText], query.partner);
}

void RequestJournal::drop_oldest() {
  Head head{};
  get(oldest_, &head, sizeof head);
  oldest_ = advance(oldest_, head.bytes);
  bytes_ -= head.bytes;
  --entries_;
  ++dropped_;
}

template <class Visit>
void RequestJournal::each_entry(Visit&& visit) const {
  std::size_t at = oldest_;
  for (std::size_t i = 0; i < entries_; ++i) {
    std::uint32_t bytes = 0;
    get(advance(at, offsetof(Head, bytes)), &bytes, sizeof bytes);
    visit(at);
    at = advance(at, bytes);
  }
}

std::uint64_t RequestJournal::record(const JournalDraft& draft) {
  const std::size_t bytes = entry_bytes(draft);
  const std::lock_guard lock(mutex_);
  const std::uint64_t id = next_id_++;
  ++recorded_;
  if (bytes > limits_.max_bytes || bytes > kLargestEntry || limits_.max_entries == 0) {
    ++dropped_;
    return 0;
  }
  while (entries_ > 0 &&
         (entries_ + 1 > limits_.max_entries || bytes_ + bytes > limits_.max_bytes)) {
    drop_oldest();
  }
  write(draft, id, bytes, advance(oldest_, bytes_));
  bytes_ += bytes;
  ++entries_;
  return id;
}

JournalPage RequestJournal::query(const JournalQuery& query) const {
  JournalPage page;
  const std::lock_guard lock(mutex_);
  std::vector<std::size_t> newest_first;
  newest_first.reserve(entries_);
  each_entry([&](std::size_t at) { newest_first.push_back(at); });
  std::reverse(newest_first.begin(), newest_first.end());
  for (const std::size_t at : newest_first) {
    if (!matches(at, query)) continue;
    if (page.total >= query.offset && page.entries.size() < query.limit) {
      page.entries.push_back(read(at));
    }
    ++page.total;
  }
  return page;
}

std::optional<JournalEntry> RequestJournal::find(std::uint64_t id) const {
  const std::lock_guard lock(mutex_);
  std::optional<JournalEntry> found;
  each_entry([&](std::size_t at) {
    std::uint64_t at_id = 0;
    get(at, &at_id, sizeof at_id);  // Head::id comes first
    if (at_id == id) found = read(at);
  });
  return found;
}

void RequestJournal::clear() {
  const std::lock_guard lock(mutex_);
  oldest_ = 0;
  entries_ = 0;
  bytes_ = 0;
  recorded_ = 0;
  dropped_ = 0;
}

JournalStats RequestJournal::stats() const {
  const std::lock_guard lock(mutex_);
  return JournalStats{entries_,          bytes_,    limits_.max_entries,
                      limits_.max_bytes, recorded_, dropped_};
}

}  // namespace mediagate::observe
