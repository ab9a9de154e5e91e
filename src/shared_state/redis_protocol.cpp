#include "shared_state/redis_protocol.hpp"

#include <hiredis/hiredis.h>

#include <charconv>
#include <cstddef>

namespace mediagate::shared_state {
namespace {

void append_header(std::string& out, char kind, std::size_t count) {
  char digits[24];
  const auto end = std::to_chars(digits, digits + sizeof digits, count).ptr;
  out += kind;
  out.append(digits, end);
  out += "\r\n";
}

}  // namespace

void append_command(std::string& out, const std::vector<std::string>& argv) {
  append_header(out, '*', argv.size());
  for (const auto& arg : argv) {
    append_header(out, '$', arg.size());
    out += arg;
    out += "\r\n";
  }
}

std::vector<std::string> evalsha_argv(const RedisScript& script,
                                      const std::vector<std::string>& keys,
                                      const std::vector<std::string>& args) {
  std::vector<std::string> argv;
  argv.reserve(3 + keys.size() + args.size());
  argv.emplace_back("EVALSHA");
  argv.push_back(script.sha1());
  argv.push_back(std::to_string(keys.size()));
  argv.insert(argv.end(), keys.begin(), keys.end());
  argv.insert(argv.end(), args.begin(), args.end());
  return argv;
}

RedisReply to_reply(const redisReply& reply) {
  RedisReply out;
  switch (reply.type) {
    case REDIS_REPLY_INTEGER:
      out.kind = RedisReply::Kind::kInteger;
      out.integer = reply.integer;
      break;
    case REDIS_REPLY_STRING:
    case REDIS_REPLY_STATUS:
      out.kind =
          reply.type == REDIS_REPLY_STRING ? RedisReply::Kind::kString : RedisReply::Kind::kStatus;
      out.text.assign(reply.str, reply.len);
      break;
    case REDIS_REPLY_ARRAY:
      out.kind = RedisReply::Kind::kArray;
      out.elements.reserve(reply.elements);
      for (std::size_t i = 0; i < reply.elements; ++i) {
        out.elements.push_back(to_reply(*reply.element[i]));
      }
      break;
    default:
      break;  // nil
  }
  return out;
}

}  // namespace mediagate::shared_state
