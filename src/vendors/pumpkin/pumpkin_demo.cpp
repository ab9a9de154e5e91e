#include "vendors/pumpkin/pumpkin_demo.hpp"

#include <algorithm>
#include <array>
#include <string>
#include <string_view>
#include <utility>

#include "fixtures/demo_batches.hpp"
#include "fixtures/demo_random.hpp"

namespace mediagate::vendors::pumpkin {
namespace {

using namespace fixtures;  // NOLINT: the generator's PRNG, alphabets and units

constexpr std::int64_t kMediaSpanMs = 3 * kYearMs;     // at most; see media()
constexpr std::int64_t kMediaSlotMs = 36 * kMinuteMs;  // media per 36 minutes, at least one

// Where each kind of item draws its randomness from (fixtures::Rng): the numbers the generator
// has always used, none of them another module's.
enum class Tag : std::uint64_t {
  kPartner = 4,
  kMedia = 10,
  kMediaDetails = 11,
};

constexpr std::array<std::string_view, 16> kMovieHeads = {
    "午夜", "北方", "春天", "最后", "孤独", "遥远", "沉默", "燃烧",
    "少年", "长安", "海上", "山河", "无名", "风中", "星际", "旧城"};
constexpr std::array<std::string_view, 16> kMovieTails = {
    "的列车", "之城", "旅人", "故事", "往事", "追踪",   "花园",   "来信",
    "之歌",   "行动", "密码", "迷途", "告白", "的秘密", "守望者", "归来"};
constexpr std::array<std::string_view, 8> kMovieEnglish = {
    "The Long Night", "Blue Harbor", "Edge of Summer",  "Silent Code",
    "Paper Moon",     "Last Train",  "Northern Lights", "Hidden River"};

}  // namespace

PumpkinDemo::PumpkinDemo(std::uint64_t seed, core::EpochMs anchor, const DemoCounts& counts)
    : seed_(seed), anchor_(anchor), counts_(counts) {
  partners_.push_back(
      {"TEST_PID", "TEST_ACCESS_SECRET", {"/media/offline_sync", "/media/sync", "/movie/sync"}});
  partners_.push_back({"NO_MEDIA_PID", "other-secret", {}});
  for (std::int64_t p = 2; p < counts.partners; ++p) {
    Rng rng(seed_, Tag::kPartner, static_cast<std::uint64_t>(p));
    partners_.push_back({"PID_" + two_digits(p) + random_text(rng, kUpper, 6),
                         random_text(rng, kAlnum, 24),
                         {"/media/offline_sync", "/media/sync", "/movie/sync"}});
  }
  media_span_ = std::min(kMediaSpanMs, std::max<std::int64_t>(1, counts.media) * kMediaSlotMs);
}

void PumpkinDemo::skeleton(vendors::Dataset& batch) const {
  batch.pumpkin_partners = partners_;
}

void PumpkinDemo::media(vendors::Dataset& batch, std::int64_t i) const {
  Rng rng(seed_, Tag::kMedia, static_cast<std::uint64_t>(i));
  vendors::pumpkin::PumpkinMedia m;
  m.movie_id = 100'000 + i;
  const auto kind = rng.below(10);
  if (kind == 0) {
    m.movie_name = rng.pick(kMovieEnglish);
  } else {
    m.movie_name = rng.pick(kMovieHeads);
    m.movie_name += rng.pick(kMovieTails);
    if (kind == 1) m.movie_name += " 2";
    if (kind == 2) m.movie_name += "（导演剪辑版）";
  }
  // Every 36 minutes of the span holds (on average) one medium, 7 in 10 of them offline:
  // any 12-hour window inside the span lists some.
  const std::int64_t offset = slot_point(rng, i, counts_.media, media_span_);
  const core::EpochMs at = (anchor_ - media_span_ + offset) / kSecondMs * kSecondMs;
  if (i % 10 != 2 && i % 10 != 5 && i % 10 != 8) m.delete_time = at;
  batch.pumpkin_details.push_back(media_details(m, i, at));
  batch.pumpkin_media.push_back(std::move(m));
}

// The catalogue's view of media i (its own random stream, so the media stay as they were):
// one in four a series of 1 or 2 seasons of 2 or 3 parts; updated at `at` if online (a
// /media/sync batch there lists it), a day before going offline otherwise. Season and part
// ids are far above the media's (100'000 + i).
vendors::pumpkin::PumpkinMediaDetails PumpkinDemo::media_details(
    const vendors::pumpkin::PumpkinMedia& m, std::int64_t i, core::EpochMs at) const {
  Rng rng(seed_, Tag::kMediaDetails, static_cast<std::uint64_t>(i));
  vendors::pumpkin::PumpkinMediaDetails d;
  d.movie_id = m.movie_id;
  d.texts.movie_title = m.movie_name + "：" + std::string(rng.pick(kMovieTails));
  d.texts.movie_country = i % 3 == 0 ? "中国" : (i % 3 == 1 ? "美国" : "英国");
  d.texts.movie_language = i % 3 == 0 ? "汉语普通话" : "英语";
  d.texts.movie_year = std::to_string(1990 + rng.below(36));
  d.vertical_pic = "https://img.example.invalid/v/" + std::to_string(m.movie_id) + ".png";
  d.horizontal_pic = "https://img.example.invalid/h/" + std::to_string(m.movie_id) + ".png";
  d.create_time = at - 30 * kDayMs;
  d.update_time = m.delete_time ? at - kDayMs : at;
  if (i % 4 == 3) {
    d.movie_type = "2";
    const auto seasons = 1 + static_cast<std::int64_t>(rng.below(2));
    for (std::int64_t s = 0; s < seasons; ++s) {
      vendors::pumpkin::PumpkinSeason season;
      season.movie_id = 1'000'000'000 + i * 4 + s;
      season.movie_name = m.movie_name + " 第" + std::to_string(s + 1) + "季";
      season.texts = d.texts;
      const auto parts = 2 + static_cast<std::int64_t>(rng.below(2));
      for (std::int64_t p = 0; p < parts; ++p) {
        season.parts.push_back({2'000'000'000 + i * 32 + s * 8 + p, std::to_string(p + 1)});
      }
      d.seasons.push_back(std::move(season));
    }
  }
  return d;
}

void merge_demo_rows(vendors::Dataset& into, vendors::Dataset& batch) {
  for (auto& partner : batch.pumpkin_partners) {
    auto& target = fixtures::find_or_add(
        into.pumpkin_partners, partner.pid,
        [](const vendors::pumpkin::PumpkinPartner& p) -> const std::string& { return p.pid; },
        vendors::pumpkin::PumpkinPartner{partner.pid, partner.access_secret, {}});
    fixtures::append(target.actions, std::move(partner.actions));
  }
  fixtures::append(into.pumpkin_media, std::move(batch.pumpkin_media));
  fixtures::append(into.pumpkin_details, std::move(batch.pumpkin_details));
}

}  // namespace mediagate::vendors::pumpkin
