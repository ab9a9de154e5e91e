#!/usr/bin/env bash
# Writes under load on PostgreSQL (docs/benchmarks.md "Session 17"): each write moves the data
# generation, so every kept page is dropped at once while 64 connections keep asking for one.
# A throwaway PostgreSQL + Redis (the project's test scripts) and one `mediagate serve` on
# 127.0.0.1 (handler threads, metrics on a loopback listener); wrk loads get-by-uploader page 1
# at 64 connections for --duration s while --writes statements land 300 ms apart. Prints per
# round: req/s, p99, the store reads the pages cost (domain calls) per write, and the database
# connections open. With BENCH_REF_BIN, that build runs the same rounds alternately, for the
# ratio in the same run. Everything it starts it stops, by pid.
#
#   bench/write_herd.sh [--rounds N] [--writes N] [--duration S] [--no-build]
#   BENCH_REF_BIN=/path/to/other/mediagate bench/write_herd.sh --no-build
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD

rounds=2
writes=10
duration=4
build=1
server_cpu=${BENCH_SERVER_CPU:-0}
load_cpu=${BENCH_LOAD_CPU:-1}
port=${BENCH_PORT:-18480}
metrics_port=${BENCH_METRICS_PORT:-18489}
while [[ $# -gt 0 ]]; do
  case $1 in
    --rounds) rounds=$2; shift 2 ;;
    --writes) writes=$2; shift 2 ;;
    --duration) duration=$2; shift 2 ;;
    --no-build) build=0; shift ;;
    -h|--help) sed -n 2,12p "$0"; exit 0 ;;
    *) echo "bench/write_herd.sh: unknown argument $1" >&2; exit 2 ;;
  esac
done
[[ $writes -ge 1 && $rounds -ge 1 && $duration -ge 1 ]] || { echo "bench: bad counts" >&2; exit 2; }
(( writes * 3 < duration * 10 )) || { echo "bench: --writes must land within --duration" >&2; exit 2; }

bin=${BENCH_BIN:-$root/build/release/src/cli/mediagate}
if [[ $build == 1 ]]; then
  ./scripts/build.sh build/release Release -DMEDIAGATE_BUILD_TESTS=OFF >/dev/null
fi
[[ -x $bin ]] || { echo "bench: no $bin (build it, or set BENCH_BIN)" >&2; exit 1; }
command -v wrk >/dev/null || { echo "bench: needs wrk (bench/install-deps.sh)" >&2; exit 1; }

work=$(mktemp -d /tmp/mediagate-herd.XXXXXX)
mg_pid=""
cleanup() {
  [[ -z $mg_pid ]] || { kill "$mg_pid" 2>/dev/null || true; wait "$mg_pid" 2>/dev/null || true; }
  "$root/scripts/redis-test-server.sh" stop "$work/redis" >/dev/null 2>&1 || true
  "$root/scripts/pg-test-server.sh" stop "$work/pg" >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT

pg_url=$(taskset -c "$server_cpu" "$root/scripts/pg-test-server.sh" start "$work/pg" | tail -1)
redis_url=$(taskset -c "$server_cpu" "$root/scripts/redis-test-server.sh" start "$work/redis" | tail -1)
[[ $pg_url == postgresql://* && $redis_url == redis://* ]] || { echo "bench: services did not start" >&2; exit 1; }
"$bin" seed --store "$pg_url" --videos 10000 >"$work/seed.txt"
# The first VOD account and its secret, as the seed printed them ("userid secretkey | ...").
read -r user secret < <(awk 'found && NF >= 2 { print $1, $2; exit } /^Polyv accounts/ { found = 1 }' "$work/seed.txt")
[[ -n $user && -n $secret ]] || { echo "bench: no VOD credential in the seed's summary" >&2; exit 1; }
args=(vendor=polyv-vod "path=/v2/video/$user/get-by-uploader" "secret=$secret" time=ptime
      'ok={"code":200,"status":"success"' p.page=1)

metric() {  # metric TEXT NAME_AND_LABELS: the sample's value, 0 when absent
  awk -v n="$2" '$1 == n { print $2; found = 1 } END { if (!found) print 0 }' <<<"$1"
}
round() {  # round BIN LABEL
  local server=$1 label=$2 m0 m1 result w
  taskset -c "$server_cpu" "$server" serve --store "$pg_url" --listen "127.0.0.1:$port" --threads 1 \
    --set access_log=off --set admin.enabled=false --set polyv.rate_limit.enabled=false \
    --set "shared_state.url=$redis_url" --set "metrics.listen=127.0.0.1:$metrics_port" \
    >"$work/server.log" 2>&1 &
  mg_pid=$!
  for _ in $(seq 50); do curl -sf "http://127.0.0.1:$metrics_port/metrics" >/dev/null && break; sleep 0.1; done
  # A warm-up that keeps the page (and starts the change listener).
  taskset -c "$load_cpu" wrk -t1 -c1 -d1s -s bench/endpoint.lua "http://127.0.0.1:$port" -- "${args[@]}" >/dev/null
  m0=$(curl -s "http://127.0.0.1:$metrics_port/metrics")
  ( sleep 0.5
    for _ in $(seq "$writes"); do
      psql -q "$pg_url" -c "UPDATE polyv_categories SET name = name WHERE false"; sleep 0.3
    done ) &
  w=$!
  result=$(taskset -c "$load_cpu" wrk -t1 -c64 -d"${duration}s" --timeout 10s --latency \
             -s bench/endpoint.lua "http://127.0.0.1:$port" -- "${args[@]}" | grep '^RESULT') || true
  wait "$w"
  m1=$(curl -s "http://127.0.0.1:$metrics_port/metrics")
  local conns
  conns=$(psql -At "$pg_url" -c "SELECT count(*) FROM pg_stat_activity WHERE backend_type = 'client backend' AND application_name <> 'psql'")
  kill "$mg_pid"; wait "$mg_pid" 2>/dev/null || true; mg_pid=""
  get() { sed -n "s/.* $1=\([0-9.]*\).*/\1/p" <<<"$result"; }
  local key='mediagate_store_call_duration_seconds_count{operation="domain_call"}'
  awk -v l="$label" -v rps="$(get rps)" -v p99="$(get p99_us)" -v bad="$(( $(get status) + $(get bad_body) ))" \
      -v d="$(( $(metric "$m1" "$key") - $(metric "$m0" "$key") ))" -v w="$writes" -v c="$conns" \
      'BEGIN { printf "| %-5s | %7d | %7.2f | %11.1f | %8d | %3d |\n", l, rps, p99 / 1000, d / w, c, bad }'
}

echo "mediagate $(git -C "$root" rev-parse --short HEAD), PostgreSQL + Redis + mediagate on CPU $server_cpu," \
     "wrk -t1 -c64 -d${duration}s on CPU $load_cpu, $writes writes 300 ms apart per round"
printf '| %-5s | %7s | %7s | %11s | %8s | %3s |\n' build "req/s" "p99 ms" "reads/write" "db conns" bad
echo "|-------|---------|---------|-------------|----------|-----|"
for _ in $(seq "$rounds"); do
  [[ -z ${BENCH_REF_BIN:-} ]] || round "$BENCH_REF_BIN" ref
  round "$bin" this
done
echo "(reads/write: get-by-uploader pages read from the store per write, each write dropping the kept page;"
echo " db conns: the server's connections to PostgreSQL at the end, the change listener's included)"
