"""The reporting period's model, kept apart from data_access/models.py (which re-exports it)
so that the models module stays readable in one sitting."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import CheckConstraint, Date, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from data_access.base import GRANULARITIES, Base
from data_access.base import enum as _enum


class Period(Base):
    """A reporting period: a month, a calendar quarter, a year or a financial year. Two of
    different granularity may start on the same day (2023Q2 and 2023/24)."""

    __tablename__ = "period"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    code: Mapped[str] = mapped_column(String(8), unique=True)
    label: Mapped[str] = mapped_column(String(40))
    granularity: Mapped[str] = mapped_column(_enum(GRANULARITIES, "granularity"))
    start_date: Mapped[dt.date] = mapped_column(Date)
    end_date: Mapped[dt.date] = mapped_column(Date)

    __table_args__ = (
        CheckConstraint("end_date >= start_date", "dates"),
        UniqueConstraint("granularity", "start_date"),
    )
