"""The bulk name functions give exactly what the per-name ones give.

``normalize_many``, ``fold_many`` and ``normalize_fold_many`` key many names in a few passes
over one text (some passes with numpy on long texts);
:func:`normalize` and :func:`fold` key one name.  They must agree on every name.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from unittest import mock

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from syriamap import names as names_module
from syriamap.names import fold, fold_many, normalize, normalize_fold_many, normalize_many

TRICKY = [
    "",
    " ",
    "  Deir ez-Zor  ",
    "\tHoms\n",
    "the",
    "The Base",
    "al",
    "al-al",
    "دَيْرُ الزُّورِ",
    "حلـــب",
    "الحسكة",
    "ال",
    "الل",
    "اللاذقية",
    "أبو كمال",
    "مؤتة",
    "İstanbul",
    "Iğdır",
    "Dêrik",
    "Çiya",
    "Qamişlo",
    "Raʿs al-ʿAyn",
    "Ra’s al-‘Ayn",
    "Ra's al-'Ayn",
    "`Ayn",
    "Tell 12",
    "M5",
    "Ezzor",
    "Daraia",
    "Houash",
    "Albu Kamal",
    "Kfar Nabl",
    "Sheik Miskin",
    "Tel Abyad",
    "aiia",
    "ayy",
    "yb",
    "ssh",
    "kkh",
    "x_y",
    "a  --  b",
    "soft\u00adhyphen",
    "new\nline",
    "ΣΑΣ",
    "ﻻ",
    "ﬁ ² ½",
    "\ud800",
]

_LATIN = "abcdefghijklmnopqrstuvwxyzAEIOUY" + "āáàâäãåçčéèêëēğıİíîïīñóôöōøşšúûüūýžḥḩṣṭẓḑ"
_ARABIC = "".join(chr(c) for c in range(0x621, 0x64B)) + "\u064e\u064f\u0650\u0651\u0652\u0640"
_FRAGMENTS = ["al-", "el ", "ash-", "the ", "ال", "sh", "kh", "ch", "q", "ett", "ah ", "ii", "uu"]
_ONE = st.one_of(
    st.sampled_from(_LATIN),
    st.sampled_from(_ARABIC),
    st.sampled_from(" -'’ʿ`_0123456789\n"),
    st.sampled_from(_FRAGMENTS),
)
names_text = st.lists(_ONE, max_size=20).map("".join)


@contextmanager
def _numpy(on: bool) -> Iterator[None]:
    """Make the bulk functions use numpy (``on``) or only regexes, whatever the length."""
    limit = 0 if on else 10**12
    with mock.patch.object(names_module, "_NUMPY_CHARS", limit):
        yield


def _check(names: list[str]) -> None:
    keys, folds = normalize_fold_many(names)
    assert keys == [normalize(n) for n in names]
    assert folds == [fold(n) for n in names]
    assert normalize_many(names) == keys
    assert fold_many(names) == folds


@pytest.fixture(scope="module")
def gazetteer_names() -> list[str]:
    from syriamap.gazetteer import Gazetteer

    seen: dict[str, None] = {}
    for place in Gazetteer.default().places:
        for name in (place.name, *place.aliases, place.name_ar):
            if name:
                seen[name] = None
    return list(seen)


@pytest.mark.parametrize("use_numpy", [True, False])
def test_bulk_equals_single_on_gazetteer_names(gazetteer_names: list[str], use_numpy: bool) -> None:
    assert len(gazetteer_names) > 10_000
    with _numpy(use_numpy):
        _check(gazetteer_names)


def test_bulk_equals_single_on_gazetteer_names_in_small_batches(
    gazetteer_names: list[str],
) -> None:
    for i in range(0, len(gazetteer_names), 4000):
        batch = gazetteer_names[i : i + 7]
        _check(batch)


@pytest.mark.parametrize("use_numpy", [True, False])
def test_bulk_equals_single_on_tricky_names(use_numpy: bool) -> None:
    with _numpy(use_numpy):
        _check(TRICKY)
        for name in TRICKY:
            _check([name])


@settings(max_examples=300, deadline=None)
@given(st.lists(names_text, max_size=12), st.booleans())
@example(["al", "", "al-Bab", ""], True)
@example(["aiia ayy", "اللل", "ssh kkh"], True)
def test_bulk_equals_single_on_random_names(names: list[str], use_numpy: bool) -> None:
    with _numpy(use_numpy):
        _check(names)


def test_bulk_accepts_any_sequence_and_empty() -> None:
    names = ["Deir ez-Zor", "Dayr az-Zawr"]
    assert normalize_fold_many(tuple(names)) == normalize_fold_many(names)  # type: ignore[arg-type]
    assert normalize_many([]) == []
    assert fold_many([]) == []
    assert normalize_fold_many([]) == ([], [])
    assert normalize_many([""]) == [""]


def test_long_batch_uses_numpy_path_and_agrees() -> None:
    names = [f"{n} {i}" for i, n in enumerate(["Tall Abbas", "Ezzor", "Raqqa", "اللاذقية"] * 500)]
    assert len("\n".join(names)) > names_module._NUMPY_CHARS
    _check(names)


def _joined(a: tuple[str, str], b: tuple[str, str]) -> tuple[str, str]:
    """The (key, fold) ``_prepare_many`` gives "x y" from those of x and y."""
    (ka, fa), (kb, fb) = a, b
    return (f"{ka} {kb}" if ka and kb else ka or kb, f"{fa} {fb}" if fa and fb else fa or fb)


def _check_joins(pairs: list[tuple[str, str]]) -> None:
    parts = [x for pair in pairs for x in pair]
    keyed = dict(zip(parts, zip(*normalize_fold_many(parts), strict=True), strict=True))
    keys, folds = normalize_fold_many([f"{a} {b}" for a, b in pairs])
    joined = [_joined(keyed[a], keyed[b]) for a, b in pairs]
    assert list(zip(keys, folds, strict=True)) == joined


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(names_text, names_text), max_size=12), st.booleans())
@example(
    [("ΣΑΣ", "camp"), ("nahiyat", "ΣΑΣ"), ("al", "al"), ("ﬁ", "²"), ("x\u0301", "\u0301y")], True
)
def test_keys_of_names_a_space_apart_are_their_keys_joined(
    pairs: list[tuple[str, str]], use_numpy: bool
) -> None:
    # _prepare_many keys "nahiyat X" and "X refugee camp" this way: no rule looks past a space
    with _numpy(use_numpy):
        _check_joins(pairs)


def test_keys_of_tricky_names_a_space_apart_are_their_keys_joined() -> None:
    _check_joins([(a, b) for a in TRICKY for b in TRICKY])
