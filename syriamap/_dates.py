"""Parsing incident dates as tables and news write them (private).

One value becomes ``(start, end, precision)``: ``precision`` is ``"day"``,
``"week"``, ``"month"``, ``"year"`` or ``"range"`` and ``end`` is the last day
the event may have happened on (``start`` itself for a day).

Accepted forms (English month names and abbreviations, any case)::

    2022-06-15, 2022/06/15, 2022-06-15T21:30     day
    15 June 2022, 15th Jun 2022, June 15, 2022   day
    15-Jun-2022, 15/06/2022 (only when unambiguous: day > 12)
    June 2020, 2020-06                           month
    2020                                         year
    week of 15 June 2022                         week (7 days from that day)
    7-8 February 2018, February 7-8, 2018        range
    30 June - 2 July 2020, June-July 2020        range
    2018-02-07/2018-02-08, ... to ..., ... until ...

Ambiguous numeric dates such as ``05/06/2022`` (5 June or 6 May?) are refused
with a message that asks for ISO 8601.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from collections.abc import Iterable
from typing import Any, NamedTuple

import numpy as np
import pandas as pd

from syriamap.errors import InvalidDateError

__all__ = ["DATE_PRECISIONS", "ParsedDate", "parse_date", "parse_date_column"]

DATE_PRECISIONS = ("day", "week", "month", "year", "range")

_MONTHS = {
    name.lower(): i
    for i in range(1, 13)
    for name in (calendar.month_name[i], calendar.month_abbr[i])
}
_MONTHS["sept"] = 9
_MONTH_RE = "(" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")\.?"
_DAY_RE = r"(\d{1,2})(?:st|nd|rd|th)?"
_YEAR_RE = r"(\d{4})"


class ParsedDate(NamedTuple):
    """A parsed date: first day, last day and precision."""

    start: dt.date
    end: dt.date
    precision: str


def _month_end(year: int, month: int) -> dt.date:
    return dt.date(year, month, calendar.monthrange(year, month)[1])


def _mk(year: int, month: int, day: int, text: str) -> dt.date:
    try:
        return dt.date(year, month, day)
    except ValueError as exc:
        raise InvalidDateError(f"invalid date {text!r}: {exc}") from None


_ISO_DAY = re.compile(r"(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:[T ][0-9:.+\-Z]*)?")
_ISO_MONTH = re.compile(r"(\d{4})-(\d{1,2})")
_YEAR = re.compile(_YEAR_RE)
_DMY = re.compile(_DAY_RE + r"[\s\-]+" + _MONTH_RE + r",?[\s\-]+" + _YEAR_RE, re.I)
_MDY = re.compile(_MONTH_RE + r"\s+" + _DAY_RE + r",?\s+" + _YEAR_RE, re.I)
_MY = re.compile(_MONTH_RE + r",?\s+" + _YEAR_RE, re.I)
_NUMERIC = re.compile(r"(\d{1,2})[/.](\d{1,2})[/.](\d{4})")
_DD_RANGE = re.compile(
    _DAY_RE + r"\s*[-–—]\s*" + _DAY_RE + r"\s+" + _MONTH_RE + r",?\s+" + _YEAR_RE, re.I
)
_MDD_RANGE = re.compile(
    _MONTH_RE + r"\s+" + _DAY_RE + r"\s*[-–—]\s*" + _DAY_RE + r",?\s+" + _YEAR_RE, re.I
)
_WEEK = re.compile(r"(?:the\s+)?week\s+(?:of|starting|beginning)\s+(.+)", re.I)
_RANGE_SPLIT = re.compile(r"\s*(?:/|–|—|\bto\b|\buntil\b|\bthrough\b|\s-\s)\s*", re.I)
_BARE_DM = re.compile(_DAY_RE + r"\s+" + _MONTH_RE, re.I)
_BARE_MD = re.compile(_MONTH_RE + r"\s+" + _DAY_RE, re.I)
_BARE_M = re.compile(_MONTH_RE, re.I)
_MONTH_RANGE = re.compile(_MONTH_RE + r"\s*[-–—]\s*" + _MONTH_RE + r",?\s+" + _YEAR_RE, re.I)


def _parse_single(text: str) -> ParsedDate:
    """Parse one date (no range); raise InvalidDateError."""
    s = text.strip()
    if m := _ISO_DAY.fullmatch(s):
        d = _mk(int(m[1]), int(m[2]), int(m[3]), text)
        return ParsedDate(d, d, "day")
    if m := _ISO_MONTH.fullmatch(s):
        y, mo = int(m[1]), int(m[2])
        if not 1 <= mo <= 12:
            raise InvalidDateError(f"invalid month in {text!r}")
        return ParsedDate(dt.date(y, mo, 1), _month_end(y, mo), "month")
    if m := _YEAR.fullmatch(s):
        y = int(m[1])
        return ParsedDate(dt.date(y, 1, 1), dt.date(y, 12, 31), "year")
    if m := _DMY.fullmatch(s):
        d = _mk(int(m[3]), _MONTHS[m[2].lower()], int(m[1]), text)
        return ParsedDate(d, d, "day")
    if m := _MDY.fullmatch(s):
        d = _mk(int(m[3]), _MONTHS[m[1].lower()], int(m[2]), text)
        return ParsedDate(d, d, "day")
    if m := _MY.fullmatch(s):
        y, mo = int(m[2]), _MONTHS[m[1].lower()]
        return ParsedDate(dt.date(y, mo, 1), _month_end(y, mo), "month")
    if m := _NUMERIC.fullmatch(s):
        a, b, y = int(m[1]), int(m[2]), int(m[3])
        if a > 12 >= b:
            d = _mk(y, b, a, text)
        elif b > 12 >= a:
            d = _mk(y, a, b, text)
        elif a == b:
            d = _mk(y, a, a, text)
        else:
            raise InvalidDateError(
                f"ambiguous date {text!r}: day/month order unknown "
                f"({a} {calendar.month_name[b]} or {b} {calendar.month_name[a]}); "
                "write it as ISO 8601, e.g. "
                f"'{y:04d}-{b:02d}-{a:02d}'"
            )
        return ParsedDate(d, d, "day")
    raise InvalidDateError(
        f"unparseable date {text!r}; use ISO 8601 ('2022-06-15'), '15 June 2022', "
        "'June 2020' or a range '7-8 February 2018'"
    )


def _with_year(part: str, year: str) -> str:
    """Append ``year`` to a range's left part that lacks one ("30 June" -> "30 June 2020")."""
    if _BARE_DM.fullmatch(part) or _BARE_MD.fullmatch(part) or _BARE_M.fullmatch(part):
        return f"{part} {year}"
    return part


def parse_date(value: Any) -> ParsedDate:
    """Parse one date value (string, date, datetime or Timestamp).

    Parameters
    ----------
    value : str, datetime.date, datetime.datetime or pandas.Timestamp
        The date as written.

    Returns
    -------
    ParsedDate
        ``(start, end, precision)``.

    Raises
    ------
    InvalidDateError
        Empty, unparseable, ambiguous or reversed dates (the message quotes
        the value and shows an accepted form).

    Examples
    --------
    >>> parse_date("15 June 2022")
    ParsedDate(start=datetime.date(2022, 6, 15), end=datetime.date(2022, 6, 15), precision='day')
    >>> parse_date("June 2020").precision, parse_date("June 2020").end.isoformat()
    ('month', '2020-06-30')
    >>> parse_date("7-8 February 2018")[:2]
    (datetime.date(2018, 2, 7), datetime.date(2018, 2, 8))
    """
    if isinstance(value, pd.Timestamp):
        if pd.isna(value):
            raise InvalidDateError("missing date (NaT)")
        d = value.date()
        return ParsedDate(d, d, "day")
    if isinstance(value, dt.datetime):
        d = value.date()
        return ParsedDate(d, d, "day")
    if isinstance(value, dt.date):
        return ParsedDate(value, value, "day")
    if isinstance(value, np.datetime64):
        return parse_date(pd.Timestamp(value))
    if not isinstance(value, str):
        raise InvalidDateError(
            f"date must be a string or a date, got {type(value).__name__} {value!r}"
        )
    text = " ".join(value.split())
    if not text:
        raise InvalidDateError("missing date (empty text)")
    if len(text) > 100:
        raise InvalidDateError(f"date text too long ({len(text)} characters): {text[:40]!r}...")
    if m := _WEEK.fullmatch(text):
        first = _parse_single(m[1])
        if first.precision != "day":
            raise InvalidDateError(f"'week of' needs a day, got {text!r}")
        return ParsedDate(first.start, first.start + dt.timedelta(days=6), "week")
    try:
        return _parse_single(text)
    except InvalidDateError as single_error:
        if m := _DD_RANGE.fullmatch(text):
            y, mo = int(m[4]), _MONTHS[m[3].lower()]
            start, end = _mk(y, mo, int(m[1]), text), _mk(y, mo, int(m[2]), text)
        elif m := _MDD_RANGE.fullmatch(text):
            y, mo = int(m[4]), _MONTHS[m[1].lower()]
            start, end = _mk(y, mo, int(m[2]), text), _mk(y, mo, int(m[3]), text)
        elif m := _MONTH_RANGE.fullmatch(text):
            y = int(m[3])
            start = dt.date(y, _MONTHS[m[1].lower()], 1)
            end = _month_end(y, _MONTHS[m[2].lower()])
        else:
            parts = [p for p in _RANGE_SPLIT.split(text) if p]
            if len(parts) != 2:
                raise single_error from None
            right = _parse_single(parts[1])
            left = _parse_single(_with_year(parts[0], str(right.start.year)))
            start, end = left.start, right.end
        if end < start:
            raise InvalidDateError(
                f"date range {text!r} ends before it starts; write start then end"
            ) from None
        if end == start:
            return ParsedDate(start, end, "day")
        return ParsedDate(start, end, "range")


def parse_date_column(
    values: Iterable[Any],
    ends: Iterable[Any] | None = None,
    precisions: Iterable[Any] | None = None,
) -> tuple[pd.Series, pd.Series, pd.Series, list[tuple[int, Any, str]]]:
    """Parse a column of dates (unique values once).

    Parameters
    ----------
    values : iterable
        Dates as written (strings, dates, NaN/None for missing).
    ends : iterable, optional
        Explicit end dates (UCDP ``date_end``); the end is the later of the
        parsed end and this value.
    precisions : iterable, optional
        Explicit precisions (``date_precision`` column); honoured when valid.

    Returns
    -------
    date, date_end : pandas.Series of datetime64[ms]
        NaT where the value was missing or bad.
    date_precision : pandas.Series of str
        ``<NA>`` where the date is missing or bad.
    errors : list of (position, value, reason)
        One entry per missing or bad value.
    """
    ser = pd.Series(list(values) if not isinstance(values, pd.Series) else values.array)
    n = len(ser)
    codes, uniques = pd.factorize(ser, use_na_sentinel=True)
    starts = np.full(len(uniques), np.datetime64("NaT"), dtype="datetime64[D]")
    stops = starts.copy()
    precs = np.full(len(uniques), None, dtype=object)
    bad: dict[int, str] = {}
    for k, raw in enumerate(uniques):
        try:
            p = parse_date(raw)
        except InvalidDateError as exc:
            bad[k] = str(exc)
            continue
        starts[k] = np.datetime64(p.start, "D")
        stops[k] = np.datetime64(p.end, "D")
        precs[k] = p.precision
    ok = codes >= 0
    start_arr = np.full(n, np.datetime64("NaT"), dtype="datetime64[D]")
    end_arr = start_arr.copy()
    prec_arr = np.full(n, None, dtype=object)
    start_arr[ok] = starts[codes[ok]]
    end_arr[ok] = stops[codes[ok]]
    prec_arr[ok] = precs[codes[ok]]
    errors: list[tuple[int, Any, str]] = []
    for mpos in np.flatnonzero(~ok):
        errors.append((int(mpos), ser.iloc[mpos], "missing date"))
    if bad:
        bad_codes = np.array(sorted(bad))
        for bpos in np.flatnonzero(np.isin(codes, bad_codes)):
            errors.append((int(bpos), ser.iloc[bpos], bad[int(codes[bpos])]))
    if ends is not None:
        _, e_end, _, e_errors = parse_date_column(ends)
        e_missing = {pos for pos, _, reason in e_errors if reason == "missing date"}
        for pos, val, reason in e_errors:
            if pos not in e_missing:
                errors.append((pos, val, f"date_end: {reason}"))
        e_arr = e_end.to_numpy(dtype="datetime64[D]")
        has_end = ~np.isnat(e_arr) & ~np.isnat(start_arr)
        reversed_ = has_end & (e_arr < start_arr)
        for rpos in np.flatnonzero(reversed_):
            errors.append(
                (int(rpos), f"{start_arr[rpos]} .. {e_arr[rpos]}", "date_end is before date")
            )
        use = has_end & ~reversed_ & (e_arr > end_arr)
        end_arr[use] = e_arr[use]
        widened = use & (end_arr > start_arr)
        prec_arr[widened & (prec_arr == "day")] = "range"
        # an explicit range that is exactly one calendar month / year says so
        first = start_arr.astype("datetime64[M]")
        whole_month = (start_arr == first) & (
            end_arr == (first + np.timedelta64(1, "M")).astype("datetime64[D]") - 1
        )
        prec_arr[widened & whole_month] = "month"
        year0 = start_arr.astype("datetime64[Y]")
        whole_year = (start_arr == year0) & (
            end_arr == (year0 + np.timedelta64(1, "Y")).astype("datetime64[D]") - 1
        )
        prec_arr[widened & whole_year] = "year"
    if precisions is not None:
        given = pd.Series(
            list(precisions) if not isinstance(precisions, pd.Series) else precisions.array
        )
        given_arr = given.astype("object").to_numpy()
        valid = np.isin(given_arr, np.array(DATE_PRECISIONS, dtype=object)) & (prec_arr != None)  # noqa: E711
        prec_arr[valid] = given_arr[valid]
    errors.sort(key=lambda e: e[0])
    return (
        pd.Series(start_arr.astype("datetime64[ms]")),
        pd.Series(end_arr.astype("datetime64[ms]")),
        pd.Series(prec_arr, dtype="str"),
        errors,
    )
