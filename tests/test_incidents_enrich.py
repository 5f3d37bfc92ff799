"""enrich(): nearest place, admin area and per-zone columns in one call (real gazetteer)."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from pyproj import Geod

from syriamap._incidents import _nearest_many, enrich, incidents
from syriamap.gazetteer import Gazetteer
from syriamap.readers import read_acled
from syriamap.zones import Zone

FIXTURES = Path(__file__).parent / "fixtures"
GEOD = Geod(ellps="WGS84")


@pytest.fixture(scope="module")
def gz():
    return Gazetteer.default()


@pytest.fixture(scope="module")
def tanf_zone(gz):
    return Zone.around("al-Tanf garrison", radius_km=55, name="tanf55", gazetteer=gz)


def test_nearest_many_matches_gazetteer_nearest(gz):
    rng = np.random.default_rng(7)
    x = rng.uniform(35.7, 42.3, 300)
    y = rng.uniform(32.4, 37.3, 300)
    fast = [p.id for p in _nearest_many(gz, x, y)]
    slow = [gz.nearest(a, b).id for a, b in zip(x, y, strict=True)]
    assert fast == slow


def test_enrich_columns(gz, tanf_zone):
    tanf = gz.lookup("al-Tanf garrison")
    rukban = gz.lookup("Rukban")
    gdf = incidents(
        [
            {
                "id": "at-tanf",
                "date": "2022-06-15",
                "lon": tanf.lon,
                "lat": tanf.lat,
                "precision_m": 0,
            },
            {"id": "rukban", "date": "2022-06-15", "place": "Rukban"},
            {
                "id": "edge",
                "date": "2022-06-15",
                "lon": tanf.lon,
                "lat": tanf.lat,
                "precision_m": 60_000,
            },
            {"id": "unknown-precision", "date": "2022-06-15", "lon": 38.9, "lat": 33.6},
            {"id": "far", "date": "2022-06-15", "place": "Deir ez-Zor"},
            {"id": "unlocated", "date": "2022-06-15", "place": "Hosh Matroud"},
        ],
        gazetteer=gz,
    )
    out = enrich(gdf, zones=tanf_zone, gazetteer=gz)
    assert len(out) == len(gdf) and out.attrs["report"].equals(gdf.attrs["report"])
    by = out.set_index("id")
    assert by.loc["at-tanf", "nearest_place_id"] == tanf.id
    assert by.loc["at-tanf", "nearest_distance_m"] == pytest.approx(0, abs=1e-6)
    assert by.loc["rukban", "nearest_place_id"] == rukban.id
    assert by.loc["at-tanf", "admin1_pcode"] == gz.admin_area(tanf.lon, tanf.lat).admin1_pcode
    rel = by["tanf55: relation"]
    assert rel["at-tanf"] == "inside" and rel["rukban"] == "inside"
    assert rel["edge"] == "indeterminate"  # 60 km disc around the centre crosses 55 km
    assert rel["unknown-precision"] == "indeterminate"  # NaN precision is not exact
    assert rel["far"] == "outside"
    assert pd.isna(rel["unlocated"]) and pd.isna(by.loc["unlocated", "nearest_place_id"])
    d_rukban = GEOD.inv(tanf.lon, tanf.lat, rukban.lon, rukban.lat)[2]
    assert by.loc["rukban", "tanf55: distance_to_edge_m"] == pytest.approx(
        d_rukban - 55_000, abs=0.01
    )
    assert by.loc["at-tanf", "tanf55: distance_to_edge_m"] == pytest.approx(-55_000, abs=0.01)
    assert by.loc["rukban", "tanf55: margin_m"] == pytest.approx(
        55_000 - d_rukban - by.loc["rukban", "precision_m"], abs=0.01
    )


def test_enrich_fills_admin_pcodes_for_coordinate_rows(gz):
    gdf = read_acled(FIXTURES / "acled_sample.csv")
    assert gdf["admin1_pcode"].isna().all()  # ACLED gives names only
    out = enrich(gdf, gazetteer=gz)
    assert out["admin1_pcode"].str.match(r"^SY\d\d$").all()
    assert out["admin2_pcode"].notna().all()
    khasham = out.set_index("id").loc["SYR90003"]
    assert khasham["admin1_pcode"] == gz.lookup("Deir ez-Zor", kind="governorate").id[:4]


def test_enrich_several_zones_and_duplicate_names(gz, tanf_zone):
    gdf = incidents([{"date": "2022-06-15", "place": "Rukban"}], gazetteer=gz)
    other = Zone.around("al-Tanf garrison", radius_km=10, name="tanf55", gazetteer=gz)
    out = enrich(gdf, zones=[tanf_zone, other], nearest=False, admin=False, gazetteer=gz)
    assert out.loc[0, "tanf55: relation"] == "inside"
    assert out.loc[0, "tanf55 (2): relation"] == "outside"
    assert "nearest_place" not in out.columns


def test_enrich_admin_matches_admin_area(gz):
    rng = np.random.default_rng(11)
    n = 200
    lon = rng.uniform(35.0, 43.0, n)  # also a little of Turkey, Iraq, Jordan, Lebanon
    lat = rng.uniform(32.0, 37.6, n)
    lon[:20], lat[:20] = lon[20:40], lat[20:40]  # repeated points
    gdf = incidents(pd.DataFrame({"date": ["2022-06-15"] * n, "lon": lon, "lat": lat}), warn=False)
    out = enrich(gdf, gazetteer=gz)
    for i in range(n):
        a = gz.admin_area(lon[i], lat[i])
        for f in ("admin1", "admin1_pcode", "admin2_pcode", "admin3_pcode"):
            got = out.loc[i, f]
            assert (None if pd.isna(got) else got) == getattr(a, f), (i, f)
        assert out.loc[i, "nearest_place_id"] == gz.nearest(lon[i], lat[i]).id


class _FailingGeocoder:
    """An opt-in online geocoder whose service times out."""

    def geocode(self, name: str) -> None:
        from syriamap.errors import GeocoderTimeoutError

        raise GeocoderTimeoutError(f"the geocoder did not answer for {name!r}", query=name)


def test_online_geocoder_failures_keep_their_own_status() -> None:
    gz = Gazetteer.default().with_fallback(_FailingGeocoder())
    gdf = incidents(
        [
            {"id": "known", "date": "2022-06-15", "place": "al-Tanf"},
            {"id": "asked-online", "date": "2022-06-15", "place": "Tell Zzyzxqq"},
        ],
        gazetteer=gz,
    )
    assert gdf["status"].tolist() == ["ok", "geocoder_error"]
    report = gdf.attrs["report"]
    assert report["id"].tolist() == ["asked-online"]
    assert "did not answer" in report["reason"].iloc[0]
