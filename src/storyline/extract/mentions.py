"""Mentions: the names and role nouns of one article, those that denote one entity sharing a cluster key.

Every named mention (spaCy's PERSON, ORG, GPE, LOC, FAC, PRODUCT, and the named events, laws and works a story
turns on, "Watergate", "the Endangered Species Act", "The Hunger Games", after :mod:`storyline.parse.ner_fixes`, and
NORP where it names a group: "the Chargers", not "Iraqi") has its titles parsed off into a role ("Norway's
Minister of Fisheries" of "Ola Berg"; an appositive "Karin Lund, the Swedish finance minister" too:
:mod:`storyline.extract.roles`). Names are clustered fullest first: a partial name ("Berg"), an acronym ("NGA",
"U.S.") or a spelling variant joins the nearest compatible fuller name (:func:`storyline.text.names.same_entity`),
and a lone given name the one person whose full name starts with it ("Tara" of "Tara Reid").
A definite role nominal ("the fisheries minister", "Norway's minister") joins the person who holds that office
(:func:`storyline.extract.roles.role_nominals`); one that no named person in the article holds stays out.

Clusters are matched across articles by :mod:`storyline.compare.entities`.
"""

from __future__ import annotations

from collections import Counter

from spacy.tokens import Doc

from storyline.extract.roles import DETERMINERS, Named, named_mention, role_nominals
from storyline.model import Article, Mention, Span
from storyline.text.names import given_name_holder, lookup_keys, role_gender, same_entity, tokens

# NORP names a group ("the Chargers", "Americans") when it heads a noun phrase, not as an adjective ("Iraqi").
NAME_TYPES = frozenset({"PERSON", "ORG", "GPE", "LOC", "FAC", "NORP", "PRODUCT", "EVENT", "LAW", "WORK_OF_ART"})


def extract(article: Article, doc: Doc) -> list[Mention]:
    """Named mentions and role nominals of one article, coreferent ones sharing ``f"{article.id}:{n}"``.

    A role nominal ("the supreme leader") carries its text without the article as its ``role``; a named mention
    carries the title parsed off its name, if any.
    """
    named = [named_mention(doc, ent) for ent in doc.ents
             if ent.label_ in NAME_TYPES and (ent.label_ != "NORP" or ent.root.pos_ in ("PROPN", "NOUN"))]
    named = [mention for mention in named if mention is not None]
    _cluster_names(doc, named)
    taken = {i for mention in named if mention.label == "PERSON" for i in range(mention.start, mention.end)}
    taken |= {i for mention in named if mention.role_range for i in range(*mention.role_range)}
    nominals = role_nominals(doc, named, taken)
    first_start: dict[int, int] = {}
    for mention in named:
        first_start[mention.cluster] = min(first_start.get(mention.cluster, mention.start), mention.start)
    order = {cluster: n for n, cluster in enumerate(sorted(first_start, key=first_start.__getitem__))}

    def key(cluster: int) -> str:
        return f"{article.id}:{order[cluster]}"

    result = [Mention(_char_span(article, doc, m.start, m.end, m.label, m.glued), key(m.cluster), m.role)
              for m in named]
    for (start, end), antecedent in nominals:
        role = doc[start:end].text
        if start > 0 and doc[start - 1].lower_ in DETERMINERS:
            start -= 1
        span = _char_span(article, doc, start, end, antecedent.label)
        result.append(Mention(span, key(antecedent.cluster), role))
    return sorted(result, key=lambda m: (m.span.start, m.span.end))


def is_role_nominal(mention: Mention, article: Article) -> bool:
    """A role nominal's text ends with its role ("the supreme leader"); a name never ends with its title."""
    return bool(mention.role) and mention.span.text(article).endswith(mention.role)


def _char_span(article: Article, doc: Doc, start: int, end: int, label: str, glued: int = 0) -> Span:
    return article.span(doc[start].idx + glued, doc[end - 1].idx + len(doc[end - 1].text), label)


def _cluster_names(doc: Doc, named: list[Named]) -> None:
    """Set each named mention's cluster, fullest names first so partial names find their full form."""
    members: list[list[Named]] = []
    names: list[Counter[str]] = []
    by_key: dict[str, set[int]] = {}
    acronym_of: dict[int, int] = {}
    for mention in sorted(named, key=lambda m: (-len(tokens(m.text)), m.start)):
        if mention.start in acronym_of:
            mention.cluster = acronym_of[mention.start]
        else:
            keys = lookup_keys(mention.text)
            candidates = sorted(c for key in keys for c in by_key.get(key, ())
                                if _fits_cluster(mention, members[c], names[c]))
            mention.cluster = _nearest(candidates, members, mention.start) if candidates else len(members)
            if not candidates:
                people = {c: names[c] for c, cluster in enumerate(members) if cluster[0].label == "PERSON"}
                holder = given_name_holder(mention.text, mention.label, people)
                mention.cluster = len(members) if holder is None else holder
        if mention.cluster == len(members):
            members.append([])
            names.append(Counter())
        members[mention.cluster].append(mention)
        names[mention.cluster][mention.text] += 1
        for key in lookup_keys(mention.text):
            by_key.setdefault(key, set()).add(mention.cluster)
        if mention.end + 2 < len(doc) and doc[mention.end].text == "(" and doc[mention.end + 2].text == ")":
            acronym_of[mention.end + 1] = mention.cluster


def _fits_cluster(mention: Named, cluster: list[Named], cluster_names: Counter[str]) -> bool:
    gender = role_gender(mention.role)
    if gender and any(role_gender(m.role) not in (None, gender) for m in cluster):
        return False
    return same_entity(Counter([mention.text]), mention.label, cluster_names, cluster[0].label, one_article=True)


def _nearest(candidates: list[int], members: list[list[Named]], position: int) -> int:
    """The candidate cluster mentioned closest before ``position``, else closest after."""
    def distance(cluster: int) -> tuple[int, int]:
        before = [position - m.start for m in members[cluster] if m.start < position]
        if before:
            return 0, min(before)
        return 1, min(m.start - position for m in members[cluster])

    return min(candidates, key=lambda c: (distance(c), c))
