"""``syriamap incidents``: formats by extension, summary and report, exit codes."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest

from syriamap._incidents import read_incidents
from syriamap.cli import main

FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture
def table(tmp_path) -> Path:
    path = tmp_path / "events.csv"
    pd.DataFrame(
        [
            {"id": "a", "date": "2022-06-15", "place": "al-Tanf"},
            {"id": "b", "date": "someday", "place": "al-Tnaf"},
            {"id": "c", "date": "June 2020", "lat": 37.167, "lon": 42.133},
        ]
    ).to_csv(path, index=False)
    return path


@pytest.mark.parametrize("suffix", [".geojson", ".gpkg", ".parquet"])
def test_writes_by_extension(table, tmp_path, suffix, capsys):
    out = tmp_path / f"out{suffix}"
    code = main(["incidents", str(table), "-o", str(out)])
    assert code == 1  # rows in the report
    back = read_incidents(out)
    assert back["id"].tolist() == ["a", "b", "c"]  # the bad row is written too
    assert back["status"].tolist() == ["ok", "not_found", "ok"]
    err = capsys.readouterr().err
    assert "3 rows, 2 located" in err
    assert "row 1 id b date 'someday'" in err
    assert "al-Tnaf" in err


def test_csv_output(table, tmp_path):
    out = tmp_path / "out.csv"
    main(["incidents", str(table), "-o", str(out)])
    df = pd.read_csv(out)
    assert df["id"].tolist() == ["a", "b", "c"]
    assert "geometry" not in df.columns and {"lon", "lat"} <= set(df.columns)


def test_json_summary(table, capsys):
    code = main(["incidents", str(table), "--json"])
    assert code == 1
    summary = json.loads(capsys.readouterr().out)
    assert summary["rows"] == 3 and summary["located"] == 2
    assert summary["status"] == {"ok": 2, "not_found": 1}
    fields = {(r["row"], r["field"]) for r in summary["report"]}
    assert fields == {(1, "date"), (1, "place")}
    assert any("al-Tanf" in s for r in summary["report"] for s in r["suggestions"])


def test_clean_input_exit_zero_and_zone(tmp_path, capsys):
    out = tmp_path / "acled.gpkg"
    code = main(
        ["incidents", str(FIXTURES / "acled_sample.csv"), "-o", str(out), "--zone", "al-Tanf:55"]
    )
    assert code == 0
    err = capsys.readouterr().err
    assert "(acled)" in err and "8 located" in err
    back = read_incidents(out)
    assert back["55 km around al-Tanf: relation"].tolist().count("inside") == 2


def test_ucdp_detected(capsys):
    assert main(["incidents", str(FIXTURES / "ucdp_sample.csv"), "--json"]) == 0
    summary = json.loads(capsys.readouterr().out)
    assert summary["format"] == "ucdp" and summary["located"] == 7


def test_errors_exit_two(tmp_path, capsys):
    bad = tmp_path / "bad.csv"
    bad.write_text("date,lattitude,longitude\n2022-06-15,33.5,38.6\n")
    assert main(["incidents", str(bad)]) == 2
    assert "'lattitude'" in capsys.readouterr().err
    assert main(["incidents", str(tmp_path / "missing.csv")]) == 2
    assert main(["incidents", str(bad), "-o", str(tmp_path / "x.docx")]) == 2
    with pytest.raises(SystemExit):
        main(["incidents", str(bad), "--zone", "al-Tanf"])


def test_csv_output_defuses_formulas(tmp_path):
    src = tmp_path / "in.csv"
    pd.DataFrame(
        [
            {
                "id": "x",
                "date": "2022-06-15",
                "place": "al-Tanf",
                "description": '=HYPERLINK("http://e.vil")',
            },
            {"id": "y", "date": "2022-06-15", "place": "al-Tanf", "description": "plain text"},
        ]
    ).to_csv(src, index=False)
    out = tmp_path / "out.csv"
    assert main(["incidents", str(src), "-o", str(out)]) == 0
    df = pd.read_csv(out)
    assert df["description"].tolist() == ['\'=HYPERLINK("http://e.vil")', "plain text"]
    assert df["lon"].dtype.kind == "f"  # numbers untouched


def test_malformed_csv_line_exits_two_with_a_typed_message(tmp_path, capsys):
    bad = tmp_path / "extra_field.csv"
    bad.write_text("id,date,place\na,2022-06-15,al-Tanf\nb,2022-06-16,Rukban,extra\n")
    assert main(["incidents", str(bad)]) == 2
    err = capsys.readouterr().err
    assert "extra_field.csv" in err and "line 3 has 4" in err
    assert "Error tokenizing" not in err  # not pandas' raw message


def test_encoding_option(tmp_path, capsys):
    src = tmp_path / "latin1.csv"
    src.write_bytes("id,date,place\na,2022-06-15,Dêrik\n".encode("latin-1"))
    assert main(["incidents", str(src)]) == 2
    assert "latin1.csv" in capsys.readouterr().err
    assert main(["incidents", str(src), "--encoding", "latin-1", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["located"] == 1
