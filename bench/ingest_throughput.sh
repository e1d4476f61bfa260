#!/usr/bin/env bash
# Pages per second of `congvan ingest` on 20 rendered pages, against plain tesseract in the same
# run: (a) page by page as a user runs it, with its default OpenMP threads and with
# OMP_THREAD_LIMIT=1, and (b) the ideal: one OMP_THREAD_LIMIT=1 tesseract process per core.
# usage: bench/ingest_throughput.sh [PAGES] [--skip-default-omp]
set -euo pipefail
source "$(dirname "$0")/common.sh"
pages=${1:-20}
skip_omp=${2:-}
make_work_dir
cores=$(nproc)
render_pages "$pages" "$work/pages" true
ls "$work"/pages/page-*.tif > "$work/list"
echo "pages: $pages (degraded renders of real letters, 300 dpi), cores: $cores"

if [ "$skip_omp" != "--skip-default-omp" ]; then
  t=$(now)
  while read -r f; do env -u OMP_THREAD_LIMIT tesseract "$f" - -l vie >/dev/null 2>&1; done < "$work/list"
  omp=$(seconds_since "$t")
fi
t=$(now)
while read -r f; do OMP_THREAD_LIMIT=1 tesseract "$f" - -l vie >/dev/null 2>&1; done < "$work/list"
seq1=$(seconds_since "$t")
t=$(now)
xargs -P "$cores" -I{} env OMP_THREAD_LIMIT=1 tesseract {} {}.out -l vie < "$work/list" >/dev/null 2>&1
ideal=$(seconds_since "$t")
t=$(now)
"$CONGVAN" ingest --db "$work/bench.db" "$work/pages" >/dev/null
ours=$(seconds_since "$t")

python3 - "$pages" "${omp:-}" "$seq1" "$ideal" "$ours" <<'PY'
import sys
n = int(sys.argv[1]); omp = float(sys.argv[2]) if sys.argv[2] else None
seq1, ideal, ours = map(float, sys.argv[3:6])
row = lambda name, s: print(f"{name:48} {s:8.1f} s  {n / s:6.2f} pages/s")
if omp is not None:
    row("tesseract page by page (default OpenMP)", omp)
row("tesseract page by page (OMP_THREAD_LIMIT=1)", seq1)
row("ideal: one OMP_THREAD_LIMIT=1 tesseract per core", ideal)
row("congvan ingest (OCR + repair + extract + registry)", ours)
if omp is not None:
    print(f"congvan / tesseract default OpenMP: {omp / ours:5.2f}x faster")
print(f"congvan / tesseract OMP_THREAD_LIMIT=1: {seq1 / ours:5.2f}x faster")
print(f"congvan / ideal: {ideal / ours:5.2f} of the ideal throughput (target >= 0.95)")
PY
