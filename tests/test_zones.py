"""Tests of syriamap.zones.Zone: exact containment, edge distances, uncertainty."""

from __future__ import annotations

import json
import math

import geopandas as gpd
import numpy as np
import pandas as pd
import pytest
import shapely
from geographiclib.geodesic import Geodesic
from hypothesis import given, settings
from hypothesis import strategies as st

from syriamap.errors import (
    CoordinateTypeError,
    CRSError,
    InvalidCoordinateError,
    InvalidDistanceError,
    PlaceNotLocatedError,
)
from syriamap.geodesy import WGS84, destination, distance_m
from syriamap.place import Place
from syriamap.zones import Zone, ZoneRelation

# al-Tanf garrison, gazetteer/sources/seed_places_reference.csv (Wikipedia infobox
# 33°30′21″N 38°37′04″E); the 55 km deconfliction zone is centred on it.
TANF = (38.61778, 33.50583)
RUKBAN = (38.668472, 33.310861)  # same file; ~22 km from the garrison: inside
PALMYRA = (38.26722, 34.56)  # same file; ~122 km away: outside

ignore_swapped = pytest.mark.filterwarnings("ignore::syriamap.errors.SwappedCoordinatesWarning")


@pytest.fixture(scope="module")
def tanf() -> Zone:
    return Zone.around(TANF, radius_km=55, name="55 km zone", source="CENTCOM")


def _truth(centre, radius_m, lon, lat):
    lon = np.asarray(lon, dtype=float)
    _, _, s = WGS84.inv(np.full(lon.size, centre[0]), np.full(lon.size, centre[1]), lon, lat)
    return np.asarray(s) <= radius_m


def _ring_points(centre, radius_m, n, rng, spread_m):
    az = rng.uniform(-180, 180, n)
    d = np.clip(radius_m + rng.uniform(-spread_m, spread_m, n), 0, None)
    x, y, _ = WGS84.fwd(np.full(n, centre[0]), np.full(n, centre[1]), az, d)
    return x, y


# --- the example: 54,999 m inside, 55,001 m outside ---------------------


@pytest.mark.parametrize("n_points", [8, 200_000], ids=["Geod.inv path", "grid path"])
def test_one_metre_either_side_of_55_km(n_points):
    zone = Zone.around(TANF, radius_km=55)
    az = np.linspace(0, 360, n_points, endpoint=False)
    d = np.where(np.arange(n_points) % 2 == 0, 54_999.0, 55_001.0)
    lon, lat = destination(TANF[0], TANF[1], az, d)
    got = zone.contains(lon, lat)
    np.testing.assert_array_equal(got, d < 55_000)


def test_containment_does_not_depend_on_chords(tanf):
    # points 0.3 m inside the circle, half-way between two polygon vertices, are
    # outside the drawn polygon's chords but inside the zone
    n = len(tanf.polygon.exterior.coords) - 1
    az = -(np.arange(n) + 0.5) * 360.0 / n
    lon, lat = destination(TANF[0], TANF[1], az, np.full(n, 54_999.7))
    assert not shapely.contains_xy(tanf.polygon, lon, lat).any()
    assert tanf.contains(lon, lat).all()


def test_grid_path_matches_geod_inv_on_a_million_like_sample(tanf):
    rng = np.random.default_rng(7)
    x1, y1 = _ring_points(TANF, 55_000, 100_000, rng, 2000)
    x2, y2 = _ring_points(TANF, 55_000, 20_000, rng, 0.5)
    x3 = rng.uniform(TANF[0] - 1, TANF[0] + 1, 80_000)
    y3 = rng.uniform(TANF[1] - 1, TANF[1] + 1, 80_000)
    lon, lat = np.concatenate([x1, x2, x3]), np.concatenate([y1, y2, y3])
    got = tanf.contains(lon, lat)
    assert tanf._cache.get(f"index:{TANF[0]}:{TANF[1]}:55000.0") is not None  # grid used
    np.testing.assert_array_equal(got, _truth(TANF, 55_000, lon, lat))


centres_region = st.tuples(st.floats(34.0, 49.0), st.floats(29.0, 42.5))
centres_world = st.tuples(st.floats(-179.0, 179.0), st.floats(-75.0, 75.0))
radii = st.one_of(st.floats(10.0, 2_000.0), st.floats(2_000.0, 600_000.0))


@ignore_swapped
@settings(max_examples=12, deadline=None)
@given(st.one_of(centres_region, centres_world), radii, st.integers(0, 2**32 - 1))
def test_grid_containment_exact_property(centre, radius, seed):
    zone = Zone.around(centre, radius_km=radius / 1000)
    rng = np.random.default_rng(seed)
    lon, lat = _ring_points(centre, radius, 60_000, rng, min(radius, 3000.0))
    np.testing.assert_array_equal(zone.contains(lon, lat), _truth(centre, radius, lon, lat))


@ignore_swapped
@settings(max_examples=80, deadline=None)
@given(
    st.one_of(centres_region, centres_world),
    st.one_of(radii, st.floats(600_000.0, 15_000_000.0)),
    st.floats(0, 360),
)
def test_centre_inside_and_one_metre_either_side(centre, radius, az):
    zone = Zone.around(centre, radius_km=radius / 1000)
    lon, lat = destination(centre[0], centre[1], [az, az], [radius - 1.0, radius + 1.0])
    assert zone.contains(*centre)
    np.testing.assert_array_equal(zone.contains(lon, lat), [True, False])
    d = zone.distance_to_edge_m(lon, lat)
    np.testing.assert_allclose(d, [-1.0, 1.0], atol=1e-3)


@ignore_swapped
@settings(max_examples=40, deadline=None)
@given(st.one_of(centres_region, centres_world), radii)
def test_polygon_vertices_on_the_circle(centre, radius):
    zone = Zone.around(centre, radius_km=radius / 1000)
    try:
        xy = np.asarray(zone.polygon.exterior.coords)
    except InvalidDistanceError:  # antimeridian: refused with a reason (tested in geodesy)
        return
    np.testing.assert_allclose(distance_m(*centre, xy[:, 0], xy[:, 1]), radius, atol=1e-3)


@pytest.mark.filterwarnings("error")
def test_tiny_circle_far_points():
    zone = Zone.around(TANF, radius_km=0.001)  # 1 m
    lon = np.concatenate([[TANF[0]], np.linspace(-180, 180, 60_000)])
    lat = np.concatenate([[TANF[1]], np.linspace(-90, 90, 60_000)])
    got = zone.contains(lon, lat)
    np.testing.assert_array_equal(got, _truth(TANF, 1.0, lon, lat))
    assert got[0]


def test_large_circle_uses_exact_fallback():
    zone = Zone.around((0.0, 0.0), radius_km=5000)
    lon, lat = destination(0.0, 0.0, [10.0, 10.0], [4_999_999.0, 5_000_001.0])
    big_lon = np.concatenate([np.asarray(lon), np.zeros(60_000)])
    big_lat = np.concatenate([np.asarray(lat), np.zeros(60_000)])
    assert list(zone.contains(big_lon, big_lat)[:2]) == [True, False]


# --- attributes and construction ----------------------------------------------------


def test_around_attributes(tanf):
    assert tanf.center == TANF and tanf.radius_m == 55_000.0 and tanf.is_circle
    assert tanf.name == "55 km zone" and tanf.source == "CENTCOM"
    assert "55,000 m" in repr(tanf)
    default = Zone.around(TANF, radius_km=55)
    assert default.name.startswith("55 km zone around (38.617780, 33.505830)")


def test_around_place_object_keeps_precision():
    place = Place("curated:t", "al-Tanf garrison", "base", *TANF, 2000.0, "SY")
    zone = Zone.around(place)
    assert zone.name == "55 km zone around al-Tanf garrison"
    assert zone.center_precision_m == 2000.0
    hosh = Place("curated:hosh", "Hosh Matroud", "village", None, None, None, "SY")
    with pytest.raises(PlaceNotLocatedError):
        Zone.around(hosh)


def test_around_name_through_gazetteer():
    zone = Zone.around("al-Tanf", radius_km=55)
    assert "al-Tanf" in zone.name
    assert zone.contains(*RUKBAN) and not zone.contains(*PALMYRA)


@pytest.mark.parametrize(
    ("radius_km", "error"),
    [
        (0, InvalidDistanceError),
        (-55, InvalidDistanceError),
        (float("nan"), InvalidDistanceError),
        (20_004, InvalidDistanceError),
        ("55", CoordinateTypeError),
        (None, CoordinateTypeError),
    ],
)
def test_around_bad_radius(radius_km, error):
    with pytest.raises(error, match="radius_km"):
        Zone.around(TANF, radius_km=radius_km)


def test_around_bad_centre():
    with pytest.raises(InvalidCoordinateError, match="lat"):
        Zone.around((38.6, 133.5))
    with pytest.raises(CoordinateTypeError):
        Zone.around(42)


def test_geojson(tanf):
    feature = json.loads(tanf.to_geojson())
    assert feature["type"] == "Feature"
    assert feature["properties"] == {
        "name": "55 km zone",
        "source": "CENTCOM",
        "center_lon": TANF[0],
        "center_lat": TANF[1],
        "radius_m": 55_000.0,
    }
    ring = np.asarray(feature["geometry"]["coordinates"][0])
    assert shapely.Polygon(ring).exterior.is_ccw  # RFC 7946 right-hand rule
    assert shapely.geometry.shape(tanf.__geo_interface__["geometry"]).equals(tanf.polygon)
    gdf = tanf.to_gdf()
    assert gdf.crs == "EPSG:4326" and gdf.loc[0, "name"] == "55 km zone"


def test_from_geometry_and_union(tanf):
    box = shapely.box(38.0, 34.0, 39.0, 35.0)
    area = Zone.from_geometry(box, name="box", source="drawn")
    assert area.center is None and area.radius_m is None
    both = tanf | area
    assert both.name == "55 km zone ∪ box" and both.source == "CENTCOM; drawn"
    lon = [RUKBAN[0], 38.5, PALMYRA[0], 40.0]
    lat = [RUKBAN[1], 34.5, PALMYRA[1], 36.0]
    np.testing.assert_array_equal(tanf.contains(lon, lat), [True, False, False, False])
    np.testing.assert_array_equal(area.contains(lon, lat), [False, True, True, False])
    np.testing.assert_array_equal(both.contains(lon, lat), [True, True, True, False])
    assert both.polygon.contains(shapely.Point(38.5, 34.5))
    # edge points of a polygon count as inside, like circles
    assert area.contains(38.0, 34.5)


def test_from_geometry_inputs():
    box = shapely.box(38.0, 34.0, 39.0, 35.0)
    from_dict = Zone.from_geometry(shapely.geometry.mapping(box), name="d")
    assert from_dict.polygon.equals(box)
    collection = json.loads(gpd.GeoSeries([box], crs="EPSG:4326").to_json())
    assert Zone.from_geometry(collection, name="fc").polygon.equals(box)
    feature = Zone.from_geometry(collection["features"][0], name="f")
    assert feature.polygon.equals(box)
    projected = gpd.GeoSeries([box], crs="EPSG:4326").to_crs("EPSG:3857")
    assert Zone.from_geometry(projected, name="p").polygon.equals_exact(box, tolerance=1e-9)
    frame = gpd.GeoDataFrame({"n": [1, 2]}, geometry=[box, shapely.box(39, 34, 40, 35)])
    with pytest.raises(CRSError, match="set_crs"):
        Zone.from_geometry(frame, name="f")
    merged = Zone.from_geometry(frame.set_crs("EPSG:4326"), name="f")
    assert merged.polygon.bounds == (38.0, 34.0, 40.0, 35.0)
    with pytest.raises(InvalidCoordinateError, match="area"):
        Zone.from_geometry(shapely.Point(38, 34), name="pt")
    with pytest.raises(InvalidCoordinateError, match="EPSG:4326"):
        Zone.from_geometry(shapely.box(4.2e6, 3.9e6, 4.3e6, 4.0e6), name="metres")
    with pytest.raises(TypeError, match="polygon"):
        Zone.from_geometry("Homs", name="s")


# --- distance to the edge ------------------------------------------------------------


def test_circle_distance_to_edge_exact(tanf):
    lon = [TANF[0], RUKBAN[0], PALMYRA[0]]
    lat = [TANF[1], RUKBAN[1], PALMYRA[1]]
    inv = Geodesic.WGS84.Inverse
    expected = [inv(TANF[1], TANF[0], b, a)["s12"] - 55e3 for a, b in zip(lon, lat, strict=True)]
    np.testing.assert_allclose(tanf.distance_to_edge_m(lon, lat), expected, atol=1e-6)
    assert tanf.distance_to_edge_m(*TANF) == pytest.approx(-55_000.0)


def _brute_edge_distance(geom, lon, lat, step_deg=0.0005):
    boundary = shapely.segmentize(geom.boundary, step_deg)
    xy = shapely.get_coordinates(boundary)
    out = []
    for x, y in zip(lon, lat, strict=True):
        _, _, s = WGS84.inv(np.full(len(xy), x), np.full(len(xy), y), xy[:, 0], xy[:, 1])
        out.append(np.min(s))
    return np.array(out)


def test_polygon_distance_to_edge_within_stated_bound():
    box = shapely.box(38.0, 34.0, 39.0, 35.0)
    zone = Zone.from_geometry(box, name="box")
    lon = np.array([38.5, 38.9, 39.3, 37.5, 38.5])
    lat = np.array([34.5, 34.95, 34.5, 33.8, 35.6])
    got = zone.distance_to_edge_m(lon, lat)
    brute = _brute_edge_distance(box, lon, lat)
    inside = zone.contains(lon, lat)
    assert list(np.sign(got)) == [-1 if i else 1 for i in inside]
    # never shorter than the true distance (a real edge point), and at most 2ε longer;
    # the brute force samples the edge every 0.0005° so it may itself be ~1 m long
    centre = shapely.centroid(box)
    far = distance_m(centre.x, centre.y, lon, lat) + 100_000
    eps = (far / 6_371_000) ** 2 / 6
    assert (np.abs(got) >= brute - 1.0).all()
    assert (np.abs(got) <= brute * (1 + 2 * eps) + 1e-3).all()


def test_union_distance_outside_is_min_of_parts(tanf):
    other = Zone.around(PALMYRA, radius_km=20)
    both = tanf | other
    x, y = 38.5, 34.0  # between the two
    d = both.distance_to_edge_m(x, y)
    assert d == pytest.approx(
        min(tanf.distance_to_edge_m(x, y), other.distance_to_edge_m(x, y)), abs=1e-6
    )
    assert both.distance_to_edge_m(*TANF) < 0


def test_union_distance_inside_one_circle_is_exact(tanf):
    other = Zone.around(PALMYRA, radius_km=20)
    both = tanf | other
    lon, lat = destination(TANF[0], TANF[1], [0.0, 200.0, 90.0], [10e3, 54_999.0, 30e3])
    # inside al-Tanf only: the edge is al-Tanf's circle, radius minus distance to its centre
    np.testing.assert_allclose(
        both.distance_to_edge_m(lon, lat), tanf.distance_to_edge_m(lon, lat), atol=1e-6
    )
    np.testing.assert_allclose(both.distance_to_edge_m(*PALMYRA), -20_000.0, atol=1e-6)


def test_union_distance_where_circles_overlap_follows_the_drawn_edge():
    a, b = Zone.around(TANF, radius_km=30), Zone.around(RUKBAN, radius_km=30)  # 22 km apart
    both = a | b
    # 5 km from al-Tanf towards Rukban: al-Tanf's nearest edge point is inside Rukban's
    # circle; the union's nearest edge is where the two circles cross (~28.5 km away)
    az = WGS84.inv(*TANF, *RUKBAN)[0]
    x, y = destination(TANF[0], TANF[1], az, 5_000.0)
    d = both.distance_to_edge_m(x, y)
    assert d < min(a.distance_to_edge_m(x, y), b.distance_to_edge_m(x, y)) - 3_000
    brute = _brute_edge_distance(both.polygon, [x], [y])[0]
    assert d == pytest.approx(-brute, abs=2.0)


ANTIMERIDIAN = (179.9, 0.0)


@pytest.mark.parametrize(
    ("far", "points"),
    [
        (ANTIMERIDIAN, ([-179.9, 179.9, 179.0], [0.0, 0.3, 0.0])),
        ((0.0, 89.9), ([0.0, 100.0, 0.0], [89.9, 89.95, 88.0])),  # encloses the North Pole
    ],
)
def test_union_with_an_undrawable_circle_has_distance_and_relation(far, points):
    circle = Zone.around(far, radius_km=50)
    syria = Zone.around(TANF, radius_km=5)
    union = circle | syria
    lon = np.array([*points[0], TANF[0], RUKBAN[0]])
    lat = np.array([*points[1], TANF[1], RUKBAN[1]])
    inside = union.contains(lon, lat)
    np.testing.assert_array_equal(inside, circle.contains(lon, lat) | syria.contains(lon, lat))
    assert inside.any() and not inside.all()
    # disjoint circles: the edge nearest any point is that of the nearer circle
    expected = np.minimum(circle.distance_to_edge_m(lon, lat), syria.distance_to_edge_m(lon, lat))
    np.testing.assert_allclose(union.distance_to_edge_m(lon, lat), expected, atol=1e-6)
    rel = union.relation(lon, lat, uncertainty_m=1000.0)
    np.testing.assert_array_equal(rel.relation == "inside", expected <= -1000.0)


def test_union_overlap_next_to_an_undrawable_circle_raises_a_clear_error():
    union = Zone.around(ANTIMERIDIAN, radius_km=50) | Zone.around((-179.7, 0.0), radius_km=50)
    # inside one circle only, or outside both: exact
    np.testing.assert_allclose(union.distance_to_edge_m(*ANTIMERIDIAN), -50_000.0, atol=1e-6)
    assert union.distance_to_edge_m(-179.0, 0.0) > 0
    # where they overlap the edge needs the polygon, which cannot be drawn
    with pytest.raises(InvalidDistanceError, match=r"overlap.*antimeridian"):
        union.distance_to_edge_m(-179.9, 0.0)


# --- uncertainty ---------------------------------------------------------------------


def test_relation_inside_outside_indeterminate(tanf):
    lon, lat = destination(TANF[0], TANF[1], [0.0, 0.0, 0.0, 90.0], [40e3, 40e3, 70e3, 55e3])
    rel = tanf.relation(lon, lat, uncertainty_m=[10e3, 20e3, 10e3, 0.0])
    assert isinstance(rel, ZoneRelation) and len(rel) == 4
    assert list(rel.relation) == ["inside", "indeterminate", "outside", "inside"]
    np.testing.assert_allclose(rel.margin_m, [5e3, -5e3, 5e3, 0.0], atol=1e-3)
    np.testing.assert_allclose(rel.distance_to_edge_m, [-15e3, -15e3, 15e3, 0.0], atol=1e-3)
    frame = rel.to_frame()
    assert list(frame.columns) == ["relation", "margin_m", "distance_to_edge_m", "uncertainty_m"]


def test_relation_with_zero_uncertainty_matches_contains(tanf):
    rng = np.random.default_rng(3)
    lon, lat = _ring_points(TANF, 55_000, 5000, rng, 5.0)
    rel = tanf.relation(lon, lat)
    np.testing.assert_array_equal(rel.relation == "inside", tanf.contains(lon, lat))
    assert set(rel.relation) <= {"inside", "outside"}


def test_relation_nan_uncertainty_is_indeterminate(tanf):
    rel = tanf.relation([TANF[0], PALMYRA[0]], [TANF[1], PALMYRA[1]], uncertainty_m=[np.nan, None])
    assert list(rel.relation) == ["indeterminate", "indeterminate"]
    assert np.isnan(rel.margin_m).all()
    scalar = tanf.relation(*TANF, uncertainty_m=1000)
    assert str(scalar.relation) == "inside" and float(scalar.margin_m) == pytest.approx(54_000)


@pytest.mark.parametrize("bad", [-1.0, float("inf")])
def test_relation_bad_uncertainty(tanf, bad):
    with pytest.raises(InvalidDistanceError, match="uncertainty_m"):
        tanf.relation(*TANF, uncertainty_m=bad)


def test_relation_mismatched_uncertainty(tanf):
    with pytest.raises(InvalidCoordinateError, match="uncertainty_m"):
        tanf.relation([38.6, 38.7], [33.5, 33.6], uncertainty_m=[1.0, 2.0, 3.0])


# --- input forms and bad input --------------------------------------------------------

FORMS = {"list": list, "ndarray": np.array, "Series": pd.Series, "tuple": tuple}


@pytest.mark.parametrize("form", FORMS)
def test_input_forms(tanf, form):
    make = FORMS[form]
    lon, lat = make([RUKBAN[0], PALMYRA[0]]), make([RUKBAN[1], PALMYRA[1]])
    out = tanf.contains(lon, lat)
    assert isinstance(out, np.ndarray) and out.dtype == bool
    assert list(out) == [True, False]
    assert tanf.distance_to_edge_m(lon, lat).shape == (2,)


def test_scalars_and_empty(tanf):
    assert tanf.contains(*RUKBAN) is np.True_
    assert isinstance(tanf.distance_to_edge_m(*RUKBAN), float)
    assert tanf.contains([], []).shape == (0,)
    assert tanf.distance_to_edge_m([], []).shape == (0,)
    assert tanf.relation([], []).relation.shape == (0,)
    box = Zone.from_geometry(shapely.box(38, 34, 39, 35), name="b")
    assert box.distance_to_edge_m([], []).shape == (0,)


@pytest.mark.parametrize(
    ("lon", "lat", "error"),
    [
        ("38.6", 33.5, CoordinateTypeError),
        ([38.6, None], [33.5, 33.6], CoordinateTypeError),
        (38.6, float("nan"), InvalidCoordinateError),
        (38.6, 91.0, InvalidCoordinateError),
        ([38.6, 38.7], [33.5], InvalidCoordinateError),
    ],
)
def test_bad_points(tanf, lon, lat, error):
    with pytest.raises(error):
        tanf.contains(lon, lat)
    with pytest.raises(error):
        tanf.relation(lon, lat)


def test_cell_bound_is_sub_metre(tanf):
    tanf.contains(np.full(60_000, RUKBAN[0]), np.full(60_000, RUKBAN[1]))
    index = tanf._circle_index(tanf._circles[0])
    assert index is not None and 0 < index.eps_edge_max < 1.0
    assert math.isclose(index.r, 55_000.0)


@ignore_swapped
@settings(max_examples=60, deadline=None)
@given(
    st.floats(0, 360),
    st.floats(0.0, 120_000.0),
    st.one_of(st.just(0.0), st.floats(1.0, 30_000.0)),
)
def test_relation_agrees_with_the_uncertainty_disc(az, dist, u):
    # sample the rim of the uncertainty disc: an "inside" disc has its whole rim in
    # the zone, an "outside" disc none of it, an "indeterminate" one straddles the
    # edge (its nearest and farthest rim points, along the line to the centre, differ)
    zone = Zone.around(TANF, radius_km=55)
    lon, lat = destination(*TANF, az, dist)
    rel = zone.relation(lon, lat, uncertainty_m=u)
    rim_lon, rim_lat = destination(lon, lat, np.linspace(0, 360, 72, endpoint=False), u)
    rim_in = zone.contains(rim_lon, rim_lat)
    if rel.relation == "inside":
        assert rim_in.all() and zone.contains(lon, lat)
    elif rel.relation == "outside":
        assert not rim_in.any() and not zone.contains(lon, lat)
    else:
        assert u > 0 and float(rel.margin_m) < 0
        near = max(dist - u, 0.0)
        assert (near <= 55_000 + 1e-6) and (dist + u > 55_000 - 1e-6)
    assert float(rel.margin_m) == pytest.approx(abs(dist - 55_000) - u, abs=1e-3)
