"""The national-scale demonstration data: `seed-demo --scale national`.

The demonstration data (54 sites, five years) is enough to show the dashboard but not to tell
whether it stays quick with the whole country in it. This dataset has the size the programme
would have reached: the 54 sites and the other organisations of the eight regions (212 in all,
the providers of the national review), ten years of quarters from April 2005, the longer
menu of `national_measures.py`, and every ethnic category — over three million observations.

It follows the same model as the demonstration data: each site and measure is drawn by
`generate.Model` (the same disparity indices, gap closing, Poisson and binomial counts, missing
returns and ethnicity not stated). What differs is what a national programme looks like:
the organisations beyond the 54 sites joined during its first year, and adoption varies with
how keen a site is, how useful a measure is judged and whether a national collection already
provides it, so some sites adopt most of the menu and others little beyond the core.

The model draws one site and measure at a time, vectorised over quarters and ethnic groups
(about 9,000 calls, a second in all); that keeps the random streams of the demonstration data.
What made the demonstration generator slow at this size is a DataFrame per site and measure:
here the rows are gathered as NumPy arrays and put in one frame with categorical codes.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np
import pandas as pd

from data_access.demo.generate import (
    DEFAULT_SEED,
    FIRST_QUARTER,
    DemoData,
    Model,
    applicable,
    draw_target,
    ethnic_codes,
    quarters,
)
from data_access.demo.measures import MEASURES, DemoMeasure
from data_access.demo.national_actions import national_actions
from data_access.demo.national_measures import EXTRA_MEASURES
from data_access.demo.national_places import PLACES, Place
from data_access.demo.organisations import MHT, ORGANISATIONS, PCT, PRISON, DemoOrganisation
from data_access.demo.reference import ETHNIC_CATEGORIES

N_QUARTERS = 40  # ten years: 2005Q2 to 2015Q1
#: Mixed into the seed: the organisations' attributes and the adoptions have their own streams.
ORG_STREAM, ADOPT_STREAM = 0x0126, 0xAD0

#: Minority ethnic share of an urban area, by region (2001 census, rounded); rural areas have
#: about a third of it, areas with a large South Asian community about twice.
URBAN_BME: dict[str, float] = dict(
    NEYH=0.07, NW=0.07, WM=0.13, EM=0.09, EE=0.07, LDN=0.33, SE=0.07, SW=0.035
)
PRISON_BME: dict[str, float] = dict(
    NEYH=0.18, NW=0.2, WM=0.28, EM=0.24, EE=0.24, LDN=0.48, SE=0.22, SW=0.15
)
#: (median, spread of the log, low, high) of the population served, by kind and rurality.
POPULATION: dict[tuple[str, str], tuple[float, float, int, int]] = {
    (MHT, "urban"): (850_000, 0.35, 350_000, 1_800_000),
    (MHT, "rural"): (950_000, 0.3, 400_000, 1_800_000),
    (PCT, "urban"): (300_000, 0.3, 140_000, 700_000),
    (PCT, "rural"): (560_000, 0.35, 200_000, 1_300_000),
    (PRISON, "urban"): (900, 0.4, 300, 1_600),
    (PRISON, "rural"): (600, 0.45, 200, 1_200),
}
#: Adoption of a measure outside the core: log-odds of the average site, the spread of sites'
#: keenness and of measures' appeal, the bonus of a measure a national collection already
#: provides (nothing more to collect) and the penalty of a measure introduced later.
ADOPT_LOGIT, KEENNESS_SD, APPEAL_SD, NATIONAL_BONUS, LATE_PENALTY = 0.6, 0.9, 0.6, 1.5, 0.5
NATIONAL_COLLECTIONS = re.compile(
    r"MHMDS|KP90|Count Me In|QOF|IAPT minimum data set|Electronic Staff Record|Ministry of Justice"
)
ROLLOUT_QUARTERS = 4  # the organisations beyond the 54 sites joined within the first year
_CODE_STOPWORDS = {
    "and", "of", "with", "on", "the", "nhs", "trust", "pct", "teaching", "care", "city",
    "foundation", "partnership", "district", "county", "mental", "health", "social", "hmp",
    "hmyoi", "healthcare", "combined",
}  # fmt: skip
ETHNIC_ORDER = [code for code, *_ in ETHNIC_CATEGORIES]


@dataclass(frozen=True)
class NationalData(DemoData):
    """The national frames, with the organisations, menu and action plans they refer to."""

    organisations: list[DemoOrganisation]
    measures: list[DemoMeasure]
    actions: pd.DataFrame


def national_measures() -> list[DemoMeasure]:
    """The demonstration menu followed by the national additions (so demo ids come first)."""
    return [*MEASURES, *EXTRA_MEASURES]


def national_organisations(seed: int = DEFAULT_SEED) -> list[DemoOrganisation]:
    """The 54 demonstration sites and the 158 places of `PLACES`, with populations and minority
    ethnic shares drawn from `seed` by region, kind and rurality."""
    rng = np.random.default_rng([seed, ORG_STREAM])
    taken = {org.code for org in ORGANISATIONS}
    added = []
    for place in PLACES:
        code = _code(place, taken)
        taken.add(code)
        median, spread, low, high = POPULATION[(place.kind, place.rurality)]
        population = float(np.clip(rng.lognormal(np.log(median), spread), low, high))
        population = round(population, -1 if place.kind == PRISON else -4)
        rural = place.rurality == "rural"
        spread = np.exp(np.clip(rng.normal(), -2, 2) * (0.25 if place.kind == PRISON else 0.35))
        if place.kind == PRISON:
            share = PRISON_BME[place.region] * (0.8 if rural else 1.0) * spread
        else:
            share = URBAN_BME[place.region] * (0.35 if rural else 1.0) * spread
            share *= 2.0 if place.mix == "south_asian" else 1.0
        added.append(
            DemoOrganisation(
                code=code,
                name=place.name,
                kind=place.kind,
                region=place.region,
                rurality=place.rurality,
                population=int(population),
                bme_share=round(float(share), 3),
                mix=_mix(place),
            )
        )
    return [*ORGANISATIONS, *added]


def _mix(place: Place) -> str:
    if place.mix:
        return place.mix
    if place.kind == PRISON:
        return "prison"
    if place.region == "LDN":
        return "london"
    return "rural" if place.rurality == "rural" else "urban_mixed"


def _code(place: Place, taken: set[str]) -> str:
    """A mnemonic code like the demonstration sites' (KIRKPCT, HMPDURH, SWYMH), made unique."""
    words = [w for w in re.findall(r"[A-Za-z0-9]+", place.name) if w.lower() not in _CODE_STOPWORDS]
    initials = "".join(w[0] for w in words).upper()[:5]
    stems = [words[0][:n].upper() for n in (4, 5, 6)] if len(words) == 1 else [initials]
    shapes = {PCT: "{}PCT", MHT: "{}MH", PRISON: "HMP{}"}[place.kind]
    candidates = [shapes.format(stem) for stem in stems]
    candidates += [f"{candidates[0]}{n}" for n in range(2, 10)]
    return next(code for code in candidates if code not in taken)


def generate_national(seed: int = DEFAULT_SEED) -> NationalData:
    """The national-scale data for `seed`: the same seed gives the same frames."""
    orgs = national_organisations(seed)
    menu = national_measures()
    periods = quarters(FIRST_QUARTER, N_QUARTERS)
    gen, census_gen = Model(seed, N_QUARTERS), Model(seed + 1, N_QUARTERS)
    adopt_rng = np.random.default_rng([seed, ADOPT_STREAM])
    late = np.array([m.first_quarter > 0 for m in menu])
    national = np.array([bool(NATIONAL_COLLECTIONS.search(m.source)) for m in menu])
    appeal = adopt_rng.normal(0, APPEAL_SD, size=len(menu))
    appeal += NATIONAL_BONUS * national - LATE_PENALTY * late
    founding = {org.code for org in ORGANISATIONS}
    ethnic_index = {code: i for i, code in enumerate(ETHNIC_ORDER)}

    adoptions: list[tuple[str, str, float | None]] = []
    parts: dict[str, list[np.ndarray]] = {k: [] for k in ("q", "e", "num", "den")}
    owners: list[tuple[int, int, int]] = []  # (organisation, measure, rows) of each part
    for o, org in enumerate(orgs):
        profile = gen.site_profile(org)
        if org.code not in founding:
            rollout = int(adopt_rng.integers(0, ROLLOUT_QUARTERS + 1))
            profile = {**profile, "joined": max(profile["joined"], rollout)}
        keenness = adopt_rng.normal(ADOPT_LOGIT, KEENNESS_SD)
        chance = 1 / (1 + np.exp(-(keenness + appeal)))
        draws = adopt_rng.uniform(size=len(menu))
        for m, measure in enumerate(menu):
            if not applicable(org, measure):
                continue
            adopted = measure.core or bool(draws[m] < chance[m])
            if not (adopted or measure.census):
                continue
            source = gen if adopted else census_gen
            adoptions.append((org.code, measure.code, draw_target(measure, source.rng)))
            num, den, present = source.series(org, measure, profile)
            cells = present[:, None] & ((num > 0) | (den > 0))  # empty cells are not returned
            q_idx, e_idx = np.nonzero(cells)
            codes = np.array([ethnic_index[c] for c in ethnic_codes(measure)], dtype=np.int8)
            parts["q"].append(q_idx.astype(np.int8))
            parts["e"].append(codes[e_idx])
            parts["num"].append(num[q_idx, e_idx].astype(np.int64))
            parts["den"].append(den[q_idx, e_idx].astype(np.int64))
            owners.append((o, m, len(q_idx)))

    observations = _frame(parts, owners, orgs, menu, periods)
    return NationalData(
        periods=periods,
        adoptions=pd.DataFrame(adoptions, columns=["organisation", "measure", "target"]),
        observations=observations,
        organisations=orgs,
        measures=menu,
        actions=national_actions(periods, seed, orgs),
    )


def _frame(
    parts: dict[str, list[np.ndarray]],
    owners: list[tuple[int, int, int]],
    orgs: list[DemoOrganisation],
    menu: list[DemoMeasure],
    periods: pd.DataFrame,
) -> pd.DataFrame:
    """One frame with the demonstration columns; the codes are categoricals (small, quick)."""
    org_i, measure_i, rows = (np.array(column) for column in zip(*owners, strict=True))
    org_codes = np.repeat(org_i, rows)
    measure_codes = np.repeat(measure_i, rows)
    kinds = sorted({m.kind for m in menu})
    kind_of = np.array([kinds.index(m.kind) for m in menu])
    return pd.DataFrame(
        {
            "organisation": pd.Categorical.from_codes(org_codes, [o.code for o in orgs]),
            "measure": pd.Categorical.from_codes(measure_codes, [m.code for m in menu]),
            "measure_kind": pd.Categorical.from_codes(kind_of[measure_codes], kinds),
            "period": pd.Categorical.from_codes(
                np.concatenate(parts["q"]), periods["code"].tolist()
            ),
            "ethnic_code": pd.Categorical.from_codes(np.concatenate(parts["e"]), ETHNIC_ORDER),
            "numerator": np.concatenate(parts["num"]),
            "denominator": np.concatenate(parts["den"]),
        }
    )
