#!/usr/bin/env bash
# Quick start, command 2: install, build and run every test: formatting, the unit and
# integration suites, then the same suites again under AddressSanitizer + UBSan.
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/install-deps.sh

echo "== clang-format"
mapfile -t sources < <(git ls-files 'src/*.cpp' 'src/*.hpp' 'tests/*.cpp' 'tests/*.hpp' 'bench/*.cpp')
clang-format --dry-run -Werror "${sources[@]}"

echo "== test services (Redis on 127.0.0.1, a free port, stopped on exit)"
services_dir=$(mktemp -d "${TMPDIR:-/tmp}/mediagate-services-XXXXXX")
stop_services() {
  ./scripts/redis-test-server.sh stop "$services_dir/redis" || true
  rm -rf "$services_dir"
}
trap stop_services EXIT
MEDIAGATE_TEST_REDIS_URL=$(./scripts/redis-test-server.sh start "$services_dir/redis")
export MEDIAGATE_TEST_REDIS_URL
# Tests that need a service fail (instead of skipping) when it is missing.
export MEDIAGATE_TEST_REQUIRE_SERVICES=1

echo "== build and test (debug)"
./scripts/build.sh build/debug Debug
ctest --test-dir build/debug --output-on-failure -j "$(nproc)" --timeout 300

echo "== integration tests with shared state in Redis (debug)"
MEDIAGATE_TEST_SHARED_STATE=redis build/debug/tests/integration_tests

echo "== build and test (ASan + UBSan)"
./scripts/build.sh build/asan Debug -DMEDIAGATE_SANITIZE=ON
ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
  ctest --test-dir build/asan --output-on-failure -j "$(nproc)" --timeout 600

echo "== all tests passed"
