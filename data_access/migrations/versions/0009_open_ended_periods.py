"""open-ended periods: months and financial years beside quarters and years

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-01 16:30:00

Periods are made from their codes, any year (issue 16, dashboard/periods.py): a return for the
quarter that just ended creates its period. A period may now be a month or an NHS financial
year (1 April to 31 March), and the financial year 2023/24 starts on the same day as the
quarter 2023Q2, so a start date is unique within its granularity rather than across them.
Existing rows keep their values.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0009"
down_revision: str | None = "0008"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

OLD = ("quarter", "year")
NEW = ("quarter", "year", "month", "financial_year")


def _granularity(values: tuple[str, ...]) -> sa.Enum:
    return sa.Enum(
        *values, name="granularity", native_enum=False, create_constraint=True, length=24
    )


def upgrade() -> None:
    with op.batch_alter_table("period", schema=None) as batch_op:
        batch_op.alter_column(
            "granularity", existing_type=_granularity(OLD), type_=_granularity(NEW), nullable=False
        )
        batch_op.drop_constraint(batch_op.f("uq_period_start_date"), type_="unique")
        batch_op.create_unique_constraint(
            batch_op.f("uq_period_granularity_start_date"), ["granularity", "start_date"]
        )


def downgrade() -> None:
    # Going back is possible only while every period is a quarter or a year and no two start
    # on the same day: the CHECK and UNIQUE of 0001 refuse the others, and nothing is lost
    # silently.
    with op.batch_alter_table("period", schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f("uq_period_granularity_start_date"), type_="unique")
        batch_op.create_unique_constraint(batch_op.f("uq_period_start_date"), ["start_date"])
        batch_op.alter_column(
            "granularity", existing_type=_granularity(NEW), type_=_granularity(OLD), nullable=False
        )
