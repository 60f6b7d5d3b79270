"""The declarative base and the vocabularies the models' enumerations draw on.

Kept apart from the models so that the models module stays readable in one sitting; every
name here is re-exported by data_access.models, where the rest of the code imports it.
"""

from __future__ import annotations

from sqlalchemy import Enum, Integer, MetaData, text
from sqlalchemy.orm import DeclarativeBase, MappedColumn, mapped_column

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_N_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

#: Today's NHS (integrated care boards, their sub-ICB locations, trusts, independent
#: providers, prisons), the primary care trusts and mental health trusts of 2005-2010, and the
#: country (England) whose published figures stand for the whole of it.
ORGANISATION_KINDS = (
    "integrated_care_board",
    "sub_icb_location",
    "nhs_trust",
    "independent_provider",
    "prison",
    "primary_care_trust",
    "mental_health_trust",
    "country",
)
#: The group every other ethnic group is compared with: White British where the detailed NHS
#: codes exist, White where a source gives only the 2021 census top-level groups.
COMPARATORS = ("white_british", "white")
#: An organisation's rural/urban class; NULL when it has none (an ICB covers both).
RURALITY = ("urban", "rural")
MEASURE_KINDS = ("proportion", "rate", "ratio", "mean_score", "count", "milestone")
#: Kinds whose numerator counts a subset of the denominator.
BOUNDED_KINDS = ("proportion", "milestone")
POLARITIES = ("higher_is_better", "lower_is_better", "no_judgement")
MENU_STATUSES = ("proposed", "agreed", "retired")
#: A year is a calendar year; a financial year runs 1 April to 31 March (dashboard/periods.py).
GRANULARITIES = ("quarter", "year", "month", "financial_year")
#: How an ethnic category counts in the DRE comparison.
DRE_GROUPS = ("white_british", "bme", "not_stated", "all")
#: Who may do what (dashboard/access.py): most rights first.
ROLES = ("admin", "regional", "site_lead", "viewer")
ACTION_STATUSES = ("not_started", "on_track", "at_risk", "done")


def version_column() -> MappedColumn[int]:
    """The version of a record people edit in a form: every save moves it on, and a save made
    on an older version is refused (data_access/versions.py)."""
    return mapped_column(Integer, default=1, server_default=text("1"))


def enum(values: tuple[str, ...], name: str) -> Enum:
    """A VARCHAR with a CHECK constraint: the same on SQLite and PostgreSQL, and easy to extend."""
    return Enum(*values, name=name, native_enum=False, create_constraint=True, length=24)


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)
