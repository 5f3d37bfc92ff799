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
"""

from __future__ import annotations

import csv
import gzip
import io
import json
from functools import cache
from importlib import resources
from typing import Any

__all__ = ["geojson", "place_rows", "read_bytes"]

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
