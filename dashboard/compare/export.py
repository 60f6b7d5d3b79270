"""The Compare sites table as a file: one row per site, with what was compared and against
what; a withheld site with its reason and no counts."""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from dashboard.exports import csv_safe

if TYPE_CHECKING:
    from dashboard.compare.data import Comparison


def csv_frame(comparison: Comparison) -> pd.DataFrame:
    """The table as downloaded: one row per site, with what was compared and against what."""
    sites = comparison.sites
    if comparison.measure is None or sites.empty:
        return pd.DataFrame()
    shown = sites["status"].isna() if "status" in sites else pd.Series(True, index=sites.index)
    frame = pd.DataFrame(
        {
            "site_code": sites["site"],
            "site": sites["name"],
            "region": sites["region"],
            "measure": comparison.measure["code"],
            "group": comparison.group_label,
            "period": comparison.window.label,
            # a withheld site's counts are no one's to read: empty, its reason in `significance`
            "numerator": sites["numerator"].where(shown).astype("Int64"),
            "denominator": sites["denominator"].where(shown).astype("Int64"),
            "value": sites["value"].round(4),
            "unit": comparison.measure["unit"],
            "lower_95": sites["lower"].round(4),
            "upper_95": sites["upper"].round(4),
            "significance": sites["words"],
            "small_numbers": np.where(
                sites["small"].astype(bool), "yes", np.where(shown, "no", "")
            ),
            "benchmark": comparison.benchmark_label,
            "benchmark_value": round(comparison.benchmark_value, 4),
        }
    )
    return csv_safe(frame.sort_values("value", ascending=False, na_position="last"))
