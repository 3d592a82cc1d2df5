from storyline import claims, nlp
from storyline.embed import embed
from storyline.framing import loaded_spans, wording_choices
from storyline.model import Article

HARBOR = (
    "A fire at the Genoa container terminal killed 23 people on Tuesday, the port authority said.\n"
    "Firefighters brought the blaze under control after nine hours of work through the night.\n"
    "The terminal's owner, Ligure Logistics, had been fined twice for safety breaches since 2021."
)
LEDGER = (
    "Firefighters brought the fire under control after nine hours of work through the night.\n"
    "The blaze at the Genoa container terminal killed 25 people on Tuesday, according to the port authority.\n"
    "The regime in Rome slammed local officials for ignoring repeated warnings about the warehouse."
)


def grouped():
    harbor, ledger = Article(HARBOR, source="Harbor Daily"), Article(LEDGER, source="Northern Ledger")
    units = []
    for article, doc in zip((harbor, ledger), nlp.parse([harbor.text, ledger.text])):
        units.extend(claims.units(article, doc))
    vectors = embed([u.span.text(harbor if u.span.article_id == harbor.id else ledger) for u in units])
    return harbor, ledger, claims.align(units, vectors)


def texts(group, harbor, ledger):
    return [u.span.text(harbor if u.span.article_id == harbor.id else ledger) for u in group.units]


def test_figures_are_read_as_written():
    assert claims.number_value("1.2 billion") == 1.2e9
    assert claims.number_value("twenty-five") == 25
    assert claims.number_value("1,200") == 1200
    assert claims.number_value("several") is None


def test_same_claim_in_two_outlets_is_shared_and_a_different_death_toll_conflicts():
    harbor, ledger, groups = grouped()
    by_kind = {}
    for group in groups:
        by_kind.setdefault(group.kind, []).append(group)
    [shared] = by_kind["shared"]
    assert shared.sources == ["Harbor Daily", "Northern Ledger"]
    assert all("nine hours" in text for text in texts(shared, harbor, ledger))
    [conflict] = by_kind["conflicting"]
    assert "23" in conflict.conflict and "25" in conflict.conflict
    singles = [texts(g, harbor, ledger)[0] for g in by_kind["single-source"]]
    assert any("fined twice" in text for text in singles)
    assert any("slammed" in text for text in singles)


def test_wording_choices_and_loaded_words():
    harbor, ledger, groups = grouped()
    articles = {harbor.id: harbor, ledger.id: ledger}
    choices = {(c.left.text(articles[c.left.article_id]), c.right.text(articles[c.right.article_id]))
               for c in wording_choices(groups, articles)}
    assert ("blaze", "fire") in choices
    assert [s.text(ledger) for s in loaded_spans(ledger)] == ["regime", "slammed"]
