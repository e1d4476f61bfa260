# Shared by the bench/*.sh scripts: where things are, and rendering real text to page images.
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
CONGVAN=${CONGVAN:-$root/build/congvan}
[ -x "$CONGVAN" ] || { echo "bench: $CONGVAN not built (run scripts/build)" >&2; exit 1; }

# render_pages N DIR DEGRADE: DIR/page-NN.tif, one A4 page each, Liberation Serif 13 pt, 300 dpi.
render_pages() {
  local n=$1 dir=$2 degrade=$3
  python3 "$root/bench/render-pages.py" "$n" "$dir"
  for t in "$dir"/page-*.txt; do
    text2image --text="$t" --outputbase="${t%.txt}" --font='Liberation Serif' \
      --fonts_dir=/usr/share/fonts/truetype --ptsize=13 --resolution=300 \
      --degrade_image="$degrade" --rotate_image=false --xsize=2480 --ysize=3508 --margin=150 \
      --leading=20 >/dev/null 2>&1
    # text2image starts a new page when the text overflows; keep only the first.
  done
}

seconds_since() { python3 -c "import time,sys; print(f'{time.time()-float(sys.argv[1]):.2f}')" "$1"; }
now() { python3 -c "import time; print(time.time())"; }

# start_watcher DB FOLDER LOG: `congvan watch` in the background (settle $settle), returning
# once it has scanned the folder; its pid is in $watcher and the EXIT trap below stops it.
watcher=""
start_watcher() {
  OMP_THREAD_LIMIT=1 "$CONGVAN" watch --db "$1" --settle "$settle" "$2" >"$3" 2>&1 &
  watcher=$!
  until [ -f "$3" ] && grep -q ' scan ' "$3"; do sleep 0.05; done
}

# A scratch folder in $work, removed (with the watcher stopped) when the script exits.
make_work_dir() {
  work=$(mktemp -d)
  trap 'if [ -n "$watcher" ]; then kill "$watcher" 2>/dev/null || true; wait "$watcher" 2>/dev/null || true; fi; rm -rf "$work"' EXIT
}
