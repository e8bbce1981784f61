"""Code shape: small functions with one job (the developers' guide and issues 10-12).

Every function in ``src/extractor`` stays within cyclomatic complexity 15 (ruff's
C901) and 40 lines.
"""
from __future__ import annotations

import ast
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[1] / "src" / "extractor"
CHECKED = [SRC]  # all of it, with no per-file exceptions (issue 12)
MAX_LINES = 40


def _files() -> list[Path]:
    return sorted(f for p in CHECKED for f in ([p] if p.is_file() else p.rglob("*.py")))


def _ruff() -> list[str]:
    found = shutil.which("ruff", path=str(Path(sys.executable).parent)) or shutil.which("ruff")
    if found is None:
        pytest.skip("ruff is not installed (pip install '.[test]')")
    return [found]


def test_no_function_above_complexity_15():
    proc = subprocess.run(
        [*_ruff(), "check", "--isolated", "--select", "C901", "--config", "lint.mccabe.max-complexity=15",
         "--output-format", "concise", *map(str, _files())],
        capture_output=True, text=True,
    )
    assert proc.returncode == 0, proc.stdout


@pytest.mark.parametrize("path", _files(), ids=lambda p: str(p.relative_to(SRC)))
def test_no_function_longer_than_40_lines(path):
    tree = ast.parse(path.read_text(encoding="utf-8"))
    long = [f"{node.name} ({node.end_lineno - node.lineno + 1} lines)" for node in ast.walk(tree)
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)) and node.end_lineno - node.lineno + 1 > MAX_LINES]
    assert not long, ", ".join(long)
