#!/usr/bin/env bash
# Quick start, command 1: install, build (release), and serve the five APIs on 127.0.0.1:8080
# from an SQLite file loaded with the demo fixtures. Ctrl-C stops the server gracefully.
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/install-deps.sh
./scripts/build.sh build/release Release -DMEDIAGATE_BUILD_TESTS=OFF

listen=${MEDIAGATE_DEMO_LISTEN:-127.0.0.1:8080}
cat <<TXT

mediagate is starting on http://$listen with demo data (fixtures/sample.json, store build/demo.db).
Try a signed Polyv VOD call (the signature is the vendor's SHA1 rule, computed by the shell):

  ptime=\$(date +%s%3N); curl -s "http://$listen/v2/video/b0f7041324/get-by-uploader?ptime=\$ptime&sign=\$(printf 'ptime=%stIQp4ATe9Z' \$ptime | sha1sum | cut -c1-40 | tr a-f A-F)"

TXT
exec ./build/release/src/cli/mediagate serve --listen "$listen" --store sqlite:build/demo.db \
  --fixtures fixtures/sample.json "$@"
