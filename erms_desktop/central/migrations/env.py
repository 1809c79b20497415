"""Alembic environment, configured in code by erms_desktop.central.migrate (no alembic.ini
needed), so ``erms-central migrate`` works from an installed wheel."""

from __future__ import annotations

from alembic import context

from erms_desktop.central.db import make_engine
from erms_desktop.central.models import Base

config = context.config
url = config.attributes["database_url"]
engine = make_engine(url)
with engine.connect() as connection:
    context.configure(
        connection=connection,
        target_metadata=Base.metadata,
        render_as_batch=connection.dialect.name == "sqlite",
    )
    with context.begin_transaction():
        context.run_migrations()
    connection.commit()
engine.dispose()
