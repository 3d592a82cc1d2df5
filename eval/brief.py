"""Briefs of real multi-outlet stories against a hand-written gold: quotes and speakers, disagreements,
publication dates, headline facts and length.

    python eval/brief.py DIR [--json] [--briefs OUT] [--predictions FILE] [--dated]

DIR holds, per story, ``NAME.jsonl`` (its articles, JSON Lines as ``storyline ingest`` reads them; an article's
``source`` is its document id) and ``NAME.gold.json`` (the format of
``../shared/data/ecbplus-fulltext/BRIEF-GOLD-FORMAT.md``). Each story goes through the product path: a fresh
store, ``Corpus.ingest([NAME.jsonl])``, then the brief of every story the articles formed, as JSON
(``Corpus.brief``) and as the Markdown ``storyline brief --format md`` prints. ``--dated`` first gives each
article a publication date, its story's event date plus 0-2 days (seeded by document id), as a feed would.

Figures, per story and micro-averaged over the stories:
- quote recall: gold direct quotes whose words appear in a wording of a statement of the briefs' quotes (listed
  by speaker), compared as
  word sequences (case, punctuation, spacing and quote marks ignored): the gold text inside the wording, or a
  wording of at least half the gold's words (and three words) inside the gold text, for quotes the system cut
  short. A wording's own text and its spans' texts count; a span of the gold's own article is preferred.
- speaker accuracy: of the quotes found, those whose group's speaker (``speaker``, else ``attributed_to``) names
  the gold speaker: accents and case folded, titles (Mr, Dr, ...) and articles dropped, one name's words all among
  the other's. A speaker the brief resolved to an entity also names the gold speaker by a variant that entity
  lists in the brief's ``entities`` ("Giannis Panagopoulos" written "Yiannis Panagopoulos" by another outlet):
  the brief itself shows the editor that spelling as the same person. A gold quote of unknown speaker is right
  when the group has none (``unattributed``).
- disagreement precision: a brief disagreement is real when at least two of its figures, as (article, value)
  pairs read from its ``figures``, give the values a gold disagreement gives those articles, and they are two
  different values (a weekday an undated article writes, "Thursday (date not given)", gives a gold day on that
  weekday, and a gold month, "2008-12", a date the brief shows to that month); the rest are false alarms, each
  also checked against the gold's ``not_disagreements``.
  Disagreements without figures (a polarity conflict) have nothing to match: they count as false alarms.
  Disagreement recall: gold disagreements matched by some brief disagreement.
- publication dates: per article, the date the store ends with against the gold event date: wrong when more than
  a day before or more than seven days after it, right otherwise, or undated.
- headline facts: gold facts whose ``all_of`` words all appear (case-insensitive) in one sentence an editor sees
  first in the brief of the story holding most of the articles: a summary sentence, or the sentence shown for one
  of the first five key facts.
- length: words of the Markdown brief(s) over words of the articles (title and text).

``--briefs OUT`` keeps each story's briefs (``OUT/NAME/<story>.json`` and ``.md``); ``--predictions FILE`` writes
every judged item as JSON Lines (``kind``: quote, disagreement, gold_disagreement, article_date, headline_fact).
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import tempfile
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

from tqdm import tqdm

from storyline.brief import render
from storyline.corpus import Corpus

sys.path.insert(0, str(Path(__file__).resolve().parent))
from ecbplus import dated, feed_day  # noqa: E402

WORD = re.compile(r"\w+")
ISO_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")
# A gold value that is a month of a year, as the brief shows a date written to the month ("2008-12"), or in words
# ("December 2008").
ISO_MONTH = re.compile(r"\d{4}-\d{2}")
MONTH_NAMES = {date(2000, m, 1).strftime("%B").lower(): m for m in range(1, 13)}
NUMBER = re.compile(r"(\d[\d,]*(?:\.\d+)?)(?:\s*(thousand|million|billion|bn|m)\b)?", re.I)
SCALES = {"thousand": 1e3, "million": 1e6, "m": 1e6, "billion": 1e9, "bn": 1e9}
# Courtesy titles, ranks and offices written before a name ("Insp Dave Gaskin", "ADA Fairman"), and articles.
TITLES = frozenset("""
    a an the mr mrs ms miss mx dr prof sir dame lord lady rev fr father sister brother
    insp inspector det detective sgt sergeant cpl corporal const constable officer deputy lt lieutenant capt captain
    cmdr commander col colonel gen general maj major adm admiral gov governor sen senator rep congressman
    congresswoman pres president chief judge justice da ada attorney mayor minister secretary coach
""".split())
SHORTEST_PARTIAL_WORDING = 3
DAYS_BEFORE = 1
DAYS_AFTER = 7
KEY_FACTS_SEEN = 5
RELATIVE_TOLERANCE = 1e-6
# How the brief shows a weekday an article without a real publication date writes: "Thursday (date not given)".
WEEKDAY_SHOWN = "(date not given)"
# And a day of a month written without its year: "November 18 (year not given)".
YEARLESS_SHOWN = "(year not given)"
# eval/briefs/tune, eval/briefs/report and eval/briefs/check: the parts of the gold (eval/briefs/README.md).
PART_NAMES = {"tune": "tuning part", "report": "reporting part", "check": "check part (blind, never tuned on)"}


# --- comparing texts, names and values -------------------------------------------------------------------------

def words(text: str) -> list[str]:
    return WORD.findall(text.casefold())


def quote_matches(gold: str, wording: str) -> bool:
    """The gold quote's words inside the wording's, or a wording cut short: half the gold's words inside it."""
    g, w = words(gold), words(wording)
    if not g or not w:
        return False
    if f" {' '.join(g)} " in f" {' '.join(w)} ":
        return True
    return (len(w) >= SHORTEST_PARTIAL_WORDING and 2 * len(w) >= len(g)
            and f" {' '.join(w)} " in f" {' '.join(g)} ")


def name_words(name: str) -> set[str]:
    folded = unicodedata.normalize("NFKD", name.replace("’", "'"))
    folded = "".join(c for c in folded if not unicodedata.combining(c))
    return {w.removesuffix("'s") for w in re.findall(r"[\w']+", folded.casefold())} - TITLES - {""}


def same_speaker(gold: str, predicted: str | None) -> bool:
    g, p = name_words(gold), name_words(predicted or "")
    return bool(g) and bool(p) and (g <= p or p <= g)


def gold_number(value: str) -> float | None:
    """A gold value as the brief gives figures: a number, or a day as its ordinal; None for what neither is
    (a month alone, "2007-04", which :func:`gives` compares with the brief's months as shown)."""
    if ISO_DAY.fullmatch(value):
        return float(date.fromisoformat(value).toordinal())
    try:
        return float(value.replace(",", ""))
    except ValueError:
        return None


def same_value(gold: float | None, predicted: float) -> bool:
    return gold is not None and abs(gold - predicted) <= RELATIVE_TOLERANCE * max(abs(gold), 1.0)


def numbers_in(text: str) -> list[float]:
    """The figures a gold note writes ("8 seriously injured vs 4 dead", "22.4 bn"), scaled when a scale word follows."""
    found = []
    for match in NUMBER.finditer(text):
        value = float(match.group(1).replace(",", ""))
        found.append(value * SCALES.get((match.group(2) or "").lower(), 1))
    return found


# --- quotes -----------------------------------------------------------------------------------------------------

def group_speaker(group: dict) -> str | None:
    named = group.get("speaker") or group.get("attributed_to")
    return None if named in (None, "unattributed") else named


def find_quote(gold: dict, briefs: list[dict]) -> tuple[dict | None, dict | None, bool]:
    """The quote group holding the gold quote, preferring one whose span is in the gold's article; the brief it is
    in; and whether it is in the gold's article."""
    elsewhere, elsewhere_brief = None, None
    for brief in briefs:
        for group in (statement for speaker in brief["quotes"] for statement in speaker["statements"]):
            for wording in group["wordings"]:
                for span in wording["spans"]:
                    if span["source"] == gold["doc"] and quote_matches(gold["text"], span["text"]):
                        return group, brief, True
                if elsewhere is None and any(quote_matches(gold["text"], text) for text in
                                             [wording["text"], wording["as_written"]]
                                             + [span["text"] for span in wording["spans"]]):
                    elsewhere, elsewhere_brief = group, brief
    return elsewhere, elsewhere_brief, False


def speaker_variants(brief: dict) -> dict[str, list[str]]:
    """The names each entity of the brief is written with, by entity id."""
    return {entity["id"]: list(entity.get("variants", {})) for entity in brief.get("entities", [])}


def speaker_right(gold: dict, group: dict, variants: dict[str, list[str]]) -> bool:
    if gold["speaker_kind"] == "unknown" or not gold["speaker"]:
        return group_speaker(group) is None
    names = [group_speaker(group), *variants.get(group.get("speaker_id") or "", [])]
    return any(same_speaker(gold["speaker"], name) for name in names)


# --- disagreements ----------------------------------------------------------------------------------------------

def figure_pairs(disagreement: dict) -> list[tuple[str, float, str]]:
    """The disagreement's figures as (article, value, value as shown)."""
    return [(figure["source"], float(figure["value"]), figure.get("shown", ""))
            for figure in disagreement.get("figures", [])]


def gold_month(value: str) -> str | None:
    """A gold value that is a month of a year ("2008-12", "December 2008") as the brief shows a date written to the
    month ("2008-12"); None for any other value."""
    if ISO_MONTH.fullmatch(value.strip()):
        return value.strip()
    name, _, year = value.strip().partition(" ")
    if name.lower() in MONTH_NAMES and re.fullmatch(r"\d{4}", year):
        return f"{year}-{MONTH_NAMES[name.lower()]:02d}"
    return None


def gives(gold: str, value: float, shown: str) -> bool:
    """Whether a brief's figure gives the gold's value: the same number or day, or, for a weekday an article without
    a real date writes ("Thursday (date not given)"), a gold day on that weekday, and for a day of a month written
    without its year ("November 18 (year not given)"), a gold day of that month and day; a gold month of a year
    ("2008-12") is given by a date the brief shows to that month (its value is the year, which a gold year would
    match: the month is what tells them apart)."""
    if (month := gold_month(gold)) is not None:
        return shown == month
    if shown.endswith(WEEKDAY_SHOWN) and ISO_DAY.fullmatch(gold):
        return date.fromisoformat(gold).strftime("%A") == shown.split()[0]
    if shown.endswith(YEARLESS_SHOWN) and ISO_DAY.fullmatch(gold):
        day, written = date.fromisoformat(gold), date.fromordinal(int(value))
        return (day.month, day.day) == (written.month, written.day)
    return same_value(gold_number(gold), value)


def agreeing(pairs: list[tuple[str, float, str]], values: dict[str, str]) -> list[tuple[str, float, str]]:
    return [(doc, value, shown) for doc, value, shown in pairs if doc in values and gives(values[doc], value, shown)]


def matches_gold(pairs: list[tuple[str, float, str]], gold: dict) -> bool:
    """Two of the brief's (article, value) pairs give what the gold gives those articles, and differ."""
    shared = agreeing(pairs, gold["values"])
    return len(shared) >= 2 and len({gold["values"][doc] for doc, _, _ in shared}) >= 2


def matches_false_alarm(pairs: list[tuple[str, float, str]], item: dict) -> bool:
    """The brief sets against each other figures of two articles the gold names as a tempting false alarm, with
    the values the gold gives them, or, where it gives none, values its note writes."""
    values = item.get("values") or {}
    noted = numbers_in(item["what"])
    docs = {doc for doc, value, shown in pairs if doc in set(item.get("docs", [])) | set(values)
            and (gives(values[doc], value, shown) if doc in values
                 else any(same_value(n, value) for n in noted))}
    return len(docs) >= 2


# --- dates, headline facts, length ------------------------------------------------------------------------------

def date_verdict(published: date | None, event: date) -> str:
    if published is None:
        return "undated"
    return "right" if event - timedelta(days=DAYS_BEFORE) <= published <= event + timedelta(days=DAYS_AFTER) \
        else "wrong"


def first_seen_sentences(brief: dict) -> list[str]:
    """The sentences an editor reads first: the summary and the sentence shown for each of the first key facts."""
    return [item["text"] for item in brief["summary"]] + [
        fact["spans"][0]["text"] for fact in brief["key_facts"][:KEY_FACTS_SEEN] if fact["spans"]]


def fact_sentence(fact: dict, sentences: list[str]) -> str | None:
    wanted = [word.casefold() for word in fact["all_of"]]
    return next((s for s in sentences if all(word in s.casefold() for word in wanted)), None)


def word_count(text: str) -> int:
    return len(text.split())


# --- one story --------------------------------------------------------------------------------------------------

@dataclass
class StoryResult:
    name: str
    articles: int
    stories: int
    counts: Counter = field(default_factory=Counter)
    predictions: list[dict] = field(default_factory=list)


@dataclass
class StoryOutput:
    """What the product gave for one story's articles."""

    records: list[dict]
    briefs: list[dict]
    markdowns: list[str]
    published: dict[str, date | None]


def score_story(name: str, gold: dict, output: StoryOutput) -> StoryResult:
    result = StoryResult(name, len(output.records), len(output.briefs))
    counts, predictions = result.counts, result.predictions

    for quote in gold["quotes"]:
        group, brief, same_article = find_quote(quote, output.briefs)
        right = group is not None and speaker_right(quote, group, speaker_variants(brief))
        counts.update(gold_quotes=1, quotes_found=group is not None, quotes_found_in_article=same_article,
                      speakers_right=right)
        predictions.append({"kind": "quote", "doc": quote["doc"], "text": quote["text"],
                            "gold_speaker": quote["speaker"], "found": group is not None,
                            "in_same_article": same_article,
                            "speaker": group and group.get("speaker"),
                            "attributed_to": group and group.get("attributed_to"), "speaker_right": right})

    found_gold = set()
    for brief in output.briefs:
        for disagreement in brief["disagreements"]:
            pairs = figure_pairs(disagreement)
            real = [i for i, item in enumerate(gold["disagreements"]) if matches_gold(pairs, item)]
            tempting = [item["what"] for item in gold.get("not_disagreements", []) if matches_false_alarm(pairs, item)]
            found_gold.update(real)
            counts.update(brief_disagreements=1, real_disagreements=bool(real), false_alarms=not real,
                          false_alarms_gold_says_tempting=not real and bool(tempting),
                          disagreements_without_figures=not pairs)
            predictions.append({"kind": "disagreement", "conflict": disagreement.get("conflict"),
                                "figures": [[doc, value] for doc, value, _ in pairs], "real": bool(real),
                                "gold": [gold["disagreements"][i]["what"] for i in real],
                                "tempting_false_alarm": tempting})
    for i, item in enumerate(gold["disagreements"]):
        counts.update(gold_disagreements=1, gold_disagreements_found=i in found_gold)
        predictions.append({"kind": "gold_disagreement", "what": item["what"], "values": item["values"],
                            "found": i in found_gold})

    event = date.fromisoformat(gold["event_date"])
    for record in output.records:
        published = output.published.get(record["source"])
        verdict = date_verdict(published, event)
        counts.update(articles_dated=1, **{f"dates_{verdict}": 1})
        predictions.append({"kind": "article_date", "doc": record["source"],
                            "published": published.isoformat() if published else None, "event_date": gold["event_date"],
                            "verdict": verdict})

    sentences = first_seen_sentences(output.briefs[0]) if output.briefs else []
    for fact in gold["headline_facts"]:
        sentence = fact_sentence(fact, sentences)
        counts.update(headline_facts=1, headline_facts_found=sentence is not None)
        predictions.append({"kind": "headline_fact", "fact": fact["fact"], "all_of": fact["all_of"],
                            "sentence": sentence})

    counts.update(brief_words=sum(word_count(md) for md in output.markdowns),
                  article_words=sum(word_count(f"{r.get('title') or ''}\n{r.get('text') or ''}")
                                    for r in output.records))
    for prediction in predictions:
        prediction["story"] = name
    return result


# --- running the product ----------------------------------------------------------------------------------------

def read_records(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").split("\n") if line.strip()]


def run_story(articles: Path, gold: dict, dated_feed: bool) -> StoryOutput:
    """Ingest the story's articles into a fresh store and brief every story they formed, largest first."""
    records = read_records(articles)
    with tempfile.TemporaryDirectory() as scratch:
        source = articles
        if dated_feed:
            event = date.fromisoformat(gold["event_date"])
            source = Path(scratch) / articles.name
            source.write_text("".join(json.dumps(dated(r, feed_day(r["source"], event))) + "\n" for r in records),
                              encoding="utf-8")
        corpus = Corpus.open(Path(scratch) / "storyline.db")
        try:
            report = corpus.ingest([str(source)])
            for error in report.errors:
                print(f"{articles.name}: {error}", file=sys.stderr)
            briefs = [corpus.brief(story["id"]) for story in corpus.stories()]
            published = {a.source: published_day(a.published) for a in corpus.articles()}
        finally:
            corpus.close()
    return StoryOutput(records, briefs, [render.markdown(brief) for brief in briefs], published)


def published_day(moment: datetime | None) -> date | None:
    return moment.astimezone(timezone.utc).date() if moment else None


def story_names(directory: Path) -> list[str]:
    names = sorted(p.name.removesuffix(".gold.json") for p in directory.glob("*.gold.json"))
    missing = [name for name in names if not (directory / f"{name}.jsonl").is_file()]
    if missing:
        raise SystemExit(f"{directory}: no articles for {', '.join(f'{n}.jsonl' for n in missing)}")
    return names


# --- figures ----------------------------------------------------------------------------------------------------

def ratio(numerator: int, denominator: int) -> float | None:
    return round(numerator / denominator, 4) if denominator else None


def figures(counts: Counter, stories_formed: list[int]) -> dict:
    return {
        "quote_recall": ratio(counts["quotes_found"], counts["gold_quotes"]),
        "quote_recall_in_same_article": ratio(counts["quotes_found_in_article"], counts["gold_quotes"]),
        "speaker_accuracy": ratio(counts["speakers_right"], counts["quotes_found"]),
        "disagreement_precision": ratio(counts["real_disagreements"], counts["brief_disagreements"]),
        "disagreement_recall": ratio(counts["gold_disagreements_found"], counts["gold_disagreements"]),
        "dates_wrong": ratio(counts["dates_wrong"], counts["articles_dated"]),
        "dates_right": ratio(counts["dates_right"], counts["articles_dated"]),
        "dates_undated": ratio(counts["dates_undated"], counts["articles_dated"]),
        "headline_facts": ratio(counts["headline_facts_found"], counts["headline_facts"]),
        "length_ratio": ratio(counts["brief_words"], counts["article_words"]),
        "stories_formed": sum(stories_formed),
        "counts": dict(sorted(counts.items())),
    }


ROWS = [
    ("quote speaker right (of found)", "speaker_accuracy", "speakers_right", "quotes_found"),
    ("gold direct quotes found", "quote_recall", "quotes_found", "gold_quotes"),
    ("  ... in the gold's own article", "quote_recall_in_same_article", "quotes_found_in_article", "gold_quotes"),
    ("disagreements that are real", "disagreement_precision", "real_disagreements", "brief_disagreements"),
    ("real disagreements found", "disagreement_recall", "gold_disagreements_found", "gold_disagreements"),
    ("articles dated wrong", "dates_wrong", "dates_wrong", "articles_dated"),
    ("articles dated right", "dates_right", "dates_right", "articles_dated"),
    ("articles left undated", "dates_undated", "dates_undated", "articles_dated"),
    ("headline facts seen first", "headline_facts", "headline_facts_found", "headline_facts"),
    ("Markdown words / article words", "length_ratio", "brief_words", "article_words"),
]


def report(result: dict) -> str:
    overall = result["overall"]
    part = PART_NAMES.get(Path(result["directory"]).name)
    lines = [f"{result['directory']}{f' ({part})' if part else ''}: {len(result['stories'])} stories, "
             f"{overall['counts'].get('articles_dated', 0)} articles "
             f"({'dated near the event' if result['dated'] else 'undated'})"]
    for label, key, numerator, denominator in ROWS:
        counts = overall["counts"]
        value = overall[key]
        shown = "—" if value is None else f"{value:.2f}"
        lines.append(f"  {label:34}{shown:>6}  ({counts.get(numerator, 0)} / {counts.get(denominator, 0)})")
    tempting = overall["counts"].get("false_alarms_gold_says_tempting", 0)
    lines.append(f"  {'false alarms the gold calls tempting':34}{tempting:>6}"
                 f"  (of {overall['counts'].get('false_alarms', 0)} false alarms)")
    lines.append("")
    header = ["story", "arts", "storys", "spkr", "quote", "d.prec", "d.rec", "wrong", "right", "undat", "facts", "len"]
    keys = ["speaker_accuracy", "quote_recall", "disagreement_precision", "disagreement_recall", "dates_wrong",
            "dates_right", "dates_undated", "headline_facts", "length_ratio"]
    lines.append(f"  {header[0]:12}" + "".join(f"{h:>7}" for h in header[1:]))
    for name, story in result["stories"].items():
        cells = "".join(f"{'—' if story[k] is None else f'{story[k]:.2f}':>7}" for k in keys)
        lines.append(f"  {name:12}{story['articles']:>7}{story['stories_formed']:>7}{cells}")
    return "\n".join(lines)


def evaluate(directory: Path, dated_feed: bool, briefs_out: Path | None) -> tuple[dict, list[dict]]:
    total: Counter = Counter()
    stories, predictions, formed = {}, [], []
    for name in tqdm(story_names(directory), desc="stories", unit="story", file=sys.stderr):
        gold = json.loads((directory / f"{name}.gold.json").read_text(encoding="utf-8"))
        output = run_story(directory / f"{name}.jsonl", gold, dated_feed)
        result = score_story(name, gold, output)
        if briefs_out:
            keep_briefs(briefs_out / name, output)
        total.update(result.counts)
        formed.append(result.stories)
        stories[name] = {"articles": result.articles, **figures(result.counts, [result.stories])}
        predictions += result.predictions
    return {"directory": str(directory), "dated": dated_feed, "overall": figures(total, formed),
            "stories": stories}, predictions


def keep_briefs(directory: Path, output: StoryOutput) -> None:
    directory.mkdir(parents=True, exist_ok=True)
    for brief, markdown in zip(output.briefs, output.markdowns):
        story = brief["story"]["id"]
        (directory / f"{story}.json").write_text(json.dumps(brief, indent=2, ensure_ascii=False), encoding="utf-8")
        (directory / f"{story}.md").write_text(markdown, encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("directory", type=Path, help="NAME.jsonl + NAME.gold.json per story")
    parser.add_argument("--json", action="store_true", help="print one JSON object of all figures")
    parser.add_argument("--briefs", type=Path, help="keep each story's briefs (JSON and Markdown) here")
    parser.add_argument("--predictions", type=Path, help="write every judged item as JSON Lines")
    parser.add_argument("--dated", action="store_true", help="date each article near its event before ingesting")
    args = parser.parse_args(argv)
    if not args.directory.is_dir():
        print(f"{args.directory}: no such directory", file=sys.stderr)
        return 2
    if not story_names(args.directory):
        print(f"{args.directory}: no NAME.gold.json files", file=sys.stderr)
        return 2
    result, predictions = evaluate(args.directory, args.dated, args.briefs)
    if args.predictions:
        with args.predictions.open("w", encoding="utf-8") as out:
            for row in predictions:
                out.write(json.dumps(row, ensure_ascii=False) + "\n")
    print(json.dumps(result, indent=2) if args.json else report(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
