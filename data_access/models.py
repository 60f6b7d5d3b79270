"""The domain of PRODUCT.md as SQLAlchemy 2 models.

Impossible data is refused by the database itself: negative counts, a bounded measure's numerator
above its denominator (through a composite foreign key that carries the measure's kind onto each
observation), and two copies of the same revision of a value.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    CheckConstraint,
    Date,
    DateTime,
    Float,
    ForeignKey,
    ForeignKeyConstraint,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
    func,
    true,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

# The base and the vocabularies, re-exported: the rest of the code imports them from here.
from data_access.base import ACTION_STATUSES as ACTION_STATUSES
from data_access.base import BOUNDED_KINDS as BOUNDED_KINDS
from data_access.base import COMPARATORS as COMPARATORS
from data_access.base import DRE_GROUPS as DRE_GROUPS
from data_access.base import GRANULARITIES as GRANULARITIES
from data_access.base import MEASURE_KINDS as MEASURE_KINDS
from data_access.base import MENU_STATUSES as MENU_STATUSES
from data_access.base import NAMING_CONVENTION as NAMING_CONVENTION
from data_access.base import ORGANISATION_KINDS as ORGANISATION_KINDS
from data_access.base import POLARITIES as POLARITIES
from data_access.base import ROLES as ROLES
from data_access.base import RURALITY as RURALITY
from data_access.base import Base as Base
from data_access.base import enum as _enum
from data_access.base import version_column as _version
from data_access.period_model import Period as Period
from data_access.summary_model import AreaGroupTotal as AreaGroupTotal
from data_access.summary_model import SiteGroupTotal as SiteGroupTotal


class Region(Base):
    """A region, as loaded (dashboard/reference): the eight CSIP regional development centres
    of 2005-2010, or the seven NHS England regions of today."""

    __tablename__ = "region"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    code: Mapped[str] = mapped_column(String(8), unique=True)
    name: Mapped[str] = mapped_column(String(80), unique=True)
    organisations: Mapped[list[Organisation]] = relationship(back_populates="region")


class Organisation(Base):
    """An organisation a site reports for, or an area it sits in: an ICB, a trust, a prison, a
    primary care trust of 2005-2010. Its parent (an ICB's sub-ICB location sits in the ICB) is
    optional; its rural/urban class may be none (an ICB covers both); closing it keeps its
    history, so nothing here is ever deleted."""

    __tablename__ = "organisation"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    code: Mapped[str] = mapped_column(String(12), unique=True)
    name: Mapped[str] = mapped_column(String(160))
    kind: Mapped[str] = mapped_column(_enum(ORGANISATION_KINDS, "organisation_kind"))
    region_id: Mapped[int | None] = mapped_column(ForeignKey("region.id"), index=True)
    #: False where the organisation overlaps others in its area (a publication's trusts
    #: overlap its ICBs): its figures show on their own but are not added into its region's.
    counts_in_areas: Mapped[bool] = mapped_column(Boolean, default=True, server_default=true())
    rurality: Mapped[str | None] = mapped_column(_enum(RURALITY, "rurality"))
    population: Mapped[int | None] = mapped_column(Integer)
    #: The version of the site's adopted measures and targets, edited together in one form.
    adoptions_version: Mapped[int] = _version()
    parent_id: Mapped[int | None] = mapped_column(ForeignKey("organisation.id"), index=True)
    opened_on: Mapped[dt.date | None] = mapped_column(Date)
    closed_on: Mapped[dt.date | None] = mapped_column(Date)
    region: Mapped[Region | None] = relationship(back_populates="organisations")

    __table_args__ = (
        CheckConstraint("population IS NULL OR population >= 0", "population"),
        CheckConstraint(
            "(kind = 'country' AND region_id IS NULL)"
            " OR (kind <> 'country' AND region_id IS NOT NULL)",
            "country_has_no_region",
        ),
        CheckConstraint(
            "closed_on IS NULL OR opened_on IS NULL OR closed_on >= opened_on", "dates"
        ),
    )


class Characteristic(Base):
    """One of the twelve DRE characteristics; its id is its number."""

    __tablename__ = "characteristic"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    short_name: Mapped[str] = mapped_column(String(40))
    title: Mapped[str] = mapped_column(Text)

    __table_args__ = (CheckConstraint("id BETWEEN 1 AND 12", "number"),)


class Measure(Base):
    """A measure on the menu: what is counted, how, and which way is better."""

    __tablename__ = "measure"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    code: Mapped[str] = mapped_column(String(16), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    characteristic_id: Mapped[int] = mapped_column(ForeignKey("characteristic.id"), index=True)
    kind: Mapped[str] = mapped_column(_enum(MEASURE_KINDS, "measure_kind"))
    unit: Mapped[str] = mapped_column(String(60))
    multiplier: Mapped[int] = mapped_column(Integer, default=1)
    polarity: Mapped[str] = mapped_column(_enum(POLARITIES, "polarity"))
    numerator_definition: Mapped[str] = mapped_column(Text)
    denominator_definition: Mapped[str] = mapped_column(Text)
    source: Mapped[str] = mapped_column(String(200))
    status: Mapped[str] = mapped_column(_enum(MENU_STATUSES, "menu_status"), default="proposed")
    by_ethnicity: Mapped[bool] = mapped_column(Boolean, default=True)
    #: The range a returned value can plausibly hold, in the unit shown (None: the kind's
    #: default), and whether the numerator may exceed the denominator (None: the kind's
    #: default). A return outside them is stored only once the uploader confirms it.
    plausible_min: Mapped[float | None] = mapped_column(Float)
    plausible_max: Mapped[float | None] = mapped_column(Float)
    numerator_may_exceed: Mapped[bool | None] = mapped_column(Boolean)
    comparator: Mapped[str] = mapped_column(
        _enum(COMPARATORS, "comparator"), default="white_british", server_default="white_british"
    )
    version: Mapped[int] = _version()

    __table_args__ = (
        CheckConstraint("multiplier >= 1", "multiplier"),
        # Target of the observations' composite foreign key (measure id and kind).
        UniqueConstraint("id", "kind"),
    )


class SiteMeasure(Base):
    """A site's adoption of a measure from the menu, with an optional target."""

    __tablename__ = "site_measure"
    organisation_id: Mapped[int] = mapped_column(ForeignKey("organisation.id"), primary_key=True)
    measure_id: Mapped[int] = mapped_column(ForeignKey("measure.id"), primary_key=True)
    target: Mapped[float | None] = mapped_column(Float)
    adopted_on: Mapped[dt.date] = mapped_column(Date)


class EthnicCategory(Base):
    """An NHS ethnic category of the 2001 census (A-S, Z; scheme "nhs"), a 2021 census
    top-level group (scheme "census_2021"), or ALL for measures kept whole."""

    __tablename__ = "ethnic_category"
    code: Mapped[str] = mapped_column(String(3), primary_key=True)
    name: Mapped[str] = mapped_column(String(80))
    broad_group: Mapped[str] = mapped_column(String(60))
    dre_group: Mapped[str] = mapped_column(_enum(DRE_GROUPS, "dre_group"))
    sort_order: Mapped[int] = mapped_column(Integer)
    scheme: Mapped[str] = mapped_column(String(24), default="nhs", server_default="nhs")


class Observation(Base):
    """A value as numerator and denominator for a measure, site, period and ethnic category.

    A resubmission adds a row with the next revision and clears `is_current` on the one before,
    so the history is kept and the dashboard reads only current rows.
    """

    __tablename__ = "observation"
    id: Mapped[int] = mapped_column(BigInteger().with_variant(Integer, "sqlite"), primary_key=True)
    measure_id: Mapped[int] = mapped_column(Integer)
    measure_kind: Mapped[str] = mapped_column(String(24))
    organisation_id: Mapped[int] = mapped_column(ForeignKey("organisation.id"))
    period_id: Mapped[int] = mapped_column(ForeignKey("period.id"))
    ethnic_code: Mapped[str] = mapped_column(ForeignKey("ethnic_category.code"))
    #: Both NULL: suppressed at source (a published blank), never 0.
    numerator: Mapped[int | None] = mapped_column(BigInteger)
    denominator: Mapped[int | None] = mapped_column(BigInteger)
    revision: Mapped[int] = mapped_column(Integer, default=1)
    is_current: Mapped[bool] = mapped_column(Boolean, default=True)
    submitted_by: Mapped[str] = mapped_column(String(120))
    submitted_at: Mapped[dt.datetime] = mapped_column(
        DateTime(timezone=True), server_default=func.now()
    )

    __table_args__ = (
        ForeignKeyConstraint(
            ["measure_id", "measure_kind"], ["measure.id", "measure.kind"], onupdate="CASCADE"
        ),
        CheckConstraint("numerator >= 0", "numerator_not_negative"),
        CheckConstraint("denominator >= 0", "denominator_not_negative"),
        CheckConstraint("revision >= 1", "revision_positive"),
        CheckConstraint(
            "(numerator IS NULL AND denominator IS NULL)"
            " OR (numerator IS NOT NULL AND denominator IS NOT NULL)",
            "suppressed_whole",
        ),
        CheckConstraint(
            "measure_kind NOT IN ('proportion', 'milestone') OR numerator <= denominator",
            "numerator_within_denominator",
        ),
        UniqueConstraint("measure_id", "organisation_id", "period_id", "ethnic_code", "revision"),
        Index("ix_observation_current", "measure_id", "period_id", "organisation_id", "is_current"),
        Index("ix_observation_organisation", "organisation_id", "measure_id"),
    )


class DataVersion(Base):
    """One row whose number goes up with every write the pages draw from (a return, the
    menu, a seed): cached figures are keyed by it, so every worker and server sharing the
    database stops using figures cached before the write, whatever cache it has."""

    __tablename__ = "data_version"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    version: Mapped[int] = mapped_column(BigInteger, default=0)
    changed_at: Mapped[dt.datetime] = mapped_column(
        DateTime(timezone=True), server_default=func.now()
    )

    __table_args__ = (CheckConstraint("id = 1", "one_row"),)


class AuditEntry(Base):
    """One write to the store: who, when, what file (and its SHA-256), how many rows, and for
    an edit the old and new value of each field it changed."""

    __tablename__ = "audit_log"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())
    actor: Mapped[str] = mapped_column(String(120))
    action: Mapped[str] = mapped_column(String(40))
    file_name: Mapped[str] = mapped_column(String(255))
    checksum: Mapped[str] = mapped_column(String(64))
    rows_new: Mapped[int] = mapped_column(Integer, default=0)
    rows_revised: Mapped[int] = mapped_column(Integer, default=0)
    rows_unchanged: Mapped[int] = mapped_column(Integer, default=0)
    #: Each changed field's {"old": ..., "new": ...} (NULL before migration 0005).
    details: Mapped[dict | None] = mapped_column(JSON)


class User(Base):
    """An account: email, a salted password hash (never the password), a role, and the
    site or region the role is bound to. Failed sign-ins are counted to lock the account."""

    __tablename__ = "app_user"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    email: Mapped[str] = mapped_column(String(254), unique=True)
    password_hash: Mapped[str] = mapped_column(String(255))
    role: Mapped[str] = mapped_column(_enum(ROLES, "role"))
    organisation_id: Mapped[int | None] = mapped_column(ForeignKey("organisation.id"))
    region_id: Mapped[int | None] = mapped_column(ForeignKey("region.id"))
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    failed_sign_ins: Mapped[int] = mapped_column(Integer, default=0)
    locked_until: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True))
    last_sign_in: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True))
    #: Moved on by sign-out, a new password, a new role and deactivation: every session
    #: signed in with an earlier version ends at once (dashboard/auth.py).
    session_version: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    created_at: Mapped[dt.datetime] = mapped_column(
        DateTime(timezone=True), server_default=func.now()
    )
    organisation: Mapped[Organisation | None] = relationship()
    region: Mapped[Region | None] = relationship()

    __table_args__ = (
        # A site lead belongs to a site, a regional user to a region; nobody else to either.
        CheckConstraint(
            "(role = 'site_lead' AND organisation_id IS NOT NULL AND region_id IS NULL)"
            " OR (role = 'regional' AND region_id IS NOT NULL AND organisation_id IS NULL)"
            " OR (role IN ('admin', 'viewer') AND organisation_id IS NULL AND region_id IS NULL)",
            "binding",
        ),
        CheckConstraint("failed_sign_ins >= 0", "failed_sign_ins"),
    )


class ApiToken(Base):
    """A token for the read API: only its SHA-256 is kept. It carries its account's role and
    dies with the account (deactivated, deleted), on its expiry date, or when revoked."""

    __tablename__ = "api_token"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("app_user.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(String(80))
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[dt.datetime] = mapped_column(
        DateTime(timezone=True), server_default=func.now()
    )
    expires_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True))
    last_used_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True))
    revoked_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True))
    user: Mapped[User] = relationship()


class ActionItem(Base):
    """One action of a site's plan against a DRE characteristic, with its latest progress."""

    __tablename__ = "action_item"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    organisation_id: Mapped[int] = mapped_column(ForeignKey("organisation.id"), index=True)
    characteristic_id: Mapped[int] = mapped_column(ForeignKey("characteristic.id"))
    action: Mapped[str] = mapped_column(Text)
    owner: Mapped[str] = mapped_column(String(120))
    due_date: Mapped[dt.date] = mapped_column(Date)
    status: Mapped[str] = mapped_column(_enum(ACTION_STATUSES, "action_status"))
    progress_note: Mapped[str] = mapped_column(Text, default="")
    progress_date: Mapped[dt.date | None] = mapped_column(Date)
    updated_by: Mapped[str] = mapped_column(String(254))
    updated_at: Mapped[dt.datetime] = mapped_column(
        DateTime(timezone=True), server_default=func.now()
    )
    version: Mapped[int] = _version()
