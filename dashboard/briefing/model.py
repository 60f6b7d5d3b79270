"""What a briefing says, as data: for the page, the HTML and the PDF alike."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

import pandas as pd

from dashboard.vocabulary import plans_overdue


@dataclass(frozen=True)
class Change:
    """One line of "what changed", with its tone (worse, better, neutral) for colour."""

    text: str
    tone: str = "neutral"
    measure: str = ""  # its measure's code, where it has one


@dataclass(frozen=True)
class CharacteristicLine:
    """One characteristic: its sentence (as on the national-meeting slides) and a small trend."""

    number: int
    short_name: str
    sentence: str
    verdict: str
    tone: str
    chart_label: str = ""  # what the trend shows: "BME : White British rate ratio"
    reference: float | None = None  # 1 for a ratio (no difference)
    trend: pd.DataFrame = field(default_factory=pd.DataFrame)  # label, value, lower, upper
    new_signal: bool = False
    kind: str = ""  # what the trend's values are: "ratio", or the measure's kind
    unit: str = ""  # the measure's unit ("%": a percentage, between 0 and 100)


@dataclass(frozen=True)
class Briefing:
    """Everything a briefing says, for the page, the HTML and the PDF alike."""

    month: str  # "2010-03"
    month_label: str  # "March 2010"
    period: str  # the quarter shown
    period_label: str
    previous_label: str  # the quarter last month's briefing showed ("" when none)
    context: str  # region or sites, how many, the span, the pooling
    query: str  # the selection's query string
    headline: str  # what changed, in one or two sentences
    characteristics: list[CharacteristicLine] = field(default_factory=list)
    signals: list[Change] = field(default_factory=list)
    significance: pd.DataFrame = field(default_factory=pd.DataFrame)  # SIGNIFICANCE_COLUMNS
    targets: list[Change] = field(default_factory=list)
    overdue: pd.DataFrame = field(default_factory=pd.DataFrame)  # action items, and `new`
    notice: str | None = None
    as_of: dt.date | None = None  # the day the plans are judged on (`actions.briefing_date`)

    @property
    def overdue_words(self) -> str:
        """'3 actions of the plans are overdue (due before 31 Mar 2010 and not done); 2 fell
        overdue in March 2010.', as the headline ends."""
        new = int(self.overdue["new"].sum()) if "new" in self.overdue else 0
        return plans_overdue(len(self.overdue), new, self.month_label, self.as_of)

    @property
    def nothing_to_compare(self) -> str | None:
        """Why "what changed" lists no figures, when no new quarter was compared."""
        if not self.previous_label:
            return "The first briefing: there is no earlier briefing to compare with."
        if self.previous_label == self.period_label:
            return (
                f"No new quarter's figures since last month's briefing: the figures of "
                f"{self.period_label} are unchanged."
            )
        return None
