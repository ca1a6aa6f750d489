"""A batch is loaded as it is parsed: one writer turn per parse, not a burst after the batch."""

from __future__ import annotations

from pathlib import Path

from pipeline import importer
from pipeline.store import api, load

SAMPLES = Path(__file__).resolve().parent.parent / "samples"


def test_import_batch_loads_each_document_before_parsing_the_next(tmp_path, monkeypatch):
    files = sorted(SAMPLES.glob("*.txt"))[:3]
    bad = tmp_path / "empty.txt"
    bad.write_bytes(b"")
    candidates = [importer.hash_file(p) for p in [files[0], bad, *files[1:]]]
    events: list[str] = []
    parse, store = importer.process_candidate, load.load_document

    def parsing(c, timeout=None):
        events.append(f"parse {Path(c.path).name}")
        return parse(c, timeout)

    def loading(engine, doc, **kw):
        events.append(f"load {Path(doc.source_path).name}")
        return store(engine, doc, **kw)

    monkeypatch.setattr(importer, "process_candidate", parsing)
    monkeypatch.setattr(load, "load_document", loading)
    url = f"sqlite:///{tmp_path / 'a.db'}"
    rep = importer.import_batch(url, candidates)

    names = [files[0].name, "empty.txt", files[1].name, files[2].name]
    expected = []
    for name in names:
        expected += [f"parse {name}"] + ([] if name == "empty.txt" else [f"load {name}"])
    assert events == expected
    assert rep.counts == {"imported": 3, "unchanged": 0, "new_versions": 0, "quarantined": 1, "failed": 0}
    assert rep.bytes == sum(p.stat().st_size for p in files)
    assert len(rep.documents) == 3
    assert len(rep.errors) == 1 and rep.errors[0].startswith(f"{bad}: empty: ")
    assert api.known_hashes(url, [c.sha256 for c in candidates]) == {candidates[i].sha256 for i in (0, 2, 3)}


def test_import_batch_records_a_defect_and_loads_the_rest(tmp_path, monkeypatch):
    files = sorted(SAMPLES.glob("*.txt"))[:2]
    candidates = [importer.hash_file(p) for p in files]
    parse = importer.process_candidate

    def flaky(c, timeout=None):
        if c.path == str(files[0]):
            raise RuntimeError("boom")
        return parse(c, timeout)

    monkeypatch.setattr(importer, "process_candidate", flaky)
    url = f"sqlite:///{tmp_path / 'a.db'}"
    rep = importer.import_batch(url, candidates)
    assert rep.counts["imported"] == 1 and rep.counts["failed"] == 1
    assert rep.errors == [f"{files[0]}: internal-error: RuntimeError: boom"]
