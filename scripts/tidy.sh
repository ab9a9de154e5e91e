#!/usr/bin/env bash
# clang-tidy (.clang-tidy at the root) over every translation unit under src/ that
# BUILD_DIR/compile_commands.json lists, one clang-tidy per core: tidy.sh BUILD_DIR.
# Prints each finding once (a header's finding comes from every file that includes it), their
# count and the time taken; fails on any finding.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
build=${1:?usage: tidy.sh BUILD_DIR}
database="$build/compile_commands.json"
[ -f "$database" ] || { echo "tidy: no $database (configure $build first)" >&2; exit 2; }

mapfile -t units < <(python3 -c '
import json, os, sys
root = sys.argv[2] + "/src/"
seen = set()
for entry in json.load(open(sys.argv[1])):
    path = os.path.normpath(os.path.join(entry["directory"], entry["file"]))
    if path.startswith(root) and path not in seen:
        seen.add(path)
        print(path)
' "$database" "$root")
[ "${#units[@]}" -gt 0 ] || { echo "tidy: no translation unit under src/ in $database" >&2; exit 2; }

output=$(mktemp "${TMPDIR:-/tmp}/mediagate-tidy.XXXXXX")
trap 'rm -f "$output"' EXIT
start=$(date +%s)
# GCC-only flags (-Wno-restrict…) are in compile_commands.json: clang must not stop at them.
status=0
printf '%s\0' "${units[@]}" |
  xargs -0 -P "$(nproc)" -n 1 clang-tidy -p "$build" --quiet \
    --extra-arg=-Wno-unknown-warning-option >"$output" 2>&1 || status=$?
elapsed=$(($(date +%s) - start))

# A finding is "path:line:col: error|warning: … [check]"; the same header line may be reported
# by several translation units.
findings=$(grep -E '^[^ ]+:[0-9]+:[0-9]+: (error|warning): ' "$output" | sort -u || true)
count=$(printf '%s' "$findings" | grep -c . || true)
if [ "$count" -gt 0 ]; then
  printf '%s\n' "$findings"
fi
echo "tidy: ${#units[@]} translation units, $count findings, ${elapsed}s"
if [ "$count" -gt 0 ] || [ "$status" -ne 0 ]; then
  if [ "$count" -eq 0 ]; then
    # clang-tidy failed without a finding in the usual form (a file that does not parse…).
    grep -v -E '^[0-9]+ warnings? (and [0-9]+ errors? )?generated\.$' "$output" | head -50
  fi
  exit 1
fi
