"""participant counts and goals

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-22
"""

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
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


def _report_id() -> sa.Column:
    return sa.Column("report_id", sa.Integer, sa.ForeignKey("reports.id", ondelete="CASCADE"),
                     index=True, nullable=False)


def upgrade() -> None:
    op.create_table(
        "participants",
        sa.Column("id", sa.Integer, primary_key=True), _report_id(),
        sa.Column("insats", sa.String(200), nullable=False),
        sa.Column("measure", sa.String(120), nullable=False),
        sa.Column("group", sa.String(40), nullable=False),
        sa.Column("period_year", sa.Integer),
        sa.Column("value", sa.Integer, nullable=False),
        sa.Column("source_table", sa.String(40), nullable=False),
        sa.Column("row_order", sa.Integer, nullable=False),
        *_provenance(),
    )
    op.create_table(
        "goals",
        sa.Column("id", sa.Integer, primary_key=True), _report_id(),
        sa.Column("insats", sa.String(200), nullable=False),
        sa.Column("level", sa.String(40), nullable=False),
        sa.Column("goal", sa.Text, nullable=False),
        sa.Column("target_pct", sa.Float),
        sa.Column("outcome_pct", sa.Float),
        sa.Column("status", sa.String(20), nullable=False),
        sa.Column("comment", sa.Text, nullable=False),
        sa.Column("activity", sa.Text, nullable=False),
        sa.Column("row_order", sa.Integer, nullable=False),
        *_provenance(),
    )


def downgrade() -> None:
    op.drop_table("goals")
    op.drop_table("participants")
