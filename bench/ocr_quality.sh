#!/usr/bin/env bash
# OCR quality on degraded pages: plain `tesseract -l vie` against `congvan ocr` (Leptonica
# clean-up + the same model), on the same text2image renders of real letters.
#
# usage: bench/ocr_quality.sh [N]          (N pages, default 6)
#   CONGVAN=path   the congvan binary (default build/congvan)
#   KEEP=dir       keep the pages and outputs in dir instead of a temporary folder
#
# The text comes from tests/data/devset/restored/ (true text of real letters) and then from
# corpus/text/vbpl_trunguong_2025_2026.txt, ~30 lines each, so every run reads the same pages.
# Pages are rendered as the shared eval README describes (Liberation Serif 13 pt, 300 dpi,
# --degrade_image --rotate_image). Those renders stay black-on-white and almost straight, and
# plain Tesseract reads them nearly perfectly (CER ~0.4%), so each page is then damaged the way a
# scanner or phone damages it, with Leptonica through Python's ctypes: turned by -3..+3 degrees,
# grey with low contrast, blurred, a shadow across one corner, Gaussian noise (PAGE.png).
# DAMAGE=0 scores the text2image renders as they are.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
score="$(dirname "$0")/../../shared/eval/score_text.py"
n=${1:-6}
CONGVAN=${CONGVAN:-$root/build/congvan}

[ -f "$score" ] || { echo "ocr_quality: scorer not found at $score (needs ../shared/eval)" >&2; exit 1; }
command -v text2image >/dev/null || { echo "ocr_quality: text2image not installed" >&2; exit 1; }
command -v tesseract >/dev/null || { echo "ocr_quality: tesseract not installed" >&2; exit 1; }

if [ -n "${KEEP:-}" ]; then
  work=$KEEP; mkdir -p "$work"
else
  work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
fi
mkdir -p "$work/GOLD" "$work/PLAIN" "$work/OURS" "$work/pages"

# Writes N chunks of real text to GOLD/NAME.txt: at most 30 lines and 2200 characters each, so
# one chunk fits one A4 page at 13 pt (the gold is exactly what was drawn).
python3 - "$root" "$n" "$work/GOLD" <<'EOF'
import pathlib, sys
root, n, out = pathlib.Path(sys.argv[1]), int(sys.argv[2]), pathlib.Path(sys.argv[3])

def chunk(lines):
    keep, used = [], 0
    for line in lines:
        line = line.strip()
        if not line or line.startswith("|") or len(line) > 160:
            continue
        if len(keep) == 30 or used + len(line) > 2200:
            break
        keep.append(line)
        used += len(line)
    return keep

docs = []
for p in sorted((root / "tests/data/devset/restored").glob("*.txt")):
    docs.append(("letter-" + p.stem[:3], p.read_text(encoding="utf-8").split("\n")))
vbpl = (root / "corpus/text/vbpl_trunguong_2025_2026.txt").read_text(encoding="utf-8")
for k, doc in enumerate(vbpl.split("\n\n")[::37]):
    docs.append((f"vbpl-{k:03d}", doc.split("\n")))
for name, lines in docs[:n]:
    (out / f"{name}.txt").write_text("\n".join(chunk(lines)) + "\n", encoding="utf-8")
EOF

# damage TIF PNG DEGREES SHADOW_CORNER: the scanner/phone damage described above.
damage() {
  python3 - "$@" <<'EOF2'
import ctypes, ctypes.util, math, sys
lept = ctypes.CDLL(ctypes.util.find_library("lept") or "liblept.so.5")
P, I, F = ctypes.c_void_p, ctypes.c_int, ctypes.c_float
for name, res, args in [("pixRead", P, [ctypes.c_char_p]), ("pixConvertTo8", P, [P, I]),
                        ("pixRotate", P, [P, F, I, I, I, I]), ("pixBlockconv", P, [P, I, I]),
                        ("pixGammaTRC", P, [P, P, F, I, I]), ("pixCreate", P, [I, I, I]),
                        ("pixSetPixel", I, [P, I, I, ctypes.c_uint32]),
                        ("pixScaleToSize", P, [P, I, I]), ("pixMinOrMax", P, [P, P, P, I]),
                        ("pixAddGaussianNoise", P, [P, F]), ("pixSetResolution", I, [P, I, I]),
                        ("pixWrite", I, [ctypes.c_char_p, P, I]), ("pixGetWidth", I, [P]),
                        ("pixGetHeight", I, [P])]:
    fn = getattr(lept, name); fn.restype, fn.argtypes = res, args
src, out, degrees, corner = sys.argv[1], sys.argv[2], float(sys.argv[3]), int(sys.argv[4])
L_ROTATE_AREA_MAP, L_BRING_IN_WHITE, L_CHOOSE_MIN, IFF_PNG = 2, 1, 1, 3
pix = lept.pixConvertTo8(lept.pixRead(src.encode()), 0)
pix = lept.pixRotate(pix, math.radians(degrees), L_ROTATE_AREA_MAP, L_BRING_IN_WHITE, 0, 0)
pix = lept.pixGammaTRC(None, lept.pixBlockconv(pix, 1, 1), 1.0, -60, 300)  # text ~50, paper ~215
w, h = lept.pixGetWidth(pix), lept.pixGetHeight(pix)
shade = lept.pixCreate(32, 45, 8)  # a coarse shadow map, scaled up smoothly to the page
for y in range(45):
    for x in range(32):
        t = 0.6 * x / 31 + 0.4 * y / 44
        lept.pixSetPixel(shade, x, y, int(255 - 110 * (t if corner else 1 - t) ** 2))
pix = lept.pixMinOrMax(None, pix, lept.pixScaleToSize(shade, w, h), L_CHOOSE_MIN)
pix = lept.pixAddGaussianNoise(pix, 10.0)
lept.pixSetResolution(pix, 300, 300)
sys.exit(lept.pixWrite(out.encode(), pix, IFF_PNG))
EOF2
}
angles=(-3 2 -1.5 2.5 -2 3 -2.5 1 -1 1.5)

ours_ok=1
if [ ! -x "$CONGVAN" ]; then
  echo "ocr_quality: $CONGVAN not built; scoring plain tesseract only" >&2
  ours_ok=0
fi
i=0
for gold in "$work"/GOLD/*.txt; do
  name=$(basename "$gold" .txt)
  text2image --text="$gold" --outputbase="$work/pages/$name" --font='Liberation Serif' \
    --fonts_dir=/usr/share/fonts/truetype --ptsize=13 --resolution=300 \
    --degrade_image=true --rotate_image=true --xsize=2480 --ysize=3508 --margin=150 \
    --leading=20 >/dev/null 2>&1
  page="$work/pages/$name.tif"
  if [ "${DAMAGE:-1}" != 0 ]; then
    damage "$page" "$work/pages/$name.png" "${angles[$((i % ${#angles[@]}))]}" $((i % 2))
    page="$work/pages/$name.png"
  fi
  i=$((i + 1))
  OMP_THREAD_LIMIT=1 tesseract "$page" - -l vie >"$work/PLAIN/$name.txt" 2>/dev/null
  if [ "$ours_ok" = 1 ] && ! "$CONGVAN" ocr "$page" >"$work/OURS/$name.txt" \
       2>"$work/OURS/$name.err"; then
    echo "ocr_quality: congvan ocr failed on $name: $(head -1 "$work/OURS/$name.err")" >&2
  fi
done

echo "pages: $n degraded renders of real letters, damage=${DAMAGE:-1} ($work)"
echo "== plain: OMP_THREAD_LIMIT=1 tesseract PAGE - -l vie"
python3 "$score" "$work/GOLD" "$work/PLAIN"
if [ "$ours_ok" = 1 ]; then
  echo "== ours: $CONGVAN ocr PAGE"
  python3 "$score" "$work/GOLD" "$work/OURS"
fi
