"""Cross-document entity coreference on ECB+-style CoNLL: the system's entities against the gold chains.

    python eval/entities.py ../shared/data/ecbplus-val/dataset.conll [--json] [--predictions FILE]

The CoNLL file has one token a line: doc key ``topic/subtopic/doc``, sentence number, token number, token and a
coreference column ("(HUM12" opens a mention of chain HUM12, "HUM12)" closes it, "(HUM12)" is one token, several
separated by "|"). Entity chains are those of type HUM, LOC and NON. A sentence number already seen in a document
is skipped: a mention is addressed by (doc, sentence, first token, last token), so a repeat cannot be told apart.

Each document is detokenised (a character offset map keeps every token's place), parsed once with the project's
pipeline, and run through :func:`storyline.extract.mentions.extract`; documents are resolved together per topic (the
first part of the doc key), since ECB+ annotates coreference within a topic and no gold chain crosses topics.

Scored mentions: the gold entity mentions that are named entities, meaning the syntactic head of the mention
(its token whose parse head lies outside it) lies inside a spaCy entity of a name type, or is a proper noun
whose capital its position does not explain (not a sentence's first word, not in capitals, not in a
title-cased line, where the tagger calls every capitalised word a proper noun).
Each takes the entity of the system mention that covers its head; one that no system mention covers is a
singleton. The baseline clusters the same mentions by exact string (case-folded) within a topic.
``--predictions`` writes one JSON line per scored mention: doc, sent, start, end, entity.
"""

from __future__ import annotations

import argparse
import json
import sys
import unicodedata
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

from tqdm import tqdm

sys.path.insert(0, str(Path(__file__).resolve().parent))

from coref_metrics import all_scores  # noqa: E402

from storyline.parse import nlp  # noqa: E402
from storyline.compare.entities import resolve  # noqa: E402
from storyline.extract import mentions as mention_stage  # noqa: E402
from storyline.extract.mentions import NAME_TYPES, is_role_nominal  # noqa: E402
from storyline.model import Article, Mention  # noqa: E402
from storyline.parse.ner_fixes import headline_tokens  # noqa: E402

ENTITY_CHAIN_TYPES = ("HUM", "LOC", "NON")
NO_SPACE_BEFORE = frozenset({".", ",", ":", ";", "!", "?", ")", "]", "}", "%", "'s", "'", "n't", "'re", "'ve",
                             "'ll", "'d", "'m", "’s"})
NO_SPACE_AFTER = frozenset({"(", "[", "{", "$", "#"})

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
    start: int  # character offsets in the document text
    end: int


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


def detokenise(sentences: list[Sentence]) -> tuple[str, dict[tuple[int, int], tuple[int, int]]]:
    """The document text, one sentence a line, and each (sentence, token)'s character offsets in it."""
    pieces: list[str] = []
    offsets: dict[tuple[int, int], tuple[int, int]] = {}
    length = 0
    for sentence in sentences:
        if pieces:
            pieces.append("\n")
            length += 1
        previous = None
        for index, token in enumerate(sentence.tokens):
            if previous is not None and token not in NO_SPACE_BEFORE and previous not in NO_SPACE_AFTER:
                pieces.append(" ")
                length += 1
            offsets[(sentence.number, index)] = (length, length + len(token))
            pieces.append(token)
            length += len(token)
            previous = token
    return "".join(pieces), offsets


def gold_mentions(doc: str, sentences: list[Sentence],
                  offsets: dict[tuple[int, int], tuple[int, int]]) -> list[GoldMention]:
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
                                                 offsets[(sentence.number, start)][0],
                                                 offsets[(sentence.number, index)][1]))
    return found


def named_head(doc, mention: GoldMention, in_headlines: set[int]):
    """The mention's syntactic head when it is a name, else None.

    The tagger calls a word a proper noun for its capital, so a capital that the position explains (a
    sentence's first word, an all-capitals word, a title-cased line: "Driver Charged In Fatal Hit") does not
    make a name there; a spaCy entity still does.
    """
    span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
    if span is None or not len(span):
        return None
    head = span.root
    line_start = head.i == 0 or "\n" in doc[head.i - 1].text_with_ws
    capital_by_position = line_start or head.is_sent_start or head.is_upper or head.i in in_headlines
    if head.ent_type_ in NAME_TYPES or (head.pos_ == "PROPN" and not capital_by_position):
        return head
    return None


def covering_entity(head, article: Article, article_mentions: list[Mention], entity_of: dict) -> str | None:
    """The entity of the system mention over the head, preferring a name to a role nominal, then the shortest."""
    covering = [m for m in article_mentions if m.span.start <= head.idx < m.span.end]
    if not covering:
        return None
    best = min(covering, key=lambda m: (is_role_nominal(m, article), m.span.end - m.span.start))
    return entity_of[(best.span.article_id, best.span.start, best.span.end)]


def evaluate(path: Path) -> tuple[dict, list[dict]]:
    documents = read_conll(path)
    keys = sorted(documents)
    texts, offset_maps = {}, {}
    for key in keys:
        texts[key], offset_maps[key] = detokenise(documents[key])
    articles = {key: Article(text=texts[key], source=key) for key in keys}
    for key in keys:
        if articles[key].text != texts[key]:
            raise ValueError(f"{path}: document {key} changes under text normalisation; offsets would shift")
    parsed = dict(zip(keys, tqdm(nlp.parse(texts[key] for key in keys), total=len(keys), desc="parsing",
                                 file=sys.stderr), strict=True))
    system_mentions = {key: mention_stage.extract(articles[key], parsed[key]) for key in keys}

    by_topic: dict[str, list[str]] = defaultdict(list)
    for key in keys:
        by_topic[key.split("/")[0]].append(key)
    entity_of: dict[tuple[str, int, int], str] = {}
    for topic, topic_keys in by_topic.items():
        for entity in resolve((articles[key], system_mentions[key]) for key in topic_keys):
            for span in entity.mentions:
                entity_of[(span.article_id, span.start, span.end)] = f"{topic}/{entity.id}"

    gold, system, baseline = {}, {}, {}
    total = 0
    for key in keys:
        in_headlines = headline_tokens(parsed[key])
        for mention in gold_mentions(key, documents[key], offset_maps[key]):
            total += 1
            head = named_head(parsed[key], mention, in_headlines)
            if head is None or mention.key in gold:
                continue
            gold[mention.key] = mention.chain
            entity = covering_entity(head, articles[key], system_mentions[key], entity_of)
            system[mention.key] = entity or f"unmatched/{'/'.join(map(str, mention.key))}"
            baseline[mention.key] = f"{key.split('/')[0]}|{texts[key][mention.start:mention.end].casefold()}"
    matched = sum(not entity.startswith("unmatched/") for entity in system.values())
    figures = {
        "file": str(path),
        "documents": len(keys),
        "gold_entity_mentions": total,
        "named_mentions_scored": len(gold),
        "covered_by_system_mentions": matched,
        "gold_chains": len(set(gold.values())),
        "system": all_scores(gold, system),
        "exact_string_baseline": all_scores(gold, baseline),
    }
    predictions = [{"doc": doc, "sent": sent, "start": start, "end": end, "entity": system[(doc, sent, start, end)]}
                   for doc, sent, start, end in sorted(system)]
    return figures, predictions


def print_report(figures: dict) -> None:
    print(f"{figures['file']}: {figures['documents']} documents, {figures['gold_entity_mentions']} gold entity "
          f"mentions, {figures['named_mentions_scored']} named ones scored in {figures['gold_chains']} gold chains, "
          f"{figures['covered_by_system_mentions']} covered by a system mention")
    print(f"{'':24}{'MUC P/R/F1':>22}{'B3 P/R/F1':>22}{'CEAF-e P/R/F1':>22}{'CoNLL F1':>10}")
    for name in ("system", "exact_string_baseline"):
        scores = figures[name]
        cells = "".join(f"{scores[m]['precision']:>8.3f}{scores[m]['recall']:>7.3f}{scores[m]['f1']:>7.3f}"
                        for m in ("muc", "b_cubed", "ceaf_e"))
        print(f"{name:24}{cells}{scores['conll_f1']:>10.3f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("data", type=Path, help="CoNLL file in the ECB+ layout")
    parser.add_argument("--json", action="store_true", help="print one JSON object of all figures")
    parser.add_argument("--predictions", type=Path, help="write the system's clustering as JSON Lines")
    args = parser.parse_args()
    figures, predictions = evaluate(args.data)
    if args.predictions:
        with args.predictions.open("w", encoding="utf-8") as out:
            for line in predictions:
                out.write(json.dumps(line) + "\n")
    if args.json:
        print(json.dumps(figures))
    else:
        print_report(figures)


if __name__ == "__main__":
    main()
