"""Synthetic observations with the shape of the published figures.

Each stated ethnic group has a disparity index against White British (Black groups near 4 to
9 for detention, as NHS Digital publishes; Chinese below 1). A measure raises it to its own
power, so admission shows about three times White British for Black groups and seclusion about
one and a half. Sites differ (a random site effect), some close the gap over the programme (a
random progress), counts are Poisson or binomial draws so rural sites have genuinely small
numbers, some returns are missing and some records have ethnicity not stated.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import numpy as np
import pandas as pd

from data_access.demo.measures import MEASURES, DemoMeasure
from data_access.demo.organisations import ETHNIC_MIX, ORGANISATIONS, DemoOrganisation
from data_access.demo.reference import STATED_CODES

DEFAULT_SEED = 20051
FIRST_QUARTER = (2005, 2)  # April to June 2005, the programme's first quarter
N_QUARTERS = 20  # five years
RETIRED_AFTER = 12  # a retired measure was last returned in the twelfth quarter

#: Disparity index of each stated group against White British (detention-like, power 1).
DISPARITY_INDEX = dict(
    A=1.0,
    B=1.3,
    C=1.6,
    D=2.8,
    E=2.5,
    F=1.2,
    G=2.2,
    H=0.9,
    J=1.2,
    K=1.1,
    L=1.4,
    M=4.2,
    N=4.6,
    P=9.0,
    R=0.6,
    S=2.6,
)
GAP_CLOSING = 0.35  # share of a site's log disparity closed over five years at full progress

#: Expected denominator per person of the group's population per quarter, and the power of the
#: disparity index it follows (inpatient denominators follow admission, so they rise with it).
DENOMINATORS: dict[str, tuple[float, float]] = {
    "population": (0.25, 0.0),  # person-years in a quarter
    "census_population": (1.0, 0.0),
    "prisoners": (0.25, 0.0),
    "prison_roll": (1.0, 0.0),
    "referrals": (0.0015, 0.1),
    "inpatients": (0.0006, 0.8),
    "bed_days": (0.024, 0.8),
    "caseload": (0.002, 0.3),
    "survey": (0.0003, 0.0),
    "contacts": (0.03, 0.2),
    "incidents": (0.00009, 1.0),
    "seclusions": (0.000036, 1.1),
    "restraints": (0.00012, 1.1),
    "receptions": (0.15, 0.0),
    "diversion": (0.0001, 0.5),
}
PRISON_DIVERSION = 0.05

#: Whole-site denominators for measures not recorded by ethnicity: per person, or a fixed range.
SITE_DENOMINATORS: dict[str, tuple[float, int, int]] = {
    "staff": (0.0012, 40, 2000),
    "senior_staff": (0.0004, 15, 800),
    "interpreter": (0.002, 5, 3000),  # per BME resident
    "serious": (0.00001, 2, 60),
    "members": (0.0, 10, 22),
    "cdw": (0.0, 2, 6),
    "teams": (0.0, 12, 45),
}


@dataclass(frozen=True)
class DemoData:
    """Everything the seed writes, as DataFrames keyed by codes."""

    periods: pd.DataFrame
    adoptions: pd.DataFrame
    observations: pd.DataFrame


def quarters(first: tuple[int, int] = FIRST_QUARTER, n: int = N_QUARTERS) -> pd.DataFrame:
    """Calendar quarters: code (2005Q2), label (Apr-Jun 2005), start and end dates."""
    rows = []
    year, q = first
    months = ["Jan–Mar", "Apr–Jun", "Jul–Sep", "Oct–Dec"]
    for _ in range(n):
        start = dt.date(year, 3 * (q - 1) + 1, 1)
        end_month = 3 * q
        end = (dt.date(year + (end_month == 12), end_month % 12 + 1, 1)) - dt.timedelta(days=1)
        rows.append((f"{year}Q{q}", f"{months[q - 1]} {year}", start, end))
        year, q = (year + 1, 1) if q == 4 else (year, q + 1)
    return pd.DataFrame(rows, columns=["code", "label", "start_date", "end_date"])


def _population_by_group(org: DemoOrganisation) -> np.ndarray:
    """Population of each stated group (A first) in the order of STATED_CODES."""
    mix = ETHNIC_MIX[org.mix]
    weights = np.array([mix[c] for c in STATED_CODES[1:]])
    bme = org.population * org.bme_share * weights / weights.sum()
    return np.concatenate([[org.population * (1 - org.bme_share)], bme])


def _logit(p: np.ndarray) -> np.ndarray:
    return np.log(p / (1 - p))


def _expit(x: np.ndarray) -> np.ndarray:
    return 1 / (1 + np.exp(-x))


class Model:
    """One random stream and the model, over `n_quarters` quarters (the national scale has 40)."""

    def __init__(self, seed: int, n_quarters: int = N_QUARTERS) -> None:
        self.rng = np.random.default_rng(seed)
        self.n = n_quarters
        self.d_index = np.array([DISPARITY_INDEX[c] for c in STATED_CODES])
        self.years = np.arange(n_quarters) / 4.0

    def site_profile(self, org: DemoOrganisation) -> dict:
        rng = self.rng
        return {
            "progress": rng.uniform(0, 1),
            "not_stated": rng.uniform(0.02, 0.14) * (1.4 if org.rurality == "rural" else 1.0),
            "joined": int(rng.choice([0] * 14 + [2, 4])),  # one site in eight joins late
            "missed": rng.uniform(size=self.n) < 0.03,
        }

    def by_ethnicity(self, org, measure: DemoMeasure, profile) -> tuple[np.ndarray, np.ndarray]:
        """Numerators and denominators, quarters x (stated groups + Z)."""
        rng = self.rng
        pop = _population_by_group(org)
        per_person, power = DENOMINATORS[measure.basis]
        if measure.basis == "diversion" and org.kind == "prison":
            per_person, power = PRISON_DIVERSION, 0.0
        expected_den = pop * per_person * self.d_index**power
        den = np.tile(expected_den, (self.n, 1))
        if measure.basis not in ("population", "census_population", "prisoners"):
            den = rng.poisson(den).astype(float)
        den = np.rint(den)

        closing = 1 - GAP_CLOSING * profile["progress"] * self.years / 5
        log_gap = measure.disparity * np.log(self.d_index)[None, :] * closing[:, None]
        site = rng.lognormal(0, 0.25)
        noise = rng.lognormal(0, 0.07, size=(self.n, 1))
        drift = ((1 + measure.trend) ** self.years)[:, None]
        if measure.kind == "proportion":
            odds = _logit(np.array(measure.base)) + np.log(site * drift * noise) + log_gap
            num = rng.binomial(den.astype(np.int64), np.clip(_expit(odds), 0, 0.995))
        else:
            lam = measure.base / measure.multiplier * site * drift * noise * np.exp(log_gap)
            num = rng.poisson(lam * den)
        num = num.astype(float)

        # Ethnicity not stated: a share of records (numerator and denominator alike) moves to Z.
        share = profile["not_stated"] * (1 - 0.45 * self.years / 5)
        moved_num = rng.binomial(num.astype(np.int64), share[:, None])
        num_z = moved_num.sum(axis=1)
        num = num - moved_num
        if measure.kind == "proportion":
            moved_rest = rng.binomial((den - num - moved_num).astype(np.int64), share[:, None])
            den_z = num_z + moved_rest.sum(axis=1)
            den = den - moved_num - moved_rest
        else:
            den_z = np.zeros(self.n)  # no population count exists for "not stated"
        return (np.column_stack([num, num_z]), np.column_stack([den, den_z]))

    def whole_site(self, org, measure: DemoMeasure, profile) -> tuple[np.ndarray, np.ndarray]:
        """Numerators and denominators, quarters x 1, for a measure kept whole."""
        rng = self.rng
        t = self.years
        if measure.kind == "count":
            scale = (
                org.population / 500_000 if measure.basis == "rare" else 0.5 + profile["progress"]
            )
            mean = measure.base * scale * (1 + measure.trend) ** t
            return rng.poisson(mean)[:, None].astype(float), np.ones((self.n, 1))
        if measure.kind == "milestone":
            achieved_at = rng.integers(0, 32) * (1.2 - profile["progress"])
            num = (np.arange(self.n) >= achieved_at).astype(float)
            return num[:, None], np.ones((self.n, 1))
        per_person, low, high = SITE_DENOMINATORS[measure.basis]
        people = org.population * (org.bme_share if measure.basis == "interpreter" else 1)
        size = (
            int(np.clip(people * per_person, low, high))
            if per_person
            else int(rng.integers(low, high + 1))
        )
        den = rng.poisson(size, size=self.n).clip(min=1).astype(float)
        odds = _logit(np.array(measure.base)) + np.log(
            rng.lognormal(0, 0.3) * (1 + measure.trend) ** t * (0.6 + profile["progress"])
        )
        num = rng.binomial(den.astype(np.int64), _expit(odds)).astype(float)
        return num[:, None], den[:, None]

    def series(
        self, org, measure: DemoMeasure, profile
    ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Numerators and denominators (quarters x ethnic_codes(measure)) and which quarters the
        site returned: from when it joined or the measure began, to the measure's retirement,
        less the quarters it missed and a few returns lost at random."""
        if measure.by_ethnicity:
            num, den = self.by_ethnicity(org, measure, profile)
        else:
            num, den = self.whole_site(org, measure, profile)
        first = max(profile["joined"], measure.first_quarter)
        last = RETIRED_AFTER if measure.status == "retired" else self.n
        present = np.zeros(self.n, dtype=bool)
        present[first:last] = True
        present &= ~profile["missed"] & (self.rng.uniform(size=self.n) >= 0.03)
        return num, den, present


def ethnic_codes(measure: DemoMeasure) -> list[str]:
    """The ethnic categories of a measure's rows: every stated group and Z, or ALL."""
    return [*STATED_CODES, "Z"] if measure.by_ethnicity else ["ALL"]


def applicable(org: DemoOrganisation, measure: DemoMeasure) -> bool:
    return org.kind in measure.applies_to and measure.status != "proposed"


def generate(seed: int = DEFAULT_SEED) -> DemoData:
    """The demonstration data for `seed`: the same seed gives the same frames."""
    gen = Model(seed)
    census_gen = Model(seed + 1)
    periods = quarters()
    codes = periods["code"].to_numpy()
    adoptions, frames = [], []
    for org in ORGANISATIONS:
        profile = gen.site_profile(org)
        for measure in MEASURES:
            if not applicable(org, measure):
                continue
            adopted = measure.core or gen.rng.uniform() < 0.55
            if not (adopted or measure.census):
                continue
            source = gen if adopted else census_gen
            target = draw_target(measure, source.rng)
            adoptions.append((org.code, measure.code, target))
            num, den, present = source.series(org, measure, profile)
            ethnic = ethnic_codes(measure)
            q_idx, e_idx = np.nonzero(np.broadcast_to(present[:, None], num.shape))
            frames.append(
                pd.DataFrame(
                    {
                        "organisation": org.code,
                        "measure": measure.code,
                        "measure_kind": measure.kind,
                        "period": codes[q_idx],
                        "ethnic_code": np.asarray(ethnic)[e_idx],
                        "numerator": num[q_idx, e_idx].astype(np.int64),
                        "denominator": den[q_idx, e_idx].astype(np.int64),
                    }
                )
            )
    observations = pd.concat(frames, ignore_index=True)
    # Rows with nothing to say (an empty group in a small area) are not returned by sites.
    observations = observations[
        (observations["numerator"] > 0) | (observations["denominator"] > 0)
    ].reset_index(drop=True)
    adoption_frame = pd.DataFrame(adoptions, columns=["organisation", "measure", "target"])
    return DemoData(periods=periods, adoptions=adoption_frame, observations=observations)


def draw_target(measure: DemoMeasure, rng: np.random.Generator) -> float | None:
    """Some sites set a target, in the measure's displayed unit; most do not."""
    if measure.kind in ("milestone", "count") or rng.uniform() > 0.4:
        return None
    value = measure.base * (measure.multiplier if measure.kind == "proportion" else 1)
    factor = 1.1 if measure.polarity == "higher_is_better" else 0.85
    return round(min(value * factor, 100.0) if measure.kind == "proportion" else value * factor, 1)
