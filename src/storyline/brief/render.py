"""Briefs as Markdown and as one self-contained HTML page (Jinja2, autoescaped: article text is untrusted), each
written from the brief's JSON form alone (:func:`storyline.brief.build.assemble`)."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from jinja2 import Environment, PackageLoader, select_autoescape

from storyline.brief import svg

# A copied passage is quoted by this many words in a short brief.
EXCERPT_WORDS = 25
# A short brief gives this many wordings of a quote (the first outlet's, then the next most carried); the rest
# say the same in other words.
WORDINGS_SHOWN = 2
# A short brief backs a disagreement without figures (a denial) with this many sentences, and each value of a
# disagreement over figures with this many (its outlets are all named beside the value; ten outlets giving the
# same death toll need not each be read out).
CONFLICT_SENTENCES = 2
VALUE_SENTENCES = 1
# A short brief names each source by this many words of its title at most: enough to tell the articles apart, where
# the whole titles of a story of many short reports (a wire headline can run to thirty words) would make its Sources
# list a third of the brief. The full brief gives them whole.
TITLE_WORDS = 12
# What the HTML page may do, as its own meta tag says it (templates/brief.html): style itself inline, show its
# timeline drawn in a data: image, nothing else.
HTML_POLICY = "default-src 'none'; style-src 'unsafe-inline'; img-src data:"
environment = Environment(loader=PackageLoader("storyline", "templates"), autoescape=select_autoescape(["html"]),
                          trim_blocks=True, lstrip_blocks=True)


def as_text(brief: dict[str, Any], output_format: str) -> str:
    """The brief in one of the formats ``storyline brief`` writes: md, html, json, jsonl (one line)."""
    if output_format == "json":
        return json.dumps(brief, ensure_ascii=False, indent=2)
    if output_format == "jsonl":
        return json.dumps(brief, ensure_ascii=False)
    if output_format == "html":
        return html(brief)
    return markdown(brief)


def ref(item: dict[str, Any]) -> str:
    return f"[{item['source'] or item['article'][:8]} {item['start']}–{item['end']}]"


def _said(shown_entries: list[tuple[dict[str, Any], list[dict[str, Any]]]], brief: dict[str, Any]) -> list[str]:
    """Quotes (or beliefs) by speaker: each speaker once, each statement shown in its wordings with their outlets
    (the first few in a short brief), and where outlets give a statement to different speakers, who gives it to
    whom."""
    lines = []
    for entry, statements in shown_entries:
        lines.append(speaker_line(entry))
        for group in statements:
            lines += statement_lines(group, brief)
    return lines or ["- none"]


def speaker_line(entry: dict[str, Any]) -> str:
    count = len(entry["statements"])
    return f"- **{entry['attributed_to']}** ({count} statement{'s' * (count > 1)}; {', '.join(entry['outlets'])})"


def statement_lines(group: dict[str, Any], brief: dict[str, Any]) -> list[str]:
    """One statement under its speaker: its wordings a reader sees, and who outlets give it to when they differ."""
    (first, *others), hidden = wordings_shown(group, brief)
    lines = [f"  - {first['as_written']} — {', '.join(first['sources'])}"]
    lines += [f"    - also: {wording['as_written']} — {', '.join(wording['sources'])}" for wording in others]
    if hidden:
        lines.append(f"    - … {hidden} more {'wording' if hidden == 1 else 'wordings'} in the full brief")
    if group["speaker_conflict"]:
        lines.append("    - attributed differently by different outlets: " + "; ".join(
            f"{given['speaker']} ({', '.join(given['sources'])})" for given in group["given_to"]))
    return lines


def statement_order(brief: dict[str, Any], section: str) -> list[tuple[int, dict[str, Any]]]:
    """The statements of a section by speaker (``quotes`` or ``beliefs``), each with its speaker's index, in the
    order a short brief takes them: a statement whose speaker outlets dispute first (it is always shown), then
    a round at a time (every speaker's first, then every speaker's second …) so that the most quoted speaker does
    not fill the section alone."""
    entries = brief[section]
    disputed = [(i, group) for i, entry in enumerate(entries) for group in entry["statements"]
                if group["speaker_conflict"]]
    rounds = [(i, entry["statements"][depth])
              for depth in range(max((len(entry["statements"]) for entry in entries), default=0))
              for i, entry in enumerate(entries)
              if depth < len(entry["statements"]) and not entry["statements"][depth]["speaker_conflict"]]
    return disputed + rounds


def statements_taken(order: list[tuple[int, dict[str, Any]]], limit: int) -> int:
    """How many statements of a section's ``order`` a short brief showing ``limit`` of them takes: those whose
    speaker outlets dispute even past the limit."""
    disputed = sum(group["speaker_conflict"] for _, group in order)
    return min(len(order), max(limit, disputed))


def statements_shown(brief: dict[str, Any], section: str) -> tuple[list[tuple[dict[str, Any], list[dict[str, Any]]]],
                                                                     int]:
    """The statements of a section by speaker (``quotes`` or ``beliefs``) a reader sees, with their speakers, and
    how many are left for the full brief: as many as ``shown`` gives the section, in :func:`statement_order`."""
    entries = brief[section]
    limit = (brief.get("shown") or {}).get(section)
    if limit is None:
        return [(entry, entry["statements"]) for entry in entries], 0
    order = statement_order(brief, section)
    taken = statements_taken(order, limit)
    chosen = {id(group) for _, group in order[:taken]}
    shown_entries = [(entry, [g for g in entry["statements"] if id(g) in chosen]) for entry in entries
                     if any(id(g) in chosen for g in entry["statements"])]
    return shown_entries, len(order) - taken


def wordings_shown(group: dict[str, Any], brief: dict[str, Any]) -> tuple[list[dict[str, Any]], int]:
    """A quote's wordings a reader sees (the first few in a short brief) and how many are left."""
    wordings = group.get("wordings", [])
    seen = wordings if brief.get("full") else wordings[:WORDINGS_SHOWN]
    return seen, len(wordings) - len(seen)


def evidence(disagreement: dict[str, Any], brief: dict[str, Any]) -> list[dict[str, Any]]:
    """The sentences a reader sees behind a disagreement without figures (a denial): the first few in a short
    brief, every one in a full brief. A disagreement over figures shows, per value, the sentences giving it."""
    spans = disagreement["spans"]
    return spans if brief.get("full") else spans[:CONFLICT_SENTENCES]


def value_evidence(value: dict[str, Any], brief: dict[str, Any]) -> list[dict[str, Any]]:
    """The figures a reader sees behind one value of a disagreement over figures, each with its sentence: the
    first few in a short brief, every one in a full brief."""
    figures = value["figures"]
    return figures if brief.get("full") else figures[:VALUE_SENTENCES]


def published(article: dict[str, Any], brief: dict[str, Any]) -> str:
    """When an article was published: its day in a short brief, the moment in a full one."""
    if not article["published"]:
        return "date unknown"
    return article["published"] if brief.get("full") else article["published"][:10]


def inferred(article: dict[str, Any]) -> str:
    """How sure an inferred publication date is, as the Sources list says it."""
    if not article["published_inferred"]:
        return ""
    confidence = article.get("published_confidence")
    return " (inferred" + (f", confidence {confidence:.2f})" if confidence is not None else ")")


def shown(brief: dict[str, Any], section: str, items: list[dict[str, Any]]) -> tuple[list[dict[str, Any]], int]:
    """The items of a long section a reader sees, in the section's order (those ranked within what the brief
    shows, an item without a rank by its place; every item in a full brief), and how many are left for the full
    brief."""
    limit = (brief.get("shown") or {}).get(section)
    if limit is None:
        return items, 0
    seen = [item for index, item in enumerate(items, start=1) if item.get("rank", index) <= limit]
    return seen, len(items) - len(seen)


def more(hidden: int, what: str) -> list[str]:
    return [f"- … {hidden} more {what} in the full brief (`--full`)"] if hidden else []


def outlets_of(group: dict[str, Any]) -> str:
    """The outlets carrying a claim: named when few, counted when many."""
    independent, sources = len(group["independent_sources"]), group["sources"]
    counted = f"{independent} independent of {len(sources)} outlets" if independent < len(sources) \
        else f"{len(sources)} outlets"
    return f"{counted}: {', '.join(sources)}" if len(sources) <= 3 else counted


def _disagreement_lines(disagreement: dict[str, Any], brief: dict[str, Any]) -> list[str]:
    """A disagreement: what is disputed, then each value with the sentences that give it; a conflict of polarity
    lists the sentences that state and deny."""
    if not disagreement.get("values"):
        return [f"- {disagreement['conflict']}"] + [f"  - {s['source']}: {s['text']} {ref(s)}"
                                                    for s in evidence(disagreement, brief)]
    lines = [f"- **{disagreement['quantity']}**: "
             + " vs ".join(f"{v['value']} ({', '.join(v['sources'])})" for v in disagreement["values"])]
    hidden = 0
    for value in disagreement["values"]:
        figures = value_evidence(value, brief)
        hidden += len(value["figures"]) - len(figures)
        lines += [f"  - {f['shown']} — {f['source']}: {f['sentence']['text']} {ref(f['sentence'])}" for f in figures]
    if hidden:
        lines.append(f"  - … {hidden} more {'sentence' if hidden == 1 else 'sentences'} giving these values "
                     "in the full brief")
    return lines


# What the line closing a long section of a short brief says the full brief has more of.
MORE = {"key_facts": "facts carried by several outlets", "disagreements": "disagreements",
        "single_source": "claims and details only one outlet gives", "quotes": "statements",
        "beliefs": "beliefs and intentions", "timeline": "timeline entries",
        "entities": "people, organisations and places", "copied": "copied passages", "wording": "wording choices"}


# A summary line or key fact holding a figure the outlets dispute.
DISPUTED = " — outlets disagree, see Disagreements"
# A key fact one outlet's lead states and another outlet tells in other words (``said_elsewhere``).
TOLD_ELSEWHERE = ", told by another outlet in other words"


def markdown(brief: dict[str, Any]) -> str:
    story = brief["story"]
    articles, outlets = len(story["articles"]), len({a["source"] for a in story["articles"]})
    out = [f"# {brief['title']}", "", f"Story `{story['id']}` · {articles} article{'s' * (articles != 1)} from "
           f"{outlets} outlet{'s' * (outlets != 1)}", "", "## Summary", ""]
    out += [f"{s['text']} {ref(s)}" + (DISPUTED if s["kind"] == "conflicting" else "") for s in brief["summary"]]
    out += _section("Key facts", _items(brief, "key_facts", key_fact_line, "- none besides the summary"))
    out += _section("Disagreements", _items(brief, "disagreements", lambda d: _disagreement_lines(d, brief),
                                            "- none found"))
    out += _section("Reported by one outlet only", _items(brief, "single_source", single_source_line, "- none"))
    for section, title in (("quotes", "Quotes"), ("beliefs", "Beliefs and intentions")):
        statements, hidden = statements_shown(brief, section)
        out += _section(title, _said(statements, brief) + more(hidden, MORE[section]))
    out += _section("Timeline", _items(brief, "timeline", timeline_line, "- no dated events"))
    out += _section("Who is involved", _items(brief, "entities", lambda e: entity_line(e, brief)))
    out += _section("Copied passages", _items(brief, "copied", lambda c: copied_line(c, brief), "- none found"))
    out += _section("Framing", _framing_lines(brief))
    if brief.get("full"):
        out += _section("Coverage", _coverage_table(brief["coverage"]))
    out += _section("Sources", [f"- {a['source']}: {source_title(a, brief)} · {published(a, brief)}{inferred(a)}"
                                f" · `{a['id']}`" for a in story["articles"]])
    return "\n".join(out) + "\n"


def source_title(article: dict[str, Any], brief: dict[str, Any]) -> str:
    """An article's title as the Sources list gives it: whole in a full brief, else its first ``TITLE_WORDS``."""
    words = (article["title"] or "(untitled)").split()
    if brief.get("full") or len(words) <= TITLE_WORDS:
        return " ".join(words)
    return " ".join(words[:TITLE_WORDS]) + " …"


def _section(title: str, lines: list[str]) -> list[str]:
    return ["", f"## {title}", ""] + lines


def _items(brief: dict[str, Any], section: str, line: Callable[[dict[str, Any]], str | list[str]],
           none: str | None = None) -> list[str]:
    """A long section's lines: each item shown, a line saying the section holds none, and how many more items the
    full brief has."""
    items = brief[section]
    seen, hidden = shown(brief, section, items)
    lines: list[str] = []
    for item in seen:
        written = line(item)
        lines += [written] if isinstance(written, str) else written
    if not items and none:
        lines.append(none)
    return lines + more(hidden, MORE[section])


def key_fact_line(fact: dict[str, Any]) -> str:
    carried = f"{fact['sources'][0]}{TOLD_ELSEWHERE}" if "said_elsewhere" in fact else outlets_of(fact)
    return f"- {fact['spans'][0]['text']} — {carried}" + (DISPUTED if fact["kind"] == "conflicting" else "")


def _framing_lines(brief: dict[str, Any]) -> list[str]:
    """Wording choices, then each outlet's loaded words and whom it quotes most (in a short brief only the outlets
    with loaded words)."""
    wording, hidden = shown(brief, "wording", brief["framing"]["wording"])
    lines = [wording_line(w) for w in wording] + more(hidden, MORE["wording"])
    outlets = []
    for outlet in brief["framing"]["outlets"]:
        words = loaded_words(outlet, brief)
        if not (words or brief.get("full")):
            continue
        loaded = ", ".join(loaded_entry(*word) for word in words)
        quoted = ", ".join(f"{name} ×{n}" for name, n in outlet["most_quoted"][: None if brief.get("full") else 2])
        outlets.append(f"- **{outlet['source']}** — loaded words: {loaded or 'none'}; "
                       f"quotes most: {quoted or 'no one'}")
    if not (wording or outlets):
        return lines + ["- none found"]
    return lines + outlets


def _coverage_table(coverage: list[dict[str, Any]]) -> list[str]:
    return ["| outlet | articles | claims | shared | single-source | conflicting | quotes |",
            "| --- | ---: | ---: | ---: | ---: | ---: | ---: |"] + [
        f"| {c['source']} | {c['articles']} | {c['claims']} | {c['shared']} | {c['single_source']} | "
        f"{c['conflicting']} | {c['quotes']} |" for c in coverage]


def single_source_line(item: dict[str, Any]) -> str:
    return f"- {item['source']}: {item['text']} {ref(item)}" + (
        f" — only here: “{item['detail']['text']}”" if "detail" in item else "")


def timeline_line(entry: dict[str, Any]) -> str:
    sources = ", ".join(sorted({s["source"] for s in entry.get("statements", [])}))
    first = entry["statements"][0]["text"] if entry.get("statements") else ""
    guess = entry.get("confidence")
    note = "" if guess is None else f" — date counted from an inferred publication date, confidence {guess:.2f}"
    return f"- **{entry['label']}** {first} ({sources}){note}"


def entity_line(entity: dict[str, Any], brief: dict[str, Any]) -> str:
    variants = ", ".join(list(entity.get("variants", {}))[: None if brief.get("full") else 3])
    roles = f"; roles: {', '.join(entity['roles'])}" if entity.get("roles") else ""
    return f"- **{entity['name']}** ({entity['type']}): {variants}{roles}"


def copied_line(passage: dict[str, Any], brief: dict[str, Any]) -> str:
    arrow = "copied from" if passage["directed"] else "shares a passage with"
    copy = passage["copy"]
    return (f"- {copy['source']} {arrow} {passage['origin']['source']} ({passage['words']} words, "
            f"similarity {passage['similarity']}): “{excerpt(copy['text'], brief)}” {ref(copy)}")


def wording_line(choice: dict[str, Any]) -> str:
    a, b = choice["choices"]
    return f"- {a['source']}: “{a['text']}” / {b['source']}: “{b['text']}”"


def loaded_entry(word: str, neutral: str | None, uses: int) -> str:
    return f"{word}{f' ×{uses}' if uses > 1 else ''}{f' (→ {neutral})' if neutral else ''}"


def words_of(lines: list[str]) -> int:
    """Words as the brief's length counts them (its Markdown split on white space)."""
    return sum(len(line.split()) for line in lines)


def section_words(brief: dict[str, Any]) -> dict[str, list[int]]:
    """The words each long section a short brief cuts adds to the Markdown when it shows its first k items, for k
    from 0 to what the brief shows now (its items' lines, and the line saying how many more the full brief has),
    each item counted once: the length of the brief at any smaller limits is then a sum, not the Markdown written
    again. (A section's heading and its "none" line, which no limit of one item or more changes, are not in it.)"""
    limits = brief.get("shown") or {}

    def first(section: str, items: list[dict[str, Any]]) -> list[dict[str, Any]]:
        # The items the section's limit lets it show, in the order a smaller limit takes them away.
        ranked = sorted(items, key=lambda item: item["rank"]) if items and "rank" in items[0] else items
        return ranked[:limits.get(section, len(items))]

    counts = {section: listed(section, [line(item) for item in first(section, items)], len(items))
              for section, items, line in (
                  ("single_source", brief["single_source"], single_source_line),
                  ("timeline", brief["timeline"], timeline_line),
                  ("entities", brief["entities"], lambda entity: entity_line(entity, brief)),
                  ("copied", brief["copied"], lambda passage: copied_line(passage, brief)),
                  ("wording", brief["framing"]["wording"], wording_line),
                  ("disagreements", brief["disagreements"], lambda d: _disagreement_lines(d, brief)))}
    counts |= {section: said_words(brief, section, limits.get(section)) for section in ("quotes", "beliefs")}
    # A short brief shows each outlet's first k loaded words, ", "-joined (the comma joins a word, adds none).
    every_loaded = [outlet_loaded(outlet, brief)[:limits.get("loaded")] for outlet in brief["framing"]["outlets"]]
    counts["loaded"] = [0]
    for k in range(max(map(len, every_loaded), default=0)):
        counts["loaded"].append(counts["loaded"][-1] + sum(len(loaded_entry(*words[k]).split())
                                                           for words in every_loaded if k < len(words)))
    return counts


def listed(section: str, blocks: list[list[str] | str], total: int) -> list[int]:
    """A ranked section's words when it shows its first k of ``total`` items (``blocks``: the first items' line or
    lines, in rank order)."""
    closing = words_of(more(1, MORE[section]))
    counts = [0]
    for block in blocks:
        counts.append(counts[-1] + words_of([block] if isinstance(block, str) else block))
    return [count + closing * (k < total) for k, count in enumerate(counts)]


def said_words(brief: dict[str, Any], section: str, limit: int | None) -> list[int]:
    """A section of statements by speaker (:func:`statements_shown`) in words when it shows k statements, up to
    ``limit`` (None: all): each statement's lines, and its speaker's line with the speaker's first."""
    order = statement_order(brief, section)
    limit = len(order) if limit is None else limit
    closing = words_of(more(1, MORE[section]))
    counts, speakers = [0], set()
    for speaker, group in order[:statements_taken(order, limit)]:
        counts.append(counts[-1] + words_of(statement_lines(group, brief))
                      + (words_of([speaker_line(brief[section][speaker])]) if speaker not in speakers else 0))
        speakers.add(speaker)
    return [counts[taken] + closing * (taken < len(order))
            for taken in (statements_taken(order, k) for k in range(limit + 1))]


def outlet_loaded(outlet: dict[str, Any], brief: dict[str, Any]) -> list[tuple[str, str, int]]:
    """Every loaded word of an outlet a brief may show, each once, in the order first used: (word, its neutral
    alternative, how often the outlet uses it); a short brief leaves out the story's own words."""
    words: dict[str, dict[str, Any]] = {}
    for span in outlet["loaded"]:
        if span.get("story_word") and not brief.get("full"):
            continue
        word = span["text"].lower()
        words.setdefault(word, {"word": word, "neutral": span["neutral"], "uses": 0})["uses"] += 1
    return [(word["word"], word["neutral"], word["uses"]) for word in words.values()]


def loaded_words(outlet: dict[str, Any], brief: dict[str, Any]) -> list[tuple[str, str, int]]:
    """An outlet's loaded words a reader sees (:func:`outlet_loaded`, the first few in a short brief)."""
    limit = (brief.get("shown") or {}).get("loaded")
    words = outlet_loaded(outlet, brief)
    return words if limit is None else words[:limit]


def excerpt(text: str, brief: dict[str, Any]) -> str:
    """A copied passage as a short brief quotes it: its first words."""
    words = text.split()
    if brief.get("full") or len(words) <= EXCERPT_WORDS:
        return " ".join(words)
    return " ".join(words[:EXCERPT_WORDS]) + " …"


def html(brief: dict[str, Any]) -> str:
    """The brief as one HTML page, its timeline drawn in it; long sections show what Markdown shows."""
    view = {
        "key_facts": shown(brief, "key_facts", brief["key_facts"]),
        "single_source": shown(brief, "single_source", brief["single_source"]),
        "timeline": shown(brief, "timeline", brief["timeline"]),
        "entities": shown(brief, "entities", brief["entities"]),
        "copied": shown(brief, "copied", brief["copied"]),
        "wording": shown(brief, "wording", brief["framing"]["wording"]),
        "quotes": statements_shown(brief, "quotes"),
        "beliefs": statements_shown(brief, "beliefs"),
        "disagreements": shown(brief, "disagreements", brief["disagreements"]),
    }
    outlets = [o for o in brief["framing"]["outlets"] if loaded_words(o, brief) or brief.get("full")]
    return environment.get_template("brief.html").render(brief=brief, view=view, outlets=outlets,
                                                         timeline_svg=svg.timeline(view["timeline"][0]), ref=ref,
                                                         excerpt=lambda text: excerpt(text, brief),
                                                         evidence=lambda d: evidence(d, brief),
                                                         value_evidence=lambda v: value_evidence(v, brief),
                                                         wordings=lambda q: wordings_shown(q, brief),
                                                         loaded_words=lambda o: loaded_words(o, brief))
