#!/usr/bin/env bash
# Fuzzes every target in fuzz/ for SECONDS each (default 60), one at a time, with libFuzzer
# (clang + libclang-rt-14-dev, installed by scripts/install-deps.sh), ASan and UBSan:
#   ./scripts/fuzz.sh [seconds] [target...]        (FUZZ_NO_BUILD=1: build/fuzz as it is)
#   FUZZ_RUNS=10000000 ./scripts/fuzz.sh 3600       (each target stops at N executions or the time)
#   FUZZ_TIMEOUT=60: seconds one input may take before it is a finding (default 10; raise it
#   when the run is niced beside builds, where a starved process can miss 10 s of wall clock)
# Builds build/fuzz (clang; the GCC builds are untouched), starts each target from its committed
# corpus (fuzz/corpus/<target>/), then merges what it found that adds coverage back into that
# corpus (new files named by their SHA-1: review, then commit them). A finding stops the script,
# leaving the input in build/fuzz/artifacts/. One line a target is appended to
# build/fuzz/summary.txt: executions, exec/s, cov and ft as libFuzzer prints them.
# Not part of the test command: the corpora are replayed there (ctest -L fuzz).
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-60}
shift || true
export CCACHE_DIR=${CCACHE_DIR:-$PWD/.cache/ccache}
targets=("$@")
if [ ${#targets[@]} -eq 0 ]; then
  mapfile -t targets < <(ls fuzz/targets | sed 's/\.cpp$//')
fi
if [ -z "${FUZZ_NO_BUILD:-}" ]; then  # FUZZ_NO_BUILD=1: use build/fuzz as it is
  CXX=clang++ cmake -S . -B build/fuzz -G Ninja -DMEDIAGATE_FUZZ=ON -DCMAKE_BUILD_TYPE=Debug \
    -DCMAKE_CXX_FLAGS_DEBUG="-O1 -g" >/dev/null
  cmake --build build/fuzz -j "$(nproc)" --target "${targets[@]/#/fuzz_}"
fi

mkdir -p build/fuzz/artifacts build/fuzz/logs
export ASAN_OPTIONS=detect_leaks=1:abort_on_error=1
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
for target in "${targets[@]}"; do
  binary=build/fuzz/fuzz/fuzz_$target
  found=build/fuzz/found/$target
  log=build/fuzz/logs/$target.log
  rm -rf "$found" && mkdir -p "$found"
  echo "== $target: ${seconds}s"
  # One process (the machine is shared); -jobs=1 would only add a supervisor.
  runs_limit=()
  [ -z "${FUZZ_RUNS:-}" ] || runs_limit=(-runs="$FUZZ_RUNS")
  if ! "$binary" -max_total_time="$seconds" "${runs_limit[@]}" -timeout="${FUZZ_TIMEOUT:-10}" -rss_limit_mb=2048 -max_len=8192 \
      -print_final_stats=1 -artifact_prefix="build/fuzz/artifacts/$target-" \
      "$found" "fuzz/corpus/$target" >"$log" 2>&1; then
    tail -n 60 "$log"
    echo "fuzz: $target: FINDING (input in build/fuzz/artifacts/, log $log)" >&2
    exit 1
  fi
  runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log")
  speed=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log")
  last=$(grep -E '^#[0-9]+' "$log" | tail -n 1)
  cov=$(sed -n 's/.* cov: \([0-9]*\).*/\1/p' <<<"$last")
  ft=$(sed -n 's/.* ft: \([0-9]*\).*/\1/p' <<<"$last")
  # Keep only inputs that add coverage to the committed corpus.
  "$binary" -merge=1 -max_len=8192 "fuzz/corpus/$target" "$found" >>"$log" 2>&1
  line="$(date -u +%FT%TZ) $target seconds=$seconds runs=$runs exec/s=$speed cov=$cov ft=$ft corpus=$(ls "fuzz/corpus/$target" | wc -l)"
  echo "$line" | tee -a build/fuzz/summary.txt
done
