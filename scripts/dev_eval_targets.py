"""Score the targets extractor on a dev-eval directory (a dev script, not a test).

    python scripts/dev_eval_targets.py /work/shared/dev-eval [--show 004] [--json out.json]

Match rule (dev-eval README "Recommended scoring"): a predicted target matches a gold
target if its span, mapped back to the source text, overlaps an occurrence of the gold
``text`` and its value is equal (value_max too for ranges); each gold target is matched
once; predictions starting inside ``targets_not_annotated_ranges`` are ignored.
"""

from __future__ import annotations

import argparse
import bisect
import json
import time
from decimal import Decimal
from pathlib import Path

from extractors import quantities, targets
from pipeline import read_document
from pipeline.segment import segment


def run_mine(doc):
    """Run quantities then targets directly (the registry imports everyone's modules)."""
    for ex in (quantities.EXTRACTOR, targets.EXTRACTOR):
        doc = doc.model_copy(update=ex.extract(doc))
    return doc


def to_source(doc, offset: int) -> int:
    """Map an offset in doc.text to the decoded source via Block.src_start + offset_map."""
    starts = [b.start for b in doc.blocks]
    i = max(bisect.bisect_right(starts, offset) - 1, 0)
    b = doc.blocks[i]
    local = min(max(offset - b.start, 0), b.end - b.start)
    src = local
    if b.offset_map:
        j = bisect.bisect_right([o for o, _ in b.offset_map], local) - 1
        if j >= 0:
            o, s = b.offset_map[j]
            src = s + (local - o)
    return (b.src_start or 0) + src


def occurrences(text: str, sub: str) -> list[tuple[int, int]]:
    out, i = [], text.find(sub)
    while i >= 0:
        out.append((i, i + len(sub)))
        i = text.find(sub, i + 1)
    return out


def same(a, b) -> bool:
    if a is None or b is None:
        return a is None and b is None
    a, b = Decimal(str(a)), Decimal(str(b))
    return abs(a - b) <= abs(b) * Decimal("1e-6") + Decimal("1e-9")


def score_doc(corpus: Path, gold: dict) -> dict:
    src = corpus.read_text(encoding="utf-8")
    t0 = time.perf_counter()
    doc = read_document(corpus)
    try:
        doc = segment(doc)
    except Exception as e:  # segmentation is another team's work in progress: score without it
        print(f"   (segment failed on {corpus.name}: {type(e).__name__}; scoring unsegmented)")
    doc = run_mine(doc)
    ms = (time.perf_counter() - t0) * 1000
    skip = gold.get("targets_not_annotated_ranges") or []
    preds = []
    for t in doc.targets:
        s, e = to_source(doc, t.span[0]), to_source(doc, t.span[1])
        if any(a <= s < b for a, b in skip):
            continue
        preds.append((s, e, t))
    golds = [(g, occurrences(src, g["text"])) for g in gold["targets"]]
    used = set()
    tp, matched, fps = 0, [], []
    for s, e, t in preds:
        hit = None
        for gi, (g, occ) in enumerate(golds):
            if gi in used or not same(t.value, g["value"]):
                continue
            if g.get("value_max") is not None and not same(t.value_max, g["value_max"]):
                continue
            if any(s < b and a < e for a, b in occ):
                hit = gi
                break
        if hit is None:
            fps.append((s, e, t))
        else:
            used.add(hit)
            tp += 1
            matched.append((t, golds[hit][0]))
    fns = [g for gi, (g, _) in enumerate(golds) if gi not in used]
    return {"tp": tp, "fp": len(fps), "fn": len(fns), "fps": fps, "fns": fns, "matched": matched, "ms": ms, "src": src}


def prf(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
    p = tp / (tp + fp) if tp + fp else 1.0
    r = tp / (tp + fn) if tp + fn else 1.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("root", type=Path)
    ap.add_argument("--show", nargs="*", default=[], help="document ids whose FP/FN to print")
    args = ap.parse_args()
    tot = {"tp": 0, "fp": 0, "fn": 0}
    cmp_ok = unit_ok = year_ok = year_n = n_matched = 0
    macro = []
    print(f"{'doc':>4} {'tp':>4} {'fp':>4} {'fn':>4}   P      R      F1    ms")
    for gpath in sorted((args.root / "gold").glob("*.json")):
        gold = json.loads(gpath.read_text(encoding="utf-8"))
        r = score_doc(args.root / "corpus" / f"{gpath.stem}.txt", gold)
        for k in tot:
            tot[k] += r[k]
        p, rc, f = prf(r["tp"], r["fp"], r["fn"])
        if r["tp"] + r["fn"]:
            macro.append(f)
        print(f"{gpath.stem:>4} {r['tp']:4} {r['fp']:4} {r['fn']:4}  {p:.3f}  {rc:.3f}  {f:.3f}  {r['ms']:.1f}")
        for t, g in r["matched"]:
            n_matched += 1
            cmp_ok += t.comparator.value == g["comparator"]
            unit_ok += (t.unit or "").casefold() == (g["unit"] or "").casefold()
            if g.get("by_year") is not None:
                year_n += 1
                year_ok += t.year == g["by_year"]
        if gpath.stem in args.show:
            for s, e, t in r["fps"]:
                print(f"   FP {t.value} {t.unit} [{t.role.value}] {r['src'][s:e][:110]!r}")
            for g in r["fns"]:
                print(f"   FN {g['value']} {g['unit']} {g['text'][:110]!r}")
            for t, g in r["matched"]:
                if t.comparator.value != g["comparator"]:
                    print(f"   CMP {t.comparator.value} vs {g['comparator']}: {g['text'][:80]!r}")
    p, rc, f = prf(tot["tp"], tot["fp"], tot["fn"])
    print(f"ALL  {tot['tp']:4} {tot['fp']:4} {tot['fn']:4}  {p:.3f}  {rc:.3f}  {f:.3f}")
    print(f"macro F1 (docs with gold targets) {sum(macro) / len(macro):.3f}")
    if n_matched:
        print(f"comparator acc {cmp_ok / n_matched:.3f}  unit acc {unit_ok / n_matched:.3f}", end="")
        print(f"  by_year acc {year_ok / year_n:.3f} (n={year_n})" if year_n else "")


if __name__ == "__main__":
    main()
