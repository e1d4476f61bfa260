#!/usr/bin/env bash
# The work queue spread over several workers, in one run: PAGES one-page real scans handed to a
# PostgreSQL registry with `congvan enqueue`, drained by one `congvan worker` and then, queued
# again in a fresh database, by WORKERS `congvan worker` processes at once (processes on this
# machine stand for machines); beside the ideal of the same pages read by one
# `OMP_THREAD_LIMIT=1 tesseract PAGE - -l vie` per core, `nproc` at a time.
#
# Each worker runs with OMP_THREAD_LIMIT=1 and one pipeline thread (--workers 1) and `--once`
# (it exits when the queue is empty), so its time includes loading the rules and models once.
# The pages are the real scans and photos of tests/data/scans and tests/data/realscans (first
# pages and a signature page of decrees and letters), each used several times: copy k of a page
# has " copy k" appended after the image's end, which changes its SHA-256 (every copy is its
# own job) and not its pixels. A copy of a page whose number, issuer and date were read is
# another file of the same letter ("attached"), as a rescan would be; pages without them are
# letters of their own. An "already" outcome would mean a job read twice.
#
# The PostgreSQL server is a throwaway cluster started here (initdb and pg_ctl from Debian's
# postgresql package, a free local port, fsync on, removed at the end; as root it runs as the
# postgres account, since initdb refuses root). BACKEND=sqlite uses SQLite files instead
# (several workers on one machine).
#
#   [BACKEND=sqlite] bench/queue_workers.sh [PAGES] [WORKERS]      (default 200 pages, 4 workers)
set -euo pipefail
source "$(dirname "$0")/common.sh"
pages=${1:-200}
workers=${2:-4}
cores=$(nproc)
bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
[ -x "$bin/initdb" ] || { echo "bench: PostgreSQL server programs not installed (scripts/install-deps)" >&2; exit 1; }
command -v tesseract >/dev/null || { echo "bench: tesseract not installed" >&2; exit 1; }

work=$(mktemp -d /tmp/congvan-queue-XXXXXX)
chmod 755 "$work"
as_server=()
if [ "$(id -u)" = 0 ]; then
  mkdir "$work/pg"
  chown postgres: "$work/pg"
  as_server=(/usr/sbin/runuser -u postgres --)
else
  mkdir "$work/pg"
fi
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
stop() {
  jobs -p | xargs -r kill 2>/dev/null || true
  "${as_server[@]}" "$bin/pg_ctl" -D "$work/pg/data" -m immediate -w stop >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap stop EXIT
"${as_server[@]}" "$bin/initdb" -D "$work/pg/data" -U congvan -A trust -E UTF8 --locale=C.UTF-8 \
  --no-sync >"$work/initdb.log" 2>&1
"${as_server[@]}" "$bin/pg_ctl" -D "$work/pg/data" -l "$work/pg/server.log" -w \
  -o "-p $port -k $work/pg -c listen_addresses=127.0.0.1" start >/dev/null
backend=${BACKEND:-postgres}
if [ "$backend" = sqlite ]; then
  uri() { echo "$work/$1.db"; }
  sql() { python3 -c 'import sqlite3,sys; print(sqlite3.connect(sys.argv[1]).execute(sys.argv[2]).fetchone()[0])' "$work/$1.db" "$2"; }
  createdb() { :; }
  agg="group_concat(state || ' ' || n, ', ')"
else
  uri() { echo "postgresql://congvan@127.0.0.1:$port/$1"; }
  sql() { psql -h 127.0.0.1 -p "$port" -U congvan -d "$1" -Atc "$2"; }
  createdb() { "${as_server[@]}" "$bin/createdb" -h 127.0.0.1 -p "$port" -U congvan "$1"; }
  agg="string_agg(state || ' ' || n, ', ')"
fi

# The pages: real scans, copies made distinct after the image's end.
originals=("$root"/tests/data/scans/*.jpg "$root"/tests/data/scans/*.png "$root"/tests/data/realscans/*.png)
mkdir -p "$work/pages"
for ((i = 0; i < pages; i++)); do
  src=${originals[i % ${#originals[@]}]}
  ext=${src##*.}
  out=$(printf '%s/pages/page-%03d.%s' "$work" "$i" "$ext")
  cp "$src" "$out"
  printf ' copy %d' "$i" >>"$out"
done
echo "pages: $pages ($(du -sh "$work/pages" | cut -f1)), copies of ${#originals[@]} real scans;" \
  "workers: $workers; cores: $cores; load: $(cut -d' ' -f1-3 /proc/loadavg)"
if [ "$backend" = sqlite ]; then echo "SQLite files in $work"; else
  echo "PostgreSQL $("$bin/postgres" --version | awk '{print $3}') on 127.0.0.1:$port"; fi

cd "$work"
# drain DB N: queues every page in database DB, then N workers drain it; sets $seconds.
drain() {
  local db=$1 n=$2 t pids=()
  createdb "$db"
  t=$(now)
  "$CONGVAN" enqueue --db "$(uri "$db")" "$work/pages" >"$work/$db-enqueue.log"
  echo "  enqueue: $(tail -1 "$work/$db-enqueue.log") in $(seconds_since "$t") s"
  t=$(now)
  for ((w = 1; w <= n; w++)); do
    OMP_THREAD_LIMIT=1 /usr/bin/time -f '%U %S' -o "$work/$db-w$w.cpu" \
      "$CONGVAN" --workers 1 worker --once --name "w$w" --db "$(uri "$db")" \
      >"$work/$db-w$w.log" 2>&1 &
    pids+=($!)
  done
  local failed=0
  for p in "${pids[@]}"; do wait "$p" || failed=$((failed + 1)); done
  seconds=$(seconds_since "$t")
  cpu=$(cat "$work"/"$db"-w*.cpu | awk '{s += $1 + $2} END {printf "%.1f", s}')
  for ((w = 1; w <= n; w++)); do echo "  $(tail -1 "$work/$db-w$w.log")"; done
  echo "  jobs: $(sql "$db" "SELECT $agg FROM (SELECT state, count(*) n FROM jobs GROUP BY state) s");" \
    "letters: $(sql "$db" "SELECT count(*) FROM documents");" \
    "outcomes: $(sql "$db" "SELECT $agg FROM (SELECT outcome AS state, count(*) n FROM jobs WHERE state = 'done' GROUP BY outcome) s");" \
    "workers that failed: $failed"
}

echo "== 1 worker"
drain one 1
one=$seconds one_cpu=$cpu
echo "== $workers workers"
drain many "$workers"
many=$seconds many_cpu=$cpu
echo "== ideal: OMP_THREAD_LIMIT=1 tesseract PAGE - -l vie, $cores at a time"
t=$(now)
ls "$work"/pages/page-* | OMP_THREAD_LIMIT=1 /usr/bin/time -f '%U %S' -o "$work/ideal.cpu" \
  xargs -P "$cores" -I{} sh -c 'tesseract "$1" - -l vie >/dev/null 2>&1' _ {}
ideal=$(seconds_since "$t")
ideal_cpu=$(awk '{printf "%.1f", $1 + $2}' "$work/ideal.cpu")
echo "load at the end: $(cut -d' ' -f1-3 /proc/loadavg)"

# CPU: user + system seconds of the processes, per page; on a shared machine the wall times
# show what the run got, the CPU what it cost.
python3 - "$pages" "$workers" "$cores" "$one" "$many" "$ideal" "$one_cpu" "$many_cpu" "$ideal_cpu" <<'PY'
import sys
n, w, cores = int(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3])
one, many, ideal, one_cpu, many_cpu, ideal_cpu = (float(x) for x in sys.argv[4:10])
def line(label, wall, cpu):
    print(f"{label:44} {wall:8.1f} s  {n / wall:6.3f} pages/s   CPU {cpu / n:5.2f} s/page")
line('1 congvan worker', one, one_cpu)
line(f'{w} congvan workers', many, many_cpu)
line(f'{cores} x tesseract (ideal, one per core)', ideal, ideal_cpu)
print(f"{w} workers / 1 worker: {one / many:.2f}x;  {w} workers / ideal: {ideal / many:.2f};"
      f"  1 worker / one tesseract (ideal / {cores}): {ideal * cores / one:.2f}")
PY
