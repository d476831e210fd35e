"""page triage decisions, OCR status and digital signatures

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-22
"""

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("documents") as batch:
        batch.add_column(sa.Column("signed_by", sa.Text))
        batch.add_column(sa.Column("signed_at", sa.DateTime(timezone=True)))
    op.create_table(
        "pages",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("document_id", sa.Integer,
                  sa.ForeignKey("documents.id", ondelete="CASCADE"), index=True, nullable=False),
        sa.Column("page", sa.Integer, nullable=False),
        sa.Column("text_layer", sa.String(20), nullable=False),
        sa.Column("ocr", sa.Boolean, nullable=False),
        sa.Column("verification", sa.Boolean, nullable=False),
        sa.Column("reason", sa.Text, nullable=False),
    )


def downgrade() -> None:
    op.drop_table("pages")
    with op.batch_alter_table("documents") as batch:
        batch.drop_column("signed_at")
        batch.drop_column("signed_by")
