"""Tests of the shared coordinate / distance validation helpers."""

from __future__ import annotations

import warnings

import numpy as np
import pandas as pd
import pytest

from syriamap._validate import (
    MAX_DISTANCE_M,
    as_float_array,
    as_lonlat,
    as_lonlat_arrays,
    check_distance_m,
    looks_swapped,
)
from syriamap.errors import (
    CoordinateTypeError,
    InvalidCoordinateError,
    InvalidDistanceError,
    SwappedCoordinatesWarning,
)

# al-Tanf garrison, seed_places_reference.csv (Wikipedia infobox 33°30′21″N 38°37′04″E)
TANF = (38.61778, 33.50583)
DEIR = (40.15, 35.333)


@pytest.mark.parametrize(
    "make",
    [
        pytest.param(lambda v: v, id="list"),
        pytest.param(np.array, id="ndarray"),
        pytest.param(pd.Series, id="Series"),
        pytest.param(lambda v: pd.Series(v, dtype="Float64"), id="nullable-Series"),
        pytest.param(tuple, id="tuple"),
    ],
)
def test_input_forms_give_float_arrays(make):
    lon, lat = as_lonlat_arrays(make([TANF[0], DEIR[0]]), make([TANF[1], DEIR[1]]))
    assert lon.dtype == np.float64 and lat.dtype == np.float64
    np.testing.assert_array_equal(lon, [TANF[0], DEIR[0]])
    np.testing.assert_array_equal(lat, [TANF[1], DEIR[1]])


def test_scalars_give_0d_and_broadcast():
    lon, lat = as_lonlat_arrays(*TANF)
    assert lon.shape == () and float(lat) == TANF[1]
    lon, lat = as_lonlat_arrays(TANF[0], [33.0, 34.0])
    assert lon.shape == (2,) and list(lon) == [TANF[0], TANF[0]]


def test_integers_accepted():
    lon, _ = as_lonlat_arrays([38, 39], [33, 34])
    assert lon.dtype == np.float64


def test_empty_arrays_return_empty():
    lon, lat = as_lonlat_arrays([], [])
    assert lon.shape == (0,) and lat.shape == (0,)


@pytest.mark.parametrize(
    ("lon", "lat", "bad"),
    [
        ("38.6", 33.5, "'38.6'"),
        (38.6, None, "None"),
        ([38.6, "x"], [33.5, 33.6], "'x'"),
        ([38.6, None], [33.5, 33.6], "None"),
        (True, 33.5, "True"),
        (pd.Series(["38.6"]), pd.Series([33.5]), "'38.6'"),
        (np.array(["38.6"]), np.array([33.5]), "'38.6'"),
    ],
)
def test_non_numbers_raise_coordinate_type_error(lon, lat, bad):
    with pytest.raises(CoordinateTypeError, match=bad) as info:
        as_lonlat_arrays(lon, lat)
    assert isinstance(info.value, TypeError)


@pytest.mark.parametrize(
    ("lon", "lat", "pattern"),
    [
        (38.6, 91.0, r"lat must be within \[-90, 90\].*91\.0"),
        (38.6, -90.5, r"lat must be within.*-90\.5"),
        (180.5, 33.5, r"lon must be within \[-180, 180\].*180\.5"),
        ([38.6, 38.7], [33.5, float("nan")], r"lat is NaN at position 1"),
        (float("inf"), 33.5, r"lon must be within.*inf"),
        ([38.6, 38.7, 38.8], [33.5, 33.6], r"shape \(3,\).*shape \(2,\)"),
    ],
)
def test_bad_values_raise_invalid_coordinate_error(lon, lat, pattern):
    with pytest.raises(InvalidCoordinateError, match=pattern) as info:
        as_lonlat_arrays(lon, lat)
    assert isinstance(info.value, ValueError)


def test_range_limits_are_inclusive():
    lon, lat = as_lonlat_arrays([-180.0, 180.0], [-90.0, 90.0])
    assert list(lon) == [-180.0, 180.0] and list(lat) == [-90.0, 90.0]


def test_allow_nan_accepts_missing_but_not_out_of_range():
    lon, lat = as_lonlat_arrays([38.6, None, np.nan], [33.5, 33.6, pd.NA], allow_nan=True)
    assert np.isnan(lon[1]) and np.isnan(lat[2]) and lon[0] == 38.6
    with pytest.raises(InvalidCoordinateError, match="200"):
        as_lonlat_arrays([38.6, 200.0], [33.5, np.nan], allow_nan=True)


def test_swapped_pair_warns_naming_it():
    with pytest.warns(SwappedCoordinatesWarning, match=r"\(33\.50583, 38\.61778\)"):
        as_lonlat_arrays(TANF[1], TANF[0])


def test_swapped_warning_counts_pairs_and_points_at_caller():
    with pytest.warns(SwappedCoordinatesWarning, match="2 of 3 pairs") as rec:
        as_lonlat_arrays([33.5, TANF[0], 35.333], [38.6, TANF[1], 40.15], stacklevel=2)
    assert rec[0].filename == __file__


def test_correct_pairs_do_not_warn():
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        as_lonlat_arrays([TANF[0], DEIR[0], 36.16], [TANF[1], DEIR[1], 36.2])  # + Antakya
        as_lonlat_arrays(TANF[1], TANF[0], check_swapped=False)


def test_looks_swapped_heuristic():
    # Deir ez-Zor typed lat-first lies in central Turkey; Adana (35.32, 37.0) is
    # just over the border and is not flagged; Damascus the right way round is fine.
    flags = looks_swapped([35.333, 35.32, 36.29], [40.15, 37.0, 33.51])
    assert list(flags) == [True, False, False]


def test_gazetteer_points_abroad_do_not_look_swapped():
    # (35.052, 36.9774) lies on a village by Adana (QA finding): as given it is a real
    # point in Turkey, not Hama typed latitude first
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        as_lonlat_arrays(35.052, 36.9774)
    from syriamap import _data

    rows = [r for r in _data.place_rows() if r["lon"] and r["country"] != "SY"]
    lon = np.array([float(r["lon"]) for r in rows])
    lat = np.array([float(r["lat"]) for r in rows])
    assert not looks_swapped(lon, lat).any()  # 763 Turkish places were flagged before


def test_swapped_syrian_points_still_flagged_next_to_foreign_places():
    # al-Tanf lat-first lies 24 km from the nearest Turkish village, Deir ez-Zor 4.6 km
    flags = looks_swapped([TANF[1], DEIR[1]], [TANF[0], DEIR[0]])
    assert flags.tolist() == [True, True]
    flags = looks_swapped(np.array([[TANF[1]], [34.639]]), np.array([[TANF[0]], [36.812]]))
    assert flags.shape == (2, 1) and flags.tolist() == [[True], [False]]  # Mersin


def test_as_lonlat_returns_floats_and_rejects_many():
    assert as_lonlat(*TANF) == TANF
    with pytest.raises(CoordinateTypeError, match="one"):
        as_lonlat([1.0, 2.0], [3.0, 4.0])


def test_as_float_array_passes_float64_without_copy():
    a = np.array([1.0, 2.0])
    assert as_float_array(a, "x") is a


@pytest.mark.parametrize(
    ("value", "pattern"),
    [
        (0.0, r"positive.*got 0\.0"),
        (-1.0, r"positive.*got -1\.0"),
        (float("nan"), r"positive.*got nan"),
        (float("inf"), r"larger than 20,003,931"),
        (MAX_DISTANCE_M + 1, r"larger than"),
        ([5.0, -2.0], r"got -2\.0 at position 1"),
    ],
)
def test_bad_distances(value, pattern):
    with pytest.raises(InvalidDistanceError, match=pattern):
        check_distance_m(value)


def test_distance_type_errors_talk_about_metres():
    with pytest.raises(CoordinateTypeError, match="metres"):
        check_distance_m("55 km")


def test_allow_zero_distance():
    assert float(check_distance_m(0, allow_zero=True)) == 0.0
    assert float(check_distance_m(MAX_DISTANCE_M)) == MAX_DISTANCE_M
