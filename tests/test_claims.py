from storyline.compare import claims
from storyline.compare import conflicts, figures
from storyline.parse import nlp
from storyline.parse.embed import embed
from storyline.compare.framing import loaded_spans, wording_choices
from storyline.model import Article, Span
from storyline.text.estimates import allowed

HARBOR = (
    "A fire at the Genoa container terminal killed 23 people on Tuesday, the port authority said.\n"
    "Firefighters brought the blaze under control after nine hours of work through the night.\n"
    "The terminal's owner, Ligure Logistics, had been fined twice for safety breaches since 2021.\n"
    "Ligure Logistics said the damage would cost about 40 million euros to repair."
)
LEDGER = (
    "Firefighters brought the fire under control after nine hours of work through the night.\n"
    "The blaze at the Genoa container terminal killed 25 people on Tuesday, according to the port authority.\n"
    "The regime in Rome slammed local officials for ignoring repeated warnings about the warehouse.\n"
    "Insurers put the damage at 60 million euros, and two firefighters were treated for smoke inhalation."
)


def parsed():
    harbor, ledger = Article(HARBOR, source="Harbor Daily"), Article(LEDGER, source="Northern Ledger")
    return [(harbor, ledger)] + [list(zip((harbor, ledger), nlp.parse([harbor.text, ledger.text])))]


def grouped():
    (harbor, ledger), pairs = parsed()
    units = [u for article, doc in pairs for u in claims.units(article, doc)]
    articles = {harbor.id: harbor, ledger.id: ledger}
    groups = claims.align(units, embed([u.span.text(articles[u.span.article_id]) for u in units]))
    found = conflicts.disagreements([f for article, doc in pairs for f in figures.extract(article, doc)], embed)
    claims.mark_figure_conflicts(groups, found)
    return articles, groups, found


def texts(group, articles):
    return [u.span.text(articles[u.span.article_id]) for u in group.units]


def test_different_death_toll_and_damage_estimate_are_disagreements_and_other_counts_are_not():
    articles, groups, found = grouped()
    values = sorted(tuple(sorted(f.value for f in d.figures)) for d in found)
    assert values == [(23, 25), (40e6, 60e6)]
    assert all({f.outlet for f in d.figures} == {"Harbor Daily", "Northern Ledger"} for d in found)
    conflicting = [g for g in groups if g.kind == "conflicting"]
    assert any("killed 23" in t for g in conflicting for t in texts(g, articles))


def test_same_claim_in_two_outlets_is_shared_and_one_outlet_facts_are_single_source():
    articles, groups, _ = grouped()
    [shared] = [g for g in groups if g.kind == "shared"]
    assert shared.sources == ["Harbor Daily", "Northern Ledger"]
    assert all("nine hours" in text for text in texts(shared, articles))
    singles = [texts(g, articles)[0] for g in groups if g.kind == "single-source"]
    assert any("fined twice" in text for text in singles)
    assert any("slammed" in text for text in singles)


def test_denial_of_the_same_statement_is_a_polarity_conflict():
    first = Article("The minister resigned on Friday after the audit was published.", source="A")
    second = Article("The minister did not resign on Friday after the audit was published.", source="B")
    pairs = list(zip((first, second), nlp.parse([first.text, second.text])))
    units = [u for article, doc in pairs for u in claims.units(article, doc)]
    [group] = claims.align(units, embed([first.text, second.text]))
    assert group.kind == "conflicting" and group.conflict == "polarity: B denies what A states"


def test_wording_choices_and_loaded_words():
    articles, groups, _ = grouped()
    choices = {(c.left.text(articles[c.left.article_id]), c.right.text(articles[c.right.article_id]))
               for c in wording_choices(groups, articles)}
    assert ("blaze", "fire") in choices
    ledger = next(a for a in articles.values() if a.source == "Northern Ledger")
    assert [s.text(ledger) for s in loaded_spans(ledger)] == ["regime", "slammed"]


def test_a_figure_disagreement_names_each_value_once_with_the_outlets_giving_it():
    def figure(outlet: str, value: float, hedge: str = "") -> figures.Figure:
        bound = "lower" if hedge else "exact"
        return figures.Figure(Span(outlet, 0, 1), Span(outlet, 0, 9), outlet, value, "COUNT", "", "", bound,
                              allowed(value, bound, figures.CONFIG.shares), "worker", "kill", "workers killed",
                              "dock workers killed", hedge=hedge)

    disagreement = conflicts.FigureDisagreement((figure("Civic Post", 3), figure("Ledger", 4), figure("Ledger", 3),
                                                 figure("Wire", 3), figure("Post", 3, "more than")))
    assert disagreement.description == \
        "workers killed: 3 (Civic Post, Ledger, Wire) vs more than 3 (Post) vs 4 (Ledger)"
    assert [figures.readable(v) for v in (43, 12500, 1.2e9, 6e7)] == ["43", "12,500", "1.2 billion", "60 million"]
