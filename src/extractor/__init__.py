"""extractor: who met whom, when, where, and what was said by whom, as JSON."""
from __future__ import annotations

from .api import extract, extract_many

__version__ = "0.1.0"
__all__ = ["extract", "extract_many", "__version__"]
