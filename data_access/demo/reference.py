"""Reference data that is the same in every deployment: regions, the twelve characteristics and
the NHS ethnic categories of the 2001 census."""

from __future__ import annotations

#: The eight CSIP regional development centres.
REGIONS: list[tuple[str, str]] = [
    ("NEYH", "North East, Yorkshire and Humber"),
    ("NW", "North West"),
    ("WM", "West Midlands"),
    ("EM", "East Midlands"),
    ("EE", "Eastern"),
    ("LDN", "London"),
    ("SE", "South East"),
    ("SW", "South West"),
]

#: (number, short name, title) of the twelve DRE characteristics.
CHARACTERISTICS: list[tuple[int, str, str]] = [
    (1, "Less fear", "Less fear of mental health services among BME communities and service users"),
    (2, "Satisfaction", "Increased satisfaction with services"),
    (
        3,
        "Admission",
        "Reduction in the rate of admission of people from BME communities to "
        "psychiatric inpatient units",
    ),
    (
        4,
        "Detention",
        "Reduction in the disproportionate rates of compulsory detention of BME "
        "service users in inpatient units",
    ),
    (
        5,
        "Violent incidents",
        "Fewer violent incidents that are secondary to inadequate treatment of mental illness",
    ),
    (6, "Seclusion", "Reduction in the use of seclusion in BME groups"),
    (
        7,
        "Deaths after restraint",
        "Prevention of deaths in mental health services following physical intervention",
    ),
    (8, "Recovery", "More BME service users reaching self-reported states of recovery"),
    (9, "Prison disparities", "Reduction in the ethnic disparities found in prison populations"),
    (
        10,
        "Range of therapies",
        "A more balanced range of effective therapies (peer support, "
        "psychotherapy and counselling, culturally appropriate medication)",
    ),
    (
        11,
        "Community role",
        "A more active role for BME communities and service users in "
        "training, policy and service planning",
    ),
    (
        12,
        "Workforce",
        "A workforce and organisation capable of delivering appropriate and "
        "responsive services to BME communities",
    ),
]

#: (code, name, broad group, DRE group): NHS ethnic categories, plus ALL for measures kept whole.
ETHNIC_CATEGORIES: list[tuple[str, str, str, str]] = [
    ("A", "White British", "White", "white_british"),
    ("B", "White Irish", "White", "bme"),
    ("C", "Any other White background", "White", "bme"),
    ("D", "White and Black Caribbean", "Mixed", "bme"),
    ("E", "White and Black African", "Mixed", "bme"),
    ("F", "White and Asian", "Mixed", "bme"),
    ("G", "Any other mixed background", "Mixed", "bme"),
    ("H", "Indian", "Asian or Asian British", "bme"),
    ("J", "Pakistani", "Asian or Asian British", "bme"),
    ("K", "Bangladeshi", "Asian or Asian British", "bme"),
    ("L", "Any other Asian background", "Asian or Asian British", "bme"),
    ("M", "Caribbean", "Black or Black British", "bme"),
    ("N", "African", "Black or Black British", "bme"),
    ("P", "Any other Black background", "Black or Black British", "bme"),
    ("R", "Chinese", "Chinese or other ethnic group", "bme"),
    ("S", "Any other ethnic group", "Chinese or other ethnic group", "bme"),
    ("Z", "Not stated", "Not stated", "not_stated"),
    ("ALL", "All people (measure not recorded by ethnicity)", "All", "all"),
]

STATED_CODES = [code for code, *_ in ETHNIC_CATEGORIES if code not in ("Z", "ALL")]
