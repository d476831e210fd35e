"""findings as data: each finding's outcome, the terms it found missing, its convention

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-01
"""

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("findings") as batch:
        batch.add_column(sa.Column("outcome", sa.String(20)))
        batch.add_column(sa.Column("missing", sa.Text))
        batch.add_column(sa.Column("convention", sa.Text))


def downgrade() -> None:
    with op.batch_alter_table("findings") as batch:
        batch.drop_column("convention")
        batch.drop_column("missing")
        batch.drop_column("outcome")
