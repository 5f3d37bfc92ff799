"""Gazetteer.from_files / extend with a GeoNames dump and a user's CSV."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from syriamap.errors import ColumnError, InputFormatError, PlaceNotFoundError
from syriamap.gazetteer import Gazetteer


def geonames_line(
    gid: int,
    name: str,
    alternates: str,
    lat: float,
    lon: float,
    fclass: str,
    fcode: str,
    cc: str = "SY",
    population: int = 0,
) -> str:
    fields = [
        str(gid),
        name,
        name,
        alternates,
        str(lat),
        str(lon),
        fclass,
        fcode,
        cc,
        "",
        "",
        "",
        "",
        "",
        str(population),
        "",
        "400",
        "Asia/Damascus",
        "2024-01-01",
    ]
    assert len(fields) == 19
    return "\t".join(fields) + "\n"


@pytest.fixture
def dump(tmp_path: Path) -> Path:
    path = tmp_path / "SY.txt"
    path.write_text(
        geonames_line(9990001, "Khirbat Test", "Khirbet Test,خربة تست", 35.1, 40.2, "P", "PPL")
        + geonames_line(9990002, "Test Air Base", "Matar Test", 34.6, 37.6, "S", "AIRB")
        + geonames_line(9990003, "Test Camp", "", 36.3, 41.1, "S", "CMPRF", population=0)
        + geonames_line(
            173811,
            "Al Ḩasakah",
            "Hasakah,Hassakeh",
            36.50237,
            40.74772,
            "P",
            "PPLA",
            population=188160,
        ),
        encoding="utf-8",
    )
    return path


def test_geonames_dump(dump: Path) -> None:
    gz = Gazetteer.from_files(dump)
    village = gz.lookup("Khirbet Test")
    assert village.id == "geonames:9990001" and village.kind == "village"
    assert village.admin1_pcode == "SY09"  # from the shipped governorate polygons
    assert village.source == "geonames" and village.source_url
    assert gz.lookup("Matar Test").kind == "airbase"
    assert gz.lookup("Test Camp").kind == "camp"
    assert gz.get("geonames:173811").population == 188160  # the dump row replaces the shipped one
    assert len(gz) == len(Gazetteer.default()) + 3
    with pytest.raises(PlaceNotFoundError):
        Gazetteer.default().lookup("Khirbet Test")  # the default is not changed


def test_geonames_zip_and_without_default(dump: Path, tmp_path: Path) -> None:
    archive = tmp_path / "SY.zip"
    with zipfile.ZipFile(archive, "w") as zf:
        zf.write(dump, "SY.txt")
    gz = Gazetteer.from_files(archive, include_default=False)
    assert len(gz) == 4
    assert gz.lookup("Hasakah").id == "geonames:173811"


def test_bad_geonames_line(tmp_path: Path) -> None:
    path = tmp_path / "SY.txt"
    good = geonames_line(1, "A", "", 35.0, 40.0, "P", "PPL")
    path.write_text(good + "2\tB\tB\t\tnot-a-number\t40\tP\tPPL\tSY" + "\t" * 10 + "\n")
    with pytest.raises(InputFormatError, match="line 2"):
        Gazetteer.from_files(path)


def test_user_csv(tmp_path: Path) -> None:
    path = tmp_path / "mine.csv"
    path.write_text(
        "name,lon,lat,kind,aliases,precision_m,source_url\n"
        "Checkpoint Alpha,38.5,33.6,checkpoint,CP Alpha|حاجز ألفا,50,https://example.org/a\n"
        "Unlocated Farm,,,locality,,,\n"
        "Somewhere,38.7,33.7,,,,\n",
        encoding="utf-8",
    )
    gz = Gazetteer.default().extend(path)
    cp = gz.lookup("CP Alpha")
    assert (cp.id, cp.kind, cp.precision_m, cp.source) == ("user:1", "checkpoint", 50.0, "user")
    assert cp.country == "SY" and cp.admin1_pcode == "SY04"
    assert gz.lookup("حاجز ألفا").id == "user:1"
    some = gz.lookup("Somewhere")
    assert some.precision_m == 1000.0 and some.note and "assumed" in some.note
    assert [m.place.id for m in gz.search("Unlocated Farm", limit=1)] == ["user:2"]


def test_user_csv_missing_columns_name_the_fix(tmp_path: Path) -> None:
    path = tmp_path / "mine.csv"
    path.write_text("name,longitude,latitude\nA,38,33\n", encoding="utf-8")
    with pytest.raises(ColumnError) as err:
        Gazetteer.from_files(path)
    assert err.value.missing == ["lon", "lat"]
    assert err.value.suggestions == {"lon": "longitude", "lat": "latitude"}


@pytest.mark.parametrize(
    ("row", "match"),
    [
        ("A,abc,33", "not a number"),
        ("A,38,", "both lon and lat"),
        ("A,380,33", "out of range"),
        (",38,33", "name is empty"),
        ("A,38,33,castle", "unknown kind"),
    ],
)
def test_user_csv_bad_rows(tmp_path: Path, row: str, match: str) -> None:
    path = tmp_path / "mine.csv"
    path.write_text("name,lon,lat,kind\n" + row + "\n", encoding="utf-8")
    with pytest.raises(InputFormatError, match=match):
        Gazetteer.from_files(path)


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError):
        Gazetteer.from_files(tmp_path / "nope.csv")
