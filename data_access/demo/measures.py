"""The demonstration menu of measures, with the parameters that shape their synthetic data.

Definitions follow the sources the sites used (Count Me In census, the Mental Health Minimum
Data Set, KP90 returns, the Healthcare Commission community survey). The generation parameters:
`base` is the White British value (a fraction for proportions, per `multiplier` for rates);
`disparity` the power of each group's disparity index (1 gives detention-like ratios, near four
for Black groups; negative reverses, as for GP referral); `trend` the relative change per year.
"""

from __future__ import annotations

from dataclasses import dataclass

ALL_KINDS = ("mental_health_trust", "primary_care_trust", "prison")
SERVICES = ("mental_health_trust", "primary_care_trust")
INPATIENT = ("mental_health_trust",)
PRISONS = ("prison",)


@dataclass(frozen=True)
class DemoMeasure:
    code: str
    characteristic: int
    name: str
    kind: str
    unit: str
    multiplier: int
    polarity: str
    numerator_definition: str
    denominator_definition: str
    source: str
    basis: str  # what the denominator counts; see generate.DENOMINATORS
    base: float
    disparity: float = 0.0
    trend: float = 0.0
    by_ethnicity: bool = True
    status: str = "agreed"
    applies_to: tuple[str, ...] = SERVICES
    core: bool = False  # adopted by every site it applies to
    # A national collection (the Count Me In census) that every site it applies to returns.
    # Drawn from a second random stream, so that adding it leaves every other figure as it was.
    census: bool = False
    first_quarter: int = 0  # index of the first quarter with data (a measure introduced later)


PCT = ("%", 100)
PER_100K = ("per 100,000 population per year", 100_000)
PER_1K_BED_DAYS = ("per 1,000 occupied bed days", 1_000)
HIB, LIB, NJ = "higher_is_better", "lower_is_better", "no_judgement"
MHMDS = "Mental Health Minimum Data Set (MHMDS), quarterly extract"
CMI = "Count Me In census and local quarterly ward census"
LOCAL = "Site quarterly return"
SURVEY = "Healthcare Commission community mental health service user survey, local boost"
POP = "ONS mid-year population estimates by ethnic group (denominator)"

# fmt: off
MEASURES: list[DemoMeasure] = [
    # 1
    DemoMeasure("M01A", 1, "Referrals to community mental health teams made by the person or their family", "proportion", "%", 100, HIB, "Referrals to CMHTs whose source is self, carer or family",
                "All referrals to CMHTs", MHMDS, "referrals", 0.12, disparity=-0.05, trend=0.04, core=True),
    DemoMeasure("M01B", 1, "First admissions referred by the police", "proportion", "%", 100, LIB, "First admissions in the quarter whose referral source is the police",
                "All first admissions in the quarter", CMI, "inpatients", 0.08, disparity=0.45, trend=-0.03, applies_to=INPATIENT),
    DemoMeasure("M01C", 1, "First contacts referred by a GP", "proportion", "%", 100, HIB, "First contacts with secondary mental health services referred by a GP",
                "All first contacts with secondary mental health services", MHMDS, "referrals", 0.55, disparity=-0.45, trend=0.02),
    DemoMeasure("M01D", 1, "Community engagement events held with BME groups", "count", "events in the quarter", 1, HIB, "Mental health promotion events held with BME community groups, faith groups or the BME voluntary sector, as recorded by community development workers",
                "Not applicable (count per site and quarter)", LOCAL, "events", 3.0, trend=0.12, by_ethnicity=False),
    # 2
    DemoMeasure("M02A", 2, "Service users rating their care as good or excellent", "proportion", "%", 100, HIB, "Survey respondents rating overall care as good, very good or excellent",
                "Survey respondents answering the question", SURVEY, "survey", 0.76, disparity=-0.12, trend=0.03, core=True),
    DemoMeasure("M02B", 2, "Service users who felt treated with respect and dignity", "proportion", "%", 100, HIB, "Survey respondents answering 'yes, always'",
                "Survey respondents answering the question", SURVEY, "survey", 0.81, disparity=-0.15, trend=0.02),
    DemoMeasure("M02C", 2, "Formal complaints about care", "rate", "per 1,000 contacts", 1000, LIB, "Formal complaints about mental health care received in the quarter",
                "Face-to-face contacts with mental health services in the quarter", "Trust complaints register; MHMDS contacts", "contacts", 0.9, disparity=0.15, trend=-0.02),
    DemoMeasure("M02D", 2, "Service users who know how to contact someone out of hours", "proportion", "%", 100, HIB, "Survey respondents answering 'yes'",
                "Survey respondents answering the question", SURVEY, "survey", 0.58, disparity=-0.1, trend=0.05, status="proposed"),
    # 3
    DemoMeasure("M03A", 3, "Admissions to psychiatric inpatient units", "rate", "per 100,000 population per year", 100000, LIB, "Admissions to adult psychiatric inpatient units in the quarter (residents)",
                "Resident population in person-years (mid-year estimate / 4)", "Mental Health Minimum Data Set (MHMDS), quarterly extract; ONS mid-year population estimates by ethnic group (denominator)", "population", 180.0, disparity=0.8, trend=-0.02, applies_to=INPATIENT, core=True),
    DemoMeasure("M03B", 3, "Inpatients on census day", "rate", "per 100,000 population", 100000, LIB, "Inpatients in adult mental health beds on the last day of the quarter",
                "Resident population (mid-year estimate)", "Count Me In census and local quarterly ward census; ONS mid-year population estimates by ethnic group (denominator)", "census_population", 62.0, disparity=0.85, trend=-0.02, applies_to=INPATIENT, census=True),
    DemoMeasure("M03C", 3, "Admissions through a criminal justice route", "proportion", "%", 100, LIB, "Admissions referred by courts, police or prisons",
                "All admissions in the quarter", MHMDS, "inpatients", 0.09, disparity=0.5, trend=-0.03, applies_to=INPATIENT),
    # 4
    DemoMeasure("M04A", 4, "Detentions under the Mental Health Act", "rate", "per 100,000 population per year", 100000, LIB, "Detentions under Part II and Part III of the Mental Health Act 1983 in the quarter (KP90 sections 2, 3, 4, 35-38, 47, 48)",
                "Resident population in person-years (mid-year estimate / 4)", "KP90 return; ONS mid-year population estimates by ethnic group (denominator)", "population", 72.0, disparity=1.0, trend=-0.01, applies_to=INPATIENT, core=True),
    DemoMeasure("M04B", 4, "Inpatients detained on admission", "proportion", "%", 100, LIB, "Admissions in the quarter made under a section of the Mental Health Act",
                "All admissions in the quarter", CMI, "inpatients", 0.3, disparity=0.35, trend=-0.01, applies_to=INPATIENT),
    DemoMeasure("M04C", 4, "Community treatment orders", "rate", "per 100,000 population per year", 100000, LIB, "Community treatment orders (section 17A) made in the quarter",
                "Resident population in person-years (mid-year estimate / 4)", "KP90 return; ONS mid-year population estimates by ethnic group (denominator)", "population", 8.0, disparity=1.2, trend=0.05, applies_to=INPATIENT, first_quarter=14),
    DemoMeasure("M04D", 4, "Place of safety detentions (section 136)", "rate", "per 100,000 population per year", 100000, LIB, "Section 136 detentions to a health-based place of safety in the quarter",
                "Resident population in person-years (mid-year estimate / 4)", "Local place-of-safety log; ONS mid-year population estimates by ethnic group (denominator)", "population", 25.0, disparity=0.9, trend=-0.02),
    # 5
    DemoMeasure("M05A", 5, "Violent incidents on inpatient wards", "rate", "per 1,000 occupied bed days", 1000, LIB, "Physical assaults recorded on adult acute wards, by ethnicity of the patient involved",
                "Occupied bed days on adult acute wards", "National Reporting and Learning System; trust bed management", "bed_days", 3.2, disparity=0.25, trend=-0.04, applies_to=INPATIENT, core=True),
    DemoMeasure("M05B", 5, "Incidents involving physical restraint", "rate", "per 1,000 occupied bed days", 1000, LIB, "Incidents in which a patient was physically restrained",
                "Occupied bed days on adult acute wards", "Trust incident reporting system", "bed_days", 4.5, disparity=0.3, trend=-0.03, applies_to=INPATIENT),
    DemoMeasure("M05C", 5, "Violent incidents followed by a care plan review within 72 hours", "proportion", "%", 100, HIB, "Violent incidents after which the patient's care plan was reviewed within 72 hours",
                "Violent incidents on adult acute wards", "Trust incident reporting system; audit", "incidents", 0.62, disparity=-0.1, trend=0.08, applies_to=INPATIENT),
    # 6
    DemoMeasure("M06A", 6, "Inpatients secluded", "proportion", "%", 100, LIB, "Inpatients secluded at least once during the quarter",
                "Inpatients during the quarter", CMI, "inpatients", 0.045, disparity=0.3, trend=-0.04, applies_to=INPATIENT, core=True),
    DemoMeasure("M06B", 6, "Seclusion episodes", "rate", "per 1,000 occupied bed days", 1000, LIB, "Seclusion episodes started in the quarter",
                "Occupied bed days", "Seclusion register", "bed_days", 1.4, disparity=0.3, trend=-0.04, applies_to=INPATIENT),
    DemoMeasure("M06C", 6, "Seclusion episodes lasting more than 8 hours", "proportion", "%", 100, LIB, "Seclusion episodes lasting more than 8 hours",
                "Seclusion episodes in the quarter", "Seclusion register", "seclusions", 0.22, disparity=0.25, trend=-0.05, applies_to=INPATIENT),
    # 7
    DemoMeasure("M07A", 7, "Deaths following physical intervention", "count", "deaths in the quarter", 1, LIB, "Deaths within 7 days of physical restraint or rapid tranquillisation",
                "Not applicable (count per site and quarter)", "National Patient Safety Agency; coroners' reports", "rare", 0.03, by_ethnicity=False, applies_to=INPATIENT, core=True),
    DemoMeasure("M07B", 7, "Ward staff with current restraint training", "proportion", "%", 100, HIB, "Ward staff whose control and restraint training is up to date and includes the DRE module on cultural issues",
                "Ward staff in post", "Trust training records", "staff", 0.55, trend=0.12, by_ethnicity=False, applies_to=ALL_KINDS),
    DemoMeasure("M07C", 7, "Restraint episodes in the prone position", "proportion", "%", 100, LIB, "Restraint episodes in which the patient was held face down",
                "Restraint episodes in the quarter", "Trust incident reporting system", "restraints", 0.35, disparity=0.2, trend=-0.06, applies_to=INPATIENT),
    DemoMeasure("M07D", 7, "Serious restraint incidents reviewed within 28 days", "proportion", "%", 100, HIB, "Restraint incidents with injury reviewed by a multidisciplinary panel within 28 days",
                "Restraint incidents with injury", "Trust serious incident log", "serious", 0.7, trend=0.06, by_ethnicity=False, applies_to=INPATIENT),
    # 8
    DemoMeasure("M08A", 8, "Service users reporting improved wellbeing at review", "proportion", "%", 100, HIB, "Service users on CPA whose self-rated recovery score improved since the previous review",
                "Service users on CPA reviewed in the quarter with two self-rated scores", "Local outcome measure (Recovery Star) audit", "caseload", 0.48, disparity=-0.12, trend=0.04, core=True),
    DemoMeasure("M08B", 8, "Service users on CPA in paid employment", "proportion", "%", 100, HIB, "Adults on CPA in paid employment at their latest review",
                "Adults on CPA reviewed in the quarter", MHMDS, "caseload", 0.11, disparity=-0.2, trend=0.04),
    DemoMeasure("M08C", 8, "Service users on CPA in settled accommodation", "proportion", "%", 100, HIB, "Adults on CPA in settled accommodation at their latest review",
                "Adults on CPA reviewed in the quarter", MHMDS, "caseload", 0.62, disparity=-0.15, trend=0.03),
    # 9
    DemoMeasure("M09A", 9, "Receptions screening positive referred to in-reach", "proportion", "%", 100, HIB, "Prison receptions screening positive for mental illness who were referred to the in-reach team within 5 days",
                "Prison receptions screening positive for mental illness", "Prison health reception screening", "receptions", 0.64, disparity=-0.15, trend=0.05, applies_to=PRISONS, core=True),
    DemoMeasure("M09B", 9, "Transfers from prison to hospital", "rate", "per 1,000 prisoners per year", 1000, NJ, "Transfers under sections 47 and 48 of the Mental Health Act",
                "Prison population in person-years (average roll / 4)", "Ministry of Justice Mental Health Unit", "prisoners", 6.0, disparity=0.6, trend=0.03, applies_to=PRISONS),
    DemoMeasure("M09C", 9, "Custody referrals given a court diversion assessment", "proportion", "%", 100, HIB, "Referrals from police custody or courts assessed by the diversion scheme",
                "Referrals from police custody or courts to the diversion scheme", "Court diversion scheme log", "diversion", 0.7, disparity=-0.2, trend=0.04, applies_to=ALL_KINDS),
    DemoMeasure("M09D", 9, "Prisoners on the mental health caseload", "proportion", "%", 100, NJ, "Prisoners on the in-reach team's caseload at the end of the quarter",
                "Prison population at the end of the quarter", "In-reach team caseload", "prison_roll", 0.08, disparity=0.2, trend=0.02, applies_to=PRISONS),
    # 10
    DemoMeasure("M10A", 10, "Service users offered a psychological therapy", "proportion", "%", 100, HIB, "Service users on CPA offered CBT, family intervention or counselling in the last 12 months",
                "Service users on CPA reviewed in the quarter", "CPA audit", "caseload", 0.38, disparity=-0.25, trend=0.06, core=True),
    DemoMeasure("M10B", 10, "IAPT referrals entering treatment", "proportion", "%", 100, HIB, "Referrals to Improving Access to Psychological Therapies entering treatment",
                "Referrals to IAPT in the quarter", "IAPT minimum data set", "referrals", 0.55, disparity=-0.2, trend=0.05, first_quarter=12),
    DemoMeasure("M10C", 10, "Service users with access to peer support", "proportion", "%", 100, HIB, "Service users on CPA in contact with a peer support worker or group",
                "Service users on CPA reviewed in the quarter", "CPA audit", "caseload", 0.12, disparity=-0.1, trend=0.1),
    DemoMeasure("M10D", 10, "Inpatients on two or more antipsychotics", "proportion", "%", 100, LIB, "Inpatients prescribed two or more antipsychotics at once",
                "Inpatients on antipsychotic medication", "Prescribing audit (POMH-UK)", "inpatients", 0.2, disparity=0.25, trend=-0.04, applies_to=INPATIENT),
    # 11
    DemoMeasure("M11A", 11, "BME and service user members on the DRE strategy group", "proportion", "%", 100, HIB, "Members of the site's DRE strategy group who are service users or represent BME communities",
                "All members of the DRE strategy group", LOCAL, "members", 0.25, trend=0.1, by_ethnicity=False, applies_to=ALL_KINDS, core=True),
    DemoMeasure("M11B", 11, "Training sessions co-delivered by BME service users", "count", "sessions in the quarter", 1, HIB, "Staff training sessions planned and delivered with BME service users or community members",
                "Not applicable (count per site and quarter)", LOCAL, "events", 1.2, trend=0.2, by_ethnicity=False, applies_to=ALL_KINDS),
    DemoMeasure("M11C", 11, "BME community representatives sit on the DRE joint strategy group", "milestone", "sites meeting the milestone", 1, HIB, "1 when BME community representatives are voting members of the joint strategy group at the end of the quarter, otherwise 0",
                "1 (one site)", LOCAL, "milestone", 0.35, trend=0.45, by_ethnicity=False, applies_to=ALL_KINDS),
    DemoMeasure("M11D", 11, "Community development workers in post", "proportion", "%", 100, HIB, "Community development workers in post",
                "Community development worker establishment", LOCAL, "cdw", 0.6, trend=0.1, by_ethnicity=False, status="retired"),
    # 12
    DemoMeasure("M12A", 12, "Clinical staff trained in race equality and cultural capability", "proportion", "%", 100, HIB, "Clinical staff who completed RECC training",
                "Clinical staff in post", "Trust training records", "staff", 0.25, trend=0.3, by_ethnicity=False, applies_to=ALL_KINDS, core=True),
    DemoMeasure("M12B", 12, "BME staff at Agenda for Change band 7 and above", "proportion", "%", 100, HIB, "Staff at band 7 and above who are from BME groups",
                "Staff at band 7 and above with a stated ethnicity", "Electronic Staff Record", "senior_staff", 0.08, trend=0.04, by_ethnicity=False),
    DemoMeasure("M12C", 12, "Interpreter requests met", "proportion", "%", 100, HIB, "Requests for a professional interpreter met at the appointment",
                "Requests for a professional interpreter", "Interpreting service log", "interpreter", 0.82, trend=0.03, by_ethnicity=False, applies_to=ALL_KINDS),
    DemoMeasure("M12D", 12, "Clinical teams that audited ethnicity recording", "proportion", "%", 100, HIB, "Clinical teams that audited ethnicity recording in the quarter",
                "Clinical teams", "Clinical audit department", "teams", 0.4, trend=0.2, by_ethnicity=False, status="proposed"),
]
# fmt: on
