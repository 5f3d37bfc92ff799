"""syriamap: map conflict incidents in Syria.

An offline gazetteer that resolves place names as news writes them, geodesic
zones and distances that account for location uncertainty, incidents as
GeoPandas GeoDataFrames, place mentions and distance claims in news text, and
interactive Leaflet maps that work offline.

Coordinates are (lon, lat) in WGS84 degrees throughout; distances are in
metres unless a name says ``_km``.

Heavy dependencies (geopandas, folium) are imported only when the names that
need them are first used, so ``import syriamap`` stays fast.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

# public name -> module that defines it (imported on first access)
_EXPORTS: dict[str, str] = {
    # places and the gazetteer
    "Place": "syriamap.place",
    "Gazetteer": "syriamap.gazetteer",
    "Match": "syriamap.gazetteer",
    "AdminArea": "syriamap.gazetteer",
    "lookup": "syriamap.gazetteer",
    "admin_area": "syriamap.gazetteer",
    # geodesy and zones
    "distance_m": "syriamap.geodesy",
    "distance": "syriamap.geodesy",
    "Distance": "syriamap.geodesy",
    "bearing_deg": "syriamap.geodesy",
    "destination": "syriamap.geodesy",
    "geodesic_circle": "syriamap.geodesy",
    "Zone": "syriamap.zones",
    # incidents
    "incidents": "syriamap._incidents",
    "enrich": "syriamap._incidents",
    "write_incidents": "syriamap._incidents",
    "read_incidents": "syriamap._incidents",
    "read_acled": "syriamap.readers",
    "read_ucdp": "syriamap.readers",
    # maps
    "incident_map": "syriamap.maps",
    # news text
    "find_places": "syriamap.geoparse",
    "check_claims": "syriamap.claims",
    "Mention": "syriamap.geoparse",
    "Claim": "syriamap.claims",
    "Ring": "syriamap.claims",
    "claims_map": "syriamap.claims",
    # online fallback (opt-in)
    "OnlineGeocoder": "syriamap.online",
    # errors
    "SyriamapError": "syriamap.errors",
    "SyriamapWarning": "syriamap.errors",
    "PlaceNotFoundError": "syriamap.errors",
    "AmbiguousPlaceError": "syriamap.errors",
    "PlaceNotLocatedError": "syriamap.errors",
    "GenericNameError": "syriamap.errors",
    "InvalidNameError": "syriamap.errors",
    "NameTypeError": "syriamap.errors",
    "TextTypeError": "syriamap.errors",
    "InvalidCoordinateError": "syriamap.errors",
    "CoordinateTypeError": "syriamap.errors",
    "InvalidDistanceError": "syriamap.errors",
    "InvalidDateError": "syriamap.errors",
    "CRSError": "syriamap.errors",
    "ColumnError": "syriamap.errors",
    "InputFormatError": "syriamap.errors",
    "InputFileNotFoundError": "syriamap.errors",
    "InvalidArgumentError": "syriamap.errors",
    "ArgumentTypeError": "syriamap.errors",
    "GeocoderError": "syriamap.errors",
    "GeocoderConfigError": "syriamap.errors",
    "GeocoderTimeoutError": "syriamap.errors",
    "GeocoderQuotaError": "syriamap.errors",
    "GeocoderServiceError": "syriamap.errors",
    "GeocoderResponseError": "syriamap.errors",
    "SwappedCoordinatesWarning": "syriamap.errors",
    "DoubtfulCoordinatesWarning": "syriamap.errors",
}

_SUBMODULES = {"datasets", "errors", "place"}

__all__ = sorted([*_EXPORTS, "datasets", "__version__"])


def __getattr__(name: str) -> Any:
    """Import public names lazily (PEP 562)."""
    module = _EXPORTS.get(name)
    if module is not None:
        value = getattr(importlib.import_module(module), name)
        globals()[name] = value
        return value
    if name in _SUBMODULES:
        return importlib.import_module(f"syriamap.{name}")
    raise AttributeError(f"module 'syriamap' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))


if TYPE_CHECKING:  # pragma: no cover - for type checkers and IDEs only
    from syriamap.errors import (
        AmbiguousPlaceError,
        ArgumentTypeError,
        ColumnError,
        CoordinateTypeError,
        CRSError,
        DoubtfulCoordinatesWarning,
        GenericNameError,
        GeocoderError,
        InputFileNotFoundError,
        InputFormatError,
        InvalidArgumentError,
        InvalidCoordinateError,
        InvalidDateError,
        InvalidDistanceError,
        InvalidNameError,
        NameTypeError,
        PlaceNotFoundError,
        PlaceNotLocatedError,
        SwappedCoordinatesWarning,
        SyriamapError,
        SyriamapWarning,
    )
    from syriamap.place import Place
