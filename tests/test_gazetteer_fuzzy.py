"""The bulk fuzzy stage must score exactly like the plain per-name algorithm it replaced."""

from __future__ import annotations

import random
from collections.abc import Collection

import pytest
from rapidfuzz import fuzz, process

from syriamap import gazetteer as gz_module
from syriamap._index import NameIndex, skeleton
from syriamap._query import (
    SHARED_WORD_KEYS,
    _qualifier,
    _specific,
    feature_clash,
    feature_words,
    lacks_name_head,
    number_clash,
    numbers_of,
    only_generic,
)
from syriamap.gazetteer import Gazetteer
from syriamap.names import fold, normalize


def _word_keys(index: NameIndex) -> dict[str, list[str]]:
    """Map the skeleton of every word of four letters or more to the keys that have it."""
    by_word: dict[str, list[str]] = {}
    for k in index.exact:
        for tok in set(k.split()):
            if len(tok) >= 4:
                by_word.setdefault(skeleton(tok), []).append(k)
    return by_word


def _shared_word_keys(gz: Gazetteer, key: str, qfold: str, found: Collection[str]) -> list[str]:
    """The shared-word candidate keys of one name, one word at a time."""
    if len(key.split()) < 2:
        return []
    qualifiers = [w for w in qfold.split() if _qualifier(w, leading=True) is not None]
    names = [w for w in _specific(qfold).split() if w not in qualifiers]
    by_word = _word_keys(gz._index)
    for words in (names, qualifiers):
        shared: set[str] = set()
        for w in normalize(" ".join(words)).split():
            if len(w) >= 4:
                shared.update(by_word.get(skeleton(w), ()))
        shared.difference_update(found)
        if shared:
            return sorted(shared)[:SHARED_WORD_KEYS]
    return []


def _fuzzy_candidates(gz: Gazetteer, key: str, qfold: str) -> list[tuple[str, float]]:
    """The keys the fuzzy stage scores for one name, best first, one name at a time."""
    found = dict(gz._index.fuzzy(key, limit=30, cutoff=70.0))
    cands = _shared_word_keys(gz, key, qfold, found.keys())
    if cands:
        for k, score, _ in process.extract(
            key, cands, scorer=fuzz.ratio, limit=30, score_cutoff=70.0
        ):
            found[k] = float(score)
    return sorted(found.items(), key=lambda t: -t[1])


def reference_fuzzy(
    gz: Gazetteer, key: str, qfold: str
) -> list[tuple[tuple[int, str, str], float]]:
    """The per-name fuzzy stage: candidate keys, extract, a ratio per entry, one at a time."""
    best: dict[int, tuple[float, tuple[int, str, str]]] = {}
    multi = " " in qfold  # (the word rules below read names of several words)
    if multi and only_generic(qfold):
        return []  # "National Hospital" names no place
    features = feature_words(qfold) if multi else frozenset()
    numbers = numbers_of(qfold) if multi else frozenset()
    qspecific = _specific(qfold)
    short = len(qfold.replace(" ", "")) <= 5
    accept = gz_module.FUZZY_ACCEPT_SHORT if short else gz_module.FUZZY_ACCEPT
    compact = key.replace(" ", "")
    qspecific_key = ""
    for k, kscore in _fuzzy_candidates(gz, key, qfold):
        gap = abs(len(k.replace(" ", "")) - len(compact)) if len(compact) <= 8 else 0
        if gap > 2:
            continue
        bar = accept if gap < 2 else max(accept, gz_module.FUZZY_ACCEPT_GAP)
        needed = 2.0 * bar - kscore
        for entry in gz._index.exact[k]:
            sim = fuzz.ratio(qfold, entry[2], score_cutoff=max(needed, 0.0))
            if sim < needed:
                continue
            sc = (kscore + sim) / 2.0
            i = entry[0]
            if sc < accept or (i in best and sc <= best[i][0]):
                continue
            if feature_clash(features, entry[2]) or number_clash(numbers, entry[2]):
                continue  # "Euphrates valley" is not "Euphrates Lake", "Brigade 104" not 137
            if qspecific != qfold and qspecific and lacks_name_head(qfold, entry[2]):
                continue  # "Umm al-Mayadin" is not al-Mayadin
            especific = _specific(entry[2])
            generic_words = qspecific != qfold and especific != entry[2] and qspecific and especific
            if generic_words and fuzz.ratio(qspecific, especific) < gz_module.FUZZY_SPECIFIC:
                qspecific_key = qspecific_key or normalize(qspecific)
                especific_key = normalize(especific)
                if fuzz.ratio(
                    qspecific_key, especific_key
                ) < gz_module.FUZZY_SPECIFIC or gz_module._first_consonant(
                    qspecific_key
                ) != gz_module._first_consonant(especific_key):
                    continue
            best[i] = (sc, entry)
    found = [(entry, sc) for sc, entry in best.values()]
    found.sort(key=lambda t: -t[1])
    return found


def typo(name: str, rng: random.Random) -> str:
    i = rng.randrange(1, max(2, len(name) - 1))
    op = rng.choice(["sub", "del", "ins", "swap"])
    letter = rng.choice("bdfghklmnrstz")
    if op == "sub":
        return name[:i] + letter + name[i + 1 :]
    if op == "del":
        return name[:i] + name[i + 1 :]
    if op == "ins":
        return name[:i] + letter + name[i:]
    return name[:i] + name[i + 1 : i + 2] + name[i : i + 1] + name[i + 2 :]


@pytest.fixture(scope="module")
def gz() -> Gazetteer:
    return Gazetteer.default()


def test_bulk_fuzzy_stage_equals_the_per_name_algorithm(gz: Gazetteer) -> None:
    rng = random.Random(7)
    names = [p.name for p in rng.sample(gz.places, 1500)] + ["Xyzzyqwv", "Dayr", "Qamishlo"]
    names += ["Sheikh Maqsoud", "Nahiyat Sheikh Badr", "Khirbet el Ghazale", "Tal Abyad"]
    queries = [typo(n, rng) for n in names]
    targets = list(dict.fromkeys((normalize(q), fold(q)) for q in queries))
    targets = [t for t in targets if len(t[0].replace(" ", "")) >= 4]
    bulk = gz._fuzzy_stage(targets)[0]
    assert len(bulk) == len(targets)
    assert sum(map(bool, bulk)) > len(targets) // 3  # the typos are mostly found
    for (key, qfold), got in zip(targets, bulk, strict=True):
        assert got == reference_fuzzy(gz, key, qfold), (key, qfold)
    assert gz._fuzzy_stage([])[0] == []


def test_close_keys_of_the_fuzzy_stage_are_the_ones_suggestions_start_from(
    gz: Gazetteer,
) -> None:
    # lookup_many suggests names from the candidate keys its fuzzy stage scored; they must
    # be those NameIndex.fuzzy finds for a suggestion, in the same order
    rng = random.Random(11)
    queries = [typo(typo(p.name, rng), rng) for p in rng.sample(gz.places, 600)]
    targets = list(dict.fromkeys((normalize(q), fold(q)) for q in queries))
    targets = [t for t in targets if len(t[0].replace(" ", "")) >= 4]
    _, close = gz._fuzzy_stage(targets)
    limit = gz_module._search_keys(gz_module.SUGGESTIONS + 2)  # what _suggest asks search for
    assert limit == gz_module.SUGGEST_KEYS
    assert len(close) == len(targets)
    for t, (key, _) in enumerate(targets):
        assert close.of(t) == gz._index.fuzzy(key, limit=limit, cutoff=gz_module.SUGGEST_MIN), key
    assert sum(bool(close.of(t)) for t in range(len(targets))) > len(targets) // 2


def test_suggestions_in_a_column_reuse_the_fuzzy_stage(
    gz: Gazetteer, monkeypatch: pytest.MonkeyPatch
) -> None:
    # names not found get their suggestions without scoring their candidate keys again
    names = ["Xyzzyqwv", "Qamishloxx Dgrv", "Palmyrra", "Tal Abiyadh"]
    expected = gz.lookup_many(names).attrs["report"]
    calls: list[str] = []
    original = type(gz._index).fuzzy

    def counting(self: object, key: str, **kw: object) -> object:
        calls.append(key)
        return original(self, key, **kw)  # type: ignore[arg-type]

    monkeypatch.setattr(type(gz._index), "fuzzy", counting)
    gz._memo.clear()
    report = gz.lookup_many(names).attrs["report"]
    assert not calls
    assert report["suggestions"].tolist() == expected["suggestions"].tolist()
    assert any(report["suggestions"].tolist())  # (some name was not found, with suggestions)
