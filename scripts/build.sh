#!/usr/bin/env bash
# Configures and builds one flavour: build.sh DIR BUILD_TYPE [extra cmake args...]
set -euo pipefail
cd "$(dirname "$0")/.."
dir=$1 type=$2
shift 2
export CCACHE_DIR=${CCACHE_DIR:-$PWD/.cache/ccache}
cmake -S . -B "$dir" -G Ninja -DCMAKE_BUILD_TYPE="$type" "$@" >/dev/null
cmake --build "$dir" -j "$(nproc)"
