"""Numbers typed on the menu's forms: a site's target and a measure's plausible range, both in
the unit the dashboard shows, within what the measure's kind can be; and whether a measure's
numerator may exceed its denominator. Blank is None: no target, or the kind's default
(dashboard/returns/plausibility.py)."""

from __future__ import annotations

import math
from collections.abc import Mapping

from data_access.models import BOUNDED_KINDS, MEASURE_KINDS

MAX_TARGET = 1e9


def target_range(kind: str, multiplier: int) -> tuple[float, float]:
    """The values a target of this kind may take, in the unit the dashboard shows."""
    if kind == "proportion":
        return 0.0, float(multiplier)
    if kind == "milestone":
        return 0.0, 100.0
    return 0.0, MAX_TARGET


def percent_sign(kind: str, multiplier: int) -> str:
    """'%' where the kind's values are percentages, else nothing."""
    return "%" if kind == "milestone" or (kind == "proportion" and multiplier == 100) else ""


#: The choices of "numerator may exceed the denominator" as the form sends them.
MAY_EXCEED_CHOICES = {None: None, "": None, "default": None, "yes": True, "no": False}


def read_number(value: object) -> tuple[float | None, bool]:
    """A number typed in a form (blank: None), and whether it was one."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None, True
    number: float | None = None
    if isinstance(value, int | float) and not isinstance(value, bool):
        number = float(value)
    elif isinstance(value, str):
        try:
            number = float(value.strip().rstrip("%").strip().replace(",", ""))
        except ValueError:
            number = None
    ok = number is not None and math.isfinite(number)
    return (number if ok else None), ok


def read_plausibility(
    raw: Mapping[str, object], kind: str, multiplier: int | None, errors: list[str]
) -> dict[str, object]:
    """The plausible range and the numerator's rule from the form (None: the kind's
    default), each problem added to `errors` in words."""
    ends = {}
    for key, label in (("plausible_min", "Plausible from"), ("plausible_max", "Plausible to")):
        value, ok = read_number(raw.get(key))
        if not ok:
            errors.append(f"{label}: {str(raw.get(key))[:20]!r} is not a number.")
        elif value is not None and kind in MEASURE_KINDS and multiplier is not None:
            low, high = target_range(kind, multiplier)
            if not low <= value <= high:
                errors.append(
                    f"{label}: a {kind.replace('_', ' ')} is from {low:g} to "
                    f"{high:,.0f}{percent_sign(kind, multiplier)}; {value:g} is outside that."
                )
                value = None
        ends[key] = value
    low, high = ends["plausible_min"], ends["plausible_max"]
    if low is not None and high is not None and low > high:
        errors.append(f"Plausible range: from {low:g} is above to {high:g}; the lower end first.")
    choice = raw.get("numerator_may_exceed")
    may: bool | None = None
    if isinstance(choice, bool):
        may = choice
    elif isinstance(choice, str | None) and choice in MAY_EXCEED_CHOICES:
        may = MAY_EXCEED_CHOICES[choice]
    else:
        errors.append("Numerator may exceed: choose the kind's default, yes or no.")
    if may is True and kind in BOUNDED_KINDS:
        errors.append(
            f"Numerator may exceed: a {kind}'s numerator counts part of its denominator, "
            "so it can never be larger."
        )
    return {"plausible_min": low, "plausible_max": high, "numerator_may_exceed": may}
