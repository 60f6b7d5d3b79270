"""summary table of site totals and the data version

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-23 22:40:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

# The summary of the observations already stored, as data_access/summary.py writes it (in SQL
# here, so that later changes to the models cannot change what this migration did). SUM of a
# BIGINT is NUMERIC on PostgreSQL: cast back, so that "/ 5" divides whole numbers.
FILL = """
INSERT INTO site_group_total (organisation_id, measure_id, period_id, dre_group,
    numerator, denominator, shown_numerator, shown_denominator)
SELECT organisation_id, measure_id, period_id, dre_group, numerator, denominator,
    CASE WHEN withheld THEN NULL ELSE (numerator + 2) / 5 * 5 END,
    CASE WHEN withheld THEN NULL ELSE (denominator + 2) / 5 * 5 END
FROM (
    SELECT *, (numerator BETWEEN 1 AND 7 OR denominator BETWEEN 1 AND 7) AS withheld
    FROM (
        SELECT o.organisation_id, o.measure_id, o.period_id, e.dre_group,
            CAST(SUM(o.numerator) AS BIGINT) AS numerator,
            CAST(SUM(o.denominator) AS BIGINT) AS denominator
        FROM observation o JOIN ethnic_category e ON e.code = o.ethnic_code
        WHERE o.is_current
        GROUP BY o.organisation_id, o.measure_id, o.period_id, e.dre_group
    ) AS sums
) AS flagged
"""

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

FILL_AREAS = """
INSERT INTO area_group_total (region_id, rurality, measure_id, period_id, dre_group,
    numerator, denominator, sites, shown_numerator, shown_denominator, shown_sites)
SELECT g.region_id, g.rurality, t.measure_id, t.period_id, t.dre_group,
    SUM(t.numerator), SUM(t.denominator), COUNT(*),
    SUM(t.shown_numerator), SUM(t.shown_denominator), COUNT(t.shown_numerator)
FROM site_group_total t JOIN organisation g ON g.id = t.organisation_id
GROUP BY g.region_id, g.rurality, t.measure_id, t.period_id, t.dre_group
"""


def upgrade() -> None:
    op.create_table(
        "data_version",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("version", sa.BigInteger(), nullable=False),
        sa.Column(
            "changed_at",
            sa.DateTime(timezone=True),
            server_default=sa.text("(CURRENT_TIMESTAMP)"),
            nullable=False,
        ),
        sa.CheckConstraint("id = 1", name=op.f("ck_data_version_one_row")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_data_version")),
    )
    op.create_table(
        "site_group_total",
        sa.Column("organisation_id", sa.Integer(), nullable=False),
        sa.Column("measure_id", sa.Integer(), nullable=False),
        sa.Column("period_id", sa.Integer(), nullable=False),
        sa.Column("dre_group", sa.String(length=24), nullable=False),
        sa.Column("numerator", sa.BigInteger(), nullable=False),
        sa.Column("denominator", sa.BigInteger(), nullable=False),
        sa.Column("shown_numerator", sa.BigInteger(), nullable=True),
        sa.Column("shown_denominator", sa.BigInteger(), nullable=True),
        sa.ForeignKeyConstraint(
            ["measure_id"], ["measure.id"], name=op.f("fk_site_group_total_measure_id_measure")
        ),
        sa.ForeignKeyConstraint(
            ["organisation_id"],
            ["organisation.id"],
            name=op.f("fk_site_group_total_organisation_id_organisation"),
        ),
        sa.ForeignKeyConstraint(
            ["period_id"], ["period.id"], name=op.f("fk_site_group_total_period_id_period")
        ),
        sa.PrimaryKeyConstraint(
            "organisation_id",
            "measure_id",
            "period_id",
            "dre_group",
            name=op.f("pk_site_group_total"),
        ),
    )
    op.create_table(
        "area_group_total",
        sa.Column("region_id", sa.Integer(), nullable=False),
        sa.Column("rurality", sa.String(length=24), nullable=False),
        sa.Column("measure_id", sa.Integer(), nullable=False),
        sa.Column("period_id", sa.Integer(), nullable=False),
        sa.Column("dre_group", sa.String(length=24), nullable=False),
        sa.Column("numerator", sa.BigInteger(), nullable=False),
        sa.Column("denominator", sa.BigInteger(), nullable=False),
        sa.Column("sites", sa.Integer(), nullable=False),
        sa.Column("shown_numerator", sa.BigInteger(), nullable=True),
        sa.Column("shown_denominator", sa.BigInteger(), nullable=True),
        sa.Column("shown_sites", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["measure_id"], ["measure.id"], name=op.f("fk_area_group_total_measure_id_measure")
        ),
        sa.ForeignKeyConstraint(
            ["period_id"], ["period.id"], name=op.f("fk_area_group_total_period_id_period")
        ),
        sa.ForeignKeyConstraint(
            ["region_id"], ["region.id"], name=op.f("fk_area_group_total_region_id_region")
        ),
        sa.PrimaryKeyConstraint(
            "region_id",
            "rurality",
            "measure_id",
            "period_id",
            "dre_group",
            name=op.f("pk_area_group_total"),
        ),
    )
    # A database that already holds observations gets its summary now.
    op.execute(FILL)
    op.execute(FILL_AREAS)
    op.execute("INSERT INTO data_version (id, version) VALUES (1, 1)")


def downgrade() -> None:
    op.drop_table("area_group_total")
    op.drop_table("site_group_total")
    op.drop_table("data_version")
