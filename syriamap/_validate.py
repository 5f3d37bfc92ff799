"""Validation of coordinates, distances and radii shared by syriamap's modules.

Every public function that takes longitudes, latitudes or distances passes
them through these helpers, so that bad input fails the same way everywhere:

* strings, ``None``, booleans or other non-numbers where a number belongs
  raise :class:`~syriamap.errors.CoordinateTypeError` (a ``TypeError``);
* a latitude outside [-90, 90], a longitude outside [-180, 180] or a NaN /
  infinite coordinate raise :class:`~syriamap.errors.InvalidCoordinateError`
  (a ``ValueError``), naming the first bad value and its position;
* arrays of different lengths raise ``InvalidCoordinateError`` too;
* a pair that lies outside Syria but would lie inside it with longitude and
  latitude exchanged issues a :class:`~syriamap.errors.SwappedCoordinatesWarning`
  naming the pair (a warning only: the pair may be a genuine point in Turkey;
  pairs on a place of the gazetteer outside Syria, such as Adana, are not flagged);
* bad distances and radii raise :class:`~syriamap.errors.InvalidDistanceError`.

The checks on a valid array cost a few reductions (``min`` / ``max``), so they
are cheap enough to run on every call, even for millions of points.
"""

from __future__ import annotations

import numbers
import warnings
from functools import cache
from typing import Any

import numpy as np
import numpy.typing as npt

from syriamap.errors import (
    CoordinateTypeError,
    InvalidCoordinateError,
    InvalidDistanceError,
    SwappedCoordinatesWarning,
    _short_repr,
)

__all__ = [
    "MAX_DISTANCE_M",
    "SYRIA_BBOX",
    "as_float_array",
    "as_lonlat",
    "as_lonlat_arrays",
    "broadcast_points",
    "check_distance_m",
    "looks_swapped",
]

#: Half the length of a WGS84 meridian ellipse, in metres: the largest geodesic
#: distance between two points on the ellipsoid (pole to pole).
MAX_DISTANCE_M: float = 20_003_931.4586

#: Syria's bounding box (west, south, east, north) in degrees, rounded outward.
SYRIA_BBOX: tuple[float, float, float, float] = (35.6, 32.3, 42.4, 37.4)

# A pair is flagged as swapped only when, as given, it lies outside Syria's box
# grown by this margin (degrees), so that points just over a border (Antakya,
# Adana, Mosul) are not flagged.
_SWAP_MARGIN_DEG = 0.5

# Nor is it flagged when it lies on a located place of the gazetteer outside Syria
# (Adana, Mersin, Samsun ...): within the place's precision_m, clipped to
# [_KNOWN_PLACE_MIN_M, _KNOWN_PLACE_MAX_M] (a province counts only near its point).
# Every lat-first Syrian pair lands in central Turkey, so
# "lies in Turkey" cannot tell a swap from a real point; a pair that *is* a Turkish
# town's point can (al-Tanf swapped lies 24 km from the nearest, Deir ez-Zor 4.6 km).
_KNOWN_PLACE_MIN_M = 500.0
_KNOWN_PLACE_MAX_M = 10_000.0
_EARTH_RADIUS_M = 6_371_008.8

FloatArray = npt.NDArray[np.float64]

_UNITS = {"m": "metres", "km": "kilometres"}


def _bad_type(name: str, value: object, index: Any = None) -> CoordinateTypeError:
    where = "" if index is None else f" at position {index}"
    return CoordinateTypeError(
        f"{name} must be a number in degrees, got {type(value).__name__} "
        f"{_short_repr(value)}{where}; convert it with float() (or parse coordinate "
        'strings such as "33°30\'N" first)'
    )


def _object_to_float(arr: npt.NDArray[Any], name: str, *, allow_nan: bool) -> FloatArray:
    """Convert an object array element by element, rejecting non-numbers."""
    out = np.empty(arr.shape, dtype=np.float64)
    flat_out = out.reshape(-1)
    for i, item in enumerate(arr.reshape(-1)):
        index = np.unravel_index(i, arr.shape) if arr.ndim > 1 else i
        if item is None or item is np.ma.masked:
            if not allow_nan:
                raise _bad_type(name, item, index)
            flat_out[i] = np.nan
        elif isinstance(item, (str, bytes, bool, np.bool_)) or not isinstance(item, numbers.Real):
            # pandas.NA / NaT are "missing", not wrong types
            if allow_nan and _is_missing(item):
                flat_out[i] = np.nan
                continue
            raise _bad_type(name, item, index)
        else:
            flat_out[i] = float(item)
    return out


def _is_missing(item: object) -> bool:
    try:
        import pandas as pd
    except ImportError:  # pragma: no cover - pandas is a dependency
        return False
    return item is pd.NA or item is pd.NaT


def as_float_array(value: object, name: str, *, allow_nan: bool = False) -> FloatArray:
    """Return ``value`` as a float64 ndarray, raising a typed error for non-numbers.

    Parameters
    ----------
    value : float, sequence of float, numpy.ndarray or pandas.Series
        The numbers.  Integers are accepted; strings, ``None`` and booleans are not.
    name : str
        Name of the argument, used in error messages (``"lon"``, ``"radius_m"``).
    allow_nan : bool, default False
        Accept ``None`` / ``pandas.NA`` as missing and return NaN for them.  NaN
        values themselves are left for the caller to judge.

    Returns
    -------
    numpy.ndarray
        float64 array of the same shape as ``value`` (0-d for a scalar).  A
        float64 ndarray is returned without a copy.

    Raises
    ------
    CoordinateTypeError
        If a value is not a real number.

    See Also
    --------
    as_lonlat_arrays : validate longitude/latitude pairs.

    Examples
    --------
    >>> as_float_array([1, 2.5], "lon")
    array([1. , 2.5])
    >>> as_float_array("33.5", "lat")
    Traceback (most recent call last):
    ...
    syriamap.errors.CoordinateTypeError: lat must be a number in degrees, got str '33.5'; ...
    """
    if isinstance(value, np.ndarray) and value.dtype == np.float64:
        return value
    if isinstance(value, (str, bytes, bool, np.bool_)) or value is None:
        if value is None and allow_nan:
            return np.asarray(np.nan)
        raise _bad_type(name, value)
    if hasattr(value, "to_numpy") and not isinstance(value, np.ndarray):
        # pandas Series / Index / extension arrays: nullable floats keep NA as NaN
        dtype = getattr(value, "dtype", None)
        kind = getattr(dtype, "kind", "O")
        if kind in "fiu":
            arr = np.asarray(value.to_numpy(dtype=np.float64, na_value=np.nan))
        else:
            arr = np.asarray(value.to_numpy(dtype=object))
    else:
        try:
            arr = np.asarray(value)
        except (TypeError, ValueError) as exc:
            raise _bad_type(name, value) from exc
    if arr.dtype == np.float64:
        return arr
    if arr.dtype.kind in "fiu":
        return arr.astype(np.float64)
    if arr.dtype.kind in "US" and not isinstance(value, np.ndarray):
        # a list mixing numbers and strings: numpy turned every item into a string;
        # look at the items as given to name the first one that is not a number
        arr = np.asarray(value, dtype=object)
    if arr.dtype.kind == "O":
        return _object_to_float(arr, name, allow_nan=allow_nan)
    # strings (U/S), booleans, datetimes, complex...
    first = arr.reshape(-1)[0] if arr.size else value
    return _raise_type(name, first, arr)


def _raise_type(name: str, first: object, arr: npt.NDArray[Any]) -> FloatArray:
    index = 0 if arr.ndim else None
    raise _bad_type(name, first.item() if isinstance(first, np.generic) else first, index)


def _first_bad(mask: npt.NDArray[np.bool_]) -> Any:
    if mask.ndim == 0:
        return ()
    flat = int(np.flatnonzero(mask.reshape(-1))[0])
    return np.unravel_index(flat, mask.shape) if mask.ndim > 1 else flat


def looks_swapped(lon: npt.ArrayLike, lat: npt.ArrayLike) -> npt.NDArray[np.bool_]:
    """Return, per pair, whether ``(lon, lat)`` looks like a swapped ``(lat, lon)``.

    A pair looks swapped when it lies outside Syria's bounding box (grown by
    half a degree) but would lie inside the box with the two values exchanged:
    al-Tanf typed as ``(33.51, 38.62)`` instead of ``(38.62, 33.51)``.  A pair
    that lies on a place of the gazetteer outside Syria (within the place's
    precision, clipped to 500 m .. 10 km) is that place and is not flagged:
    Mersin as ``(34.639, 36.812)``.  This is a heuristic: other genuine points
    in central Turkey still match (every Syrian point typed latitude first
    lands there), and about 3 % of swapped Syrian points land on a Turkish
    town and are missed.

    Parameters
    ----------
    lon, lat : array_like of float
        Longitudes and latitudes in degrees, as given.

    Returns
    -------
    numpy.ndarray of bool

    See Also
    --------
    as_lonlat_arrays : warns with :class:`~syriamap.errors.SwappedCoordinatesWarning`.

    Examples
    --------
    >>> looks_swapped([33.51, 38.62, 34.639], [38.62, 33.51, 36.812])
    array([ True, False, False])
    """
    x = np.asarray(lon, dtype=np.float64)
    y = np.asarray(lat, dtype=np.float64)
    w, s, e, n = SYRIA_BBOX
    m = _SWAP_MARGIN_DEG
    near_syria = (x >= w - m) & (x <= e + m) & (y >= s - m) & (y <= n + m)
    swapped_in = (y >= w) & (y <= e) & (x >= s) & (x <= n)
    mask = np.asarray(swapped_in & ~near_syria)
    if mask.any():
        flat = mask.reshape(-1)  # a view: 0-d input becomes one element
        idx = np.flatnonzero(flat)
        px, py = np.broadcast_arrays(x, y)
        flat[idx[_on_foreign_place(px.reshape(-1)[idx], py.reshape(-1)[idx])]] = False
    return mask


@cache
def _foreign_places() -> tuple[Any, FloatArray, FloatArray, FloatArray]:
    """STRtree of the gazetteer's located places outside Syria, their lon, lat, radius_m."""
    import shapely

    from syriamap import _data

    lon, lat, radius = [], [], []
    for r in _data.place_rows():
        if r["country"] == "SY" or not r["lon"] or not r["lat"]:
            continue
        prec = float(r["precision_m"]) if r["precision_m"] else 0.0
        lon.append(float(r["lon"]))
        lat.append(float(r["lat"]))
        radius.append(min(max(prec, _KNOWN_PLACE_MIN_M), _KNOWN_PLACE_MAX_M))
    x, y = np.array(lon), np.array(lat)
    return shapely.STRtree(shapely.points(x, y)), x, y, np.array(radius)


def _on_foreign_place(x: FloatArray, y: FloatArray) -> npt.NDArray[np.bool_]:
    """Return, per point, whether it lies within ``radius_m`` of a gazetteer place abroad."""
    import shapely

    tree, px, py, radius = _foreign_places()
    out = np.zeros(len(x), dtype=bool)
    if not len(px):
        return out
    # candidates within a box wide enough at the flagged latitudes (|lat| <= 42.9),
    # then the haversine distance to each
    deg = _KNOWN_PLACE_MAX_M / (_EARTH_RADIUS_M * np.pi / 180 * np.cos(np.radians(45.0)))
    i, j = tree.query(shapely.points(x, y), predicate="dwithin", distance=deg)
    if len(i):
        la1, la2 = np.radians(y[i]), np.radians(py[j])
        dlat = la2 - la1
        dlon = np.radians(px[j] - x[i])
        h = np.sin(dlat / 2) ** 2 + np.cos(la1) * np.cos(la2) * np.sin(dlon / 2) ** 2
        d = 2 * _EARTH_RADIUS_M * np.arcsin(np.sqrt(np.minimum(h, 1.0)))
        out[np.unique(i[d <= radius[j]])] = True
    return out


def _check_swapped(lon: FloatArray, lat: FloatArray, stacklevel: int) -> None:
    w, s, e, n = SYRIA_BBOX
    # fast path: nothing can look swapped unless some lat lies in Syria's lon range
    # and some lon lies in Syria's lat range
    # (max/min are NaN when a value is NaN; the comparisons are then False and the
    # slow path below, which NaN cannot match, decides)
    if lat.size == 0 or lat.max() < w or lat.min() > e:
        return
    if lon.max() < s or lon.min() > n:
        return
    mask = looks_swapped(lon, lat)
    count = int(np.count_nonzero(mask))
    if not count:
        return
    i = _first_bad(mask)
    pair = (float(lon[i]), float(lat[i]))
    where = "" if lon.ndim == 0 else f" at position {i}"
    some = "" if lon.size == 1 else f"{count} of {lon.size} pairs look swapped; the first is "
    warnings.warn(
        f"{some}(lon, lat) = {pair}{where}, which lies outside Syria but would lie "
        f"inside it as (lon, lat) = {pair[::-1]}; syriamap takes longitude first. "
        "If the values really are (lon, lat), ignore this warning "
        "(check_swapped=False silences it)",
        SwappedCoordinatesWarning,
        stacklevel=stacklevel,
    )


def as_lonlat_arrays(
    lon: object,
    lat: object,
    *,
    allow_nan: bool = False,
    check_swapped: bool = True,
    names: tuple[str, str] = ("lon", "lat"),
    stacklevel: int = 3,
) -> tuple[FloatArray, FloatArray]:
    """Validate longitudes and latitudes and return them as float64 arrays.

    Parameters
    ----------
    lon, lat : float, sequence of float, numpy.ndarray or pandas.Series
        Longitudes and latitudes in WGS84 degrees, longitude first.  A scalar
        is broadcast against an array (one point against many).
    allow_nan : bool, default False
        Accept NaN / ``None`` / ``pandas.NA`` as "no coordinates" (returned as
        NaN) instead of raising.  Out-of-range values still raise.
    check_swapped : bool, default True
        Warn with :class:`~syriamap.errors.SwappedCoordinatesWarning` when pairs
        look like ``(lat, lon)`` (see :func:`looks_swapped`).
    names : tuple of str, default ("lon", "lat")
        Argument names used in messages (e.g. ``("lon2", "lat2")``).
    stacklevel : int, default 3
        Passed to :func:`warnings.warn` so the warning points at the caller's
        caller (the user's line when called from a public function).

    Returns
    -------
    lon, lat : numpy.ndarray
        float64 arrays of the broadcast shape (0-d for two scalars).

    Raises
    ------
    CoordinateTypeError
        A value is a string, ``None`` (unless ``allow_nan``), a boolean or
        another non-number.
    InvalidCoordinateError
        A longitude is outside [-180, 180], a latitude outside [-90, 90], a
        value is NaN or infinite (NaN allowed with ``allow_nan``), or the two
        arrays have different lengths.

    See Also
    --------
    as_lonlat : the same for one pair, returning floats.
    looks_swapped : the swapped-pair heuristic.

    Examples
    --------
    >>> lon, lat = as_lonlat_arrays([38.6178, 40.15], [33.5058, 35.333])
    >>> lon
    array([38.6178, 40.15  ])
    >>> as_lonlat_arrays(38.6, 133.5)
    Traceback (most recent call last):
    ...
    syriamap.errors.InvalidCoordinateError: lat must be within [-90, 90] degrees, got 133.5; ...
    """
    name_x, name_y = names
    x = as_float_array(lon, name_x, allow_nan=allow_nan)
    y = as_float_array(lat, name_y, allow_nan=allow_nan)
    if x.shape != y.shape:
        if x.ndim == 0 or y.ndim == 0:  # one number against many
            x, y = np.broadcast_arrays(x, y)
        else:
            raise InvalidCoordinateError(
                f"{name_x} has shape {x.shape} but {name_y} has shape {y.shape}; give "
                "arrays of the same length (or a single number for one of them)"
            )
    _check_range(x, name_x, 180.0, allow_nan=allow_nan)
    _check_range(y, name_y, 90.0, allow_nan=allow_nan)
    if check_swapped and x.size:
        _check_swapped(x, y, stacklevel + 1)
    return x, y


def broadcast_points(*arrays: FloatArray, what: str = "points") -> list[FloatArray]:
    """Broadcast arrays that must have equal shapes, or be 0-d (one value for all).

    Parameters
    ----------
    *arrays : numpy.ndarray
        Validated arrays.
    what : str, default "points"
        What the arrays hold, for the error message.

    Returns
    -------
    list of numpy.ndarray
        Read-only broadcast views.

    Raises
    ------
    InvalidCoordinateError
        If two non-scalar arrays have different shapes (numpy would broadcast a
        length-1 array against any length; here that is a mistake).

    See Also
    --------
    as_lonlat_arrays : validates each pair first.

    Examples
    --------
    >>> [a.shape for a in broadcast_points(np.zeros(3), np.asarray(1.0))]
    [(3,), (3,)]
    """
    shapes = {a.shape for a in arrays if a.ndim}
    if len(shapes) > 1:
        listed = ", ".join(str(a.shape) for a in arrays)
        raise InvalidCoordinateError(
            f"the {what} have different shapes ({listed}); give arrays of the same "
            "length, or a single number where one value applies to all"
        )
    return list(np.broadcast_arrays(*arrays))


def _check_range(arr: FloatArray, name: str, limit: float, *, allow_nan: bool) -> None:
    """Raise InvalidCoordinateError for values outside [-limit, limit] or not finite."""
    if arr.size == 0:
        return
    lo, hi = arr.min(), arr.max()  # NaN propagates, so one test covers both
    if lo >= -limit and hi <= limit:
        return
    # with allow_nan, NaN compares False (allowed) and inf compares True (bad)
    bad = np.abs(arr) > limit if allow_nan else ~(np.abs(arr) <= limit)
    if not bad.any():
        return
    i = _first_bad(bad)
    value = float(arr[i])
    where = "" if arr.ndim == 0 else f" at position {i}"
    if np.isnan(value):
        raise InvalidCoordinateError(
            f"{name} is NaN{where}; every point needs finite coordinates "
            "(drop or geocode the rows without a location first)"
        )
    hint = (
        "latitude comes second in syriamap's (lon, lat) order"
        if limit == 90.0
        else "longitude comes first in syriamap's (lon, lat) order"
    )
    raise InvalidCoordinateError(
        f"{name} must be within [-{limit:g}, {limit:g}] degrees, got {value!r}{where}; "
        f"check the units (degrees, not radians or metres) and that {hint}"
    )


def as_lonlat(
    lon: object, lat: object, *, check_swapped: bool = True, stacklevel: int = 3
) -> tuple[float, float]:
    """Validate one longitude/latitude pair and return it as two floats.

    Parameters
    ----------
    lon, lat : float
        Longitude and latitude in WGS84 degrees.
    check_swapped : bool, default True
        Warn when the pair looks like ``(lat, lon)``.
    stacklevel : int, default 3
        Passed to :func:`warnings.warn`.

    Returns
    -------
    lon, lat : float

    Raises
    ------
    CoordinateTypeError, InvalidCoordinateError
        As :func:`as_lonlat_arrays`; also if more than one value is given.

    See Also
    --------
    as_lonlat_arrays : the array version.

    Examples
    --------
    >>> as_lonlat(38.61778, 33.50583)
    (38.61778, 33.50583)
    """
    x, y = as_lonlat_arrays(lon, lat, check_swapped=check_swapped, stacklevel=stacklevel + 1)
    if x.size != 1:
        raise CoordinateTypeError(
            f"expected one (lon, lat) pair, got {x.size} values; use the array functions "
            "for many points"
        )
    return float(x.reshape(-1)[0]), float(y.reshape(-1)[0])


def check_distance_m(
    value: object,
    name: str = "radius_m",
    *,
    allow_zero: bool = False,
    max_m: float = MAX_DISTANCE_M,
    unit: str = "m",
) -> FloatArray:
    """Validate distances in metres: finite, positive and at most ``max_m``.

    Parameters
    ----------
    value : float or array_like of float
        Distance(s) in metres.
    name : str, default "radius_m"
        Argument name used in messages.
    allow_zero : bool, default False
        Accept 0 (a destination at the start point, a zero uncertainty).
    max_m : float, default MAX_DISTANCE_M
        Largest acceptable value; by default half the Earth's meridian
        circumference (20,003,931 m), beyond which no two points are.

    unit : {"m", "km"}, default "m"
        Unit of ``value`` and ``max_m``, used in messages (``radius_km`` passes
        ``"km"`` and ``max_m=20003.93``).

    Returns
    -------
    numpy.ndarray
        float64 array of the values (0-d for a scalar).

    Raises
    ------
    CoordinateTypeError
        The value is not a number (a string, ``None``...).
    InvalidDistanceError
        The value is NaN, infinite, negative, zero (unless ``allow_zero``) or
        larger than ``max_m``.

    See Also
    --------
    as_lonlat_arrays : the same for coordinates.

    Examples
    --------
    >>> float(check_distance_m(55_000))
    55000.0
    >>> check_distance_m(-5.0)
    Traceback (most recent call last):
    ...
    syriamap.errors.InvalidDistanceError: radius_m must be a positive number of metres, ...
    """
    try:
        arr = as_float_array(value, name)
    except CoordinateTypeError as exc:
        text = str(exc).split(";")[0].replace("a number in degrees", f"a number of {_UNITS[unit]}")
        raise CoordinateTypeError(f"{text}; give a number, e.g. 55 rather than '55 km'") from None
    if arr.size == 0:
        return arr
    lo, hi = arr.min(), arr.max()
    if (lo > 0 or (allow_zero and lo >= 0)) and hi <= max_m:
        return arr
    ok = (arr >= 0) if allow_zero else (arr > 0)
    bad = ~(ok & (arr <= max_m))
    i = _first_bad(bad)
    v = float(arr[i])
    where = "" if arr.ndim == 0 else f" at position {i}"
    if v > max_m:
        raise InvalidDistanceError(
            f"{name} = {v!r} {unit}{where} is larger than {max_m:,.0f} {unit} (half the Earth's "
            "circumference, the farthest two points can be); check the units "
            "(radius_m takes metres, radius_km kilometres)"
        )
    sign = "non-negative" if allow_zero else "positive"
    raise InvalidDistanceError(
        f"{name} must be a {sign} number of {_UNITS[unit]}, got {v!r}{where}; give a finite "
        f"distance{'' if allow_zero else ' greater than zero'}"
    )
