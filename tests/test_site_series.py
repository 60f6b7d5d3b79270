"""The site page's lead series, worked out for every measure at once, are each measure's own
(`_lead_series`, one measure at a time, is the definition)."""

from __future__ import annotations

import pandas as pd

from dashboard.loaders import load_catalogue, load_group_totals
from dashboard.site.measure_view import _lead_series, lead_group, lead_series_by_measure
from tests.conftest import signed_in_request


def test_every_measure_at_once_is_each_measure_alone(app):
    with signed_in_request(app):
        catalogue = load_catalogue()
        periods = catalogue.period_codes[-12:]
        labels = dict(zip(catalogue.periods["code"], catalogue.periods["label"], strict=True))
        period_labels = {p: labels[p] for p in periods}
        measures = catalogue.measures
        for site in ("SLAM", "HMPBRX"):  # a trust, and a prison with withheld values
            rows = load_group_totals((site,), tuple(measures["code"]), tuple(periods))
            together = lead_series_by_measure(rows, measures, period_labels, 10)
            assert together
            for _, measure in measures.iterrows():
                lead = lead_group(bool(measure["by_ethnicity"]))
                own = rows[rows["measure"] == measure["code"]]
                alone = _lead_series(own, measure, lead, period_labels, 10)
                got = together[measure["code"]]
                pd.testing.assert_frame_equal(
                    got[alone.columns], alone, check_dtype=False, check_index_type=False
                )
