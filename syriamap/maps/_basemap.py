"""The vector basemap embedded in every map (no tiles needed).

``syriamap/data/basemap.json`` holds simplified Natural Earth polygons (Syria
and neighbouring countries, Syrian governorates) and main towns with labels;
``tools/build_basemap.py`` rebuilds it from ``gazetteer/sources/naturalearth``.
"""

from __future__ import annotations

import functools
import json
from importlib import resources
from typing import Any

from syriamap.maps._layers import script_json

__all__ = ["ATTRIBUTION", "basemap", "basemap_script_json"]

ATTRIBUTION = "Basemap: Natural Earth"


@functools.cache
def basemap() -> dict[str, Any]:
    """Return the basemap bundle (read once, cached).

    Returns
    -------
    dict
        ``countries`` and ``governorates`` (GeoJSON FeatureCollections, lon/lat)
        and ``towns`` (list of ``{name, name_ar, country, lon, lat, rank}``).
    """
    text = resources.files("syriamap").joinpath("data", "basemap.json").read_text("utf-8")
    data: dict[str, Any] = json.loads(text)
    return data


@functools.cache
def basemap_script_json() -> str:
    """Return the basemap as JSON safe to embed in a ``<script>`` element.

    Returns
    -------
    str
        Compact JSON text.
    """
    return script_json(basemap())
