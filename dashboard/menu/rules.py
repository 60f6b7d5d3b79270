"""The rules of the menu of measures (the writes that follow them: dashboard/menu_changes.py).

A measure is proposed, then agreed (only agreed measures are offered to the sites and their
returns), then retired (its figures stay as history); a retired measure can be agreed again.
Nothing is deleted. Once a measure has left `proposed`, what stored figures and targets depend
on (its code, characteristic, kind, multiplier and whether it is kept by ethnicity) is fixed:
a different definition is a new measure. Targets are in the unit the dashboard shows (a
percentage for proportions shown as %), as the demonstration data stores them; so is a
measure's plausible range, which, with whether its numerator may exceed its denominator,
decides which returned rows are shown to their uploader to confirm
(dashboard/returns/plausibility.py). Those change no stored figure, so they stay editable
once the measure is agreed; left empty, the kind's default applies.

Every problem is reported as a sentence; nothing is written while there is one. Who may call
these is decided by the callers (dashboard/access.py); these functions only know the rules.
"""

from __future__ import annotations

import math
import numbers
import re
from collections.abc import Mapping
from dataclasses import asdict, dataclass

import pandas as pd

from dashboard.menu.ranges import percent_sign, read_number, read_plausibility, target_range
from data_access.models import MEASURE_KINDS, MENU_STATUSES, POLARITIES

CODE = re.compile(r"M(0[1-9]|1[0-2])[A-Z]{1,2}")
#: The moves a measure's status may make; anything else is refused in words.
TRANSITIONS = {"proposed": ("agreed",), "agreed": ("retired",), "retired": ("agreed",)}
#: What cannot change once a measure has been agreed.
FIXED_AFTER_PROPOSAL = ("code", "characteristic", "kind", "multiplier", "by_ethnicity")
UNSCALED_KINDS = ("count", "milestone")
#: (field, its label, most characters) of the fields that are free text.
TEXT_FIELDS = (
    ("name", "Name", 200),
    ("unit", "Unit", 60),
    ("numerator_definition", "Numerator", 2000),
    ("denominator_definition", "Denominator", 2000),
    ("source", "Source", 200),
)
MAX_MULTIPLIER = 1_000_000


@dataclass(frozen=True)
class MeasureFields:
    """A measure's definition as the form sends it, checked and tidied."""

    code: str
    name: str
    characteristic: int
    kind: str
    polarity: str
    unit: str
    multiplier: int
    by_ethnicity: bool
    numerator_definition: str
    denominator_definition: str
    source: str
    plausible_min: float | None = None  # None: the kind's default
    plausible_max: float | None = None
    numerator_may_exceed: bool | None = None

    def columns(self) -> dict[str, object]:
        """The Measure columns these fields set."""
        values = asdict(self)
        values["characteristic_id"] = values.pop("characteristic")
        return values


@dataclass(frozen=True)
class Outcome:
    """What a menu write did (`message`) or why nothing was written (`errors`)."""

    message: str = ""
    errors: tuple[str, ...] = ()
    code: str | None = None

    @property
    def ok(self) -> bool:
        return not self.errors


def _text(raw: Mapping[str, object], key: str, label: str, limit: int, errors: list[str]) -> str:
    value = raw.get(key)
    text = " ".join(value.split()) if isinstance(value, str) else ""
    if not text:
        errors.append(f"{label} is missing.")
    elif len(text) > limit:
        errors.append(f"{label} is {len(text)} characters long; at most {limit}.")
    return text


def _whole(value: object) -> int | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, numbers.Integral):
        return int(value)
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, str) and value.strip().replace(",", "").isdigit():
        return int(value.strip().replace(",", ""))
    return None


def read_measure(raw: Mapping[str, object]) -> tuple[MeasureFields | None, list[str]]:
    """The form's values as MeasureFields, or every problem with them in words."""
    errors: list[str] = []
    code = raw.get("code")
    code = code.strip().upper() if isinstance(code, str) else ""
    characteristic = _whole(raw.get("characteristic"))
    if characteristic is None or not 1 <= characteristic <= 12:
        errors.append("Characteristic: choose one of the twelve (1 to 12).")
        characteristic = None
    if not CODE.fullmatch(code):
        errors.append(
            f"Code: {code or 'nothing'} is not a code like M12C (M, the characteristic's "
            "two digits, then one or two capital letters)."
        )
    elif characteristic is not None and int(code[1:3]) != characteristic:
        errors.append(
            f"Code: {code} names characteristic {int(code[1:3])}, but the measure is "
            f"under characteristic {characteristic}: start it with M{characteristic:02d}."
        )
    texts = {key: _text(raw, key, label, most, errors) for key, label, most in TEXT_FIELDS}
    kind = raw.get("kind")
    if kind not in MEASURE_KINDS:
        errors.append("Kind: choose proportion, rate, ratio, mean score, count or milestone.")
    polarity = raw.get("polarity")
    if polarity not in POLARITIES:
        errors.append("Polarity: choose higher is better, lower is better or no judgement.")
    multiplier = _whole(raw.get("multiplier"))
    if multiplier is None or not 1 <= multiplier <= MAX_MULTIPLIER:
        errors.append(f"Multiplier: a whole number from 1 to {MAX_MULTIPLIER:,} (100 for a %).")
    elif kind in UNSCALED_KINDS and multiplier != 1:
        errors.append(f"Multiplier: a {kind} is not scaled, so its multiplier is 1.")
    plausible = read_plausibility(raw, str(kind), multiplier, errors)
    if errors or characteristic is None or multiplier is None:
        return None, sorted(errors, key=_form_order)
    fields = MeasureFields(
        code=code,
        characteristic=characteristic,
        kind=str(kind),
        polarity=str(polarity),
        multiplier=multiplier,
        by_ethnicity=bool(raw.get("by_ethnicity")),
        **texts,
        **plausible,
    )
    return fields, []


#: The form's fields from top to bottom: errors are listed in this order.
FORM_ORDER = ("Code", "Characteristic", "Name", "Kind", "Polarity", "Unit", "Multiplier")
FORM_ORDER += ("Numerator", "Denominator", "Source", "Plausible", "Numerator may exceed")


def _form_order(error: str) -> int:
    """The place of the field an error names (the longest label it starts with)."""
    found = [(len(w), i) for i, w in enumerate(FORM_ORDER) if error.startswith(w)]
    return max(found)[1] if found else len(FORM_ORDER)


def check_edit(current: Mapping[str, object], fields: MeasureFields, codes: set[str]) -> list[str]:
    """Problems with changing measure `current` (a row of `queries.measures`) to `fields`."""
    errors = []
    if fields.code != current["code"] and fields.code in codes:
        errors.append(f"Code: {fields.code} is already on the menu.")
    if current["status"] != "proposed":
        now = asdict(fields)
        for key in FIXED_AFTER_PROPOSAL:
            if _norm(key, current[key]) != _norm(key, now[key]):
                errors.append(
                    f"{key.replace('_', ' ').capitalize()} cannot change once a measure has "
                    "been agreed: stored returns and targets depend on it. Propose a new "
                    "measure instead."
                )
    return errors


def _norm(key: str, value: object) -> object:
    """`value` of field `key` as Python compares it (database and form types differ; a NULL
    is None, NaN or NA as pandas reads it)."""
    if key in OPTIONAL_FIELDS:
        if value is None or pd.isna(value):  # type: ignore[arg-type]
            return None
        return bool(value) if key == "numerator_may_exceed" else float(value)  # type: ignore[arg-type]
    if key in ("characteristic", "characteristic_id", "multiplier"):
        return int(value)  # type: ignore[call-overload]
    return bool(value) if key == "by_ethnicity" else str(value)


#: The fields a measure may leave empty (the kind's default).
OPTIONAL_FIELDS = ("plausible_min", "plausible_max", "numerator_may_exceed")


def check_transition(code: str, status: str, new_status: str) -> str | None:
    """Why measure `code` cannot move from `status` to `new_status` (None when it can)."""
    if new_status not in MENU_STATUSES or status not in TRANSITIONS:
        return f"{new_status!r} is not a state a measure can be in."
    if new_status == status:
        return f"{code} is already {status}."
    if new_status not in TRANSITIONS[status]:
        if status == "proposed":
            return f"{code} is only proposed: agree it before it can be retired."
        return f"{code} is {status}; it cannot go back to {new_status}."
    return None


def read_target(value: object, code: str, kind: str, multiplier: int) -> tuple[float | None, str]:
    """A target typed for measure `code`: (the number or None when blank, '' or a sentence)."""
    number, ok = read_number(value)
    if not ok:
        return None, f"{code}: {str(value)[:20]!r} is not a number."
    if number is None:
        return None, ""
    low, high = target_range(kind, multiplier)
    if not low <= number <= high:
        sign = percent_sign(kind, multiplier)
        return None, f"{code}: a target must be from {low:g} to {high:,.0f}{sign}."
    return number, ""


def plan_site(
    menu_rows: pd.DataFrame,
    adopted: Mapping[str, float | None],
    choices: Mapping[str, tuple[bool, object]],
) -> tuple[list[tuple[str, str, float | None]], list[str]]:
    """The changes (adopt, drop, target) that `choices` (code → (ticked, typed target)) make
    to a site's `adopted` measures (code → target), and every problem in words."""
    measures = {r.code: r for r in menu_rows.itertuples()}
    plan: list[tuple[str, str, float | None]] = []
    errors: list[str] = []
    for code, (ticked, typed) in choices.items():
        row = measures.get(code)
        if row is None or row.status != "agreed":
            errors.append(f"{code} is not an agreed measure: only agreed measures are adopted.")
            continue
        target, why = read_target(typed, code, row.kind, int(row.multiplier))
        was = adopted.get(code)
        same = target == was or (None not in (target, was) and math.isclose(target, was))
        if why:
            errors.append(why)
        elif ticked and code not in adopted:
            plan.append(("adopt", code, target))
        elif ticked and not same:
            plan.append(("target", code, target))
        elif not ticked and code in adopted:
            plan.append(("drop", code, None))
        elif not ticked and target is not None:
            errors.append(f"{code}: tick “Adopted” to set a target for it.")
    return plan, errors


def differs(current: Mapping[str, object], column: str, value: object) -> bool:
    """Whether `value` changes what `current` holds in `column` (as the form compares)."""
    key = "characteristic" if column == "characteristic_id" else column
    return _norm(key, current[key]) != _norm(key, value)
