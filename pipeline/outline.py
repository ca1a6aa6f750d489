"""A readable Markdown outline of a parsed document: header fields, section tree, item counts."""

from __future__ import annotations

from schemas import ExtractedDocument

_META_FIELDS = [
    ("doc_type", "Loại"),
    ("issuer", "Cơ quan ban hành"),
    ("parent_issuer", "Cơ quan chủ quản"),
    ("number_symbol_raw", "Số, ký hiệu"),
    ("place", "Địa danh"),
    ("issue_date", "Ngày"),
    ("issue_date_raw", "Ngày (nguyên văn)"),
    ("subject", "Trích yếu"),
    ("signer_authority", "Thẩm quyền ký"),
    ("signer_title", "Chức vụ"),
    ("signer_name", "Người ký"),
]


def render_outline(doc: ExtractedDocument) -> str:
    """Markdown: a header table, the section tree as nested bullets, then counts and problems."""
    lines = [f"# {doc.source_path}", "", f"`{doc.id[:16]}` · {doc.format} · {len(doc.text)} ký tự", ""]
    meta = doc.meta
    for field, label in _META_FIELDS:
        value = getattr(meta, field)
        if value not in (None, ""):
            lines.append(f"- **{label}:** {value}")
    if meta.addressees:
        lines.append("- **Kính gửi:** " + "; ".join(meta.addressees))
    if meta.recipients:
        lines.append("- **Nơi nhận:** " + "; ".join(r.text for r in meta.recipients))
    lines += ["", "## Mục lục", ""]
    for s in doc.sections:
        if s.role != "heading":
            continue
        indent = "  " * (s.level - 1)
        lines.append(f"{indent}- {s.marker} {s.title}  `{s.path}`")
    counts = [
        ("references", len(doc.references)),
        ("quantities", len(doc.quantities)),
        ("targets", len(doc.targets)),
        ("assignments", len(doc.assignments)),
        ("movements", len(doc.movements)),
        ("awards", len(doc.awards)),
    ]
    lines += ["", "## Trích xuất", ""] + [f"- {name}: {n}" for name, n in counts]
    if doc.problems:
        lines += ["", "## Vấn đề", ""] + [f"- `{p.code}` {p.message}" for p in doc.problems]
    return "\n".join(lines)
