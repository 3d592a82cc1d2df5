"""Stories: each arriving article joins a story or starts one; the index, its features and publication dates."""
