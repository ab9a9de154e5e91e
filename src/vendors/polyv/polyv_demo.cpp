#include "vendors/polyv/polyv_demo.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <optional>
#include <string_view>
#include <utility>

#include "fixtures/demo_batches.hpp"
#include "fixtures/demo_random.hpp"

namespace mediagate::vendors::polyv {
namespace {

using core::EpochMs;
using namespace fixtures;  // NOLINT: the generator's PRNG, alphabets and units

constexpr std::int64_t kVideoSpanMs = 3 * kYearMs;  // ptimes: the 3 years before the anchor
constexpr std::int64_t kSessionSpanMs = kYearMs;    // sessions: the year before the anchor
constexpr std::int64_t kAllocationSpanMs = 3 * kYearMs;
constexpr std::int64_t kSessionsPerChannel = 250;

// Where each kind of item draws its randomness from (fixtures::Rng). The numbers are those the
// generator has always used, so that a seed gives the same data; no other module's kinds use
// them (the iQiyi and Pumpkin parts take 3, 4 and 9 to 12).
enum class Tag : std::uint64_t {
  kAccount = 1,
  kGroup = 2,
  kChannel = 5,
  kVideo = 6,
  kSession = 7,
  kAllocation = 8,
};

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
std::vector<vendors::polyv::Category> category_tree(Rng& rng, EpochMs anchor) {
  std::vector<vendors::polyv::Category> out{{1, "默认分类", std::nullopt}};
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

std::int64_t channel_count(const DemoCounts& counts) {
  return (counts.sessions + kSessionsPerChannel - 1) / kSessionsPerChannel;
}

// About half Chinese, a fifth ASCII, the rest mixed.
std::string title(Rng& rng, const Course& course, std::string_view topic) {
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

}  // namespace

PolyvDemo::PolyvDemo(std::uint64_t seed, core::EpochMs anchor, const DemoCounts& counts)
    : seed_(seed), anchor_(anchor), counts_(counts) {
  plan_accounts();
  plan_groups();
}

void PolyvDemo::start_batch() {
  account_at_.assign(accounts_.size(), npos);
  group_at_.assign(groups_.size(), npos);
  channel_at_.clear();
}

void PolyvDemo::skeleton(vendors::Dataset& batch) {
  for (std::size_t a = 0; a < accounts_.size(); ++a) {
    auto& account = account_in(batch, a);
    account.sub_accounts = accounts_[a].sub_accounts;
    account.categories = accounts_[a].categories;
    for (const auto c : accounts_[a].channel_indexes) channel_in(batch, c);
  }
  for (std::size_t g = 0; g < groups_.size(); ++g) {
    group_in(batch, g).sub_accounts = groups_[g].sub_accounts;
  }
}

void PolyvDemo::plan_accounts() {
  std::vector<std::string> user_ids{"b0f7041324"};
  std::vector<std::string> app_ids{"frlr1zazn3"};
  for (std::int64_t a = 0; a < counts_.accounts; ++a) {
    Rng rng(seed_, Tag::kAccount, static_cast<std::uint64_t>(a));
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
    plan.categories = category_tree(rng, anchor_);
    accounts_.push_back(std::move(plan));
  }
  const std::int64_t channels = channel_count(counts_);
  for (std::int64_t c = 0; c < channels; ++c) {
    Rng rng(seed_, Tag::kChannel, static_cast<std::uint64_t>(c));
    const auto owner = static_cast<std::size_t>(c % counts_.accounts);
    // 7+ digits like Polyv's, distinct by construction.
    channel_ids_.push_back(std::to_string(2'300'000 + c * 17 + rng.range(0, 16)));
    channel_owner_.push_back(owner);
    accounts_[owner].channel_indexes.push_back(c);
  }
}

void PolyvDemo::plan_groups() {
  std::vector<std::string> app_ids{"ga1ayl6dh2", "gbanned001"};
  for (std::int64_t g = 0; g < counts_.groups; ++g) {
    Rng rng(seed_, Tag::kGroup, static_cast<std::uint64_t>(g));
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
    groups_.push_back(std::move(plan));
  }
  groups_.push_back({{"gbanned001", "00000000000000000000000000000000", true}, {}});
}

vendors::polyv::PolyvAccount& PolyvDemo::account_in(vendors::Dataset& batch, std::size_t a) {
  if (account_at_[a] == npos) {
    account_at_[a] = batch.polyv_accounts.size();
    batch.polyv_accounts.push_back({accounts_[a].keys, {}, {}, {}, {}});
  }
  return batch.polyv_accounts[account_at_[a]];
}

vendors::polyv::Channel& PolyvDemo::channel_in(vendors::Dataset& batch, std::int64_t c) {
  const auto owner = channel_owner_[static_cast<std::size_t>(c)];
  auto& account = account_in(batch, owner);
  auto [it, added] = channel_at_.try_emplace(c, account.channels.size());
  if (added) account.channels.push_back({channel_ids_[static_cast<std::size_t>(c)], {}});
  return account.channels[it->second];
}

vendors::polyv::PolyvGroup& PolyvDemo::group_in(vendors::Dataset& batch, std::size_t g) {
  if (group_at_[g] == npos) {
    group_at_[g] = batch.polyv_groups.size();
    batch.polyv_groups.push_back({groups_[g].keys, {}, {}});
  }
  return batch.polyv_groups[group_at_[g]];
}

void PolyvDemo::video(vendors::Dataset& batch, std::int64_t i) {
  Rng rng(seed_, Tag::kVideo, static_cast<std::uint64_t>(i));
  const auto count = accounts_.size();
  const std::size_t a = count == 1 || rng.percent(40) ? 0 : 1 + rng.index(count - 1);
  const AccountPlan& plan = accounts_[a];
  vendors::polyv::Video v;
  // More uploads lately: the i-th of n videos at sqrt((i + u) / n) of the span.
  const double position =
      std::sqrt((static_cast<double>(i) + rng.unit()) / static_cast<double>(counts_.videos + 1));
  v.ptime = anchor_ - kVideoSpanMs +
            static_cast<std::int64_t>(position * static_cast<double>(kVideoSpanMs));
  // <userId><32 hex>_<userId[0]>: the upload time (12 hex digits of ms, so that a bulk load
  // appends to the primary key), 16 hex unique by construction (a bijection of the index),
  // 4 random.
  v.vid.reserve(44);
  v.vid += plan.keys.user_id;
  append_hex(v.vid, static_cast<std::uint64_t>(v.ptime), 12);
  append_hex(v.vid, permute(static_cast<std::uint64_t>(i), seed_, 64), 16);
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
      v.context = "In this video: " + std::string(what) + " (" + std::to_string(rng.range(3, 90)) +
                  " min).";
      break;
    }
    default:
      v.context = "本期内容：" + std::string(topic) + "，适合" + std::string(rng.pick(kAudiences)) +
                  "观看。";
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
  // Mostly sub-accounts_, the first ones busier; 10 % by the owner.
  const auto& subs = plan.sub_accounts;
  if (subs.empty() || rng.percent(10)) {
    v.uploader_email = plan.keys.email;
  } else {
    v.uploader_email = subs[skewed_index(rng, subs.size())];
  }
  account_in(batch, a).videos.push_back(std::move(v));
}

void PolyvDemo::session(vendors::Dataset& batch, std::int64_t i) {
  Rng rng(seed_, Tag::kSession, static_cast<std::uint64_t>(i));
  const std::int64_t channels = static_cast<std::int64_t>(channel_ids_.size());
  const std::int64_t c = i % channels;
  const std::int64_t k = i / channels;  // this channel's k-th session, in time order
  const std::int64_t in_channel = (counts_.sessions - c + channels - 1) / channels;
  vendors::polyv::LiveSession s;
  // 10 base-36 characters, distinct by construction (a 50-bit bijection), starting with a
  // letter between g and r as Polyv's do.
  std::uint64_t code =
      permute(static_cast<std::uint64_t>(i), seed_ ^ 0x5E55ULL, 50) + 16 * kBase36Power9;
  s.session_id.assign(10, '0');
  for (auto it = s.session_id.rbegin(); it != s.session_id.rend(); ++it) {
    *it = kBase36[static_cast<std::size_t>(code % 36U)];
    code /= 36U;
  }
  if (c % 4 == 0 && k == in_channel - 1) {
    // Live now: started up to two hours before the anchor.
    s.start_time = (anchor_ - rng.range(5 * kMinuteMs, 2 * kHourMs)) / kSecondMs * kSecondMs;
  } else {
    // The k-th slot of the year: starts in its first half, lasts at most half of it.
    const std::int64_t slot = kSessionSpanMs / in_channel;
    const std::int64_t start = anchor_ - kSessionSpanMs + k * slot + rng.range(0, slot / 2 - 1);
    s.start_time = start / kSecondMs * kSecondMs;
    const std::int64_t length = std::min(rng.range(10 * kMinuteMs, 3 * kHourMs), slot / 2);
    s.end_time = s.start_time + length / kSecondMs * kSecondMs;
  }
  if (rng.percent(10)) s.custom_id = "c-" + std::to_string(k + 1);
  channel_in(batch, c).sessions.push_back(std::move(s));
}

void PolyvDemo::allocation(vendors::Dataset& batch, std::int64_t i) {
  Rng rng(seed_, Tag::kAllocation, static_cast<std::uint64_t>(i));
  const auto active = groups_.size() - 1;  // the forbidden one has none
  const std::size_t g = active == 1 || rng.percent(50) ? 0 : 1 + rng.index(active - 1);
  const auto& subs = groups_[g].sub_accounts;
  vendors::polyv::Allocation a;
  a.email = subs[skewed_index(rng, subs.size())];
  // Distinct whole seconds, in index order: the (email, date, origin, type) key is unique.
  const std::int64_t n = counts_.allocations;
  const std::int64_t span_s = std::max(kAllocationSpanMs / kSecondMs, n);
  a.date = anchor_ - span_s * kSecondMs + slot_point(rng, i, n, span_s) * kSecondMs;
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

void merge_demo_rows(vendors::Dataset& into, vendors::Dataset& batch) {
  for (auto& account : batch.polyv_accounts) {
    auto& target = fixtures::find_or_add(
        into.polyv_accounts, account.keys.user_id,
        [](const vendors::polyv::PolyvAccount& a) -> const std::string& { return a.keys.user_id; },
        vendors::polyv::PolyvAccount{account.keys, {}, {}, {}, {}});
    fixtures::append(target.sub_accounts, std::move(account.sub_accounts));
    fixtures::append(target.categories, std::move(account.categories));
    fixtures::append(target.videos, std::move(account.videos));
    std::unordered_map<std::string, std::size_t> channels;
    for (std::size_t c = 0; c < target.channels.size(); ++c) {
      channels.emplace(target.channels[c].channel_id, c);
    }
    for (auto& channel : account.channels) {
      auto [it, added] = channels.try_emplace(channel.channel_id, target.channels.size());
      if (added) {
        target.channels.push_back({channel.channel_id, {}});
      }
      fixtures::append(target.channels[it->second].sessions, std::move(channel.sessions));
    }
  }
  for (auto& group : batch.polyv_groups) {
    auto& target = fixtures::find_or_add(
        into.polyv_groups, group.keys.app_id,
        [](const vendors::polyv::PolyvGroup& g) -> const std::string& { return g.keys.app_id; },
        vendors::polyv::PolyvGroup{group.keys, {}, {}});
    fixtures::append(target.sub_accounts, std::move(group.sub_accounts));
    fixtures::append(target.allocations, std::move(group.allocations));
  }
}

}  // namespace mediagate::vendors::polyv
