"""The offline gazetteer: resolve place names as news writes them.

>>> from syriamap import Gazetteer
>>> gz = Gazetteer.default()
>>> gz.lookup("Deir ez-Zor").id == gz.lookup("دير الزور").id
True
>>> gz.lookup("al-Tanf").kind
'base'

``lookup`` returns exactly one :class:`~syriamap.place.Place` or raises
(:class:`~syriamap.errors.PlaceNotFoundError` with suggestions,
:class:`~syriamap.errors.AmbiguousPlaceError` with the candidates,
:class:`~syriamap.errors.PlaceNotLocatedError` for a known place without a sourced point);
``search`` returns ranked :class:`Match` objects; ``lookup_many`` resolves a whole column.

Matching: the exact key (:func:`syriamap.names.normalize`: transliteration, articles,
Arabic script, Kurdish letters), then the name without a qualifier ("Hasakah governorate",
"Yarmouk refugee camp", misspelt qualifiers too), then attached-article forms ("Alhasakah",
"Bukamal"), then a fuzzy stage over an index of consonant skeletons and their one-letter
deletions (typos, dropped or doubled letters), scored with rapidfuzz on candidates only.
A fuzzy match must also be close in its distinctive words ("Khirbet Xyz" is not
"Khirbet Luz"), and outside Syria close in spelling, so that a misspelt Syrian village
missing from the gazetteer does not land on a foreign one.  When only foreign places share
a name's exact key and none is spelled as written, a Syrian place that the later stages find
with a score of :data:`AMBIGUITY_OVERRIDE` or more wins over their ambiguity.

Columns (``lookup_many``) give the same answers as ``lookup``, name for name, but in bulk:
every distinct name is keyed in one pass; an exact key is resolved by its *plan* (what
``lookup`` decides for that key whatever the spelling, made once per key and kept); the
other spellings of the names left (qualifiers, variants, fuzzy targets) are keyed
together; and the fuzzy stage of all names that reach it scores their candidate keys and
spellings in a few :func:`rapidfuzz.process.cpdist` calls.

Operating point (``benchmarks/bench_lookup.py``, which prints each rule set side by side):
the gazetteer cannot know a name it lacks, so a Syrian village missing from it can land on
a namesake.  Measured on 150 Syrian villages removed from the data (as written and
perturbed), 15 % of look-ups still return a wrong place (10 % the admin unit of that name,
3 % abroad, 2 % another Syrian place; 25 % before admin units stopped giving way to places
abroad and the curated layer gained missing towns, 27 % before these rules; about half are
exact spellings of a real namesake, which no spelling rule can refuse), while perturbed
known names resolve at 97.4 % of distinct names (as the gazetteer grew, the benchmark drew other
names: the figures of each version are in its closing notes; 96.6 % before the qualifier,
"-iah", shared-word and two-letter-gap rules, which left the wrong share on missing names
unchanged).
Inexact matches abroad need a similarity of 60 / 70 / 80 to the name matched (places of
100,000+ / 10,000+ / fewer people; :data:`LOOSE_ABROAD`; a name written in letters only
Turkish uses, ``ğ ı İ``, needs 70 for a place in Turkey: :data:`LOOSE_TURKISH`); an
Arabic-script alternate name of a small place in Turkey or Israel needs ``country=``
(:data:`ALIAS_ABROAD_POP`); a foreign place matched only by an alternate name gives way to
a Syrian place of that name ("Ariha" is the Idlib town, not Jericho).  Measured and not
kept, for the accuracy they cost: 70 / 80 / 85 (23 % wrong, known names 96.6 %);
comparing an inexact spelling with the place's own name rather than the name matched
(about 20 % wrong, 77-89 %); refusing every alternate name of a small foreign place
(82-91 %); a 5-point margin between the best fuzzy place and the next
(:data:`FUZZY_MARGIN`) or first-consonant agreement (:data:`FUZZY_FIRST_CONSONANT`), each
under one point fewer wrong answers for 0.3-0.9 points of accuracy.  ``country=`` lifts
the abroad rules.

Ranking, in order:

1. a qualifier in the name narrows the kind ("Hasakah governorate", "Raqqa city",
   "Idlib countryside", "Manbij countryside": the district), and ``country=`` /
   ``kind=`` narrow explicitly; words around a place ("Raqqa area", "outskirts of
   Raqqa") leave the place; the name before a qualifier spelled exactly beats a whole
   name that only keys alike ("Qara town" is Qara, not Al Qaryatayn's "Kariatein");
2. without a qualifier a country spelled as such is preferred, and an administrative
   unit gives way to a settlement or site of its name in its governorate (or within its
   radius), or else to a larger unit of its name (a bare town name means the town), which
   takes the unit's spellings; not to a place abroad (the Nasra subdistrict is not
   Nasiriyah in Iraq);
3. among what is left, the user's own places, then curated sites, then administrative
   units, then GeoNames; candidates in one country within 10 km (or their precision) of a
   better-ranked one are the same place under several sources;
4. genuinely different places that remain tied raise ``AmbiguousPlaceError`` unless one
   spelling matches exactly where the others only match phonetically, only one is a
   curated site, only one is in Syria (when none is spelled exactly), one is spelled
   clearly closer, or one is a large city and the others small villages;
   ``near=(lon, lat)`` picks the closest.
"""

from __future__ import annotations

import math
import re
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from functools import cache
from os import PathLike
from typing import TYPE_CHECKING, Any, NamedTuple, Protocol, TypeVar

import numpy as np
from rapidfuzz import fuzz, process

from syriamap import _data
from syriamap._country import country_code, country_in_name
from syriamap._index import NameIndex, skeleton
from syriamap._query import (
    _QUALIFIERS,
    _fold_word,
    _hint_names,
    _shared_word_keys_many,
    _specific,
    _strip_qualifiers,
    _variants,
    _without_article_slips,
    _words_of,
    feature_clash,
    feature_words,
    fold_by_words,
    lacks_name_head,
    number_clash,
    numbers_of,
    only_generic,
    prefold_words,
    prescore_words,
    site_word_keys,
)
from syriamap._rank import (
    ADMIN_KINDS,
    ARABIC_SPEAKING,
    SOURCE_PRIORITY,
    OwnNames,
    _break_tie,
    _distance_m,
    _distinct_places,
    _inside,
    _name_part,
    _nearest_first,
    _own_folds,
    generic_town_name,
    give_way,
    with_points,
)
from syriamap.errors import (
    AmbiguousPlaceError,
    ArgumentTypeError,
    CoordinateTypeError,
    GenericNameError,
    InvalidArgumentError,
    InvalidCoordinateError,
    PlaceNotFoundError,
    PlaceNotLocatedError,
    SyriamapError,
)
from syriamap.names import (
    article_generic,
    fold,
    is_generic_fold,
    normalize,
    normalize_fold_many,
    normalize_many,
    validate_name,
)
from syriamap.place import ADMIN_FIELDS, KINDS, Place

if TYPE_CHECKING:
    import geopandas as gpd

__all__ = ["AdminArea", "Gazetteer", "Geocoder", "Match", "admin_area", "lookup"]

#: Least similarity (0-100) of the lightly folded spellings for an inexact match (equal only
#: after transliteration folding, or fuzzy) to be accepted outside Syria without ``country=``,
#: by population: a Syrian name missing from the gazetteer must not land on a foreign
#: look-alike.  (50, 60, 70) before; see the module docstring for the trade-off measured.
LOOSE_ABROAD = ((100_000, 60.0), (10_000, 70.0), (0, 80.0))
#: ... and, for an alternate name (not the place's own) of a place of fewer people than
#: the first number, at least the second.  Kept at the villages' bar (so it adds nothing
#: by default; the benchmark's rule sets raise it): 85 would have refused "Nairab" before
#: the gazetteer knew al-Nayrab in Idlib (Nira, an alternate name of Bet Yitshaq in Israel,
#: scores 80), but costs 0.5 points of accuracy on known names for 0.7 fewer wrong answers
#: in 100 on missing villages (``benchmarks/bench_lookup.py``, rule sets).
LOOSE_ABROAD_ALTERNATE = (10_000, 80.0)
#: A place in a country where Arabic is not spoken, with fewer people than this, is not
#: matched by an Arabic-script alternate name without ``country=`` (GeoNames gives many
#: Turkish and Israeli villages Arabic names that Syrian villages also bear).
ALIAS_ABROAD_POP = 50_000
#: Least similarity (0-100) of an inexact match in Turkey for a name written with letters
#: that only Turkish spelling uses (``ğ``, dotless ``ı``, dotted ``İ``): such a name is
#: a Turkish place's, not a Syrian name missing from the gazetteer, so it is held to a
#: town's bar, not a village's ("Doğantapa" is Doğantepe).  Syrian places' Turkish names
#: ("Kamışlı", "Çobanbey") are in the gazetteer and resolve before this is asked.
LOOSE_TURKISH = 70.0
_TURKISH_ONLY = re.compile("[ğĞıİ]")
_ARABIC = re.compile(r"[\u0600-\u06ff]")
#: Least similarity (0-100) of the distinctive (non-generic) words for a fuzzy match, as
#: spelled or as keys; as keys only, they must also begin with the same consonant ("Jabal
#: Ghurab", keyed "jabal garab", is not "Jabal al-Arab" though "garab" and "arab" score 89).
FUZZY_SPECIFIC = 70.0
#: A fallback geocoder's place farther than this (plus its precision) from ``near=`` is
#: refused, in metres: the caller said where the place should be.
FALLBACK_NEAR_M = 100_000.0
#: A fuzzy match is refused when a different place scores within this many points of the
#: best (0-100; 2 or less: only exact ties count).
FUZZY_MARGIN = 0.0
#: A fuzzy match must start with the same consonant as the query (``kh`` and ``h`` alike).
FUZZY_FIRST_CONSONANT = False
#: Most look-up results memoised per gazetteer.
MEMO_SIZE = 200_000
#: Lowest fuzzy score ``lookup`` accepts without an exact key match.
FUZZY_ACCEPT = 80.0
#: ... and for names of five letters or fewer.
FUZZY_ACCEPT_SHORT = 85.0
#: Least score of a Syrian place found after an exact key that only foreign places share,
#: none spelled as the query, to be preferred to their ambiguity.
AMBIGUITY_OVERRIDE = 90.0
#: ... and for a key of eight letters or fewer matched by one two letters longer or shorter
#: (more is never accepted): "Lanodicée" for "Laodicée" scores 89.9, "Sarmada" for
#: "Samad" 83.3.  Before, never (a Syrian name missing from the gazetteer: no more wrong
#: answers at 88 or 87 on three samples, more at 85).
FUZZY_ACCEPT_GAP = 88.0

#: Score ``search`` gives a site named after the query (its name and only qualifiers or
#: generic words, :meth:`NameIndex.containing`): below an exact name, above loose typos
CONTAINING_SCORE = 88.0
#: Close names suggested for a name not found ...
SUGGESTIONS = 5
#: ... starting from its candidate keys scoring this much or more (0-100) ...
SUGGEST_MIN = 55.0


def _search_keys(limit: int) -> int:
    """How many candidate keys ``search`` takes for ``limit`` matches."""
    return max(limit * 3, 20)


#: ... the best this many of them (what ``search`` takes for the suggestions, two spare)
SUGGEST_KEYS = _search_keys(SUGGESTIONS + 2)
#: Pairs of spellings scored in one batch from which rapidfuzz uses every core (smaller
#: batches take longer to hand out to threads than to score)
PARALLEL_PAIRS = 10_000


@dataclass(frozen=True, slots=True)
class Match:
    """One ranked result of :meth:`Gazetteer.search`.

    Attributes
    ----------
    place : Place
        The place matched.
    score : float
        0-100: 100 when the spelling matches exactly (ignoring case, diacritics and
        articles), 97 when it matches after transliteration folding, lower for fuzzy matches.
    matched : str
        The name or alias of the place that matched.
    query : str
        The name as given.

    Examples
    --------
    >>> best = Gazetteer.default().search("Dair Ezzor", limit=3)
    >>> [(m.place.kind, m.score, m.matched) for m in best]  # doctest: +NORMALIZE_WHITESPACE
    [('city', 97.0, 'Deir ez-Zor'),
     ('governorate', 97.0, 'Deir ez-Zor'),
     ('district', 97.0, 'Deir ez-Zor')]
    """

    place: Place
    score: float
    matched: str
    query: str


@dataclass(frozen=True, slots=True)
class AdminArea:
    """Administrative area of a point (see :meth:`Gazetteer.admin_area`).

    For points in Syria ``admin1`` is the governorate (by polygon), ``admin2`` and
    ``admin3`` the district and subdistrict: the one named after the town the point lies
    in, else the one whose representative centroid is nearest within that governorate,
    distance counted in units of each subdistrict's size (the shipped data has no
    district polygons, so near a boundary they may be the neighbouring unit).  For points
    in a neighbouring country ``admin1`` is its first-level division and ``admin1_pcode``
    the ISO 3166-2 code.

    Attributes
    ----------
    country : str or None
        ISO 3166-1 alpha-2 code of the country whose polygon holds the point.
    admin1, admin1_pcode, admin2, admin2_pcode, admin3, admin3_pcode : str or None
        Names and codes (OCHA P-codes in Syria).

    Examples
    --------
    >>> area = admin_area(40.14084, 35.33588)  # (lon, lat) of Deir ez-Zor city
    >>> area.country, area.admin1, area.admin1_pcode, area.admin3_pcode
    ('SY', 'Deir ez-Zor', 'SY09', 'SY090100')
    """

    country: str | None
    admin1: str | None = None
    admin1_pcode: str | None = None
    admin2: str | None = None
    admin2_pcode: str | None = None
    admin3: str | None = None
    admin3_pcode: str | None = None


class Geocoder(Protocol):
    """Anything with ``geocode(name) -> Place`` (see :meth:`Gazetteer.with_fallback`)."""

    def geocode(self, name: str) -> Place | None:
        """Return the place for ``name`` (``None`` or raise when nothing is found)."""
        ...


@dataclass(slots=True)
class _Result:
    """Internal result of resolving one name."""

    place: Place
    matched: str
    score: float
    #: found at the exact-key stage, so the same for every name with that key and fold
    #: (later stages read the name as written: its qualifiers, its words)
    exact: bool = False


class _Plan(NamedTuple):
    """How an exact key resolves, whatever the query's spelling (see ``Gazetteer._plans``)."""

    place: int  # the one place (index) the key stands for, or -1 when several may be
    entries: list[tuple[int, str, str]]  # index entries: that place's, or all the key's
    ranked: list[int] | None  # several places: their ranking (None: ask _choose)
    closest: bool  # one place among several: report its alias spelled most like the query
    spellings: dict[str, str]  # the one place's alias folds -> alias (the first of each)
    in_syria: bool  # the one place is in Syria and located: no further check
    #: several places: those ranking (``_rank._break_tie``) considers first (the located
    #: ones, all when none is), each with its spellings as ``spellings``: a query spelled
    #: exactly like only one of them, among two or more, needs no ranking
    spelled: tuple[tuple[int, dict[str, str]], ...] = ()


class _CloseKeys:
    """The keys close to each of many targets (see ``Gazetteer._fuzzy_stage``).

    Listed only when asked for: most names never need suggestions.
    """

    __slots__ = ("_bounds", "_keys", "_scores")

    def __init__(self, keys: np.ndarray, scores: np.ndarray, bounds: list[int]) -> None:
        self._keys, self._scores, self._bounds = keys, scores, bounds

    def __len__(self) -> int:
        return len(self._bounds) - 1

    def of(self, target: int) -> list[tuple[str, float]]:
        """Return target ``target``'s close keys, ``(key, score)``, best first."""
        a, b = self._bounds[target], self._bounds[target + 1]
        return list(zip(self._keys[a:b].tolist(), self._scores[a:b].tolist(), strict=True))


_E = TypeVar("_E", bound=BaseException)


def _untraced(exc: _E) -> _E:
    """Return ``exc`` without its traceback, to be kept and raised later.

    Kept with its traceback, a caught exception references the frame that caught it, which
    references the exception: a cycle that keeps every frame of the call stack (and a whole
    column's work in ``lookup_many``) alive until the garbage collector's next full pass.
    """
    return exc.with_traceback(None)


class _FuzzyDeferredError(Exception):
    """Raised by lookup when its fuzzy stage is deferred (:attr:`_Prepared.defer_fuzzy`)."""


@dataclass(slots=True)
class _Prepared:
    """What lookup tries after the exact key, for one name, with every key computed."""

    text: str  # the name
    core: str  # the name without its qualifier
    hint: frozenset[str] | None  # kinds the qualifier stands for
    generic_core: bool  # a qualifier around only generic words ("the camp")
    tries: list[str]  # qualified spellings, then the core ("X crossing", "X")
    base: str  # the core, or the name when it has no qualifier
    variants: list[str]  # attached-article and Abu spellings of the base
    targets: list[str]  # names for the fuzzy stage
    keyed: dict[str, tuple[str, str]]  # normalize() and fold() of each string above
    #: the fuzzy stage's entries for the targets' (key, fold) (``Gazetteer._fuzzy_stage``)
    fuzzy: dict[tuple[str, str], list[tuple[tuple[int, str, str], float]]] = field(
        default_factory=dict
    )
    #: the keys close to each target's key that suggestions start from (see
    #: ``Gazetteer._fuzzy_stage``), by target key, where computed with ``fuzzy``
    close: dict[str, tuple[_CloseKeys, int]] = field(default_factory=dict)
    #: raise :class:`_FuzzyDeferredError` at the fuzzy stage instead (``lookup_many`` then
    #: scores every such name's targets together and asks again)
    defer_fuzzy: bool = False
    #: no qualified spelling or variant is an index key (checked by ``lookup_many``): go
    #: straight to the fuzzy stage
    fuzzy_only: bool = False
    #: where a deferred look-up stopped: the position of the target it waits for, and the
    #: failure kept from the spellings tried before (resumed there, not tried again)
    deferred_at: tuple[int, PlaceNotFoundError | None] | None = None


def _prepare_many(
    texts: Sequence[str], known: Mapping[str, tuple[str, str]] | None = None
) -> list[_Prepared]:
    """:class:`_Prepared` of each name, keying all their spellings in one pass.

    ``known``: spellings already keyed (``normalize()``, ``fold()``), not keyed again.
    """
    # (text, core, hint, generic_core, tries, base, variants, targets) of each name
    parts: list[tuple[str, str, frozenset[str] | None, bool, list[str], str, list[str], list[str]]]
    parts = []
    wanted: list[str] = []  # the spellings to key
    # A qualified name's tries, and the name as written, are mostly its core with words
    # before or after it ("nahiyat X", "X refugee camp"): such a spelling -> the two, a
    # space apart.  Its key and fold are theirs joined by a space, which is what keying it
    # whole gives (no key or fold rule looks past a space: test_names_fast.py checks it),
    # and keying it whole costs more.
    joins: dict[str, tuple[str, str]] = {}
    words_of = [_words_of(text) for text in texts]
    words = {w: None for ws in words_of for w in ws}
    prefold_words(words)
    prescore_words(map(_fold_word, words))
    for text, text_words in zip(texts, words_of, strict=True):
        # without an apostrophe (no possessive) a name's words are those the functions read
        apostrophe = "'" in text or "’" in text
        core, hint = _strip_qualifiers(text, words=None if apostrophe else text_words)
        if hint is None or not core:  # no qualifier (most names): the name is the base
            split = text.replace("-", " ").split() if apostrophe else text_words
            variants = _variants(text, split)
            slips = _without_article_slips(text, split)
            # the name and slips without repeats or empty strings
            targets = [text] if text else []
            if slips and slips != text:
                targets.append(slips)
            wanted += variants
            wanted += targets
            parts.append((text, core, hint, False, [], text, variants, targets))
            continue
        generic_core = is_generic_fold(core, fold_by_words(core))
        tries = []
        if not generic_core:
            tries = _hint_names(text, core, hint, joins)
            wanted += [t for t in tries if t not in joins]
        split = core.split()  # (its words, hyphens already read as spaces)
        variants = _variants(core, split)
        slips = _without_article_slips(core, split)
        # the core, the name and slips without repeats or empty strings
        targets = [core]
        if text and text != core:
            targets.append(text)
            cut = len(core) + 1
            if len(text) > cut:  # (see joins)
                if text[-cut] == " " and text.endswith(core):
                    joins[text] = (text[:-cut], core)
                elif text[cut - 1] == " " and text.startswith(core):
                    joins[text] = (core, text[cut:])
        if slips and slips != core and slips != text:
            targets.append(slips)
        wanted += variants
        wanted += [t for t in targets if t not in joins]
        parts.append((text, core, hint, generic_core, tries, core, variants, targets))
    wanted += [part for pair in joins.values() for part in pair]
    # ASCII spellings keyed apart from the others: keyed together, they would all go through
    # the Unicode decomposition only the others need
    every: dict[str, tuple[str, str]] = dict(known or {})
    ascii_: list[str] = []
    other: list[str] = []
    for t in dict.fromkeys(wanted):
        if t not in every:
            (ascii_ if t.isascii() else other).append(t)
    for batch in (ascii_, other):
        keys, folds = normalize_fold_many(batch)
        every.update(zip(batch, zip(keys, folds, strict=True), strict=True))
    for t, (a, b) in joins.items():
        (ka, fa), (kb, fb) = every[a], every[b]
        every[t] = (
            f"{ka} {kb}" if ka and kb else ka or kb,
            f"{fa} {fb}" if fa and fb else fa or fb,
        )
    out = []
    for text, core, hint, generic_core, tries, base, variants, targets in parts:
        keyed = {t: every[t] for t in (*tries, *variants, *targets)}
        out.append(_Prepared(text, core, hint, generic_core, tries, base, variants, targets, keyed))
    return out


def _float(text: str) -> float | None:
    return float(text) if text else None


def _place_from_row(row: dict[str, str]) -> Place:
    """Build a :class:`Place` from a row of ``places.tsv.gz``."""
    return Place(
        id=row["id"],
        name=row["name"],
        kind=row["kind"],
        lon=_float(row["lon"]),
        lat=_float(row["lat"]),
        precision_m=_float(row["precision_m"]),
        country=row["country"],
        admin1=row["admin1"] or None,
        admin1_pcode=row["admin1_pcode"] or None,
        admin2=row["admin2"] or None,
        admin2_pcode=row["admin2_pcode"] or None,
        admin3=row["admin3"] or None,
        admin3_pcode=row["admin3_pcode"] or None,
        name_ar=row["name_ar"] or None,
        aliases=tuple(a for a in row["aliases"].split("|") if a),
        source=row["source"],
        source_url=row["source_url"] or None,
        population=int(row["population"]) if row["population"] else None,
        note=row["note"] or None,
    )


def _check_lonlat(lon: object, lat: object) -> tuple[float, float]:
    """Validate one longitude/latitude pair in degrees."""
    for label, v in (("lon", lon), ("lat", lat)):
        if isinstance(v, bool) or not isinstance(v, (int, float, np.integer, np.floating)):
            raise CoordinateTypeError(
                f"{label} must be a number in degrees, got {type(v).__name__} {v!r}"
            )
    x, y = float(lon), float(lat)  # type: ignore[arg-type]
    if not (math.isfinite(x) and -180 <= x <= 180):
        raise InvalidCoordinateError(f"lon {lon!r} is outside -180..180 degrees")
    if not (math.isfinite(y) and -90 <= y <= 90):
        raise InvalidCoordinateError(f"lat {lat!r} is outside -90..90 degrees")
    return x, y


def _check_near(near: object) -> tuple[float, float]:
    """Validate ``near=``: one (lon, lat) pair in degrees."""
    if (
        not isinstance(near, (tuple, list, np.ndarray))
        or (isinstance(near, np.ndarray) and near.ndim != 1)
        or len(near) != 2
    ):
        raise CoordinateTypeError(
            f"near must be one (lon, lat) pair of numbers in degrees, got "
            f"{type(near).__name__} {near!r}; e.g. near=(38.6, 33.5)"
        )
    return _check_lonlat(near[0], near[1])


def _kind_set(kind: str | Collection[str] | None) -> frozenset[str] | None:
    """Validate ``kind=`` (one kind or several)."""
    if kind is None:
        return None
    if isinstance(kind, str):
        kinds = frozenset([kind])
    elif isinstance(kind, Iterable) and not isinstance(kind, (bytes, Mapping)):
        kinds = frozenset(kind)
        wrong = [k for k in kinds if not isinstance(k, str)]
        if wrong:
            raise ArgumentTypeError(
                f"kind must be a str or a collection of str, got {wrong[0]!r} in {kind!r}; "
                f"use kinds from {sorted(KINDS)}"
            )
    else:
        raise ArgumentTypeError(
            f"kind must be a str or a collection of str, got {type(kind).__name__} {kind!r}; "
            f"e.g. kind='city' or kind={{'base', 'airbase'}}"
        )
    if not kinds:
        raise InvalidArgumentError(
            f"kind={kind!r} names no kind, so nothing could match; pass kind=None for "
            f"every kind, or kinds from {sorted(KINDS)}"
        )
    unknown = sorted(kinds - KINDS)
    if unknown:
        raise InvalidArgumentError(f"unknown kind(s) {unknown!r}; use one of {sorted(KINDS)}")
    return kinds


class Gazetteer:
    """A searchable collection of places.

    Build one with :meth:`default` (the shipped data), :meth:`from_files` or
    :meth:`extend`; a gazetteer never changes after it is built.

    Parameters
    ----------
    places : iterable of Place
        The places.  Ids must be unique; a later place with the same id replaces the
        earlier one.

    Examples
    --------
    >>> gz = Gazetteer.default()
    >>> gz.lookup("Dêrik").id == gz.lookup("المالكية").id == gz.lookup("al-Malikiyah").id
    True
    >>> gz.lookup("Abu Kamal", near=(40.9, 34.4)).country
    'SY'
    >>> table = gz.lookup_many(["Deir ez-Zor", "Dayr az-Zawr", "Nowhereville", "Hosh Matroud"])
    >>> table[["query", "status", "place_id"]]
              query       status              place_id
    0   Deir ez-Zor           ok       geonames:170794
    1  Dayr az-Zawr           ok       geonames:170794
    2  Nowhereville    not_found                   NaN
    3  Hosh Matroud  not_located  curated:hosh-matroud
    >>> list(table.attrs["report"]["status"])
    ['not_found', 'not_located']
    """

    def __init__(self, places: Iterable[Place] = ()) -> None:
        self._setup(places, known=None)

    def _setup(self, places: Iterable[Place], *, known: dict[str, tuple[str, str]] | None) -> None:
        """Build from ``places`` (``known``: names already keyed, see :class:`NameIndex`)."""
        by_id: dict[str, Place] = {p.id: p for p in _checked_places(places)}
        self._places: list[Place] = list(by_id.values())
        self._ids: dict[str, int] = {p.id: i for i, p in enumerate(self._places)}
        self._index = NameIndex(self._places, known=known)
        self._fallback: Geocoder | None = None
        # results of unfiltered look-ups: by (key, fold) when found at the exact-key stage
        # (the same spelling resolves alike), else by (key, fold, name as written)
        self._memo: dict[tuple[str, ...], _Result] = {}
        self._table: dict[str, Any] | None = None
        self._coords: tuple[np.ndarray, np.ndarray, np.ndarray] | None = None
        self._held: frozenset[str] | None = None

    # --- construction ---------------------------------------------------------------

    @classmethod
    def default(cls) -> Gazetteer:
        """Return the shipped gazetteer (built once, then cached).

        Returns
        -------
        Gazetteer
            Curated sites, OpenSyria admin units, Natural Earth provinces and countries,
            GeoNames cities500 for Syria and its neighbours.
        """
        return _default()

    def __len__(self) -> int:
        return len(self._places)

    def __iter__(self) -> Any:
        return iter(self._places)

    def __contains__(self, place_id: object) -> bool:
        return place_id in self._ids

    def __repr__(self) -> str:
        return f"<Gazetteer: {len(self._places)} places>"

    @property
    def places(self) -> tuple[Place, ...]:
        """All places, in index order."""
        return tuple(self._places)

    def get(self, place_id: str) -> Place:
        """Return the place with id ``place_id`` (``"SY0900"``, ``"geonames:170794"`` ...).

        Raises
        ------
        PlaceNotFoundError
            No place has that id.
        """
        i = self._ids.get(place_id)
        if i is None:
            raise PlaceNotFoundError(place_id, detail="no place has this id")
        return self._places[i]

    def extend(
        self, places: Iterable[Place] | str | PathLike[str], *, encoding: str | None = None
    ) -> Gazetteer:
        """Return a new gazetteer with more places; this one is not changed.

        Parameters
        ----------
        places : iterable of Place, or path
            Places, or a file (a GeoNames dump such as ``SY.txt`` or a CSV with columns
            ``name, lon, lat`` and optionally ``kind, country, aliases, precision_m, id,
            source_url, name_ar, note``; see :meth:`from_files`).  A place whose id
            already exists replaces the existing one: in a CSV, an ``id`` that is already
            in this gazetteer (``geonames:172955``, ``SY08``, ``user:3``) keeps it,
            any other id gets the prefix ``user:``.
        encoding : str, optional, keyword-only
            Text encoding of a file; default UTF-8 (with or without a byte-order mark),
            or UTF-16 / UTF-32 for a file that starts with their byte-order mark.  Arabic
            Excel exports are often ``"cp1256"``.

        Returns
        -------
        Gazetteer

        Raises
        ------
        InputFileNotFoundError
            The file does not exist.
        InputFormatError, ColumnError
            The file cannot be read (undecodable bytes: the message suggests
            ``encoding=``), or a row is unusable (the message names its line).
        ArgumentTypeError
            ``places`` is neither a path nor an iterable of :class:`Place`.

        Examples
        --------
        >>> gz = Gazetteer.default()
        >>> cp = Place("user:cp1", "Checkpoint Alpha", "checkpoint", 38.5, 33.6, 50.0, "SY")
        >>> gz.extend([cp]).lookup("Checkpoint Alpha").id
        'user:cp1'
        """
        if isinstance(places, (str, PathLike)):
            from syriamap._loaders import read_places

            new = read_places(places, encoding=encoding, existing=self._ids)
        else:
            if encoding is not None:
                raise InvalidArgumentError(
                    f"encoding={encoding!r} applies to a file; places were given as "
                    f"{type(places).__name__}: leave encoding out"
                )
            new = list(_checked_places(places))
        return self._with(new)

    def _with(self, new: Sequence[Place]) -> Gazetteer:
        """Return a copy of this gazetteer with ``new`` places added (sharing nothing mutable)."""
        if any(p.id in self._ids for p in new):
            return _rebuild(self, new)
        g = Gazetteer.__new__(Gazetteer)
        g._places = list(self._places)
        g._ids = dict(self._ids)
        g._index = self._index.copy()
        start = len(g._places)
        added: dict[str, Place] = {p.id: p for p in new}
        for p in added.values():
            g._ids[p.id] = len(g._places)
            g._places.append(p)
        g._index.add(list(added.values()), start=start)
        g._fallback = self._fallback
        g._memo = {}
        g._table = None
        g._coords = None
        g._held = None
        return g

    @classmethod
    def from_files(
        cls,
        *paths: str | PathLike[str],
        include_default: bool = True,
        encoding: str | None = None,
    ) -> Gazetteer:
        """Build a gazetteer from GeoNames dumps and/or user CSV files.

        Parameters
        ----------
        *paths : str or path-like
            Files: the standard 19-column tab-separated GeoNames dump (``SY.txt``, no
            header; ``.zip`` accepted) or a CSV with a header and columns ``name, lon, lat``
            (degrees) and optionally ``kind`` (default ``locality``), ``country`` (ISO
            alpha-2 in any case, or ``Syria``, ``SYR`` ... as for :meth:`lookup`; default
            the country whose outline holds the point), ``aliases`` (``|``-separated),
            ``precision_m`` (metres, 0 or more; default 1000), ``id``, ``source_url``,
            ``name_ar``, ``note``.  Names and aliases must be usable as look-ups (not
            empty, no control characters, not only a generic word such as "the base").
            A CSV ``id`` already in the gazetteer (or in an earlier file) replaces that
            place; other ids get the prefix ``user:``.
        include_default : bool, keyword-only
            Start from the shipped gazetteer (default) or from nothing.
        encoding : str, optional, keyword-only
            Text encoding of the files, as for :meth:`extend`.

        Returns
        -------
        Gazetteer

        Raises
        ------
        InputFileNotFoundError, InputFormatError, ColumnError
            As for :meth:`extend`.
        """
        from syriamap._loaders import read_places

        base = cls.default() if include_default else None
        existing = set(base._ids) if base is not None else set()
        new: list[Place] = []
        for path in paths:
            read = read_places(path, encoding=encoding, existing=existing)
            existing.update(p.id for p in read)
            new.extend(read)
        if base is not None:
            return base._with(new)
        return cls(new)

    def with_fallback(self, geocoder: Geocoder) -> Gazetteer:
        """Return a gazetteer that asks ``geocoder`` when nothing offline matches.

        Parameters
        ----------
        geocoder : object
            Has ``geocode(name) -> Place`` (e.g. :class:`syriamap.online.OnlineGeocoder`);
            called only for names that raise ``PlaceNotFoundError`` offline, never for
            ambiguous or unlocated ones.  Its places keep their own ``source`` (places
            whose id starts with ``online:`` keep it always; others get the class name of
            the geocoder when ``source`` is empty or names an offline source).

        Notes
        -----
        ``country=`` and ``kind=`` apply to the geocoder's answer too, and ``near=`` refuses
        an answer farther than :data:`FALLBACK_NEAR_M` (plus its precision) from the
        point: such an answer raises ``PlaceNotFoundError`` saying what was found and why
        it was refused.  When the geocoder finds nothing either, the error keeps the
        offline suggestions.  Geocoder failures (timeouts, quota) reach the caller typed
        (``GeocoderError``); ``lookup_many`` reports those rows as ``"geocoder_error"``.
        """
        if not callable(getattr(geocoder, "geocode", None)):
            raise TypeError(
                f"fallback geocoder must have a geocode(name) method, got {type(geocoder).__name__}"
            )
        g = Gazetteer.__new__(Gazetteer)
        g.__dict__.update(self.__dict__)
        g._fallback = geocoder
        return g

    # --- lookup -------------------------------------------------------------------

    def _country(self, country: object) -> str | None:
        """Validate ``country=``: its ISO alpha-2 code (see :func:`country_code`), or None.

        Without a fallback geocoder, a country none of the places is in is refused too.
        """
        if country is None:
            return None
        if self._fallback is not None:  # the geocoder may know places anywhere
            return country_code(country)
        if self._held is None:
            self._held = frozenset(p.country for p in self._places if p.country)
        return country_code(country, held=self._held)

    def lookup(
        self,
        name: str,
        *,
        country: str | None = None,
        kind: str | Collection[str] | None = None,
        near: tuple[float, float] | None = None,
    ) -> Place:
        """Return the one place called ``name``, or raise.

        Parameters
        ----------
        name : str
            A name as written: any transliteration, Arabic script, with or without
            articles, optionally qualified ("Hasakah governorate", "Raqqa city").
        country : str, optional, keyword-only
            Country to restrict to: ISO 3166-1 alpha-2 code in any case (``"SY"``,
            ``"iq"`` ...), or for the countries of the shipped gazetteer the English name
            (``"Syria"``, ``"Türkiye"``) or ISO alpha-3 code (``"SYR"``).
        kind : str or collection of str, optional, keyword-only
            Kind(s) to restrict to (``"city"``, ``{"base", "airbase"}`` ...).
        near : (float, float), optional, keyword-only
            ``(lon, lat)`` in degrees; among equally good candidates the closest wins.

        Returns
        -------
        Place

        Raises
        ------
        NameTypeError, InvalidNameError, GenericNameError
            ``name`` is not a usable name.
        InvalidArgumentError, ArgumentTypeError
            ``country`` names no country, or one the gazetteer has no place in (the
            message lists those it has); ``kind`` names no known kind; or either is of
            the wrong type.
        CoordinateTypeError, InvalidCoordinateError
            ``near`` is not a (lon, lat) pair of numbers in range.
        PlaceNotFoundError
            Nothing matches (``.suggestions`` lists close names).
        AmbiguousPlaceError
            Several different places match equally well (``.candidates``).
        PlaceNotLocatedError
            The place is known but has no sourced coordinates (``.place``).

        Examples
        --------
        >>> gz = Gazetteer.default()
        >>> gz.lookup("Hasakah").kind, gz.lookup("Hasakah governorate").kind
        ('city', 'governorate')
        >>> gz.lookup("Baghdad").country
        'IQ'
        """
        return self._resolve(name, country=country, kind=kind, near=near).place

    def _resolve(
        self,
        name: object,
        *,
        country: str | None = None,
        kind: str | Collection[str] | None = None,
        near: tuple[float, float] | None = None,
        key: str | None = None,
        qfold: str | None = None,
        prep: _Prepared | None = None,
        checked: bool = False,
    ) -> _Result:
        """Resolve one name.

        ``key``, ``qfold``, ``prep``: its normalize(), fold() and :func:`_prepare_many`,
        when already known; ``checked``: ``name`` is a str that :func:`validate_name`
        returns unchanged.
        """
        if checked and isinstance(name, str):
            text = name
        else:
            try:
                text = validate_name(name)
            except GenericNameError:
                # a generic word with an article that is a town's name ("Al-Tal", the
                # town At Tall; "Tal" alone is a hill)
                if article_generic(str(name)) not in self._generic_town_names():
                    raise
                text = " ".join(str(name).split())
        country = self._country(country)
        kinds = _kind_set(kind)
        if near is not None:
            near = _check_near(near)
        try:
            return self._resolve_offline(text, country, kinds, near, key, qfold, prep)
        except PlaceNotFoundError as exc:
            if self._fallback is None:
                raise
            return self._ask_fallback(text, exc, country, kinds, near)

    def _ask_fallback(
        self,
        text: str,
        offline: PlaceNotFoundError,
        country: str | None,
        kinds: frozenset[str] | None,
        near: tuple[float, float] | None,
    ) -> _Result:
        """Ask the fallback geocoder for a name not found offline; apply the filters."""
        assert self._fallback is not None
        try:
            place = self._fallback.geocode(text)
        except PlaceNotFoundError as exc:  # online nothing either: keep what offline knew
            raise PlaceNotFoundError(
                text,
                offline.suggestions,
                detail=f"not offline, and the fallback geocoder: {exc}",
            ) from None
        if place is None:
            raise offline
        if not isinstance(place, Place):
            raise TypeError(
                f"fallback geocoder returned {type(place).__name__}, expected a Place"
            ) from offline
        online_id = place.id.startswith("online:")
        if not place.source or (place.source in SOURCE_PRIORITY and not online_id):
            place = replace(place, source=type(self._fallback).__name__)
        _check_fallback(text, place, offline, country, kinds, near)
        return _Result(place, text, 0.0)

    def _resolve_offline(
        self,
        text: str,
        country: str | None,
        kinds: frozenset[str] | None,
        near: tuple[float, float] | None,
        key: str | None,
        qfold: str | None,
        prep: _Prepared | None = None,
    ) -> _Result:
        qkey = normalize(text) if key is None else key
        qfold = fold(text) if qfold is None else qfold
        if ("," in text or "(" in text or "،" in text) and not self._index.entries(qkey):
            split = self._split_reading(text, country, kinds, near)
            if split is not None:
                return split
        if country is not None or kinds is not None or near is not None:
            return self._match(text, qkey, qfold, country, kinds, near, prep)
        memo = self._memo
        hit = memo.get((qkey, qfold)) or memo.get((qkey, qfold, text))
        if hit is None:
            hit = self._match(text, qkey, qfold, None, None, None, prep)
            if len(memo) < MEMO_SIZE:
                memo[_memo_key(qkey, qfold, text, exact=hit.exact)] = hit
        return hit

    def _split_reading(
        self,
        text: str,
        country: str | None,
        kinds: frozenset[str] | None,
        near: tuple[float, float] | None,
    ) -> _Result | None:
        """Resolve a name followed by its country or area, or return ``None``.

        "Raqqa, Syria", "Mosul (Iraq)", "الرقة، سوريا": the name in that country;
        "Derik, Hasakah": the name in that area (:meth:`_in_area`).  ``None`` when the
        text is not of either form; an error when the name names no place there.
        """
        named = country_in_name(text) if country is None else None
        if named is not None:
            return self._resolve_offline(named[0], named[1], kinds, near, None, None)
        return self._in_area(text, country, kinds) if near is None else None

    def _in_area(
        self, text: str, country: str | None, kinds: frozenset[str] | None
    ) -> _Result | None:
        """Resolve "<name>, <area>" as the place of that name in that area, or ``None``.

        The area is an admin unit, else a Syrian place (or one in ``country=``); the name
        is then resolved with the area's point as ``near`` and must lie in the area's
        governorate or within its radius ("Dhiban, Deir ez-Zor" is the Syrian Dhiban,
        not the Jordanian one).  ``None`` when the text has no comma or the part after
        the last one names no area; an error when the name names no place in the area.
        """
        cut = max(text.rfind(","), text.rfind("،"))
        name, area_name = text[:cut].strip(), text[cut + 1 :].strip()
        if cut < 0 or not name or not area_name:
            return None
        area: Place | None = None
        for area_kinds, area_country in ((ADMIN_KINDS, country), (None, country or "SY")):
            try:
                area_text = validate_name(area_name)
                area = self._resolve_offline(
                    area_text, area_country, area_kinds, None, None, None
                ).place
                break
            except SyriamapError:
                continue
        if area is None or area.lon is None or area.lat is None:
            return None
        try:
            res = self._resolve_offline(
                name, country or area.country, kinds, (area.lon, area.lat), None, None
            )
        except PlaceNotLocatedError as exc:
            # a place known without a point: the answer only if it is in the area's
            # governorate ("Khalidiya, Raqqa" is not the Homs district known by that name)
            known = exc.place
            pcode = self._governorate_pcode(known)
            if pcode is None or not area.admin1_pcode or pcode == area.admin1_pcode:
                raise
            raise PlaceNotFoundError(
                text,
                [f"{known.name} ({known.kind}, {known.country}, {known.admin1 or '-'})"],
                detail=f"no place named {name!r} in {area.name} ({area.kind})",
            ) from None
        place = res.place
        inside = (
            place.admin1_pcode == area.admin1_pcode
            if place.admin1_pcode and area.admin1_pcode
            else _inside(place, area)
        )
        if not inside:
            raise PlaceNotFoundError(
                text,
                [f"{place.name} ({place.kind}, {place.country}, {place.admin1 or '-'})"],
                detail=f"no place named {name!r} in {area.name} ({area.kind})",
            )
        return res

    def _governorate_pcode(self, place: Place) -> str | None:
        """Return the P-code of a Syrian place's governorate, from its name if need be.

        A place known without a point carries its governorate's name only (the build
        derives P-codes from points); ``None`` when it names none that resolves.
        """
        if place.admin1_pcode:
            return place.admin1_pcode
        if place.country != "SY" or not place.admin1:
            return None
        # (any admin unit of that name: "As-Sweida" is OCHA's spelling of a subdistrict
        # and of the governorate, whose aliases lack it; all units of a name such as "Homs"
        # lie in one governorate)
        try:
            unit = self._resolve_offline(
                validate_name(place.admin1), "SY", ADMIN_KINDS, None, None, None
            ).place
        except AmbiguousPlaceError as exc:
            codes = {p.admin1_pcode for p in exc.candidates}
            return codes.pop() if len(codes) == 1 else None
        except SyriamapError:
            return None
        return unit.admin1_pcode

    def _match(
        self,
        text: str,
        qkey: str,
        qfold: str,
        country: str | None,
        kinds: frozenset[str] | None,
        near: tuple[float, float] | None,
        prep: _Prepared | None = None,
    ) -> _Result:
        """Exact key, then qualifiers, then attached-article variants, then fuzzy.

        ``prep``: :func:`_prepare_many` of ``text`` when already computed.
        """
        narrowed: PlaceNotFoundError | None = None
        ambiguous: AmbiguousPlaceError | None = None
        try:
            entries = self._index.entries(qkey)
            if entries and _qualified_inexact(qfold, entries):
                # "Qara town" keys like "Kariatein"; the town "Qara" is spelled as written
                res = self._qualified_exact(text, qkey, country, kinds, near, prep)
                if res is not None:
                    return res
            if entries:
                try:
                    res = self._choose(
                        text,
                        qfold,
                        entries,
                        country,
                        kinds,
                        None,
                        near,
                        100.0,
                        key=qkey,
                        whole=True,
                    )
                    res.exact = True
                    return res
                except PlaceNotFoundError as exc:  # filtered out, or too loose abroad
                    narrowed = _untraced(exc)
                except AmbiguousPlaceError as exc:
                    # foreign places that share the key, none spelled as the query: a Syrian
                    # place spelled much closer may yet be found below ("Koulessie" is
                    # Kabbasin's "Koulessine", not the Turkish towns whose names key alike)
                    if country is not None or any(e[2] == qfold for e in entries):
                        raise
                    if any(p.country == "SY" for p in exc.candidates):
                        raise
                    ambiguous = _untraced(exc)
            try:
                res = self._after_exact(text, qkey, qfold, country, kinds, near, prep, narrowed)
            except PlaceNotFoundError:
                if ambiguous is None:
                    raise
                raise ambiguous from None
            if ambiguous is not None and (
                res.place.country != "SY" or res.score < AMBIGUITY_OVERRIDE
            ):
                raise ambiguous
            return res
        finally:
            # (raised from here, a kept failure's traceback holds this frame: without them,
            # the frame does not hold the failure back, and no cycle is left)
            narrowed = ambiguous = None

    def _qualified_exact(
        self,
        text: str,
        qkey: str,
        country: str | None,
        kinds: frozenset[str] | None,
        near: tuple[float, float] | None,
        prep: _Prepared | None,
    ) -> _Result | None:
        """Return the place of the kind a qualifier names, spelled exactly as the name.

        For a qualified name whose whole key matches only names spelled otherwise: "Qara
        town" is the town Qara, not Al Qaryatayn (alias "Kariatein", which keys alike);
        "Karimah subdistrict" the Kareemeh subdistrict (alias "Karimah"), not Karama.
        ``None`` when there is none, or more than one.
        """
        if prep is None or prep.text != text:
            prep = _prepare_many([text])[0]
        if prep.hint is None:
            return None
        for attempt in prep.tries:
            akey, afold = prep.keyed[attempt]
            if akey == qkey:
                continue
            entries = self._index.entries(akey)
            if not entries or not any(e[2] == afold for e in entries):
                continue
            try:
                res = self._choose(
                    text, afold, entries, country, kinds, prep.hint, near, 100.0, key=akey
                )
            except (PlaceNotFoundError, AmbiguousPlaceError):
                continue
            if res.score >= 100.0:
                return res
        return None

    def _after_exact(
        self,
        text: str,
        qkey: str,
        qfold: str,
        country: str | None,
        kinds: frozenset[str] | None,
        near: tuple[float, float] | None,
        prep: _Prepared | None,
        narrowed: PlaceNotFoundError | None,
    ) -> _Result:
        """:meth:`_match` after the exact key: qualifiers, variants, then fuzzy."""
        if prep is None or prep.text != text:
            prep = _prepare_many([text])[0]
        keyed = prep.keyed
        hint = prep.hint
        if prep.generic_core:
            raise PlaceNotFoundError(text, detail="only generic words besides the qualifier")
        resume = prep.deferred_at
        prep.deferred_at = None
        if resume is not None:  # (see _FuzzyDeferredError: the spellings before failed)
            start, kept = resume
            narrowed = narrowed or kept
        # "Yarubiyah crosing" -> the place called "Yarubiyah crossing", then "Yarubiyah"
        for attempt in () if prep.fuzzy_only or resume is not None else prep.tries:
            akey, afold = keyed[attempt]
            entries = self._index.entries(akey)
            if not entries or (attempt != prep.core and akey == qkey):
                continue
            try:
                return self._choose(
                    text, afold, entries, country, kinds, hint, near, 100.0, key=akey
                )
            except PlaceNotFoundError as exc:  # the name, but not of that kind
                narrowed = narrowed or _untraced(exc)
        base = prep.base
        for variant in () if prep.fuzzy_only or resume is not None else prep.variants:
            vkey, vfold = keyed[variant]
            entries = self._index.entries(vkey)
            if entries:
                try:
                    return self._choose(
                        text, vfold, entries, country, kinds, hint, near, 97.0, key=vkey, whole=True
                    )
                except PlaceNotFoundError as exc:  # not of that kind, or too loose abroad
                    narrowed = narrowed or _untraced(exc)
        # fuzzy: the name without its qualifier, as written ("al-Dumayrz airbase"), and
        # without a mangled article ("Deir els-Zor", "abh-Slakhd")
        for position in range(0 if resume is None else start, len(prep.targets)):
            target = prep.targets[position]
            tkey, tfold = keyed[target]
            if len(tkey.replace(" ", "")) < 4:
                continue
            # the whole name, qualifier and all, names a place of any kind ("Green Villge"
            # is the Green Village base, "Qamishhli airbasê" the Qamishli airport)
            thint = None if target == text else hint
            want = kinds or thint
            similar = prep.fuzzy.get((tkey, tfold))
            if similar is None:
                if prep.defer_fuzzy:
                    prep.deferred_at = (position, narrowed)
                    raise _FuzzyDeferredError
                found_entries, found_close = self._fuzzy_stage([(tkey, tfold)])
                similar = prep.fuzzy[tkey, tfold] = found_entries[0]
                prep.close[tkey] = (found_close, 0)
            found = [
                (e, sc)
                for e, sc in similar
                if (country is None or self._places[e[0]].country == country.upper())
                and (want is None or self._places[e[0]].kind in want)
            ]
            if not found:
                continue
            top = found[0][1]
            entries = [e for e, sc in found if sc >= top - 2.0]
            if FUZZY_MARGIN > 2.0:
                near_ids = dict.fromkeys(e[0] for e, sc in found if sc >= top - FUZZY_MARGIN)
                close = [self._places[i] for i in near_ids]
                close = give_way(close)[0]  # a unit named after a town
                rivals = _distinct_places(close)
                if len(rivals) > 1:
                    labels = [f"{p.name} ({p.kind}, {p.country})" for p in rivals]
                    raise PlaceNotFoundError(
                        text, labels, detail="only inexact matches, none clearly best"
                    )
            try:
                return self._choose(
                    text, tfold, entries, country, kinds, thint, near, top, key=tkey
                )
            except AmbiguousPlaceError as exc:
                labels = [f"{p.name} ({p.kind}, {p.country})" for p in exc.candidates]
                raise PlaceNotFoundError(
                    text, labels, detail="only inexact matches, none clearly best"
                ) from None
        if narrowed is not None:
            try:
                raise narrowed
            finally:
                narrowed = None  # (see _match)
        raise PlaceNotFoundError(
            text, self._suggest(base, country, kinds or hint, keyed=keyed, close=prep.close)
        )

    def _fuzzy_stage(
        self, targets: Sequence[tuple[str, str]]
    ) -> tuple[list[list[tuple[tuple[int, str, str], float]]], _CloseKeys]:
        """Run the fuzzy stage for many ``(key, fold)`` pairs, scored in three rapidfuzz calls.

        Each target's candidate keys (:meth:`NameIndex.candidate_keys`, in sorted order)
        are scored against its key; the best 30 scoring 70 or more (ties in that order),
        then likewise the keys sharing a distinctive word with it, give the index entries
        whose spellings are scored against the target's fold.

        Returns
        -------
        entries : list
            Each target's index entries close to it with their score, best first, one per
            place.  The score averages the similarity of the folded keys and of the lightly
            folded spellings, so that keys made alike by folding (``Baghouz``/``Burgaz``)
            do not pass for a typo.
        close : _CloseKeys
            Each target's candidate keys that suggestions start from: the best
            :data:`SUGGEST_KEYS` scoring :data:`SUGGEST_MIN` or more, ``(key, score)``
            best first, ties in key order (as :meth:`NameIndex.fuzzy` gives them).
        """
        if not targets:
            return [], _CloseKeys(np.zeros(0, dtype=object), np.zeros(0), [0])
        index = self._index
        numbered = index.numbered()
        n_targets = len(targets)
        tkeys = np.array([key for key, _ in targets], dtype=object)
        seg, numbers = index.candidate_pairs([key for key, _ in targets])
        kscores = _pairwise_ratio(tkeys[seg], numbered.key_array[numbers])
        # within each target: best first, ties in candidate order; the first 30 of >= 70
        counts = np.bincount(seg, minlength=n_targets)
        order = _rank_per_target(seg, kscores)
        keep = _best_per_target(seg, kscores, counts, order=order)
        best = _best_per_target(
            seg, kscores, counts, limit=SUGGEST_KEYS, cutoff=SUGGEST_MIN, order=order
        )
        # (``best`` is target by target: each target's keys are one slice)
        close = _CloseKeys(
            numbered.key_array[numbers[best]],
            kscores[best],
            np.searchsorted(seg[best], np.arange(n_targets + 1)).tolist(),
        )
        # ... and the keys sharing a distinctive word with a name of several words (not
        # those kept above), likewise
        b_seg, b_numbers, specific = _shared_word_keys_many(
            index, targets, seg[keep], numbers[keep]
        )
        b_scores = _pairwise_ratio(tkeys[b_seg], numbered.key_array[b_numbers])
        b_keep = _best_per_target(b_seg, b_scores, np.bincount(b_seg, minlength=n_targets))
        # both, best first per target (ties: the first kind, then candidate order)
        all_seg = np.concatenate((seg[keep], b_seg[b_keep]))
        all_score = np.concatenate((kscores[keep], b_scores[b_keep]))
        # (the first kind's come first: ties keep their order)
        order = _rank_per_target(all_seg, all_score)
        all_numbers = np.concatenate((numbers[keep], b_numbers[b_keep])).astype(np.int64)[order]
        all_seg, all_score = all_seg[order], all_score[order]
        # a short name that lost or gained two letters is another name unless spelled very
        # alike (``FUZZY_ACCEPT_GAP``): "Sarmada" is not "Samad", though their scores are
        # near; three letters, never
        tlen = np.array([len(key) - key.count(" ") for key, _ in targets])[all_seg]
        gap = np.where(tlen <= 8, np.abs(numbered.lengths[all_numbers] - tlen), 0)
        ok = gap <= 2
        if FUZZY_FIRST_CONSONANT:
            firsts = [_first_consonant(key) for key, _ in targets]
            ok &= np.array(
                [
                    _first_consonant(numbered.keys[n]) == firsts[t]
                    for n, t in zip(all_numbers.tolist(), all_seg.tolist(), strict=True)
                ],
                dtype=bool,
            )
        kept, k_seg, k_score, k_gap = all_numbers[ok], all_seg[ok], all_score[ok], gap[ok]
        # every entry of the kept keys, with its target and its key's score
        sizes = numbered.n_entries[kept]
        ends = np.cumsum(sizes)
        total = int(ends[-1]) if len(ends) else 0
        at = np.repeat(numbered.first_entry[kept] - (ends - sizes), sizes) + np.arange(total)
        e_t = np.repeat(k_seg, sizes)
        e_ks = np.repeat(k_score, sizes)
        e_gap = np.repeat(k_gap, sizes)
        tfolds = np.array([qfold for _, qfold in targets], dtype=object)
        sims = _pairwise_ratio(tfolds[e_t], numbered.fold_array[at])
        # one wrong letter in five is a different name more often than a typo
        accept = np.array(
            [
                FUZZY_ACCEPT if len(qfold) - qfold.count(" ") > 5 else FUZZY_ACCEPT_SHORT
                for _, qfold in targets
            ]
        )[e_t]
        # the spelling similarity must bring the average up to ``accept`` (two letters
        # more or less: to ``FUZZY_ACCEPT_GAP``)
        bar = np.where(e_gap < 2, accept, np.maximum(accept, FUZZY_ACCEPT_GAP))
        scores = (e_ks + sims) / 2.0
        passing = np.flatnonzero((sims >= 2.0 * bar - e_ks) & (scores >= accept))
        entries = self._fuzzy_keep(targets, specific, e_t[passing], at[passing], scores[passing])
        return entries, close

    def _fuzzy_keep(
        self,
        targets: Sequence[tuple[str, str]],
        specific: dict[int, str],
        seg: np.ndarray,
        at: np.ndarray,
        scores: np.ndarray,
    ) -> list[list[tuple[tuple[int, str, str], float]]]:
        """Return each target's best entry of each place among accepted ones, best first.

        ``seg``, ``at``, ``scores``: the accepted entries' targets, numbers (in
        :meth:`NameIndex.numbered` order) and scores, target by target (``seg`` sorted), in
        candidate order within a target;
        ``specific``: :func:`_specific` of targets' folds, where known.  Dropped: every entry
        of a target made of English generic words only (:func:`~syriamap._query.only_generic`:
        "National Hospital"); entries naming another kind of feature
        (:func:`~syriamap._query.feature_clash`: "Euphrates Lake" for "Euphrates valley") or
        other numbers (:func:`~syriamap._query.number_clash`: "Brigade 137" for "Brigade
        104"); entries whose distinctive words differ (:data:`FUZZY_SPECIFIC`: "Khirbet Xyz" is
        not "Khirbet Luz"); and those lacking a head word of the target's
        (:func:`~syriamap._query.lacks_name_head`: "Umm al-Mayadin" is not al-Mayadin).
        Equal scores keep the order in which their places first came.
        """
        numbered = self._index.numbered()
        keep = np.ones(len(seg), dtype=bool)
        table: list[tuple[str, str] | None] | None = None
        # (``seg`` is sorted: each target's entries are one run of it)
        present = np.flatnonzero(np.bincount(seg, minlength=len(targets)))
        starts = np.searchsorted(seg, present, side="left").tolist()
        ends = np.searchsorted(seg, present, side="right").tolist()
        at_list = at.tolist()
        for t, start, end in zip(present.tolist(), starts, ends, strict=True):
            qfold = targets[t][1]
            if " " not in qfold:  # one word: generic (no distinctive word) or not
                continue
            if only_generic(qfold):  # "National Hospital" names no place
                keep[start:end] = False
                continue
            features = feature_words(qfold)
            numbers = numbers_of(qfold)
            if features or numbers:
                for r in range(start, end):
                    efold = numbered.fold_array[at_list[r]]
                    if feature_clash(features, efold) or number_clash(numbers, efold):
                        # "Euphrates valley" is not "Euphrates Lake", "Brigade 104" not 137
                        keep[r] = False
            qspecific = specific.get(t)
            if qspecific is None:
                qspecific = _specific(qfold)
            if qspecific == qfold or not qspecific:  # no generic word in the query
                continue
            table = table or self._entry_specifics()
            qspecific_key = ""
            for r in range(start, end):
                if not keep[r]:
                    continue
                if lacks_name_head(qfold, numbered.fold_array[at_list[r]]):
                    keep[r] = False  # "Umm al-Mayadin" is not al-Mayadin
                    continue
                es = table[at_list[r]]
                if es is not None and fuzz.ratio(qspecific, es[0]) < FUZZY_SPECIFIC:
                    qspecific_key = qspecific_key or normalize(qspecific)
                    if fuzz.ratio(qspecific_key, es[1]) < FUZZY_SPECIFIC or (
                        _first_consonant(qspecific_key) != _first_consonant(es[1])
                    ):
                        keep[r] = False
        rows = np.flatnonzero(keep)
        out: list[list[tuple[tuple[int, str, str], float]]] = [[] for _ in targets]
        if not len(rows):
            return out
        seg, at, scores = seg[rows], at[rows], scores[rows]
        # per (target, place): the first entry of the best score, and where the place came
        group = seg * len(self._places) + numbered.entry_place[at]
        pos = np.arange(len(rows))
        order = np.lexsort((pos, -scores, group))
        starts = np.flatnonzero(np.concatenate(([True], group[order][1:] != group[order][:-1])))
        best = order[starts]
        came = np.minimum.reduceat(pos[order], starts)
        ranked = best[np.lexsort((came, -scores[best], seg[best]))]
        entries = numbered.entries
        for t, a, sc in zip(
            seg[ranked].tolist(), at[ranked].tolist(), scores[ranked].tolist(), strict=True
        ):
            out[t].append((entries[a], sc))
        return out

    def _entry_specifics(self) -> list[tuple[str, str] | None]:
        """Return the distinctive words of every entry, in :meth:`NameIndex.numbered` order.

        For an entry whose fold has generic words and others, :func:`_specific` of its fold
        and that :func:`normalize`-d; ``None`` for the others.  Built once per index, on
        first use.
        """
        derived = self._index.derived
        table = derived.get("specifics")
        if table is None:
            folds = self._index.numbered().fold_array.tolist()
            prescore_words(w for f in folds for w in f.split())
            spec = [_specific(f) for f in folds]
            wanted = [s for s, f in zip(spec, folds, strict=True) if s and s != f]
            keyed = dict(zip(wanted, normalize_many(wanted), strict=True))
            table = derived["specifics"] = [
                (s, keyed[s]) if s and s != f else None for s, f in zip(spec, folds, strict=True)
            ]
        return table

    def _generic_town_names(self) -> frozenset[str]:
        """Spellings of cities' and towns' names that read as a generic word.

        A generic word after an Arabic article ("Al-Tal": the hill) that is the name of a
        located city or town: lower-case, words a space apart.  Built once.
        """
        derived = self._index.derived
        names = derived.get("generic_towns")
        if names is None:
            names = derived["generic_towns"] = frozenset(
                spelled
                for p in self._places
                if p.located
                for a in (p.name, *p.aliases)
                if (spelled := generic_town_name(p, a)) is not None
            )
        return names

    def _own_names(self) -> dict[str, OwnNames]:
        """Return :func:`syriamap._rank.own_names` of every place by id (built once)."""
        derived = self._index.derived
        table = derived.get("own")
        if table is None:
            places = self._places
            names = [p.name for p in places] + [p.name_ar or "" for p in places]
            keys, folds = normalize_fold_many(names)
            n = len(places)
            table = derived["own"] = {
                p.id: (
                    (folds[i], folds[n + i])
                    if p.name_ar and p.country in ARABIC_SPEAKING
                    else (folds[i],),
                    (keys[i], keys[n + i]) if p.name_ar else (keys[i],),
                )
                for i, p in enumerate(places)
            }
        return table

    def _choose(
        self,
        query: str,
        qfold: str,
        entries: Sequence[tuple[int, str, str]],
        country: str | None,
        kinds: frozenset[str] | None,
        hint: frozenset[str] | None,
        near: tuple[float, float] | None,
        score: float,
        *,
        key: str = "",
        whole: bool = False,
    ) -> _Result:
        """Pick one place among index entries matching equally well, or raise.

        ``whole``: ``entries`` are all the index entries of ``key`` (not a fuzzy subset),
        so the ranking that does not depend on the query's spelling can be reused.
        """
        first = entries[0][0]
        one = len(entries) == 1  # (a fuzzy match, mostly: one entry per place)
        if country is None and kinds is None and (one or all(e[0] == first for e in entries)):
            # the common case: one place
            place = self._places[first]
            if hint is None:
                best = entries[0]
                if not one:
                    best = next((e for e in entries if e[2] == qfold), best)
                return self._accept(query, qfold, place, best[1], best[2], score)
            if place.kind in hint:  # (else: not of the kinds named, said below)
                like = _closest_entry(qfold, entries)  # (as below)
                return self._accept(query, qfold, place, like[1], like[2], score)
        if country is None and kinds is None and hint is None and whole and key and near is None:
            ranked = self._ranked(key, entries)
            if ranked is not None:
                return self._choose_ranked(query, qfold, entries, ranked, score, key)
        # per place, its name spelled most like the query
        best_alias: dict[int, tuple[int, str, str]] = {}
        best_sim: dict[int, float] = {}
        for e in entries:
            sim = 101.0 if e[2] == qfold else fuzz.ratio(qfold, e[2])
            if sim > best_sim.get(e[0], -1.0):
                best_alias[e[0]] = e
                best_sim[e[0]] = sim
        cands = [self._places[i] for i in best_alias]
        every = list(cands)
        if country is not None:
            cands = [p for p in cands if p.country == country.upper()]
        for ks in (kinds, hint):
            if ks is not None:
                cands = [p for p in cands if p.kind in ks]
        if not cands:
            listed = [f"{p.name} ({p.kind}, {p.country})" for p in every]
            wanted = ", ".join(
                x
                for x in (f"country={country!r}" if country else "", _kinds_text(kinds or hint))
                if x
            )
            raise PlaceNotFoundError(query, listed, detail=f"nothing matches with {wanted}")
        if hint is None and kinds is None:
            # a country only when spelled as such ("Syria", not the village "Sarah")
            countries = [p for p in cands if p.kind == "country"]
            if countries:
                spelled = [p for p in countries if best_alias[self._ids[p.id]][2] == qfold]
                others = [p for p in cands if p.kind != "country"]
                cands = spelled or others or countries
        cands, heirs = give_way(cands)
        for uid, hid in heirs.items():  # the place a unit is named after takes its names
            u, h = self._ids[uid], self._ids[hid]
            if best_sim[u] > best_sim[h]:
                best_alias[h], best_sim[h] = best_alias[u], best_sim[u]
        alias_of = {self._places[i].id: e[1] for i, e in best_alias.items()}
        fold_of = {self._places[i].id: e[2] for i, e in best_alias.items()}
        cands.sort(key=lambda p: (SOURCE_PRIORITY.get(p.source, 5), -(p.population or 0)))
        distinct = _distinct_places(cands)
        if len(distinct) > 1 and near is not None:
            distinct = _nearest_first(distinct, near)
            distinct = distinct[:1]
        if len(distinct) > 1:
            distinct = _break_tie(distinct, qfold, key, fold_of, self._own_names())
        if len(distinct) > 1:
            raise AmbiguousPlaceError(query, distinct)
        pid = distinct[0].id
        return self._accept(
            query, qfold, distinct[0], alias_of[pid], fold_of[pid], score, country=country
        )

    def _ranked(self, key: str, entries: Sequence[tuple[int, str, str]]) -> list[int] | None:
        """Return the distinct places of an exact key ranked without its spelling, best first.

        The same for every spelling of ``key`` when no filter applies (``None`` when a
        country is among the candidates: whether it was spelled as such depends on the
        query).  Computed once per key and kept with the index (under the index's own key,
        whatever the query's spacing: the cache does not grow with the names met).
        """
        same = self._index.compact.get(key.replace(" ", ""))
        if same:
            key = same[0]
        cache = self._index.ranked
        if key in cache:
            return cache[key]
        cands = [self._places[i] for i in dict.fromkeys(e[0] for e in entries)]
        ranked: list[int] | None = None
        if not any(p.kind == "country" for p in cands):
            cands, heirs = give_way(cands)
            if heirs:
                self._index.heirs[key] = {
                    self._ids[uid]: self._ids[hid] for uid, hid in heirs.items()
                }
            cands.sort(key=lambda p: (SOURCE_PRIORITY.get(p.source, 5), -(p.population or 0)))
            ranked = [self._ids[p.id] for p in _distinct_places(cands)]
        cache[key] = ranked
        return ranked

    def _heir_entries(
        self, key: str, entries: Sequence[tuple[int, str, str]]
    ) -> Sequence[tuple[int, str, str]]:
        """Return ``entries``, a unit's that gave way as the place's it gave way to.

        See :func:`give_way`; only once :meth:`_ranked` has ranked ``key``.
        """
        same = self._index.compact.get(key.replace(" ", ""))
        heirs = self._index.heirs.get(same[0] if same else key)
        if not heirs:
            return entries
        return [(heirs.get(e[0], e[0]), e[1], e[2]) for e in entries]

    def _plans(self) -> dict[str, _Plan]:
        """How each exact key resolves, for columns (filled as keys are met; see :meth:`_plan`).

        Keyed by index keys and keys without their spaces (keys equal but for spaces share a
        plan, as in :meth:`NameIndex.entries`); other keys are not kept, so that it does not
        grow with every name met.
        """
        plans = self._index.plans
        if plans is None:
            plans = self._index.plans = {}
        return plans

    def _plan(self, key: str) -> _Plan | None:
        """How the exact key ``key`` resolves whatever the query's spelling (kept).

        ``lookup_many`` resolves most names with one look-up of this; a plan holds what
        :meth:`_choose` computes without the query's spelling.  ``None``: no such key.
        """
        plans = self._plans()
        ck = key.replace(" ", "")
        same = self._index.compact.get(ck)
        if not same:
            return None
        if ck in plans:
            plan = plans[ck]
            if key in same:  # (an index key; another spacing is not kept)
                plans[key] = plan
            return plan
        exact = self._index.exact
        entries = exact[same[0]] if len(same) == 1 else [e for k in same for e in exact[k]]
        first = entries[0][0]
        ranked: list[int] | None = None
        closest = False
        for e in entries:
            if e[0] != first:
                ranked = self._ranked(same[0], entries)
                entries = list(self._heir_entries(same[0], entries))
                if ranked is not None and len(ranked) == 1:
                    first, closest, ranked = ranked[0], True, None
                    entries = [e for e in entries if e[0] == first]
                else:
                    first = -1
                break
        spellings: dict[str, str] = {}
        if first >= 0:
            for e in entries:
                spellings.setdefault(e[2], e[1])
        by_place: dict[int, dict[str, str]] = {i: {} for i in ranked or ()}
        for e in entries if ranked else ():
            if e[0] in by_place:
                by_place[e[0]].setdefault(e[2], e[1])
        place = self._places[first] if first >= 0 else None
        in_syria = place is not None and place.located and place.country == "SY"
        pool = [self._ids[p.id] for p in with_points([self._places[i] for i in ranked or ()])]
        spelled = tuple((i, by_place[i]) for i in pool) if len(pool) > 1 else ()
        plan = _Plan(first, entries, ranked, closest, spellings, in_syria, spelled)
        plans[ck] = plan
        if key in same:
            plans[key] = plan
        return plan

    def _plan_all(self) -> None:
        """Make the plan of every key now (a one-time cost otherwise spread over look-ups)."""
        for keys in self._index.compact.values():
            for key in keys:
                self._plan(key)

    def _choose_ranked(
        self,
        query: str,
        qfold: str,
        entries: Sequence[tuple[int, str, str]],
        ranked: list[int],
        score: float,
        key: str,
    ) -> _Result:
        """:meth:`_choose` without filters, given the key's :meth:`_ranked` places."""
        entries = self._heir_entries(key, entries)
        wanted = set(ranked)
        best_alias: dict[int, tuple[int, str, str]] = {}
        best_sim: dict[int, float] = {}
        for e in entries:
            if e[0] in wanted:
                sim = 101.0 if e[2] == qfold else fuzz.ratio(qfold, e[2])
                if sim > best_sim.get(e[0], -1.0):
                    best_alias[e[0]] = e
                    best_sim[e[0]] = sim
        distinct = [self._places[i] for i in ranked]
        if len(distinct) > 1:
            fold_of = {self._places[i].id: e[2] for i, e in best_alias.items()}
            distinct = _break_tie(distinct, qfold, key, fold_of, self._own_names())
            if len(distinct) > 1:
                raise AmbiguousPlaceError(query, distinct)
        e = best_alias[self._ids[distinct[0].id]]
        return self._accept(query, qfold, distinct[0], e[1], e[2], score)

    def _accept(
        self,
        query: str,
        qfold: str,
        place: Place,
        alias: str,
        alias_fold: str,
        score: float,
        *,
        country: str | None = None,
    ) -> _Result:
        """Return the result for the chosen place, or raise when it cannot be used."""
        if not place.located:
            raise PlaceNotLocatedError(place, query)
        exact_spelling = alias_fold == qfold
        if country is None and place.country != "SY":
            why = _abroad_doubt(
                qfold, place, alias_fold, exact=exact_spelling and score >= 100, query=query
            )
            if why:
                raise PlaceNotFoundError(
                    query,
                    [f"{alias} ({place.kind}, {place.country}; country={place.country!r})"],
                    detail=why,
                )
        final = 100.0 if (score >= 100.0 and exact_spelling) else min(score, 97.0)
        return _Result(place, alias, final)

    def _suggest(
        self,
        name: str,
        country: str | None,
        kinds: frozenset[str] | None,
        limit: int = SUGGESTIONS,
        *,
        keyed: dict[str, tuple[str, str]] | None = None,
        close: dict[str, tuple[_CloseKeys, int]] | None = None,
    ) -> list[str]:
        """Close names (with kind and country) for an error message.

        ``keyed``: normalize() and fold() of spellings already computed; ``close``: the
        keys close to a key (:meth:`_fuzzy_stage`), where already computed.
        """
        out = []
        found = self.search(
            name,
            limit=limit + 2,
            country=country,
            kind=kinds,
            _min=SUGGEST_MIN,
            _keyed=keyed,
            _close=close if _search_keys(limit + 2) == SUGGEST_KEYS else None,
        )
        for m in found:
            label = f"{m.matched} ({m.place.kind}, {m.place.country})"
            if label not in out:
                out.append(label)
        return out[:limit]

    # --- search ---------------------------------------------------------------------

    def search(
        self,
        name: str,
        *,
        limit: int = 10,
        country: str | None = None,
        kind: str | Collection[str] | None = None,
        _min: float = 60.0,
        _keyed: dict[str, tuple[str, str]] | None = None,
        _close: dict[str, tuple[_CloseKeys, int]] | None = None,
    ) -> list[Match]:
        """Return the places whose names match ``name`` best, best first.

        Unlike :meth:`lookup` this never raises for ambiguous or unlocated places: they
        are listed (an unlocated place has ``place.located == False``).  Besides names
        spelled alike, it lists the sites named after ``name`` ("Nasib" finds the Nasib
        border crossing, "Hayan" the Hayan gas plant), which is what the suggestions of a
        name not found start from.

        Parameters
        ----------
        name : str
            A name as written.
        limit : int, keyword-only
            Most matches to return (1 or more).
        country : str, optional, keyword-only
            Country to restrict to, as for :meth:`lookup` (``"SY"``, ``"sy"``, ``"Syria"``).
        kind : str or collection of str, optional, keyword-only
            Kind(s) to restrict to.

        Returns
        -------
        list of Match
            At most ``limit`` matches, one per place, by decreasing score.

        Raises
        ------
        InvalidArgumentError, ArgumentTypeError
            ``limit`` is not an int of 1 or more, or ``country`` / ``kind`` is unusable
            (as for :meth:`lookup`).

        Examples
        --------
        >>> [m.place.id for m in Gazetteer.default().search("Hosh Matroud", limit=1)]
        ['curated:hosh-matroud']
        """
        known = _keyed or {}
        # (a spelling lookup has already keyed belongs to a name it validated: not again)
        text = name if isinstance(name, str) and name in known else validate_name(name)
        country = self._country(country)
        kinds = _kind_set(kind)
        if isinstance(limit, bool) or not isinstance(limit, (int, np.integer)):
            raise ArgumentTypeError(
                f"limit must be an int, got {type(limit).__name__} {limit!r}; e.g. limit=5"
            )
        if limit < 1:
            raise InvalidArgumentError(
                f"limit must be 1 or more, got {limit!r}; it is the most matches to return"
            )
        limit = int(limit)

        def key_of(spelling: str) -> str:
            kf = known.get(spelling)
            return normalize(spelling) if kf is None else kf[0]

        core, hint = _strip_qualifiers(text)
        base = core if (hint is not None and core) else text
        qfold = known[base][1] if base in known else fold(base)
        scored: dict[int, tuple[float, str]] = {}

        def offer(entries: Iterable[tuple[int, str, str]], score: float) -> None:
            for i, alias, alias_fold in entries:
                s = score
                if score >= 97.0:
                    s = 100.0 if alias_fold == qfold else 97.0
                if i not in scored or s > scored[i][0]:
                    scored[i] = (s, alias)

        offer(self._index.entries(key_of(text)), 100.0)
        bkey = key_of(base)
        offer(self._index.entries(bkey), 100.0)
        for variant in _variants(base):
            offer(self._index.entries(key_of(variant)), 96.0)
        known_close = (_close or {}).get(bkey)
        if known_close is not None:
            near_keys = known_close[0].of(known_close[1])
        else:
            near_keys = self._index.fuzzy(bkey, limit=_search_keys(limit), cutoff=_min)
        for k, s in near_keys:
            offer(self._index.exact[k], min(s, 95.0))
        # a site named after the name ("Nasib": "Nasib crossing"; "Hayan": "Hayan gas plant")
        # (the name's own words, or words a site adds to a name)
        site_words = site_word_keys().union(bkey.split())
        for k in self._index.containing(bkey):
            if all(w in site_words for w in k.split()):
                offer(self._index.exact[k], CONTAINING_SCORE)
        if len(scored) < limit:  # names sharing a word ("Baghuz Fawqani" for "Baghouz Tahtani")
            shared = sorted(self._index.token_keys(bkey))[:2000]
            for k, s, _ in process.extract(
                bkey, shared, scorer=fuzz.token_sort_ratio, limit=limit * 3, score_cutoff=_min
            ):
                offer(self._index.exact[k], min(s * 0.9, 90.0))
        want = kinds or hint
        ranked: list[tuple[float, bool, int, int, int, str]] = []
        kept: list[Place] = []
        for i, (s, alias) in scored.items():
            p = self._places[i]
            if country is not None and p.country != country.upper():
                continue
            if want is not None and p.kind not in want:
                continue
            ranked.append(
                (
                    -s,
                    hint is None and p.kind in ADMIN_KINDS,
                    SOURCE_PRIORITY.get(p.source, 5),
                    -(p.population or 0),
                    len(ranked),  # equals keep their order
                    alias,
                )
            )
            kept.append(p)
        ranked.sort()
        return [Match(kept[r[4]], -r[0], r[5], text) for r in ranked[:limit]]

    # --- columns ------------------------------------------------------------------------

    def lookup_many(
        self,
        names: Iterable[object],
        *,
        country: str | None = None,
        kind: str | Collection[str] | None = None,
    ) -> gpd.GeoDataFrame:
        """Resolve a whole column of names; one output row per input row.

        Each distinct name is resolved once.

        Parameters
        ----------
        names : list, tuple, pandas Series or Index, 1-D numpy array, or other iterable
            One column of names (a pandas Series keeps its index; ``None``/NaN and
            non-strings, such as the lists of a list of lists, are reported per row as
            invalid, not dropped).
        country : str, optional, keyword-only
            Country to restrict to, as for :meth:`lookup` (``"SY"``, ``"sy"``, ``"Syria"``).
        kind : str or collection of str, optional, keyword-only
            Kind(s) to restrict to.

        Returns
        -------
        geopandas.GeoDataFrame
            EPSG:4326, same index as ``names``; columns ``query, status`` (``"ok"``,
            ``"not_found"``, ``"ambiguous"``, ``"not_located"``, ``"invalid"``, and
            ``"geocoder_error"`` when a fallback geocoder (:meth:`with_fallback`) failed
            on the row, e.g. timed out or refused for quota), ``error,
            place_id, place_name, matched, score, kind, country, lon, lat, precision_m,
            admin1, admin1_pcode, admin2, admin2_pcode, admin3, admin3_pcode, source,
            geometry`` (``None`` when not resolved).  ``attrs["report"]`` is a DataFrame
            ``row, value, status, reason, suggestions`` of every row not resolved.

        Raises
        ------
        InputFormatError
            ``names`` is one str, a DataFrame or a 2-D array (not one column).
        ArgumentTypeError
            ``names`` is not a column of values (``None``, a number, bytes).
        InvalidArgumentError, ArgumentTypeError
            ``country`` or ``kind`` is unusable (as for :meth:`lookup`); raised before
            any row is resolved, not reported for every row.
        """
        from syriamap._many import lookup_many

        return lookup_many(self, names, country=country, kind=kind)

    # --- coordinates ----------------------------------------------------------------------

    def _place_table(self) -> dict[str, Any]:
        """Columns of all places as category codes and float arrays (built once).

        Each array has one extra last slot for "no place" (code -1, NaN, no point), so
        that ``lookup_many`` can index a million rows without touching Python objects.
        """
        if self._table is None:
            import pandas as pd
            import shapely

            codes: dict[str, np.ndarray] = {}
            cats: dict[str, Any] = {}
            for col in ("id", "name", "kind", "country", *ADMIN_FIELDS, "source"):
                values = pd.Series([getattr(p, col) for p in self._places], dtype=object)
                c, u = pd.factorize(values, use_na_sentinel=True)
                codes[col] = np.append(np.asarray(c, dtype=np.int64), -1)
                cats[col] = pd.Index(u, dtype="str")
            table: dict[str, Any] = {"codes": codes, "cats": cats}
            for col in ("lon", "lat", "precision_m"):
                vals = [getattr(p, col) for p in self._places]
                arr = np.array([np.nan if v is None else v for v in vals], dtype=float)
                table[col] = np.append(arr, np.nan)
            # each located place's point (shapely geometries are immutable: rows share them)
            located = ~np.isnan(table["lon"])
            points = np.full(len(located), None, dtype=object)
            points[located] = shapely.points(table["lon"][located], table["lat"][located])
            table["points"] = points
            # each place's row, by identity (a place from elsewhere is not the gazetteer's)
            table["positions"] = {id(p): j for j, p in enumerate(self._places)}
            table["positions"][id(None)] = len(self._places)  # no place: the extra slot
            self._table = table
        return self._table

    def _located_arrays(self) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        if self._coords is None:
            idx = np.array([i for i, p in enumerate(self._places) if p.located], dtype=np.int64)
            lon = np.array([self._places[i].lon for i in idx], dtype=float)
            lat = np.array([self._places[i].lat for i in idx], dtype=float)
            self._coords = (idx, lon, lat)
        return self._coords

    def nearest(
        self, lon: float, lat: float, *, kind: str | Collection[str] | None = None
    ) -> Place:
        """Return the located place nearest to a point.

        Parameters
        ----------
        lon, lat : float
            WGS84 degrees.
        kind : str or collection of str, optional, keyword-only
            Only places of these kinds.

        Returns
        -------
        Place
        """
        x, y = _check_lonlat(lon, lat)
        kinds = _kind_set(kind)
        idx, lons, lats = self._located_arrays()
        if kinds is not None:
            keep = np.array([self._places[i].kind in kinds for i in idx], dtype=bool)
            idx, lons, lats = idx[keep], lons[keep], lats[keep]
        if len(idx) == 0:
            raise PlaceNotFoundError(
                f"nearest to ({x}, {y})", detail=f"no located place of {_kinds_text(kinds)}"
            )
        p1, p2 = np.radians(y), np.radians(lats)
        h = (
            np.sin((p2 - p1) / 2) ** 2
            + np.cos(p1) * np.cos(p2) * np.sin(np.radians(lons - x) / 2) ** 2
        )
        return self._places[int(idx[int(np.argmin(h))])]

    def admin_areas(
        self, lons: Sequence[float] | np.ndarray, lats: Sequence[float] | np.ndarray
    ) -> list[AdminArea]:
        """Return the administrative areas of many points (see :meth:`admin_area`).

        Parameters
        ----------
        lons, lats : array-like of float
            WGS84 degrees, same length.

        Returns
        -------
        list of AdminArea
            One per point, in order.

        Raises
        ------
        CoordinateTypeError, InvalidCoordinateError
            Non-numeric, non-finite or out-of-range coordinates (the first bad one is named).
        """
        from syriamap._admin import admin_areas

        try:
            x = np.asarray(lons, dtype=float)
            y = np.asarray(lats, dtype=float)
        except (TypeError, ValueError):
            raise CoordinateTypeError(
                "lons and lats must be numbers in degrees (arrays of float)"
            ) from None
        if x.shape != y.shape or x.ndim != 1:
            raise InvalidCoordinateError(
                f"lons and lats must be 1-D and of one length, got shapes {x.shape} and {y.shape}"
            )
        bad = ~(np.isfinite(x) & np.isfinite(y) & (np.abs(x) <= 180) & (np.abs(y) <= 90))
        if bad.any():
            i = int(np.flatnonzero(bad)[0])
            raise InvalidCoordinateError(
                f"point {i} (lon {x[i]!r}, lat {y[i]!r}) is not a finite lon in -180..180 "
                "and lat in -90..90"
            )
        return admin_areas(x, y) if len(x) else []

    def admin_area(self, lon: float, lat: float) -> AdminArea:
        """Return the administrative area of a point.

        Parameters
        ----------
        lon, lat : float
            WGS84 degrees.

        Returns
        -------
        AdminArea
            Governorate by polygon (Natural Earth 10m); district and subdistrict named
            after the town the point lies in, else by the nearest representative centroid
            within that governorate relative to each subdistrict's size; OCHA P-codes; for
            neighbouring countries the first-level division; ``country=None`` with empty
            fields outside the shipped countries.

        Examples
        --------
        >>> Gazetteer.default().admin_area(40.14, 35.335).admin1_pcode
        'SY09'
        """
        from syriamap._admin import admin_areas

        x, y = _check_lonlat(lon, lat)
        return admin_areas([x], [y])[0]


# --- helpers ----------------------------------------------------------------------------


def _memo_key(key: str, qfold: str, text: str, *, exact: bool) -> tuple[str, ...]:
    """Key under which a look-up's result is remembered (``Gazetteer._memo``).

    ``(key, fold)`` for a result of the exact-key stage, which every spelling with that
    key and fold shares, unless the name's Turkish letters relaxed a doubt
    (:data:`LOOSE_TURKISH`); else ``(key, fold, name as written)``.
    """
    if exact and not _TURKISH_ONLY.search(text):
        return (key, qfold)
    return (key, qfold, text)


def _qualified_inexact(qfold: str, entries: Sequence[tuple[int, str, str]]) -> bool:
    """Whether a qualified name's exact-key ``entries`` are all spelled otherwise.

    A name of several words, the last or first a qualifier ("Qara town"), none of whose
    entries is spelled as it is, nor as its name without the qualifier ("Damascus
    Countrysidde" is the "Damascus Countryside" it keys like).
    """
    if " " not in qfold:
        return False
    first, _, rest = qfold.partition(" ")
    if first not in _QUALIFIERS and rest.rpartition(" ")[2] not in _QUALIFIERS:
        return False  # (most names: no qualifier as spelled; checked before the costlier)
    core = _name_part(qfold)
    return core != qfold and not any(e[2] == qfold or _name_part(e[2]) == core for e in entries)


def _rank_per_target(seg: np.ndarray, scores: np.ndarray) -> np.ndarray:
    """Positions of the scores sorted by target, best first, equal scores in their order.

    ``seg``: each score's target; ``scores``: ratios, 0 to 100.  One stable sort of
    ``target * 128 + (100 - score)``: exact, since distinct ratios differ by far more than
    the rounding of these sums, and equal ratios give equal sums.
    """
    return np.argsort(seg * 128.0 + (100.0 - scores), kind="stable")


def _best_per_target(
    seg: np.ndarray,
    scores: np.ndarray,
    counts: np.ndarray,
    *,
    limit: int = 30,
    cutoff: float = 70.0,
    order: np.ndarray | None = None,
) -> np.ndarray:
    """Positions of the best ``limit`` scores of ``cutoff`` or more of each target, in order.

    ``seg``: each score's target (sorted); ``counts``: how many scores each target has;
    ``order``: :func:`_rank_per_target` of them, if already computed.  Best first within a
    target, equal scores in their order.
    """
    n = len(scores)
    if order is None:
        order = _rank_per_target(seg, scores)
    starts = np.concatenate(([0], np.cumsum(counts)[:-1])).astype(np.int64)
    rank = np.arange(n) - starts[seg[order]] if n else np.zeros(0, dtype=np.int64)
    return order[(scores[order] >= cutoff) & (rank < limit)]


def _closest_entry(qfold: str, entries: Sequence[tuple[int, str, str]]) -> tuple[int, str, str]:
    """Return the entry spelled most like ``qfold`` (the first of equals; exact wins)."""
    sims = [fuzz.ratio(qfold, e[2]) for e in entries]
    return entries[sims.index(max(sims))]


def _pairwise_ratio(
    queries: Sequence[str] | np.ndarray, choices: Sequence[str] | np.ndarray
) -> np.ndarray:
    """``fuzz.ratio`` of each query with the choice at the same position, in one call."""
    if not len(queries):
        return np.zeros(0)
    # rapidfuzz scores a large batch on every core, without the GIL: the same scores
    workers = -1 if len(queries) >= PARALLEL_PAIRS else 1
    return process.cpdist(queries, choices, scorer=fuzz.ratio, dtype=np.float64, workers=workers)


def _kinds_text(kinds: frozenset[str] | None) -> str:
    return f"kind in {sorted(kinds)!r}" if kinds else ""


def _first_consonant(key: str) -> str:
    """First consonant of a key's skeleton, ``kh`` (``x``) read as ``h``."""
    sk = skeleton(key)
    return "h" if sk[:1] == "x" else sk[:1]


def _abroad_doubt(
    qfold: str, place: Place, alias_fold: str, *, exact: bool, query: str = ""
) -> str:
    """Why a match outside Syria is too doubtful to return without ``country=`` ("" if not).

    An exact spelling counts unless it is an Arabic-script alternate name of a small place
    in a country where Arabic is not spoken (:data:`ALIAS_ABROAD_POP`); an inexact spelling
    must be close to the name matched (:data:`LOOSE_ABROAD`; for ``query``, the name as
    written, in Turkish letters and a place in Turkey, :data:`LOOSE_TURKISH`).
    """
    if exact:
        if (
            place.country not in ARABIC_SPEAKING
            and _ARABIC.search(alias_fold) is not None
            and place.source not in {"curated", "user"}
            and (place.population or 0) < ALIAS_ABROAD_POP
            and alias_fold not in _own_folds(place)
        ):
            return "only an Arabic alternate name of a small place outside Syria"
        return ""
    pop = place.population or 0
    needed = LOOSE_ABROAD[-1][1]
    for floor, limit in LOOSE_ABROAD:  # (the first floor the population reaches)
        if pop >= floor:
            needed = limit
            break
    if (
        pop < LOOSE_ABROAD_ALTERNATE[0]
        and needed < LOOSE_ABROAD_ALTERNATE[1]
        and alias_fold not in _own_folds(place)
    ):
        needed = LOOSE_ABROAD_ALTERNATE[1]
    if place.country == "TR" and needed > LOOSE_TURKISH and _TURKISH_ONLY.search(query):
        needed = LOOSE_TURKISH
    if fuzz.ratio(qfold, alias_fold) >= needed:
        return ""
    return "only a loose spelling match, outside Syria"


def _check_fallback(
    text: str,
    place: Place,
    offline: PlaceNotFoundError,
    country: str | None,
    kinds: frozenset[str] | None,
    near: tuple[float, float] | None,
) -> None:
    """Refuse a fallback geocoder's place that ``country=``/``kind=``/``near=`` rule out."""
    found = f"{place.name} ({place.kind}, {place.country or 'no country'}, id {place.id})"
    why = ""
    if country is not None and place.country != country.upper():
        why = f"it is in {place.country or 'no known country'}, not country={country!r}"
    elif kinds is not None and place.kind not in kinds:
        why = f"it is a {place.kind}, not {_kinds_text(kinds)}"
    elif near is not None:
        if not place.located:
            why = "it has no coordinates to compare with near="
        else:
            ref = Place("near", "near", "locality", near[0], near[1], 0.0, "")
            off_m = _distance_m(place, ref)
            limit = FALLBACK_NEAR_M + (place.precision_m or 0.0)
            if off_m > limit:
                why = (
                    f"it lies {off_m / 1000:,.0f} km from near={near!r}, farther than "
                    f"{limit / 1000:,.0f} km"
                )
    if why:
        raise PlaceNotFoundError(
            text,
            offline.suggestions,
            detail=f"not offline; the fallback geocoder found {found}, refused: {why}",
        )


def _checked_places(places: object) -> Iterable[Place]:
    """Yield the :class:`Place` objects of ``places``; ArgumentTypeError for anything else."""
    if isinstance(places, (str, bytes, Place)) or not isinstance(places, Iterable):
        raise ArgumentTypeError(
            f"expected an iterable of Place objects or a path, got {type(places).__name__} "
            f"{places!r}; wrap one place in a list ([place])"
        )
    for i, p in enumerate(places):
        if not isinstance(p, Place):
            raise ArgumentTypeError(
                f"expected Place objects, got {type(p).__name__} {p!r} at position {i}; "
                "build them with syriamap.Place(id, name, kind, lon, lat, precision_m, "
                "country), or pass a CSV path"
            )
        yield p


def _rebuild(base: Gazetteer, new: Sequence[Place]) -> Gazetteer:
    g = Gazetteer([*base.places, *new])
    g._fallback = base._fallback
    return g


@cache
def _default() -> Gazetteer:
    places = [_place_from_row(r) for r in _data.place_rows()]
    g = Gazetteer.__new__(Gazetteer)
    g._setup(places, known=_data.name_keys())  # names keyed at build time, when still valid
    return g


def lookup(name: str, **kwargs: Any) -> Place:
    """Look ``name`` up in the default gazetteer; see :meth:`Gazetteer.lookup`.

    Examples
    --------
    >>> lookup("Albu Kamal").name == lookup("Abu Kamal").name
    True
    """
    return Gazetteer.default().lookup(name, **kwargs)


def admin_area(lon: float, lat: float) -> AdminArea:
    """Administrative area of a point in the default gazetteer; see :meth:`Gazetteer.admin_area`.

    Examples
    --------
    >>> admin_area(38.61778, 33.50583).admin1  # (lon, lat) of the al-Tanf garrison
    'Homs'
    """
    return Gazetteer.default().admin_area(lon, lat)
