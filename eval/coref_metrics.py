"""Coreference metrics over clusterings given as ``{mention: cluster id}``: MUC, B³, CEAF-e and their CoNLL mean.

Definitions follow Pradhan et al. (2014), "Scoring Coreference Partitions of Predicted Mentions". A mention present
on one side only counts as absent from the other: it adds nothing to the intersections.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Hashable, Mapping
from dataclasses import dataclass

import numpy as np
from scipy.optimize import linear_sum_assignment

Clustering = Mapping[Hashable, Hashable]


@dataclass(frozen=True)
class Score:
    precision: float
    recall: float

    @property
    def f1(self) -> float:
        total = self.precision + self.recall
        return 2 * self.precision * self.recall / total if total else 0.0

    def as_dict(self) -> dict[str, float]:
        return {"precision": self.precision, "recall": self.recall, "f1": self.f1}


def clusters(clustering: Clustering) -> list[frozenset]:
    members: dict[Hashable, set] = defaultdict(set)
    for mention, cluster in clustering.items():
        members[cluster].add(mention)
    return [frozenset(group) for group in members.values()]


def _ratio(numerator: float, denominator: float) -> float:
    return numerator / denominator if denominator else 0.0


def _muc_recall(key: Clustering, response: Clustering) -> float:
    """Links of the key kept by the response: each key cluster loses one link per extra response partition."""
    kept = total = 0
    for group in clusters(key):
        partitions = {response.get(mention, ("absent", mention)) for mention in group}
        kept += len(group) - len(partitions)
        total += len(group) - 1
    return _ratio(kept, total)


def muc(key: Clustering, response: Clustering) -> Score:
    return Score(_muc_recall(response, key), _muc_recall(key, response))


def _b_cubed_recall(key: Clustering, response: Clustering) -> float:
    response_groups = {response[next(iter(group))]: group for group in clusters(response)}
    total = 0.0
    for group in clusters(key):
        for mention in group:
            if mention in response:
                total += len(group & response_groups[response[mention]]) / len(group)
    return _ratio(total, len(key))


def b_cubed(key: Clustering, response: Clustering) -> Score:
    return Score(_b_cubed_recall(response, key), _b_cubed_recall(key, response))


def ceaf_e(key: Clustering, response: Clustering) -> Score:
    """Entity-based CEAF: the best one-to-one alignment of clusters under φ4 = 2|K∩R| / (|K|+|R|)."""
    key_groups, response_groups = clusters(key), clusters(response)
    if not key_groups or not response_groups:
        return Score(0.0, 0.0)
    response_index = {mention: j for j, group in enumerate(response_groups) for mention in group}
    similarity = np.zeros((len(key_groups), len(response_groups)))
    for i, group in enumerate(key_groups):
        for mention in group:
            if mention in response_index:
                similarity[i, response_index[mention]] += 1
    sizes = np.add.outer([len(g) for g in key_groups], [len(g) for g in response_groups])
    similarity = 2 * similarity / sizes
    rows, columns = linear_sum_assignment(similarity, maximize=True)
    aligned = similarity[rows, columns].sum()
    return Score(aligned / len(response_groups), aligned / len(key_groups))


def conll_f1(key: Clustering, response: Clustering) -> float:
    return (muc(key, response).f1 + b_cubed(key, response).f1 + ceaf_e(key, response).f1) / 3


def all_scores(key: Clustering, response: Clustering) -> dict[str, dict[str, float] | float]:
    return {
        "muc": muc(key, response).as_dict(),
        "b_cubed": b_cubed(key, response).as_dict(),
        "ceaf_e": ceaf_e(key, response).as_dict(),
        "conll_f1": conll_f1(key, response),
    }
