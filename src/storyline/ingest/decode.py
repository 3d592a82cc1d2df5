"""Bytes to text: read within a size cap, reject empty and binary input, decode, repair mojibake."""

from __future__ import annotations

import codecs
from pathlib import Path

import charset_normalizer
import ftfy

from storyline.ingest.errors import BadInput

MAX_BYTES = 10 * 1024 * 1024
# How much of the start of an input is inspected for signs of binary content.
SNIFF_BYTES = 8192
# Text files hold tabs, newlines and form feeds; a larger share of other control bytes means binary.
MAX_CONTROL_SHARE = 0.05
TEXT_CONTROLS = frozenset(b"\t\n\r\f\x1b")
UNICODE_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


def read_capped(path: Path, max_bytes: int) -> bytes:
    """The file's bytes, refusing one over ``max_bytes`` before reading it."""
    size = path.stat().st_size
    if size > max_bytes:
        raise BadInput(f"file is {size:,} bytes, over the {max_bytes:,}-byte limit")
    with path.open("rb") as stream:
        data = stream.read(max_bytes + 1)
    if len(data) > max_bytes:  # the file grew after stat
        raise BadInput(f"file is over the {max_bytes:,}-byte limit")
    return data


def decode(data: bytes, declared_encoding: str | None = None) -> str:
    """Text from bytes: a Unicode BOM, then UTF-8, then the declared encoding, then detection."""
    text = _decode(data, declared_encoding)
    if not text.strip():
        raise BadInput("empty")
    return repair(text)


def repair(text: str) -> str:
    """Undo mojibake ("Iranâ€™s" -> "Iran’s") and nothing else.

    ``fix_encoding`` runs only ftfy's encoding repairs: unlike ``fix_text`` it keeps curly quotes, HTML entities,
    ligatures and character widths as the outlet wrote them.
    """
    return ftfy.fix_encoding(text)


def _decode(data: bytes, declared_encoding: str | None) -> str:
    for bom, encoding in UNICODE_BOMS:
        if data.startswith(bom):
            text = _strict(data, encoding)
            if text is None:
                raise BadInput(f"starts with a {encoding.upper()} byte-order mark but does not decode as {encoding}")
            return text
    if looks_binary(data[:SNIFF_BYTES]):
        raise BadInput("binary file")
    text = _strict(data, "utf-8-sig")
    if text is None and declared_encoding:
        text = _strict(data, declared_encoding)
    if text is None:
        text = _detected(data)
    return text


def _detected(data: bytes) -> str:
    matches = charset_normalizer.from_bytes(data)
    best = matches.best()
    if best is None:
        raise BadInput("not UTF-8 and no encoding could be detected")
    # Code pages that fit equally well are ranked by name, so cp1250 beats cp1252 on French or Spanish text
    # ("Genčve"); Windows-1252 is by far the commonest legacy encoding of Western news, so it wins a tie.
    tied = (m for m in matches if m.encoding == "cp1252" and m.chaos <= best.chaos and m.coherence >= best.coherence)
    return str(next(tied, best))


def _strict(data: bytes, encoding: str) -> str | None:
    try:
        return data.decode(encoding)
    except (UnicodeDecodeError, LookupError):
        return None


def looks_binary(head: bytes) -> bool:
    if b"\x00" in head:
        return True
    controls = sum(1 for byte in head if (byte < 0x20 and byte not in TEXT_CONTROLS) or byte == 0x7F)
    return controls > MAX_CONTROL_SHARE * len(head)

