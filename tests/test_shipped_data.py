"""Checks over every row of the data that ships in ``syriamap/data/``."""

from __future__ import annotations

import json
import math
import re
from collections import Counter

import numpy as np
import pytest
import shapely

from syriamap import _data
from syriamap.errors import (
    AmbiguousPlaceError,
    GenericNameError,
    PlaceNotFoundError,
    PlaceNotLocatedError,
    SyriamapError,
)
from syriamap.gazetteer import Gazetteer
from syriamap.geodesy import WGS84
from syriamap.names import fold
from syriamap.place import KINDS, Place

SOURCES = {"curated", "opensyria", "naturalearth", "geonames"}
#: how far outside its country's 1:10m outline a flagged row may lie (build.py's tolerance)
BORDER_TOLERANCE_M = 10_000.0
#: candidates this close are one place under several records (the gazetteer's rule)
SAME_PLACE_KM = 10.0


@pytest.fixture(scope="module")
def rows() -> tuple[dict[str, str], ...]:
    return _data.place_rows()


@pytest.fixture(scope="module")
def countries() -> dict[str, object]:
    out = {}
    for f in _data.geojson("countries.geojson")["features"]:
        geom = shapely.from_geojson(json.dumps(f["geometry"]))
        shapely.prepare(geom)
        out[f["properties"]["iso_a2"]] = geom
    return out


@pytest.fixture(scope="module")
def governorates() -> dict[str, object]:
    out = {}
    for f in _data.geojson("governorates.geojson")["features"]:
        geom = shapely.from_geojson(json.dumps(f["geometry"]))
        shapely.prepare(geom)
        out[f["properties"]["pcode"]] = geom
    return out


def test_every_row_has_id_source_kind_and_country(rows: tuple[dict[str, str], ...]) -> None:
    ids = Counter(r["id"] for r in rows)
    assert not [i for i, n in ids.items() if n > 1]
    assert len(rows) > 6000
    for r in rows:
        assert r["name"].strip() == r["name"] and r["name"], r["id"]
        assert r["source"] in SOURCES, r["id"]
        assert r["kind"] in KINDS, r["id"]
        assert re.fullmatch(r"[A-Z]{2}", r["country"]), r["id"]
        assert re.fullmatch(
            r"(SY\d{2}(\d{2}(\d{2})?)?|geonames:\d+|curated:[a-z0-9-]+|ne:[A-Z]{2}-[A-Z0-9]+|country:[A-Z]{2})",
            r["id"],
        ), r["id"]
        assert all(a.strip() == a and a for a in r["aliases"].split("|") if r["aliases"]), r["id"]


def test_every_located_row_has_a_source_url_and_precision(rows: tuple[dict[str, str], ...]) -> None:
    located = [r for r in rows if r["lon"]]
    assert len(located) > 6000
    for r in located:
        assert r["source_url"].startswith("http"), r["id"]
        prec = float(r["precision_m"])
        # (a country's radius reaches its farthest border: Iran's is 1,190 km)
        limit = 1_500_000 if r["kind"] == "country" else 400_000
        assert 0 < prec <= limit and math.isfinite(prec), r["id"]
        assert -180 <= float(r["lon"]) <= 180 and -90 <= float(r["lat"]) <= 90, r["id"]


def test_unlocated_rows_carry_no_invented_point(rows: tuple[dict[str, str], ...]) -> None:
    unlocated = [r for r in rows if not r["lon"]]
    assert {"curated:hosh-matroud", "curated:qesirdib"} <= {r["id"] for r in unlocated}
    for r in unlocated:
        assert not r["lat"] and not r["precision_m"], r["id"]
        assert r["note"], r["id"]  # what is known instead of a point


def test_every_located_row_lies_in_its_country(
    rows: tuple[dict[str, str], ...], countries: dict[str, object]
) -> None:
    """Inside the country's 1:10m outline, or flagged (generalised border / other polygon)."""
    problems = []
    for r in rows:
        if not r["lon"]:
            continue
        lon, lat = float(r["lon"]), float(r["lat"])
        own = countries[r["country"]]
        if shapely.contains_xy(own, lon, lat):
            continue
        if r["polygon_country"]:
            if not shapely.contains_xy(countries[r["polygon_country"]], lon, lat):
                problems.append((r["id"], "polygon_country does not hold the point"))
            continue
        if not r["on_generalised_border"]:
            problems.append((r["id"], "outside its country and not flagged"))
            continue
        dist_m = (
            shapely.distance(own, shapely.Point(lon, lat)) * 111_320 * math.cos(math.radians(lat))
        )
        if dist_m > BORDER_TOLERANCE_M:
            problems.append((r["id"], f"flagged but {dist_m:.0f} m outside"))
    assert not problems, problems[:20]


def test_syrian_rows_lie_in_their_governorate(
    rows: tuple[dict[str, str], ...], governorates: dict[str, object]
) -> None:
    problems = []
    for r in rows:
        if r["country"] != "SY" or not r["lon"] or r["kind"] == "country":
            continue
        if r["polygon_country"]:  # the occupied Golan: outside Natural Earth's governorates
            continue
        pcode = r["admin1_pcode"] or r["id"][:4]
        if r["kind"] in {"district", "subdistrict", "governorate"}:
            pcode = r["id"][:4]
        geom = governorates[pcode]
        lon, lat = float(r["lon"]), float(r["lat"])
        if "outside its governorate" in r["note"]:  # flagged by the build, with the distance
            continue
        if not shapely.contains_xy(geom, lon, lat) and not r["on_generalised_border"]:
            d_km = shapely.distance(geom, shapely.Point(lon, lat)) * 111
            if d_km > 3:  # the nearest governorate is taken on the generalised edge
                problems.append((r["id"], r["name"], pcode, round(d_km, 1)))
    assert not problems, problems[:20]


def test_governorate_and_country_files(
    countries: dict[str, object], governorates: dict[str, object]
) -> None:
    assert set(governorates) == {f"SY{i:02d}" for i in range(1, 15)}
    assert {"SY", "IQ", "JO", "LB", "TR", "IL", "PS", "EG"} <= set(countries)
    union = shapely.union_all(list(governorates.values()))
    syria = countries["SY"]
    # the governorates (which include the occupied Golan) cover Syria's outline
    assert shapely.area(shapely.difference(syria, union)) / shapely.area(syria) < 0.01
    assert shapely.area(shapely.difference(union, syria)) / shapely.area(syria) < 0.02


def test_an_area_s_radius_covers_its_outline(
    rows: tuple[dict[str, str], ...],
    governorates: dict[str, object],
) -> None:
    """A governorate's or country's point stands for all of it: every vertex is in reach."""
    outlines = dict(governorates)
    for f in _data.geojson("provinces.geojson")["features"]:
        outlines["ne:" + f["properties"]["iso_3166_2"]] = shapely.from_geojson(
            json.dumps(f["geometry"])
        )
    checked = 0
    for r in rows:
        shape = outlines.get(r["id"])
        if shape is None:
            continue
        xy = shapely.get_coordinates(shape)
        n = len(xy)
        lon, lat = np.full(n, float(r["lon"])), np.full(n, float(r["lat"]))
        far = WGS84.inv(lon, lat, xy[:, 0], xy[:, 1])[2].max()
        # the radius reaches the farthest vertex, rounded up to 100 m, no more
        assert far <= float(r["precision_m"]) < far + 100 + 1, (r["id"], far)
        checked += 1
    assert checked == 14 + 125


def test_a_unit_s_radius_holds_the_town_it_is_named_after(
    rows: tuple[dict[str, str], ...],
) -> None:
    """A district's or subdistrict's seat lies within its radius (no polygons: 2 x area radius).

    With the radius of a disc of the unit's area, one seat in eight lay outside it: the town
    of al-Khafsa is 48 km from its subdistrict's point, whose equal-area radius is 31 km.
    """
    keys = {}
    for r in rows:
        if r["country"] == "SY" and r["lon"] and r["kind"] in {"city", "town", "village"}:
            for name in (r["name"], *r["aliases"].split("|")):
                keys.setdefault((fold(name), r["admin1_pcode"]), []).append(r)
    seats = outside = 0
    for u in rows:
        if u["kind"] not in {"district", "subdistrict"}:
            continue
        names = {fold(n) for n in (u["name"], *u["aliases"].split("|")) if n}
        towns = {t["id"]: t for n in names for t in keys.get((n, u["id"][:4]), [])}
        if not towns:
            continue
        seats += 1
        ulon, ulat = float(u["lon"]), float(u["lat"])
        d = min(WGS84.inv(ulon, ulat, float(t["lon"]), float(t["lat"]))[2] for t in towns.values())
        outside += d > float(u["precision_m"])
    assert seats > 250
    assert outside == 0


def test_admin_units_are_complete(rows: tuple[dict[str, str], ...]) -> None:
    kinds = Counter(r["kind"] for r in rows if r["source"] == "opensyria")
    assert kinds == {"governorate": 14, "district": 62, "subdistrict": 272}
    arabic = [r for r in rows if r["source"] == "opensyria" and not r["name_ar"]]
    assert not arabic


def _latin(alias: str) -> bool:
    return bool(re.search("[A-Za-z]", alias)) and not re.search("[\u0600-\u06ff]", alias)


@pytest.mark.parametrize("country", ["SY", "IQ", "JO", "LB", "TR", "IL"])
def test_geonames_alternate_names_resolve_back(country: str) -> None:
    """Every Latin alternate name of a sample of GeoNames rows finds that row again.

    Accepted: the row itself, another place that has exactly the same spelling (a true
    namesake), or an ambiguity that lists the row.  Generic single words are skipped.
    """
    gz = Gazetteer.default()
    sample = [p for p in gz.places if p.source == "geonames" and p.country == country][::7][:40]

    def same(a: Place, b: Place) -> bool:
        """The row itself, a namesake spelled alike, or a co-located duplicate."""
        if a.id == b.id:
            return True
        if a.lon is not None and b.lon is not None and a.lat is not None and b.lat is not None:
            dx = (a.lon - b.lon) * 111.32 * math.cos(math.radians(a.lat))
            if math.hypot(dx, (a.lat - b.lat) * 110.57) <= SAME_PLACE_KM:
                return True
        return False

    # an admin unit's names, by fold: a bare name means the place the unit is named after
    units: dict[str, list[Place]] = {}
    for p in gz.places:
        if p.kind in {"governorate", "district", "subdistrict"}:
            for a in {fold(a) for a in (p.name, *p.aliases)}:
                units.setdefault(a, []).append(p)

    def namesake(c: Place, alias: str) -> bool:
        """Spelled like the alias, or in the governorate of a unit so spelled (its seat)."""
        f = fold(alias)
        if f in {fold(a) for a in (c.name, *c.aliases)}:
            return True
        return any(
            u.country == c.country and u.admin1_pcode == c.admin1_pcode for u in units.get(f, ())
        )

    failures = []
    checked = 0
    for place in sample:
        for alias in dict.fromkeys((place.name, *place.aliases)):
            if not _latin(alias) or len(alias) > 60:
                continue
            checked += 1
            try:
                got = gz.lookup(alias)
            except GenericNameError:
                continue
            except AmbiguousPlaceError as exc:
                # fine if it lists the row, or only namesakes spelled exactly like the alias
                # (preferred to the row when it matched more loosely or by an old name)
                namesakes = all(namesake(c, alias) for c in exc.candidates)
                if not (any(same(place, c) for c in exc.candidates) or namesakes):
                    failures.append((alias, place.id, "ambiguous without it"))
                continue
            except (PlaceNotFoundError, PlaceNotLocatedError) as exc:
                failures.append((alias, place.id, f"{type(exc).__name__}: {exc}"))
                continue
            if not (same(place, got) or namesake(got, alias)):
                failures.append((alias, place.id, f"-> {got.id} {got.name}"))
    assert checked > 50
    assert len(failures) <= checked * 0.02, failures[:15]


def test_shipped_name_keys_are_current() -> None:
    # made by gazetteer/build.py --name-keys with the names.py that is installed now
    known = _data.name_keys()
    assert known is not None, "rerun: python gazetteer/build.py --name-keys"
    names = [
        n
        for r in _data.place_rows()
        for n in (r["name"], *r["aliases"].split("|"), r["name_ar"])
        if n
    ]
    assert set(names) == set(known)


def test_default_index_equals_one_keyed_from_scratch() -> None:
    shipped = Gazetteer.default()
    scratch = Gazetteer(list(shipped.places))  # keys every name with names.py now
    assert scratch._index.exact == shipped._index.exact
    assert scratch._index.skeletons == shipped._index.skeletons


def test_stale_name_keys_are_ignored(monkeypatch: pytest.MonkeyPatch) -> None:
    _data.name_keys.cache_clear()
    monkeypatch.setattr(_data, "names_stamp", lambda: "0" * 64)  # names.py changed
    try:
        assert _data.name_keys() is None
    finally:
        _data.name_keys.cache_clear()


def test_names_a_place_wrongly_carries_are_removed() -> None:
    """Every name of gazetteer/wrong_names.csv is gone from its place and leads elsewhere."""
    import csv
    from pathlib import Path

    path = Path(__file__).resolve().parents[1] / "gazetteer" / "wrong_names.csv"
    with path.open(encoding="utf-8", newline="") as fh:
        table = list(csv.DictReader(fh))
    assert table
    gz = Gazetteer.default()
    for row in table:
        place = gz.get(row["place_id"])
        assert row["source_url"].startswith("http"), place.id
        for name in row["names"].split("|"):
            assert name not in place.aliases and name != place.name_ar, (name, place.id)
            try:
                found = gz.lookup(name).id
            except SyriamapError as exc:  # refused, or the other place known without a point
                found = getattr(getattr(exc, "place", None), "id", None)
            assert found != place.id, (name, place.id)
    # news of the places those names belong to: the places themselves, known without a point
    for name, place_id in [
        ("al-Ghassaniyah", "curated:al-ghassaniyah-jisr-al-shughur"),  # was Kafr Buhum, Hama
        ("Abu Hardub", "curated:abu-hardub"),  # was Hajin
    ]:
        with pytest.raises(PlaceNotLocatedError) as err:
            gz.lookup(name)
        assert err.value.place.id == place_id
    assert gz.lookup("Kfarbo").id == "geonames:168708"  # Kafr Buhum's own common name


def test_sourced_aliases_are_shipped_and_resolve_to_their_place() -> None:
    """Every name of gazetteer/aliases.csv (Kurdish, Syriac ... names) reaches its place."""
    import csv
    from pathlib import Path

    path = Path(__file__).resolve().parents[1] / "gazetteer" / "aliases.csv"
    with path.open(encoding="utf-8", newline="") as fh:
        table = list(csv.DictReader(fh))
    assert len(table) >= 9
    gz = Gazetteer.default()
    for row in table:
        place = gz.get(row["place_id"])
        assert row["source_url"].startswith("http"), row["place_id"]
        for alias in filter(None, row["aliases"].split("|")):
            assert alias in place.aliases, (alias, place.id)
            assert gz.lookup(alias).id == place.id, alias
        if row["population"]:  # a census figure the bulk source lacked
            population = int(row["population"])
            assert place.population == population, place.id
            # kind and precision follow from it (build.py's settlement_kind / _precision_m)
            kind, precision_m = (
                ("city", 5000.0)
                if population >= 100_000
                else ("town", 2000.0)
                if population >= 10_000
                else ("village", 1000.0)
            )
            assert (place.kind, place.precision_m) == (kind, precision_m), place.id
    # the names news uses that used to fail or land abroad
    assert gz.lookup("Serekaniye").id == gz.lookup("Ras al-Ain").id
    assert gz.lookup("Cindirês").country == "SY"
    assert gz.lookup("Girê Spî").id == gz.lookup("Tell Abyad").id
    assert gz.lookup("Resulayn").id == gz.lookup("Ras al-Ain").id  # not Ceylanpınar (TR)
    # a town of 58,000 (2004) that GeoNames gives no population: no longer a 1 km village
    town = gz.lookup("Maarat al-Numan")
    assert (town.kind, town.precision_m, town.population) == ("town", 2000.0, 58008)
    # Ariha's census population: the Arabic name is no longer Jericho's by size alone
    with pytest.raises(AmbiguousPlaceError) as info:
        gz.lookup("أريحا")
    assert {p.country for p in info.value.candidates} == {"SY", "PS"}
