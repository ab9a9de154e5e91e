// fixtures/sample.json plus channel 2191532 of the sample's Polyv account (vendor-spec-breadth
// §2.5's channel), with one session inside 2020-01-01 .. 2021-01-01 (UTC+8) and one live one,
// written to a temporary file for a TestServer. The file is removed with the object.
#pragma once

#include <unistd.h>

#include <boost/json.hpp>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include "support/test_server.hpp"

namespace mediagate::testing {

inline constexpr const char* kBreadthChannel = "2191532";
inline constexpr const char* kBreadthClosed = "fz3e0q7ckd";  // 2020-12-31 20:00:00 +08, 1 h
inline constexpr core::EpochMs kBreadthClosedStart = 1'609'416'000'000;
inline constexpr core::EpochMs kBreadthClosedEnd = 1'609'419'600'000;
inline constexpr const char* kBreadthLive = "fz3e0qlive";  // 2021-05-24 12:00:00 +08, still live
inline constexpr core::EpochMs kBreadthLiveStart = 1'621'828'800'000;
// The timestamp of vendor-spec-breadth §2.5's vectors (2021-05-24 15:25:56.849 +08).
inline constexpr core::EpochMs kBreadthVectorTime = 1'621'841'156'849;

class BreadthFixture {
 public:
  BreadthFixture() {
    std::ifstream in(source_path("fixtures/sample.json"), std::ios::binary);
    std::stringstream text;
    text << in.rdbuf();
    auto doc = boost::json::parse(text.str());
    auto& account = doc.at("polyv").at("accounts").as_array().at(0).as_object();
    boost::json::array sessions{boost::json::object{{"sessionId", kBreadthClosed},
                                                    {"startTime", kBreadthClosedStart},
                                                    {"endTime", kBreadthClosedEnd},
                                                    {"customId", "not-on-session-list"}},
                                boost::json::object{{"sessionId", kBreadthLive},
                                                    {"startTime", kBreadthLiveStart},
                                                    {"endTime", nullptr},
                                                    {"customId", nullptr}}};
    account.at("channels")
        .as_array()
        .push_back(
            boost::json::object{{"channelId", kBreadthChannel}, {"sessions", std::move(sessions)}});
    path_ = (std::filesystem::temp_directory_path() /
             ("mediagate-polyv-breadth-" + std::to_string(::getpid()) + "-" +
              std::to_string(reinterpret_cast<std::uintptr_t>(this)) + ".json"))
                .string();
    std::ofstream(path_) << boost::json::serialize(doc);
  }
  ~BreadthFixture() { std::filesystem::remove(path_); }
  BreadthFixture(const BreadthFixture&) = delete;
  BreadthFixture& operator=(const BreadthFixture&) = delete;

  const std::string& path() const { return path_; }

 private:
  std::string path_;
};

}  // namespace mediagate::testing
