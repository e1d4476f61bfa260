#!/usr/bin/env bash
# The registry on both backends, in one run, on the same letters: bulk registration (letters/s),
# one-letter registration, search and task-list latency (p50, p95) of build/registry_scale on an
# SQLite file and on a PostgreSQL database of a throwaway cluster started here (initdb and pg_ctl
# from Debian's postgresql package, a free local port, removed at the end; as root the server runs
# as the postgres account, since initdb refuses root).
#
#   bench/registry_backends.sh [LETTERS] [QUERIES]      (default 20000 letters, 300 queries)
#
# The SQLite figures are the baseline of the same run: on a shared machine compare the two, not
# either with another day's.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
letters=${1:-20000}
queries=${2:-300}
scale=$root/build/registry_scale
[ -x "$scale" ] || { echo "bench: $scale not built (run scripts/build)" >&2; exit 1; }
bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
[ -x "$bin/initdb" ] || { echo "bench: PostgreSQL server programs not installed (scripts/install-deps)" >&2; exit 1; }

work=$(mktemp -d /tmp/congvan-backends-XXXXXX)
as_server=()
if [ "$(id -u)" = 0 ]; then
  chown postgres: "$work"
  as_server=(/usr/sbin/runuser -u postgres --)
fi
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
stop() {
  "${as_server[@]}" "$bin/pg_ctl" -D "$work/data" -m immediate -w stop >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap stop EXIT

"${as_server[@]}" "$bin/initdb" -D "$work/data" -U congvan -A trust -E UTF8 --locale=C.UTF-8 \
  --no-sync >"$work/initdb.log" 2>&1
# Durable settings as a server would have them (fsync on): the figures are a registry's, not a
# test cluster's.
"${as_server[@]}" "$bin/pg_ctl" -D "$work/data" -l "$work/server.log" -w \
  -o "-p $port -k $work -c listen_addresses=127.0.0.1" start >/dev/null
"${as_server[@]}" "$bin/createdb" -h 127.0.0.1 -p "$port" -U congvan registry

echo "== SQLite ($letters letters, 10 tasks each)"
nice "$scale" --letters "$letters" --queries "$queries" --data "$root/tests/data/devset" --db "$work/registry.db"
echo
echo "== PostgreSQL $("$bin/postgres" --version | awk '{print $3}') ($letters letters, 10 tasks each)"
nice "$scale" --letters "$letters" --queries "$queries" --data "$root/tests/data/devset" \
  --db "postgresql://congvan@127.0.0.1:$port/registry"
