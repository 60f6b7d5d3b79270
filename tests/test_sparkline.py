"""The overview's trend images (layouts/sparkline.py): valid SVG, gaps kept, small numbers
hollow, round axis values, and words for those who cannot see the picture."""

from __future__ import annotations

import itertools
import math
import xml.etree.ElementTree as ET
from urllib.parse import unquote

import numpy as np
import pandas as pd
import pytest

from layouts.overview.panel import measure_block
from layouts.sparkline import data_uri, nice_ticks, trend_svg
from tests.components import prop, with_class

SVG = "{http://www.w3.org/2000/svg}"
PERIODS = [("2009Q1", "Jan–Mar 2009"), ("2009Q2", "Apr–Jun 2009"), ("2009Q3", "Jul–Sep 2009")]
PERIODS += [("2009Q4", "Oct–Dec 2009")]


def _series(values, small=None, group="bme"):
    rows = [
        {
            "group": group,
            "period": code,
            "label": label,
            "value": v,
            "lower": v - 1 if v == v else np.nan,
            "upper": v + 1 if v == v else np.nan,
            "small": bool(small and small[i]),
        }
        for i, ((code, label), v) in enumerate(zip(PERIODS, values, strict=True))
    ]
    return pd.DataFrame(rows).dropna(subset=["value"])


@pytest.mark.parametrize(
    ("low", "high"), [(0, 17.5), (0, 241.6), (0, 0.83), (0, 1), (-3.2, 12), (0, 98_000), (5, 5)]
)
def test_axis_values_are_round_and_cover_the_data(low, high):
    ticks = nice_ticks(low, high)
    assert 2 <= len(ticks) <= 5
    assert ticks[0] <= low and ticks[-1] >= high
    steps = {round(b - a, 9) for a, b in itertools.pairwise(ticks)}
    assert len(steps) == 1
    (step,) = steps
    mantissa = step / 10 ** math.floor(math.log10(step))
    assert round(mantissa, 6) in (1, 2, 5)


def test_the_trend_is_valid_svg_with_one_line_a_band_and_points():
    svg = trend_svg(_series([10.0, 11.0, 12.5, 12.0]), PERIODS, "Trend of Detentions")
    root = ET.fromstring(svg)
    assert root.find(f"{SVG}title").text == "Trend of Detentions"
    assert len(root.findall(f"{SVG}polyline")) == 1
    assert len(root.findall(f"{SVG}polygon")) == 1  # the 95% interval
    assert len(list(root.iter(f"{SVG}circle"))) == 4
    texts = [t.text for t in root.findall(f"{SVG}text")]
    assert "Jan–Mar 2009" in texts and "Oct–Dec 2009" in texts
    assert "0" in texts  # the axis starts at zero, as a rate's should


def test_a_period_without_a_value_is_a_gap_not_a_bridge():
    svg = trend_svg(_series([10.0, 11.0, np.nan, 12.0]), PERIODS, "t")
    root = ET.fromstring(svg)
    lines = root.findall(f"{SVG}polyline")
    assert len(lines) == 1  # the first two joined; Q4 stands alone as a point
    assert len(lines[0].get("points").split()) == 2
    assert len(list(root.iter(f"{SVG}circle"))) == 3


def test_points_on_small_numbers_are_hollow_and_white_british_is_dashed_squares():
    bme = _series([10.0, 11.0, 12.0, 13.0], small=[False, True, False, True])
    wb = _series([8.0, 8.5, 9.0, 9.5], group="white_british")
    root = ET.fromstring(trend_svg(pd.concat([bme, wb]), PERIODS, "t"))
    hollow = [c for c in list(root.iter(f"{SVG}circle")) if c.get("fill") == "white"]
    assert len(hollow) == 2
    squares = list(root.iter(f"{SVG}rect"))
    assert len(squares) == 4 and all(r.get("fill") != "white" for r in squares)
    dashed = [p for p in root.findall(f"{SVG}polyline") if p.get("stroke-dasharray")]
    assert len(dashed) == 1


def test_text_from_the_menu_is_escaped_in_the_image():
    svg = trend_svg(_series([1.0, 2.0, 3.0, 4.0]), PERIODS, 'Trend of <script>"x"</script> & co')
    assert "<script>" not in svg
    assert ET.fromstring(svg).find(f"{SVG}title").text == 'Trend of <script>"x"</script> & co'


def test_the_data_uri_keeps_the_svg_whole():
    svg = trend_svg(_series([1.0, 2.0, 3.0, 4.0]), PERIODS, "t #1")
    uri = data_uri(svg)
    assert uri.startswith("data:image/svg+xml;charset=utf-8,")
    body = uri.split(",", 1)[1]
    assert "#" not in body and "<" not in body  # a fragment mark would cut the image short
    assert unquote(body) == svg


def test_the_measure_block_names_its_trend_in_words():
    from tests.test_layouts import _summary

    summary = _summary()
    (trend,) = with_class(measure_block(summary), "trend-img")
    words = prop(trend, "alt")
    assert "Trend of Detentions: BME from 10.0 (Q1) to 12.0 (Q2)" in words
    assert "White British from 5.00 (Q1) to 5.50 (Q2)" in words
