# ruff: noqa: E501  (the measures read best as a table, one measure to a row, as in measures.py)
"""The measures the national-scale menu adds to the 41 demonstration measures.

Once every region's sites had put forward what they measured, the menu grew: each
characteristic gains two or three measures of the kind the sites' reports describe (crisis
routes into care, care plans, advocacy, rapid tranquillisation, physical health checks,
segregation in prison, culturally appropriate medication). They use the same sources and the
same generation parameters as `measures.py`, so the national data follow the same model.
Some were introduced during the ten years (the Mental Health Act 2007 brought independent
mental health advocates in 2009; IAPT began in 2008), one was retired and one is proposed.
"""

from __future__ import annotations

from data_access.demo.measures import (
    ALL_KINDS,
    CMI,
    HIB,
    INPATIENT,
    LIB,
    LOCAL,
    MHMDS,
    NJ,
    POP,
    PRISONS,
    SURVEY,
    DemoMeasure,
)

M = DemoMeasure
PER_100K_YEAR = "per 100,000 population per year"
PERSON_YEARS = "Resident population in person-years (mid-year estimate / 4)"
CPA = "Service users on CPA reviewed in the quarter"

# fmt: off
EXTRA_MEASURES: list[DemoMeasure] = [
    # 1 Less fear
    M("M01E", 1, "First contacts made in crisis", "proportion", "%", 100, LIB, "First contacts with secondary mental health services made through a crisis resolution team or A&E liaison",
      "All first contacts with secondary mental health services", MHMDS, "referrals", 0.18, disparity=0.35, trend=-0.02),
    M("M01F", 1, "Referrals from voluntary and community sector organisations", "proportion", "%", 100, HIB, "Referrals to CMHTs from BME voluntary sector, faith and community organisations",
      "All referrals to CMHTs", MHMDS, "referrals", 0.03, disparity=0.3, trend=0.06),
    M("M01G", 1, "Early intervention in psychosis caseload", "rate", "per 100,000 population", 100000, NJ, "People on the caseload of an early intervention in psychosis team at the end of the quarter",
      "Resident population (mid-year estimate)", f"{MHMDS}; {POP}", "census_population", 28.0, disparity=0.6, trend=0.08),
    M("M01H", 1, "Mental health awareness sessions in places of worship", "count", "sessions in the quarter", 1, HIB, "Mental health awareness sessions held in mosques, temples, gurdwaras and churches",
      "Not applicable (count per site and quarter)", LOCAL, "events", 1.5, trend=0.05, by_ethnicity=False, status="retired"),
    M("M01I", 1, "Referrals seen by an early intervention team within 14 days", "proportion", "%", 100, HIB, "Referrals to an early intervention in psychosis team assessed within 14 days",
      "Referrals to an early intervention in psychosis team in the quarter", MHMDS, "referrals", 0.6, disparity=-0.1, trend=0.04),
    # 2 Satisfaction
    M("M02E", 2, "Service users given a copy of their care plan", "proportion", "%", 100, HIB, "Survey respondents who were given or offered a copy of their care plan",
      "Survey respondents on CPA answering the question", SURVEY, "survey", 0.52, disparity=-0.15, trend=0.05),
    M("M02F", 2, "Service users whose views were taken into account", "proportion", "%", 100, HIB, "Survey respondents answering that their views were definitely taken into account",
      "Survey respondents answering the question", SURVEY, "survey", 0.7, disparity=-0.12, trend=0.02),
    M("M02G", 2, "Carers offered an assessment of their own needs", "proportion", "%", 100, HIB, "Carers of service users on CPA offered a carer's assessment",
      "Carers of service users on CPA reviewed in the quarter", "Carers' assessment records", "caseload", 0.35, disparity=-0.2, trend=0.06),
    M("M02H", 2, "Service users on CPA reviewed in the last 12 months", "proportion", "%", 100, HIB, "Service users on CPA with a formal review in the last 12 months",
      "Service users on CPA at the end of the quarter", MHMDS, "caseload", 0.82, disparity=-0.08, trend=0.02),
    # 3 Admission
    M("M03D", 3, "Emergency readmissions within 28 days", "proportion", "%", 100, LIB, "Discharges from adult inpatient care followed by an emergency readmission within 28 days",
      "Discharges from adult inpatient care in the quarter", MHMDS, "inpatients", 0.09, disparity=0.2, trend=-0.02, applies_to=INPATIENT),
    M("M03E", 3, "Inpatients staying longer than 90 days", "proportion", "%", 100, LIB, "Inpatients on census day whose stay has lasted more than 90 days",
      "Inpatients on census day", CMI, "inpatients", 0.18, disparity=0.3, trend=-0.02, applies_to=INPATIENT),
    M("M03F", 3, "Home treatment episodes", "rate", PER_100K_YEAR, 100000, HIB, "Episodes of care by a crisis resolution and home treatment team started in the quarter",
      PERSON_YEARS, f"{MHMDS}; {POP}", "population", 120.0, disparity=0.4, trend=0.05),
    M("M03G", 3, "People on the GP serious mental illness register", "rate", "per 100,000 population", 100000, NJ, "Patients on the Quality and Outcomes Framework register of serious mental illness",
      "Registered population (mid-year estimate)", f"QOF; {POP}", "census_population", 750.0, disparity=0.5, trend=0.02),
    M("M03H", 3, "Out-of-area placements", "rate", PER_100K_YEAR, 100000, LIB, "Residents placed in an inpatient bed outside the area in the quarter",
      PERSON_YEARS, f"Commissioner placement records; {POP}", "population", 15.0, disparity=0.6, trend=-0.03),
    # 4 Detention
    M("M04E", 4, "Detained patients supported by an independent mental health advocate", "proportion", "%", 100, HIB, "Detained inpatients who saw an independent mental health advocate during their stay",
      "Detained inpatients discharged in the quarter", "Advocacy service returns", "inpatients", 0.45, disparity=-0.1, trend=0.2, applies_to=INPATIENT, first_quarter=16),
    M("M04F", 4, "Detentions under Part III of the Mental Health Act", "rate", PER_100K_YEAR, 100000, LIB, "Court and prison transfer detentions (sections 35-38, 47, 48) in the quarter",
      PERSON_YEARS, f"KP90 return; {POP}", "population", 6.0, disparity=1.3, applies_to=INPATIENT),
    M("M04G", 4, "Section 2 detentions converted to section 3", "proportion", "%", 100, LIB, "Section 2 detentions ending in a section 3 detention",
      "Section 2 detentions ending in the quarter", "Mental Health Act office records", "inpatients", 0.3, disparity=0.25, trend=-0.01, applies_to=INPATIENT),
    M("M04H", 4, "Residents detained in independent sector hospitals", "rate", PER_100K_YEAR, 100000, LIB, "Residents detained under the Mental Health Act in an independent sector hospital in the quarter",
      PERSON_YEARS, f"Commissioner placement records; {POP}", "population", 9.0, disparity=1.1, trend=0.04),
    # 5 Violent incidents
    M("M05D", 5, "Violent incidents reported to the police", "proportion", "%", 100, NJ, "Violent incidents on adult acute wards reported to the police",
      "Violent incidents on adult acute wards", "Trust incident reporting system", "incidents", 0.12, disparity=0.3, applies_to=INPATIENT),
    M("M05E", 5, "Rapid tranquillisation episodes", "rate", "per 1,000 occupied bed days", 1000, LIB, "Episodes of rapid tranquillisation given by injection",
      "Occupied bed days on adult acute wards", "Prescribing audit (POMH-UK); trust bed management", "bed_days", 2.1, disparity=0.35, trend=-0.03, applies_to=INPATIENT),
    M("M05F", 5, "Violent incidents in community settings", "rate", "per 1,000 contacts", 1000, LIB, "Violent incidents during community contacts, by ethnicity of the person involved",
      "Face-to-face community contacts in the quarter", "Trust incident reporting system; MHMDS contacts", "contacts", 0.12, disparity=0.25, trend=-0.03),
    M("M05G", 5, "Use of force in prison", "rate", "per 1,000 prisoners per year", 1000, LIB, "Incidents in which force was used on a prisoner",
      "Prison population in person-years (average roll / 4)", "Prison use of force log", "prisoners", 120.0, disparity=0.4, trend=-0.02, applies_to=PRISONS),
    # 6 Seclusion
    M("M06D", 6, "Seclusion episodes reviewed by a doctor within one hour", "proportion", "%", 100, HIB, "Seclusion episodes with a medical review within the first hour",
      "Seclusion episodes in the quarter", "Seclusion register", "seclusions", 0.72, disparity=-0.05, trend=0.06, applies_to=INPATIENT),
    M("M06E", 6, "Inpatients transferred to a psychiatric intensive care unit", "proportion", "%", 100, LIB, "Inpatients transferred to a PICU during the quarter",
      "Inpatients during the quarter", CMI, "inpatients", 0.07, disparity=0.45, trend=-0.02, applies_to=INPATIENT),
    # 7 Deaths after restraint
    M("M07E", 7, "Restraint episodes lasting more than 10 minutes", "proportion", "%", 100, LIB, "Restraint episodes in which the patient was held for more than 10 minutes",
      "Restraint episodes in the quarter", "Trust incident reporting system", "restraints", 0.25, disparity=0.2, trend=-0.05, applies_to=INPATIENT),
    M("M07F", 7, "Restraint episodes followed by a physical health check within an hour", "proportion", "%", 100, HIB, "Restraint episodes after which vital signs were checked and recorded within an hour",
      "Restraint episodes in the quarter", "Trust incident reporting system; audit", "restraints", 0.55, disparity=-0.1, trend=0.1, applies_to=INPATIENT),
    # 8 Recovery
    M("M08D", 8, "Service users on CPA with a crisis plan", "proportion", "%", 100, HIB, "Service users on CPA whose care plan includes a crisis and contingency plan",
      CPA, "CPA audit", "caseload", 0.55, disparity=-0.1, trend=0.06),
    M("M08E", 8, "Service users with a physical health check in the last year", "proportion", "%", 100, HIB, "Service users on CPA with a recorded physical health check in the last 12 months",
      CPA, "CPA audit", "caseload", 0.45, disparity=-0.1, trend=0.08),
    M("M08F", 8, "Service users discharged from CPA to primary care", "proportion", "%", 100, HIB, "Service users on CPA discharged to the care of their GP in the quarter",
      CPA, MHMDS, "caseload", 0.07, disparity=-0.2, trend=0.03),
    M("M08G", 8, "Service users on CPA in education or training", "proportion", "%", 100, HIB, "Adults on CPA in education or training at their latest review",
      "Adults on CPA reviewed in the quarter", MHMDS, "caseload", 0.06, disparity=-0.1, trend=0.03),
    M("M08H", 8, "Service users with a personal budget", "proportion", "%", 100, HIB, "Service users on CPA holding a personal budget or direct payment",
      "Adults on CPA reviewed in the quarter", "Local authority social care records", "caseload", 0.02, disparity=-0.2, trend=0.4, first_quarter=16),
    # 9 Prison disparities
    M("M09E", 9, "Prisoners on an open self-harm (ACCT) plan", "proportion", "%", 100, NJ, "Prisoners on an open Assessment, Care in Custody and Teamwork plan at the end of the quarter",
      "Prison population at the end of the quarter", "Prison safer custody records", "prison_roll", 0.04, disparity=-0.3, applies_to=PRISONS),
    M("M09F", 9, "Prisoners in the segregation unit", "proportion", "%", 100, LIB, "Prisoners held in the segregation unit at the end of the quarter",
      "Prison population at the end of the quarter", "Prison segregation unit log", "prison_roll", 0.015, disparity=0.35, trend=-0.02, applies_to=PRISONS),
    M("M09G", 9, "Receptions given a mental health screen within 24 hours", "proportion", "%", 100, HIB, "Prison receptions screened for mental illness within 24 hours of arrival",
      "Prison receptions", "Prison health reception screening", "receptions", 0.85, disparity=-0.05, trend=0.03, applies_to=PRISONS),
    M("M09H", 9, "Prisoners released with their care passed to community services", "proportion", "%", 100, HIB, "Prisoners on the mental health caseload released with a care plan handed to a community team",
      "Prisoners on the mental health caseload released in the quarter", "In-reach team caseload", "receptions", 0.4, disparity=-0.2, trend=0.06, applies_to=PRISONS),
    M("M09I", 9, "Prisoners assessed for transfer within 14 days of referral", "proportion", "%", 100, HIB, "Prisoners referred for transfer to hospital assessed by a psychiatrist within 14 days",
      "Prisoners referred for transfer to hospital", "Ministry of Justice Mental Health Unit", "diversion", 0.55, disparity=-0.1, trend=0.05, applies_to=PRISONS),
    M("M09J", 9, "Prisoners in healthcare inpatient beds", "proportion", "%", 100, NJ, "Prisoners in a prison healthcare inpatient bed at the end of the quarter",
      "Prison population at the end of the quarter", "Prison healthcare records", "prison_roll", 0.02, disparity=0.3, trend=-0.02, applies_to=PRISONS),
    # 10 Range of therapies
    M("M10E", 10, "Service users given a culturally appropriate medication review", "proportion", "%", 100, HIB, "Service users on CPA whose medication review recorded their cultural and dietary preferences",
      CPA, "Prescribing audit (POMH-UK)", "caseload", 0.3, disparity=-0.1, trend=0.08),
    M("M10F", 10, "IAPT patients moving to recovery", "proportion", "%", 100, HIB, "Patients finishing a course of IAPT treatment who moved to recovery",
      "Patients finishing a course of IAPT treatment above caseness", "IAPT minimum data set", "referrals", 0.4, disparity=-0.2, trend=0.04, first_quarter=13),
    M("M10G", 10, "Inpatients offered a talking therapy", "proportion", "%", 100, HIB, "Inpatients offered a psychological therapy during their stay",
      "Inpatients discharged in the quarter", "CPA audit", "inpatients", 0.3, disparity=-0.3, trend=0.06, applies_to=INPATIENT),
    M("M10H", 10, "IAPT referrals made by the person themselves", "proportion", "%", 100, HIB, "Referrals to Improving Access to Psychological Therapies that were self-referrals",
      "Referrals to IAPT in the quarter", "IAPT minimum data set", "referrals", 0.1, disparity=-0.2, trend=0.1, first_quarter=13),
    M("M10I", 10, "Service users offered family intervention", "proportion", "%", 100, HIB, "Service users with psychosis on CPA offered family intervention in the last 12 months",
      CPA, "CPA audit", "caseload", 0.1, disparity=-0.1, trend=0.05),
    M("M10J", 10, "Service users using a culturally specific service", "proportion", "%", 100, NJ, "Service users on CPA in contact with a culturally specific service or BME voluntary organisation",
      CPA, "CPA audit", "caseload", 0.05, disparity=0.4, trend=0.08),
    # 11 Community role
    M("M11E", 11, "Recruitment panels including a service user or BME community member", "proportion", "%", 100, HIB, "Clinical recruitment panels with a service user or BME community member",
      "Clinical recruitment panels held in the quarter", LOCAL, "teams", 0.2, trend=0.2, by_ethnicity=False, applies_to=ALL_KINDS),
    M("M11F", 11, "Community development projects completed", "count", "projects in the quarter", 1, HIB, "Community development worker projects with BME communities completed and reported",
      "Not applicable (count per site and quarter)", LOCAL, "events", 0.8, trend=0.1, by_ethnicity=False),
    M("M11G", 11, "Care plans written with the service user", "proportion", "%", 100, HIB, "Care plans on CPA written with the service user and signed by them",
      CPA, "CPA audit", "caseload", 0.5, disparity=-0.12, trend=0.05),
    # 12 Workforce
    M("M12E", 12, "Staff trained in ethnicity recording", "proportion", "%", 100, HIB, "Clinical and administrative staff who completed training in recording ethnic category",
      "Clinical and administrative staff in post", "Trust training records", "staff", 0.2, trend=0.25, by_ethnicity=False, applies_to=ALL_KINDS),
    M("M12F", 12, "BME staff in the clinical workforce", "proportion", "%", 100, HIB, "Clinical staff from BME groups",
      "Clinical staff with a stated ethnicity", "Electronic Staff Record", "staff", 0.09, trend=0.03, by_ethnicity=False),
    M("M12G", 12, "Appraisals with a cultural capability objective", "proportion", "%", 100, HIB, "Staff appraisals in the quarter that set a cultural capability objective",
      "Staff appraisals in the quarter", "Electronic Staff Record", "staff", 0.15, trend=0.25, by_ethnicity=False, first_quarter=8),
    M("M12H", 12, "Staff reporting racial harassment from service users", "proportion", "%", 100, LIB, "Staff survey respondents reporting harassment on grounds of race from service users",
      "Staff survey respondents", "NHS staff survey, local boost", "staff", 0.08, by_ethnicity=False, status="proposed"),
]
# fmt: on
