// Names and credentials of fixtures/sample.json (the TestServer's default data), for tests that
// sign requests as its accounts or change them through the admin API.
#pragma once

namespace mediagate::testing::sample {

inline constexpr const char* kUser = "b0f7041324";  // the Polyv account (VOD + live)
inline constexpr const char* kVodSecret = "tIQp4ATe9Z";
inline constexpr const char* kLiveAppId = "frlr1zazn3";
inline constexpr const char* kLiveSecret = "fsq2k5weced1h8vui657xtdva66whf0g";
inline constexpr const char* kChannel = "2272655";
inline constexpr const char* kGroup = "ga1ayl6dh2";
inline constexpr const char* kGroupSecret = "9a8b7c6d5e4f3a2b1c0d9e8f7a6b5c4d";

// A video of kUser that the sample does not have, as the admin API writes and returns it.
inline constexpr const char* kNewVideo =
    R"({"vid":"b0f7041324new","cataid":1,"title":"新视频","context":"c","times":12,)"
    R"("firstImage":"","tag":"t","aacLink":null,"status":"60","uploaderEmail":"test2@zzs.com",)"
    R"("ptime":1700000000000})";

}  // namespace mediagate::testing::sample
