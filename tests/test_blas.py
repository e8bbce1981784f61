"""Matrix products through numpy's BLAS (extractor.blas): every layer, the same annotations as
thinc's BLIS, one BLAS thread while a batch is parsed, and a setting that keeps BLIS."""
from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from thinc.api import NumpyOps
from threadpoolctl import ThreadpoolController
from typer.testing import CliRunner

from extractor import blas, pipeline
from extractor.cli import app

ARTICLES = sorted((Path(__file__).resolve().parents[1] / "seeds").glob("*.txt"))[:8]


def layers(nlp):
    for _, component in nlp.components:
        if hasattr(component, "model") and hasattr(component.model, "walk"):
            yield from component.model.walk()


@pytest.fixture(scope="module")
def blis_nlp():
    """A second pipeline, loaded with EXTRACTOR_MATMUL=blis (thinc's own products)."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv(blas.SETTING, "blis")
        return pipeline._load_pipeline.__wrapped__(None)


def annotations(doc) -> list[tuple]:
    return [(t.tag_, t.pos_, str(t.morph), t.lemma_, t.head.i, t.dep_, t.ent_iob_, t.ent_type_) for t in doc]


def test_every_layer_of_every_model_multiplies_with_numpy(nlp, blis_nlp):
    ours = list(layers(nlp))
    assert ours and all(layer.ops is blas.numpy_blas_ops() for layer in ours)
    assert all(type(layer.ops) is NumpyOps for layer in layers(blis_nlp))


@pytest.mark.parametrize("trans1, trans2", [(False, False), (True, False), (False, True), (True, True)])
def test_products_are_thincs(trans1, trans2):
    rng = np.random.default_rng(0)
    x, y = rng.random((7, 5), dtype="f"), rng.random((5, 7), dtype="f")
    x, y = (np.ascontiguousarray(x.T) if trans1 else x), (np.ascontiguousarray(y.T) if trans2 else y)
    theirs = NumpyOps().gemm(x, y, trans1=trans1, trans2=trans2)
    out = np.zeros_like(theirs)
    ours = blas.numpy_blas_ops().gemm(x, y, out=out, trans1=trans1, trans2=trans2)
    assert ours is out and ours.dtype == np.float32
    assert np.allclose(ours, theirs, rtol=1e-5, atol=1e-6)


def test_annotations_equal_those_with_blis(nlp, blis_nlp):
    assert ARTICLES, "the seed articles are part of the repository"
    for path in ARTICLES:
        text = path.read_text(encoding="utf-8")
        assert annotations(nlp(text)) == annotations(blis_nlp(text)), path.name


def test_numpy_blas_runs_one_thread_inside_the_block_and_as_before_after():
    controller = ThreadpoolController()
    if not controller.select(user_api="blas"):
        pytest.skip("numpy has no BLAS whose threads threadpoolctl can set")
    def threads() -> set[int]:
        return {lib.num_threads for lib in ThreadpoolController().select(user_api="blas").lib_controllers}

    with controller.limit(limits=2, user_api="blas"):
        before = threads()  # 2 where the library allows it
        with blas.one_thread():
            assert threads() == {1}
        assert threads() == before


def test_a_wrong_setting_is_a_usage_error(monkeypatch, tmp_path):
    (tmp_path / "a.txt").write_text("Talks were held on Monday.", encoding="utf-8")
    monkeypatch.setenv(blas.SETTING, "mkl")
    result = CliRunner().invoke(app, [str(tmp_path / "a.txt")])
    assert result.exit_code == 2 and "EXTRACTOR_MATMUL='mkl'" in result.stderr and not result.stdout
