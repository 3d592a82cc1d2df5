"""Where each gold disagreement of a part of the brief gold is lost on its way to the brief, and which condition
keeps each tempting false alarm out.

Each story's articles are ingested into a fresh store as ``eval/brief.py`` does, and the figure stages are rerun
over every story they formed (:func:`storyline.compare.conflicts.disagreements`, step by step). A gold
disagreement (``disagreements``, values by article) is then:

- ``not extracted``: fewer than two of its articles have a figure giving the gold's value, with differing values
  (``no figure`` when no figure of the article has that number at all, ``other kind`` when one has it as another
  kind of figure than the others' figures of the quantity);
- ``rejected: Q``: figures giving the gold values exist, but every pair of them from articles the gold sets
  against each other fails :func:`~storyline.compare.conflicts.difference` (Q is the question on which the pair
  that got furthest through it fails: unit, setting, value, update, day, event, counted, holder, context) or is
  of another occasion (``occasion``);
- ``grouped apart``: some such pair gives one quantity, but the grouping puts the two figures in different groups;
- ``not disputed``: they are grouped, but the group is no dispute (an outlet also gives the other side's value);
- ``dropped``: disputed, but dropped afterwards (days of several occasions), so in no disagreement of the story;
- ``found``: two of its figures with differing gold values are in one disagreement of the story (on the tuning part
  the same 39 that ``eval/brief.py`` finds).

The tempting false alarms (``not_disagreements``) are tabulated the same way, with the values the item gives or, where
it gives none, the first number its note writes that a figure of each of its articles gives (``no values`` when fewer
than two articles have one): ``shown`` when a disagreement of the story holds them, else the stage that keeps them
out. Run: ``python eval/disagreement_stages.py eval/briefs/tune [--rows FILE]``.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from collections import Counter
from collections.abc import Callable
from pathlib import Path

from storyline.compare import claims, conflicts
from storyline.compare.figure import Figure
from storyline.compare.story import align_claims
from storyline.corpus import Corpus
from storyline.parse.embed import embed

sys.path.insert(0, str(Path(__file__).resolve().parent))
from brief import gives, numbers_in, read_records, same_value, story_names  # noqa: E402

# The questions of conflicts.difference in the order it asks them: a pair failing a later one got further.
QUESTIONS = ["unit", "setting", "value", "update", "day", "event", "counted", "holder", "context", "occasion"]


class Stages:
    """The figure stages of one story, rerun step by step with what each step kept."""

    def __init__(self, found: list[Figure], claim_of: Callable[[Figure], int | None], shown_figures: set):
        self.claims = [claim_of(f) for f in found]
        self.figures = conflicts.in_story_years(found)
        vectors = {name: embed(texts) for name, texts in (
            ("counted", [f.counted for f in self.figures]),
            ("predicate", [f.predicate or f.counted for f in self.figures]),
            ("context", [f.context for f in self.figures]))}
        self.similarity = {name: v @ v.T for name, v in vectors.items()}
        self.listed = conflicts._listed_with(self.figures)
        self.contested = conflicts._held_by_several(self.figures, self.similarity["counted"], conflicts.CONFIG)
        alike = sum(self.similarity.values())
        self.members = conflicts._grouped(self.figures, self.same, lambda i, j: alike[i, j])
        conflicts._join_lone_figures(self.members, self.figures, self.same)
        self.disputed = [g for g in self.members.values() if conflicts._in_dispute(g, self.figures, self.same)]
        self.shown = shown_figures

    def reason(self, i: int, j: int) -> str | None:
        s = self.similarity
        one_claim = self.claims[i] is not None and self.claims[i] == self.claims[j]
        why = conflicts.difference(self.figures[i], self.figures[j], s["counted"][i, j], s["predicate"][i, j],
                                   s["context"][i, j], conflicts.CONFIG, one_claim)
        if why is None and conflicts._other_occasion(i, j, self.figures, self.listed):
            return "occasion"
        if why is None and conflicts._holder_unsaid_among_several(i, j, self.figures, self.contested):
            return "holder"  # of a thing the story gives for several holders, by a figure naming none
        return why

    def same(self, i: int, j: int) -> bool:
        return self.reason(i, j) is None

    def giving(self, outlet: str, value: str) -> list[int]:
        return [k for k, f in enumerate(self.figures)
                if f.outlet == outlet and gives(value, f.value, conflicts.shown(f))]

    def stage(self, values: dict[str, str]) -> tuple[str, dict]:
        """The stage at which a set of (article: value) figures is lost, with the pair that got furthest."""
        given = {doc: self.giving(doc, value) for doc, value in values.items()}
        with_figure = [doc for doc, ks in given.items() if ks]
        if len({values[doc] for doc in with_figure}) < 2:
            missing = [doc for doc in values if not given[doc]]
            return "not extracted: " + self._missing_kind(missing, values, given), {"missing": missing}
        pairs = [(i, j) for a in with_figure for b in with_figure if a < b and values[a] != values[b]
                 for i in given[a] for j in given[b]]
        passing = [(i, j) for i, j in pairs if self.same(i, j)]
        if not passing:
            i, j = max(pairs, key=lambda p: QUESTIONS.index(self.reason(*p)))
            return f"rejected: {self.reason(i, j)}", self._describe(i, j)
        group_of = {k: key for key, group in self.members.items() for k in group}
        together = [(i, j) for i, j in passing if group_of[i] == group_of[j]]
        if not together:
            return "grouped apart", self._describe(*passing[0])
        disputed = {k for g in self.disputed for k in g}
        if not any(i in disputed and j in disputed for i, j in together):
            return "not disputed", self._describe(*together[0])
        if not any(self.figures[i].span in self.shown and self.figures[j].span in self.shown for i, j in together):
            return "dropped", self._describe(*together[0])
        return "found", self._describe(*together[0])

    def _missing_kind(self, missing: list[str], values: dict[str, str], given: dict[str, list[int]]) -> str:
        kinds = {self.figures[k].kind for ks in given.values() for k in ks}
        for doc in missing:
            number = numbers_in(values[doc])
            other = [f for f in self.figures if f.outlet == doc and any(same_value(n, f.value) for n in number)]
            if other and not {f.kind for f in other} & kinds:
                return "other kind"
        return "no figure"

    def _describe(self, i: int, j: int) -> dict:
        def one(f: Figure) -> dict:
            return {"outlet": f.outlet, "value": conflicts.shown(f), "kind": f.kind, "counted": f.counted,
                    "predicate": f.predicate, "holders": sorted(f.holders), "names": sorted(f.names),
                    "times": sorted(f.times), "day": f.day, "context": f.context}
        return {"a": one(self.figures[i]), "b": one(self.figures[j]),
                "similarity": {n: round(float(s[i, j]), 3) for n, s in self.similarity.items()}}


def story_stages(corpus: Corpus, story_id: str) -> Stages:
    articles = corpus.story_articles(story_id)
    material = corpus._material(articles)
    aligned = align_claims(material)
    shown = {f.span for d in aligned.figure_disagreements for f in d.figures}
    return Stages(aligned.figures, claims.claim_of(aligned.claims), shown)


def best_stage(all_stages: list[Stages], values: dict[str, str]) -> tuple[str, dict]:
    """The stage a set of figures reaches in whichever story of the articles takes it furthest."""
    order = ["not extracted", "rejected", "grouped apart", "not disputed", "dropped", "found"]
    results = [stages.stage(values) for stages in all_stages]
    return max(results, key=lambda r: (order.index(r[0].split(":")[0]),
                                       QUESTIONS.index(r[0].split(": ")[1]) if r[0].startswith("rejected") else 0))


def run(directory: Path) -> list[dict]:
    rows = []
    for name in story_names(directory):
        gold = json.loads((directory / f"{name}.gold.json").read_text(encoding="utf-8"))
        with tempfile.TemporaryDirectory() as scratch:
            corpus = Corpus.open(Path(scratch) / "storyline.db")
            try:
                corpus.ingest([str(directory / f"{name}.jsonl")])
                all_stages = [story_stages(corpus, story["id"]) for story in corpus.stories()]
            finally:
                corpus.close()
        for item in gold["disagreements"]:
            stage, pair = best_stage(all_stages, item["values"])
            rows.append({"story": name, "gold": "real", "what": item["what"], "values": item["values"],
                         "stage": stage, **pair})
        for item in gold.get("not_disagreements", []):
            values = item.get("values") or tempting_values(item, all_stages)
            if len(values) < 2:
                rows.append({"story": name, "gold": "tempting", "what": item["what"], "stage": "no values"})
                continue
            stage, pair = best_stage(all_stages, values)
            rows.append({"story": name, "gold": "tempting", "what": item["what"], "values": values,
                         "stage": "shown" if stage == "found" else stage, **pair})
    return rows


def tempting_values(item: dict, all_stages: list[Stages]) -> dict[str, str]:
    """A tempting false alarm without values: each of its articles with a number its note writes that a figure of
    the article gives (the first such)."""
    values = {}
    for doc in item.get("docs", []):
        for number in numbers_in(item["what"]):
            if any(f.outlet == doc and same_value(number, f.value) for s in all_stages for f in s.figures):
                values[doc] = f"{number:g}"
                break
    return values


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("directory", type=Path, help="NAME.jsonl + NAME.gold.json per story")
    parser.add_argument("--rows", type=Path, help="write every gold item with its stage as JSON Lines")
    args = parser.parse_args(argv)
    rows = run(args.directory)
    if args.rows:
        args.rows.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    for kind in ("real", "tempting"):
        table = Counter(r["stage"] for r in rows if r["gold"] == kind)
        print(f"{kind}: {sum(table.values())}")
        for stage, count in table.most_common():
            print(f"  {count:4d}  {stage}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
