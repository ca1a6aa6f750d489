"""The citation graph: a document's neighbourhood, or the whole archive, as GraphML or DOT.

Nodes are archived documents and stubs (missing documents); edges are citations,
labelled with their relation and resolution status. Written by hand: no graph library.
"""

from __future__ import annotations

from xml.sax.saxutils import quoteattr

from sqlalchemy import Connection, select

from pipeline.store import models as m
from pipeline.store.queries import find_document


def neighbourhood(conn: Connection, document: str, *, depth: int = 1) -> dict:
    """Nodes and edges reachable from a document by following citations ``depth`` times."""
    start = find_document(conn, document)
    nodes: dict[str, dict] = {}
    edges: list[dict] = []
    frontier, seen = [start], {start}
    for _ in range(max(depth, 0)):
        if not frontier:
            break
        found = _edges_from(conn, frontier)
        edges += found
        frontier = [e["target"] for e in found if e["target"] not in seen and not e["target"].startswith("stub:")]
        seen.update(e["target"] for e in found)
    _add_nodes(conn, nodes, seen)
    return {"root": start, "nodes": sorted(nodes.values(), key=lambda n: n["id"]), "edges": edges}


def whole_graph(conn: Connection) -> dict:
    """Every document and stub, and every citation between them."""
    edges = _edges_from(conn, None)
    ids = {d for (d,) in conn.execute(select(m.Document.id))} | {e["target"] for e in edges}
    nodes: dict[str, dict] = {}
    _add_nodes(conn, nodes, ids)
    return {"root": None, "nodes": sorted(nodes.values(), key=lambda n: n["id"]), "edges": edges}


def _edges_from(conn: Connection, sources: list[str] | None) -> list[dict]:
    stmt = select(
        m.Citation.document_id, m.Citation.resolved_doc_id, m.Citation.stub_key, m.Citation.relation, m.Citation.status
    ).order_by(m.Citation.document_id, m.Citation.ordinal)
    if sources is not None:
        stmt = stmt.where(m.Citation.document_id.in_(sources))
    edges, seen = [], set()
    for source, resolved, stub, relation, status in conn.execute(stmt):
        target = resolved or (f"stub:{stub}" if stub else None)
        if target is None or (source, target, relation) in seen:
            continue
        seen.add((source, target, relation))
        edges.append({"source": source, "target": target, "relation": relation, "status": status})
    return edges


def _add_nodes(conn: Connection, nodes: dict[str, dict], ids: set[str]) -> None:
    doc_ids = [i for i in ids if not i.startswith("stub:")]
    stub_keys = [i[5:] for i in ids if i.startswith("stub:")]
    for chunk in _chunks(doc_ids):
        for d in conn.execute(
            select(m.Document.id, m.Document.path, m.Document.doc_type, m.Document.number, m.Document.symbol,
                   m.Document.assigned_number, m.Document.assigned_symbol, m.Document.year).where(m.Document.id.in_(chunk))
        ):  # fmt: skip
            number, symbol = (d.number, d.symbol) if d.number else (d.assigned_number, d.assigned_symbol or d.symbol)
            label = " ".join(x for x in (d.doc_type, number_symbol(number, symbol)) if x)
            nodes[d.id] = {"id": d.id, "kind": "document", "label": label or d.path, "path": d.path, "year": d.year}
    for chunk in _chunks(stub_keys):
        for s in conn.execute(select(m.Stub).where(m.Stub.key.in_(chunk))):
            label = " ".join(x for x in (s.doc_type, number_symbol(s.number, s.symbol) or s.name) if x)
            nodes[f"stub:{s.key}"] = {"id": f"stub:{s.key}", "kind": "missing", "label": label or s.key, "path": None,
                                      "year": s.year}  # fmt: skip


def number_symbol(number: str | None, symbol: str | None) -> str | None:
    """'104/KH-UBND' as printed; Party symbols join with a hyphen ('34-CT/TW').

    >>> number_symbol("34", "CT/TW"), number_symbol("01", "QĐ-UBND")
    ('34-CT/TW', '01/QĐ-UBND')
    """
    if not (number and symbol):
        return None
    return f"{number}-{symbol}" if "/" in symbol and "-" not in symbol else f"{number}/{symbol}"


def _chunks(items: list[str], size: int = 500):
    ordered = sorted(items)
    for i in range(0, len(ordered), size):
        yield ordered[i : i + size]


def to_graphml(graph: dict) -> str:
    """GraphML with node attributes kind/label/path/year and edge attributes relation/status."""
    keys = [
        ("kind", "node"),
        ("label", "node"),
        ("path", "node"),
        ("year", "node"),
        ("relation", "edge"),
        ("status", "edge"),
    ]
    lines = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<graphml xmlns="http://graphml.graphdrawing.org/xmlns">',
        *(f'  <key id="{k}" for="{f}" attr.name="{k}" attr.type="string"/>' for k, f in keys),
        '  <graph id="citations" edgedefault="directed">',
    ]
    for n in graph["nodes"]:
        lines.append(f"    <node id={quoteattr(n['id'])}>")
        lines += [
            f'      <data key="{k}">{_xml(n[k])}</data>' for k in ("kind", "label", "path", "year") if n[k] is not None
        ]
        lines.append("    </node>")
    for i, e in enumerate(graph["edges"]):
        lines.append(f'    <edge id="e{i}" source={quoteattr(e["source"])} target={quoteattr(e["target"])}>')
        lines += [f'      <data key="{k}">{_xml(e[k])}</data>' for k in ("relation", "status")]
        lines.append("    </edge>")
    lines += ["  </graph>", "</graphml>", ""]
    return "\n".join(lines)


def _xml(value) -> str:
    return quoteattr(str(value))[1:-1]


def to_dot(graph: dict) -> str:
    """Graphviz DOT: missing documents dashed, unresolved citations dashed."""
    lines = ["digraph citations {", "  rankdir=LR;", "  node [shape=box];"]
    for n in graph["nodes"]:
        style = ", style=dashed" if n["kind"] == "missing" else ""
        lines.append(f"  {_dot(n['id'])} [label={_dot(n['label'])}{style}];")
    for e in graph["edges"]:
        style = "" if e["status"] == "resolved" else ", style=dashed"
        lines.append(f"  {_dot(e['source'])} -> {_dot(e['target'])} [label={_dot(e['relation'])}{style}];")
    lines += ["}", ""]
    return "\n".join(lines)


def _dot(value: str) -> str:
    return '"' + str(value).replace("\\", "\\\\").replace('"', '\\"').replace("\n", " ") + '"'
