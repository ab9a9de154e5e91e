#!/usr/bin/env bash
# The vendor modules' boundary (issue 11): outside src/vendors/ no source file names a vendor.
# The files that still do are listed in scripts/vendor-names.allow while they move into their
# modules; the list may only shrink. Fails when a file not on the list names a vendor, and when
# a file on the list no longer does (take it off: the ratchet holds what was gained).
set -euo pipefail
cd "$(dirname "$0")/.."
allow=scripts/vendor-names.allow
pattern='polyv|iqiyi|pumpkin'

found=$(grep -rliE "$pattern" src --include='*.cpp' --include='*.hpp' --include='*.txt' \
          --include='*.in' --include='*.md' | grep -v '^src/vendors/' | LC_ALL=C sort || true)
listed=$(grep -v '^#' "$allow" | grep -v '^$' | LC_ALL=C sort || true)

new=$(LC_ALL=C comm -23 <(printf '%s\n' "$found" | sed '/^$/d') <(printf '%s\n' "$listed" | sed '/^$/d'))
gone=$(LC_ALL=C comm -13 <(printf '%s\n' "$found" | sed '/^$/d') <(printf '%s\n' "$listed" | sed '/^$/d'))
status=0
if [[ -n $new ]]; then
  echo "check-vendor-names: these files outside src/vendors/ name a vendor (move the vendor's part into its module):"
  printf '  %s\n' $new
  status=1
fi
if [[ -n $gone ]]; then
  echo "check-vendor-names: these files no longer name a vendor; take them off $allow:"
  printf '  %s\n' $gone
  status=1
fi
count=$(printf '%s\n' "$found" | sed '/^$/d' | wc -l)
echo "check-vendor-names: $count files outside src/vendors/ still name a vendor (allow list: $allow)"
exit $status
