"""Mentions: the names and role nouns of one article, those that denote one entity sharing a cluster key.

Every named mention (spaCy's PERSON, ORG, GPE, LOC, FAC, PRODUCT, and the named events, laws and works a story
turns on, "Watergate", "the Endangered Species Act", "The Hunger Games", after :mod:`storyline.parse.ner_fixes`, and
NORP where it names a group: "the Chargers", not "Iraqi") has its titles parsed off into a role ("Norway's
Minister of Fisheries" of "Ola Berg"; an appositive "Karin Lund, the Swedish finance minister" too:
:mod:`storyline.extract.roles`). Names are clustered fullest first: a partial name ("Berg"), an acronym ("NGA",
"U.S.") or a spelling variant joins the nearest compatible fuller name (:func:`storyline.text.names.same_entity`),
a bare surname several people share the one the article names most, and a lone given name the one person whose
full name starts with it ("Tara" of "Tara Reid").
A definite role nominal ("the fisheries minister", "Norway's minister") joins the person who holds that office
(:func:`storyline.extract.roles.role_nominals`); one that no named person in the article holds stays out, unless
capitalised ("the Mayor"): that one is a cluster of its own, which :mod:`storyline.compare.entities` gives to the
one person of the story holding the office.

Clusters are matched across articles by :mod:`storyline.compare.entities`.
"""

from __future__ import annotations

from collections import Counter

from spacy.tokens import Doc, Token

from storyline.extract.roles import DETERMINERS, Named, named_mention, role_nominals
from storyline.model import Article, Mention, Span
from storyline.parse.labels import NAME_LABELS, PLACE_LABELS
from storyline.text import wordlists
from storyline.text.names import (
    Modifiers, fold, given_name_holder, institution_of_its_own, is_acronym_of, lookup_keys, modifier_words, role_gender,
    same_entity, tokens, type_group,
)

# NORP names a group ("the Chargers", "Americans") when it heads a noun phrase, not as an adjective ("Iraqi").
ALIAS_CUES = [tuple(cue.split()) for cue in wordlists.words("alias_cues")]
# Nouns of relatives: a name after one ("her brother Jack Page") is a relative of the article's subject.
KINSHIP_NOUNS = wordlists.words("kinship_nouns")
# What may stand between a naming word and the name: "dubbed the "Oddfather"", 'nicknamed "X" and "Y"'.
QUOTATION_MARKS = frozenset({"'", '"', "‘", "’", "“", "”"})
ALIAS_FILLERS = frozenset({"the", "a", "and", "or", "-", ","}) | QUOTATION_MARKS
MODIFIER_DEPS = frozenset({"compound", "amod", "nmod"})
SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass"})
# A naming verb in a clause that hangs on a noun ("the man their editor dubbed", "the official known as").
CLAUSE_DEPS = frozenset({"relcl", "acl"})


def extract(article: Article, doc: Doc) -> list[Mention]:
    """Named mentions and role nominals of one article, coreferent ones sharing ``f"{article.id}:{n}"``.

    A role nominal ("the supreme leader") carries its text without the article as its ``role``; a named mention
    carries the title parsed off its name, if any.
    """
    named = [named_mention(doc, ent) for ent in doc.ents
             if ent.label_ in NAME_LABELS and (ent.label_ != "NORP" or ent.root.pos_ in ("PROPN", "NOUN"))]
    named = [mention for mention in named if mention is not None]
    _cluster_names(doc, named)
    _join_aliases(doc, named)
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
    unheld: dict[str, str] = {}  # an office no one named here holds, one cluster per office
    for (start, end), antecedent in nominals:
        role = doc[start:end].text
        if start > 0 and doc[start - 1].lower_ in DETERMINERS:
            start -= 1
        if antecedent is None:
            cluster = unheld.setdefault(fold(role), f"{article.id}:{len(order) + len(unheld)}")
            result.append(Mention(_char_span(article, doc, start, end, "PERSON"), cluster, role))
            continue
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
    modifiers = modifier_words(doc.text, ((doc[m.start].idx + m.glued, doc[m.end - 1].idx + len(doc[m.end - 1]),
                                           m.label) for m in named))
    for mention in sorted(named, key=lambda m: (-len(tokens(m.text)), m.start)):
        keys = lookup_keys(mention.text)
        if mention.start in acronym_of:
            mention.cluster = acronym_of[mention.start]
        else:
            # Each cluster once, though several of the name's keys may find it.
            candidates = sorted(c for c in {c for key in keys for c in by_key.get(key, ())}
                                if _fits_cluster(mention, members[c], names[c], modifiers))
            # A name of the model's kind goes to a cluster of that kind: a person's "Genovese" to "Vito
            # Genovese", not to "the Genovese family".
            candidates = [c for c in candidates if type_group(members[c][0].label) == type_group(mention.label)] \
                or candidates
            candidates = [c for c in candidates if not _relative_named_later(doc, members[c], mention)]
            choose = _principal if mention.label == "PERSON" and len(candidates) > 1 else _nearest
            mention.cluster = choose(candidates, members, mention.start) if candidates else len(members)
            if not candidates:
                people = {c: names[c] for c, cluster in enumerate(members) if cluster[0].label == "PERSON"}
                holder = given_name_holder(mention.text, mention.label, people)
                mention.cluster = len(members) if holder is None else holder
        if mention.cluster == len(members):
            members.append([])
            names.append(Counter())
        members[mention.cluster].append(mention)
        names[mention.cluster][mention.text] += 1
        for key in keys:
            by_key.setdefault(key, set()).add(mention.cluster)
        # An acronym in brackets after a name is that name ("(KSS)"); a place there is where it is ("Abu Talat
        # (Egypt)"). After a place, only its own initials are its name ("United Arab Emirates (UAE)"): others are
        # a dateline's agency ("WASHINGTON (AP)") or a body named after the place ("... in Washington (CREW)").
        if mention.end + 2 < len(doc) and doc[mention.end].text == "(" and doc[mention.end + 2].text == ")" \
                and doc[mention.end + 1].is_upper and (mention.label not in PLACE_LABELS
                                                       or is_acronym_of(doc[mention.end + 1].text, mention.text)):
            acronym_of[mention.end + 1] = mention.cluster


def _join_aliases(doc: Doc, named: list[Named]) -> None:
    """A name introduced as another name for someone joins the person the sentence names nearest before it
    ("whose act earned him the nickname "The Oddfather"", "Gotti, the so-called "Teflon Don""), or the subject
    after it when the naming opens the sentence ("Dubbed the "Oddfather", Gigante..."). The name must be in
    quotation marks, or follow "nickname": "known as" also names companies."""
    # A name that modifies a noun ("the Genovese crime family head") is not who the sentence is about.
    people = [m for m in named if m.label == "PERSON" and doc[m.start:m.end].root.dep_ not in MODIFIER_DEPS]
    covered = {i for m in named for i in range(m.start, m.end)}
    for mention in named:
        cue_end = mention.start - 1
        while cue_end >= 0 and (doc[cue_end].lower_ in ALIAS_FILLERS or cue_end in covered):
            cue_end -= 1
        cue = _alias_cue(doc, mention, cue_end)
        holder = _alias_holder(doc, mention, cue_end - len(cue) + 1, cue_end + 1, people) if cue else None
        if holder is not None:
            alias = mention.cluster
            for other in named:
                if other.cluster == alias:
                    other.cluster = holder.cluster


def _alias_cue(doc: Doc, mention: Named, cue_end: int) -> tuple[str, ...] | None:
    """The words ending at ``cue_end`` that introduce the mention as another name ("nicknamed", "known as"), when
    the mention is no place's and is quoted or follows "nickname"."""
    words = [t.lower_ for t in doc[max(0, cue_end - 2):cue_end + 1] if t.lower_ not in ALIAS_FILLERS]
    cue = next((cue for cue in ALIAS_CUES if tuple(words[-len(cue):]) == cue), None)
    quoted = mention.start > 0 and doc[mention.start - 1].text in QUOTATION_MARKS
    if cue is None or mention.label in PLACE_LABELS or not (quoted or cue[0].startswith("nickname")):
        return None
    return cue


def _alias_holder(doc: Doc, mention: Named, cue_start: int, cue_end: int, people: list[Named]) -> Named | None:
    """Whom the naming words from ``cue_start`` to ``cue_end`` name: the person the sentence names nearest
    before the mention, or, when the naming opens the sentence, the subject after it."""
    sentence = doc[mention.start].sent
    holders = [m for m in people if m.cluster != mention.cluster and sentence.start <= m.start < sentence.end]
    before = [m for m in holders if m.start < mention.start]
    after = [m for m in holders if m.start > mention.start and doc[m.start:m.end].root.dep_ in SUBJECT_DEPS] \
        if cue_start <= sentence.start else []
    described = next((t.head for t in doc[cue_start:cue_end] if t.dep_ in CLAUSE_DEPS), None)
    if described is not None:
        # "the man their editor dubbed "Deep Throat"", "Felt, the official known as": the naming clause says whom
        # it names, the noun it hangs on, a name or a noun in apposition to one; not the name written nearest
        # before ("while Woodward and Carl Bernstein relied on sources, the man …")
        return _named_by_noun(described, people)
    return max(before, key=lambda m: m.start) if before else min(after, key=lambda m: m.start, default=None)


def _named_by_noun(noun: Token, people: list[Named]) -> Named | None:
    """The person mention a noun is part of, or is in apposition to ("Felt, the official"); None for a noun
    that names no one ("the man")."""
    for token in (noun, noun.head if noun.dep_ == "appos" else None):
        if token is not None:
            found = next((m for m in people if m.start <= token.i < m.end), None)
            if found is not None:
                return found
    return None


def _fits_cluster(mention: Named, cluster: list[Named], cluster_names: Counter[str], modifiers: Modifiers) -> bool:
    gender = role_gender(mention.role)
    if gender and any(role_gender(m.role) not in (None, gender) for m in cluster):
        return False
    if mention.label != "PERSON" and institution_of_its_own([mention.text], modifiers, cluster_names):
        return False
    return same_entity(Counter([mention.text]), mention.label, cluster_names, cluster[0].label, one_article=True)


def _relative_named_later(doc: Doc, cluster: list[Named], mention: Named) -> bool:
    """A bare surname written before the only full name carrying it, which a kinship noun introduces ("Page was
    born in 1923 … her brother Jack Page"), is not that relative: news names its subject in full or by the
    surname, and a relative in full where it first mentions them."""
    first = min(cluster, key=lambda m: m.start)
    if len(tokens(mention.text)) != 1 or first.start < mention.start or len(tokens(first.text)) < 2:
        return False
    before = [token for token in doc[max(0, first.start - 4):first.start] if not token.is_punct]
    return any(token.lower_ in KINSHIP_NOUNS for token in before[-2:])


def _principal(candidates: list[int], members: list[list[Named]], position: int) -> int:
    """Of several people a bare surname fits, the one the article has named most so far, the first named on a tie:
    news names relatives by their full or given names and keeps the bare surname for its subject ("Gray" after
    "Kimani Gray" and "his sister Mahnefah Gray" is Kimani)."""
    def standing(cluster: int) -> tuple[int, int]:
        before = [m.start for m in members[cluster] if m.start < position]
        return len(before), -min(m.start for m in members[cluster])

    return max(candidates, key=lambda c: (standing(c), -c))


def _nearest(candidates: list[int], members: list[list[Named]], position: int) -> int:
    """The candidate cluster mentioned closest before ``position``, else closest after."""
    def distance(cluster: int) -> tuple[int, int]:
        before = [position - m.start for m in members[cluster] if m.start < position]
        if before:
            return 0, min(before)
        return 1, min(m.start - position for m in members[cluster])

    return min(candidates, key=lambda c: (distance(c), c))
