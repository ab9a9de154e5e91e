#!/usr/bin/env bash
# Installs mediagate's build and test dependencies from Debian bookworm packages, plus any
# packages named as arguments (bench/install-deps.sh adds the benchmark's tools this way), and
# the test tools' npm packages (tests/openapi, tests/browser: `npm ci` from their locks).
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
  clang-format clang-tidy
  python3 python3-prometheus-client
  chromium fonts-dejavu-core fonts-wqy-microhei
  clang libclang-rt-14-dev
  "$@"
)

# Node.js for the browser tests: Debian's, unless a node with npm is already installed (another
# distribution's nodejs package includes npm and conflicts with Debian's npm).
if ! command -v node >/dev/null || ! command -v npm >/dev/null; then
  packages+=(nodejs npm)
fi

missing=()
for package in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$package")
  fi
done

if [ ${#missing[@]} -eq 0 ]; then
  echo "install-deps: all ${#packages[@]} packages present"
else
  as_root=()
  if [ "$(id -u)" -ne 0 ]; then
    command -v sudo >/dev/null || { echo "install-deps: need root or sudo to install: ${missing[*]}" >&2; exit 1; }
    as_root=(sudo)
  fi
  echo "install-deps: installing ${missing[*]}"
  "${as_root[@]}" apt-get update -qq
  DEBIAN_FRONTEND=noninteractive "${as_root[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

# npm packages, exactly as each folder's committed package-lock.json pins them. `npm ci` runs
# only when the lock file changed since the last install (its hash is kept in node_modules), so
# a second run changes nothing and needs no network.
here=$(cd "$(dirname "$0")/.." && pwd)
for folder in tests/openapi tests/browser; do
  lock="$here/$folder/package-lock.json"
  stamp="$here/$folder/node_modules/.installed-lock.sha256"
  wanted=$(sha256sum "$lock" | cut -d' ' -f1)
  if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$wanted" ]; then
    echo "install-deps: npm packages of $folder present"
    continue
  fi
  echo "install-deps: npm ci in $folder"
  (cd "$here/$folder" && npm ci --no-audit --no-fund --ignore-scripts --loglevel=error)
  echo "$wanted" >"$stamp"
done
