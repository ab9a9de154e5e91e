#!/usr/bin/env bash
# Configures and builds one flavour: build.sh DIR BUILD_TYPE [extra cmake args...] [--target T...]
# (everything after --target is passed to cmake --build: build only those targets)
set -euo pipefail
cd "$(dirname "$0")/.."
dir=$1 type=$2
shift 2
configure=() targets=()
while [ $# -gt 0 ]; do
  if [ "$1" = --target ]; then
    shift
    targets=("$@")
    break
  fi
  configure+=("$1")
  shift
done
export CCACHE_DIR=${CCACHE_DIR:-$PWD/.cache/ccache}
cmake -S . -B "$dir" -G Ninja -DCMAKE_BUILD_TYPE="$type" "${configure[@]}" >/dev/null
cmake --build "$dir" -j "$(nproc)" ${targets[@]:+--target "${targets[@]}"}
