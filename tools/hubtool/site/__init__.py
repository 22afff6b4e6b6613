"""What the MkDocs hooks call: collections, languages, listings and per-page data for the theme."""
