"""how each statement and note key was found; the sections each document was cut into

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-01
"""

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("statement_lines", sa.Column("key_match", sa.String(20)))
    op.add_column("note_lines", sa.Column("key_match", sa.String(20)))
    op.add_column("documents", sa.Column("sections", sa.Text))


def downgrade() -> None:
    with op.batch_alter_table("documents") as batch:
        batch.drop_column("sections")
    with op.batch_alter_table("note_lines") as batch:
        batch.drop_column("key_match")
    with op.batch_alter_table("statement_lines") as batch:
        batch.drop_column("key_match")
