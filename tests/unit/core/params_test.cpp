// ParamMap is a sorted vector filled by one sort; these tests hold it to what a std::map filled
// by emplacing the decoded fields in input order did: the same iteration, the same lookups, and
// the same duplicate reported (the first field, in input order, whose insertion fails).
#include "core/params.hpp"

#include <gtest/gtest.h>

#include <chrono>
#include <cstddef>
#include <map>
#include <random>
#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

#include "core/url_form.hpp"

namespace mediagate::core {
namespace {

using ReferenceMap = std::map<std::string, std::string, std::less<>>;
// The map, or the name of the first refused field.
using Reference = std::variant<ReferenceMap, std::string>;

Reference reference_merge(ReferenceMap into, const FormFields& more) {
  for (const auto& [name, value] : more) {
    if (!into.emplace(name, value).second) return name;
  }
  return into;
}

void expect_same(const ParamMap& got, const ReferenceMap& want, const std::string& context) {
  ASSERT_EQ(got.size(), want.size()) << context;
  auto it = got.begin();
  for (const auto& [name, value] : want) {
    EXPECT_EQ(it->first, name) << context;
    EXPECT_EQ(it->second, value) << context;
    ++it;
    const std::string* found = find_param(got, std::string_view{name});
    ASSERT_NE(found, nullptr) << context << " " << name;
    EXPECT_EQ(*found, value) << context;
  }
}

// Random encoded queries over a small alphabet of names, so that duplicates are frequent: names
// differ in case, in length (prefixes), by a non-ASCII byte and may be empty.
class QueryGenerator {
 public:
  explicit QueryGenerator(unsigned seed) : random_(seed) {}

  std::string name() {
    static constexpr std::string_view kPieces[] = {"a", "b", "B", "_", "~", "%C3%A9", "%2B", "0"};
    std::string out;
    const std::size_t length = pick(4);
    for (std::size_t i = 0; i < length; ++i) out += kPieces[pick(std::size(kPieces))];
    return out;
  }

  std::string query(std::size_t max_fields) {
    std::string out;
    const std::size_t count = pick(max_fields + 1);
    for (std::size_t i = 0; i < count; ++i) {
      if (!out.empty()) out += '&';
      out += name();
      if (pick(4) != 0) out += "=v" + std::to_string(i);
    }
    return out;
  }

  std::size_t pick(std::size_t bound) {
    return std::uniform_int_distribution<std::size_t>{0, bound - 1}(random_);
  }

 private:
  std::mt19937 random_;
};

TEST(ParamMapProperty, ParseMatchesMapFilledInInputOrder) {
  QueryGenerator generator(20261207);
  int accepted = 0;
  int refused = 0;
  for (int round = 0; round < 4000; ++round) {
    const std::string query = generator.query(round % 2 == 0 ? 6 : 40);
    const auto fields = decode_form(query);
    ASSERT_TRUE(fields) << query;
    const Reference want = reference_merge({}, *fields);
    const auto got = parse_params(query);
    if (const auto* name = std::get_if<std::string>(&want)) {
      ++refused;
      ASSERT_FALSE(got) << query;
      EXPECT_EQ(got.error().kind, ParamError::Kind::kDuplicateName) << query;
      EXPECT_EQ(got.error().name, *name) << query;
    } else {
      ++accepted;
      ASSERT_TRUE(got) << query;
      expect_same(*got, std::get<ReferenceMap>(want), query);
      for (int probe = 0; probe < 8; ++probe) {
        const std::string absent = generator.name();
        EXPECT_EQ(find_param(*got, absent) == nullptr,
                  !std::get<ReferenceMap>(want).contains(absent))
            << query << " " << absent;
      }
    }
  }
  // The generator must exercise both outcomes.
  EXPECT_GT(accepted, 500);
  EXPECT_GT(refused, 500);
}

TEST(ParamMapProperty, MergeMatchesMapFilledInInputOrder) {
  QueryGenerator generator(7);
  int accepted = 0;
  int refused = 0;
  for (int round = 0; round < 4000; ++round) {
    const std::string query = generator.query(5);
    const std::string body = generator.query(round % 2 == 0 ? 4 : 30);
    auto into = parse_params(query);
    if (!into) continue;
    const auto more = decode_form(body);
    ASSERT_TRUE(more) << body;
    const ReferenceMap start(into->begin(), into->end());
    const Reference want = reference_merge(start, *more);
    std::string context = query;
    context.append(" + ").append(body);

    ParamMap by_copy = *into;
    const auto copied = merge_params(by_copy, *more);
    FormFields moved_fields = *more;
    const auto moved = merge_params(*into, std::move(moved_fields));
    if (const auto* name = std::get_if<std::string>(&want)) {
      ++refused;
      ASSERT_FALSE(copied) << context;
      ASSERT_FALSE(moved) << context;
      EXPECT_EQ(copied.error().kind, ParamError::Kind::kDuplicateName) << context;
      EXPECT_EQ(copied.error().name, *name) << context;
      EXPECT_EQ(moved.error().kind, ParamError::Kind::kDuplicateName) << context;
      EXPECT_EQ(moved.error().name, *name) << context;
    } else {
      ++accepted;
      ASSERT_TRUE(copied) << context;
      ASSERT_TRUE(moved) << context;
      expect_same(by_copy, std::get<ReferenceMap>(want), context);
      expect_same(*into, std::get<ReferenceMap>(want), context);
    }
  }
  EXPECT_GT(accepted, 500);
  EXPECT_GT(refused, 500);
}

TEST(ParamMap, FirstRefusedInInputOrderNotInSortOrder) {
  // "b" repeats before "a" does: the map refused "b" first although "a" sorts first.
  auto params = parse_params("a=1&b=2&b=3&a=4");
  ASSERT_FALSE(params);
  EXPECT_EQ(params.error().name, "b");
  // A name already in the query is refused at its first occurrence in the body.
  auto into = parse_params("z=1");
  ASSERT_TRUE(into);
  const auto merged = merge_params(*into, FormFields{{"c", "1"}, {"c", "2"}, {"z", "3"}});
  ASSERT_FALSE(merged);
  EXPECT_EQ(merged.error().name, "c");
  const auto merged_z = merge_params(*into, FormFields{{"c", "1"}, {"z", "3"}, {"c", "2"}});
  ASSERT_FALSE(merged_z);
  EXPECT_EQ(merged_z.error().name, "z");
}

TEST(ParamMap, ValuesSurviveTheSort) {
  // Values longer than the small-string buffer, so that a mix-up of moved strings would show.
  const std::string long_value(100, 'x');
  const auto params = parse_params("d=4&c=" + long_value + "&b=2&a=" + long_value + "1");
  ASSERT_TRUE(params);
  expect_same(*params,
              ReferenceMap{{"a", long_value + "1"}, {"b", "2"}, {"c", long_value}, {"d", "4"}},
              "long values");
}

// A query of thousands of parameters (the request line and the body are bounded, but not to a
// handful) must cost a sort, not one insertion into a vector per parameter.
TEST(ParamMap, ThousandsOfParametersDecodeQuickly) {
  constexpr int kCount = 20000;
  std::string distinct;
  std::string same;
  for (int i = kCount; i > 0; --i) {  // descending: the worst order for insertion at the end
    if (!distinct.empty()) distinct += '&';
    distinct += "p" + std::to_string(100000 + i) + "=" + std::to_string(i);
    if (!same.empty()) same += '&';
    same += "p=" + std::to_string(i);
  }
  const auto started = std::chrono::steady_clock::now();
  const auto params = parse_params(distinct);
  const auto repeated = parse_params(distinct + "&p100001=again");
  const auto all_same = parse_params(same);
  auto into = parse_params("q=1");
  ASSERT_TRUE(into);
  const auto fields = decode_form(distinct);
  ASSERT_TRUE(fields);
  const auto merged = merge_params(*into, *fields);
  const auto elapsed = std::chrono::steady_clock::now() - started;

  ASSERT_TRUE(params);
  EXPECT_EQ(params->size(), static_cast<std::size_t>(kCount));
  EXPECT_EQ(params->begin()->first, "p100001");
  EXPECT_EQ(*find_param(*params, "p112345"), "12345");
  ASSERT_FALSE(repeated);
  EXPECT_EQ(repeated.error().name, "p100001");
  ASSERT_FALSE(all_same);
  EXPECT_EQ(all_same.error().name, "p");
  ASSERT_TRUE(merged);
  EXPECT_EQ(into->size(), static_cast<std::size_t>(kCount) + 1);
  // Generous for a debug build with sanitizers on a shared machine; quadratic insertion of
  // 20 000 strings into a vector costs far more.
  EXPECT_LT(elapsed, std::chrono::seconds(5));
}

}  // namespace
}  // namespace mediagate::core
