#!/usr/bin/env bash
# Installs mediagate's build and test dependencies from Debian bookworm packages, plus any
# packages named as arguments (bench/install-deps.sh adds the benchmark's tools this way).
# Idempotent: when everything is already installed it changes nothing and needs no network.
set -euo pipefail

packages=(
  g++ cmake ninja-build ccache pkg-config git ca-certificates curl
  libboost1.81-dev libboost-json1.81-dev libboost-url1.81-dev
  libssl-dev libsqlite3-dev sqlite3
  libhiredis-dev redis-server
  libpq-dev postgresql
  nginx-light
  libgtest-dev libgmock-dev googletest
  clang-format
  python3 python3-prometheus-client
  clang libclang-rt-14-dev
  "$@"
)

missing=()
for package in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$package")
  fi
done

if [ ${#missing[@]} -eq 0 ]; then
  echo "install-deps: all ${#packages[@]} packages present"
  exit 0
fi

as_root=()
if [ "$(id -u)" -ne 0 ]; then
  command -v sudo >/dev/null || { echo "install-deps: need root or sudo to install: ${missing[*]}" >&2; exit 1; }
  as_root=(sudo)
fi
echo "install-deps: installing ${missing[*]}"
"${as_root[@]}" apt-get update -qq
DEBIAN_FRONTEND=noninteractive "${as_root[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}"
