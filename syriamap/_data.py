"""Loading the data files shipped in ``syriamap/data/`` (read lazily, once, cached).

Files (written by ``gazetteer/build.py``; WGS84 lon/lat):

``places.tsv.gz``
    One row per place; aliases ``|``-separated.
``governorates.geojson``
    The 14 Syrian governorates (Natural Earth 10m polygons, OCHA P-codes).
``provinces.geojson``
    First-level divisions of Syria's neighbours (Natural Earth 10m).
``countries.geojson``
    Syria, its neighbours and the countries around them (Natural Earth 10m via world-atlas).
``name_keys.tsv.gz``
    Every name of ``places.tsv.gz`` with its :func:`syriamap.names.normalize` key and
    :func:`syriamap.names.fold`, made with the ``names.py`` whose code sha256 the first
    line gives (ignored when that module's code has changed since).
"""

from __future__ import annotations

import csv
import gzip
import hashlib
import io
import json
from functools import cache
from importlib import resources
from typing import Any

__all__ = ["geojson", "name_keys", "names_stamp", "place_rows", "read_bytes"]

_PACKAGE = "syriamap.data"


def read_bytes(filename: str) -> bytes:
    """Return the bytes of one shipped data file.

    Parameters
    ----------
    filename : str
        File name inside ``syriamap/data/`` (e.g. ``"countries.geojson"``).
    """
    return resources.files(_PACKAGE).joinpath(filename).read_bytes()


@cache
def place_rows() -> tuple[dict[str, str], ...]:
    """Rows of ``places.tsv.gz`` as dicts of strings (empty string for a missing value)."""
    text = gzip.decompress(read_bytes("places.tsv.gz")).decode("utf-8")
    reader = csv.DictReader(io.StringIO(text), delimiter="\t", quoting=csv.QUOTE_NONE)
    return tuple(reader)


@cache
def geojson(filename: str) -> dict[str, Any]:
    """Return a shipped GeoJSON FeatureCollection, parsed once and cached (do not mutate it).

    Parameters
    ----------
    filename : str
        ``"governorates.geojson"``, ``"provinces.geojson"`` or ``"countries.geojson"``.
    """
    result: dict[str, Any] = json.loads(read_bytes(filename))
    return result


def names_stamp() -> str:
    """Return a sha256 of the installed ``syriamap/names.py`` code ("" when unreadable).

    Docstrings and comments do not count: only a change to the code makes the shipped
    name keys stale.
    """
    import ast

    try:
        source = resources.files("syriamap").joinpath("names.py").read_bytes()
        tree = ast.parse(source)
    except (OSError, SyntaxError, ValueError):  # e.g. installed without sources
        return ""
    for node in ast.walk(tree):
        body = getattr(node, "body", None)
        if (
            isinstance(body, list)
            and body
            and isinstance(body[0], ast.Expr)
            and isinstance(body[0].value, ast.Constant)
            and isinstance(body[0].value.value, str)
        ):
            body[0] = ast.Pass()  # a docstring
    return hashlib.sha256(ast.dump(tree).encode("utf-8")).hexdigest()


@cache
def name_keys() -> dict[str, tuple[str, str]] | None:
    """Shipped ``name -> (key, fold)``, or ``None`` when missing or made by another names.py."""
    try:
        text = gzip.decompress(read_bytes("name_keys.tsv.gz")).decode("utf-8")
    except (OSError, FileNotFoundError):
        return None
    head, _, body = text.partition("\n")
    stamp = names_stamp()
    if not stamp or head != f"# names.py code sha256 {stamp}":
        return None
    out: dict[str, tuple[str, str]] = {}
    for line in body.split("\n"):
        if line:
            name, key, folded = line.split("\t")
            out[name] = (key, folded)
    return out
