#!/usr/bin/env bash
# Throughput of a burst dropped into `congvan watch` against `congvan ingest` of the same files,
# in the same run: PAGES one-page scans (degraded renders of real letters, 300 dpi). The watcher
# is warm (started before the burst, as a service is) and keeps its default settle delay (2 s,
# or SETTLE); the burst is renamed into the folder at once and is done when every file is in
# processed/. `congvan ingest` is timed from its start (it loads the same rules and model).
# usage: [ORDER=watch-first] bench/watch_throughput.sh [PAGES]
set -euo pipefail
source "$(dirname "$0")/common.sh"
pages=${1:-100}
settle=${SETTLE:-2}
cores=$(nproc)
make_work_dir
render_pages "$pages" "$work/pages" true
rm -f "$work"/pages/*.txt
mkdir -p "$work/in" "$work/staging"
cp "$work"/pages/page-*.tif "$work/staging/"
echo "pages: $pages one-page scans, settle: $settle s, cores: $cores, load: $(cut -d' ' -f1-3 /proc/loadavg)"

run_ingest() {
  local t; t=$(now)
  OMP_THREAD_LIMIT=1 "$CONGVAN" ingest --db "$work/ingest.db" "$work/pages" >/dev/null
  ingest=$(seconds_since "$t")
  echo "ingest done, load: $(cut -d' ' -f1-3 /proc/loadavg)"
}
run_watch() {
  start_watcher "$work/watch.db" "$work/in" "$work/watch.log"
  local t; t=$(now)
  for f in "$work"/staging/page-*.tif; do mv "$f" "$work/in/"; done
  until [ "$(find "$work/in/processed" -type f -name 'page-*.tif' | wc -l)" -ge "$pages" ]; do sleep 0.1; done
  watched=$(seconds_since "$t")
  registered=$(python3 -c "import sqlite3,sys; print(sqlite3.connect(sys.argv[1]).execute('select count(*) from documents').fetchone()[0])" "$work/watch.db")
  echo "watch done, load: $(cut -d' ' -f1-3 /proc/loadavg)"
}
# ORDER=watch-first runs the watcher's burst first, to see how much the machine's load moved.
if [ "${ORDER:-}" = watch-first ]; then run_watch; run_ingest; else run_ingest; run_watch; fi
echo "load at the end: $(cut -d' ' -f1-3 /proc/loadavg)"

python3 - "$pages" "$ingest" "$watched" "$settle" "$registered" <<'PY'
import sys
n, ingest, watched, settle = int(sys.argv[1]), float(sys.argv[2]), float(sys.argv[3]), float(sys.argv[4])
print(f"{'congvan ingest DIR':44} {ingest:8.1f} s  {n / ingest:6.2f} pages/s")
print(f"{'congvan watch, burst dropped at once':44} {watched:8.1f} s  {n / watched:6.2f} pages/s"
      f"  ({sys.argv[5]} registered)")
print(f"watch / ingest throughput: {ingest / watched:.2f} "
      f"(the burst's time includes the {settle:g} s settle delay)")
PY
