"""Run flows quietly, with or without a Prefect server.

Without ``PREFECT_API_URL`` Prefect would start a temporary server in *every* worker
process of a process pool (~7-16 s each). We start one ourselves, hand its URL to the
workers through the environment, and stop it at the end. Telemetry is off (no network).
"""

from __future__ import annotations

import logging
import os
from collections.abc import Iterator
from contextlib import contextmanager

os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")
os.environ.setdefault("PREFECT_LOGGING_LEVEL", "WARNING")
os.environ.setdefault("PREFECT_LOGGING_TO_API_ENABLED", "false")


@contextmanager
def prefect_runtime(quiet: bool = True) -> Iterator[str | None]:
    """Yield the API URL in use; start (and later stop) a local server when none is configured."""
    from prefect.settings import PREFECT_API_URL, temporary_settings

    if quiet:
        for name in ("prefect", "prefect.server", "prefect.flow_runs", "prefect.task_runs", "uvicorn",
                     "distributed", "httpx"):  # fmt: skip
            logging.getLogger(name).setLevel(logging.ERROR)
    configured = PREFECT_API_URL.value()
    if configured:
        yield configured
        return
    from prefect.server.api.server import SubprocessASGIServer

    server = SubprocessASGIServer()
    server.start()
    previous = os.environ.get("PREFECT_API_URL")
    os.environ["PREFECT_API_URL"] = server.api_url
    try:
        with temporary_settings({PREFECT_API_URL: server.api_url}):
            yield server.api_url
    finally:
        if previous is None:
            os.environ.pop("PREFECT_API_URL", None)
        else:
            os.environ["PREFECT_API_URL"] = previous
        server.stop()
