"""Deterministic demonstration data shaped like the published figures (see PUBLISHED_FIGURES)."""
