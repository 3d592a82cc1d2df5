"""Entities across articles: the clusters of each article's mentions merged into one person, organisation or place.

Each article's clusters (:func:`storyline.extract.mentions.extract`) are matched, through an index of name keys
(:func:`storyline.text.names.lookup_keys`), against the entities built so far, with the same name rules as within
an article (:func:`storyline.text.names.same_entity`) and these guards: people match only people (bar a one-word
name the model tagged both ways), two full names that differ in a given name ("Imran Khan", "Sadiq Khan") never
match, nor do "Mr" and "Ms" of one surname; a bare surname that fits several people goes to the one sharing its
roles. A lone given name goes to the one person whose full name starts with it ("Tara" to "Tara Reid"), and to no
one when several do. A surname an article writes alone that the model took for an organisation, a group or a
work ("Oppal said" tagged ORG) goes to the one person named in full with it, unless it names a family ("the
Genovese crime family"). A capitalised office no one named in its article holds ("the Commissioner") goes to the
one person of the articles whose role has its title words, and to no one when several do. A facility's short name
("Betty Ford" of the "Betty Ford Center") goes to the facility where its article names it in full, whatever the
model called it, and elsewhere only when the model took it for a thing ("Cliffside" a product), since it may be
the person the facility is named after.

Metonymy: a capital or country standing for its government ("Washington", "Stockholm" said) stays the place
entity spaCy tagged (GPE "Washington"); it is not merged into the country or its government. Whether a city name
means the place or the government depends on the predicate ("arrived in Stockholm" / "Stockholm has called on
Oslo"), which names alone cannot tell, and a wrong merge would corrupt both entities, whereas a kept place entity
still lets the brief show who "Washington" is quoted as.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

from spacy.tokens import Doc

from storyline.compare.name_recall import recall_names
from storyline.extract import mentions
from storyline.extract.mentions import is_role_nominal
from storyline.extract.roles import RANKS
from storyline.model import Article, Entity, Mention, Span
from storyline.parse.name_edges import FAMILY_NOUNS
from storyline.text import gazetteer, wordlists
from storyline.text.names import (
    COURTESY_GENDER, HONORIFICS, PLACE_LABELS, SHORTEST_GIVEN_NAME, STREET_ENDS, Modifiers, fold, fullest_name,
    given_name_holder, institution_of_its_own, is_acronym_of, is_title_part, lookup_keys, modifier_words, name_key,
    nickname_of, role_gender, same_entity, same_word, title_word, tokens, type_group,
)


# A place name is where something is after these ("in Woodburn", "moved to Florida"), never a person.
_AFTER_PLACE_PREPOSITION = re.compile(r"\b(?:in|at|from|to|into|near|across|outside|around|throughout|towards?|"
                                      r"through|via)\s+(?:the\s+)?$", re.IGNORECASE)
SPACED_DASH = re.compile(r"\s[-–—]\s")
FACILITY_NOUNS = wordlists.words("facility_nouns")
GIVEN_NAMES = frozenset(wordlists.pairs("given_name_genders"))
# The model's labels a facility's short name may have: an organisation's, a law's, an event's or a group's is none.
FACILITY_SHORT_NAME_LABELS = frozenset({"PERSON", "FAC", "GPE", "LOC", "PRODUCT", "WORK_OF_ART"})
# Labels under which the model misreads a facility's short name as a thing, neither a person nor a place:
# "Cliffside" tagged a product is "Cliffside Rehab Center" even where an article does not name it in full.
MISREAD_THING_LABELS = frozenset({"FAC", "PRODUCT", "WORK_OF_ART"})
# By hand: the most words a facility's name adds to its short name ("Rehab Center"); more name a unit of whoever
# the short name is ("Security Response Center").
LONGEST_FACILITY_HEAD = 2
_BEFORE_FAMILY = re.compile(r"(?:['’]s?)?\s+(?:[a-z]+\s+)?(?:" + "|".join(sorted(FAMILY_NOUNS)) + r")\b")


@dataclass(slots=True)
class _Cluster:
    """One article's mentions of one entity, as the cross-article matcher sees them."""

    labels: Counter[str]
    names: Counter[str]
    roles: Counter[str]
    spans: list[Span]
    # A name written before "family" or "clan" ("the Genovese crime family") names the family, not its member.
    family: bool = False
    # The model's labels of each name: a tie between labels goes to the one the fullest name has.
    name_labels: Counter[tuple[str, str]] = field(default_factory=Counter)
    # A name written after a preposition of place ("in Woodburn") is a place's.
    located: bool = False
    # The words its article writes before other capitalised words as an institution's ("House Speaker"): a lone
    # one of them is that institution, not a longer name ending in it (:func:`names.institution_of_its_own`).
    modifiers: Modifiers = Modifiers()
    # The label and the fullest name, read for every cluster an entity is matched against (a story's naming asked
    # for them some 270,000 times over the 839 PolNeAR train texts), kept until the cluster changes: it does only
    # by :meth:`absorb` and :meth:`relabel` once it is built.
    _label: str | None = field(default=None, repr=False, compare=False)
    _fullest: str | None = field(default=None, repr=False, compare=False)

    @property
    def label(self) -> str:
        if self._label is None:
            fullest = self.fullest if self.names else ""
            self._label = min(self.labels.items(),
                              key=lambda item: (-item[1], -self.name_labels[fullest, item[0]], item[0]))[0]
        return self._label

    @property
    def fullest(self) -> str:
        if self._fullest is None:
            self._fullest = fullest_name(self.names)
        return self._fullest

    def relabel(self, label: str) -> None:
        """All the cluster's mentions given ``label``."""
        self.labels = Counter({label: self.labels.total()})
        self._label = None

    @property
    def genders(self) -> set[str]:
        return {gender for role in self.roles if (gender := role_gender(role))}

    def absorb(self, other: "_Cluster") -> None:
        self.labels.update(other.labels)
        self.names.update(other.names)
        self.roles.update(other.roles)
        self.spans.extend(other.spans)
        self.family |= other.family
        self.name_labels.update(other.name_labels)
        self.located |= other.located
        self.modifiers = self.modifiers | other.modifiers
        self._label = self._fullest = None


def canonical_name(names: Counter[str], label: str) -> str:
    """The fullest common form: for people and organisations the most used name of two words or more ("Maurice
    Cheeks" over a headline's "Hire Maurice Cheeks"), for places the most used one ("Germany", not "Federal
    Republic of Germany"); never an acronym when the spelled-out name is known, nor a name with a spaced dash when
    there is another."""
    spelled_out = Counter({name: count for name, count in names.items()
                           if not any(is_acronym_of(name, other) for other in names if other != name)})
    # A spaced dash runs two things together ("Web Edition - Microsoft": a heading glued to a dateline).
    spelled_out = Counter({n: c for n, c in spelled_out.items() if not SPACED_DASH.search(n)}) or spelled_out
    if label in ("PERSON", "ORG"):
        full = Counter({name: count for name, count in spelled_out.items() if len(tokens(name)) > 1})
        spelled_out = full or spelled_out
    if label == "PERSON":
        # A person is called by their surname alone, not by a nickname: "Mark Felt" (with "Felt" 136 times)
        # names him, not "Deep Throat", though the articles write the nickname more often than his full name.
        bare = [(count, name) for name, count in names.items() if len(tokens(name)) == 1]
        surname = max(bare)[1] if bare else None
        with_surname = Counter({name: count for name, count in spelled_out.items()
                                if surname is not None and tokens(surname)[0] in tokens(name)})
        spelled_out = with_surname or spelled_out
    return min(spelled_out.items(), key=lambda item: (-item[1], -len(tokens(item[0])), item[0]))[0]


def role_parts(role: str) -> list[str]:
    """A title phrase split into its honorific and its office: "Qatar's Foreign Minister Sheikh" gives
    "Qatar's Foreign Minister" and "Sheikh"."""
    words = role.split()
    honorific = [w for w in words if title_word(w) in HONORIFICS]
    office = [w for w in words if title_word(w) not in HONORIFICS]
    return [" ".join(part) for part in (office, honorific) if part]


def distinct_roles(roles: Counter[str]) -> list[str]:
    """Roles by use, dropping courtesy titles ("Mr"), which are no role, and any role whose words a fuller one
    has in order ("Norway's Minister" of "Norway's Minister of Fisheries")."""
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
        # Made once per entity, not for every mention as a default for setdefault would be.
        if (cluster := clusters.get(mention.entity_id)) is None:
            cluster = clusters[mention.entity_id] = _Cluster(Counter(), Counter(), Counter(), [])
        cluster.spans.append(mention.span)
        if mention.role:
            cluster.roles[mention.role] += 1
        if not is_role_nominal(mention, article):
            cluster.labels[mention.span.label] += 1
            cluster.names[mention.span.text(article)] += 1
            cluster.name_labels[mention.span.text(article), mention.span.label] += 1
            cluster.family |= bool(_BEFORE_FAMILY.match(article.text, mention.span.end))
            cluster.located |= bool(_AFTER_PLACE_PREPOSITION.search(article.text, max(0, mention.span.start - 20),
                                                                    mention.span.start))
    modifiers = modifier_words(article.text, ((m.span.start, m.span.end, m.span.label) for m in article_mentions
                                              if not is_role_nominal(m, article)))
    for cluster in clusters.values():
        cluster.modifiers = modifiers
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
        # A facility's short name goes to the facility before the entities that only go by that short name; one
        # the model calls a person or a place goes to no facility where it may be the person the facility is
        # named after or the place it is in.
        candidates = self._candidates(cluster)
        facilities = self._facilities_of_short_name(cluster, candidates)
        if (match := self._facility_of_short_name(cluster, facilities, candidates)) is not None:
            cluster.relabel(self._entities[match].label)
        else:
            person_or_place = cluster.label == "PERSON" or cluster.label in PLACE_LABELS
            match = self.best_match(cluster, candidates - set(facilities) if person_or_place else candidates)
        if match is None and (match := self._surname_holder(cluster, candidates)) is not None:
            cluster.relabel("PERSON")  # the model's label was the error
        if match is None:
            match = len(self._entities)
            self._entities.append(_Cluster(Counter(), Counter(), Counter(), []))
        self._entities[match].absorb(cluster)
        for name in cluster.names:
            for key in lookup_keys(name):
                self._by_key.setdefault(key, set()).add(match)
        return match

    def _candidates(self, cluster: _Cluster) -> set[int]:
        """The entities that go by a name the cluster's names share a lookup key with."""
        return set().union(*(self._by_key.get(key, set()) for name in cluster.names for key in lookup_keys(name)))

    def best_match(self, cluster: _Cluster, candidate_ids: set[int]) -> int | None:
        matches = [i for i in sorted(candidate_ids) if _same_entity(cluster, self._entities[i])]
        if not matches:
            return self._given_name_holder(cluster, candidate_ids)
        # A plural nickname that ends the names of several ("Times" of the "New York Times" and the "Los Angeles
        # Times") is none of them.
        if len(matches) > 1 and all(nickname_of(cluster.fullest, cluster.label, self._entities[i].fullest,
                                                self._entities[i].label) for i in matches):
            return None
        return max(matches, key=lambda i: (_affinity(cluster, self._entities[i]), -i))

    def _surname_holder(self, cluster: _Cluster, candidate_ids: set[int]) -> int | None:
        """The one person named in full whose surname an article wrote alone and the model took for an
        organisation, a group or a work ("Oppal said" tagged ORG where other articles name "Wally Oppal"); not
        a family. A place only when the model also tagged the surname alone as that person's elsewhere and the
        article never writes it after a preposition of place ("Lohan is back" tagged GPE where other articles
        have "Lindsay Lohan" and "Lohan said"), since a town often shares a surname ("in Byrd")."""
        place = cluster.label in mentions.PLACE_LABELS
        if cluster.label == "PERSON" or cluster.family or (place and cluster.located) \
                or any(len(tokens(name)) != 1 for name in cluster.names):
            return None
        words = {tokens(name)[0] for name in cluster.names}
        # Not "FIRE" of a headline in capitals, nor an initial ("P.").
        if not all(name.istitle() for name in cluster.names) or min(map(len, words)) < SHORTEST_GIVEN_NAME:
            return None
        holders = [i for i in sorted(candidate_ids) if self._entities[i].label == "PERSON"
                   and _mostly_ends_in(self._entities[i].names, words)
                   and (not place or any(self._entities[i].name_labels[name, "PERSON"] for name in cluster.names))]
        return holders[0] if len(holders) == 1 else None

    def _facilities_of_short_name(self, cluster: _Cluster, candidate_ids: set[int]) -> list[int]:
        """The entities other than people with a name that opens with the cluster's one name, the rest a word
        or two ending in a facility noun ("Betty Ford" of the "Betty Ford Center")."""
        words = {tokens(name) for name in cluster.names}
        if len(words) != 1:
            return []
        short = next(iter(words))
        return [i for i in sorted(candidate_ids) if self._entities[i].label != "PERSON"
                and any(_opens_facility_name(short, tokens(name)) for name in self._entities[i].names)]

    def _facility_of_short_name(self, cluster: _Cluster, facilities: list[int], candidate_ids: set[int]) -> int | None:
        """Of the ``facilities`` a name is the short name of, the one it stands for in an article that names one
        in full ("Betty Ford" of the "Betty Ford Center", "Morningside" of "Morningside Recovery Center"), the
        one most named there; elsewhere the name may be the person a facility is named after ("Dean Smith" of
        the "Dean Smith Center"), unless the model took it for a thing ("Cliffside" a product), when it is the
        facility most named. Not a name the model calls an organisation, which lends its name to its units
        ("Microsoft" of the "Microsoft Security Response Center"), a law ("Constitution" of "Constitution
        Square") or a group ("Greek" of the "Greek Orthodox Church"); nor a place, which names its own hospitals
        and squares ("Woodburn" is no "Woodburn Hospital"), unless it has a person's shape (a given name first),
        as the model calls a facility named after someone a place where it stands after "in" or "at"; nor a
        person with a role, or called so where no facility is named, or whose surname it is."""
        if not facilities or cluster.roles or cluster.family or cluster.label not in FACILITY_SHORT_NAME_LABELS:
            return None
        short = tokens(next(iter(cluster.names)))
        if cluster.label in PLACE_LABELS and not (len(short) > 1 and short[0] in GIVEN_NAMES):
            return None
        article = cluster.spans[0].article_id
        named_in = {span.article_id for i in facilities for span in self._entities[i].spans}
        if article not in named_in and cluster.label not in MISREAD_THING_LABELS:
            return None
        candidates = [self._entities[i] for i in sorted(candidate_ids)]
        # A place of that name beside the facility is where the facility is ("Ojai Hospital" in Ojai).
        if any(entity.label in PLACE_LABELS and short in map(tokens, entity.names)
               and any(span.article_id in named_in for span in entity.spans) for entity in candidates):
            return None
        if any(entity.label == "PERSON" and len(tokens(name)) > 1 and tokens(name)[-1] == short[-1]
               and (tokens(name) != short or any(span.article_id not in named_in for span in entity.spans))
               for entity in candidates for name in entity.names):
            return None
        here = [i for i in facilities if any(span.article_id == article for span in self._entities[i].spans)]
        return max(here or facilities, key=lambda i: (len(self._entities[i].spans), -i))

    def _given_name_holder(self, cluster: _Cluster, candidate_ids: set[int]) -> int | None:
        """The one person a lone given name stands for (:func:`given_name_holder`), also when the model gave the
        given name the type it gave that person's full name elsewhere ("Bettie" ORG beside "Bettie Page" ORG
        in an article, of a person other articles tag as one)."""
        if len(cluster.names) != 1:
            return None
        name = next(iter(cluster.names))
        people = {i: self._entities[i].names for i in sorted(candidate_ids) if self._entities[i].label == "PERSON"}
        holder = given_name_holder(name, cluster.label, people)
        if holder is None and cluster.label != "PERSON" and name.istitle():  # not an acronym ("NBA")
            holder = given_name_holder(name, "PERSON", people)
            typed_so = holder is not None and any(
                self._entities[holder].name_labels[full, cluster.label] for full in people[holder]
                if len(tokens(full)) > 1)
            holder = holder if typed_so else None
        return holder

    def entities(self) -> list[Entity]:
        built = sorted((_as_entity(cluster) for cluster in self._entities),
                       key=lambda e: (e.id, e.mentions[0].article_id, e.mentions[0].start))
        seen: Counter[str] = Counter()
        for entity in built:
            seen[entity.id] += 1
            if seen[entity.id] > 1:  # two entities that go by the same name, e.g. two people named "Berg"
                entity.id = f"{entity.id}-{seen[entity.id]}"
        return built


def _opens_facility_name(short: tuple[str, ...], name: tuple[str, ...]) -> bool:
    return (name[:len(short)] == short and 0 < len(name) - len(short) <= LONGEST_FACILITY_HEAD
            and name[-1] in FACILITY_NOUNS - STREET_ENDS)


def _mostly_ends_in(names: Counter[str], words: set[str]) -> bool:
    """Most uses of the full names end in one of the words: the person's surname, not the last word of a name
    wrongly merged into the person ("House" of an "Obama White House" beside "Barack Obama")."""
    full = Counter({name: count for name, count in names.items() if len(tokens(name)) > 1})
    ending = sum(count for name, count in full.items() if any(same_word(tokens(name)[-1], w) for w in words))
    return ending > full.total() / 2


def _same_entity(cluster: _Cluster, entity: _Cluster) -> bool:
    """A bare surname with a courtesy title ("Mr Varga") never joins someone only ever called the opposite
    one; full names are matched by name alone, since one article's "Mr" may sit on the wrong Jenkin."""
    bare = all(len(tokens(name)) == 1 for name in cluster.names)
    if bare and cluster.genders and entity.genders and cluster.genders.isdisjoint(entity.genders):
        return False
    if "PERSON" not in (cluster.label, entity.label) and (
            institution_of_its_own(cluster.names, cluster.modifiers, entity.names)
            or institution_of_its_own(entity.names, entity.modifiers, cluster.names)):
        return False
    return same_entity(cluster.names, cluster.label, entity.names, entity.label)


def _affinity(cluster: _Cluster, entity: _Cluster) -> tuple[bool, int, int, int]:
    """How well a cluster fits a candidate entity: its kind first (one the model gave the entity at least once:
    it calls "Bettie Page" an organisation more often than a person, and her bare surname is still hers, not a
    headline's "Revival Page"), then shared full names, then shared role words, then the entity's prominence
    (mentions by a full name), so that a bare "Obama" goes to the Obama named in full most often."""
    same_group = type_group(cluster.label) in {type_group(label) for label in entity.labels}
    full_keys = {name_key(n) for n in cluster.names if len(tokens(n)) > 1}
    shared_full_names = len(full_keys & {name_key(n) for n in entity.names})
    role_words = {title_word(w) for role in entity.roles for w in role.split()}
    shared_roles = len({title_word(w) for role in cluster.roles for w in role.split()} & role_words)
    prominence = sum(count for name, count in entity.names.items() if len(tokens(name)) > 1)
    return same_group, shared_full_names, shared_roles, prominence


def _as_entity(cluster: _Cluster) -> Entity:
    label = _kind(cluster)
    name = canonical_name(cluster.names, label)
    spans = sorted(cluster.spans, key=lambda s: (s.article_id, s.start, s.end))
    return Entity(entity_id(name, label), name, label, dict(cluster.names.most_common()),
                  distinct_roles(cluster.roles), spans)


def _kind(cluster: _Cluster) -> str:
    """The cluster's label, but a place's where the model called a known place a person ("Genoa"): every name one
    word that names a country, a US state or a city, written after a preposition of place, and no role, which a
    person called after a city would have ("Mr Houston")."""
    if cluster.label == "PERSON" and cluster.located and not cluster.roles \
            and all(len(tokens(name)) == 1 and gazetteer.is_place(name) for name in cluster.names):
        return "GPE"
    return cluster.label


def entity_id(name: str, label: str) -> str:
    return f"{label.lower()}:{fold(name).replace(' ', '-')}"


def resolve(articles: Iterable[tuple[Article, list[Mention]]]) -> list[Entity]:
    """Merge the article-local clusters of several articles into entities, deterministically, and find their
    names where the model missed them (:mod:`storyline.compare.name_recall`).

    Clusters with fuller names go first, so that a bare surname meets the full names it may belong to.
    """
    pairs = list(articles)
    clusters = [cluster for article, article_mentions in pairs
                for cluster in _local_clusters(article, article_mentions)]
    index = EntityIndex()
    for cluster in sorted(clusters, key=lambda c: (-len(tokens(c.fullest)), c.fullest, c.spans[0].article_id,
                                                   c.spans[0].start)):
        index.add(cluster)
    found = index.entities()
    _link_unheld_roles(pairs, found)
    recall_names([article for article, _ in pairs], {article.id: found_mentions for article, found_mentions in pairs},
                 found)
    return found


def _role_words(role: str) -> frozenset[str]:
    return frozenset(title_word(word) for word in role.split() if is_title_part(word))


def _link_unheld_roles(pairs: list[tuple[Article, list[Mention]]], found: list[Entity]) -> None:
    """Give an article's capitalised office no one named there holds ("the Mayor") to the one person of the
    articles resolved together whose role has all its title words and no rank it lacks ("the Minister" is not
    the Prime Minister); when several people hold such a role, or none, it stays out."""
    held = [(entity, [_role_words(role) for role in entity.roles]) for entity in found if entity.type == "PERSON"]
    for article, article_mentions in pairs:
        clusters: dict[str, list[Mention]] = {}
        for mention in article_mentions:
            if mention.entity_id is not None:
                clusters.setdefault(mention.entity_id, []).append(mention)
        for cluster in clusters.values():
            if not all(is_role_nominal(mention, article) for mention in cluster):
                continue
            words = frozenset().union(*(_role_words(mention.role or "") for mention in cluster))
            holders = [entity for entity, roles in held
                       if words and any(words <= role and not (role & RANKS) - words for role in roles)]
            if len(holders) == 1:
                holders[0].mentions.extend(mention.span for mention in cluster)


def entities(parsed: Iterable[tuple[Article, Doc]]) -> list[Entity]:
    """Entities of parsed articles: an article alone, a story's articles or a whole store."""
    return resolve((article, mentions.extract(article, doc)) for article, doc in parsed)
