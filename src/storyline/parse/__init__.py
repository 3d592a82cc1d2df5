"""The models every later stage reads: spaCy's parse (with Storyline's NER fixes) and sentence embeddings."""
