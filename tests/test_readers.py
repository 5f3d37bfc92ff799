"""read_acled / read_ucdp on synthetic fixtures with the datasets' real column names."""

from __future__ import annotations

import warnings
from pathlib import Path

import pandas as pd
import pytest
from incidents_support import StubGazetteer

from syriamap._incidents import SCHEMA
from syriamap.errors import ColumnError, InputFormatError
from syriamap.precision import ACLED_PRECISION_M, UCDP_PRECISION_M
from syriamap.readers import read_acled, read_ucdp

FIXTURES = Path(__file__).parent / "fixtures"
ACLED = FIXTURES / "acled_sample.csv"
UCDP = FIXTURES / "ucdp_sample.csv"


@pytest.fixture(scope="module")
def acled_raw() -> pd.DataFrame:
    return pd.read_csv(ACLED, dtype=str)


@pytest.fixture(scope="module")
def ucdp_raw() -> pd.DataFrame:
    return pd.read_csv(UCDP, dtype=str)


def test_fixtures_are_marked_synthetic(acled_raw, ucdp_raw):
    assert acled_raw["notes"].str.startswith("[SYNTHETIC").all()
    assert ucdp_raw["source_headline"].str.startswith("[SYNTHETIC").all()


def test_read_acled(acled_raw):
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # no spurious column warnings
        gdf = read_acled(ACLED)
    assert len(gdf) == len(acled_raw)
    assert list(gdf.columns)[: len(SCHEMA)] == list(SCHEMA)
    assert gdf.crs.to_epsg() == 4326
    assert gdf["id"].tolist() == acled_raw["event_id_cnty"].tolist()
    assert (gdf["status"] == "ok").all() and len(gdf.attrs["report"]) == 0
    assert gdf["lat"].tolist() == acled_raw["latitude"].astype(float).tolist()
    assert gdf["lon"].tolist() == acled_raw["longitude"].astype(float).tolist()
    expected_m = [ACLED_PRECISION_M[int(c)] for c in acled_raw["geo_precision"]]
    assert gdf["precision_m"].tolist() == expected_m
    assert gdf["place"].tolist() == acled_raw["location"].tolist()
    assert gdf["description"].tolist() == acled_raw["notes"].tolist()
    assert gdf["source_outlet"].tolist() == acled_raw["source"].tolist()
    assert gdf["fatalities"].tolist() == acled_raw["fatalities"].astype(int).tolist()
    assert (gdf["country"] == "SY").all()
    assert gdf["admin1"].tolist() == acled_raw["admin1"].tolist()
    # ACLED's own columns survive after the schema
    assert gdf["sub_event_type"].tolist() == acled_raw["sub_event_type"].tolist()
    assert gdf["year"].tolist() == acled_raw["year"].tolist()


def test_acled_time_precision(acled_raw):
    gdf = read_acled(ACLED).set_index("id")
    day = gdf.loc["SYR90001"]
    assert (day["date_precision"], str(day["date"].date())) == ("day", "2022-06-15")
    week = gdf.loc["SYR90005"]  # coded 10 June 2020, time_precision 2
    assert week["date_precision"] == "week"
    assert (str(week["date"].date()), str(week["date_end"].date())) == ("2020-06-07", "2020-06-13")
    month = gdf.loc["SYR90004"]  # coded 16 June 2020, time_precision 3
    assert month["date_precision"] == "month"
    assert (str(month["date"].date()), str(month["date_end"].date())) == (
        "2020-06-01",
        "2020-06-30",
    )


def test_read_ucdp(ucdp_raw):
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        gdf = read_ucdp(UCDP)
    assert len(gdf) == len(ucdp_raw)
    assert gdf["id"].tolist() == ucdp_raw["id"].tolist()
    assert (gdf["status"] == "ok").all() and len(gdf.attrs["report"]) == 0
    expected_m = [UCDP_PRECISION_M[int(c)] for c in ucdp_raw["where_prec"]]
    assert gdf["precision_m"].tolist() == expected_m
    assert gdf["place"].tolist() == ucdp_raw["where_coordinates"].tolist()
    assert gdf["location_note"].tolist() == ucdp_raw["where_description"].tolist()
    assert gdf["fatalities"].tolist() == ucdp_raw["best"].astype(int).tolist()
    assert gdf["actor1"].tolist() == ucdp_raw["side_a"].tolist()
    assert set(gdf["event_type"]) == {
        "state-based conflict",
        "non-state conflict",
        "one-sided violence",
    }
    by_id = gdf.set_index("id")
    khusham = by_id.loc["900001"]
    assert khusham["date_precision"] == "range"
    assert (str(khusham["date"].date()), str(khusham["date_end"].date())) == (
        "2018-02-07",
        "2018-02-08",
    )
    assert by_id.loc["900004", "date_precision"] == "month"  # 1-29 Feb 2020
    assert by_id.loc["900002", "date_precision"] == "day"
    assert by_id.loc["900002", "dyad_name"].startswith("Government of Syria")


@pytest.mark.parametrize(
    ("reader", "path", "column", "typo"),
    [
        (read_acled, ACLED, "latitude", "lattitude"),
        (read_acled, ACLED, "event_date", "event_dat"),
        (read_ucdp, UCDP, "where_prec", "where_precision"),
        (read_ucdp, UCDP, "date_start", "start"),
    ],
)
def test_misspelt_dataset_column(reader, path, column, typo):
    df = pd.read_csv(path, dtype=str).rename(columns={column: typo})
    with pytest.raises(ColumnError) as info:
        reader(df)
    assert info.value.missing == [column]
    if len(typo) > 6:
        assert info.value.suggestions[column] == typo


def test_bad_rows_reported_not_dropped(acled_raw):
    df = acled_raw.copy()
    df.loc[1, "latitude"] = "133.5"
    df.loc[2, "event_date"] = "sometime in 2018"
    df.loc[3, "geo_precision"] = "7"
    df.loc[4, "event_id_cnty"] = df.loc[0, "event_id_cnty"]
    gdf = read_acled(df, gazetteer=StubGazetteer())
    assert len(gdf) == len(df)
    rep = gdf.attrs["report"]
    assert set(zip(rep["row"], rep["field"], strict=True)) == {
        (0, "id"),
        (4, "id"),
        (1, "lat"),
        (2, "date"),
        (3, "geo_precision"),
    }
    assert gdf.loc[1, "status"] == "invalid_coordinates"


def test_excel_and_empty(tmp_path, acled_raw):
    xlsx = tmp_path / "acled.xlsx"
    acled_raw.to_excel(xlsx, index=False)
    assert read_acled(xlsx)["id"].tolist() == acled_raw["event_id_cnty"].tolist()
    empty = tmp_path / "empty.csv"
    empty.write_text("")
    with pytest.raises(InputFormatError):
        read_ucdp(empty)
    with pytest.raises(InputFormatError):
        read_acled(42)  # type: ignore[arg-type]


def test_malformed_export_line_is_a_typed_error(tmp_path):
    lines = ACLED.read_text(encoding="utf-8").splitlines()
    lines[2] += ",stray value"  # an unquoted comma in a note
    bad = tmp_path / "acled_bad.csv"
    bad.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(InputFormatError, match=r"acled_bad\.csv.*line 3 has"):
        read_acled(bad, gazetteer=StubGazetteer())


def test_export_encoding_option(tmp_path):
    text = UCDP.read_text(encoding="utf-8").replace("Khasham village", "Khashâm village")
    path = tmp_path / "ucdp_cp1252.csv"
    path.write_bytes(text.encode("cp1252"))
    with pytest.raises(InputFormatError, match=r"ucdp_cp1252\.csv.*encoding="):
        read_ucdp(path, gazetteer=StubGazetteer())
    gdf = read_ucdp(path, gazetteer=StubGazetteer(), encoding="cp1252")
    assert "Khashâm village" in gdf["place"].tolist()
