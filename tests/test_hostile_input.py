"""Every bad input is one message naming it, and the rest of the batch goes on: special files, file names that are
not UTF-8, links out of a folder, wrongly encoded bytes, JSON that breaks the parser, dates out of range, texts
over spaCy's length limit, phrases no time rule foresaw."""

import json
import os
import socket
from datetime import date
from pathlib import Path

import pytest

from storyline.corpus import Corpus
from storyline.extract.timex.values import normalise
from storyline.ingest import IngestError, read
from storyline.ingest.decode import decode
from storyline.ingest.sources import read_bytes
from storyline.model import Article
from storyline.parse import nlp

GOOD = "The harbour of Kessel reopened on Friday after the storm, the port authority said in a statement.\n"


def items(*sources: str, **options) -> tuple[list[Article], list[IngestError]]:
    found = list(read(sources, **options))
    return [i for i in found if isinstance(i, Article)], [i for i in found if isinstance(i, IngestError)]


def test_special_files_in_a_folder_are_reported_and_skipped_without_waiting(tmp_path):
    (tmp_path / "good.txt").write_text(GOOD)
    os.mkfifo(tmp_path / "pipe.txt")
    server = socket.socket(socket.AF_UNIX)
    server.bind(str(tmp_path / "socket.txt"))
    articles, errors = items(str(tmp_path))
    assert [a.text for a in articles] == [GOOD.strip()]
    assert {(Path(e.origin).name, e.message) for e in errors} == {
        ("pipe.txt", "not a regular file (a FIFO): skipped"), ("socket.txt", "not a regular file (a socket): skipped")}
    _, [named] = items(str(tmp_path / "pipe.txt"))
    assert "a FIFO" in named.message
    server.close()


def test_a_folder_that_cannot_be_read_is_reported(tmp_path, monkeypatch):
    (tmp_path / "good.txt").write_text(GOOD)
    (tmp_path / "locked").mkdir()
    (tmp_path / "locked" / "inside.txt").write_text(GOOD)
    scandir = os.scandir

    def refusing(path="."):  # as the file system answers a user without the folder's read permission
        if Path(path).name == "locked":
            raise PermissionError(13, "Permission denied", str(path))
        return scandir(path)

    monkeypatch.setattr(os, "scandir", refusing)
    articles, [error] = items(str(tmp_path))
    assert len(articles) == 1 and error.message == "cannot read the folder: Permission denied"
    assert error.origin.endswith("locked")


def test_a_file_name_that_is_not_utf8_is_reported_printably(tmp_path):
    (tmp_path / "good.txt").write_text(GOOD)
    (Path(os.fsdecode(bytes(tmp_path) + b"/caf\xe9.txt"))).write_text(GOOD.replace("Kessel", "Varna"))
    articles, [error] = items(str(tmp_path))
    assert len(articles) == 1
    assert str(error).endswith("caf\\xe9.txt: the file name is not valid UTF-8: rename it to read it")
    str(error).encode("utf-8")  # printable anywhere


def test_links_out_of_a_folder_are_followed_only_when_asked(tmp_path):
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "secret.txt").write_text(GOOD.replace("Kessel", "Varna"))
    folder = tmp_path / "inbox"
    folder.mkdir()
    (folder / "good.txt").write_text(GOOD)
    (folder / "link.txt").symlink_to(outside / "secret.txt")
    (folder / "linked-folder").symlink_to(outside)
    (folder / "same.txt").symlink_to(folder / "good.txt")  # inside: read
    articles, errors = items(str(folder))
    assert {a.text for a in articles} == {GOOD.strip()}
    assert sorted(Path(e.origin).name for e in errors) == ["link.txt", "linked-folder"]
    assert all("not followed without --follow-symlinks" in e.message for e in errors)
    articles, errors = items(str(folder), follow_symlinks=True)
    assert not errors and sum("Varna" in a.text for a in articles) == 2


def test_utf8_with_one_windows_1252_word_keeps_its_utf8():
    data = ("Delegates met in Zürich on Monday.\n".encode() + "The café was closed.\n".encode("cp1252"))
    assert decode(data) == "Delegates met in Zürich on Monday.\nThe café was closed.\n"


def test_bytes_that_are_neither_utf8_nor_windows_1252_are_rejected_naming_the_line(tmp_path):
    path = tmp_path / "broken.txt"
    path.write_bytes(GOOD.encode() + b"Officials said \xff\x81\x8d was " + b"closed.\n" + GOOD.encode() * 3)
    _, [error] = items(str(path))
    assert error.line == 2 and "byte 0x81 is neither UTF-8 nor Windows-1252" in error.message


def test_a_legacy_file_is_still_detected():
    text = "Мэр города заявил, что встреча состоится в пятницу, сообщили в мэрии. " * 4
    assert decode(text.encode("cp1251")) == text


@pytest.mark.parametrize("line, says", [
    ("[" * 100_000 + "]" * 100_000, "nested too deeply"),
    ('{"text": "A report.", "published": 1e400}', "published timestamp out of range"),
    ('{"text": "A report.", "published": NaN}', "published timestamp out of range"),
    ('{"text": "A report.", "published": 99999999999999999999}', "published timestamp out of range"),
    ('{"text": "A report \\ud800 here."}', "half a UTF-16 surrogate pair"),
    ('{"text": 12}', "no article text"),
    ('{"text": "A report.", "title": ["a", "list"]}', "'title' must be a string"),
    ('{"text": "A report.", "published": "' + "9" * 5000 + '"}', "not understood"),
    ("1" * 5000, "not valid JSON"),
])
def test_a_bad_json_line_is_one_error_with_its_number_and_the_next_lines_count(tmp_path, line, says):
    path = tmp_path / "feed.jsonl"
    path.write_text(json.dumps({"text": GOOD}) + "\n" + line + "\n" + json.dumps({"text": GOOD + " Later."}) + "\n")
    articles, [error] = items(str(path))
    assert len(articles) == 2 and error.line == 2 and says in error.message


def test_a_deeply_nested_json_document_is_one_error():
    [error] = read_bytes(b"[" * 100_000 + b"]" * 100_000, "json", "request")
    assert isinstance(error, IngestError) and "nested too deeply" in error.message


def test_phrases_with_no_half_unit_have_a_value():
    assert normalise("a quarter and a half", date(2024, 5, 1)) == ("DURATION", "P4M15D")
    assert normalise("half weekend", date(2024, 5, 1)) == ("DURATION", "P1D")


def test_long_texts_are_cut_at_paragraph_ends_into_parts_that_join_back():
    paragraph = "The port authority of Kessel said on Friday that the harbour would reopen next week. " * 40
    text = "\n".join([paragraph.strip()] * 320)  # about 1.1 million characters
    parts = nlp.parts(text)
    assert "".join(parts) == text and max(map(len, parts)) <= nlp.PART_CHARS
    assert all(part.endswith("\n") for part in parts[:-1])
    unbroken = "word " * 50_000
    assert "".join(nlp.parts(unbroken)) == unbroken and all(p.endswith(" ") for p in nlp.parts(unbroken)[:-1])


@pytest.mark.slow
def test_a_text_over_spacys_limit_is_stored_whole_with_the_rest_of_its_batch(tmp_path):
    paragraph = "The port authority of Kessel said on Friday that the harbour would reopen next week. " * 40
    big = "\n".join([paragraph.strip()] * 300)
    assert len(big) > nlp.load().max_length
    (tmp_path / "big.txt").write_text(big)
    (tmp_path / "small.txt").write_text(GOOD.replace("Kessel", "Varna"))
    corpus = Corpus.open(tmp_path / "store.db")
    report = corpus.ingest([str(tmp_path)])
    assert report.stored == 2 and not report.errors
    assert all(corpus.story_of(article.id) for article in corpus.articles())
    [stored] = [article for article in corpus.articles() if len(article.text) > 1_000_000]
    kessel = [m for m in corpus.article_view(stored.id).mentions if m.span.text(stored) == "Kessel"]
    assert len(kessel) > 10_000 and kessel[-1].span.start > 1_000_000
    assert corpus.doc(stored.id).text == stored.text
    corpus.close()
