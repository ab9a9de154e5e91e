-- wrk script: every request freshly signed (current ptime/timestamp, a unique nonce or
-- messageId), every response checked for the vendor's success marker.
--   wrk ... -s bench/endpoint.lua URL -- vendor=polyv-vod path=/v2/... secret=S time=ptime \
--       [nonce=NAME] ok=MARKER [probe=FILE] [max=N] [presign=N] p.NAME=VALUE...
-- vendor: polyv-vod | polyv-live | polyv-group | iqiyi | pumpkin. time=NAME sets NAME to the
-- current epoch ms on every request; nonce=NAME sets NAME to bench_<start>-<thread>-<n>.
-- probe=FILE: send one request, write its query, signature and body to FILE, and stop.
-- max=N: the run ends after N answers (with -t1; with more threads, when the first thread has
-- N): the thread stops and wrk gets SIGINT, which ends its wait; -d still bounds the time.
-- presign=N: sign N requests (each its own nonce and time) before the load starts and send
-- those first, then sign afresh again; the generator's signing then no longer paces a load
-- that N covers (every request is still signed once and unique; the time is init's).
local dir = os.getenv("BENCH_LUA_DIR") or "bench"
package.path = dir .. "/?.lua;" .. package.path
local sign = require("sign")
local ffi = require("ffi")
ffi.cdef [[
int kill(int pid, int sig);
int getpid(void);
]]

local threads = {}
local next_id = 1

function setup(thread)
  thread:set("thread_id", next_id)
  next_id = next_id + 1
  threads[#threads + 1] = thread
end

local cfg = {params = {}}
local counter = 0
local answered = 0
local start_ms = 0
failures = 0
first_failure = ""

function init(args)
  for _, arg in ipairs(args) do
    local name, value = string.match(arg, "^([^=]+)=(.*)$")
    if not name then error("bad argument " .. arg) end
    local param = string.match(name, "^p%.(.+)$")
    if param then cfg.params[param] = value else cfg[name] = value end
  end
  start_ms = sign.now_ms()
  thread_id = thread_id or 0
  presign()
end

local function signed_query()
  local params = {}
  for name, value in pairs(cfg.params) do params[name] = value end
  if cfg.time then params[cfg.time] = tostring(sign.now_ms()) end
  counter = counter + 1
  if cfg.nonce then
    params[cfg.nonce] = string.format("bench_%d-%d-%d", start_ms, thread_id, counter)
  end
  local v = cfg.vendor
  if v == "polyv-vod" then
    params.sign = sign.polyv_vod(params, cfg.secret)
  elseif v == "polyv-live" or v == "polyv-group" then
    params.sign = sign.polyv_sandwich(params, cfg.secret)
  elseif v == "iqiyi" then
    params.sign = sign.iqiyi(params, cfg.secret)
  elseif v == "pumpkin" then
    params.sign = sign.pumpkin(params, cfg.secret, "GET", cfg.path)
  else
    error("unknown vendor " .. tostring(v))
  end
  return sign.query(params), params
end

local last_params
local presigned = {}
local presigned_next = 1

-- presign=N, from init: before wrk starts its clock.
function presign()
  if not cfg.presign then return end
  for i = 1, tonumber(cfg.presign) do
    local query = signed_query()
    presigned[i] = wrk.format("GET", cfg.path .. "?" .. query)
  end
end

function request()
  local ready = presigned[presigned_next]
  if ready then
    presigned[presigned_next] = nil  -- sent once; the memory goes back as the run goes on
    presigned_next = presigned_next + 1
    return ready
  end
  local query, params = signed_query()
  last_params = params
  return wrk.format("GET", cfg.path .. "?" .. query)
end

function response(status, headers, body)
  if cfg.probe then
    local f = assert(io.open(cfg.probe, "w"))
    local names = {}
    for name in pairs(last_params) do names[#names + 1] = name end
    table.sort(names)
    for _, name in ipairs(names) do
      if name ~= "sign" then f:write("param\t", name, "\t", last_params[name], "\n") end
    end
    f:write("sign\t", last_params.sign, "\n")
    f:write("status\t", status, "\n")
    f:write("body\t", body, "\n")
    f:close()
    wrk.thread:stop()
    return
  end
  if cfg.ok and not string.find(body, cfg.ok, 1, true) then
    failures = failures + 1
    if first_failure == "" then first_failure = string.sub(body, 1, 300) end
  end
  answered = answered + 1
  if cfg.max and answered == tonumber(cfg.max) then
    wrk.thread:stop()
    ffi.C.kill(ffi.C.getpid(), 2)  -- SIGINT: wrk stops waiting for -d and reports
  end
end

function done(summary, latency, requests)
  local failed, sample = 0, ""
  for _, t in ipairs(threads) do
    failed = failed + (t:get("failures") or 0)
    local f = t:get("first_failure")
    if sample == "" and f then sample = f end
  end
  local e = summary.errors
  io.write(string.format(
      "RESULT requests=%d duration_us=%d rps=%.0f p50_us=%d p99_us=%d max_us=%d mean_us=%d " ..
      "bytes=%d connect=%d read=%d write=%d status=%d timeout=%d bad_body=%d\n",
      summary.requests, summary.duration, summary.requests / summary.duration * 1e6,
      latency:percentile(50), latency:percentile(99), latency.max, math.floor(latency.mean), summary.bytes,
      e.connect, e.read, e.write, e.status, e.timeout, failed))
  if sample ~= "" then io.write("FIRST_BAD_BODY ", sample, "\n") end
end
