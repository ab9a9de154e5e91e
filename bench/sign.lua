-- Signers for the five endpoints, in wrk's LuaJIT, hashing through OpenSSL's libcrypto (FFI):
-- the same rules as src/auth/*_signer.cpp (../shared/spec/vendor-spec.md). bench/run.sh checks
-- one signature of each against `mediagate sign` before any load is sent.
local ffi = require("ffi")

ffi.cdef [[
int MD5_Init(void *c);
int MD5_Update(void *c, const void *data, size_t len);
int MD5_Final(unsigned char *md, void *c);
int SHA1_Init(void *c);
int SHA1_Update(void *c, const void *data, size_t len);
int SHA1_Final(unsigned char *md, void *c);
int SHA256_Init(void *c);
int SHA256_Update(void *c, const void *data, size_t len);
int SHA256_Final(unsigned char *md, void *c);
int EVP_EncodeBlock(unsigned char *t, const unsigned char *f, int n);
typedef struct { long tv_sec; long tv_usec; } bench_timeval;
int gettimeofday(bench_timeval *tv, void *tz);
]]

local ok, crypto = pcall(ffi.load, "crypto")
if not ok then crypto = ffi.load("libcrypto.so.3") end

local M = {}
-- The digests through OpenSSL's low-level calls: its one-shot MD5()/SHA1()/HMAC() look the
-- algorithm up by name on every call (OpenSSL 3), which made the load generator, not the
-- server, the limit of the signed runs. The context buffers are larger than any *_CTX.
local ctx = ffi.new("uint64_t[64]")
local digest = ffi.new("unsigned char[64]")
local b64 = ffi.new("unsigned char[64]")
local tv = ffi.new("bench_timeval")
local byte, char, format = string.byte, string.char, string.format

local hex_lower, hex_upper = {}, {}
for i = 0, 255 do hex_lower[i] = format("%02x", i); hex_upper[i] = format("%02X", i) end
local function hex(n, upper)
  local table_ = upper and hex_upper or hex_lower
  local parts = {}
  for i = 0, n - 1 do parts[i + 1] = table_[digest[i]] end
  return table.concat(parts)
end

local function md5(s) crypto.MD5_Init(ctx); crypto.MD5_Update(ctx, s, #s); crypto.MD5_Final(digest, ctx) end
local function sha1(...)
  crypto.SHA1_Init(ctx)
  for i = 1, select("#", ...) do local s = select(i, ...); crypto.SHA1_Update(ctx, s, #s) end
  crypto.SHA1_Final(digest, ctx)
end
local function sha256(s)
  crypto.SHA256_Init(ctx); crypto.SHA256_Update(ctx, s, #s); crypto.SHA256_Final(digest, ctx)
end

function M.md5_hex(s, upper) md5(s); return hex(16, upper) end
function M.sha1_hex(s, upper) sha1(s); return hex(20, upper) end
function M.sha256_hex(s, upper) sha256(s); return hex(32, upper) end

-- HMAC-SHA1 (RFC 2104) over SHA-1: the key's inner and outer pads computed once per key.
local pads = {}
local function pads_of(key)
  local p = pads[key]
  if p then return p[1], p[2] end
  local k = key
  if #k > 64 then sha1(k); k = ffi.string(digest, 20) end
  local inner, outer = {}, {}
  for i = 1, 64 do
    local b = i <= #k and byte(k, i) or 0
    inner[i] = char(bit.bxor(b, 0x36)); outer[i] = char(bit.bxor(b, 0x5c))
  end
  p = {table.concat(inner), table.concat(outer)}
  pads[key] = p
  return p[1], p[2]
end
function M.hmac_sha1_base64(key, s)
  local inner, outer = pads_of(key)
  sha1(inner, s)
  local inner_digest = ffi.string(digest, 20)
  sha1(outer, inner_digest)
  local n = crypto.EVP_EncodeBlock(b64, digest, 20)
  return ffi.string(b64, n)
end

function M.now_ms()
  ffi.C.gettimeofday(tv, nil)
  return tonumber(tv.tv_sec) * 1000 + math.floor(tonumber(tv.tv_usec) / 1000)
end

-- RFC 3986 unreserved kept, everything else %XX upper (Pumpkin's pe(), and safe for any query).
local escapes = {}
for i = 0, 255 do escapes[char(i)] = format("%%%02X", i) end
function M.encode(s)
  return (string.gsub(s, "[^A-Za-z0-9%-_%.~]", escapes))
end

local function sorted_names(params)
  local names = {}
  for name in pairs(params) do if name ~= "sign" then names[#names + 1] = name end end
  table.sort(names)  -- byte order, as the vendors' ASCII names need
  return names
end

-- Polyv VOD: non-empty params, name=value joined by &, secret appended, SHA-1 upper hex.
function M.polyv_vod(params, secret)
  local parts = {}
  for _, name in ipairs(sorted_names(params)) do
    if params[name] ~= "" then parts[#parts + 1] = name .. "=" .. params[name] end
  end
  return M.sha1_hex(table.concat(parts, "&") .. secret, true)
end

-- Polyv live and group: secret + namevalue... + secret, MD5 upper hex (SHA-256 on request).
function M.polyv_sandwich(params, secret)
  local parts = {}
  for _, name in ipairs(sorted_names(params)) do
    if params[name] ~= "" then parts[#parts + 1] = name .. params[name] end
  end
  local plain = secret .. table.concat(parts) .. secret
  if params.signatureMethod == "SHA256" then return M.sha256_hex(plain, true) end
  return M.md5_hex(plain, true)
end

-- iQiyi: every param (empty ones too), name=value joined by &, key appended, MD5 lower hex.
function M.iqiyi(params, key)
  local parts = {}
  for _, name in ipairs(sorted_names(params)) do parts[#parts + 1] = name .. "=" .. params[name] end
  return M.md5_hex(table.concat(parts, "&") .. key, false)
end

-- Pumpkin: HMAC-SHA1 (key secret&) over METHOD&%2F&pe(canonical), the fixed signed set with
-- action = the path; Base64.
function M.pumpkin(params, secret, method, path)
  local set = {}
  for _, name in ipairs({"pid", "version", "timestamp", "signature_nonce", "format"}) do
    if params[name] ~= nil then set[name] = params[name] end
  end
  set.action = path
  local parts = {}
  for _, name in ipairs(sorted_names(set)) do
    parts[#parts + 1] = M.encode(name) .. "=" .. M.encode(set[name])
  end
  local to_sign = M.encode(method) .. "&" .. M.encode("/") .. "&" .. M.encode(table.concat(parts, "&"))
  return M.hmac_sha1_base64(secret .. "&", to_sign)
end

-- The query string: params in name order, values percent-encoded.
function M.query(params)
  local parts = {}
  local names = {}
  for name in pairs(params) do names[#names + 1] = name end
  table.sort(names)
  for _, name in ipairs(names) do parts[#parts + 1] = name .. "=" .. M.encode(params[name]) end
  return table.concat(parts, "&")
end

return M
