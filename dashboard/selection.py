"""The user's selection: parsed from the URL query string, validated, and resolved to sites.

The query string is the edge where anyone can type anything: only codes that exist in the
catalogue survive `Selection.validated`, so nothing unknown reaches a query.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from urllib.parse import parse_qs, parse_qsl, urlencode

import pandas as pd

from dashboard import periods as period_series

RURALITY_CHOICES = ("all", "urban", "rural")
#: Pooling over periods: each value adds the numerators and denominators of this many quarters.
POOLING_WINDOWS = {"quarter": 1, "year": 4, "3years": 12}
#: The label prefix of a pooled period: "Year to " and the label of its last quarter.
POOLING_PREFIX = {"quarter": "", "year": "Year to ", "3years": "Three years to "}
#: The pooling in a few words, for titles and captions.
POOLING_WORDS = {"quarter": "each quarter", "year": "rolling year", "3years": "rolling 3 years"}
#: A trend chart's title: what each of its points is.
TREND_TITLES = {
    "quarter": "Quarterly trend",
    "year": "Rolling-year trend",
    "3years": "Rolling 3-year trend",
}
#: Each period of a granularity, in words: what one value is when nothing is pooled.
PERIOD_NAMES = {
    "quarter": "quarter",
    "month": "month",
    "financial_year": "financial year",
    "year": "year",
}
#: A trend of unpooled values, by the granularity of its periods.
EACH_PERIOD_TRENDS = {
    "quarter": "Quarterly trend",
    "month": "Monthly trend",
    "financial_year": "Trend by financial year",
    "year": "Trend by year",
}


def pooling_choices(labels: dict[str, str], grain: str | None) -> list[dict]:
    """Radio options for the pooling, from `labels` (pooling → label): on periods that do not
    pool, the first reads "Each financial year" (say) and the rolling ones are disabled."""
    options = [{"label": label, "value": value} for value, label in labels.items()]
    if pools(grain):
        return options
    first = {"label": f"Each {PERIOD_NAMES.get(grain or '', 'period')}", "value": "quarter"}
    rolling = [{**o, "disabled": True, "title": "Rolling pools add quarters"} for o in options[1:]]
    return [first, *rolling]


def pooling_words(pooling: str, periods) -> str:
    """The pooling in a few words ("rolling year"); unpooled, what each value is by the
    granularity of the `periods` drawn ("each quarter", "each financial year")."""
    if pooling != "quarter":
        return POOLING_WORDS.get(pooling, pooling)
    codes = [str(code) for code in periods]
    spec = period_series.parse(codes[-1]) if codes else None
    return f"each {PERIOD_NAMES.get(spec.granularity if spec else 'quarter', 'period')}"


def pools(grain: str | None) -> bool:
    """Whether rolling pools apply to periods of `grain`: they count quarters (a rolling year
    is four), so a rolling "year" of financial years would add four of them."""
    return grain in (None, "quarter")


_CODE = re.compile(r"^[A-Za-z0-9_/-]{1,16}$")  # "/": a financial year, 2023/24


@dataclass(frozen=True)
class Catalogue:
    """Reference data the filters and panels need, loaded once and cached."""

    regions: pd.DataFrame
    organisations: pd.DataFrame
    characteristics: pd.DataFrame
    measures: pd.DataFrame  # the agreed measures: what the sites use and return now
    periods: pd.DataFrame
    #: Retired measures: never offered for new returns, but their figures stay viewable.
    retired: pd.DataFrame = field(default_factory=pd.DataFrame)
    #: The code of the organisation holding England's published figures (None: none stored):
    #: read in place of a sum of the sites when the selection is all of England.
    national: str | None = None
    #: Every stored period, of every granularity (`periods` is one series of them).
    all_periods: pd.DataFrame = field(default_factory=pd.DataFrame)

    @property
    def grains(self) -> list[str]:
        """The granularities the store holds: more than one when a programme's quarterly
        returns sit beside published annual statistics."""
        return period_series.grains(self.all_periods)

    @property
    def grain(self) -> str | None:
        """The granularity of `periods`."""
        if self.periods.empty or "granularity" not in self.periods:
            return None
        return str(self.periods["granularity"].iloc[0])

    def in_grain(self, grain: str | None) -> Catalogue:
        """This catalogue with its periods the series of `grain` (itself when that is the
        series already, or not held)."""
        if not grain or grain == self.grain or grain not in self.grains:
            return self
        return replace(self, periods=period_series.series(self.all_periods, grain))

    @classmethod
    def empty(cls) -> Catalogue:
        return cls(*(pd.DataFrame() for _ in range(5)))

    @property
    def viewable_measures(self) -> pd.DataFrame:
        """The agreed measures, then the retired ones: every measure whose figures show."""
        if self.retired.empty:
            return self.measures
        if self.measures.empty:
            return self.retired
        return pd.concat([self.measures, self.retired], ignore_index=True)

    @property
    def period_codes(self) -> list[str]:
        return self.periods["code"].tolist() if not self.periods.empty else []

    def pooled_words(self, selection: Selection, sites: int) -> str:
        """'12 site(s) pooled'; for all of England with its own figures stored, that they are
        read where published (a period without them pools the sites)."""
        if self.national and selection.is_england:
            return f"England: its published figures where published, else {sites} site(s) pooled"
        return f"{sites} site(s) pooled"

    def organisations_in(self, regions: tuple[str, ...], rurality: str) -> pd.DataFrame:
        orgs = self.organisations
        if orgs.empty:
            return orgs
        if regions:
            orgs = orgs[orgs["region"].isin(regions)]
        if rurality in ("urban", "rural"):
            orgs = orgs[orgs["rurality"] == rurality]
        return orgs


def _codes(values: list[str]) -> tuple[str, ...]:
    out: list[str] = []
    for value in values:
        for code in value.split(","):
            code = code.strip()
            if _CODE.match(code) and code not in out:
                out.append(code)
    return tuple(out)


@dataclass(frozen=True)
class Selection:
    """What the user chose. `measures=None` means the measures the selected sites agreed."""

    regions: tuple[str, ...] = ()
    trusts: tuple[str, ...] = ()
    rurality: str = "all"
    period_from: str | None = None
    period_to: str | None = None
    measures: tuple[str, ...] | None = None
    pooling: str = "quarter"
    #: The granularity drawn, when not the store's default (`?grain=financial_year`).
    grain: str | None = None

    @property
    def is_england(self) -> bool:
        """All of England: no region, organisation or rural/urban class chosen."""
        return not self.regions and not self.trusts and self.rurality == "all"

    @classmethod
    def from_query(cls, search: str | None) -> Selection:
        """Parse `?region=LDN,SW&trust=SLAM&rurality=rural&from=2006Q1&to=2010Q1&measures=...`."""
        params = parse_qs((search or "").lstrip("?"), keep_blank_values=False)
        rurality = (params.get("rurality") or ["all"])[0]
        first = _codes(params.get("from", []))
        last = _codes(params.get("to", []))
        measures = _codes(params["measures"]) if "measures" in params else None
        pooling = (params.get("pool") or ["quarter"])[0]
        grain = (params.get("grain") or [None])[0]
        return cls(
            regions=_codes(params.get("region", [])),
            trusts=_codes(params.get("trust", [])),
            rurality=rurality if rurality in RURALITY_CHOICES else "all",
            period_from=first[0] if first else None,
            period_to=last[0] if last else None,
            measures=measures,
            pooling=pooling if pooling in POOLING_WINDOWS else "quarter",
            grain=grain if grain in period_series.GRAINS else None,
        )

    def to_query(self) -> str:
        """The query string for this selection ('' for the default view), with a leading '?'."""
        params: list[tuple[str, str]] = []
        if self.regions:
            params.append(("region", ",".join(self.regions)))
        if self.trusts:
            params.append(("trust", ",".join(self.trusts)))
        if self.rurality != "all":
            params.append(("rurality", self.rurality))
        if self.period_from:
            params.append(("from", self.period_from))
        if self.period_to:
            params.append(("to", self.period_to))
        if self.measures is not None:
            params.append(("measures", ",".join(self.measures)))
        if self.pooling != "quarter":
            params.append(("pool", self.pooling))
        if self.grain:
            params.append(("grain", self.grain))
        return "?" + urlencode(params, safe=",") if params else ""

    def validated(self, catalogue: Catalogue) -> Selection:
        """The same selection with unknown codes dropped and the period range put in order."""
        known_regions = set(catalogue.regions.get("code", []))
        known_orgs = set(catalogue.organisations.get("code", []))
        known_measures = set(catalogue.viewable_measures.get("code", []))
        # a granularity the store holds and does not draw by default; the periods in it
        grain = self.grain if self.grain in catalogue.grains else None
        default = period_series.default_grain(catalogue.all_periods)
        grain = None if grain == default or catalogue.all_periods.empty else grain
        drawn = catalogue.in_grain(grain)
        periods = drawn.period_codes
        start = self.period_from if self.period_from in periods else None
        end = self.period_to if self.period_to in periods else None
        if start and end and periods.index(start) > periods.index(end):
            start, end = end, start
        return replace(
            self,
            regions=tuple(r for r in self.regions if r in known_regions),
            trusts=tuple(t for t in self.trusts if t in known_orgs),
            rurality=self.rurality if self.rurality in RURALITY_CHOICES else "all",
            period_from=start,
            period_to=end,
            pooling=self.pooling
            if self.pooling in POOLING_WINDOWS and pools(drawn.grain)
            else "quarter",
            measures=None
            if self.measures is None
            else tuple(m for m in self.measures if m in known_measures),
            grain=grain,
        )

    def site_codes(self, catalogue: Catalogue) -> list[str]:
        """The organisations this selection covers: the chosen trusts, else all in the filters."""
        candidates = catalogue.organisations_in(self.regions, self.rurality)
        if candidates.empty:
            return []
        if self.trusts:
            return [c for c in candidates["code"] if c in self.trusts]
        return candidates["code"].tolist()

    def period_range(self, catalogue: Catalogue) -> list[str]:
        """Period codes from `period_from` to `period_to`, inclusive (all when unset)."""
        periods = catalogue.period_codes
        if not periods:
            return []
        i = periods.index(self.period_from) if self.period_from in periods else 0
        j = periods.index(self.period_to) if self.period_to in periods else len(periods) - 1
        return periods[i : j + 1]


_PARAM = re.compile(r"^[A-Za-z0-9_.-]{1,32}$")


def grain_of(search: str | None) -> str | None:
    """The granularity a URL asks to draw (`?grain=financial_year`), if it names one."""
    return Selection.from_query(search).grain


def page_param(search: str | None, name: str) -> str | None:
    """One page-specific query parameter (a measure, a slide, a share), or None when it is
    absent or not a plain token. Pages validate the value against what they know."""
    values = parse_qs((search or "").lstrip("?")).get(name, [])
    return values[0] if values and _PARAM.match(values[0]) else None


def with_param(query: str, name: str, value: str | None) -> str:
    """`query` (as from `Selection.to_query`) with a page parameter added, replaced or removed."""
    params = [(k, v) for k, v in parse_qsl(query.lstrip("?")) if k != name]
    if value is not None:
        params.append((name, value))
    return "?" + urlencode(params, safe=",") if params else ""


def window_ending(period_codes: list[str], last: str, window: int) -> list[str]:
    """The `window` periods ending at `last` (fewer at the start of the data): what a value
    pooled over a rolling window adds up."""
    if last not in period_codes:
        return []
    i = period_codes.index(last)
    return period_codes[max(0, i - window + 1) : i + 1]
