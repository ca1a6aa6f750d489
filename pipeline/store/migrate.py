"""Schema migrations through Alembic, run programmatically (``vanban db upgrade``).

The migration scripts ship inside the package (``pipeline/store/migrations``), so an
installed vanban can upgrade an archive in place without an alembic.ini.
"""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine

from pipeline.store.db import make_engine, resolve_url

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"


def alembic_config(url: str | None = None) -> Config:
    """An Alembic Config pointing at the packaged scripts and at ``url``."""
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
    cfg.set_main_option("sqlalchemy.url", resolve_url(url).replace("%", "%%"))
    return cfg


def head_revision() -> str:
    """The newest revision shipped with this code."""
    return ScriptDirectory.from_config(alembic_config()).get_current_head()


def current_revision(engine: Engine) -> str | None:
    """The revision the database is at (None for an empty database)."""
    with engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()


def upgrade(url: str | Engine | None = None, revision: str = "head") -> str | None:
    """Upgrade the database to ``revision`` (default: head); returns the revision reached."""
    engine = url if isinstance(url, Engine) else make_engine(url)
    cfg = alembic_config(str(engine.url.render_as_string(hide_password=False)))
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, revision)
    reached = current_revision(engine)
    if not isinstance(url, Engine):
        engine.dispose()
    return reached


def ensure_schema(engine: Engine) -> None:
    """Bring the database to head if it is behind (cheap when it is already there)."""
    if current_revision(engine) != head_revision():
        upgrade(engine)
