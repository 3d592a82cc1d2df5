"""Story-level stages: they read a story's articles together and compare what the outlets say."""
