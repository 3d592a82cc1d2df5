"""Weighted bags of words or names with IDF kept online, as sorted numpy arrays so cosines cost microseconds.

A story's profile is the sum of its articles' bags. IDF comes from the document frequencies seen so far, so the
weight of a word falls as it spreads through the stream ("earthquake" is rare in the first hundred articles,
common after a season of quakes) without ever recomputing a stored vector.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np


@dataclass(frozen=True, slots=True)
class Bag:
    """Weights of term ids: ``ids`` sorted and unique, ``weights`` aligned with them."""

    ids: np.ndarray
    weights: np.ndarray

    @classmethod
    def of(cls, ids: Iterable[int], weights: Iterable[float]) -> "Bag":
        ids_array = np.fromiter(ids, dtype=np.int32)
        weights_array = np.fromiter(weights, dtype=np.float32, count=len(ids_array))
        order = np.argsort(ids_array, kind="stable")
        return cls(ids_array[order], weights_array[order])

    def __len__(self) -> int:
        return len(self.ids)

    def plus(self, other: "Bag") -> "Bag":
        ids = np.concatenate([self.ids, other.ids])
        weights = np.concatenate([self.weights, other.weights])
        unique, inverse = np.unique(ids, return_inverse=True)
        summed = np.bincount(inverse, weights=weights, minlength=len(unique)).astype(np.float32)
        return Bag(unique.astype(np.int32), summed)

    def top(self, limit: int) -> "Bag":
        """The ``limit`` heaviest ids: bounds a large story's profile so scoring it costs what a small one does."""
        if len(self.ids) <= limit:
            return self
        keep = np.sort(np.argpartition(-self.weights, limit)[:limit])
        return Bag(self.ids[keep], self.weights[keep])


@dataclass(frozen=True, slots=True)
class Weighted:
    """A bag weighted by TF-IDF as of one moment, with its norm: what cosines are taken of."""

    ids: np.ndarray
    weights: np.ndarray
    norm: float


def cosine(a: Weighted, b: Weighted) -> float:
    if not a.norm or not b.norm:
        return 0.0
    positions = np.minimum(np.searchsorted(b.ids, a.ids), len(b.ids) - 1)
    shared = b.ids[positions] == a.ids
    return float(a.weights[shared] @ b.weights[positions[shared]]) / (a.norm * b.norm)


class Vocabulary:
    """Strings numbered in order of first sight, with the number of documents holding each: online IDF."""

    def __init__(self) -> None:
        self.ids: dict[str, int] = {}
        self.words: list[str] = []
        self.frequencies = np.zeros(1024, dtype=np.int32)
        self.documents = 0

    def add_document(self, words: Iterable[str]) -> list[int]:
        """Count one document holding ``words`` (distinct) and return their ids."""
        ids = [self.id(word) for word in words]
        self.frequencies[ids] += 1
        self.documents += 1
        return ids

    def id(self, word: str) -> int:
        found = self.ids.get(word)
        if found is None:
            found = self.ids[word] = len(self.words)
            self.words.append(word)
            if found >= len(self.frequencies):
                self.frequencies = np.concatenate([self.frequencies, np.zeros_like(self.frequencies)])
        return found

    def idf(self, ids: np.ndarray) -> np.ndarray:
        return (np.log((self.documents + 1) / (self.frequencies[ids] + 1)) + 1).astype(np.float32)

    def weigh(self, bag: Bag) -> Weighted:
        """TF-IDF weights of a bag: shared rare words count in a cosine, shared common words hardly."""
        weights = bag.weights * self.idf(bag.ids)
        return Weighted(bag.ids, weights, math.sqrt(float(weights @ weights)))
