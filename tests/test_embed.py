import numpy as np

from storyline.parse.embed import DIMENSIONS, embed

QUAKE = "A strong earthquake shook the island on Tuesday, destroying hundreds of homes."
QUAKE_PARAPHRASE = "Hundreds of houses were flattened when a powerful quake hit the island on Tuesday."
COACH = "The club fired its head coach after a run of eight defeats."
COACH_PARAPHRASE = "After losing eight games in a row, the team sacked its manager."


def test_paraphrases_are_closer_than_unrelated_sentences():
    quake, quake_paraphrase, coach, coach_paraphrase = embed([QUAKE, QUAKE_PARAPHRASE, COACH, COACH_PARAPHRASE])
    assert quake @ quake_paraphrase > quake @ coach + 0.3
    assert coach @ coach_paraphrase > coach @ quake_paraphrase + 0.3


def test_vectors_have_unit_length_and_keep_the_input_order():
    texts = [COACH, "", QUAKE * 40, QUAKE]  # empty and over-long (truncated) texts too
    vectors = embed(texts)
    assert vectors.shape == (4, DIMENSIONS) and vectors.dtype == np.float32
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-5)
    # Each text embedded alone gives the same vector as among longer and shorter texts.
    alone = np.vstack([embed([text]) for text in texts])
    assert np.allclose(vectors, alone, atol=1e-4)


def test_no_texts_give_an_empty_matrix():
    assert embed([]).shape == (0, DIMENSIONS)
