-- Signers for the five endpoints, in wrk's LuaJIT, hashing through OpenSSL's libcrypto (FFI):
-- the same rules as src/auth/*_signer.cpp (../shared/spec/vendor-spec.md). bench/run.sh checks
-- one signature of each against `mediagate sign` before any load is sent.
local ffi = require("ffi")

ffi.cdef [[
unsigned char *MD5(const unsigned char *d, size_t n, unsigned char *md);
unsigned char *SHA1(const unsigned char *d, size_t n, unsigned char *md);
unsigned char *SHA256(const unsigned char *d, size_t n, unsigned char *md);
const void *EVP_sha1(void);
unsigned char *HMAC(const void *evp_md, const void *key, int key_len, const unsigned char *d,
                    size_t n, unsigned char *md, unsigned int *md_len);
int EVP_EncodeBlock(unsigned char *t, const unsigned char *f, int n);
typedef struct { long tv_sec; long tv_usec; } bench_timeval;
int gettimeofday(bench_timeval *tv, void *tz);
]]

local ok, crypto = pcall(ffi.load, "crypto")
if not ok then crypto = ffi.load("libcrypto.so.3") end

local M = {}
local digest = ffi.new("unsigned char[64]")
local digest_len = ffi.new("unsigned int[1]")
local b64 = ffi.new("unsigned char[64]")
local tv = ffi.new("bench_timeval")

local function hex(n, upper)
  local fmt = upper and "%02X" or "%02x"
  local parts = {}
  for i = 0, n - 1 do parts[i + 1] = string.format(fmt, digest[i]) end
  return table.concat(parts)
end

function M.md5_hex(s, upper) crypto.MD5(s, #s, digest); return hex(16, upper) end
function M.sha1_hex(s, upper) crypto.SHA1(s, #s, digest); return hex(20, upper) end
function M.sha256_hex(s, upper) crypto.SHA256(s, #s, digest); return hex(32, upper) end
function M.hmac_sha1_base64(key, s)
  crypto.HMAC(crypto.EVP_sha1(), key, #key, s, #s, digest, digest_len)
  local n = crypto.EVP_EncodeBlock(b64, digest, digest_len[0])
  return ffi.string(b64, n)
end

function M.now_ms()
  ffi.C.gettimeofday(tv, nil)
  return tonumber(tv.tv_sec) * 1000 + math.floor(tonumber(tv.tv_usec) / 1000)
end

-- RFC 3986 unreserved kept, everything else %XX upper (Pumpkin's pe(), and safe for any query).
function M.encode(s)
  return (string.gsub(s, "[^A-Za-z0-9%-_%.~]", function(c)
    return string.format("%%%02X", string.byte(c))
  end))
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
