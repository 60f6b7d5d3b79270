"""edit versions and audit details

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-24 10:15:00

Each record people edit in a form carries a version that every save moves on, and a save made
on an older version is refused (issue 14): an action, a measure, and a site's set of adopted
measures and targets (one version per site, on the organisation). Existing records start at 1.
The audit log keeps each changed field's old and new value in `details` (NULL for the entries
written before).
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0006"
down_revision: str | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

#: (table, column) of the versions.
VERSIONS = (
    ("action_item", "version"),
    ("measure", "version"),
    ("organisation", "adoptions_version"),
)


def upgrade() -> None:
    for table, column in VERSIONS:
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.add_column(
                sa.Column(column, sa.Integer(), server_default=sa.text("1"), nullable=False)
            )
    with op.batch_alter_table("audit_log", schema=None) as batch_op:
        batch_op.add_column(sa.Column("details", sa.JSON(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("audit_log", schema=None) as batch_op:
        batch_op.drop_column("details")
    for table, column in reversed(VERSIONS):
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.drop_column(column)
