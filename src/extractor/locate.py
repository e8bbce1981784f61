"""Where a spaCy pipeline is, found without importing spaCy (so a wrong --model is a fast usage error).

The default is the English news pipeline we ship (``models/en_extractor_news``
in a checkout, ``extractor/_model`` inside an installed wheel). ``--model``
takes a path to any spaCy pipeline directory or the name of an installed one
such as ``en_core_web_sm``.
"""
from __future__ import annotations

import importlib.util
from pathlib import Path

DEFAULT_MODEL_NAME = "en_extractor_news"


class ModelNotFound(Exception):
    """The requested pipeline is neither a directory nor an installed package."""


def default_model_path() -> Path:
    """Where the shipped pipeline lives: inside the wheel, else in the checkout."""
    here = Path(__file__).resolve().parent
    for candidate in (here / "_model", here.parents[1] / "models" / DEFAULT_MODEL_NAME):
        if (candidate / "config.cfg").is_file():
            return candidate
    raise ModelNotFound(
        f"the shipped pipeline {DEFAULT_MODEL_NAME!r} is missing from this installation; "
        "reinstall extractor or pass --model"
    )


def locate(model: str | None) -> Path | str:
    """What ``spacy.load`` should be given for ``model``: a pipeline directory, or an installed package's name."""
    if model is None:
        return default_model_path()
    path = Path(model).expanduser()
    if path.is_dir():
        if not (path / "config.cfg").is_file():
            raise ModelNotFound(f"{model}: not a spaCy pipeline directory (no config.cfg)")
        return path
    if model.startswith("blank:") or _installed(model):
        return model
    raise ModelNotFound(f"{model}: no such pipeline directory or installed spaCy package")


def _installed(name: str) -> bool:
    try:
        return importlib.util.find_spec(name) is not None
    except (ImportError, ValueError):  # "a.b" whose parent "a" is missing, an empty or relative name
        return False
