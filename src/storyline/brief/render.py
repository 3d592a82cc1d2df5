"""Briefs as Markdown and as one self-contained HTML page (Jinja2, autoescaped: article text is untrusted), each
written from the brief's JSON form alone (:func:`storyline.brief.build.assemble`)."""

from __future__ import annotations

import json
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
        count = len(entry["statements"])
        lines.append(f"- **{entry['attributed_to']}** ({count} statement{'s' * (count > 1)}; "
                     f"{', '.join(entry['outlets'])})")
        for group in statements:
            (first, *others), hidden = wordings_shown(group, brief)
            lines.append(f"  - {first['as_written']} — {', '.join(first['sources'])}")
            lines += [f"    - also: {wording['as_written']} — {', '.join(wording['sources'])}" for wording in others]
            if hidden:
                lines.append(f"    - … {hidden} more {'wording' if hidden == 1 else 'wordings'} in the full brief")
            if group["speaker_conflict"]:
                lines.append("    - outlets disagree on who said it: " + "; ".join(
                    f"{given['speaker']} ({', '.join(given['sources'])})" for given in group["given_to"]))
    return lines or ["- none"]


def statements_shown(brief: dict[str, Any], section: str) -> tuple[list[tuple[dict[str, Any], list[dict[str, Any]]]],
                                                                     int]:
    """The statements of a section by speaker (``quotes`` or ``beliefs``) a reader sees, with their speakers, and
    how many are left for the full brief. A short brief shows as many statements as ``shown`` gives the section,
    taken a round at a time (every speaker's first, then every speaker's second …) so that the most quoted speaker
    does not fill it alone; a statement whose speaker outlets dispute is always shown."""
    entries = brief[section]
    limit = (brief.get("shown") or {}).get(section)
    if limit is None:
        return [(entry, entry["statements"]) for entry in entries], 0
    chosen: list[list[dict[str, Any]]] = [[group for group in entry["statements"] if group["speaker_conflict"]]
                                          for entry in entries]
    taken = sum(map(len, chosen))
    for depth in range(max((len(entry["statements"]) for entry in entries), default=0)):
        for entry, seen in zip(entries, chosen):
            if taken < limit and depth < len(entry["statements"]) and entry["statements"][depth] not in seen:
                seen.append(entry["statements"][depth])
                taken += 1
    shown_entries = [(entry, [g for g in entry["statements"] if g in seen]) for entry, seen in zip(entries, chosen)
                     if seen]
    return shown_entries, sum(len(entry["statements"]) for entry in entries) - taken


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


def markdown(brief: dict[str, Any]) -> str:
    out = [f"# {brief['title']}", ""]
    story = brief["story"]
    articles, outlets = len(story["articles"]), len({a["source"] for a in story["articles"]})
    out += [f"Story `{story['id']}` · {articles} article{'s' * (articles != 1)} from "
            f"{outlets} outlet{'s' * (outlets != 1)}", ""]
    out += ["## Summary", ""] + [f"{s['text']} {ref(s)}" + (" — outlets disagree, see Disagreements"
                                                               if s["kind"] == "conflicting" else "")
                                 for s in brief["summary"]] + [""]
    out += ["## Key facts", ""]
    facts, hidden = shown(brief, "key_facts", brief["key_facts"])
    out += [f"- {f['spans'][0]['text']} — {outlets_of(f)}" for f in facts] or ["- none besides the summary"]
    out += more(hidden, "facts carried by several outlets")
    out += ["", "## Disagreements", ""]
    disagreements, hidden = shown(brief, "disagreements", brief["disagreements"])
    for d in disagreements:
        out += _disagreement_lines(d, brief)
    if not brief["disagreements"]:
        out.append("- none found")
    out += more(hidden, "disagreements")
    out += ["", "## Reported by one outlet only", ""]
    singles, hidden = shown(brief, "single_source", brief["single_source"])
    out += [f"- {s['source']}: {s['text']} {ref(s)}"
            + (f" — only here: “{s['detail']['text']}”" if "detail" in s else "") for s in singles] \
        or ([] if hidden else ["- none"])
    out += more(hidden, "claims and details only one outlet gives")
    out += ["", "## Quotes", ""]
    quotes, hidden = statements_shown(brief, "quotes")
    out += _said(quotes, brief) + more(hidden, "statements")
    out += ["", "## Beliefs and intentions", ""]
    beliefs, hidden = statements_shown(brief, "beliefs")
    out += _said(beliefs, brief) + more(hidden, "beliefs and intentions")
    out += ["", "## Timeline", ""]
    entries, hidden = shown(brief, "timeline", brief["timeline"])
    for entry in entries:
        sources = ", ".join(sorted({s["source"] for s in entry.get("statements", [])}))
        first = entry["statements"][0]["text"] if entry.get("statements") else ""
        guess = entry.get("confidence")
        note = "" if guess is None else f" — date counted from an inferred publication date, confidence {guess:.2f}"
        out.append(f"- **{entry['label']}** {first} ({sources}){note}")
    if not brief["timeline"]:
        out.append("- no dated events")
    out += more(hidden, "timeline entries")
    out += ["", "## Who is involved", ""]
    entities, hidden = shown(brief, "entities", brief["entities"])
    for entity in entities:
        variants = ", ".join(list(entity.get("variants", {}))[: None if brief.get("full") else 3])
        roles = f"; roles: {', '.join(entity['roles'])}" if entity.get("roles") else ""
        out.append(f"- **{entity['name']}** ({entity['type']}): {variants}{roles}")
    out += more(hidden, "people, organisations and places")
    out += ["", "## Copied passages", ""]
    copied, hidden = shown(brief, "copied", brief["copied"])
    for c in copied:
        arrow = "copied from" if c["directed"] else "shares a passage with"
        out.append(f"- {c['copy']['source']} {arrow} {c['origin']['source']} ({c['words']} words, "
                   f"similarity {c['similarity']}): “{excerpt(c['copy']['text'], brief)}” {ref(c['copy'])}")
    if not brief["copied"]:
        out.append("- none found")
    out += more(hidden, "copied passages")
    out += ["", "## Framing", ""]
    wording, hidden = shown(brief, "wording", brief["framing"]["wording"])
    for w in wording:
        a, b = w["choices"]
        out.append(f"- {a['source']}: “{a['text']}” / {b['source']}: “{b['text']}”")
    out += more(hidden, "wording choices")
    framing_lines = len(out)
    for outlet in brief["framing"]["outlets"]:
        words = loaded_words(outlet, brief)
        if not (words or brief.get("full")):
            continue
        loaded = ", ".join(f"{word}{f' ×{n}' if n > 1 else ''}{f' (→ {neutral})' if neutral else ''}"
                           for word, neutral, n in words)
        quoted = ", ".join(f"{name} ×{n}" for name, n in outlet["most_quoted"][: None if brief.get("full") else 2])
        out.append(f"- **{outlet['source']}** — loaded words: {loaded or 'none'}; quotes most: {quoted or 'no one'}")
    if not wording and len(out) == framing_lines:
        out.append("- none found")
    if brief.get("full"):
        out += ["", "## Coverage", "", "| outlet | articles | claims | shared | single-source | conflicting | quotes |",
                "| --- | ---: | ---: | ---: | ---: | ---: | ---: |"]
        out += [f"| {c['source']} | {c['articles']} | {c['claims']} | {c['shared']} | {c['single_source']} | "
                f"{c['conflicting']} | {c['quotes']} |" for c in brief["coverage"]]
    out += ["", "## Sources", ""]
    out += [f"- {a['source']}: {a['title'] or '(untitled)'} · {published(a, brief)}{inferred(a)} · `{a['id']}`"
            for a in story["articles"]]
    return "\n".join(out) + "\n"


def loaded_words(outlet: dict[str, Any], brief: dict[str, Any]) -> list[tuple[str, str, int]]:
    """An outlet's loaded words a reader sees, each once, in the order first used: (word, its neutral
    alternative, how often the outlet uses it); a short brief leaves out the story's own words."""
    words: dict[str, dict[str, Any]] = {}
    for span in outlet["loaded"]:
        if span.get("story_word") and not brief.get("full"):
            continue
        word = span["text"].lower()
        words.setdefault(word, {"word": word, "neutral": span["neutral"], "uses": 0})["uses"] += 1
    seen, _ = shown(brief, "loaded", list(words.values()))
    return [(word["word"], word["neutral"], word["uses"]) for word in seen]


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
