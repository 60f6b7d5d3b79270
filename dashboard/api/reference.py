"""The read API's reference lists (characteristics, measures, areas, periods, groups) and the
checking of a figures request's codes against the catalogue, in the pages' own terms."""

from __future__ import annotations

import pandas as pd

from dashboard.api.areas import Area, all_areas, choose_areas
from dashboard.api.figures import Request
from dashboard.api.params import BadParameter
from dashboard.api.values import GROUP_NAMES, GROUPS
from dashboard.loaders import load_ethnic_categories
from dashboard.periods import GRAINS
from dashboard.selection import PERIOD_NAMES, POOLING_WINDOWS, Catalogue, pools

MEASURE_FIELDS = [
    *("code", "name", "characteristic", "kind", "unit", "multiplier", "polarity"),
    *("numerator_definition", "denominator_definition", "source", "status", "by_ethnicity"),
]
#: The group each measure's groups are compared with (issue 16 adds the census's White).
COMPARATOR = "white_british"
BROAD = {"all": None, "bme": "BME", "white_british": "White", "not_stated": "Not stated"}


def characteristics(catalogue: Catalogue) -> pd.DataFrame:
    return catalogue.characteristics.rename(columns={"id": "number"})[
        ["number", "short_name", "title"]
    ]


def measures(catalogue: Catalogue) -> pd.DataFrame:
    frame = catalogue.viewable_measures
    if frame.empty:
        return pd.DataFrame(columns=[*MEASURE_FIELDS, "comparator"])
    out = frame[MEASURE_FIELDS].copy()
    out["by_ethnicity"] = out["by_ethnicity"].astype(bool)
    # White British where the detailed NHS codes exist, White for the 2021 census groups
    compared = frame["comparator"] if "comparator" in frame else [COMPARATOR] * len(frame)
    out["comparator"] = [
        (c if isinstance(c, str) else COMPARATOR) if e else None
        for c, e in zip(compared, out["by_ethnicity"], strict=True)
    ]
    return out.reset_index(drop=True)


def areas(catalogue: Catalogue, params: dict) -> pd.DataFrame:
    chosen = choose_areas(all_areas(catalogue), (), params.get("area_type"), params.get("region"))
    return pd.DataFrame(
        [a.row() for a in chosen],
        columns=["code", "name", "type", "organisation_kind", "region", "rurality", "parent"],
    )


def periods(catalogue: Catalogue) -> pd.DataFrame:
    """Every stored period, of every granularity (quarters beside financial years)."""
    frame = catalogue.all_periods if not catalogue.all_periods.empty else catalogue.periods
    if not frame.empty and "granularity" in frame:
        order = frame["granularity"].map({g: i for i, g in enumerate(GRAINS)})
        frame = frame.assign(order=order).sort_values(["order", "start_date"], kind="stable")
    if frame.empty:
        return pd.DataFrame(columns=["code", "label", "start", "end", "granularity"])
    # The stored end date: a month, a quarter and a financial year end differently.
    starts = pd.to_datetime(frame["start_date"]).dt.date
    ends = pd.to_datetime(frame["end_date"]).dt.date
    return pd.DataFrame(
        {
            "code": frame["code"],
            "label": frame["label"],
            "start": [d.isoformat() for d in starts],
            "end": [d.isoformat() for d in ends],
            "granularity": frame["granularity"],
        }
    )


def groups() -> pd.DataFrame:
    """The DRE groups, then the NHS ethnic categories (A to S, Z) with the DRE group each
    counts in: both may be asked for in `values`."""
    dre = pd.DataFrame(
        {
            "code": list(GROUPS),
            "name": [GROUP_NAMES[g] for g in GROUPS],
            "kind": "dre_group",
            "broad_group": [BROAD[g] for g in GROUPS],
            "dre_group": list(GROUPS),
        }
    )
    categories = load_ethnic_categories()
    detailed = pd.DataFrame(
        {
            "code": categories["code"],
            "name": categories["name"],
            "kind": "ethnic_category",
            "broad_group": categories["broad_group"],
            "dre_group": categories["dre_group"],
        }
    )
    return pd.concat([dre, detailed], ignore_index=True)


def _measure(catalogue: Catalogue, code: object) -> pd.Series:
    menu = catalogue.viewable_measures
    found = menu[menu["code"] == code] if not menu.empty else menu
    if found.empty:
        raise BadParameter("measure", f"no measure {code!r}: see /api/v1/measures")
    return found.iloc[0]


def _periods(catalogue: Catalogue, wanted: object, pooling: str) -> list[str]:
    """The periods asked for; under pooling, only those whose whole window is in the data (a
    rolling year's first value is at the fourth quarter)."""
    codes = catalogue.period_codes
    if not pools(catalogue.grain) and pooling != "quarter":
        raise BadParameter(
            "pool",
            f"pool adds quarters; these periods are each a {PERIOD_NAMES[catalogue.grain]}, "
            "which are not pooled: leave pool out",
        )
    window = POOLING_WINDOWS[pooling]
    pooled = codes[window - 1 :]
    if wanted is None:
        return pooled
    if wanted == "latest":
        return codes[-1:]
    if wanted not in codes:
        raise BadParameter("period", f"no period {wanted!r}: see /api/v1/periods, or latest")
    if wanted not in pooled:
        raise BadParameter(
            "period", f"{wanted} has fewer than the {window} periods before it that pool needs"
        )
    return [str(wanted)]


def _areas(catalogue: Catalogue, params: dict, one: bool = False) -> list[Area]:
    known = all_areas(catalogue)
    codes = params.get("area", ())
    codes = (codes,) if isinstance(codes, str) else tuple(codes)
    unknown = [c for c in codes if c not in {a.code for a in known}]
    if unknown:
        raise BadParameter("area", f"no area {', '.join(unknown[:5])}: see /api/v1/areas")
    region = params.get("region")
    if region is not None and region not in set(catalogue.regions.get("code", [])):
        raise BadParameter("region", f"no region {region!r}: see /api/v1/areas?area_type=region")
    chosen = choose_areas(known, codes, params.get("area_type"), region)
    if one and len(chosen) != 1:
        raise BadParameter("area", "one area's code")
    return chosen


def figures_request(catalogue: Catalogue, params: dict, threshold: int) -> Request:
    """The request's measure, areas, periods, groups and pooling, every code checked."""
    measure = _measure(catalogue, params["measure"])
    group = params.get("group")
    groups = (group,) if isinstance(group, str) else tuple(group or GROUPS)
    known = {*GROUPS, *load_ethnic_categories()["code"]}
    unknown = [g for g in groups if g not in known]
    if unknown:
        raise BadParameter("group", f"no group {unknown[0]!r}: see /api/v1/groups")
    return Request(
        measure=measure,
        areas=_areas(catalogue, params, one="area" in params and isinstance(params["area"], str)),
        periods=_periods(catalogue, params.get("period"), str(params.get("pool", "quarter"))),
        groups=groups,
        pooling=str(params.get("pool", "quarter")),
        threshold=threshold,
    )


def lead_group(measure: pd.Series, params: dict) -> str:
    """The group an SPC chart or a funnel is drawn for: the request's, else the lead group."""
    if "group" in params:
        return str(params["group"])
    return "bme" if bool(measure["by_ethnicity"]) else "all"
