"""Many measures' rows in one frame: prepared at once (estimates by kind, not by measure),
then each measure's taken by slicing, not by grouping.

The overview summarises 80 to 90 measures for each new selection. Grouping a frame by measure
makes a DataFrame per measure, and reading each column of each of them costs pandas'
overhead ninety times over (at national scale, most of a cold filter change's time). Here the
frame is put in measure order once, its columns read once as arrays, and a measure's rows
are a slice of each array: a view, at no cost.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np
import pandas as pd

from dashboard.estimates import estimates_with_status, shown_rows


@dataclass(frozen=True)
class Part:
    """One measure's rows: as a frame (for what is drawn from them) and as arrays."""

    frame: pd.DataFrame
    col: dict[str, np.ndarray]

    def __len__(self) -> int:
        return len(self.frame)


class MeasureRows:
    """The rows of `frame` (with a "measure" column) by measure: `part(code)`, each measure's
    rows in their order in `frame`; its columns `columns` as arrays (a column `frame` lacks
    is zeros), its frame without the columns `drop`."""

    def __init__(self, frame: pd.DataFrame, columns: Iterable[str], drop: Iterable[str] = ()):
        codes = frame["measure"].to_numpy(dtype=object)
        if not _contiguous(codes):
            order = np.argsort(codes.astype(str), kind="stable")
            frame, codes = frame.iloc[order], codes[order]
        self._frame = frame.drop(columns=[c for c in drop if c in frame])
        self._col = {
            c: frame[c].to_numpy() if c in frame else np.zeros(len(frame)) for c in columns
        }
        starts = np.flatnonzero(np.r_[True, codes[1:] != codes[:-1]]) if len(codes) else []
        ends = [*starts[1:], len(codes)] if len(codes) else []
        self._bounds = {codes[a]: (int(a), int(b)) for a, b in zip(starts, ends, strict=True)}

    def part(self, code: str) -> Part:
        a, b = self._bounds.get(code, (0, 0))
        return Part(self._frame.iloc[a:b], {c: v[a:b] for c, v in self._col.items()})


def _contiguous(codes: np.ndarray) -> bool:
    """Whether each code's rows are together (one run per code)."""
    if len(codes) < 2:
        return True
    firsts = codes[np.r_[True, codes[1:] != codes[:-1]]]
    return len(firsts) == len(set(firsts))


SERIES_COLUMNS = [
    *("measure", "period", "group", "numerator", "denominator", "sites", "withheld"),
    *("value", "lower", "upper", "small", "status", "label"),
]


def prepared_rows(
    totals: pd.DataFrame, measures: pd.DataFrame, period_labels: dict[str, str], threshold: int
) -> pd.DataFrame:
    """The rows of `totals` each measure draws (its lead groups; periods with a denominator,
    except for counts and milestones, or withheld), with their estimates, small-number flags,
    status (withheld or None), labels and order, sorted by measure, group and period. One pass
    over every measure: the estimates are vectorised by kind, not measure by measure."""
    meta = measures[["code", "kind", "multiplier", "by_ethnicity"]].rename(
        columns={"code": "measure"}
    )
    missing = {c: 0 for c in ("withheld", "suppressed") if c not in totals}
    totals = totals.assign(**missing).fillna({"withheld": 0, "suppressed": 0})
    rows = totals.merge(meta, on="measure", how="inner")
    if rows.empty:
        return pd.DataFrame(columns=[*SERIES_COLUMNS, "order"])
    by_ethnicity = rows["by_ethnicity"].astype(bool).to_numpy()
    group = rows["group"]
    keep = np.where(
        by_ethnicity, group.isin(["bme", "white_british"]).to_numpy(), group.eq("all").to_numpy()
    )
    order = {p: i for i, p in enumerate(period_labels)}
    rows = rows[keep].assign(order=lambda f: f["period"].map(order))
    rows = rows.sort_values(["measure", "group", "order"], kind="stable")
    parts = []
    for (kind, multiplier), part in rows.groupby(["kind", "multiplier"], sort=False):
        part = part[shown_rows(part, kind)]
        counts = part[["numerator", "denominator", "withheld", "suppressed"]]
        est = estimates_with_status(counts, kind, int(multiplier), threshold)
        parts.append(part.drop(columns=counts.columns).join(est))
    rows = pd.concat(parts) if parts else rows.iloc[0:0]
    rows["label"] = rows["period"].map(period_labels)
    return rows.reindex(columns=[*SERIES_COLUMNS, "order"])
