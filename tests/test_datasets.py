"""The embedded example: seed articles, seed incidents (what the articles support), zone."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest
from pyproj import Geod

from syriamap._incidents import SCHEMA, enrich
from syriamap.datasets import seed_articles, seed_incidents, seed_zones
from syriamap.gazetteer import Gazetteer
from syriamap.precision import COUNTRY_PRECISION_M

GEOD = Geod(ellps="WGS84")


@pytest.fixture(scope="module")
def gdf():
    return seed_incidents()


@pytest.fixture(scope="module")
def articles():
    return {a.id: a for a in seed_articles()}


def row(gdf, incident_id):
    hit = gdf[gdf["id"] == incident_id]
    assert len(hit) == 1, incident_id
    return hit.iloc[0]


def test_articles(articles):
    assert len(articles) == 5
    for a in articles.values():
        assert a.text.strip() and a.title
    assert articles["000_33e36a853b07e385"].published == dt.date(2022, 6, 18)
    assert articles["003_29a27ad1a1ddff2e"].published == dt.date(2023, 11, 12)
    assert articles["004_0ca3ee530060a5fe"].published == dt.date(2018, 2, 12)
    assert articles["001_06963bf2407e38bd"].published is None  # not in the text
    assert any("al-monitor.com" in u for u in articles["002_efebe028d1f00f2b"].urls)
    # titles come from the texts
    for a in articles.values():
        first_words = a.title.split()[1] if a.title.startswith("'") else a.title.split()[0]
        assert first_words.strip("'") in a.text


def test_schema_all_located_no_report(gdf):
    assert list(gdf.columns)[: len(SCHEMA)] == list(SCHEMA)
    assert {"article_id", "date_note"} <= set(gdf.columns)
    assert (gdf["status"] == "ok").all()
    assert len(gdf.attrs["report"]) == 0
    assert gdf["id"].is_unique
    assert gdf["date"].notna().all() and gdf["precision_m"].notna().all()
    assert gdf["location_note"].notna().all() and gdf["description"].notna().all()
    assert gdf["source_outlet"].notna().all()


def test_each_incident_cites_existing_articles(gdf, articles):
    for ids in gdf["article_id"]:
        for a in ids.split(";"):
            assert a in articles
    # every URL given as a source is printed in the article it comes from
    for _, r in gdf[gdf["source_url"].notna()].iterrows():
        texts = " ".join(articles[a].text for a in r["article_id"].split(";"))
        assert r["source_url"] in texts


def test_copies_are_independent(gdf):
    a = seed_incidents()
    a.loc[0, "place"] = "changed"
    assert seed_incidents().loc[0, "place"] != "changed"


def test_hosh_matroud_strike(gdf):
    r = row(gdf, "seed-2022-06-15-tanf-strike")
    gz = Gazetteer.default()
    tanf = gz.lookup("al-Tanf garrison")
    assert r["place"] == "Hosh Matroud"
    assert r["place_id"] == tanf.id  # placed at the garrison, not at an invented point
    assert (r["lon"], r["lat"]) == (tanf.lon, tanf.lat)
    assert r["precision_m"] >= 40_000  # covers "40 km away from the base"
    assert r["precision_m"] == 40_000 + tanf.precision_m
    assert r["date"] == pd.Timestamp("2022-06-15") and r["date_precision"] == "day"
    assert "no sourced coordinates" in r["location_note"]
    assert r["actor1"].startswith("Military Forces of Russia")


def test_in_syria_only_is_country_level(gdf):
    r = row(gdf, "seed-2023-11-12-us-strikes")
    assert r["place_id"] == "country:SY"
    assert r["precision_m"] == COUNTRY_PRECISION_M
    assert r["date"] == pd.Timestamp("2023-11-11") and r["date_end"] == pd.Timestamp("2023-11-12")
    # the country-scale radius really covers Syria from that point
    outline = syria_outline()
    xs, ys = outline.exterior.coords.xy
    d = GEOD.inv([r["lon"]] * len(xs), [r["lat"]] * len(ys), list(xs), list(ys))[2]
    assert max(d) <= r["precision_m"]


def syria_outline():
    import shapely.geometry

    from syriamap._data import geojson

    (feature,) = [
        f for f in geojson("countries.geojson")["features"] if f["properties"]["iso_a2"] == "SY"
    ]
    geom = shapely.geometry.shape(feature["geometry"])
    return max(getattr(geom, "geoms", [geom]), key=lambda g: g.area)


def test_derik_and_qesirdib(gdf):
    mal = Gazetteer.default().lookup("al-Malikiyah")
    for iid in ("seed-2020-06-malikiyah-protest", "seed-2020-06-derik-standoff"):
        r = row(gdf, iid)
        assert r["place_id"] == mal.id
        assert r["date_precision"] == "month"
        assert (r["date"], r["date_end"]) == (
            pd.Timestamp("2020-06-01"),
            pd.Timestamp("2020-06-30"),
        )
        assert r["precision_m"] == 25_000 + mal.precision_m  # "near a town"
    q = row(gdf, "seed-2020-06-qesirdib-withdrawal")
    assert q["place"] == "the village of Qesirdib" and q["place_id"] == mal.id
    assert q["precision_m"] >= 29_000  # district scale
    assert "no sourced coordinates" in q["location_note"]


def test_khusham(gdf):
    gz = Gazetteer.default()
    conoco = gz.lookup("Conoco gas plant")
    khusham = gz.lookup("Khusham")
    for iid in ("seed-2018-02-07-khusham-attack", "seed-2018-02-07-khusham-counterstrike"):
        r = row(gdf, iid)
        assert r["place_id"] == conoco.id
        assert (r["date"], r["date_end"]) == (
            pd.Timestamp("2018-02-07"),
            pd.Timestamp("2018-02-08"),
        )
        # the radius covers Khusham town as well as the plant
        d = GEOD.inv(r["lon"], r["lat"], khusham.lon, khusham.lat)[2]
        assert d + khusham.precision_m <= r["precision_m"]
    assert row(gdf, "seed-2018-02-07-khusham-counterstrike")["fatalities"] == 100


def test_tanf_drone_attack(gdf):
    r = row(gdf, "seed-2020-10-20-tanf-drones")
    assert r["place_id"] == "curated:al-tanf-garrison"
    assert r["date"] == pd.Timestamp("2020-10-20") and r["fatalities"] == 0


def test_seed_zone():
    (zone,) = seed_zones()
    tanf = Gazetteer.default().lookup("al-Tanf garrison")
    assert zone.center == (tanf.lon, tanf.lat)
    assert zone.radius_m == 55_000
    assert "55 km" in zone.name and zone.source


def test_enrich_seed_relations(gdf):
    out = enrich(gdf, zones=seed_zones())
    rel = dict(zip(out["id"], out["55 km deconfliction zone: relation"], strict=True))
    assert rel["seed-2022-06-15-tanf-strike"] == "inside"  # 42 km disc inside 55 km
    assert rel["seed-2020-10-20-tanf-drones"] == "inside"
    assert rel["seed-2023-11-12-us-strikes"] == "indeterminate"  # "in Syria"
    assert rel["seed-2020-06-derik-standoff"] == "outside"
    assert rel["seed-2018-02-07-khusham-counterstrike"] == "outside"
