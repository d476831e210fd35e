"""Database: SQLAlchemy 2 models, Alembic migrations, and storing parsed files."""
