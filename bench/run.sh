#!/usr/bin/env bash
# The mediagate benchmark (docs/benchmarks.md): one command that builds release, seeds a store,
# starts mediagate and nginx on 127.0.0.1 (each pinned to CPU 0 in turn), loads every endpoint
# with wrk pinned to CPU 1 (every request freshly signed, every answer checked), and prints
# req/s, p50, p99 per endpoint next to nginx serving a static file of the same size, in the
# same run. Everything it starts it stops, by pid.
#
#   bench/run.sh [--videos N] [--duration S] [--connections C] [--no-build] [--keep DIR]
#   bench/run.sh --scale "10000 1000000" [--duration S]   # data-scale runs (get-by-uploader)
#   BENCH_BIN=/path/to/mediagate bench/run.sh ...            # another build (before/after)
#   bench/run.sh --profile vod [--videos N] [-- p.page=5000]  # perf record of one endpoint
#   bench/run.sh --instructions [--duration S]   # user-space instructions per answer, counted
#                                       # by callgrind: exact where CPU time is noisy (not a
#                                       # speed: the kernel's part and cache misses are not in it);
#                                       # BENCH_REF_BIN=/old/mediagate adds that build beside it,
#                                       # BENCH_INSTR_ENDPOINTS picks the endpoints
#   BENCH_SET="page_cache_bytes=0 store_cached_lookups=0" bench/run.sh ...  # server settings
#   BENCH_PRESIGN=400000 bench/run.sh ...  # main table: each load's first N requests signed
#                                       # before it starts (the generator's signing off the pace)
#   bench/run.sh --tls [--duration S]   # the same table over HTTPS (both servers with the same
#                                       # certificate), then new TLS connections per second
#   bench/run.sh --store postgres       # the table on PostgreSQL + Redis (started here, on
#                                       # loopback, stopped by pid) beside SQLite in the same run,
#                                       # then two instances behind nginx on that PostgreSQL + Redis
#   bench/run.sh --observe 60           # CPU per answer with the journal (metadata) and metrics
#                                       # off and on, two servers loaded in turn (BENCH_OBSERVE_ROUNDS
#                                       # slices each, default 4); then the journal's
#                                       # bytes and the RSS under 60 s of load (BENCH_JOURNAL_BYTES);
#                                       # BENCH_OBSERVE_OFF/_ON/_ENDPOINTS: other settings to compare
#   BENCH_OBSERVE_OFF_BIN=/old/mediagate BENCH_OBSERVE_OFF= BENCH_OBSERVE_ON="..." \
#     bench/run.sh --no-build --observe 0   # before/after two builds the same way (the "off"
#                                       # server runs the other binary on a store it seeded itself)
#
# The scale runs serve with page_cache_bytes=0: they measure what a page costs the store,
# which a page asked for again would otherwise hide.
# Needs wrk and nginx-light (bench/install-deps.sh installs them; CI does not).
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD

videos=10000
duration=10
connections=64
build=1
scale=""
keep=""
profile=""
instructions=0
tls=0
store_kind=sqlite
observe_soak=""
observe_rounds=${BENCH_OBSERVE_ROUNDS:-4}
extra_params=()
server_cpu=${BENCH_SERVER_CPU:-0}
load_cpu=${BENCH_LOAD_CPU:-1}
port=${BENCH_PORT:-18480}
nginx_port=${BENCH_NGINX_PORT:-18481}
while [[ $# -gt 0 ]]; do
  case $1 in
    --videos) videos=$2; shift 2 ;;
    --duration) duration=$2; shift 2 ;;
    --connections) connections=$2; shift 2 ;;
    --no-build) build=0; shift ;;
    --scale) scale=$2; shift 2 ;;
    --keep) keep=$2; shift 2 ;;
    --profile) profile=$2; shift 2 ;;
    --instructions) instructions=1; shift ;;
    --tls) tls=1; shift ;;
    --store) store_kind=$2; shift 2 ;;
    --observe) observe_soak=$2; shift 2 ;;
    --) shift; extra_params=("$@"); break ;;
    -h|--help) sed -n 2,23p "$0"; exit 0 ;;
    *) echo "bench/run.sh: unknown argument $1" >&2; exit 2 ;;
  esac
done
case $store_kind in
  sqlite|postgres) ;;
  *) echo "bench/run.sh: --store is sqlite or postgres, not $store_kind" >&2; exit 2 ;;
esac
if [[ $store_kind == postgres && ( $tls == 1 || -n $scale || -n $profile ) ]]; then
  echo "bench/run.sh: --store postgres runs the main table only" >&2
  exit 2
fi

"$root/bench/install-deps.sh" >&2
for tool in wrk nginx taskset curl jq sqlite3 openssl; do
  command -v "$tool" >/dev/null || { echo "bench: $tool is missing (bench/install-deps.sh)" >&2; exit 1; }
done
[[ $(nproc) -ge 2 ]] || { echo "bench: needs 2 CPUs (server and load on separate cores)" >&2; exit 1; }

if [[ $build == 1 ]]; then
  ./scripts/build.sh build/release Release -DMEDIAGATE_BUILD_TESTS=OFF >&2
fi
bin=${BENCH_BIN:-$root/build/release/src/cli/mediagate}
[[ -x $bin ]] || bin=$(find "$root/build/release" -name mediagate -type f -perm -u+x | head -1)
[[ -x $bin ]] || { echo "bench: no release binary under build/release" >&2; exit 1; }

work=${keep:-$(mktemp -d /tmp/mediagate-bench.XXXXXX)}
mkdir -p "$work/www" "$work/nginx"
chmod 755 "$work" "$work/www"  # nginx workers run as www-data
pids=()
stop_all() {
  local pid
  for pid in "${pids[@]}"; do
    if kill -0 "$pid" 2>/dev/null; then
      kill "$pid" 2>/dev/null || true
      for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
      kill -9 "$pid" 2>/dev/null || true
    fi
  done
  pids=()
  if [[ -d $work/redis ]]; then "$root/scripts/redis-test-server.sh" stop "$work/redis" >&2 || true; fi
  if [[ -d $work/pg ]]; then "$root/scripts/pg-test-server.sh" stop "$work/pg" >&2 || true; fi
  if [[ -z $keep ]]; then rm -rf "$work"; fi
}
trap stop_all EXIT

stop_pid() {  # stop one process we started, by pid, and forget it
  local pid=$1 kept=()
  kill "$pid" 2>/dev/null || true
  for _ in $(seq 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
  kill -9 "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
  for p in "${pids[@]}"; do [[ $p == "$pid" ]] || kept+=("$p"); done
  pids=("${kept[@]+"${kept[@]}"}")
}

scheme=http
[[ $tls == 0 ]] || scheme=https

wait_port() {  # wait_port PORT PID: until something answers on 127.0.0.1:PORT
  for _ in $(seq 600); do
    # -k: the benchmark's own certificate; what is measured is the server, not the trust.
    if curl -sk -o /dev/null "$scheme://127.0.0.1:$1/"; then return 0; fi
    kill -0 "$2" 2>/dev/null || { echo "bench: process $2 died" >&2; return 1; }
    sleep 0.05
  done
  echo "bench: nothing listens on $1" >&2
  return 1
}

# --- data ----------------------------------------------------------------------------------

seed() {  # seed N DB [BINARY]: deterministic demo data; its stdout (credentials) to $work/seed-N.txt
  # With --keep, a store seeded by an earlier run of the same size is reused.
  local seeder=${3:-$bin} out=$work/seed-$1.txt
  [[ $seeder == "$bin" ]] || out=$work/seed-$1-other.txt
  if [[ -n $keep && -s $2 && -s $out ]]; then return 0; fi
  rm -f "$2" "$2-wal" "$2-shm"
  /usr/bin/time -f "%e %M" -o "$work/seed-$1.time" \
    "$seeder" seed --store "sqlite:$2" --videos "$1" >"$out"
}

# The targets, from the seed's printout and the fixed demo credentials (fixtures/sample.json).
read_targets() {  # read_targets SEED_OUTPUT
  vod_user=b0f7041324 vod_secret=tIQp4ATe9Z
  live_app=$(awk '/^Polyv accounts/{getline; print $4; exit}' "$1")
  live_secret=$(awk '/^Polyv accounts/{getline; print $5; exit}' "$1")
  live_channel=$(awk '/channels \(/{sub(/.*\): /, ""); sub(/,.*/, ""); print; exit}' "$1")
  vod_email=$(awk '/sub-accounts: /{sub(/.*sub-accounts: /, ""); sub(/,.*/, ""); print; exit}' "$1")
  group_app=ga1ayl6dh2 group_secret=9a8b7c6d5e4f3a2b1c0d9e8f7a6b5c4d
  group_emails=$(awk '/^Polyv groups/{getline; sub(/.*sub-accounts: /, ""); sub(/, …/, "");
                      gsub(/, /, ","); print; exit}' "$1")
  iqiyi_partner=T_Coupon_Pepsi iqiyi_key=1234567890
  iqiyi_user=$(awk '/e.g. user/{sub(/.*e.g. user /, ""); print $1; exit}' "$1")
  pumpkin_pid=TEST_PID pumpkin_secret=TEST_ACCESS_SECRET
  # The seed's default anchor, 2026-01-01 00:00:00 UTC+8: Pumpkin lists the 12 h before it.
  anchor_ms=1767196800000
  for v in live_app live_secret live_channel vod_email group_emails iqiyi_user; do
    [[ -n ${!v} ]] || { echo "bench: cannot read $v from $1" >&2; exit 1; }
  done
}

# wrk arguments of one endpoint: endpoint_args NAME [extra p.X=Y...]
endpoint_args() {
  local name=$1
  shift
  case $name in
    vod) echo "vendor=polyv-vod path=/v2/video/$vod_user/get-by-uploader secret=$vod_secret" \
              "time=ptime ok={\"code\":200,\"status\":\"success\" p.page=1 $*" ;;
    # Seeded sessions lie in the year before the anchor; Polyv's default is the last 60 days.
    live) echo "vendor=polyv-live path=/live/v3/channel/session/data/list secret=$live_secret" \
               "time=timestamp ok={\"code\":200,\"status\":\"success\" p.appId=$live_app" \
               "p.channelId=$live_channel p.startDate=2025-11-02 p.endDate=2025-12-31 $*" ;;
    group) echo "vendor=polyv-group path=/v2/group/account/list-allocate-log secret=$group_secret" \
                "time=timestamp ok={\"code\":200,\"status\":\"success\" p.appId=$group_app" \
                "p.emails=$group_emails $*" ;;
    iqiyi) echo "vendor=iqiyi path=/vod/coupon/getVodCount.action secret=$iqiyi_key" \
                "nonce=messageId ok=\"A00000\" p.version=1.0 p.area=CN" \
                "p.partnerCode=$iqiyi_partner p.user_id=$iqiyi_user $*" ;;
    pumpkin) echo "vendor=pumpkin path=/media/offline_sync secret=$pumpkin_secret" \
                  "nonce=signature_nonce ok=\"status_code\":200 p.pid=$pumpkin_pid" \
                  "p.timestamp=$anchor_ms p.format=JSON p.version=v1" \
                  "p.action=/media/offline_sync $*" ;;
  esac
}

vendor_of() {
  case $1 in
    vod) echo polyv-vod ;; live) echo polyv-live ;; group) echo polyv-group ;;
    iqiyi) echo iqiyi ;; pumpkin) echo pumpkin ;;
  esac
}
secret_of() {
  case $1 in
    vod) echo "$vod_secret" ;; live) echo "$live_secret" ;; group) echo "$group_secret" ;;
    iqiyi) echo "$iqiyi_key" ;; pumpkin) echo "$pumpkin_secret" ;;
  esac
}

export BENCH_LUA_DIR=$root/bench

# One signed request through the Lua signer; its signature cross-checked with `mediagate sign`
# and its answer checked for the success envelope. Writes the body to $work/www/NAME.json.
probe() {  # probe NAME [extra p.X=Y...]
  local name=$1 out=$work/probe-$1.txt
  shift
  # shellcheck disable=SC2046
  taskset -c "$load_cpu" wrk -t1 -c1 -d5s -s bench/endpoint.lua "$scheme://127.0.0.1:$port" \
    -- $(endpoint_args "$name" "$@") probe="$out" >/dev/null
  [[ -s $out ]] || { echo "bench: probe of $name got no answer" >&2; exit 1; }
  local sign_args=() line
  while IFS=$'\t' read -r kind key value; do
    [[ $kind == param ]] && sign_args+=(--param "$key=$value")
  done <"$out"
  local ours expected
  ours=$(awk -F'\t' '$1 == "sign" {print $2}' "$out")
  expected=$(MEDIAGATE_SECRET=$(secret_of "$name") "$bin" sign --vendor "$(vendor_of "$name")" \
               "${sign_args[@]}" | awk '/^signature:/{print $2}')
  if [[ $ours != "$expected" ]]; then
    echo "bench: the Lua signer gives $ours for $name, mediagate sign gives $expected" >&2
    exit 1
  fi
  line=$(awk -F'\t' '$1 == "body" {sub(/^body\t/, ""); print}' "$out")
  local ok
  case $name in
    vod|live|group) ok=$(jq -r '.code == 200 and .status == "success"' <<<"$line") ;;
    iqiyi) ok=$(jq -r '.code == "A00000"' <<<"$line") ;;
    pumpkin) ok=$(jq -r '.status_code == 200' <<<"$line") ;;
  esac
  if [[ $ok != true ]]; then
    echo "bench: the signed probe of $name was refused: $line" >&2
    exit 1
  fi
  printf '%s' "$line" >"$work/www/$name.json"
  # The same answer at the endpoint's own path: nginx serves it to the signing load generator
  # (the "same load" anchor of the main table), whatever the query.
  local path
  path=$(endpoint_args "$name" | sed -n 's/.*path=\([^ ]*\).*/\1/p')
  mkdir -p "$work/www$(dirname "$path")"
  printf '%s' "$line" >"$work/www$path"
}

# CPU time (user + system, in clock ticks) a process has used so far.
cpu_ticks() {  # cpu_ticks PID...: their sum (a process that has gone counts 0)
  local pid t=0 own
  for pid in "$@"; do
    own=$(awk '{ print $14 + $15 }' "/proc/$pid/stat" 2>/dev/null) || own=0
    t=$((t + ${own:-0}))
  done
  echo "$t"
}
ticks_per_s=$(getconf CLK_TCK)

# wrk against one URL; prints "rps p50_us p99_us bad cpu_us" where cpu_us is the CPU time the
# server process $load_pid used per answer (the machine is shared: req/s depend on what else
# runs on CPU 0, CPU time per answer much less).
load_pid=""
load() {  # load URL SCRIPT DURATION [args...]
  local url=$1 script=$2 secs=$3 result c0=0 c1=0
  shift 3
  # shellcheck disable=SC2086  # load_pid may list several processes
  [[ -z $load_pid ]] || c0=$(cpu_ticks $load_pid)
  result=$(taskset -c "$load_cpu" wrk -t1 -c"$connections" -d"${secs}s" --timeout 10s --latency -s "$script" \
             "$url" -- "$@" | tee -a "$work/wrk.log" | grep '^RESULT') || true
  # shellcheck disable=SC2086
  [[ -z $load_pid ]] || c1=$(cpu_ticks $load_pid)
  [[ -n $result ]] || { echo "bench: wrk gave no result for $url" >&2; exit 1; }
  get() { sed -n "s/.* $1=\([0-9.]*\).*/\1/p" <<<"$result"; }
  local bad=$(( $(get status) + $(get bad_body) + $(get read) + $(get timeout) ))
  # Little's law: with one request in flight per connection, req/s × mean latency cannot exceed
  # the connections. wrk's latency samples have broken it on these shared machines (a p99 of
  # seconds at full req/s); then its percentiles are not request latencies: say so.
  awk -v rps="$(get rps)" -v mean="$(get mean_us)" -v c="$connections" -v url="$url" 'BEGIN {
    inflight = rps * mean / 1e6
    if (mean != "" && inflight > c * 1.1)
      printf "bench: %s: wrk'"'"'s latencies break Little'"'"'s law (req/s × mean latency = %.0f in flight, %d connections): its p50/p99 are not request latencies in this run\n", url, inflight, c > "/dev/stderr"
  }'
  local cpu_us
  cpu_us=$(awk -v t=$((c1 - c0)) -v hz="$ticks_per_s" -v n="$(get requests)" \
             'BEGIN { printf "%.1f", (n > 0 ? t / hz * 1e6 / n : 0) }')
  echo "$(get rps) $(get p50_us) $(get p99_us) $bad $cpu_us"
}

# --set flags for every mediagate started: the run's fixed ones, then BENCH_SET's.
server_settings() {
  local kv
  printf '%s\n' --set access_log=off --set polyv.rate_limit.enabled=false --set admin.enabled=false
  for kv in ${BENCH_SET:-}; do printf '%s\n' --set "$kv"; done
}

# The run's certificate (--tls): made by `mediagate cert`, used by both servers.
tls_files() {
  [[ -s $work/tls/server.pem ]] || "$bin" cert --out "$work/tls" >/dev/null
}

start_mediagate() {  # start_mediagate STORE_URL THREADS [PORT [--set ...]]; sets mg_pid
  local store_url=$1 threads=$2 listen_port=${3:-$port} settings
  shift 2
  [[ $# -eq 0 ]] || shift
  mapfile -t settings < <(server_settings)
  settings+=("$@")
  if [[ $tls == 1 ]]; then
    tls_files
    settings+=(--tls-cert "$work/tls/server.pem" --tls-key "$work/tls/server.key")
  fi
  taskset -c "$server_cpu" "${mg_bin:-$bin}" serve --store "$store_url" --listen "127.0.0.1:$listen_port" \
    --threads "$threads" "${settings[@]}" >>"$work/server.log" 2>&1 &
  mg_pid=$!
  pids+=("$mg_pid")
  wait_port "$listen_port" "$mg_pid"
}

start_nginx() {  # sets nx_pid
  local listen="listen 127.0.0.1:$nginx_port;"
  if [[ $tls == 1 ]]; then
    tls_files
    chmod 644 "$work/tls/server.key"  # nginx's master reads it; the directory is the run's own
    # As mediagate's TLS (src/http/tls_context.cpp): TLS 1.2 and 1.3, Mozilla intermediate,
    # the client's cipher order, a session cache and tickets (resumption).
    listen="listen 127.0.0.1:$nginx_port ssl;
    ssl_certificate $work/tls/server.pem;
    ssl_certificate_key $work/tls/server.key;
    ssl_protocols TLSv1.2 TLSv1.3;
    ssl_ciphers ECDHE-ECDSA-AES128-GCM-SHA256:ECDHE-RSA-AES128-GCM-SHA256:ECDHE-ECDSA-AES256-GCM-SHA384:ECDHE-RSA-AES256-GCM-SHA384:ECDHE-ECDSA-CHACHA20-POLY1305:ECDHE-RSA-CHACHA20-POLY1305;
    ssl_ecdh_curve X25519:prime256v1:secp384r1;
    ssl_prefer_server_ciphers off;
    ssl_session_cache shared:SSL:10m;
    ssl_session_tickets on;"
  fi
  cat >"$work/nginx/nginx.conf" <<EOF
worker_processes 1;
daemon off;
pid $work/nginx/nginx.pid;
error_log $work/nginx/error.log;
events { worker_connections 1024; }
http {
  access_log off;
  default_type application/json;
  client_body_temp_path $work/nginx;
  proxy_temp_path $work/nginx;
  keepalive_requests 1000000;
  server {
    $listen
    root $work/www;
  }
}
EOF
  taskset -c "$server_cpu" nginx -c "$work/nginx/nginx.conf" -p "$work/nginx" &
  nx_pid=$!
  pids+=("$nx_pid")
  wait_port "$nginx_port" "$nx_pid"
  nx_worker=$(pgrep -P "$nx_pid" | head -1)  # the one worker: where the requests are served
}

ms() { awk -v us="$1" 'BEGIN { printf "%.2f", us / 1000 }'; }

# --- the main table ------------------------------------------------------------------------

main_table() {
  local db=$work/bench.db
  echo "seeding $videos videos..." >&2
  seed "$videos" "$db"
  read_targets "$work/seed-$videos.txt"
  start_mediagate "sqlite:$db" 1
  local endpoints=(vod live group iqiyi pumpkin)
  for e in "${endpoints[@]}"; do probe "$e"; done
  start_nginx
  local rows=()
  for e in "${endpoints[@]}"; do
    local size mg nx ns
    size=$(stat -c %s "$work/www/$e.json")
    load_pid=$mg_pid
    # shellcheck disable=SC2046
    mg=$(load "$scheme://127.0.0.1:$port" bench/endpoint.lua "$duration" $(endpoint_args "$e") \
           ${BENCH_PRESIGN:+presign=$BENCH_PRESIGN})
    load_pid=$nx_worker
    nx=$(load "$scheme://127.0.0.1:$nginx_port/$e.json" bench/static.lua "$duration")
    # nginx again, loaded by the same signing, answer-checking script as mediagate: both servers
    # then see the same arrival pattern when the load generator, not the server, sets the pace.
    # shellcheck disable=SC2046
    ns=$(load "$scheme://127.0.0.1:$nginx_port" bench/endpoint.lua "$duration" $(endpoint_args "$e") \
           ${BENCH_PRESIGN:+presign=$BENCH_PRESIGN})
    rows+=("$e $size $mg $nx $ns")
    [[ -z ${BENCH_DEBUG:-} ]] || echo "row: $e $size $mg $nx $ns" >&2
  done
  local rss conn_rows=()
  rss=$(awk '/VmHWM/{print $2}' "/proc/$mg_pid/status")
  if [[ $tls == 1 ]]; then
    local mode
    for mode in new reuse; do conn_rows+=("$mode $(connection_rate "$mode")"); done
  fi
  stop_pid "$nx_pid"
  stop_pid "$mg_pid"

  echo
  echo "mediagate $(git -C "$root" rev-parse --short HEAD) release, $videos videos, threads=1 on CPU $server_cpu;" \
       "wrk -t1 -c$connections -d${duration}s on CPU $load_cpu; load average $(cut -d' ' -f1-3 /proc/loadavg)"
  [[ -z ${BENCH_SET:-} ]] || echo "server settings: $BENCH_SET"
  [[ -z ${BENCH_PRESIGN:-} ]] ||
    echo "mg and ns: the first $BENCH_PRESIGN requests of each load signed before it starts"
  printf '| %-8s | %6s | %8s | %7s | %7s | %8s | %7s | %7s | %6s | %7s | %7s | %6s | %4s | %4s | %7s | %4s | %6s | %4s |\n' \
    endpoint bytes "mg req/s" "mg p50" "mg p99" "nx req/s" "nx p50" "nx p99" "mg/nx" \
    "mg µs" "nx µs" "nx/mg" "mg %" "nx %" "ns µs" "ns %" "ns/mg" bad
  printf '|%s|\n' "----------|--------|----------|---------|---------|----------|---------|---------|--------|---------|---------|--------|------|------|---------|------|--------|------"
  busy() { awk -v r="$1" -v c="$2" 'BEGIN { printf "%.0f", r * c / 1e4 }'; }
  ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", (b > 0 ? a / b : 0) }'; }
  for r in "${rows[@]}"; do
    read -r e size mrps mp50 mp99 mbad mcpu nrps np50 np99 nbad ncpu srps _ _ sbad scpu <<<"$r"
    printf '| %-8s | %6s | %8s | %7s | %7s | %8s | %7s | %7s | %6s | %7s | %7s | %6s | %4s | %4s | %7s | %4s | %6s | %4s |\n' \
      "$e" "$size" "$mrps" "$(ms "$mp50")" "$(ms "$mp99")" "$nrps" "$(ms "$np50")" "$(ms "$np99")" \
      "$(ratio "$mrps" "$nrps")" "$mcpu" "$ncpu" "$(ratio "$ncpu" "$mcpu")" \
      "$(busy "$mrps" "$mcpu")" "$(busy "$nrps" "$ncpu")" "$scpu" "$(busy "$srps" "$scpu")" \
      "$(ratio "$scpu" "$mcpu")" "$((mbad + nbad + sbad))"
  done
  echo "(latencies in ms; µs = CPU time of the server process per answer, nx/mg = their ratio:" \
       "the throughput ratio with a whole core each; % = how busy the server's core was (req/s ×" \
       "µs): below ~95 % the load generator, not the server, set the pace and the server's µs" \
       "per answer rise (fewer requests per wake-up); ns = nginx loaded by mediagate's own signing," \
       "answer-checking script (the same arrival pattern; its body at the endpoint's path);" \
       "bad = non-2xx, unsuccessful envelopes, read errors and timeouts (all three runs);" \
       "mediagate peak RSS ${rss} kB)"
  [[ $tls == 1 ]] || return 0
  echo
  echo "over HTTPS (TLS 1.3, the same certificate); new TLS connections, one request each" \
       "(openssl s_time -www on CPU $load_cpu, ${duration}s each; vod: a signed get-by-uploader)"
  printf '| %-10s | %9s | %9s | %6s | %7s | %7s | %6s |\n' \
    resumption "mg conn/s" "nx conn/s" "mg/nx" "mg µs" "nx µs" "nx/mg"
  printf '|%s|\n' "------------|-----------|-----------|--------|---------|---------|--------"
  for r in "${conn_rows[@]}"; do
    read -r mode mrate mcpu nrate ncpu <<<"$r"
    printf '| %-10s | %9s | %9s | %6s | %7s | %7s | %6s |\n' \
      "$([[ $mode == new ]] && echo off || echo on)" "$mrate" "$nrate" \
      "$(awk -v a="$mrate" -v b="$nrate" 'BEGIN { printf "%.2f", (b > 0 ? a / b : 0) }')" \
      "$mcpu" "$ncpu" "$(awk -v a="$ncpu" -v b="$mcpu" 'BEGIN { printf "%.2f", (b > 0 ? a / b : 0) }')"
  done
  echo "(µs = server CPU time per connection, handshake and one answer; conn/s as the one" \
       "s_time client saw them)"
}

# New TLS connections per second, one request each, for mediagate then nginx:
# connection_rate new|reuse -> "mg_rate mg_cpu_us nx_rate nx_cpu_us".
connection_rate() {
  local mode=$1 out=() target pid port_of
  # A signed get-by-uploader, valid for the run (VOD signs ptime, no nonce: it may repeat).
  local ptime sig
  ptime=$(date +%s%3N)
  sig=$(MEDIAGATE_SECRET=$vod_secret "$bin" sign --vendor polyv-vod --param "ptime=$ptime" \
          --param page=1 | awk '/^signature:/{print $2}')
  for target in mediagate nginx; do
    local path c0 c1 t0 t1 result n
    if [[ $target == mediagate ]]; then
      pid=$mg_pid port_of=$port path="/v2/video/$vod_user/get-by-uploader?page=1&ptime=$ptime&sign=$sig"
    else
      pid=$nx_worker port_of=$nginx_port path=/vod.json
    fi
    c0=$(cpu_ticks "$pid")
    t0=$(date +%s%N)
    result=$(taskset -c "$load_cpu" openssl s_time -connect "127.0.0.1:$port_of" -www "$path" \
               "-$mode" -time "$duration" 2>&1 | tee -a "$work/s_time.log" |
               grep -m1 'connections in .* real seconds') || true
    c1=$(cpu_ticks "$pid")
    t1=$(date +%s%N)
    [[ -n $result ]] || { echo "bench: s_time gave no result for $target" >&2; exit 1; }
    # "N connections in T real seconds, ...": T is rounded to whole seconds; our clock is not.
    n=$(awk '{print $1}' <<<"$result")
    out+=("$(awk -v n="$n" -v ns=$((t1 - t0)) 'BEGIN { printf "%.0f", n / (ns / 1e9) }')")
    out+=("$(awk -v t=$((c1 - c0)) -v hz="$ticks_per_s" -v n="$n" \
               'BEGIN { printf "%.1f", (n > 0 ? t / hz * 1e6 / n : 0) }')")
  done
  echo "${out[*]}"
}

# --- PostgreSQL + Redis ----------------------------------------------------------------------

# PostgreSQL and Redis from the project's test scripts, in the run's directory, on the server's
# CPU (what serves an answer shares one core, as on the SQLite side); sets pg_url, redis_url.
start_pg_redis() {
  pg_url=$(taskset -c "$server_cpu" "$root/scripts/pg-test-server.sh" start "$work/pg" | tail -1)
  redis_url=$(taskset -c "$server_cpu" "$root/scripts/redis-test-server.sh" start "$work/redis" |
                tail -1)
  [[ $pg_url == postgresql://* && $redis_url == redis://* ]] ||
    { echo "bench: PostgreSQL or Redis did not start (see $work/pg, $work/redis)" >&2; exit 1; }
}

# The processes that serve the database side: the postmaster's children and redis-server.
db_pids() {
  local postmaster
  postmaster=$(head -1 "$work/pg/data/postmaster.pid")
  echo "$(pgrep -P "$postmaster" | tr '\n' ' ')$(cat "$work/redis/redis.pid")"
}

postgres_table() {
  local db=$work/bench.db pg_port=$((port + 2)) e
  echo "seeding $videos videos into SQLite..." >&2
  seed "$videos" "$db"
  read_targets "$work/seed-$videos.txt"
  echo "starting PostgreSQL and Redis, seeding them..." >&2
  start_pg_redis
  "$bin" seed --store "$pg_url" --videos "$videos" >"$work/seed-pg.txt"
  # The same data: the same summary after the first line (which names the store and the time).
  if ! cmp -s <(tail -n +2 "$work/seed-$videos.txt") <(tail -n +2 "$work/seed-pg.txt"); then
    echo "bench: the PostgreSQL seed printed other data than the SQLite one" >&2
    exit 1
  fi
  endpoints=(vod live group iqiyi pumpkin)
  start_mediagate "sqlite:$db" 1
  local sq_pid=$mg_pid
  for e in "${endpoints[@]}"; do probe "$e"; done
  start_mediagate "$pg_url" 1 "$pg_port" --set "shared_state.url=$redis_url"
  local pg_pid=$mg_pid saved_port=$port
  port=$pg_port
  for e in "${endpoints[@]}"; do probe "$e"; done  # also opens the pool's connections
  port=$saved_port
  local rows=() size sq pg c0 c1 db_cpu dbp
  dbp=$(db_pids)
  for e in "${endpoints[@]}"; do
    size=$(stat -c %s "$work/www/$e.json")
    load_pid=$sq_pid
    # shellcheck disable=SC2046
    sq=$(load "http://127.0.0.1:$port" bench/endpoint.lua "$duration" $(endpoint_args "$e"))
    load_pid=$pg_pid
    # shellcheck disable=SC2086  # a list of pids
    c0=$(cpu_ticks $dbp)
    # shellcheck disable=SC2046
    pg=$(load "http://127.0.0.1:$pg_port" bench/endpoint.lua "$duration" $(endpoint_args "$e"))
    # shellcheck disable=SC2086
    c1=$(cpu_ticks $dbp)
    # Database CPU per answer; the answers are wrk's count, from its req/s and the duration.
    db_cpu=$(awk -v t=$((c1 - c0)) -v hz="$ticks_per_s" -v rps="${pg%% *}" -v d="$duration" \
               'BEGIN { n = rps * d; printf "%.1f", (n > 0 ? t / hz * 1e6 / n : 0) }')
    rows+=("$e $size $pg $sq $db_cpu")
  done
  stop_pid "$sq_pid"
  stop_pid "$pg_pid"

  echo
  echo "mediagate $(git -C "$root" rev-parse --short HEAD) release, $videos videos, threads=1;" \
       "$(psql --version | awk '{print "PostgreSQL " $3}')" \
       "+ Redis $(redis-server --version | sed 's/.*v=\([^ ]*\).*/\1/'), all on CPU $server_cpu;" \
       "wrk -t1 -c$connections -d${duration}s on CPU $load_cpu; load average $(cut -d' ' -f1-3 /proc/loadavg)"
  [[ -z ${BENCH_SET:-} ]] || echo "server settings: $BENCH_SET"
  printf '| %-8s | %6s | %8s | %7s | %7s | %8s | %7s | %6s | %7s | %7s | %6s | %7s | %4s |\n' \
    endpoint bytes "pg req/s" "pg p50" "pg p99" "sq req/s" "sq p99" "pg/sq" "pg µs" "sq µs" "sq/pg" \
    "db µs" bad
  printf '|%s|\n' "----------|--------|----------|---------|---------|----------|---------|--------|---------|---------|--------|---------|------"
  local r prps pp50 pp99 pbad pcpu srps sp99 sbad scpu dcpu
  for r in "${rows[@]}"; do
    read -r e size prps pp50 pp99 pbad pcpu srps _ sp99 sbad scpu dcpu <<<"$r"
    printf '| %-8s | %6s | %8s | %7s | %7s | %8s | %7s | %6s | %7s | %7s | %6s | %7s | %4s |\n' \
      "$e" "$size" "$prps" "$(ms "$pp50")" "$(ms "$pp99")" "$srps" "$(ms "$sp99")" \
      "$(awk -v a="$prps" -v b="$srps" 'BEGIN { printf "%.2f", (b > 0 ? a / b : 0) }')" \
      "$pcpu" "$scpu" "$(awk -v a="$scpu" -v b="$pcpu" 'BEGIN { printf "%.2f", (b > 0 ? a / b : 0) }')" \
      "$dcpu" "$((pbad + sbad))"
  done
  echo "(pg = mediagate on PostgreSQL + Redis, sq = mediagate on SQLite: same data, same run;" \
       "latencies in ms; µs = CPU time of the mediagate process per answer; db µs = CPU time of" \
       "PostgreSQL's backends and Redis per answer; pg/sq and sq/pg above 1 favour PostgreSQL)"
  two_instances
}

# Two instances on the same PostgreSQL + Redis behind nginx (round robin, keep-alive upstream).
# On two cores this shows that the pair serves correctly and what the proxy costs, not scaling:
# both instances, nginx and the databases share the server's one CPU.
two_instances() {
  local a b port_b=$((port + 2)) e
  start_mediagate "$pg_url" 1 "$port" --set "shared_state.url=$redis_url"
  a=$mg_pid
  start_mediagate "$pg_url" 1 "$port_b" --set "shared_state.url=$redis_url"
  b=$mg_pid
  cat >"$work/nginx/proxy.conf" <<NGINX
worker_processes 1;
daemon off;
pid $work/nginx/proxy.pid;
error_log $work/nginx/proxy-error.log;
events { worker_connections 1024; }
http {
  log_format upstream '\$upstream_addr \$upstream_status';
  access_log $work/nginx/proxy-access.log upstream;
  client_body_temp_path $work/nginx;
  proxy_temp_path $work/nginx;
  keepalive_requests 1000000;
  upstream mediagate {
    server 127.0.0.1:$port;
    server 127.0.0.1:$port_b;
    keepalive 64;
  }
  server {
    listen 127.0.0.1:$nginx_port;
    location / {
      proxy_pass http://mediagate;
      proxy_http_version 1.1;
      proxy_set_header Connection "";
    }
  }
}
NGINX
  taskset -c "$server_cpu" nginx -c "$work/nginx/proxy.conf" -p "$work/nginx" &
  local px_pid=$!
  pids+=("$px_pid")
  wait_port "$nginx_port" "$px_pid"
  local rows=() result count_a count_b
  for e in "${endpoints[@]}"; do
    : >"$work/nginx/proxy-access.log"
    load_pid="$a $b"
    # shellcheck disable=SC2046
    result=$(load "http://127.0.0.1:$nginx_port" bench/endpoint.lua "$duration" $(endpoint_args "$e"))
    count_a=$(grep -c "^127.0.0.1:$port " "$work/nginx/proxy-access.log" || true)
    count_b=$(grep -c "^127.0.0.1:$port_b " "$work/nginx/proxy-access.log" || true)
    rows+=("$e $result $count_a $count_b")
  done
  stop_pid "$px_pid"
  stop_pid "$a"
  stop_pid "$b"
  echo
  echo "two instances (threads=1 each) on that PostgreSQL + Redis behind nginx (round robin," \
       "keep-alive upstream), everything server-side on CPU $server_cpu:"
  printf '| %-8s | %9s | %7s | %7s | %11s | %11s | %8s | %4s |\n' \
    endpoint "req/s" p50 p99 "answers A" "answers B" "mg µs" bad
  printf '|%s|\n' "----------|-----------|---------|---------|-------------|-------------|----------|------"
  local r rps p50 p99 bad cpu ca cb
  for r in "${rows[@]}"; do
    read -r e rps p50 p99 bad cpu ca cb <<<"$r"
    printf '| %-8s | %9s | %7s | %7s | %11s | %11s | %8s | %4s |\n' \
      "$e" "$rps" "$(ms "$p50")" "$(ms "$p99")" "$ca" "$cb" "$cpu" "$bad"
  done
  echo "(answers A/B = what nginx sent each instance; mg µs = both instances' CPU per answer;" \
       "one core serves all: this is correctness and overhead, not scaling)"
}

# --- data-scale runs -----------------------------------------------------------------------

# Start-up to first answer: a request signed before launch, retried every 10 ms.
startup_ms() {  # startup_ms DB; sets startup (ms) and leaves mediagate running (mg_pid)
  local ptime sig url t0 t1
  ptime=$(($(date +%s%3N) + 5000))
  sig=$(MEDIAGATE_SECRET=$vod_secret "$bin" sign --vendor polyv-vod --param "ptime=$ptime" \
          --param page=1 | awk '/^signature:/{print $2}')
  url="http://127.0.0.1:$port/v2/video/$vod_user/get-by-uploader?page=1&ptime=$ptime&sign=$sig"
  local settings
  mapfile -t settings < <(server_settings)
  t0=$(date +%s%N)
  taskset -c "$server_cpu" "$bin" serve --store "sqlite:$1" --listen "127.0.0.1:$port" \
    --threads 1 "${settings[@]}" --set page_cache_bytes=0 >>"$work/server.log" 2>&1 &
  mg_pid=$!
  pids+=("$mg_pid")
  for _ in $(seq 3000); do
    if curl -s "$url" 2>/dev/null | grep -q '"status":"success"'; then break; fi
    kill -0 "$mg_pid" 2>/dev/null || { echo "bench: mediagate died" >&2; exit 1; }
    sleep 0.01
  done
  t1=$(date +%s%N)
  startup=$(((t1 - t0) / 1000000))
}

# One signed get-by-uploader, timed: timed_get NAME=VALUE...; sets timed (ms) and timed_body.
timed_get() {
  local ptime sig query kv out
  ptime=$(date +%s%3N)
  local sign_args=(--param "ptime=$ptime")
  query="ptime=$ptime"
  for kv in "$@"; do
    sign_args+=(--param "$kv")
    query+="&${kv%%=*}=$(jq -rn --arg v "${kv#*=}" '$v|@uri')"
  done
  sig=$(MEDIAGATE_SECRET=$vod_secret "$bin" sign --vendor polyv-vod "${sign_args[@]}" |
          awk '/^signature:/{print $2}')
  out=$(curl -s -w '\n%{time_total}' \
          "http://127.0.0.1:$port/v2/video/$vod_user/get-by-uploader?$query&sign=$sig")
  timed_body=$(head -n -1 <<<"$out")
  timed=$(tail -n 1 <<<"$out" | awk '{ printf "%.1f", $1 * 1000 }')
  if [[ $(jq -r '.status' <<<"$timed_body") != success ]]; then
    echo "bench: get-by-uploader $* failed: $timed_body" >&2
    exit 1
  fi
}

scale_runs() {
  local n db
  for n in $scale; do
    db=$work/scale-$n.db
    echo "seeding $n videos..." >&2
    seed "$n" "$db"
    read_targets "$work/seed-$n.txt"
    local disk start rss_idle
    disk=$(du -cb "$db"* | awk 'END{print $1}')
    startup_ms "$db"
    start=$startup
    rss_idle=$(awk '/VmRSS/{print $2}' "/proc/$mg_pid/status")
    # The account's first sub-account, a top category (its subtree), published only.
    local cataid
    cataid=$(sqlite3 "$db" "SELECT cataid FROM polyv_categories WHERE user_id = '$vod_user'
                            AND parent = 1 ORDER BY cataid LIMIT 1" 2>/dev/null || true)
    echo
    echo "== $n videos: database $((disk / 1048576)) MiB, seed $(cut -d' ' -f1 "$work/seed-$n.time") s," \
         "start-up to first answer ${start} ms, RSS after start-up $((rss_idle / 1024)) MiB"
    printf '| %-22s | %5s | %7s | %8s | %8s | %12s | %9s | %8s | %8s | %7s | %6s | %6s | %7s |\n' \
      filter order total "1st p1" "p1 once" "deep once" "p1 req/s" "p1 p99" "deep p99" \
      "deep/p1" "p1 µs" "deep µs" "µs d/p1"
    local filters=("none" "cataid=$cataid containSubCata=1" "email=$vod_email" "published=1")
    # BENCH_FILTERS=none (a space-separated subset of: none cataid email published) for big sizes.
    if [[ -n ${BENCH_FILTERS:-} ]]; then
      local kept=() k
      for k in "${filters[@]}"; do
        [[ " $BENCH_FILTERS " == *" ${k%%=*} "* ]] && kept+=("$k")
      done
      filters=("${kept[@]}")
    fi
    local f o
    for f in "${filters[@]}"; do
      local extra=() kv
      [[ $f == none ]] || for kv in $f; do extra+=("$kv"); done
      [[ $f == cataid=* && -z $cataid ]] && continue
      for o in 1 2 3 4; do
        # Sequential single requests first (the first one builds what a cache keeps).
        local first once total last deep_once
        timed_get "${extra[@]+"${extra[@]}"}" orderType=$o page=1
        first=$timed
        timed_get "${extra[@]+"${extra[@]}"}" orderType=$o page=1
        once=$timed
        total=$(jq '.data.totalItems' <<<"$timed_body")
        last=$((total / 20))  # the deepest full page (a partial last page costs less)
        [[ $last -ge 1 ]] || last=1
        timed_get "${extra[@]+"${extra[@]}"}" orderType=$o page=$last
        deep_once=$timed
        local r1="-" q1=0 q2=0 bad=0 ratio="-" u1="-" u2="-"
        # Under load only when a page takes under 50 ms (else 64 connections only queue).
        if awk -v a="$once" -v b="$deep_once" 'BEGIN { exit !(a < 50 && b < 50) }'; then
          local p1 deep pextra=() b1 b2
          load_pid=$mg_pid
          for kv in "${extra[@]+"${extra[@]}"}"; do pextra+=("p.$kv"); done
          # shellcheck disable=SC2046
          p1=$(load "http://127.0.0.1:$port" bench/endpoint.lua "$duration" \
                 $(endpoint_args vod "${pextra[@]+"${pextra[@]}"}" p.orderType=$o))
          # shellcheck disable=SC2046
          deep=$(load "http://127.0.0.1:$port" bench/endpoint.lua "$duration" \
                   $(endpoint_args vod "${pextra[@]+"${pextra[@]}"}" p.orderType=$o) p.page=$last)
          read -r r1 _ q1 b1 u1 <<<"$p1"
          read -r _ _ q2 b2 u2 <<<"$deep"
          bad=$((b1 + b2))
          ratio=$(awk -v a="$q2" -v b="$q1" 'BEGIN { printf "%.2f", a / b }')
        fi
        local cpu_ratio="-"
        [[ $u1 == - ]] || cpu_ratio=$(awk -v a="$u2" -v b="$u1" 'BEGIN { printf "%.2f", (b > 0 ? a / b : 0) }')
        printf '| %-22s | %5s | %7s | %8s | %8s | %12s | %9s | %8s | %8s | %7s | %6s | %6s | %7s |\n' \
          "${f%% *}" "$o" "$total" "$first" "$once" "$deep_once/p$last" "$r1" "$(ms "$q1")" \
          "$(ms "$q2")" "$ratio" "$u1" "$u2" "$cpu_ratio"
        [[ $bad == 0 ]] || echo "   ($bad bad answers)"
      done
    done
    rss=$(awk '/VmHWM/{print $2}' "/proc/$mg_pid/status")
    echo "peak RSS $((rss / 1024)) MiB for a database of $((disk / 1048576)) MiB"
    stop_pid "$mg_pid"
    [[ -n $keep ]] || rm -f "$db" "$db-wal" "$db-shm"
  done
}

# --- what seeing inside costs (--observe) --------------------------------------------------

# The journal (metadata) and metrics off, then on, twice each in turn (off, on, off, on): the
# server's CPU time per answer for every endpoint, and the change. Then a load of
# $observe_soak seconds against a server with the journal on (metadata) and a small byte bound,
# sampling the journal's gauges and the process's RSS every 2 s through the admin listener.
observe_run() {
  local db=$work/bench.db
  seed "$videos" "$db"
  read_targets "$work/seed-$videos.txt"
  local endpoints e round off_set=() on_set=() kv
  read -r -a endpoints <<<"${BENCH_OBSERVE_ENDPOINTS:-vod live group iqiyi pumpkin}"
  # (Set but empty is honoured: no settings, e.g. for an older build that knows none of them.)
  for kv in ${BENCH_OBSERVE_OFF-journal.mode=off metrics.enabled=false}; do off_set+=(--set "$kv"); done
  for kv in ${BENCH_OBSERVE_ON-journal.mode=metadata metrics.enabled=true}; do on_set+=(--set "$kv"); done
  # Both servers run at once, on the same core, and take the load in turn (off, on, off, on...,
  # $observe_rounds slices of $duration s each per endpoint): whatever else the machine does
  # falls on both alike.
  local off_pid on_pid on_port=$((port + 1)) off_db=$db
  # Before/after two builds: the "off" server runs BENCH_OBSERVE_OFF_BIN on a store that binary
  # seeded itself (an older build may not open a newer schema); the same seed options give the
  # same demo data, and the probe's sizes show whether the answers are alike.
  if [[ -n ${BENCH_OBSERVE_OFF_BIN:-} ]]; then
    off_db=$work/bench-off.db
    seed "$videos" "$off_db" "$BENCH_OBSERVE_OFF_BIN"
  fi
  mg_bin=${BENCH_OBSERVE_OFF_BIN:-} start_mediagate "sqlite:$off_db" 1 "$port" "${off_set[@]}"
  off_pid=$mg_pid
  start_mediagate "sqlite:$db" 1 "$on_port" "${on_set[@]}"
  on_pid=$mg_pid
  declare -A cpu_off=() cpu_on=() rps_off=() rps_on=()
  for e in "${endpoints[@]}"; do
    probe "$e"
    for round in $(seq "$observe_rounds"); do
      local which r rps cpu bad order="off on"
      # Which goes first alternates too: the second of a pair measured ~3 % more CPU in an A/A
      # run (the same settings on both servers) on this machine.
      [[ $((round % 2)) == 1 ]] || order="on off"
      for which in $order; do
        if [[ $which == off ]]; then load_pid=$off_pid; r=$port; else load_pid=$on_pid; r=$on_port; fi
        # shellcheck disable=SC2046
        r=$(load "$scheme://127.0.0.1:$r" bench/endpoint.lua "$duration" $(endpoint_args "$e"))
        read -r rps _ _ bad cpu <<<"$r"
        [[ $bad == 0 ]] || echo "bench: $bad bad answers for $e ($which)" >&2
        if [[ $which == off ]]; then
          cpu_off[$e]="${cpu_off[$e]:-} $cpu" rps_off[$e]="${rps_off[$e]:-} $rps"
        else
          cpu_on[$e]="${cpu_on[$e]:-} $cpu" rps_on[$e]="${rps_on[$e]:-} $rps"
        fi
      done
    done
  done
  stop_pid "$off_pid"
  stop_pid "$on_pid"
  mean() { awk '{ s = 0; for (i = 1; i <= NF; i++) s += $i; printf "%.1f", s / NF }' <<<"$1"; }
  # The median of the slices: one slice that shared its core with a burst elsewhere moves it less.
  median() { tr ' ' '\n' <<<"$1" | sed '/^$/d' | sort -g |
               awk '{ v[NR] = $1 } END { printf "%.1f", (NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2) }'; }
  echo
  echo "mediagate $(git -C "$root" rev-parse --short HEAD) release, $videos videos, threads=1 on CPU $server_cpu;" \
       "wrk -t1 -c$connections -d${duration}s on CPU $load_cpu, off and on in turn, $observe_rounds times each; load average $(cut -d' ' -f1-3 /proc/loadavg)"
  echo "off: ${BENCH_OBSERVE_OFF_BIN:+$BENCH_OBSERVE_OFF_BIN }${BENCH_OBSERVE_OFF-journal.mode=off metrics.enabled=false};" \
       "on: ${BENCH_OBSERVE_ON-journal.mode=metadata metrics.enabled=true}"
  printf '| %-8s | %11s | %11s | %16s | %16s | %8s |\n' endpoint "req/s off" "req/s on" \
    "µs off (runs)" "µs on (runs)" "µs change"
  printf '|%s|\n' "----------|-------------|-------------|------------------|------------------|----------"
  for e in "${endpoints[@]}"; do
    local a b
    a=$(median "${cpu_off[$e]}") b=$(median "${cpu_on[$e]}")
    printf '| %-8s | %11s | %11s | %16s | %16s | %7s%% |\n' "$e" "$(mean "${rps_off[$e]}")" \
      "$(mean "${rps_on[$e]}")" "$a (${cpu_off[$e]# })" "$b (${cpu_on[$e]# })" \
      "$(awk -v a="$a" -v b="$b" 'BEGIN { printf "%+.1f", (a > 0 ? (b - a) / a * 100 : 0) }')"
  done
  echo "(µs = CPU time of the server process per answer: the median, each slice's figure in" \
       "brackets; req/s: the mean)"

  # The journal's bound under load (--observe 0: none).
  [[ $observe_soak -gt 0 ]] || return 0
  local admin_port=$((port + 7)) token max_bytes=${BENCH_JOURNAL_BYTES:-1048576}
  token=$(head -c 24 /dev/urandom | od -An -tx1 | tr -d ' \n')
  MEDIAGATE_ADMIN_TOKEN=$token start_mediagate "sqlite:$db" 1 "$port" \
    --set admin.enabled=true --set "admin.listen=127.0.0.1:$admin_port" \
    --set journal.mode=metadata --set journal.max_entries=10000000 \
    --set "journal.max_bytes=$max_bytes"
  local samples=$work/journal-samples.txt
  : >"$samples"
  (
    end=$(($(date +%s) + observe_soak + 2))
    while [[ $(date +%s) -lt $end ]]; do
      m=$(curl -s -H "Authorization: Bearer $token" "http://127.0.0.1:$admin_port/metrics") || m=""
      jb=$(awk '$1 == "mediagate_journal_bytes" {print $2}' <<<"$m")
      je=$(awk '$1 == "mediagate_journal_entries" {print $2}' <<<"$m")
      jr=$(awk '$1 == "mediagate_journal_recorded_total" {print $2}' <<<"$m")
      rss=$(awk '/VmRSS/{print $2}' "/proc/$mg_pid/status" 2>/dev/null)
      echo "$(date +%s) ${jb:-?} ${je:-?} ${jr:-?} ${rss:-?}" >>"$samples"
      sleep 2
    done
  ) &
  local sampler=$!
  pids+=("$sampler")
  load_pid=$mg_pid
  local r
  # shellcheck disable=SC2046
  r=$(load "$scheme://127.0.0.1:$port" bench/endpoint.lua "$observe_soak" $(endpoint_args vod))
  wait "$sampler" 2>/dev/null || true
  stop_pid "$mg_pid"
  echo
  echo "journal under ${observe_soak}s of vod load (req/s p50_us p99_us bad µs: $r)," \
       "journal.mode=metadata, journal.max_bytes=$max_bytes, max_entries 10000000:"
  awk -v bound="$max_bytes" '
    $2 != "?" { n++; if ($2 > maxb) maxb = $2; if ($3 > maxe) maxe = $3; last_rec = $4;
                if (!rss0) rss0 = $5; rss1 = $5; if ($5 > maxrss) maxrss = $5 }
    END { printf "samples %d; journal bytes max %d (bound %d, %s); entries max %d; recorded %d;" \
                 " RSS first %d kB, last %d kB, max %d kB\n", n, maxb, bound,
                 (maxb <= bound ? "within" : "OVER THE BOUND"), maxe, last_rec, rss0, rss1, maxrss }' "$samples"
}

# --- instructions per answer under callgrind -----------------------------------------------

# Each build serves under callgrind (one thread); per endpoint: a probe and a warm-up, the
# counters zeroed, $duration s of load at 4 connections, a dump; instructions / answers.
instructions_run() {
  command -v valgrind >/dev/null || { echo "bench: --instructions needs valgrind" >&2; exit 1; }
  local db=$work/bench.db ref_db=$work/bench-ref.db endpoints e which
  read -r -a endpoints <<<"${BENCH_INSTR_ENDPOINTS:-vod live group iqiyi pumpkin}"
  seed "$videos" "$db"
  read_targets "$work/seed-$videos.txt"
  local builds=(this)
  if [[ -n ${BENCH_REF_BIN:-} ]]; then
    seed "$videos" "$ref_db" "$BENCH_REF_BIN"
    builds=(ref this)
  fi
  declare -A per_answer=()
  local connections=4
  for which in "${builds[@]}"; do
    local server=$bin store=$db settings
    [[ $which == this ]] || { server=$BENCH_REF_BIN store=$ref_db; }
    mapfile -t settings < <(server_settings)
    mkdir -p "$work/callgrind-$which"; rm -f "$work"/callgrind.*
    # shellcheck disable=SC2086 # BENCH_CALLGRIND_OPTIONS: several options, split on purpose
    taskset -c "$server_cpu" valgrind --tool=callgrind ${BENCH_CALLGRIND_OPTIONS:-} --callgrind-out-file="$work/callgrind.%p" \
      "$server" serve --store "sqlite:$store" --listen "127.0.0.1:$port" --threads 1 \
      "${settings[@]}" >>"$work/server.log" 2>&1 &
    mg_pid=$!
    pids+=("$mg_pid")
    wait_port "$port" "$mg_pid"
    for e in "${endpoints[@]}"; do
      probe "$e"
      # shellcheck disable=SC2046
      load "http://127.0.0.1:$port" bench/endpoint.lua 2 $(endpoint_args "$e") >/dev/null
      callgrind_control --zero "$mg_pid" >/dev/null 2>&1
      local r answers bad dump total
      # shellcheck disable=SC2046
      r=$(load "http://127.0.0.1:$port" bench/endpoint.lua "$duration" $(endpoint_args "$e"))
      read -r _ _ _ bad _ <<<"$r"
      callgrind_control --dump="$e" "$mg_pid" >/dev/null 2>&1
      answers=$(grep '^RESULT' "$work/wrk.log" | tail -1 | sed -n 's/.* requests=\([0-9]*\).*/\1/p')
      # shellcheck disable=SC2012 # the newest dump; the names are ours (callgrind.PID.N)
      dump=$(ls -t "$work"/callgrind.*.* | head -1); cp "$dump" "$work/callgrind-$which/$e.out"
      total=$(awk '/^(summary|totals):/ { print $2; exit }' "$dump")
      [[ $bad == 0 ]] || echo "bench: $bad bad answers for $e ($which)" >&2
      per_answer[$which.$e]=$(awk -v t="$total" -v n="$answers" 'BEGIN { printf "%.0f", t / n }')
      echo "$which $e: $total instructions / $answers answers" >&2
    done
    stop_pid "$mg_pid"
  done
  echo
  echo "mediagate $(git -C "$root" rev-parse --short HEAD) release${BENCH_REF_BIN:+ and $BENCH_REF_BIN}," \
       "$videos videos, threads=1 under callgrind; wrk -t1 -c$connections -d${duration}s per endpoint"
  if [[ -n ${BENCH_REF_BIN:-} ]]; then
    printf '| %-8s | %14s | %14s | %8s |\n' endpoint "instr. ref" "instr. this" change
    printf '|%s|\n' "----------|----------------|----------------|----------"
    for e in "${endpoints[@]}"; do
      printf '| %-8s | %14s | %14s | %7s%% |\n' "$e" "${per_answer[ref.$e]}" "${per_answer[this.$e]}" \
        "$(awk -v a="${per_answer[ref.$e]}" -v b="${per_answer[this.$e]}" 'BEGIN { printf "%+.1f", (b - a) / a * 100 }')"
    done
  else
    printf '| %-8s | %14s |\n' endpoint "instructions"
    printf '|%s|\n' "----------|----------------"
    for e in "${endpoints[@]}"; do printf '| %-8s | %14s |\n' "$e" "${per_answer[this.$e]}"; done
  fi
  echo "(user-space instructions of the server per answer, counted by callgrind; the kernel's" \
       "part, cache misses and waiting are not in it)"
}

# --- one endpoint under perf ----------------------------------------------------------------

profile_run() {
  local db=$work/bench.db
  seed "$videos" "$db"
  read_targets "$work/seed-$videos.txt"
  start_mediagate "sqlite:$db" 1
  probe "$profile" "${extra_params[@]+"${extra_params[@]}"}"
  # shellcheck disable=SC2046
  load "http://127.0.0.1:$port" bench/endpoint.lua 3 \
    $(endpoint_args "$profile" "${extra_params[@]+"${extra_params[@]}"}") >/dev/null  # warm-up
  # BENCH_PERF_CALLGRAPH="--call-graph dwarf": call chains through code built without frame pointers
  # shellcheck disable=SC2086
  perf record -e cpu-clock -F 2000 ${BENCH_PERF_CALLGRAPH:--g} -o "$work/perf.data" -p "$mg_pid" -- sleep "$duration" \
    2>/dev/null &
  local perf_pid=$!
  pids+=("$perf_pid")
  # shellcheck disable=SC2046
  result=$(load "http://127.0.0.1:$port" bench/endpoint.lua "$duration" \
             $(endpoint_args "$profile" "${extra_params[@]+"${extra_params[@]}"}"))
  wait "$perf_pid" || true
  echo "$profile ${extra_params[*]-}: req/s p50_us p99_us bad = $result"
  perf report -i "$work/perf.data" --no-children --percent-limit 0.7 --stdio 2>/dev/null |
    grep -v '^$' | grep -E '^ +[0-9]+\.[0-9]+%' | head -45
  echo "-- inclusive (children) --"
  perf report -i "$work/perf.data" --children --percent-limit 3 --stdio 2>/dev/null |
    grep -E '^ +[0-9]+\.[0-9]+%' | head -45
  stop_pid "$mg_pid"
}

if [[ $instructions == 1 ]]; then
  instructions_run
elif [[ -n $profile ]]; then
  profile_run
elif [[ -n $observe_soak ]]; then
  observe_run
elif [[ -n $scale ]]; then
  scale_runs
elif [[ $store_kind == postgres ]]; then
  postgres_table
else
  main_table
fi
