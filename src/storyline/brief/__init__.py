"""The sourced brief: assembled from the story-level stages' results (``build``), written as Markdown or HTML
(``render``), its timeline drawn as SVG (``svg``)."""
