"""extractor: who met whom, when, where, and what was said by whom, as JSON."""
from __future__ import annotations

from typing import Any

__version__ = "0.1.0"
__all__ = ["extract", "extract_many", "__version__"]


def __getattr__(name: str) -> Any:
    """``extract`` and ``extract_many`` from ``extractor.api``, imported on first use (the CLI starts without them)."""
    if name in ("extract", "extract_many"):
        from . import api

        return getattr(api, name)
    raise AttributeError(f"module 'extractor' has no attribute {name!r}")
