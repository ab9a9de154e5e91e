// An endpoint declaration: everything one vendor endpoint is, stated once, as data and small
// captureless functions. The pipeline (endpoint/pipeline.hpp) runs every declaration through
// the same steps in the same order; documents, journal and metrics read the same declaration.
//
// `Call` is the endpoint's typed request: the parameters' readers fill it (it may hold views
// into the decoded parameters, which outlive it). `Credential` is what the credential lookup
// finds (an account's keys, a partner).
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/clock.hpp"
#include "core/config.hpp"
#include "core/params.hpp"
#include "endpoint/context.hpp"
#include "endpoint/fault_injection.hpp"
#include "endpoint/refusal.hpp"
#include "http/message.hpp"

namespace mediagate::endpoint {

// When a parameter (or rule, or freshness check) is checked. Within a phase, every parameter's
// presence is checked first (in declaration order), then every parameter's syntax, then every
// parameter's value, then the rules, then freshness.
enum class Phase : std::uint8_t {
  kBeforeCredential,  // before the credential is looked up
  kBeforeSignature,   // once the credential is found, before the signature is verified
  kAfterSignature,    // only for a request whose signature is verified
};

enum class Source : std::uint8_t {
  kQuery,  // the decoded query (and, for endpoints that read one, the form body)
  kPath,   // a capture of the route pattern, e.g. {userid}
};

template <class Call>
struct Parameter {
  std::string_view name{};
  Phase phase = Phase::kBeforeCredential;
  Source source = Source::kQuery;
  bool required = false;
  bool empty_is_absent = true;  // an empty value counts as absent (not read, not required)
  Answer missing{};             // a required parameter that is absent
  // Syntax: reads the text into the call; false when the text is malformed.
  bool (*read)(Call&, std::string_view) = nullptr;
  Answer malformed{};
  // Value: checks what `read` stored, once every parameter of the phase is read.
  bool (*valid)(const Call&) = nullptr;
  Answer invalid{};
  // For documents (endpoint/openapi.hpp): the value's form ("digits", "yyyy-MM-dd HH:mm:ss";
  // literal alternatives separated by " | ", "CN | TW", become the schema's enum), the value
  // assumed when absent (the schema's default), or, when what is assumed is not one value the
  // client could send, a note saying what it is ("the setting <module>.default_page_size").
  std::string_view format{};
  std::string_view fallback{};
  std::string_view fallback_note{};
};

// A check across parameters (e.g. "user_id, unless a set-top-box parameter is sent").
template <class Call>
struct Rule {
  Phase phase = Phase::kBeforeCredential;
  bool (*holds)(const Call&) = nullptr;
  Answer broken{};
  std::string_view description{};
};

// The request's own timestamp against the server's clock: inside when
// now - past_ms <= timestamp <= now + future_ms (edges included).
template <class Call>
struct Freshness {
  Phase phase = Phase::kBeforeCredential;
  std::string_view parameter{};  // for documents: the parameter `timestamp` is read from
  core::EpochMs Call::*timestamp = nullptr;  // filled by that parameter's reader
  std::int64_t (*past_ms)(const core::Config&) = nullptr;
  std::int64_t (*future_ms)(const core::Config&) = nullptr;
  Answer too_old{};
  Answer in_future{};
};

template <class Call, class Credential>
struct Signature {
  bool (*verify)(const core::ParamMap&, const Call&, const Credential&) = nullptr;
  // Sandbox mode: adds what the server signed to a refused request's answer
  // (endpoint/signature_hint.hpp). Never the expected signature itself.
  void (*explain)(http::Response&, const core::ParamMap&, const Call&, const Credential&) = nullptr;
  Answer mismatch{};
  // For documents: the parameter that carries the signature, what is signed (the signed set)
  // and how (the rule), e.g. "every parameter but sign whose value is not empty" and
  // "SHA1(sorted k=v joined by & + secretkey)".
  std::string_view parameter{};
  std::string_view signed_set{};
  std::string_view rule{};
};

// A one-time token (nonce, message id), recorded once the signature is verified.
template <class Call>
struct Replay {
  std::string_view scope_prefix{};          // the scope is prefix + *scope
  std::string_view Call::*scope = nullptr;  // e.g. the partner's id
  std::string_view Call::*token = nullptr;  // e.g. the nonce
  // For documents: the parameters `scope` and `token` are read from.
  std::string_view scope_parameter{};
  std::string_view token_parameter{};
  std::int64_t (*horizon_ms)(const core::Config&) = nullptr;
  Answer replayed{};
  Answer unavailable{};
};

template <class Call, class Credential>
struct Endpoint {
  // Identity.
  std::string_view name{};  // stable and URL-safe: fault injection, metrics ("vendor-endpoint")
  std::string_view log_vendor{};  // what the access log records as the vendor
  std::string_view pattern{};     // the route, e.g. "/v2/video/{userid}/get-by-uploader"
  std::vector<std::string> methods{};
  std::string_view summary{};  // one line for documents
  // The parameter that names the partner, for the access log (never a secret).
  std::string_view partner{};
  Source partner_source = Source::kQuery;

  // Reading the request.
  std::string_view limit_group{};  // counted against this group's limiter; empty: no limit
  Answer rate_limited{};
  Answer limiter_unavailable{};
  bool reads_form_body = false;       // a POST's application/x-www-form-urlencoded body is read too
  Answer undecodable{};               // the query or body is not a valid form
  Answer unreadable_body{};           // a POST body of another type (answered with the callback)
  std::string_view callback_param{};  // the JSONP parameter; empty: no JSONP
  Answer bad_callback{};              // a callback name that is not a safe identifier

  std::vector<Parameter<Call>> parameters{};
  std::vector<Rule<Call>> rules{};
  std::optional<Freshness<Call>> freshness{};

  // The credential: the account or partner the request claims, or a refusal (unknown,
  // refused, store failure).
  Outcome<Credential> (*find_credential)(Context&, const Call&) = nullptr;
  Signature<Call, Credential> signature{};
  std::optional<Replay<Call>> replay{};

  // What a kept page is keyed on (endpoint/page_cache.hpp); nothing: not cached. Everything
  // the page's content depends on, never the signature or the timestamp.
  std::optional<std::string> (*page_key)(const Call&, const Credential&, const Context&) = nullptr;
  // The domain call: the answer's data (JSON, written into the success envelope), or a refusal.
  Outcome<std::string> (*serve)(Context&, const Call&, const Credential&, const Reply&) = nullptr;

  // For documents (endpoint/openapi.hpp), which cannot see inside the two functions above:
  // every refusal `find_credential` and `serve` can return (the field they name included), and
  // a sample of the data `serve` renders (JSON), which the document shows in the success
  // envelope.
  std::vector<Refusal> credential_refusals{};
  std::vector<Refusal> domain_refusals{};
  std::string_view data_example{};

  // The vendor's envelopes.
  http::Response (*render_success)(std::string_view data, const Reply&) = nullptr;
  // The same for a page (an endpoint with a page key), which the answer may send as it is,
  // shared, not copied (http::Response::share_body); unset: render_success(*page, reply).
  http::Response (*render_page)(std::shared_ptr<const std::string> page, const Reply&) = nullptr;
  http::Response (*render_refusal)(const Refusal&, const Reply&) = nullptr;
  // The endpoint as sandbox fault injection sees it (the vendor's error format and renderers).
  FaultEndpoint (*fault_profile)(const Context&, std::string name, std::string pattern) = nullptr;
};

// A reader that keeps the parameter's text in `Field` (a string_view or optional<string_view>
// member of the call): `.read = endpoint::read_text<&Call::sign>`. A call that inherits the
// member from a base names itself: `endpoint::read_text<&Call::sign, Call>`.
template <class T>
struct MemberOf;
template <class Class, class Type>
struct MemberOf<Type Class::*> {
  using Owner = Class;
};
template <auto Field, class Call = typename MemberOf<decltype(Field)>::Owner>
bool read_text(Call& call, std::string_view text) {
  call.*Field = text;
  return true;
}

// The most parameters one endpoint may declare (the pipeline keeps their texts on the stack).
inline constexpr std::size_t kMaxParameters = 32;

}  // namespace mediagate::endpoint
