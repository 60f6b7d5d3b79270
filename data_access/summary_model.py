"""The summary tables (data_access/summary.py): each site's current totals by DRE group, and
the same one level up, by region and rural/urban class."""

from __future__ import annotations

from sqlalchemy import BigInteger, ForeignKey, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from data_access.base import Base


class SiteGroupTotal(Base):
    """Each site's current numerator and denominator by measure, period and DRE group: the
    observations summed over ethnic categories once, when they are written
    (data_access/summary.py), rather than on every page view. Beside them, the counts a
    viewer without record-level rights may see (`shown_*`: 1 to 7 withheld as NULL, the
    rest rounded to 5), so that a controlled total over many sites is one SQL sum."""

    __tablename__ = "site_group_total"
    organisation_id: Mapped[int] = mapped_column(ForeignKey("organisation.id"), primary_key=True)
    measure_id: Mapped[int] = mapped_column(ForeignKey("measure.id"), primary_key=True)
    period_id: Mapped[int] = mapped_column(ForeignKey("period.id"), primary_key=True)
    dre_group: Mapped[str] = mapped_column(String(24), primary_key=True)
    numerator: Mapped[int] = mapped_column(BigInteger)
    denominator: Mapped[int] = mapped_column(BigInteger)
    shown_numerator: Mapped[int | None] = mapped_column(BigInteger)
    shown_denominator: Mapped[int | None] = mapped_column(BigInteger)
    #: Categories suppressed at source in the cell: the counts are then 0 and never shown.
    suppressed: Mapped[int] = mapped_column(Integer, default=0, server_default="0")


class AreaGroupTotal(Base):
    """The summary one level up: the totals of every site of a region and rurality, by measure,
    period and DRE group, as stored and as a viewer sees them (each site controlled, then
    summed; `shown_sites` counts the sites not withheld). Most selections are whole regions,
    or all of England: their totals are a sum over at most sixteen rows a cell."""

    __tablename__ = "area_group_total"
    region_id: Mapped[int] = mapped_column(ForeignKey("region.id"), primary_key=True)
    rurality: Mapped[str] = mapped_column(String(24), primary_key=True)
    measure_id: Mapped[int] = mapped_column(ForeignKey("measure.id"), primary_key=True)
    period_id: Mapped[int] = mapped_column(ForeignKey("period.id"), primary_key=True)
    dre_group: Mapped[str] = mapped_column(String(24), primary_key=True)
    numerator: Mapped[int] = mapped_column(BigInteger)
    denominator: Mapped[int] = mapped_column(BigInteger)
    sites: Mapped[int] = mapped_column(Integer)
    shown_numerator: Mapped[int | None] = mapped_column(BigInteger)
    shown_denominator: Mapped[int | None] = mapped_column(BigInteger)
    shown_sites: Mapped[int] = mapped_column(Integer)
    suppressed_sites: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
