"""Cross-document entity coreference on ECB+: every gold named mention against the entities of the full articles,
as the product finds them.

    python eval/entities.py [CONLL] [--articles FILE] [--part tune|report|all] [--tune-gold FILE] [--json]
                            [--predictions FILE] [--half 1|2 [--split-seed N]]

Gold of the reporting part. CONLL (default ``../shared/data/ecbplus-val/dataset.conll``) has one token a line:
doc key ``topic/subtopic/doc``, sentence number, token number, token and a coreference column ("(HUM12" opens a
mention of chain HUM12, "HUM12)" closes it, "(HUM12)" is one token, several separated by "|"). Entity chains are
those of type HUM, LOC and NON. A sentence number already seen in a document is skipped (topics 12 and 35 repeat
every sentence). The file holds the annotated sentences of the reporting topics only.

Gold of the tuning part. ``--tune-gold`` (default ``data/ecbplus-entities-tune.jsonl``, written by hand: see
``data/README.md``) gives every named mention of six tuning topics, one JSON object a line: ``doc`` (the full
text's document id), ``start`` and ``end`` (character offsets into the text as ``Corpus.ingest`` stores it:
title, a blank line, body), ``text``, ``chain`` and ``type``. Every ``text`` must equal the stored text at its
offsets, or the script stops naming the line.

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

Halves of the tuning part. The rules were fitted to the first four tuning topics, which thereby stopped showing
what held-out topics show. ``--half 1`` or ``--half 2`` scores one half of the tuning gold's topics, drawn by topic
with ``--split-seed`` (default 13): develop a rule on one half and keep it only if it helps the other as well.

Scoring, the same for both golds. Each named mention takes the entity of the system mention over its head (its
last word before "of" or a comma), preferring the mention that overlaps it most, then the shortest; a mention no
system mention covers is a singleton (coverage is the share that is not). The baseline clusters the same
mentions by exact string (case-folded) within a topic. ``--predictions`` writes one JSON line per scored mention:
doc, sent, start, end (tokens) for the CoNLL gold, doc, start, end (characters) for the tuning gold; text, entity.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sys
import tempfile
import unicodedata
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from tqdm import tqdm

sys.path.insert(0, str(Path(__file__).resolve().parent))

from coref_metrics import all_scores  # noqa: E402
from ecbplus import CONLL, FULL_TEXTS, PART_NAMES, PARTS, in_part  # noqa: E402

TUNE_GOLD = Path(__file__).resolve().parent / "data" / "ecbplus-entities-tune.jsonl"

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
# A word of a mention written out in characters: "U.S", "O'Neil", "Strauss-Kahn", "Chin" of 'The Chin"Gigante'.
WORD = re.compile(r"\w+(?:[.'’&-]\w+)*")

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
    mentions as (start, end, entity): the stored mentions and the places the entities were found beyond them."""
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
        spans = {(m.span.start, m.span.end) for m in found.get(article.id, [])}
        spans |= {(start, end) for article_id, start, end in entity_of if article_id == article.id}
        # A mention no entity took stands alone.
        by_source[source] = [(start, end, entity_of.get((article.id, start, end), f"alone/{article.id}:{start}"))
                             for start, end in sorted(spans)]
    return articles, by_source


def covering_entity(start: int, end: int, head: tuple[int, int], system: list[tuple[int, int, str]]) -> str | None:
    covering = [(s, e, entity) for s, e, entity in system if s < head[1] and head[0] < e]
    if not covering:
        return None
    return max(covering, key=lambda m: (min(m[1], end) - max(m[0], start), -(m[1] - m[0])))[2]


# --- evaluation -------------------------------------------------------------------------------------------------

def read_records(path: Path) -> dict[str, dict]:
    return {record["source"]: record for record in map(json.loads, filter(str.strip, path.open(encoding="utf-8")))}


@dataclass
class TuneMention:
    line: int
    doc: str
    start: int
    end: int
    text: str
    chain: str


def read_tune_gold(path: Path) -> list[TuneMention]:
    mentions = []
    with path.open(encoding="utf-8") as lines:
        for number, line in enumerate(lines, 1):
            if not line.strip():
                continue
            try:
                row = json.loads(line)
                mentions.append(TuneMention(number, row["doc"], int(row["start"]), int(row["end"]), row["text"],
                                            row["chain"]))
            except (ValueError, KeyError, TypeError) as error:
                raise ValueError(f"{path}:{number}: not a mention ({error})") from error
    return mentions


def char_head(text: str, start: int, end: int) -> tuple[int, int]:
    """The characters a system mention must cover: the last word before "of" or a comma ("Bank" of "Bank of
    Greece", "Gray" of "Kimani (Kiki) Gray")."""
    words = [(m.start(), m.end()) for m in WORD.finditer(text, start, end)]
    cut = next((k for k, (s, e) in enumerate(words) if k and (text[s:e] == "of" or "," in text[words[k - 1][1]:s])),
               len(words))
    return words[max(cut, 1) - 1] if words else (start, end)


@dataclass
class Scoring:
    """The gold and system entity of every scored mention, the exact-string baseline, counts and predictions."""

    gold: dict = field(default_factory=dict)
    system: dict = field(default_factory=dict)
    baseline: dict = field(default_factory=dict)
    counts: defaultdict = field(default_factory=lambda: defaultdict(int))
    predictions: list = field(default_factory=list)

    def score(self, key: tuple, topic: str, chain: str, text: str, entity: str | None, prediction: dict) -> None:
        self.gold[key] = f"{topic}/{chain}"
        self.baseline[key] = f"{topic}|{text.casefold()}"
        self.system[key] = f"{topic}/{entity}" if entity else f"unmatched/{'/'.join(map(str, key))}"
        self.predictions.append({**prediction, "text": text, "entity": self.system[key]})


def score_conll(scoring: Scoring, topic: str, keys: list[str], documents: dict[str, list[Sentence]],
                stored: dict[str, Article], system_mentions: dict[str, list[tuple[int, int, str]]]) -> None:
    casing = Casing.of([s for key in keys for s in documents[key]])
    for key in keys:
        sentences = {s.number: s for s in documents[key]}
        mentions = gold_mentions(key, documents[key])
        named = [m for m in mentions if is_named(m, sentences[m.key[1]], casing)]
        scoring.counts["gold_entity_mentions"] += len(mentions)
        article = stored.get(source_of(key))
        if article is None:
            scoring.counts["named_without_full_text"] += len(named)
            continue
        placement = place(documents[key], article)
        for mention in named:
            doc, sentence, start, end = mention.key
            if mention.key in scoring.gold:
                continue
            if sentence in placement.missing:
                scoring.counts["named_outside_the_article"] += 1
                continue
            head = placement.tokens.get((sentence, head_token(mention)))
            first = placement.tokens.get((sentence, start)) or head
            last = placement.tokens.get((sentence, end)) or head
            entity = head and covering_entity(first[0], last[1], head, system_mentions.get(article.source, []))
            scoring.score(mention.key, topic, mention.chain, " ".join(mention.tokens), entity,
                          {"doc": doc, "sent": sentence, "start": start, "end": end})


def score_tune_gold(scoring: Scoring, topic: str, mentions: list[TuneMention], path: Path,
                    stored: dict[str, Article], system_mentions: dict[str, list[tuple[int, int, str]]]) -> None:
    for mention in mentions:
        article = stored.get(mention.doc)
        if article is None:
            scoring.counts["named_without_full_text"] += 1
            continue
        if article.text[mention.start:mention.end] != mention.text:
            raise ValueError(f"{path}:{mention.line}: {mention.text!r} is not the stored text of {mention.doc} at "
                             f"{mention.start}-{mention.end} ({article.text[mention.start:mention.end]!r})")
        head = char_head(article.text, mention.start, mention.end)
        entity = covering_entity(mention.start, mention.end, head, system_mentions.get(mention.doc, []))
        scoring.score((mention.doc, mention.start, mention.end), topic, mention.chain, mention.text, entity,
                      {"doc": mention.doc, "start": mention.start, "end": mention.end})


def half_topics(mentions: list[TuneMention], half: int, seed: int) -> set[str]:
    """One of two halves of the topics the mentions come from, drawn by ``seed`` (the first half the larger)."""
    topics = sorted({m.doc.split("_")[0] for m in mentions}, key=int)
    random.Random(seed).shuffle(topics)
    middle = (len(topics) + 1) // 2
    return set(topics[:middle] if half == 1 else topics[middle:])


def evaluate(conll: Path, articles: Path, part: str, tune_gold: Path | None = None, half: int | None = None,
             split_seed: int = 13) -> tuple[dict, list[dict]]:
    """Score the CoNLL gold's named mentions of the part's topics and, given ``tune_gold``, the hand-written
    mentions of the part's tuning topics (of one half of them, given ``half``); each topic's articles are ingested
    once."""
    documents = {key: sentences for key, sentences in read_conll(conll).items()
                 if in_part(int(key.split("/")[0]), part)}
    tune_mentions = [m for m in read_tune_gold(tune_gold) if in_part(int(m.doc.split("_")[0]), part)] \
        if tune_gold else []
    if half:
        chosen = half_topics(tune_mentions, half, split_seed)
        tune_mentions = [m for m in tune_mentions if m.doc.split("_")[0] in chosen]
        documents = {}
    records = read_records(articles)
    conll_keys: dict[str, list[str]] = defaultdict(list)
    for key in sorted(documents):
        conll_keys[key.split("/")[0]].append(key)
    tune_by_topic: dict[str, list[TuneMention]] = defaultdict(list)
    for mention in tune_mentions:
        tune_by_topic[mention.doc.split("_")[0]].append(mention)

    scoring = Scoring()
    topics = sorted(set(conll_keys) | set(tune_by_topic), key=int)
    for topic in tqdm(topics, desc="topics", unit="topic", file=sys.stderr):
        topic_records = [r for source, r in records.items() if source.split("_")[0] == topic]
        stored, system_mentions = topic_entities(topic_records) if topic_records else ({}, {})
        if topic in conll_keys:
            score_conll(scoring, topic, conll_keys[topic], documents, stored, system_mentions)
        if topic in tune_by_topic:
            score_tune_gold(scoring, topic, tune_by_topic[topic], tune_gold, stored, system_mentions)

    gold, system = scoring.gold, scoring.system
    covered = sum(not system[key].startswith("unmatched/") for key in gold)
    figures = {
        "part": part,
        "half": half and {"half": half, "split_seed": split_seed, "topics": sorted(tune_by_topic, key=int)},
        "file": str(conll),
        "documents": len(documents),
        "documents_with_full_text": sum(source_of(key) in records for key in documents),
        "tune_gold": str(tune_gold) if tune_mentions else None,
        "tune_gold_documents": len({m.doc for m in tune_mentions}),
        **scoring.counts,
        "named_mentions_scored": len(gold),
        "covered_by_system_mentions": covered,
        "coverage": round(covered / len(gold), 4) if gold else None,
        "gold_chains": len(set(gold.values())),
        "system": all_scores(gold, system),
        "exact_string_baseline": all_scores(gold, scoring.baseline),
    }
    return figures, scoring.predictions


def print_report(figures: dict) -> None:
    print(f"ECB+ {PART_NAMES[figures['part']]}")
    if figures["documents"]:
        print(f"  {figures['file']}: {figures['documents']} documents, {figures['documents_with_full_text']} with a "
              f"full text; {figures.get('gold_entity_mentions', 0)} gold entity mentions")
    if figures["tune_gold"]:
        print(f"  {figures['tune_gold']}: every named mention of {figures['tune_gold_documents']} full texts")
    if figures["half"]:
        print(f"  half {figures['half']['half']} of its topics (seed {figures['half']['split_seed']}): "
              f"{', '.join(figures['half']['topics'])}")
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
    parser.add_argument("--tune-gold", type=Path, default=TUNE_GOLD,
                        help="hand-written named mentions of tuning topics, JSON Lines")
    parser.add_argument("--json", action="store_true", help="print one JSON object of all figures")
    parser.add_argument("--predictions", type=Path, help="write the system's entity of each mention as JSON Lines")
    parser.add_argument("--half", type=int, choices=(1, 2), help="score one half of the tuning gold's topics")
    parser.add_argument("--split-seed", type=int, default=13, help="the seed drawing the halves (default 13)")
    args = parser.parse_args(argv)
    if args.half and args.part != "tune":
        parser.error("--half splits the tuning part: use it with --part tune")
    for path in (args.conll, args.articles, args.tune_gold):
        if not path.is_file():
            print(f"{path}: no such file", file=sys.stderr)
            return 2
    try:
        figures, predictions = evaluate(args.conll, args.articles, args.part, args.tune_gold, args.half,
                                        args.split_seed)
    except ValueError as error:
        print(error, file=sys.stderr)
        return 2
    if not figures["named_mentions_scored"]:
        print(f"{args.conll}, {args.tune_gold}: no gold named mention of the {PART_NAMES[args.part]}",
              file=sys.stderr)
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
