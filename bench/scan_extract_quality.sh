#!/usr/bin/env bash
# Extraction as a clerk meets it: the gold letters as clean text, as degraded scans read by
# congvan (Vietnamese OCR + repair), and as text from an English-only OCR (the seeds' damage)
# repaired by congvan. Prints macro-F1, tasks and deadlines F1 for each set and each form, so
# the cost of the scan is measured on letters with gold fields, not guessed.
#
#   bench/scan_extract_quality.sh [BUILD_DIR] [--sets dev,heldout,heldout2,heldout3,seeds] [--keep DIR]
#
# Scans follow ../shared/eval/README.md: text2image, Liberation Serif 13 pt, 300 dpi, degraded
# and rotated (every page of a long letter). The English-model text is
# `OMP_THREAD_LIMIT=1 tesseract PAGE.tif - -l eng --psm 4`. OCR of ~45 pages: several minutes.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build=$root/build
sets=dev,heldout,heldout2,heldout3,seeds
keep=
while [ $# -gt 0 ]; do
  case $1 in
    --sets) sets=$2; shift 2 ;;
    --keep) keep=$2; shift 2 ;;
    -*) echo "usage: $0 [BUILD_DIR] [--sets dev,heldout,heldout2,heldout3,seeds] [--keep DIR]" >&2; exit 2 ;;
    *) build=$(cd "$1" && pwd); shift ;;
  esac
done
CONGVAN=$build/congvan
[ -x "$CONGVAN" ] || { echo "bench: $CONGVAN not built" >&2; exit 1; }
work=${keep:-$(mktemp -d)}
mkdir -p "$work"
[ -n "$keep" ] || trap 'rm -rf "$work"' EXIT

# set name → "letters folder|gold folder"
declare -A letters=(
  [dev]="$root/tests/data/extract/letters|$root/tests/data/extract/gold"
  [heldout]="$root/tests/data/extract/heldout/letters|$root/tests/data/extract/heldout/gold"
  [heldout2]="$root/tests/data/extract/heldout/set2/letters|$root/tests/data/extract/heldout/set2/gold"
  [heldout3]="$root/tests/data/extract/heldout/set3/letters|$root/tests/data/extract/heldout/set3/gold"
  [seeds]="$root/tests/data/devset/restored|$root/tests/data/devset/fields"
)

render() {  # TEXT_FILE OUT_BASE: OUT_BASE.tif, every page, degraded and rotated
  text2image --text="$1" --outputbase="$2" --font='Liberation Serif' \
    --fonts_dir=/usr/share/fonts/truetype --ptsize=13 --resolution=300 \
    --degrade_image=true --rotate_image=true --xsize=2480 --ysize=3508 --margin=150 \
    --leading=20 >/dev/null 2>&1
}

# "macro tasks deadlines" from `congvan eval` output.
scores() {
  awk '/macro-F1/ {m=$NF} $1=="tasks" {t=$4} $1=="deadlines" {d=$4} END {printf "%s %s %s\n", m, t, d}'
}

printf '%-8s %-22s %7s %7s %9s  %s\n' set form macro tasks deadlines letters
for set in ${sets//,/ }; do
  IFS='|' read -r src gold <<<"${letters[$set]}"
  [ -d "$src" ] || { echo "bench: no set $set" >&2; exit 1; }
  mkdir -p "$work/$set/scan" "$work/$set/eng"
  n=0
  for t in "$src"/*.txt; do
    name=$(basename "$t" .txt)
    [ -f "$gold/$name.json" ] || continue
    n=$((n + 1))
    [ -f "$work/$set/scan/$name.tif" ] || render "$t" "$work/$set/scan/$name"
    rm -f "$work/$set/scan/$name.box"  # text2image's boxes would be read as a letter
    if [ ! -f "$work/$set/eng/$name.txt" ]; then
      OMP_THREAD_LIMIT=1 tesseract "$work/$set/scan/$name.tif" - -l eng --psm 4 2>/dev/null \
        >"$work/$set/eng/$name.txt"
    fi
  done
  read -r m t d < <("$CONGVAN" eval --gold "$gold" "$src" 2>/dev/null | scores)
  printf '%-8s %-22s %7s %7s %9s  %d\n' "$set" "clean text" "$m" "$t" "$d" "$n"
  read -r m t d < <("$CONGVAN" eval --gold "$gold" "$work/$set/scan" 2>/dev/null | scores)
  printf '%-8s %-22s %7s %7s %9s  %d\n' "$set" "degraded scan (vie)" "$m" "$t" "$d" "$n"
  read -r m t d < <("$CONGVAN" eval --gold "$gold" "$work/$set/eng" 2>/dev/null | scores)
  printf '%-8s %-22s %7s %7s %9s  %d\n' "$set" "eng OCR text + repair" "$m" "$t" "$d" "$n"
done
