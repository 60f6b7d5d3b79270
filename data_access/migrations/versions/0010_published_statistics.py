"""published statistics: England's own figures, suppressed counts, the comparator of a measure

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-01 18:20:00

Published statistics (issue 16, `flask import-published`) bring what a site's return never has:
- England's published figures, held by an organisation of the new kind "country" that sits in
  no region, read in place of a sum when the selection is all of England;
- organisations that do not add up into their region (a publication's trusts and sub-ICB
  locations overlap its ICBs): `counts_in_areas` false;
- a count suppressed at source (a published blank): the observation's numerator and
  denominator are NULL, never 0, and the summary rows count such cells in `suppressed`;
- the 2021 census top-level ethnic groups (`scheme`) and, per measure, the group the others
  are compared with (`comparator`: White British where the detailed codes exist, White where
  only the top-level groups do).
Existing rows keep their values: every new column starts at what was true before.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0010"
down_revision: str | None = "0009"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

OLD_KINDS = (
    "integrated_care_board",
    "sub_icb_location",
    "nhs_trust",
    "independent_provider",
    "prison",
    "primary_care_trust",
    "mental_health_trust",
)
NEW_KINDS = (*OLD_KINDS, "country")


def _enum(values: tuple[str, ...], name: str) -> sa.Enum:
    return sa.Enum(*values, name=name, native_enum=False, create_constraint=True, length=24)


def upgrade() -> None:
    with op.batch_alter_table("organisation", schema=None) as batch_op:
        batch_op.alter_column(
            "kind",
            existing_type=_enum(OLD_KINDS, "organisation_kind"),
            type_=_enum(NEW_KINDS, "organisation_kind"),
            nullable=False,
        )
        batch_op.alter_column("region_id", existing_type=sa.Integer(), nullable=True)
        batch_op.add_column(
            sa.Column("counts_in_areas", sa.Boolean(), nullable=False, server_default=sa.true())
        )
        batch_op.create_check_constraint(
            "country_has_no_region",
            "(kind = 'country' AND region_id IS NULL)"
            " OR (kind <> 'country' AND region_id IS NOT NULL)",
        )
    with op.batch_alter_table("ethnic_category", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("scheme", sa.String(length=24), nullable=False, server_default="nhs")
        )
    with op.batch_alter_table("measure", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column(
                "comparator",
                _enum(("white_british", "white"), "comparator"),
                nullable=False,
                server_default="white_british",
            )
        )
    with op.batch_alter_table("observation", schema=None) as batch_op:
        batch_op.alter_column("numerator", existing_type=sa.BigInteger(), nullable=True)
        batch_op.alter_column("denominator", existing_type=sa.BigInteger(), nullable=True)
        batch_op.create_check_constraint(
            "suppressed_whole",
            "(numerator IS NULL AND denominator IS NULL)"
            " OR (numerator IS NOT NULL AND denominator IS NOT NULL)",
        )
    with op.batch_alter_table("site_group_total", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("suppressed", sa.Integer(), nullable=False, server_default="0")
        )
    with op.batch_alter_table("area_group_total", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("suppressed_sites", sa.Integer(), nullable=False, server_default="0")
        )


def downgrade() -> None:
    # Going back is possible only while no value is suppressed at source and no organisation
    # is a country: the NOT NULLs and CHECKs of 0009 refuse them, and nothing is lost silently.
    with op.batch_alter_table("area_group_total", schema=None) as batch_op:
        batch_op.drop_column("suppressed_sites")
    with op.batch_alter_table("site_group_total", schema=None) as batch_op:
        batch_op.drop_column("suppressed")
    with op.batch_alter_table("observation", schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f("ck_observation_suppressed_whole"), type_="check")
        batch_op.alter_column("denominator", existing_type=sa.BigInteger(), nullable=False)
        batch_op.alter_column("numerator", existing_type=sa.BigInteger(), nullable=False)
    with op.batch_alter_table("measure", schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f("ck_measure_comparator"), type_="check")
        batch_op.drop_column("comparator")
    with op.batch_alter_table("ethnic_category", schema=None) as batch_op:
        batch_op.drop_column("scheme")
    with op.batch_alter_table("organisation", schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f("ck_organisation_country_has_no_region"), type_="check")
        batch_op.drop_column("counts_in_areas")
        batch_op.alter_column("region_id", existing_type=sa.Integer(), nullable=False)
        batch_op.alter_column(
            "kind",
            existing_type=_enum(NEW_KINDS, "organisation_kind"),
            type_=_enum(OLD_KINDS, "organisation_kind"),
            nullable=False,
        )
