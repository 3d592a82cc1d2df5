"""Quotations whose marks lost their place in scraping: a quotation holding a mark that pairs with nothing
(`… peace. "Greek Prime Minister George Papandreou said the firebombing was a"raw murderous act".`) may hold
narration, and whom its words belong to cannot be told from its marks. No attribution runs into one: a content
that starts before it ends where it starts, and one inside it keeps no source, so its words are left
unattributed rather than given to the speaker of the narration before them."""

from __future__ import annotations

from storyline.extract.quotes.drafts import Draft, Drafts
from storyline.text.quotemarks import stray_marks


def ill_formed_quotations(drafts: Drafts) -> list[tuple[int, int]]:
    strays = stray_marks(drafts.text)
    return [(start, end) for start, end in drafts.quotes if any(start < at < end - 1 for at in strays)]


def keep_out(draft: Draft, quotations: list[tuple[int, int]]) -> None:
    """Cut the draft's content before the first ill-formed quotation it runs into, or drop its source when it
    starts inside one."""
    for start, end in quotations:
        if not (draft.content[0] < end and start < draft.content[1]):
            continue
        if draft.content[0] < start:
            draft.content = (draft.content[0], start)
        else:
            draft.source = None
        return
