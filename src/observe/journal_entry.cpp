#include "observe/journal_entry.hpp"

#include "core/civil_time.hpp"
#include "observe/curl_command.hpp"

namespace mediagate::observe {

JournalDraft draft_of(const JournalEntry& entry) {
  JournalDraft draft;
  draft.time = entry.time;
  draft.vendor = entry.vendor;
  draft.endpoint = entry.endpoint;
  draft.partner = entry.partner;
  draft.client = entry.client;
  draft.method = entry.method;
  draft.host = entry.host;
  draft.path = entry.path;
  draft.parameters_kept = entry.parameters_kept;
  draft.parameters = entry.parameters;
  draft.verdict = entry.verdict;
  draft.step = entry.step;
  draft.field = entry.field;
  draft.request_time = entry.request_time;
  draft.status = entry.status;
  draft.code = entry.code;
  draft.latency_us = entry.latency_us;
  draft.signature = entry.signature;
  return draft;
}

void write_entry(core::JsonWriter& w, const JournalEntry& entry, int utc_offset_minutes) {
  w.begin_object()
      .field("id", static_cast<std::int64_t>(entry.id))
      .field("time_ms", entry.time)
      .field("time", core::format_wall_time(entry.time, utc_offset_minutes))
      .field("vendor", entry.vendor)
      .field("endpoint", entry.endpoint)
      .field("partner", entry.partner)
      .field("client", entry.client)
      .field("method", entry.method)
      .field("path", entry.path)
      .field("verdict", entry.verdict)
      .field("step", entry.step);
  w.key("field");
  if (entry.field.empty()) {
    w.null();
  } else {
    w.value(entry.field);
  }
  w.key("request_time_ms");
  if (entry.request_time) {
    w.value(*entry.request_time);
  } else {
    w.null();
  }
  w.field("status", static_cast<std::int64_t>(entry.status));
  w.key("code");
  if (entry.code.empty()) {
    w.null();
  } else {
    w.value(entry.code);
  }
  w.field("latency_us", entry.latency_us);
  w.key("parameters");
  if (!entry.parameters_kept) {
    w.null();
  } else {
    w.begin_array();
    for (const auto& parameter : entry.parameters) {
      w.begin_object()
          .field("name", parameter.name)
          .field("value", parameter.value)
          .field("masked", parameter.masked)
          .end_object();
    }
    w.end_array();
  }
  w.key("signature");
  if (entry.signature.empty()) {
    w.null();
  } else {
    w.begin_array();
    for (const auto& explanation : entry.signature) {
      w.begin_object()
          .field("variant", explanation.variant)
          .field("canonical", explanation.canonical)
          .field("string_to_sign", explanation.string_to_sign_redacted)
          .end_object();
    }
    w.end_array();
  }
  w.key("curl");
  if (entry.parameters_kept) {
    w.value(curl_command(entry));
  } else {
    w.null();
  }
  w.end_object();
}

}  // namespace mediagate::observe
