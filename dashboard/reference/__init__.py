"""Reference data: regions and organisations loaded from a file (CSV or Excel), by the command
line (`flask load-reference`) and the administrators' page (/data/organisations).

The package's public names are here; each concern has its module: the words for kinds and
rural/urban classes (words), reading a row (reading), checking the file as a whole (checking),
and comparing with what is stored and storing it (loading).
"""

from dashboard.reference.loading import (
    Change,
    LoadResult,
    load_reference,
    reference_table,
    stored_tables,
)
from dashboard.reference.reading import COLUMNS, Problem, ReferenceRefused

__all__ = [
    "COLUMNS",
    "Change",
    "LoadResult",
    "Problem",
    "ReferenceRefused",
    "load_reference",
    "reference_table",
    "stored_tables",
]
