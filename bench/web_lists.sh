#!/usr/bin/env bash
# Page weight and response time of the long lists at scale: fills a registry with 10,000
# letters and 100,000 tasks (bench/registry_scale.cc: 9,000 by AddAll and 1,000 one by one,
# 10 tasks each), closes a quarter of the tasks (on time and late, one in forty this month) and
# moves one in fifty of the open ones to a deadline in the coming weeks, so every count of the
# dashboard and the report has work to do; serves it with `congvan serve` on a loopback port,
# and fetches each page of the letter list (/), the task list (/tasks), the dashboard
# (/tong-quan) and the printable report (/bao-cao) REPEAT times, one request at a time: prints
# p50, p95 and max of the time from request to last byte (curl's time_total, on loopback: the
# server's time plus a copy) and the page's size.
# Usage: bench/web_lists.sh [LETTERS_BY_ADDALL] [REPEAT] [DB]   (after scripts/build)
#   DB: an existing file is reused as it is (no refill).
set -euo pipefail
source "$(dirname "$0")/common.sh"
letters=${1:-9000}
repeat=${2:-40}
work=$(mktemp -d)
db=${3:-$work/r.db}
server=""
trap '[ -n "$server" ] && kill "$server" 2>/dev/null; wait 2>/dev/null; rm -rf "$work"' EXIT
if [ ! -f "$db" ]; then
  "$root/build/registry_scale" --letters "$letters" --queries 1 --data "$root/tests/data/devset" \
    --db "$db" >"$work/fill.log"
  grep -E "^(bulk|single|database)" "$work/fill.log"
  # The statuses a working office has: registry_scale leaves every task open. Plain SQL on
  # columns no trigger of the schema's version 11 reads; a later schema counts them when it
  # upgrades the file.
  python3 - "$db" <<'PY'
import datetime, sqlite3, sys
db = sqlite3.connect(sys.argv[1])
today = (datetime.datetime.utcnow() + datetime.timedelta(hours=7)).date()
month_start = today.replace(day=1)
def day(d):
    return d.isoformat()
with db:
    # Done: one task in four, on time (the day before its deadline) or late (three days after);
    # undated ones on a day of last year.
    for (tid, due) in db.execute("SELECT id, due_date FROM tasks WHERE id % 4 = 0").fetchall():
        if tid % 40 == 0:
            done = month_start + datetime.timedelta(days=tid % today.day)
        elif due:
            done = datetime.date.fromisoformat(due) + datetime.timedelta(days=-1 if tid % 3 else 3)
        else:
            done = today - datetime.timedelta(days=200 + tid % 100)
        db.execute("UPDATE tasks SET status = 'done', done_at = ? WHERE id = ?",
                   (day(done) + "T09:00", tid))
    # Due in the coming weeks: one open task in fifty.
    for (tid,) in db.execute("SELECT id FROM tasks WHERE id % 50 = 1").fetchall():
        due = day(today + datetime.timedelta(days=tid % 21))
        db.execute("UPDATE tasks SET due_date = ?, deadline = ? WHERE id = ?", (due, due, tid))
print("statuses:", dict(db.execute("SELECT status, count(*) FROM tasks GROUP BY status").fetchall()))
PY
fi
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
"$CONGVAN" serve --db "$db" --listen "127.0.0.1:$port" >"$work/serve.log" 2>&1 &
server=$!
until grep -q listening "$work/serve.log" 2>/dev/null; do sleep 0.05; done
base="http://127.0.0.1:$port"
paths=(
  "/"
  "/?trang=2"
  "/?trang=100"
  "/?trang=200"
  "/?sap=so&chieu=tang&trang=50"
  "/?sap=co-quan&trang=120"
  "/?sap=ngay&chieu=giam"
  "/?co-quan=H%E1%BB%9Bn%20Qu%E1%BA%A3n"
  "/?don-vi=Ph%C3%B2ng%20N%E1%BB%99i%20v%E1%BB%A5&trang-thai=qua-han"
  "/?tu=1/1/2022&den=31/12/2022&sap=ngay"
  "/?do-khan=khan"
  "/tasks"
  "/tasks?trang=2"
  "/tasks?trang=1000"
  "/tasks?trang=2000"
  "/tasks?sap=don-vi&chieu=giam&trang=500"
  "/tasks?sap=van-ban&chieu=giam"
  "/tasks?don-vi=Ph%C3%B2ng%20N%E1%BB%99i%20v%E1%BB%A5"
  "/tasks?trang-thai=qua-han&trang=20"
  "/tasks?co-quan=H%E1%BB%9Bn%20Qu%E1%BA%A3n&sap=han&chieu=giam"
  "/tong-quan"
  "/bao-cao"
  "/bao-cao?co-quan=H%E1%BB%9Bn%20Qu%E1%BA%A3n"
  "/bao-cao?tu=1/1/2022&den=31/12/2022"
)
printf "%-62s %8s %8s %8s %9s\n" "page" "p50 ms" "p95 ms" "max ms" "size KB"
for p in "${paths[@]}"; do
  curl -s -o /dev/null "$base$p"  # the first read of the pages the query touches
  for _ in $(seq "$repeat"); do
    curl -s -o /dev/null -w "%{time_total} %{size_download} %{http_code}\n" "$base$p"
  done | python3 -c '
import sys
rows = [l.split() for l in sys.stdin if l.strip()]
ms = sorted(float(r[0]) * 1000 for r in rows)
size = max(int(r[1]) for r in rows) / 1024
codes = sorted({r[2] for r in rows})
p = lambda q: ms[min(len(ms) - 1, int(round(q * (len(ms) - 1))))]
print(f"{sys.argv[1]:<62} {p(0.5):8.1f} {p(0.95):8.1f} {ms[-1]:8.1f} {size:9.1f}" + ("" if codes == ["200"] else "  HTTP " + ",".join(codes)))
' "$p"
done
