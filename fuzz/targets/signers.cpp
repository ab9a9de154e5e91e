// The five vendors' signers (src/auth) on whatever parameters a query decodes to: each signs,
// verifies its own signature, refuses another one, never lets the secret into what is safe to
// show, and ignores the `sign` parameter where the vendor does.
#include <cstddef>
#include <cstdint>
#include <string>

#include "core/params.hpp"
#include "fuzz_check.hpp"
#include "vendors/iqiyi/iqiyi_signer.hpp"
#include "vendors/polyv/polyv_live_signer.hpp"
#include "vendors/polyv/polyv_vod_signer.hpp"
#include "vendors/pumpkin/pumpkin_signer.hpp"

using namespace mediagate;

namespace {

// Parameters are UTF-8, so a 0xFF byte in the secret can only come from the secret itself.
const std::string kSecret =
    "\xff"
    "fuzz-secret\xff";

bool safe_to_show(const auth::SignatureTrace& trace) {
  return trace.canonical.find('\xff') == std::string::npos &&
         trace.string_to_sign_redacted.find('\xff') == std::string::npos &&
         trace.signature.find('\xff') == std::string::npos;
}

std::string altered(std::string signature) {
  if (signature.empty()) return "x";
  signature[0] = signature[0] == 'A' ? 'B' : 'A';
  return signature;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const auto parsed = core::parse_params(fuzz::as_text(data, size));
  if (!parsed) return 0;
  const core::ParamMap& params = *parsed;
  core::ParamMap without_sign = params;
  without_sign.erase(std::string(auth::kSignParam));

  {  // Polyv VOD
    const auto trace = vendors::polyv::polyv_vod_sign(params, kSecret);
    FUZZ_CHECK(safe_to_show(trace));
    FUZZ_CHECK(vendors::polyv::polyv_vod_verify(params, kSecret, trace.signature));
    FUZZ_CHECK(!vendors::polyv::polyv_vod_verify(params, kSecret, altered(trace.signature)));
    FUZZ_CHECK(vendors::polyv::polyv_vod_sign(without_sign, kSecret).signature == trace.signature);
  }
  // Polyv live and group (one rule), with the digest the parameters ask for.
  if (const auto digest = vendors::polyv::polyv_digest_from_params(params)) {
    const auto trace = vendors::polyv::polyv_live_sign(params, kSecret, *digest);
    FUZZ_CHECK(safe_to_show(trace));
    FUZZ_CHECK(vendors::polyv::polyv_live_verify(params, kSecret, trace.signature, *digest));
    FUZZ_CHECK(
        !vendors::polyv::polyv_live_verify(params, kSecret, altered(trace.signature), *digest));
    FUZZ_CHECK(vendors::polyv::polyv_live_sign(without_sign, kSecret, *digest).signature ==
               trace.signature);
    // Issue 15: a signature in any of the four canonical forms verifies, an altered one does
    // not, and forms that canonicalise alike sign alike.
    for (const auto form : vendors::polyv::kPolyvSignForms) {
      const auto in_form = vendors::polyv::polyv_live_sign(params, kSecret, *digest, form);
      FUZZ_CHECK(safe_to_show(in_form));
      FUZZ_CHECK(vendors::polyv::polyv_live_verify(params, kSecret, in_form.signature, *digest));
      FUZZ_CHECK(
          !vendors::polyv::polyv_live_verify(params, kSecret, altered(in_form.signature), *digest));
      for (const auto other : vendors::polyv::kPolyvSignForms) {
        const auto other_trace = vendors::polyv::polyv_live_sign(params, kSecret, *digest, other);
        FUZZ_CHECK(other_trace.canonical != in_form.canonical ||
                   other_trace.signature == in_form.signature);
      }
    }
  }
  {  // iQiyi, `callback` signed or not
    for (const auto callback :
         {vendors::iqiyi::IqiyiCallback::kSigned, vendors::iqiyi::IqiyiCallback::kExcluded}) {
      const auto trace = vendors::iqiyi::iqiyi_sign(params, kSecret, callback);
      FUZZ_CHECK(safe_to_show(trace));
      FUZZ_CHECK(vendors::iqiyi::iqiyi_verify(params, kSecret, trace.signature));
      FUZZ_CHECK(vendors::iqiyi::iqiyi_sign(without_sign, kSecret, callback).signature ==
                 trace.signature);
    }
  }
  {  // Pumpkin: the fixed signed set, whatever else was sent
    const auto signed_set = vendors::pumpkin::pumpkin_signed_set(params, "/media/offline_sync");
    FUZZ_CHECK(signed_set.size() <= 6);
    FUZZ_CHECK(signed_set.count(std::string(vendors::pumpkin::kActionParam)) == 1);
    FUZZ_CHECK(vendors::pumpkin::pumpkin_signed_set(without_sign, "/media/offline_sync") ==
               signed_set);
    for (const std::string_view method : {"GET", "POST"}) {
      const auto trace = vendors::pumpkin::pumpkin_sign(signed_set, method, kSecret);
      FUZZ_CHECK(safe_to_show(trace));
      FUZZ_CHECK(vendors::pumpkin::pumpkin_verify(signed_set, method, kSecret, trace.signature));
      FUZZ_CHECK(
          !vendors::pumpkin::pumpkin_verify(signed_set, method, kSecret, altered(trace.signature)));
    }
  }
  return 0;
}
