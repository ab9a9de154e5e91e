// A Polyv account's categories form a forest: every parent is a category of the same account,
// and no category is its own ancestor. One rule, used by the fixture importer and the admin API.
#pragma once

#include <cstddef>
#include <optional>
#include <vector>

#include "store/store.hpp"
#include "vendors/polyv/polyv_model.hpp"

namespace mediagate::vendors::polyv {

struct CategoryTreeProblem {
  enum class Kind {
    kUnknownParent,  // the category's parent is not among `categories`
    kCycle,          // the category is its own ancestor
  };
  Kind kind;
  // The category at fault: for a cycle, its member that comes first in `categories`.
  std::size_t index;
};

// The first problem, walking `categories` in order (each category is visited once: O(n log n));
// nothing when they form a forest. A cataid given twice counts once, at its first place.
std::optional<CategoryTreeProblem> find_category_tree_problem(
    const std::vector<vendors::polyv::Category>& categories);

}  // namespace mediagate::vendors::polyv
