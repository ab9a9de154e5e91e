// The parts of Redis's wire protocol (RESP 2) both clients share: a command encoded for the
// wire, and a reply parsed by hiredis reduced to a RedisReply.
#pragma once

#include <string>
#include <vector>

#include "shared_state/redis_client.hpp"

struct redisReply;

namespace mediagate::shared_state {

// Appends `argv` as one RESP command (an array of bulk strings: binary-safe) to `out`.
void append_command(std::string& out, const std::vector<std::string>& argv);

// EVALSHA's arguments: the script's SHA-1, the number of keys, the keys, the other arguments.
std::vector<std::string> evalsha_argv(const RedisScript& script,
                                      const std::vector<std::string>& keys,
                                      const std::vector<std::string>& args);

// A hiredis reply as a RedisReply (an error reply is the caller's to tell apart first).
RedisReply to_reply(const redisReply& reply);

}  // namespace mediagate::shared_state
