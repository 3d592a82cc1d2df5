"""Rules over spaCy's entities for the errors that matter in news: placeholder, filled in by the entities stage."""

from spacy.language import Language
from spacy.tokens import Doc

COMPONENT = "storyline_ner_fixes"


@Language.component(COMPONENT)
def fix_entities(doc: Doc) -> Doc:
    return doc
