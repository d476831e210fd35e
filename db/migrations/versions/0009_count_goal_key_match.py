"""key_match of participant counts and goals: how a count's measure and group, and a goal's
status, were found (exact, fuzzy:<score>, unkeyed)

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-01
"""

import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Rows stored before this revision were keyed by the lexicon exactly or not at all; which
    # is unknown, so they say "unkeyed" rather than claim an exact match.
    with op.batch_alter_table("participants") as batch:
        batch.add_column(sa.Column("key_match", sa.String(20), nullable=False,
                                   server_default="unkeyed"))
    with op.batch_alter_table("goals") as batch:
        batch.add_column(sa.Column("key_match", sa.String(20), nullable=False,
                                   server_default="unkeyed"))


def downgrade() -> None:
    with op.batch_alter_table("goals") as batch:
        batch.drop_column("key_match")
    with op.batch_alter_table("participants") as batch:
        batch.drop_column("key_match")
