"""Temporal-expression extraction and normalisation against TimeML gold, scored as the TempEval-3 scorer does.

    python eval/timex.py ../shared/data/tempeval3/tbaq-cleaned [--part tune|report|all] [--json] [--predictions FILE]

Parts: rules are tuned on TimeBank (``--part tune``: the files under ``DIR/TimeBank``) and reported on AQUAINT
(``--part report``, the default: ``DIR/AQUAINT``); ``all`` takes both. A DIR without those folders is read whole,
and reported as such. Every ``.tml`` file of the part is read; its text is the ``<TEXT>`` element with all tags
removed and XML entities decoded, and its document creation time is the reference for relative expressions. Strict
extraction counts exact spans, relaxed any overlap; value and type are judged on relaxed matches, with precision
over all predictions and recall over all gold expressions. ``--predictions`` writes one JSON line per predicted
expression, offsets into that same text, so the figures can be recomputed independently.
"""

from __future__ import annotations

import argparse
import html
import json
import re
import sys
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

from tqdm import tqdm

from storyline.parse import nlp
from storyline.model import Article
from storyline.extract.timex import extract

TAG = re.compile(r"<(/?)(\w+)([^>]*)>")
PART_FOLDERS = {"tune": ("TimeBank",), "report": ("AQUAINT",), "all": ("TimeBank", "AQUAINT")}
PART_NAMES = {"tune": "tuning part (TimeBank)", "report": "reporting part (AQUAINT)",
              "all": "tuning and reporting parts (TimeBank and AQUAINT)"}
ATTRIBUTE = re.compile(r'(\w+)="([^"]*)"')


@dataclass(frozen=True)
class Timex:
    start: int
    end: int
    type: str
    value: str


@dataclass
class TimeMLDocument:
    name: str
    text: str
    creation_time: datetime
    gold: list[Timex]


def read_timeml(path: Path) -> TimeMLDocument:
    markup = path.read_text(encoding="utf-8")
    dct = re.search(r"<DCT>.*?value=\"(\d{4}-\d{2}-\d{2})", markup, re.S)
    if not dct:
        raise ValueError(f"{path}: no document creation time in <DCT>")
    body = re.search(r"<TEXT>(.*)</TEXT>", markup, re.S)
    if not body:
        raise ValueError(f"{path}: no <TEXT> element")
    pieces: list[str] = []
    length = 0
    open_timex: tuple[int, dict[str, str]] | None = None
    gold = []
    position = 0
    content = body.group(1)
    for tag in TAG.finditer(content):
        piece = html.unescape(content[position:tag.start()])
        pieces.append(piece)
        length += len(piece)
        position = tag.end()
        if tag.group(2) != "TIMEX3":
            continue
        if tag.group(1):
            if open_timex:
                start, attributes = open_timex
                gold.append(Timex(start, length, attributes.get("type", ""), attributes.get("value", "")))
            open_timex = None
        else:
            open_timex = (length, dict(ATTRIBUTE.findall(tag.group(3))))
    pieces.append(html.unescape(content[position:]))
    creation = datetime.fromisoformat(dct.group(1)).replace(tzinfo=timezone.utc)
    return TimeMLDocument(path.stem, "".join(pieces), creation, gold)


def offset_map(raw: str, normalised: str) -> list[int]:
    """For each position of the normalised text, its position in the raw text (normalising only drops blanks)."""
    positions = []
    raw_index = 0
    for char in normalised:
        while raw_index < len(raw) and raw[raw_index] != char:
            raw_index += 1
        positions.append(raw_index)
        raw_index += 1
    positions.append(len(raw) if not normalised else positions[-1] + 1)
    return positions


def predict(documents: list[TimeMLDocument]) -> dict[str, list[Timex]]:
    articles = [Article(text=document.text, published=document.creation_time) for document in documents]
    predictions = {}
    docs = nlp.parse(article.text for article in articles)
    for document, article, doc in tqdm(zip(documents, articles, docs), total=len(documents), desc="parsing",
                                       unit="file", file=sys.stderr):
        positions = offset_map(document.text, article.text)
        predictions[document.name] = [
            Timex(positions[e.span.start], positions[e.span.end - 1] + 1, e.type, e.value)
            for e in extract(article, doc)
        ]
    return predictions


def overlap(a: Timex, b: Timex) -> int:
    return min(a.end, b.end) - max(a.start, b.start)


def best_match(item: Timex, candidates: list[Timex]) -> Timex | None:
    matches = [c for c in candidates if overlap(item, c) > 0]
    return max(matches, key=lambda c: overlap(item, c)) if matches else None


def ratio(numerator: int, denominator: int) -> float:
    return numerator / denominator if denominator else 0.0


def prf(correct_predicted: int, predicted: int, correct_gold: int, gold: int) -> dict[str, float]:
    precision, recall = ratio(correct_predicted, predicted), ratio(correct_gold, gold)
    return {"precision": precision, "recall": recall,
            "f1": ratio(2 * precision * recall, precision + recall) if precision + recall else 0.0}


def score(documents: list[TimeMLDocument], predictions: dict[str, list[Timex]]) -> dict[str, object]:
    counts = dict.fromkeys(["gold", "predicted", "strict", "relaxed_predicted", "relaxed_gold",
                            "value_predicted", "value_gold", "type_predicted", "type_gold", "matched",
                            "value_matched"], 0)
    for document in documents:
        gold, predicted = document.gold, predictions.get(document.name, [])
        counts["gold"] += len(gold)
        counts["predicted"] += len(predicted)
        gold_spans = {(g.start, g.end) for g in gold}
        counts["strict"] += sum((p.start, p.end) in gold_spans for p in predicted)
        for p in predicted:
            match = best_match(p, gold)
            if match:
                counts["relaxed_predicted"] += 1
                counts["matched"] += 1
                counts["value_predicted"] += match.value == p.value
                counts["value_matched"] += match.value == p.value
                counts["type_predicted"] += match.type == p.type
        for g in gold:
            match = best_match(g, predicted)
            if match:
                counts["relaxed_gold"] += 1
                counts["value_gold"] += match.value == g.value
                counts["type_gold"] += match.type == g.type
    return {
        "files": len(documents),
        "gold": counts["gold"],
        "predicted": counts["predicted"],
        "strict": prf(counts["strict"], counts["predicted"], counts["strict"], counts["gold"]),
        "relaxed": prf(counts["relaxed_predicted"], counts["predicted"], counts["relaxed_gold"], counts["gold"]),
        "value": prf(counts["value_predicted"], counts["predicted"], counts["value_gold"], counts["gold"]),
        "type": prf(counts["type_predicted"], counts["predicted"], counts["type_gold"], counts["gold"]),
        "value_accuracy": ratio(counts["value_matched"], counts["matched"]),
    }


def write_predictions(path: Path, documents: list[TimeMLDocument], predictions: dict[str, list[Timex]]) -> None:
    with path.open("w", encoding="utf-8") as out:
        for document in documents:
            for p in predictions[document.name]:
                out.write(json.dumps({"doc": document.name, "start": p.start, "end": p.end,
                                      "text": document.text[p.start:p.end], "type": p.type, "value": p.value}) + "\n")


def part_files(directory: Path, part: str) -> tuple[list[Path], str]:
    """The .tml files of the part, and how to name them; a directory without the TimeBank and AQUAINT folders
    is one part of its own."""
    folders = [directory / name for name in PART_FOLDERS[part]]
    if not any(folder.is_dir() for folder in folders):
        return sorted(directory.rglob("*.tml")), f"every file under {directory} (no TimeBank or AQUAINT folder)"
    return sorted(path for folder in folders for path in folder.rglob("*.tml")), PART_NAMES[part]


def report(figures: dict[str, object]) -> str:
    lines = [f"TempEval-3 {figures['part']}: {figures['files']} files, {figures['gold']} gold and "
             f"{figures['predicted']} predicted expressions",
             f"{'':10}{'P':>8}{'R':>8}{'F1':>8}"]
    for name in ("strict", "relaxed", "type", "value"):
        row = figures[name]
        lines.append(f"{name:10}{row['precision']:8.3f}{row['recall']:8.3f}{row['f1']:8.3f}")
    lines.append(f"value accuracy on relaxed matches: {figures['value_accuracy']:.3f}")
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("directory", type=Path, help="directory searched recursively for .tml files")
    parser.add_argument("--part", choices=PART_FOLDERS, default="report",
                        help="TimeBank (tune), AQUAINT (report, the default) or both")
    parser.add_argument("--json", action="store_true", help="print the figures as one JSON object")
    parser.add_argument("--predictions", type=Path, help="write every predicted expression as JSON Lines")
    args = parser.parse_args()
    documents = []
    paths, part = part_files(args.directory, args.part)
    for path in paths:
        try:
            documents.append(read_timeml(path))
        except (ValueError, UnicodeDecodeError) as error:
            print(f"skipped {error}", file=sys.stderr)
    if not documents:
        print(f"no readable .tml files in the {part}", file=sys.stderr)
        return 1
    predictions = predict(documents)
    if args.predictions:
        write_predictions(args.predictions, documents, predictions)
    figures = {"part": part, **score(documents, predictions)}
    print(json.dumps(figures) if args.json else report(figures))
    return 0


if __name__ == "__main__":
    sys.exit(main())
