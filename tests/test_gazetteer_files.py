"""Gazetteer.from_files / extend with a GeoNames dump and a user's CSV."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from syriamap.errors import (
    ArgumentTypeError,
    ColumnError,
    InputFileNotFoundError,
    InputFormatError,
    InvalidArgumentError,
    PlaceNotFoundError,
)
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


def test_geonames_dump_arabic_name_is_read_as_the_shipped_layer_reads_it(
    tmp_path: Path,
) -> None:
    # GeoNames lists a romanised key with a Kurdish letter and the Kurdish-derived Arabic
    # spelling before the Arabic name: the first Arabic-script string is not the name
    path = tmp_path / "SY.txt"
    path.write_text(
        geonames_line(
            9990011,
            "Al Qamishli Test",
            "qamshlۆ,القامشلو تست,القامشلي تست,Qamishli Test",
            37.05,
            41.22,
            "P",
            "PPL",
        )
        + geonames_line(9990012, "Latin Only Test", "Latin Only", 36.0, 38.0, "P", "PPL"),
        encoding="utf-8",
    )
    gz = Gazetteer.from_files(path, include_default=False)
    town = gz.get("geonames:9990011")
    assert town.name_ar == "القامشلي تست"
    assert "qamshlۆ" in town.aliases and "القامشلو تست" in town.aliases  # still names it
    assert gz.lookup("القامشلو تست").id == town.id
    assert gz.get("geonames:9990012").name_ar is None


def test_airport_codes_are_not_names(tmp_path: Path) -> None:
    # GeoNames lists a city's IATA and ICAO codes among its alternate names; read as names,
    # "Ebla" (the tell in Idlib) was Erbil through its code EBL
    path = tmp_path / "SY.txt"
    path.write_text(
        geonames_line(
            9990021, "Erbil Test", "EBL,ORER,Hewler Test,Arbil Test", 36.19, 44.01, "P", "PPL"
        )
        + geonames_line(9990022, "VAN", "Van City", 38.5, 43.4, "P", "PPL"),
        encoding="utf-8",
    )
    gz = Gazetteer.from_files(path, include_default=False)
    assert gz.get("geonames:9990021").aliases == ("Hewler Test", "Arbil Test")
    assert gz.get("geonames:9990022").name == "VAN"  # a name in capitals is still the name
    # the shipped layer is read the same way
    shipped = Gazetteer.default()
    assert not [
        (p.id, a)
        for p in shipped.places
        if p.source == "geonames"
        for a in p.aliases
        if len(a) in (3, 4) and a.isascii() and a.isalpha() and a.isupper()
    ]
    assert shipped.lookup("Ebla").id == "curated:ebla"  # (the tell, a curated row now)
    assert shipped.lookup("Erbil").id == "geonames:95446"


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


# --- encodings, bad paths, bad rows, ids ---------------------------------------------------

ARABIC_ROW = "name,lon,lat\nالتنف الجديدة,38.6,33.5\n"


@pytest.mark.parametrize("codec", ["cp1256", "latin-1"])
def test_user_csv_not_utf8_says_which_encoding_to_pass(tmp_path: Path, codec: str) -> None:
    path = tmp_path / "mine.csv"
    text = ARABIC_ROW if codec == "cp1256" else "name,lon,lat\nDéir Test,38.6,33.5\n"
    path.write_bytes(text.encode(codec))
    with pytest.raises(InputFormatError, match="line 2") as err:
        Gazetteer.default().extend(path)
    assert "encoding=" in str(err.value) and "mine.csv" in str(err.value)
    gz = Gazetteer.default().extend(path, encoding=codec)
    name = text.splitlines()[1].split(",")[0]
    assert gz.lookup(name).source == "user"
    assert Gazetteer.from_files(path, encoding=codec).lookup(name).source == "user"


@pytest.mark.parametrize("codec", ["utf-16", "utf-16-be", "utf-8-sig"])
def test_user_csv_with_a_byte_order_mark_is_read(tmp_path: Path, codec: str) -> None:
    path = tmp_path / "mine.csv"
    data = ARABIC_ROW.encode(codec)
    if codec == "utf-16-be":
        data = b"\xfe\xff" + data
    path.write_bytes(data)
    assert Gazetteer.default().extend(path).lookup("التنف الجديدة").id == "user:1"


def test_unknown_encoding(tmp_path: Path) -> None:
    path = tmp_path / "mine.csv"
    path.write_text(ARABIC_ROW, encoding="utf-8")
    with pytest.raises(InputFormatError, match="unknown encoding 'arabic-ish'"):
        Gazetteer.default().extend(path, encoding="arabic-ish")


def test_bad_paths_and_places(tmp_path: Path) -> None:
    gz = Gazetteer.default()
    with pytest.raises(InputFileNotFoundError, match=r"nope\.csv"):
        gz.extend(tmp_path / "nope.csv")
    with pytest.raises(InputFormatError, match="is a directory"):
        gz.extend(tmp_path)
    with pytest.raises(InputFormatError, match="is a directory"):
        Gazetteer.from_files(tmp_path)
    for bad in ([1], [gz.get("SY08"), "Raqqa"], 5, None, gz.get("SY08")):
        with pytest.raises(ArgumentTypeError, match="Place"):
            gz.extend(bad)  # type: ignore[arg-type]
    with pytest.raises(ArgumentTypeError):
        Gazetteer([1])  # type: ignore[list-item]
    with pytest.raises(InvalidArgumentError, match="applies to a file"):
        gz.extend([gz.get("SY08")], encoding="cp1256")


@pytest.mark.parametrize(
    ("country", "code"),
    [("Syria", "SY"), ("sy", "SY"), ("SYR", "SY"), ("Türkiye", "TR"), ("iq", "IQ")],
)
def test_user_csv_country_spellings(tmp_path: Path, country: str, code: str) -> None:
    path = tmp_path / "mine.csv"
    path.write_text(f"name,lon,lat,country\nZulfiqarun Test,38.6,33.5,{country}\n", "utf-8")
    gz = Gazetteer.default().extend(path)
    assert gz.lookup("Zulfiqarun Test", country=code).country == code


@pytest.mark.parametrize(
    ("columns", "row", "match"),
    [
        ("country", "Sryia", "line 2: unknown country 'Sryia'"),
        ("precision_m", "-5", "line 2: precision_m '-5' is negative"),
        ("name", "Tanf\x00x", "line 2: the name .* control character"),
        ("name", "the base", "line 2: the name 'the base' can never be looked up: .*generic"),
        ("aliases", "Alpha|the desert", "line 2: the alias 'the desert'"),
    ],
)
def test_user_csv_rows_that_could_never_be_found(
    tmp_path: Path, columns: str, row: str, match: str
) -> None:
    path = tmp_path / "mine.csv"
    values = {"name": "Checkpoint Beta", "lon": "38.5", "lat": "33.6", columns: row}
    path.write_text(",".join(values) + "\n" + ",".join(values.values()) + "\n", encoding="utf-8")
    with pytest.raises(InputFormatError, match=match):
        Gazetteer.default().extend(path)


def test_user_csv_id_already_in_the_gazetteer_replaces_it(tmp_path: Path) -> None:
    base = Gazetteer.default()
    old = base.get("geonames:172955")
    path = tmp_path / "mine.csv"
    path.write_text(
        "id,name,lon,lat,country\n"
        f"geonames:172955,{old.name},39.1,35.9,SY\n"
        "cp9,Checkpoint Gamma,38.5,33.6,SY\n",
        encoding="utf-8",
    )
    gz = base.extend(path)
    assert len(gz) == len(base) + 1  # one replaced, one added
    moved = gz.get("geonames:172955")
    assert (moved.lon, moved.source) == (39.1, "user")
    assert "user:geonames:172955" not in gz
    assert gz.lookup("Checkpoint Gamma").id == "user:cp9"
    # a second file may replace a place of the first by its id (as written or prefixed)
    again = tmp_path / "again.csv"
    again.write_text("id,name,lon,lat\ncp9,Checkpoint Gamma,38.7,33.7\n", encoding="utf-8")
    assert Gazetteer.from_files(path, again).get("user:cp9").lon == 38.7
    assert gz.extend(again).get("user:cp9").lon == 38.7


def test_user_csv_duplicate_ids(tmp_path: Path) -> None:
    path = tmp_path / "mine.csv"
    path.write_text("id,name,lon,lat\na,Alpha Test,38.5,33.6\na,Beta Test,38.6,33.6\n", "utf-8")
    with pytest.raises(InputFormatError, match="line 3: id 'user:a' is already used on line 2"):
        Gazetteer.default().extend(path)
