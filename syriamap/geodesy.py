"""Geodesic distances, bearings, destinations and circles on the WGS84 ellipsoid.

Everything is computed with :class:`pyproj.Geod` (Karney's algorithms, accurate
to about 15 nanometres) over whole arrays.  Coordinates are ``(lon, lat)`` in
degrees, distances in metres, azimuths in degrees clockwise from north.

Scalars in give a Python ``float`` out; lists, tuples, numpy arrays and pandas
Series give numpy arrays (a scalar is broadcast against an array: one point
against many).  Place names and :class:`~syriamap.place.Place` objects are
accepted where two places are compared (:func:`distance`, and
``distance_m(a, b)`` / ``bearing_deg(a, b)`` with two arguments).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING, Any, NamedTuple, overload

import numpy as np
import numpy.typing as npt
import shapely
from pyproj import Geod

from syriamap._validate import (
    MAX_DISTANCE_M,
    as_float_array,
    as_lonlat,
    as_lonlat_arrays,
    broadcast_points,
    check_distance_m,
)
from syriamap.errors import CoordinateTypeError, InvalidDistanceError, _short_repr
from syriamap.place import Place

if TYPE_CHECKING:
    from syriamap.gazetteer import Gazetteer

__all__ = [
    "MAX_DISTANCE_M",
    "WGS84",
    "Distance",
    "Endpoint",
    "LonLat",
    "bearing_deg",
    "circle_vertices",
    "destination",
    "distance",
    "distance_m",
    "geodesic_circle",
    "resolve_point",
]

#: The WGS84 ellipsoid every computation uses.
WGS84: Geod = Geod(ellps="WGS84")

FloatArray = npt.NDArray[np.float64]

#: Largest gap, in metres, between a drawn circle's chords and the true circle.
_MAX_SAG_M = 0.5
_MIN_VERTICES = 64
_MAX_VERTICES = 8192


class LonLat(NamedTuple):
    """A point as ``(lon, lat)`` in WGS84 degrees: longitude first, as the names say.

    Unpacks like a plain tuple: ``lon, lat = destination(...)``.  The fields are
    floats for one point and numpy arrays for many.
    """

    lon: Any
    lat: Any


def _pack(value: FloatArray, scalar: bool) -> float | FloatArray:
    return float(value.reshape(-1)[0]) if scalar else value


def _inv(
    lon1: object, lat1: object, lon2: object, lat2: object
) -> tuple[FloatArray, FloatArray, bool]:
    """Validate two point sets and return (azimuth, distance, all_scalar)."""
    x1, y1 = as_lonlat_arrays(lon1, lat1, names=("lon1", "lat1"), stacklevel=5)
    x2, y2 = as_lonlat_arrays(lon2, lat2, names=("lon2", "lat2"), stacklevel=5)
    scalar = x1.ndim == 0 and x2.ndim == 0
    if x1.shape != x2.shape:
        x1, y1, x2, y2 = broadcast_points(x1, y1, x2, y2, what="start and end points")
    if x1.size == 0:
        empty = np.empty(x1.shape, dtype=np.float64)
        return empty, empty.copy(), scalar
    az12, _az21, dist = WGS84.inv(
        np.ascontiguousarray(x1, dtype=np.float64).reshape(-1),
        np.ascontiguousarray(y1, dtype=np.float64).reshape(-1),
        np.ascontiguousarray(x2, dtype=np.float64).reshape(-1),
        np.ascontiguousarray(y2, dtype=np.float64).reshape(-1),
    )
    return (
        np.asarray(az12, dtype=np.float64).reshape(x1.shape),
        np.asarray(dist, dtype=np.float64).reshape(x1.shape),
        scalar,
    )


# --- resolving names, places and coordinate pairs ------------------------------


@dataclass(frozen=True, slots=True)
class Endpoint:
    """One end of a :class:`Distance`: where it is and how well that is known.

    Attributes
    ----------
    name : str
        The place's name, or ``"(lon, lat)"`` for explicit coordinates.
    lon, lat : float
        WGS84 degrees.
    precision_m : float or None
        Radius in metres within which the true location lies (0 for explicit
        coordinates, ``None`` when the gazetteer does not say).
    place : Place or None
        The gazetteer record, when the end was given as a name or a Place.
    """

    name: str
    lon: float
    lat: float
    precision_m: float | None
    place: Place | None = None

    def to_dict(self) -> dict[str, Any]:
        """Return the endpoint as a JSON-ready dict."""
        return {
            "name": self.name,
            "id": self.place.id if self.place is not None else None,
            "lon": self.lon,
            "lat": self.lat,
            "precision_m": self.precision_m,
        }


def resolve_point(
    value: object, *, gazetteer: Gazetteer | None = None, role: str = "point"
) -> Endpoint:
    """Turn a place name, a :class:`~syriamap.place.Place` or a ``(lon, lat)`` pair into a point.

    Parameters
    ----------
    value : str, Place, tuple of float or shapely Point
        A name as news writes it (looked up in the gazetteer), a located Place,
        a ``(lon, lat)`` pair in degrees, or a point geometry.
    gazetteer : Gazetteer, optional
        Gazetteer to resolve names with; default ``Gazetteer.default()``.
    role : str, default "point"
        What the value stands for, used in error messages.

    Returns
    -------
    Endpoint

    Raises
    ------
    PlaceNotFoundError, AmbiguousPlaceError, PlaceNotLocatedError
        From the gazetteer, for names (a Place without coordinates raises
        ``PlaceNotLocatedError``).
    CoordinateTypeError, InvalidCoordinateError
        For anything else that is not a valid point.

    See Also
    --------
    distance : the distance between two resolved points.

    Examples
    --------
    >>> resolve_point((38.61778, 33.50583)).lon
    38.61778
    """
    if isinstance(value, str):
        if gazetteer is None:
            from syriamap.gazetteer import Gazetteer

            gazetteer = Gazetteer.default()
        value = gazetteer.lookup(value)
    if isinstance(value, Place):
        lon, lat = value.lonlat  # raises PlaceNotLocatedError when unlocated
        return Endpoint(value.name, float(lon), float(lat), value.precision_m, value)
    geo = getattr(value, "__geo_interface__", None)
    if isinstance(geo, dict) and geo.get("type") == "Point":
        value = tuple(geo["coordinates"][:2])
    if isinstance(value, (tuple, list, np.ndarray)) and len(value) == 2:
        lon, lat = as_lonlat(value[0], value[1], stacklevel=4)
        return Endpoint(f"({lon:.6f}, {lat:.6f})", lon, lat, 0.0)
    raise CoordinateTypeError(
        f"{role} must be a place name, a Place or a (lon, lat) pair, got "
        f"{type(value).__name__} {_short_repr(value)}"
    )


# --- distances and bearings -------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Distance:
    """The geodesic distance between two resolved places.

    Attributes
    ----------
    m : float
        Geodesic distance in metres between the two points.
    bearing_deg : float
        Forward azimuth at the start, degrees clockwise from north in [0, 360).
    start, end : Endpoint
        The two ends, with their coordinates and precision.

    See Also
    --------
    distance : builds a Distance from names, places or coordinates.

    Examples
    --------
    >>> d = distance("al-Tanf", "Rukban")
    >>> round(d.m), round(d.km, 2), round(d.bearing_deg)
    (22132, 22.13, 168)
    >>> d.start.place.id, d.uncertainty_m  # the sum of the two places' precision
    ('curated:al-tanf-garrison', 5000.0)
    >>> print(d)
    al-Tanf garrison → Rukban camp: 22.1 km ± 5.0 km, bearing 168°
    """

    m: float
    bearing_deg: float
    start: Endpoint
    end: Endpoint

    @property
    def km(self) -> float:
        """Distance in kilometres."""
        return self.m / 1000.0

    @property
    def uncertainty_m(self) -> float | None:
        """Worst-case error in metres: the sum of both ends' precision radii.

        ``None`` when either end's precision is unknown.
        """
        if self.start.precision_m is None or self.end.precision_m is None:
            return None
        return float(self.start.precision_m + self.end.precision_m)

    @property
    def min_m(self) -> float | None:
        """Smallest distance compatible with the ends' precision (metres, ≥ 0)."""
        u = self.uncertainty_m
        return None if u is None else max(0.0, self.m - u)

    @property
    def max_m(self) -> float | None:
        """Largest distance compatible with the ends' precision (metres)."""
        u = self.uncertainty_m
        return None if u is None else self.m + u

    def __float__(self) -> float:
        return self.m

    def __str__(self) -> str:
        u = self.uncertainty_m
        plus = " (precision unknown)" if u is None else f" ± {u / 1000:.1f} km"
        return (
            f"{self.start.name} → {self.end.name}: {self.km:.1f} km{plus}, "
            f"bearing {self.bearing_deg:.0f}°"
        )

    def to_dict(self) -> dict[str, Any]:
        """Return the distance as a JSON-ready dict (metres and degrees)."""
        return {
            "distance_m": self.m,
            "distance_km": self.km,
            "bearing_deg": self.bearing_deg,
            "uncertainty_m": self.uncertainty_m,
            "from": self.start.to_dict(),
            "to": self.end.to_dict(),
        }


def distance(a: object, b: object, *, gazetteer: Gazetteer | None = None) -> Distance:
    """Geodesic distance between two places, names or ``(lon, lat)`` pairs.

    Parameters
    ----------
    a, b : str, Place, tuple of float or shapely Point
        The two ends; names are resolved with the gazetteer.
    gazetteer : Gazetteer, optional
        Default ``Gazetteer.default()``.

    Returns
    -------
    Distance
        With ``.m``, ``.km``, ``.bearing_deg``, both ends and
        ``.uncertainty_m`` (sum of the two precision radii).

    Raises
    ------
    PlaceNotFoundError, AmbiguousPlaceError, PlaceNotLocatedError
        When a name cannot be resolved to one located place.

    See Also
    --------
    distance_m : the same over arrays of coordinates.

    Examples
    --------
    Al-Tanf garrison to Rukban camp from their infobox coordinates:

    >>> d = distance((38.61778, 33.50583), (38.668472, 33.310861))
    >>> round(d.km, 2), round(d.bearing_deg)
    (22.13, 168)
    """
    p = resolve_point(a, gazetteer=gazetteer, role="a")
    q = resolve_point(b, gazetteer=gazetteer, role="b")
    az, dist, _ = _inv(p.lon, p.lat, q.lon, q.lat)
    bearing = float(az) % 360.0
    return Distance(float(dist), 0.0 if bearing == 360.0 else bearing, p, q)


@overload
def distance_m(
    lon1: float, lat1: float, lon2: float, lat2: float, *, gazetteer: None = ...
) -> float: ...
@overload
def distance_m(
    lon1: object,
    lat1: object,
    lon2: object = ...,
    lat2: object = ...,
    *,
    gazetteer: Gazetteer | None = ...,
) -> float | FloatArray: ...
def distance_m(
    lon1: object,
    lat1: object,
    lon2: object = None,
    lat2: object = None,
    *,
    gazetteer: Gazetteer | None = None,
) -> float | FloatArray:
    """Geodesic distance in metres on the WGS84 ellipsoid.

    Parameters
    ----------
    lon1, lat1, lon2, lat2 : float or array_like of float
        Start and end longitudes and latitudes in degrees.  Scalars broadcast
        against arrays.  With only two arguments, they are the two ends as
        place names, Places or ``(lon, lat)`` pairs: ``distance_m("al-Tanf",
        "Rukban")``.
    gazetteer : Gazetteer, optional
        Used to resolve names in the two-argument form.

    Returns
    -------
    float or numpy.ndarray
        Metres; a float when every input is a scalar (or in the two-argument
        form), else an array of the broadcast shape.

    Raises
    ------
    CoordinateTypeError, InvalidCoordinateError
        For non-numeric or out-of-range coordinates or arrays of different lengths.

    See Also
    --------
    distance : two places with their precision and bearing.
    bearing_deg : the forward azimuth.

    Examples
    --------
    >>> round(distance_m(38.61778, 33.50583, 38.668472, 33.310861), 1)
    22132.5
    >>> distance_m([0, 0], [0, 0], [1, 0], [0, 1]).round(3)
    array([111319.491, 110574.389])
    """
    if lon2 is None and lat2 is None:
        return distance(lon1, lat1, gazetteer=gazetteer).m
    _az, dist, scalar = _inv(lon1, lat1, lon2, lat2)
    return _pack(dist, scalar)


def bearing_deg(
    lon1: object,
    lat1: object,
    lon2: object = None,
    lat2: object = None,
    *,
    gazetteer: Gazetteer | None = None,
) -> float | FloatArray:
    """Forward azimuth from the first point to the second, in degrees.

    Parameters
    ----------
    lon1, lat1, lon2, lat2 : float or array_like of float
        As :func:`distance_m` (also the two-argument form with names).
    gazetteer : Gazetteer, optional
        Used to resolve names in the two-argument form.

    Returns
    -------
    float or numpy.ndarray
        Degrees clockwise from true north, in [0, 360).  For coincident points
        the azimuth is undefined and 0 or 180 is returned.

    See Also
    --------
    destination : the inverse operation.
    distance_m : the distance along the same geodesic.

    Examples
    --------
    >>> bearing_deg(38.0, 33.0, 38.0, 34.0)
    0.0
    >>> bearing_deg(38.0, 33.0, [39.0, 37.0], [33.0, 33.0]).round(1)
    array([ 89.7, 270.3])
    """
    if lon2 is None and lat2 is None:
        return distance(lon1, lat1, gazetteer=gazetteer).bearing_deg
    az, _dist, scalar = _inv(lon1, lat1, lon2, lat2)
    az = np.mod(az, 360.0)
    az = np.where(az == 360.0, 0.0, az)  # -1e-15 % 360 == 360.0
    return _pack(az, scalar)


def destination(lon: object, lat: object, azimuth_deg: object, distance_m: object) -> LonLat:
    """Point reached by travelling ``distance_m`` along a geodesic from ``(lon, lat)``.

    Parameters
    ----------
    lon, lat : float or array_like of float
        Start, degrees.
    azimuth_deg : float or array_like of float
        Direction, degrees clockwise from north (any finite value).
    distance_m : float or array_like of float
        Distance in metres, between 0 and 20,003,931 m.

    Returns
    -------
    LonLat
        ``(lon, lat)`` named tuple in degrees (floats for scalar input, arrays
        otherwise), longitude in [-180, 180].

    Raises
    ------
    InvalidDistanceError
        If a distance is negative, NaN or too large.

    See Also
    --------
    bearing_deg, distance_m : the inverse problem.

    Examples
    --------
    >>> lon, lat = destination(38.61778, 33.50583, 180.0, 55_000)
    >>> round(lon, 5), round(lat, 5)
    (38.61778, 33.00993)
    """
    x, y = as_lonlat_arrays(lon, lat)
    az = as_float_array(azimuth_deg, "azimuth_deg")
    if az.size and not np.isfinite(az).all():
        flat = az.reshape(-1)
        raise InvalidDistanceError(
            f"azimuth_deg must be finite degrees, got {flat[~np.isfinite(flat)][0]!r}"
        )
    d = check_distance_m(distance_m, "distance_m", allow_zero=True)
    scalar = x.ndim == 0 and az.ndim == 0 and d.ndim == 0
    x, y, az, d = broadcast_points(x, y, az, d, what="lon, lat, azimuth_deg and distance_m")
    if x.size == 0:
        return LonLat(np.empty(x.shape), np.empty(x.shape))
    lon2, lat2, _ = WGS84.fwd(
        np.ascontiguousarray(x).reshape(-1),
        np.ascontiguousarray(y).reshape(-1),
        np.ascontiguousarray(az).reshape(-1),
        np.ascontiguousarray(d).reshape(-1),
    )
    out_x = np.asarray(lon2, dtype=np.float64).reshape(x.shape)
    out_y = np.asarray(lat2, dtype=np.float64).reshape(x.shape)
    if scalar:
        return LonLat(float(out_x.reshape(-1)[0]), float(out_y.reshape(-1)[0]))
    return LonLat(out_x, out_y)


# --- circles ----------------------------------------------------------------------


def default_n_vertices(radius_m: float) -> int:
    """Return the number of vertices for which a circle's chords sag at most 0.5 m.

    A chord spanning ``2π/n`` of a circle of radius ``r`` lies at most
    ``r (1 - cos(π/n))`` inside it; this returns the smallest ``n`` making that
    ≤ 0.45 m (0.5 m with headroom for the chord being straight in lon/lat
    rather than on the tangent plane), clamped to [64, 8192].

    Parameters
    ----------
    radius_m : float
        Circle radius, metres.

    Returns
    -------
    int

    See Also
    --------
    geodesic_circle : uses it by default.

    Examples
    --------
    >>> default_n_vertices(55_000)
    777
    """
    # 10 % headroom: the drawn chord is straight in lon/lat, not on the tangent plane
    ratio = 1.0 - 0.9 * _MAX_SAG_M / radius_m
    if ratio <= 0:
        return _MIN_VERTICES
    n = math.ceil(math.pi / math.acos(ratio))
    return max(_MIN_VERTICES, min(_MAX_VERTICES, n))


@lru_cache(maxsize=256)
def circle_vertices(
    lon: float, lat: float, radius_m: float, n_vertices: int
) -> tuple[FloatArray, FloatArray]:
    """Vertices of a geodesic circle, counter-clockwise, starting due north.

    Parameters
    ----------
    lon, lat : float
        Centre, degrees (already validated).
    radius_m : float
        Radius, metres (already validated).
    n_vertices : int
        Number of distinct vertices.

    Returns
    -------
    lon, lat : numpy.ndarray
        ``n_vertices`` longitudes and latitudes (the ring is not closed); read-only.

    See Also
    --------
    geodesic_circle : the validated public function.

    Examples
    --------
    >>> x, y = circle_vertices(38.0, 33.0, 1000.0, 4)
    >>> [round(float(v), 6) for v in y]  # north, west, south, east
    [33.009017, 33.0, 32.990983, 33.0]
    """
    az = -np.arange(n_vertices, dtype=np.float64) * (360.0 / n_vertices)
    x, y, _ = WGS84.fwd(
        np.full(n_vertices, lon), np.full(n_vertices, lat), az, np.full(n_vertices, radius_m)
    )
    x = np.asarray(x, dtype=np.float64)
    y = np.asarray(y, dtype=np.float64)
    x.flags.writeable = False
    y.flags.writeable = False
    return x, y


def _check_drawable(lon: float, lat: float, radius_m: float, x: FloatArray) -> None:
    """Refuse circles that enclose a pole or cross the antimeridian."""
    for pole_lat, pole in ((90.0, "North"), (-90.0, "South")):
        _, _, to_pole = WGS84.inv(lon, lat, lon, pole_lat)
        if to_pole <= radius_m:
            raise InvalidDistanceError(
                f"a circle of radius {radius_m:,.0f} m around ({lon}, {lat}) encloses the "
                f"{pole} Pole and cannot be drawn as a lon/lat polygon; use a smaller "
                "radius (containment tests with Zone.contains still work)"
            )
    if x.size > 1 and np.abs(np.diff(np.append(x, x[0]))).max() > 180.0:
        raise InvalidDistanceError(
            f"a circle of radius {radius_m:,.0f} m around ({lon}, {lat}) crosses the "
            "antimeridian (180° longitude) and cannot be drawn as one lon/lat polygon; "
            "use a smaller radius or split it (containment tests with Zone.contains still work)"
        )


def geodesic_circle(
    lon: object, lat: object, radius_m: object, *, n_vertices: int | None = None
) -> shapely.Polygon:
    """Polygon whose vertices all lie ``radius_m`` (geodesic) from ``(lon, lat)``.

    The ring is counter-clockwise (GeoJSON's right-hand rule) and starts due
    north of the centre.  With the default vertex count the straight edges
    between vertices stay within 0.5 m of the true circle, so the polygon is
    fine to draw; test containment with :meth:`syriamap.zones.Zone.contains`,
    which is exact and does not depend on the chords.

    Parameters
    ----------
    lon, lat : float
        Centre, WGS84 degrees.
    radius_m : float
        Radius in metres, > 0 and at most 20,003,931 m.
    n_vertices : int, optional
        Number of vertices; default: enough for ≤ 0.5 m chord sag (777 for
        55 km), between 64 and 8192.

    Returns
    -------
    shapely.Polygon
        In (lon, lat) degrees.

    Raises
    ------
    InvalidDistanceError
        If the radius is not positive/finite/in range, or the circle encloses a
        pole or crosses the antimeridian (it cannot be one lon/lat polygon).
    InvalidCoordinateError, CoordinateTypeError
        For a bad centre.

    See Also
    --------
    syriamap.zones.Zone.around : a named zone with exact containment.
    destination : the function that places each vertex.

    Examples
    --------
    >>> circle = geodesic_circle(38.61778, 33.50583, 55_000)
    >>> len(circle.exterior.coords) - 1
    777
    >>> x, y = circle.exterior.coords[0]
    >>> round(distance_m(38.61778, 33.50583, x, y), 6)
    55000.0
    """
    x0, y0 = as_lonlat(lon, lat)
    r = float(check_distance_m(radius_m, "radius_m"))
    if n_vertices is None:
        n = default_n_vertices(r)
    elif isinstance(n_vertices, bool) or not isinstance(n_vertices, (int, np.integer)):
        raise TypeError(f"n_vertices must be an int, got {_short_repr(n_vertices)}")
    elif n_vertices < 3:
        raise ValueError(f"n_vertices must be at least 3, got {n_vertices}")
    else:
        n = int(n_vertices)
    x, y = circle_vertices(x0, y0, r, n)
    _check_drawable(x0, y0, r, x)
    return shapely.Polygon(np.column_stack([x, y]))
