#!/usr/bin/env bash
# Time from drop to registered for a one-page scan in `congvan watch`, against the time
# `congvan ocr` takes for the same page, measured alternately (ocr, then drop) so that the
# load of a shared machine falls on both alike. The watcher runs warm with its default settle
# delay (2 s, or SETTLE); each page is dropped with a rename, as a scanner or a copy to a share
# finishes, and counts as registered when it appears in processed/ (the watcher moves it only
# after the registry has it). The journal splits the time into waiting (settle) and reading.
# usage: bench/watch_latency.sh [PAGES]
set -euo pipefail
source "$(dirname "$0")/common.sh"
pages=${1:-5}
settle=${SETTLE:-2}
cores=$(nproc)
make_work_dir
render_pages "$pages" "$work/pages" true
mkdir -p "$work/in"
printf 'Kính gửi: Ủy ban nhân dân các xã\n' > "$work/tiny.txt"
echo "pages: $pages (degraded renders of real letters, 300 dpi), settle: $settle s, cores: $cores, load: $(cut -d' ' -f1-3 /proc/loadavg)"

start_watcher "$work/bench.db" "$work/in" "$work/watch.log"

OMP_THREAD_LIMIT=1 python3 - "$CONGVAN" "$work" "$settle" <<'PY'
import os, pathlib, sqlite3, statistics, subprocess, sys, time
congvan, work, settle = sys.argv[1], pathlib.Path(sys.argv[2]), float(sys.argv[3])

def timed(args):
    start = time.time()
    subprocess.run(args, check=True, stdout=subprocess.DEVNULL)
    return time.time() - start

startup = timed([congvan, "ocr", str(work / "tiny.txt")])
rows = []
for page in sorted((work / "pages").glob("page-*.tif")):
    ocr = timed([congvan, "ocr", str(page)]) - startup
    staged = work / ("staged-" + page.name)
    staged.write_bytes(page.read_bytes())
    start = time.time()
    os.rename(staged, work / "in" / page.name)
    while not list((work / "in" / "processed").glob("*/*/" + page.name)):
        if time.time() - start > 300:
            sys.exit("timed out waiting for " + page.name)
        time.sleep(0.01)
    latency = time.time() - start
    time.sleep(0.2)  # let the journal entry be finished
    db = sqlite3.connect(work / "bench.db")
    seen, claimed, finished = db.execute(
        "SELECT seen_ms, claimed_ms, finished_ms FROM file_journal WHERE path LIKE ?",
        ("%/" + page.name,)).fetchone()
    db.close()
    rows.append((page.name, ocr, latency, (claimed - seen) / 1000, (finished - claimed) / 1000))

print(f"{'page':14} {'ocr':>7} {'drop->registered':>17} {'waiting':>8} {'reading':>8} {'overhead':>9}")
for name, ocr, lat, wait, read in rows:
    print(f"{name:14} {ocr:6.2f}s {lat:16.2f}s {wait:7.2f}s {read:7.2f}s {lat - ocr - settle:8.2f}s")
ocr = statistics.median(r[1] for r in rows)
lat = statistics.median(r[2] for r in rows)
read = statistics.median(r[4] for r in rows)
print(f"ocr = `congvan ocr PAGE` minus its start-up ({startup:.2f} s on a tiny text); "
      f"overhead = drop->registered - ocr - settle")
print(f"median: OCR {ocr:.2f} s; drop to registered {lat:.2f} s = {lat / ocr:.2f}x the OCR time; "
      f"overhead beyond the {settle:g} s settle delay {lat - ocr - settle:+.2f} s; "
      f"reading+registering in the watcher {read:.2f} s ({read / ocr:.2f}x OCR)")
PY
