"""key facts of protokoll and tjänsteskrivelser

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-22
"""

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "facts",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("document_id", sa.Integer,
                  sa.ForeignKey("documents.id", ondelete="CASCADE"), index=True, nullable=False),
        sa.Column("fact", sa.String(40), nullable=False),
        sa.Column("number", sa.Integer),
        sa.Column("value", sa.Text, nullable=False),
        sa.Column("detail", sa.Text, nullable=False),
        sa.Column("page", sa.Integer, nullable=False),
        sa.Column("row_order", sa.Integer, nullable=False),
    )


def downgrade() -> None:
    op.drop_table("facts")
