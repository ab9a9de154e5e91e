// The SDK's response decoders (src/client): any status and body decodes to a value or to a
// ClientError, never a crash; the first input byte picks the decoder and the status.
#include <cstddef>
#include <cstdint>
#include <string>

#include "fuzz_check.hpp"
#include "vendors/iqiyi/iqiyi_client.hpp"
#include "vendors/polyv/polyv_group_client.hpp"
#include "vendors/polyv/polyv_live_client.hpp"
#include "vendors/polyv/polyv_vod_client.hpp"
#include "vendors/pumpkin/pumpkin_client.hpp"

using namespace mediagate;

namespace {

template <class Result>
void check(const Result& result) {
  if (!result) FUZZ_CHECK(!result.error().describe().empty());
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  client::ClientResponse response;
  response.status = (data[0] & 0x08) != 0 ? 400u : 200u;
  response.headers = {{"content-type", (data[0] & 0x10) != 0 ? "text/javascript;charset=UTF-8"
                                                             : "application/json;charset=UTF-8"}};
  response.body = std::string(fuzz::as_text(data + 1, size - 1));
  switch (data[0] % 6) {
    case 0:
      check(client::decode_video_page(response));
      break;
    case 1:
      check(client::decode_session_page(response));
      break;
    case 2:
      check(client::decode_allocation_page(response));
      break;
    case 3:
      check(client::decode_vod_count(response));
      break;
    case 4:
      check(client::decode_vod_count(response, "msg_1"));
      break;
    default:
      check(client::decode_offline_media(response));
      break;
  }
  return 0;
}
