// The category forest rule shared by the fixture importer and the admin API.
#include <gtest/gtest.h>

#include <random>

#include "vendors/polyv/category_tree.hpp"

namespace mediagate::vendors::polyv {
namespace {

using Kind = CategoryTreeProblem::Kind;

vendors::polyv::Category cat(std::int64_t id, std::optional<std::int64_t> parent = std::nullopt) {
  return vendors::polyv::Category{id, "c" + std::to_string(id), parent};
}

TEST(CategoryTree, ForestUnknownParentSelfParentAndCycle) {
  EXPECT_FALSE(find_category_tree_problem({}));
  EXPECT_FALSE(find_category_tree_problem({cat(1), cat(2, 1), cat(3, 2), cat(4, 1)}));
  const auto unknown = find_category_tree_problem({cat(1), cat(2, 9)});
  ASSERT_TRUE(unknown);
  EXPECT_EQ(unknown->kind, Kind::kUnknownParent);
  EXPECT_EQ(unknown->index, 1u);
  const auto self = find_category_tree_problem({cat(1), cat(2, 2)});
  ASSERT_TRUE(self);
  EXPECT_EQ(self->kind, Kind::kCycle);
  EXPECT_EQ(self->index, 1u);
  // A cycle is reported at its member that comes first in the list, wherever the walk entered.
  const auto cycle = find_category_tree_problem({cat(5, 3), cat(1), cat(3, 4), cat(4, 3)});
  ASSERT_TRUE(cycle);
  EXPECT_EQ(cycle->kind, Kind::kCycle);
  EXPECT_EQ(cycle->index, 2u);
}

TEST(CategoryTree, RandomForestsPassAndOneBackEdgeIsACycle) {
  std::mt19937_64 random(20261204);
  for (int round = 0; round < 200; ++round) {
    const int n = 1 + static_cast<int>(random() % 40U);
    std::vector<vendors::polyv::Category> categories;
    for (int i = 0; i < n; ++i) {
      // A parent among the earlier ones, or none: always a forest.
      const bool root = i == 0 || random() % 4 == 0;
      categories.push_back(
          cat(100 + i, root ? std::nullopt
                            : std::optional<std::int64_t>(
                                  100 + static_cast<int>(random() % static_cast<unsigned>(i)))));
    }
    std::shuffle(categories.begin(), categories.end(), random);
    ASSERT_FALSE(find_category_tree_problem(categories)) << round;
    // Point a root at one of its descendants (or itself): now a cycle through that root.
    std::size_t root = 0;
    while (categories[root].parent) ++root;
    std::vector<std::int64_t> below{categories[root].cataid};
    for (bool grew = true; grew;) {
      grew = false;
      for (const auto& c : categories) {
        if (c.parent && std::count(below.begin(), below.end(), *c.parent) != 0 &&
            std::count(below.begin(), below.end(), c.cataid) == 0) {
          below.push_back(c.cataid);
          grew = true;
        }
      }
    }
    categories[root].parent = below[random() % below.size()];
    const auto problem = find_category_tree_problem(categories);
    ASSERT_TRUE(problem) << round;
    EXPECT_EQ(problem->kind, Kind::kCycle);
  }
}

}  // namespace
}  // namespace mediagate::vendors::polyv
