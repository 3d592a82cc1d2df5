"""Score the attribution extractor against brat annotations (PolNeAR layout) and write its raw predictions.

    python eval/quotes.py ../shared/data/polnear [--part tune|report|all] [--json] [--predictions FILE] [--limit N]

DIR is a corpus root holding ``<split>/`` or ``data/<split>/`` (rules are tuned on the train split, ``--part
tune``, and reported on dev, ``--part report``, the default; ``all`` takes both), or any directory of ``.txt``
files whose brat annotations sit beside them (``NAME.ann``) or in a sibling ``attributions/`` directory
(``NAME_<annotator>.ann``, the first in name order when several annotators did one text). Gold attributions are the
brat events linking a Content to its Cue and, when annotated, its Source; spans may be discontinuous (``start
end;start end``), and an event may repeat a role (``Content2``: "“A,” he said. “B”"), whose fragments then join the
same content.

Measures (all on word tokens, ``\\w+``, so punctuation and spaces at span edges do not count):
- content P/R/F1 with exact boundaries: the predicted content's first and last word equal the gold content's first
  and last word (a discontinuous gold content counts from its first fragment to its last);
- content P/R/F1 at >= 50% overlap: the shared words are at least half the words of both the predicted and the gold
  content; predictions and gold are paired one to one, best overlap first;
- the same for direct quotes alone: a gold content is direct when its text begins with an opening quote mark
  (“ " '' ‘ ' after leading spaces); a prediction is direct when it says so;
- speaker accuracy: over the 50%-overlap pairs whose gold has a Source, the share whose predicted source overlaps it.

Offsets: ``Article`` normalises text, so each prediction is mapped back to the raw ``.txt`` before it is written
or scored. ``--predictions`` writes one JSON object a line: doc (the .txt stem), content, cue and source as
``[start, end]`` into the raw text (or null), speaker (the resolved entity's longest name in the text, or null)
and direct.
"""

from __future__ import annotations

import argparse
import difflib
import json
import re
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from tqdm import tqdm

from storyline.extract import mentions as mention_stage
from storyline.extract import quotes
from storyline.parse import nlp
from storyline.model import Article, Attribution, Mention

WORD = re.compile(r"\w+")
OPENING_MARKS = ("“", '"', "''", "‘", "'", "``", "„", "«")
HALF = 0.5
PART_SPLITS = {"tune": ("train",), "report": ("dev",), "all": ("train", "dev")}
PART_NAMES = {"tune": "tuning part (train)", "report": "reporting part (dev)",
              "all": "tuning and reporting parts (train and dev)"}


@dataclass
class GoldAttribution:
    content: list[tuple[int, int]]
    source: list[tuple[int, int]] | None
    direct: bool


@dataclass
class Document:
    stem: str
    text: str
    gold: list[GoldAttribution]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("dir", type=Path)
    parser.add_argument("--part", choices=PART_SPLITS, default="report",
                        help="train (tune), dev (report, the default) or both")
    parser.add_argument("--json", action="store_true", help="print one JSON object of all figures")
    parser.add_argument("--predictions", type=Path, help="write every predicted attribution as JSON Lines")
    parser.add_argument("--limit", type=int, help="score only the first N documents")
    args = parser.parse_args(argv)
    directories, part = part_dirs(args.dir, args.part)
    documents = [d for directory in directories for d in read_corpus(directory)][: args.limit]
    if not documents:
        print(f"{args.dir}: no .txt files with brat annotations found", file=sys.stderr)
        return 2
    predictions = list(predict(documents))
    if args.predictions:
        with args.predictions.open("w", encoding="utf-8") as out:
            for row in predictions:
                out.write(json.dumps(row) + "\n")
    figures = {"part": part, **score(documents, predictions)}
    print(json.dumps(figures, indent=2) if args.json else report(figures))
    return 0


# --- reading the corpus ---------------------------------------------------------------------------------------

def part_dirs(root: Path, part: str) -> tuple[list[Path], str]:
    """The split directories of the part, and how to name them; a root without splits is one part of its own."""
    found = [candidate for split in PART_SPLITS[part] for candidate in (root / "data" / split, root / split)
             if candidate.is_dir()]
    if not found:
        return [root], f"every annotated text under {root}"
    return found, PART_NAMES[part]


def read_corpus(directory: Path) -> Iterator[Document]:
    for text_path in sorted(directory.rglob("*.txt")):
        annotation = annotation_path(text_path)
        if annotation is not None:
            text = text_path.read_text(encoding="utf-8")
            yield Document(text_path.stem, text, read_brat(annotation, text))


def annotation_path(text_path: Path) -> Path | None:
    beside = text_path.with_suffix(".ann")
    if beside.exists():
        return beside
    sibling = text_path.parent.parent / "attributions"
    found = sorted(sibling.glob(f"{glob_escape(text_path.stem)}_*.ann")) if sibling.is_dir() else []
    return found[0] if found else None


def glob_escape(name: str) -> str:
    return re.sub(r"([*?\[])", r"[\1]", name)


def read_brat(path: Path, text: str) -> list[GoldAttribution]:
    spans: dict[str, list[tuple[int, int]]] = {}
    events: list[dict[str, str]] = []
    for line in path.read_text(encoding="utf-8").split("\n"):
        fields = line.split("\t")
        # Span texts may contain line breaks, so only lines that start with an id are records.
        if len(fields) >= 2 and re.fullmatch(r"T\d+", fields[0]):
            _, _, offsets = fields[1].partition(" ")
            spans[fields[0]] = [(int(a), int(b)) for a, b in (part.split() for part in offsets.split(";"))]
        elif len(fields) >= 2 and re.fullmatch(r"E\d+", fields[0]):
            events.append(dict(arg.split(":", 1) for arg in fields[1].split() if ":" in arg))
    gold = []
    for event in events:
        content = fragments(spans, event, "Content")
        if content:
            source = fragments(spans, event, "Source") or None
            gold.append(GoldAttribution(content, source, begins_with_quote(text[content[0][0]:content[0][1]])))
    return gold


def fragments(spans: dict[str, list[tuple[int, int]]], event: dict[str, str], role: str) -> list[tuple[int, int]]:
    """All fragments of one role, in text order: brat repeats a role as ``Content2`` … when one attribution's
    content comes in pieces ("“A,” he said. “B”")."""
    return sorted(fragment for key, span_id in event.items() if re.fullmatch(rf"{role}\d*", key)
                  for fragment in spans.get(span_id, []))


def begins_with_quote(text: str) -> bool:
    return text.lstrip().startswith(OPENING_MARKS)


# --- predicting -----------------------------------------------------------------------------------------------

def predict(documents: list[Document]) -> Iterator[dict]:
    articles = [Article(document.text) for document in documents]
    parsed = tqdm(zip(documents, articles, nlp.parse(a.text for a in articles)), total=len(documents),
                  desc="documents", unit="doc", file=sys.stderr)
    for document, article, doc in parsed:
        mentions = mention_stage.extract(article, doc)
        to_raw = offset_map(article.text, document.text)
        names = longest_names(article, mentions)
        for attribution in quotes.extract(article, doc, mentions):
            yield prediction(document.stem, attribution, to_raw, names)


def longest_names(article: Article, mentions: list[Mention]) -> dict[str, str]:
    names: dict[str, str] = {}
    for mention in mentions:
        name = mention.span.text(article)
        if mention.entity_id and len(name) > len(names.get(mention.entity_id, "")):
            names[mention.entity_id] = name
    return names


def offset_map(normalised: str, raw: str) -> list[int]:
    """Raw offset of each normalised offset (and of the end), through the edits normalisation made."""
    mapping = [0] * (len(normalised) + 1)
    matcher = difflib.SequenceMatcher(None, normalised, raw, autojunk=False)
    for tag, n0, n1, r0, r1 in matcher.get_opcodes():
        for offset in range(n0, n1 + 1):
            mapping[offset] = r0 + min(offset - n0, r1 - r0) if tag != "equal" else r0 + offset - n0
    return mapping


def prediction(stem: str, attribution: Attribution, to_raw: list[int], names: dict[str, str]) -> dict:
    def raw(span):
        return [to_raw[span.start], to_raw[span.end]] if span else None

    return {"doc": stem, "content": raw(attribution.content), "cue": raw(attribution.cue),
            "source": raw(attribution.source), "speaker": names.get(attribution.speaker or ""),
            "direct": attribution.direct}


# --- scoring --------------------------------------------------------------------------------------------------

class Words:
    """The word tokens of one text, to turn character spans into sets of word indices."""

    def __init__(self, text: str) -> None:
        self.starts = [m.start() for m in WORD.finditer(text)]

    def of(self, fragments: list[tuple[int, int]]) -> frozenset[int]:
        return frozenset(i for i, start in enumerate(self.starts) for a, b in fragments if a <= start < b)


def score(documents: list[Document], predictions: list[dict]) -> dict:
    by_doc: dict[str, list[dict]] = {}
    for row in predictions:
        by_doc.setdefault(row["doc"], []).append(row)
    totals = {key: Counts() for key in ("all_exact", "all_overlap", "direct_exact", "direct_overlap")}
    speaker_right = speaker_total = 0
    for document in documents:
        words = Words(document.text)
        gold = [(g, words.of(g.content)) for g in document.gold]
        predicted = [(p, words.of([tuple(p["content"])])) for p in by_doc.get(document.stem, [])]
        gold = [(g, w) for g, w in gold if w]
        predicted = [(p, w) for p, w in predicted if w]
        pairs = pair(predicted, gold, overlap_enough)
        totals["all_overlap"].add(len(pairs), len(predicted), len(gold))
        totals["all_exact"].add(len(pair(predicted, gold, same_extent)), len(predicted), len(gold))
        direct_predicted = [(p, w) for p, w in predicted if p["direct"]]
        direct_gold = [(g, w) for g, w in gold if g.direct]
        totals["direct_overlap"].add(len(pair(direct_predicted, direct_gold, overlap_enough)),
                                     len(direct_predicted), len(direct_gold))
        totals["direct_exact"].add(len(pair(direct_predicted, direct_gold, same_extent)),
                                   len(direct_predicted), len(direct_gold))
        for p, g in pairs:
            if g.source:
                speaker_total += 1
                speaker_right += bool(p["source"]) and any(
                    p["source"][0] < b and a < p["source"][1] for a, b in g.source)
    figures = {key: counts.figures() for key, counts in totals.items()}
    figures["speaker_accuracy"] = round(speaker_right / speaker_total, 4) if speaker_total else None
    figures["speaker_pairs"] = speaker_total
    figures["documents"] = len(documents)
    return figures


def overlap_enough(p: frozenset[int], g: frozenset[int]) -> float:
    shared = len(p & g)
    return shared / max(len(p), len(g)) if shared >= HALF * max(len(p), len(g)) else 0.0


def same_extent(p: frozenset[int], g: frozenset[int]) -> float:
    return 1.0 if (min(p), max(p)) == (min(g), max(g)) else 0.0


def pair(predicted, gold, similarity) -> list[tuple[dict, GoldAttribution]]:
    """One-to-one pairs, most similar first, of predictions and gold whose similarity is above zero."""
    candidates = sorted(((similarity(pw, gw), i, j) for i, (_, pw) in enumerate(predicted)
                         for j, (_, gw) in enumerate(gold) if pw & gw), reverse=True)
    used_p: set[int] = set()
    used_g: set[int] = set()
    pairs = []
    for value, i, j in candidates:
        if value > 0 and i not in used_p and j not in used_g:
            used_p.add(i)
            used_g.add(j)
            pairs.append((predicted[i][0], gold[j][0]))
    return pairs


@dataclass
class Counts:
    matched_predicted: int = 0
    predicted: int = 0
    gold: int = 0

    def add(self, matched: int, predicted: int, gold: int) -> None:
        self.matched_predicted += matched
        self.predicted += predicted
        self.gold += gold

    def figures(self) -> dict:
        precision = self.matched_predicted / self.predicted if self.predicted else 0.0
        recall = self.matched_predicted / self.gold if self.gold else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        return {"precision": round(precision, 4), "recall": round(recall, 4), "f1": round(f1, 4),
                "predicted": self.predicted, "gold": self.gold, "matched": self.matched_predicted}


def report(figures: dict) -> str:
    lines = [f"PolNeAR {figures['part']}: {figures['documents']} documents"]
    for key in ("all_exact", "all_overlap", "direct_exact", "direct_overlap"):
        f = figures[key]
        lines.append(f"{key:15} P {f['precision']:.3f}  R {f['recall']:.3f}  F1 {f['f1']:.3f}  "
                     f"(predicted {f['predicted']}, gold {f['gold']}, matched {f['matched']})")
    accuracy = figures["speaker_accuracy"]
    lines.append(f"speaker accuracy {accuracy:.3f} over {figures['speaker_pairs']} matched attributions"
                 if accuracy is not None else "speaker accuracy: no matched attribution with a gold source")
    return "\n".join(lines)


if __name__ == "__main__":
    sys.exit(main())
