"""Bad options and inputs of the gazetteer's public entry points: typed errors that say the fix."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import pytest

import syriamap
from syriamap._country import COUNTRIES, ISO_ALPHA2, country_code
from syriamap.cli import main
from syriamap.errors import (
    ArgumentTypeError,
    CoordinateTypeError,
    InputFormatError,
    InvalidArgumentError,
    SyriamapError,
)
from syriamap.gazetteer import Gazetteer
from syriamap.place import Place


@pytest.fixture(scope="module")
def gz() -> Gazetteer:
    return Gazetteer.default()


# --- country= --------------------------------------------------------------------------

SPELLINGS_OF_SY = ["SY", "sy", " Sy ", "Syria", "SYRIA", "syrian arab republic", "SYR", "syr"]


@pytest.mark.parametrize("country", SPELLINGS_OF_SY)
def test_country_spellings_mean_the_same(gz: Gazetteer, country: str) -> None:
    # Sinjar is in Iraq unless narrowed to Syria
    assert gz.lookup("Sinjar", country=country).id == gz.lookup("Sinjar", country="SY").id
    assert {m.place.country for m in gz.search("Sinjar", country=country)} == {"SY"}
    out = gz.lookup_many(["Raqqa", "Sinjar"], country=country)
    assert list(out["status"]) == ["ok", "ok"]
    assert set(out["country"]) == {"SY"}


@pytest.mark.parametrize(
    ("country", "code"),
    [("Turkey", "TR"), ("Türkiye", "TR"), ("TUR", "TR"), ("iraq", "IQ"), ("Palestine", "PS")],
)
def test_country_names_of_the_held_countries(country: str, code: str) -> None:
    assert country_code(country) == code


def test_every_named_country_is_an_iso_code_the_gazetteer_holds(gz: Gazetteer) -> None:
    held = {p.country for p in gz}
    assert set(COUNTRIES) <= ISO_ALPHA2
    assert set(COUNTRIES) == held  # names for exactly the countries of the shipped data


@pytest.mark.parametrize("country", ["Sryia", "", "S Y", "XX", "Syria Arab"])
def test_unknown_country_is_an_error_listing_the_codes(gz: Gazetteer, country: str) -> None:
    for call in (
        lambda: gz.lookup("Raqqa", country=country),
        lambda: gz.search("Raqqa", country=country),
        lambda: gz.lookup_many(["Raqqa", "Homs"], country=country),
    ):
        with pytest.raises(InvalidArgumentError, match="unknown country") as err:
            call()
        assert isinstance(err.value, ValueError)
        assert repr(country) in str(err.value) and "SY (Syria, SYR)" in str(err.value)


def test_a_country_without_places_is_an_error(gz: Gazetteer, tmp_path: Path) -> None:
    with pytest.raises(InvalidArgumentError, match="no place in that country") as err:
        gz.lookup("Raqqa", country="de")
    assert "SY" in str(err.value) and "TR" in str(err.value)  # the countries it has
    with pytest.raises(InvalidArgumentError, match="no place"):
        gz.lookup_many(["Raqqa"], country="DE")
    # a user's own places make the country valid
    mine = gz.extend([Place("user:b", "Brandenburger Tor", "locality", 13.38, 52.52, 50.0, "DE")])
    assert mine.lookup("Brandenburger Tor", country="de").id == "user:b"


@pytest.mark.parametrize("country", [5, ["SY"], b"SY"])
def test_country_of_the_wrong_type(gz: Gazetteer, country: Any) -> None:
    with pytest.raises(ArgumentTypeError, match="country must be a str"):
        gz.lookup("Raqqa", country=country)
    with pytest.raises(ArgumentTypeError):
        gz.lookup_many(["Raqqa"], country=country)
    with pytest.raises(TypeError):
        gz.search("Raqqa", country=country)


def test_incidents_check_country_before_reading() -> None:
    rows = [{"id": "a", "date": "2022-06-15", "place": "Sinjar"}]
    assert syriamap.incidents(rows, country="Syria")["country"].tolist() == ["SY"]
    with pytest.raises(InvalidArgumentError, match="unknown country 'Sryia'"):
        syriamap.incidents(rows, country="Sryia")


# --- kind=, near=, limit= ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("kind", "error"),
    [
        ("nonsense", InvalidArgumentError),
        ([], InvalidArgumentError),
        (set(), InvalidArgumentError),
        (5, ArgumentTypeError),
        ([5], ArgumentTypeError),
        ({"city": 1}, ArgumentTypeError),
    ],
)
def test_bad_kind(gz: Gazetteer, kind: Any, error: type[SyriamapError]) -> None:
    with pytest.raises(error, match="kind"):
        gz.lookup("Raqqa", kind=kind)
    with pytest.raises(error, match="kind"):
        gz.lookup_many(["Raqqa"], kind=kind)
    with pytest.raises(error, match="kind"):
        gz.search("Raqqa", kind=kind)


@pytest.mark.parametrize("near", ["x", (1, 2, 3), 5, (38.9,), np.zeros((2, 2)), {"lon": 38}])
def test_bad_near(gz: Gazetteer, near: Any) -> None:
    with pytest.raises(CoordinateTypeError, match=r"near must be one \(lon, lat\) pair"):
        gz.lookup("Raqqa", near=near)


def test_near_as_list_or_array(gz: Gazetteer) -> None:
    expected = gz.lookup("Raqqa", near=(39.0, 35.95)).id
    assert gz.lookup("Raqqa", near=[39.0, 35.95]).id == expected
    assert gz.lookup("Raqqa", near=np.array([39.0, 35.95])).id == expected


@pytest.mark.parametrize(
    ("limit", "error"),
    [
        (0, InvalidArgumentError),
        (-1, InvalidArgumentError),
        ("3", ArgumentTypeError),
        (2.0, ArgumentTypeError),
        (True, ArgumentTypeError),
    ],
)
def test_bad_limit(gz: Gazetteer, limit: Any, error: type[SyriamapError]) -> None:
    with pytest.raises(error, match="limit"):
        gz.search("Raqqa", limit=limit)


def test_numpy_int_limit(gz: Gazetteer) -> None:
    assert len(gz.search("Raqqa", limit=np.int64(2))) == 2


# --- the CLI ------------------------------------------------------------------------------


def test_cli_country_spellings(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["geocode", "Sinjar", "--country", "syria", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)[0]["country"] == "SY"
    with pytest.raises(SystemExit) as stop:
        main(["geocode", "Sinjar", "--country", "Sryia"])
    assert stop.value.code == 2
    assert "unknown country 'Sryia'" in capsys.readouterr().err
    assert main(["geocode", "Sinjar", "Raqqa", "--country", "DE"]) == 2
    err = capsys.readouterr().err
    assert err.count("no place in that country") == 1  # once, not once per name


def test_cli_incidents_country(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    src = tmp_path / "in.csv"
    src.write_text("id,date,place\na,2022-06-15,Sinjar\n", encoding="utf-8")
    with pytest.raises(SystemExit) as stop:
        main(["incidents", str(src), "-o", str(tmp_path / "out.csv"), "--country", "Sryia"])
    assert stop.value.code == 2
    assert "unknown country" in capsys.readouterr().err


# --- lookup_many(names) -------------------------------------------------------------------


@pytest.mark.parametrize(
    "names",
    [
        [["Raqqa"], ["Homs"]],
        [("Raqqa",), ("Homs",)],
        pd.Series([["Raqqa"], ["Homs"]]),
        [["Raqqa", "Homs"], ["Aleppo", "Idlib"]],
    ],
)
def test_rows_that_are_lists_are_reported_per_row(gz: Gazetteer, names: Any) -> None:
    out = gz.lookup_many(names)
    assert len(out) == 2 and list(out["status"]) == ["invalid", "invalid"]
    report = out.attrs["report"]
    assert list(report["row"]) == [0, 1]
    assert all("must be a str" in r for r in report["reason"])
    assert [list(v) for v in report["value"]] == [list(v) for v in names]


def test_a_list_of_lists_beside_names(gz: Gazetteer) -> None:
    out = gz.lookup_many(["Raqqa", ["Homs"], "Aleppo"])
    assert list(out["status"]) == ["ok", "invalid", "ok"]


@pytest.mark.parametrize(
    "names", [np.array([["Raqqa", "Homs"]]), np.array([["Raqqa"], ["Homs"]]), np.array("Raqqa")]
)
def test_an_array_that_is_not_one_column(gz: Gazetteer, names: np.ndarray) -> None:
    with pytest.raises(InputFormatError, match=f"{names.ndim}-D array of shape"):
        gz.lookup_many(names)


@pytest.mark.parametrize(
    ("names", "hint"), [(None, "NoneType"), (5, "int 5"), (b"Raqqa", "decode")]
)
def test_not_a_column(gz: Gazetteer, names: Any, hint: str) -> None:
    with pytest.raises(ArgumentTypeError, match="lookup_many expects a column of names") as err:
        gz.lookup_many(names)
    assert hint in str(err.value)


def test_other_columns_still_work(gz: Gazetteer) -> None:
    names = ["Raqqa", "Homs"]
    for column in (names, tuple(names), np.array(names), pd.Index(names), iter(names)):
        assert list(gz.lookup_many(column)["status"]) == ["ok", "ok"]
