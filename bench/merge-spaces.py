#!/usr/bin/env python3
"""Copies IN/*.txt to OUT/ with some spaces between two words dropped, as an English-model OCR
drops them ("cuatinh" for "cua tinh"), to measure how the restorer splits merged tokens on text
nobody tuned it on (the held-out pages: bench/repair_quality.sh's BUILD/heldout/eng).

usage: merge-spaces.py IN_DIR OUT_DIR [SHARE]   (SHARE of the eligible spaces, default 0.03)
Only a space between two tokens made of letters alone is dropped, so numbers, codes and
punctuation stay as they were. Seeded: every run drops the same spaces. Prints how many.
"""
import pathlib
import random
import re
import sys

WORD = re.compile(r"[^\W\d_]+")


def main():
    src, dst = pathlib.Path(sys.argv[1]), pathlib.Path(sys.argv[2])
    share = float(sys.argv[3]) if len(sys.argv) > 3 else 0.03
    dst.mkdir(parents=True, exist_ok=True)
    rng = random.Random(7)
    gaps = dropped = 0
    for f in sorted(src.glob("*.txt")):
        lines = []
        for line in f.read_text(encoding="utf-8").split("\n"):
            tokens = line.split(" ")
            out = tokens[0]
            for t in tokens[1:]:
                gaps += 1
                last = out.split(" ")[-1]
                if WORD.fullmatch(last) and WORD.fullmatch(t) and rng.random() < share:
                    out += t
                    dropped += 1
                else:
                    out += " " + t
            lines.append(out)
        (dst / f.name).write_text("\n".join(lines), encoding="utf-8")
    print(f"spaces {gaps} dropped {dropped}")


if __name__ == "__main__":
    main()
