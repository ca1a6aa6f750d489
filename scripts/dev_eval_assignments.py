"""Dev script (not a test): score assignments on the dev-eval set per its README.

Gold entries are grouped by (block, lead). A prediction is a TP for a group when its span
starts inside the group's block (offsets in the raw source: mapped back through
Block.src_start + offset_map) and its lead equals the group's lead after normalisation.
Further predictions matching a matched group are ignored; the rest are FP; unmatched
groups are FN. Cooperating (set overlap) and deadline are compared on matched groups.

    python scripts/dev_eval_assignments.py [/work/shared/dev-eval] [--show 007]
"""

from __future__ import annotations

import argparse
import bisect
import json
import re
import time
import unicodedata
from pathlib import Path

from extractors.agencies import extract
from pipeline import parse
from pipeline.normalize import match_key

_DROP_RE = re.compile(r"^(?:giao|đề nghị|tất cả các|các)\s+")
_HEAD_RE = re.compile(r"^(?:thủ trưởng|giám đốc)\s+(?=(?:các\s+)?sở)")


def norm_lead(text: str | None) -> str:
    """README normalisation: NFC, lower case, spaces, UBND = Ủy ban nhân dân, drop lead-ins."""
    s = match_key(unicodedata.normalize("NFC", text or ""))
    s = re.sub(r"\bubnd\b", "ủy ban nhân dân", s)
    s = s.strip(" .,;:")
    for _ in range(3):
        s = _DROP_RE.sub("", s)
        s = _HEAD_RE.sub("", s)
    return s


def source_offset(doc, offset: int) -> int:
    """Map a doc.text offset back to the raw source text (.txt/.md reader)."""
    starts = [b.start for b in doc.blocks]
    b = doc.blocks[max(bisect.bisect_right(starts, offset) - 1, 0)]
    rel = max(offset - b.start, 0)
    base, src = 0, 0
    for bo, so in b.offset_map or []:
        if bo <= rel:
            base, src = bo, so
    return (b.src_start or 0) + src + (rel - base)


def score_doc(gold: dict, doc, preds) -> dict:
    groups: dict[tuple, list] = {}
    for g in gold["assignments"]:
        groups.setdefault((tuple(g["block"]), norm_lead(g["lead"])), []).append(g)
    matched: dict[tuple, object] = {}
    fp = []
    for p in preds:
        s = source_offset(doc, p.span[0])
        key = next((k for k in groups if k[0][0] <= s < k[0][1] and k[1] == norm_lead(p.lead)), None)
        if key is None:
            fp.append((s, p))
        elif key not in matched:
            matched[key] = p
    coop_hits = coop_tot = dl_hits = 0
    for key, p in matched.items():
        best = max(groups[key], key=lambda g: _coop_f1(g["cooperating"], p.cooperating))
        coop_hits += _coop_f1(best["cooperating"], p.cooperating)
        coop_tot += 1
        dl_hits += norm_lead(best["deadline"]) == norm_lead(p.deadline)
    fn = [k for k in groups if k not in matched]
    return {"tp": len(matched), "fp": fp, "fn": fn, "coop": coop_hits, "dl": dl_hits, "n": coop_tot}


def _coop_f1(gold: list[str], pred: list[str]) -> float:
    g, p = {norm_lead(x) for x in gold}, {norm_lead(x) for x in pred}
    if not g and not p:
        return 1.0
    inter = len(g & p)
    return 2 * inter / (len(g) + len(p)) if inter else 0.0


def _prf(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
    p = tp / (tp + fp) if tp + fp else 1.0
    r = tp / (tp + fn) if tp + fn else 1.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("root", nargs="?", default="/work/shared/dev-eval")
    ap.add_argument("--show", nargs="*", default=[], help="document ids whose FP/FN to print")
    args = ap.parse_args()
    root = Path(args.root)
    tot = {"tp": 0, "fp": 0, "fn": 0, "coop": 0.0, "dl": 0, "n": 0}
    print(f"{'doc':>4} {'gold':>4} {'pred':>4} {'tp':>3} {'fp':>3} {'fn':>3}   P     R     F1   coop  dl    ms")
    for gpath in sorted((root / "gold").glob("*.json")):
        did = gpath.stem
        gold = json.loads(gpath.read_text(encoding="utf-8"))
        doc = parse(root / "corpus" / f"{did}.txt")
        t0 = time.perf_counter()
        preds = extract(doc)["assignments"]
        ms = (time.perf_counter() - t0) * 1000
        r = score_doc(gold, doc, preds)
        p, rc, f = _prf(r["tp"], len(r["fp"]), len(r["fn"]))
        n = max(r["n"], 1)
        ngroups = r["tp"] + len(r["fn"])
        print(f"{did:>4} {ngroups:>4} {len(preds):>4} {r['tp']:>3} {len(r['fp']):>3} {len(r['fn']):>3} "
              f"{p:.2f}  {rc:.2f}  {f:.2f}  {r['coop'] / n:.2f}  {r['dl'] / n:.2f} {ms:5.1f}")  # fmt: skip
        for k in ("tp", "coop", "dl", "n"):
            tot[k] += r[k]
        tot["fp"] += len(r["fp"])
        tot["fn"] += len(r["fn"])
        if did in args.show:
            text = (root / "corpus" / f"{did}.txt").read_text(encoding="utf-8")
            for s, pr in r["fp"]:
                print(f"   FP @{s} lead={pr.lead!r} :: {pr.text[:90]!r}")
            for blk, lead in r["fn"]:
                print(f"   FN {blk} lead={lead!r} :: {text[blk[0] : blk[0] + 90]!r}")
    p, rc, f = _prf(tot["tp"], tot["fp"], tot["fn"])
    n = max(tot["n"], 1)
    print(f" all {'':>4} {'':>4} {tot['tp']:>3} {tot['fp']:>3} {tot['fn']:>3} {p:.2f}  {rc:.2f}  {f:.2f}  "
          f"{tot['coop'] / n:.2f}  {tot['dl'] / n:.2f}")  # fmt: skip


if __name__ == "__main__":
    main()
