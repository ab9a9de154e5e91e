#include "domain/demo_generator.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <string_view>
#include <tuple>
#include <unordered_map>
#include <utility>

namespace mediagate::domain {
namespace {

using core::EpochMs;

constexpr std::int64_t kSecondMs = 1000;
constexpr std::int64_t kMinuteMs = 60 * kSecondMs;
constexpr std::int64_t kHourMs = 60 * kMinuteMs;
constexpr std::int64_t kDayMs = 24 * kHourMs;
constexpr std::int64_t kYearMs = 365 * kDayMs;
constexpr std::int64_t kVideoSpanMs = 3 * kYearMs;  // ptimes: the 3 years before the anchor
constexpr std::int64_t kSessionSpanMs = kYearMs;    // sessions: the year before the anchor
constexpr std::int64_t kAllocationSpanMs = 3 * kYearMs;
constexpr std::int64_t kMediaSpanMs = 3 * kYearMs;     // at most; see media()
constexpr std::int64_t kMediaSlotMs = 36 * kMinuteMs;  // media per 36 minutes, at least one
constexpr std::int64_t kSessionsPerChannel = 250;
constexpr std::int64_t kMaxRows = 1'000'000'000;
// An iQiyi coupon's right: iqiyi.vod_right_ms's default (48 hours, seed 002's FAQ).
constexpr std::int64_t kVodRightMs = 48 * kHourMs;
constexpr std::int64_t kMaxEntities = 10'000;

// Where each kind of item draws its randomness from: (seed, tag, index) → its own generator.
enum class Tag : std::uint64_t {
  kAccount = 1,
  kGroup,
  kIqiyiPartner,
  kPumpkinPartner,
  kChannel,
  kVideo,
  kSession,
  kAllocation,
  kIqiyiUser,
  kMedia,
  kMediaDetails,
  kIqiyiCouponUse,
};

// The splitmix64 finaliser: a bijection of 64-bit values that mixes every bit.
constexpr std::uint64_t mix64(std::uint64_t z) {
  z = (z ^ (z >> 30U)) * 0xBF58476D1CE4E5B9ULL;
  z = (z ^ (z >> 27U)) * 0x94D049BB133111EBULL;
  return z ^ (z >> 31U);
}

// splitmix64: tiny, fast, and the same on every platform (std distributions are not).
class Rng {
 public:
  Rng(std::uint64_t seed, Tag tag, std::uint64_t index)
      : state_(mix64(mix64(seed ^ (static_cast<std::uint64_t>(tag) << 56U)) + index)) {}

  std::uint64_t next() {
    state_ += 0x9E3779B97F4A7C15ULL;
    return mix64(state_);
  }
  // Uniform in [0, n) for n >= 1 (modulo bias at most n / 2^64: negligible here).
  std::uint64_t below(std::uint64_t n) { return next() % n; }
  std::size_t index(std::size_t n) { return static_cast<std::size_t>(below(n)); }
  // Uniform in [lo, hi].
  std::int64_t range(std::int64_t lo, std::int64_t hi) {
    return lo + static_cast<std::int64_t>(below(static_cast<std::uint64_t>(hi - lo) + 1));
  }
  bool percent(std::uint64_t p) { return below(100) < p; }
  // Uniform in (0, 1], exactly representable: only correctly rounded operations follow.
  double unit() { return static_cast<double>((next() >> 11U) + 1) * 0x1.0p-53; }
  template <class T, std::size_t N>
  const T& pick(const std::array<T, N>& items) {
    return items[index(N)];
  }

 private:
  std::uint64_t state_;
};

// The smaller of two uniform draws in [0, n): the first items are picked more often.
std::size_t skewed_index(Rng& rng, std::size_t n) {
  const std::size_t first = rng.index(n);
  const std::size_t second = rng.index(n);
  return std::min(first, second);
}

// A long tail: P(value >= x) = scale / (x + scale), capped.
std::int64_t long_tail(Rng& rng, double scale, std::int64_t cap) {
  const double value = (1.0 / rng.unit() - 1.0) * scale;
  if (value >= static_cast<double>(cap)) return cap;
  return static_cast<std::int64_t>(value);
}

// floor((i * span + jitter) / n) for a uniform jitter in [0, span): the i-th of n equal
// slots over [0, span), at a random point inside it; without overflow for i < n <= 1e9.
std::int64_t slot_point(Rng& rng, std::int64_t i, std::int64_t n, std::int64_t span) {
  const std::int64_t q = span / n;
  const std::int64_t r = span % n;
  const auto jitter = static_cast<std::int64_t>(rng.below(static_cast<std::uint64_t>(span)));
  return i * q + (i * r + jitter) / n;
}

constexpr std::string_view kHex = "0123456789abcdef";
constexpr std::string_view kLower = "abcdefghijklmnopqrstuvwxyz0123456789";
constexpr std::string_view kAlnum =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
constexpr std::string_view kUpper = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
constexpr std::string_view kBase36 = "0123456789abcdefghijklmnopqrstuvwxyz";
constexpr std::uint64_t kBase36Power9 = 101'559'956'668'416ULL;  // 36^9

std::string random_text(Rng& rng, std::string_view alphabet, std::size_t length) {
  std::string out(length, ' ');
  for (auto& c : out) c = alphabet[rng.index(alphabet.size())];
  return out;
}

void append_hex(std::string& out, std::uint64_t value, int digits) {
  for (int shift = (digits - 1) * 4; shift >= 0; shift -= 4) {
    out += kHex[(value >> static_cast<unsigned>(shift)) & 0xFU];
  }
}

std::string two_digits(std::int64_t n) {
  return (n < 10 ? "0" : "") + std::to_string(n);
}

// A bijection of [0, 2^bits): odd multiplications and xor-shifts, keyed by the seed. Ids made
// from distinct indexes are distinct by construction, yet look random.
std::uint64_t permute(std::uint64_t x, std::uint64_t seed, unsigned bits) {
  const std::uint64_t mask = bits == 64 ? ~0ULL : (1ULL << bits) - 1;
  const std::uint64_t key = mix64(seed ^ 0x5EEDULL);
  x = (x ^ key) & mask;
  x = (x * 0x9E3779B97F4A7C15ULL) & mask;
  x ^= x >> (bits / 2);
  x = (x * (mix64(key) | 1ULL)) & mask;
  x ^= x >> (bits / 2 + 1);
  return x;
}

// --- word lists -------------------------------------------------------------------------

struct Course {
  std::string_view name;
  std::array<std::string_view, 3> topics;
};
constexpr std::array<Course, 20> kCourses = {{
    {"高等数学", {"极限与连续", "导数的应用", "定积分"}},
    {"线性代数", {"矩阵的秩", "特征值", "线性方程组"}},
    {"概率论", {"条件概率", "大数定律", "正态分布"}},
    {"大学英语", {"听力真题", "长难句分析", "写作模板"}},
    {"初中物理", {"牛顿运动定律", "浮力", "串联与并联"}},
    {"高中化学", {"氧化还原反应", "化学平衡", "有机推断"}},
    {"数据结构", {"二叉树遍历", "哈希表", "图的最短路径"}},
    {"机器学习", {"梯度下降", "决策树", "过拟合与正则化"}},
    {"摄影入门", {"构图技巧", "光圈与快门", "人像用光"}},
    {"烘焙教程", {"戚风蛋糕", "法式马卡龙", "欧包发酵"}},
    {"吉他弹唱", {"和弦转换", "扫弦节奏", "指弹入门"}},
    {"书法练习", {"楷书基本笔画", "行书连笔", "章法布局"}},
    {"围棋入门", {"定式与布局", "死活题", "官子技巧"}},
    {"瑜伽", {"呼吸与冥想", "拜日式", "肩颈放松"}},
    {"个人理财", {"基金定投", "保险配置", "记账习惯"}},
    {"市场营销", {"用户画像", "私域运营", "品牌定位"}},
    {"项目管理", {"风险识别", "敏捷开发", "时间管理"}},
    {"考研政治", {"马克思主义原理", "史纲时间线", "时政热点"}},
    {"前端开发", {"闭包与作用域", "Vue 组件通信", "CSS Grid 布局"}},
    {"Python", {"列表推导式", "装饰器", "pandas 数据清洗"}},
}};
constexpr std::array<std::string_view, 16> kEnglish = {
    "Python Basics", "Intro to Algorithms", "Unboxing",          "Product Demo",
    "Weekly Update", "Live Replay",         "Q&A Session",       "Keynote",
    "Tutorial",      "Highlights",          "Behind the Scenes", "Case Study",
    "Quick Tips",    "Getting Started",     "Deep Dive",         "Webinar"};
constexpr std::array<std::string_view, 8> kLabels = {"直播回放", "精品课", "公开课", "宣传片",
                                                     "花絮",     "试看",   "答疑",   "预告"};
constexpr std::array<std::string_view, 8> kEvents = {"年度发布会",   "春季新品发布会", "开学典礼",
                                                     "年会精彩集锦", "校园开放日",     "用户大会",
                                                     "品牌日",       "毕业典礼"};
constexpr std::array<std::string_view, 10> kPlaces = {"北京", "上海", "成都", "杭州", "西安",
                                                      "厦门", "重庆", "大理", "青岛", "苏州"};
constexpr std::array<std::string_view, 6> kLevels = {"上", "下", "入门", "进阶", "基础", "冲刺"};
constexpr std::array<std::string_view, 6> kAudiences = {"零基础的同学", "备考的同学", "职场新人",
                                                        "家长和孩子",   "专业人士",   "所有人"};
constexpr std::array<std::string_view, 16> kTags = {
    "数学", "考研", "python", "编程", "英语", "摄影", "美食", "音乐",
    "vlog", "直播", "教程",   "4K",   "免费", "精选", "新品", "培训"};
constexpr std::array<std::string_view, 12> kTopCategories = {
    "课程", "直播回放", "宣传片", "培训",   "产品介绍", "活动",
    "讲座", "纪录片",   "Vlog",   "公开课", "会员专享", "素材"};
constexpr std::array<std::string_view, 15> kSubCategories = {
    "数学", "语文", "英语", "物理",   "化学",   "初级", "中级", "高级",
    "2023", "2024", "2025", "第一季", "第二季", "精选", "花絮"};
constexpr std::array<std::string_view, 20> kPeople = {
    "zhangwei", "liuyang", "wangfang", "lina",    "chenjie", "yangli", "zhaoqiang",
    "huangmin", "zhouxin", "wujing",   "xuhui",   "sunyue",  "maming", "zhuhong",
    "hulin",    "guoying", "heyun",    "gaofeng", "linxiao", "luotao"};
constexpr std::array<std::string_view, 12> kDomains = {
    "kuaixue.cn",  "yunke.com",   "mingshi.net", "zhixue.cn", "lvyou-tv.com",     "meishi.tv",
    "tiyu365.com", "xuetang.org", "edu-star.cn", "huayi.com", "qingcheng.edu.cn", "vstudio.cn"};
constexpr std::array<std::string_view, 12> kBrands = {"Kfc",   "Nike", "Lenovo", "Xiaomi",
                                                      "Haier", "Anta", "Midea",  "Oppo",
                                                      "Vivo",  "Yili", "Gree",   "Jd"};
constexpr std::array<std::string_view, 16> kMovieHeads = {
    "午夜", "北方", "春天", "最后", "孤独", "遥远", "沉默", "燃烧",
    "少年", "长安", "海上", "山河", "无名", "风中", "星际", "旧城"};
constexpr std::array<std::string_view, 16> kMovieTails = {
    "的列车", "之城", "旅人", "故事", "往事", "追踪",   "花园",   "来信",
    "之歌",   "行动", "密码", "迷途", "告白", "的秘密", "守望者", "归来"};
constexpr std::array<std::string_view, 8> kMovieEnglish = {
    "The Long Night", "Blue Harbor", "Edge of Summer",  "Silent Code",
    "Paper Moon",     "Last Train",  "Northern Lights", "Hidden River"};

struct Origin {
  std::string_view origin;
  std::string_view text;
  std::string_view type;
  int field;  // 0 space, 1 flow, 2 channels, 3 concurrences, 4 duration
  std::uint64_t weight;
};
constexpr std::array<Origin, 5> kOrigins = {{
    {"ADD_CONCURRENCES", "添加并发数", "live", 3, 30},
    {"ADD_CHANNELS", "添加频道数", "live", 2, 10},
    {"ADD_DURATION", "添加分钟数", "live", 4, 20},
    {"ADD_SPACE", "添加空间", "vod", 0, 25},
    {"ADD_FLOW", "添加流量", "vod", 1, 15},
}};

struct StatusWeight {
  std::string_view status;
  std::uint64_t weight;
};
constexpr std::array<StatusWeight, 7> kStatuses = {
    {{"61", 78}, {"60", 6}, {"10", 4}, {"20", 4}, {"50", 3}, {"51", 2}, {"-1", 3}}};

// --- the skeleton -----------------------------------------------------------------------

struct AccountPlan {
  store::PolyvAccountKeys keys;
  std::vector<std::string> sub_accounts;
  std::vector<store::Category> categories;
  std::vector<std::int64_t> channel_indexes;  // global channel numbers this account owns
};

struct GroupPlan {
  store::PolyvGroupKeys keys;
  std::vector<std::string> sub_accounts;
};

std::vector<std::string> people_at(Rng& rng, std::string_view domain, std::int64_t count) {
  std::vector<std::string> out;
  const std::size_t start = rng.index(kPeople.size());
  for (std::int64_t k = 0; k < count; ++k) {
    const auto n = static_cast<std::size_t>(k);
    std::string email(kPeople[(start + n) % kPeople.size()]);
    if (n >= kPeople.size()) email += std::to_string(n / kPeople.size() + 1);
    out.push_back(email + "@" + std::string(domain));
  }
  return out;
}

std::string domain_of(std::int64_t index) {
  const auto n = static_cast<std::size_t>(index);
  std::string domain(kDomains[n % kDomains.size()]);
  if (n >= kDomains.size()) domain = std::to_string(n / kDomains.size()) + "." + domain;
  return domain;
}

// Root 默认分类 (cataid 1, as Polyv), 4-8 top categories, 1-4 children each: 3 levels.
std::vector<store::Category> category_tree(Rng& rng, EpochMs anchor) {
  std::vector<store::Category> out{{1, "默认分类", std::nullopt}};
  // Polyv cataids are creation times in ms; ours start a little before the first video.
  std::int64_t cataid = anchor - kVideoSpanMs - rng.range(kDayMs, 30 * kDayMs);
  auto next_id = [&] { return cataid += rng.range(kSecondMs, 10 * kDayMs); };
  auto tops = kTopCategories;
  for (std::size_t i = tops.size() - 1; i > 0; --i) std::swap(tops[i], tops[rng.index(i + 1)]);
  const auto top_count = static_cast<std::size_t>(rng.range(4, 8));
  for (std::size_t t = 0; t < top_count; ++t) {
    const std::int64_t top = next_id();
    out.push_back({top, std::string(tops[t]), 1});
    auto subs = kSubCategories;
    for (std::size_t i = subs.size() - 1; i > 0; --i) std::swap(subs[i], subs[rng.index(i + 1)]);
    const auto sub_count = static_cast<std::size_t>(rng.range(1, 4));
    for (std::size_t s = 0; s < sub_count; ++s) {
      out.push_back({next_id(), std::string(tops[t]) + "-" + std::string(subs[s]), top});
    }
  }
  return out;
}

std::string unique_id(Rng& rng, std::string_view alphabet, std::size_t length,
                      std::vector<std::string>& taken) {
  while (true) {
    std::string id = random_text(rng, alphabet, length);
    if (std::find(taken.begin(), taken.end(), id) == taken.end()) {
      taken.push_back(id);
      return id;
    }
  }
}

std::int64_t channel_count(const DemoSize& size) {
  return (size.sessions + kSessionsPerChannel - 1) / kSessionsPerChannel;
}

}  // namespace

std::optional<std::string> check_demo_options(const DemoOptions& o) {
  const auto& s = o.size;
  const std::pair<const char*, std::int64_t> rows[] = {{"videos", s.videos},
                                                       {"sessions", s.sessions},
                                                       {"allocations", s.allocations},
                                                       {"iqiyi users", s.iqiyi_users},
                                                       {"pumpkin media", s.pumpkin_media}};
  for (const auto& [name, value] : rows) {
    if (value < 0 || value > kMaxRows) {
      return std::string(name) + " must be between 0 and " + std::to_string(kMaxRows);
    }
  }
  const std::tuple<const char*, std::int64_t, std::int64_t> entities[] = {
      {"accounts", s.accounts, 1},
      {"groups", s.groups, 1},
      {"iqiyi partners", s.iqiyi_partners, 1},
      {"pumpkin partners", s.pumpkin_partners, 2}};
  for (const auto& [name, value, least] : entities) {
    if (value < least || value > kMaxEntities) {
      return std::string(name) + " must be between " + std::to_string(least) + " and " +
             std::to_string(kMaxEntities);
    }
  }
  if (o.batch_rows < 1) return std::string("batch size must be at least 1");
  // Year 2000 to year 9000: room for 3 years of history and 4-digit dates.
  if (o.anchor < 946'684'800'000 || o.anchor > 221'845'392'000'000) {
    return std::string("anchor must be between 2000 and 9000");
  }
  return std::nullopt;
}

const char* demo_stream_name(DemoStream stream) {
  switch (stream) {
    case DemoStream::kSkeleton:
      return "accounts";
    case DemoStream::kVideos:
      return "videos";
    case DemoStream::kSessions:
      return "sessions";
    case DemoStream::kAllocations:
      return "allocations";
    case DemoStream::kIqiyiUsers:
      return "iqiyi users";
    case DemoStream::kPumpkinMedia:
      return "pumpkin media";
  }
  return "";
}

struct DemoGenerator::State {
  DemoOptions options;
  std::uint64_t seed = 0;
  std::vector<AccountPlan> accounts;
  std::vector<std::string> channel_ids;    // by global channel number
  std::vector<std::size_t> channel_owner;  // account index, by channel number
  std::vector<GroupPlan> groups;           // the forbidden group last
  std::vector<store::IqiyiPartner> iqiyi;  // without users
  std::vector<store::PumpkinPartner> pumpkin;
  std::int64_t media_span = 0;

  DemoStream stream = DemoStream::kSkeleton;
  std::int64_t cursor = 0;  // next index in `stream`
  std::int64_t done = 0;
  std::int64_t total = 0;

  // Per batch: where each account, channel, group, partner sits in the batch (or npos).
  static constexpr std::size_t npos = static_cast<std::size_t>(-1);
  std::vector<std::size_t> account_at, group_at, iqiyi_at;
  std::unordered_map<std::int64_t, std::size_t> channel_at;  // channel number → index

  explicit State(const DemoOptions& o) : options(o), seed(o.seed) {
    plan_accounts();
    plan_groups();
    plan_partners();
    const auto& s = o.size;
    total = 1 + s.videos + s.sessions + s.allocations + s.iqiyi_users + s.pumpkin_media;
    media_span = std::min(kMediaSpanMs, std::max<std::int64_t>(1, s.pumpkin_media) * kMediaSlotMs);
  }

  std::int64_t stream_size(DemoStream which) const {
    const auto& s = options.size;
    switch (which) {
      case DemoStream::kSkeleton:
        return 1;
      case DemoStream::kVideos:
        return s.videos;
      case DemoStream::kSessions:
        return s.sessions;
      case DemoStream::kAllocations:
        return s.allocations;
      case DemoStream::kIqiyiUsers:
        return s.iqiyi_users;
      case DemoStream::kPumpkinMedia:
        return s.pumpkin_media;
    }
    return 0;
  }

  void plan_accounts() {
    std::vector<std::string> user_ids{"b0f7041324"};
    std::vector<std::string> app_ids{"frlr1zazn3"};
    for (std::int64_t a = 0; a < options.size.accounts; ++a) {
      Rng rng(seed, Tag::kAccount, static_cast<std::uint64_t>(a));
      AccountPlan plan;
      if (a == 0) {
        // fixtures/sample.json's account, so the README's requests work.
        plan.keys = {"b0f7041324", "owner@zzs.com", "tIQp4ATe9Z", "frlr1zazn3",
                     "fsq2k5weced1h8vui657xtdva66whf0g"};
        plan.sub_accounts = {"test1@zzs.com", "test2@zzs.com"};
        for (auto& email : people_at(rng, "zzs.com", rng.range(4, 10))) {
          plan.sub_accounts.push_back(std::move(email));
        }
      } else {
        const std::string domain = domain_of(a - 1);
        plan.keys.user_id = unique_id(rng, kHex, 10, user_ids);
        plan.keys.email = "admin@" + domain;
        plan.keys.secret_key = random_text(rng, kAlnum, 10);
        plan.keys.app_id = unique_id(rng, kLower, 10, app_ids);
        plan.keys.app_secret = random_text(rng, kLower, 32);
        plan.sub_accounts = people_at(rng, domain, rng.range(2, 20));
      }
      plan.categories = category_tree(rng, options.anchor);
      accounts.push_back(std::move(plan));
    }
    const std::int64_t channels = channel_count(options.size);
    for (std::int64_t c = 0; c < channels; ++c) {
      Rng rng(seed, Tag::kChannel, static_cast<std::uint64_t>(c));
      const auto owner = static_cast<std::size_t>(c % options.size.accounts);
      // 7+ digits like Polyv's, distinct by construction.
      channel_ids.push_back(std::to_string(2'300'000 + c * 17 + rng.range(0, 16)));
      channel_owner.push_back(owner);
      accounts[owner].channel_indexes.push_back(c);
    }
  }

  void plan_groups() {
    std::vector<std::string> app_ids{"ga1ayl6dh2", "gbanned001"};
    for (std::int64_t g = 0; g < options.size.groups; ++g) {
      Rng rng(seed, Tag::kGroup, static_cast<std::uint64_t>(g));
      GroupPlan plan;
      if (g == 0) {
        plan.keys = {"ga1ayl6dh2", "9a8b7c6d5e4f3a2b1c0d9e8f7a6b5c4d", false};
        plan.sub_accounts = {"testdata@polyv.com", "other@polyv.com"};
        for (auto& email : people_at(rng, "polyv.com", rng.range(2, 10))) {
          plan.sub_accounts.push_back(std::move(email));
        }
      } else {
        plan.keys = {unique_id(rng, kLower, 10, app_ids), random_text(rng, kHex, 32), false};
        plan.sub_accounts =
            people_at(rng, "group" + std::to_string(g) + ".polyv.com", rng.range(3, 15));
      }
      groups.push_back(std::move(plan));
    }
    groups.push_back({{"gbanned001", "00000000000000000000000000000000", true}, {}});
  }

  void plan_partners() {
    for (std::int64_t p = 0; p < options.size.iqiyi_partners; ++p) {
      Rng rng(seed, Tag::kIqiyiPartner, static_cast<std::uint64_t>(p));
      if (p == 0) {
        iqiyi.push_back({"T_Coupon_Pepsi", "1234567890", {}, {}});
        continue;
      }
      const auto n = static_cast<std::size_t>(p - 1);
      std::string code = "T_Coupon_" + std::string(kBrands[n % kBrands.size()]);
      if (n >= kBrands.size()) code += std::to_string(n / kBrands.size() + 1);
      iqiyi.push_back({code, random_text(rng, kAlnum, 16), {}, {}});
    }
    pumpkin.push_back(
        {"TEST_PID", "TEST_ACCESS_SECRET", {"/media/offline_sync", "/media/sync", "/movie/sync"}});
    pumpkin.push_back({"NO_MEDIA_PID", "other-secret", {}});
    for (std::int64_t p = 2; p < options.size.pumpkin_partners; ++p) {
      Rng rng(seed, Tag::kPumpkinPartner, static_cast<std::uint64_t>(p));
      pumpkin.push_back({"PID_" + two_digits(p) + random_text(rng, kUpper, 6),
                         random_text(rng, kAlnum, 24),
                         {"/media/offline_sync", "/media/sync", "/movie/sync"}});
    }
  }

  // --- per batch ---

  void start_batch() {
    account_at.assign(accounts.size(), npos);
    group_at.assign(groups.size(), npos);
    iqiyi_at.assign(iqiyi.size(), npos);
    channel_at.clear();
  }

  store::PolyvAccount& account_in(store::Dataset& batch, std::size_t a) {
    if (account_at[a] == npos) {
      account_at[a] = batch.polyv_accounts.size();
      batch.polyv_accounts.push_back({accounts[a].keys, {}, {}, {}, {}});
    }
    return batch.polyv_accounts[account_at[a]];
  }

  store::Channel& channel_in(store::Dataset& batch, std::int64_t c) {
    const auto owner = channel_owner[static_cast<std::size_t>(c)];
    auto& account = account_in(batch, owner);
    auto [it, added] = channel_at.try_emplace(c, account.channels.size());
    if (added) account.channels.push_back({channel_ids[static_cast<std::size_t>(c)], {}});
    return account.channels[it->second];
  }

  store::PolyvGroup& group_in(store::Dataset& batch, std::size_t g) {
    if (group_at[g] == npos) {
      group_at[g] = batch.polyv_groups.size();
      batch.polyv_groups.push_back({groups[g].keys, {}, {}});
    }
    return batch.polyv_groups[group_at[g]];
  }

  store::IqiyiPartner& iqiyi_in(store::Dataset& batch, std::size_t p) {
    if (iqiyi_at[p] == npos) {
      iqiyi_at[p] = batch.iqiyi_partners.size();
      batch.iqiyi_partners.push_back({iqiyi[p].partner_code, iqiyi[p].md5_key, {}, {}});
    }
    return batch.iqiyi_partners[iqiyi_at[p]];
  }

  void skeleton(store::Dataset& batch) {
    for (std::size_t a = 0; a < accounts.size(); ++a) {
      auto& account = account_in(batch, a);
      account.sub_accounts = accounts[a].sub_accounts;
      account.categories = accounts[a].categories;
      for (const auto c : accounts[a].channel_indexes) channel_in(batch, c);
    }
    for (std::size_t g = 0; g < groups.size(); ++g) {
      group_in(batch, g).sub_accounts = groups[g].sub_accounts;
    }
    for (std::size_t p = 0; p < iqiyi.size(); ++p) iqiyi_in(batch, p);
    batch.pumpkin_partners = pumpkin;
  }

  // --- the streams ---

  // About half Chinese, a fifth ASCII, the rest mixed.
  static std::string title(Rng& rng, const Course& course, std::string_view topic) {
    const auto n = rng.range(1, 60);
    const std::string name(course.name);
    switch (rng.below(8)) {
      case 0:
        return name + "第" + std::to_string(n) + "讲：" + std::string(topic);
      case 1:
        return name + " Lesson " + two_digits(n);
      case 2:
        return std::string(rng.pick(kEnglish)) + " #" + std::to_string(n);
      case 3:
        return "【" + std::string(rng.pick(kLabels)) + "】" + name + "：" + std::string(topic);
      case 4: {
        const auto year = rng.range(2019, 2025);
        return std::to_string(year) + std::string(rng.pick(kEvents));
      }
      case 5:
        return std::string(topic) + " - " + std::string(rng.pick(kEnglish));
      case 6:
        return "Vlog " + two_digits(n) + "｜" + std::string(rng.pick(kPlaces)) + "一日游";
      default:
        return name + "（" + std::string(rng.pick(kLevels)) + "）" + std::to_string(n);
    }
  }

  void video(store::Dataset& batch, std::int64_t i) {
    Rng rng(seed, Tag::kVideo, static_cast<std::uint64_t>(i));
    const auto count = accounts.size();
    const std::size_t a = count == 1 || rng.percent(40) ? 0 : 1 + rng.index(count - 1);
    const AccountPlan& plan = accounts[a];
    store::Video v;
    // More uploads lately: the i-th of n videos at sqrt((i + u) / n) of the span.
    const double position = std::sqrt((static_cast<double>(i) + rng.unit()) /
                                      static_cast<double>(options.size.videos + 1));
    v.ptime = options.anchor - kVideoSpanMs +
              static_cast<std::int64_t>(position * static_cast<double>(kVideoSpanMs));
    // <userId><32 hex>_<userId[0]>: the upload time (12 hex digits of ms, so that a bulk load
    // appends to the primary key), 16 hex unique by construction (a bijection of the index),
    // 4 random.
    v.vid.reserve(44);
    v.vid += plan.keys.user_id;
    append_hex(v.vid, static_cast<std::uint64_t>(v.ptime), 12);
    append_hex(v.vid, permute(static_cast<std::uint64_t>(i), seed, 64), 16);
    append_hex(v.vid, rng.next(), 4);
    v.vid += '_';
    v.vid += plan.keys.user_id.front();
    const auto& categories = plan.categories;
    v.cataid = rng.percent(20) ? 1 : categories[rng.index(categories.size())].cataid;
    const Course& course = rng.pick(kCourses);
    const std::string_view topic = rng.pick(course.topics);
    v.title = title(rng, course, topic);
    switch (rng.below(10)) {
      case 0:
      case 1:
      case 2:
        break;
      case 3:
      case 4:
      case 5: {
        const std::string_view what = rng.pick(kEnglish);
        v.context = "In this video: " + std::string(what) + " (" +
                    std::to_string(rng.range(3, 90)) + " min).";
        break;
      }
      default:
        v.context = "本期内容：" + std::string(topic) + "，适合" +
                    std::string(rng.pick(kAudiences)) + "观看。";
    }
    std::uint64_t roll = rng.below(100);
    for (const auto& [status, weight] : kStatuses) {
      if (roll < weight) {
        v.status = status;
        break;
      }
      roll -= weight;
    }
    const bool published = v.status == "60" || v.status == "61";
    v.times = published ? long_tail(rng, 20.0, 50'000'000) : 0;
    // Up to 3 distinct tags.
    std::array<std::size_t, 3> picked{};
    const auto tags = static_cast<std::size_t>(rng.below(4));
    for (std::size_t t = 0; t < tags; ++t) {
      do {
        picked[t] = rng.index(kTags.size());
      } while (std::find(picked.begin(), picked.begin() + static_cast<std::ptrdiff_t>(t),
                         picked[t]) != picked.begin() + static_cast<std::ptrdiff_t>(t));
      if (t > 0) v.tag += ',';
      v.tag += kTags[picked[t]];
    }
    if (!rng.percent(10)) {
      v.first_image = "http://img.videocc.net/uimage/" + plan.keys.user_id.substr(0, 1) + "/" +
                      plan.keys.user_id + "/" + v.vid.substr(41, 1) + "/" + v.vid + ".jpg";
    }
    if (rng.percent(8)) {
      v.aac_link = "http://aac.videocc.net/" + plan.keys.user_id + "/" + v.vid.substr(41, 1) + "/" +
                   v.vid + ".aac";
    }
    // Mostly sub-accounts, the first ones busier; 10 % by the owner.
    const auto& subs = plan.sub_accounts;
    if (subs.empty() || rng.percent(10)) {
      v.uploader_email = plan.keys.email;
    } else {
      v.uploader_email = subs[skewed_index(rng, subs.size())];
    }
    account_in(batch, a).videos.push_back(std::move(v));
  }

  void session(store::Dataset& batch, std::int64_t i) {
    Rng rng(seed, Tag::kSession, static_cast<std::uint64_t>(i));
    const std::int64_t channels = static_cast<std::int64_t>(channel_ids.size());
    const std::int64_t c = i % channels;
    const std::int64_t k = i / channels;  // this channel's k-th session, in time order
    const std::int64_t in_channel = (options.size.sessions - c + channels - 1) / channels;
    store::LiveSession s;
    // 10 base-36 characters, distinct by construction (a 50-bit bijection), starting with a
    // letter between g and r as Polyv's do.
    std::uint64_t code =
        permute(static_cast<std::uint64_t>(i), seed ^ 0x5E55ULL, 50) + 16 * kBase36Power9;
    s.session_id.assign(10, '0');
    for (auto it = s.session_id.rbegin(); it != s.session_id.rend(); ++it) {
      *it = kBase36[static_cast<std::size_t>(code % 36U)];
      code /= 36U;
    }
    if (c % 4 == 0 && k == in_channel - 1) {
      // Live now: started up to two hours before the anchor.
      s.start_time =
          (options.anchor - rng.range(5 * kMinuteMs, 2 * kHourMs)) / kSecondMs * kSecondMs;
    } else {
      // The k-th slot of the year: starts in its first half, lasts at most half of it.
      const std::int64_t slot = kSessionSpanMs / in_channel;
      const std::int64_t start =
          options.anchor - kSessionSpanMs + k * slot + rng.range(0, slot / 2 - 1);
      s.start_time = start / kSecondMs * kSecondMs;
      const std::int64_t length = std::min(rng.range(10 * kMinuteMs, 3 * kHourMs), slot / 2);
      s.end_time = s.start_time + length / kSecondMs * kSecondMs;
    }
    if (rng.percent(10)) s.custom_id = "c-" + std::to_string(k + 1);
    channel_in(batch, c).sessions.push_back(std::move(s));
  }

  void allocation(store::Dataset& batch, std::int64_t i) {
    Rng rng(seed, Tag::kAllocation, static_cast<std::uint64_t>(i));
    const auto active = groups.size() - 1;  // the forbidden one has none
    const std::size_t g = active == 1 || rng.percent(50) ? 0 : 1 + rng.index(active - 1);
    const auto& subs = groups[g].sub_accounts;
    store::Allocation a;
    a.email = subs[skewed_index(rng, subs.size())];
    // Distinct whole seconds, in index order: the (email, date, origin, type) key is unique.
    const std::int64_t n = options.size.allocations;
    const std::int64_t span_s = std::max(kAllocationSpanMs / kSecondMs, n);
    a.date = options.anchor - span_s * kSecondMs + slot_point(rng, i, n, span_s) * kSecondMs;
    std::uint64_t roll = rng.below(100);
    const Origin* origin = &kOrigins.back();
    for (const auto& o : kOrigins) {
      if (roll < o.weight) {
        origin = &o;
        break;
      }
      roll -= o.weight;
    }
    a.type = origin->type;
    a.origin = origin->origin;
    a.origin_text = origin->text;
    constexpr std::int64_t kGiB = 1LL << 30;
    switch (origin->field) {
      case 0:
        a.space = rng.range(1, 500) * kGiB;
        break;
      case 1:
        a.flow = rng.range(10, 2000) * kGiB;
        break;
      case 2:
        a.channels = rng.range(1, 50);
        break;
      case 3:
        a.concurrences = rng.range(10, 2000);
        break;
      default:
        a.duration = rng.range(6, 10'000) * 10;
    }
    group_in(batch, g).allocations.push_back(std::move(a));
  }

  void iqiyi_user(store::Dataset& batch, std::int64_t i) {
    Rng rng(seed, Tag::kIqiyiUser, static_cast<std::uint64_t>(i));
    const auto count = iqiyi.size();
    const std::size_t p = count == 1 || rng.percent(60) ? 0 : 1 + rng.index(count - 1);
    store::IqiyiUser u;
    u.user_id = std::to_string(1'000'000'000 + permute(static_cast<std::uint64_t>(i), seed, 32));
    u.area = rng.percent(80) ? "CN" : "TW";
    u.vod_coupons = rng.percent(35) ? 0 : 1 + long_tail(rng, 3.0, 98);
    auto& partner = iqiyi_in(batch, p);
    coupon_uses(partner, u, i);
    partner.users.push_back(std::move(u));
  }

  // About one user in eight has spent coupons already: one or two uses, each a right of
  // kVodRightMs on its own content, the latest up to 60 days before the anchor (a few still
  // open), an earlier one 3 to 30 days before that. The balance is what is left after them, so
  // any balance goes with them. A stream of its own: the users stay as they were without uses.
  void coupon_uses(store::IqiyiPartner& partner, const store::IqiyiUser& u, std::int64_t i) {
    Rng rng(seed, Tag::kIqiyiCouponUse, static_cast<std::uint64_t>(i));
    if (!rng.percent(12)) return;
    const auto uses = 1 + rng.below(2);
    // One in four of them still holds an open right at the anchor.
    const std::int64_t before = rng.percent(25) ? rng.range(kHourMs, kVodRightMs - kHourMs)
                                                : rng.range(kHourMs, 60 * kDayMs);
    core::EpochMs at = (options.anchor - before) / kSecondMs * kSecondMs;
    for (std::uint64_t n = 0; n < uses; ++n) {
      partner.coupon_uses.push_back(store::IqiyiCouponUseEntry{
          u.user_id, u.area, rng.range(100'000'000, 9'999'999'999), at, at + kVodRightMs});
      at -= rng.range(3 * kDayMs, 30 * kDayMs) / kSecondMs * kSecondMs;
    }
  }

  void media(store::Dataset& batch, std::int64_t i) {
    Rng rng(seed, Tag::kMedia, static_cast<std::uint64_t>(i));
    store::PumpkinMedia m;
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
    const std::int64_t offset = slot_point(rng, i, options.size.pumpkin_media, media_span);
    const core::EpochMs at = (options.anchor - media_span + offset) / kSecondMs * kSecondMs;
    if (i % 10 != 2 && i % 10 != 5 && i % 10 != 8) m.delete_time = at;
    batch.pumpkin_details.push_back(media_details(m, i, at));
    batch.pumpkin_media.push_back(std::move(m));
  }

  // The catalogue's view of media i (its own random stream, so the media stay as they were):
  // one in four a series of 1 or 2 seasons of 2 or 3 parts; updated at `at` if online (a
  // /media/sync batch there lists it), a day before going offline otherwise. Season and part
  // ids are far above the media's (100'000 + i).
  store::PumpkinMediaDetails media_details(const store::PumpkinMedia& m, std::int64_t i,
                                           core::EpochMs at) {
    Rng rng(seed, Tag::kMediaDetails, static_cast<std::uint64_t>(i));
    store::PumpkinMediaDetails d;
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
        store::PumpkinSeason season;
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

  void emit(store::Dataset& batch, DemoStream which, std::int64_t i) {
    switch (which) {
      case DemoStream::kSkeleton:
        skeleton(batch);
        break;
      case DemoStream::kVideos:
        video(batch, i);
        break;
      case DemoStream::kSessions:
        session(batch, i);
        break;
      case DemoStream::kAllocations:
        allocation(batch, i);
        break;
      case DemoStream::kIqiyiUsers:
        iqiyi_user(batch, i);
        break;
      case DemoStream::kPumpkinMedia:
        media(batch, i);
        break;
    }
  }

  bool finished() const { return done >= total; }

  store::Dataset next_batch() {
    store::Dataset batch;
    start_batch();
    std::int64_t budget = options.batch_rows;
    while (budget > 0 && !finished()) {
      const std::int64_t size = stream_size(stream);
      const std::int64_t take = std::min(budget, size - cursor);
      if (stream == DemoStream::kVideos && take > 0) {
        batch.polyv_accounts.reserve(accounts.size());
      }
      for (std::int64_t i = cursor; i < cursor + take; ++i) emit(batch, stream, i);
      cursor += take;
      done += take;
      budget -= take;
      if (cursor >= size && stream != DemoStream::kPumpkinMedia) {
        stream = static_cast<DemoStream>(static_cast<int>(stream) + 1);
        cursor = 0;
      }
    }
    return batch;
  }
};

DemoGenerator::DemoGenerator(const DemoOptions& options)
    : state_(std::make_unique<State>(options)) {}

DemoGenerator::~DemoGenerator() = default;

std::optional<store::Dataset> DemoGenerator::next() {
  if (state_->finished()) return std::nullopt;
  return state_->next_batch();
}

std::int64_t DemoGenerator::rows_done() const noexcept {
  return state_->done;
}

std::int64_t DemoGenerator::rows_total() const noexcept {
  return state_->total;
}

DemoStream DemoGenerator::stream() const noexcept {
  return state_->stream;
}

namespace {

template <class T, class Key>
T& find_or_add(std::vector<T>& items, const Key& key, auto key_of, T&& fresh) {
  for (auto& item : items) {
    if (key_of(item) == key) return item;
  }
  items.push_back(std::move(fresh));
  return items.back();
}

template <class T>
void append(std::vector<T>& into, std::vector<T>&& from) {
  if (into.empty()) {
    into = std::move(from);
    return;
  }
  into.insert(into.end(), std::make_move_iterator(from.begin()),
              std::make_move_iterator(from.end()));
}

}  // namespace

void merge_demo_batch(store::Dataset& into, store::Dataset&& batch) {
  for (auto& account : batch.polyv_accounts) {
    auto& target = find_or_add(
        into.polyv_accounts, account.keys.user_id,
        [](const store::PolyvAccount& a) -> const std::string& { return a.keys.user_id; },
        store::PolyvAccount{account.keys, {}, {}, {}, {}});
    append(target.sub_accounts, std::move(account.sub_accounts));
    append(target.categories, std::move(account.categories));
    append(target.videos, std::move(account.videos));
    std::unordered_map<std::string, std::size_t> channels;
    for (std::size_t c = 0; c < target.channels.size(); ++c) {
      channels.emplace(target.channels[c].channel_id, c);
    }
    for (auto& channel : account.channels) {
      auto [it, added] = channels.try_emplace(channel.channel_id, target.channels.size());
      if (added) {
        target.channels.push_back({channel.channel_id, {}});
      }
      append(target.channels[it->second].sessions, std::move(channel.sessions));
    }
  }
  for (auto& group : batch.polyv_groups) {
    auto& target = find_or_add(
        into.polyv_groups, group.keys.app_id,
        [](const store::PolyvGroup& g) -> const std::string& { return g.keys.app_id; },
        store::PolyvGroup{group.keys, {}, {}});
    append(target.sub_accounts, std::move(group.sub_accounts));
    append(target.allocations, std::move(group.allocations));
  }
  for (auto& partner : batch.iqiyi_partners) {
    auto& target = find_or_add(
        into.iqiyi_partners, partner.partner_code,
        [](const store::IqiyiPartner& p) -> const std::string& { return p.partner_code; },
        store::IqiyiPartner{partner.partner_code, partner.md5_key, {}, {}});
    append(target.users, std::move(partner.users));
    append(target.coupon_uses, std::move(partner.coupon_uses));
  }
  for (auto& partner : batch.pumpkin_partners) {
    auto& target = find_or_add(
        into.pumpkin_partners, partner.pid,
        [](const store::PumpkinPartner& p) -> const std::string& { return p.pid; },
        store::PumpkinPartner{partner.pid, partner.access_secret, {}});
    append(target.actions, std::move(partner.actions));
  }
  append(into.pumpkin_media, std::move(batch.pumpkin_media));
  append(into.pumpkin_details, std::move(batch.pumpkin_details));
}

store::Dataset generate_demo_dataset(const DemoOptions& options) {
  store::Dataset all;
  DemoGenerator generator(options);
  while (auto batch = generator.next()) merge_demo_batch(all, std::move(*batch));
  return all;
}

}  // namespace mediagate::domain
