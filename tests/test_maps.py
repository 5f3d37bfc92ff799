"""Map building without a browser: payload, escaping, determinism, offline assets, CLI."""

from __future__ import annotations

import json
import re

import geopandas as gpd
import numpy as np
import pandas as pd
import pytest
from shapely.geometry import Point

from syriamap.errors import ColumnError
from syriamap.maps import incident_map
from syriamap.maps._assets import leaflet_css, leaflet_js
from syriamap.maps._layers import build_payload, script_json, type_styles
from syriamap.maps._synthetic import synthetic_incidents
from syriamap.zones import Zone

TANF = (38.61778, 33.50583)


@pytest.fixture(scope="module")
def tanf_zone() -> Zone:
    return Zone.around(TANF, radius_km=55, name="al-Tanf 55 km zone")


def _payload_from_html(html: str) -> dict:
    match = re.search(r'<script type="application/json" id="[^"]+_data">(.*?)</script>', html, re.S)
    assert match is not None
    return json.loads(match.group(1))


def _small() -> gpd.GeoDataFrame:
    return gpd.GeoDataFrame(
        {
            "id": ["a", "b", "c"],
            "date": ["2024-03-01", "2024-03-01", None],
            "date_end": ["2024-03-01", "2024-03-31", None],
            "date_precision": ["day", "month", None],
            "event_type": ["Airstrike", "Shelling", "Airstrike"],
            "description": ["{{ 7*7 }} {% raw %}", "x", "y"],
            "precision_m": [0.0, 10_000.0, np.nan],
        },
        geometry=[Point(38.5, 33.4), Point(38.62, 33.51), None],
        crs="EPSG:4326",
    )


def test_same_input_gives_byte_identical_html(tanf_zone: Zone) -> None:
    gdf = synthetic_incidents(300, seed=3)
    first = incident_map(gdf, zones=[tanf_zone], title="t").get_root().render()
    second = incident_map(gdf, zones=[tanf_zone], title="t").get_root().render()
    assert first == second
    other = incident_map(gdf.iloc[:-1], zones=[tanf_zone], title="t").get_root().render()
    assert other != first  # the comparison can fail


def test_saved_file_equals_render(tmp_path, tanf_zone: Zone) -> None:
    m = incident_map(_small(), zones=[tanf_zone])
    path = tmp_path / "m.html"
    m.save(str(path))
    assert path.read_text(encoding="utf-8") == m.get_root().render()


def test_offline_html_loads_nothing_from_the_network() -> None:
    html = incident_map(_small()).get_root().render()
    assert not re.search(
        r"""(?:src|href)\s*=\s*["']?\s*(?:https?:)?//""",
        html.replace('href="https://leafletjs.com"', ""),
    )
    assert "<link" not in html
    assert not re.search(r"url\(\s*['\"]?(?:https?:)?//", html)
    assert "@import" not in html
    assert "cdn.jsdelivr" not in html and "cdnjs" not in html and "unpkg" not in html
    assert "sourceMappingURL" not in html


def test_online_map_offers_xyzservices_tiles() -> None:
    payload = _payload_from_html(incident_map(_small(), offline=False).get_root().render())
    names = [t["name"] for t in payload["options"]["tiles"]]
    assert "OpenStreetMap Mapnik (online)" in names
    assert all(t["url"].startswith("https://") for t in payload["options"]["tiles"])
    offline = _payload_from_html(incident_map(_small()).get_root().render())
    assert offline["options"]["tiles"] == []


def test_leaflet_assets_are_inlined_with_images_as_data_uris() -> None:
    css = leaflet_css()
    assert "url(images/" not in css
    assert "data:image/png;base64," in css
    assert "L.Icon.Default.imagePath=''" in leaflet_js()


@pytest.mark.parametrize(
    "text",
    [
        "</script><script>alert(1)</script>",
        "</SCRIPT >",
        "<!--",
        "a\u2028b\u2029c",
        "&amp; & <b>",
        '"};alert(1);//',
        "`${alert(1)}`",
    ],
)
def test_script_json_cannot_close_the_script_element(text: str) -> None:
    out = script_json({"s": text, "list": [text]})
    assert "<" not in out and ">" not in out and "&" not in out
    assert "\u2028" not in out and "\u2029" not in out
    assert json.loads(out) == {"s": text, "list": [text]}


def test_data_is_never_compiled_as_a_jinja_template() -> None:
    html = incident_map(_small(), title="{{ 6*7 }}").get_root().render()
    payload = _payload_from_html(html)
    assert "{{ 7*7 }} {% raw %}" in payload["text"]["description"]["values"]
    assert payload["options"]["title"] == "{{ 6*7 }}"
    assert "<title>{{ 6*7 }}</title>" in html


def test_title_is_escaped_in_the_page_title() -> None:
    html = incident_map(_small(), title="</title><script>x</script>").get_root().render()
    assert "<title>&lt;/title&gt;&lt;script&gt;x&lt;/script&gt;</title>" in html


def test_payload_columns_and_unlocated_rows() -> None:
    payload = build_payload(_small())
    assert payload["n"] == 3
    assert payload["lon"][2] is None and payload["lat"][2] is None
    assert payload["t0"][0] == (pd.Timestamp("2024-03-01") - pd.Timestamp("1970-01-01")).days
    assert payload["dt"][1] == 30  # month precision: an interval, not a day
    assert payload["t0"][2] is None
    assert payload["precision_m"] == [0, 10000, None]  # unknown stays unknown
    assert [t["name"] for t in payload["types"]] == ["Airstrike", "Shelling"]
    assert [t["count"] for t in payload["types"]] == [2, 1]


def test_dataframe_with_lon_lat_columns_is_accepted() -> None:
    df = pd.DataFrame({"lon": [38.5, "x"], "lat": [33.4, 33.0], "date": ["2024-01-01"] * 2})
    with pytest.raises(TypeError, match="numeric"):
        build_payload(df)
    df["lon"] = [38.5, 39.0]
    assert build_payload(df)["lon"] == [38.5, 39.0]


def test_missing_location_columns_raise_column_error() -> None:
    with pytest.raises(ColumnError):
        incident_map(pd.DataFrame({"date": ["2024-01-01"]}))
    with pytest.raises(TypeError, match="DataFrame"):
        incident_map([{"lon": 1, "lat": 2}])  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="offline"):
        incident_map(_small(), offline="yes")  # type: ignore[arg-type]


def test_projected_input_is_reprojected() -> None:
    gdf = _small().iloc[:2].to_crs("EPSG:32637")
    payload = build_payload(gdf)
    assert payload["lon"][0] == pytest.approx(38.5, abs=1e-5)
    assert payload["lat"][0] == pytest.approx(33.4, abs=1e-5)


def test_zone_relation_matches_the_zone_module(tanf_zone: Zone) -> None:
    gdf = synthetic_incidents(200, seed=1)
    # put some incidents around the zone edge
    rng = np.random.default_rng(0)
    lon = TANF[0] + rng.uniform(-0.8, 0.8, 200)
    lat = TANF[1] + rng.uniform(-0.7, 0.7, 200)
    gdf = gdf.set_geometry(gpd.points_from_xy(lon, lat), crs="EPSG:4326")
    payload = build_payload(gdf, zones=[tanf_zone])
    zone = payload["zones"][0]
    expected = tanf_zone.relation(lon, lat, uncertainty_m=gdf["precision_m"].to_numpy())
    codes = {"outside": 0, "inside": 1, "indeterminate": 2}
    assert zone["relation"] == [codes[str(r)] for r in expected.relation]
    assert set(zone["relation"]) == {0, 1, 2}
    assert zone["radius_m"] == 55_000
    # the drawn polygon is the zone's own geodesic polygon
    ring = np.array(zone["polygons"][0][0])
    np.testing.assert_allclose(ring, np.asarray(tanf_zone.polygon.exterior.coords), atol=1e-6)
    assert zone["label"][1] == pytest.approx(ring[:, 1].max())


def test_group_by_actor_keeps_the_largest_groups() -> None:
    gdf = synthetic_incidents(500, seed=2)
    gdf["actor1"] = [f"actor {i % 20}" for i in range(len(gdf))]
    payload = build_payload(gdf, group_by="actor1", max_groups=12)
    assert len(payload["groups"]) == 13
    assert payload["groups"][-1] == "Other (8 more)"
    assert max(payload["group"]) == 12
    with pytest.raises(ColumnError):
        build_payload(gdf, group_by="no_such_column")


def test_type_styles_are_distinct_and_stable() -> None:
    names = [f"type {i}" for i in range(30)] + ["Battles"]
    styles = type_styles(names)
    pairs = [(s["color"], s["shape"]) for s in styles]
    assert len(set(pairs)) == len(pairs)
    assert styles[-1] == {"color": "#d1352b", "shape": "circle"}
    assert type_styles(["Battles"]) == [styles[-1]]


def test_long_text_is_truncated() -> None:
    gdf = _small()
    gdf["description"] = ["x" * 100_000, "short", None]
    values = build_payload(gdf)["text"]["description"]["values"]
    assert len(values[0]) == 2000 and values[0].endswith("…")


def test_cli_map_writes_an_offline_file(tmp_path) -> None:
    from syriamap.cli import main

    csv = tmp_path / "events.csv"
    pd.DataFrame(
        {
            "id": ["e1", "e2"],
            "date": ["2024-01-05", "2024-02-01"],
            "lon": [38.6, 38.9],
            "lat": [33.5, 33.2],
            "event_type": ["Airstrike", "Battles"],
            "description": ["one", "two"],
        }
    ).to_csv(csv, index=False)
    out = tmp_path / "map.html"
    code = main(["map", str(csv), "-o", str(out), "--zone", "38.61778,33.50583:55", "--offline"])
    assert code == 0
    payload = _payload_from_html(out.read_text(encoding="utf-8"))
    assert payload["n"] == 2 and payload["zones"][0]["radius_m"] == 55_000
    assert payload["options"]["tiles"] == []
    bad = main(["map", str(csv), "-o", str(out), "--zone", "al-Tanf"])
    assert bad == 2


def test_one_zone_and_an_empty_frame(tanf_zone: Zone) -> None:
    empty = _small().iloc[:0]
    payload = _payload_from_html(incident_map(empty, zones=tanf_zone).get_root().render())
    assert payload["n"] == 0 and len(payload["zones"]) == 1
    (south, west), (north, east) = payload["bounds"]
    assert west <= TANF[0] <= east and south <= TANF[1] <= north


def test_jupyter_repr_is_an_iframe_with_the_whole_map() -> None:
    m = incident_map(_small())
    html = m._repr_html_()
    assert html.startswith("<div") and "<iframe srcdoc=" in html
    assert "<script" not in html  # everything is inside the escaped srcdoc
    assert "SyriaMap.load" in html
    assert m._repr_html_() == html


def test_large_payloads_are_packed_and_unpack_to_the_same_data(monkeypatch) -> None:
    import base64
    import zlib

    import syriamap.maps as maps

    gdf = synthetic_incidents(200, seed=4)
    plain = _payload_from_html(incident_map(gdf).get_root().render())
    monkeypatch.setattr(maps, "COMPRESS_ABOVE_CHARS", 1000)
    html = incident_map(gdf).get_root().render()
    assert html == incident_map(gdf).get_root().render()
    match = re.search(
        r'data-encoding="deflate-base64" id="[^"]+_data">([A-Za-z0-9+/=]+)</script>', html
    )
    assert match is not None
    assert json.loads(zlib.decompress(base64.b64decode(match.group(1)))) == plain


def test_imprecise_dates_without_an_end_become_intervals() -> None:
    gdf = _small()
    gdf["date"] = ["2024-02-10", "2024-03-01", "2023-01-01"]
    gdf["date_end"] = [None, None, None]
    gdf["date_precision"] = ["week", "month", "year"]
    payload = build_payload(gdf)
    assert payload["dt"] == [6, 30, 364]


def test_shipped_basemap_is_complete() -> None:
    from syriamap.maps._basemap import basemap

    data = basemap()
    names = {f["properties"]["name"] for f in data["countries"]["features"]}
    assert {"Syria", "Turkey", "Iraq", "Jordan", "Lebanon", "Israel"} <= names
    govs = data["governorates"]["features"]
    assert len(govs) == 15  # 14 governorates and the UNDOF zone
    assert {"Aleppo", "Damascus", "Deir ez-Zor", "Al-Hasakah"} <= {
        g["properties"]["name"] for g in govs
    }
    towns = {t["name"]: t for t in data["towns"]}
    for town in ("Damascus", "Aleppo", "Homs", "Raqqa", "Deir ez-Zor", "Qamishli", "Palmyra"):
        assert towns[town]["country"] == "Syria" and towns[town]["name_ar"]
    assert 33.0 < towns["Damascus"]["lat"] < 34.0 and 36.0 < towns["Damascus"]["lon"] < 36.5


def test_shipped_basemap_is_rebuilt_identically_from_the_sources(tmp_path) -> None:
    import importlib.util
    from pathlib import Path

    root = Path(__file__).resolve().parents[1]
    spec = importlib.util.spec_from_file_location(
        "build_basemap", root / "tools" / "build_basemap.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    out = tmp_path / "basemap.json"
    module.main(out)
    shipped = root / "syriamap" / "data" / "basemap.json"
    assert out.read_bytes() == shipped.read_bytes()


def test_map_assets_are_declared_as_package_data() -> None:
    import fnmatch
    import tomllib
    from pathlib import Path

    root = Path(__file__).resolve().parents[1]
    config = tomllib.loads((root / "pyproject.toml").read_text(encoding="utf-8"))
    patterns = config["tool"]["setuptools"]["package-data"]["syriamap"]
    package = root / "syriamap"
    needed = [*(package / "maps" / "_js").iterdir(), package / "data" / "basemap.json"]
    for path in needed:
        rel = path.relative_to(package).as_posix()
        assert any(fnmatch.fnmatch(rel, p) for p in patterns), f"{rel} would not be installed"


def test_a_union_of_zones_draws_every_part() -> None:
    union = Zone.around((38.6, 33.5), radius_km=20, name="a") | Zone.around(
        (40.0, 35.0), radius_km=30, name="b"
    )
    zone = build_payload(synthetic_incidents(50), zones=[union])["zones"][0]
    assert len(zone["polygons"]) == 2 and zone["radius_m"] is None
    parts = sorted(union.polygon.geoms, key=lambda g: g.bounds[0])
    drawn = sorted(zone["polygons"], key=lambda poly: min(x for x, _ in poly[0]))
    for part, poly in zip(parts, drawn, strict=True):
        np.testing.assert_allclose(poly[0], np.asarray(part.exterior.coords), atol=1e-6)


def test_projected_coordinates_without_a_crs_are_refused() -> None:
    from syriamap.errors import CRSError

    gdf = _small().iloc[:2].to_crs("EPSG:32637").set_crs(None, allow_override=True)
    with pytest.raises(CRSError, match="set_crs"):
        build_payload(gdf)
    lonlat = _small().set_crs(None, allow_override=True)
    assert build_payload(lonlat)["lon"][0] == 38.5  # degrees without a CRS are taken as such


def test_rows_located_only_to_a_country_or_wider_are_listed_not_drawn() -> None:
    from syriamap.maps._layers import LIST_FROM_M

    gdf = gpd.GeoDataFrame(
        {
            "id": ["syria", "wide", "narrower", "point"],
            "place_id": ["country:SY", None, None, "geonames:1"],
            "precision_m": [450_000.0, LIST_FROM_M, LIST_FROM_M - 1, 1000.0],
        },
        geometry=[Point(38.56, 34.81), Point(36.0, 33.0), Point(41.0, 36.5), Point(42.0, 37.0)],
        crs="EPSG:4326",
    )
    payload = build_payload(gdf)
    assert payload["vague"] == [0, 1] and payload["vague_syria"] == [0]
    assert payload["vague_title"].startswith("Located only to a country or ± 150 km")
    # the view is fitted to what is drawn, not to a country's centroid
    (south, west), (north, east) = payload["bounds"]
    assert (south, west, north, east) == (36.5, 41.0, 37.0, 42.0)
    only_syria = build_payload(gdf.iloc[[0, 3]])
    assert only_syria["vague_title"] == "Located only as “in Syria”"


def test_claim_rings_are_not_zones() -> None:
    from syriamap.claims import Ring

    ring = Ring(TANF, "al-Tanf garrison", 40_000, 31_000, 49_000, label="X: 40 km (claimed)")
    zone = Zone.around(TANF, radius_km=55, name="zone")
    payload = build_payload(_small(), zones=[zone, ring])
    z, r = payload["zones"]
    assert (z["kind"], r["kind"]) == ("zone", "ring")
    assert set(r["relation"]) == {-1}  # no inside/outside for a ring
    assert r["band_m"] == [31_000.0, 49_000.0] and r["center_name"] == "al-Tanf garrison"
    assert len(r["anchors"]) == 4 and r["anchors"][0][1] > r["anchors"][1][1]  # N above S


def test_every_map_credits_the_gazetteer_sources(tmp_path) -> None:
    # the user's own incidents, with no place from the gazetteer: the credits are still there
    own = pd.DataFrame({"lon": [38.5], "lat": [33.4], "event_type": ["Airstrike"]})
    path = tmp_path / "own.html"
    incident_map(own).save(str(path))
    credits = _payload_from_html(path.read_text("utf-8"))["options"]["credits"]
    by_name = {source["name"]: source for source in credits["sources"]}
    geonames, opensyria = by_name["GeoNames"], by_name["OpenSyria"]
    # the required lines (gazetteer/SOURCES.md) are the tooltips; the control shows the names
    assert geonames["title"] == "Contains data from GeoNames (www.geonames.org), CC BY 4.0"
    assert opensyria["title"].startswith(
        "OpenSyria Data Geography (github.com/Open-Syria/data-geography), CC BY 4.0"
    )
    assert "UN OCHA / HDX COD-AB" in opensyria["title"]
    for source in (geonames, opensyria):
        assert source["licence"] == "CC BY 4.0"
        assert source["href"].startswith("https://")
        assert source["licence_href"] == "https://creativecommons.org/licenses/by/4.0/"
    assert "curated sources" in by_name
