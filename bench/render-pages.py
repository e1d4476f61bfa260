#!/usr/bin/env python3
"""Writes N page-sized chunks of real letter text from corpus/text/ as OUT/page-NN.txt.

usage: render-pages.py N OUT_DIR [CHARS_PER_PAGE]
The chunks come from the central legal documents (vbpl) and the Youth Union letters, in file
order, so every run of the benchmarks reads the same text. bench/*.sh render them with text2image.
"""
import pathlib
import sys


def main():
    n, out = int(sys.argv[1]), pathlib.Path(sys.argv[2])
    size = int(sys.argv[3]) if len(sys.argv) > 3 else 2200
    corpus = pathlib.Path(__file__).resolve().parent.parent / "corpus" / "text"
    lines = []
    for name in ("vbpl_trunguong_2025_2026.txt", "twdoan_admin_docs.txt"):
        for line in (corpus / name).read_text(encoding="utf-8").split("\n"):
            line = line.strip()
            if line and not line.startswith("|"):
                lines.append(line[:400])
    out.mkdir(parents=True, exist_ok=True)
    i = 0
    for k in range(n):
        chunk, used = [], 0
        while used < size and i < len(lines):
            chunk.append(lines[i])
            used += len(lines[i])
            i += 1
        (out / f"page-{k:02d}.txt").write_text("\n".join(chunk) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
