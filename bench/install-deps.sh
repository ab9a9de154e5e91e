#!/usr/bin/env bash
# The benchmark's own tools (Debian bookworm), on top of the build's: installed through the
# project's installer, but kept out of the CI install, which never runs the benchmark.
set -euo pipefail
exec "$(dirname "$0")/../scripts/install-deps.sh" wrk nginx-light jq curl sqlite3 util-linux time linux-perf valgrind
