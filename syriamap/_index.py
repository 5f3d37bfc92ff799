"""Name index of the gazetteer: exact keys, consonant skeletons and a deletion neighbourhood.

Lookup never scans every name.  A query key is looked up

1. in a dict of exact keys (:func:`syriamap.names.normalize`);
2. failing that, in a dict of *consonant skeletons* (the key without vowels and spaces, so
   ``Sweida``/``Suwayda`` and ``Al-Bukamal``/``Abu Kamal`` meet);
3. failing that, in a SymSpell-style deletion neighbourhood of the skeletons (one consonant
   dropped on either side: a typo, a missing or extra letter);

and only the keys found that way are scored with :func:`rapidfuzz.fuzz.ratio`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from itertools import chain
from typing import Any, NamedTuple

import numpy as np
from rapidfuzz import fuzz, process

from syriamap.names import normalize_fold_many
from syriamap.place import Place

__all__ = ["NameIndex", "skeleton"]

_SKELETON_DROP = re.compile("[ aاوي]+")


def skeleton(key: str) -> str:
    """Consonant skeleton of a key: no vowels (``a`` after folding) and no spaces."""
    return _SKELETON_DROP.sub("", key)


def _deletions(text: str) -> set[str]:
    """All strings made by deleting one character of ``text``."""
    return {text[:i] + text[i + 1 :] for i in range(len(text))}


def _key_and_fold(
    names: list[str], known: dict[str, tuple[str, str]]
) -> tuple[list[str], list[str]]:
    """:func:`normalize` and :func:`fold` of every name, using ``known`` where it has them."""
    if not known:
        return normalize_fold_many(names)
    found = [known.get(n) for n in names]
    missing = [n for n, kf in zip(names, found, strict=True) if kf is None]
    computed = iter(zip(*normalize_fold_many(missing), strict=True))
    pairs = [kf if kf is not None else next(computed) for kf in found]
    return [p[0] for p in pairs], [p[1] for p in pairs]


def _sorted_distinct(values: np.ndarray) -> np.ndarray:
    """``np.unique`` of an integer array, by sorting (several times faster in numpy 2)."""
    values = np.sort(values)
    if len(values) > 1:
        values = values[np.concatenate(([True], values[1:] != values[:-1]))]
    return values


class _Numbered(NamedTuple):
    """The index with keys numbered in sorted order, for scoring many names at once."""

    keys: list[str]  # by number
    number: dict[str, int]  # key -> its number
    lengths: np.ndarray  # of each key without spaces
    skeletons: dict[str, tuple[int, ...]]  # skeleton -> key numbers
    deletes: dict[str, tuple[int, ...]]  # skeleton or one-letter deletion -> key numbers
    entries: list[tuple[int, str, str]]  # every key's entries, keys in number order
    first_entry: np.ndarray  # where each key's entries start in ``entries``
    n_entries: np.ndarray  # how many entries each key has
    key_array: np.ndarray  # ``keys`` as an object array (taken by number arrays)
    fold_array: np.ndarray  # the alias fold of each of those entries (object array)
    entry_place: np.ndarray  # the place (index) of each entry
    #: skeleton of a word of four letters or more -> the numbers of the keys with such a
    #: word, sorted and distinct
    words: dict[str, np.ndarray]


class NameIndex:
    """Index from name keys to places (by position in a place list).

    Parameters
    ----------
    places : sequence of Place
        The places; each is indexed under its name, aliases and Arabic name.
    """

    def __init__(
        self, places: Sequence[Place], *, known: dict[str, tuple[str, str]] | None = None
    ) -> None:
        #: key -> [(place index, alias as written, alias folded with names.fold)]
        self.exact: dict[str, list[tuple[int, str, str]]] = {}
        self.skeletons: dict[str, list[str]] = {}
        #: key without spaces -> keys ("بو كمال" and "بوكمال", "abu kamal" and "abukamal")
        self.compact: dict[str, list[str]] = {}
        self._deletes: dict[str, tuple[str, ...]] | None = None
        self._tokens: dict[str, tuple[str, ...]] | None = None
        self._ids: _Numbered | None = None
        #: key -> its distinct places ranked without the query's spelling (filled by the
        #: gazetteer on first use of a key; ``None`` when it cannot be ranked so)
        self.ranked: dict[str, list[int] | None] = {}
        #: key -> for the units that gave way to another place when it was ranked, that
        #: place (indexes; see ``syriamap._rank.give_way``)
        self.heirs: dict[str, dict[int, int]] = {}
        #: compact key -> how it resolves (see ``Gazetteer._plans``; built lazily)
        self.plans: dict[str, Any] | None = None
        #: tables the gazetteer derives from the places and keys once, on first use (the
        #: entries' distinctive words, the places' own names ...), by name
        self.derived: dict[str, Any] = {}
        self.add(places, start=0, known=known)

    def add(
        self,
        places: Iterable[Place],
        *,
        start: int,
        known: dict[str, tuple[str, str]] | None = None,
    ) -> None:
        """Index ``places``, numbering them from ``start``.

        ``known``: names already keyed (``name -> (normalize(name), fold(name))``).
        """
        owners: list[int] = []
        names: list[str] = []
        for i, place in enumerate(places, start=start):
            for name in dict.fromkeys((place.name, *place.aliases, place.name_ar or "")):
                if name:
                    owners.append(i)
                    names.append(name)
        exact = self.exact
        new_keys = []
        seen: set[tuple[int, str]] = set()
        keys, folds = _key_and_fold(names, known or {})
        for owner, name, key, folded in zip(owners, names, keys, folds, strict=True):
            if not key:
                continue
            # one entry per place and spelling (case and diacritics aside)
            spelling = (owner, folded)
            if spelling in seen:
                continue
            seen.add(spelling)
            entries = exact.get(key)
            if entries is None:
                exact[key] = [(owner, name, folded)]
                new_keys.append(key)
            else:
                entries.append((owner, name, folded))
        for key in new_keys:
            self.skeletons.setdefault(skeleton(key), []).append(key)
            self.compact.setdefault(key.replace(" ", ""), []).append(key)
        self._deletes = None
        self._tokens = None
        self._ids = None
        self.ranked = {}
        self.heirs = {}
        self.plans = None
        self.derived = {}

    def entries(self, key: str) -> list[tuple[int, str, str]]:
        """Index entries of ``key`` and of the keys equal to it but for spaces."""
        same = self.compact.get(key.replace(" ", ""))
        if not same:
            return []
        if len(same) == 1:
            return self.exact[same[0]]
        return [e for k in same for e in self.exact[k]]

    def _token_index(self) -> dict[str, tuple[str, ...]]:
        """Keys by the skeleton of each of their words of 4+ characters (built once)."""
        if self._tokens is None:
            tokens: dict[str, list[str]] = {}
            for k in self.exact:
                for tok in set(k.split()):
                    if len(tok) >= 4:
                        tokens.setdefault(skeleton(tok), []).append(k)
            self._tokens = {sk: tuple(keys) for sk, keys in tokens.items()}  # (untracked)
        return self._tokens

    def token_keys(self, key: str) -> set[str]:
        """Keys sharing a word (of 4+ characters, or a close spelling of one) with ``key``."""
        by_skeleton = self._token_index()
        out: set[str] = set()
        for tok in key.split():
            if len(tok) >= 4:
                sk = skeleton(tok)
                out.update(by_skeleton.get(sk, ()))
                for d in _deletions(sk):
                    out.update(by_skeleton.get(d, ()))
        return out

    def containing(self, key: str, *, limit: int = 10) -> list[str]:
        """Longer keys holding every word of ``key`` ("nasab" in "jabar nasab bardar crasang").

        Sorted; none when more than ``limit`` keys hold them (a common word names nothing in
        particular) or when no word of ``key`` has 4 characters or more.
        """
        words = key.split()
        longest = max(words, key=len, default="")
        if len(longest) < 4:
            return []
        wanted = set(words)
        found = sorted(
            k
            for k in self._token_index().get(skeleton(longest), ())
            if k != key and wanted.issubset(k.split())
        )
        return found if len(found) <= limit else []

    def copy(self) -> NameIndex:
        """Return an independent copy (so an extended gazetteer never changes this one)."""
        new = NameIndex.__new__(NameIndex)
        new.exact = {k: list(v) for k, v in self.exact.items()}
        new.skeletons = {k: list(v) for k, v in self.skeletons.items()}
        new.compact = {k: list(v) for k, v in self.compact.items()}
        new._deletes = None
        new._tokens = None
        new._ids = None
        new.ranked = {}
        new.heirs = {}
        new.plans = None
        new.derived = {}
        return new

    def _deletion_index(self) -> dict[str, tuple[str, ...]]:
        """Map skeletons and their one-character deletions to keys (built lazily).

        Each skeleton, and each deletion of a skeleton of three or more consonants, maps to
        the keys that have that skeleton or deletion.
        """
        if self._deletes is None:
            # each key has one skeleton and each skeleton's deletions are distinct, so the
            # lists hold no duplicates
            deletes: dict[str, list[str]] = {}
            for sk, keys in self.skeletons.items():
                deletes.setdefault(sk, []).extend(keys)
                if len(sk) >= 3:
                    for d in _deletions(sk):
                        deletes.setdefault(d, []).extend(keys)
            # tuples: immutable, and of strings only, so the garbage collector stops
            # tracking them (a hundred thousand lists made every full collection slow)
            self._deletes = {d: tuple(keys) for d, keys in deletes.items()}
        return self._deletes

    def numbered(self) -> _Numbered:
        """Keys numbered in sorted order, with their entries (see :class:`_Numbered`; lazy)."""
        if self._ids is None:
            self._deletion_index()
            assert self._deletes is not None
            keys = sorted(self.exact)
            number = {k: i for i, k in enumerate(keys)}
            entries = [e for k in keys for e in self.exact[k]]
            counts = np.array([len(self.exact[k]) for k in keys], dtype=np.int64)
            folds = [e[2] for e in entries]
            words: dict[str, list[int]] = {}
            for i, k in enumerate(keys):  # (in number order: each list comes out sorted)
                for sk in {skeleton(tok) for tok in k.split() if len(tok) >= 4}:
                    words.setdefault(sk, []).append(i)
            self._ids = _Numbered(
                keys,
                number,
                np.array([len(k) - k.count(" ") for k in keys], dtype=np.int64),
                {sk: tuple([number[k] for k in ks]) for sk, ks in self.skeletons.items()},
                {d: tuple([number[k] for k in ks]) for d, ks in self._deletes.items()},
                entries,
                np.concatenate(([0], np.cumsum(counts)[:-1])),
                counts,
                np.array(keys, dtype=object),
                np.array(folds, dtype=object),
                np.array([e[0] for e in entries], dtype=np.int64),
                {sk: np.array(ns, dtype=np.int64) for sk, ns in words.items()},
            )
        return self._ids

    def candidate_pairs(self, keys: Sequence[str]) -> tuple[np.ndarray, np.ndarray]:
        """:meth:`candidate_keys` of many keys at once, as numbers.

        Returns ``(query, key)`` arrays: each query's position in ``keys`` and the number of
        a candidate key (see :meth:`numbered`), sorted by query, then by key (which is
        alphabetical order), without duplicates.
        """
        numbered = self.numbered()
        skeletons, deletes = numbered.skeletons, numbered.deletes
        chunks: list[tuple[int, ...]] = []
        owners: list[int] = []
        # (the skeletons of all keys in one pass: keys hold no newline)
        sks = _SKELETON_DROP.sub("", "\n".join(keys)).split("\n") if keys else []
        for q, sk in enumerate(sks):
            if len(sk) < 3:
                found = skeletons.get(sk)
                if found:
                    chunks.append(found)
                    owners.append(q)
                continue
            found = deletes.get(sk)
            if found:
                chunks.append(found)
                owners.append(q)
            # (a deletion's keys include the keys whose skeleton it is)
            for d in _deletions(sk):
                found = deletes.get(d)
                if found:
                    chunks.append(found)
                    owners.append(q)
        sizes = np.fromiter(map(len, chunks), dtype=np.int64, count=len(chunks))
        ids = np.fromiter(chain.from_iterable(chunks), dtype=np.int64, count=int(sizes.sum()))
        n = len(self.exact)
        both = _sorted_distinct(np.repeat(np.array(owners, dtype=np.int64), sizes) * n + ids)
        return both // n, both % n

    def candidate_keys(self, key: str) -> set[str]:
        """Keys that could be a misspelling of ``key`` (never the whole index).

        Keys whose skeleton equals the query's, or differs from it by one deleted,
        inserted or substituted consonant (a deletion on either side meets the other).
        """
        sk = skeleton(key)
        if len(sk) < 3:
            return set(self.skeletons.get(sk, ()))
        deletes = self._deletion_index()
        skeletons = self.skeletons
        out: set[str] = set(deletes.get(sk, ()))
        for d in _deletions(sk):
            same = skeletons.get(d)
            if same:
                out.update(same)
            near = deletes.get(d)
            if near:
                out.update(near)
        return out

    def fuzzy(self, key: str, *, limit: int = 20, cutoff: float = 60.0) -> list[tuple[str, float]]:
        """Best keys for ``key`` among its candidates, ``(key, score 0-100)``, best first."""
        cands = self.candidate_keys(key)
        if not cands:
            return []
        # in a fixed order: keys that score alike must not be kept or dropped at ``limit``
        # by the order of a set, which changes from one Python process to the next
        found = process.extract(
            key, sorted(cands), scorer=fuzz.ratio, limit=limit, score_cutoff=cutoff
        )
        return [(k, float(score)) for k, score, _ in found]
