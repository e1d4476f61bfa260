#!/usr/bin/env bash
# Quality of the diacritic restorer, with ../shared/eval/score_text.py:
#  1. the five seed letters (dev set) vs tests/data/devset/restored;
#  2. held-out corpus documents (never trained on) rendered with text2image and read with
#     Tesseract eng (clean and degraded pages), restored;
#  3. Tesseract vie on degraded renders of the same pages: SER before and after RestoreOcr
#     (plain text, so only out-of-lexicon words are open), and on the hard renders with word
#     confidences (what the pipeline hands over: low-confidence words open too);
#  4. clean held-out text through Restore(): share of syllables unchanged.
# usage: bench/repair_quality.sh [BUILD_DIR]   (default build; builds nothing)
# The held-out renders are cached in BUILD_DIR/heldout (scripts/make-channel-pairs heldout,
# ~2 min of CPU the first time; delete the folder after changing the recipe).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build=${1:-$root/build}
score=${SCORE_TEXT:-$root/../shared/eval/score_text.py}
[[ -f $score ]] || score=/work/shared/eval/score_text.py
bench=$build/repair_bench
held=$build/heldout
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

acc() { python3 "$score" "$1" "$2" | awk '/^syllables/{print $4}'; }  # prints SER

echo "== seeds (dev set, 5 letters)"
"$bench" --restore "$root/tests/data/devset/seeds" "$tmp/seeds"
python3 "$score" "$root/tests/data/devset/restored" "$root/tests/data/devset/seeds" | sed 's/^/  before: /'
python3 "$score" "$root/tests/data/devset/restored" "$tmp/seeds" | sed 's/^/  after:  /'

if [[ ! -d $held/truth ]]; then
  "$root/scripts/make-channel-pairs" heldout --pages 16 --work "$held" 2>/dev/null
fi
echo "== held-out corpus, text2image + tesseract eng ($(ls "$held/eng" | wc -l) pages)"
"$bench" --restore "$held/eng" "$tmp/eng"
python3 "$score" "$held/truth" "$held/eng" | sed 's/^/  before: /'
python3 "$score" "$held/truth" "$tmp/eng" | sed 's/^/  after:  /'

echo "== held-out corpus, degraded renders + tesseract vie ($(ls "$held/vie" | wc -l) pages)"
mkdir -p "$tmp/vietruth"
for f in "$held"/vie/*.txt; do cp "$held/truth/$(basename "$f")" "$tmp/vietruth/"; done
"$bench" --restore-vie "$held/vie" "$tmp/vie"
before=$(acc "$tmp/vietruth" "$held/vie")
after=$(acc "$tmp/vietruth" "$tmp/vie")
echo "  SER before $before after $after" \
  "(relative change $(python3 -c "print(f'{($after-$before)/max($before,1e-9)*100:+.1f}%')"))"

if [[ -d $held/hard ]] && ls "$held"/hard/*.tsv >/dev/null 2>&1; then
  echo "== held-out corpus, hard renders (200 dpi, degraded, dark) + tesseract vie with word" \
    "confidences, RestoreOcr ($(ls "$held"/hard/*.tsv | wc -l) pages)"
  "$bench" --restore-tsv "$held/hard" "$tmp/hard"
  before=$(acc "$held/truth" "$held/hard")
  after=$(acc "$held/truth" "$tmp/hard")
  echo "  SER before $before after $after" \
    "(relative change $(python3 -c "print(f'{($after-$before)/max($before,1e-9)*100:+.1f}%')"))"
fi

share() {
  python3 - "$1" "$2" <<'PY'
import re, sys, pathlib
syl = re.compile(r"[^\W_]+")
n = same = 0
for f in sorted(pathlib.Path(sys.argv[1]).glob("*.txt")):
    a = syl.findall(f.read_text()); b = syl.findall((pathlib.Path(sys.argv[2]) / f.name).read_text())
    n += len(a); same += sum(x == y for x, y in zip(a, b)) if len(a) == len(b) else 0
print(f"  syllables {n} unchanged {same} share {same / max(n, 1):.4f}")
PY
}
echo "== clean held-out text through Restore() (unchanged share)"
"$bench" --restore "$held/truth" "$tmp/clean"
share "$held/truth" "$tmp/clean"
echo "== clean held-out text through RestoreOcr() with EVERY word below the threshold (worst case)"
"$bench" --plain-confidence 90 --restore-vie "$held/truth" "$tmp/cleanocr"
share "$held/truth" "$tmp/cleanocr"
