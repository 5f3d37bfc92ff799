"""incidents(): input forms, schema, per-row report, bad input (stub gazetteer)."""

from __future__ import annotations

import math
import warnings

import geopandas as gpd
import numpy as np
import pandas as pd
import pytest
from incidents_support import HOSH, KHUSHAM, MALIKIYAH, TANF, StubGazetteer
from pyproj import Geod
from shapely.geometry import Point, Polygon

from syriamap._incidents import REPORT_COLUMNS, SCHEMA, STATUSES, incidents
from syriamap.errors import (
    ColumnError,
    CRSError,
    DoubtfulCoordinatesWarning,
    InputFormatError,
    PlaceNotFoundError,
    SwappedCoordinatesWarning,
    SyriamapWarning,
)

_GEOD = Geod(ellps="WGS84")


@pytest.fixture
def gz() -> StubGazetteer:
    return StubGazetteer()


def rows(gdf: gpd.GeoDataFrame, field: str | None = None) -> list[int]:
    rep = gdf.attrs["report"]
    if field is not None:
        rep = rep[rep["field"] == field]
    return sorted(set(rep["row"].tolist()))


def assert_accounted(gdf: gpd.GeoDataFrame, n_input: int) -> None:
    """Every input row is in the output; every unlocated row is in the report."""
    assert len(gdf) == n_input
    unlocated = np.flatnonzero(gdf["status"].to_numpy() != "ok").tolist()
    assert set(unlocated) <= set(rows(gdf))
    assert gdf.geometry.isna().to_numpy().tolist() == (gdf["status"] != "ok").tolist()


# --- schema -----------------------------------------------------------------


def test_schema_columns_dtypes_crs(gz):
    gdf = incidents(
        [
            {"id": 1, "date": "2022-06-15", "place": "al-Tanf", "fatalities": "0"},
            {"id": 2, "date": "June 2020", "lon": 42.133, "lat": 37.167, "fatalities": 3},
        ],
        gazetteer=gz,
    )
    assert list(gdf.columns) == [*SCHEMA, "geometry"]
    for name, dtype in SCHEMA.items():
        assert str(gdf[name].dtype) == dtype, name
    assert gdf.crs.to_epsg() == 4326
    assert gdf["id"].tolist() == ["1", "2"]  # ids are strings
    assert gdf["fatalities"].tolist() == [0, 3]
    assert list(gdf.attrs["report"].columns) == list(REPORT_COLUMNS)
    assert set(gdf["status"]) <= set(STATUSES)


def test_place_name_resolved_with_place_fields(gz):
    gdf = incidents([{"id": "a", "date": "2022-06-15", "place": "Tanf"}], gazetteer=gz)
    r = gdf.iloc[0]
    assert (r["lon"], r["lat"]) == (TANF.lon, TANF.lat)
    assert r["place"] == "Tanf"
    assert r["place_id"] == TANF.id and r["place_name"] == TANF.name
    assert r["matched"] == "Tanf"
    assert r["admin1_pcode"] == "SY04" and r["country"] == "SY"
    assert r["precision_m"] == TANF.precision_m
    assert r.geometry.equals(Point(TANF.lon, TANF.lat))
    assert len(gdf.attrs["report"]) == 0


def test_unique_names_looked_up_once(gz):
    data = [{"date": "2022-06-15", "place": name} for name in ["al-Tanf", "Derik", "al-Tanf"] * 50]
    gdf = incidents(data, gazetteer=gz)
    assert gz.calls == [["al-Tanf", "Derik"]]
    assert (gdf["place_id"] == TANF.id).sum() == 100
    assert (gdf["place_id"] == MALIKIYAH.id).sum() == 50


def test_unresolved_rows_kept_and_reported(gz):
    data = [
        {"id": "ok", "date": "2022-06-15", "place": "Khasham"},
        {"id": "typo", "date": "2022-06-15", "place": "al-Tnaf"},
        {"id": "unlocated", "date": "2022-06-15", "place": "Hosh Matroud"},
        {"id": "ambiguous", "date": "2022-06-15", "place": "Tell Abyad"},
        {"id": "nothing", "date": "2022-06-15", "place": None},
    ]
    gdf = incidents(data, gazetteer=gz)
    assert gdf["status"].tolist() == ["ok", "not_found", "not_located", "ambiguous", "no_location"]
    assert gdf.loc[0, "place_id"] == KHUSHAM.id
    assert gdf.loc[2, "place_id"] is np.nan or pd.isna(gdf.loc[2, "place_id"])
    assert gdf.geometry.isna().tolist() == [False, True, True, True, True]
    assert np.isnan(gdf.loc[1:, "precision_m"]).all()
    rep = gdf.attrs["report"].set_index("id")
    assert rep.loc["typo", "suggestions"] == ["al-Tanf garrison"]
    assert rep.loc["typo", "value"] == "al-Tnaf"
    assert "no sourced location" in rep.loc["unlocated", "reason"]
    assert HOSH.id not in gdf["place_id"].dropna().tolist()
    assert sorted(rep.loc["ambiguous", "suggestions"]) == ["x:a", "x:b"]
    assert "no location" in rep.loc["nothing", "reason"]
    assert_accounted(gdf, len(data))


# --- input forms --------------------------------------------------------------

ROWS = [
    {"id": "e1", "date": "2022-06-15", "place": "al-Tanf", "fatalities": 0},
    {"id": "e2", "date": "15 June 2022", "lat": 37.167, "lon": 42.133, "fatalities": 2},
    {"id": "e3", "date": "June 2020", "coords": "35°17′55″N 40°17′36″E"},
]


def _check_rows(gdf):
    assert gdf["id"].tolist() == ["e1", "e2", "e3"]
    assert gdf["status"].tolist() == ["ok", "ok", "ok"]
    assert gdf.loc[gdf.index[2], "lat"] == pytest.approx(35 + 17 / 60 + 55 / 3600)
    assert gdf.loc[gdf.index[2], "lon"] == pytest.approx(40 + 17 / 60 + 36 / 3600)
    assert gdf["date"].dt.strftime("%Y-%m-%d").tolist() == [
        "2022-06-15",
        "2022-06-15",
        "2020-06-01",
    ]


def test_list_of_dicts(gz):
    _check_rows(incidents(ROWS, gazetteer=gz))


def test_dataframe_keeps_index(gz):
    df = pd.DataFrame(ROWS, index=[10, 20, 30])
    gdf = incidents(df, gazetteer=gz)
    assert gdf.index.tolist() == [10, 20, 30]
    _check_rows(gdf)


def test_csv_path(gz, tmp_path):
    path = tmp_path / "events.csv"
    pd.DataFrame(ROWS).to_csv(path, index=False)
    gdf = incidents(path, gazetteer=gz)
    _check_rows(gdf)
    gdf2 = incidents(str(path), gazetteer=gz)
    _check_rows(gdf2)


def test_excel_path(gz, tmp_path):
    path = tmp_path / "events.xlsx"
    pd.DataFrame(ROWS).to_excel(path, index=False)
    _check_rows(incidents(path, gazetteer=gz))


@pytest.mark.parametrize("suffix", [".geojson", ".gpkg", ".parquet"])
def test_vector_paths(gz, tmp_path, suffix):
    df = pd.DataFrame(ROWS)
    pts = [Point(TANF.lon, TANF.lat), None, None]
    src = gpd.GeoDataFrame(df.drop(columns=["lat", "lon"]), geometry=pts, crs="EPSG:4326")
    src["lat"], src["lon"] = df["lat"], df["lon"]
    path = tmp_path / f"events{suffix}"
    if suffix == ".parquet":
        src.to_parquet(path)
    else:
        src.to_file(path, engine="pyogrio")
    _check_rows(incidents(path, gazetteer=gz))


def test_geodataframe_reprojected_from_3857(gz):
    src = gpd.GeoDataFrame(
        {"id": ["t"], "date": ["2022-06-15"]},
        geometry=[Point(TANF.lon, TANF.lat)],
        crs="EPSG:4326",
    ).to_crs("EPSG:3857")
    assert src.geometry.iloc[0].x > 1e6  # metres
    gdf = incidents(src, gazetteer=gz)
    assert gdf.crs.to_epsg() == 4326
    assert gdf.loc[0, "lon"] == pytest.approx(TANF.lon, abs=1e-9)
    assert gdf.loc[0, "lat"] == pytest.approx(TANF.lat, abs=1e-9)
    assert gz.calls == []


def test_geodataframe_without_crs_refused(gz):
    src = gpd.GeoDataFrame({"date": ["2022-06-15"]}, geometry=[Point(38.6, 33.5)])
    with pytest.raises(CRSError, match=r"set_crs\('EPSG:4326'\)"):
        incidents(src, gazetteer=gz)


def test_geodataframe_polygon_rows_reported(gz):
    src = gpd.GeoDataFrame(
        {"date": ["2022-06-15", "2022-06-16"]},
        geometry=[Point(38.6, 33.5), Polygon([(38, 33), (39, 33), (39, 34)])],
        crs="EPSG:4326",
    )
    gdf = incidents(src, gazetteer=gz)
    assert gdf["status"].tolist() == ["ok", "invalid_coordinates"]
    assert "not a point" in gdf.attrs["report"].loc[0, "reason"]
    assert_accounted(gdf, 2)


@pytest.mark.parametrize(
    "data",
    [[], pd.DataFrame(), pd.DataFrame(columns=["date", "place"])],
    ids=["empty-list", "empty-frame", "header-only-frame"],
)
def test_empty_input(data, gz):
    with pytest.raises(InputFormatError, match="no rows"):
        incidents(data, gazetteer=gz)


def test_empty_and_header_only_csv(tmp_path, gz):
    empty = tmp_path / "empty.csv"
    empty.write_text("")
    with pytest.raises(InputFormatError, match="empty"):
        incidents(empty, gazetteer=gz)
    header = tmp_path / "header.csv"
    header.write_text("date,place\n")
    with pytest.raises(InputFormatError, match="no rows"):
        incidents(header, gazetteer=gz)


@pytest.mark.parametrize("bad", [42, {"date": "2022-06-15"}, ["a", "b"], b"date,place"])
def test_unsupported_objects(bad, gz):
    with pytest.raises(InputFormatError):
        incidents(bad, gazetteer=gz)


def test_unknown_extension_and_missing_file(tmp_path, gz):
    p = tmp_path / "events.docx"
    p.write_text("x")
    with pytest.raises(InputFormatError, match=r"\.docx"):
        incidents(p, gazetteer=gz)
    with pytest.raises(FileNotFoundError):
        incidents(tmp_path / "nope.csv", gazetteer=gz)


# --- columns --------------------------------------------------------------------


def test_synonyms(gz):
    gdf = incidents(
        [
            {
                "Event Date": "2022-06-15",
                "Latitude": 33.5,
                "Longitude": 38.6,
                "Notes": "Russian strike",
                "Source": "Zaman al-Wasl",
                "URL": "https://example.org/x",
                "Deaths": 4,
                "Event_ID": "X1",
            }
        ],
        gazetteer=gz,
    )
    r = gdf.iloc[0]
    assert (r["id"], r["description"], r["source_outlet"]) == (
        "X1",
        "Russian strike",
        "Zaman al-Wasl",
    )
    assert r["source_url"] == "https://example.org/x" and r["fatalities"] == 4


@pytest.mark.parametrize(
    ("columns", "missing", "suggested"),
    [
        (["evnt_date", "place"], "date", "evnt_date"),
        (["date", "lattitude", "longitude"], "lat", "lattitude"),
        (["date", "latitude", "longtitude"], "lon", "longtitude"),
        (["date", "plcae"], "place", "plcae"),
        (["date", "foo"], "place", None),
        (["place"], "date", None),
    ],
)
def test_missing_or_misspelt_columns(columns, missing, suggested, gz):
    df = pd.DataFrame([dict.fromkeys(columns, "1")])
    with pytest.raises(ColumnError) as info:
        incidents(df, gazetteer=gz)
    assert missing in info.value.missing
    assert info.value.suggestions.get(missing) == suggested
    assert repr(missing) in str(info.value)
    if suggested:
        assert repr(suggested) in str(info.value)
    assert isinstance(info.value, KeyError)


def test_misspelt_optional_column_warns(gz):
    with pytest.warns(SyriamapWarning, match="'fatalitis' looks like 'fatalities'"):
        gdf = incidents([{"date": "2022-06-15", "place": "Tanf", "fatalitis": 3}], gazetteer=gz)
    assert pd.isna(gdf.loc[0, "fatalities"])
    assert gdf.loc[0, "fatalitis"] == 3  # kept as an extra column, not dropped


def test_explicit_column_mapping(gz):
    gdf = incidents(
        [{"Datum": "2022-06-15", "Ort": "Tanf"}],
        gazetteer=gz,
        columns={"date": "Datum", "place": "Ort"},
    )
    assert gdf.loc[0, "place_id"] == TANF.id
    with pytest.raises(ColumnError, match="Ortt"):
        incidents([{"Datum": "2022-06-15", "Ort": "Tanf"}], gazetteer=gz, columns={"place": "Ortt"})
    with pytest.raises(ValueError, match="unknown incident field"):
        incidents([{"Datum": "2022-06-15"}], gazetteer=gz, columns={"wann": "Datum"})


def test_extra_columns_kept(gz):
    gdf = incidents(
        [{"date": "2022-06-15", "place": "Tanf", "sub_event_type": "Air/drone strike"}],
        gazetteer=gz,
    )
    assert gdf.loc[0, "sub_event_type"] == "Air/drone strike"
    assert list(gdf.columns)[: len(SCHEMA)] == list(SCHEMA)


# --- dates ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "start", "end", "precision"),
    [
        ("2022-06-15", "2022-06-15", "2022-06-15", "day"),
        ("15 June 2022", "2022-06-15", "2022-06-15", "day"),
        ("June 15, 2022", "2022-06-15", "2022-06-15", "day"),
        ("June 2020", "2020-06-01", "2020-06-30", "month"),
        ("2020", "2020-01-01", "2020-12-31", "year"),
        ("7-8 February 2018", "2018-02-07", "2018-02-08", "range"),
        ("7–8 February 2018", "2018-02-07", "2018-02-08", "range"),
        ("30 June - 2 July 2020", "2020-06-30", "2020-07-02", "range"),
        ("2018-02-07/2018-02-08", "2018-02-07", "2018-02-08", "range"),
        ("week of 15 June 2022", "2022-06-15", "2022-06-21", "week"),
        ("2024-02-29", "2024-02-29", "2024-02-29", "day"),
    ],
)
def test_dates(text, start, end, precision, gz):
    gdf = incidents([{"date": text, "place": "Tanf"}], gazetteer=gz)
    r = gdf.iloc[0]
    assert r["date"] == pd.Timestamp(start)
    assert r["date_end"] == pd.Timestamp(end)
    assert r["date_precision"] == precision


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("yesterday", "unparseable"),
        ("2023-02-29", "day is out of range"),
        ("05/06/2022", "ambiguous"),
        ("8-7 February 2018", "ends before"),
        ("", "missing date"),
        (None, "missing date"),
    ],
)
def test_bad_dates_reported_row_kept(text, reason, gz):
    gdf = incidents(
        [
            {"id": "good", "date": "2022-06-15", "place": "Tanf"},
            {"id": "bad", "date": text, "place": "Tanf"},
        ],
        gazetteer=gz,
    )
    assert len(gdf) == 2
    assert pd.isna(gdf.loc[1, "date"]) and pd.isna(gdf.loc[1, "date_precision"])
    assert gdf.loc[1, "status"] == "ok"  # located all the same
    rep = gdf.attrs["report"]
    assert rep["id"].tolist() == ["bad"] and rep["field"].tolist() == ["date"]
    assert reason in rep.loc[0, "reason"]


def test_date_end_column_widens_to_range(gz):
    gdf = incidents(
        [
            {"date": "2018-02-07", "date_end": "2018-02-08", "place": "Khusham"},
            {"date": "2018-02-07", "date_end": "2018-02-07", "place": "Khusham"},
            {"date": "2018-02-07", "date_end": "2018-02-01", "place": "Khusham"},
        ],
        gazetteer=gz,
    )
    assert gdf["date_precision"].tolist() == ["range", "day", "day"]
    assert gdf["date_end"].dt.day.tolist() == [8, 7, 7]
    assert rows(gdf, "date_end") == [2]


# --- ids ------------------------------------------------------------------------


def test_duplicate_ids_reported_not_merged(gz):
    data = [
        {"id": "A", "date": "2022-06-15", "place": "Tanf"},
        {"id": "B", "date": "2022-06-15", "place": "Tanf"},
        {"id": "A", "date": "2022-06-16", "place": "Derik"},
    ]
    gdf = incidents(data, gazetteer=gz)
    assert len(gdf) == 3
    assert gdf["id"].tolist() == ["A", "B", "A"]
    rep = gdf.attrs["report"]
    assert rep["row"].tolist() == [0, 2]
    assert (rep["field"] == "id").all()
    assert "duplicate id 'A'" in rep.loc[0, "reason"] and "2" in rep.loc[0, "reason"]


def test_missing_ids_assigned_and_reported(gz):
    gdf = incidents(
        [
            {"id": "A", "date": "2022-06-15", "place": "Tanf"},
            {"id": None, "date": "2022-06-15", "place": "Tanf"},
        ],
        gazetteer=gz,
    )
    assert gdf["id"].tolist() == ["A", "row-1"]
    assert rows(gdf, "id") == [1]


def test_no_id_column_gives_row_ids(gz):
    gdf = incidents([{"date": "2022-06-15", "place": "Tanf"}] * 2, gazetteer=gz)
    assert gdf["id"].tolist() == ["row-0", "row-1"]
    assert len(gdf.attrs["report"]) == 0


# --- coordinates ----------------------------------------------------------------


def test_nan_none_coordinates(gz):
    data = [
        {
            "id": "both-nan-with-place",
            "date": "2022-06-15",
            "lat": np.nan,
            "lon": None,
            "place": "Tanf",
        },
        {
            "id": "both-nan-no-place",
            "date": "2022-06-15",
            "lat": None,
            "lon": np.nan,
            "place": None,
        },
        {"id": "half", "date": "2022-06-15", "lat": 33.5, "lon": None, "place": "Tanf"},
        {"id": "string", "date": "2022-06-15", "lat": "north", "lon": 38.6, "place": None},
        {"id": "dms-cell", "date": "2022-06-15", "lat": "33°30′21″N", "lon": "38°37′04″E"},
    ]
    gdf = incidents(data, gazetteer=gz)
    assert gdf["status"].tolist() == [
        "ok",
        "no_location",
        "invalid_coordinates",
        "invalid_coordinates",
        "ok",
    ]
    assert gdf.loc[0, "place_id"] == TANF.id
    assert gdf.loc[4, "lat"] == pytest.approx(33.505833, abs=1e-6)
    rep = gdf.attrs["report"].set_index("id")
    assert "longitude missing" in rep.loc["half", "reason"]
    assert "'north'" in rep.loc["string", "reason"]
    assert_accounted(gdf, len(data))


@pytest.mark.parametrize(
    ("lon", "lat", "reason"),
    [
        (38.6, 91.0, "latitude 91.0 out of range"),
        (38.6, -90.5, "latitude -90.5 out of range"),
        (181.0, 33.5, "longitude 181.0 out of range"),
        (-200.0, 33.5, "longitude -200.0 out of range"),
        (math.inf, 33.5, "out of range"),
    ],
)
def test_out_of_range(lon, lat, reason, gz):
    gdf = incidents([{"id": "x", "date": "2022-06-15", "lon": lon, "lat": lat}], gazetteer=gz)
    assert gdf.loc[0, "status"] == "invalid_coordinates"
    assert gdf.geometry.iloc[0] is None
    assert np.isnan(gdf.loc[0, "lon"])
    assert reason in gdf.attrs["report"].loc[0, "reason"]


def test_boundaries_are_valid(gz):
    gdf = incidents(
        [
            {"date": "2022-06-15", "lon": 180.0, "lat": -90.0},
            {"date": "2022-06-15", "lon": -180.0, "lat": 90.0},
        ],
        gazetteer=gz,
        warn=False,
    )
    assert gdf["status"].tolist() == ["ok", "ok"]


def test_swapped_pair_warns_and_reports(gz):
    data = [
        {"id": "fine", "date": "2022-06-15", "lon": 38.61778, "lat": 33.50583},
        {"id": "swapped", "date": "2022-06-15", "lon": 33.50583, "lat": 38.61778},
    ]
    with pytest.warns(SwappedCoordinatesWarning, match="'swapped'"):
        gdf = incidents(data, gazetteer=gz)
    assert gdf.loc[1, "lon"] == 33.50583  # kept as given, not silently fixed
    rep = gdf.attrs["report"]
    assert rep["id"].tolist() == ["swapped"]
    assert rep.loc[0, "suggestions"] == ["lon=38.61778, lat=33.50583"]
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        incidents(data, gazetteer=gz, warn=False)


def test_coordinate_strings(gz):
    data = [
        {"date": "2022-06-15", "coords": "33.50583, 38.61778"},
        {"date": "2022-06-15", "coords": "38°37′04″E 33°30′21″N"},
        {"date": "2022-06-15", "coords": "POINT (38.61778 33.50583)"},
        {"date": "2022-06-15", "coords": "33 30 21 N 38 37 4 E"},
        {"date": "2022-06-15", "coords": "somewhere"},
        {"date": "2022-06-15", "coords": "33.5, 200"},
    ]
    gdf = incidents(data, gazetteer=gz)
    assert gdf["status"].tolist() == ["ok"] * 4 + ["invalid_coordinates"] * 2
    np.testing.assert_allclose(gdf["lon"][:4], 38.6178, atol=1e-4)
    np.testing.assert_allclose(gdf["lat"][:4], 33.5058, atol=1e-4)
    assert rows(gdf, "coords") == [4, 5]


# --- precision ------------------------------------------------------------------


def test_precision_sources(gz):
    data = [
        {"date": "2022-06-15", "place": "Tanf"},
        {"date": "2022-06-15", "place": "Tanf", "uncertainty_m": 40_000},
        {"date": "2022-06-15", "place": "Tanf", "geo_precision": 2},
        {"date": "2022-06-15", "place": "Tanf", "precision_m": 5},
        {"date": "2022-06-15", "lon": 38.6, "lat": 33.5},
        {"date": "2022-06-15", "lon": 38.6, "lat": 33.5, "geo_precision": 3},
        {"date": "2022-06-15", "lon": 38.6, "lat": 33.5, "geo_precision": 9},
    ]
    gdf = incidents(data, gazetteer=gz)
    p = gdf["precision_m"].tolist()
    assert p[:4] == [2000.0, 42000.0, 27000.0, 5.0]
    assert math.isnan(p[4])
    assert p[5] == 100_000.0
    assert math.isnan(p[6])
    rep = gdf.attrs["report"]
    assert rep["field"].tolist() == ["geo_precision"] and rep["row"].tolist() == [6]


def test_fatalities_validation(gz):
    gdf = incidents(
        [
            {"date": "2022-06-15", "place": "Tanf", "fatalities": "about 100"},
            {"date": "2022-06-15", "place": "Tanf", "fatalities": -1},
            {"date": "2022-06-15", "place": "Tanf", "fatalities": 2.5},
            {"date": "2022-06-15", "place": "Tanf", "fatalities": 7},
        ],
        gazetteer=gz,
    )
    assert gdf["fatalities"].isna().tolist() == [True, True, True, False]
    assert rows(gdf, "fatalities") == [0, 1, 2]


def test_fatalities_text_gets_a_fatalities_message(gz):
    row = {"id": "x", "date": "2022-06-15", "place": "Tanf", "fatalities": "dozens"}
    gdf = incidents([row], gazetteer=gz)
    (reason,) = gdf.attrs["report"].query("field == 'fatalities'")["reason"]
    assert "coordinate" not in reason and "degrees" not in reason
    assert "fatalities must be a whole number >= 0" in reason and "'dozens'" in reason


# --- untrusted text ---------------------------------------------------------------


def test_hostile_text_is_data(gz):
    evil = "<script>alert(1)</script>"
    long_name = "x" * 100_000
    gdf = incidents(
        [
            {"id": evil, "date": "2022-06-15", "place": evil, "description": evil},
            {"id": "long", "date": "2022-06-15\x00", "place": long_name},
        ],
        gazetteer=gz,
    )
    assert gdf.loc[0, "description"] == evil
    rep = gdf.attrs["report"]
    assert len(rep["value"].str.len().max() * "x") < 300  # values cut in the report
    assert_accounted(gdf, 2)


def test_accounting_on_mixed_table(gz):
    rng = np.random.default_rng(3)
    n = 400
    names = rng.choice(["Tanf", "Derik", "Nowhere", "Hosh Matroud", "Tell Abyad", None], n)
    lon = np.where(rng.random(n) < 0.3, rng.uniform(-200, 200, n), np.nan)
    lat = np.where(np.isnan(lon), np.nan, rng.uniform(-100, 100, n))
    dates = rng.choice(["2022-06-15", "June 2020", "not a date", None], n)
    ids = rng.integers(0, 300, n).astype(str)
    df = pd.DataFrame({"id": ids, "date": dates, "place": names, "lon": lon, "lat": lat})
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", SwappedCoordinatesWarning)
        warnings.simplefilter("ignore", DoubtfulCoordinatesWarning)
        gdf = incidents(df, gazetteer=gz)
    assert_accounted(gdf, n)
    expected_bad_dates = set(np.flatnonzero(~np.isin(dates, ["2022-06-15", "June 2020"])).tolist())
    assert set(rows(gdf, "date")) == expected_bad_dates
    dup = set(np.flatnonzero(pd.Series(ids).duplicated(keep=False)).tolist())
    assert set(rows(gdf, "id")) == dup


@pytest.mark.parametrize(
    "content",
    [
        "\ufeffid,date,place\n1,2022-06-15,Tanf\n",  # UTF-8 BOM (Excel)
        "id;date;place\n1;2022-06-15;Tanf\n",  # semicolon "CSV"
        "id\tdate\tplace\n1\t2022-06-15\tTanf\n",  # TSV named .csv
    ],
    ids=["bom", "semicolon", "tab"],
)
def test_csv_dialects(content, tmp_path, gz):
    path = tmp_path / "events.csv"
    path.write_text(content, encoding="utf-8")
    gdf = incidents(path, gazetteer=gz)
    assert gdf.loc[0, "id"] == "1" and gdf.loc[0, "place_id"] == TANF.id


# --- CSV files that are not clean ---------------------------------------------------


def test_csv_line_with_too_many_fields_names_file_and_lines(tmp_path, gz):
    path = tmp_path / "extra_field.csv"
    path.write_text(
        "id,date,place,lat,lon\n"
        "a,2022-06-15,al-Tanf,,\n"
        "b,2022-06-16,Rukban,,,extra\n"
        "c,2022-06-17,Derik,,\n"
        "d,2022-06-18,Derik,,,more,fields\n"
    )
    with pytest.raises(InputFormatError) as info:
        incidents(path, gazetteer=gz)
    msg = str(info.value)
    assert "extra_field.csv" in msg and "line 3 has 6" in msg and "header has 5" in msg
    assert "Lines with too many fields: 3, 5" in msg and "double quotes" in msg


def test_csv_first_line_too_long_is_refused_not_shifted(tmp_path, gz):
    # pandas alone takes the first column as the index and shifts every value
    path = tmp_path / "first.csv"
    path.write_text("id,date,place\na,2022-06-15,Tanf,x\nb,2022-06-16,Derik\n")
    with pytest.raises(InputFormatError, match="line 2 has 4"):
        incidents(path, gazetteer=gz)


def test_csv_trailing_delimiters_are_harmless(tmp_path, gz):
    path = tmp_path / "trailing.csv"
    path.write_text("id,date,place\na,2022-06-15,Tanf,\nb,2022-06-16,Derik\nc,2022-06-17,Tanf,\n")
    gdf = incidents(path, gazetteer=gz)
    assert gdf["id"].tolist() == ["a", "b", "c"]
    assert gdf["place_id"].tolist() == [TANF.id, MALIKIYAH.id, TANF.id]


def test_semicolon_csv_with_commas_in_values(tmp_path, gz):
    path = tmp_path / "semicolon.csv"
    path.write_text(
        "id;date;place;notes\na;2022-06-15;Tanf;x\nb;2022-06-16;Derik;north, near Qamishli\n"
    )
    gdf = incidents(path, gazetteer=gz)
    assert gdf["place_id"].tolist() == [TANF.id, MALIKIYAH.id]
    assert gdf.loc[1, "description"] == "north, near Qamishli"  # notes -> description


def test_unclosed_quote_is_a_typed_error(tmp_path, gz):
    path = tmp_path / "quote.csv"
    path.write_text('id,date,place\na,2022-06-15,"Tanf\nb,2022-06-16,Derik\n')
    with pytest.raises(InputFormatError, match=r"quote\.csv"):
        incidents(path, gazetteer=gz)


def test_latin1_csv_names_file_line_and_encoding_option(tmp_path, gz):
    path = tmp_path / "latin1.csv"
    path.write_bytes("id,date,place\na,2022-06-15,Tanf\nb,2022-06-16,Dêrik\n".encode("latin-1"))
    with pytest.raises(InputFormatError) as info:
        incidents(path, gazetteer=gz)
    msg = str(info.value)
    assert "latin1.csv" in msg and "line 3" in msg and "encoding=" in msg
    assert isinstance(info.value, ValueError)
    gdf = incidents(path, gazetteer=gz, encoding="latin-1")
    assert gdf["place_id"].tolist() == [TANF.id, MALIKIYAH.id]
    with pytest.raises(InputFormatError, match="unknown encoding"):
        incidents(path, gazetteer=gz, encoding="no-such-codec")


def test_utf16_csv_with_byte_order_mark_is_read(tmp_path, gz):
    # Excel's "Unicode text" export: UTF-16 with a byte-order mark, tab-separated
    path = tmp_path / "unicode.csv"
    text = "id\tdate\tplace\na\t2022-06-15\tTanf\nb\t2022-06-16\tDêrik\n"
    path.write_bytes(text.encode("utf-16"))
    assert incidents(path, gazetteer=gz)["place_id"].tolist() == [TANF.id, MALIKIYAH.id]


# --- coordinates that contradict the row ----------------------------------------------


def test_null_island_and_far_from_named_place_are_reported(gz):
    data = [
        # Khusham's coordinates given for al-Malikiyah: ~250 km away
        {
            "id": "far",
            "date": "2022-06-26",
            "place": "Derik",
            "lon": KHUSHAM.lon,
            "lat": KHUSHAM.lat,
        },
        {"id": "null", "date": "2022-06-26", "place": "Tanf", "lon": 0.0, "lat": 0.0},
        {"id": "null-unnamed", "date": "2022-06-26", "lon": 0, "lat": 0},
        {"id": "near", "date": "2022-06-26", "place": "Tanf", "lon": 38.7, "lat": 33.6},
        {"id": "unknown", "date": "2022-06-26", "place": "Nowhere", "lon": 38.7, "lat": 33.6},
    ]
    with pytest.warns(DoubtfulCoordinatesWarning, match="3 incident"):
        gdf = incidents(data, gazetteer=gz)
    assert gdf["status"].tolist() == ["ok"] * 5  # kept as given, like swapped pairs
    assert gdf.loc[0, "lon"] == KHUSHAM.lon and gdf.loc[1, "lon"] == 0.0
    rep = gdf.attrs["report"]
    assert rep["id"].tolist() == ["far", "null", "null-unnamed"]
    far = rep.iloc[0]
    assert MALIKIYAH.name in far["reason"] and "'Derik'" in far["reason"]
    km = float(far["reason"].split(" km from")[0].split()[-1])
    truth = _GEOD.inv(KHUSHAM.lon, KHUSHAM.lat, MALIKIYAH.lon, MALIKIYAH.lat)[2] / 1000
    assert km == pytest.approx(truth, abs=0.06)
    assert far["suggestions"] == [f"lon={MALIKIYAH.lon!r}, lat={MALIKIYAH.lat!r}"]
    assert "Null Island" in rep.iloc[1]["reason"] and TANF.name in rep.iloc[1]["reason"]
    assert rep.iloc[1]["suggestions"] == [f"lon={TANF.lon!r}, lat={TANF.lat!r}"]
    assert rep.iloc[2]["suggestions"] == []
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        incidents(data, gazetteer=gz, warn=False)


def test_place_mismatch_threshold_is_25_km_or_three_precisions(gz):
    from syriamap._incidents import PLACE_MISMATCH_FACTOR, PLACE_MISMATCH_MIN_M

    limit = max(PLACE_MISMATCH_MIN_M, PLACE_MISMATCH_FACTOR * TANF.precision_m)
    lon, lat, _ = _GEOD.fwd([TANF.lon] * 2, [TANF.lat] * 2, [90, 90], [limit - 50, limit + 50])
    data = [
        {"id": "inside", "date": "2022-06-26", "place": "Tanf", "lon": lon[0], "lat": lat[0]},
        {"id": "outside", "date": "2022-06-26", "place": "Tanf", "lon": lon[1], "lat": lat[1]},
    ]
    gdf = incidents(data, gazetteer=gz, warn=False)
    assert gdf.attrs["report"]["id"].tolist() == ["outside"]


def test_coordinates_at_a_namesake_of_the_place_are_not_doubtful():
    # "Qatana" resolves to the town near Damascus; coordinates at the West Bank
    # village of the same name agree with the name, Aleppo's coordinates do not
    from syriamap.gazetteer import Gazetteer

    real = Gazetteer.default()
    town = real.lookup("Qatana")
    namesakes = [
        m.place
        for m in real.search("Qatana", limit=20)
        if m.score >= 100
        and m.place.located
        and _GEOD.inv(town.lon, town.lat, m.place.lon, m.place.lat)[2] > 100_000
    ]
    assert namesakes  # the check below would be empty otherwise
    other = namesakes[0]
    data = [
        {"id": "o", "date": "2022-06-26", "place": "Qatana", "lon": other.lon, "lat": other.lat},
        {"id": "a", "date": "2022-06-26", "place": "Qatana", "lon": 37.16, "lat": 36.2},
    ]
    gdf = incidents(data, gazetteer=real, warn=False)
    assert gdf.attrs["report"]["id"].tolist() == ["a"]


def test_rows_with_coordinates_do_not_ask_the_fallback_geocoder():
    from syriamap.gazetteer import Gazetteer

    class Counting:
        def __init__(self):
            self.calls: list[str] = []

        def geocode(self, name):
            self.calls.append(name)
            raise PlaceNotFoundError(name)

    geocoder = Counting()
    gz_online = Gazetteer.default().with_fallback(geocoder)
    rows = [
        {"id": "xy", "date": "2022-06-26", "place": "Zzyzx Springs", "lon": 38.6, "lat": 33.5},
        {"id": "name", "date": "2022-06-26", "place": "Qwxyz Farm"},
    ]
    gdf = incidents(rows, gazetteer=gz_online)
    assert geocoder.calls == ["Qwxyz Farm"]  # only the row located by name
    assert gdf["status"].tolist() == ["ok", "not_found"]
