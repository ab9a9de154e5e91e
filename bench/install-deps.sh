#!/usr/bin/env bash
# The benchmark's own tools (Debian bookworm), beside the build's (scripts/install-deps.sh):
# kept out of the CI installer, which never runs the benchmark. Idempotent, like that one.
set -euo pipefail
"$(dirname "$0")/../scripts/install-deps.sh"
packages=(wrk nginx-light jq curl sqlite3 util-linux time linux-perf)
missing=()
for package in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$package")
  fi
done
if [ ${#missing[@]} -eq 0 ]; then
  echo "bench/install-deps: all ${#packages[@]} packages present"
  exit 0
fi
as_root=()
if [ "$(id -u)" -ne 0 ]; then
  command -v sudo >/dev/null || { echo "bench/install-deps: need root or sudo: ${missing[*]}" >&2; exit 1; }
  as_root=(sudo)
fi
echo "bench/install-deps: installing ${missing[*]}"
"${as_root[@]}" apt-get update -qq
DEBIAN_FRONTEND=noninteractive "${as_root[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}"
