"""reference data: today's organisation kinds, parents, open and close dates

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-08 10:30:00

Regions and organisations are loaded as data (issue 16, `flask load-reference`), not only by
the demonstration seed, so an organisation can be of today's kinds (integrated care board,
sub-ICB location, NHS trust, independent provider) beside 2005-2010's; it may have no
rural/urban class (an ICB covers both), a parent (a sub-ICB location's ICB), and the dates it
opened and closed (a primary care trust closed in 2013, its history kept). Existing rows keep
their kind and class; their new columns start empty.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0008"
down_revision: str | None = "0007"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

OLD_KINDS = ("mental_health_trust", "primary_care_trust", "prison")
NEW_KINDS = (
    "integrated_care_board",
    "sub_icb_location",
    "nhs_trust",
    "independent_provider",
    "prison",
    "primary_care_trust",
    "mental_health_trust",
)


def _kinds(values: tuple[str, ...]) -> sa.Enum:
    return sa.Enum(
        *values, name="organisation_kind", native_enum=False, create_constraint=True, length=24
    )


RURALITY = sa.Enum(
    "urban", "rural", name="rurality", native_enum=False, create_constraint=True, length=24
)


def upgrade() -> None:
    with op.batch_alter_table("organisation", schema=None) as batch_op:
        batch_op.alter_column(
            "kind", existing_type=_kinds(OLD_KINDS), type_=_kinds(NEW_KINDS), nullable=False
        )
        batch_op.alter_column("rurality", existing_type=RURALITY, nullable=True)
        batch_op.add_column(sa.Column("parent_id", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("opened_on", sa.Date(), nullable=True))
        batch_op.add_column(sa.Column("closed_on", sa.Date(), nullable=True))
        batch_op.create_foreign_key(
            batch_op.f("fk_organisation_parent_id_organisation"),
            "organisation",
            ["parent_id"],
            ["id"],
        )
        batch_op.create_index(batch_op.f("ix_organisation_parent_id"), ["parent_id"], unique=False)
        batch_op.create_check_constraint(
            "dates", "closed_on IS NULL OR opened_on IS NULL OR closed_on >= opened_on"
        )


def downgrade() -> None:
    # Going back is possible only while every organisation is of a 2005-2010 kind and has a
    # rural/urban class: the CHECK and NOT NULL of 0001 refuse the others, and nothing is lost
    # silently.
    with op.batch_alter_table("organisation", schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f("ck_organisation_dates"), type_="check")
        batch_op.drop_index(batch_op.f("ix_organisation_parent_id"))
        batch_op.drop_constraint(
            batch_op.f("fk_organisation_parent_id_organisation"), type_="foreignkey"
        )
        batch_op.drop_column("closed_on")
        batch_op.drop_column("opened_on")
        batch_op.drop_column("parent_id")
        batch_op.alter_column("rurality", existing_type=RURALITY, nullable=False)
        batch_op.alter_column(
            "kind", existing_type=_kinds(NEW_KINDS), type_=_kinds(OLD_KINDS), nullable=False
        )
