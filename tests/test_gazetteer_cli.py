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
