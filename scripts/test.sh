#!/usr/bin/env bash
# Quick start, command 2: install, build and run every test: formatting, the unit and
# integration suites, then the same suites again under AddressSanitizer + UBSan.
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/install-deps.sh

echo "== clang-format"
mapfile -t sources < <(git ls-files 'src/*.cpp' 'src/*.hpp' 'tests/*.cpp' 'tests/*.hpp' 'bench/*.cpp')
clang-format --dry-run -Werror "${sources[@]}"

echo "== build and test (debug)"
./scripts/build.sh build/debug Debug
ctest --test-dir build/debug --output-on-failure -j "$(nproc)" --timeout 300

echo "== build and test (ASan + UBSan)"
./scripts/build.sh build/asan Debug -DMEDIAGATE_SANITIZE=ON
ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
  ctest --test-dir build/asan --output-on-failure -j "$(nproc)" --timeout 600

echo "== all tests passed"
