"""Administrative area of points: governorate by polygon, nearest district/subdistrict.

Uses only the shipped data (``governorates.geojson``, ``provinces.geojson``,
``countries.geojson`` and the OpenSyria subdistrict centroids in ``places.tsv.gz``), read
once and cached.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from functools import cache
from typing import TYPE_CHECKING, Any

import numpy as np
import shapely

from syriamap import _data

if TYPE_CHECKING:
    from syriamap.gazetteer import AdminArea

__all__ = ["admin_areas", "country_of"]


@cache
def _polygons(filename: str) -> tuple[tuple[dict[str, Any], Any], ...]:
    """(properties, prepared shapely geometry) of each feature of a shipped GeoJSON file."""
    out = []
    for f in _data.geojson(filename)["features"]:
        geom = shapely.from_geojson(json.dumps(f["geometry"]))
        shapely.prepare(geom)
        out.append((f["properties"], geom))
    return tuple(out)


@cache
def _subdistricts() -> dict[str, np.ndarray]:
    """OpenSyria subdistrict centroids and names as arrays."""
    rows = [
        r for r in _data.place_rows() if r["kind"] == "subdistrict" and r["source"] == "opensyria"
    ]
    return {
        "lon": np.array([float(r["lon"]) for r in rows]),
        "lat": np.array([float(r["lat"]) for r in rows]),
        "gov": np.array([r["admin1_pcode"] for r in rows], dtype=object),
        "name": np.array([r["name"] for r in rows], dtype=object),
        "pcode": np.array([r["id"] for r in rows], dtype=object),
        "district": np.array([r["admin2"] for r in rows], dtype=object),
        "district_pcode": np.array([r["admin2_pcode"] for r in rows], dtype=object),
    }


def country_of(lon: float, lat: float) -> str | None:
    """ISO alpha-2 code of the shipped country polygon holding the point, or ``None``."""
    for props, geom in _polygons("countries.geojson"):
        if shapely.contains_xy(geom, lon, lat):
            return str(props["iso_a2"])
    return None


def admin_areas(
    lons: Sequence[float] | np.ndarray, lats: Sequence[float] | np.ndarray
) -> list[AdminArea]:
    """Administrative areas of many points (validated WGS84 degrees, same length)."""
    from syriamap.gazetteer import AdminArea

    x = np.asarray(lons, dtype=float)
    y = np.asarray(lats, dtype=float)
    n = len(x)
    result: list[AdminArea | None] = [None] * n
    todo = np.ones(n, dtype=bool)
    subs = _subdistricts()
    for props, geom in _polygons("governorates.geojson"):
        inside = todo & shapely.contains_xy(geom, x, y)
        if not inside.any():
            continue
        todo &= ~inside
        pcode = props["pcode"]
        mine = np.flatnonzero(subs["gov"] == pcode)
        for i in np.flatnonzero(inside):
            if len(mine) == 0:
                result[i] = AdminArea("SY", props["name"], pcode)
                continue
            coslat = np.cos(np.radians(y[i]))
            d2 = ((subs["lon"][mine] - x[i]) * coslat) ** 2 + (subs["lat"][mine] - y[i]) ** 2
            j = mine[int(np.argmin(d2))]
            result[i] = AdminArea(
                "SY",
                props["name"],
                pcode,
                subs["district"][j],
                subs["district_pcode"][j],
                subs["name"][j],
                subs["pcode"][j],
            )
    for props, geom in _polygons("provinces.geojson"):
        if not todo.any():
            break
        inside = todo & shapely.contains_xy(geom, x, y)
        for i in np.flatnonzero(inside):
            result[i] = AdminArea(props["country"], props["name"], props["iso_3166_2"])
        todo &= ~inside
    for props, geom in _polygons("countries.geojson"):
        if not todo.any():
            break
        inside = todo & shapely.contains_xy(geom, x, y)
        for i in np.flatnonzero(inside):
            result[i] = AdminArea(props["iso_a2"])
        todo &= ~inside
    return [r if r is not None else AdminArea(None) for r in result]
