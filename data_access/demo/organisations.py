"""Demonstration organisations: the sites the seed reports name, and their neighbours.

Populations and minority ethnic shares are rounded from the 2001 census for the areas the
organisations served; prisons carry their operational capacity and a prison-like ethnic mix.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class DemoOrganisation:
    code: str
    name: str
    kind: str  # mental_health_trust | primary_care_trust | prison
    region: str
    rurality: str  # urban | rural
    population: int
    bme_share: float  # share of the population in a stated group other than White British
    mix: str  # key of ETHNIC_MIX


MHT, PCT, PRISON = "mental_health_trust", "primary_care_trust", "prison"

# fmt: off
ORGANISATIONS: list[DemoOrganisation] = [
    # North East, Yorkshire and Humber
    DemoOrganisation("BDCT", "Bradford District Care Trust", MHT, "NEYH", "urban", 500_000, 0.22, "south_asian"),
    DemoOrganisation("LPFT", "Leeds Partnerships NHS Foundation Trust", MHT, "NEYH", "urban", 750_000, 0.11, "urban_mixed"),
    DemoOrganisation("SHCT", "Sheffield Care Trust", MHT, "NEYH", "urban", 530_000, 0.11, "urban_mixed"),
    DemoOrganisation("NTW", "Northumberland, Tyne and Wear NHS Trust", MHT, "NEYH", "urban", 1_400_000, 0.04, "urban_mixed"),
    DemoOrganisation("TEWV", "Tees, Esk and Wear Valleys NHS Trust", MHT, "NEYH", "rural", 1_500_000, 0.025, "rural"),
    DemoOrganisation("NYYPCT", "North Yorkshire and York PCT", PCT, "NEYH", "rural", 790_000, 0.02, "rural"),
    DemoOrganisation("HMPLDS", "HMP Leeds", PRISON, "NEYH", "urban", 1_100, 0.3, "prison"),
    # North West
    DemoOrganisation("MMHSCT", "Manchester Mental Health and Social Care Trust", MHT, "NW", "urban", 460_000, 0.23, "urban_mixed"),
    DemoOrganisation("LCFT", "Lancashire Care NHS Foundation Trust", MHT, "NW", "urban", 1_400_000, 0.07, "south_asian"),
    DemoOrganisation("MERSEY", "Mersey Care NHS Trust", MHT, "NW", "urban", 600_000, 0.06, "urban_mixed"),
    DemoOrganisation("PENN", "Pennine Care NHS Trust", MHT, "NW", "urban", 1_200_000, 0.09, "south_asian"),
    DemoOrganisation("CUMPCT", "Cumbria PCT", PCT, "NW", "rural", 490_000, 0.015, "rural"),
    DemoOrganisation("HMPMAN", "HMP Manchester", PRISON, "NW", "urban", 1_200, 0.25, "prison"),
    # West Midlands
    DemoOrganisation("BSMHFT", "Birmingham and Solihull Mental Health NHS Foundation Trust", MHT, "WM", "urban", 1_200_000, 0.3, "south_asian"),
    DemoOrganisation("CWPT", "Coventry and Warwickshire Partnership Trust", MHT, "WM", "urban", 850_000, 0.1, "urban_mixed"),
    DemoOrganisation("SSSFT", "South Staffordshire and Shropshire Healthcare NHS Foundation Trust", MHT, "WM", "rural", 1_100_000, 0.04, "rural"),
    DemoOrganisation("HEREPCT", "Herefordshire PCT", PCT, "WM", "rural", 180_000, 0.015, "rural"),
    DemoOrganisation("SHROPCT", "Shropshire County PCT", PCT, "WM", "rural", 290_000, 0.015, "rural"),
    DemoOrganisation("HMPBHM", "HMP Birmingham", PRISON, "WM", "urban", 1_400, 0.35, "prison"),
    # East Midlands
    DemoOrganisation("NHCT", "Nottinghamshire Healthcare NHS Trust", MHT, "EM", "urban", 1_000_000, 0.08, "urban_mixed"),
    DemoOrganisation("LPT", "Leicestershire Partnership NHS Trust", MHT, "EM", "urban", 950_000, 0.15, "south_asian"),
    DemoOrganisation("NHFT", "Northamptonshire Healthcare NHS Foundation Trust", MHT, "EM", "urban", 690_000, 0.07, "urban_mixed"),
    DemoOrganisation("LPFTL", "Lincolnshire Partnership NHS Foundation Trust", MHT, "EM", "rural", 700_000, 0.02, "rural"),
    DemoOrganisation("DMHS", "Derbyshire Mental Health Services NHS Trust", MHT, "EM", "rural", 1_000_000, 0.04, "rural"),
    DemoOrganisation("HMPMH", "HMP Morton Hall", PRISON, "EM", "rural", 390, 0.4, "prison"),
    # Eastern
    DemoOrganisation("NWMHP", "Norfolk and Waveney Mental Health Partnership NHS Trust", MHT, "EE", "rural", 850_000, 0.025, "rural"),
    DemoOrganisation("CPFT", "Cambridgeshire and Peterborough NHS Foundation Trust", MHT, "EE", "rural", 780_000, 0.06, "rural"),
    DemoOrganisation("SEPT", "South Essex Partnership University NHS Foundation Trust", MHT, "EE", "urban", 800_000, 0.05, "urban_mixed"),
    DemoOrganisation("BLPT", "Bedfordshire and Luton Mental Health and Social Care Partnership NHS Trust", MHT, "EE", "urban", 600_000, 0.15, "south_asian"),
    DemoOrganisation("SUFPCT", "Suffolk PCT", PCT, "EE", "rural", 700_000, 0.03, "rural"),
    DemoOrganisation("HMPWAY", "HMP Wayland", PRISON, "EE", "rural", 1_000, 0.2, "prison"),
    # London
    DemoOrganisation("SLAM", "South London and Maudsley NHS Foundation Trust", MHT, "LDN", "urban", 1_100_000, 0.35, "london"),
    DemoOrganisation("ELFT", "East London NHS Foundation Trust", MHT, "LDN", "urban", 700_000, 0.45, "london"),
    DemoOrganisation("CIFT", "Camden and Islington NHS Foundation Trust", MHT, "LDN", "urban", 420_000, 0.3, "london"),
    DemoOrganisation("WLMHT", "West London Mental Health NHS Trust", MHT, "LDN", "urban", 700_000, 0.35, "london"),
    DemoOrganisation("BEHMHT", "Barnet, Enfield and Haringey Mental Health NHS Trust", MHT, "LDN", "urban", 870_000, 0.35, "london"),
    DemoOrganisation("NELFT", "North East London NHS Foundation Trust", MHT, "LDN", "urban", 750_000, 0.35, "london"),
    DemoOrganisation("OXLEAS", "Oxleas NHS Foundation Trust", MHT, "LDN", "urban", 700_000, 0.2, "london"),
    DemoOrganisation("SWLSTG", "South West London and St George's Mental Health NHS Trust", MHT, "LDN", "urban", 1_000_000, 0.25, "london"),
    DemoOrganisation("HMPBRX", "HMP Brixton", PRISON, "LDN", "urban", 800, 0.5, "prison"),
    DemoOrganisation("HMPHOL", "HMP Holloway", PRISON, "LDN", "urban", 500, 0.4, "prison"),
    # South East
    DemoOrganisation("HPT", "Hampshire Partnership NHS Trust", MHT, "SE", "rural", 1_300_000, 0.04, "rural"),
    DemoOrganisation("IOWPCT", "Isle of Wight PCT", PCT, "SE", "rural", 140_000, 0.015, "rural"),
    DemoOrganisation("SPFT", "Sussex Partnership NHS Trust", MHT, "SE", "urban", 1_500_000, 0.04, "urban_mixed"),
    DemoOrganisation("KMPT", "Kent and Medway NHS and Social Care Partnership Trust", MHT, "SE", "urban", 1_600_000, 0.05, "urban_mixed"),
    DemoOrganisation("OBMH", "Oxfordshire and Buckinghamshire Mental Health NHS Foundation Trust", MHT, "SE", "urban", 1_100_000, 0.08, "south_asian"),
    DemoOrganisation("SABP", "Surrey and Borders Partnership NHS Trust", MHT, "SE", "urban", 1_200_000, 0.06, "urban_mixed"),
    # South West
    DemoOrganisation("DORPCT", "Dorset PCT", PCT, "SW", "rural", 400_000, 0.025, "rural"),
    DemoOrganisation("AWP", "Avon and Wiltshire Mental Health Partnership NHS Trust", MHT, "SW", "urban", 1_600_000, 0.06, "urban_mixed"),
    DemoOrganisation("CIOSPCT", "Cornwall and Isles of Scilly PCT", PCT, "SW", "rural", 530_000, 0.01, "rural"),
    DemoOrganisation("DPT", "Devon Partnership NHS Trust", MHT, "SW", "rural", 1_100_000, 0.015, "rural"),
    DemoOrganisation("GLOSPCT", "Gloucestershire PCT", PCT, "SW", "rural", 580_000, 0.03, "rural"),
    DemoOrganisation("HMPVRN", "HMP The Verne", PRISON, "SW", "rural", 580, 0.3, "prison"),
    DemoOrganisation("HMPGM", "HMP Guys Marsh", PRISON, "SW", "rural", 560, 0.25, "prison"),
]
# fmt: on

#: Relative weights of the stated minority groups (B-S) within an area's BME population.
# fmt: off
ETHNIC_MIX: dict[str, dict[str, float]] = {
    "london": dict(B=0.08, C=0.22, D=0.03, E=0.02, F=0.03, G=0.03, H=0.1, J=0.03, K=0.05, L=0.05, M=0.11, N=0.16, P=0.03, R=0.03, S=0.04),
    "south_asian": dict(B=0.04, C=0.1, D=0.03, E=0.01, F=0.02, G=0.02, H=0.16, J=0.38, K=0.08, L=0.04, M=0.04, N=0.02, P=0.01, R=0.02, S=0.03),
    "urban_mixed": dict(B=0.1, C=0.2, D=0.06, E=0.02, F=0.03, G=0.03, H=0.1, J=0.12, K=0.03, L=0.04, M=0.1, N=0.06, P=0.02, R=0.04, S=0.05),
    "rural": dict(B=0.2, C=0.45, D=0.04, E=0.01, F=0.04, G=0.03, H=0.05, J=0.02, K=0.01, L=0.03, M=0.02, N=0.03, P=0.01, R=0.04, S=0.02),
    "prison": dict(B=0.04, C=0.12, D=0.08, E=0.03, F=0.02, G=0.05, H=0.05, J=0.08, K=0.04, L=0.05, M=0.18, N=0.12, P=0.08, R=0.01, S=0.05),
}
# fmt: on
