#!/usr/bin/env bash
# 200 clients at once against `congvan serve` on a loopback port, with a registry of real letters
# (tests/data/devset/restored): prints answered, p50 and p95 (bench/web_load.cc). Each client
# comes from its own loopback address, as clerks' machines would; --one-address sends them all
# from 127.0.0.1 (the server then answers the ones over its per-client limit with 503).
# Usage: bench/web_load.sh [CLIENTS] [PATH] [--one-address]   (after scripts/build)
set -euo pipefail
source "$(dirname "$0")/common.sh"
clients=${1:-200}
path=${2:-/api/tasks}
mode=${3:-}
load="$root/build/web_load"
[ -x "$load" ] || { echo "bench: $load not built (run scripts/build)" >&2; exit 1; }
work=$(mktemp -d)
server=""
trap '[ -n "$server" ] && kill "$server" 2>/dev/null; wait 2>/dev/null; rm -rf "$work"' EXIT
"$CONGVAN" ingest --db "$work/r.db" "$root/tests/data/devset/restored" >/dev/null 2>&1 || true
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
"$CONGVAN" serve --db "$work/r.db" --listen "127.0.0.1:$port" >"$work/serve.log" 2>&1 &
server=$!
until grep -q listening "$work/serve.log" 2>/dev/null; do sleep 0.05; done
"$load" "$port" "$clients" "$path" $mode
