# ruff: noqa: E501  (the templates read best as a table, one action to a row, as in organisations.py)
"""Demonstration action plans: what each site does about the twelve characteristics.

The actions are modelled on a real site's response to the characteristics (Dorset PCT's report,
appendix 2): reports to a DRE strategy group, pooling small numbers with neighbours, C&R
training, community development work, RECC training. Dorset PCT's own plan is that appendix.
Due dates fall over the last years of the data (relative to its periods, not to today), so that
at the latest period most past actions are done, some are overdue and some are still ahead.

The plans draw on their own random stream: adding or changing them moves no other demo figure.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import numpy as np
import pandas as pd

from data_access.demo.organisations import MHT, ORGANISATIONS, PCT, PRISON

#: Mixed into the seed so that the plans never share the observations' random stream.
STREAM = 0xAC7


@dataclass(frozen=True)
class Template:
    characteristic: int
    action: str
    owners: tuple[str, ...]
    kinds: tuple[str, ...]
    progress: str  # the note of an action under way
    risk: str  # the note of an action at risk
    done: str  # the note of a finished action


SERVICES, ALL = (MHT, PCT), (MHT, PCT, PRISON)
T = Template
# fmt: off
TEMPLATES: tuple[Template, ...] = (
    T(1, "Positive and culturally sensitive promotion of services in primary and secondary care", ("Head of Communications", "DRE Lead"), SERVICES,
      "Leaflets translated into five languages; GP practice launch planned.", "Translation budget not yet agreed.", "Campaign run in libraries, mosques and GP surgeries."),
    T(1, "Engage specific communities in mental health promotion activities through the community development workers", ("Community Development Worker Team Leader",), SERVICES,
      "Four community groups engaged; two listening events held.", "Two community development worker posts vacant.", "Listening events held with six community groups; report to the Board."),
    T(2, "Review patient satisfaction surveys to include pooling data with neighbouring trusts to overcome small numbers", ("Head of Patient Experience",), SERVICES,
      "Data-sharing agreement drafted with two neighbouring trusts.", "Neighbouring trusts have not yet agreed to share survey data.", "Pooled survey results by ethnic group reported for the first time."),
    T(2, "Report the local service user survey by ethnic group every quarter", ("Head of Performance and Information", "Head of Patient Experience"), ALL,
      "Survey form now records ethnic category; first quarter collected.", "Response rate among BME service users below 10%.", "Quarterly report by ethnic group goes to the DRE Strategy Group."),
    T(3, "Keep the over-representation of BME people in inpatient units under quarterly review", ("Clinical Director, Acute Care", "DRE Lead"), SERVICES,
      "Quarterly review in place; numbers still small for some groups.", "Admission data by ethnicity late from the information team.", "Review now part of the acute care performance report."),
    T(3, "Audit admission pathways of Black African and Black Caribbean service users", ("Clinical Director, Acute Care",), (MHT,),
      "Case-note audit of 60 admissions under way.", "Audit lead on long-term leave; audit paused.", "Audit reported: earlier contact with crisis teams recommended."),
    T(4, "Review detention rates on a sub-regional basis to obtain reliable figures", ("Mental Health Act Manager", "Head of Performance and Information"), SERVICES,
      "Sub-regional figures requested from the regional development centre.", "Figures from neighbouring sites not yet received.", "Sub-regional detention rates by ethnic group reported."),
    T(4, "Audit the use of section 136 with the police by ethnic group", ("Mental Health Act Manager",), (MHT,),
      "Joint audit with the police agreed; data collection started.", "Police data do not record ethnicity consistently.", "Joint audit completed; ethnicity now recorded on the 136 form."),
    T(4, "Offer independent advocacy to every BME service user detained under the Mental Health Act", ("Service User Involvement Lead",), (MHT,),
      "Advocacy service commissioned from a BME voluntary organisation.", "Advocacy contract delayed by procurement.", "Advocacy offered on all acute wards; uptake reported quarterly."),
    T(5, "Report violent incidents involving BME people to the DRE Joint Strategy Group", ("Head of Risk Management",), ALL,
      "Incident system now records the ethnicity of those involved.", "Ethnicity missing in a third of incident reports.", "Quarterly incident report by ethnic group in place."),
    T(5, "Consider DRE issues as part of control and restraint (C&R) training", ("Training Manager",), ALL,
      "DRE module drafted with service users; pilot course booked.", "Trainers not yet released for the DRE module.", "DRE module part of every C&R course."),
    T(6, "Report the use of seclusion involving BME people to the DRE Joint Strategy Group", ("Modern Matron, Acute Wards", "Clinical Director, Acute Care"), (MHT,),
      "Seclusion register now records ethnicity on all wards.", "Two wards still keep paper seclusion records.", "Seclusion by ethnic group reported every quarter."),
    T(6, "Audit seclusion episodes by ethnic group on each acute ward", ("Modern Matron, Acute Wards",), (MHT,),
      "Audit tool agreed; first two wards audited.", "Audit behind schedule: ward staffing pressures.", "Audit completed on all acute wards; findings shared with ward managers."),
    T(7, "Review the restraint policy against the David Bennett inquiry recommendations", ("Director of Nursing",), (MHT, PRISON),
      "Policy review group meets monthly; draft due next quarter.", "Policy review waiting for national guidance.", "Revised restraint policy approved by the Board."),
    T(8, "Analyse comparative recovery data by ethnic group", ("Head of Performance and Information",), ALL,
      "Outcome scores extracted; analysis by ethnic group started.", "Too few outcome scores recorded for a reliable comparison.", "Recovery analysis by ethnic group presented to the Strategy Group."),
    T(8, "Review pathways and models of care in the light of the equity audit", ("Medical Director", "Director of Nursing"), SERVICES,
      "Equity audit findings mapped to three care pathways.", "Equity audit report delayed.", "Care pathways revised; changes monitored by ethnic group."),
    T(9, "Review the court advocacy project in Bristol with a view to roll-out locally", ("Forensic Services Manager", "Commissioning Manager, Mental Health"), (MHT, PCT),
      "Visit to the Bristol project made; costing under way.", "No funding identified for a local scheme.", "Local court advocacy scheme agreed with the magistrates' court."),
    T(9, "Set up a court diversion and liaison scheme that records ethnicity", ("Forensic Services Manager",), (MHT, PRISON),
      "Liaison nurse in post at the magistrates' court.", "Court liaison post vacant after resignation.", "Diversion scheme running; referrals reported by ethnic group."),
    T(9, "Screen every reception for mental health needs and report outcomes by ethnic group", ("Head of Healthcare",), (PRISON,),
      "Reception screening tool updated to record ethnicity.", "Screening missed at weekend receptions.", "Reception screening reported monthly by ethnic group."),
    T(10, "Review ethnic monitoring of uptake of psychological therapies", ("Head of Psychological Therapies",), ALL,
      "Ethnicity added to the therapies referral form.", "Referral data do not yet record ethnicity.", "Uptake by ethnic group reported; gaps for South Asian women addressed."),
    T(10, "Commission peer support services from BME voluntary organisations", ("Commissioning Manager, Mental Health",), (PCT, MHT),
      "Two providers shortlisted.", "Tender attracted a single bid; re-tender needed.", "Peer support service running in two localities."),
    T(10, "Offer interpreters and culturally adapted talking therapies", ("Head of Psychological Therapies",), SERVICES,
      "Interpreter protocol agreed; therapists trained in its use.", "Interpreting budget overspent.", "Adapted therapy offered in Urdu, Punjabi and Somali."),
    T(11, "Representatives of BME communities and service users to sit on the DRE Joint Strategy Group", ("DRE Lead",), ALL,
      "Three community representatives nominated.", "Representatives' expenses policy not yet agreed.", "Four community representatives and two service users on the group."),
    T(11, "Implement RECC training across all community mental health teams and inpatient teams", ("Training Manager", "Head of Equality and Diversity"), (MHT,),
      "RECC training delivered to half of the teams.", "Training places undersubscribed on inpatient units.", "RECC training completed by every team."),
    T(12, "Cultural competence training for all clinical staff", ("Head of Workforce Development",), ALL,
      "Training in the induction programme; 40% of staff trained.", "Training compliance below 30%.", "85% of clinical staff trained; now part of mandatory training."),
    T(12, "Monitor the workforce by ethnicity and report it to the Board every year", ("Director of Human Resources",), ALL,
      "Workforce data by ethnicity extracted from the staff record.", "Ethnicity not recorded for a fifth of staff.", "Annual workforce report by ethnicity published."),
    T(12, "Recruit community development workers to the agreed establishment", ("DRE Lead", "Community Development Worker Team Leader"), SERVICES,
      "Three of five posts filled.", "Posts not yet funded beyond March.", "All community development worker posts filled."),
)

#: Dorset PCT's own plan: its response to the characteristics (its report, appendix 2).
DORSET = "DORPCT"
DORSET_PLAN: tuple[tuple[int, str, str, str], ...] = (
    # characteristic, action, owner, the start of the template whose notes fit it
    (1, "Positive and culturally sensitive promotion of services, both primary and secondary", "Head of Communications", "Positive and"),
    (1, "Engage specific communities in mental health promotion activities", "Community Development Worker Team Leader", "Engage specific"),
    (2, "Review patient satisfaction surveys to include pooling data with neighbouring PCTs to overcome small number issues", "Head of Patient Experience", "Review patient"),
    (3, "Keep the rate of admission of BME people under constant review: low numbers decrease sensitivity", "Commissioning Manager, Mental Health", "Keep the over"),
    (4, "Review compulsory detention on a sub-regional basis to obtain reliable information for local work", "Commissioning Manager, Mental Health", "Review detention"),
    (5, "Regular report on violent incidents involving BME people to the DRE Joint Strategy Group", "Head of Risk Management", "Report violent"),
    (6, "Regular report on use of seclusion involving BME people to the DRE Joint Strategy Group", "Head of Risk Management", "Report the use of seclusion"),
    (7, "DRE issues to be considered as part of C&R training", "Training Manager", "Consider DRE"),
    (9, "Review the court advocacy project in Bristol, with a view to potential roll-out locally", "DRE Lead", "Review the court"),
    (10, "Review ethnic monitoring in relation to IAPT uptake across Dorset", "Head of Psychological Therapies", "Review ethnic"),
    (11, "Representatives of BME communities and service users to sit on the DRE Joint Strategic Group", "DRE Lead", "Representatives"),
    (11, "Implementation of RECC training across all CMHTs and inpatient teams", "Training Manager", "Implement RECC"),
)
# fmt: on
#: How many actions a site of each kind keeps (inclusive range).
PLAN_SIZE = {MHT: (4, 10), PCT: (3, 6), PRISON: (2, 4)}
COLUMNS = [
    "organisation",
    "characteristic_id",
    "action",
    "owner",
    "due_date",
    "status",
    "progress_note",
    "progress_date",
]


def _month_end(day: dt.date) -> dt.date:
    following = dt.date(day.year + (day.month == 12), day.month % 12 + 1, 1)
    return following - dt.timedelta(days=1)


def _status(rng: np.random.Generator, due: dt.date, as_of: dt.date) -> str:
    """Most past actions are done, a quarter of them not; those ahead are mostly under way."""
    if due < as_of:
        return rng.choice(["done", "on_track", "at_risk", "not_started"], p=[0.74, 0.1, 0.1, 0.06])
    return rng.choice(["done", "on_track", "at_risk", "not_started"], p=[0.1, 0.5, 0.2, 0.2])


def _action(
    rng: np.random.Generator, org: str, template: Template, due: dt.date, as_of: dt.date
) -> dict:
    status = str(_status(rng, due, as_of))
    if status == "done":
        when = min(due - dt.timedelta(days=int(rng.integers(0, 60))), as_of)
        note = template.done
    else:
        when = as_of - dt.timedelta(days=int(rng.integers(5, 80)))
        note = {"on_track": template.progress, "at_risk": template.risk}.get(status, "")
    if status == "not_started" and rng.uniform() < 0.5:
        note = "Not started: waiting for the DRE Strategy Group to agree the lead."
    return {
        "organisation": org,
        "characteristic_id": template.characteristic,
        "action": template.action,
        "owner": str(rng.choice(template.owners)),
        "due_date": due,
        "status": status,
        "progress_note": note,
        "progress_date": when if note else None,
    }


def demo_actions(periods: pd.DataFrame, seed: int) -> pd.DataFrame:
    """The action plans (columns of COLUMNS, `organisation` a code) for the data's `periods`
    (code, start_date, end_date): due from two years into the data to a year after it ends."""
    rng = np.random.default_rng([seed, STREAM])
    as_of = max(periods["end_date"])
    first_due = _month_end(min(periods["start_date"]) + dt.timedelta(days=2 * 365))
    span = (as_of + dt.timedelta(days=365) - first_due).days
    rows = []
    for org in ORGANISATIONS:
        if org.code == DORSET:
            templates = [_dorset(*entry) for entry in DORSET_PLAN]
        else:
            pool = [t for t in TEMPLATES if org.kind in t.kinds]
            low, high = PLAN_SIZE[org.kind]
            size = min(int(rng.integers(low, high + 1)), len(pool))
            picked = rng.choice(len(pool), size=size, replace=False)
            templates = [pool[i] for i in sorted(picked)]
        for template in templates:
            due = _month_end(first_due + dt.timedelta(days=int(rng.integers(0, span))))
            rows.append(_action(rng, org.code, template, due, as_of))
    return pd.DataFrame(rows, columns=COLUMNS)


def _dorset(characteristic: int, text: str, owner: str, like: str) -> Template:
    """One of Dorset's actions, with the notes of the template it resembles."""
    notes = next(t for t in TEMPLATES if t.action.startswith(like))
    return Template(characteristic, text, (owner,), (PCT,), notes.progress, notes.risk, notes.done)
