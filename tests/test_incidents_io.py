"""write_incidents / read_incidents: GeoJSON, GeoPackage, GeoParquet round trips."""

from __future__ import annotations

import geopandas as gpd
import pandas as pd
import pytest
from geopandas.testing import assert_geoseries_equal
from incidents_support import StubGazetteer

from syriamap._incidents import SCHEMA, incidents, read_incidents, write_incidents
from syriamap.errors import ColumnError, InputFormatError

FORMATS = [".geojson", ".gpkg", ".parquet"]


@pytest.fixture(scope="module")
def gdf() -> gpd.GeoDataFrame:
    return incidents(
        [
            {
                "id": "a",
                "date": "7-8 February 2018",
                "place": "Khusham",
                "fatalities": 100,
                "description": 'strikes near خشام — «quoted» "text"',
                "source_url": "https://example.org/?a=1&b=2",
            },
            {"id": "b", "date": "June 2020", "place": "Nowhere"},
            {"id": "c", "date": "2022-06-15", "lon": 38.6, "lat": 33.5, "geo_precision": 1},
            {"id": "d", "date": None, "place": "Tanf", "fatalities": 0},
            {"id": "e", "date": "week of 15 June 2022", "coords": "37°10′N 42°08′E"},
        ],
        gazetteer=StubGazetteer(),
    )


@pytest.mark.parametrize("suffix", FORMATS)
def test_round_trip_identical(gdf, tmp_path, suffix):
    path = write_incidents(gdf, tmp_path / f"incidents{suffix}")
    assert path.exists()
    back = read_incidents(path)
    assert list(back.columns) == list(gdf.columns)
    pd.testing.assert_frame_equal(
        pd.DataFrame(back.drop(columns="geometry")),
        pd.DataFrame(gdf.drop(columns="geometry")),
    )
    for name, dtype in SCHEMA.items():
        assert str(back[name].dtype) == dtype
    assert back.crs.to_epsg() == 4326
    assert back.geometry.isna().tolist() == gdf.geometry.isna().tolist()
    assert_geoseries_equal(back.geometry, gdf.geometry, check_less_precise=False)
    # dates survive to the day, including the end of ranges and weeks
    assert back["date_end"].dt.strftime("%Y-%m-%d").tolist()[0] == "2018-02-08"
    assert back.loc[4, "date_precision"] == "week"


@pytest.mark.parametrize("suffix", FORMATS)
def test_overwrite(gdf, tmp_path, suffix):
    path = tmp_path / f"x{suffix}"
    write_incidents(gdf, path)
    write_incidents(gdf.iloc[:2], path)
    assert len(read_incidents(path)) == 2


def test_incidents_reads_its_own_output(gdf, tmp_path):
    path = write_incidents(gdf, tmp_path / "x.gpkg")
    again = incidents(path, gazetteer=StubGazetteer())
    assert again["id"].tolist() == gdf["id"].tolist()
    located = gdf["status"] == "ok"
    assert again.loc[located, "lon"].tolist() == gdf.loc[located, "lon"].tolist()


def test_bad_paths(gdf, tmp_path):
    with pytest.raises(InputFormatError, match=r"\.geojson, \.gpkg or \.parquet"):
        write_incidents(gdf, tmp_path / "x.shp.zip")
    with pytest.raises(FileNotFoundError):
        read_incidents(tmp_path / "missing.gpkg")
    other = gpd.GeoDataFrame({"name": ["x"]}, geometry=gpd.points_from_xy([1], [2]), crs=4326)
    other.to_file(tmp_path / "other.gpkg")
    with pytest.raises(ColumnError, match="'id'"):
        read_incidents(tmp_path / "other.gpkg")


def test_incidents_is_idempotent_on_its_output():
    from syriamap.datasets import seed_incidents

    seed = seed_incidents()
    again = incidents(seed)
    pd.testing.assert_frame_equal(pd.DataFrame(again), pd.DataFrame(seed))
    assert len(again.attrs["report"]) == 0
