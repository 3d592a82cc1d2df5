"""Per-article stages: each reads one article and its one parse, and returns spans into its text."""
