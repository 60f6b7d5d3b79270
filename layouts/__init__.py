"""Pure builder functions: data in, components out. Nothing here queries the database."""
