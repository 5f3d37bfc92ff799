"""Resolving a whole column of names (:meth:`syriamap.gazetteer.Gazetteer.lookup_many`)."""

from __future__ import annotations

import gc
from collections.abc import Collection, Iterable, Iterator
from contextlib import contextmanager
from itertools import repeat
from typing import TYPE_CHECKING, Any

import numpy as np

from syriamap.errors import (
    AmbiguousPlaceError,
    ArgumentTypeError,
    GeocoderError,
    InputFormatError,
    PlaceNotFoundError,
    PlaceNotLocatedError,
    SyriamapError,
    _short_repr,
)
from syriamap.names import (
    GENERIC_WORDS,
    is_generic_fold,
    normalize_fold_many,
    quick_valid_many,
)
from syriamap.place import ADMIN_FIELDS, Place

if TYPE_CHECKING:
    import geopandas as gpd
    import pandas as pd

    from syriamap.gazetteer import Gazetteer

__all__ = ["lookup_many"]


def _status_of(exc: Exception) -> str:
    if isinstance(exc, PlaceNotLocatedError):
        return "not_located"
    if isinstance(exc, AmbiguousPlaceError):
        return "ambiguous"
    if isinstance(exc, PlaceNotFoundError):
        return "not_found"
    if isinstance(exc, GeocoderError):  # the fallback geocoder failed (timeout, quota ...)
        return "geocoder_error"
    return "invalid"


def _suggestions_of(exc: Exception) -> list[str]:
    if isinstance(exc, AmbiguousPlaceError):
        return [f"{p.name} ({p.kind}, {p.country}, id {p.id})" for p in exc.candidates]
    if isinstance(exc, PlaceNotFoundError):
        return list(exc.suggestions)
    if isinstance(exc, PlaceNotLocatedError):
        return [f"{exc.place.name} (id {exc.place.id}): known, not located"]
    return []


def _record_failure(
    exc: Exception,
    i: int,
    status: np.ndarray,
    error: list[str | None],
    sugg: list[list[str] | None],
    places: list[Place | None],
) -> None:
    """Record why distinct name ``i`` was not resolved."""
    status[i] = _status_of(exc)
    error[i] = f"{type(exc).__name__}: {exc}"
    sugg[i] = _suggestions_of(exc)
    if isinstance(exc, PlaceNotLocatedError):
        places[i] = exc.place  # known, not located: its id is still reported


def _as_series(names: Iterable[object]) -> pd.Series:
    import pandas as pd

    if isinstance(names, str):
        raise InputFormatError(
            f"lookup_many expects a column of names (list, Series, array), got the str "
            f"{names[:60]!r}; use lookup() for one name"
        )
    if isinstance(names, pd.Series):
        return names
    if isinstance(names, pd.DataFrame):
        raise InputFormatError(
            "lookup_many expects one column of names, got a DataFrame; pass df['place']"
        )
    if isinstance(names, np.ndarray) and names.ndim != 1:
        raise InputFormatError(
            f"lookup_many expects one column of names, got a {names.ndim}-D array of shape "
            f"{names.shape}; pass one column (e.g. arr[:, 0]) or a 1-D array (arr.ravel())"
        )
    if isinstance(names, (bytes, bytearray)) or not isinstance(names, Iterable):
        raise ArgumentTypeError(
            f"lookup_many expects a column of names (list, Series, array), got "
            f"{type(names).__name__} {_short_repr(names)}; "
            + (
                "decode it first (data.decode('utf-8')) and use lookup() for one name"
                if isinstance(names, (bytes, bytearray))
                else "pass e.g. df['place'] or ['Raqqa', 'Homs']"
            )
        )
    if isinstance(names, (pd.Index, np.ndarray)):
        return pd.Series(np.asarray(names, dtype=object), dtype=object)
    values = names if isinstance(names, list) else list(names)
    try:
        column = np.asarray(values, dtype=object)
    except ValueError:  # nested sequences numpy cannot shape
        column = np.empty(0, dtype=object)
    if column.ndim != 1 or len(column) != len(values):
        # a list of equal-length lists made a 2-D array: element by element instead, a
        # list in a row being that row's invalid value, as in a Series of lists
        column = np.empty(len(values), dtype=object)
        for i, v in enumerate(values):
            column[i] = v
    return pd.Series(column, dtype=object, copy=False)


def _factorize(series: pd.Series) -> tuple[np.ndarray, list[object]]:
    """Codes (-1 for missing) and distinct values; copes with unhashable values."""
    import pandas as pd

    try:
        codes, uniques = pd.factorize(series, use_na_sentinel=True)
        return np.asarray(codes, dtype=np.intp), list(uniques)
    except TypeError:  # unhashable values (lists, dicts): group by type and repr
        seen: dict[tuple[str, str], int] = {}
        values: list[object] = []
        out = np.empty(len(series), dtype=np.intp)
        for i, v in enumerate(series.tolist()):
            if v is None or (isinstance(v, float) and v != v):
                out[i] = -1
                continue
            k = (type(v).__name__, repr(v))
            j = seen.get(k)
            if j is None:
                j = seen[k] = len(values)
                values.append(v)
            out[i] = j
        return out, values


def _values_column(values: np.ndarray) -> Any:
    """Return the report's column of values as given: as pandas stores text, or as objects.

    pandas stores text in UTF-8 (pyarrow), which has no lone surrogate ("Tanf\ud800x",
    as decoding with ``surrogateescape`` leaves them): such values are kept as objects.
    """
    import pandas as pd

    try:
        return pd.array(values)
    except UnicodeEncodeError:  # (a Series: the frame keeps its dtype, and aligns by position)
        return pd.Series(values, dtype=object, copy=False)


@contextmanager
def _collector_paused() -> Iterator[None]:
    """Pause Python's cyclic garbage collector for a column's work, then restore it.

    Resolving a column allocates tens of thousands of short-lived containers.  The
    collector's passes over them while they are alive cost a tenth of the time and more (a
    full pass, one call in three or four, takes 0.1 s more) and find nothing, since this
    work makes no reference cycles (a test checks); reference counting frees them before
    the collector runs again.  Left disabled if the caller had disabled it.  Not used with
    an online fallback, whose requests may hold the call for minutes.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def lookup_many(
    gz: Gazetteer,
    names: Iterable[object],
    *,
    country: str | None = None,
    kind: str | Collection[str] | None = None,
) -> gpd.GeoDataFrame:
    """See :meth:`syriamap.gazetteer.Gazetteer.lookup_many`."""
    if gz._fallback is not None:  # an online geocoder may take minutes: no pause then
        return _lookup_many(gz, names, country=country, kind=kind)
    with _collector_paused():
        return _lookup_many(gz, names, country=country, kind=kind)


def _lookup_many(
    gz: Gazetteer,
    names: Iterable[object],
    *,
    country: str | None,
    kind: str | Collection[str] | None,
) -> gpd.GeoDataFrame:
    import geopandas as gpd
    import pandas as pd
    import shapely

    from syriamap.gazetteer import (
        MEMO_SIZE,
        _abroad_doubt,
        _closest_entry,
        _FuzzyDeferredError,
        _kind_set,
        _memo_key,
        _prepare_many,
        _qualified_inexact,
        _untraced,
    )

    _kind_set(kind)  # a bad kind= or country= is the caller's error, not every row's
    country = gz._country(country)
    series = _as_series(names)
    codes, uniques = _factorize(series)
    n = len(uniques)
    # per distinct value: the place (resolved or, when not located, known), alias, score
    places: list[Place | None] = [None] * (n + 1)
    matched: list[str | None] = [None] * (n + 1)
    score = np.full(n + 1, np.nan)
    status = np.full(n + 1, "ok", dtype=object)
    error: list[str | None] = [None] * (n + 1)
    sugg: list[list[str] | None] = [None] * (n + 1)
    # slot n (reached by code -1) is the missing value
    status[n] = "invalid"
    error[n] = "NameTypeError: the name is missing (None/NaN)"
    sugg[n] = []

    # fast path, all distinct names at once: fold and key in bulk, then one dict look-up each
    valid = quick_valid_many(uniques)
    strings = [i for i, ok in enumerate(valid) if ok]
    texts = [str(uniques[i]).strip() for i in strings]
    slow: list[tuple[int, str | None, str | None]] = [
        (i, None, None) for i, ok in enumerate(valid) if not ok
    ]
    unfiltered = country is None and kind is None
    all_places = gz._places
    memo = gz._memo
    keys, folds = normalize_fold_many(texts)
    fast = zip(strings, texts, keys, folds, strict=True)
    if not unfiltered:  # country= or kind=: lookup's own path for every name
        slow += zip(strings, keys, folds, strict=True)
        fast = zip([], [], [], [], strict=True)
    plans = gz._plans()
    plan_of = gz._plan
    for i, text, key, qfold in fast:
        plan = plans.get(key) or plan_of(key)
        if (
            plan is None
            or (  # (is_generic_fold, inline: one word, or "the ...")
                (not qfold or qfold in GENERIC_WORDS)
                if " " not in qfold
                else (text[:3].lower() == "the" and is_generic_fold(text, qfold))
            )
        ):
            slow.append((i, key, qfold))  # no such key, or a generic word: lookup decides
            continue
        first, entries, ranked, closest, spellings, in_syria, spelled = plan
        if " " in qfold and qfold not in spellings and _qualified_inexact(qfold, entries):
            slow.append((i, key, qfold))  # "Qara town": lookup tries the town Qara first
            continue
        if spelled:
            # several places: ranking would take the only one spelled exactly as the query
            hits = [(pi, sp) for pi, sp in spelled if qfold in sp]
            if len(hits) == 1:
                place = all_places[hits[0][0]]
                if place.located and (
                    place.country == "SY" or not _abroad_doubt(qfold, place, qfold, exact=True)
                ):
                    places[i] = place
                    matched[i] = hits[0][1][qfold]
                    score[i] = 100.0
                    continue
        if first >= 0:
            # the key stands for one place whatever the spelling: no ranking needed
            place = all_places[first]
            alias = spellings.get(qfold)
            if in_syria or (
                place.located
                and (closest is False or alias is not None)
                and not (
                    _abroad_doubt(qfold, place, qfold, exact=True)
                    if alias is not None
                    else _abroad_doubt(qfold, place, entries[0][2], exact=False, query=text)
                )
            ):
                places[i] = place
                if alias is not None:
                    matched[i] = alias
                    score[i] = 100.0
                else:
                    matched[i] = (_closest_entry(qfold, entries) if closest else entries[0])[1]
                    score[i] = 97.0
                continue
        # what lookup does at its first stage (the exact key), without its preliminaries;
        # its results are lookup's, memoised alike (same key and spelling, same answer)
        res = memo.get((key, qfold))
        if res is None:
            try:
                if ranked is not None or closest:
                    ranking = ranked if ranked is not None else [first]
                    res = gz._choose_ranked(text, qfold, entries, ranking, 100.0, key)
                else:
                    res = gz._choose(
                        text, qfold, entries, None, None, None, None, 100.0, key=key, whole=True
                    )
            except PlaceNotFoundError:  # e.g. too loose abroad: lookup's later stages decide
                slow.append((i, key, qfold))
                continue
            except AmbiguousPlaceError as exc:
                if not any(e[2] == qfold for e in entries) and all(
                    p.country != "SY" for p in exc.candidates
                ):
                    # foreign namesakes spelled like none of them: lookup's later stages may
                    # find a Syrian place spelled closer (Gazetteer._match)
                    slow.append((i, key, qfold))
                    continue
                _record_failure(exc, i, status, error, sugg, places)
                continue
            except PlaceNotLocatedError as exc:
                _record_failure(exc, i, status, error, sugg, places)
                continue
            if len(memo) < MEMO_SIZE:
                memo[_memo_key(key, qfold, text, exact=True)] = res
        places[i] = res.place
        matched[i] = res.matched
        score[i] = res.score

    # the rest: every spelling lookup tries after the exact key, keyed in one pass
    todo = [(i, k, f) for i, k, f in slow if k is not None and f is not None]
    todo_texts = [str(uniques[i]).strip() for i, _, _ in todo]
    # (their own keys and folds are known from the fast path)
    known = {t: (k, f) for t, (_, k, f) in zip(todo_texts, todo, strict=True)}
    preps = dict(zip((i for i, _, _ in todo), _prepare_many(todo_texts, known), strict=True))

    direct = unfiltered and gz._fallback is None

    def resolve(i: int, skey: str | None, sfold: str | None) -> None:
        prep = preps.get(i)
        # a name that passed the bulk checks needs lookup's validation only to be refused
        # as generic (or to have a carriage return collapsed)
        checked = (
            prep is not None
            and sfold is not None
            and "\r" not in prep.text
            and not is_generic_fold(prep.text, sfold)
        )
        try:
            if checked and direct:
                # lookup of a valid name without filters or fallback, minus its checks
                assert prep is not None and skey is not None and sfold is not None
                res = gz._resolve_offline(prep.text, None, None, None, skey, sfold, prep)
            else:
                res = gz._resolve(
                    prep.text if checked and prep is not None else uniques[i],
                    country=country,
                    kind=kind,
                    key=skey,
                    qfold=sfold,
                    prep=prep,
                    checked=checked,
                )
        except SyriamapError as exc:  # the row's problem; bad kind= etc. raised above
            _record_failure(exc, i, status, error, sugg, places)
            # (its traceback's frames may hold it, as a failure kept to be raised later:
            # without it, they and all they hold go now, not at the next full collection)
            _untraced(exc)
            return
        places[i] = res.place
        matched[i] = res.matched
        score[i] = res.score

    def resolve_or_defer(i: int, skey: str | None, sfold: str | None) -> bool:
        """Resolve name ``i`` unless it needs a fuzzy stage not yet scored (``False``)."""
        prep = preps.get(i)
        if prep is not None:
            prep.defer_fuzzy = True
        try:
            resolve(i, skey, sfold)
        except _FuzzyDeferredError:
            return False
        finally:
            if prep is not None:
                prep.defer_fuzzy = False
        return True

    # first every name that some spelling matches; the fuzzy stage is deferred ...
    deferred = []
    entries_of = gz._index.entries
    for i, skey, sfold in slow:
        prep = preps.get(i)
        if prep is not None and not (
            prep.generic_core
            or entries_of(skey or "")
            or any(entries_of(prep.keyed[s][0]) for s in (*prep.tries, *prep.variants))
        ):
            deferred.append((i, skey, sfold))  # no other spelling to try: fuzzy stage
            prep.fuzzy_only = True
            continue
        if not resolve_or_defer(i, skey, sfold):
            deferred.append((i, skey, sfold))
    # ... then the fuzzy stage of the others, their candidates scored all together: in
    # rounds, each name's next spelling that lookup scores (the first found ends its loop)
    found: dict[tuple[str, str], Any] = {}
    while deferred:
        wanted: dict[tuple[str, str], None] = {}
        for i, _, _ in deferred:
            prep = preps[i]
            for kf in map(prep.keyed.__getitem__, prep.targets):
                if kf not in prep.fuzzy and len(kf[0].replace(" ", "")) >= 4:
                    if kf not in found:
                        wanted[kf] = None
                    break
        similar, close = gz._fuzzy_stage(list(wanted))
        found.update((kf, (similar[t], (close, t))) for t, kf in enumerate(wanted))
        later = []
        for i, skey, sfold in deferred:
            prep = preps[i]
            for kf in map(prep.keyed.__getitem__, prep.targets):
                if kf in found:
                    prep.fuzzy[kf], prep.close[kf[0]] = found[kf]
            if not resolve_or_defer(i, skey, sfold):
                later.append((i, skey, sfold))
        deferred = later

    ok_u = status == "ok"
    index = series.index
    rows = np.where(codes < 0, n, codes)  # the missing value's slot is n

    def categorical(values: np.ndarray) -> pd.Categorical:
        """Return a categorical column from per-distinct-name values (each stored once)."""
        ucodes, cats = pd.factorize(values, use_na_sentinel=True)
        dtype = pd.CategoricalDtype(pd.Index(cats, dtype="str"))
        # (codes from factorize are valid by construction)
        return pd.Categorical.from_codes(np.asarray(ucodes)[rows], dtype=dtype, validate=False)

    # where each distinct name's place sits in the gazetteer (len(places) = none)
    table = gz._place_table()
    none = len(gz._places)
    position = table["positions"]
    pidx = np.fromiter(map(position.get, map(id, places), repeat(-1)), dtype=np.intp, count=n + 1)
    foreign = bool((pidx < 0).any())  # a place from the online fallback, not in the gazetteer
    data: dict[str, Any] = {"query": series, "status": categorical(status)}
    data["error"] = categorical(np.array(error, dtype=object))
    if not foreign:
        pidx_ok = np.where(ok_u, pidx, none)
        take_any, take_ok = pidx[rows], pidx_ok[rows]

        def from_table(col: str, take: np.ndarray) -> pd.Categorical:
            return pd.Categorical.from_codes(table["codes"][col][take], table["cats"][col])

        lon, lat = table["lon"][pidx_ok], table["lat"][pidx_ok]
        data["place_id"] = from_table("id", take_any)
        data["place_name"] = from_table("name", take_any)
        data["matched"] = categorical(np.array(matched, dtype=object))
        data["score"] = score[rows]
        data["kind"] = from_table("kind", take_any)
        data["country"] = from_table("country", take_any)
        data["lon"], data["lat"] = lon[rows], lat[rows]
        data["precision_m"] = table["precision_m"][pidx_ok][rows]
        for col in (*ADMIN_FIELDS, "source"):
            data[col] = from_table(col, take_ok)
    else:

        def column(attr: str) -> np.ndarray:
            return np.array(
                [getattr(p, attr) if p is not None else None for p in places], dtype=object
            )

        def number(attr: str) -> np.ndarray:
            values = [getattr(p, attr) if p is not None else None for p in places]
            return np.array([np.nan if v is None else v for v in values], dtype=float)

        lon = np.where(ok_u, number("lon"), np.nan)
        lat = np.where(ok_u, number("lat"), np.nan)
        data["place_id"] = categorical(column("id"))
        data["place_name"] = categorical(column("name"))
        data["matched"] = categorical(np.array(matched, dtype=object))
        data["score"] = score[rows]
        data["kind"] = categorical(column("kind"))
        data["country"] = categorical(column("country"))
        data["lon"], data["lat"] = lon[rows], lat[rows]
        data["precision_m"] = np.where(ok_u, number("precision_m"), np.nan)[rows]
        for col in (*ADMIN_FIELDS, "source"):
            data[col] = categorical(np.where(ok_u, column(col), np.array(None, dtype=object)))
    if not foreign:
        geoms_u = table["points"][pidx_ok]
    else:
        geoms_u = np.full(n + 1, None, dtype=object)
        geoms_u[ok_u] = shapely.points(lon[ok_u], lat[ok_u])
    # checked once per distinct name, then taken per row (no per-row validation)
    geometry = gpd.array.from_shapely(geoms_u, crs="EPSG:4326").take(rows)
    frame = pd.DataFrame(data, index=index, copy=False)
    gdf = gpd.GeoDataFrame(
        frame, geometry=gpd.GeoSeries(geometry, index=index, copy=False), copy=False
    )
    sugg_u = np.empty(n + 1, dtype=object)
    sugg_u[:] = sugg
    failed = np.flatnonzero(~ok_u[rows])
    fcodes = rows[failed]
    gdf.attrs["report"] = pd.DataFrame(
        {
            "row": index[failed],
            "value": _values_column(series.iloc[failed].to_numpy()),
            "status": data["status"][failed],
            "reason": data["error"][failed],  # categorical: each distinct reason stored once
            "suggestions": sugg_u[fcodes],
        }
    )
    return gdf
