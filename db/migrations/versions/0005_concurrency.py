"""a file stored once however many ingests run at once; every path a file was seen at;
the files ingests are parsing now; the fingerprints of the last check

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-01
"""

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None

# A document's rank among the rows of one hash: a stored row before a failed one, then the
# oldest. Row values compare the same in PostgreSQL and SQLite.
_RANK = "(CASE WHEN {t}.status = 'stored' THEN 0 ELSE 1 END, {t}.id)"


def upgrade() -> None:
    op.create_table(
        "document_paths",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("sha256", sa.String(64), nullable=False, index=True),
        sa.Column("source_file", sa.Text, nullable=False),
        sa.Column("seen_at", sa.DateTime, server_default=sa.func.now(), nullable=False),
        sa.UniqueConstraint("sha256", "source_file", name="uq_document_paths_sha256_source"),
    )
    # Databases written by concurrent ingests before this revision hold one file twice:
    # keep its paths, then keep one row of it (its figures go with the others, by cascade).
    op.execute("INSERT INTO document_paths (sha256, source_file, seen_at) "
               "SELECT sha256, source_file, MIN(ingested_at) FROM documents "
               "WHERE sha256 IS NOT NULL GROUP BY sha256, source_file")
    op.execute("DELETE FROM documents WHERE sha256 IS NOT NULL AND EXISTS ("
               "SELECT 1 FROM documents o WHERE o.sha256 = documents.sha256 AND "
               f"{_RANK.format(t='o')} < {_RANK.format(t='documents')})")
    op.drop_index("ix_documents_sha256", table_name="documents")
    op.create_index("ix_documents_sha256", "documents", ["sha256"], unique=True)
    op.create_table(
        "check_state",
        sa.Column("report_id", sa.Integer, sa.ForeignKey("reports.id", ondelete="CASCADE"),
                  primary_key=True),
        sa.Column("fingerprint", sa.String(64), nullable=False),
        sa.Column("checked_at", sa.DateTime, server_default=sa.func.now(), nullable=False),
    )

    op.create_table(
        "ingest_claims",
        sa.Column("sha256", sa.String(64), primary_key=True),
        sa.Column("owner", sa.String(300), nullable=False),
        sa.Column("claimed_at", sa.DateTime, nullable=False),
    )


def downgrade() -> None:
    op.drop_table("ingest_claims")
    op.drop_table("check_state")
    op.drop_index("ix_documents_sha256", table_name="documents")
    op.create_index("ix_documents_sha256", "documents", ["sha256"])
    op.drop_table("document_paths")
