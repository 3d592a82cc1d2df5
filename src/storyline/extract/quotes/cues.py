"""Cues: the words that introduce what someone said, wrote or thinks (word lists in ``data/``)."""

from __future__ import annotations

from spacy.tokens import Token

from storyline.text import wordlists

# Verbs whose complement clause is what someone said, wrote, found or thinks.
CLAUSE_CUES = wordlists.words("cue_verbs_clause")
# Verbs whose direct object is the content ("criticized the plan", "denied the report").
OBJECT_CUES = wordlists.words("cue_verbs_object")
CUES = CLAUSE_CUES | OBJECT_CUES
# Nouns of saying, with a possessive or "from"/"by" holder: "Trump's claim that …", "a call from X for …".
NOUN_CUES = wordlists.words("cue_nouns")
# Verbs of seeming: an impression reported without a holder ("the campaign appeared paralyzed").
SEEMING_CUES = wordlists.words("seeming_verbs")
# Verbs with a particle or preposition whose object is the content ("called for", "pointed to", "warned of").
PREPOSITION_CUES = {verb: frozenset(particles.split())
                    for verb, particles in wordlists.pairs("cue_verbs_preposition").items()}
# A headline may quote these as it quotes a name: "Poll: …", "Report: …".
REPORTING_NOUNS = wordlists.words("reporting_nouns")
# Lemmas en_core_web_sm gets wrong for verbs of saying and thinking.
MENDED_LEMMAS = wordlists.pairs("mended_lemmas")


def lemma(token: Token) -> str:
    """The token's lemma, mended where the model's lemmatizer clips a verb of saying ("hoped" → "hop")."""
    found = token.lemma_.lower()
    return MENDED_LEMMAS.get(found, found) if token.pos_ in ("VERB", "AUX") else found


def names_its_noun(verb: Token) -> bool:
    """A participle naming the noun it modifies ("a unit known as “Red Team”", "a show called “Blue Hour”"), not
    one that says who described it ("the man described by the magazine as “the last of his kind”")."""
    return verb.dep_ == "acl" and verb.tag_ == "VBN" and not any(child.dep_ == "agent" for child in verb.children)

