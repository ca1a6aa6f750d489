"""Score extraction against gold JSON files (the dev-eval format) and diff two runs.

Gold format and scoring conventions follow ``dev-eval/README.md``: meta fields by exact
match; references at mention level (span overlap + identity key) and document level
(sets of keys); targets by span overlap + equal value; assignments by (block, lead)
groups. Gold spans index the *source* text, so predicted spans are mapped back through
each block's offset map.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

from pipeline.assemble import block_at
from pipeline.normalize import OffsetMap, normalize_text
from schemas import ExtractedDocument

META_FIELDS = ["doc_type", "number", "symbol", "number_symbol_raw", "issue_date", "place", "issuer",
               "subject", "signer_name", "signer_title"]  # fmt: skip
_CASELESS = {"subject", "signer_title"}
_WS_RE = re.compile(r"\s+")
_LEAD_DROP_RE = re.compile(r"^(?:giao|đề nghị|tất cả các|các)\s+|^(?:thủ trưởng|giám đốc)\s+(?=sở)")


@dataclass
class Score:
    """Counts for one field; precision/recall/F1 derived."""

    tp: int = 0
    fp: int = 0
    fn: int = 0
    misses: list[str] = field(default_factory=list)  # gold items not found (for the diff)
    extras: list[str] = field(default_factory=list)  # predictions not in gold

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def add(self, other: Score, prefix: str = "") -> None:
        self.tp += other.tp
        self.fp += other.fp
        self.fn += other.fn
        self.misses += [prefix + m for m in other.misses]
        self.extras += [prefix + m for m in other.extras]

    def as_dict(self) -> dict[str, Any]:
        return {"tp": self.tp, "fp": self.fp, "fn": self.fn, "precision": round(self.precision, 4),
                "recall": round(self.recall, 4), "f1": round(self.f1, 4),
                "misses": self.misses, "extras": self.extras}  # fmt: skip


# ---------------------------------------------------------------------------- helpers


def _clean(value: Any, caseless: bool = False) -> str | None:
    if value is None:
        return None
    s = _WS_RE.sub(" ", normalize_text(unicodedata.normalize("NFC", str(value)))[0]).strip()  # quotes, dashes
    return s.casefold() if caseless else s


def _occurrences(text: str, sub: str) -> list[tuple[int, int]]:
    out, i = [], text.find(sub)
    while i >= 0 and sub:
        out.append((i, i + len(sub)))
        i = text.find(sub, i + len(sub))
    return out


def source_span(doc: ExtractedDocument, span: tuple[int, int]) -> tuple[int, int]:
    """Map a span of ``doc.text`` to the source text (identity where blocks carry no map)."""
    return _to_source(doc, span[0]), max(_to_source(doc, max(span[1] - 1, span[0])) + 1, _to_source(doc, span[0]))


def _to_source(doc: ExtractedDocument, pos: int) -> int:
    block = block_at(doc.blocks, pos)
    if block is None or block.src_start is None:
        return pos
    local = min(max(pos - block.start, 0), max(len(block.text) - 1, 0))
    return block.src_start + OffsetMap(block.offset_map or []).to_source(local)


def _overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def reference_identity(number: str | None, symbol: str | None, year: Any, doc_type: str | None,
                       date: Any, text: str | None = None) -> tuple:  # fmt: skip
    """The README's identity: (number w/o zeros, SYMBOL no spaces, year), (type, date), or name + year."""
    if number:
        sym = re.sub(r"\s+", "", symbol or "").upper()
        return ("n", number.lstrip("0") or "0", sym, int(year) if year else None)
    if date:
        return ("d", _clean(doc_type, True), str(date))
    m = _NAME_YEAR_RE.search(text or "")
    name = _clean(text[: m.start()] if m else text, True)
    return ("x", _clean(doc_type, True), name, m.group(1) if m else None)


_NAME_YEAR_RE = re.compile(r"\s+năm\s+(\d{4})\s*$")


def lead_key(lead: str | None) -> str:
    """Normalise an agency for assignment matching (README rules)."""
    s = _clean(lead, True) or ""
    s = s.replace("ủy ban nhân dân", "ubnd").replace("uỷ ban nhân dân", "ubnd")
    prev = None
    while prev != s:
        prev, s = s, _LEAD_DROP_RE.sub("", s)
    return s.strip(" .,;:")


# ---------------------------------------------------------------------------- scoring one doc


def score_document(doc: ExtractedDocument, gold: dict, source: str) -> dict[str, Score]:
    """Score one document against its gold; returns Score per field name."""
    scores: dict[str, Score] = {}
    meta = doc.meta.model_dump(mode="json")
    for f in META_FIELDS:
        gv = gold.get("meta", {}).get(f)
        pv = meta.get(f"{f}_normalized") or meta.get(f)  # e.g. issuer_normalized "UBND tỉnh X"
        s = Score()
        if _clean(gv, f in _CASELESS) == _clean(pv, f in _CASELESS):
            s.tp = 1
        else:
            s.fn = 1
            s.misses.append(f"{f}: gold={gv!r} got={pv!r}")
        scores[f"meta.{f}"] = s
    scores["references"] = _score_references(doc, gold.get("references", []), source)
    scores["references.doc"] = _score_reference_keys(doc, gold.get("references", []))
    scores["targets"] = _score_targets(doc, gold, source)
    scores["assignments"] = _score_assignments(
        doc, gold.get("assignments", []), source, [tuple(r) for r in gold.get("assignments_not_annotated_ranges", [])]
    )
    return scores


def _pred_ref_key(r) -> tuple:
    return reference_identity(r.number, r.symbol, r.year, r.doc_type, r.date, r.text)


def _gold_ref_key(g: dict) -> tuple:
    return reference_identity(g.get("number"), g.get("symbol"), g.get("year"), g.get("doc_type"), g.get("date"),
                              g.get("text"))  # fmt: skip


def _score_references(doc: ExtractedDocument, gold_refs: list[dict], source: str) -> Score:
    texts = [g["text"] for g in gold_refs]
    occ: list[tuple[tuple[int, int], tuple, str]] = []
    for g in gold_refs:
        outer = [sp for u in texts if u != g["text"] and g["text"] in u for sp in _occurrences(source, u)]
        for sp in _occurrences(source, g["text"]):
            if not any(x <= sp[0] and sp[1] <= y for x, y in outer):
                occ.append((sp, _gold_ref_key(g), g["text"]))
    used = [False] * len(occ)
    s = Score()
    for r in doc.references:
        span = source_span(doc, tuple(r.span))
        key = _pred_ref_key(r)
        hit = next((i for i, (sp, k, _) in enumerate(occ) if not used[i] and k == key and _overlaps(sp, span)), None)
        if hit is None:
            s.fp += 1
            s.extras.append(r.text)
        else:
            used[hit] = True
            s.tp += 1
    for i, (_, _, t) in enumerate(occ):
        if not used[i]:
            s.fn += 1
            s.misses.append(t)
    return s


def _score_reference_keys(doc: ExtractedDocument, gold_refs: list[dict]) -> Score:
    gold_keys = {_gold_ref_key(g) for g in gold_refs}
    pred_keys = {_pred_ref_key(r) for r in doc.references}
    return Score(tp=len(gold_keys & pred_keys), fp=len(pred_keys - gold_keys), fn=len(gold_keys - pred_keys),
                 misses=sorted(map(str, gold_keys - pred_keys)), extras=sorted(map(str, pred_keys - gold_keys)))  # fmt: skip


def _num_equal(a: Any, b: Any) -> bool:
    if a is None or b is None:
        return a is None and b is None
    a, b = Decimal(str(a)), Decimal(str(b))
    return abs(a - b) <= abs(b) * Decimal("1e-6") + Decimal("1e-12")


def _score_targets(doc: ExtractedDocument, gold: dict, source: str) -> Score:
    ignore = [tuple(r) for r in gold.get("targets_not_annotated_ranges", [])]
    golds = gold.get("targets", [])
    occ = [(sp, gi, g) for gi, g in enumerate(golds) for sp in _occurrences(source, g["text"])]
    matched: set[int] = set()  # gold target index
    s = Score()
    for t in doc.targets:
        span = source_span(doc, tuple(t.span))
        if any(a <= span[0] < b for a, b in ignore):
            continue
        hit = None
        for sp, gi, g in occ:
            if gi in matched or not _overlaps(sp, span):
                continue
            if _num_equal(t.value, g.get("value")) and (
                g.get("value_max") is None or _num_equal(t.value_max, g["value_max"])
            ):
                hit = gi
                break
        if hit is None:
            s.fp += 1
            s.extras.append(f"{t.text!r}={t.value}")
        else:
            matched.add(hit)
            s.tp += 1
    for gi, g in enumerate(golds):
        if gi not in matched:
            s.fn += 1
            s.misses.append(f"{g['text']!r}={g.get('value')}")
    return s


def _score_assignments(doc: ExtractedDocument, gold_assign: list[dict], source: str,
                       ignore: list[tuple] = ()) -> Score:  # fmt: skip
    groups: dict[tuple, str] = {}
    for g in gold_assign:
        groups.setdefault((tuple(g["block"]), lead_key(g.get("lead"))), g["text"])
    matched: set[tuple] = set()
    s = Score()
    for a in doc.assignments:
        start = source_span(doc, tuple(a.span))[0]
        if any(x <= start < y for x, y in ignore):
            continue
        lk = lead_key(a.lead)
        hits = [k for k in groups if k[0][0] <= start < k[0][1] and k[1] == lk]
        if not hits:
            s.fp += 1
            s.extras.append(f"{a.lead}: {a.text[:60]!r}")
        elif hits[0] not in matched:
            matched.add(hits[0])
            s.tp += 1
    for k, text in groups.items():
        if k not in matched:
            s.fn += 1
            s.misses.append(f"{k[1]}: {text[:60]!r}")
    return s


# ---------------------------------------------------------------------------- corpus level


def find_corpus_file(corpus_dir: Path, stem: str) -> Path | None:
    """The corpus file for a gold stem: .txt first, then .md/.docx/.pdf."""
    for ext in (".txt", ".md", ".docx", ".pdf"):
        p = corpus_dir / f"{stem}{ext}"
        if p.exists():
            return p
    return None


def evaluate(gold_dir: Path, corpus_dir: Path, only: Iterable[str] | None = None) -> dict[str, Any]:
    """Run the pipeline on every gold document and return per-field and per-document scores."""
    from pipeline import process

    totals: dict[str, Score] = {}
    per_doc: dict[str, dict[str, Any]] = {}
    wanted = set(only) if only else None
    for gold_path in sorted(Path(gold_dir).glob("*.json")):
        stem = gold_path.stem.removesuffix(".gold")
        if wanted and stem not in wanted:
            continue
        corpus_file = find_corpus_file(Path(corpus_dir), stem)
        if corpus_file is None:
            raise FileNotFoundError(f"{corpus_dir}: no corpus file for gold {gold_path.name}")
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
        source = corpus_file.read_text(encoding="utf-8") if corpus_file.suffix in (".txt", ".md") else ""
        doc = process(corpus_file)
        scores = score_document(doc, gold, source)
        per_doc[stem] = {k: v.as_dict() for k, v in scores.items()}
        for k, v in scores.items():
            totals.setdefault(k, Score()).add(v, prefix=f"{stem}: ")
    summary = {k: v.as_dict() for k, v in totals.items()}
    meta_scores = [v for k, v in totals.items() if k.startswith("meta.")]
    if meta_scores:
        agg = Score()
        for v in meta_scores:
            agg.add(v)
        summary["meta"] = {**agg.as_dict(), "misses": [], "extras": []}
    return {"fields": summary, "documents": per_doc}


def diff_reports(old: dict[str, Any], new: dict[str, Any]) -> list[dict[str, Any]]:
    """What each field gained and lost between two runs (by F1 and by individual items)."""
    rows = []
    for f in sorted(set(old["fields"]) | set(new["fields"])):
        o, n = old["fields"].get(f, {}), new["fields"].get(f, {})
        gained = sorted(set(o.get("misses", [])) - set(n.get("misses", [])))
        lost = sorted(set(n.get("misses", [])) - set(o.get("misses", [])))
        new_fp = sorted(set(n.get("extras", [])) - set(o.get("extras", [])))
        fixed_fp = sorted(set(o.get("extras", [])) - set(n.get("extras", [])))
        rows.append({"field": f, "f1_old": o.get("f1"), "f1_new": n.get("f1"),
                     "delta": round((n.get("f1") or 0) - (o.get("f1") or 0), 4),
                     "gained": gained, "lost": lost, "new_fp": new_fp, "fixed_fp": fixed_fp})  # fmt: skip
    return rows
