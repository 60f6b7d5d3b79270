"""The variation and assurance icons of NHS England's "Making Data Count", drawn as small SVGs.

Boards read them at a glance: a circle whose colour says improvement (blue), concern (orange),
neither (grey) or a change with no judgement (purple), with H or L for a high or low special
cause; the assurance icon says whether a target is consistently met (P), consistently missed
(F) or met or missed by chance (?). Each icon also carries its meaning as alternative text, so
nothing rests on colour or shape alone.
"""

from __future__ import annotations

from urllib.parse import quote

from dash import html

from dashboard.vocabulary import assurance_words, sentence_case, variation_words

GREY, BLUE, ORANGE, PURPLE = "#7B7D7D", "#0072B2", "#E69F00", "#7A4EAB"

#: icon key → (ring colour, letter, trend of the dots: -1 falling, 0 flat, +1 rising, words)
VARIATION_ICONS = {
    key: (colour, letter, direction, sentence_case(variation_words(key)))
    for key, colour, letter, direction in (
        ("common_cause", GREY, "", 0),
        ("improvement_high", BLUE, "H", 1),
        ("improvement_low", BLUE, "L", -1),
        ("concern_high", ORANGE, "H", 1),
        ("concern_low", ORANGE, "L", -1),
        ("neutral_high", PURPLE, "H", 1),
        ("neutral_low", PURPLE, "L", -1),
    )
}
ASSURANCE_ICONS = {
    key: (colour, letter, sentence_case(assurance_words(key)))
    for key, colour, letter in (
        ("consistent_pass", BLUE, "P"),
        ("consistent_fail", ORANGE, "F"),
        ("inconsistent", GREY, "?"),
    )
}


def _circle(colour: str, inner: str) -> str:
    return (
        '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 100 100">'
        f'<circle cx="50" cy="50" r="45" fill="white" stroke="{colour}" stroke-width="8"/>'
        f"{inner}</svg>"
    )


def variation_svg(key: str) -> str:
    """SVG markup of a variation icon (an unknown key draws the common-cause icon)."""
    colour, letter, direction, _ = VARIATION_ICONS.get(key, VARIATION_ICONS["common_cause"])
    dots = []
    for i in range(7):
        x = 22 + i * 9.3
        y = 62 - direction * (i - 3) * 4.5
        fill = colour if direction and i >= 4 else GREY
        dots.append(f'<circle cx="{x:.1f}" cy="{y:.1f}" r="4" fill="{fill}"/>')
    text = (
        f'<text x="50" y="44" text-anchor="middle" font-family="Arial" font-weight="bold" '
        f'font-size="30" fill="{colour}">{letter}</text>'
        if letter
        else ""
    )
    return _circle(colour, text + "".join(dots))


def assurance_svg(key: str) -> str:
    """SVG markup of an assurance icon."""
    colour, letter, _ = ASSURANCE_ICONS[key]
    return _circle(
        colour,
        f'<text x="50" y="66" text-anchor="middle" font-family="Arial" font-weight="bold" '
        f'font-size="46" fill="{colour}">{letter}</text>',
    )


def data_uri(svg: str) -> str:
    """An SVG as a data: URI, for an <img> or a Plotly layout image."""
    return "data:image/svg+xml;charset=utf-8," + quote(svg)


#: Where the app serves each icon (see `dashboard.factory`): a URL instead of a data: URI keeps
#: each panel update small, and the browser caches the few files once.
ICON_URL = "/icons/{group}/{key}.svg"


def icon_svg(group: str, key: str) -> str | None:
    """The SVG of a variation or assurance icon by its group and key, None when unknown."""
    if group == "variation" and key in VARIATION_ICONS:
        return variation_svg(key)
    if group == "assurance" and key in ASSURANCE_ICONS:
        return assurance_svg(key)
    return None


def _img(group: str, key: str, words: str, size: int) -> html.Img:
    return html.Img(
        src=ICON_URL.format(group=group, key=key),
        alt=words,
        title=words,
        width=size,
        height=size,
        className="spc-icon",
        **{"data-icon": key},
    )


def variation_icon(key: str | None, size: int = 36) -> html.Img | None:
    """The variation icon as an image with its meaning as alt text and tooltip."""
    if key not in VARIATION_ICONS:
        return None
    return _img("variation", key, VARIATION_ICONS[key][3], size)


def assurance_icon(key: str | None, size: int = 36) -> html.Img | None:
    """The assurance icon, or None when there is no target (or no judgement)."""
    if key not in ASSURANCE_ICONS:
        return None
    return _img("assurance", key, ASSURANCE_ICONS[key][2], size)
