"""Bytes to text: read within a size cap, reject empty and binary input, decode, repair mojibake.

The decoding rule, in order: a Unicode byte-order mark names the encoding; valid UTF-8 is UTF-8; then the
encoding the sender declared, if the bytes are valid in it. Otherwise:
- UTF-8 with stray bytes (more valid multi-byte UTF-8 characters than bytes that are not UTF-8, as when one
  Windows-1252 word was pasted into a UTF-8 file): the UTF-8 stays UTF-8 and each stray byte is read as
  Windows-1252, so "Zürich" stays "Zürich" and "caf\xe9" becomes "café";
- text that is almost all ASCII (at most ``LEGACY_SHARE`` of its bytes are not): Windows-1252, the commonest
  legacy encoding of Western news, whose few non-ASCII bytes are too few for detection to tell anything;
- otherwise the encoding charset-normalizer detects (a Cyrillic or Central European file).
A byte that has no character in the encoding chosen (0x81 in Windows-1252) rejects the input, naming its line.
"""

from __future__ import annotations

import codecs
import os
import re
import stat
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
# Share of non-ASCII bytes up to which a text that is not UTF-8 is read as Windows-1252 rather than detected.
LEGACY_SHARE = 0.02
# Bytes that are not UTF-8, as ``surrogateescape`` decodes them.
STRAY = re.compile("[\udc80-\udcff]")
UNICODE_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


def open_regular(path: Path) -> "os.FileIO":
    """The file opened for reading, refused unless it is a regular file: opening a FIFO would wait for a writer
    forever, a device would never end. Opened without blocking, then checked, so a file swapped in meanwhile is
    caught too."""
    descriptor = os.open(path, os.O_RDONLY | os.O_NONBLOCK)
    mode = os.fstat(descriptor).st_mode
    if not stat.S_ISREG(mode):
        os.close(descriptor)
        raise BadInput(f"not a regular file ({special_kind(mode)}): skipped")
    return os.fdopen(descriptor, "rb")


def special_kind(mode: int) -> str:
    for test, kind in ((stat.S_ISFIFO, "a FIFO"), (stat.S_ISSOCK, "a socket"), (stat.S_ISCHR, "a character device"),
                       (stat.S_ISBLK, "a block device"), (stat.S_ISDIR, "a directory")):
        if test(mode):
            return kind
    return "a special file"


def read_capped(path: Path, max_bytes: int) -> bytes:
    """The file's bytes, refusing one over ``max_bytes`` before reading it."""
    with open_regular(path) as stream:
        size = os.fstat(stream.fileno()).st_size
        if size > max_bytes:
            raise BadInput(f"file is {size:,} bytes, over the {max_bytes:,}-byte limit")
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
        text = _not_utf8(data)
    return text


def _not_utf8(data: bytes) -> str:
    """Text from bytes that are not valid UTF-8, by the rule in this module's docstring."""
    text = data.decode("utf-8", "surrogateescape")
    strays = [match.start() for match in STRAY.finditer(text)]
    multibyte = sum(1 for character in text if character > "\x7f") - len(strays)
    if multibyte >= len(strays):
        pieces, cursor = [], 0
        for position in strays:
            pieces += [text[cursor:position], _windows_1252(data, text[position])]
            cursor = position + 1
        return "".join(pieces) + text[cursor:]
    if len(strays) <= LEGACY_SHARE * len(data):
        return "".join(_windows_1252(data, c) if "\udc80" <= c <= "\udcff" else c for c in text)
    return _detected(data)


def _windows_1252(data: bytes, stray: str) -> str:
    """A stray byte (as ``surrogateescape`` gives it) read as Windows-1252."""
    byte = bytes([ord(stray) - 0xDC00])
    try:
        return byte.decode("cp1252")
    except UnicodeDecodeError:
        line = data[:data.index(byte)].count(b"\n") + 1
        raise BadInput(f"line {line}: byte 0x{byte[0]:02X} is neither UTF-8 nor Windows-1252", line) from None


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

