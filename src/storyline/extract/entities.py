"""Entities: the mentions that denote one person, organisation or place, merged within and across articles.

Within an article (:func:`mentions`) every named mention (spaCy's PERSON, ORG, GPE, LOC, FAC and PRODUCT after
:mod:`storyline.parse.ner_fixes`, and NORP where it names a group: "the Chargers", not "Iraqi") has its titles parsed
off into a role ("US Secretary of Defense" of "Lloyd Austin", "Iran's Supreme Leader Ayatollah Sayed" of "Ali
Khamenei"; an appositive "Iran's Minister of Finance, Ehsan Khandozi" too). Names are clustered fullest first:
a partial name ("Khamenei"), an acronym ("KSS", "U.S.") or a spelling variant joins the nearest compatible
fuller name. A definite role nominal ("the supreme leader", "Iran's Leader", "the Iraqi president") joins the
nearest person who holds that office, with a compatible country; one that no named person in the article holds
stays out, since it cannot be told apart from a generic use.

Across articles (:func:`resolve`, :class:`EntityIndex`) each article's clusters are matched, through an index of
name keys (:func:`storyline.text.names.lookup_keys`), against the entities built so far, with the same name rules
(:func:`same_entity`) and these guards: people match only people (bar a one-word name the model tagged both
ways), two full names that differ in a given name ("Imran Khan", "Sadiq Khan") never match, nor do "Mr" and
"Ms" of one surname; a bare surname that fits several people goes to the one sharing its roles.

Metonymy: a capital or country standing for its government ("Washington", "Tehran" said) stays the place
entity spaCy tagged (GPE "Washington"); it is not merged into the country or its government. Whether a
city name means the place or the government depends on the predicate ("arrived in Tehran" / "Tehran has
called on Baghdad"), which names alone cannot tell, and a wrong merge would corrupt both entities, whereas a
kept place entity still lets the brief show who "Washington" is quoted as.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

from spacy.tokens import Doc, Span as DocSpan, Token

from storyline.model import Article, Entity, Mention, Span
from storyline.text.names import (
    COURTESY_GENDER, HONORIFICS, OFFICES, TITLE_LINKS, fold, is_acronym_of, is_title_head, is_title_part,
    lookup_keys, name_key, names_compatible, person_names_compatible, role_gender, same_word, title_word, tokens,
)

# NORP names a group ("the Chargers", "Americans") when it heads a noun phrase, not as an adjective ("Iraqi").
NAME_TYPES = frozenset({"PERSON", "ORG", "GPE", "LOC", "FAC", "NORP", "PRODUCT"})
QUALIFIER_TYPES = frozenset({"GPE", "NORP", "ORG", "LOC"})
POSSESSIVE_MARKERS = frozenset({"'s", "’s", "'", "’"})
INDEFINITE_DETERMINERS = frozenset({"a", "an", "any", "every", "each", "another", "no", "some", "one"})
DETERMINERS = frozenset({"the", "this", "that"})
# Country adjectives and names share their first letters ("Iraqi"/"Iraq's", "Iranian"/"Iran"); these do not.
QUALIFIER_ALIASES = {"american": "us", "america": "us", "united states": "us", "british": "uk",
                     "britain": "uk", "united kingdom": "uk", "dutch": "neth", "swiss": "swit"}
QUALIFIER_STEM = 4
# Words that make another office of a title: "the minister" is not the prime minister, nor "the president" the
# vice president.
RANKS = frozenset({"prime", "vice", "deputy", "assistant"})
MAX_COMPLEMENT_TOKENS = 8  # "of the Gdansk port authority"; longer ones are clauses, not titles


@dataclass(slots=True)
class _Named:
    text: str
    start: int  # token offsets of the name, titles excluded
    end: int
    label: str
    role: str | None
    role_range: tuple[int, int] | None
    role_words: frozenset[str]
    cluster: int = -1


def mentions(article: Article, doc: Doc) -> list[Mention]:
    """Named mentions and role nominals of one article, coreferent ones sharing ``f"{article.id}:{n}"``.

    A role nominal ("the supreme leader") carries its text without the article as its ``role``; a named mention
    carries the title parsed off its name, if any.
    """
    named = [_named(doc, ent) for ent in doc.ents
             if ent.label_ in NAME_TYPES and (ent.label_ != "NORP" or ent.root.pos_ in ("PROPN", "NOUN"))]
    named = [mention for mention in named if mention is not None]
    _cluster_names(doc, named)
    taken = {i for mention in named if mention.label == "PERSON" for i in range(mention.start, mention.end)}
    taken |= {i for mention in named if mention.role_range for i in range(*mention.role_range)}
    nominals = _role_nominals(doc, named, taken)
    first_start: dict[int, int] = {}
    for mention in named:
        first_start[mention.cluster] = min(first_start.get(mention.cluster, mention.start), mention.start)
    order = {cluster: n for n, cluster in enumerate(sorted(first_start, key=first_start.__getitem__))}

    def key(cluster: int) -> str:
        return f"{article.id}:{order[cluster]}"

    result = [Mention(_char_span(article, doc, m.start, m.end, m.label), key(m.cluster), m.role) for m in named]
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


def _char_span(article: Article, doc: Doc, start: int, end: int, label: str) -> Span:
    return article.span(doc[start].idx, doc[end - 1].idx + len(doc[end - 1].text), label)


def _named(doc: Doc, ent: DocSpan) -> _Named | None:
    start = ent.start + 1 if ent[0].lower_ == "the" else ent.start
    if start == ent.end:
        return None
    role_range = _title_before(doc, start) if ent.label_ == "PERSON" else None
    role_range = role_range or (_title_in_apposition(doc, ent) if ent.label_ == "PERSON" else None)
    if role_range is None:
        return _Named(doc[start:ent.end].text, start, ent.end, ent.label_, None, None, frozenset())
    role_tokens = doc[role_range[0]:role_range[1]]
    return _Named(doc[start:ent.end].text, start, ent.end, ent.label_, role_tokens.text, role_range,
                  frozenset(title_word(t.text) for t in role_tokens if is_title_part(t.text)))


def _title_before(doc: Doc, name_start: int) -> tuple[int, int] | None:
    """The title run right before a name, with the country or body it belongs to ("US", "Iran's")."""
    start = name_start
    while start > 0 and (is_title_part(doc[start - 1].text) or doc[start - 1].lower_ in TITLE_LINKS
                         or (doc[start - 1].ent_type_ in QUALIFIER_TYPES and start - 2 >= 0
                             and doc[start - 2].lower_ in ("of", "for"))):
        start -= 1
    while start < name_start and not is_title_part(doc[start].text):
        start += 1
    if not any(is_title_head(t.text) for t in doc[start:name_start]):
        return None
    return _with_qualifier(doc, _with_modifiers(doc, start, name_start)), name_start


def _with_modifiers(doc: Doc, start: int, end: int) -> int:
    """Extend a title leftwards over the words that modify it: "fire service" of "fire service commander"."""
    while (start > 0 and doc[start - 1].dep_ in ("compound", "amod") and start <= doc[start - 1].head.i < end
           and doc[start - 1].is_alpha and not doc[start - 1].ent_type_):
        start -= 1
    return start


def _with_qualifier(doc: Doc, start: int) -> int:
    if start >= 2 and doc[start - 1].text in POSSESSIVE_MARKERS and doc[start - 2].ent_type_ in QUALIFIER_TYPES:
        start -= 2
    elif start >= 1 and doc[start - 1].ent_type_ in QUALIFIER_TYPES:
        start -= 1
    else:
        return start
    while start > 0 and doc[start - 1].ent_iob_ == "I" and doc[start].ent_iob_ == "I":
        start -= 1
    while start > 0 and doc[start].ent_iob_ == "I":
        start -= 1
    return start


def _title_in_apposition(doc: Doc, ent: DocSpan) -> tuple[int, int] | None:
    """A title set off by commas: "Iran's Minister of Finance, Ehsan Khandozi" / "Lloyd Austin, the US
    defense secretary"."""
    root = ent.root
    heads = [root.head] if root.dep_ == "appos" else []
    heads += [child for child in root.children if child.dep_ == "appos"]
    for head in heads:
        if title_word(head.text) in OFFICES and not ent.start <= head.i < ent.end:
            start, end = _title_phrase(doc, head)
            if start >= ent.end:  # after the name, the title keeps its possessor: "the union's chairman"
                start = max(ent.end, min(start, head.left_edge.i))
                while start < head.i and (doc[start].is_punct or doc[start].lower_ in DETERMINERS):
                    start += 1
            gap = doc[end:ent.start] if end <= ent.start else doc[ent.end:start]
            if (end <= ent.start or start >= ent.end) and all(t.is_punct or t.lower_ in DETERMINERS for t in gap):
                return start, end
    return None


def _title_phrase(doc: Doc, head: Token) -> tuple[int, int]:
    """Token range of a title around its head word: the words of the title before it with their country or
    body ("Iran's Supreme"), and an "of" complement after it ("of Economic Affairs and Finance")."""
    start = head.i
    while start > 0 and is_title_part(doc[start - 1].text):
        start -= 1
    start = _with_qualifier(doc, _with_modifiers(doc, start, head.i + 1))
    end = head.i + 1
    if end < len(doc) and doc[end].lower_ in ("of", "for") and doc[end].head.i == head.i:
        complement_end = doc[end].right_edge.i + 1
        if complement_end - end <= MAX_COMPLEMENT_TOKENS and not any(t.is_punct for t in doc[end:complement_end]):
            return start, complement_end
    if end + 1 < len(doc) and doc[end].lower_ in ("of", "for") and doc[end + 1].is_title:
        end += 2
        while end < len(doc) and (doc[end].is_title or (doc[end].lower_ in TITLE_LINKS and end + 1 < len(doc)
                                                        and doc[end + 1].is_title)):
            end += 1
    return start, end


def _type_group(label: str) -> str:
    return "PERSON" if label == "PERSON" else "NONPERSON"


def same_entity(names: Counter[str], label: str, other_names: Counter[str], other_label: str,
                one_article: bool = False) -> bool:
    """Whether two sets of names (a mention's, a cluster's, an entity's) can denote one entity.

    A name of two words or more shared by both is enough whatever spaCy's labels ("Hugh Jackman" tagged GPE
    once). People otherwise need a compatible pair of names and no clash: two full names with one surname and
    different given names ("Imran Khan", "Sadiq Khan") are two people, whatever shorter forms they share.
    Organisations and places compare their fullest names, so "Navy" of "Indian Navy" does not lead on to
    "Pakistan Navy". Within ``one_article`` a lone word stands for a longer name ("the Navy" after "the Indian
    Navy"); across articles it does so only when the entity already goes by that word, since "America" is no
    part of "RT America", nor "House" of "House Intelligence Committee".
    """
    same_group = _type_group(label) == _type_group(other_label)
    shared = {name_key(n) for n in names} & {name_key(n) for n in other_names}
    if any(len(tokens(name)) > 1 for name in shared):
        return True
    if not same_group:
        # The small model calls unfamiliar places people ("Akkar"): a one-word name shared across the line is
        # one entity when the person side has no fuller name.
        person_names = names if label == "PERSON" else other_names
        return bool(shared) and all(len(tokens(name)) == 1 for name in person_names)
    if label == "PERSON":
        full, other_full = _full_names(list(names)), _full_names(list(other_names))
        if any(_clash(a, b) for a in full for b in other_full):
            return False
        return bool(shared) or any(person_names_compatible(a, b) for a in full for b in other_full)
    fullest, other_fullest = fullest_name(names), fullest_name(other_names)
    single_word = min(len(tokens(fullest)), len(tokens(other_fullest))) == 1
    if shared:  # one word in common, as "House" of "White House" and of "House Intelligence Committee"
        return single_word or names_compatible(fullest, other_fullest)
    if not _names_match(fullest, label, other_fullest, other_label):
        return False
    return one_article or not single_word or _acronym_match(fullest, other_fullest)


def _full_names(names: list[str]) -> list[str]:
    return [name for name in names if len(tokens(name)) > 1] or names


def _clash(a: str, b: str) -> bool:
    a_tokens, b_tokens = tokens(a), tokens(b)
    return (len(a_tokens) > 1 and len(b_tokens) > 1 and same_word(a_tokens[-1], b_tokens[-1])
            and not person_names_compatible(a, b))


def _names_match(name: str, label: str, fuller: str, fuller_label: str) -> bool:
    if name_key(name) == name_key(fuller):
        return True
    if label != fuller_label:  # "Bank of Iraq" is no part of Iraq; acronyms cross spaCy's ORG/GPE confusion
        return _acronym_match(name, fuller)
    return names_compatible(name, fuller)


def _acronym_match(a: str, b: str) -> bool:
    return is_acronym_of(a, b) or is_acronym_of(b, a)


def _cluster_names(doc: Doc, named: list[_Named]) -> None:
    """Set each named mention's cluster, fullest names first so partial names find their full form."""
    members: list[list[_Named]] = []
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
        if mention.cluster == len(members):
            members.append([])
            names.append(Counter())
        members[mention.cluster].append(mention)
        names[mention.cluster][mention.text] += 1
        for key in lookup_keys(mention.text):
            by_key.setdefault(key, set()).add(mention.cluster)
        if mention.end + 2 < len(doc) and doc[mention.end].text == "(" and doc[mention.end + 2].text == ")":
            acronym_of[mention.end + 1] = mention.cluster


def _fits_cluster(mention: _Named, cluster: list[_Named], cluster_names: Counter[str]) -> bool:
    gender = role_gender(mention.role)
    if gender and any(role_gender(m.role) not in (None, gender) for m in cluster):
        return False
    return same_entity(Counter([mention.text]), mention.label, cluster_names, cluster[0].label, one_article=True)


def _nearest(candidates: list[int], members: list[list[_Named]], position: int) -> int:
    """The candidate cluster mentioned closest before ``position``, else closest after."""
    def distance(cluster: int) -> tuple[int, int]:
        before = [position - m.start for m in members[cluster] if m.start < position]
        if before:
            return 0, min(before)
        return 1, min(m.start - position for m in members[cluster])

    return min(candidates, key=lambda c: (distance(c), c))


def _qualifier(doc: Doc, start: int, head: int) -> str | None:
    """The country or body a title belongs to ("Iraqi", "Iran's", "US"), folded to a comparable key."""
    words = [doc[i].text for i in range(start, head) if doc[i].ent_type_ in QUALIFIER_TYPES]
    if not words:
        return None
    folded = fold(" ".join(words))
    return QUALIFIER_ALIASES.get(folded, folded.replace(" ", "")[:QUALIFIER_STEM])


def _role_nominals(doc: Doc, named: list[_Named], taken: set[int]) -> list[tuple[tuple[int, int], _Named]]:
    """Definite singular title phrases not attached to a name, each with the named person holding that title.

    ``taken`` holds the tokens of people's names and of the titles already parsed off them.
    """
    holders = [m for m in named if m.label == "PERSON" and m.role_words]
    found = []
    for token in doc:
        word = title_word(token.text)
        if word not in OFFICES or token.i in taken or token.ent_type_ or token.tag_ not in ("NN", "NNP"):
            continue
        if token.dep_ == "compound" or not _is_definite(token):
            continue
        start, end = _title_phrase(doc, token)
        if any(i in taken for i in range(start, end)):
            start, end = token.i, token.i + 1
        qualifier = _qualifier(doc, start, token.i)
        words = {title_word(t.text) for t in doc[start:token.i + 1] if is_title_part(t.text)}
        candidates = [h for h in holders if words <= h.role_words and not (h.role_words & RANKS) - words
                      and _qualifiers_agree(doc, h, qualifier)]
        if candidates:
            found.append(((start, end), _nearest_holder(candidates, token.i)))
    return found


def _is_definite(token: Token) -> bool:
    determiners = [child.lower_ for child in token.children if child.dep_ in ("det", "predet")]
    if any(d in INDEFINITE_DETERMINERS for d in determiners):
        return False
    has_possessor = any(child.dep_ == "poss" for child in token.children)
    return bool(determiners) or has_possessor or token.is_title


def _qualifiers_agree(doc: Doc, holder: _Named, qualifier: str | None) -> bool:
    if qualifier is None or holder.role_range is None:
        return True
    holder_qualifier = _qualifier(doc, *holder.role_range)
    return holder_qualifier is None or holder_qualifier == qualifier


def _nearest_holder(candidates: list[_Named], position: int) -> _Named:
    before = [c for c in candidates if c.start < position]
    if before:
        return max(before, key=lambda c: c.start)
    return min(candidates, key=lambda c: c.start)


@dataclass(slots=True)
class _Cluster:
    """One article's mentions of one entity, as the cross-article matcher sees them."""

    labels: Counter[str]
    names: Counter[str]
    roles: Counter[str]
    spans: list[Span]

    @property
    def label(self) -> str:
        return min(self.labels.items(), key=lambda item: (-item[1], item[0]))[0]

    @property
    def fullest(self) -> str:
        return fullest_name(self.names)

    @property
    def genders(self) -> set[str]:
        return {gender for role in self.roles if (gender := role_gender(role))}

    def absorb(self, other: "_Cluster") -> None:
        self.labels.update(other.labels)
        self.names.update(other.names)
        self.roles.update(other.roles)
        self.spans.extend(other.spans)


def fullest_name(names: Counter[str]) -> str:
    """The name with most words; among those the most used, then the first in alphabetical order."""
    return min(names.items(), key=lambda item: (-len(tokens(item[0])), -item[1], item[0]))[0]


def canonical_name(names: Counter[str], label: str) -> str:
    """The fullest common form: for people and organisations the most used name of two words or more ("Maurice
    Cheeks" over a headline's "Hire Maurice Cheeks"), for places the most used one ("Iran", not "Islamic Republic
    of Iran"); never an acronym when the spelled-out name is known."""
    spelled_out = Counter({name: count for name, count in names.items()
                           if not any(is_acronym_of(name, other) for other in names if other != name)})
    if label in ("PERSON", "ORG"):
        full = Counter({name: count for name, count in spelled_out.items() if len(tokens(name)) > 1})
        spelled_out = full or spelled_out
    return min(spelled_out.items(), key=lambda item: (-item[1], -len(tokens(item[0])), item[0]))[0]


def role_parts(role: str) -> list[str]:
    """A title phrase split into its honorific and its office: "Iran's Supreme Leader Ayatollah Sayed" gives
    "Iran's Supreme Leader" and "Ayatollah Sayed"."""
    words = role.split()
    honorific = [w for w in words if title_word(w) in HONORIFICS]
    office = [w for w in words if title_word(w) not in HONORIFICS]
    return [" ".join(part) for part in (office, honorific) if part]


def distinct_roles(roles: Counter[str]) -> list[str]:
    """Roles by use, dropping courtesy titles ("Mr"), which are no role, and any role whose words a fuller one
    has in order ("Iran's Leader" of "Iran's Supreme Leader")."""
    counts: Counter[str] = Counter()
    for role, count in roles.items():
        for part in role_parts(role):
            if title_word(part) not in COURTESY_GENDER:
                counts[part] += count
    by_use = sorted(counts.items(), key=lambda item: (-item[1], item[0]))

    def contained(role: str) -> bool:
        words = fold(role).split()
        return any(_in_order(words, fold(other).split()) and fold(other) != fold(role) for other in counts)

    kept: dict[str, str] = {}
    for role, _ in by_use:
        if not contained(role):
            kept.setdefault(fold(role), role)
    return list(kept.values())


def _in_order(words: list[str], other: list[str]) -> bool:
    remaining = iter(other)
    return all(word in remaining for word in words)


def _local_clusters(article: Article, article_mentions: list[Mention]) -> list[_Cluster]:
    clusters: dict[str, _Cluster] = {}
    for mention in article_mentions:
        if mention.entity_id is None:
            continue
        cluster = clusters.setdefault(mention.entity_id, _Cluster(Counter(), Counter(), Counter(), []))
        cluster.spans.append(mention.span)
        if mention.role:
            cluster.roles[mention.role] += 1
        if not is_role_nominal(mention, article):
            cluster.labels[mention.span.label] += 1
            cluster.names[mention.span.text(article)] += 1
    return [cluster for cluster in clusters.values() if cluster.names]


@dataclass(slots=True)
class EntityIndex:
    """Entities built so far, found by name key; clusters of new articles are added one at a time."""

    _entities: list[_Cluster] = field(default_factory=list)
    _by_key: dict[str, set[int]] = field(default_factory=dict)

    def add_article(self, article: Article, article_mentions: list[Mention]) -> None:
        for cluster in _local_clusters(article, article_mentions):
            self.add(cluster)

    def add(self, cluster: _Cluster) -> int:
        match = self.best_match(cluster)
        if match is None:
            match = len(self._entities)
            self._entities.append(_Cluster(Counter(), Counter(), Counter(), []))
        self._entities[match].absorb(cluster)
        for name in cluster.names:
            for key in lookup_keys(name):
                self._by_key.setdefault(key, set()).add(match)
        return match

    def best_match(self, cluster: _Cluster) -> int | None:
        candidate_ids = set().union(*(self._by_key.get(key, set()) for name in cluster.names
                                      for key in lookup_keys(name)))
        matches = [i for i in sorted(candidate_ids) if _same_entity(cluster, self._entities[i])]
        if not matches:
            return None
        return max(matches, key=lambda i: (_affinity(cluster, self._entities[i]), -i))

    def entities(self) -> list[Entity]:
        built = sorted((_as_entity(cluster) for cluster in self._entities),
                       key=lambda e: (e.id, e.mentions[0].article_id, e.mentions[0].start))
        seen: Counter[str] = Counter()
        for entity in built:
            seen[entity.id] += 1
            if seen[entity.id] > 1:  # two entities that go by the same name, e.g. two people named "Rashid"
                entity.id = f"{entity.id}-{seen[entity.id]}"
        return built


def _same_entity(cluster: _Cluster, entity: _Cluster) -> bool:
    """A bare surname with a courtesy title ("Mr Varga") never joins someone only ever called the opposite
    one; full names are matched by name alone, since one article's "Mr" may sit on the wrong Jenkin."""
    bare = all(len(tokens(name)) == 1 for name in cluster.names)
    if bare and cluster.genders and entity.genders and cluster.genders.isdisjoint(entity.genders):
        return False
    return same_entity(cluster.names, cluster.label, entity.names, entity.label)


def _affinity(cluster: _Cluster, entity: _Cluster) -> tuple[bool, int, int, int]:
    """How well a cluster fits a candidate entity: its kind first, then shared full names, then shared role
    words, then the entity's prominence (mentions by a full name), so that a bare "Obama" goes to the Obama
    named in full most often."""
    same_group = _type_group(cluster.label) == _type_group(entity.label)
    full_keys = {name_key(n) for n in cluster.names if len(tokens(n)) > 1}
    shared_full_names = len(full_keys & {name_key(n) for n in entity.names})
    role_words = {title_word(w) for role in entity.roles for w in role.split()}
    shared_roles = len({title_word(w) for role in cluster.roles for w in role.split()} & role_words)
    prominence = sum(count for name, count in entity.names.items() if len(tokens(name)) > 1)
    return same_group, shared_full_names, shared_roles, prominence


def _as_entity(cluster: _Cluster) -> Entity:
    name = canonical_name(cluster.names, cluster.label)
    spans = sorted(cluster.spans, key=lambda s: (s.article_id, s.start, s.end))
    return Entity(entity_id(name, cluster.label), name, cluster.label, dict(cluster.names.most_common()),
                  distinct_roles(cluster.roles), spans)


def entity_id(name: str, label: str) -> str:
    return f"{label.lower()}:{fold(name).replace(' ', '-')}"


def resolve(articles: Iterable[tuple[Article, list[Mention]]]) -> list[Entity]:
    """Merge the article-local clusters of several articles into entities, deterministically.

    Clusters with fuller names go first, so that a bare surname meets the full names it may belong to.
    """
    clusters = [cluster for article, article_mentions in articles
                for cluster in _local_clusters(article, article_mentions)]
    index = EntityIndex()
    for cluster in sorted(clusters, key=lambda c: (-len(tokens(c.fullest)), c.fullest, c.spans[0].article_id,
                                                   c.spans[0].start)):
        index.add(cluster)
    return index.entities()


def entities(parsed: Iterable[tuple[Article, Doc]]) -> list[Entity]:
    """Entities of parsed articles: an article alone, a story's articles or a whole store."""
    return resolve((article, mentions(article, doc)) for article, doc in parsed)
