// The shared SQL layer's one-place-per-column contract (store/sql/rows.hpp): for every entity,
// its column list, its row mapper and its values_of agree (same number of columns, and a value
// written with values_of reads back equal through the mapper), and the generated upserts key
// and update the columns they should.
#include <gtest/gtest.h>

#include <cstdint>
#include <optional>
#include <string>
#include <tuple>
#include <variant>
#include <vector>

#include "store/sql/batched_writes.hpp"
#include "store/sql/rows.hpp"
#include "vendors/iqiyi/iqiyi_rows.hpp"
#include "vendors/polyv/polyv_rows.hpp"
#include "vendors/pumpkin/pumpkin_rows.hpp"

namespace mediagate::store::sql {
namespace {

using namespace vendors::iqiyi;    // NOLINT: each module's values and rows
using namespace vendors::polyv;    // NOLINT
using namespace vendors::pumpkin;  // NOLINT

// A row as a backend would return it: text, integer or NULL per column.
class FakeRow {
 public:
  using Cell = std::variant<std::monostate, std::int64_t, std::string>;

  template <class Tuple>
  static FakeRow of(const Tuple& values) {
    FakeRow row;
    std::apply([&](const auto&... value) { (row.add(value), ...); }, values);
    return row;
  }

  std::string text(int column) const { return std::get<std::string>(at(column)); }
  std::int64_t int64(int column) const { return std::get<std::int64_t>(at(column)); }
  std::optional<std::string> optional_text(int column) const {
    if (std::holds_alternative<std::monostate>(at(column))) return std::nullopt;
    return text(column);
  }
  std::optional<std::int64_t> optional_int64(int column) const {
    if (std::holds_alternative<std::monostate>(at(column))) return std::nullopt;
    return int64(column);
  }
  std::size_t size() const { return cells_.size(); }

 private:
  const Cell& at(int column) const { return cells_.at(static_cast<std::size_t>(column)); }
  void add(const std::string& value) { cells_.emplace_back(value); }
  void add(std::int64_t value) { cells_.emplace_back(value); }
  template <class T>
  void add(const std::optional<T>& value) {
    if (value) {
      add(*value);
    } else {
      cells_.emplace_back(std::monostate{});
    }
  }

  std::vector<Cell> cells_;
};

template <class T, class Map>
void expect_round_trip(const T& value, std::string_view columns, Map&& map) {
  const auto row = FakeRow::of(values_of(value));
  EXPECT_EQ(row.size(), names_in(columns).size()) << columns;
  EXPECT_EQ(map(row), value) << columns;
}

TEST(SqlRows, EveryEntityReadsBackWhatItsValuesWrite) {
  expect_round_trip(PolyvAccountKeys{"u1", "a@x", "s", "app", "as"}, kAccountColumns,
                    account_keys_of);
  expect_round_trip(Category{3, "c", 1}, kCategoryColumns, category_of);
  expect_round_trip(Category{3, "c", std::nullopt}, kCategoryColumns, category_of);
  expect_round_trip(
      Video{"v1", 3, "t", "ctx", 42, "img", "tag", "aac", "60", "up@x", 1'700'000'000'000},
      kVideoColumns, video_of);
  expect_round_trip(Video{"v2", 3, "t", "", 0, "", "", std::nullopt, "-1", "up@x", 1},
                    kVideoColumns, video_of);
  expect_round_trip(LiveSession{"s1", 10, 20, "custom"}, kSessionColumns, session_of);
  expect_round_trip(LiveSession{"s2", 10, std::nullopt, std::nullopt}, kSessionColumns, session_of);
  expect_round_trip(PolyvGroupKeys{"g", "gs", true}, kGroupColumns, group_keys_of);
  expect_round_trip(PolyvGroupKeys{"g", "gs", false}, kGroupColumns, group_keys_of);
  expect_round_trip(Allocation{"e@x", 5, "live", "o", "ot", 1, 2, 3, 4, 5}, kAllocationColumns,
                    allocation_of);
  expect_round_trip(Allocation{"e@x", 5, "vod", "o", "ot", std::nullopt, std::nullopt, std::nullopt,
                               std::nullopt, std::nullopt},
                    kAllocationColumns, allocation_of);
  expect_round_trip(IqiyiPartner{"p", "k", {}}, kIqiyiPartnerColumns, iqiyi_partner_of);
  expect_round_trip(IqiyiUser{"u", "TW", 7}, kIqiyiUserColumns, iqiyi_user_of);
  expect_round_trip(PumpkinPartner{"pid", "sec", {}}, kPumpkinPartnerColumns, pumpkin_partner_of);
  expect_round_trip(PumpkinMedia{9, "m", 100}, kMediaColumns, media_of);
  expect_round_trip(PumpkinMedia{9, "m", std::nullopt}, kMediaColumns, media_of);
}

TEST(SqlRows, AMapperReadsFromItsFirstColumn) {
  const Video video{"v1", 3, "t", "ctx", 42, "img", "tag", std::nullopt, "60", "up@x", 5};
  const auto row =
      FakeRow::of(std::tuple_cat(std::make_tuple(std::string("owner")), values_of(video)));
  EXPECT_EQ(row.text(0), "owner");
  EXPECT_EQ(video_of(row, 1), video);
}

TEST(SqlUpsert, KeysAreInsertedAndTheOtherColumnsUpdatedOnlyWhenTheyDiffer) {
  EXPECT_EQ(upsert_sql("t", "k1, k2", "k1, a, k2, b"),
            "INSERT INTO t AS t (k1, a, k2, b)\n"
            "VALUES (?, ?, ?, ?)\n"
            "ON CONFLICT (k1, k2) DO UPDATE SET a = excluded.a, b = excluded.b\n"
            "WHERE (t.a, t.b) IS DISTINCT FROM (excluded.a, excluded.b)");
}

TEST(SqlUpsert, ColumnNamesAreSplitOnCommasAndTrimmed) {
  EXPECT_EQ(names_in(" a,b ,  c "), (std::vector<std::string_view>{"a", "b", "c"}));
  EXPECT_TRUE(names_in("").empty());
}

}  // namespace
}  // namespace mediagate::store::sql
