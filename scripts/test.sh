#!/usr/bin/env bash
# Quick start, command 2: install, build and run every test: formatting, the unit and
# integration suites, then the same suites again under AddressSanitizer + UBSan.
# A throwaway PostgreSQL server (127.0.0.1, a free port, a temporary directory) runs for the
# duration: the store suites run against it as well as SQLite, the integration suites run a
# second time with PostgreSQL as the store, and a test that needs it fails rather than skips
# (MEDIAGATE_TEST_REQUIRE_SERVICES=1). It is stopped by its pid on exit, whatever happens.
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/install-deps.sh

services=$(mktemp -d "${TMPDIR:-/tmp}/mediagate-services.XXXXXX")
stop_services() {
  ./scripts/pg-test-server.sh stop "$services/postgres" || true
  rm -rf "$services"
}
trap stop_services EXIT
echo "== start PostgreSQL"
MEDIAGATE_TEST_POSTGRES_URL=$(./scripts/pg-test-server.sh start "$services/postgres")
export MEDIAGATE_TEST_POSTGRES_URL
export MEDIAGATE_TEST_REQUIRE_SERVICES=1
echo "PostgreSQL at $MEDIAGATE_TEST_POSTGRES_URL"

echo "== clang-format"
mapfile -t sources < <(git ls-files 'src/*.cpp' 'src/*.hpp' 'tests/*.cpp' 'tests/*.hpp' 'bench/*.cpp')
clang-format --dry-run -Werror "${sources[@]}"

echo "== build and test (debug)"
./scripts/build.sh build/debug Debug
ctest --test-dir build/debug --output-on-failure -j "$(nproc)" --timeout 300

# (ClientInstall tests the SDK's CMake package and PostgresFault runs its own cluster whatever
# the store: once is enough for them.)
echo "== integration tests with PostgreSQL as the store (debug)"
MEDIAGATE_TEST_STORE=postgres \
  ctest --test-dir build/debug -L integration -E "^(ClientInstall|PostgresFault)\." --output-on-failure \
    -j "$(nproc)" --timeout 300

echo "== build and test (ASan + UBSan)"
./scripts/build.sh build/asan Debug -DMEDIAGATE_SANITIZE=ON
ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
  ctest --test-dir build/asan --output-on-failure -j "$(nproc)" --timeout 600

echo "== all tests passed"
