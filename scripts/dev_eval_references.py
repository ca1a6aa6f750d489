"""Dev tuning only (not a test, not the official harness): score references on dev-eval.

    python scripts/dev_eval_references.py [/work/shared/dev-eval] [-v]

Mention level: a prediction is a TP when its span, mapped back to the source text, overlaps
an unclaimed occurrence of a gold ``text`` and the identity keys agree (README "Reference
identity"). Document level: sets of identity keys per document. Also prints ms per file.
"""

from __future__ import annotations

import json
import re
import sys
import time
from pathlib import Path

import pipeline
from pipeline.assemble import block_at
from pipeline.normalize import name_key


def to_source(doc, off: int) -> int:
    """Offset in doc.text → offset in the source file text (txt/md reader blocks)."""
    b = block_at(doc.blocks, off)
    local = off - b.start
    anchors = b.offset_map or []
    src = local
    for out, s in anchors:
        if out <= local:
            src = s + (local - out)
        else:
            break
    return (b.src_start or 0) + src


def key_of(r: dict) -> tuple:
    if r.get("number"):
        sym = re.sub(r"\s+", "", r.get("symbol") or "").upper()
        return ("n", r["number"].lstrip("0") or "0", sym, r.get("year"))
    if r.get("date"):
        return ("d", r.get("doc_type"), str(r["date"]))
    name = r.get("name") or re.sub(r"\s+năm\s+\d{4}$", "", " ".join(r["text"].split()))
    year = r.get("year") or (re.search(r"(\d{4})\s*$", r["text"]) or [None, None])[1]
    return ("y", name_key(name), str(year))


def occurrences(text: str, gold: list[dict]) -> list[tuple[int, int, dict]]:
    texts = [g["text"] for g in gold]
    occ = []
    for g in gold:
        t = g["text"]
        outer = [(i, i + len(u)) for u in texts if u != t and t in u for i in _find_all(text, u)]
        for i in _find_all(text, t):
            if not any(x <= i and i + len(t) <= y for x, y in outer):
                occ.append((i, i + len(t), g))
    return occ


def _find_all(text: str, sub: str) -> list[int]:
    out, i = [], text.find(sub)
    while i >= 0:
        out.append(i)
        i = text.find(sub, i + len(sub))
    return out


def main() -> None:
    root = Path(next((a for a in sys.argv[1:] if not a.startswith("-")), "/work/shared/dev-eval"))
    verbose = "-v" in sys.argv
    tp = fp = fn = 0
    dtp = dfp = dfn = 0
    stats = {"exact": 0, "date": 0, "issuer": 0}
    for gpath in sorted((root / "gold").glob("*.json")):
        gold = json.loads(gpath.read_text())
        cpath = root / "corpus" / f"{gpath.stem}.txt"
        src = cpath.read_text(encoding="utf-8")
        t0 = time.perf_counter()
        doc = pipeline.process(cpath, extractors=["jurisdiction", "references"])
        ms = (time.perf_counter() - t0) * 1000
        preds = [r.model_dump(mode="json") for r in doc.references]
        occ = occurrences(src, gold["references"])
        claimed = [False] * len(occ)
        ftp = ffp = 0
        for p in preds:
            s, e = to_source(doc, p["span"][0]), to_source(doc, p["span"][1] - 1) + 1
            hit = None
            for i, (a, b, g) in enumerate(occ):
                if not claimed[i] and a < e and s < b and key_of(g) == key_of(p):
                    hit = i
                    break
            if hit is None:
                ffp += 1
                if verbose:
                    print(f"  FP {gpath.stem} {src[s:e]!r} {key_of(p)}")
            else:
                claimed[hit] = True
                ftp += 1
                g = occ[hit][2]
                stats["exact"] += (occ[hit][0], occ[hit][1]) == (s, e)
                stats["date"] += str(g.get("date")) == str(p.get("date"))
                stats["issuer"] += " ".join((g.get("issuer") or "").split()) == " ".join(
                    (p.get("issuer") or "").split()
                )
                if verbose and (occ[hit][0], occ[hit][1]) != (s, e):
                    print(f"  SPAN {gpath.stem} gold={g['text']!r} pred={src[s:e]!r}")
                if verbose and " ".join((g.get("issuer") or "").split()) != " ".join((p.get("issuer") or "").split()):
                    print(f"  ISSUER {gpath.stem} {g['text']!r} gold={g.get('issuer')!r} pred={p.get('issuer')!r}")
        ffn = claimed.count(False)
        if verbose:
            for i, (_a, _b, g) in enumerate(occ):
                if not claimed[i]:
                    print(f"  FN {gpath.stem} {g['text']!r} {key_of(g)}")
        gk = {key_of(g) for g in gold["references"]}
        pk = {key_of(p) for p in preds}
        dtp += len(gk & pk)
        dfp += len(pk - gk)
        dfn += len(gk - pk)
        tp, fp, fn = tp + ftp, fp + ffp, fn + ffn
        print(f"{gpath.stem}: tp={ftp} fp={ffp} fn={ffn}  ({ms:.1f} ms for read+segment+refs, {len(src)} chars)")
    p = tp / (tp + fp) if tp + fp else 1.0
    r = tp / (tp + fn) if tp + fn else 1.0
    print(f"mention: P={p:.3f} R={r:.3f} F1={2 * p * r / (p + r):.3f}  (tp={tp} fp={fp} fn={fn})")
    print("on matched mentions: " + ", ".join(f"{k} {v}/{tp}" for k, v in stats.items()))
    p = dtp / (dtp + dfp) if dtp + dfp else 1.0
    r = dtp / (dtp + dfn) if dtp + dfn else 1.0
    print(f"document: P={p:.3f} R={r:.3f} F1={2 * p * r / (p + r):.3f}  (tp={dtp} fp={dfp} fn={dfn})")


if __name__ == "__main__":
    main()
