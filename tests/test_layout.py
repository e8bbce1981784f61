"""The layout's header test, read by bisection over merged header lines."""
from __future__ import annotations

import pytest

from extractor.layout import Layout


@pytest.mark.parametrize("header", [
    [],
    [(0, 10)],
    [(0, 10), (10, 20), (40, 45)],  # touching lines, then one further on
    [(30, 40), (0, 12), (5, 8), (11, 15)],  # unsorted, nested and overlapping
    [(3, 3), (7, 9)],  # an empty line
])
def test_a_character_is_in_the_header_when_a_header_line_holds_it(header):
    layout = Layout(header=header, body_start=0)
    for char in range(-2, 60):
        assert layout.in_header(char) == any(a <= char < b for a, b in header), char


def test_references_come_in_the_order_of_their_heads(nlp):
    from extractor.components.mentions import references_by_head

    doc = nlp("Ida Berg met Jonas Lie in Oslo. She said he and the minister would return; they agreed.")
    refs, heads = references_by_head(doc)
    assert sorted(doc._.references, key=lambda r: r.head) == refs and heads == sorted(heads) == [r.head for r in refs]
    assert references_by_head(nlp("Ida Berg spoke."))[0] != refs  # read again for another Doc
