"""The sourced brief: assembled from the story-level stages, rendered as JSON, Markdown or HTML."""
