"""Package-level checks: the public API resolves, imports stay light, data ships."""

from __future__ import annotations

import importlib
import json
import subprocess
import sys

import pytest

import syriamap


@pytest.mark.parametrize("name", sorted(syriamap.__all__))
def test_every_public_name_resolves(name: str) -> None:
    assert getattr(syriamap, name) is not None


def test_unknown_attribute_is_an_attribute_error() -> None:
    with pytest.raises(AttributeError, match="no_such_name"):
        syriamap.no_such_name  # noqa: B018


def _modules_after(code: str) -> set[str]:
    out = subprocess.run(
        [sys.executable, "-c", f"{code}; import sys, json; print(json.dumps(sorted(sys.modules)))"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    return set(json.loads(out.strip().splitlines()[-1]))


def test_import_syriamap_does_not_import_heavy_packages() -> None:
    loaded = _modules_after("import syriamap")
    heavy = {"folium", "geopandas", "pandas", "pyproj", "shapely", "geopy", "branca", "jinja2"}
    assert not (heavy & loaded), f"import syriamap pulled in {sorted(heavy & loaded)}"


def test_folium_is_imported_only_when_a_map_is_made() -> None:
    loaded = _modules_after("import syriamap; syriamap.Gazetteer.default().lookup('Palmyra')")
    assert "folium" not in loaded


def test_errors_inherit_the_fitting_builtin() -> None:
    errors = importlib.import_module("syriamap.errors")
    assert issubclass(errors.PlaceNotFoundError, LookupError)
    assert issubclass(errors.AmbiguousPlaceError, LookupError)
    assert issubclass(errors.InvalidCoordinateError, ValueError)
    assert issubclass(errors.CoordinateTypeError, TypeError)
    assert issubclass(errors.NameTypeError, TypeError)
    for name in errors.__all__:
        cls = getattr(errors, name)
        root = errors.SyriamapWarning if issubclass(cls, Warning) else errors.SyriamapError
        assert issubclass(cls, root), name


def test_cli_help_lists_every_command() -> None:
    out = subprocess.run(
        [sys.executable, "-m", "syriamap", "--help"], capture_output=True, text=True, check=True
    ).stdout
    for command in ("geocode", "distance", "within", "incidents", "demo", "map", "extract"):
        assert command in out, command


def test_public_names_survive_importing_every_submodule() -> None:
    """A submodule named like a public function would replace it on import.

    (``import syriamap.incidents`` would rebind ``syriamap.incidents`` to the module, so
    ``syriamap.incidents(data)`` would fail with "module is not callable".)
    """
    code = (
        "import pkgutil, importlib, types, syriamap\n"
        "for m in pkgutil.walk_packages(syriamap.__path__, 'syriamap.'):\n"
        "    if not m.name.endswith('__main__'):\n"
        "        importlib.import_module(m.name)\n"
        "bad = [n for n in syriamap.__all__ if n not in ('datasets', '__version__')\n"
        "       and isinstance(getattr(syriamap, n), types.ModuleType)]\n"
        "print(bad)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]", out.stdout
