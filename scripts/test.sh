#!/usr/bin/env bash
# Quick start, command 2: install, build and run every test: formatting, clang-tidy, the unit and
# integration suites, then the same suites again under AddressSanitizer + UBSan.
# A throwaway PostgreSQL and a throwaway Redis (127.0.0.1, free ports, a temporary directory)
# run for the duration: the store suites run against PostgreSQL as well as SQLite, the shared
# state suites against Redis as well as memory, and the integration suites run a second time
# with PostgreSQL as the store and Redis as the shared state. A test that needs a service fails
# rather than skips (MEDIAGATE_TEST_REQUIRE_SERVICES=1). Both are stopped by pid on exit.
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/install-deps.sh

echo "== clang-format"
mapfile -t sources < <(git ls-files 'src/*.cpp' 'src/*.hpp' 'tests/*.cpp' 'tests/*.hpp' 'bench/*.cpp' 'fuzz/*.cpp' 'fuzz/*.hpp')
clang-format --dry-run -Werror "${sources[@]}"

echo "== vendor names stay in their modules (scripts/vendor-names.allow only shrinks)"
./scripts/check-vendor-names.sh

echo "== test services (PostgreSQL and Redis on 127.0.0.1, free ports, stopped on exit)"
services=$(mktemp -d "${TMPDIR:-/tmp}/mediagate-services.XXXXXX")
stop_services() {
  ./scripts/redis-test-server.sh stop "$services/redis" || true
  ./scripts/pg-test-server.sh stop "$services/postgres" || true
  rm -rf "$services"
}
trap stop_services EXIT
# An interrupted run (Ctrl-C, a CI timeout's SIGTERM) exits through the EXIT trap too.
trap 'exit 130' INT TERM
MEDIAGATE_TEST_POSTGRES_URL=$(./scripts/pg-test-server.sh start "$services/postgres")
MEDIAGATE_TEST_REDIS_URL=$(./scripts/redis-test-server.sh start "$services/redis")
export MEDIAGATE_TEST_POSTGRES_URL MEDIAGATE_TEST_REDIS_URL
export MEDIAGATE_TEST_REQUIRE_SERVICES=1
echo "PostgreSQL at $MEDIAGATE_TEST_POSTGRES_URL, Redis at $MEDIAGATE_TEST_REDIS_URL"

echo "== build and test (debug)"
./scripts/build.sh build/debug Debug
echo "== clang-tidy (.clang-tidy over src/, from build/debug/compile_commands.json)"
./scripts/tidy.sh build/debug
ctest --test-dir build/debug --output-on-failure -j "$(nproc)" --timeout 300

echo "== deployment examples (deploy/: nginx -t, systemd-analyze verify)"
./scripts/check-deploy.sh build/debug/src/cli/mediagate

# (ClientInstall tests the SDK's CMake package, and PostgresFault, SharedStateFault and
# SharedStateMultiInstance run their own servers whatever the store: once is enough for them.)
echo "== integration tests on PostgreSQL + Redis (debug)"
MEDIAGATE_TEST_STORE=postgres MEDIAGATE_TEST_SHARED_STATE=redis \
  ctest --test-dir build/debug -L integration -E "^(ClientInstall|PostgresFault|SharedStateFault|SharedStateMultiInstance)\." \
    --output-on-failure -j "$(nproc)" --timeout 300

echo "== build and test (ASan + UBSan)"
./scripts/build.sh build/asan Debug -DMEDIAGATE_SANITIZE=ON
ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
  ctest --test-dir build/asan --output-on-failure -j "$(nproc)" --timeout 600

# ThreadSanitizer over the server's concurrency (the connection slots and make_room, the admin
# failure limiter, the replay guard and caches under two server threads, the request journal
# under concurrent writers and a reader): only the binaries that need it are built
# (docs/reliability.md has the time it adds).
echo "== ThreadSanitizer: server unit tests and integration tests (2 server threads)"
./scripts/build.sh build/tsan Debug -DMEDIAGATE_SANITIZE=thread --target unit_http unit_observe integration_tests
TSAN_OPTIONS=halt_on_error=1:second_deadlock_stack=1 \
  ctest --test-dir build/tsan -R "$(cat scripts/tsan-tests.txt | paste -sd'|')" \
    --output-on-failure -j "$(nproc)" --timeout 600

echo "== all tests passed"
