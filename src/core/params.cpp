#include "core/params.hpp"

#include <algorithm>
#include <array>
#include <cstddef>
#include <iterator>
#include <numeric>
#include <span>
#include <utility>
#include <vector>

namespace mediagate::core {

namespace {

// The positions of a FormFields in the order its fields take in a ParamMap. A request's few
// parameters fit in the inline buffer; a hostile query of thousands takes the vector.
class SortOrder {
 public:
  explicit SortOrder(std::size_t size) {
    if (size <= inline_.size()) {
      positions_ = std::span{inline_}.first(size);
    } else {
      heap_.resize(size);
      positions_ = heap_;
    }
  }
  SortOrder(const SortOrder&) = delete;
  SortOrder& operator=(const SortOrder&) = delete;

  std::span<std::size_t> positions() const { return positions_; }

 private:
  std::array<std::size_t, 32> inline_;  // (not value-initialised: sort_by_name fills it)
  std::vector<std::size_t> heap_;
  std::span<std::size_t> positions_;
};

// Byte order of two names, as std::string::compare gives it (<0, 0, >0), with the first bytes
// compared inline: names mostly differ there, and then no memcmp is called.
int compare_names(std::string_view left, std::string_view right) {
  if (!left.empty() && !right.empty() && left.front() != right.front()) {
    return static_cast<unsigned char>(left.front()) < static_cast<unsigned char>(right.front()) ? -1
                                                                                                : 1;
  }
  return left.compare(right);
}

// Fills `order` with the positions of `fields` sorted by byte order of the name, equal names in
// input order. That is a stable sort, done on the positions with the position as tie-break so
// that it needs no buffer and the fields themselves move only once (apply_order).
void sort_by_name(const FormFields& fields, std::span<std::size_t> order) {
  std::iota(order.begin(), order.end(), std::size_t{0});
  std::sort(order.begin(), order.end(), [&fields](std::size_t left, std::size_t right) {
    const int by_name = compare_names(fields[left].first, fields[right].first);
    return by_name < 0 || (by_name == 0 && left < right);
  });
}

// The input position of the first field, in input order, whose name is already in `existing` or
// in an earlier field: the one that inserting the fields one by one in input order into a map
// holding `existing` would refuse first. `order` is sort_by_name's.
std::optional<std::size_t> first_duplicate(const FormFields& fields,
                                           std::span<const std::size_t> order,
                                           const ParamMap& existing) {
  std::optional<std::size_t> first;
  for (std::size_t group = 0; group < order.size();) {
    const std::string& name = fields[order[group]].first;
    std::size_t end = group + 1;
    while (end < order.size() && fields[order[end]].first == name) ++end;
    // Within a group the positions ascend: its first refused field is its first when the name is
    // already held, else its second.
    std::optional<std::size_t> refused;
    if (!existing.empty() && existing.contains(name)) {
      refused = order[group];
    } else if (end - group > 1) {
      refused = order[group + 1];
    }
    if (refused && (!first || *refused < *first)) first = refused;
    group = end;
  }
  return first;
}

// Rearranges `fields` so that fields[i] becomes what was fields[order[i]], following each cycle of
// the permutation (each field moves once; `order` is consumed).
void apply_order(FormFields& fields, std::span<std::size_t> order) {
  for (std::size_t start = 0; start < order.size(); ++start) {
    if (order[start] == start) continue;
    auto held = std::move(fields[start]);
    std::size_t at = start;
    while (order[at] != start) {
      const std::size_t from = order[at];
      fields[at] = std::move(fields[from]);
      order[at] = at;
      at = from;
    }
    fields[at] = std::move(held);
    order[at] = at;
  }
}

// Sorts `fields` for a map holding `existing`; the name of the first refused field if any.
Expected<Ok, ParamError> sort_unique(FormFields& fields, const ParamMap& existing) {
  const SortOrder sort_order(fields.size());
  const auto order = sort_order.positions();
  sort_by_name(fields, order);
  if (const auto duplicate = first_duplicate(fields, order, existing)) {
    return unexpected(
        ParamError{ParamError::Kind::kDuplicateName, std::move(fields[*duplicate].first)});
  }
  apply_order(fields, order);
  return Ok{};
}

}  // namespace

Expected<Ok, ParamError> merge_params(ParamMap& into, const FormFields& more) {
  return merge_params(into, FormFields(more));
}

Expected<Ok, ParamError> merge_params(ParamMap& into, FormFields&& more) {
  MG_TRY_VOID(sort_unique(more, into));
  if (into.empty()) {
    into.adopt_sequence(boost::container::ordered_unique_range, std::move(more));
  } else {
    into.insert(boost::container::ordered_unique_range, std::make_move_iterator(more.begin()),
                std::make_move_iterator(more.end()));
  }
  return Ok{};
}

Expected<ParamMap, ParamError> parse_params(std::string_view encoded) {
  MG_TRY(auto fields, decode_form(encoded).transform_error([](FormError error) {
    return ParamError{error == FormError::kInvalidUtf8 ? ParamError::Kind::kInvalidUtf8
                                                       : ParamError::Kind::kBadPercentEncoding,
                      {}};
  }));
  ParamMap params;
  MG_TRY_VOID(merge_params(params, std::move(fields)));
  return params;
}

}  // namespace mediagate::core
