"""Quarterly returns: the template a site fills in (the same file is what is imported).

One row per agreed measure, period and ethnic category (the NHS 2001 census codes for measures
kept by ethnicity, the pseudo-code ALL otherwise), with the definitions beside the cells to
fill, so that whoever fills it in need not look them up.
"""

from __future__ import annotations

import hashlib
import io
import zipfile
from dataclasses import dataclass

import pandas as pd
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from data_access import queries, summary
from data_access.db import Database
from data_access.writes import current_values, lock_sites, store_return

#: The columns an import reads; the rest of the template is there to help the person filling it.
RETURN_COLUMNS = ["site_code", "measure_code", "period", "ethnic_code", "numerator", "denominator"]
HELP_COLUMNS = [
    "measure_name",
    "kind",
    "unit",
    "numerator_definition",
    "denominator_definition",
    "ethnic_name",
]


def returns_template(
    site_code: str,
    agreed: pd.DataFrame,
    categories: pd.DataFrame,
    periods: list[str],
) -> pd.DataFrame:
    """The empty return of `site_code` for `periods`.

    `agreed` holds the site's agreed measures (columns of `queries.measures`), `categories`
    the ethnic categories (`queries.ethnic_categories`). Numerator and denominator are blank.
    """
    stated = categories[categories["code"] != "ALL"]
    whole = categories[categories["code"] == "ALL"]
    rows = []
    for measure in agreed.itertuples():
        cats = stated if measure.by_ethnicity else whole
        for period in periods:
            for cat in cats.itertuples():
                rows.append(
                    {
                        "site_code": site_code,
                        "measure_code": measure.code,
                        "period": period,
                        "ethnic_code": cat.code,
                        "numerator": None,
                        "denominator": None,
                        "measure_name": measure.name,
                        "kind": measure.kind,
                        "unit": measure.unit,
                        "numerator_definition": measure.numerator_definition,
                        "denominator_definition": measure.denominator_definition,
                        "ethnic_name": cat.name,
                    }
                )
    return pd.DataFrame(rows, columns=RETURN_COLUMNS + HELP_COLUMNS)


#: Two years of quarters in one template.
MAX_TEMPLATE_PERIODS = 8


def site_template(session: Session, site_code: str, period_codes: list[str]) -> pd.DataFrame:
    """The empty return of one site for the given periods (the latest when none), or
    ReturnRefused naming the unknown site or period."""
    orgs = queries.organisations(session)
    if site_code not in set(orgs["code"]):
        raise ReturnRefused(f"There is no site {site_code!r}: `flask --app app sites` lists them.")
    known = queries.periods(session)["code"].tolist()
    period_codes = list(dict.fromkeys(period_codes))
    unknown = [p for p in period_codes if p not in known]
    if unknown:
        raise ReturnRefused(f"Unknown period(s): {', '.join(unknown[:5])}.")
    if len(period_codes) > MAX_TEMPLATE_PERIODS:
        raise ReturnRefused(f"At most {MAX_TEMPLATE_PERIODS} quarters in one template.")
    adopted = set(queries.adopted_measure_codes(session, [site_code]))
    menu = queries.measures(session)
    agreed = menu[menu["code"].isin(adopted)]
    categories = queries.ethnic_categories(session)
    return returns_template(site_code, agreed, categories, list(period_codes) or known[-1:])


MAX_UPLOAD_BYTES = 5 * 1024 * 1024
MAX_ROWS = 50_000


class ReturnRefused(Exception):
    """The file as a whole cannot be read as a return (wrong type, too big, columns missing)."""


@dataclass(frozen=True)
class RowError:
    row: int  # as a spreadsheet numbers it: the header is row 1
    column: str
    reason: str

    def __str__(self) -> str:
        return f"row {self.row}, column {self.column}: {self.reason}"


#: An .xlsx is a zip: its sheets may not unpack to more than this (a 5 MB file could
#: otherwise hold gigabytes of repeated cells).
MAX_UNPACKED_BYTES = 100 * 1024 * 1024


def _refuse_bombs(content: bytes) -> None:
    try:
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            unpacked = sum(info.file_size for info in archive.infolist())
    except zipfile.BadZipFile as exc:
        raise ReturnRefused("The file is not a valid .xlsx workbook.") from exc
    if unpacked > MAX_UNPACKED_BYTES:
        raise ReturnRefused("The workbook unpacks to more than 100 MB; send it as CSV.")


def read_return(content: bytes, file_name: str) -> pd.DataFrame:
    """The file's cells as text (nothing evaluated, no formulas run), or ReturnRefused."""
    if len(content) > MAX_UPLOAD_BYTES:
        raise ReturnRefused(f"The file is larger than {MAX_UPLOAD_BYTES // 1024 // 1024} MB.")
    suffix = file_name.lower().rsplit(".", 1)[-1] if "." in file_name else ""
    try:
        if suffix == "csv":
            frame = pd.read_csv(io.BytesIO(content), dtype=str, keep_default_na=False)
        elif suffix == "xlsx":
            _refuse_bombs(content)
            frame = pd.read_excel(
                io.BytesIO(content), dtype=str, keep_default_na=False, engine="openpyxl"
            )
        else:
            raise ReturnRefused("Upload a .csv or .xlsx file (the returns template).")
    except ReturnRefused:
        raise
    except Exception as exc:  # a broken file says why, whatever the parser raised
        raise ReturnRefused(f"The file could not be read as {suffix.upper()}: {exc}") from exc
    frame.columns = [str(c).strip() for c in frame.columns]
    missing = [c for c in RETURN_COLUMNS if c not in frame.columns]
    if missing:
        raise ReturnRefused(f"Columns missing: {', '.join(missing)}.")
    if len(frame) > MAX_ROWS:
        raise ReturnRefused(f"The file has {len(frame):,} rows; at most {MAX_ROWS:,} at once.")
    return frame[RETURN_COLUMNS].map(lambda v: str(v).strip())


@dataclass(frozen=True)
class Reference:
    """What a return may name: sites, agreed measures (kind, by ethnicity), periods, codes."""

    sites: set[str]
    measures: dict[str, tuple[str, bool]]
    periods: set[str]
    stated_codes: set[str]


#: More digits than any count of people or events (and than a BIGINT column holds).
MAX_COUNT_DIGITS = 12


def _count(value: str) -> int | None:
    """A whole number of 0 or more written in ASCII digits ('²' is a digit to Python)."""
    ok = value.isascii() and value.isdigit() and len(value) <= MAX_COUNT_DIGITS
    return int(value) if ok else None


def validate_return(frame: pd.DataFrame, ref: Reference, allowed_sites: set[str] | None = None):
    """The rows to store (blank rows of the template skipped) and every error, by row and
    column, in words. Nothing is stored while there is an error."""
    errors: list[RowError] = []
    rows: list[dict] = []
    seen: dict[tuple, int] = {}
    for i, r in enumerate(frame.itertuples(index=False), start=2):
        if r.numerator == "" and r.denominator == "":
            continue  # a template row left blank: nothing returned for it
        row_errors = []
        if r.site_code not in ref.sites:
            row_errors.append(RowError(i, "site_code", f"unknown site {r.site_code!r}"))
        elif allowed_sites is not None and r.site_code not in allowed_sites:
            row_errors.append(RowError(i, "site_code", f"you may not submit for {r.site_code}"))
        kind, by_ethnicity = ref.measures.get(r.measure_code, (None, False))
        if kind is None:
            row_errors.append(
                RowError(i, "measure_code", f"{r.measure_code!r} is not an agreed measure")
            )
        if r.period not in ref.periods:
            row_errors.append(RowError(i, "period", f"unknown period {r.period!r}"))
        if kind is not None:
            allowed = ref.stated_codes if by_ethnicity else {"ALL"}
            if r.ethnic_code not in allowed:
                expected = "an NHS ethnic category (A to S, or Z)" if by_ethnicity else "ALL"
                row_errors.append(
                    RowError(i, "ethnic_code", f"{r.ethnic_code!r}: this measure takes {expected}")
                )
        numerator, denominator = _count(r.numerator), _count(r.denominator)
        for column, text, value in (
            ("numerator", r.numerator, numerator),
            ("denominator", r.denominator, denominator),
        ):
            if value is None:
                row_errors.append(
                    RowError(i, column, f"{text!r} is not a whole number of 0 or more")
                )
        if (
            kind in ("proportion", "milestone")
            and numerator is not None
            and denominator is not None
            and numerator > denominator
        ):
            row_errors.append(
                RowError(i, "numerator", f"{numerator} is more than the denominator {denominator}")
            )
        key = (r.site_code, r.measure_code, r.period, r.ethnic_code)
        if key in seen:
            row_errors.append(RowError(i, "ethnic_code", f"the same cell as row {seen[key]}"))
        seen.setdefault(key, i)
        errors.extend(row_errors)
        if not row_errors:
            rows.append(
                {
                    "site": r.site_code,
                    "measure": r.measure_code,
                    "kind": kind,
                    "period": r.period,
                    "ethnic_code": r.ethnic_code,
                    "numerator": numerator,
                    "denominator": denominator,
                }
            )
    return pd.DataFrame(rows), errors


def reference(session: Session) -> Reference:
    """What the store knows: every site, the agreed measures, the periods, the codes."""
    menu = queries.measures(session)
    categories = queries.ethnic_categories(session)
    return Reference(
        sites=set(queries.organisations(session)["code"]),
        measures={m.code: (m.kind, bool(m.by_ethnicity)) for m in menu.itertuples()},
        periods=set(queries.periods(session)["code"]),
        stated_codes=set(categories.loc[categories["code"] != "ALL", "code"]),
    )


def plan_return(current: pd.DataFrame) -> pd.DataFrame:
    """Each row marked new (no current value), unchanged (the same numbers) or revised."""
    same = (current["current_numerator"] == current["numerator"]) & (
        current["current_denominator"] == current["denominator"]
    )
    status = pd.Series("revised", index=current.index)
    status[current["revision"] == 0] = "new"
    status[(current["revision"] > 0) & same.fillna(False).astype(bool)] = "unchanged"
    return current.assign(status=status)


@dataclass(frozen=True)
class ImportResult:
    errors: list[RowError]
    plan: pd.DataFrame
    stored: bool
    checksum: str

    def counts(self) -> dict[str, int]:
        statuses = self.plan["status"] if not self.plan.empty else pd.Series(dtype=str)
        return {s: int((statuses == s).sum()) for s in ("new", "revised", "unchanged")}


def import_return(
    db: Database,
    content: bytes,
    file_name: str,
    actor: str,
    dry_run: bool = False,
    allowed_sites: set[str] | None = None,
) -> ImportResult:
    """Read, validate and (unless `dry_run` or there is any error) store a return in one
    transaction with its audit entry; figures cached before it are not used after it.
    Raises ReturnRefused when the file as a whole cannot be read."""
    checksum = hashlib.sha256(content).hexdigest()
    frame = read_return(content, file_name)
    try:
        with db.session() as session:
            rows, errors = validate_return(frame, reference(session), allowed_sites)
            if errors or rows.empty:
                return ImportResult(errors, pd.DataFrame(), False, checksum)
            if not dry_run:
                # Returns for the same sites are stored one after the other: the second
                # waits here, then plans against what the first stored.
                lock_sites(session, sorted(set(rows["site"])))
            plan = plan_return(current_values(session, rows))
            if dry_run:
                return ImportResult([], plan, False, checksum)
            # db.session() is one transaction: it commits the rows and the audit entry
            # together, or rolls both back if anything fails.
            store_return(session, plan, actor, file_name, checksum)
            # the summary the pages read, and the data version their cached figures are
            # keyed by, move in the same transaction
            session.flush()
            changed = plan.loc[plan["status"] != "unchanged", "organisation_id"]
            summary.refresh(session, sorted(set(changed.astype(int))))
    except IntegrityError as exc:
        # Another return for the same cells was stored between our read and our write
        # (SQLite has no row locks): nothing of this one was stored; it can be sent again.
        raise ReturnRefused(
            "Another return for the same cells was stored at the same moment; nothing of "
            "this file was stored. Upload it again to see what it would change now."
        ) from exc
    return ImportResult([], plan, True, checksum)


def revision_history(db: Database, site: str) -> pd.DataFrame:
    """The site's stored revisions, newest first (who submitted each, when, from which file)."""
    with db.session() as session:
        return queries.revision_history(session, site)
