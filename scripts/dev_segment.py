"""Dev check for segmentation: header/closing field accuracy against dev-eval gold, and speed.

    python scripts/dev_segment.py --corpus /work/shared/dev-eval/corpus --gold /work/shared/dev-eval/gold
    python scripts/dev_segment.py --speed samples/*.txt

Not a test: it reads data outside the repository, given on the command line. Fields are
compared as the dev-eval README says (NFC, whitespace collapsed; subject and signer_title
case-insensitive; issuer through DocumentMeta.issuer_normalized), with curly quotes
straightened on both sides since the pipeline's text has straight ones.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
import unicodedata
from pathlib import Path

from pipeline import read_document
from pipeline.segment import segment

FIELDS = ["doc_type", "number", "symbol", "number_symbol_raw", "issue_date", "place", "issuer", "subject",
          "signer_name", "signer_title"]  # fmt: skip
CASELESS = {"subject", "signer_title"}
#: The pipeline stores one kind of quote (pipeline/normalize.py); gold keeps curly ones.
QUOTES = str.maketrans({"\u201c": '"', "\u201d": '"', "\u2018": "'", "\u2019": "'"})


def _clean(value, caseless: bool) -> str | None:
    if value is None:
        return None
    s = " ".join(unicodedata.normalize("NFC", str(value)).split()).translate(QUOTES)
    return s.casefold() if caseless else s


def evaluate(corpus: Path, gold_dir: Path) -> None:
    hits = dict.fromkeys(FIELDS, 0)
    total = 0
    for gold_path in sorted(gold_dir.glob("*.json")):
        gold = json.loads(gold_path.read_text(encoding="utf-8"))["meta"]
        meta = segment(read_document(corpus / f"{gold_path.stem}.txt")).meta.model_dump(mode="json")
        total += 1
        for f in FIELDS:
            got = meta.get(f"{f}_normalized") or meta.get(f)
            if _clean(got, f in CASELESS) == _clean(gold.get(f), f in CASELESS):
                hits[f] += 1
            else:
                print(f"{gold_path.stem} {f}: gold={gold.get(f)!r} got={got!r}")
    print(f"\n{'field':20} accuracy  ({total} documents)")
    for f in FIELDS:
        print(f"{f:20} {hits[f] / total:.3f}")
    print(f"{'all fields':20} {sum(hits.values()) / (total * len(FIELDS)):.3f}")


def speed(paths: list[Path], repeat: int = 50) -> None:
    for p in paths:
        doc = read_document(p)
        times = []
        for _ in range(repeat):
            t0 = time.perf_counter()
            segment(doc)
            times.append(time.perf_counter() - t0)
        kb = len(doc.text.encode()) / 1024
        print(
            f"{p.name:40} {kb:6.1f} KB  segment best {min(times) * 1000:5.2f} ms, median {statistics.median(times) * 1000:5.2f} ms ({repeat} runs)"
        )


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpus", type=Path)
    ap.add_argument("--gold", type=Path)
    ap.add_argument("--speed", type=Path, nargs="*")
    args = ap.parse_args(argv)
    if args.corpus and args.gold:
        evaluate(args.corpus, args.gold)
    if args.speed:
        speed(args.speed)
    return 0


if __name__ == "__main__":
    sys.exit(main())
