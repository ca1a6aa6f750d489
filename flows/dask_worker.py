"""Dask preload for the local cluster ``--runner dask`` starts: prepare each worker once.

Only the cluster vanban creates loads it (``cluster_kwargs["preload"]``); an existing
cluster given by ``--dask-address`` is left as its operators configured it.
"""

from __future__ import annotations


def dask_setup(worker) -> None:
    from pipeline.importer import prepare_worker

    prepare_worker()
