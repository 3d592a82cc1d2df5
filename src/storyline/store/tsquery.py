"""The search syntax the README gives (SQLite's FTS5: words, "phrases", AND, OR, NOT, prefix*, parentheses) as a
PostgreSQL ``to_tsquery`` expression, so that ``storyline search`` reads a query the same with either store.

As in FTS5: words side by side must all match (an implicit AND); NOT binds tightest, then AND, then OR; NOT is
binary ("a NOT b": a without b), so a query cannot begin with it; a word or phrase followed by ``*`` matches what
begins with it; "" in a phrase is a quote. A phrase's words, and a word's parts (FTS5 splits "covid_19" in two), must
follow one another. A phrase with no word in it ("-", which a search box's lenient query may hold) is left out, and
a query of nothing else matches nothing, as FTS5 reads ``port "-"`` as ``port`` and ``"-"`` as no match. What FTS5
would refuse is refused here with :class:`StoreError`, and so is FTS5 syntax beyond the README's (column filters,
NEAR, ^), which the PostgreSQL store does not take.
"""

from __future__ import annotations

import re

from storyline.store.errors import StoreError

# FTS5's barewords: letters, digits, underscore and any non-ASCII character; its tokenizer then keeps letters and
# digits only.
_BAREWORD = re.compile(r"[A-Za-z0-9_\x80-\U0010ffff]+")
_TOKEN = re.compile(r"[^\W_]+")
_OPERATORS = {"AND": "&", "OR": "|", "NOT": "NOT"}


def to_tsquery(query: str) -> str:
    """The ``to_tsquery`` text of a search query; StoreError when the query is not in the syntax."""
    tokens = _lex(query)
    parser = _Parser(query, tokens)
    expression = parser.either()
    if parser.position < len(tokens):
        raise _bad(query, f"unexpected {tokens[parser.position][1]!r}")
    return expression or ""  # to_tsquery of "" is a query that matches nothing


def _bad(query: str, reason: str) -> StoreError:
    return StoreError(f"bad search query {query!r}: {reason}")


def _lex(query: str) -> list[tuple[str, str]]:
    """(kind, text) pairs: 'term' (its tsquery already), 'op' (AND, OR, NOT), '(' and ')'."""
    tokens, position = [], 0
    while position < len(query):
        char = query[position]
        if char.isspace():
            position += 1
        elif char in "()":
            tokens.append((char, char))
            position += 1
        elif char == '"':
            end = position + 1
            while True:
                end = query.find('"', end)
                if end < 0:
                    raise _bad(query, "unterminated string")
                if query.startswith('""', end):
                    end += 2
                    continue
                break
            words = query[position + 1:end].replace('""', '"')
            position = end + 1
            prefix = query.startswith("*", position)
            position += prefix
            tokens.append(("term", _phrase(words, prefix)))
        else:
            match = _BAREWORD.match(query, position)
            if match is None:
                raise _bad(query, f"syntax error near {char!r}")
            word = match.group()
            position = match.end()
            prefix = query.startswith("*", position)
            position += prefix
            if word in _OPERATORS and not prefix:
                tokens.append(("op", word))
            else:
                tokens.append(("term", _phrase(word, prefix)))
    return tokens


def _phrase(words: str, prefix: bool) -> str | None:
    """Words that must follow one another, as lexemes the store's configuration lower-cases and folds; the last a
    prefix. None for no words."""
    found = _TOKEN.findall(words)
    if not found:
        return None
    lexemes = [f"'{word}'" for word in found]
    if prefix:
        lexemes[-1] += ":*"
    return "(" + " <-> ".join(lexemes) + ")"


def _joined(parts: list[str | None], operator: str) -> str | None:
    """Parts joined by an operator, those of no words (None) left out."""
    kept = [part for part in parts if part is not None]
    if len(kept) < 2:
        return kept[0] if kept else None
    return "(" + f" {operator} ".join(kept) + ")"


class _Parser:
    """Recursive descent over FTS5's precedence: OR < AND (written or implicit) < NOT. An expression of no words
    is None."""

    def __init__(self, query: str, tokens: list[tuple[str, str]]) -> None:
        self.query, self.tokens, self.position = query, tokens, 0

    def _peek(self) -> tuple[str, str] | None:
        return self.tokens[self.position] if self.position < len(self.tokens) else None

    def either(self) -> str | None:
        parts = [self.both()]
        while self._peek() == ("op", "OR"):
            self.position += 1
            parts.append(self.both())
        return _joined(parts, "|")

    def both(self) -> str | None:
        parts = [self.without()]
        while True:
            following = self._peek()
            if following == ("op", "AND"):
                self.position += 1
            elif following is None or following[0] not in ("term", "("):
                break
            parts.append(self.without())
        return _joined(parts, "&")

    def without(self) -> str | None:
        expression = self.single()
        while self._peek() == ("op", "NOT"):
            self.position += 1
            excluded = self.single()
            if expression is not None and excluded is not None:
                expression = f"({expression} & !{excluded})"
        return expression

    def single(self) -> str | None:
        token = self._peek()
        if token is None:
            raise _bad(self.query, "incomplete query")
        self.position += 1
        if token[0] == "term":
            return token[1]
        if token[0] == "(":
            inner = self.either()
            if self._peek() != (")", ")"):
                raise _bad(self.query, "unbalanced parenthesis")
            self.position += 1
            return inner
        raise _bad(self.query, f"syntax error near {token[1]!r}")
