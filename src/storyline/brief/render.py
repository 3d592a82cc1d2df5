"""Briefs as Markdown and as one self-contained HTML page (Jinja2, autoescaped: article text is untrusted), each
written from the brief's JSON form alone (:func:`storyline.brief.build.assemble`)."""

from __future__ import annotations

from typing import Any

from jinja2 import Environment, PackageLoader, select_autoescape

from storyline.brief import svg

environment = Environment(loader=PackageLoader("storyline", "templates"), autoescape=select_autoescape(["html"]),
                          trim_blocks=True, lstrip_blocks=True)


def ref(item: dict[str, Any]) -> str:
    return f"[{item['source'] or item['article'][:8]} {item['start']}–{item['end']}]"


def _quote_line(group: dict[str, Any]) -> list[str]:
    lines = [f"- **{group['attributed_to']}**"]
    for wording in group.get("wordings", []):
        outlets = ", ".join(wording.get("sources", []))
        lines.append(f"  - {wording['as_written']} — {outlets}")
    return lines


def _disagreement_lines(disagreement: dict[str, Any]) -> list[str]:
    """A disagreement: what is disputed, then each value with the sentences that give it; a conflict of polarity
    lists the sentences that state and deny."""
    if not disagreement.get("values"):
        return [f"- {disagreement['conflict']}"] + [f"  - {s['source']}: {s['text']} {ref(s)}"
                                                    for s in disagreement["spans"]]
    lines = [f"- **{disagreement['quantity']}**: "
             + " vs ".join(f"{v['value']} ({', '.join(v['sources'])})" for v in disagreement["values"])]
    for value in disagreement["values"]:
        lines += [f"  - {value['value']} — {f['source']}: {f['sentence']['text']} {ref(f['sentence'])}"
                  for f in value["figures"]]
    return lines


def markdown(brief: dict[str, Any]) -> str:
    out = [f"# {brief['title']}", ""]
    story = brief["story"]
    out += [f"Story `{story['id']}` · {len(story['articles'])} articles from "
            f"{len({a['source'] for a in story['articles']})} outlets", ""]
    out += ["## Summary", ""] + [f"{s['text']} {ref(s)}" for s in brief["summary"]] + [""]
    out += ["## Key facts", ""]
    out += [f"- {f['spans'][0]['text']} — {len(f['independent_sources'])} independent of {len(f['sources'])} "
            f"sources: {', '.join(f['sources'])}" for f in brief["key_facts"]] or ["- none"]
    out += ["", "## Disagreements", ""]
    for d in brief["disagreements"]:
        out += _disagreement_lines(d)
    if not brief["disagreements"]:
        out.append("- none found")
    out += ["", "## Reported by one outlet only", ""]
    out += [f"- {s['source']}: {s['text']} {ref(s)}" + (f" — only here: “{s['detail']['text']}”" if "detail" in s else "")
            for s in brief["single_source"]] or ["- none"]
    out += ["", "## Quotes", ""]
    for group in brief["quotes"]:
        out += _quote_line(group)
    out += ["", "## Timeline", ""]
    for entry in brief["timeline"]:
        sources = ", ".join(sorted({s["source"] for s in entry.get("statements", [])}))
        first = entry["statements"][0]["text"] if entry.get("statements") else ""
        out.append(f"- **{entry['label']}** {first} ({sources})")
    out += ["", "## Who is involved", ""]
    for entity in brief["entities"]:
        variants = ", ".join(entity.get("variants", {}))
        roles = f"; roles: {', '.join(entity['roles'])}" if entity.get("roles") else ""
        out.append(f"- **{entity['name']}** ({entity['type']}): {variants}{roles}")
    out += ["", "## Copied passages", ""]
    for c in brief["copied"]:
        arrow = "copied from" if c["directed"] else "shares a passage with"
        out.append(f"- {c['copy']['source']} {arrow} {c['origin']['source']} ({c['words']} words, "
                   f"similarity {c['similarity']}): “{c['copy']['text']}” {ref(c['copy'])}")
    if not brief["copied"]:
        out.append("- none found")
    out += ["", "## Framing", ""]
    for w in brief["framing"]["wording"]:
        a, b = w["choices"]
        out.append(f"- {a['source']}: “{a['text']}” / {b['source']}: “{b['text']}”")
    for outlet in brief["framing"]["outlets"]:
        loaded = ", ".join(f"{l['text']} (→ {l['neutral']})" if l["neutral"] else l["text"] for l in outlet["loaded"])
        quoted = ", ".join(f"{name} ×{n}" for name, n in outlet["most_quoted"])
        out.append(f"- **{outlet['source']}** — loaded words: {loaded or 'none'}; quotes most: {quoted or 'nobody'}")
    out += ["", "## Coverage", "", "| outlet | articles | claims | shared | single-source | conflicting | quotes |",
            "| --- | ---: | ---: | ---: | ---: | ---: | ---: |"]
    out += [f"| {c['source']} | {c['articles']} | {c['claims']} | {c['shared']} | {c['single_source']} | "
            f"{c['conflicting']} | {c['quotes']} |" for c in brief["coverage"]]
    out += ["", "## Sources", ""]
    out += [f"- {a['source']}: {a['title'] or '(untitled)'} · {a['published'] or 'date unknown'}"
            f"{' (inferred)' if a['published_inferred'] else ''} · `{a['id']}`" for a in story["articles"]]
    return "\n".join(out) + "\n"


def html(brief: dict[str, Any]) -> str:
    """The brief as one HTML page, its timeline drawn in it."""
    return environment.get_template("brief.html").render(brief=brief, timeline_svg=svg.timeline(brief["timeline"]),
                                                         ref=ref)
