"""Property tests: dates, coordinate strings and row accounting."""

from __future__ import annotations

import datetime as dt
import warnings

import numpy as np
import pandas as pd
from hypothesis import given, settings
from hypothesis import strategies as st

from syriamap._coords import parse_coordinate_string
from syriamap._dates import parse_date
from syriamap._incidents import incidents
from syriamap.errors import SwappedCoordinatesWarning
from syriamap.precision import combine_precision_m

days = st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2100, 12, 31))


@settings(deadline=None)
@given(days)
def test_date_forms_agree(d):
    forms = [d.isoformat(), f"{d.day} {d:%B %Y}", f"{d:%B} {d.day}, {d.year}", f"{d.day}-{d:%b-%Y}"]
    for text in forms:
        p = parse_date(text)
        assert (p.start, p.end, p.precision) == (d, d, "day")


@settings(deadline=None)
@given(days, st.integers(min_value=1, max_value=60))
def test_ranges(d, span):
    e = d + dt.timedelta(days=span)
    p = parse_date(f"{d.isoformat()}/{e.isoformat()}")
    assert (p.start, p.end, p.precision) == (d, e, "range")
    p = parse_date(f"{d.isoformat()} to {e.isoformat()}")
    assert (p.start, p.end) == (d, e)


def _dms(value: float, hemis: str) -> str:
    h = hemis[0] if value >= 0 else hemis[1]
    units = round(abs(value) * 36_000_000)  # 1e-4 arc-seconds, no 60.0000″ rounding
    deg, rest = divmod(units, 36_000_000)
    minutes, sec = divmod(rest, 600_000)
    return f"{deg}°{minutes}′{sec / 10_000:.4f}″{h}"


@settings(deadline=None)
@given(
    st.floats(min_value=-179.999, max_value=179.999),
    st.floats(min_value=-89.999, max_value=89.999),
)
def test_coordinate_strings_round_trip(lon, lat):
    x, y = parse_coordinate_string(f"{lat:.6f}, {lon:.6f}")
    assert abs(x - lon) < 1e-6 and abs(y - lat) < 1e-6
    x, y = parse_coordinate_string(f"{_dms(lat, 'NS')} {_dms(lon, 'EW')}")
    assert abs(x - lon) < 1e-6 and abs(y - lat) < 1e-6
    x2, y2 = parse_coordinate_string(f"{_dms(lon, 'EW')} {_dms(lat, 'NS')}")
    assert (x2, y2) == (x, y)


@settings(deadline=None)
@given(
    st.lists(st.floats(min_value=0, max_value=1e6), min_size=1, max_size=5),
    st.lists(st.floats(min_value=0, max_value=1e6), min_size=1, max_size=5),
)
def test_combined_precision_bounds(a, b):
    k = min(len(a), len(b))
    a_, b_ = np.array(a[:k]), np.array(b[:k])
    total = combine_precision_m(a_, b_)
    assert (total >= np.maximum(a_, b_)).all()
    assert (combine_precision_m(a_, b_, method="rss") <= total + 1e-6).all()


cells = st.one_of(
    st.none(),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=12),
    st.sampled_from(["2022-06-15", "June 2020", "33.5", "38.6", "al-Tanf", "Derik"]),
)


@settings(max_examples=40, deadline=None)
@given(
    st.lists(
        st.fixed_dictionaries({"id": cells, "date": cells, "lon": cells, "lat": cells}),
        min_size=1,
        max_size=8,
    )
)
def test_every_row_accounted_for(rows):
    df = pd.DataFrame(rows)
    df["place"] = None
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", SwappedCoordinatesWarning)
        gdf = incidents(df)
    assert len(gdf) == len(rows)
    reported = set(gdf.attrs["report"]["row"])
    for i, status in enumerate(gdf["status"]):
        assert status == "ok" or i in reported
        assert (status == "ok") == (gdf.geometry.iloc[i] is not None)
