"""erms-central: the central store the laptops sync to (FastAPI, SQLAlchemy, Alembic). No Qt."""
