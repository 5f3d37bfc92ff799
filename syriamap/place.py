"""The :class:`Place` record returned by the gazetteer."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

__all__ = ["ADMIN_FIELDS", "KINDS", "Place"]

#: Kinds of place the gazetteer knows, from settlements to facilities and areas.
#: The administrative-area fields of a :class:`Place`, in order (names and OCHA P-codes of
#: governorate, district and subdistrict).
ADMIN_FIELDS = ("admin1", "admin1_pcode", "admin2", "admin2_pcode", "admin3", "admin3_pcode")
KINDS: frozenset[str] = frozenset(
    {
        "city",
        "town",
        "village",
        "locality",
        "base",
        "airbase",
        "airport",
        "port",
        "crossing",
        "checkpoint",
        "oilfield",
        "gasfield",
        "facility",
        "camp",
        "prison",
        "dam",
        "lake",
        "river",
        "mountain",
        "tripoint",
        "region",
        "governorate",
        "district",
        "subdistrict",
        "province",
        "country",
    }
)


@dataclass(frozen=True, slots=True)
class Place:
    """One named place of the gazetteer.

    Coordinates are WGS84 longitude and latitude in decimal degrees, in that
    order.  A place that is known by name but has no sourced location (for
    example Hosh Matroud) has ``lon`` and ``lat`` set to ``None``; the
    gazetteer's ``lookup`` raises :class:`~syriamap.errors.PlaceNotLocatedError`
    for it rather than inventing a point.

    Parameters
    ----------
    id : str
        Stable identifier: an OCHA P-code (``"SY0900"``), ``"geonames:170794"``
        or ``"curated:al-tanf-garrison"``.
    name : str
        Preferred English name.
    kind : str
        One of :data:`KINDS` (``"city"``, ``"base"``, ``"crossing"`` ...).
    lon, lat : float or None
        WGS84 longitude and latitude in degrees; ``None`` when unlocated.
    precision_m : float or None
        Radius in metres within which the true location lies according to
        the source (how far the point may be from the place it stands for);
        ``None`` when unlocated.
    country : str
        ISO 3166-1 alpha-2 code (``"SY"``, ``"IQ"``, ``"JO"`` ...).
    admin1, admin1_pcode, admin2, admin2_pcode, admin3, admin3_pcode : str or None
        Governorate, district and subdistrict names and OCHA P-codes (Syria),
        or the first-level division of another country in ``admin1``.
    name_ar : str or None
        Name in Arabic script.
    aliases : tuple of str
        Other names, Latin and Arabic script.
    source : str
        Short name of the dataset the row comes from (``"curated"``,
        ``"opensyria"``, ``"geonames"``, ``"user"``, ``"nominatim"`` ...).
    source_url : str or None
        Where the coordinates were taken from.
    population : int or None
        Population where the source gives one.
    note : str or None
        Free-text caveats (disagreements between sources, what is unknown).

    Examples
    --------
    >>> from syriamap import Gazetteer
    >>> tanf = Gazetteer.default().get("curated:al-tanf-garrison")
    >>> tanf.kind, tanf.country, tanf.lonlat, tanf.precision_m
    ('base', 'SY', (38.61778, 33.50583), 2000.0)
    >>> tanf.__geo_interface__["geometry"]
    {'type': 'Point', 'coordinates': [38.61778, 33.50583]}
    >>> Gazetteer.default().get("curated:hosh-matroud").located
    False
    """

    id: str
    name: str
    kind: str
    lon: float | None
    lat: float | None
    precision_m: float | None
    country: str
    admin1: str | None = None
    admin1_pcode: str | None = None
    admin2: str | None = None
    admin2_pcode: str | None = None
    admin3: str | None = None
    admin3_pcode: str | None = None
    name_ar: str | None = None
    aliases: tuple[str, ...] = field(default=())
    source: str = ""
    source_url: str | None = None
    population: int | None = None
    note: str | None = None

    @property
    def located(self) -> bool:
        """Whether the place has sourced coordinates."""
        return self.lon is not None and self.lat is not None

    @property
    def lonlat(self) -> tuple[float, float]:
        """``(lon, lat)`` in degrees; raises ``PlaceNotLocatedError`` if unlocated."""
        if self.lon is None or self.lat is None:
            from syriamap.errors import PlaceNotLocatedError

            raise PlaceNotLocatedError(self)
        return (self.lon, self.lat)

    @property
    def __geo_interface__(self) -> dict[str, Any]:
        """GeoJSON Feature of the place (geometry ``None`` when unlocated)."""
        props = self.to_dict()
        props.pop("lon")
        props.pop("lat")
        geometry = {"type": "Point", "coordinates": [self.lon, self.lat]} if self.located else None
        return {"type": "Feature", "id": self.id, "geometry": geometry, "properties": props}

    def to_dict(self) -> dict[str, Any]:
        """Return the place as a plain dict (aliases as a list)."""
        d = asdict(self)
        d["aliases"] = list(self.aliases)
        return d
