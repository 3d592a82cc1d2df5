"""The timeline as a picture: an SVG drawn from the timeline's JSON form (the brief's ``timeline``, or
:meth:`storyline.corpus.Corpus.timeline`). ElementTree writes it, so article text in it is escaped."""

from __future__ import annotations

import textwrap
import xml.etree.ElementTree as ElementTree
from typing import Any

WIDTH = 900
# x of the time axis: dates are written to its left, statements to its right.
AXIS_X = 150
LINE_HEIGHT = 16
TOP = 40
WRAP_CHARS = 95
MAX_LINES = 3
DATED_COLOUR = "#1f6feb"
MUTED_COLOUR = "#666"


def timeline(entries: list[dict[str, Any]]) -> str:
    """A vertical timeline: one row per entry with its date, its first statement and the outlets stating it."""
    rows = []
    y = TOP
    for entry in entries:
        lines = textwrap.wrap(entry["text"], WRAP_CHARS)[:MAX_LINES]
        # An outlet without a name is shown by its article's id.
        article_ids = dict.fromkeys(statement["article"] for statement in entry["statements"])
        sources = ", ".join(source or article_id for source, article_id in zip(entry["sources"], article_ids))
        rows.append((entry, y, lines, sources))
        y += LINE_HEIGHT * (len(lines) + 1) + 14
    svg = ElementTree.Element("svg", xmlns="http://www.w3.org/2000/svg", width=str(WIDTH), height=str(y + 20),
                              viewBox=f"0 0 {WIDTH} {y + 20}", attrib={"font-family": "sans-serif", "font-size": "12"})
    ElementTree.SubElement(svg, "rect", width="100%", height="100%", fill="white")
    ElementTree.SubElement(svg, "text", x="20", y="24", attrib={"font-size": "15", "font-weight": "bold"}).text = \
        "Timeline"
    ElementTree.SubElement(svg, "line", x1=str(AXIS_X), y1="34", x2=str(AXIS_X), y2=str(y), stroke="#888",
                           attrib={"stroke-width": "2"})
    for entry, top, lines, sources in rows:
        dated = entry["value"] is not None
        ElementTree.SubElement(svg, "circle", cx=str(AXIS_X), cy=str(top + 8), r="6",
                               fill=DATED_COLOUR if dated else "white", stroke=DATED_COLOUR,
                               attrib={"stroke-width": "2"})
        ElementTree.SubElement(svg, "text", x=str(AXIS_X - 14), y=str(top + 12), attrib={
            "text-anchor": "end", "font-weight": "bold", "fill": DATED_COLOUR if dated else MUTED_COLOUR}).text = \
            f"#{entry['order'] + 1}  {entry['label']}"
        for number, line in enumerate(lines):
            ElementTree.SubElement(svg, "text", x=str(AXIS_X + 16), y=str(top + 12 + number * LINE_HEIGHT)).text = line
        ElementTree.SubElement(svg, "text", x=str(AXIS_X + 16), y=str(top + 12 + len(lines) * LINE_HEIGHT),
                               fill=MUTED_COLOUR, attrib={"font-style": "italic"}).text = sources
    return ElementTree.tostring(svg, encoding="unicode")
