"""Place mentions in news text: :func:`find_places` and :class:`Mention`.

The geoparser is driven by the gazetteer rather than by a general named-entity
recogniser, so that small Syrian places (al-Tanf, Khusham, Hosh Matroud,
Qesirdib) are found where a general model misses them, and so that the many
spellings news uses (``Deir ez-Zor``, ``Dayr az-Zawr``, ``Deir Ezzor``,
``دير الزور``) all match:

1. The text is split into tokens (:func:`syriamap.names.tokenize`) and every
   token is folded to its key form (:func:`syriamap.names.normalize_token`);
   tokens inside URLs and e-mail addresses and across sentence punctuation are
   replaced by barriers.
2. The normalised aliases of every place are indexed once per gazetteer (and
   cached): one-word names in a dict looked up per token (with a long word also
   tried as a name of several words written as one: "Albukamal"), longer names
   in one Aho-Corasick automaton that finds all their matches on the token
   stream in one pass.  Organisation names that contain a toponym ("Syrian
   Observatory for Human Rights", "Islamic State", "Wilayat Sinai") and demonyms
   ("Syrian", "Iraqi") are entries of the same index that block what they
   cover.  The longest match wins.
3. Matches that are not place names are dropped: lower-case words, common
   English words matching a minor place ("Will"), person names after a title,
   acronyms that do not match exactly, and country abbreviations used as
   modifiers ("US forces").
4. Each remaining mention is resolved among its candidate places using the
   article's context: the countries and places it names, "X in Y" / "near Y"
   patterns, the dateline, and proximity to the other resolved mentions.
   Places outside Syria stay outside Syria.
5. Country and capital names used as political actors ("Russia alerted the
   United States") are kept with ``role="actor"``; definite noun phrases such
   as "the base" or "the crossing" are resolved to the most recent place of a
   matching kind (``kind="anaphor"``).

Everything runs in time linear in the length of the text; untrusted input
(control characters, megabyte-long texts) is safe.
"""

from __future__ import annotations

import bisect
import itertools
import math
import operator
import re
import threading
import weakref
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import TYPE_CHECKING, Any, TypeVar

import ahocorasick
import numpy as np
from rapidfuzz import fuzz

from syriamap import _textdata
from syriamap._query import site_word_keys
from syriamap._rank import SETTLEMENT_KINDS, _own_folds, generic_town_name, give_way
from syriamap.errors import TextTypeError
from syriamap.names import (
    fold,
    is_generic,
    normalize,
    normalize_many,
    normalize_token,
    tokenize,
)
from syriamap.place import Place

if TYPE_CHECKING:
    from syriamap.gazetteer import Gazetteer

__all__ = ["MENTION_KINDS", "MENTION_ROLES", "Mention", "find_places"]

#: Values of :attr:`Mention.kind`.
MENTION_KINDS = ("name", "anaphor")
#: Values of :attr:`Mention.role`.
MENTION_ROLES = ("location", "actor")

_MAJOR_KINDS = frozenset({"country", "governorate", "province", "city", "region"})
_ADMIN_KINDS = frozenset({"country", "governorate", "province", "district", "subdistrict"})
_MINOR_KINDS = frozenset({"village", "locality", "town"})
#: Least similarity (0-100, ``fuzz.ratio`` of folds) of a spelling to a minor place's own,
#: or to a world name's, for an inexact match to stand: "al-Sina'a" (industry) keys like
#: Shīn's "Chine" and like "China"
_ALIKE = 75.0
_KIND_PRIOR = {
    "country": 1.0,
    "governorate": 0.9,
    "province": 0.85,
    "city": 0.85,
    "region": 0.8,
    "district": 0.3,
    "town": 0.55,
    "subdistrict": 0.2,
    "village": 0.35,
    "locality": 0.35,
}
_FACILITY_PRIOR = 0.8  # bases, crossings, fields, camps ... (curated, conflict-relevant)
_ARTICLE_TOKENS = _textdata._words(
    "al el il ul ad adh ar as ash at ath az an ed er es esh et ez en"
)
# articles that are also English words ("at", "as", "an"): part of a name only when joined
# to it by a hyphen or apostrophe ("at-Tanf", "as-Suwayda"), or in GeoNames' spelling (see
# _article_joined)
_SPACED_ARTICLES = frozenset({"al", "el"})
_ENGLISH_ARTICLES = frozenset({"at", "as", "an", "ad", "ash", "ed", "en", "et"})
_JOINED_GAP = re.compile(r"[\-\u2010\u2011'\u2019]")
_FORMAT_CHARS = "\u200b\u200c\u200d\u200e\u200f\u2060\ufeff\u00ad\u061c"
_SENTENCE_END = re.compile(
    r"[.!?\u061f\u06d4]+[\"'\u201d\u2019)\]]*(?=\s)|\n[ \t]*\n|\n(?=[ \t]*[A-Z\"\u201c])"
)
_ANAPHOR_MODIFIERS = (
    *("US", "U.S.", "American", "Russian", "Turkish", "Iraqi", "Syrian", "coalition"),
    *("military", "nearby", "border", "same", "besieged", "main", "former"),
)
#: how the token after an anaphor's "the" begins (a modifier or a head's first word)
_ANAPHOR_NEXT = tuple(
    {re.split(r"\W", w, maxsplit=1)[0] for w in (*_ANAPHOR_MODIFIERS, *_textdata.ANAPHOR_HEADS)}
)
_ANAPHOR = re.compile(
    r"\b[Tt]he\s+(?:(?:"
    + "|".join(re.escape(m) for m in _ANAPHOR_MODIFIERS)
    + r")\s+)?("
    + "|".join(sorted((re.escape(h) for h in _textdata.ANAPHOR_HEADS), key=len, reverse=True))
    + r")\b(?!\s+(?:of|in|at|near|between|to)\b)(?!-)"
)
_LOCATIVE_BEFORE = re.compile(
    r"(?:\b(?:in|to|from|at|near|inside|across|into|throughout|within|of|over)\s+(?:the\s+)?"
    r"(?:[A-Z][\w.\-'\u2019]*\s+){0,3}(?:(?:,\s*)?(?:and|or)\s+|,\s*))?"
    r"\b(?:in|to|from|at|near|inside|across|into|throughout|within|of|over)\s+(?:the\s+)?$"
    r"|\b(?:in|to|from|at|near|inside|across|into|throughout|within|of|over)\s+(?:the\s+)?"
    r"(?:[A-Z][\w.\-'\u2019]*\s+){1,3}(?:(?:,\s*)?(?:and|or)\s+|,\s*)$"
)
_ANAPHOR_WINDOW = 3000  # characters back to look for an antecedent
_MAX_ANCHORS = 200


@dataclass(frozen=True, slots=True)
class Mention:
    """One place mention in a text.

    Attributes
    ----------
    start, end : int
        Character offsets in the text: ``text[start:end] == mention.text``.
    text : str
        The mention as written.
    alias : str or None
        The gazetteer alias (or known name) the mention matched; for an anaphor, the
        noun phrase.
    place : Place or None
        The resolved place, or ``None`` (see ``reason``).  A place with no sourced
        location (e.g. Hosh Matroud) is resolved but not :attr:`located`.
    reason : str or None
        Why ``place`` is ``None``, or a caveat (place not located, anaphor); ``None``
        when the mention resolved without caveat.
    in_syria : bool or None
        Whether the place lies in Syria; ``None`` when unknown (ambiguous, or a region
        such as "the Middle East" that includes Syria).
    country : str or None
        ISO 3166-1 alpha-2 code of the place's country, when known.
    confidence : float
        0-1: how sure the parser is that this is a place mention resolved correctly.
    kind : str
        ``"name"`` (a toponym) or ``"anaphor"`` ("the base" referring back).
    role : str
        ``"location"``, or ``"actor"`` for a country or capital used for its government
        ("Russia alerted the United States").
    antecedent : int or None
        For an anaphor, the index (in the list returned by :func:`find_places`) of the
        mention it refers to.
    candidates : tuple of Place
        Other places the name could denote, best first (empty when unambiguous).

    Examples
    --------
    >>> text = ("Russian jets struck near Khusham, 14 km southeast of Deir ez-Zor, "
    ...         "the Syrian Observatory for Human Rights said.")
    >>> [(m.text, m.start, m.end, m.place_id, m.in_syria) for m in find_places(text)]
    [('Khusham', 25, 32, 'curated:khusham', True), ('Deir ez-Zor', 53, 64, 'geonames:170794', True)]
    """

    start: int
    end: int
    text: str
    alias: str | None
    place: Place | None
    reason: str | None
    in_syria: bool | None
    country: str | None
    confidence: float
    kind: str = "name"
    role: str = "location"
    antecedent: int | None = None
    candidates: tuple[Place, ...] = field(default=(), repr=False)

    @property
    def located(self) -> bool:
        """Whether the mention resolved to a place with sourced coordinates."""
        return self.place is not None and self.place.located

    @property
    def place_id(self) -> str | None:
        """Id of the resolved place, or ``None``."""
        return None if self.place is None else self.place.id

    def to_dict(self) -> dict[str, Any]:
        """Return the mention as a JSON-ready dict (place as id, name, lon, lat).

        Examples
        --------
        >>> m = find_places("Strikes hit Khusham.")[0]
        >>> d = m.to_dict()
        >>> d["text"], d["place_id"], d["in_syria"]
        ('Khusham', 'curated:khusham', True)
        """
        p = self.place
        return {
            "start": self.start,
            "end": self.end,
            "text": self.text,
            "alias": self.alias,
            "place_id": None if p is None else p.id,
            "place_name": None if p is None else p.name,
            "place_kind": None if p is None else p.kind,
            "lon": None if p is None else p.lon,
            "lat": None if p is None else p.lat,
            "precision_m": None if p is None else p.precision_m,
            "located": self.located,
            "reason": self.reason,
            "in_syria": self.in_syria,
            "country": self.country,
            "confidence": round(self.confidence, 3),
            "kind": self.kind,
            "role": self.role,
            "antecedent": self.antecedent,
            "candidates": [c.id for c in self.candidates],
        }


# --- the cached index ---------------------------------------------------------------------


#: (place id, alias) candidates, ids of exact spellings, name outside the gazetteer
_Candidates = tuple[list[tuple[str, str]], set[str], str, frozenset[str]]


@dataclass(slots=True)
class _Entry:
    """What one automaton key stands for."""

    key: str
    ntok: int
    label: str  # "place" | "block"  (a place entry may also carry a world name)
    places: list[tuple[str, str]] = field(default_factory=list)  # (place id, alias)
    note: str = ""  # block reason
    world: str = ""  # a known name outside the gazetteer's coverage ("Ukraine")
    block_folds: set[str] = field(default_factory=set)  # spellings of blocking words
    iso: str = ""  # its ISO code ("" for regions spanning several countries)


_JOINED_MIN = 7  # shortest word (and key) read as a longer name written as one word
_JOINED_MIN_ARABIC = 5  # the same in Arabic script ("البوكمال", key "بوكمال")
_OTHER_SCRIPT = re.compile(r"[^\W\d_A-Za-z\u00c0-\u024f\u1e00-\u1eff\u0600-\u06ff\u0750-\u077f]")


def _usable_alias(alias: str) -> bool:
    """Whether an alias is a name as news would write it.

    GeoNames alternate names include lower-case romanised search keys ("nwa",
    "almalkyt") and names in other scripts (Greek, Cyrillic, CJK ...): neither
    occurs in English or Arabic news, and the keys collide with English words.
    """
    if _OTHER_SCRIPT.search(alias):
        return False
    has_latin = any("a" <= c.lower() <= "z" for c in alias)
    return not (has_latin and not any(c.isupper() for c in alias))


_LOWER_ASCII = frozenset("abcdefghijklmnopqrstuvwxyz")


_T = TypeVar("_T")
_UNSET: Any = object()
_CACHE_LIMIT = 200_000  # distinct words / gaps kept per cache (untrusted texts hold millions)


def _lookup_all(cache: dict[str, _T], fill: Callable[[str], _T], items: Sequence[str]) -> list[_T]:
    """``[cache[x] for x in items]``, computing ``fill(x)`` for the items not cached yet.

    ``map`` over a plain dict's ``__getitem__`` runs in C (a dict subclass with
    ``__missing__`` is twice as slow); a miss fills every missing item at once and
    retries.  The cache is emptied when it outgrows :data:`_CACHE_LIMIT`.
    """
    try:
        return list(map(cache.__getitem__, items))
    except KeyError:
        missing = set(items).difference(cache)
        if len(cache) + len(missing) > _CACHE_LIMIT:
            cache.clear()
            missing = set(items)
        for x in missing:
            cache[x] = fill(x)
    try:
        return list(map(cache.__getitem__, items))
    except KeyError:  # another thread emptied the cache meanwhile
        out: list[_T] = []
        for x in items:
            v = cache.get(x, _UNSET)
            out.append(fill(x) if v is _UNSET else v)
        return out


class _Index:
    """Aho-Corasick automaton over the normalised aliases of a gazetteer's places."""

    def __init__(self, places: Iterable[Place]) -> None:
        self.places: dict[str, Place] = {}
        self.folds: dict[str, frozenset[str]] = {}
        entries: dict[str, _Entry] = {}

        def entry(key: str) -> _Entry:
            e = entries.get(key)
            if e is None:
                e = _Entry(key, key.count(" ") + 1, "place")
                entries[key] = e
            return e

        for place in places:
            self.places[place.id] = place
            names = [place.name, *(place.aliases or ())]
            if place.name_ar:
                names.append(place.name_ar)
            folds = {fold(place.name)}
            seen: set[str] = set()
            for alias in names:
                if not alias or (alias != place.name and not _usable_alias(alias)):
                    continue
                key = normalize(alias)
                if not key or len(key) < 2:
                    continue
                # is_generic reads a name as written ("Deir", "North", "Qasr"), not a key:
                # the key of "At Tall" ("tal") looks generic, that of "North" does not;
                # a generic word after an article may be a town's name ("Al-Tal", At Tall)
                if " " not in key and is_generic(alias) and generic_town_name(place, alias) is None:
                    continue
                # every spelling counts as exact, also one keyed like an earlier name
                # ("Serghaya" keys as the name "Sirghāyā" does)
                folds.add(fold(alias))
                if key in seen:
                    continue
                seen.add(key)
                entry(key).places.append((place.id, alias))
            self.folds[place.id] = frozenset(folds)
        for name, iso in _textdata.WORLD_PLACES.items():
            key = normalize(name)
            if key:
                e = entry(key)
                if not e.world:
                    e.world, e.iso = name, iso
        for label_note, words in (
            ("organisation name", _textdata.ORGANISATIONS),
            ("demonym", _textdata.DEMONYMS),
            ("not a place name", _textdata.NON_PLACE_CAPITALISED),
        ):
            for w in words:
                key = normalize(w)
                if key:
                    e = entry(key)
                    e.label = "block"
                    e.note = e.note or label_note
                    e.block_folds.add(fold(w))
        #: spellings of one-word names and blocking words (to tell a surname from a place)
        self.single_folds = frozenset(
            f for folds in self.folds.values() for f in folds if f and " " not in f
        ) | frozenset(f for e in entries.values() for f in e.block_folds if " " not in f)
        #: keys of the tokens that occur inside multi-word names ("crossing" in
        #: "al-Tanf crossing point"): a lower-case token is only kept for these
        self.inner_tokens = frozenset(
            tok for key in entries if " " in key for tok in key.split(" ")
        )
        #: (entry id, surface, mostly lower-case) -> candidates, shared by all texts
        self.candidate_memo: dict[tuple[int, str, bool, bool], _Candidates | None] = {}
        #: word -> (key, key for the automaton, one-word entry): see word_facts
        self.word_info: dict[str, tuple[str, str, _Entry | None]] = {}
        #: one-word keys are looked up per token (a dict lookup is cheaper than an
        #: automaton match, and most matches are one word); the automaton holds the rest
        self.single: dict[str, _Entry] = {k: e for k, e in entries.items() if e.ntok == 1}
        #: names of several words written as one ("Albukamal", "Telabyad", "Almayadin"):
        #: the key of the words joined, articles kept ("Al-Bukamal" -> "albakamal"),
        #: for long words that are no one-word name ("Raselain" stays an alternate name
        #: of Ceylanpinar: a joined key never overrides a name as written)
        self.joined: dict[str, _Entry] = {}
        written: list[tuple[_Entry, str, str, str]] = []  # (entry, place id, alias, joined)
        for e in entries.values():
            if e.label != "place":
                continue
            for pid, alias in e.places:
                parts = [w for _, _, w in tokenize(alias)]
                if len(parts) > 1:
                    written.append((e, pid, alias, "".join(parts)))
        # normalize_many keys many names in one pass; without its spaces, the key of a
        # joined word is what normalize_token gives it
        joined_keys = normalize_many([w for _, _, _, w in written])
        for (e, pid, alias, _), key in zip(written, joined_keys, strict=True):
            joined = key.replace(" ", "")
            # (Arabic script writes no short vowels: its names are shorter)
            shortest = _JOINED_MIN_ARABIC if "\u0600" <= joined[:1] <= "\u06ff" else _JOINED_MIN
            if len(joined) < shortest or joined == e.key:
                continue
            single = self.single.get(joined)
            if single is not None:
                # a one-word name (or blocking word) as written comes first, except an admin
                # unit's: a bare name means the town it is named after ("البوكمال", the
                # district's Arabic name, is also the town's "البو كمال")
                kind = self.places[pid].kind
                if (
                    single.label == "place"
                    and kind not in _ADMIN_KINDS
                    and all(self.places[p].kind in _ADMIN_KINDS for p, _ in single.places)
                    and (pid, alias) not in single.places
                ):
                    single.places.append((pid, alias))
                continue
            je = self.joined.get(joined)
            if je is None:
                je = self.joined[joined] = _Entry(joined, 1, "place")
            if (pid, alias) not in je.places:
                je.places.append((pid, alias))
        #: word -> the one-word entry it matches in whatever case (mostly lower-case texts)
        self.single_hits_any: dict[str, _Entry | None] = {}
        self.automaton = ahocorasick.Automaton()
        for key, e in entries.items():
            if e.ntok > 1:
                self.automaton.add_word(f" {key} ", e)
        self.has_multi = len(self.automaton) > 0
        if self.has_multi:
            self.automaton.make_automaton()
        self.actor_capitals = frozenset(normalize(c) for c in _textdata.CAPITALS)
        #: ids of places that may stand for a government (countries, capitals)
        self.actor_ids = frozenset(
            p.id
            for p in self.places.values()
            if p.kind == "country"
            or (p.kind == "city" and normalize(p.name) in self.actor_capitals)
        )

    def word_facts(self, word: str) -> tuple[str, str, _Entry | None]:
        """Return what the parser needs of a word, in one look-up per word.

        ``(key, hay, entry)``: its :func:`~syriamap.names.normalize_token` key; the key
        the automaton reads, ``"#"`` (a barrier) for a lower-case word that no name can
        start or contain ("the", "struck"); the one-word entry it matches (none for a
        lower-case word: a single lower-case word is never a name, see
        :func:`_candidates`).
        """
        k = normalize_token(word)
        if word[:1] in _LOWER_ASCII:
            return k, ("#" if k and k not in self.inner_tokens else k), None
        hit = self.single_hit_any(word)
        if hit is None and word[:1] == "\u0648" and len(word) >= 4 and k not in self.inner_tokens:
            # Arabic lists places with "and" written onto the name ("والبوكمال", "وحلب"):
            # the rest of the word, when it is a name (after the article, or a town's)
            rest = word[1:]
            rest_hit = self.single_hit_any(rest)
            if rest.startswith("\u0627\u0644") or (
                rest_hit is not None
                and any(self.places[p].kind not in _MINOR_KINDS for p, _ in rest_hit.places)
            ):
                rk = normalize_token(rest)
                return rk, rk, rest_hit
        return k, k, hit

    def single_hit_any(self, word: str) -> _Entry | None:
        """Return the one-word entry a word matches, in whatever case it is written.

        A long word that is no one-word name may be a longer name written as one word.
        """
        if not word:
            return None
        k = normalize_token(word)
        if len(word) >= _JOINED_MIN:
            hit = self.joined.get(k)
            if hit is not None:
                return hit
        return self.single.get(k)


_INDEX_LOCK = threading.Lock()
_INDEXES: weakref.WeakKeyDictionary[Any, _Index] = weakref.WeakKeyDictionary()
_STRONG_INDEXES: dict[int, tuple[Any, _Index]] = {}


def _gazetteer_places(gz: Any) -> Iterator[Place]:
    """Iterate over every place of a gazetteer."""
    for attr in ("places", "iter_places", "all_places"):
        obj = getattr(gz, attr, None)
        if obj is None:
            continue
        obj = obj() if callable(obj) else obj
        if isinstance(obj, dict):
            yield from obj.values()
        else:
            yield from obj
        return
    yield from iter(gz)


def _default_gazetteer() -> Gazetteer:
    from syriamap.gazetteer import Gazetteer

    return Gazetteer.default()


def _index_for(gz: Any) -> _Index:
    """Return the (cached) automaton of ``gz``."""
    with _INDEX_LOCK:
        try:
            idx = _INDEXES.get(gz)
        except TypeError:  # not weak-referenceable
            pair = _STRONG_INDEXES.get(id(gz))
            idx = pair[1] if pair is not None and pair[0] is gz else None
        if idx is None:
            idx = _Index(_gazetteer_places(gz))
            try:
                _INDEXES[gz] = idx
            except TypeError:
                if len(_STRONG_INDEXES) > 8:
                    _STRONG_INDEXES.clear()
                _STRONG_INDEXES[id(gz)] = (gz, idx)
        return idx


# --- tokens ---------------------------------------------------------------------------------


@dataclass(slots=True)
class _Tokens:
    """Tokens of a text with their normalised keys and sentence starts."""

    text: str
    starts: list[int]
    ends: list[int]
    words: list[str]
    keys: list[str]
    sentence_initial: list[bool]
    mostly_lower: bool
    #: keys as the automaton reads them: lower-case words that no name can start or
    #: contain (unless the text is mostly lower case) and barriers are ``"#"``
    hay: list[str]
    #: the one-word entry each token matches (``None`` in URLs and for barriers)
    hits: list[_Entry | None]


_URL_ANCHOR = re.compile(r"://|[Ww][Ww][Ww]\.|@")
_URL_TLD = re.compile(
    r"\.(?:com|org|net|gov|edu|int|info|io|news|tv|ru|sy|uk|tr|iq|jo|lb|il|ir|eg|sa|ae|qa|de"
    r"|fr)\b",
    re.IGNORECASE,
)
_WW = ("ww", "Ww", "wW", "WW")  # in every spelling of "www"
_POSSESSIVE = re.compile(r"['\u2019]s\b")
_FIRST = operator.itemgetter(0)
_SECOND = operator.itemgetter(1)
_THIRD = operator.itemgetter(2)
# bytes.translate deletes these: what is left counts the upper / lower-case ASCII letters
_NOT_UPPER_ASCII = bytes(b for b in range(256) if not 65 <= b <= 90)
_NOT_LOWER_ASCII = bytes(b for b in range(256) if not 97 <= b <= 122)
_NON_SPACE_RUN = 2048  # longest URL / address considered, in characters
# characters that separate two tokens too strongly for a name to run across them
_HARD_GAP = re.compile(
    r"[^\w\s\-\u2010\u2011\u2012\u2013,/ʿʾ'’‘`´ʻʼʹʽ′\u0300-\u036f\u064b-\u065f\u0670]"
    r"|\n[ \t\r]*\n"
)


def _blocked_spans(text: str) -> list[tuple[int, int]]:
    """Spans of URLs, e-mail addresses, handles and bare domain names.

    Each anchor (``http://``, ``www.``, ``@``, ``.com`` ...) blocks the whole run of
    non-space characters around it, so the scan stays linear in the text length.
    """
    spans: list[tuple[int, int]] = []
    last_end = -1
    # substring tests are much faster than the anchor pattern's scan, and most texts
    # have no "://", "@" or "www."
    if "://" in text or "@" in text or any(w in text for w in _WW):
        anchors = [*_URL_ANCHOR.finditer(text), *_URL_TLD.finditer(text)]
    else:
        anchors = list(_URL_TLD.finditer(text))
    anchors.sort(key=lambda a: a.start())
    for m in anchors:
        if m.start() < last_end:
            continue
        lo = m.start()
        floor = max(0, lo - _NON_SPACE_RUN)
        while lo > floor and not text[lo - 1].isspace():
            lo -= 1
        hi = m.end()
        ceil = min(len(text), hi + _NON_SPACE_RUN)
        while hi < ceil and not text[hi].isspace():
            hi += 1
        if text[m.start()] == "@" and (m.start() == lo or hi == m.end()):
            continue  # a lone "@" is not an address
        spans.append((lo, hi))
        last_end = hi
    return spans


def _sentence_starts(text: str) -> tuple[int, ...]:
    """Offsets at which sentences (or lines after a blank line) begin (cached per text)."""
    return _sentences(text)[0]


_CACHED_TEXT_CHARS = 1_000_000  # longer texts are not kept in the per-text caches


def _cached_per_text(maxsize: int) -> Callable[[Callable[[str], _T]], Callable[[str], _T]]:
    """Cache a function of a text for the last ``maxsize`` texts of at most 1 M characters.

    find_places and check_claims on the same text share the tokens and sentences; a
    megabyte-long text is worked on again rather than kept.
    """

    def decorate(func: Callable[[str], _T]) -> Callable[[str], _T]:
        cached = lru_cache(maxsize=maxsize)(func)

        def wrapper(text: str) -> _T:
            return cached(text) if len(text) <= _CACHED_TEXT_CHARS else func(text)

        wrapper.__doc__ = func.__doc__
        return wrapper

    return decorate


@_cached_per_text(8)
def _sentences(text: str) -> tuple[tuple[int, ...], tuple[int, ...], tuple[int, ...]]:
    """Sentence starts (as :data:`_SENTENCE_END` finds them) and the tokens that begin one.

    The third item is each gap's flags (:func:`_gap_flags`), for the barriers.

    A sentence end lies in the gap between two tokens (it is made of punctuation, quotes
    and line breaks, and looks ahead at most one character into the next token), so
    only the few gaps holding a full stop, ``!``, ``?`` or a line break are searched,
    each with the first character of the token after it: the same offsets as scanning
    the whole text.
    """
    _starts, ends, words, gaps = _split_tokens(text)
    n = len(words)
    if len(_SENTENCE_GAPS) > _CACHE_LIMIT:
        _SENTENCE_GAPS.clear()
    offsets = [0]
    initial = [0] if n else []
    flags = _lookup_all(_GAP_FLAGS, _gap_flags, gaps)
    for i in itertools.compress(range(n + 1), map(_MAY_END.__and__, flags)):
        rel = _SENTENCE_GAPS[gaps[i], words[i][0] if i < n else ""]
        if rel:
            base = ends[i - 1] if i else 0
            offsets += [base + r for r in rel]
            if 0 < i < n:
                initial.append(i)
    return tuple(offsets), tuple(initial), tuple(flags)


def _token_splitter() -> re.Pattern[str] | None:
    """:func:`~syriamap.names.tokenize`'s pattern in a capturing group, for ``re.split``.

    Splitting gives the tokens and the gaps between them in one C-level pass (no match
    object per token): about twice as fast as ``tokenize``.  ``None`` (use ``tokenize``)
    if names.py no longer exposes the pattern or the split disagrees with ``tokenize``.
    """
    from syriamap import names

    pattern = getattr(names, "_TOKEN", None)
    if not isinstance(pattern, re.Pattern) or pattern.groups:
        return None
    rx = re.compile(f"({pattern.pattern})", pattern.flags)
    sample = (
        "Deir ez-Zor, \u02bfAyn al-\u02bfArab; D\u00earik\u2019s 40km \u2014 "
        "\u062f\u064a\u0631 _x_ 'a \u00ad\u200bx"
    )
    parts = rx.split(sample)
    cum = list(itertools.accumulate(map(len, parts)))
    if list(zip(cum[0::2], cum[1::2], parts[1::2], strict=False)) != tokenize(sample):
        return None
    return rx


_TOKEN_SPLIT = _token_splitter()


@_cached_per_text(4)
def _split_tokens(
    text: str,
) -> tuple[tuple[int, ...], tuple[int, ...], tuple[str, ...], tuple[str, ...]]:
    """Token starts, ends and words of a text, and the gaps around them (cached per text).

    ``gaps[i]`` is the text before token ``i`` (``gaps[n]`` follows the last token), so
    ``"".join(interleaved) == text``.  Shared by :func:`_tokens` and the claim finder.
    """
    if _TOKEN_SPLIT is None:
        raw = tokenize(text)
        starts = tuple(t[0] for t in raw)
        ends = tuple(t[1] for t in raw)
        words = tuple(t[2] for t in raw)
        bounds = [0, *itertools.chain.from_iterable(zip(starts, ends, strict=True)), len(text)]
        gaps = tuple(text[a:b] for a, b in zip(bounds[0::2], bounds[1::2], strict=True))
        return starts, ends, words, gaps
    parts = _TOKEN_SPLIT.split(text)
    cum = list(itertools.accumulate(map(len, parts)))
    return tuple(cum[0::2][:-1]), tuple(cum[1::2]), tuple(parts[1::2]), tuple(parts[0::2])


_HARD = 1  # a name may not run across the gap
_MAY_END = 2  # the gap holds a character a sentence end starts with


def _gap_flags(gap: str) -> int:
    """Return the flags of a gap between two tokens (:data:`_HARD`, :data:`_MAY_END`)."""
    hard = _HARD if _HARD_GAP.search(gap) is not None else 0
    return hard | (_MAY_END if _SENTENCE_END_START.search(gap) is not None else 0)


class _SentenceGaps(dict[tuple[str, str], tuple[int, ...]]):
    """``(gap, first character after it) -> offsets in the gap where a sentence begins``."""

    def __missing__(self, key: tuple[str, str]) -> tuple[int, ...]:
        gap, after = key
        ends = tuple(e for m in _SENTENCE_END.finditer(gap + after) if (e := m.end()) <= len(gap))
        self[key] = ends
        return ends


_SENTENCE_END_START = re.compile(r"[.!?\u061f\u06d4\n]")
_GAP_FLAGS: dict[str, int] = {}
_SENTENCE_GAPS = _SentenceGaps()


def _tokens(text: str, idx: _Index) -> _Tokens:
    """Tokenise a text, fold each token and mark barriers, URLs and sentence starts."""
    starts_t, ends_t, words_t, _gaps = _split_tokens(text)
    n = len(words_t)
    if not n:
        return _Tokens(text, [], [], [], [], [], False, [], [])
    starts, ends, words = list(starts_t), list(ends_t), list(words_t)
    for pm in _POSSESSIVE.finditer(text):  # "Syria's" -> "Syria"
        i = bisect.bisect_right(starts, pm.start()) - 1
        if i >= 0 and ends[i] == pm.end() and len(words[i]) > 3:
            words[i] = words[i][:-2]
            ends[i] -= 2
    facts = _lookup_all(idx.word_info, idx.word_facts, words)
    keys = list(map(_FIRST, facts))
    firsts = "".join(map(_FIRST, words)).encode("ascii", "ignore")
    upper = len(firsts.translate(None, _NOT_UPPER_ASCII))
    lower = len(firsts.translate(None, _NOT_LOWER_ASCII))
    mostly_lower = upper < 0.02 * (upper + lower) if upper + lower >= 8 else False
    if mostly_lower:  # lower-case words are read as any other
        hay = keys
        hits = _lookup_all(idx.single_hits_any, idx.single_hit_any, words)
    else:
        hay, hits = list(map(_SECOND, facts)), list(map(_THIRD, facts))
    for lo, hi in _blocked_spans(text):
        j = bisect.bisect_left(starts, lo)
        while j < n and starts[j] < hi:
            keys[j] = hay[j] = "#"
            hits[j] = None
            j += 1
    initial = [False] * n
    _offsets, sentence_tokens, gap_flags = _sentences(text)
    for j in sentence_tokens:
        initial[j] = True
    # a barrier before token j when the gap between tokens j-1 and j holds a hard gap
    hard = map(_HARD.__and__, itertools.islice(gap_flags, 1, n))
    barriers = list(itertools.compress(range(1, n), hard))
    if barriers:
        # a name's qualifier in brackets reads on, as after a comma ("Saida (Daraa)" is the
        # row "Saida (Daraa)"): an opening bracket whose closing one follows within
        # three words is no barrier
        barriers = [j for j in barriers if not _qualifier_bracket(_gaps, j)]
    if barriers:
        starts, ends, words, keys, initial, hay, hits = _insert_barriers(
            barriers, starts, ends, words, keys, initial, hay, hits
        )
    return _Tokens(text, starts, ends, words, keys, initial, mostly_lower, hay, hits)


def _qualifier_bracket(gaps: tuple[str, ...], j: int) -> bool:
    """Whether the gap before token ``j`` opens a bracket that closes within three words."""
    if gaps[j].strip() != "(":
        return False
    for k in range(j + 1, min(j + 4, len(gaps))):
        if gaps[k].lstrip()[:1] == ")":
            return True
        if _HARD_GAP.search(gaps[k]) is not None:  # other punctuation: not a short qualifier
            return False
    return False


def _insert_barriers(
    barriers: list[int],
    starts: list[int],
    ends: list[int],
    words: list[str],
    keys: list[str],
    initial: list[bool],
    hay: list[str],
    hits: list[_Entry | None],
) -> tuple[list[int], list[int], list[str], list[str], list[bool], list[str], list[_Entry | None]]:
    """Insert an empty barrier token before each token index in ``barriers``.

    A barrier spans no text (it starts and ends where the token before it ends), its
    word is ``""``, its keys ``"#"`` and it matches no entry.  One index list is built
    and applied to every column with :func:`operator.itemgetter` (C loops rather than
    Python ones).
    """
    n = len(words)
    order: list[int] = []
    prev = 0
    for j in barriers:
        order += range(prev, j)
        order.append(n)  # the filler appended to each column
        prev = j
    order += range(prev, n)
    pick = operator.itemgetter(*order)
    s2 = list(pick([*starts, 0]))
    e2 = list(pick([*ends, 0]))
    for k, j in enumerate(barriers):
        s2[j + k] = e2[j + k] = ends[j - 1]
    k2 = list(pick([*keys, "#"]))
    h2 = k2 if hay is keys else list(pick([*hay, "#"]))
    words2, initial2 = list(pick([*words, ""])), list(pick([*initial, False]))
    return s2, e2, words2, k2, initial2, h2, list(pick([*hits, None]))


# --- candidate matches ------------------------------------------------------------------------


_NO_CANDIDATES: list[tuple[str, str]] = []  # shared default, replaced (never mutated)
_NO_IDS: frozenset[str] = frozenset()


class _Match:
    """One automaton match on the token stream (a plain class: made ~250 times per text)."""

    __slots__ = (
        "alike",
        "block",
        "cands",
        "end",
        "entry",
        "exact",
        "first",
        "last",
        "start",
        "world",
    )

    def __init__(self, first: int, last: int, entry: _Entry) -> None:
        self.first = first  # token indices
        self.last = last
        self.entry = entry
        self.start = 0  # character span, set after selection
        self.end = 0
        self.cands: list[tuple[str, str]] = _NO_CANDIDATES  # (place id, alias), by _filter
        self.exact: set[str] | frozenset[str] = _NO_IDS  # ids spelled exactly as the surface
        #: ids with a spelling like the surface's (:data:`_ALIKE`), exact ones included
        self.alike: frozenset[str] = _NO_IDS
        self.world = ""  # name outside the gazetteer's coverage this match may be
        self.block = False  # an organisation name, demonym ... covering the tokens


def _raw_matches(toks: _Tokens, idx: _Index) -> list[_Match]:
    """All matches of one-word and longer keys on the token stream (overlapping)."""
    keys = toks.hay
    hits = toks.hits
    out = [
        _Match(i, i, hit) for i in itertools.compress(range(len(hits)), hits) if (hit := hits[i])
    ]
    if not idx.has_multi:
        return out
    tix = list(itertools.compress(range(len(keys)), keys))  # tokens with a key
    pieces = list(filter(None, keys))
    # where each key starts in the haystack " k0 k1 k2 ... " (a match starts at one)
    hpos = list(itertools.accumulate(map((1).__add__, map(len, pieces)), initial=1))
    hay = " " + " ".join(pieces) + " "
    for end_idx, e in idx.automaton.iter(hay):
        start = end_idx - len(e.key)
        j = bisect.bisect_left(hpos, start)
        if hpos[j] == start:  # always: keys hold no space
            out.append(_Match(tix[j], tix[j + e.ntok - 1], e))
    return out


def _significant(toks: _Tokens, m: _Match) -> list[int]:
    return [i for i in range(m.first, m.last + 1) if toks.keys[i]]


def _is_acronym(alias: str) -> bool:
    bare = alias.replace(".", "")
    return bare.isupper() and bare.isalpha() and len(bare) <= 5


_TITLE_ABBREVIATIONS = _textdata._words(
    "gen col lt brig maj capt sgt adm dr mr mrs ms prof sen rep gov pres cpl pvt cmdr"
)


def _person_context(toks: _Tokens, first: int) -> bool:
    """Whether the capitalised run ending at token ``first`` follows a person title.

    "President Bashar al-Assad", "Gen. Mark Milley", "journalist Hassan al-Naifi".
    """
    i = first - 1
    steps = 0
    while i >= 0 and steps < 4:
        w = toks.words[i]
        if not w:  # a barrier: only the full stop of an abbreviated title ("Gen.") passes
            if i > 0 and toks.text[toks.ends[i - 1] : toks.ends[i - 1] + 1] == ".":
                return toks.words[i - 1].lower() in _TITLE_ABBREVIATIONS
            return False
        low = w.lower()
        if low in _textdata.PERSON_TITLES:
            return True
        if low in {"bin", "ibn", "bint"} or (
            not toks.keys[i] and i + 1 < len(toks.words) and _article_joined(toks, i, i + 1)
        ):
            i -= 1
            continue
        if not w[0].isupper() or toks.sentence_initial[i + 1]:
            return False
        i -= 1
        steps += 1
    return False


def _is_block(toks: _Tokens, m: _Match) -> bool:
    """Whether a match is a blocking word (organisation, demonym ...) as written.

    Multi-word organisation names match phonetically like place names; a single
    blocking word must be spelled as listed ("Deiri" blocks "Deiri", not "Deraa").
    """
    e = m.entry
    if e.label != "block":
        return False
    if e.ntok == 1:
        surface = toks.text[toks.starts[m.first] : toks.ends[m.last]]
        if fold(surface) not in e.block_folds:
            return False
    m.block = True
    return True


def _compound_name(toks: _Tokens, m: _Match, common: frozenset[str]) -> bool:
    """Whether "X al-Y" is a person or group name ("Bashar al-Assad", "Zaman al-Wasl").

    A match that starts with a joined Arabic article and follows a capitalised word
    that is neither a common English word nor the start of a sentence is the second
    half of a personal or organisation name.
    """
    first = m.first - 1
    if first < 1 or toks.keys[first] or not _article_joined(toks, first, m.first):
        return False
    prev = first - 1
    w = toks.words[prev]
    if not w or not w[0].isupper() or not toks.keys[prev]:
        return False
    if len(toks.text[toks.ends[prev] : toks.starts[first]]) != 1:
        return False
    return w.lower() not in common


def _article_joined(toks: _Tokens, art: int, nxt: int) -> bool:
    """Whether token ``art`` is an Arabic article belonging to the name at token ``nxt``.

    Joined by a hyphen or apostrophe ("at-Tanf"), or by a space: "al"/"el" always, others
    when they take the next word's first letter as spoken Arabic does, before a capital
    ("Ar Raqqah", "Deir ez Zor": GeoNames' and French spelling), and, for those that are
    English words too, only capitalised inside a sentence ("hit At Tall", not "At Tabqa,
    ...": English "at").
    """
    word = toks.words[art]
    low = word.lower()
    if low not in _ARTICLE_TOKENS:
        return False
    gap = toks.text[toks.ends[art] : toks.starts[nxt]]
    if _JOINED_GAP.fullmatch(gap):
        return True
    if gap != " ":
        return False
    if low in _SPACED_ARTICLES:
        return True
    after = toks.words[nxt]
    if not (after[:1].isupper() and after[: len(low) - 1].lower() == low[1:]):
        return False
    if low not in _ENGLISH_ARTICLES:
        return True
    # (right after a capitalised word: a title's words, "Targets As Syria Burns")
    titled = (
        art > 0
        and toks.words[art - 1][:1].isupper()
        and not toks.text[toks.ends[art - 1] : toks.starts[art]].strip()
    )
    return word[0].isupper() and not toks.sentence_initial[art] and not titled


def _filter(
    toks: _Tokens,
    idx: _Index,
    m: _Match,
    common: frozenset[str],
    memo: dict[tuple[int, str, bool, bool], _Candidates | None],
) -> bool:
    """Decide whether a match is a possible mention; fill its candidates."""
    surface = toks.text[toks.starts[m.first] : toks.ends[m.last]]
    # a word after an Arabic article is a name ("al-Tall", "al-Tal"), not the English word
    named = m.first > 0 and _article_joined(toks, m.first - 1, m.first)
    key = (id(m.entry), surface, toks.mostly_lower, named)
    if key in memo:
        found = memo[key]
    else:
        if len(memo) > 100_000:
            memo.clear()
        found = memo[key] = _candidates(toks, idx, m, surface, common, named=named)
    if found is None:
        return False
    if _person_context(toks, m.first) or _compound_name(toks, m, common):
        return False
    if m.first != m.last and _longer_title(toks, m.last) and _all_common(toks, m, common):
        return False  # "Green Village Choir": another name than the site's
    m.cands, m.exact, m.world, m.alike = found
    if not m.world and _speaker(toks, m, idx):
        return False
    return not (m.first == m.last and not m.world and _first_name(toks, m, idx, common))


def _speaker(toks: _Tokens, m: _Match, idx: _Index) -> bool:
    """Whether a minor place's name is the speaker of a quote ("... ," Al-Naifi concluded).

    True when the next word, one space away, is a verb of speech
    (:data:`~syriamap._textdata.SPEECH_VERBS`), the word before is not in lower case
    ("residents of Kafr Battikh said" is the village), and no candidate is a major place
    or a curated site: a village does not conclude, a capital may ("Damascus said").
    """
    before = toks.words[m.first - 1] if m.first > 0 else ""
    if before[:1].islower():
        return False
    j = m.last + 1
    if j >= len(toks.words) or toks.text[toks.ends[m.last] : toks.starts[j]] != " ":
        return False
    if toks.words[j] not in _textdata.SPEECH_VERBS:
        return False
    return _minor_only(m, idx)


def _first_name(toks: _Tokens, m: _Match, idx: _Index, common: frozenset[str]) -> bool:
    """Whether a one-word minor place is a given name ("Hassan Rouhani", "Ali Khamenei").

    True when the next word, one space away, is capitalised, neither a common English
    word nor a demonym nor a place name, and no candidate is a major place or a curated
    site ("Salma Hayek": the village Salma is curated, but a village).
    """
    j = m.last + 1
    if j >= len(toks.words) or toks.text[toks.ends[m.last] : toks.starts[j]] != " ":
        return False
    nxt = toks.words[j]
    if not nxt or not nxt[0].isupper() or nxt.lower() in common or nxt.isupper():
        return False
    if fold(nxt) in idx.single_folds:
        return False  # a place or blocking word as spelled ("Syria", "Kurds")
    return _minor_only(m, idx)


def _minor_only(m: _Match, idx: _Index) -> bool:
    """Whether every candidate of a match is a minor place (no city, country or site)."""
    for pid, _ in m.cands:
        p = idx.places[pid]
        if p.kind in _MAJOR_KINDS or p.kind == "country" or (p.population or 0) >= 100_000:
            return False
        if p.source == "curated" and p.kind not in SETTLEMENT_KINDS:
            return False  # a site ("Tower 22"); a curated village is named like others
    return True


def _candidates(
    toks: _Tokens,
    idx: _Index,
    m: _Match,
    surface: str,
    common: frozenset[str],
    *,
    named: bool = False,
) -> _Candidates | None:
    """Return the places (and known outside name) a surface form may denote.

    ``named``: an Arabic article is joined to the match ("al-Tall"): its words are a
    name, not ordinary English words.
    """
    sig = _significant(toks, m)
    if not sig:
        return None
    surface_words = [toks.words[i] for i in sig]
    if not toks.mostly_lower and not any(
        not (w[0].isascii() and w[0].isalpha() and w[0].islower()) for w in surface_words
    ):
        return None  # no capital letter: "will", "the border crossing"
    bare = surface.replace(".", "")
    shouting = bare.isalpha() and bare.isupper() and len(bare) <= 5 and not toks.mostly_lower
    sfold = fold(surface)
    all_common = not named and _all_common(toks, m, common)
    titled = (
        len(surface_words) > 1
        and not toks.mostly_lower
        and all(w[:1].isupper() for w in surface_words)
    )
    e = m.entry
    cands: list[tuple[str, str]] = []
    exact: set[str] = set()
    for pid, alias in e.places:
        place = idx.places[pid]
        is_exact = sfold in idx.folds[pid]
        if _is_acronym(alias) and bare != alias.replace(".", ""):
            continue  # an acronym matches only as written
        if shouting and not is_exact:
            continue  # "USA" is not Uşak, "NW" is not Nawa; "HOMS" is Homs
        if all_common:
            # an ordinary English word: only an exact spelling of a major place counts
            if not is_exact:
                continue
            major = place.kind == "country" or (place.population or 0) >= 100_000
            major = major or (place.country == "SY" and place.kind in _MAJOR_KINDS)
            # ... or a curated site's name of several capitalised words ("Green Village",
            # "Freedom Dam"), which reporting writes so only for the site
            major = major or (place.source == "curated" and titled)
            if not major:
                continue
        if not is_exact and (place.country != "SY" or place.kind == "country"):
            # outside Syria only names as spelled: "Vienna" is not Van, "Ali" not Aley; and
            # a country too: "Sharan" keys like "Syrien" but is a village near Afrin
            continue
        cands.append((pid, alias))
        if is_exact:
            exact.add(pid)
    if any(idx.places[pid].country == "SY" for pid, _ in cands):
        # as lookup: a place abroad named so only by an alternate name gives way to a
        # Syrian place of that name ("Ruhaybah" is Ar Ruhaybah, not Rehovot, also "Ruhaybah")
        cands = [
            (pid, alias)
            for pid, alias in cands
            if idx.places[pid].country == "SY" or sfold in _own_folds(idx.places[pid])
        ]
        exact &= {pid for pid, _ in cands}
    world = e.world
    if world:
        acronym_mismatch = _is_acronym(world) and bare != world.replace(".", "")
        wfold = fold(world)
        if (
            acronym_mismatch
            or ((shouting or all_common) and sfold != wfold)
            or (sfold != wfold and fuzz.ratio(sfold, wfold) < _ALIKE)  # "Sina'a": not China
        ):
            world = ""
    if not cands and not world:
        return None
    alike = frozenset(
        pid
        for pid, _ in cands
        if pid in exact
        or max((fuzz.ratio(sfold, f) for f in idx.folds[pid]), default=0.0) >= _ALIKE
    )
    return cands, exact, world, alike


def _all_common(toks: _Tokens, m: _Match, common: frozenset[str]) -> bool:
    """Whether every significant word of a match is an ordinary English word."""
    return all(toks.words[i].lower() in common for i in _significant(toks, m))


def _longer_title(toks: _Tokens, last: int) -> bool:
    """Whether a capitalised word other than a site word follows token ``last``.

    "Green Village Choir" is another name; "Green Village Base" is the site.
    """
    word, gap = _next_word(toks, last)
    return gap == " " and word[:1].isupper() and normalize_token(word) not in site_word_keys()


def _select(matches: list[_Match], ntok: int) -> list[_Match]:
    """Longest match wins; blocking patterns win ties; then leftmost."""
    order = sorted(
        matches,
        key=lambda m: (-(m.last - m.first), 0 if m.block else 1, m.first),
    )
    taken = bytearray(ntok)
    chosen: list[_Match] = []
    for m in order:
        if any(taken[m.first : m.last + 1]):
            continue
        taken[m.first : m.last + 1] = b"\x01" * (m.last - m.first + 1)
        chosen.append(m)
    chosen.sort(key=lambda m: m.first)
    return [m for m in chosen if not m.block]


def _span(toks: _Tokens, m: _Match) -> tuple[int, int]:
    """Character span of a match, extended back over a joined Arabic article."""
    first = m.first
    prev = first - 1
    if (
        prev >= 0
        and not toks.keys[prev]
        and toks.words[prev]
        and _article_joined(toks, prev, first)
    ):
        first = prev
    while first < m.last and toks.words[first].lower() == "the":
        first += 1
    start, end = toks.starts[first], toks.ends[m.last]
    text = toks.text
    if "(" in text[start:end] and text[end:].lstrip()[:1] == ")":
        end = text.index(")", end) + 1  # "Saida (Daraa)": the bracket closes the name
    word = toks.words[first]
    if word[:1] == "\u0648" and toks.keys[first] != normalize_token(word):
        start += 1  # "and" written onto the name (see _Index.word_facts): not the name's
    while end > start and toks.text[end - 1] in _FORMAT_CHARS:
        end -= 1
    while start < end and toks.text[start] in _FORMAT_CHARS:
        start += 1
    return start, end


def _next_word(toks: _Tokens, i: int) -> tuple[str, str]:
    """Return the word after token ``i`` and the text between them."""
    j = i + 1
    while j < len(toks.words) and not toks.words[j]:
        j += 1
    if j >= len(toks.words):
        return "", toks.text[toks.ends[i] :][:3]
    return toks.words[j], toks.text[toks.ends[i] : toks.starts[j]]


_HYPHEN_SUFFIXES = _textdata._words(
    "led backed based allied controlled funded trained brokered sponsored held run aligned "
    "affiliated supported linked born made owned bound"
)


def _is_modifier(toks: _Tokens, m: _Match, alias: str) -> bool:
    """Whether a name is used as a modifier ("US forces", "U.S.-led", "Iran-backed")."""
    nxt, gap = _next_word(toks, m.last)
    g = gap.strip()
    if g == "-" and nxt.lower() in _HYPHEN_SUFFIXES:
        return True
    if not alias or not _is_acronym(alias) or not nxt or g not in ("", "-"):
        return False
    if nxt.lower() in _ARTICLE_TOKENS:
        return True  # "the US al-Tanf garrison"
    return (
        g == "-" or nxt.lower() in _textdata.MODIFIER_NOUNS or nxt[0].isupper() or nxt[0].isdigit()
    )


_ACTOR_BEFORE = re.compile(
    # relations between states: "tensions between the United States and Russia",
    # "talks with Russia", "a confrontation with the USA"
    r"(?:\b(?:tensions?|relations?|talks|ties|confrontation|conflict|war|rift|dispute|deal"
    r"|agreement|cooperation|coordination|negotiations?|rivalry|alliance|clash(?:es)?)"
    r"\s+(?:[a-z]+\s+){0,2}(?:between|with)\s+(?:the\s+)?"
    r"(?-i:[A-Z][\w.\-'\u2019]*\s+){0,3}(?:and\s+(?:the\s+)?)?"
    # diplomats: "Russian Ambassador to Iraq"
    r"|\b(?:[Aa]mbassador|[Ee]nvoy|[Ee]mbassy|[Dd]elegation)\s+(?:to|in|of)\s+(?:the\s+)?"
    # the state as the object of a political verb: "Russia alerted the United States",
    # "accused Russia", "supported Israel", "associated with Iran", "ally Syria"
    r"|\b(?:alerted|accused|warned|urged|told|informed|notified|supported|backed|blamed"
    r"|condemned|sanctioned|pressured|invited|asked|threatened|recogni[sz]ed|against"
    r"|associated\s+with|allied\s+with|aligned\s+with|ally|allies)\s+(?:the\s+)?)$",
    re.IGNORECASE,
)
# "Russia, a staunch ally of ...": an appositive that describes a state
_ACTOR_AFTER = re.compile(
    r",\s+(?:a|an|the|its|whose)\s+(?:[\w-]+\s+){0,2}(?:ally|allies|backer|supporter|enemy"
    r"|rival|partner|sponsor|patron|adversary|foe)\b"
)
_SKIPPED_ADVERBS = frozenset({"however", "meanwhile", "too", "also", "though", "instead", "then"})


# how the last words before a match of _ACTOR_BEFORE end (lower case)
_DIPLOMAT_WORDS = ("ambassador", "envoy", "embassy", "delegation")
_POLITICAL_VERBS = (
    *("alerted", "accused", "warned", "urged", "told", "informed", "notified", "supported"),
    *("backed", "blamed", "condemned", "sanctioned", "pressured", "invited", "asked"),
    *("threatened", "recognised", "recognized", "against", "with", "ally", "allies"),
)
_UPPER_LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
_NON_SPACE = re.compile(r"\S+")


def _actor_before(window: str) -> bool:
    """Whether :data:`_ACTOR_BEFORE` matches at the end of ``window``.

    The pattern is costly to search (it is tried at every offset); it can only match
    when the window ends in whitespace and its last words are one of its endings: a
    political verb ("accused [the]", "associated with [the]"), a diplomat's
    preposition ("Ambassador to [the]"), or "between"/"with" followed only by "the",
    "and" and capitalised words, at most three words after the noun it starts with
    ("tensions over oil between").  Those are checked first on the last ten words, and
    the search starts at the earliest word a match could start with.
    """
    if not window[-1:].isspace():
        return False
    words = window.split()[-10:]
    low = [w.lower() for w in words]
    i = len(low) - 1
    if i >= 0 and low[i] == "the":
        i -= 1
    first: int | None = None  # index in ``words`` of the earliest word a match may start at
    if i >= 0 and (
        low[i].endswith(_POLITICAL_VERBS)
        or (low[i] in ("to", "in", "of") and i >= 1 and low[i - 1].endswith(_DIPLOMAT_WORDS))
    ):
        first = i - 1
    for j, w in enumerate(low):
        if w in ("between", "with") and all(
            low[t] in ("the", "and") or words[t][0] in _UPPER_LETTERS
            for t in range(j + 1, len(low))
        ):
            first = j - 3 if first is None else min(first, j - 3)
            break
    if first is None:
        return False
    starts = [m.start() for m in _NON_SPACE.finditer(window)]
    pos = starts[max(0, len(starts) - len(words) + first)]
    return _ACTOR_BEFORE.search(window, pos) is not None


_PREPOSITIONS = (
    *("in", "to", "from", "at", "near", "inside", "across", "into", "throughout", "within"),
    *("of", "over"),
)


def _locative_before(window: str) -> bool:
    """Whether :data:`_LOCATIVE_BEFORE` matches at the end of ``window``.

    Every match ends in a preposition (and "the"), in "and"/"or", or in a comma, and
    then in whitespace unless it ends in the comma: checked before the costly search.
    """
    tail = window.rstrip()
    if tail.endswith(","):
        return _LOCATIVE_BEFORE.search(window) is not None
    if not window[-1:].isspace():
        return False
    words = tail.rsplit(None, 2)
    last = words[-1] if words else ""
    if last == "the" and len(words) > 1:
        last = words[-2]
    if last.endswith(_PREPOSITIONS) or last.endswith(("and", "or")):
        return _LOCATIVE_BEFORE.search(window) is not None
    return False


def _actor_role(toks: _Tokens, m: _Match) -> bool:
    """Whether a country/capital mention is used for its government."""
    if _actor_before(toks.text[max(0, m.start - 80) : m.start]):
        return True
    if _ACTOR_AFTER.match(toks.text, m.end, m.end + 60):
        return True
    nxt, gap = _next_word(toks, m.last)
    g = gap.strip()
    if g == "," and nxt.lower() in _SKIPPED_ADVERBS:  # "The US, however, remained"
        j = m.last + 1
        while j < len(toks.words) and toks.words[j].lower() != nxt.lower():
            j += 1
        nxt, gap = _next_word(toks, j)
        g = gap.strip()
    possessive = toks.text[m.end : m.end + 2] in ("'s", "\u2019s")
    if possessive:
        after, _ = _next_word(toks, m.last)
        low = after.lower()
        return low in _textdata.ACTOR_NOUNS
    if g not in ("", ","):
        return False
    low = nxt.lower()
    if low in _textdata.ACTOR_VERBS:
        # "forces in Iraq and Syria have been attacked" stays a location
        return not _locative_before(toks.text[max(0, m.start - 80) : m.start])
    return False


# --- resolution -------------------------------------------------------------------------------


def _haversine_km(lon1: float, lat1: float, lon2: float, lat2: float) -> float:
    """Great-circle distance in km on a sphere: for scoring candidates, not for claims."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 12742.0 * math.asin(min(1.0, math.sqrt(a)))


def _prior(place: Place) -> float:
    """Score of a candidate before context: its kind, size and whether it is in Syria."""
    base = _KIND_PRIOR.get(place.kind, _FACILITY_PRIOR)
    pop = place.population or 0
    if pop > 0 and place.kind not in _ADMIN_KINDS:
        base += min(0.5, math.log10(pop) / 14)
    if place.country == "SY":
        base += 0.3
    if place.source == "curated":
        base += 0.25
    return base


_CONTAINER_GAPS = frozenset(
    {",", "in", "in the", "of", "province", "governorate", ", in", "countryside", "near"}
    | {"outside", "in the province of", "in the governorate of", "in the countryside of", "("}
    | {f"in {d}" for d in ("northern", "southern", "eastern", "western", "central")}
    | {f"in {d}" for d in ("northeastern", "northwestern", "southeastern", "southwestern")}
    | {f"in {d}" for d in ("north-eastern", "north-western", "south-eastern", "south-western")}
)


def _container_of(toks: _Tokens, chosen: list[_Match], k: int, idx: _Index) -> list[Place]:
    """Places named right after mention ``k`` as its container ("X in Y", "X, Y")."""
    m = chosen[k]
    if k + 1 >= len(chosen):
        return []
    nm = chosen[k + 1]
    between = toks.text[m.end : nm.start]
    if len(between) > 40:
        return []
    low = " ".join(between.lower().replace(",", " , ").split())
    if low not in _CONTAINER_GAPS:
        return []
    return [idx.places[pid] for pid, _ in nm.cands if pid in idx.places]


def _contained(place: Place, container: Place) -> bool:
    if container.kind == "country":
        return place.country == container.country
    if container.kind in {"governorate", "province"}:
        pc = container.admin1_pcode or ""
        return place.country == container.country and (
            (bool(pc) and place.admin1_pcode == pc)
            or (place.admin1 or "").lower() == (container.admin1 or container.name).lower()
        )
    if container.located and place.located:
        assert container.lon is not None and container.lat is not None
        assert place.lon is not None and place.lat is not None
        return _haversine_km(place.lon, place.lat, container.lon, container.lat) < 60
    return False


@dataclass(slots=True)
class _Resolution:
    place: Place | None = None
    others: tuple[Place, ...] = ()
    confidence: float = 0.0
    reason: str | None = None
    world: bool = False  # report as a place outside the gazetteer's coverage
    drop: bool = False  # not a mention after all


def _mentioned_countries(idx: _Index, chosen: list[_Match]) -> dict[str, int]:
    countries: dict[str, int] = {}
    for m in chosen:
        if m.world and m.entry.iso and not m.cands:
            countries[m.entry.iso] = countries.get(m.entry.iso, 0) + 1
        for pid, _ in m.cands:
            p = idx.places[pid]
            if p.kind == "country":
                countries[p.country] = countries.get(p.country, 0) + 1
    return countries


@dataclass(slots=True)
class _Context:
    """What the article says around the mentions: countries named, places resolved."""

    countries: dict[str, int]
    counts: dict[str, int]  # place id -> number of mentions resolved to it
    anchor_ids: list[str]
    anchor_lon: np.ndarray
    anchor_lat: np.ndarray
    memo: dict[tuple[str, str | None], float | None] = field(default_factory=dict)
    anchor_xy: tuple[list[float], list[float]] = ([], [])

    @classmethod
    def build(cls, countries: dict[str, int], resolved: list[Place | None]) -> _Context:
        counts: dict[str, int] = {}
        located: dict[str, Place] = {}
        for p in resolved:
            if p is None:
                continue
            counts[p.id] = counts.get(p.id, 0) + 1
            if p.located and p.kind not in _ADMIN_KINDS and len(located) < _MAX_ANCHORS:
                located[p.id] = p
        ids = list(located)
        lon = np.array([located[i].lon for i in ids], dtype=float)
        lat = np.array([located[i].lat for i in ids], dtype=float)
        return cls(countries, counts, ids, lon, lat, anchor_xy=(lon.tolist(), lat.tolist()))

    def nearest_km(self, p: Place, own: str | None) -> float | None:
        """Distance from ``p`` to the nearest place resolved from another mention."""
        if not self.anchor_ids or p.lon is None or p.lat is None:
            return None
        key = (p.id, own)
        if key in self.memo:
            return self.memo[key]
        skip = {p.id}
        if own is not None and self.counts.get(own, 0) <= 1:
            skip.add(own)  # not the candidate itself, nor this very mention's answer
        if len(self.anchor_ids) <= 64:
            # equirectangular distance: ample for ranking candidates tens of km apart
            kx = 111.195 * math.cos(math.radians(p.lat))
            best2 = math.inf
            px, py = p.lon, p.lat
            for pid, x, y in zip(
                self.anchor_ids, self.anchor_xy[0], self.anchor_xy[1], strict=True
            ):
                if pid not in skip:
                    dx, dy = (x - px) * kx, (y - py) * 111.195
                    d2 = dx * dx + dy * dy
                    if d2 < best2:
                        best2 = d2
            best = math.sqrt(best2)
        else:
            d = _haversine_km_array(p.lon, p.lat, self.anchor_lon, self.anchor_lat)
            for i, pid in enumerate(self.anchor_ids):
                if pid in skip:
                    d[i] = np.inf
            best = float(d.min())
        result = None if math.isinf(best) else best
        self.memo[key] = result
        return result


def _haversine_km_array(lon: float, lat: float, lons: np.ndarray, lats: np.ndarray) -> np.ndarray:
    p1, p2 = math.radians(lat), np.radians(lats)
    dp, dl = p2 - p1, np.radians(lons - lon)
    a = np.sin(dp / 2) ** 2 + math.cos(p1) * np.cos(p2) * np.sin(dl / 2) ** 2
    result: np.ndarray = 12742.0 * np.arcsin(np.minimum(1.0, np.sqrt(a)))
    return result


def _score(
    p: Place, m: _Match, containers: list[Place], ctx: _Context, own: str | None
) -> tuple[float, bool]:
    """Score one candidate; also say whether the text supports it beyond its name."""
    s = _prior(p)
    supported = False
    if p.id in m.exact:
        s += 0.3
    if containers:
        if any(_contained(p, c) for c in containers):
            s += 1.5
            supported = True
        else:
            s -= 0.5
    n_country = ctx.countries.get(p.country, 0)
    if n_country:
        s += 0.4 if p.country != "SY" else 0.1
        supported = supported or p.kind != "country" or n_country > 1
    elif p.country != "SY":
        s -= 0.3
    if ctx.counts.get(p.id, 0) - (1 if p.id == own else 0) > 0:
        s += 0.4  # one sense per discourse: the same name resolved elsewhere in the text
    if p.located and p.kind not in _ADMIN_KINDS:
        d = ctx.nearest_km(p, own)
        if d is not None:
            s += 0.6 * math.exp(-d / 75.0)
            supported = supported or d < 100
    return s, supported


def _resolve(toks: _Tokens, idx: _Index, chosen: list[_Match]) -> list[_Resolution]:
    """Pick a place for each match using the article's context."""
    countries = _mentioned_countries(idx, chosen)
    resolved: list[Place | None] = [None] * len(chosen)
    fixed: list[_Resolution | None] = [None] * len(chosen)
    for k, m in enumerate(chosen):
        pids = list(dict.fromkeys(pid for pid, _ in m.cands))
        if not pids:
            fixed[k] = _Resolution(world=True, confidence=0.6)
        elif len(pids) == 1:
            only = idx.places[pids[0]]
            if not m.world:
                resolved[k] = only  # unambiguous mentions are the first anchors
            if only.kind not in _MINOR_KINDS and only.kind != "subdistrict":
                fixed[k] = _Resolution(only, (), 0.9 if m.exact else 0.75)
    open_ks = [k for k in range(len(chosen)) if fixed[k] is None]
    local: dict[int, tuple[list[Place], frozenset[str], tuple[Any, ...]]] = {}
    for k in open_ks:
        m = chosen[k]
        containers = _container_of(toks, chosen, k, idx)
        cue = _kind_cue(toks, m)
        key: tuple[Any, ...] = (
            id(m.entry),
            tuple(p for p, _ in m.cands),
            frozenset(m.exact),
            m.world,
            tuple(c.id for c in containers),
            cue,
        )
        local[k] = (containers, cue, key)
    results: list[_Resolution] = [r if r is not None else _Resolution() for r in fixed]
    for _ in range(2 if open_ks else 0):
        ctx = _Context.build(countries, resolved)
        memo: dict[tuple[Any, ...], _Resolution] = {}
        for k in open_ks:
            containers, cue, base_key = local[k]
            prev = resolved[k]
            own = None if prev is None else prev.id
            key = (*base_key, own)
            r = memo.get(key)
            if r is None:
                r = memo[key] = _resolve_one(chosen[k], containers, cue, idx, ctx, own)
            results[k] = r
        for k in open_ks:
            resolved[k] = results[k].place
    return results


_ADMIN1_CUES = frozenset({"province", "governorate", "countryside", "muhafaza"})
_SETTLEMENT_CUES = frozenset({"city", "town", "village", "centre", "center"})


def _kind_cue(toks: _Tokens, m: _Match) -> frozenset[str]:
    """Kinds the words around a mention call for ("Idlib province", "the town of Afrin")."""
    nxt, gap = _next_word(toks, m.last)
    low = nxt.lower()
    if gap.strip() == "" and low in _ADMIN1_CUES:
        return frozenset({"governorate", "province"})
    if gap.strip() == "" and low in _SETTLEMENT_CUES:
        return SETTLEMENT_KINDS
    before = toks.text[max(0, m.start - 20) : m.start].lower().split()
    if len(before) >= 2 and before[-1] == "of":
        if before[-2] in _SETTLEMENT_CUES:
            return SETTLEMENT_KINDS
        if before[-2] in _ADMIN1_CUES:
            return frozenset({"governorate", "province"})
    if before and before[-1] in {"city", "town", "village"}:
        return SETTLEMENT_KINDS
    return frozenset()


def _close(a: Place, b: Place, limit_km: float = 15.0) -> bool:
    """Whether two candidates lie within ``limit_km`` (telling them apart hardly matters)."""
    if not (a.located and b.located):
        return False
    assert a.lon is not None and a.lat is not None and b.lon is not None and b.lat is not None
    return _haversine_km(a.lon, a.lat, b.lon, b.lat) <= limit_km


def _resolve_one(
    m: _Match,
    containers: list[Place],
    cue: frozenset[str],
    idx: _Index,
    ctx: _Context,
    own: str | None,
) -> _Resolution:
    """Resolve one match given its context (memoised by the caller)."""
    if not m.cands:
        return _Resolution(world=True, confidence=0.6)
    pids = list(dict.fromkeys(pid for pid, _ in m.cands))
    exact = m.exact
    gave: list[Place] = []  # units that gave way (a district of the name makes it significant)
    if len(pids) > 1 and not (cue and cue & _ADMIN_KINDS):
        # as lookup: an admin unit gives way to the town of its name in its governorate,
        # which takes its spelling (درعا is the town, not also its governorate and
        # district), unless the text names the unit ("Daraa province")
        kept, heirs = give_way([idx.places[pid] for pid in pids])
        if heirs:
            gave = [idx.places[u] for u in heirs]
            pids = [p.id for p in kept]
            exact = set(exact) | {h for u, h in heirs.items() if u in exact}
    if len(pids) == 1:
        only = idx.places[pids[0]]
        if only.kind not in _MINOR_KINDS and only.kind != "subdistrict":
            return _Resolution(only, (), 0.9 if exact else 0.75)  # nothing to choose
    scored: list[tuple[float, bool, Place]] = []
    for pid in pids:
        p = idx.places[pid]
        sc, sup = _score(p, m, containers, ctx, own)
        if cue and p.kind in cue:
            sc += 1.0
            sup = True
        scored.append((sc, sup, p))
    scored.sort(key=lambda t: -t[0])
    best_s, best_sup, best = scored[0]
    rivals = len(scored) - 1
    if exact and not best_sup and (best.id not in exact or best.kind not in _ADMIN_KINDS):
        # a place spelled exactly as written beats a larger one whose name only keys alike,
        # unless the text points to that one ("Dimas" is Ad Dimas, not Damascus's "Damas";
        # "Kabani" is the village, not Kobani) (not an admin unit: "Lattakia", the
        # subdistrict's spelling, is the city)
        spelled = [t for t in scored if t[2].id in exact and t[2].kind not in _ADMIN_KINDS]
        if spelled and not any(sup for _, sup, p in scored if p.id not in exact):
            rivals = len(spelled) - 1  # (only these are compared below)
            scored = spelled + [t for t in scored if t not in spelled]
            best_s, best_sup, best = scored[0]
    if not best_sup and best.kind in _MINOR_KINDS | {"subdistrict"}:
        # a name is significant when the place, or a unit that gave way to it, is large,
        # curated or a district (not when only a namesake is: "al-Sina'a" keys like the
        # village Shīn's "Chine" and like the town As Si'in, and is neither)
        significant = any(
            (p.population or 0) >= 10_000
            or p.source == "curated"
            or p.kind in {"district", "governorate", "province", "country"}
            for p in (best, *gave)
        )
        if (
            best.country != "SY"
            or best.id not in m.alike
            or (not significant and best.id not in exact)
        ):
            # a small place that nothing in the text points to, matched by a foreign or
            # approximate spelling: a coincidence of names ("Milley" is not Malah)
            return _Resolution(world=bool(m.world), drop=not m.world, confidence=0.6)
    others = tuple(p for _, _, p in scored[1:])
    if len(scored) == 1:
        return _Resolution(best, (), 0.9 if exact else 0.75)
    if rivals == 0:  # spelled exactly, unlike the others, which nothing supports
        return _Resolution(best, others, 0.6)
    margin = best_s - scored[1][0]
    conf = max(0.05, min(0.9, 0.45 + margin / 2)) * (1.0 if exact else 0.85)
    if margin < 0.05 and not _close(best, scored[1][2]):
        reason = (
            f"ambiguous: {len(scored)} places are named {m.cands[0][1]!r} "
            "and nothing in the text tells them apart"
        )
        return _Resolution(None, tuple(p for _, _, p in scored), conf, reason)
    return _Resolution(best, others, conf)


# --- anaphora ---------------------------------------------------------------------------------


def _after_the(word: str) -> int:
    r"""Where in a token an anaphor's "the"/"The" may start, plus one (``0``: nowhere).

    :data:`_ANAPHOR` starts with ``\b[Tt]he\s+``: the token must end in the article,
    after a mark such as an apostrophe if anything precedes it.
    """
    if word[-3:] not in ("the", "The"):
        return 0
    k = len(word) - 3
    return k + 1 if k == 0 or not (word[k - 1].isalnum() or word[k - 1] == "_") else 0


_AFTER_THE: dict[str, int] = {}


def _anaphor_matches(text: str) -> Iterator[re.Match[str]]:
    """``_ANAPHOR.finditer(text)``, trying the pattern only after a token ending in "the".

    The next token must begin with a modifier ("US") or the first word of a head noun
    ("base", "air base"): the pattern needs one of them right after the article.
    """
    starts, _ends, words, _gaps = _split_tokens(text)
    offsets = _lookup_all(_AFTER_THE, _after_the, words)
    last_end = 0
    n = len(words)
    for i in itertools.compress(range(n), offsets):
        p = starts[i] + offsets[i] - 1
        if p < last_end or i + 1 >= n or not words[i + 1].startswith(_ANAPHOR_NEXT):
            continue
        am = _ANAPHOR.match(text, p)
        if am is not None:
            last_end = am.end()
            yield am


def _anaphors(text: str, mentions: list[Mention]) -> list[Mention]:
    """Definite noun phrases ("the base") resolved to the latest place of a fitting kind."""
    out: list[Mention] = []
    if not mentions:
        return out
    starts = [m.start for m in mentions]
    spans = [(m.start, m.end) for m in mentions]
    for am in _anaphor_matches(text):
        s, e = am.start(), am.end()
        j = bisect.bisect_left(starts, s)
        if j < len(spans) and spans[j][0] < e:
            continue  # overlaps a name ("the al-Tanf base")
        if j > 0 and spans[j - 1][1] > s:
            continue
        kinds = _textdata.ANAPHOR_HEADS[am.group(1).lower()]
        k = j - 1
        found = None
        while k >= 0 and s - mentions[k].end < _ANAPHOR_WINDOW:
            cand = mentions[k]
            if cand.kind == "name" and cand.place is not None and cand.place.kind in kinds:
                found = k
                break
            k -= 1
        if found is None:
            continue
        ante = mentions[found]
        out.append(
            Mention(
                start=s,
                end=e,
                text=text[s:e],
                alias=am.group(0),
                place=ante.place,
                reason=f"anaphor: refers back to {ante.text!r} at offset {ante.start}",
                in_syria=ante.in_syria,
                country=ante.country,
                confidence=round(0.7 * ante.confidence, 3),
                kind="anaphor",
                role="location",
                antecedent=found,
            )
        )
    return out


# --- public API -------------------------------------------------------------------------------


def _world_mention(toks: _Tokens, m: _Match) -> Mention:
    """Build the mention of a place outside the gazetteer's coverage ("Ukraine")."""
    iso = m.entry.iso or None
    actor = iso is not None and _actor_role(toks, m)
    return Mention(
        start=m.start,
        end=m.end,
        text=toks.text[m.start : m.end],
        alias=m.world,
        place=None,
        reason="outside the gazetteer's coverage"
        + (f" (country {iso})" if iso else " (a region spanning several countries)"),
        in_syria=False if iso else None,
        country=iso,
        confidence=0.6,
        role="actor" if actor else "location",
    )


def _place_mention(toks: _Tokens, idx: _Index, m: _Match, r: _Resolution) -> Mention:
    """Build the mention of a gazetteer place (resolved, ambiguous or unlocated)."""
    place, reason = r.place, r.reason
    alias = next((a for pid, a in m.cands if place is not None and pid == place.id), m.cands[0][1])
    is_actor = False
    if place is not None:
        in_syria: bool | None = place.country == "SY"
        country: str | None = place.country
        if not place.located:
            reason = "not located: the gazetteer knows the place but has no sourced location"
        if place.id in idx.actor_ids:
            is_actor = _actor_role(toks, m)
    else:
        cand_places = r.others
        codes = {p.country for p in cand_places}
        in_syria = True if codes == {"SY"} else (False if "SY" not in codes else None)
        country = next(iter(codes)) if len(codes) == 1 else None
    return Mention(
        start=m.start,
        end=m.end,
        text=toks.text[m.start : m.end],
        alias=alias,
        place=place,
        reason=reason,
        in_syria=in_syria,
        country=country,
        confidence=round(r.confidence, 3),
        role="actor" if is_actor else "location",
        candidates=r.others,
    )


def check_text(text: object) -> str:
    """Check that ``text`` is a string; raise :class:`~syriamap.errors.TextTypeError` if not.

    Parameters
    ----------
    text : object
        What the caller passed as a text.

    Returns
    -------
    str
        ``text`` unchanged.

    Examples
    --------
    >>> check_text("Raqqa")
    'Raqqa'
    """
    if isinstance(text, str):
        return text
    raise TextTypeError(text)


def find_places(text: str, *, gazetteer: Gazetteer | None = None) -> list[Mention]:
    """Find and resolve every place mention in a text.

    Parameters
    ----------
    text : str
        A news article or any text (any length; untrusted input is safe).
    gazetteer : Gazetteer, optional
        The gazetteer whose places are matched; default
        :meth:`Gazetteer.default() <syriamap.gazetteer.Gazetteer.default>`.  Its
        automaton is built on first use and cached.

    Returns
    -------
    list of Mention
        In text order; ``text[m.start:m.end] == m.text`` for each.  Mentions of
        places outside the gazetteer's coverage (e.g. "Ukraine") have ``place=None``,
        ``in_syria=False`` and the ISO ``country`` code.

    Raises
    ------
    TextTypeError
        ``text`` is not a ``str``.

    See Also
    --------
    syriamap.claims.check_claims : distance and zone claims in the same text.

    Examples
    --------
    >>> text = "Russian jets struck near the al-Tanf garrison, 40 km from Hosh Matroud."
    >>> [(m.text, m.place_id) for m in find_places(text)]
    [('al-Tanf garrison', 'curated:al-tanf-garrison'), ('Hosh Matroud', 'curated:hosh-matroud')]
    >>> m = find_places("Clashes in Dayr az-Zawr.")[0]
    >>> m.text, m.place.name, m.in_syria
    ('Dayr az-Zawr', 'Deir ez-Zor', True)
    >>> [(m.text, m.role) for m in find_places("Russia struck near Palmyra.")]
    [('Russia', 'actor'), ('Palmyra', 'location')]
    """
    text = check_text(text)
    gz = gazetteer if gazetteer is not None else _default_gazetteer()
    idx = _index_for(gz)
    if not text:
        return []
    toks = _tokens(text, idx)
    common = _textdata.english_common_words()
    raw = _raw_matches(toks, idx)
    memo = idx.candidate_memo
    kept = [m for m in raw if _is_block(toks, m) or _filter(toks, idx, m, common, memo)]
    chosen = _select(kept, len(toks.keys))
    final: list[_Match] = []
    for m in chosen:
        m.start, m.end = _span(toks, m)
        alias = m.world or m.cands[0][1]
        if _is_modifier(toks, m, alias):
            continue
        final.append(m)
    resolutions = _resolve(toks, idx, final)
    mentions: list[Mention] = []
    for m, r in zip(final, resolutions, strict=True):
        if r.drop:
            continue
        if r.world:
            mentions.append(_world_mention(toks, m))
            continue
        mentions.append(_place_mention(toks, idx, m, r))
    if mentions:
        extra = _anaphors(text, mentions)
        if extra:
            merged = sorted([*mentions, *extra], key=lambda mm: mm.start)
            pos = {id(mm): i for i, mm in enumerate(merged)}
            merged = [
                mm
                if mm.antecedent is None
                else _replace_antecedent(mm, pos[id(mentions[mm.antecedent])])
                for mm in merged
            ]
            mentions = merged
    return mentions


def _replace_antecedent(m: Mention, new_index: int) -> Mention:
    from dataclasses import replace

    return replace(m, antecedent=new_index)
