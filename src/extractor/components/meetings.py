"""PLACEHOLDER: replaced by the real component."""
from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc


@Language.factory("extractor_meetings")
def make_meetings(nlp: Language, name: str):
    def component(doc: Doc) -> Doc:
        doc._.meetings = []
        return doc

    return component
