// The five vendor endpoints through the one endpoint pipeline (src/endpoint, the declarations
// in src/vendors), as the router dispatches them, on the sample fixtures (read-only) at a
// fixed time. The first input byte picks the vendor and the mode; the rest is a form-encoded
// parameter list. Unsigned mode sends it as it is (query, or the iQiyi POST body); signed mode
// decodes it, adds the partner's identity and what the SDK generates where missing, and signs
// it with the fixture's secret (client/signed_request.hpp), so that the parameters checked after
// the signature are reached too. Every answer is below 500 — but for the one 5xx a vendor
// documents as a business refusal, Polyv live's `500 fail "access forbidden"` (a channel the
// appId does not own; ../shared/spec/vendor-spec.md §4) — and its body is UTF-8.
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>

#include "auth/replay_guard.hpp"
#include "cli/fixture_loader.hpp"
#include "client/signed_request.hpp"
#include "core/clock.hpp"
#include "core/config.hpp"
#include "core/logger.hpp"
#include "core/url_form.hpp"
#include "endpoint/context.hpp"
#include "endpoint/registry.hpp"
#include "fuzz_check.hpp"
#include "http/router.hpp"
#include "store/store.hpp"
#include "vendors/client_descriptors.hpp"
#include "vendors/modules.hpp"
#include "vendors/open_store.hpp"
#include "vendors/polyv/polyv_settings.hpp"

using namespace mediagate;

namespace {

constexpr core::EpochMs kNow = 1'700'000'000'000;

// A fresh in-memory guard for every input, so that one input's nonce never makes another's a
// replay (the corpus replays in any order).
class FreshReplayGuard final : public auth::ReplayGuard {
 public:
  void reset() {
    auth::ReplayGuardSettings settings;
    settings.max_bytes = 64 * 1024;
    settings.shards = 1;
    inner_ = std::make_unique<auth::InMemoryReplayGuard>(settings);
  }
  auth::ReplayCheck first_use(std::string_view scope, std::string_view token, core::EpochMs now,
                              std::int64_t horizon_ms) override {
    return inner_->first_use(scope, token, now, horizon_ms);
  }

 private:
  std::unique_ptr<auth::InMemoryReplayGuard> inner_;
};

class FixedNonces final : public client::NonceSource {
 public:
  std::string alphanumeric(std::size_t /*length*/) override { return "AbCdE12345"; }
  std::string uuid() override { return "3f2504e0-4f89-41d3-9a0c-0305e82c3301"; }
};

struct World {
  World() {
    auto opened = vendors::open_store("sqlite::memory:");
    FUZZ_CHECK(opened.has_value());
    store = std::move(*opened);
    const auto loaded = cli::load_fixture_file(
        *store, std::string(MEDIAGATE_SOURCE_DIR) + "/fixtures/sample.json", 480);
    FUZZ_CHECK(loaded.has_value());
    config.modules.get<vendors::polyv::PolyvSettings>().rate_limit.enabled = false;
    guard.reset();
    context =
        std::make_unique<endpoint::Context>(endpoint::Context{*store, clock, config, log, guard});
    endpoint::register_routes(router, *context, vendors::routes());
  }
  core::ManualClock clock{kNow};
  core::Config config;
  core::Logger log{nullptr, clock};
  std::unique_ptr<store::Store> store;
  FreshReplayGuard guard;
  std::unique_ptr<endpoint::Context> context;
  http::Router router;
};

World& world() {
  static World instance;
  return instance;
}

struct Partner {
  const char* vendor;          // its name for `mediagate sign --vendor`
  const char* identity_param;  // empty: Polyv VOD's userid is in the path
  const char* identity;
  const char* secret;
};

constexpr Partner kPartners[] = {
    {"polyv-vod", "", "b0f7041324", "tIQp4ATe9Z"},
    {"polyv-live", "appId", "frlr1zazn3", "fsq2k5weced1h8vui657xtdva66whf0g"},
    {"polyv-group", "appId", "ga1ayl6dh2", "9a8b7c6d5e4f3a2b1c0d9e8f7a6b5c4d"},
    {"iqiyi", "partnerCode", "T_Coupon_Pepsi", "1234567890"},
    {"pumpkin", "pid", "TEST_PID", "TEST_ACCESS_SECRET"},
};

const client::VendorDescriptor& descriptor(const Partner& partner) {
  const auto* found = vendors::parse_vendor(partner.vendor);
  FUZZ_CHECK(found != nullptr);
  return *found;
}

http::Request unsigned_request(const Partner& partner, bool post, std::string_view rest) {
  http::Request request;
  request.method = post ? "POST" : "GET";
  request.path = client::vendor_path(descriptor(partner), partner.identity);
  if (post) {
    request.body = std::string(rest);
    request.content_type = "application/x-www-form-urlencoded;charset=UTF-8";
  } else {
    request.query = std::string(rest);
  }
  return request;
}

std::optional<http::Request> signed_request(const Partner& partner, bool post,
                                            std::string_view rest) {
  auto fields = core::decode_form(rest);
  if (!fields) return std::nullopt;
  client::RequestSpec spec;
  const client::VendorDescriptor& vendor = descriptor(partner);
  spec.method = post && vendor.accepts_post ? "POST" : "GET";
  spec.userid = partner.identity;
  for (auto& [name, value] : *fields) {
    if (name == "sign" || name == "jsonp" || name == "callback") continue;
    spec.params.insert_or_assign(name, value);
  }
  if (*partner.identity_param != '\0')
    spec.params.try_emplace(partner.identity_param, partner.identity);
  FixedNonces nonces;
  client::fill_generated(vendor, spec.params, world().clock, nonces);
  auto built = client::build_request(vendor, spec, partner.secret);
  if (!built) return std::nullopt;
  http::Request request;
  request.method = built->method;
  request.path = built->path;
  request.query = built->query;
  request.body = built->body;
  request.content_type = built->content_type;
  return request;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  World& w = world();
  w.guard.reset();
  const Partner& partner = kPartners[(data[0] & 0x0f) % 5];
  const bool sign = (data[0] & 0x80) != 0;
  const bool post = (data[0] & 0x40) != 0;
  const auto rest = fuzz::as_text(data + 1, size - 1);
  std::optional<http::Request> request;
  if (sign) request = signed_request(partner, post, rest);
  if (!request) request = unsigned_request(partner, post, rest);
  request->remote_address = "127.0.0.1";
  const http::Response response = w.router.dispatch(*request);
  const bool documented_refusal =
      response.status == 500 &&
      response.body.find(R"("code":500,"status":"fail","message":"access forbidden")") !=
          std::string::npos;
  FUZZ_CHECK(response.status >= 200 && (response.status < 500 || documented_refusal));
  FUZZ_CHECK(core::is_valid_utf8(response.body));
  return 0;
}
