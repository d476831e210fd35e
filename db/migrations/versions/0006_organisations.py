"""organisations: one row per förbund across names and years; documents point to it

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-01
"""

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "organisations",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("key", sa.String(240), nullable=False, unique=True),
        sa.Column("orgnr", sa.String(20), index=True),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("names", sa.Text, nullable=False),
        sa.Column("members", sa.Text, nullable=False),
        sa.Column("predecessor_ids", sa.Text, nullable=False),
        sa.Column("successor_id", sa.Integer,
                  sa.ForeignKey("organisations.id", ondelete="SET NULL")),
        sa.Column("first_year", sa.Integer),
        sa.Column("last_year", sa.Integer),
        sa.Column("documents", sa.Integer, nullable=False),
        sa.Column("in_register", sa.Boolean, nullable=False),
    )
    with op.batch_alter_table("documents") as batch:
        batch.add_column(sa.Column("orgnr", sa.String(20)))
        batch.add_column(sa.Column("printed_name", sa.String(200)))
        batch.add_column(sa.Column("identified_by", sa.String(200)))
        batch.add_column(sa.Column("organisation_id", sa.Integer,
                                   sa.ForeignKey("organisations.id", ondelete="SET NULL",
                                                 name="fk_documents_organisation_id")))
        batch.create_index("ix_documents_organisation_id", ["organisation_id"])


def downgrade() -> None:
    with op.batch_alter_table("documents") as batch:
        batch.drop_index("ix_documents_organisation_id")
        batch.drop_constraint("fk_documents_organisation_id", type_="foreignkey")
        batch.drop_column("organisation_id")
        batch.drop_column("identified_by")
        batch.drop_column("printed_name")
        batch.drop_column("orgnr")
    op.drop_table("organisations")
