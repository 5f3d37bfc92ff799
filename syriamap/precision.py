"""Location precision codes of ACLED and UCDP GED as uncertainty radii in metres.

Conflict datasets do not publish an error radius; they publish a *code* that
says what the coordinates stand for (the town itself, an area near it, a
district or province centroid, the whole country).  syriamap turns each code
into an **uncertainty radius in metres** (``precision_m``): the radius of a
disc around the coded point within which the event is taken to have happened.
:meth:`syriamap.zones.Zone.relation` uses that radius to answer ``inside`` /
``outside`` / ``indeterminate``.

The radii are Syria-scale figures derived from the published code definitions
and from the sizes of Syria's administrative units (OpenSyria / OCHA areas,
shipped with the gazetteer's sources):

* Syrian sub-districts (272): the radius of a circle of equal area is 8 km at
  the median and 22 km at the 90th percentile;
* districts (62): 20 km median, 46 km at the 90th percentile, 99 km max
  (Tadmur);
* governorates (14): 49 km median, 98 km at the 90th percentile, 116 km max
  (Homs);
* the whole country: the farthest border point lies 421 km from Syria's
  centroid (Natural Earth 1:50m outline, geodesic).

An equal-area radius is a *typical* scale: the far corners of an elongated
district can lie beyond it.  The gazetteer's own admin units therefore carry a
radius that covers the unit (the farthest border point of a governorate; twice
the equal-area radius of a district or sub-district, which have no polygon).
Where a dataset gives a better figure (a place's own ``precision_m``, an
explicit ``precision_m`` column) syriamap uses that.

Examples
--------
>>> acled_precision_m(2)
25000.0
>>> ucdp_precision_m([1, 4, 6]).tolist()
[2000.0, 100000.0, 450000.0]
>>> combine_precision_m(25_000, 2_000)
27000.0
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Literal

import numpy as np

from syriamap.errors import SyriamapError

__all__ = [
    "ACLED_PRECISION_M",
    "COUNTRY_PRECISION_M",
    "UCDP_PRECISION_M",
    "InvalidPrecisionCodeError",
    "acled_precision_m",
    "combine_precision_m",
    "ucdp_precision_m",
]


class InvalidPrecisionCodeError(SyriamapError, ValueError):
    """A precision code is not one the dataset's codebook defines."""


#: Radius (m) covering Syria from its centroid: 421 km farthest border point, rounded up.
COUNTRY_PRECISION_M: float = 450_000.0

#: ACLED ``geo_precision`` code -> uncertainty radius in metres.
#:
#: ACLED codebook definitions (paraphrased) and the radius chosen:
#:
#: 1. "the source reporting indicates a particular town, and coordinates are
#:    available for that town": **2 km**, the extent of a Syrian town or
#:    village around its coded centre;
#: 2. "activity took place in a small part of a region, and mentions a general
#:    area, or ... occurs near a town or a city; the event is coded to a town
#:    ... to represent that area": **25 km**, the "near a town" scale (UCDP's
#:    code 2, and the 90th-percentile Syrian sub-district, 22 km);
#: 3. "a larger region is mentioned; the closest natural location noted in
#:    reporting ... or a provincial capital is used": **100 km**, the
#:    90th-percentile Syrian governorate (98 km equal-area radius).
ACLED_PRECISION_M: Mapping[int, float] = {1: 2_000.0, 2: 25_000.0, 3: 100_000.0}

#: UCDP GED ``where_prec`` code -> uncertainty radius in metres.
#:
#: UCDP GED codebook definitions (paraphrased) and the radius chosen:
#:
#: 1. "the location information corresponds exactly to the geographical
#:    coordinates available" (a named town or village): **2 km**, as ACLED 1;
#: 2. "the location information refers to a limited area around a specified
#:    location" (the codebook's "near X", up to about 25 km): **25 km**;
#: 3. an ADM2 unit (district), coded to its centroid: **50 km**, the
#:    90th-percentile Syrian district (46 km);
#: 4. an ADM1 unit (governorate), coded to its centroid: **100 km**, the
#:    90th-percentile Syrian governorate (98 km);
#: 5. parts of a country larger than an ADM1 but smaller than the country, a
#:    point between two named locations, or a location given only in relation
#:    to another: **250 km** (a region of two or three governorates);
#: 6. the entire country, coded to its centroid: **450 km**
#:    (:data:`COUNTRY_PRECISION_M`);
#: 7. over water or in international airspace, centroid of a water area or
#:    estimated coordinates: the codebook gives no bound; **450 km**, the
#:    country scale.
UCDP_PRECISION_M: Mapping[int, float] = {
    1: 2_000.0,
    2: 25_000.0,
    3: 50_000.0,
    4: 100_000.0,
    5: 250_000.0,
    6: COUNTRY_PRECISION_M,
    7: COUNTRY_PRECISION_M,
}


def _codes_to_m(codes: Any, table: Mapping[int, float], dataset: str, column: str) -> Any:
    """Map scalar or array-like ``codes`` through ``table``; NaN stays NaN."""
    scalar = np.ndim(codes) == 0
    try:
        arr = np.asarray(codes, dtype="float64").reshape(-1)
    except (TypeError, ValueError):
        raise InvalidPrecisionCodeError(
            f"{dataset} {column} codes must be integers {sorted(table)}, got {codes!r}"
        ) from None
    out = np.full(arr.shape, np.nan)
    finite = np.isfinite(arr)
    valid_codes = np.array(sorted(table), dtype="float64")
    bad = finite & ~np.isin(arr, valid_codes)
    if bad.any():
        raise InvalidPrecisionCodeError(
            f"{dataset} {column} must be one of {sorted(table)}; got {arr[bad][0]!r}"
            f" ({int(bad.sum())} bad value(s)); see syriamap.precision for the codebook"
        )
    for code, radius in table.items():
        out[arr == code] = radius
    if scalar:
        return float(out[0])
    return out


def acled_precision_m(geo_precision: Any) -> Any:
    """Convert ACLED ``geo_precision`` codes (1-3) to uncertainty radii in metres.

    Parameters
    ----------
    geo_precision : int or array-like of int
        ACLED ``geo_precision`` code(s); NaN/None give NaN.

    Returns
    -------
    float or numpy.ndarray
        Uncertainty radius in metres (see :data:`ACLED_PRECISION_M` for the
        mapping and the codebook definitions it rests on).

    Raises
    ------
    InvalidPrecisionCodeError
        A code outside 1-3 (the message names it).

    Examples
    --------
    >>> acled_precision_m(1)
    2000.0
    >>> acled_precision_m([3, None]).tolist()
    [100000.0, nan]
    """
    return _codes_to_m(geo_precision, ACLED_PRECISION_M, "ACLED", "geo_precision")


def ucdp_precision_m(where_prec: Any) -> Any:
    """Convert UCDP GED ``where_prec`` codes (1-7) to uncertainty radii in metres.

    Parameters
    ----------
    where_prec : int or array-like of int
        UCDP GED ``where_prec`` code(s); NaN/None give NaN.

    Returns
    -------
    float or numpy.ndarray
        Uncertainty radius in metres (see :data:`UCDP_PRECISION_M`).

    Raises
    ------
    InvalidPrecisionCodeError
        A code outside 1-7.

    Examples
    --------
    >>> ucdp_precision_m(3)
    50000.0
    """
    return _codes_to_m(where_prec, UCDP_PRECISION_M, "UCDP GED", "where_prec")


def combine_precision_m(
    event_m: Any,
    place_m: Any,
    *,
    method: Literal["sum", "rss", "max"] = "sum",
) -> Any:
    """Combine an event's uncertainty with the uncertainty of the place it is coded to.

    ``event_m`` is how far the event may be from the place (from a precision
    code or a claim such as "40 km from the base"); ``place_m`` is how far the
    place's coordinates may be from the place itself (the gazetteer's
    ``Place.precision_m``).

    The default, ``"sum"``, is the guaranteed bound: by the triangle
    inequality the event lies within ``event_m + place_m`` of the coordinates.
    syriamap treats ``precision_m`` as a hard disc (``Zone.relation`` calls a
    disc that straddles a zone edge ``indeterminate``), so it needs a bound,
    not a standard deviation.  ``"rss"`` (root-sum-square) is right when both
    figures are standard deviations of independent errors; ``"max"`` when one
    figure already includes the other.  Missing values (NaN/None) count as 0
    unless both are missing (NaN).

    Parameters
    ----------
    event_m, place_m : float or array-like
        Radii in metres.
    method : {"sum", "rss", "max"}, default "sum"
        How to combine them.

    Returns
    -------
    float or numpy.ndarray
        Combined radius in metres.

    Examples
    --------
    >>> combine_precision_m(40_000, 2_000)
    42000.0
    >>> combine_precision_m(3_000, 4_000, method="rss")
    5000.0
    >>> combine_precision_m([None, 5.0], [None, None]).tolist()
    [nan, 5.0]
    """
    scalar = np.ndim(event_m) == 0 and np.ndim(place_m) == 0
    a = np.asarray(event_m, dtype="float64")
    b = np.asarray(place_m, dtype="float64")
    both_nan = np.isnan(a) & np.isnan(b)
    a0 = np.nan_to_num(a, nan=0.0)
    b0 = np.nan_to_num(b, nan=0.0)
    if (a0 < 0).any() or (b0 < 0).any():
        raise ValueError("precision radii must be >= 0 metres")
    if method == "sum":
        out = a0 + b0
    elif method == "rss":
        out = np.hypot(a0, b0)
    elif method == "max":
        out = np.maximum(a0, b0)
    else:
        raise ValueError(f"method must be 'sum', 'rss' or 'max', got {method!r}")
    out = np.where(both_nan, np.nan, out)
    if scalar:
        return float(out)
    return np.asarray(out, dtype="float64")
