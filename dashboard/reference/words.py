"""Organisation kinds and rural/urban classes in words: how the pages name them, and which
words a reference file may use for them.

Pure Python (no database, no Dash): the pages, the loader and the API take their words from
here, so an integrated care board is called the same everywhere.
"""

from __future__ import annotations

import re

#: Each kind of organisation in words, in the order of data_access.models.ORGANISATION_KINDS
#: (a test holds the two in step).
KIND_WORDS = {
    "integrated_care_board": "Integrated care board",
    "sub_icb_location": "Sub-ICB location",
    "nhs_trust": "NHS trust",
    "independent_provider": "Independent provider",
    "prison": "Prison",
    "primary_care_trust": "Primary care trust",
    "mental_health_trust": "Mental health trust",
    "country": "Country",
}
#: The kinds a reference file may give: a country's figures come with a publication's import.
FILE_KINDS = tuple(k for k in KIND_WORDS if k != "country")
#: A word or two for a crowded label (the site filter's options).
KIND_SHORT = {
    "integrated_care_board": "ICB",
    "sub_icb_location": "sub-ICB",
    "nhs_trust": "trust",
    "independent_provider": "independent",
    "prison": "prison",
    "primary_care_trust": "PCT",
    "mental_health_trust": "trust",
    "country": "country",
}
#: Other names a file may give a kind: the abbreviations, and NHS England's own terms in its
#: published statistics ("Sub ICB", "Independent Health Provider").
KIND_ALIASES = {
    "icb": "integrated_care_board",
    "sub icb": "sub_icb_location",
    "pct": "primary_care_trust",
    "mht": "mental_health_trust",
    "trust": "nhs_trust",
    "independent health provider": "independent_provider",
    "hmp": "prison",
}
#: How the pages say an organisation's rural/urban class, and that it has none.
RURALITY_WORDS = {"urban": "urban", "rural": "rural"}
NO_RURALITY = "no rural/urban class"
#: What the rural/urban filter says about the sites that have no class.
UNCLASSIFIED_SITES = "Sites with no rural/urban class count under All sites only."


def _key(text: str) -> str:
    """Text compared without case, spaces, hyphens or underscores mattering."""
    return re.sub(r"[\s_-]+", " ", text).strip().lower()


_KNOWN = {
    **{_key(code): code for code in KIND_WORDS},
    **{_key(words): code for code, words in KIND_WORDS.items()},
    **{_key(alias): code for alias, code in KIND_ALIASES.items()},
}


def kind_words(kind: str | None) -> str:
    """'Integrated care board' for integrated_care_board (an unknown code as it is)."""
    return KIND_WORDS.get(kind or "", kind or "")


def kind_short(kind: str | None) -> str:
    """'ICB' for integrated_care_board (an unknown code as it is)."""
    return KIND_SHORT.get(kind or "", kind or "")


def parse_kind(text: str) -> str | None:
    """The kind's code from its code, its words or an alias, in any case; None if unknown."""
    return _KNOWN.get(_key(text))


def allowed_kinds() -> str:
    """The kinds a file may name, in words, for the message that refuses another."""
    words = [
        w if w.startswith(("NHS", "Sub-ICB")) else w.lower()
        for k, w in KIND_WORDS.items()
        if k in FILE_KINDS
    ]
    return ", ".join(words[:-1]) + " or " + words[-1]


def rurality_words(rurality: object) -> str:
    """'urban', 'rural', or that there is no class (None, NaN or blank)."""
    if isinstance(rurality, str) and rurality:
        return RURALITY_WORDS.get(rurality, rurality)
    return NO_RURALITY
