"""The organisations the national-scale demonstration adds to the 54 demonstration sites.

They are named after the primary care trusts, mental health trusts and prisons of each region
around 2006, so that a national view looks like England rather than like "Site 117". What is
fixed here is what a name implies: the kind of organisation, its region, whether it serves a
mostly rural area, and (for a few) a large South Asian community. Populations and minority
ethnic shares are drawn from the seed in `national.py`. Together with the demonstration sites
there are 212 organisations, the number of providers in the national review.
"""

from __future__ import annotations

from typing import NamedTuple

from data_access.demo.organisations import MHT, PCT, PRISON


class Place(NamedTuple):
    name: str
    kind: str
    region: str
    rurality: str  # urban | rural
    mix: str | None = None  # an ETHNIC_MIX key when the area's mix is not the region's usual


U, R, SA = "urban", "rural", "south_asian"

# fmt: off
PLACES: tuple[Place, ...] = (
    # North East, Yorkshire and Humber: 23
    Place("South West Yorkshire Mental Health NHS Trust", MHT, "NEYH", U, SA),
    Place("Rotherham, Doncaster and South Humber Mental Health NHS Trust", MHT, "NEYH", U),
    Place("Humber Mental Health Teaching NHS Trust", MHT, "NEYH", U),
    Place("Kirklees PCT", PCT, "NEYH", U, SA),
    Place("Calderdale PCT", PCT, "NEYH", U, SA),
    Place("Wakefield District PCT", PCT, "NEYH", U),
    Place("Barnsley PCT", PCT, "NEYH", U),
    Place("Rotherham PCT", PCT, "NEYH", U),
    Place("Doncaster PCT", PCT, "NEYH", U),
    Place("Hull Teaching PCT", PCT, "NEYH", U),
    Place("East Riding of Yorkshire PCT", PCT, "NEYH", R),
    Place("North Lincolnshire PCT", PCT, "NEYH", R),
    Place("Newcastle PCT", PCT, "NEYH", U),
    Place("Gateshead PCT", PCT, "NEYH", U),
    Place("Sunderland Teaching PCT", PCT, "NEYH", U),
    Place("County Durham PCT", PCT, "NEYH", R),
    Place("Middlesbrough PCT", PCT, "NEYH", U, SA),
    Place("Northumberland Care Trust", PCT, "NEYH", R),
    Place("HMP Durham", PRISON, "NEYH", U),
    Place("HMP Wakefield", PRISON, "NEYH", U),
    Place("HMP Hull", PRISON, "NEYH", U),
    Place("Darlington PCT", PCT, "NEYH", U),
    Place("Stockton-on-Tees Teaching PCT", PCT, "NEYH", U),
    # North West: 24
    Place("5 Boroughs Partnership NHS Trust", MHT, "NW", U),
    Place("Cheshire and Wirral Partnership NHS Trust", MHT, "NW", R),
    Place("Bolton, Salford and Trafford Mental Health NHS Trust", MHT, "NW", U),
    Place("Blackburn with Darwen PCT", PCT, "NW", U, SA),
    Place("Oldham PCT", PCT, "NW", U, SA),
    Place("Bolton PCT", PCT, "NW", U, SA),
    Place("Heywood, Middleton and Rochdale PCT", PCT, "NW", U, SA),
    Place("Salford PCT", PCT, "NW", U),
    Place("Trafford PCT", PCT, "NW", U),
    Place("Stockport PCT", PCT, "NW", U),
    Place("Tameside and Glossop PCT", PCT, "NW", U, SA),
    Place("Liverpool PCT", PCT, "NW", U),
    Place("Knowsley PCT", PCT, "NW", U),
    Place("Sefton PCT", PCT, "NW", U),
    Place("Wirral PCT", PCT, "NW", U),
    Place("Central and Eastern Cheshire PCT", PCT, "NW", R),
    Place("North Lancashire PCT", PCT, "NW", R),
    Place("East Lancashire PCT", PCT, "NW", U, SA),
    Place("HMP Liverpool", PRISON, "NW", U),
    Place("HMP Preston", PRISON, "NW", U),
    Place("HMP Risley", PRISON, "NW", U),
    Place("Warrington PCT", PCT, "NW", U),
    Place("HMP Styal", PRISON, "NW", R),
    Place("Cumbria Partnership NHS Trust", MHT, "NW", R),
    # West Midlands: 19
    Place("Dudley and Walsall Mental Health Partnership NHS Trust", MHT, "WM", U),
    Place("Sandwell Mental Health NHS and Social Care Trust", MHT, "WM", U, SA),
    Place("North Staffordshire Combined Healthcare NHS Trust", MHT, "WM", U),
    Place("Worcestershire Mental Health Partnership NHS Trust", MHT, "WM", R),
    Place("Heart of Birmingham Teaching PCT", PCT, "WM", U, SA),
    Place("South Birmingham PCT", PCT, "WM", U),
    Place("Birmingham East and North PCT", PCT, "WM", U, SA),
    Place("Sandwell PCT", PCT, "WM", U, SA),
    Place("Wolverhampton City PCT", PCT, "WM", U, SA),
    Place("Walsall Teaching PCT", PCT, "WM", U, SA),
    Place("Coventry Teaching PCT", PCT, "WM", U),
    Place("Warwickshire PCT", PCT, "WM", R),
    Place("Stoke on Trent PCT", PCT, "WM", U),
    Place("Worcestershire PCT", PCT, "WM", R),
    Place("Telford and Wrekin PCT", PCT, "WM", U),
    Place("HMP Featherstone", PRISON, "WM", R),
    Place("HMP Long Lartin", PRISON, "WM", R),
    Place("HMP Stafford", PRISON, "WM", U),
    Place("Dudley PCT", PCT, "WM", U),
    # East Midlands: 16
    Place("Nottingham City PCT", PCT, "EM", U),
    Place("Nottinghamshire County Teaching PCT", PCT, "EM", R),
    Place("Bassetlaw PCT", PCT, "EM", R),
    Place("Leicester City PCT", PCT, "EM", U, SA),
    Place("Leicestershire County and Rutland PCT", PCT, "EM", R),
    Place("Derby City PCT", PCT, "EM", U, SA),
    Place("Derbyshire County PCT", PCT, "EM", R),
    Place("Northamptonshire Teaching PCT", PCT, "EM", U),
    Place("Lincolnshire Teaching PCT", PCT, "EM", R),
    Place("HMP Nottingham", PRISON, "EM", U),
    Place("HMP Lincoln", PRISON, "EM", U),
    Place("HMP Leicester", PRISON, "EM", U),
    Place("HMP Whatton", PRISON, "EM", R),
    Place("Chesterfield PCT", PCT, "EM", U),
    Place("Mansfield District PCT", PCT, "EM", U),
    Place("Charnwood and North West Leicestershire PCT", PCT, "EM", R),
    # Eastern: 18
    Place("Hertfordshire Partnership NHS Foundation Trust", MHT, "EE", U),
    Place("North Essex Mental Health Partnership NHS Trust", MHT, "EE", R),
    Place("Suffolk Mental Health Partnership NHS Trust", MHT, "EE", R),
    Place("Luton Teaching PCT", PCT, "EE", U, SA),
    Place("Bedfordshire PCT", PCT, "EE", R),
    Place("West Hertfordshire PCT", PCT, "EE", U),
    Place("East and North Hertfordshire PCT", PCT, "EE", U),
    Place("Cambridgeshire PCT", PCT, "EE", R),
    Place("Peterborough PCT", PCT, "EE", U, SA),
    Place("Norfolk PCT", PCT, "EE", R),
    Place("Great Yarmouth and Waveney PCT", PCT, "EE", R),
    Place("North East Essex PCT", PCT, "EE", R),
    Place("West Essex PCT", PCT, "EE", U),
    Place("South West Essex PCT", PCT, "EE", U),
    Place("HMP Chelmsford", PRISON, "EE", U),
    Place("HMP Norwich", PRISON, "EE", U),
    Place("HMP Bedford", PRISON, "EE", U),
    Place("South East Essex PCT", PCT, "EE", U),
    # London: 23
    Place("Central and North West London Mental Health NHS Trust", MHT, "LDN", U),
    Place("Tavistock and Portman NHS Trust", MHT, "LDN", U),
    Place("Tower Hamlets PCT", PCT, "LDN", U),
    Place("Newham PCT", PCT, "LDN", U),
    Place("City and Hackney Teaching PCT", PCT, "LDN", U),
    Place("Lambeth PCT", PCT, "LDN", U),
    Place("Southwark PCT", PCT, "LDN", U),
    Place("Lewisham PCT", PCT, "LDN", U),
    Place("Brent Teaching PCT", PCT, "LDN", U),
    Place("Haringey Teaching PCT", PCT, "LDN", U),
    Place("Westminster PCT", PCT, "LDN", U),
    Place("Croydon PCT", PCT, "LDN", U),
    Place("Ealing PCT", PCT, "LDN", U),
    Place("Hounslow PCT", PCT, "LDN", U),
    Place("Redbridge PCT", PCT, "LDN", U),
    Place("Waltham Forest PCT", PCT, "LDN", U),
    Place("Greenwich Teaching PCT", PCT, "LDN", U),
    Place("Barking and Dagenham PCT", PCT, "LDN", U),
    Place("HMP Wandsworth", PRISON, "LDN", U),
    Place("HMP Pentonville", PRISON, "LDN", U),
    Place("HMP Wormwood Scrubs", PRISON, "LDN", U),
    Place("HMP Belmarsh", PRISON, "LDN", U),
    Place("Hammersmith and Fulham PCT", PCT, "LDN", U),
    # South East: 22
    Place("Berkshire Healthcare NHS Trust", MHT, "SE", U, SA),
    Place("Berkshire West PCT", PCT, "SE", U),
    Place("Berkshire East PCT", PCT, "SE", U, SA),
    Place("Buckinghamshire PCT", PCT, "SE", R),
    Place("Milton Keynes PCT", PCT, "SE", U),
    Place("Oxfordshire PCT", PCT, "SE", R),
    Place("Hampshire PCT", PCT, "SE", R),
    Place("Southampton City PCT", PCT, "SE", U),
    Place("Portsmouth City Teaching PCT", PCT, "SE", U),
    Place("Surrey PCT", PCT, "SE", U),
    Place("West Sussex PCT", PCT, "SE", R),
    Place("East Sussex Downs and Weald PCT", PCT, "SE", R),
    Place("Hastings and Rother PCT", PCT, "SE", R),
    Place("Brighton and Hove City PCT", PCT, "SE", U),
    Place("Eastern and Coastal Kent PCT", PCT, "SE", R),
    Place("West Kent PCT", PCT, "SE", R),
    Place("Medway PCT", PCT, "SE", U),
    Place("HMP Winchester", PRISON, "SE", U),
    Place("HMP Lewes", PRISON, "SE", U),
    Place("HMP Elmley", PRISON, "SE", R),
    Place("Crawley PCT", PCT, "SE", U),
    Place("Dartford, Gravesham and Swanley PCT", PCT, "SE", U),
    # South West: 13
    Place("Cornwall Partnership NHS Trust", MHT, "SW", R),
    Place("Somerset Partnership NHS Foundation Trust", MHT, "SW", R),
    Place("Gloucestershire Partnership NHS Trust", MHT, "SW", R),
    Place("Bristol Teaching PCT", PCT, "SW", U),
    Place("South Gloucestershire PCT", PCT, "SW", U),
    Place("Wiltshire PCT", PCT, "SW", R),
    Place("Swindon PCT", PCT, "SW", U),
    Place("Somerset PCT", PCT, "SW", R),
    Place("Plymouth Teaching PCT", PCT, "SW", U),
    Place("Bournemouth and Poole Teaching PCT", PCT, "SW", U),
    Place("HMP Bristol", PRISON, "SW", U),
    Place("HMP Exeter", PRISON, "SW", U),
    Place("Dorset HealthCare NHS Trust", MHT, "SW", R),
)
# fmt: on
