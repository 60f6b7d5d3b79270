"""The characteristic page's figures as tables: every chart's "View as table"."""

from __future__ import annotations

import pandas as pd

from dashboard.vocabulary import (
    fmt_interval,
    fmt_ratio,
    fmt_value,
    status_words,
)
from layouts.significance import mark
from layouts.theme import group_name


def _fmt_counts(numerator, denominator, kind: str) -> str:
    if numerator is None or pd.isna(numerator):
        return "–"
    if kind == "count":
        return f"{int(numerator):,}"
    return f"{int(numerator):,} / {int(denominator):,}"


def _fmt_ratio(value, lower, upper) -> str:
    if value is None or pd.isna(value):
        return "–"
    if pd.isna(lower) or pd.isna(upper):
        return fmt_ratio(value)
    return f"{fmt_ratio(value)} ({fmt_ratio(lower)} to {fmt_ratio(upper)})"


def _absent(status) -> str:
    """Why a value is not shown ('withheld: fewer than 8'), '' when it is."""
    return status_words(status) if isinstance(status, str) else ""


def _group_cells(row, group: str, kind: str, unit: str) -> list[str]:
    if _absent(row.get(f"status_{group}")):  # the reason, never a number or a count
        return [_absent(row.get(f"status_{group}")), "", ""]
    value = row.get(f"value_{group}")
    if value is None or pd.isna(value):
        return ["–", "–", "–"]
    small = " †" if bool(row.get(f"small_{group}")) else ""
    return [
        fmt_value(value, kind, unit) + small,
        fmt_interval(row[f"lower_{group}"], row[f"upper_{group}"], kind, unit),
        _fmt_counts(row[f"numerator_{group}"], row[f"denominator_{group}"], kind),
    ]


def figures_table(
    table: pd.DataFrame,
    groups: list[str],
    kind: str,
    unit: str,
    comparator: str = "White British",
) -> pd.DataFrame:
    """The figures by period as display strings: each group's value (†: small numbers), its
    95% interval and its counts, then the ratio with its interval (for two groups)."""
    counts = "events" if kind in ("rate", "count") else "numerator / denominator"
    columns = ["Period"]
    for g in groups:
        name = group_name(g, comparator)
        columns += [name, f"{name} 95% CI", f"{name} {counts}"]
    with_ratio = len(groups) == 2 and "ratio_value" in table
    if with_ratio:
        columns.append("Ratio (95% CI)")
    rows = []
    for _, row in table.iterrows():
        cells = [row["label"]]
        for g in groups:
            cells += _group_cells(row, g, kind, unit)
        if with_ratio and _absent(row.get("ratio_status")):
            cells.append(_absent(row.get("ratio_status")))
        elif with_ratio:
            cells.append(_fmt_ratio(row["ratio_value"], row["ratio_lower"], row["ratio_upper"]))
        rows.append(cells)
    return pd.DataFrame(rows, columns=columns)


def estimates_frame(frame: pd.DataFrame, name: str, kind: str, unit: str) -> pd.DataFrame:
    """Rows of `frame` (columns name, value, lower, upper, small, numerator, denominator, and
    optionally status) as display strings: the name, the value (†: small numbers), its 95%
    interval, its counts; for a withheld row, the reason and nothing else."""
    absent = [_absent(v) for v in frame.get("status", pd.Series([None] * len(frame)))]
    return pd.DataFrame(
        {
            name: frame["name"].tolist(),
            "Value": [
                a or fmt_value(v, kind, unit) + (" †" if s else "")
                for v, s, a in zip(frame["value"], frame["small"], absent, strict=True)
            ],
            "95% CI": [
                "" if a else fmt_interval(lo, hi, kind, unit)
                for lo, hi, a in zip(frame["lower"], frame["upper"], absent, strict=True)
            ],
            "Counts": [
                "" if a else _fmt_counts(n, d, kind)
                for n, d, a in zip(frame["numerator"], frame["denominator"], absent, strict=True)
            ],
        }
    )


def categories_frame(
    categories: pd.DataFrame, kind: str, unit: str, comparator: str = "White British"
) -> pd.DataFrame:
    """The breakdown by ethnic category, with each category's ratio to White British (or
    White, for the 2021 census groups)."""
    out = estimates_frame(
        categories.rename(columns={"ethnic_name": "name"}), "Ethnic category", kind, unit
    )
    ratios = categories[["ratio", "ratio_lower", "ratio_upper"]].itertuples(index=False)
    absent = [_absent(v) for v in categories.get("status", [None] * len(categories))]
    out[f"Ratio to {comparator} (95% CI)"] = [
        a or _fmt_ratio(*r) for r, a in zip(ratios, absent, strict=True)
    ]
    return out


def sites_frame(sites: pd.DataFrame, kind: str, unit: str, polarity: str) -> pd.DataFrame:
    """The sites of the funnel plot, highest value first, with where each lies in the funnel's
    marks and words (`layouts.significance`)."""
    ranked = sites.sort_values("value", ascending=False)
    out = estimates_frame(ranked, "Site", kind, unit)
    if "category" in ranked:
        out["Against the selection"] = [mark(c, polarity).text for c in ranked["category"]]
    return out


# The measure in focus: five panels, each a chart block or a message that says why not.
