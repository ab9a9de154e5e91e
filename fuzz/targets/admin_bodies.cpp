// The admin API's JSON bodies (admin/admin_support.hpp): the strict body parse, then the entity
// decoder a route applies (its module's fixture section, vendors/<vendor>/<vendor>_fixture.hpp),
// with or without the path's id bound in first as a PUT does. The first input byte picks the
// entity and whether an id is bound; the rest is the body. Every body is a value or a 4xx naming
// its field.
#include <cstddef>
#include <cstdint>
#include <string>

#include <boost/json/value.hpp>

#include "admin/admin_support.hpp"
#include "fuzz_check.hpp"
#include "vendors/iqiyi/iqiyi_fixture.hpp"
#include "vendors/polyv/polyv_fixture.hpp"
#include "vendors/pumpkin/pumpkin_fixture.hpp"

using namespace mediagate;
namespace json = boost::json;

namespace {

constexpr int kOffset = 480;

template <class Result>
void check(const Result& result) {
  if (result) return;
  const auto& error = result.error();
  FUZZ_CHECK(error.status >= 400 && error.status < 500);
}

template <class Decode>
void decode(const http::Request& request, bool put, std::string_view key, json::value id,
            Decode&& decoder) {
  if (put) {
    check(admin::decode_body(request, key, id, decoder));
  } else {
    check(admin::decode_body(request, decoder));
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  http::Request request;
  request.method = "POST";
  request.content_type = "application/json";
  request.body = std::string(fuzz::as_text(data + 1, size - 1));
  const bool put = (data[0] & 0x80) != 0;
  const auto with_offset = [](auto decoder) {
    return [decoder](const json::value& value) { return decoder(value, kOffset); };
  };
  switch ((data[0] & 0x7f) % 11) {
    case 0:
      decode(request, put, "userId", json::value("b0f7041324"),
             vendors::polyv::decode_polyv_account);
      break;
    case 1:
      decode(request, put, "cataid", json::value(1), vendors::polyv::decode_category);
      break;
    case 2:
      decode(request, put, "vid", json::value("v1"), vendors::polyv::decode_video);
      break;
    case 3:
      decode(request, put, "channelId", json::value("100"), vendors::polyv::decode_channel);
      break;
    case 4:
      decode(request, put, "sessionId", json::value("s1"), vendors::polyv::decode_session);
      break;
    case 5:
      decode(request, put, "appId", json::value("g1"),
             with_offset(vendors::polyv::decode_polyv_group));
      break;
    case 6:
      decode(request, put, "id", json::value(1), with_offset(vendors::polyv::decode_allocation));
      break;
    case 7:
      decode(request, put, "partnerCode", json::value("P"), vendors::iqiyi::decode_iqiyi_partner);
      break;
    case 8:
      decode(request, put, "user_id", json::value("u1"), vendors::iqiyi::decode_iqiyi_user);
      break;
    case 9:
      decode(request, put, "pid", json::value("TEST_PID"),
             vendors::pumpkin::decode_pumpkin_partner);
      break;
    default:
      decode(request, put, "movie_id", json::value(1),
             with_offset(vendors::pumpkin::decode_pumpkin_media));
      break;
  }
  return 0;
}
