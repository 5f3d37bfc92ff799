"""Zones: geodesic circles around places, arbitrary polygons, and their unions.

A :class:`Zone` answers, for one point or millions, whether points are inside,
how far they are from the edge, and — given each point's location uncertainty
— whether they are certainly inside, certainly outside or indeterminate.

Circles are exact
-----------------
For a circle zone (``Zone.around``), ``contains`` decides ``geodesic distance to
the centre <= radius`` on the WGS84 ellipsoid, with the same result as
``pyproj.Geod.inv`` for every point: a point 54,999 m from the centre of a 55 km
zone is inside and one 55,001 m away is outside, whatever the drawn polygon's
chords do.  It is fast because most points never need ``Geod.inv``:

1. The circle's bounding box is covered by a grid of nodes whose exact geodesic
   distances to the centre are computed once (about 100,000 nodes, ~0.15 s, on
   the first call with 50,000 points or more; smaller calls use ``Geod.inv``).
   Points are processed in chunks of 65,536 so temporaries stay in the CPU cache.
2. Inside each grid cell, the distance is bilinearly interpolated from the four
   corners.  The interpolation error is bounded by ``max(hx², hy²) / (8 s_min)``
   (hx, hy the cell's sides in metres, ``s_min`` the smallest distance to the
   centre in the cell: the Hessian of the geodesic distance on an ellipsoid of
   positive curvature is 0 along the radius and at most ``1/s`` across it), plus
   the curvature of the parallels, with a 10 % safety factor; near the centre, by
   twice the cell's diagonal (triangle inequality).  At most 0.38 m for the
   55 km circle around al-Tanf.
3. A cell whose four corners all lie more than that bound inside (or outside)
   the radius is inside (outside) as a whole: one table look-up per point.
4. For points in cells crossed by the circle, the interpolated distance decides
   unless it is within the bound of the radius; only those few points (the ones
   within about 0.4 m of the edge) go through ``Geod.inv``.

Circles over 1,000 km or under 50 m, or reaching within 10° of a pole or across
the antimeridian, skip the grid and use ``Geod.inv`` for every point (exact, slower).

Polygons
--------
Zones from arbitrary geometries (``Zone.from_geometry``) use straight edges in
lon/lat, as drawn; ``contains`` is shapely's ``contains_xy`` (boundary points
count as inside).  Their ``distance_to_edge_m`` projects points and the edge to
an azimuthal-equidistant projection centred on the zone, finds the nearest edge
point there and returns the exact geodesic distance to it; see
:meth:`Zone.distance_to_edge_m` for the error bound.
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import numpy as np
import numpy.typing as npt
import shapely
from pyproj import Transformer

from syriamap._validate import as_float_array, as_lonlat_arrays, check_distance_m
from syriamap.errors import CRSError, InvalidCoordinateError, InvalidDistanceError, _short_repr
from syriamap.geodesy import WGS84, LonLat, circle_vertices, default_n_vertices, resolve_point

if TYPE_CHECKING:
    from syriamap.gazetteer import Gazetteer

__all__ = ["RELATIONS", "Zone", "ZoneRelation"]

FloatArray = npt.NDArray[np.float64]
BoolArray = npt.NDArray[np.bool_]

#: The three answers of :meth:`Zone.relation`.
RELATIONS: tuple[str, str, str] = ("inside", "outside", "indeterminate")

_A = 6378137.0  # WGS84 semi-major axis, metres
_E2 = 6.69437999014e-3  # WGS84 first eccentricity squared
_M_MAX = _A / math.sqrt(1.0 - _E2)  # largest metres-per-radian along a meridian (poles)
_GRID_MAX_RADIUS_M = 1_000_000.0
# below this, cells are so small that cell indices of far-away points overflow int32
_GRID_MIN_RADIUS_M = 50.0
_GRID_MAX_ABS_LAT = 80.0
_GRID_TARGET_NODES = 100_000
_GRID_MIN_POINTS = 50_000  # calls with fewer points use Geod.inv until the grid exists
_CHUNK = 1 << 16  # points per chunk in the grid path
_SAFETY = 1.1  # on the interpolation error bound
_SEGMENT_DEG = 0.005  # densify polygon edges to this length before projecting (~500 m)
# Geod.fwd then Geod.inv round trip: an edge point is still on its own circle within this
_ON_EDGE_TOL_M = 1e-3

_OUT, _IN, _EDGE = np.uint8(0), np.uint8(1), np.uint8(2)


def _exact_inside(lon0: float, lat0: float, r: float, x: FloatArray, y: FloatArray) -> BoolArray:
    if x.size == 0:
        return np.zeros(x.shape, dtype=bool)
    _, _, s = WGS84.inv(np.full(x.size, lon0), np.full(x.size, lat0), x, y)
    return np.asarray(s <= r)


class _CircleIndex:
    """Grid of exact node distances for exact, fast containment in one circle."""

    def __init__(self, lon0: float, lat0: float, r: float) -> None:
        self.lon0, self.lat0, self.r = lon0, lat0, r
        vx, vy = circle_vertices(lon0, lat0, r, default_n_vertices(r))
        # cells roughly square in metres, sized for the node budget
        lat_span_m = (vy.max() - vy.min()) * math.pi / 180.0 * _M_MAX
        cos0 = math.cos(math.radians(lat0))
        h = max(lat_span_m / math.sqrt(_GRID_TARGET_NODES * max(cos0, 0.2)), 1.0)
        self.dy = math.degrees(h / _M_MAX)
        self.dx = self.dy / max(cos0, 0.05)
        # grid covering the circle's bounding box with two cells of margin
        x_lo, x_hi = vx.min() - 2 * self.dx, vx.max() + 2 * self.dx
        y_lo, y_hi = vy.min() - 2 * self.dy, vy.max() + 2 * self.dy
        nnx = math.ceil((x_hi - x_lo) / self.dx) + 1
        nny = math.ceil((y_hi - y_lo) / self.dy) + 1
        gx = x_lo + self.dx * np.arange(nnx)
        gy = y_lo + self.dy * np.arange(nny)
        mx, my = np.meshgrid(gx, gy)
        _, _, s = WGS84.inv(np.full(mx.size, lon0), np.full(mx.size, lat0), mx.ravel(), my.ravel())
        nodes = np.asarray(s, dtype=np.float64).reshape(nny, nnx)
        edge_nodes = np.concatenate([nodes[0], nodes[-1], nodes[:, 0], nodes[:, -1]])
        self.ok = bool(edge_nodes.min() > r)  # the grid really covers the circle
        self.nodes = nodes.ravel()
        self.nnx = nnx
        # per-cell bounds
        s00, s10 = nodes[:-1, :-1], nodes[:-1, 1:]
        s01, s11 = nodes[1:, :-1], nodes[1:, 1:]
        smin = np.minimum(np.minimum(s00, s10), np.minimum(s01, s11))
        smax = np.maximum(np.maximum(s00, s10), np.maximum(s01, s11))
        lat_lo, lat_hi = gy[:-1], gy[1:]
        near_eq = np.where(lat_lo * lat_hi <= 0, 0.0, np.minimum(np.abs(lat_lo), np.abs(lat_hi)))
        far_eq = np.maximum(np.abs(lat_lo), np.abs(lat_hi))
        hx = (np.radians(self.dx) * _M_MAX * np.cos(np.radians(near_eq)))[:, None]  # metres
        hy = math.radians(self.dy) * _M_MAX
        diag = np.sqrt(hx**2 + hy**2) * 1.001
        # curvature of a parallel (tan(lat)/N) adds to the second derivative along x
        kappa = (np.tan(np.radians(np.minimum(far_eq, 89.0))) / _A)[:, None]
        s_low = smin - diag  # lower bound on the distance anywhere in the cell
        # Bilinear interpolation errs by at most (hx² max f_xx + hy² max f_yy) / 8.  The
        # distance's Hessian is 0 radially and at most 1/s across (positive curvature),
        # so with θ the angle between the x axis and the radial direction
        # f_xx <= sin²θ / s + κ and f_yy <= cos²θ / s: the sum is at most
        # max(hx², hy²) / s (θ varies by < 1 % of a radian over a cell: the safety factor)
        with np.errstate(divide="ignore", invalid="ignore"):
            hess = (np.maximum(hx**2, hy**2) / s_low + hx**2 * kappa) / 8.0 * _SAFETY
        eps = np.where(s_low > 0, np.minimum(hess, 2 * diag), 2 * diag) + 1e-6
        state = np.full(smin.shape, _EDGE, dtype=np.uint8)
        state[smax + eps <= r] = _IN
        state[smin - eps > r] = _OUT
        # pad with a ring of "outside" cells so clipped indices land outside
        ncy, ncx = smin.shape[0], smin.shape[1]
        self.row = ncx + 2
        padded = np.zeros((ncy + 2, ncx + 2), dtype=np.uint8)
        padded[1:-1, 1:-1] = state
        self.state = padded.ravel()
        eps_pad = np.zeros((ncy + 2, ncx + 2))
        eps_pad[1:-1, 1:-1] = eps
        self.eps = eps_pad.ravel()
        self.eps_edge_max = float(eps[state == _EDGE].max()) if (state == _EDGE).any() else 0.0
        self.x_origin = x_lo - self.dx  # padded cell 0 starts one cell west
        self.y_origin = y_lo - self.dy
        self.ix_max = np.uint32(ncx + 1)
        self.iy_max = np.uint32(ncy + 1)

    def contains(self, x: FloatArray, y: FloatArray) -> BoolArray:
        """Exact ``distance <= r`` for 1-D float64 arrays."""
        if x.size <= _CHUNK:
            return self._contains(x, y)
        # chunks small enough for the temporaries to stay in the CPU cache (2-3x faster)
        out = np.empty(x.size, dtype=bool)
        for start in range(0, x.size, _CHUNK):
            stop = start + _CHUNK
            out[start:stop] = self._contains(x[start:stop], y[start:stop])
        return out

    def _contains(self, x: FloatArray, y: FloatArray) -> BoolArray:
        # cell indices; west/south of the grid the index is negative, which as uint32
        # is huge, so one minimum() sends every point off the grid to the padding ring
        fx = np.subtract(x, self.x_origin)
        fx *= 1.0 / self.dx
        ix = fx.astype(np.int32).view(np.uint32)
        np.minimum(ix, self.ix_max, out=ix)
        fy = np.subtract(y, self.y_origin)
        fy *= 1.0 / self.dy
        flat = fy.astype(np.int32).view(np.uint32)
        np.minimum(flat, self.iy_max, out=flat)
        flat *= self.row
        flat += ix
        state = self.state[flat]
        inside = state == _IN
        edge = np.flatnonzero(state > _IN)
        if edge.size:
            inside[edge] = self._decide(x, y, fx, fy, flat, edge)
        return inside

    def _decide(
        self,
        x: FloatArray,
        y: FloatArray,
        fx: FloatArray,
        fy: FloatArray,
        flat: npt.NDArray[np.uint32],
        idx: npt.NDArray[np.intp],
    ) -> BoolArray:
        cell = flat[idx]
        u = fx[idx]
        v = fy[idx]
        cx = u.astype(np.intp)
        cy = v.astype(np.intp)
        u -= cx
        v -= cy
        node = (cy - 1) * self.nnx + (cx - 1)  # node at the cell's south-west corner
        s00 = self.nodes[node]
        s10 = self.nodes[node + 1]
        s01 = self.nodes[node + self.nnx]
        s11 = self.nodes[node + self.nnx + 1]
        s = s00 + u * (s10 - s00) + v * (s01 - s00) + u * v * (s00 - s10 - s01 + s11)
        eps = self.eps[cell]
        inside = s + eps <= self.r
        unsure = np.flatnonzero(~inside & (s - eps <= self.r))
        if unsure.size:
            pick = idx[unsure]
            inside[unsure] = _exact_inside(self.lon0, self.lat0, self.r, x[pick], y[pick])
        return inside


@dataclass(frozen=True, slots=True)
class _Circle:
    lon: float
    lat: float
    radius_m: float


@dataclass(frozen=True)
class ZoneRelation:
    """Where points stand relative to a zone, given their location uncertainty.

    Attributes
    ----------
    relation : numpy.ndarray of str
        ``"inside"`` when the whole uncertainty disc is inside the zone,
        ``"outside"`` when it is wholly outside, ``"indeterminate"`` when it
        straddles the edge or the uncertainty is unknown (NaN).
    margin_m : numpy.ndarray of float
        Distance in metres from the uncertainty disc to the edge: ≥ 0 for
        ``inside`` / ``outside`` (how much room there is), < 0 when
        ``indeterminate`` (how far the disc reaches across), NaN when the
        uncertainty is unknown.
    distance_to_edge_m : numpy.ndarray of float
        Signed distance of the point itself to the edge (negative inside).
    uncertainty_m : numpy.ndarray of float
        The uncertainty radii used (metres).

    See Also
    --------
    Zone.relation : computes it.
    """

    relation: npt.NDArray[np.str_]
    margin_m: FloatArray
    distance_to_edge_m: FloatArray
    uncertainty_m: FloatArray

    def __len__(self) -> int:
        return int(self.relation.size)

    def to_frame(self) -> Any:
        """Return the relation as a pandas DataFrame (one row per point)."""
        import pandas as pd

        return pd.DataFrame(
            {
                "relation": np.atleast_1d(self.relation),
                "margin_m": np.atleast_1d(self.margin_m),
                "distance_to_edge_m": np.atleast_1d(self.distance_to_edge_m),
                "uncertainty_m": np.atleast_1d(self.uncertainty_m),
            }
        )


@dataclass(frozen=True, eq=False)
class Zone:
    """A named area: a geodesic circle around a place, a polygon, or a union.

    Build zones with :meth:`Zone.around` or :meth:`Zone.from_geometry` and
    combine them with ``|``.

    Attributes
    ----------
    name : str
        Human-readable name, shown on maps.
    source : str or None
        Provenance of the zone's definition (a URL or a citation).
    center : tuple of float or None
        ``(lon, lat)`` of a circle zone; ``None`` for polygons and unions.
    radius_m : float or None
        Radius of a circle zone in metres; ``None`` for polygons and unions.
    center_precision_m : float or None
        Precision of the centre's location (from the gazetteer), for the record;
        it is not added to the radius.

    See Also
    --------
    syriamap.geodesy.geodesic_circle : the polygon of a circle zone.

    Examples
    --------
    >>> tanf = Zone.around((38.61778, 33.50583), radius_km=55, name="al-Tanf 55 km zone")
    >>> tanf.contains([38.62, 39.5], [33.1, 33.5])
    array([ True, False])
    >>> tanf.radius_m, tanf.center
    (55000.0, LonLat(lon=38.61778, lat=33.50583))
    """

    name: str
    source: str | None = None
    _circles: tuple[_Circle, ...] = field(default=(), repr=False)
    _polygons: tuple[shapely.Geometry, ...] = field(default=(), repr=False)
    center_precision_m: float | None = None
    _cache: dict[str, Any] = field(default_factory=dict, repr=False, compare=False)

    # --- construction -------------------------------------------------------------

    @classmethod
    def around(
        cls,
        place_or_lonlat: object,
        *,
        radius_km: float = 55.0,
        name: str | None = None,
        source: str | None = None,
        gazetteer: Gazetteer | None = None,
    ) -> Zone:
        """Return the zone within ``radius_km`` (geodesic) of a place or point.

        Parameters
        ----------
        place_or_lonlat : str, Place or tuple of float
            A place name (resolved with the gazetteer), a located Place, or a
            ``(lon, lat)`` pair in degrees.
        radius_km : float, default 55
            Radius in kilometres (> 0, at most 20,003.9 km).
        name : str, optional
            Default ``"55 km zone around <place name>"``.
        source : str, optional
            Where the zone's definition comes from.
        gazetteer : Gazetteer, optional
            Used to resolve a name; default ``Gazetteer.default()``.

        Returns
        -------
        Zone

        Raises
        ------
        InvalidDistanceError
            For a radius that is not a positive number within range.
        PlaceNotFoundError, AmbiguousPlaceError, PlaceNotLocatedError
            When a name does not resolve to one located place.

        See Also
        --------
        Zone.from_geometry : zones of any shape.

        Examples
        --------
        >>> Zone.around((38.61778, 33.50583), radius_km=55).name
        '55 km zone around (38.617780, 33.505830)'
        """
        end = resolve_point(place_or_lonlat, gazetteer=gazetteer, role="place_or_lonlat")
        km = float(check_distance_m(radius_km, "radius_km", max_m=20_003.9314586, unit="km"))
        if name is None:
            name = f"{km:g} km zone around {end.name}"
        return cls(
            name=str(name),
            source=source,
            _circles=(_Circle(end.lon, end.lat, km * 1000.0),),
            center_precision_m=end.precision_m,
        )

    @classmethod
    def from_geometry(cls, geom: object, *, name: str, source: str | None = None) -> Zone:
        """Return a zone from a polygon (a governorate, an area drawn on a map).

        Parameters
        ----------
        geom : shapely geometry, GeoJSON-like dict, GeoSeries or GeoDataFrame
            Polygon(s) in lon/lat degrees (EPSG:4326).  GeoSeries and
            GeoDataFrames in another CRS are reprojected; without a CRS they are
            refused.  Several geometries are merged.
        name : str
            The zone's name.
        source : str, optional
            Provenance.

        Returns
        -------
        Zone

        Raises
        ------
        CRSError
            A GeoSeries / GeoDataFrame without a CRS.
        InvalidCoordinateError
            Coordinates outside lon [-180, 180] / lat [-90, 90], or no area.
        TypeError
            Something that is not a geometry.

        See Also
        --------
        Zone.around : circles around places.

        Examples
        --------
        >>> box = shapely.box(38.0, 33.0, 39.0, 34.0)
        >>> Zone.from_geometry(box, name="box").contains(38.5, 33.5)
        np.True_
        """
        poly = _as_polygonal(geom)
        return cls(name=str(name), source=source, _polygons=(poly,))

    def __or__(self, other: object) -> Zone:
        """Return the union of two zones (a point is inside if inside either)."""
        if not isinstance(other, Zone):
            return NotImplemented
        sources = [s for s in (self.source, other.source) if s]
        return Zone(
            name=f"{self.name} ∪ {other.name}",
            source="; ".join(dict.fromkeys(sources)) or None,
            _circles=self._circles + other._circles,
            _polygons=self._polygons + other._polygons,
        )

    # --- attributes ---------------------------------------------------------------

    @property
    def is_circle(self) -> bool:
        """Whether the zone is a single geodesic circle."""
        return len(self._circles) == 1 and not self._polygons

    @property
    def center(self) -> LonLat | None:
        """``(lon, lat)`` of a circle zone in degrees, else ``None``."""
        if not self.is_circle:
            return None
        c = self._circles[0]
        return LonLat(c.lon, c.lat)

    @property
    def radius_m(self) -> float | None:
        """Radius of a circle zone in metres, else ``None``."""
        return self._circles[0].radius_m if self.is_circle else None

    @property
    def polygon(self) -> shapely.Polygon | shapely.MultiPolygon:
        """The zone as a lon/lat polygon: what maps draw.

        Circles are geodesic polygons whose vertices lie exactly on the circle
        (chords within 0.5 m of it); see :func:`~syriamap.geodesy.geodesic_circle`.
        """
        poly = self._cache.get("polygon")
        if poly is None:
            from syriamap.geodesy import geodesic_circle

            parts = [geodesic_circle(c.lon, c.lat, c.radius_m) for c in self._circles]
            parts += list(self._polygons)
            poly = parts[0] if len(parts) == 1 else shapely.union_all(parts)
            self._cache["polygon"] = poly
        return poly

    @property
    def bounds(self) -> tuple[float, float, float, float]:
        """``(west, south, east, north)`` of :attr:`polygon`, degrees."""
        return tuple(float(v) for v in self.polygon.bounds)  # type: ignore[return-value]

    @property
    def __geo_interface__(self) -> dict[str, Any]:
        """GeoJSON Feature: the polygon with name, source, centre and radius."""
        return {
            "type": "Feature",
            "geometry": shapely.geometry.mapping(self.polygon),
            "properties": {
                "name": self.name,
                "source": self.source,
                "center_lon": self.center[0] if self.center else None,
                "center_lat": self.center[1] if self.center else None,
                "radius_m": self.radius_m,
            },
        }

    def to_geojson(self, *, indent: int | None = None) -> str:
        """Return the zone as a GeoJSON Feature string (RFC 7946, lon/lat).

        Parameters
        ----------
        indent : int, optional
            Passed to :func:`json.dumps`.

        Returns
        -------
        str

        See Also
        --------
        Zone.__geo_interface__ : the same as a dict.

        Examples
        --------
        >>> z = Zone.around((38.61778, 33.50583), radius_km=55, name="zone")
        >>> json.loads(z.to_geojson())["properties"]["radius_m"]
        55000.0
        """
        return json.dumps(self.__geo_interface__, indent=indent, ensure_ascii=False)

    def to_gdf(self) -> Any:
        """Return the zone as a one-row GeoDataFrame in EPSG:4326."""
        import geopandas as gpd

        props = self.__geo_interface__["properties"]
        return gpd.GeoDataFrame([props], geometry=[self.polygon], crs="EPSG:4326")

    def __repr__(self) -> str:
        if self.is_circle:
            c = self._circles[0]
            what = f"circle r={c.radius_m:,.0f} m around ({c.lon:.6f}, {c.lat:.6f})"
        else:
            what = f"{len(self._circles)} circle(s) + {len(self._polygons)} polygon(s)"
        return f"Zone({self.name!r}, {what})"

    # --- queries ------------------------------------------------------------------

    def _circle_index(self, c: _Circle) -> _CircleIndex | None:
        key = f"index:{c.lon}:{c.lat}:{c.radius_m}"
        if key not in self._cache:
            index = None
            deg = math.degrees(c.radius_m / 6_356_752.0)
            eligible = _GRID_MIN_RADIUS_M <= c.radius_m <= _GRID_MAX_RADIUS_M
            if eligible and abs(c.lat) + deg < _GRID_MAX_ABS_LAT:
                vx, _ = circle_vertices(c.lon, c.lat, c.radius_m, default_n_vertices(c.radius_m))
                if np.abs(np.diff(vx)).max() < 180.0:  # does not cross the antimeridian
                    index = _CircleIndex(c.lon, c.lat, c.radius_m)
                    if not index.ok:
                        index = None
            self._cache[key] = index
        return self._cache[key]

    def _prepared(self, i: int) -> shapely.Geometry:
        key = f"prepared:{i}"
        if key not in self._cache:
            geom = self._polygons[i]
            shapely.prepare(geom)
            self._cache[key] = geom
        return self._cache[key]

    def contains(self, lon: object, lat: object) -> BoolArray:
        """Return whether each point is inside the zone (edge included).

        Exact for circles: the same answer as ``pyproj.Geod.inv`` distance ≤
        radius, for every point (see the module documentation for how this
        stays fast).  Polygons: shapely's ``contains_xy`` on the lon/lat polygon.

        Parameters
        ----------
        lon, lat : float or array_like of float
            WGS84 degrees (lists, arrays, pandas Series).

        Returns
        -------
        numpy.ndarray of bool
            Same shape as the inputs (a numpy bool for scalars).

        Raises
        ------
        CoordinateTypeError, InvalidCoordinateError
            For non-numeric, NaN or out-of-range coordinates.

        See Also
        --------
        Zone.relation : with location uncertainty.
        Zone.distance_to_edge_m : how far inside or outside.

        Examples
        --------
        >>> from syriamap.geodesy import destination
        >>> z = Zone.around((38.61778, 33.50583), radius_km=55)
        >>> lon, lat = destination(38.61778, 33.50583, [45.0, 45.0], [54_999.0, 55_001.0])
        >>> z.contains(lon, lat)
        array([ True, False])
        """
        x, y = as_lonlat_arrays(lon, lat)
        shape = x.shape
        x = np.ascontiguousarray(x).reshape(-1)
        y = np.ascontiguousarray(y).reshape(-1)
        result = np.zeros(x.size, dtype=bool)
        if x.size and self.is_circle:  # the common case, without a copy
            c = self._circles[0]
            built = self._cache.get(f"index:{c.lon}:{c.lat}:{c.radius_m}")
            index = None if x.size < _GRID_MIN_POINTS and built is None else self._circle_index(c)
            if index is not None:
                result = index.contains(x, y)
            else:
                result = _exact_inside(c.lon, c.lat, c.radius_m, x, y)
        elif x.size:
            for c in self._circles:
                # building the grid costs about as much as Geod.inv on 100,000 points:
                # small calls go straight to Geod.inv until a large one has built it
                built = self._cache.get(f"index:{c.lon}:{c.lat}:{c.radius_m}")
                small = x.size < _GRID_MIN_POINTS and built is None
                index = None if small else self._circle_index(c)
                if index is not None:
                    result |= index.contains(x, y)
                else:
                    result |= _exact_inside(c.lon, c.lat, c.radius_m, x, y)
            for i in range(len(self._polygons)):
                geom = self._prepared(i)
                result |= shapely.contains_xy(geom, x, y) | shapely.intersects_xy(
                    geom.boundary, x, y
                )
        out = result.reshape(shape)
        return out[()] if out.ndim == 0 else out

    def distance_to_edge_m(self, lon: object, lat: object) -> FloatArray:
        """Return the signed geodesic distance from each point to the zone's edge.

        Negative inside, positive outside, 0 on the edge; metres.

        For a circle it is exact: geodesic distance to the centre minus the
        radius.  For polygons and unions it is the exact geodesic distance
        (``Geod.inv``) to the edge point found nearest in an
        azimuthal-equidistant projection centred on the zone, so it is never
        smaller than the true distance and exceeds it by at most a relative
        ``2ε``, where ``ε ≈ (D / 6371 km)² / 6`` is the projection's scale error
        at the distance ``D`` of the point or edge from the zone's centre
        (``2ε`` ≈ 0.002 % at 50 km, 0.07 % at 300 km).  For points outside a
        union of circles the distance is exact: the smallest distance to a
        centre minus its radius.  For points inside a union of circles it is
        exact too (the largest radius minus distance to its centre) unless the
        edge point this gives lies in another circle (the point is where
        circles overlap); there the edge is the drawn polygon (chords within
        0.5 m of the circles), so circles crossing the antimeridian or
        enclosing a pole, which cannot be drawn, raise
        :class:`~syriamap.errors.InvalidDistanceError` for such points only.

        Parameters
        ----------
        lon, lat : float or array_like of float
            WGS84 degrees.

        Returns
        -------
        numpy.ndarray of float
            Metres, same shape as the inputs (a float for scalars).

        Raises
        ------
        InvalidDistanceError
            A point where circles of a union overlap, when one of them crosses
            the antimeridian or encloses a pole (see above).

        See Also
        --------
        Zone.contains : the sign.
        Zone.relation : inside / outside / indeterminate with uncertainty.

        Examples
        --------
        >>> z = Zone.around((38.61778, 33.50583), radius_km=55)
        >>> z.distance_to_edge_m([38.61778, 38.61778], [33.50583, 34.5]).round(1)
        array([-55000. ,  55275.8])
        """
        x, y = as_lonlat_arrays(lon, lat)
        shape = x.shape
        x = np.ascontiguousarray(x).reshape(-1)
        y = np.ascontiguousarray(y).reshape(-1)
        if self.is_circle:
            c = self._circles[0]
            if x.size:
                _, _, s = WGS84.inv(np.full(x.size, c.lon), np.full(x.size, c.lat), x, y)
                out = np.asarray(s, dtype=np.float64) - c.radius_m
            else:
                out = np.empty(0)
        else:
            out = self._general_distance(x, y)
        out = out.reshape(shape)
        return out[()] if out.ndim == 0 else out

    def _general_distance(self, x: FloatArray, y: FloatArray) -> FloatArray:
        out = np.empty(x.size)
        if not x.size:
            return out
        inside = np.atleast_1d(self.contains(x, y))
        outside = ~inside
        if outside.any():
            xo, yo = x[outside], y[outside]
            best = np.full(xo.size, np.inf)
            for c in self._circles:
                _, _, s = WGS84.inv(np.full(xo.size, c.lon), np.full(xo.size, c.lat), xo, yo)
                best = np.minimum(best, np.asarray(s) - c.radius_m)
            for geom in self._polygons:
                best = np.minimum(best, _edge_distance(geom, xo, yo))
            out[outside] = best
        if inside.any():
            xi, yi = x[inside], y[inside]
            if self._polygons:
                out[inside] = -_edge_distance(self.polygon, xi, yi)
            else:
                depth, exact = self._depth_in_circles(xi, yi)
                if not exact.all():
                    depth[~exact] = _edge_distance(
                        self._drawn_for(xi[~exact], yi[~exact]), xi[~exact], yi[~exact]
                    )
                out[inside] = -depth
        return out

    def _depth_in_circles(self, x: FloatArray, y: FloatArray) -> tuple[FloatArray, BoolArray]:
        """Return the distance from points inside a union of circles to its edge.

        The deepest member ``i`` (largest ``radius - distance to centre``) gives
        a lower bound (its disc around the point lies in the union) and, if the
        edge point ``B`` of circle ``i`` on the geodesic from its centre through
        the point lies in no other circle, ``B`` is on the union's edge and the
        bound is reached.  Returns the depths and where they are exact.
        """
        n = x.size
        depth = np.full(n, -np.inf)
        best = np.zeros(n, dtype=np.intp)
        azimuth = np.zeros(n)
        for k, c in enumerate(self._circles):
            az, _, s = WGS84.inv(np.full(n, c.lon), np.full(n, c.lat), x, y)
            d = c.radius_m - np.asarray(s, dtype=np.float64)
            deeper = d > depth
            depth[deeper], best[deeper] = d[deeper], k
            azimuth[deeper] = np.asarray(az, dtype=np.float64)[deeper]
        lon0 = np.array([c.lon for c in self._circles])[best]
        lat0 = np.array([c.lat for c in self._circles])[best]
        radius = np.array([c.radius_m for c in self._circles])[best]
        bx, by, _ = WGS84.fwd(lon0, lat0, azimuth, radius)
        exact = np.ones(n, dtype=bool)
        for k, c in enumerate(self._circles):
            _, _, s = WGS84.inv(np.full(n, c.lon), np.full(n, c.lat), bx, by)
            s = np.asarray(s, dtype=np.float64)
            # B on its own circle (not past the geodesic's cut locus), outside the others
            exact &= np.where(best == k, s >= c.radius_m - _ON_EDGE_TOL_M, s >= c.radius_m)
        return depth, exact

    def _drawn_for(self, x: FloatArray, y: FloatArray) -> shapely.Geometry:
        """Return the drawn polygon, or raise a clear error for the points that need it."""
        try:
            return self.polygon
        except InvalidDistanceError as exc:
            raise InvalidDistanceError(
                f"the distance from ({float(x[0])}, {float(y[0])}) to the edge of the zone "
                f"{self.name!r} needs the zone's drawn polygon, because the point lies where "
                f"its circles overlap; but {exc}"
            ) from exc

    def relation(self, lon: object, lat: object, *, uncertainty_m: object = 0.0) -> ZoneRelation:
        """Classify points as inside, outside or indeterminate given their uncertainty.

        A point whose true location lies anywhere within ``uncertainty_m`` of
        ``(lon, lat)`` is ``"inside"`` if that whole disc is inside the zone,
        ``"outside"`` if it is wholly outside, and ``"indeterminate"`` if it
        straddles the edge.  With ``uncertainty_m=0`` the answer agrees with
        :meth:`contains` (a point on the edge is inside).

        Parameters
        ----------
        lon, lat : float or array_like of float
            WGS84 degrees.
        uncertainty_m : float or array_like of float, default 0
            Radius of each point's location uncertainty in metres (≥ 0), e.g.
            an incident's ``precision_m``.  NaN or ``None`` means unknown: the
            point is ``"indeterminate"`` with a NaN margin (never silently
            treated as exact).

        Returns
        -------
        ZoneRelation
            ``relation`` (array of str) and ``margin_m`` (metres from the disc
            to the edge; negative when the disc straddles it).

        Raises
        ------
        InvalidDistanceError
            A negative or infinite uncertainty, or a distance to the edge that
            cannot be computed (see :meth:`distance_to_edge_m`).

        See Also
        --------
        Zone.distance_to_edge_m : the signed distance used.

        Examples
        --------
        Hosh Matroud is reported "40 km from the al-Tanf base"; if that is all
        we know, a point 40 km away with a 10 km uncertainty is still inside:

        >>> from syriamap.geodesy import destination
        >>> z = Zone.around((38.61778, 33.50583), radius_km=55)
        >>> lon, lat = destination(38.61778, 33.50583, 0.0, 40_000)
        >>> r = z.relation(lon, lat, uncertainty_m=10_000)
        >>> str(r.relation), round(float(r.margin_m))
        ('inside', 5000)
        >>> str(z.relation(lon, lat, uncertainty_m=20_000).relation)
        'indeterminate'
        """
        d = np.asarray(self.distance_to_edge_m(lon, lat), dtype=np.float64)
        u = as_float_array(uncertainty_m, "uncertainty_m", allow_nan=True)
        known = ~np.isnan(u)
        if (known & ~((u >= 0) & np.isfinite(u))).any():
            bad = u[known & ~((u >= 0) & np.isfinite(u))].reshape(-1)[0]
            raise InvalidDistanceError(
                f"uncertainty_m must be a non-negative finite number of metres, got "
                f"{float(bad)!r}; use NaN (or None) for an unknown uncertainty"
            )
        if d.ndim and u.ndim and d.shape != u.shape:
            raise InvalidCoordinateError(
                f"uncertainty_m has shape {u.shape} but the points have shape {d.shape}; "
                "give one uncertainty per point or a single number"
            )
        d, u = np.broadcast_arrays(d, u)
        margin = np.abs(d) - u
        relation = np.where(d <= 0, "inside", "outside").astype("<U13")
        straddles = ~(margin >= 0)  # NaN (unknown) straddles too
        # with u == 0 a point on the edge (d == 0) is inside, as in contains()
        straddles &= ~((u == 0) & (d == 0))
        relation[straddles] = "indeterminate"
        margin = np.where(np.isnan(u), np.nan, margin)
        if d.ndim == 0:
            return ZoneRelation(relation[()], margin[()], d[()], u[()])
        return ZoneRelation(relation, margin, d.copy(), u.copy())


# --- polygon helpers ------------------------------------------------------------------


def _as_polygonal(geom: Any) -> shapely.Polygon | shapely.MultiPolygon:
    """Coerce geometry-like input to one valid lon/lat (Multi)Polygon."""
    crs_holder = geom if hasattr(geom, "crs") and hasattr(geom, "geometry") else None
    if crs_holder is None and hasattr(geom, "crs") and hasattr(geom, "to_crs"):
        crs_holder = geom  # GeoSeries
    if crs_holder is not None:
        crs = crs_holder.crs
        if crs is None:
            raise CRSError(
                "the geometries have no CRS; if they are lon/lat degrees call "
                ".set_crs('EPSG:4326') first, else set their real CRS"
            )
        if not crs.equals("EPSG:4326"):
            crs_holder = crs_holder.to_crs("EPSG:4326")
        series = getattr(crs_holder, "geometry", crs_holder)
        geom = shapely.union_all(np.asarray(series.values))
    elif isinstance(geom, dict):
        if geom.get("type") == "FeatureCollection":
            geom = shapely.union_all(
                [shapely.geometry.shape(f["geometry"]) for f in geom.get("features", [])]
            )
        else:
            geom = shapely.geometry.shape(geom.get("geometry", geom))
    elif hasattr(geom, "__geo_interface__") and not isinstance(geom, shapely.Geometry):
        geom = shapely.geometry.shape(geom.__geo_interface__)
    if isinstance(geom, Iterable) and not isinstance(geom, (shapely.Geometry, str, bytes)):
        items = list(geom)
        if items and all(isinstance(g, shapely.Geometry) for g in items):
            geom = shapely.union_all(items)
    if not isinstance(geom, shapely.Geometry):
        raise TypeError(
            f"expected a polygon (shapely geometry, GeoJSON dict, GeoSeries or "
            f"GeoDataFrame), got {type(geom).__name__} {_short_repr(geom)}"
        )
    if isinstance(geom, shapely.GeometryCollection) and not isinstance(
        geom, (shapely.MultiPolygon,)
    ):
        geom = shapely.union_all([g for g in geom.geoms if g.area > 0])
    if not isinstance(geom, (shapely.Polygon, shapely.MultiPolygon)) or geom.is_empty:
        raise InvalidCoordinateError(
            f"a zone needs a polygon with an area, got {geom.geom_type} "
            f"{_short_repr(geom.wkt)}; buffer points or lines geodesically with "
            "Zone.around instead"
        )
    west, south, east, north = geom.bounds
    if not (west >= -180 and east <= 180 and south >= -90 and north <= 90):
        raise InvalidCoordinateError(
            f"the polygon's bounds {geom.bounds} are not lon/lat degrees; reproject it "
            "to EPSG:4326 (lon, lat order) first"
        )
    if not geom.is_valid:
        geom = shapely.make_valid(geom)
    return geom


def _edge_distance(geom: shapely.Geometry, x: FloatArray, y: FloatArray) -> FloatArray:
    """Unsigned geodesic distance (m) from points to the polygon's boundary."""
    if x.size == 0:
        return np.empty(0)
    c = geom.centroid
    aeqd = Transformer.from_crs(
        "EPSG:4326",
        f"+proj=aeqd +lat_0={c.y} +lon_0={c.x} +datum=WGS84 +units=m",
        always_xy=True,
    )
    boundary = shapely.segmentize(geom.boundary, _SEGMENT_DEG)
    starts, ends = [], []
    for line in getattr(boundary, "geoms", [boundary]):
        xy = np.asarray(line.coords)[:, :2]
        starts.append(xy[:-1])
        ends.append(xy[1:])
    a_lon, b_lon = np.concatenate(starts), np.concatenate(ends)
    ax, ay = aeqd.transform(a_lon[:, 0], a_lon[:, 1])
    bx, by = aeqd.transform(b_lon[:, 0], b_lon[:, 1])
    ax, ay, bx, by = (np.asarray(v, dtype=np.float64) for v in (ax, ay, bx, by))
    segments = shapely.linestrings(
        np.stack([np.column_stack([ax, ay]), np.column_stack([bx, by])], 1)
    )
    px, py = (np.asarray(v, dtype=np.float64) for v in aeqd.transform(x, y))
    # nearest projected edge segment (STRtree), the foot of the perpendicular on it,
    # back to lon/lat, then an exact geodesic distance to that edge point
    tree = shapely.STRtree(segments)
    pairs = tree.query_nearest(shapely.points(px, py), all_matches=False)
    seg = np.empty(x.size, dtype=np.intp)
    seg[pairs[0]] = pairs[1]
    ux, uy = bx[seg] - ax[seg], by[seg] - ay[seg]
    length2 = ux * ux + uy * uy
    with np.errstate(divide="ignore", invalid="ignore"):
        t = np.where(length2 > 0, ((px - ax[seg]) * ux + (py - ay[seg]) * uy) / length2, 0.0)
    t = np.clip(t, 0.0, 1.0)
    foot_x, foot_y = ax[seg] + t * ux, ay[seg] + t * uy
    fx, fy = aeqd.transform(foot_x, foot_y, direction="INVERSE")
    _, _, s = WGS84.inv(x, y, np.asarray(fx), np.asarray(fy))
    return np.asarray(s, dtype=np.float64)
