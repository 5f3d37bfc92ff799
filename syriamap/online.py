"""Opt-in online fallback geocoding through geopy (Nominatim or GeoNames).

Nothing in syriamap touches the network unless you build an
:class:`OnlineGeocoder` and call :meth:`OnlineGeocoder.geocode`.  Results are
:class:`~syriamap.place.Place` records whose ``id`` starts with ``online:``
and whose ``source`` is ``"nominatim"`` or ``"geonames"``, so they are never
mistaken for the curated places of the offline gazetteer.

Every answer, including "no result", is kept in a persistent sqlite cache so a
name is asked once; failures (timeouts, HTTP 429/5xx, malformed answers) raise
a typed :class:`~syriamap.errors.GeocoderError` and are never cached.  Requests
to one service are spaced at least ``min_delay_s`` apart (Nominatim's usage
policy allows at most one request per second).

Examples
--------
>>> from syriamap.online import OnlineGeocoder
>>> OnlineGeocoder.nominatim(user_agent="")  # doctest: +IGNORE_EXCEPTION_DETAIL
Traceback (most recent call last):
GeocoderConfigError: Nominatim needs a user agent that identifies your application
>>> gc = OnlineGeocoder.nominatim(user_agent="acme-newsroom-maps (desk@example.org)")
>>> gc.countries
('sy', 'iq', 'jo', 'lb', 'tr', 'il', 'ps')
>>> gc.geocode("Tal Abyad")  # doctest: +SKIP
Place(id='online:nominatim:relation/...', name='Tell Abyad', kind='town', ...)
"""

from __future__ import annotations

import math
import os
import re
import threading
import time
import unicodedata
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from syriamap._cache import GeocodeCache, default_cache_path
from syriamap.errors import (
    GeocoderConfigError,
    GeocoderError,
    GeocoderQuotaError,
    GeocoderResponseError,
    GeocoderServiceError,
    GeocoderTimeoutError,
    InvalidNameError,
    NameTypeError,
    PlaceNotFoundError,
)
from syriamap.place import Place

if TYPE_CHECKING:
    from geopy.geocoders.base import Geocoder

__all__ = ["DEFAULT_COUNTRY_CODES", "OnlineGeocoder"]

#: Syria and its neighbours (ISO 3166-1 alpha-2, lower case): the default
#: restriction of every online lookup.
DEFAULT_COUNTRY_CODES: tuple[str, ...] = ("sy", "iq", "jo", "lb", "tr", "il", "ps")

_PUBLIC_NOMINATIM = "nominatim.openstreetmap.org"
#: Seconds to send nothing after an HTTP 429 without a Retry-After header.
_DEFAULT_BACKOFF_S = 60.0
#: Seconds to send nothing after GeoNames reports its credit limit exceeded.
_QUOTA_BACKOFF_S = 3600.0
_MAX_QUERY_CHARS = 255

# User agents that identify nobody: library defaults and documentation samples.
_SAMPLE_USER_AGENTS = frozenset(
    {
        "my-application",
        "my_app/1",
        "my_user_agent/1.0",
        "specify_your_app_name_here",
        "your-app-name",
        "your_app_name",
        "myapp",
        "my-app",
        "test",
        "syriamap",
    }
)
_ANONYMOUS_UA_PREFIXES = ("geopy/", "python-requests/", "python-urllib/", "mozilla/", "syriamap/")
_SAMPLE_USERNAMES = frozenset({"demo", "username", "your_username", "your-username", "myusername"})


# --- rate limiting -------------------------------------------------------------


class _Throttle:
    """Spaces the requests to one service endpoint (shared by all geocoders).

    A request starts at least ``min_delay_s`` seconds (monotonic clock) after
    the previous request to the same endpoint *finished*, so the server sees
    arrivals at least that far apart whatever the network latency.  Requests
    are serialised under a lock, which makes the throttle thread-safe.

    After the service refuses a request for rate or quota, :meth:`back_off`
    blocks the endpoint for a while: :meth:`slot` then raises instead of
    letting a request through, so a batch of lookups stops hammering it.
    """

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._last_end: float | None = None
        self._blocked_until = -math.inf

    def back_off(self, seconds: float) -> None:
        """Send nothing to this endpoint for ``seconds`` from now."""
        self._blocked_until = max(self._blocked_until, time.monotonic() + seconds)

    @contextmanager
    def slot(self, min_delay_s: float, refuse: Callable[[float], BaseException]) -> Iterator[_Turn]:
        """Wait for the turn of one request; raise ``refuse(remaining_s)`` while backing off.

        Set ``requested = False`` on the yielded turn if no request was sent.
        """
        with self._lock:
            remaining_s = self._blocked_until - time.monotonic()
            if remaining_s > 0:
                raise refuse(remaining_s)
            if self._last_end is not None:
                wait_s = self._last_end + min_delay_s - time.monotonic()
                if wait_s > 0:
                    time.sleep(wait_s)
            turn = _Turn()
            try:
                yield turn
            finally:
                if turn.requested:
                    self._last_end = time.monotonic()


class _Turn:
    """One passage through the throttle."""

    requested = True


class _Sentinel:
    """Type of the markers below."""


#: ``_ask`` found the answer in the cache once its turn came.
_ANSWERED_MEANWHILE = _Sentinel()


_THROTTLES: dict[str, _Throttle] = {}
_THROTTLES_LOCK = threading.Lock()


def _throttle_for(endpoint: str) -> _Throttle:
    with _THROTTLES_LOCK:
        return _THROTTLES.setdefault(endpoint, _Throttle())


# --- validation helpers ----------------------------------------------------------


def _check_number(name: str, value: object, *, minimum: float, hint: str) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise GeocoderConfigError(
            f"{name} must be a number of seconds, got {type(value).__name__} {value!r}; {hint}"
        )
    number = float(value)
    if not math.isfinite(number) or number < minimum:
        raise GeocoderConfigError(f"{name} must be a finite number >= {minimum}, got {value!r}")
    return number


def _check_countries(country_codes: Sequence[str] | None) -> tuple[str, ...]:
    if country_codes is None:
        return ()
    if isinstance(country_codes, str):
        raise GeocoderConfigError(
            f"country_codes must be a sequence of ISO 3166-1 alpha-2 codes, got the string "
            f"{country_codes!r}; write country_codes=({country_codes!r},)"
        )
    codes = []
    for code in country_codes:
        if not (isinstance(code, str) and len(code) == 2 and code.isascii() and code.isalpha()):
            raise GeocoderConfigError(
                f"bad country code {code!r} in country_codes; give two-letter ISO 3166-1 "
                "codes such as 'sy' or 'iq' (or country_codes=None for no restriction)"
            )
        codes.append(code.lower())
    if not codes:
        raise GeocoderConfigError(
            "country_codes is empty; give codes such as ('sy', 'iq') or None for no restriction"
        )
    return tuple(dict.fromkeys(codes))


def _check_query(name: object) -> str:
    if not isinstance(name, str):
        raise NameTypeError(name)
    text = " ".join(unicodedata.normalize("NFC", name).split())
    if not text:
        raise InvalidNameError(name, "it is empty or blank; give a place name")
    if len(text) > _MAX_QUERY_CHARS:
        raise InvalidNameError(
            name, f"it has {len(text)} characters, more than {_MAX_QUERY_CHARS}; give one name"
        )
    if any(unicodedata.category(ch) == "Cc" for ch in text):
        raise InvalidNameError(name, "it contains control characters")
    return text


def _query_key(query: str) -> str:
    """Cache key of a query: NFKC, case-folded, whitespace collapsed."""
    return " ".join(unicodedata.normalize("NFKC", query).casefold().split())


def _float_field(record: Mapping[str, Any], key: str, *, low: float, high: float) -> float:
    value = record.get(key)
    try:
        number = float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        raise ValueError(f"field {key!r} is {value!r}, not a number") from None
    if not (math.isfinite(number) and low <= number <= high):
        raise ValueError(f"field {key!r} is {value!r}, outside [{low}, {high}]")
    return number


def _radius_of_bbox_m(lon: float, lat: float, bbox: object) -> float:
    """Largest geodesic distance in metres from (lon, lat) to a corner of a Nominatim bbox.

    Nominatim's ``boundingbox`` is ``[south, north, west, east]`` (strings).
    """
    from geopy.distance import geodesic

    if not (isinstance(bbox, Sequence) and not isinstance(bbox, str) and len(bbox) == 4):
        raise ValueError(f"field 'boundingbox' is {bbox!r}, not [south, north, west, east]")
    box = {"south": bbox[0], "north": bbox[1], "west": bbox[2], "east": bbox[3]}
    south = _float_field(box, "south", low=-90, high=90)
    north = _float_field(box, "north", low=-90, high=90)
    west = _float_field(box, "west", low=-180, high=180)
    east = _float_field(box, "east", low=-180, high=180)
    if south > north:
        raise ValueError(f"field 'boundingbox' is {bbox!r}: south > north")
    corners = [(south, west), (south, east), (north, west), (north, east)]  # (lat, lon)
    return max(geodesic((lat, lon), corner).meters for corner in corners)


# Radius in metres standing for a place of each kind when the service gives no extent.
_KIND_RADIUS_M: dict[str, float] = {
    "city": 10_000,
    "town": 4_000,
    "village": 1_500,
    "locality": 1_000,
    "base": 1_500,
    "airbase": 3_000,
    "airport": 2_500,
    "port": 1_500,
    "crossing": 500,
    "checkpoint": 200,
    "oilfield": 5_000,
    "gasfield": 5_000,
    "facility": 500,
    "camp": 1_000,
    "prison": 300,
    "dam": 1_000,
    "lake": 5_000,
    "river": 50_000,
    "mountain": 5_000,
    "tripoint": 100,
    "region": 50_000,
    "governorate": 100_000,
    "province": 100_000,
    "district": 40_000,
    "subdistrict": 15_000,
    "country": 500_000,
}
_MIN_PRECISION_M = 50.0


# --- Nominatim -----------------------------------------------------------------------

_NOMINATIM_KINDS: dict[tuple[str, str], str] = {
    ("place", "city"): "city",
    ("place", "town"): "town",
    ("place", "village"): "village",
    ("place", "hamlet"): "village",
    ("place", "isolated_dwelling"): "locality",
    ("place", "farm"): "locality",
    ("place", "locality"): "locality",
    ("place", "neighbourhood"): "locality",
    ("place", "suburb"): "locality",
    ("place", "quarter"): "locality",
    ("place", "region"): "region",
    ("place", "state"): "province",
    ("place", "province"): "province",
    ("place", "county"): "district",
    ("place", "district"): "district",
    ("place", "country"): "country",
    ("aeroway", "aerodrome"): "airport",
    ("aeroway", "airstrip"): "airport",
    ("military", "airfield"): "airbase",
    ("military", "base"): "base",
    ("military", "barracks"): "base",
    ("military", "naval_base"): "base",
    ("military", "checkpoint"): "checkpoint",
    ("military", "bunker"): "facility",
    ("landuse", "military"): "base",
    ("barrier", "border_control"): "crossing",
    ("barrier", "checkpoint"): "checkpoint",
    ("amenity", "prison"): "prison",
    ("amenity", "refugee_site"): "camp",
    ("place", "refugee_site"): "camp",
    ("waterway", "dam"): "dam",
    ("waterway", "river"): "river",
    ("waterway", "stream"): "river",
    ("natural", "water"): "lake",
    ("water", "lake"): "lake",
    ("water", "reservoir"): "lake",
    ("landuse", "reservoir"): "lake",
    ("natural", "peak"): "mountain",
    ("natural", "mountain_range"): "mountain",
    ("natural", "ridge"): "mountain",
    ("natural", "volcano"): "mountain",
    ("landuse", "port"): "port",
    ("landuse", "harbour"): "port",
    ("industrial", "port"): "port",
    ("man_made", "petroleum_well"): "oilfield",
    ("industrial", "oil"): "oilfield",
    ("landuse", "industrial"): "facility",
    ("man_made", "works"): "facility",
    ("power", "plant"): "facility",
}

_NOMINATIM_ADDRESSTYPE_KINDS = {
    "country": "country",
    "state": "province",
    "province": "province",
    "region": "region",
    "state_district": "district",
    "county": "district",
    "district": "district",
    "municipality": "subdistrict",
    "subdistrict": "subdistrict",
    "city": "city",
    "town": "town",
    "village": "village",
    "hamlet": "village",
}


def _nominatim_kind(record: Mapping[str, Any], country: str) -> str:
    cls = str(record.get("class", record.get("category", "")))
    typ = str(record.get("type", ""))
    kind = _NOMINATIM_KINDS.get((cls, typ))
    if kind is None and cls == "boundary":
        kind = _NOMINATIM_ADDRESSTYPE_KINDS.get(str(record.get("addresstype", "")))
        if kind is None:
            try:
                rank = int(record.get("place_rank", 30))
            except (TypeError, ValueError):
                rank = 30
            if rank <= 4:
                kind = "country"
            elif rank <= 9:
                kind = "province"
            elif rank <= 12:
                kind = "district"
            elif rank <= 16:
                kind = "subdistrict"
            else:
                kind = "locality"
    kind = kind or "locality"
    if kind == "province" and country == "SY":
        kind = "governorate"
    return kind


def _nominatim_place(record: Mapping[str, Any], *, query: str, endpoint: str) -> Place:
    """Build a Place from one validated Nominatim ``format=json`` result."""
    lat = _float_field(record, "lat", low=-90, high=90)
    lon = _float_field(record, "lon", low=-180, high=180)
    osm_type = record.get("osm_type")
    osm_id = record.get("osm_id")
    if osm_type not in ("node", "way", "relation") or not str(osm_id).isdigit():
        raise ValueError(f"osm_type/osm_id are {osm_type!r}/{osm_id!r}, not an OSM object")
    address = record.get("address") or {}
    if not isinstance(address, Mapping):
        raise ValueError(f"field 'address' is {address!r}, not an object")
    country_code = address.get("country_code")
    if not (isinstance(country_code, str) and len(country_code) == 2):
        raise ValueError(f"address.country_code is {country_code!r}, not a 2-letter code")
    country = country_code.upper()
    names = record.get("namedetails") or {}
    if not isinstance(names, Mapping):
        raise ValueError(f"field 'namedetails' is {names!r}, not an object")
    display = str(record.get("display_name") or "")
    name = str(
        names.get("name:en") or record.get("name") or names.get("name") or display.split(",")[0]
    ).strip()
    if not name:
        raise ValueError("the result has no name")
    kind = _nominatim_kind(record, country)
    if "boundingbox" in record:
        precision_m = max(_radius_of_bbox_m(lon, lat, record["boundingbox"]), _MIN_PRECISION_M)
        how = "the radius of the bounding box Nominatim returned"
    else:
        precision_m = _KIND_RADIUS_M[kind]
        how = f"a default radius for a {kind} (Nominatim returned no bounding box)"
    aliases: list[str] = []
    for key in ("name", "name:en", "int_name", "alt_name", "old_name", "name:ku", "name:tr"):
        for alias in str(names.get(key) or "").split(";"):
            alias = alias.strip()
            if alias and alias != name and alias not in aliases:
                aliases.append(alias)
    name_ar = names.get("name:ar")
    cls = record.get("class", record.get("category"))
    return Place(
        id=f"online:nominatim:{osm_type}/{osm_id}",
        name=name,
        kind=kind,
        lon=lon,
        lat=lat,
        precision_m=round(precision_m, 1),
        country=country,
        admin1=address.get("state") or address.get("province"),
        admin2=address.get("state_district") or address.get("county"),
        name_ar=name_ar if isinstance(name_ar, str) and name_ar else None,
        aliases=tuple(aliases),
        source="nominatim",
        source_url=f"https://www.openstreetmap.org/{osm_type}/{osm_id}",
        note=(
            f"online result, not curated: best Nominatim match ({endpoint}) for {query!r}, "
            f"OSM {cls}={record.get('type')}, {display!r}; precision_m is {how}"
        ),
    )


# --- GeoNames ------------------------------------------------------------------------

_GEONAMES_KINDS = {
    "PPLC": "city",
    "PPLA": "city",
    "PPLX": "locality",
    "PPLL": "locality",
    "PPLQ": "locality",
    "PPLH": "locality",
    "ADM2": "district",
    "ADM3": "subdistrict",
    "ADM4": "subdistrict",
    "PCLI": "country",
    "AIRB": "airbase",
    "AIRP": "airport",
    "AIRF": "airport",
    "MILB": "base",
    "INSM": "base",
    "CMP": "camp",
    "CMPRF": "camp",
    "PRN": "prison",
    "DAM": "dam",
    "LK": "lake",
    "LKS": "lake",
    "RSV": "lake",
    "STM": "river",
    "MT": "mountain",
    "MTS": "mountain",
    "PK": "mountain",
    "HLL": "mountain",
    "RDG": "mountain",
    "PSTB": "crossing",
    "PRT": "port",
    "HBR": "port",
    "OILF": "oilfield",
    "GASF": "gasfield",
    "RGN": "region",
    "AREA": "region",
}


def _geonames_kind(fcl: str, fcode: str, population: int, country: str) -> str:
    if fcode == "ADM1":
        return "governorate" if country == "SY" else "province"
    kind = _GEONAMES_KINDS.get(fcode)
    if kind is not None:
        return kind
    if fcl == "P":
        if population >= 100_000:
            return "city"
        return "town" if population >= 10_000 else "village"
    if fcode.startswith("PCL"):
        return "country"
    return {"A": "region", "L": "region", "S": "facility", "T": "mountain"}.get(fcl, "locality")


def _geonames_precision_m(kind: str, fcl: str, population: int) -> float:
    if fcl == "P" and kind in ("city", "town", "village"):
        if population >= 1_000_000:
            return 15_000.0
        if population >= 100_000:
            return 7_000.0
        if population >= 10_000:
            return 3_000.0
        return 1_500.0
    return _KIND_RADIUS_M[kind]


def _geonames_place(record: Mapping[str, Any], *, query: str, endpoint: str) -> Place:
    """Build a Place from one validated GeoNames ``searchJSON`` result."""
    lat = _float_field(record, "lat", low=-90, high=90)
    lon = _float_field(record, "lng", low=-180, high=180)
    geoname_id = record.get("geonameId")
    if not str(geoname_id).isdigit():
        raise ValueError(f"geonameId is {geoname_id!r}, not a GeoNames id")
    country_code = record.get("countryCode")
    if not (isinstance(country_code, str) and len(country_code) == 2):
        raise ValueError(f"countryCode is {country_code!r}, not a 2-letter code")
    country = country_code.upper()
    name = str(record.get("name") or record.get("toponymName") or "").strip()
    if not name:
        raise ValueError("the result has no name")
    fcl = str(record.get("fcl") or "")
    fcode = str(record.get("fcode") or "")
    try:
        population = int(record.get("population") or 0)
    except (TypeError, ValueError):
        population = 0
    kind = _geonames_kind(fcl, fcode, population, country)
    toponym = str(record.get("toponymName") or "").strip()
    return Place(
        id=f"online:geonames:{geoname_id}",
        name=name,
        kind=kind,
        lon=lon,
        lat=lat,
        precision_m=_geonames_precision_m(kind, fcl, population),
        country=country,
        admin1=record.get("adminName1") or None,
        aliases=(toponym,) if toponym and toponym != name else (),
        source="geonames",
        source_url=f"https://www.geonames.org/{geoname_id}",
        population=population or None,
        note=(
            f"online result, not curated: best GeoNames match ({endpoint}) for {query!r}, "
            f"feature {fcl}.{fcode}; precision_m is a default radius for that feature"
        ),
    )


# --- providers ---------------------------------------------------------------------


class _Backend(Protocol):
    """What one provider must do (the rest is shared by OnlineGeocoder)."""

    provider: str
    label: str
    endpoint: str
    cache_scope: str  # provider, endpoint and options that change answers (cache key part)

    def request(self, query: str, countries: tuple[str, ...], timeout_s: float) -> Any:
        """Send one request; return the decoded JSON or raise a geopy error."""

    def records(self, payload: Any, query: str) -> list[Mapping[str, Any]]:
        """Check the answer's shape and return its result records (may be empty)."""

    def to_place(self, record: Mapping[str, Any], query: str) -> Place:
        """Build a Place from one record; raise ValueError if it is unusable."""


def _adapter_factory() -> Any:
    """Return a geopy adapter factory that never retries on its own.

    requests/urllib3 would otherwise resend a request answered by 429 or 503
    with a ``Retry-After`` header, behind the back of the rate limiter.
    """
    from functools import partial

    from geopy.adapters import RequestsAdapter, URLLibAdapter

    if RequestsAdapter.is_available:
        return partial(RequestsAdapter, max_retries=0)
    return URLLibAdapter


def _raw_geocoder(cls: type[Geocoder]) -> type[Geocoder]:
    """Subclass a geopy geocoder so that ``geocode`` returns the decoded JSON untouched.

    geopy's own parsers accept some wrong shapes (an object where a list belongs)
    and fail on others with bare ``AttributeError``; syriamap checks the shape itself.
    """

    class Raw(cls):
        def _parse_json(self, payload: Any, *args: Any, **kwargs: Any) -> Any:
            return _Payload(payload)

    Raw.__name__ = Raw.__qualname__ = f"Raw{cls.__name__}"
    return Raw


class _Payload:
    """The decoded JSON of an answer, boxed so that ``null`` is not mistaken for None."""

    def __init__(self, value: Any) -> None:
        self.value = value


class _Nominatim:
    provider = "nominatim"
    label = "Nominatim"

    def __init__(
        self, *, user_agent: str, domain: str, scheme: str, timeout_s: float, language: str
    ) -> None:
        from geopy.geocoders import Nominatim

        self.endpoint = f"{scheme}://{domain}"
        self.language = language
        self.cache_scope = f"nominatim@{self.endpoint}#{language}"  # names depend on language
        self._geopy = _raw_geocoder(Nominatim)(
            user_agent=user_agent,
            domain=domain,
            scheme=scheme,
            timeout=timeout_s,
            adapter_factory=_adapter_factory(),
        )

    def request(self, query: str, countries: tuple[str, ...], timeout_s: float) -> Any:
        boxed = self._geopy.geocode(
            query,
            exactly_one=False,
            limit=1,
            addressdetails=True,
            namedetails=True,
            language=self.language,
            country_codes=list(countries) or None,
            timeout=timeout_s,
        )
        return boxed.value if isinstance(boxed, _Payload) else boxed

    def records(self, payload: Any, query: str) -> list[Mapping[str, Any]]:
        if isinstance(payload, Mapping) and "error" in payload:
            raise ValueError(f"the service answered with an error object: {payload['error']!r}")
        if not isinstance(payload, list):
            raise ValueError(f"expected a JSON list of results, got {type(payload).__name__}")
        if not all(isinstance(item, Mapping) for item in payload):
            raise ValueError("expected a JSON list of objects, got a list of other values")
        return payload

    def to_place(self, record: Mapping[str, Any], query: str) -> Place:
        return _nominatim_place(record, query=query, endpoint=self.endpoint)


# GeoNames "status" values (https://www.geonames.org/export/webservice-exception.html)
_GEONAMES_QUOTA = {18, 19, 20}  # daily, hourly, weekly limit of credits exceeded
_GEONAMES_NO_RESULT = {15}
_GEONAMES_SERVICE = {12, 13, 22}  # other error, database timeout, server overloaded


class _GeoNames:
    provider = "geonames"
    label = "GeoNames"

    def __init__(self, *, username: str, domain: str, scheme: str, timeout_s: float) -> None:
        from geopy.geocoders import GeoNames

        self.endpoint = f"{scheme}://{domain}"
        self.cache_scope = f"geonames@{self.endpoint}"
        self._geopy = _raw_geocoder(GeoNames)(
            username=username,
            domain=domain,
            scheme=scheme,
            timeout=timeout_s,
            adapter_factory=_adapter_factory(),
        )

    def request(self, query: str, countries: tuple[str, ...], timeout_s: float) -> Any:
        boxed = self._geopy.geocode(
            query,
            exactly_one=True,  # asks for maxRows=1
            country=[c.upper() for c in countries] or None,
            timeout=timeout_s,
        )
        return boxed.value if isinstance(boxed, _Payload) else boxed

    def records(self, payload: Any, query: str) -> list[Mapping[str, Any]]:
        if not isinstance(payload, Mapping):
            raise ValueError(f"expected a JSON object, got {type(payload).__name__}")
        status = payload.get("status")
        if isinstance(status, Mapping):
            value = status.get("value")
            message = f"{status.get('message')!r} (status {value!r})"
            if value in _GEONAMES_NO_RESULT:
                return []
            if value in _GEONAMES_QUOTA:
                raise GeocoderQuotaError(
                    f"GeoNames refused {query!r}: {message}; wait until the credit limit "
                    "resets, or use a premium account",
                    query=query,
                    cause=dict(status),
                )
            if value == 10:
                raise GeocoderConfigError(
                    f"GeoNames refused {query!r}: {message}; check the username, and enable "
                    "the free web services on your GeoNames account page",
                    query=query,
                    cause=dict(status),
                )
            if value in _GEONAMES_SERVICE:
                raise GeocoderServiceError(
                    f"GeoNames failed on {query!r}: {message}; try again later",
                    query=query,
                    cause=dict(status),
                )
            raise ValueError(f"the service answered with an error: {message}")
        results = payload.get("geonames")
        if not isinstance(results, list):
            raise ValueError("expected a 'geonames' list in the answer")
        if not all(isinstance(item, Mapping) for item in results):
            raise ValueError("expected a list of objects under 'geonames'")
        return results

    def to_place(self, record: Mapping[str, Any], query: str) -> Place:
        return _geonames_place(record, query=query, endpoint=self.endpoint)


# --- geopy error translation ---------------------------------------------------------


def _http_status(error: BaseException) -> tuple[int | None, Any]:
    """Return the HTTP status and headers behind a geopy error (None if not HTTP)."""
    from geopy.adapters import AdapterHTTPError

    seen: BaseException | None = error
    while seen is not None:
        if isinstance(seen, AdapterHTTPError):
            return seen.status_code, seen.headers
        seen = seen.__cause__ or seen.__context__
    return None, None


def _translate(
    error: Exception, *, backend: _Backend, query: str, timeout_s: float
) -> GeocoderError:
    """Turn a geopy (or transport) error into a syriamap GeocoderError naming the query."""
    from geopy import exc
    from geopy.adapters import get_retry_after

    who = f"{backend.label} ({backend.endpoint})"
    status, headers = _http_status(error)
    if status == 429 or isinstance(error, exc.GeocoderQuotaExceeded):
        retry = get_retry_after(headers) if headers else None
        wait_s = float(retry) if retry is not None else _DEFAULT_BACKOFF_S
        said = "as its Retry-After header asks" if retry is not None else "by default"
        quota = GeocoderQuotaError(
            f"{who} refused {query!r} for rate or quota (HTTP {status or 'quota'}); syriamap "
            f"sends it nothing for {wait_s:g} s ({said}); keep min_delay_s >= 1 and do not "
            "run lookups in parallel",
            query=query,
            cause=error,
        )
        quota.retry_after_s = wait_s
        return quota
    if status is not None:
        hint = (
            "the service refused access: check the user agent/username and the usage policy"
            if status in (401, 403)
            else "the service is failing or overloaded; try again later"
            if status >= 500
            else "the request was refused; check domain= and scheme="
        )
        return GeocoderServiceError(
            f"{who} answered HTTP {status} to {query!r}; {hint}", query=query, cause=error
        )
    if isinstance(error, exc.GeocoderTimedOut):
        return GeocoderTimeoutError(
            f"{who} did not answer {query!r} within timeout_s={timeout_s:g} s; try again "
            "later or raise timeout_s",
            query=query,
            cause=error,
        )
    if isinstance(error, exc.GeocoderParseError):
        return GeocoderResponseError(
            f"{who} sent an answer to {query!r} that is not valid JSON; nothing was cached, "
            "try again later",
            query=query,
            cause=error,
        )
    if isinstance(error, exc.GeocoderUnavailable):
        reason = re.search(r"\[Errno -?\d+\][^\"')]*", str(error))  # not the URL: it may
        why = f" ({reason.group(0).strip()})" if reason else ""  # hold the GeoNames username
        return GeocoderServiceError(
            f"could not reach {who} for {query!r}{why}; check the network, domain= and scheme=",
            query=query,
            cause=error,
        )
    return GeocoderServiceError(
        f"{who} failed on {query!r} ({type(error).__name__}); try again later",
        query=query,
        cause=error,
    )


# --- the public class ----------------------------------------------------------------


class OnlineGeocoder:
    """Opt-in online fallback geocoder: one name in, one :class:`Place` out, or an error.

    Build it with :meth:`nominatim` or :meth:`geonames`; building it is the
    opt-in (nothing else in syriamap uses the network).  It satisfies the
    protocol of ``Gazetteer.with_fallback``: ``geocode(name) -> Place``.

    Results are marked: ``id`` is ``"online:nominatim:<osm_type>/<osm_id>"``
    or ``"online:geonames:<geonameId>"``, ``source`` is ``"nominatim"`` or
    ``"geonames"``, ``source_url`` is the OpenStreetMap or GeoNames page of
    the object, ``precision_m`` is a radius in metres (from the bounding box
    Nominatim returns, else a default for the feature type) and ``note`` says
    the result is not curated.

    Attributes
    ----------
    provider : str
        ``"nominatim"`` or ``"geonames"``.
    endpoint : str
        ``scheme://domain`` of the service.
    countries : tuple of str
        Lower-case ISO 3166-1 alpha-2 codes the lookups are restricted to
        (empty for no restriction).
    timeout_s : float
        Seconds to wait for one answer.
    min_delay_s : float
        Minimum seconds between the end of one request and the start of the
        next to the same endpoint (shared by all geocoders of this process).
        After the service refuses a request for rate or quota (HTTP 429), no
        request goes to that endpoint for ``Retry-After`` seconds (60 s if the
        service does not say; an hour after a GeoNames credit-limit answer):
        lookups of uncached names raise ``GeocoderQuotaError`` at once.
    cache_path : pathlib.Path
        The sqlite cache file.

    Examples
    --------
    Building a geocoder sends no request; only a lookup of a name the offline
    gazetteer does not know would.

    >>> import pathlib, tempfile
    >>> online = OnlineGeocoder.nominatim(
    ...     user_agent="newsroom-maps (desk@example.org)",
    ...     cache_path=pathlib.Path(tempfile.mkdtemp()) / "geocode.sqlite3",
    ... )
    >>> online.provider, online.endpoint, online.min_delay_s
    ('nominatim', 'https://nominatim.openstreetmap.org', 1.0)
    >>> online.countries
    ('sy', 'iq', 'jo', 'lb', 'tr', 'il', 'ps')
    >>> OnlineGeocoder.nominatim(user_agent="")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    syriamap.errors.GeocoderConfigError: Nominatim needs a user agent that identifies ...
    """

    def __init__(
        self,
        *,
        backend: _Backend,
        country_codes: Sequence[str] | None,
        timeout_s: float,
        min_delay_s: float,
        cache_path: str | os.PathLike[str] | None,
    ) -> None:
        self._backend = backend
        self.provider = backend.provider
        self.endpoint = backend.endpoint
        self.countries = _check_countries(country_codes)
        self.timeout_s = timeout_s
        self.min_delay_s = min_delay_s
        if cache_path is not None and not isinstance(cache_path, str | os.PathLike):
            raise GeocoderConfigError(
                f"cache_path must be a file path, got {type(cache_path).__name__} "
                f"{cache_path!r}; pass e.g. cache_path='geocode.sqlite3' (or None for the default)"
            )
        self.cache_path = Path(cache_path) if cache_path is not None else default_cache_path()
        self._cache = GeocodeCache(self.cache_path)
        self._throttle = _throttle_for(backend.endpoint)
        self._cache_provider = backend.cache_scope
        self._cache_countries = ",".join(sorted(self.countries)) or "*"

    @classmethod
    def nominatim(
        cls,
        *,
        user_agent: str,
        domain: str = _PUBLIC_NOMINATIM,
        scheme: str = "https",
        country_codes: Sequence[str] | None = DEFAULT_COUNTRY_CODES,
        timeout_s: float = 10,
        min_delay_s: float = 1.0,
        language: str = "en",
        cache_path: str | os.PathLike[str] | None = None,
    ) -> OnlineGeocoder:
        """Geocode with OpenStreetMap's Nominatim (or your own Nominatim server).

        Parameters
        ----------
        user_agent : str
            Identifies your application to the service, ideally with a contact
            (``"acme-newsroom-maps (desk@example.org)"``); required by the
            Nominatim usage policy.  Empty, library-default and documentation
            sample user agents are refused.
        domain : str, default "nominatim.openstreetmap.org"
            Host (and ``:port``) of the Nominatim server.
        scheme : {"https", "http"}
            URL scheme.
        country_codes : sequence of str or None, default Syria and neighbours
            ISO 3166-1 alpha-2 codes sent as ``countrycodes``; ``None`` searches
            the whole world.
        timeout_s : float, default 10
            Seconds to wait for one answer.
        min_delay_s : float, default 1.0
            Minimum seconds between two requests to this server; at least 1.0
            for the public server, whose policy allows one request per second.
        language : str, default "en"
            Preferred language of names (``accept-language``).
        cache_path : str or path-like, optional
            The sqlite cache file; default ``geocode.sqlite3`` in
            ``platformdirs.user_cache_dir("syriamap")``.

        Returns
        -------
        OnlineGeocoder

        Raises
        ------
        GeocoderConfigError
            For a missing or sample user agent, or an option out of range.
        """
        if not isinstance(user_agent, str) or not user_agent.strip():
            raise GeocoderConfigError(
                "Nominatim needs a user agent that identifies your application, got "
                f"{user_agent!r}; pass user_agent='your-app-name (you@example.org)' "
                "(https://operations.osmfoundation.org/policies/nominatim/)"
            )
        ua = user_agent.strip()
        if ua.lower() in _SAMPLE_USER_AGENTS or ua.lower().startswith(_ANONYMOUS_UA_PREFIXES):
            raise GeocoderConfigError(
                f"user_agent={user_agent!r} is a library default or documentation sample that "
                "identifies nobody; pass your own, e.g. user_agent='your-app-name "
                "(you@example.org)'"
            )
        domain, scheme = _check_endpoint(domain, scheme)
        timeout_s = _check_number("timeout_s", timeout_s, minimum=0.001, hint="e.g. 10")
        floor = 1.0 if domain == _PUBLIC_NOMINATIM else 0.0
        min_delay_s = _check_number(
            "min_delay_s",
            min_delay_s,
            minimum=floor,
            hint="the public Nominatim server allows one request per second",
        )
        if not isinstance(language, str) or not language.strip():
            raise GeocoderConfigError(
                f"language must be a language code like 'en', got {language!r}"
            )
        backend = _Nominatim(
            user_agent=ua, domain=domain, scheme=scheme, timeout_s=timeout_s, language=language
        )
        return cls(
            backend=backend,
            country_codes=country_codes,
            timeout_s=timeout_s,
            min_delay_s=min_delay_s,
            cache_path=cache_path,
        )

    @classmethod
    def geonames(
        cls,
        *,
        username: str,
        domain: str = "secure.geonames.org",
        scheme: str = "https",
        country_codes: Sequence[str] | None = DEFAULT_COUNTRY_CODES,
        timeout_s: float = 10,
        min_delay_s: float = 1.0,
        cache_path: str | os.PathLike[str] | None = None,
    ) -> OnlineGeocoder:
        """Geocode with the GeoNames search web service.

        Parameters
        ----------
        username : str
            Your GeoNames account name, with the free web services enabled on
            the account page; ``"demo"`` and empty names are refused.
        domain : str, default "secure.geonames.org"
            Host (and ``:port``) of the service (``"api.geonames.org"`` for http).
        scheme : {"https", "http"}
            URL scheme.
        country_codes : sequence of str or None, default Syria and neighbours
            ISO 3166-1 alpha-2 codes, each sent as a ``country`` parameter;
            ``None`` searches the whole world.
        timeout_s : float, default 10
            Seconds to wait for one answer.
        min_delay_s : float, default 1.0
            Minimum seconds between two requests to this service.
        cache_path : str or path-like, optional
            The sqlite cache file; default ``geocode.sqlite3`` in
            ``platformdirs.user_cache_dir("syriamap")``.

        Returns
        -------
        OnlineGeocoder

        Raises
        ------
        GeocoderConfigError
            For a missing or demo username, or an option out of range.
        """
        if not isinstance(username, str) or not username.strip():
            raise GeocoderConfigError(
                f"GeoNames needs your account's username, got {username!r}; register at "
                "https://www.geonames.org/login, enable the free web services, and pass "
                "username='your-account'"
            )
        if username.strip().lower() in _SAMPLE_USERNAMES:
            raise GeocoderConfigError(
                f"username={username!r} is a shared demo or sample account; register your own "
                "at https://www.geonames.org/login and pass username='your-account'"
            )
        domain, scheme = _check_endpoint(domain, scheme)
        timeout_s = _check_number("timeout_s", timeout_s, minimum=0.001, hint="e.g. 10")
        min_delay_s = _check_number("min_delay_s", min_delay_s, minimum=0.0, hint="e.g. 1.0")
        backend = _GeoNames(
            username=username.strip(), domain=domain, scheme=scheme, timeout_s=timeout_s
        )
        return cls(
            backend=backend,
            country_codes=country_codes,
            timeout_s=timeout_s,
            min_delay_s=min_delay_s,
            cache_path=cache_path,
        )

    def __repr__(self) -> str:
        countries = ",".join(self.countries) or "world"
        return (
            f"OnlineGeocoder(provider={self.provider!r}, endpoint={self.endpoint!r}, "
            f"countries={countries!r}, cache_path={str(self.cache_path)!r})"
        )

    def geocode(self, name: str, *, refresh: bool = False) -> Place:
        """Look one name up online (or in the cache) and return the best match.

        Parameters
        ----------
        name : str
            The place name as written (Latin or Arabic script).
        refresh : bool, default False
            Ask the service again even if the cache holds an answer, and
            replace the cached answer with the new one.

        Returns
        -------
        Place
            The service's best match within :attr:`countries`; ``lon`` and
            ``lat`` in WGS84 degrees, ``precision_m`` in metres.

        Raises
        ------
        PlaceNotFoundError
            The service has no match (also when that answer comes from the cache).
        GeocoderTimeoutError
            No answer within :attr:`timeout_s`.
        GeocoderQuotaError
            The service refused the request for rate or quota (HTTP 429), or
            refused one recently and syriamap is backing off; ``retry_after_s``
            says how many seconds to wait (``None`` if unknown).
        GeocoderServiceError
            HTTP errors (500, 503 ...) or the service could not be reached.
        GeocoderResponseError
            The answer is not JSON, has the wrong shape or an unusable result.
        NameTypeError, InvalidNameError
            ``name`` is not a usable string.
        """
        query = _check_query(name)
        key = _query_key(query)
        if not refresh:
            place = self._cached(query, key)
            if place is not None:
                return place
        record = self._ask(query, key, recheck=not refresh)
        if isinstance(record, _Sentinel):  # another thread asked while this one waited
            place = self._cached(query, key)
            if place is not None:
                return place
            record = self._ask(query, key, recheck=False)
        if isinstance(record, _Sentinel):  # pragma: no cover - recheck=False never returns it
            raise AssertionError("unreachable")
        self._cache.put(
            self._cache_provider, key, self._cache_countries, query=query, record=record
        )
        if record is None:
            raise PlaceNotFoundError(query, detail=self._not_found_detail(None))
        return self._backend.to_place(record, query)

    def _cached(self, query: str, key: str) -> Place | None:
        """Return the cached place, raise for a cached "no result", None on a miss."""
        entry = self._cache.get(self._cache_provider, key, self._cache_countries)
        if entry is None:
            return None
        if entry.record is None:
            when = time.strftime("%Y-%m-%d", time.gmtime(entry.fetched_at))
            raise PlaceNotFoundError(query, detail=self._not_found_detail(when))
        try:
            return self._backend.to_place(entry.record, entry.query)
        except (ValueError, TypeError, KeyError):
            # unreadable entry (e.g. written by another version): ask again
            self._cache.delete(self._cache_provider, key, self._cache_countries)
            return None

    def clear_cache(self) -> int:
        """Forget every cached answer of this provider and endpoint.

        Returns
        -------
        int
            The number of answers removed.
        """
        return self._cache.clear(self._cache_provider)

    def _not_found_detail(self, cached_on: str | None) -> str:
        where = ", ".join(self.countries) or "anywhere"
        text = f"{self._backend.label} at {self.endpoint} has no match in {where}"
        if cached_on is not None:
            text += f"; cached answer of {cached_on}, pass refresh=True to ask again"
        return text

    def _ask(self, query: str, key: str, *, recheck: bool) -> dict[str, Any] | _Sentinel | None:
        """Request, validate and convert; return the record to cache (None: no result).

        With ``recheck``, the cache is read again once this thread's turn has
        come, and ``_ANSWERED_MEANWHILE`` is returned without a request if
        another thread stored an answer while this one waited.
        """
        backend = self._backend
        who = f"{backend.label} ({self.endpoint})"

        def refuse(remaining_s: float) -> GeocoderQuotaError:
            error = GeocoderQuotaError(
                f"not asking {who} for {query!r}: it refused a request for rate or quota "
                f"recently, so syriamap is backing off for {remaining_s:.0f} more s; try "
                "again later (cached names still resolve)",
                query=query,
            )
            error.retry_after_s = remaining_s
            return error

        try:
            with self._throttle.slot(self.min_delay_s, refuse) as turn:
                if recheck and self._cache.get(self._cache_provider, key, self._cache_countries):
                    turn.requested = False
                    return _ANSWERED_MEANWHILE
                payload = backend.request(query, self.countries, self.timeout_s)
        except GeocoderError:
            raise
        except Exception as error:
            translated = _translate(error, backend=backend, query=query, timeout_s=self.timeout_s)
            if isinstance(translated, GeocoderQuotaError):
                self._throttle.back_off(translated.retry_after_s or 0.0)
            raise translated from error
        try:
            records = backend.records(payload, query)
            if not records:
                return None
            record = dict(records[0])
            place = backend.to_place(record, query)
        except GeocoderQuotaError:
            self._throttle.back_off(_QUOTA_BACKOFF_S)
            raise
        except GeocoderError:
            raise
        except (ValueError, TypeError, KeyError) as error:
            raise GeocoderResponseError(
                f"{who} sent an unusable answer to {query!r}: {error}; nothing was cached",
                query=query,
                cause=payload,
            ) from error
        if self.countries and place.country.lower() not in self.countries:
            raise GeocoderResponseError(
                f"{who} answered {query!r} with {place.name!r} in {place.country}, outside the "
                f"restriction to {', '.join(self.countries)}; nothing was cached",
                query=query,
                cause=payload,
            )
        return record


def _check_endpoint(domain: object, scheme: object) -> tuple[str, str]:
    if scheme not in ("https", "http"):
        raise GeocoderConfigError(f"scheme must be 'https' or 'http', got {scheme!r}")
    if not isinstance(domain, str) or not domain.strip().strip("/"):
        raise GeocoderConfigError(
            f"domain must be a host name such as 'nominatim.openstreetmap.org' or "
            f"'127.0.0.1:8080', got {domain!r}"
        )
    text = domain.strip().strip("/")
    if "://" in text:
        raise GeocoderConfigError(
            f"domain={domain!r} includes a scheme; pass domain={text.split('://', 1)[1]!r} "
            f"and scheme={text.split('://', 1)[0]!r}"
        )
    return text, str(scheme)
