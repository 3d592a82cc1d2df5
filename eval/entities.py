"""Cross-document entity coreference on ECB+: every gold named mention against the entities of the full articles,
as the product finds them.

    python eval/entities.py [CONLL] [--articles FILE] [--part tune|report|all] [--json] [--predictions FILE]

Gold. CONLL (default ``../shared/data/ecbplus-val/dataset.conll``) has one token a line: doc key
``topic/subtopic/doc``, sentence number, token number, token and a coreference column ("(HUM12" opens a mention of
chain HUM12, "HUM12)" closes it, "(HUM12)" is one token, several separated by "|"). Entity chains are those of
type HUM, LOC and NON. A sentence number already seen in a document is skipped (topics 12 and 35 repeat every
sentence). The file holds the annotated sentences of the reporting topics only: ``--part tune`` finds nothing.

Product path. Per topic, the full texts of its articles (``--articles``, default
``../shared/data/ecbplus-fulltext/articles.jsonl``; the CoNLL doc ``12/12ecb/3`` is the article whose source is
``12_3ecb``) are ingested into one fresh store with ``Corpus.ingest``, and ``Corpus.entities()`` resolves them:
ECB+ annotates coreference within a topic, and no gold chain crosses topics. Each annotated sentence is placed in
the stored article by its characters, spaces and quote marks aside (the full texts undo the corpus's
tokenisation; the stored text opens with the article's title, which the pipeline reads as its headline); a
sentence not found (the URL and dateline lines ECB+ keeps, and a few the full texts lack) and articles without a
full text are left out and counted.

Named mentions, decided on the gold's own tokens, without our NER: after the lower-case articles, prepositions
and possessive pronouns that lead it ("in Queens"), every word of the mention is capitalised, a number ("76ers")
or a connecting word ("of", "de", "and"), and at least one capital is a choice of the writer: not the
sentence's first word, nor in a headline (a line in capitals, or one capitalising every word but the small
ones), unless the topic's other sentences write that word capitalised mid-sentence more often than in lower case
("Reid" opening a sentence is a name; "He" is not). A name led by the lower-case words of a role counts
("defensive tackle Jamal Williams"); a capitalised word after a preposition does not make a name ("the scene in
Queens"). Pronoun "I" is no name.

Scoring. Each named mention takes the entity of the system mention over its head (its last word before "of" or a
comma), preferring the mention that overlaps it most, then the shortest; a mention no system mention covers is a
singleton (coverage is the share that is not). The baseline clusters the same
mentions by exact string (case-folded) within a topic. ``--predictions`` writes one JSON line per scored mention:
doc, sent, start, end (tokens), text, entity.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import unicodedata
from collections import Counter, defaultdict
from dataclasses import dataclass
from pathlib import Path

from tqdm import tqdm

sys.path.insert(0, str(Path(__file__).resolve().parent))

from coref_metrics import all_scores  # noqa: E402
from ecbplus import CONLL, FULL_TEXTS, PART_NAMES, PARTS, in_part  # noqa: E402

from storyline.corpus import Corpus  # noqa: E402
from storyline.model import Article  # noqa: E402

ENTITY_CHAIN_TYPES = ("HUM", "LOC", "NON")
QUOTE_MARKS = frozenset("\"'`“”‘’«»„")
ARTICLES = frozenset({"the", "a", "an"})
# ECB+ location mentions often begin with their preposition ("in Queens", "at the suburban Detroit building").
LEADING_WORDS = ARTICLES | frozenset({"in", "at", "on", "near", "to", "from", "into", "of", "by", "for", "down",
                                      "up", "off", "across", "outside", "inside", "within", "over", "under",
                                      "around", "through", "toward", "towards", "between", "above", "below",
                                      "behind", "beyond", "along", "our", "their", "his", "her", "its"})
CONNECTORS = frozenset({"of", "de", "del", "della", "di", "da", "du", "des", "la", "le", "van", "von", "der", "den",
                        "al", "el", "bin", "ibn", "and", "&", "for", "on", "-", "–", ".", "'s", "’s", "'", "’"})
# Short words a title-cased headline leaves in lower case ("Ellen DeGeneres to Host the Oscars").
HEADLINE_SMALL_WORDS = ARTICLES | CONNECTORS | frozenset({"to", "in", "at", "by", "with", "as", "from", "or", "but"})
# A line in capitals may keep a few lower-case letters ("McDONALD'S SALES UP").
HEADLINE_CAPITALS = 0.8
HEADLINE_WORDS = 3
HEAD_ENDS = frozenset({"of", ",", "("})

MentionKey = tuple[str, int, int, int]  # doc, sentence, first token, last token


@dataclass
class Sentence:
    number: int
    tokens: list[str]
    chains: list[str]


@dataclass
class GoldMention:
    key: MentionKey
    chain: str
    tokens: list[str]


def chain_type(chain: str) -> str:
    return chain.removeprefix("Singleton_")[:3]


def read_conll(path: Path) -> dict[str, list[Sentence]]:
    documents: dict[str, list[Sentence]] = defaultdict(list)
    seen: set[tuple[str, int]] = set()
    skipping = False
    with path.open(encoding="utf-8") as lines:
        for line_number, line in enumerate(lines, 1):
            if not line.strip() or line.startswith("#"):
                continue
            columns = line.rstrip("\n").split("\t")
            if len(columns) < 5:
                raise ValueError(f"{path}:{line_number}: expected 5 tab-separated columns, found {len(columns)}")
            # The chain column is the last one: a few lines carry an empty extra column before it.
            doc, sentence, token_number, token, chains = *columns[:4], columns[-1]
            number = int(sentence)
            if int(token_number) == 0:
                repeated = (doc, number) in seen
                seen.add((doc, number))
                if not repeated:
                    documents[doc].append(Sentence(number, [], []))
                skipping = repeated
            if not skipping:
                documents[doc][-1].tokens.append(unicodedata.normalize("NFC", token.strip() or "_"))
                documents[doc][-1].chains.append(chains)
    return dict(documents)


def gold_mentions(doc: str, sentences: list[Sentence]) -> list[GoldMention]:
    found: list[GoldMention] = []
    for sentence in sentences:
        open_at: dict[str, list[int]] = defaultdict(list)
        for index, column in enumerate(sentence.chains):
            if column == "-":
                continue
            for part in column.split("|"):
                chain = part.strip("()")
                if part.startswith("("):
                    open_at[chain].append(index)
                if part.endswith(")") and open_at[chain]:
                    start = open_at[chain].pop()
                    if chain_type(chain) in ENTITY_CHAIN_TYPES:
                        found.append(GoldMention((doc, sentence.number, start, index), chain,
                                                 sentence.tokens[start:index + 1]))
    return found


def source_of(doc_key: str) -> str:
    """The full text's document id of a CoNLL doc key: ``12/12ecbplus/3`` is ``12_3ecbplus``."""
    topic, subtopic, number = doc_key.split("/")
    return f"{topic}_{number}{subtopic.removeprefix(topic)}"


# --- which gold mentions are names ------------------------------------------------------------------------------

def capitalised(token: str) -> bool:
    letter = next((c for c in token if c.isalpha()), "")
    return letter.isupper()


def is_headline(sentence: Sentence) -> bool:
    """A title-cased line ("Driver Charged In Fatal Queens Hit"), or one in capitals ("MAN HELD")."""
    letters = [c for token in sentence.tokens for c in token if c.isalpha()]
    if letters and sum(c.isupper() for c in letters) >= HEADLINE_CAPITALS * len(letters):
        return True
    words = [t for t in sentence.tokens if t[:1].isalpha() and t.lower() not in HEADLINE_SMALL_WORDS]
    return len(words) >= HEADLINE_WORDS and all(map(capitalised, words))


def first_word(sentence: Sentence) -> int:
    return next((i for i, token in enumerate(sentence.tokens) if any(c.isalnum() for c in token)), 0)


@dataclass
class Casing:
    """How often a topic's sentences write each word capitalised where nothing forces a capital, and in lower
    case. URL lines ("http : / / ... / yvonne - hiller - charged") are not writing."""

    chosen_capitals: Counter
    lower_case: Counter

    @classmethod
    def of(cls, sentences: list[Sentence]) -> "Casing":
        chosen, lower = Counter(), Counter()
        for sentence in sentences:
            if any(token.startswith(("http", "www")) for token in sentence.tokens[:3]):
                continue
            headline, first = is_headline(sentence), first_word(sentence)
            for i, token in enumerate(sentence.tokens):
                if token[:1].islower():
                    lower[token] += 1
                elif capitalised(token) and not headline and i != first:
                    chosen[token] += 1
        return cls(chosen, lower)

    def chosen(self, token: str) -> bool:
        return self.chosen_capitals[token] > self.lower_case[token.lower()]


def content_tokens(mention: GoldMention) -> list[int]:
    """Token positions of the mention within its sentence, without the articles, prepositions and possessive
    pronouns that lead it and a trailing possessive."""
    doc, sentence, start, end = mention.key
    positions = list(range(start, end + 1))
    while positions and mention.tokens[positions[0] - start] in LEADING_WORDS:
        positions.pop(0)
    while positions and mention.tokens[positions[-1] - start] in ("'s", "’s", "'", "’"):
        positions.pop()
    return positions


def name_part(tokens: list[str]) -> list[str]:
    """The words that must all be capitalised: the whole mention, or, when lower-case words of a role lead a
    name ("defensive tackle Jamal Williams"), the name after them; not a name after a preposition ("the scene in
    Queens"), which is the head's complement."""
    run = len(tokens)
    while run > 0 and (capitalised(tokens[run - 1]) or tokens[run - 1].lower() in CONNECTORS):
        run -= 1
    if 0 < run < len(tokens) and capitalised(tokens[run]) and tokens[run - 1][:1].islower() \
            and tokens[run - 1] not in CONNECTORS | LEADING_WORDS:
        return tokens[run:]
    return tokens


def is_named(mention: GoldMention, sentence: Sentence, casing: Casing) -> bool:
    positions = content_tokens(mention)
    tokens = name_part([sentence.tokens[i] for i in positions])
    positions = positions[len(positions) - len(tokens):]
    if not tokens or tokens[0] == "I" or tokens[0].startswith(("I'", "I’")):
        return False
    if not all(capitalised(t) or t.lower() in CONNECTORS or any(c.isdigit() for c in t) for t in tokens):
        return False
    headline, first = is_headline(sentence), first_word(sentence)
    return any(capitalised(t) and ((not headline and i != first) or casing.chosen(t))
               for i, t in zip(positions, tokens))


def head_token(mention: GoldMention) -> int:
    """The token a system mention must cover: the last word before "of" or a comma ("Bank" of "Bank of England")."""
    positions = content_tokens(mention) or [mention.key[3]]
    start = mention.key[2]
    cut = next((k for k, i in enumerate(positions) if mention.tokens[i - start].lower() in HEAD_ENDS), len(positions))
    return positions[max(cut, 1) - 1]


# --- placing annotated sentences in the stored article ----------------------------------------------------------

def skeleton(text: str) -> tuple[str, list[int]]:
    """The text without spaces and quote marks, and each kept character's offset in the text."""
    kept = [(c, i) for i, c in enumerate(text) if not c.isspace() and c not in QUOTE_MARKS]
    return "".join(c for c, _ in kept), [i for _, i in kept]


@dataclass
class Placement:
    """Where an article's annotated sentences are: each token's offsets in the text, and the sentences not there."""

    tokens: dict[tuple[int, int], tuple[int, int]]
    missing: set[int]


def place(sentences: list[Sentence], article: Article) -> Placement:
    text, offsets = skeleton(article.text)
    placement = Placement({}, set())
    cursor = 0
    for sentence in sentences:
        pieces = [skeleton(token)[0] for token in sentence.tokens]
        joined = "".join(pieces)
        at = text.find(joined, cursor) if joined else -1
        if joined and at < 0:
            at = text.find(joined)
        if at >= 0:
            for index, piece in enumerate(pieces):
                if piece:
                    placement.tokens[(sentence.number, index)] = (offsets[at], offsets[at + len(piece) - 1] + 1)
                at += len(piece)
            cursor = at
        else:
            placement.missing.add(sentence.number)
    return placement


# --- the product's entities -------------------------------------------------------------------------------------

def topic_entities(records: list[dict]) -> tuple[dict[str, Article], dict[str, list[tuple[int, int, str]]]]:
    """Ingest one topic's articles into a fresh store; its articles by source, and per article the system
    mentions as (start, end, entity)."""
    with tempfile.TemporaryDirectory() as scratch:
        path = Path(scratch) / "topic.jsonl"
        path.write_text("".join(json.dumps(record) + "\n" for record in records), encoding="utf-8")
        corpus = Corpus.open(Path(scratch) / "storyline.db")
        try:
            for error in corpus.ingest([str(path)]).errors:
                print(f"{records[0]['source'].split('_')[0]}: {error}", file=sys.stderr)
            articles = {article.source: article for article in corpus.articles()}
            entity_of = {(span.article_id, span.start, span.end): entity.id
                         for entity in corpus.entities() for span in entity.mentions}
            found = {article.id: corpus.article_view(article.id).mentions for article in articles.values()}
        finally:
            corpus.close()
    by_source = {}
    for source, article in articles.items():
        spans = [m.span for m in found.get(article.id, [])]
        # A mention no entity took stands alone.
        by_source[source] = [(s.start, s.end, entity_of.get((s.article_id, s.start, s.end),
                                                            f"alone/{s.article_id}:{s.start}")) for s in spans]
    return articles, by_source


def covering_entity(start: int, end: int, head: tuple[int, int], system: list[tuple[int, int, str]]) -> str | None:
    covering = [(s, e, entity) for s, e, entity in system if s < head[1] and head[0] < e]
    if not covering:
        return None
    return max(covering, key=lambda m: (min(m[1], end) - max(m[0], start), -(m[1] - m[0])))[2]


# --- evaluation -------------------------------------------------------------------------------------------------

def read_records(path: Path) -> dict[str, dict]:
    return {record["source"]: record for record in map(json.loads, filter(str.strip, path.open(encoding="utf-8")))}


def evaluate(conll: Path, articles: Path, part: str) -> tuple[dict, list[dict]]:
    documents = {key: sentences for key, sentences in read_conll(conll).items()
                 if in_part(int(key.split("/")[0]), part)}
    records = read_records(articles)
    by_topic: dict[str, list[str]] = defaultdict(list)
    for key in sorted(documents):
        by_topic[key.split("/")[0]].append(key)

    gold, system, baseline = {}, {}, {}
    counts = defaultdict(int)
    predictions = []
    for topic, keys in tqdm(sorted(by_topic.items(), key=lambda item: int(item[0])), desc="topics", unit="topic",
                            file=sys.stderr):
        casing = Casing.of([s for key in keys for s in documents[key]])
        topic_records = [r for source, r in records.items() if source.split("_")[0] == topic]
        stored, system_mentions = topic_entities(topic_records) if topic_records else ({}, {})
        for key in keys:
            sentences = {s.number: s for s in documents[key]}
            mentions = gold_mentions(key, documents[key])
            named = [m for m in mentions if is_named(m, sentences[m.key[1]], casing)]
            counts["gold_entity_mentions"] += len(mentions)
            article = stored.get(source_of(key))
            if article is None:
                counts["named_without_full_text"] += len(named)
                continue
            placement = place(documents[key], article)
            for mention in named:
                doc, sentence, start, end = mention.key
                if mention.key in gold:
                    continue
                if sentence in placement.missing:
                    counts["named_outside_the_article"] += 1
                    continue
                gold[mention.key] = f"{topic}/{mention.chain}"
                text = " ".join(mention.tokens)
                baseline[mention.key] = f"{topic}|{text.casefold()}"
                head = placement.tokens.get((sentence, head_token(mention)))
                first = placement.tokens.get((sentence, start)) or head
                last = placement.tokens.get((sentence, end)) or head
                entity = head and covering_entity(first[0], last[1], head, system_mentions.get(article.source, []))
                system[mention.key] = f"{topic}/{entity}" if entity else f"unmatched/{'/'.join(map(str, mention.key))}"
                predictions.append({"doc": doc, "sent": sentence, "start": start, "end": end, "text": text,
                                    "entity": system[mention.key]})

    covered = sum(not system[key].startswith("unmatched/") for key in gold)
    figures = {
        "part": part,
        "file": str(conll),
        "documents": len(documents),
        "documents_with_full_text": sum(source_of(key) in records for key in documents),
        **counts,
        "named_mentions_scored": len(gold),
        "covered_by_system_mentions": covered,
        "coverage": round(covered / len(gold), 4) if gold else None,
        "gold_chains": len(set(gold.values())),
        "system": all_scores(gold, system),
        "exact_string_baseline": all_scores(gold, baseline),
    }
    return figures, predictions


def print_report(figures: dict) -> None:
    print(f"ECB+ {PART_NAMES[figures['part']]} ({figures['file']}): {figures['documents']} documents, "
          f"{figures['documents_with_full_text']} with a full text; {figures['gold_entity_mentions']} gold entity "
          f"mentions")
    print(f"  {figures['named_mentions_scored']} named mentions scored in {figures['gold_chains']} gold chains "
          f"; left out: "
          f"{figures.get('named_outside_the_article', 0)} in lines the full text lacks, "
          f"{figures.get('named_without_full_text', 0)} in articles without a full text")
    print(f"  covered by a system mention: {figures['covered_by_system_mentions']} "
          f"({figures['coverage']:.3f}); the rest count as singletons")
    print(f"{'':30}{'MUC P/R/F1':>22}{'B3 P/R/F1':>22}{'CEAF-e P/R/F1':>22}{'CoNLL F1':>10}")
    for name in ("system", "exact_string_baseline"):
        scores = figures[name]
        cells = "".join(f"{scores[m]['precision']:>8.3f}{scores[m]['recall']:>7.3f}{scores[m]['f1']:>7.3f}"
                        for m in ("muc", "b_cubed", "ceaf_e"))
        print(f"{name:30}{cells}{scores['conll_f1']:>10.3f}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("conll", nargs="?", type=Path, default=CONLL, help="gold CoNLL in the ECB+ layout")
    parser.add_argument("--articles", type=Path, default=FULL_TEXTS, help="full articles, JSON Lines")
    parser.add_argument("--part", choices=PARTS, default="report", help="ECB+ topics to score (default report)")
    parser.add_argument("--json", action="store_true", help="print one JSON object of all figures")
    parser.add_argument("--predictions", type=Path, help="write the system's entity of each mention as JSON Lines")
    args = parser.parse_args(argv)
    for path in (args.conll, args.articles):
        if not path.is_file():
            print(f"{path}: no such file", file=sys.stderr)
            return 2
    figures, predictions = evaluate(args.conll, args.articles, args.part)
    if not figures["named_mentions_scored"]:
        print(f"{args.conll}: no {'gold named mention' if figures['documents'] else 'annotated document'} of the "
              f"{PART_NAMES[args.part]}", file=sys.stderr)
        return 1
    if args.predictions:
        with args.predictions.open("w", encoding="utf-8") as out:
            for line in predictions:
                out.write(json.dumps(line) + "\n")
    if args.json:
        print(json.dumps(figures))
    else:
        print_report(figures)
    return 0


if __name__ == "__main__":
    sys.exit(main())
