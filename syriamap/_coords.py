"""Coordinates of incident rows: strings in DMS or decimal form, per-row checks (private).

Coordinate *strings* (a ``coords`` column, or a DMS value in a ``lat`` /
``lon`` column) are read the way maps sites print them and geopy's
:class:`~geopy.point.Point` parses them: **latitude first**, unless hemisphere
letters say otherwise (``38°37′04″E 33°30′21″N`` is read correctly).  WKT
``POINT (lon lat)`` is read longitude first, as WKT defines it.  Everything
returned here is ``(lon, lat)``.

Unlike geopy, nothing is wrapped: a longitude of 200 is an error, not -160.
"""

from __future__ import annotations

import re
from typing import Any

import numpy as np
import numpy.typing as npt
import pandas as pd

from syriamap.errors import InvalidCoordinateError

__all__ = ["check_lonlat", "numeric_column", "parse_axis_value", "parse_coordinate_string"]

_NUM = r"[-+]?\d+(?:\.\d+)?"
_DECIMAL_PAIR = re.compile(rf"\(?\s*({_NUM})\s*[,;\s]\s*({_NUM})\s*\)?")
_WKT = re.compile(rf"POINT\s*\(\s*({_NUM})\s+({_NUM})\s*\)", re.I)
_HEMI = re.compile(r"[NSEW](?![a-z])", re.I)
# one axis in DMS / DM / D form with a hemisphere letter before or after
_AXIS = re.compile(
    r"""(?P<pre>[NSEW])?\s*
        (?P<deg>\d+(?:\.\d+)?)\s*(?:°|º|d|deg|:|\s)?\s*
        (?:(?P<min>\d+(?:\.\d+)?)\s*(?:'|′|’|m|min|:|\s)?\s*)?
        (?:(?P<sec>\d+(?:\.\d+)?)\s*(?:"|″|”|''|s|sec)?\s*)?
        (?P<post>[NSEW])?""",
    re.X | re.I,
)


def _axis_value(m: re.Match[str], text: str) -> tuple[float, str]:
    """Return (decimal degrees, hemisphere letter) of one matched axis."""
    hemi = (m["pre"] or m["post"] or "").upper()
    if m["pre"] and m["post"]:
        raise InvalidCoordinateError(f"two hemisphere letters in {text!r}")
    deg = float(m["deg"])
    minutes = float(m["min"]) if m["min"] else 0.0
    seconds = float(m["sec"]) if m["sec"] else 0.0
    if minutes >= 60 or seconds >= 60:
        raise InvalidCoordinateError(f"minutes and seconds must be below 60 in {text!r}")
    value = deg + minutes / 60 + seconds / 3600
    if hemi in ("S", "W"):
        value = -value
    return value, hemi


def parse_axis_value(text: str) -> float:
    """Parse one latitude or longitude written in DMS or decimal form.

    Parameters
    ----------
    text : str
        ``"33.5"``, ``"33°30′21″N"``, ``"38 37 04 E"``, ``"W 3.5"`` ...

    Returns
    -------
    float
        Decimal degrees (negative for S and W).

    Raises
    ------
    InvalidCoordinateError
        If the text is not one coordinate.

    Examples
    --------
    >>> round(parse_axis_value("33°30′21″N"), 5)
    33.50583
    """
    s = text.strip()
    try:
        return float(s)
    except ValueError:
        pass
    m = _AXIS.fullmatch(s)
    if not m or not m["deg"]:
        raise InvalidCoordinateError(
            f"cannot read {text!r} as a coordinate; write decimal degrees (33.5058) "
            "or degrees-minutes-seconds with a hemisphere (33°30′21″N)"
        )
    return _axis_value(m, text)[0]


def _normalise(text: str) -> str:
    s = text.strip()
    for a, b in (("′", "'"), ("’", "'"), ("‘", "'"), ("″", '"'), ("“", '"'), ("”", '"')):
        s = s.replace(a, b)
    return s.replace("º", "°").replace("''", '"')


def parse_coordinate_string(text: str) -> tuple[float, float]:
    """Parse a coordinate pair string to ``(lon, lat)`` degrees.

    Decimal pairs are read latitude first (``"33.5058, 38.6178"``), as geopy
    and web maps print them; DMS strings are parsed with geopy's
    :class:`~geopy.point.Point` after normalising the symbols, in either axis
    order when hemisphere letters are given; ``POINT (lon lat)`` WKT is read
    longitude first.

    Parameters
    ----------
    text : str
        The coordinates as written.

    Returns
    -------
    tuple of float
        ``(lon, lat)`` in degrees.

    Raises
    ------
    InvalidCoordinateError
        Unreadable text, or a latitude / longitude out of range (no wrapping).

    Examples
    --------
    >>> parse_coordinate_string("33°30′21″N 38°37′04″E")
    (38.617777777777775, 33.505833333333335)
    >>> parse_coordinate_string("33.50583, 38.61778")
    (38.61778, 33.50583)
    >>> parse_coordinate_string("POINT (38.61778 33.50583)")
    (38.61778, 33.50583)
    """
    if not isinstance(text, str):
        raise InvalidCoordinateError(
            f"coordinates must be a string, got {type(text).__name__} {text!r}"
        )
    if len(text) > 100:
        raise InvalidCoordinateError(f"coordinate text too long ({len(text)} characters)")
    s = _normalise(text)
    if m := _WKT.fullmatch(s):
        lon, lat = float(m[1]), float(m[2])
    elif m := _DECIMAL_PAIR.fullmatch(s):
        lat, lon = float(m[1]), float(m[2])
    else:
        lon, lat = _parse_dms_pair(s, text)
    _check_range(lon, lat, text)
    return lon, lat


def _parse_dms_pair(s: str, original: str) -> tuple[float, float]:
    """Parse a DMS pair with geopy, cross-checked against our own axis reading."""
    from geopy.point import Point

    halves = _split_pair(s)
    if halves is None:
        raise InvalidCoordinateError(
            f"cannot read {original!r} as coordinates; write 'lat, lon' in decimal "
            "degrees (33.5058, 38.6178) or DMS with hemispheres (33°30′21″N 38°37′04″E)"
        )
    (v1, h1), (v2, h2) = halves
    if h1 in ("E", "W") and h2 in ("N", "S", ""):
        mine = (v1, v2)  # longitude first
        ordered = f"{_fmt_dms(v2, 'NS')} {_fmt_dms(v1, 'EW')}"
    else:
        mine = (v2, v1)
        ordered = f"{_fmt_dms(v1, 'NS')} {_fmt_dms(v2, 'EW')}"
    if h1 and h2 and {h1, h2} not in ({"N", "E"}, {"N", "W"}, {"S", "E"}, {"S", "W"}):
        raise InvalidCoordinateError(f"hemisphere letters {h1} and {h2} conflict in {original!r}")
    try:
        point = Point(ordered)
    except ValueError:
        raise InvalidCoordinateError(f"cannot read {original!r} as coordinates") from None
    if abs(point.latitude - mine[1]) > 1e-9 or abs(point.longitude - mine[0]) > 1e-9:
        raise InvalidCoordinateError(f"coordinates {original!r} are ambiguous")
    # geopy agrees; return the unrounded reading
    return float(mine[0]), float(mine[1])


def _fmt_dms(value: float, hemis: str) -> str:
    # fixed notation: geopy cannot read "6.1e-05 N"
    return f"{abs(value):.12f} {hemis[1] if value < 0 else hemis[0]}"


def _split_pair(s: str) -> tuple[tuple[float, str], tuple[float, str]] | None:
    """Split ``s`` into two axes at a comma, or after the first hemisphere letter."""
    parts = [p.strip() for p in s.split(",")] if s.count(",") == 1 else []
    if not parts:
        letters = list(_HEMI.finditer(s))
        if len(letters) != 2:
            return None
        first = letters[0]
        # letter after the numbers ("33N 38E") or before them ("N33 E38")
        cut = first.end() if s[: first.start()].strip() else letters[1].start()
        parts = [s[:cut].strip(), s[cut:].strip()]
    out = []
    for part in parts:
        m = _AXIS.fullmatch(part)
        if not m or not m["deg"]:
            return None
        out.append(_axis_value(m, part))
    return out[0], out[1]


def _check_range(lon: float, lat: float, text: str) -> None:
    if not -90 <= lat <= 90:
        raise InvalidCoordinateError(
            f"latitude {lat!r} out of range [-90, 90] in {text!r}; strings are read "
            "latitude first - was it written 'lon, lat'?"
        )
    if not -180 <= lon <= 180:
        raise InvalidCoordinateError(f"longitude {lon!r} out of range [-180, 180] in {text!r}")


def check_lonlat(lon: npt.NDArray[np.float64], lat: npt.NDArray[np.float64]) -> dict[int, str]:
    """Return ``{position: reason}`` for out-of-range or non-finite pairs.

    NaN pairs where *both* are NaN are not errors here (the row may be
    located by name); one NaN without the other is.

    Examples
    --------
    >>> import numpy as np
    >>> check_lonlat(np.array([38.6, 200.0, np.nan]), np.array([33.5, 33.5, 33.5]))
    {1: 'longitude 200.0 out of range [-180, 180]', 2: 'longitude missing (latitude 33.5)'}
    """
    out: dict[int, str] = {}
    lon_nan, lat_nan = np.isnan(lon), np.isnan(lat)
    with np.errstate(invalid="ignore"):
        bad = (lon_nan ^ lat_nan) | (np.abs(lat) > 90) | (np.abs(lon) > 180)
        bad |= np.isinf(lon) | np.isinf(lat)
    for pos in np.flatnonzero(bad):
        x, y = float(lon[pos]), float(lat[pos])
        if np.isnan(x):
            out[int(pos)] = f"longitude missing (latitude {y!r})"
        elif np.isnan(y):
            out[int(pos)] = f"latitude missing (longitude {x!r})"
        elif not -90 <= y <= 90:
            hint = (
                "; exchanged, the pair would be valid: was it given as (lat, lon)?"
                if -90 <= x <= 90 and -180 <= y <= 180
                else ""
            )
            out[int(pos)] = f"latitude {y!r} out of range [-90, 90]{hint}"
        else:
            out[int(pos)] = f"longitude {x!r} out of range [-180, 180]"
    return out


def numeric_column(
    values: Any, name: str, *, expect: str | None = None
) -> tuple[npt.NDArray[np.float64], dict[int, str]]:
    """Convert a column to float64, reading DMS strings in coordinates; collect bad cells.

    Returns the array (NaN where missing or bad) and ``{position: reason}``
    for cells that hold something that is neither missing nor a number.
    ``expect`` is ``None`` for a lon / lat column (DMS strings such as
    ``"33°30′21″N"`` are read); for any other column it says what the column
    holds (``"a whole number >= 0"``) and text is an error saying so.

    Examples
    --------
    >>> numeric_column(["12", "dozens"], "fatalities", expect="a whole number >= 0")
    (array([12., nan]), {1: "fatalities must be a whole number >= 0, got 'dozens'"})
    """
    ser = values if isinstance(values, pd.Series) else pd.Series(values)
    ser = ser.reset_index(drop=True)
    if ser.dtype.kind in "fiu":
        return np.array(ser.to_numpy(dtype="float64", na_value=np.nan), copy=True), {}
    if ser.dtype.kind == "b":
        return np.full(len(ser), np.nan), {
            i: f"{name} must be a number, got bool {v!r}" for i, v in enumerate(ser)
        }
    nums = np.array(
        pd.to_numeric(ser, errors="coerce").to_numpy(dtype="float64", na_value=np.nan), copy=True
    )
    errors: dict[int, str] = {}
    missing = ser.isna().to_numpy()
    for pos in np.flatnonzero(np.isnan(nums) & ~missing):
        raw = ser.iloc[pos]
        if isinstance(raw, str):
            if not raw.strip():
                continue
            if expect is not None:
                errors[int(pos)] = f"{name} must be {expect}, got {raw!r}"
                continue
            try:
                nums[pos] = parse_axis_value(raw)
            except InvalidCoordinateError as exc:
                errors[int(pos)] = f"{name}: {exc}"
        elif isinstance(raw, bool):
            errors[int(pos)] = f"{name} must be a number, got bool {raw!r}"
        else:
            errors[int(pos)] = f"{name} must be a number, got {type(raw).__name__} {raw!r}"
    return nums, errors
