"""`stats.rolling_pool` (every window at once) gives what pooling each window by itself gives:
the plain definition below, one `pool` per period, is the reference."""

from __future__ import annotations

import pandas as pd
from hypothesis import given, settings
from hypothesis import strategies as st

from dashboard.stats.pooling import pool, rolling_pool

PERIODS = [f"2009Q{q}" for q in range(1, 5)] + [f"2010Q{q}" for q in range(1, 5)]


def reference(frame: pd.DataFrame, periods, window: int, by) -> pd.DataFrame:
    """Each window pooled by itself: the definition."""
    order = {p: i for i, p in enumerate(periods)}
    base = frame[frame["period"].isin(order)]
    pieces = []
    for end in periods[window - 1 :]:
        span = set(periods[order[end] - window + 1 : order[end] + 1])
        chunk = pool(base[base["period"].isin(span)], by)
        chunk.insert(0, "period", end)
        pieces.append(chunk)
    return pd.concat(pieces, ignore_index=True) if pieces else pd.DataFrame()


rows = st.lists(
    st.tuples(
        st.sampled_from([*PERIODS, "1999Q1"]),  # a period outside the range is left out
        st.sampled_from(["M04A", "M02A"]),
        st.sampled_from(["bme", "white_british", "all"]),
        st.integers(0, 500),
        st.integers(0, 5000),
        st.integers(0, 3),
        st.integers(1, 9),
    ),
    max_size=40,
)


@settings(max_examples=150, deadline=None)
@given(rows, st.sampled_from([1, 2, 4]), st.booleans())
def test_every_window_at_once_is_each_window_pooled_by_itself(data, window, extras):
    frame = pd.DataFrame(
        data,
        columns=["period", "measure", "group", "numerator", "denominator", "withheld", "sites"],
    ).drop_duplicates(["period", "measure", "group"])
    if not extras:
        frame = frame.drop(columns=["withheld", "sites"])
    by = ["measure", "group"]
    got = rolling_pool(frame, PERIODS, window, by)
    want = reference(frame, PERIODS, window, by)
    if want.empty:
        assert got.empty
        return
    want = want[want["pooled_rows"] > 0].reset_index(drop=True)
    pd.testing.assert_frame_equal(got, want[got.columns], check_dtype=False)


def test_no_grouping_pools_every_row_of_each_window():
    frame = pd.DataFrame(
        {"period": PERIODS[:3], "numerator": [1, 2, 3], "denominator": [10, 20, 30]}
    )
    got = rolling_pool(frame, PERIODS, 2)
    assert got["period"].tolist() == ["2009Q2", "2009Q3", "2009Q4"]
    assert got["numerator"].tolist() == [3, 5, 3] and got["pooled_rows"].tolist() == [2, 2, 1]
