from storyline.parse import nlp


def test_a_negation_written_apart_is_one_token_and_the_parse_stays_a_tree():
    doc = next(nlp.parse(["“This isn ’ t only about one shooting. A whole lot of anger spilled out,” she said."]))
    assert [t.text for t in doc[:4]] == ["“", "This", "is", "n ’ t"]
    assert doc[3].dep_ == "neg" and doc[3].head.text == "is"
    # Every token reaches its sentence's root: a cycle in the heads made any span's root raise.
    for token in doc:
        assert doc[token.i:token.i + 1].root.sent == token.sent
        assert token in list(token.sent.root.subtree)
