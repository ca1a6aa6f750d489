"""Agency gazetteer: find and canonicalise agency names with a spaCy PhraseMatcher.

The gazetteer lives in ``extractors/lexicon/agencies.yaml`` (canonical name, aliases,
abbreviations, level, examples). Matching runs on a case-folded copy of the text with old
tone placement unified ("Hoá" = "hóa"), tokenised by one regex so that line breaks and
punctuation never split or glue a name ("Sở Tư\\npháp", "Phòng LĐ-TB&XH,"). spaCy's own
Vietnamese tokenizer is not used: it splits on spaces only and, with ``use_pyvi``, needs
a package we do not ship; we build the ``Doc`` from our tokens instead (offsets kept).
The nlp object and matcher are built once, lazily, on first use.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from itertools import islice
from typing import Any

from extractors.lexicon import load_lexicon, load_lexicon_file
from extractors.patterns import trie_alternation

#: Tokens for matching: words, or single punctuation marks (offsets come from the match).
_TOKEN_RE = re.compile(r"\w+|[^\w\s]")
#: Old tone placement on oa/oe/uy in precomposed NFC text ("hoá" → "hóa", "uỷ" → "ủy").
_OLD_TONE = {
    "oà": "òa", "oá": "óa", "oả": "ỏa", "oã": "õa", "oạ": "ọa",
    "oè": "òe", "oé": "óe", "oẻ": "ỏe", "oẽ": "õe", "oẹ": "ọe",
    "uỳ": "ùy", "uý": "úy", "uỷ": "ủy", "uỹ": "ũy", "uỵ": "ụy",
}  # fmt: skip
_OLD_TONE_RE = re.compile("(?:" + "|".join(_OLD_TONE) + r")(?!\w)")


@dataclass(frozen=True, slots=True)
class AgencyMatch:
    """One gazetteer hit: [start, end) into the searched text, canonical name, level."""

    start: int
    end: int
    canonical: str
    level: str | None
    agency_id: str


def fold(text: str) -> str:
    """Lower-case and unify tone placement without changing the length (offsets survive).

    >>> fold("Phòng Văn hoá và Thông tin")
    'phòng văn hóa và thông tin'
    """
    low = text.lower()
    if len(low) != len(text):  # rare letters whose lower case is longer: keep offsets
        low = "".join(c.lower() if len(c.lower()) == 1 else c for c in text)
    return _OLD_TONE_RE.sub(lambda m: _OLD_TONE[m.group()], low)


def load_agency_lexicon() -> dict[str, Any]:
    """agencies.yaml through the shared loader; gazetteer entries must carry all their keys."""
    data = load_lexicon_file("agencies")
    load_lexicon("agencies", "agencies", required=("canonical", "aliases", "abbreviations", "level", "examples"))
    return data


def lexicon_words(data: dict[str, Any], table: str) -> list[str]:
    """The ``words`` of every entry of a word-list table (heads, verbs)."""
    return [w for entry in data[table] for w in entry["words"]]


def _slug(name: str) -> str:
    return re.sub(r"\W+", "-", fold(name)).strip("-")


class Gazetteer:
    """Phrase matcher over every alias and abbreviation of the lexicon."""

    def __init__(self, data: dict[str, Any]) -> None:
        import spacy
        from spacy.matcher import PhraseMatcher

        self.nlp = spacy.blank("vi", config={"nlp": {"tokenizer": {"use_pyvi": False}}})
        self.matcher = PhraseMatcher(self.nlp.vocab, attr="LOWER")
        self.entries: dict[str, dict[str, Any]] = {}
        self.alias_index: dict[str, str] = {}  # key of an alias -> agency id
        for entry in data.get("agencies", []):
            aid = _slug(entry["canonical"])
            self.entries[aid] = entry
            names = [entry["canonical"], *entry["aliases"], *entry["abbreviations"]]
            docs = []
            for name in dict.fromkeys(names):
                words = _words(fold(name))
                self.alias_index.setdefault(" ".join(words), aid)
                docs.append(self._doc(words))
            self.matcher.add(aid, docs)
        self.abbreviations = {a["short"]: a["long"] for a in data.get("abbreviations", [])}
        self.first_re = _opening_re(self.alias_index)
        #: first word of an alias -> the aliases' lengths in words, longest first: only those
        #: prefixes of the text are looked up ("sở" opens aliases of 2 to 9 words, not 1 to 12)
        lengths: dict[str, set[int]] = {}
        for key in self.alias_index:
            words = key.split(" ")
            lengths.setdefault(words[0], set()).add(len(words))
        self.lengths = {w: sorted(n, reverse=True) for w, n in lengths.items()}
        #: characters to tokenise after an opening word: the longest alias, line breaks allowed
        self.window = 2 * max((len(k) for k in self.alias_index), default=1)

    def _doc(self, words: list[str]):
        from spacy.tokens import Doc

        return Doc(self.nlp.vocab, words=words, spaces=[True] * len(words))

    def find(self, text: str) -> list[AgencyMatch]:
        """All agency names in ``text``, longest first where they overlap, in text order.

        The hot path: a C-speed regex finds the words that can open an alias, and only there
        are the next few tokens looked up in the alias index (left to right, longest alias
        first). It gives the PhraseMatcher's matches (``find_with_matcher``, a test checks
        both agree) without building a spaCy Doc of the whole text, which costs ~1 ms per
        1,000 tokens and is called thousands of times per document on short strings.
        """
        folded = fold(text)
        out: list[AgencyMatch] = []
        pos = 0
        for m in self.first_re.finditer(folded):
            if m.start() < pos:
                continue
            tokens = _TOKEN_RE.finditer(folded, m.start(), min(len(folded), m.start() + self.window))
            first = next(tokens, None)
            lengths = self.lengths.get(first.group(), ()) if first else ()
            toks = [first, *islice(tokens, lengths[0] - 1)] if lengths else []
            words = [t.group() for t in toks]
            for k in lengths:
                if k > len(words):
                    continue
                aid = self.alias_index.get(" ".join(words[:k]))
                if aid:
                    entry = self.entries[aid]
                    out.append(AgencyMatch(m.start(), toks[k - 1].end(), entry["canonical"], entry.get("level"), aid))
                    pos = toks[k - 1].end()
                    break
        return out

    def find_with_matcher(self, text: str) -> list[AgencyMatch]:
        """The same search through spaCy's PhraseMatcher on a Doc of the folded tokens."""
        folded = fold(text)
        toks = list(_TOKEN_RE.finditer(folded))
        if not toks:
            return []
        doc = self._doc([m.group() for m in toks])
        hits = sorted(self.matcher(doc), key=lambda h: (h[1], -(h[2] - h[1])))
        out: list[AgencyMatch] = []
        last_end = -1
        for match_id, s, e in hits:
            if s < last_end:
                continue
            aid = self.nlp.vocab.strings[match_id]
            entry = self.entries[aid]
            out.append(AgencyMatch(toks[s].start(), toks[e - 1].end(), entry["canonical"], entry.get("level"), aid))
            last_end = e
        return out

    def canonicalize(self, name: str) -> str:
        """Canonical form of an agency name: gazetteer prefix replaced, abbreviations expanded.

        The tail after a known name is kept ("UBND tỉnh Quảng Ngãi" → "Ủy ban nhân dân tỉnh
        Quảng Ngãi"), so proper names are not lost.
        """
        clean = " ".join(name.split()).strip(" .,;:")
        words = _words(fold(clean))
        key = " ".join(words)
        if key in self.alias_index:
            return self.entries[self.alias_index[key]]["canonical"]
        hits = self.find(clean)
        if hits and hits[0].start == 0:
            tail = clean[hits[0].end :].strip()
            return f"{hits[0].canonical} {_expand(tail, self.abbreviations)}".strip()
        return _expand(clean, self.abbreviations)


def _opening_re(alias_index: dict[str, str]) -> re.Pattern[str]:
    """Where an alias can start: its first two tokens, factored by the first one.

    "huyện" alone would fire a thousand times per report; "huyện ủy" / "huyện đoàn" fire only
    where an alias may follow, so the dictionary walk runs ~150 times per 60 KB, not ~1,200.
    Both levels are tries (see ``trie_alternation``): 3.0 → 1.8 ms per scan of seed 001.
    """
    seconds: dict[str, set[str | None]] = {}
    for key in alias_index:
        words = key.split(" ")
        seconds.setdefault(words[0], set()).add(words[1] if len(words) > 1 else None)
    tails = {}
    for first, nxt in seconds.items():
        named = [w for w in nxt if w]
        tail = r"\s*" + trie_alternation(named) + r"(?!\w)" if named else ""
        tails[first] = (f"(?:{tail})?" if None in nxt else tail) if tail else r"(?!\w)"
    return re.compile(r"\b" + trie_alternation(seconds, tails=tails))


def _words(folded: str) -> list[str]:
    return _TOKEN_RE.findall(folded)


def _expand(text: str, abbreviations: dict[str, str]) -> str:
    if not text:
        return text
    return re.sub(r"\w+", lambda m: abbreviations.get(m.group(), m.group()), text)


@lru_cache(maxsize=1)
def gazetteer() -> Gazetteer:
    """The gazetteer, built once on first use (spaCy import and matcher build ≈ 1 s)."""
    return Gazetteer(load_agency_lexicon())


def find_agencies(text: str) -> list[AgencyMatch]:
    """Agency names in ``text`` (see :meth:`Gazetteer.find`)."""
    return gazetteer().find(text)


@lru_cache(maxsize=4096)
def canonicalize(name: str) -> str:
    """Canonical agency name (see :meth:`Gazetteer.canonicalize`); names repeat, so cached."""
    return gazetteer().canonicalize(name)
