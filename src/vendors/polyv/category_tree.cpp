#include "vendors/polyv/category_tree.hpp"

#include <algorithm>
#include <cstdint>
#include <map>

namespace mediagate::vendors::polyv {

std::optional<CategoryTreeProblem> find_category_tree_problem(
    const std::vector<vendors::polyv::Category>& categories) {
  std::map<std::int64_t, std::size_t> index;
  for (std::size_t i = 0; i < categories.size(); ++i) index.emplace(categories[i].cataid, i);

  constexpr std::size_t kNone = static_cast<std::size_t>(-1);
  std::vector<std::size_t> parent(categories.size(), kNone);
  for (std::size_t i = 0; i < categories.size(); ++i) {
    if (!categories[i].parent) continue;
    const auto it = index.find(*categories[i].parent);
    if (it == index.end()) return CategoryTreeProblem{CategoryTreeProblem::Kind::kUnknownParent, i};
    parent[i] = it->second;
  }
  // Walk up from each category; meeting the current walk again is a cycle.
  enum : char { kNew, kOnWalk, kDone };
  std::vector<char> state(categories.size(), kNew);
  std::vector<std::size_t> walk;
  for (std::size_t start = 0; start < categories.size(); ++start) {
    walk.clear();
    std::size_t at = start;
    while (at != kNone && state[at] == kNew) {
      state[at] = kOnWalk;
      walk.push_back(at);
      at = parent[at];
    }
    if (at != kNone && state[at] == kOnWalk) {
      const auto cycle_start = std::find(walk.begin(), walk.end(), at);
      return CategoryTreeProblem{CategoryTreeProblem::Kind::kCycle,
                                 *std::min_element(cycle_start, walk.end())};
    }
    for (const auto done : walk) state[done] = kDone;
  }
  return std::nullopt;
}

}  // namespace mediagate::vendors::polyv
