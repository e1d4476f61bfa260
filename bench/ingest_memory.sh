#!/usr/bin/env bash
# Peak memory (maximum resident set) of `congvan ingest` on a 50-page scanned (image-only) PDF,
# with every core busy. Pages must be rendered and OCR'd as a stream: target under 1 GB.
# usage: bench/ingest_memory.sh [PAGES]
set -euo pipefail
source "$(dirname "$0")/common.sh"
pages=${1:-50}
make_work_dir
render_pages "$pages" "$work/pages" false
mkdir -p "$work/tifs" && cp "$work"/pages/page-*.tif "$work/tifs/"
convertfilestopdf "$work/tifs" tif 300 1.0 0 0 "bench" "$work/scan.pdf" >/dev/null 2>&1
echo "input: $(ls -la "$work/scan.pdf" | awk '{print $5}') bytes, $pages pages, image-only PDF"
/usr/bin/time -v "$CONGVAN" ingest --db "$work/bench.db" "$work/scan.pdf" > "$work/out" 2> "$work/time"
tail -1 "$work/out"
grep -E "Maximum resident set size|Elapsed \(wall" "$work/time"
awk '/Maximum resident set size/ {printf "peak RSS: %.0f MB (target < 1024 MB)\n", $6/1024}' "$work/time"
