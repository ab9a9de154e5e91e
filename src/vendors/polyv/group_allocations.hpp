// Polyv group account (集团账号) allocation log: which group may ask, and which allocation
// records a "list-allocate-log" request returns. Business rules over Polyv's repository; parameter
// syntax, signatures and envelopes belong to the vendor dialect.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/clock.hpp"
#include "core/expected.hpp"
#include "store/store.hpp"
#include "vendors/polyv/polyv_repository.hpp"

namespace mediagate::vendors::polyv {

enum class GroupLookupError {
  kNotFound,      // account not found.
  kForbidden,     // account is forbidden.
  kStoreFailure,  // query failed.
};

struct GroupLookupFailure {
  GroupLookupError kind;
  std::string detail;  // for the operator's log only
};

// The group's credentials if it exists and is not banned.
core::Expected<vendors::polyv::PolyvGroupKeys, GroupLookupFailure> find_active_group(
    PolyvRepository& repository, std::string_view app_id);

// Splits the `emails` parameter on ',' and trims ASCII spaces and tabs around each address;
// empty items are dropped, duplicates kept once (first occurrence order).
std::vector<std::string> split_emails(std::string_view emails);

struct AllocationListing {
  std::vector<std::string> emails;    // sub-account emails; others match nothing
  std::optional<std::string> type;    // "live" | "vod"; nothing = all
  std::optional<core::EpochMs> from;  // date >= from
  std::optional<core::EpochMs> to;    // date <= to
  std::int64_t page = 1;              // >= 1
  std::int64_t page_size = 20;        // >= 1
};

// One page of the group's allocation records (date descending, ties in insertion order).
// A page past the end has no items and the true total. The error is the store's message.
core::Expected<store::Page<vendors::polyv::Allocation>, std::string> list_group_allocations(
    PolyvRepository& repository, const vendors::polyv::PolyvGroupKeys& group,
    const AllocationListing& listing);

}  // namespace mediagate::vendors::polyv
