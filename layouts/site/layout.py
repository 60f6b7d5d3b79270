"""My site (`/site/<code>`): a site lead's own site against its targets, its region and
England, with statistical process control, by characteristic, and the quality of its data.

The page is a site picker, a store with the site's code and the content, which the callback
draws from the data (`site_content`); every builder here is pure."""

from __future__ import annotations

from dataclasses import replace

import dash_bootstrap_components as dbc
import pandas as pd
from dash import dcc, html

from dashboard.selection import Catalogue, Selection
from dashboard.site.data import SiteData
from dashboard.vocabulary import ON_QUARTERS
from layouts.overview.layout import trust_options
from layouts.shell.layout import message
from layouts.site import ids
from layouts.site.measures import characteristic_sections
from layouts.site.plan import characteristic_names, plan_section
from layouts.site.summary import data_quality, site_header, small_numbers_note, summary_panel


def site_options(selection: Selection, catalogue: Catalogue, current: str | None) -> list[dict]:
    """The organisations in the selection's regions and rurality (the selection's single trust
    first), and the site on screen even when the filters leave it out."""
    orgs = catalogue.organisations_in(selection.regions, selection.rurality)
    if orgs.empty:
        return []
    first = [selection.trusts[0]] if len(selection.trusts) == 1 else []
    if current and current not in set(orgs["code"]):
        extra = catalogue.organisations[catalogue.organisations["code"] == current]
        orgs = pd.concat([orgs, extra])
    rank = orgs["code"].map(lambda c: 0 if c in first else 1)
    return trust_options(orgs.assign(rank=rank).sort_values("rank", kind="stable"))


def site_href(code: str, selection: Selection) -> str:
    return f"/site/{code}{selection.to_query()}"


def layout(
    selection: Selection, catalogue: Catalogue, search: str = "", code: str | None = None
) -> html.Div:
    """The page for a (validated) selection: the picker, and the content the callback draws."""
    known = set(catalogue.organisations.get("code", []))
    return html.Div(
        [
            html.Div(
                [
                    html.H1("My site", className="h3 site-title"),
                    html.Div(
                        [
                            dbc.Label(
                                "Site", html_for=ids.SITE_PICKER, className="site-pick-label"
                            ),
                            dcc.Dropdown(
                                id=ids.SITE_PICKER,
                                options=site_options(selection, catalogue, code),
                                value=code if code in known else None,
                                clearable=False,
                                placeholder="Choose a trust, PCT or prison",
                                className="site-picker",
                            ),
                        ],
                        className="site-pick",
                    ),
                ],
                className="site-top",
            ),
            dcc.Store(id=ids.SITE_CODE, data=code),
            dcc.Loading(
                html.Div(id=ids.SITE_CONTENT, className="site-content"),
                type="dot",
                delay_show=300,
            ),
        ],
        className="site-page",
    )


def choose_site(selection: Selection, catalogue: Catalogue) -> list:
    """What /site shows without a code: how to choose, and the selection's trust if single."""
    children: list = [
        message(
            "Choose your site above to see its agreed measures against its targets, its region "
            "and England. The list follows the region and rural/urban filters of the selection."
        )
    ]
    if len(selection.trusts) == 1:
        orgs = catalogue.organisations
        name = orgs.loc[orgs["code"] == selection.trusts[0], "name"]
        if not name.empty:
            children.append(
                dcc.Link(
                    f"Open {name.iloc[0]}",
                    href=site_href(selection.trusts[0], selection),
                    className="btn btn-primary site-open",
                )
            )
    return children


def unknown_site(code: str) -> list:
    return [
        message(
            f"There is no site with the code {code!r}. Choose a site from the list above.",
            tone="warning",
        )
    ]


def _measure_note(data: SiteData, selection: Selection) -> html.P | None:
    """When the menu narrows the site's measures, say so and offer all of them."""
    if selection.measures is None or len(data.measures) == data.adopted:
        return None
    return html.P(
        [
            f"Showing {len(data.measures)} of the {data.adopted} measures this site agreed "
            "(the measures chosen in the menu). ",
            dcc.Link(
                "Show all of them", href=site_href(data.code, replace(selection, measures=None))
            ),
        ],
        className="site-measure-note",
    )


def site_content(
    data: SiteData,
    selection: Selection,
    catalogue: Catalogue,
    threshold: int = 10,
    sections: list | None = None,
) -> list:
    """Header, summary, data quality, the action plan and the measures by characteristic
    (`sections`: those of `measure_sections`, built already)."""
    plan = plan_section(data.plan, characteristic_names(catalogue))
    if not data.measures:
        text = (
            "This site has not agreed any measure on the menu."
            if not data.adopted
            else "None of the measures chosen in the menu is one this site agreed."
        )
        children = [site_header(data), message(text)]
        if data.adopted:
            href = site_href(data.code, replace(selection, measures=None))
            children.append(dcc.Link("Show the site's agreed measures", href=href))
        return [*children, plan]
    if not any(m.has_data for m in data.measures):
        return [
            site_header(data),
            message(
                f"No returns from {data.name} in {data.span or 'the selected periods'}. "
                "Widen the period range, or check that the site's returns were accepted.",
                tone="warning",
            ),
            plan,
        ]
    pool_href = None
    if selection.pooling == "quarter":
        pool_href = site_href(data.code, replace(selection, pooling="year"))
    if sections is None:
        sections = measure_sections(data, catalogue, threshold)
    return [
        site_header(data),
        _measure_note(data, selection),
        summary_panel(data),
        small_numbers_note(data, pool_href, threshold),
        data_quality(data),
        plan,
        html.H2("Agreed measures", className="site-section-title"),
        html.P(
            "Each chart is an XmR chart (Making Data Count): the mean (solid), process limits "
            "(dashed), the site's target (green, dotted), points of special-cause improvement "
            "(blue) or concern (orange); hollow points rest on small numbers. The icons say "
            "whether the latest point shows a special cause and whether the target is "
            "consistently met."
            if data.pooling == "quarter"
            else "Each chart shows the rolling values with their 95% intervals (shaded); hollow "
            "points rest on small numbers. The icons are the XmR verdict (Making Data Count) "
            f"{ON_QUARTERS}: whether the latest quarter shows a special cause and whether the "
            "target is consistently met.",
            className="caption site-key",
        ),
        *sections,
    ]


def measure_sections(data: SiteData, catalogue: Catalogue, threshold: int = 10) -> list:
    """The site's measures by characteristic, each a card with its chart (figures only: no
    plan, so the same for everyone with the same rights until the data change)."""
    return characteristic_sections(data, characteristic_names(catalogue), threshold)
