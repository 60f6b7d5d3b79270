"""The groups one measure can be compared for on the Compare page: BME, its comparator and all
people, and, for a measure given by the 2021 census groups, each of them (so that the ICBs'
Black or Black British rate can be set against England's)."""

from __future__ import annotations

import pandas as pd

from dashboard.compare.funnel import GROUP_CHOICES
from dashboard.estimates import comparator_name, measure_categories
from dashboard.loaders import load_ethnic_categories


def group_choices(measure: pd.Series | None) -> dict[str, str]:
    """The groups a measure can be compared for, code: words: BME, its comparator (White
    British, or White) and all people, then each ethnic category it is given by (for census
    groups: Mixed, Asian or Asian British, Black or Black British, Other ethnic groups)."""
    if measure is None or not bool(measure["by_ethnicity"]):
        return {"all": GROUP_CHOICES["all"]}
    choices = {**GROUP_CHOICES, "white_british": comparator_name(measure)}
    if str(measure.get("comparator")) == "white":  # a few groups: each can be compared
        categories = measure_categories(load_ethnic_categories(), measure)
        stated = categories[categories["dre_group"] == "bme"]
        choices |= dict(zip(stated["code"], stated["name"], strict=True))
    return choices


def effective_group(measure: pd.Series, group: str) -> str:
    """The group compared: measures not kept by ethnicity only have all people."""
    if not bool(measure["by_ethnicity"]):
        return "all"
    if group in GROUP_CHOICES:
        return group
    return group if group in group_choices(measure) else "bme"


def short_label(name: str) -> str:
    """A census group's name short enough for a button: 'Black or Black British' → 'Black'."""
    return name.split(" or ")[0].replace(" ethnic groups", "")


def group_options(measure: pd.Series | None) -> list[dict]:
    """The Group buttons of a measure: value the group's code, label a word or two (the
    summary and captions give the name in full)."""
    return [
        {"label": short_label(name), "value": code} for code, name in group_choices(measure).items()
    ]
