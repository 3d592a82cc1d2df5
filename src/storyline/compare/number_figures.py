"""Figures written as numbers: counts ("three dock workers"), amounts of money ("1.2 billion euros"), percentages,
measures ("90 km", "a magnitude 6.8 aftershock") and numbers naming which one ("the 12000 block"), each with its
unit (converted to its dimension's base unit), what it counts or measures and what happened to it; and counts of
times written as one adverb ("married twice"), read as "married three times" is.
"""

from __future__ import annotations

import re
from dataclasses import replace

from spacy.tokens import Doc, Span as SpacySpan, Token

from storyline.compare.family_figures import children_of
from storyline.compare.figure import CALIBER, Figure, FigureConfig
from storyline.compare.figure_events import COUNTING_DEPS, day_by_distance, day_named
from storyline.compare.figure_words import (
    PERSON, PERSONAL_PRONOUNS, UNNAMED, context, estimated_at, figure_bound, listed_places, name_of, of_object,
    participants, people_counted, phrase, predicate_words, pronoun_person, sentence_of, times_named, verbs_above,
    what_happened, words_for,
)
from storyline.compare.place_figures import distance_from, population_of
from storyline.model import Article, TimeExpression
from storyline.text.clock import ClockTime
from storyline.text.estimates import Range, allowed
from storyline.text.numbers import ARTICLES, FIGURE, SCALES, SPACED_THOUSANDS, read_number
from storyline.text.wordlists import pairs, words

NUMBER_LABELS = {"CARDINAL", "MONEY", "QUANTITY", "PERCENT"}
CURRENCIES = pairs("currencies")
UNITS = {unit: (dimension, float(size)) for unit, (dimension, _, size) in
         ((unit, spec.partition("\t")) for unit, spec in pairs("measure_units").items())}
PERCENT_WORDS = {"%", "percent", "pct", "cent"}
# Words before a unit of length that make it a unit of area or volume, with the dimension and the power.
POWERS = {"square": ("area", 2), "sq": ("area", 2), "cubic": ("volume", 3)}
TIME_UNITS = pairs("time_units")
# A thousands group the parse split from its number, and the number it was split from ("more than 1, 400"): neither
# is read, as either may be an item of a list.
SPLIT_GROUP = re.compile(r"\d, \Z")
SPLIT_NUMBER = re.compile(r", \d{3}\b")
# A number paired with another by a dash, as scores and records are written ("a 20-13 lead", "fell to 36-3"): a
# side of a pair, not a quantity of its own.
SCORE = re.compile(r"\d ?[-–] ?\d")
SCORE_BEFORE = re.compile(r"\d ?[-–] ?\Z")
SCORE_AFTER = re.compile(r" ?[-–] ?\d")
# Adverbs that make an amount a rate ("$20 million annually"), with the unit of time it is per.
RATE_ADVERBS = {"annually": "year", "yearly": "year", "monthly": "month", "weekly": "week", "daily": "day"}
DASHES = frozenset({"-", "–"})
# A quake's magnitude written before its number, and the scale written after it.
MAGNITUDE_BEFORE = re.compile(r"\bmagnitude\s*[-–]?\s*\Z", re.IGNORECASE)
RICHTER_AFTER = re.compile(r"\s+on\s+the\s+Richter\b", re.IGNORECASE)
# A firearm's caliber, written as the digits after a point with no number before it (".38-caliber", ".357 Magnum",
# and "a. 38 caliber" as some feeds space it): hundredths or thousandths of an inch as written, not a count.
CALIBER_BEFORE = re.compile(r"(?:^|\D)\.\s?$")
CALIBER_WORDS = words("caliber_words")
CALIBER_AFTER = re.compile(r"[\s-]*(?:" + "|".join(sorted(CALIBER_WORDS)) + r")\b", re.IGNORECASE)
RUN_WORDS = words("run_words")
PLAYED_UNITS = words("played_units")
# Prepositions of the games a tally is counted over ("in 105 games").
OVER_GAMES = frozenset({"in", "over", "across"})
PLAYED = "play"
RECORD_NOUNS = words("record_nouns")
PART_COUNT_WORDS = words("part_count_words")
# Adverbials of a running total ("so far", "in all"), by their words.
RUNNING_TOTALS = frozenset(tuple(line.split()) for line in words("running_totals"))
# A number written as the whole a part is taken out of ("28 of 41 passes", "21 out of 25 fights"): the verb's
# count is the part; the whole is another quantity, often not named ("passes" thrown, not completed).
OUT_OF = re.compile(r"\d\s+(?:out\s+)?of\s+\Z")
# An end of a range ("$140-$150 million", "$145 million to $175 million", "between $140 million and $150 million"):
# the range is the figure, and neither end is one outlets agree or disagree on. "From 3 to 5" is a change, whose
# ends are read.
RANGE = re.compile(r"\bbetween\b|\d(?:\s+(?:million|billion|thousand))?\s*(?:[-–]|to)\s*[$€£]?\s*\d")
RANGE_BEFORE = re.compile(r"(?:\bbetween\s+[$€£]?|(?<!from )\b[$€£]?[\d.,]+(?:\s+(?:million|billion|thousand))?"
                          r"\s*(?:[-–]|to)\s*[$€£]?|\bbetween\s+[$€£]?[\d.,]+(?:\s+(?:million|billion|thousand))?"
                          r"\s+and\s+[$€£]?)\Z")
RANGE_AFTER = re.compile(r"\s*(?:[-–]|to)\s*[$€£]?\s*\d")
POSSIBILITY_MODALS = words("possibility_modals")
# The adjective an amount is written after as a noun's worth ("a deal worth $184 million"), and how the parse hangs
# the amount on it.
WORTH = "worth"
WORTH_DEPS = frozenset({"npadvmod", "pobj", "dobj"})
# What a person's weight counts (conflicts compares weights as one person's).
WEIGHT = "weight"
HYPHENED_MODIFIER_DEPS = frozenset({"compound", "amod", "nmod", "npadvmod"})
DEMONSTRATIVES = frozenset({"this", "that", "these", "those"})
# Adverbs that count times ("twice"), with their number; and the words after one that make it a multiplier or a
# rate ("twice as many", "twice the size", "twice a year", "twice more"), no count.
TIMES_ADVERBS = {word: int(number) for word, number in pairs("times_adverbs").items()}
NOT_TIMES_AFTER = frozenset({"as", "the", "that", "this", "a", "an", "more", "less", "than", "per", "each", "every",
                             "over", "daily", "weekly", "monthly", "yearly", "annually"})
# What a count of times counts, as the parse gives it for "three times".
TIME = "time"
# The letter British outlets glue to an amount of money for millions ("$2.6m", "£1.7m"); after other numbers it may
# be metres or minutes.
MILLIONS_LETTER = "m"


def number_figures(article: Article, doc: Doc, times: list[TimeExpression], clocks: list[ClockTime],
                   config: FigureConfig) -> list[Figure]:
    """The figures the article writes as numbers, outside its time expressions and times of day, and the counts
    of times written as one adverb ("married twice")."""
    return _placed([f for tokens in _number_spans(doc, times, clocks)
                    if (f := _number(article, tokens, times, config))]
                   + [f for token in doc if (f := _times_adverb(article, token, times, config))], doc)


def _times_adverb(article: Article, adverb: Token, times: list[TimeExpression], config: FigureConfig) -> Figure | None:
    """A count of times written as one adverb of its verb ("Page married twice"), read as the parse reads "married
    three times": a count of "time", of what the verb says happened, with the same holders and setting, so that
    the two are one quantity; a stretch its clause names ("twice in 2008") is in its times, as for "three times".
    Not a multiplier, a rate or an addition ("twice as many", "twice the size", "twice a year", "twice more"),
    nor a guess ("could happen twice")."""
    value = TIMES_ADVERBS.get(adverb.lower_)
    verb = adverb.head
    if value is None or adverb.dep_ != "advmod" or verb.pos_ != "VERB":
        return None
    following = adverb.doc[adverb.i + 1] if adverb.i + 1 < len(adverb.doc) else None
    if following is not None and (following.lower_ in NOT_TIMES_AFTER or following.tag_ in {"JJR", "RBR"}):
        return None
    if any(child.dep_ == "aux" and child.lower_ in POSSIBILITY_MODALS for child in verb.children):
        return None
    tokens = adverb.doc[adverb.i : adverb.i + 1]
    bound, hedged = figure_bound(tokens)
    written = allowed(float(value), bound, config.shares, str(value))
    predicate = what_happened(adverb, adverb, config.governing_hops)
    named, person, holders = participants(adverb, adverb, predicate)
    clause = next(iter(verbs_above(adverb)), None)
    return Figure(article.span(tokens.start_char, tokens.end_char, "CARDINAL"), sentence_of(article, tokens),
                  article.outlet, float(value), "COUNT", "", "", bound, Range(written.low, written.high), TIME,
                  predicate_words(predicate), f"times {predicate.text}" if predicate is not None else "times",
                  context(tokens, config.context_tokens), named, times_named(tokens, adverb, times, article), hedged,
                  day_named(tokens, clause, times) if clause is not None else "", person, holders, False,
                  clause is not None and day_by_distance(tokens, clause, times))


def _placed(numbers: list[Figure], doc: Doc) -> list[Figure]:
    """The figures, each of a sentence's figures of one unit that it lists with one place each ("80 percent in
    Egypt, 65 percent in India") named by its own place only (figure_words.listed_places)."""
    listed: dict[tuple, list[int]] = {}
    for i, figure in enumerate(numbers):
        listed.setdefault((figure.sentence, figure.kind, figure.dimension), []).append(i)
    numbers = list(numbers)
    for members in (m for m in listed.values() if len(m) > 1):
        tokens = [doc.char_span(numbers[i].span.start, numbers[i].span.end, alignment_mode="expand")
                  for i in members]
        places = listed_places(doc, [(t.start, t.end) for t in tokens]) if None not in tokens else None
        if places is not None:
            every = frozenset().union(*places)
            for i, own in zip(members, places):
                numbers[i] = replace(numbers[i], names=numbers[i].names - every | own)
    return numbers


def _number_spans(doc: Doc, times: list[TimeExpression], clocks: list[ClockTime]) -> list[SpacySpan]:
    """The number entities, a thousands group written after a comma and a space ("30, 000") joined to the number
    before it, and numbers inside time expressions and times of day ("3:10 p.m.") left to those."""
    spans: list[SpacySpan] = []
    measures = [entity for entity in doc.ents if any(t.lower_ in UNITS and not t.like_num for t in entity)]

    def measured(i: int) -> bool:
        """Whether token i is of a measure written with its own unit."""
        return any(m.start <= i < m.end for m in measures)

    for entity in doc.ents:
        if entity.label_ not in NUMBER_LABELS:
            continue
        start = entity.start
        # a measure with its unit listed after another ("5-foot-8, 135 pounds") is no thousands group split from
        # it (the first, feet and inches the parse reads as one number, is still not read)
        listed = start >= 2 and measured(start - 2) and measured(start)
        if start >= 2 and SPACED_THOUSANDS.fullmatch(doc[start - 2 : start + 1].text) and not listed:
            start -= 2
            if spans and spans[-1].end > start:
                start = spans.pop().start
        end = entity.end
        if end + 2 <= len(doc) and not doc[end + 1].ent_type_ \
                and SPACED_THOUSANDS.fullmatch(doc[end - 1 : end + 2].text):
            end += 2  # "more than 100, 000", whose thousands group the tagger left out
        if start and doc[start].lower_ in SCALES and doc[start - 1].lower_ in ARTICLES:
            start -= 1  # "a dozen", whose article the tagger leaves out: one of the scale
        if (SPLIT_GROUP.search(doc.text, max(doc[start].idx - 4, 0), doc[start].idx) and not listed) \
                or SPLIT_NUMBER.match(doc.text, doc[end - 1].idx + len(doc[end - 1].text)):
            continue
        tokens = SpacySpan(doc, start, end, label=entity.label_)
        if not any(t.span.start < tokens.end_char and tokens.start_char < t.span.end for t in times) \
                and not any(c.start < tokens.end_char and tokens.start_char < c.end for c in clocks):
            spans.append(tokens)
    # a magnitude written before its number, which the tagger leaves untagged ("measured magnitude - 5.9")
    spans += [SpacySpan(doc, t.i, t.i + 1, label="QUANTITY") for t in doc
              if t.like_num and not t.ent_type_ and MAGNITUDE_BEFORE.search(doc.text, 0, t.idx)]
    # a caliber, which the tagger leaves untagged (".38-caliber") or takes into a name ("Gray pointed a. 357")
    spans += [SpacySpan(doc, t.i, t.i + 1, label="QUANTITY") for t in doc
              if t.like_num and _caliber_digits(t.text, t.idx, doc.text) is not None
              and not any(s.start <= t.i < s.end for s in spans)]
    return sorted(spans, key=lambda span: span.start)


def _number(article: Article, tokens: SpacySpan, times: list[TimeExpression], config: FigureConfig) -> Figure | None:
    value = read_number(tokens.text, FIGURE)
    if value is None or SCORE_BEFORE.search(article.text, max(tokens.start_char - 4, 0), tokens.start_char) \
            or OUT_OF.search(article.text, max(tokens.start_char - 12, 0), tokens.start_char) \
            or SCORE_AFTER.match(article.text, tokens.end_char) or SCORE.search(tokens.text) \
            or _range_end(article.text, tokens):
        return None
    kind, unit, dimension, size, unit_token = _unit(tokens)
    anchor = _anchor(tokens, unit_token)
    if kind == "MONEY" and (millions := _millions_letter(tokens)) is not None:
        # "$2.6m from the store": the parse hangs the number on the letter, which stands where "million" would
        value, anchor = value * 1e6, millions
    if anchor.dep_ == "appos" and _an_amount(anchor.head):
        # "200 million euros ($265.3 million)": a conversion, worth what the figure it converts is worth
        return None
    held = distance_from(tokens, article.text) if dimension == "length" \
        else _of_place_or_parent(tokens, article.text) if kind == "COUNT" else None
    if held is not None:
        return _held_figure(article, tokens, value, (kind, unit, dimension, size), held, times, config)
    implied = people_counted(anchor) if kind == "COUNT" else None
    counted = implied or (_counted(anchor) if kind == "COUNT" else _measured(anchor))
    counted = _compound_head(counted) if counted is not None else None
    record = _record_sized(tokens, counted) if kind == "COUNT" else None
    if record is not None:
        counted = record  # "Buford's scoring record of 2,116 points": the record's size, held by its owner
    if counted is None or not counted.is_alpha or _ranked(counted, tokens) or _hyphenated_modifier(counted, tokens) \
            or _part(counted, tokens) \
            or _run(counted) or _pointed_back(counted) \
            or (kind == "COUNT" and (counted.lemma_.lower() in TIME_UNITS or counted.lower_ in UNITS)):
        # a count of hours or of yards ("a seven-yard touchdown") is a measure the parse did not tag as one
        return None
    if (rate := _rate(tokens)) is not None:
        dimension, unit = f"{dimension}/{rate}", f"{unit} per {rate}".strip()
    if implied is not None:
        predicate = implied
    elif kind == "COUNT" and counted.tag_ in {"NN", "NNP"} and value != 1 and record is None \
            and estimated_at(anchor) is None:  # "estimated the crowd at 70" counts the crowd
        # "the 12000 block", "Flight 447": a number that names which one, not how many; what happened there
        # says nothing of which it is
        kind, predicate = "LABEL", None
    elif kind == "COUNT" and _games_counted_over(counted):
        predicate = None
    elif kind == "COUNT":
        predicate = what_happened(counted, counted, config.governing_hops)
    else:
        # "a 1.2 billion euro programme": an amount that modifies its noun is that noun's size, whatever is done
        # with it ("bring forward a programme"); so is one written as what the noun is worth ("a deal worth $184
        # million", which the Red Sox "offered" and another outlet writes as "a $200 million offer")
        modifies = (anchor.head == counted and anchor.dep_ in COUNTING_DEPS) or _worth_of(anchor) is not None
        predicate = what_happened(None if modifies else anchor, counted, config.governing_hops)
    clause = next(iter(verbs_above(anchor)), None)
    if clause is not None and any(child.dep_ == "aux" and child.lower_ in POSSIBILITY_MODALS
                                  for child in clause.children):
        return None  # "the repairs could cost $2 billion": a guess of what may be, not a report
    bound, hedged = figure_bound(tokens)
    written = allowed(value, bound, config.shares, tokens.text)
    what = words_for(counted, predicate)
    named, person, holders = participants(anchor, counted, predicate)
    if kind == "COUNT" and not holders and (alongside := _listed_with(counted)) is not None:
        # "29 points to go with eight rebounds and six assists": the rebounds and assists are the scorer's
        _, listed_person, holders = participants(alongside, alongside, next(iter(verbs_above(alongside)), None))
        person = person or listed_person
    if implied is not None and implied.pos_ in {"VERB", "ADJ"}:
        what = f"people {what}"  # "people killed" for "the quake killed 4", "people dead" for "left 4 dead"
    counted_words = PERSON if implied is not None else phrase(counted, anchor)
    if dimension == "mass" and (counted.ent_type_ == "PERSON" or counted.lower_ in PERSONAL_PRONOUNS):
        # a person's weight, whatever the verb ("weighing 130 pounds", "is 5-foot-8, 135 pounds"): a person has
        # one in a story, so a "he" the sentences around tell is that person's
        whose = pronoun_person(counted) if counted.lower_ in PERSONAL_PRONOUNS else name_of(counted)
        counted_words, predicate, what = WEIGHT, None, WEIGHT
        named, holders, person = frozenset(whose or {UNNAMED}), frozenset(whose or {UNNAMED}), True
    return Figure(article.span(tokens.start_char, tokens.end_char, tokens.label_), sentence_of(article, tokens),
                  article.outlet, value, kind, unit, dimension, bound, Range(written.low * size, written.high * size),
                  counted_words, PLAYED if kind == "COUNT" and _games_counted_over(counted) else predicate_words(
                      predicate), what,
                  context(tokens, config.context_tokens),
                  named, times_named(tokens, anchor, times, article), hedged,
                  day_named(tokens, clause, times) if clause is not None else "", person, holders,
                  kind == "COUNT" and _running_total(counted, clause),
                  clause is not None and day_by_distance(tokens, clause, times))


def _an_amount(token: Token) -> bool:
    """Whether a token is of an amount of money: of a money entity, or the currency word written after a number
    that the tagger left out of the entity ("a 2 million euro ($2.6 million) booty", whose conversion the parse
    hangs on "euro")."""
    return token.ent_type_ == "MONEY" or (token.pos_ == "NOUN" and token.lemma_.lower() in CURRENCIES
                                         and any(child.like_num for child in token.children))


def _record_sized(tokens: SpacySpan, counted: Token | None) -> Token | None:
    """The record a count is the size of: "record" in "broke Buford's scoring record of 2,116 points" and "a
    record of 2,106" (or "of 2, 106", whose parts the parse hangs apart). What the verb does is done to the record,
    whose owner holds it (not the one who breaks it), and an outlet writing its size without the noun ("of 2,106")
    gives the same quantity."""
    return next((token.head.head for token in ([counted] if counted is not None else list(tokens))
                 if token.dep_ == "pobj" and token.head.lower_ == "of"
                 and token.head.head.lemma_.lower() in RECORD_NOUNS), None)


def _games_counted_over(counted: Token) -> bool:
    """Whether a count is of the games a tally is counted over ("has 2,129 points in 105 games", "notched 40 goals
    over 90 matches"): they were played, whatever verb states the tally ("has", "notched"), so two outlets' counts
    of one holder's games are one quantity though their verbs differ."""
    return counted.lemma_.lower() in PLAYED_UNITS and counted.dep_ == "pobj" and counted.head.lower_ in OVER_GAMES


def _running_total(counted: Token, clause: Token | None) -> bool:
    """Whether a count is written as a running total: of "a total of" ("a total of five rifles", "the total rose
    to 40 arrests", "brought the total to five"), or with an adverbial of one ("so far", "to date", "in all") on its
    noun or its clause's verb. Such a count sums several events, or all of them up to the writer's day, and another
    outlet's count of one of them is another quantity."""
    first = counted
    while first.dep_ == "conj" and first.head is not first:
        first = first.head
    if first.dep_ == "pobj" and first.head.lower_ == "of" and first.head.head.lemma_.lower() == "total":
        return True
    holders = [counted, first] + ([clause] if clause is not None else [])
    return any((child.dep_ in {"nsubj", "nsubjpass", "dobj"} and child.lemma_.lower() == "total" and holder is clause)
               or tuple(t.lower_ for t in child.subtree) in RUNNING_TOTALS
               for holder in holders for child in holder.children)


def _millions_letter(tokens: SpacySpan) -> Token | None:
    """The "m" glued to the end of an amount of money ("$2.6m", "2m euros"), if any."""
    doc = tokens.doc
    if tokens.end < len(doc) and doc[tokens.end].lower_ == MILLIONS_LETTER and not doc[tokens.end - 1].whitespace_:
        return doc[tokens.end]
    return None


def _of_place_or_parent(tokens: SpacySpan, text: str) -> tuple[str, str, frozenset[str], frozenset[str]] | None:
    """A count of a place's people or of a named parent's children, as (counted, what, names, holders)."""
    if (parent := children_of(tokens, text)) is not None:
        counted, named = parent
        return counted, counted.split()[0], named, named
    return population_of(tokens, text)


def _held_figure(article: Article, tokens: SpacySpan, value: float, measure: tuple[str, str, str, float],
                 held: tuple[str, str, frozenset[str], frozenset[str]], times: list[TimeExpression],
                 config: FigureConfig) -> Figure:
    """A place's distance from another or its population (storyline.compare.place_figures), or a parent's
    children (storyline.compare.family_figures): one quantity of its holder whatever the verb, so no verb is
    read."""
    kind, unit, dimension, size = measure
    counted, what, named, holders = held
    bound, hedged = figure_bound(tokens)
    written = allowed(value, bound, config.shares, tokens.text)
    return Figure(article.span(tokens.start_char, tokens.end_char, tokens.label_), sentence_of(article, tokens),
                  article.outlet, value, kind, unit, dimension, bound, Range(written.low * size, written.high * size),
                  counted, "", what, context(tokens, config.context_tokens), named,
                  times_named(tokens, tokens.root, times, article), hedged, holders=holders)


def _listed_with(counted: Token) -> Token | None:
    """The noun of the count a counted noun is listed with by "with" ("27 points with eight assists", "posted 29
    points to go with eight rebounds and six assists"), whose holder its count shares; None for one listed with no
    count."""
    first = counted
    while first.dep_ == "conj" and first.head is not first:
        first = first.head
    if first.dep_ != "pobj" or first.head.lower_ != "with":
        return None
    attached = first.head.head
    if attached.lemma_ == "go" and attached.dep_ in {"advcl", "xcomp"}:
        attached = attached.head  # "to go with"
    if attached.pos_ == "VERB":
        attached = next((c for c in attached.children if c.dep_ == "dobj"), attached)
    return attached if attached.pos_ == "NOUN" and any(c.dep_ == "nummod" for c in attached.children) else None


def _ranked(counted: Token, tokens: SpacySpan) -> bool:
    """Whether a counted noun is ranked by a superlative ("the 12 worst-hit villages", "the four hardest-hit"):
    each outlet draws such a line where it likes, so the count is of no one quantity."""
    return any(t.tag_ in {"JJS", "RBS"} and not tokens.start <= t.i < tokens.end
               for child in counted.lefts if child.dep_ in {"amod", "advmod", "compound"} for t in child.subtree)


def _range_end(text: str, tokens: SpacySpan) -> bool:
    """Whether a number is an end of a range its text writes (``RANGE``), not a figure of its own."""
    before = text[max(tokens.sent.start_char, tokens.start_char - 40) : tokens.start_char]
    from_before = re.search(r"\bfrom\s+\Z", before) is not None
    return bool(RANGE.search(tokens.text) and not from_before) or RANGE_BEFORE.search(before) is not None \
        or (RANGE_AFTER.match(text, tokens.end_char) is not None and not from_before) \
        or re.search(r"\bbetween\s+\Z", before) is not None


def _part(counted: Token, tokens: SpacySpan) -> bool:
    """Whether a counted noun is counted as a part of a total or an addition to one ("one final chance", "the
    remaining 12 hostages", "five more people"), or in parts side by side ("12 Somali and 11 Yemeni pirates": the
    noun holds two counts): each outlet draws such a part at its own point."""
    doc = tokens.doc
    counts = [child for child in counted.children if child.dep_ == "nummod"]
    if len(counts) > 1 and any(t.dep_ == "cc" for t in doc[counts[0].i : counts[-1].i]):
        return True  # not "2, 029 points", one number its text spaced
    return any(child.dep_ in {"amod", "advmod", "det", "compound"} and child.lower_ in PART_COUNT_WORDS
               and not tokens.start <= child.i < tokens.end
               and not (child.i + 1 < len(doc) and doc[child.i + 1].lower_ == "than")  # "more than 50" bounds
               for head in (counted, *tokens) for child in head.children)


def _hyphenated_modifier(counted: Token, tokens: SpacySpan) -> bool:
    """Whether the number and its noun are hyphened into a modifier of another noun ("a three-game losing
    streak", "a 10-game stretch", "a two-day strike"): the figure is the length of the streak or the strike, of
    which outlets choose different stretches, not a count of games or days, nor a number naming one."""
    return counted.i == tokens.end + 1 and tokens.doc[tokens.end].text in DASHES \
        and counted.dep_ in HYPHENED_MODIFIER_DEPS and counted.head.pos_ in {"NOUN", "PROPN"}


def _compound_head(noun: Token) -> Token:
    """The noun a hyphened compound's first part belongs to: "workers" for "co" in "two co-workers" or, as texts
    without their original spacing write it, "two co - workers" where the parse makes "co" a part of "workers";
    the first part is no noun of its own (read alone, "co" would be a singular noun, a number naming which one).
    A dash between words of their own ("the five young men - sons of a dentist") joins no compound."""
    doc = noun.doc
    if noun.i + 2 >= len(doc) or doc[noun.i + 1].text not in DASHES:
        return noun
    last = doc[noun.i + 2]
    joined = not noun.whitespace_ and not doc[noun.i + 1].whitespace_
    return last if last.pos_ in {"NOUN", "PROPN"} and last.is_alpha and (joined or noun.head == last) else noun


def _run(counted: Token) -> bool:
    """Whether a count is the length of a run or of a window of recent ones ("10 straight games", "eight of
    their last 10 games", "three games in a row"): each outlet counts the run to its own day, and picks its own
    window."""
    doc = counted.doc
    return any(child.dep_ in ("amod", "advmod", "compound") and child.lower_ in RUN_WORDS
               for child in counted.children) or doc[counted.i + 1 : counted.i + 4].text.lower() == "in a row"


def _pointed_back(counted: Token) -> bool:
    """Whether a count points back at one the text gave before ("Those 10 points tied him with …", "these three
    villages"): what it counts is said in another sentence, so the figure cannot be set against another."""
    return any(child.dep_ == "det" and child.lower_ in DEMONSTRATIVES and not _opens_a_clause(child, counted)
               for child in counted.children)


def _opens_a_clause(that: Token, subject: Token) -> bool:
    """Whether a "that" the parse made a determiner opens the clause of the noun it determines ("said that turnout
    was almost 90 percent"): right after a verb, before the subject of a clause, it is the conjunction of a verb of
    saying or thinking, which points back at nothing."""
    return that.lower_ == "that" and that.i > 0 and that.doc[that.i - 1].pos_ in {"VERB", "AUX"} \
        and subject.dep_ in {"nsubj", "nsubjpass"}


def _rate(tokens: SpacySpan) -> str | None:
    """What an amount is given per, written after it: "season" in "$20 million per season", "year" in "a year",
    "annually"; None for a total."""
    doc = tokens.doc
    following = [t for t in doc[tokens.end : tokens.end + 2]]
    if following and following[0].lower_ in RATE_ADVERBS:
        return RATE_ADVERBS[following[0].lower_]
    if len(following) == 2 and following[1].pos_ == "NOUN" and following[1].lower_ not in PERCENT_WORDS and (
            following[0].lower_ == "per" or (following[0].lower_ in {"a", "an", "each", "every"}
                                             and following[1].lemma_.lower() in TIME_UNITS)):
        return following[1].lemma_.lower()
    return None


def _anchor(tokens: SpacySpan, unit: Token | None) -> Token:
    """The token by which the figure hangs in its sentence: its number (or unit) word whose head lies outside it
    ("000" in "An estimated 100, 000 people", "euros" in "200 million euros")."""
    outside = [t for t in tokens if (t.like_num or t == unit) and not tokens.start <= t.head.i < tokens.end]
    anchor = outside[-1] if outside else tokens.root
    return unit if unit is not None and anchor.head == unit else anchor


def _caliber_digits(written: str, start: int, text: str) -> str | None:
    """The digits of a caliber written at ``start`` (".38" before "caliber"; "38" after "a. "), else None."""
    digits = written.strip().removeprefix(".")
    pointed = written.startswith(".") and not text[max(start - 1, 0):start].isdigit()
    if not digits.isdigit() or not 2 <= len(digits) <= 3 \
            or not CALIBER_AFTER.match(text, start + len(written)) \
            or not (pointed or CALIBER_BEFORE.search(text, max(start - 3, 0), start)):
        return None
    return digits


def _caliber(tokens: SpacySpan) -> tuple | None:
    """A firearm's caliber (".38-caliber revolver", ".357 Magnum"): a measure in inches whose size is told by the
    digits written (".38" hundredths, ".357" thousandths), shown as written; None for any other number."""
    doc = tokens.doc
    digits = _caliber_digits(tokens.text, tokens.start_char, doc.text)
    if digits is None:
        return None
    unit_token = next((t for t in doc[tokens.end : tokens.end + 3] if t.lower_ in CALIBER_WORDS), None)
    return "MEASURE", CALIBER, CALIBER, 10.0 ** -len(digits), unit_token


def _unit(tokens: SpacySpan) -> tuple[str, str, str, float, Token | None]:
    """The kind of a number and its unit: (kind, unit, dimension, size of the unit in the dimension's base unit,
    the unit's token). The unit is a word of the figure, one of the two after it ("40 million euros") or the word
    before it ("$", "magnitude 6.8"); a figure the parse calls a quantity is read as a measure first ("135 pounds"
    weighs)."""
    doc = tokens.doc
    last = max((t.i for t in tokens if t.like_num), default=tokens.start)
    # the words after the last number first: "5-foot-8, 135 pounds" weighs
    near = list(doc[last + 1 : tokens.end]) + [doc[i] for i in range(tokens.end, min(tokens.end + 2, len(doc)))
                                              if not doc[tokens.end].is_punct] + list(doc[tokens.start : last + 1])
    if tokens.start > 0:  # "$" or "magnitude" written before the number, or before a dash before it
        near.append(doc[tokens.start - 1])
        if tokens.start > 1 and doc[tokens.start - 1].text in DASHES:
            near.append(doc[tokens.start - 2])

    def money() -> tuple | None:
        # a verb is no currency: "won 12 games"
        token = next((t for t in near if (t.text in CURRENCIES or t.lemma_.lower() in CURRENCIES)
                      and t.pos_ not in ("VERB", "AUX")), None)
        if token is None:
            return None
        currency = CURRENCIES.get(token.text) or CURRENCIES[token.lemma_.lower()]
        return "MONEY", currency, currency, 1.0, token

    def percent() -> tuple | None:
        token = next((t for t in near if t.lower_ in PERCENT_WORDS), None)
        return ("PERCENT", "percent", "percent", 1.0, token) if token is not None else None

    def measure() -> tuple | None:
        if (caliber := _caliber(tokens)) is not None:
            return caliber
        if RICHTER_AFTER.match(doc.text, tokens.end_char):  # "measuring 5.9 on the Richter scale"
            return "MEASURE", "magnitude", *UNITS["magnitude"], doc[tokens.end + 2]
        token = next((t for t in near if t.lower_ in UNITS), None)
        if token is None:
            return None
        dimension, size = UNITS[token.lower_]
        # "170,000 square feet" is an area, "a 15,800-square-metre building" the same one; "cubic" metres a volume
        before = next((word for word in [*(c.lower_.rstrip(".") for c in token.children if c.dep_ == "amod"),
                                         doc[token.i - 1].lower_.rstrip(".") if token.i > 0 else ""]
                       if word in POWERS), "")
        if dimension == "length" and before:
            dimension, power = POWERS[before]
            size = size ** power * (1000 if dimension == "volume" else 1)  # litres in a cubic metre
            return "MEASURE", f"{before} {token.lower_}", dimension, size, token
        return ("MEASURE", token.lower_, dimension, size, token) if dimension != "-" else \
            ("UNCOMPARED", token.lower_, "", 1.0, token)

    readings = (measure, money, percent) if tokens.label_ == "QUANTITY" else (money, percent, measure)
    return next((found for reading in readings if (found := reading())), ("COUNT", "", "", 1.0, None))


def _counted(anchor: Token) -> Token | None:
    """The noun a count counts: "workers" in "three dock workers". A part of a group ("three of the workers",
    "three people, one of them a woman") counts a part, not the group, and is left out."""
    if anchor.dep_ in COUNTING_DEPS - {"appos"} and anchor.head.pos_ in {"NOUN", "PROPN"} \
            and not anchor.head.like_num and of_object(anchor) is None:
        return anchor.head
    return estimated_at(anchor)  # "police estimated the crowd at 70": the crowd is counted


def _worth_of(anchor: Token) -> Token | None:
    """The noun an amount is written as the worth of, after it ("a deal worth $184 million", "jewellery worth 103
    million euros", "$184 million or $23 million per season" listed after it): the parse hangs the amount on the
    adjective "worth", which qualifies the noun. None for "£910,000 worth of jewellery" (the noun is "worth"'s
    own object) and for "is worth $2 million", whose subject is found as a copula's is."""
    while anchor.dep_ == "conj" and anchor.head is not anchor:
        anchor = anchor.head
    worth = anchor.head
    if anchor.dep_ not in WORTH_DEPS or worth.lower_ != WORTH or worth.dep_ not in {"amod", "acl", "advmod"}:
        return None
    return worth.head if worth.head.pos_ in {"NOUN", "PROPN"} else None


def _measured(anchor: Token) -> Token | None:
    """What an amount, percentage or measure is of: "damage" in "200 million euros of damage", "deal" in "a $13.9
    billion deal", "premium" in "a premium of 33%", "damage" in "the damage is $2 million", "shares" in "shares
    jumped 30 percent"; for a figure listed after another of its unit, what that one is of ("55 percent of voice
    traffic in Saudi Arabia, 52 percent in Egypt")."""
    if anchor.dep_ in {"conj", "appos"} and anchor.head.lower_ == anchor.lower_:
        return _measured(anchor.head)
    if (worth := _worth_of(anchor)) is not None:
        return worth
    if (found := of_object(anchor)) is not None:
        return found
    if anchor.dep_ in COUNTING_DEPS and anchor.head.pos_ in {"NOUN", "PROPN"}:
        return anchor.head
    if anchor.dep_ == "pobj" and anchor.head.dep_ == "prep" and anchor.head.head.pos_ == "NOUN":
        return anchor.head.head
    head = anchor.head
    if anchor.dep_ == "dobj" and head.dep_ == "acl" and head.head.pos_ == "NOUN":
        return head.head  # "an earthquake measuring 5.9"
    if anchor.dep_ == "dobj" and head.lemma_ == "weigh":
        # "he weighs 130 pounds", "He is 5-foot-8, weighing 130 pounds": the weigher, subject of the verb or of
        # the clause its participle hangs from
        return next((c for verb in (head, head.head) for c in verb.children if c.dep_ in {"nsubj", "nsubjpass"}),
                    None)
    for _ in range(2):
        arguments = [c for dep in ("nsubjpass", "dobj", "nsubj") for c in head.children
                     if c.dep_ == dep and c.pos_ in {"NOUN", "PROPN"} and c != anchor and anchor not in c.subtree
                     and c.lower_ not in UNITS]  # "the quake measured magnitude - 5.9" measures the quake
        if arguments:
            return arguments[0]
        if head.pos_ in {"VERB", "AUX"} or head.head is head:
            break
        head = head.head
    return None
