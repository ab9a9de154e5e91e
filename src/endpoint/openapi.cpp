#include "endpoint/openapi.hpp"

#include <algorithm>
#include <boost/json.hpp>
#include <cctype>
#include <map>
#include <set>
#include <utility>

#include "endpoint/endpoint.hpp"

namespace mediagate::endpoint {

void add_answer(EndpointDoc& doc, const Refusal& refusal, std::string when,
                const std::string& content_type, const std::string& rendered) {
  const std::string message = refusal.message();
  for (auto& known : doc.answers) {
    if (known.verdict == refusal.verdict && known.http_status == refusal.answer.http_status &&
        known.code == refusal.answer.code && known.message == message) {
      if (std::find(known.when.begin(), known.when.end(), when) == known.when.end()) {
        known.when.push_back(std::move(when));
      }
      return;
    }
  }
  doc.answers.push_back(AnswerDoc{refusal.verdict,
                                  refusal.answer.http_status,
                                  std::string(refusal.answer.code),
                                  message,
                                  {std::move(when)},
                                  content_type,
                                  rendered});
}

std::string_view phase_name(Phase phase) {
  switch (phase) {
    case Phase::kBeforeCredential:
      return "before_credential";
    case Phase::kBeforeSignature:
      return "before_signature";
    case Phase::kAfterSignature:
      return "after_signature";
  }
  return "before_credential";
}

std::string_view source_name(Source source) {
  return source == Source::kPath ? "path" : "query";
}

void add_document_route(http::Router& router, const std::string& path, std::string document) {
  router.add({"GET"}, path, [document = std::move(document)](http::Request&) {
    http::Response response;
    response.body = document;
    return response;
  });
}

std::string_view document_version() {
  return MEDIAGATE_VERSION;
}

std::string media_type(std::string_view content_type) {
  const auto semicolon = content_type.find(';');
  std::string type(content_type.substr(0, semicolon));
  while (!type.empty() && type.back() == ' ') type.pop_back();
  return type;
}

void write_schema_of(core::JsonWriter& w, const boost::json::value& example) {
  w.begin_object();
  switch (example.kind()) {
    case boost::json::kind::object: {
      const auto& object = example.get_object();
      w.field("type", "object").key("properties").begin_object();
      for (const auto& [key, value] : object) {
        w.key(key);
        write_schema_of(w, value);
      }
      w.end_object();
      if (!object.empty()) {
        w.key("required").begin_array();
        for (const auto& [key, value] : object) w.value(std::string_view(key));
        w.end_array();
      }
      break;
    }
    case boost::json::kind::array: {
      const auto& array = example.get_array();
      w.field("type", "array");
      if (!array.empty()) {
        w.key("items");
        write_schema_of(w, array.front());
      }
      break;
    }
    case boost::json::kind::string:
      w.field("type", "string");
      break;
    case boost::json::kind::int64:
    case boost::json::kind::uint64:
      w.field("type", "integer");
      break;
    case boost::json::kind::double_:
      w.field("type", "number");
      break;
    case boost::json::kind::bool_:
      w.field("type", "boolean");
      break;
    case boost::json::kind::null:
      break;  // a value the example leaves out: any
  }
  w.end_object();
}

namespace {

// The schema of a rendered JSON body, as JSON text; a body that is not JSON: a string.
std::string schema_text(const std::string& body) {
  core::JsonWriter w;
  boost::system::error_code ec;
  const auto value = boost::json::parse(body, ec);
  if (ec) {
    w.begin_object().field("type", "string").end_object();
  } else {
    write_schema_of(w, value);
  }
  return std::move(w).str();
}

bool is_json(const std::string& body) {
  boost::system::error_code ec;
  (void)boost::json::parse(body, ec);
  return !ec;
}

std::string lowercase(std::string text) {
  for (auto& c : text) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return text;
}

// "a | b | c" -> {a, b, c}; any other form (prose, one word) -> nothing.
std::vector<std::string> alternatives(std::string_view format) {
  std::vector<std::string> values;
  if (format.find(" | ") == std::string_view::npos) return values;
  std::size_t start = 0;
  while (true) {
    const auto bar = format.find(" | ", start);
    const auto value = format.substr(start, bar == std::string_view::npos ? bar : bar - start);
    if (value.empty() || value.find(' ') != std::string_view::npos) return {};
    values.emplace_back(value);
    if (bar == std::string_view::npos) break;
    start = bar + 3;
  }
  return values;
}

std::string parameter_description(const ParameterDoc& p) {
  std::string text = p.format;
  auto sentence = [&text](std::string_view more) {
    if (!text.empty()) text += text.back() == '.' ? " " : ". ";
    text += more;
  };
  if (!p.fallback.empty()) sentence("Absent: " + p.fallback);
  if (!p.fallback_note.empty()) sentence("Absent: " + p.fallback_note);
  if (!p.empty_is_absent) sentence("Sent empty, it is checked as a value");
  switch (p.phase) {
    case Phase::kBeforeCredential:
      sentence("Checked before the credential is looked up");
      break;
    case Phase::kBeforeSignature:
      sentence("Checked before the signature");
      break;
    case Phase::kAfterSignature:
      sentence("Checked once the signature is verified");
      break;
  }
  text += '.';
  return text;
}

void write_parameter_schema(core::JsonWriter& w, const ParameterDoc& p) {
  w.begin_object().field("type", "string");
  if (const auto values = alternatives(p.format); !values.empty()) {
    w.key("enum").begin_array();
    for (const auto& value : values) w.value(value);
    w.end_array();
  }
  if (!p.fallback.empty()) w.field("default", p.fallback);
  if (!p.format.empty()) w.field("x-mediagate-format", p.format);
  w.end_object();
}

// One response status: the entries answered with it.
struct Entry {
  std::string key;  // the example's name
  std::string summary;
  std::string content_type;
  std::string body;
};

void write_responses(core::JsonWriter& w, const EndpointDoc& e) {
  std::map<unsigned, std::vector<Entry>> by_status;
  by_status[e.success_status].push_back(
      {"success", "success", e.success_content_type, e.success_body});
  std::map<std::string, int> used;
  for (const auto& a : e.answers) {
    std::string key(verdict_name(a.verdict));
    if (const int n = ++used[key]; n > 1) key += "-" + std::to_string(n);
    by_status[a.http_status].push_back(
        {key, a.code + " " + a.message + " (" + std::string(verdict_name(a.verdict)) + ")",
         a.content_type, a.body});
  }
  w.key("responses").begin_object();
  for (const auto& [status, entries] : by_status) {
    w.key(std::to_string(status)).begin_object();
    std::string description;
    for (const auto& entry : entries) {
      if (!description.empty()) description += "; ";
      description += entry.key == "success" ? "the success envelope" : entry.summary;
    }
    w.field("description", description);
    w.key("content").begin_object();
    std::map<std::string, std::vector<const Entry*>> by_type;
    for (const auto& entry : entries) by_type[media_type(entry.content_type)].push_back(&entry);
    for (const auto& [type, typed] : by_type) {
      w.key(type).begin_object();
      std::vector<std::string> shapes;
      for (const auto* entry : typed) {
        auto shape = schema_text(entry->body);
        if (std::find(shapes.begin(), shapes.end(), shape) == shapes.end()) {
          shapes.push_back(std::move(shape));
        }
      }
      w.key("schema");
      if (shapes.size() == 1) {
        w.raw(shapes.front());
      } else {
        w.begin_object().key("anyOf").begin_array();
        for (const auto& shape : shapes) w.raw(shape);
        w.end_array().end_object();
      }
      w.key("examples").begin_object();
      for (const auto* entry : typed) {
        w.key(entry->key).begin_object().field("summary", entry->summary).key("value");
        if (is_json(entry->body)) {
          w.raw(entry->body);
        } else {
          w.value(entry->body);
        }
        w.end_object();
      }
      w.end_object().end_object();
    }
    if (!e.callback_param.empty()) {
      // Every answer is wrapped when the request names a valid callback.
      w.key(media_type(e.jsonp_content_type)).begin_object();
      w.key("schema")
          .begin_object()
          .field("type", "string")
          .field("description", "the same answer as a call of the request's " + e.callback_param)
          .end_object();
      if (status == e.success_status) {
        w.key("examples")
            .begin_object()
            .key("success")
            .begin_object()
            .field("summary", "success, " + e.callback_param + "=" + std::string(kExampleCallback))
            .field("value", e.jsonp_body)
            .end_object()
            .end_object();
      }
      w.end_object();
    }
    w.end_object().end_object();
  }
  w.end_object();
}

std::string operation_description(const EndpointDoc& e) {
  std::string text = "Signed: " + e.signature.rule + ".";
  if (!e.signature.signed_set.empty()) text += " Signed set: " + e.signature.signed_set + ".";
  for (const auto& rule : e.rules) text += " Rule: " + rule + ".";
  if (e.freshness) {
    text += " " + e.freshness->parameter + " must be within ";
    if (e.freshness->past_ms) text += std::to_string(*e.freshness->past_ms) + " ms before and ";
    if (e.freshness->future_ms) text += std::to_string(*e.freshness->future_ms) + " ms after";
    text += " the server's time.";
  }
  if (e.replay) {
    text += " Each " + e.replay->token_parameter + " is accepted once per " +
            e.replay->scope_parameter + " within " + std::to_string(e.replay->horizon_ms) + " ms.";
  }
  text += " Every refusal, with what causes it: x-mediagate-answers.";
  return text;
}

void write_answer(core::JsonWriter& w, const AnswerDoc& a) {
  w.begin_object()
      .field("verdict", verdict_name(a.verdict))
      .field("status", static_cast<std::int64_t>(a.http_status))
      .field("code", a.code)
      .field("message", a.message)
      .key("when")
      .begin_array();
  for (const auto& when : a.when) w.value(when);
  w.end_array().end_object();
}

void write_operation(core::JsonWriter& w, const EndpointDoc& e, const std::string& method) {
  w.key(lowercase(method)).begin_object();
  w.field("operationId", e.methods.size() == 1 ? e.name : e.name + "-" + lowercase(method));
  w.field("summary", e.summary);
  w.field("description", operation_description(e));
  w.key("tags").begin_array().value(e.log_vendor).end_array();
  const bool form = method == "POST" && e.reads_form_body;
  w.key("parameters").begin_array();
  for (const auto& p : e.parameters) {
    const bool in_path = p.source == Source::kPath;
    if (form && !in_path) continue;
    w.begin_object()
        .field("name", p.name)
        .field("in", source_name(p.source))
        .field("required", in_path || p.required)
        .field("description", parameter_description(p));
    w.key("schema");
    write_parameter_schema(w, p);
    w.field("x-mediagate-phase", phase_name(p.phase));
    w.end_object();
  }
  w.end_array();
  if (form) {
    w.key("requestBody").begin_object();
    w.field("description", "The parameters as a form (they may be sent in the query too).");
    w.key("content").begin_object().key("application/x-www-form-urlencoded").begin_object();
    w.key("schema").begin_object().field("type", "object").key("properties").begin_object();
    for (const auto& p : e.parameters) {
      if (p.source == Source::kPath) continue;
      w.key(p.name);
      write_parameter_schema(w, p);
    }
    w.end_object().key("required").begin_array();
    for (const auto& p : e.parameters) {
      if (p.source != Source::kPath && p.required) w.value(p.name);
    }
    w.end_array().end_object().end_object().end_object().end_object();
  }
  write_responses(w, e);

  w.field("x-mediagate-endpoint", e.name);
  w.key("x-mediagate-credential")
      .begin_object()
      .field("parameter", e.partner)
      .field("in", source_name(e.partner_source))
      .end_object();
  w.key("x-mediagate-signature")
      .begin_object()
      .field("parameter", e.signature.parameter)
      .field("signedSet", e.signature.signed_set)
      .field("rule", e.signature.rule);
  for (const auto& a : e.answers) {
    if (a.verdict == Verdict::kBadSignature) {
      w.key("answer");
      write_answer(w, a);
    }
  }
  w.end_object();
  if (const auto& f = e.freshness) {
    w.key("x-mediagate-freshness")
        .begin_object()
        .field("parameter", f->parameter)
        .field("phase", phase_name(f->phase));
    if (f->past_ms) w.field("pastMs", *f->past_ms);
    if (f->future_ms) w.field("futureMs", *f->future_ms);
    w.end_object();
  }
  if (const auto& r = e.replay) {
    w.key("x-mediagate-replay")
        .begin_object()
        .field("tokenParameter", r->token_parameter)
        .field("scopeParameter", r->scope_parameter)
        .field("horizonMs", r->horizon_ms)
        .end_object();
  }
  if (!e.limit_group.empty()) {
    w.key("x-mediagate-rate-limit").begin_object().field("group", e.limit_group).end_object();
  }
  if (!e.callback_param.empty()) {
    w.key("x-mediagate-jsonp").begin_object().field("parameter", e.callback_param).end_object();
  }
  w.key("x-mediagate-answers").begin_array();
  for (const auto& a : e.answers) write_answer(w, a);
  w.end_array();
  w.end_object();
}

}  // namespace

std::string openapi_document(const std::vector<EndpointDoc>& endpoints, const DocumentInfo& info) {
  core::JsonWriter w;
  w.reserve(std::size_t{64} * 1024);
  w.begin_object().field("openapi", "3.1.0");
  w.key("info")
      .begin_object()
      .field("title", info.title)
      .field("version", document_version())
      .field("description", info.description)
      .end_object();
  w.key("paths").begin_object();
  for (const auto& e : endpoints) {
    w.key(e.pattern).begin_object();
    for (const auto& method : e.methods) write_operation(w, e, method);
    w.end_object();
  }
  w.end_object().end_object();
  return std::move(w).str();
}

std::string openapi_document(const std::vector<Route>& routes, const core::Config& config,
                             const DocumentInfo& info) {
  std::vector<EndpointDoc> endpoints;
  endpoints.reserve(routes.size());
  for (const auto& route : routes) {
    if (route.describe) endpoints.push_back(route.describe(config));
  }
  return openapi_document(endpoints, info);
}

}  // namespace mediagate::endpoint
