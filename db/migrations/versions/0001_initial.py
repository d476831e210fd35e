"""initial schema: documents, reports, statement and note lines, findings

Revision ID: 0001
Revises:
Create Date: 2026-11-22
"""

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def _provenance() -> list[sa.Column]:
    return [
        sa.Column("page", sa.Integer, nullable=False),
        sa.Column("x0", sa.Float), sa.Column("top", sa.Float),
        sa.Column("x1", sa.Float), sa.Column("bottom", sa.Float),
        sa.Column("raw_text", sa.Text, nullable=False),
        sa.Column("confidence", sa.Float, nullable=False),
    ]


def upgrade() -> None:
    op.create_table(
        "documents",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("source_file", sa.Text, nullable=False),
        sa.Column("sha256", sa.String(64), index=True),
        sa.Column("pages", sa.Integer, nullable=False),
        sa.Column("kind", sa.String(40), nullable=False),
        sa.Column("organisation", sa.String(200)),
        sa.Column("fiscal_year", sa.Integer),
        sa.Column("ocr", sa.String(20), nullable=False),
        sa.Column("signed", sa.Boolean, nullable=False),
        sa.Column("status", sa.String(20), nullable=False),
        sa.Column("error", sa.Text),
        sa.Column("problems", sa.Text),
        sa.Column("ingested_at", sa.DateTime, server_default=sa.func.now(), nullable=False),
    )
    op.create_table(
        "reports",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("document_id", sa.Integer,
                  sa.ForeignKey("documents.id", ondelete="CASCADE"), index=True, nullable=False),
        sa.Column("organisation", sa.String(200)),
        sa.Column("fiscal_year", sa.Integer),
        sa.Column("kind", sa.String(40), nullable=False),
    )
    op.create_table(
        "statement_lines",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("report_id", sa.Integer, sa.ForeignKey("reports.id", ondelete="CASCADE"),
                  index=True, nullable=False),
        sa.Column("statement", sa.String(40), nullable=False),
        sa.Column("heading", sa.String(200)),
        sa.Column("unit", sa.String(40), nullable=False),
        sa.Column("line_key", sa.String(120), nullable=False),
        sa.Column("label", sa.Text, nullable=False),
        sa.Column("note_ref", sa.Integer),
        sa.Column("column", sa.String(20), nullable=False),
        sa.Column("period_year", sa.Integer),
        sa.Column("amount", sa.BigInteger, nullable=False),
        sa.Column("row_order", sa.Integer, nullable=False),
        *_provenance(),
    )
    op.create_table(
        "note_lines",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("report_id", sa.Integer, sa.ForeignKey("reports.id", ondelete="CASCADE"),
                  index=True, nullable=False),
        sa.Column("note_no", sa.Integer, nullable=False),
        sa.Column("note_key", sa.String(120), nullable=False),
        sa.Column("note_title", sa.Text, nullable=False),
        sa.Column("line_key", sa.String(120), nullable=False),
        sa.Column("label", sa.Text, nullable=False),
        sa.Column("group", sa.Text),
        sa.Column("row_type", sa.String(20), nullable=False),
        sa.Column("is_total", sa.Boolean, nullable=False),
        sa.Column("column", sa.String(20), nullable=False),
        sa.Column("period_year", sa.Integer),
        sa.Column("amount", sa.BigInteger, nullable=False),
        sa.Column("unit", sa.String(40), nullable=False),
        sa.Column("row_order", sa.Integer, nullable=False),
        *_provenance(),
    )
    op.create_table(
        "findings",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("report_id", sa.Integer, sa.ForeignKey("reports.id", ondelete="CASCADE"),
                  index=True),
        sa.Column("rule", sa.String(120), nullable=False),
        sa.Column("severity", sa.String(20), nullable=False),
        sa.Column("organisation", sa.String(200)),
        sa.Column("fiscal_year", sa.Integer),
        sa.Column("column", sa.String(20)),
        sa.Column("message", sa.Text, nullable=False),
        sa.Column("expected", sa.BigInteger),
        sa.Column("actual", sa.BigInteger),
        sa.Column("difference", sa.BigInteger),
        sa.Column("locations", sa.Text, nullable=False),
    )


def downgrade() -> None:
    for table in ("findings", "note_lines", "statement_lines", "reports", "documents"):
        op.drop_table(table)
