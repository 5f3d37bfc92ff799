"""Build ``syriamap/data/basemap.json``: the vector basemap embedded in every map.

Reads the Natural Earth extracts in ``gazetteer/sources/naturalearth/`` (public
domain) and writes a small, simplified GeoJSON bundle:

- ``countries``: Syria and its neighbours, dissolved from the 1:10m admin-1
  polygons (so borders line up with the governorates), plus the other
  countries of the region from the 1:50m admin-0 layer;
- ``governorates``: the 14 Syrian governorates (plus the UNDOF strip);
- ``towns``: main towns with a display name (and Arabic for Syrian towns) and
  a rank used to thin labels at low zoom (1 largest Syrian cities, 2 Syrian
  governorate seats and neighbouring capitals, 3 other Syrian towns, 4 other
  towns of neighbouring countries).

Run from the repository root: ``python tools/build_basemap.py``.  The output
is deterministic (sorted, rounded to 4 decimals, about 11 m).
"""

from __future__ import annotations

import json
from pathlib import Path

import geopandas as gpd
import shapely
from shapely.geometry import box, mapping

ROOT = Path(__file__).resolve().parents[1]
SRC = ROOT / "gazetteer" / "sources" / "naturalearth"
OUT = ROOT / "syriamap" / "data" / "basemap.json"

REGION = box(33.0, 28.5, 50.0, 43.0)  # lon/lat window kept around Syria
TOLERANCE_DEG = 0.006  # about 600 m: invisible below zoom 10
NEIGHBOURS = {"Syria", "Turkey", "Iraq", "Jordan", "Lebanon", "Israel", "Gaza Strip", "West Bank"}
PALESTINE = {"Gaza Strip", "West Bank"}

# display names for Syrian towns as English-language news writes them
SYRIAN_TOWNS = {
    "Damascus": ("Damascus", "دمشق"),
    "Aleppo": ("Aleppo", "حلب"),
    "Hims": ("Homs", "حمص"),
    "Hamah": ("Hama", "حماة"),
    "Al Ladhiqiyah": ("Latakia", "اللاذقية"),
    "Tartus": ("Tartus", "طرطوس"),
    "Idlib": ("Idlib", "إدلب"),
    "Ar Raqqah": ("Raqqa", "الرقة"),
    "Dayr az Zawr": ("Deir ez-Zor", "دير الزور"),
    "Al Hasakah": ("Hasakah", "الحسكة"),
    "Al Qamishli": ("Qamishli", "القامشلي"),
    "Dar'a": ("Daraa", "درعا"),
    "As Suwayda": ("Suwayda", "السويداء"),
    "Al Qunaytirah": ("Quneitra", "القنيطرة"),
    "Tadmur": ("Palmyra", "تدمر"),
    "Abu Kamal": ("Abu Kamal", "البوكمال"),
    "Manbij": ("Manbij", "منبج"),
    "Izaz": ("Azaz", "أعزاز"),
    "Madinat ath Thawrah": ("Tabqa", "الطبقة"),
    "Douma": ("Douma", "دوما"),
    "Ad Nabk": ("Nabk", "النبك"),
}
GOVERNORATE_SEATS = {
    "Hama",
    "Latakia",
    "Tartus",
    "Idlib",
    "Raqqa",
    "Deir ez-Zor",
    "Hasakah",
    "Daraa",
    "Suwayda",
    "Quneitra",
}
GOVERNORATE_NAMES = {"UNDOF": "UNDOF zone"}


def _round_geometry(geom: shapely.Geometry) -> dict:
    geom = shapely.set_precision(geom, 1e-4)
    return json.loads(json.dumps(mapping(geom)), parse_float=lambda s: round(float(s), 4))


def _countries() -> list[dict]:
    adm1 = gpd.read_file(SRC / "ne_10m_admin_1_states_provinces_SY_neighbours.geojson")
    adm1["country"] = adm1["admin"].where(~adm1["admin"].isin(PALESTINE), "Palestine")
    near = adm1.dissolve("country").reset_index()
    adm0 = gpd.read_file(SRC / "ne_50m_admin_0_countries_SY_region.geojson")
    far = adm0[~adm0["ADMIN"].isin(NEIGHBOURS | {"Palestine", "Israel"})]
    rows = [(r.country, r.geometry) for r in near.itertuples()]
    rows += [(r.NAME, r.geometry) for r in far.itertuples()]
    out = []
    for name, geom in sorted(rows, key=lambda row: row[0]):
        geom = shapely.intersection(geom.buffer(0), REGION)
        geom = geom.simplify(TOLERANCE_DEG, preserve_topology=True)
        if geom.is_empty:
            continue
        out.append(
            {
                "type": "Feature",
                "properties": {"name": name, "syria": name == "Syria"},
                "geometry": _round_geometry(geom),
            }
        )
    return out


def _governorates() -> list[dict]:
    adm1 = gpd.read_file(SRC / "ne_10m_admin_1_states_provinces_SY_neighbours.geojson")
    syria = adm1[adm1["admin"] == "Syria"].sort_values("iso_3166_2")
    out = []
    for r in syria.itertuples():
        name = GOVERNORATE_NAMES.get(r.name, r.name_en)
        geom = r.geometry.simplify(TOLERANCE_DEG / 2, preserve_topology=True)
        label = r.geometry.representative_point() if name == "UNDOF zone" else None
        lon, lat = (label.x, label.y) if label is not None else (r.longitude, r.latitude)
        out.append(
            {
                "type": "Feature",
                "properties": {
                    "name": name,
                    "name_ar": r.name_ar.removeprefix("محافظة ").strip(),
                    "pcode": r.iso_3166_2,
                    "label": [round(float(lon), 4), round(float(lat), 4)],
                },
                "geometry": _round_geometry(geom),
            }
        )
    return out


def _towns() -> list[dict]:
    pp = gpd.read_file(SRC / "ne_10m_populated_places_SY_neighbours.geojson")
    out = []
    for r in pp.itertuples():
        lon, lat = float(r.LONGITUDE), float(r.LATITUDE)
        if r.ADM0NAME == "Syria":
            name, name_ar = SYRIAN_TOWNS[r.NAME]
            rank = 1 if r.POP_MAX > 1_000_000 else 2 if name in GOVERNORATE_SEATS else 3
        elif 34.0 <= lon <= 44.5 and 30.5 <= lat <= 38.3 and r.SCALERANK <= 7:
            name, name_ar = r.NAME, ""
            rank = 2 if name in {"Amman", "Baghdad", "Beirut"} else 4
        else:
            continue
        out.append(
            {
                "name": name,
                "name_ar": name_ar,
                "country": r.ADM0NAME,
                "lon": round(lon, 4),
                "lat": round(lat, 4),
                "rank": rank,
            }
        )
    return sorted(out, key=lambda t: (t["rank"], t["name"]))


def main(out: Path = OUT) -> None:
    """Write the basemap bundle to ``out``."""
    data = {
        "attribution": "Basemap: Natural Earth (public domain)",
        "countries": {"type": "FeatureCollection", "features": _countries()},
        "governorates": {"type": "FeatureCollection", "features": _governorates()},
        "towns": _towns(),
    }
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"), sort_keys=True)
    out.write_text(text + "\n", encoding="utf-8")
    print(f"wrote {out} ({len(text) / 1024:.0f} KiB)")


if __name__ == "__main__":
    main()
