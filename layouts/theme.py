"""Colours and fonts shared by every builder (numbers and words: `dashboard.vocabulary`).

Colours are from the Okabe-Ito palette, which stays distinct under the common colour-vision
deficiencies; groups are also told apart by line dash and marker, never by colour alone.
"""

from __future__ import annotations

GROUP_STYLE = {
    "bme": {"name": "BME", "color": "#0072B2", "dash": "solid", "symbol": "circle"},
    "white_british": {
        "name": "White British",
        "color": "#D55E00",
        "dash": "dash",
        "symbol": "square",
    },
    "all": {"name": "All people", "color": "#333333", "dash": "solid", "symbol": "circle"},
}


def group_name(group: str, comparator: str = "White British") -> str:
    """A DRE group's name as a measure shows it: its comparator is "White British", or
    "White" where the measure gives the 2021 census groups."""
    return comparator if group == "white_british" else GROUP_STYLE[group]["name"]


FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, Arial, sans-serif"
