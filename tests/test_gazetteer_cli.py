"""``syriamap geocode``."""

from __future__ import annotations

import json

import pytest

from syriamap.cli import main

FIELDS = {"query", "name", "lon", "lat", "kind", "country", "precision_m", "matched", "source"}


def test_geocode_json(capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["geocode", "Deir ez-Zor", "Dêrik", "al-Tanf", "--json"])
    assert code == 0
    out = json.loads(capsys.readouterr().out)
    assert [r["query"] for r in out] == ["Deir ez-Zor", "Dêrik", "al-Tanf"]
    for r in out:
        assert set(r) >= FIELDS
        assert isinstance(r["lon"], float) and isinstance(r["lat"], float)
    assert out[1]["country"] == "SY" and out[2]["kind"] == "base"


def test_geocode_failures_exit_non_zero(capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["geocode", "Homs", "Xyzzyqwv", "the base", "Hosh Matroud", "Güney", "--json"])
    assert code == 1
    out = json.loads(capsys.readouterr().out)
    assert "error" not in out[0]
    types = [r["error"]["type"] for r in out[1:]]
    assert types == [
        "PlaceNotFoundError",
        "GenericNameError",
        "PlaceNotLocatedError",
        "AmbiguousPlaceError",
    ]
    assert all(r["error"]["message"] for r in out[1:])
    assert len(out[4]["error"]["candidates"]) >= 2


def test_geocode_text_and_options(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["geocode", "Sinjar", "--country", "SY"]) == 0
    text = capsys.readouterr().out
    assert "SY" in text and "lon" in text
    assert main(["geocode", "Tel Abyad", "--search", "3", "--json"]) == 0
    listed = json.loads(capsys.readouterr().out)[0]["matches"]
    assert 1 <= len(listed) <= 3
    assert main(["geocode", "Homs", "--kind", "castle"]) == 2
    assert "unknown kind" in capsys.readouterr().err


def test_a_reader_that_goes_away_stops_the_command_quietly() -> None:
    # "syriamap geocode ... | head": no traceback, no error message, exit 141 (SIGPIPE)
    import subprocess
    import sys

    run = "import sys; from syriamap.cli import main; sys.exit(main())"
    cmd = [sys.executable, "-c", run, "geocode", *["Aleppo"] * 3000, "--json"]
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert proc.stdout is not None and proc.stderr is not None
    assert proc.stdout.read(100).startswith(b"[")
    proc.stdout.close()
    err = proc.stderr.read().decode()
    assert proc.wait(timeout=120) == 141
    assert err == ""


def test_geocode_json_has_every_admin_name_and_pcode(capsys: pytest.CaptureFixture[str]) -> None:
    from syriamap.gazetteer import Gazetteer
    from syriamap.place import ADMIN_FIELDS

    assert main(["geocode", "al-Tanf", "--json"]) == 0
    row = json.loads(capsys.readouterr().out)[0]
    place = Gazetteer.default().get(row["id"])
    assert place.admin3_pcode  # (a place with all three levels)
    assert {f: row[f] for f in ADMIN_FIELDS} == {f: getattr(place, f) for f in ADMIN_FIELDS}
    assert main(["geocode", "al-Tanf", "--search", "2", "--json"]) == 0
    for m in json.loads(capsys.readouterr().out)[0]["matches"]:
        assert set(ADMIN_FIELDS) <= set(m)


@pytest.mark.parametrize("n", ["0", "-1", "two"])
def test_geocode_search_needs_one_or_more(capsys: pytest.CaptureFixture[str], n: str) -> None:
    with pytest.raises(SystemExit) as stop:
        main(["geocode", "Tel Abyad", "--search", n])
    assert stop.value.code == 2
    assert "1 or more" in capsys.readouterr().err
