#!/usr/bin/env bash
# Replay memory at scale (issue 18, docs/benchmarks.md "Replay memory"): one `mediagate serve`
# on 127.0.0.1 with the default replay settings, loaded by wrk with freshly signed iQiyi
# requests, each with a new messageId, a bounded number in a row; every answer must be
# A00000 (no Q00332). Prints the server's RSS before, after a warm-up and at the end, the RSS
# grown per remembered pair, and the replay guard's own figures (GET /admin/v1/status).
# With --redis, the same server keeps its replay memory in a throwaway redis-server instead
# (scripts/redis-test-server.sh), and N iQiyi then N Pumpkin requests measure what one
# remembered pair costs Redis (used_memory per key, MEMORY USAGE of one key of each vendor).
# Everything it starts it stops, by pid.
#
#   bench/replay_memory.sh [--requests N] [--warmup N] [--connections C] [--no-build] [--redis]
#   BENCH_BIN=/path/to/mediagate bench/replay_memory.sh ...   # another build
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD

requests=1300000
warmup=20000
connections=64
build=1
redis=0
max_seconds=900  # wrk's -d: the bound on each load, whatever the count
server_cpu=${BENCH_SERVER_CPU:-0}
load_cpu=${BENCH_LOAD_CPU:-1}
port=${BENCH_PORT:-18480}
admin_port=${BENCH_ADMIN_PORT:-18482}
while [[ $# -gt 0 ]]; do
  case $1 in
    --requests) requests=$2; shift 2 ;;
    --warmup) warmup=$2; shift 2 ;;
    --connections) connections=$2; shift 2 ;;
    --no-build) build=0; shift ;;
    --redis) redis=1; shift ;;
    -h|--help) sed -n 2,14p "$0"; exit 0 ;;
    *) echo "bench/replay_memory.sh: unknown argument $1" >&2; exit 2 ;;
  esac
done
[[ $requests -gt $warmup ]] || { echo "bench: --requests must exceed --warmup" >&2; exit 2; }

for tool in wrk taskset curl jq; do
  command -v "$tool" >/dev/null || { echo "bench: $tool is missing (bench/install-deps.sh)" >&2; exit 1; }
done
if [[ $build == 1 ]]; then
  ./scripts/build.sh build/release Release -DMEDIAGATE_BUILD_TESTS=OFF >&2
fi
bin=${BENCH_BIN:-$root/build/release/src/cli/mediagate}
[[ -x $bin ]] || { echo "bench: no release binary at $bin" >&2; exit 1; }

work=$(mktemp -d /tmp/mediagate-replay-bench.XXXXXX)
mg_pid=""
stop_all() {
  if [[ -n $mg_pid ]] && kill -0 "$mg_pid" 2>/dev/null; then
    kill "$mg_pid" 2>/dev/null || true
    for _ in $(seq 50); do kill -0 "$mg_pid" 2>/dev/null || break; sleep 0.1; done
    if kill -0 "$mg_pid" 2>/dev/null; then kill -9 "$mg_pid" 2>/dev/null || true; fi
  fi
  if [[ $redis == 1 && -f $work/redis/redis.pid ]]; then
    ./scripts/redis-test-server.sh stop "$work/redis" >/dev/null 2>&1 || true
  fi
  rm -rf "$work"
}
trap stop_all EXIT

rss_kib() { awk '/VmRSS/{print $2}' "/proc/$mg_pid/status"; }
cpu_ticks() { awk '{ print $14 + $15 }' "/proc/$mg_pid/stat"; }  # user + system
token=bench-$RANDOM$RANDOM$RANDOM
status() { curl -s -H "Authorization: Bearer $token" "http://127.0.0.1:$admin_port/admin/v1/status"; }

shared_state=memory
if [[ $redis == 1 ]]; then
  shared_state=$(./scripts/redis-test-server.sh start "$work/redis")
  rcli=(redis-cli -u "$shared_state")
fi

# The sample fixtures' iQiyi partner and Pumpkin pid; access log off (1.3 M lines otherwise).
MEDIAGATE_ADMIN_TOKEN=$token taskset -c "$server_cpu" "$bin" serve \
  --store "sqlite:$work/store.db" --fixtures fixtures/sample.json \
  --listen "127.0.0.1:$port" --threads 1 --shared-state "$shared_state" \
  --set access_log=off --set "admin.listen=127.0.0.1:$admin_port" >"$work/server.log" 2>&1 &
mg_pid=$!
for _ in $(seq 200); do
  status >/dev/null 2>&1 && break
  kill -0 "$mg_pid" 2>/dev/null || { cat "$work/server.log" >&2; exit 1; }
  sleep 0.05
done

export BENCH_LUA_DIR=$root/bench
load() {  # load COUNT VENDOR_ARGS...: COUNT answers at most; prints wrk's RESULT line
  local count=$1
  shift
  taskset -c "$load_cpu" wrk -t1 -c"$connections" -d"${max_seconds}s" --timeout 10s \
    -s bench/endpoint.lua "http://127.0.0.1:$port" -- "$@" max="$count" |
    tee -a "$work/wrk.log" | grep -E '^(RESULT|FIRST_BAD_BODY)'
}
iqiyi_args=(vendor=iqiyi path=/vod/coupon/getVodCount.action secret=1234567890 nonce=messageId
            'ok="A00000"' p.version=1.0 p.area=CN p.partnerCode=T_Coupon_Pepsi
            p.user_id=test_user_001)
pumpkin_args=(vendor=pumpkin path=/media/offline_sync secret=TEST_ACCESS_SECRET
              nonce=signature_nonce time=timestamp 'ok="status_code":200' p.pid=TEST_PID
              p.format=JSON p.version=v1 p.action=/media/offline_sync)
field() { sed -n "s/.* $1=\([0-9.]*\).*/\1/p" <<<"$2"; }
bad_of() { echo $(( $(field status "$1") + $(field bad_body "$1") + $(field read "$1") + $(field timeout "$1") )); }

if [[ $redis == 1 ]]; then
  used() { "${rcli[@]}" info memory | awk -F: '/^used_memory:/{print $2+0}'; }
  keys() { "${rcli[@]}" dbsize; }
  echo "mediagate $(git rev-parse --short HEAD) release, threads=1 on CPU $server_cpu, Redis $("${rcli[@]}" info server | awk -F: '/^redis_version/{print $2}' | tr -d '\r'); wrk -c$connections on CPU $load_cpu"
  for vendor in iqiyi pumpkin; do
    m0=$(used) k0=$(keys)
    if [[ $vendor == iqiyi ]]; then
      result=$(load "$((requests - warmup))" "${iqiyi_args[@]}")
    else
      result=$(load "$((requests - warmup))" "${pumpkin_args[@]}")
    fi
    m1=$(used) k1=$(keys)
    sample=$("${rcli[@]}" --scan --pattern 'mediagate:*' | head -1 || true)
    echo "$vendor: $(field requests "$result") requests, $(field rps "$result") req/s, bad $(bad_of "$result");" \
         "$((k1 - k0)) keys, used_memory +$((m1 - m0)) B = $(( (m1 - m0) / (k1 - k0) )) B/key;" \
         "a key: $sample, MEMORY USAGE $("${rcli[@]}" memory usage "$sample") B," \
         "encoding $("${rcli[@]}" object encoding "$sample")"
    "${rcli[@]}" flushdb >/dev/null
  done
  exit 0
fi

# Pairs remembered: the status's count, or (a build without GET /admin/v1/status, for a
# before/after) the requests answered so far.
pairs_now() {  # pairs_now ANSWERED
  local n
  n=$(status | jq -r '.replay_memory.pairs // empty' 2>/dev/null || true)
  echo "${n:-$1}"
}
rss0=$(rss_kib)
warm=$(load "$warmup" "${iqiyi_args[@]}")
pairs_warm=$(pairs_now "$(field requests "$warm")")
rss1=$(rss_kib)
t0=$(date +%s.%N) c0=$(cpu_ticks)
main=$(load "$((requests - warmup))" "${iqiyi_args[@]}")
t1=$(date +%s.%N) c1=$(cpu_ticks)
rss2=$(rss_kib)
hwm=$(awk '/VmHWM/{print $2}' "/proc/$mg_pid/status")
final=$(status)
sent=$(( $(field requests "$warm") + $(field requests "$main") ))
pairs=$(pairs_now "$sent")
bad=$(( $(bad_of "$warm") + $(bad_of "$main") ))
q00332=$(grep -c 'Q00332' "$work/wrk.log" || true)

echo "mediagate $(git rev-parse --short HEAD) release, default replay settings, threads=1 on CPU $server_cpu;" \
     "wrk -t1 -c$connections on CPU $load_cpu; load average $(cut -d' ' -f1-3 /proc/loadavg)"
cpu_us=$(awk -v t=$((c1 - c0)) -v hz="$(getconf CLK_TCK)" -v n="$(field requests "$main")" \
           'BEGIN { printf "%.1f", t / hz * 1e6 / n }')
echo "requests answered (wrk): $sent ($warmup warm-up + the rest in $(awk -v a="$t0" -v b="$t1" 'BEGIN{printf "%.0f", b-a}') s at $(field rps "$main") req/s, $cpu_us µs of server CPU each); not A00000: $bad; Q00332 seen: $q00332"
echo "replay guard: $final"
echo "RSS: $((rss0 / 1024)) MiB at start, $((rss1 / 1024)) MiB after the warm-up ($pairs_warm pairs), $((rss2 / 1024)) MiB at the end ($pairs pairs); peak $((hwm / 1024)) MiB"
awk -v r0="$rss0" -v r1="$rss1" -v r2="$rss2" -v p1="$pairs_warm" -v p2="$pairs" 'BEGIN {
  printf "RSS grown per remembered pair: %.1f B since start, %.1f B since the warm-up\n",
         (r2 - r0) * 1024 / p2, (r2 - r1) * 1024 / (p2 - p1) }'
[[ $bad == 0 && $q00332 == 0 ]] || { echo "bench: refused requests" >&2; exit 1; }
