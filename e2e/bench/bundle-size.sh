#!/usr/bin/env bash
# Prints the size of what a browser downloads from the UI's origin: each file of dist/, raw and gzip -9,
# and the totals. A measurement, not a test: it never fails on the numbers.
# Usage: bash e2e/bench/bundle-size.sh [dist-dir]   (build first: trunk build --release)
set -euo pipefail
DIST=${1:-dist}
[ -f "$DIST/index.html" ] || { echo "no build in $DIST: run trunk build --release first" >&2; exit 1; }
total_raw=0
total_gz=0
printf '%-48s %10s %10s\n' file raw gzip-9
while IFS= read -r -d '' f; do
  raw=$(wc -c < "$f")
  gz=$(gzip -9 -c "$f" | wc -c)
  total_raw=$((total_raw + raw))
  total_gz=$((total_gz + gz))
  printf '%-48s %10d %10d\n' "${f#"$DIST"/}" "$raw" "$gz"
done < <(find "$DIST" -type f -not -path '*/.stage/*' -print0 | sort -z)
printf '%-48s %10d %10d\n' TOTAL "$total_raw" "$total_gz"
# FreqUI, measured the same way (performance-anchors.md): 2.89 MB raw, 0.89 MB gzip -9, 51 files.
awk -v gz="$total_gz" 'BEGIN { printf "gzip total vs FreqUI (890000 B): %.2f (target <= 0.33)\n", gz / 890000 }'
