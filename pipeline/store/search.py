"""Full-text search that works with or without diacritics ("ho ngheo" finds "hộ nghèo").

The query is folded like the index (``keys.fold``) and matched as a phrase against
section-level chunks: SQLite FTS5 (``unicode61 remove_diacritics 2``) or PostgreSQL
``unaccent`` + tsvector. Documents rank by how many of their sections match, then by the
engine's relevance (bm25 / ts_rank), then by id, so both backends list the same order
whenever the section counts differ. Snippets are cut from the stored text in Python.
"""

from __future__ import annotations

import re

from sqlalchemy import Connection, bindparam, text

from pipeline.store.keys import fold_words

#: Characters of context on each side of the match in a snippet.
SNIPPET_CONTEXT = 60

_SQLITE_SEARCH = text(
    """
    WITH matched AS MATERIALIZED (
        SELECT rowid AS id, -bm25(chunks_fts) AS score FROM chunks_fts WHERE chunks_fts MATCH :match
    )
    SELECT c.document_id AS document_id, count(*) AS hits, sum(matched.score) AS relevance
    FROM matched JOIN chunks c ON c.id = matched.id
    GROUP BY c.document_id
    ORDER BY hits DESC, relevance DESC, c.document_id
    LIMIT :limit
    """
)
_POSTGRES_SEARCH = text(
    """
    SELECT c.document_id AS document_id, count(*) AS hits,
           sum(ts_rank(c.tsv, phraseto_tsquery('simple', unaccent(:match)))) AS relevance
    FROM chunks c
    WHERE c.tsv @@ phraseto_tsquery('simple', unaccent(:match))
    GROUP BY c.document_id
    ORDER BY hits DESC, relevance DESC, c.document_id
    LIMIT :limit
    """
)
_BEST_CHUNKS = text(
    """
    SELECT c.document_id, c.section, c.start, substr(d.text, c.start + 1, c.end - c.start) AS text, c.folded,
           d.path, d.doc_type, d.subject
    FROM chunks c JOIN documents d ON d.id = c.document_id
    WHERE c.document_id IN :ids AND c.folded LIKE :like
    ORDER BY c.document_id, c.start
    """
)


def search(conn: Connection, query: str, *, limit: int = 20) -> list[dict]:
    """Documents matching ``query`` as a phrase, best first, with section path and snippet."""
    words = fold_words(query)
    if not words:
        return []
    phrase = " ".join(words)
    if conn.dialect.name == "sqlite":
        ranked = conn.execute(_SQLITE_SEARCH, {"match": f'"{phrase}"', "limit": limit}).all()
    else:
        ranked = conn.execute(_POSTGRES_SEARCH, {"match": phrase, "limit": limit}).all()
    if not ranked:
        return []
    first_word = f"%{words[0]}%"
    phrase_re = re.compile(r"\b" + r"\W+".join(map(re.escape, words)) + r"\b")
    chunks: dict[str, list] = {}
    stmt = _BEST_CHUNKS.bindparams(bindparam("ids", expanding=True))
    for row in conn.execute(stmt, {"ids": [r.document_id for r in ranked], "like": first_word}):
        chunks.setdefault(row.document_id, []).append(row)
    results = []
    for rank, r in enumerate(ranked, 1):
        best = _best_chunk(chunks.get(r.document_id, []), phrase_re)
        results.append(
            {
                "rank": rank,
                "document_id": r.document_id,
                "path": best.path if best else None,
                "doc_type": best.doc_type if best else None,
                "sections_matched": r.hits,
                "mentions": sum(len(phrase_re.findall(c.folded)) for c in chunks.get(r.document_id, [])),
                "section": best.section if best else None,
                "snippet": _snippet(best, phrase_re) if best else None,
                "span": _span(best, phrase_re) if best else None,
            }
        )
    return results


def _best_chunk(chunks: list, phrase_re: re.Pattern):
    """The chunk that mentions the phrase most (ties: the earliest)."""
    scored = [(len(phrase_re.findall(c.folded)), -c.start, c) for c in chunks]
    scored = [s for s in scored if s[0] > 0]
    return max(scored, key=lambda s: s[:2])[2] if scored else None


def _span(chunk, phrase_re: re.Pattern) -> list[int]:
    """[start, end) of the first mention in the document text."""
    m = phrase_re.search(chunk.folded)
    return [chunk.start + m.start(), chunk.start + m.end()]


def _snippet(chunk, phrase_re: re.Pattern) -> str:
    """The first mention with some context, cut from the original (accented) text."""
    m = phrase_re.search(chunk.folded)
    at, to = m.span()
    start, end = max(0, at - SNIPPET_CONTEXT), min(len(chunk.text), to + SNIPPET_CONTEXT)
    if start > 0:  # whole words only
        space = chunk.text.find(" ", start, at)
        start = space + 1 if space >= 0 else start
    if end < len(chunk.text):
        space = chunk.text.rfind(" ", to, end)
        end = space if space >= 0 else end
    body = chunk.text[start:at] + "«" + chunk.text[at:to] + "»" + chunk.text[to:end]
    body = " ".join(body.split())
    return ("…" if start > 0 else "") + body + ("…" if end < len(chunk.text) else "")
