"""The gazetteer's disk cache: JSON data, checked on load, rebuilt over when damaged, never executed."""
from __future__ import annotations

import json
import pickle

import pytest

from extractor.components import gazetteer

SMALL = gazetteer.GazetteerData(
    gpe={"Oslo": "Norway", "Lapland": None}, loc={"Europe"}, features={"River"}, demonyms={"Norwegian": "Norway"},
    demonym_first={"Norwegian": 1}, addable={"Oslo": "Norway"}, titles={("prime", "minister")},
    institution_words={"Bank"},
)


@pytest.fixture()
def cache(tmp_path, monkeypatch):
    """An empty cache folder, and a build that is cheap and counted."""
    monkeypatch.setenv("EXTRACTOR_CACHE_DIR", str(tmp_path))
    builds = []
    monkeypatch.setattr(gazetteer, "build_gazetteer_data", lambda: builds.append(1) or SMALL)
    gazetteer.gazetteer_data.cache_clear()
    yield gazetteer._cache_path(), builds
    gazetteer.gazetteer_data.cache_clear()


def load_fresh() -> gazetteer.GazetteerData:
    gazetteer.gazetteer_data.cache_clear()
    return gazetteer.gazetteer_data()


def test_cache_round_trips_every_field(cache):
    path, builds = cache
    assert load_fresh() == SMALL and path.suffix == ".json"
    assert load_fresh() == SMALL and builds == [1], "the second start reads the cache"
    assert json.loads(path.read_text(encoding="utf-8"))["format"] == gazetteer.CACHE_FORMAT


@pytest.mark.parametrize("damage", [
    b"",
    b"\x00\xff garbage",
    b'{"format": "extractor-gazetteer/1"',  # cut short
    b"[1, 2, 3]",
    lambda raw: {**raw, "gpe": {"Oslo": 7}},  # a wrong type inside a field
    lambda raw: {**raw, "titles": ["prime minister"]},  # a phrase that is not a list of words
    lambda raw: {k: v for k, v in raw.items() if k != "loc"},  # a field missing
    lambda raw: {**raw, "format": "extractor-gazetteer/0"},
])
def test_damaged_cache_is_rebuilt_and_rewritten(cache, damage):
    path, builds = cache
    load_fresh()
    raw = json.loads(path.read_text(encoding="utf-8"))
    path.write_bytes(damage if isinstance(damage, bytes) else json.dumps(damage(raw)).encode())
    assert load_fresh() == SMALL and builds == [1, 1]
    assert json.loads(path.read_text(encoding="utf-8")) == raw, "the damaged file was replaced"


class _Boom:
    def __reduce__(self):
        return (exec, ("raise SystemExit('pickle executed')",))


def test_a_planted_pickle_is_never_executed(cache):
    path, builds = cache
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(pickle.dumps(_Boom()))
    assert load_fresh() == SMALL and builds == [1]


@pytest.fixture()
def matcher_cache(tmp_path, monkeypatch, nlp):
    """An empty cache folder; tokenising the matcher's patterns is counted."""
    monkeypatch.setenv("EXTRACTOR_CACHE_DIR", str(tmp_path))
    calls = []
    real = gazetteer.tokenised_patterns
    monkeypatch.setattr(gazetteer, "tokenised_patterns", lambda *a: calls.append(1) or real(*a))
    yield tmp_path, calls


def test_the_matcher_patterns_are_read_from_the_cache_not_tokenised_again(matcher_cache, nlp):
    folder, calls = matcher_cache
    data = gazetteer.gazetteer_data()
    first = gazetteer.matcher_patterns(nlp, data)
    assert gazetteer.matcher_patterns(nlp, data) == first and calls == [1]
    assert first == gazetteer.tokenised_patterns(nlp, data)
    assert ["New", "York"] in first["GPE"] and ["MOSCOW"] in first["GPE"]
    [path] = folder.glob("gazetteer-matcher-*.json")
    path.write_text(json.dumps({**json.loads(path.read_text(encoding="utf-8")), "GPE": [["New", 7]]}))
    assert gazetteer.matcher_patterns(nlp, data) == first and len(calls) == 3, "a damaged cache is rebuilt"
    assert json.loads(path.read_text(encoding="utf-8"))["GPE"] == first["GPE"]


def test_the_matcher_built_from_cached_words_finds_what_the_tokenised_one_finds(matcher_cache, nlp):
    from spacy.matcher import PhraseMatcher

    data = gazetteer.gazetteer_data()
    text = "MOSCOW — Talks in New York and Addis Ababa, then Sao Paulo; the UNITED NATIONS and Tokyo's mayor."
    doc = nlp.make_doc(text)
    cached = nlp.get_pipe("extractor_gazetteer").matcher(doc)
    tokenised = PhraseMatcher(nlp.vocab, attr="ORTH")
    names = sorted(data.addable)
    tokenised.add("GPE", list(nlp.tokenizer.pipe(names + [n.upper() for n in names if len(n) > 3 and not n.isupper()])))
    tokenised.add("ORG", list(nlp.tokenizer.pipe(gazetteer.wordlists.lines("organisations.txt"))))
    assert cached == tokenised(doc) and len(cached) >= 4


def test_the_matcher_takes_its_patterns_as_keys_making_no_doc_or_lexeme():
    """Restored the way a pickled PhraseMatcher is: 3,200 names add no lexeme to the vocabulary."""
    import spacy

    from extractor.locate import default_model_path

    fresh = spacy.load(default_model_path())
    before = len(fresh.vocab)
    matcher = gazetteer.Gazetteer(fresh, "extractor_gazetteer").matcher
    assert len(fresh.vocab) - before < 500, "the title scanner's few hundred words only, no lexeme per name"
    doc = fresh.make_doc("Talks in MOSCOW and Addis Ababa.")
    assert [doc[s:e].text for _, s, e in matcher(doc)] == ["MOSCOW", "Addis Ababa"]
