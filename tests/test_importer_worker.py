"""Worker processes vanban starts are prepared once: extractors built, cyclic GC tuned."""

from __future__ import annotations

import subprocess
import sys

from flows import import_archive as ia
from pipeline import importer

_PROBE = """
import gc
from pipeline.importer import prepare_worker, WORKER_GC_THRESHOLDS
before = gc.get_freeze_count()
prepare_worker()
import extractors
print(before, gc.get_freeze_count(), gc.get_threshold() == WORKER_GC_THRESHOLDS, extractors._EXTRACTORS is not None)
"""


def test_prepare_worker_freezes_the_warm_heap_and_raises_the_gc_threshold():
    out = subprocess.run([sys.executable, "-c", _PROBE], capture_output=True, text=True, check=True).stdout.split()
    before, after, tuned, built = int(out[0]), int(out[1]), out[2], out[3]
    assert before == 0 and after > 50_000  # lexicons, patterns, spaCy vocabulary: out of the GC's walk
    assert tuned == "True" and built == "True"


def test_local_runner_prepares_its_workers_and_dask_only_its_own_cluster():
    runner = ia.make_task_runner("local", 2)
    assert runner._initializer is importer.prepare_worker
    own = ia.make_task_runner("dask", 2)
    assert own.cluster_kwargs["preload"] == ["flows.dask_worker"]
    assert own.cluster_kwargs["config"]["distributed"]["worker"]["profile"]["enabled"] is False
    assert own.cluster_kwargs["config"]["distributed"]["scheduler"]  # a whole configuration, not a patch
    existing = ia.make_task_runner("dask", 2, dask_address="tcp://127.0.0.1:8786")
    assert "preload" not in (existing.cluster_kwargs or {})
