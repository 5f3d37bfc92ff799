"""Tests of syriamap.geodesy: distances, bearings, destinations, circles."""

from __future__ import annotations

import math
import warnings

import numpy as np
import pandas as pd
import pytest
import shapely
from geographiclib.geodesic import Geodesic
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from syriamap.errors import (
    CoordinateTypeError,
    InvalidCoordinateError,
    InvalidDistanceError,
    PlaceNotLocatedError,
    SwappedCoordinatesWarning,
)
from syriamap.geodesy import (
    Distance,
    bearing_deg,
    destination,
    distance,
    distance_m,
    geodesic_circle,
    resolve_point,
)
from syriamap.place import Place

# --- landmark constants from independent sources -----------------------------------

# GeographicLib documentation (geographiclib.sourceforge.io, "Examples" of every port):
# Wellington, NZ (41.32S, 174.81E) to Salamanca, Spain (40.96N, 5.50W) is 19959679.267 m;
# 20000 km SW (azimuth 225) of Perth (32.06S, 115.74E) is (32.11195529N, 63.95925278W).
WELLINGTON = (174.81, -41.32)
SALAMANCA = (-5.50, 40.96)
WELLINGTON_SALAMANCA_M = 19959679.267
PERTH = (115.74, -32.06)
PERTH_20000KM_SW = (-63.95925278, 32.11195529)

# pyproj test/test_geod.py (test_geod_inverse_transform): Boston (42°15'N, 71°07'W) to
# Portland, OR (45°31'N, 123°41'W) on WGS84: az12 -66.530, distance 4164074.239 m.
BOSTON = (-71.0 - 7.0 / 60.0, 42.0 + 15.0 / 60.0)
PORTLAND = (-123.0 - 41.0 / 60.0, 45.0 + 31.0 / 60.0)
BOSTON_PORTLAND_M = 4164074.239
BOSTON_PORTLAND_AZ = -66.530 % 360.0

# WGS84 definition (a = 6378137 m): one degree of longitude on the equator is a·π/180;
# the equator-to-pole meridian arc is 10001965.729 m (NGA TR8350.2 / GeographicLib).
EQUATOR_DEG_M = 6378137.0 * math.pi / 180.0
QUARTER_MERIDIAN_M = 10001965.729

# gazetteer/sources/seed_places_reference.csv (compiled from Wikipedia infoboxes):
TANF_GARRISON = (38.61778, 33.50583)  # 33°30′21″N 38°37′04″E
RUKBAN = (38.668472, 33.310861)  # 33°18′39.1″N 38°40′06.5″E
TRIPOINT = (38.7936, 33.3747)  # Jordan-Iraq-Syria tripoint 33°22′29″N 38°47′37″E
DEIR_EZ_ZOR = (40.15, 35.333)  # 35°20′N 40°9′E
KHUSHAM = (40.29333, 35.29861)  # 35°17′55″N 40°17′36″E
CONOCO = (40.30944, 35.33611)  # 35°20′10″N 40°18′34″E


def _karney(a: tuple[float, float], b: tuple[float, float]) -> dict:
    """The pure-Python GeographicLib (an implementation independent of PROJ's C code)."""
    return Geodesic.WGS84.Inverse(a[1], a[0], b[1], b[0])


def test_geographiclib_published_wellington_salamanca():
    assert distance_m(*WELLINGTON, *SALAMANCA) == pytest.approx(WELLINGTON_SALAMANCA_M, abs=1e-3)


def test_geographiclib_published_perth_direct():
    lon, lat = destination(*PERTH, 225.0, 20_000e3)
    assert (lon, lat) == pytest.approx(PERTH_20000KM_SW, abs=1e-8)


def test_pyproj_published_boston_portland():
    assert distance_m(*BOSTON, *PORTLAND) == pytest.approx(BOSTON_PORTLAND_M, abs=1e-3)
    assert bearing_deg(*BOSTON, *PORTLAND) == pytest.approx(BOSTON_PORTLAND_AZ, abs=1e-3)


def test_wgs84_definition_constants():
    assert distance_m(0, 0, 1, 0) == pytest.approx(EQUATOR_DEG_M, abs=1e-6)
    assert distance_m(0, 0, 0, 90) == pytest.approx(QUARTER_MERIDIAN_M, abs=1e-3)


def test_tanf_garrison_to_rukban_about_22_km():
    # seed_places_reference.csv, Rukban note: "these coords are ~22 km from the al-Tanf
    # garrison coords"; GeographicLib's pure-Python port gives the exact value.
    d = distance(TANF_GARRISON, RUKBAN)
    assert d.m == pytest.approx(_karney(TANF_GARRISON, RUKBAN)["s12"], abs=1e-6)
    assert d.km == pytest.approx(22.0, abs=0.5)
    assert 135 < d.bearing_deg < 225  # the camp is south of the garrison


def test_tanf_garrison_to_tripoint_21_9_km_se():
    # seed_places_reference.csv, tripoint note: "~21.9 km SE of the al-Tanf garrison coords"
    d = distance(TANF_GARRISON, TRIPOINT)
    assert d.km == pytest.approx(21.9, abs=0.05)
    assert 112.5 < d.bearing_deg < 157.5  # SE


def test_rukban_13_6_km_from_tripoint():
    # seed_places_reference.csv, Rukban note: "~13.6 km WNW of the tripoint".  The
    # distance agrees; the direction does not (the coordinates put the camp south-west
    # of the tripoint, bearing ~239°), so only the distance is a landmark.
    assert distance(TRIPOINT, RUKBAN).km == pytest.approx(13.6, abs=0.05)


def test_deir_ez_zor_to_khusham_and_conoco():
    # seed_places_reference.csv: Conoco "~14.5 km ENE of Deir ez-Zor city", Conoco
    # "~4.4 km NNE of the town" of Khusham; Deir ez-Zor -> Khusham checked against
    # GeographicLib's pure-Python port.
    d = distance(DEIR_EZ_ZOR, KHUSHAM)
    assert d.m == pytest.approx(_karney(DEIR_EZ_ZOR, KHUSHAM)["s12"], abs=1e-6)
    assert 90 < d.bearing_deg < 135  # ESE of the city
    conoco = distance(DEIR_EZ_ZOR, CONOCO)
    assert conoco.km == pytest.approx(14.5, abs=0.05)
    assert 56.25 <= conoco.bearing_deg <= 90  # ENE (to E)
    assert distance(KHUSHAM, CONOCO).km == pytest.approx(4.4, abs=0.05)


# --- input forms -------------------------------------------------------------------

FORMS = {
    "list": list,
    "tuple": tuple,
    "ndarray": np.array,
    "Series": pd.Series,
}


@pytest.mark.parametrize("form", FORMS)
def test_distance_m_input_forms(form):
    make = FORMS[form]
    lon1, lat1 = make([TANF_GARRISON[0], DEIR_EZ_ZOR[0]]), make([TANF_GARRISON[1], DEIR_EZ_ZOR[1]])
    lon2, lat2 = make([RUKBAN[0], KHUSHAM[0]]), make([RUKBAN[1], KHUSHAM[1]])
    out = distance_m(lon1, lat1, lon2, lat2)
    assert isinstance(out, np.ndarray) and out.shape == (2,)
    expected = [_karney(TANF_GARRISON, RUKBAN)["s12"], _karney(DEIR_EZ_ZOR, KHUSHAM)["s12"]]
    np.testing.assert_allclose(out, expected, atol=1e-6)
    az = bearing_deg(lon1, lat1, lon2, lat2)
    assert isinstance(az, np.ndarray) and ((az >= 0) & (az < 360)).all()


def test_scalars_give_floats_and_broadcast_one_to_many():
    out = distance_m(*TANF_GARRISON, *RUKBAN)
    assert type(out) is float
    many = distance_m(*TANF_GARRISON, [RUKBAN[0], TRIPOINT[0]], [RUKBAN[1], TRIPOINT[1]])
    assert many.shape == (2,) and many[0] == out


def test_empty_arrays_give_empty_results():
    assert distance_m([], [], [], []).shape == (0,)
    assert bearing_deg([], [], [], []).shape == (0,)
    lon, lat = destination([], [], [], [])
    assert lon.shape == (0,) and lat.shape == (0,)


def test_two_argument_form_with_places_and_pairs():
    tanf = Place("curated:t", "al-Tanf garrison", "base", *TANF_GARRISON, 500.0, "SY")
    rukban = Place("curated:r", "Rukban", "camp", *RUKBAN, 1000.0, "SY")
    d = distance(tanf, rukban)
    assert isinstance(d, Distance)
    assert d.uncertainty_m == 1500.0 and d.min_m == d.m - 1500 and d.max_m == d.m + 1500
    assert d.start.place is tanf and d.end.name == "Rukban"
    assert distance_m(tanf, RUKBAN) == d.m
    assert bearing_deg(tanf, rukban) == d.bearing_deg
    assert "al-Tanf garrison → Rukban" in str(d) and "± 1.5 km" in str(d)
    assert d.to_dict()["from"]["id"] == "curated:t"
    assert float(d) == d.m


def test_resolve_point_accepts_shapely_points_and_rejects_junk():
    assert resolve_point(shapely.Point(*RUKBAN)).lat == RUKBAN[1]
    with pytest.raises(CoordinateTypeError, match="place name, a Place or a"):
        resolve_point(42)
    unlocated = Place("curated:hosh", "Hosh Matroud", "village", None, None, None, "SY")
    with pytest.raises(PlaceNotLocatedError):
        distance(unlocated, TANF_GARRISON)


# --- bad input -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("args", "error", "pattern"),
    [
        (("38.6", 33.5, 38.7, 33.6), CoordinateTypeError, "lon1.*'38.6'"),
        ((38.6, 33.5, 38.7, None), CoordinateTypeError, "lat2.*None"),
        ((38.6, 95.0, 38.7, 33.6), InvalidCoordinateError, "lat1.*95.0"),
        ((38.6, 33.5, 238.7, 33.6), InvalidCoordinateError, "lon2.*238.7"),
        ((38.6, 33.5, float("nan"), 33.6), InvalidCoordinateError, "lon2 is NaN"),
        (([38.6, 38.7], [33.5, 33.6], [38.7] * 3, [33.6] * 3), InvalidCoordinateError, "shape"),
    ],
)
def test_bad_coordinates(args, error, pattern):
    with pytest.raises(error, match=pattern):
        distance_m(*args)
    with pytest.raises(error, match=pattern):
        bearing_deg(*args)


def test_swapped_pair_warns():
    with pytest.warns(SwappedCoordinatesWarning, match="33.50583, 38.61778"):
        distance_m(TANF_GARRISON[1], TANF_GARRISON[0], *RUKBAN)


@pytest.mark.parametrize(
    ("azimuth", "dist", "error"),
    [
        (0.0, -1.0, InvalidDistanceError),
        (0.0, float("nan"), InvalidDistanceError),
        (float("nan"), 10.0, InvalidDistanceError),
        (0.0, "5 km", CoordinateTypeError),
        (0.0, 3e7, InvalidDistanceError),
    ],
)
def test_destination_bad_input(azimuth, dist, error):
    with pytest.raises(error):
        destination(*TANF_GARRISON, azimuth, dist)


@pytest.mark.parametrize(
    ("radius", "pattern"),
    [
        (0.0, "positive"),
        (-55_000.0, "positive"),
        (float("nan"), "positive"),
        (20_003_932.0, "larger than 20,003,931"),
        (3_000_000.0, "North Pole"),  # from (38.6, 70): the pole is 2,230 km away
    ],
)
def test_geodesic_circle_refuses(radius, pattern):
    with pytest.raises(InvalidDistanceError, match=pattern):
        geodesic_circle(38.6, 70.0 if "Pole" in pattern else 33.5, radius)


def test_geodesic_circle_refuses_antimeridian_and_bad_vertex_counts():
    with pytest.raises(InvalidDistanceError, match="antimeridian"):
        geodesic_circle(179.9, 0.0, 50_000)
    with pytest.raises(ValueError, match="at least 3"):
        geodesic_circle(*TANF_GARRISON, 1000, n_vertices=2)
    with pytest.raises(TypeError, match="int"):
        geodesic_circle(*TANF_GARRISON, 1000, n_vertices=10.5)


def test_geodesic_circle_shape_and_chord_sag():
    circle = geodesic_circle(*TANF_GARRISON, 55_000)
    assert circle.is_valid and circle.exterior.is_ccw
    xy = np.asarray(circle.exterior.coords)
    assert (xy[0] == xy[-1]).all()
    # midpoints of the chords: never more than 0.5 m inside the true circle
    mid = (xy[:-1] + xy[1:]) / 2
    d = distance_m(*TANF_GARRISON, mid[:, 0], mid[:, 1])
    assert (55_000 - d).max() < 0.5
    assert geodesic_circle(*TANF_GARRISON, 55_000, n_vertices=12).exterior.coords.__len__() == 13


# --- properties --------------------------------------------------------------------

lons = st.floats(-180, 180, allow_nan=False)
lats = st.floats(-89.9, 89.9, allow_nan=False)
region_lons = st.floats(34.0, 49.0)
region_lats = st.floats(29.0, 42.5)
radii = st.floats(1.0, 5_000_000.0)


# random points anywhere on Earth may look like swapped Syrian pairs; that warning is
# tested on its own above
ignore_swapped = pytest.mark.filterwarnings("ignore::syriamap.errors.SwappedCoordinatesWarning")


@ignore_swapped
@settings(max_examples=200, deadline=None)
@given(lons, lats, lons, lats)
def test_distance_symmetric_and_non_negative(x1, y1, x2, y2):
    d12 = distance_m(x1, y1, x2, y2)
    d21 = distance_m(x2, y2, x1, y1)
    assert d12 >= 0
    assert d12 == pytest.approx(d21, abs=1e-6)


@ignore_swapped
@settings(max_examples=200, deadline=None)
@given(lons, lats, st.floats(0, 360, exclude_max=True), st.floats(0.0, 19_000_000.0))
def test_destination_then_distance_returns_the_distance(x, y, az, d):
    x2, y2 = destination(x, y, az, d)
    assert distance_m(x, y, x2, y2) == pytest.approx(d, abs=1e-3)


@ignore_swapped
@settings(max_examples=60, deadline=None)
@given(st.one_of(st.tuples(region_lons, region_lats), st.tuples(lons, lats)), radii)
def test_every_circle_vertex_at_radius(centre, radius):
    try:
        circle = geodesic_circle(*centre, radius)
    except InvalidDistanceError as exc:  # pole / antimeridian: refused, with reason
        assume("Pole" not in str(exc) and "antimeridian" not in str(exc))
        raise
    xy = np.asarray(circle.exterior.coords)
    d = distance_m(*centre, xy[:, 0], xy[:, 1])
    np.testing.assert_allclose(d, radius, atol=1e-3)


# --- names through the gazetteer -------------------------------------------------------


def test_distance_by_name_tanf_rukban():
    # the gazetteer's al-Tanf garrison and Rukban camp carry the infobox coordinates of
    # seed_places_reference.csv; the note there says "~22 km"
    d = distance("al-Tanf", "Rukban")
    assert d.km == pytest.approx(22.0, abs=0.5)
    assert d.start.place is not None and d.start.place.id == "curated:al-tanf-garrison"
    assert d.uncertainty_m is not None and d.uncertainty_m > 0
    assert distance_m("al-Tanf", "Rukban") == d.m
    assert distance_m("al-Tanf", RUKBAN) == pytest.approx(d.m, abs=1e-6)


def test_distance_by_name_unlocated_and_unknown():
    from syriamap.errors import PlaceNotFoundError

    with pytest.raises(PlaceNotLocatedError, match="Hosh Matroud"):
        distance_m("Hosh Matroud", "al-Tanf")
    with pytest.raises(PlaceNotFoundError):
        distance("Zzzxq Qqq", "al-Tanf")


# --- CLI ------------------------------------------------------------------------------


def _run(capsys, *argv):
    from syriamap.cli import main

    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_cli_distance_json(capsys):
    import json

    code, out, _ = _run(capsys, "distance", "al-Tanf", "Rukban", "--json")
    assert code == 0
    data = json.loads(out)
    assert data["distance_m"] == pytest.approx(distance_m("al-Tanf", "Rukban"))
    assert data["from"]["id"] == "curated:al-tanf-garrison"
    code, out, _ = _run(capsys, "distance", "38.61778,33.50583", "38.668472,33.310861")
    assert code == 0 and "22.1 km" in out


def test_cli_within_json_and_errors(capsys):
    import json

    code, out, err = _run(
        capsys, "within", "--around", "al-Tanf", "--radius-km", "55", "Rukban", "Palmyra",
        "Hosh Matroud", "--json",
    )  # fmt: skip
    assert code == 1  # Hosh Matroud cannot be located
    results = {r["name"]: r for r in json.loads(out)["results"]}
    assert results["Rukban"]["relation"] == "inside"
    assert results["Palmyra"]["relation"] == "outside"
    assert results["Rukban"]["distance_m"] == pytest.approx(distance_m("al-Tanf", "Rukban"))
    assert results["Rukban"]["margin_m"] == pytest.approx(
        55_000 - results["Rukban"]["distance_m"] - results["Rukban"]["precision_m"]
    )
    assert results["Hosh Matroud"]["error_type"] == "PlaceNotLocatedError"
    code, out, err = _run(capsys, "within", "--around", "al-Tanf", "Rukban")
    assert code == 0 and "inside" in out and not err


def test_cli_within_indeterminate_with_centre_uncertainty(capsys):
    import json

    # a point 54 km from the garrison: inside as given, indeterminate once the
    # garrison's own precision is added to the uncertainty
    lon, lat = destination(*TANF_GARRISON, 0.0, 54_000)
    point = f"{lon},{lat}"
    _, out, _ = _run(capsys, "within", "--around", "al-Tanf", point, "--json")
    assert json.loads(out)["results"][0]["relation"] == "inside"
    _, out, _ = _run(
        capsys, "within", "--around", "al-Tanf", point, "--center-uncertainty", "--json"
    )
    assert json.loads(out)["results"][0]["relation"] == "indeterminate"


def test_point_in_turkey_on_a_gazetteer_place_does_not_warn():
    # QA: distance_m(al-Tanf, Adana-area village) warned that Adana looked swapped
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        d = distance_m(38.6, 33.5, 35.0520, 36.9774)
    truth = Geodesic.WGS84.Inverse(33.5, 38.6, 36.9774, 35.0520)["s12"]
    assert d == pytest.approx(truth, abs=1e-3)
