import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "eval"))

from coref_metrics import b_cubed, ceaf_e, conll_f1, muc  # noqa: E402

# Key {a b c} {d e}; response {a b} {c d e}. Worked by hand:
# MUC: recall (3-2 + 2-1) / (2 + 1) = 2/3, precision (2-1 + 3-2) / (1 + 2) = 2/3.
# B3: recall (2/3 + 2/3 + 1/3 + 1 + 1) / 5 = 11/15, precision (1 + 1 + 1/3 + 2/3 + 2/3) / 5 = 11/15.
# CEAF-e: phi4({a b c}, {a b}) = 4/5, phi4({d e}, {c d e}) = 4/5, aligned 8/5 over 2 clusters each side: 4/5.
KEY = {"a": 1, "b": 1, "c": 1, "d": 2, "e": 2}
RESPONSE = {"a": "x", "b": "x", "c": "y", "d": "y", "e": "y"}


def test_hand_computed_example():
    assert muc(KEY, RESPONSE).precision == pytest.approx(2 / 3)
    assert muc(KEY, RESPONSE).recall == pytest.approx(2 / 3)
    assert b_cubed(KEY, RESPONSE).precision == pytest.approx(11 / 15)
    assert b_cubed(KEY, RESPONSE).recall == pytest.approx(11 / 15)
    assert ceaf_e(KEY, RESPONSE).precision == pytest.approx(4 / 5)
    assert ceaf_e(KEY, RESPONSE).recall == pytest.approx(4 / 5)
    assert conll_f1(KEY, RESPONSE) == pytest.approx((2 / 3 + 11 / 15 + 4 / 5) / 3)


def test_precision_and_recall_are_not_symmetric():
    # Everything in one cluster: every key link is found, but most response links are wrong.
    merged = {mention: "all" for mention in KEY}
    assert muc(KEY, merged).recall == pytest.approx(1.0)
    assert muc(KEY, merged).precision == pytest.approx(3 / 4)
    assert b_cubed(KEY, merged).recall == pytest.approx(1.0)
    assert b_cubed(KEY, merged).precision == pytest.approx((3 * 3 / 5 + 2 * 2 / 5) / 5)


def test_identical_clusterings_score_one_and_singletons_have_no_links():
    assert conll_f1(KEY, dict(KEY)) == pytest.approx(1.0)
    singletons = {mention: mention for mention in KEY}
    assert muc(KEY, singletons).recall == 0.0
    assert b_cubed(KEY, singletons).precision == pytest.approx(1.0)
    assert b_cubed(KEY, singletons).recall == pytest.approx((3 * 1 / 3 + 2 * 1 / 2) / 5)


def test_a_mention_missing_from_the_response_counts_as_not_found():
    partial = {"a": "x", "b": "x", "d": "y", "e": "y"}
    assert b_cubed(KEY, partial).recall == pytest.approx((2 / 3 + 2 / 3 + 0 + 1 + 1) / 5)
    assert b_cubed(KEY, partial).precision == pytest.approx((2 / 2 + 2 / 2 + 2 / 2 + 2 / 2) / 4)
