// A declared endpoint as documents see it: plain data, no endpoint types, filled from the
// declaration by `describe` (endpoint/describe.hpp) and written as OpenAPI by
// endpoint/openapi.hpp. Nothing here is written by hand per endpoint.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "endpoint/refusal.hpp"

namespace mediagate::endpoint {

enum class Phase : std::uint8_t;
enum class Source : std::uint8_t;

// One answer the declaration can give, as it goes on the wire.
struct AnswerDoc {
  Verdict verdict = Verdict::kOk;
  unsigned http_status = 200;
  std::string code;     // the vendor's code, as its envelope writes it
  std::string message;  // the public text, exactly as on the wire (the field's name included)
  std::vector<std::string> when;  // what makes the pipeline give it ("missing: sign", ...)
  std::string content_type;       // as the renderer sets it
  std::string body;               // the answer as the vendor's renderer writes it (no JSONP)
};

struct ParameterDoc {
  std::string name;
  Source source{};
  Phase phase{};
  bool required = false;
  bool empty_is_absent = true;
  std::string format;
  std::string fallback;
  std::string fallback_note;
};

struct FreshnessDoc {
  std::string parameter;
  Phase phase{};
  std::optional<std::int64_t> past_ms;  // nothing: any age is accepted
  std::optional<std::int64_t> future_ms;
};

struct SignatureDoc {
  std::string parameter;
  std::string signed_set;
  std::string rule;
};

struct ReplayDoc {
  std::string scope_parameter;
  std::string token_parameter;
  std::int64_t horizon_ms = 0;
};

struct EndpointDoc {
  std::string name;
  std::string log_vendor;
  std::string pattern;
  std::vector<std::string> methods;
  std::string summary;
  std::string partner;
  Source partner_source{};
  std::string limit_group;  // empty: not limited
  bool reads_form_body = false;
  std::string callback_param;  // empty: no JSONP
  std::vector<ParameterDoc> parameters;
  std::vector<std::string> rules;  // each rule's description
  std::optional<FreshnessDoc> freshness;
  SignatureDoc signature;
  std::optional<ReplayDoc> replay;
  // The success envelope around the declaration's data example, as rendered; and the same
  // answer wrapped for a JSONP callback (empty without JSONP).
  unsigned success_status = 200;
  std::string success_content_type;
  std::string success_body;
  std::string jsonp_content_type;
  std::string jsonp_body;
  // Every refusal, once per distinct (verdict, status, code, text), in pipeline order.
  std::vector<AnswerDoc> answers;
};

// The instant and callback name the document's examples are rendered with.
inline constexpr core::EpochMs kExampleNow = 1'700'000'000'000;
inline constexpr std::string_view kExampleCallback = "callback";

// Adds `refusal`, as `rendered`, to `doc.answers` because of `when` (merged with an equal one).
void add_answer(EndpointDoc& doc, const Refusal& refusal, std::string when,
                const std::string& content_type, const std::string& rendered);

// "sign", "ptime", ... as the names of phases and sources read in documents.
std::string_view phase_name(Phase phase);
std::string_view source_name(Source source);

}  // namespace mediagate::endpoint
