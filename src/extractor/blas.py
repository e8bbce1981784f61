"""Matrix products of the pipeline's models through numpy's BLAS, on one thread.

thinc multiplies a model's matrices with BLIS (``blis.py.gemm``). BLIS picks its kernels
for the CPUs it recognises and takes a generic one elsewhere: on the AMD EPYC virtual
machines we measure on it does (``BLIS_ARCH_DEBUG=1`` prints "selecting sub-configuration
'generic'"), and numpy's BLAS (OpenBLAS in numpy's wheels, with kernels for each x86
generation, chosen when it loads) multiplies a 25,000 × 96 by a 96 × 596 matrix 2.6 times
faster there. ``use_numpy_blas`` gives every layer of a pipeline's models
``numpy_blas_ops()``: thinc's ``NumpyOps`` with ``gemm`` through ``numpy.matmul``. The
parser's and the NER's transition steps, which spaCy runs in C, keep BLIS.

numpy's BLAS runs its own threads, which spin on products this small (CPU time up, not
down), so ``one_thread()`` holds them to one while a batch is parsed and gives them back
after: the threads of a program that uses ``extractor`` as a library are left alone.

``EXTRACTOR_MATMUL=blis`` (read when a pipeline is loaded) keeps thinc's own products.
"""
from __future__ import annotations

import contextlib
import functools
import os
from collections.abc import Iterator
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # numpy and thinc are imported with the pipeline: `extract --help` never needs them
    from spacy.language import Language
    from thinc.api import Ops

SETTING = "EXTRACTOR_MATMUL"
CHOICES = ("numpy", "blis")


def chosen() -> str:
    """Whose matrix products the pipeline uses: ``EXTRACTOR_MATMUL``, numpy by default."""
    choice = os.environ.get(SETTING, "").strip().lower() or "numpy"
    if choice not in CHOICES:
        raise ValueError(f"{SETTING}={choice!r}: expected one of {', '.join(CHOICES)}")
    return choice


@functools.lru_cache(maxsize=1)
def numpy_blas_ops() -> Ops:
    """thinc's CPU operations (``NumpyOps``) with matrix products by ``numpy.matmul``."""
    import numpy as np
    from thinc.api import NumpyOps

    class NumpyBlasOps(NumpyOps):
        name = "numpy_blas"

        def gemm(self, x, y, out=None, trans1: bool = False, trans2: bool = False):
            product = np.matmul(x.T if trans1 else x, y.T if trans2 else y, out=out)
            return product if out is None else out

    return NumpyBlasOps()


def use_numpy_blas(nlp: Language) -> None:
    """Give every layer of the pipeline's thinc models numpy's matrix products (unless ``blis`` is chosen)."""
    from thinc.api import Model, NumpyOps

    if chosen() != "numpy":
        return
    ops = numpy_blas_ops()
    for _, component in nlp.components:
        model = getattr(component, "model", None)
        if isinstance(model, Model) and isinstance(model.ops, NumpyOps):  # CPU models only
            for layer in model.walk():
                layer.ops = ops


@functools.lru_cache(maxsize=1)
def _controller():
    from threadpoolctl import ThreadpoolController

    return ThreadpoolController()  # the BLAS libraries loaded now (numpy's, once spaCy is imported)


@contextlib.contextmanager
def one_thread() -> Iterator[None]:
    """numpy's BLAS on one thread inside the block; as before after it."""
    with _controller().limit(limits=1, user_api="blas"):
        yield
