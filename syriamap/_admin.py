"""Administrative area of a point (governorate polygon, nearest district/subdistrict)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import numpy as np
import shapely

from syriamap import _data

if TYPE_CHECKING:
    from syriamap.gazetteer import AdminArea, Gazetteer

__all__ = ["admin_area"]


def _polygons(filename: str, code_field: str) -> list[tuple[dict[str, Any], Any]]:
    """(properties, prepared shapely geometry) of a shipped GeoJSON file."""
    out = []
    for f in _data.geojson(filename)["features"]:
        geom = shapely.from_geojson(_json(f["geometry"]))
        shapely.prepare(geom)
        out.append((f["properties"], geom))
    return out


def _json(obj: Any) -> str:
    import json

    return json.dumps(obj)


def _tables(gz: Gazetteer) -> dict[str, Any]:
    """Polygons and subdistrict centroids, built once per gazetteer."""
    if gz._admin_cache is None:
        subs = gz._admin_units("subdistrict")
        gz._admin_cache = {
            "governorates": _polygons("governorates.geojson", "pcode"),
            "provinces": _polygons("provinces.geojson", "iso_3166_2"),
            "countries": _polygons("countries.geojson", "iso_a2"),
            "subs": subs,
            "sub_lon": np.array([p.lon for p in subs], dtype=float),
            "sub_lat": np.array([p.lat for p in subs], dtype=float),
            "sub_gov": np.array([p.admin1_pcode for p in subs], dtype=object),
        }
    return gz._admin_cache


def admin_area(gz: Gazetteer, lon: float, lat: float) -> AdminArea:
    """See :meth:`syriamap.gazetteer.Gazetteer.admin_area` (``lon``/``lat`` validated)."""
    from syriamap.gazetteer import AdminArea

    t = _tables(gz)
    for props, geom in t["governorates"]:
        if shapely.contains_xy(geom, lon, lat):
            gov_pcode = props["pcode"]
            mask = t["sub_gov"] == gov_pcode
            if not mask.any():
                return AdminArea("SY", props["name"], gov_pcode)
            coslat = np.cos(np.radians(lat))
            d2 = ((t["sub_lon"] - lon) * coslat) ** 2 + (t["sub_lat"] - lat) ** 2
            d2[~mask] = np.inf
            sub = t["subs"][int(np.argmin(d2))]
            return AdminArea(
                "SY",
                props["name"],
                gov_pcode,
                sub.admin2,
                sub.admin2_pcode,
                sub.name,
                sub.id,
            )
    for props, geom in t["provinces"]:
        if shapely.contains_xy(geom, lon, lat):
            return AdminArea(props["country"], props["name"], props["iso_3166_2"])
    for props, geom in t["countries"]:
        if shapely.contains_xy(geom, lon, lat):
            return AdminArea(props["iso_a2"])
    return AdminArea(None)
