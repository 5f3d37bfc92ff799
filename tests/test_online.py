"""The opt-in online geocoder against a fake Nominatim/GeoNames server on 127.0.0.1.

No test here touches the internet: every geocoder points at the fake server
started by the ``server`` fixture (``domain="127.0.0.1:PORT"``, ``scheme="http"``).
"""

from __future__ import annotations

import itertools
import json
import sqlite3
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from pyproj import Geod

from syriamap._cache import GeocodeCache
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
from syriamap.online import DEFAULT_COUNTRY_CODES, OnlineGeocoder, _nominatim_kind
from syriamap.place import KINDS, Place

try:
    import fake_nominatim
except ImportError:  # tests/ is a package
    from tests import fake_nominatim  # type: ignore[no-redef]

USER_AGENT = "syriamap-test-suite (tests@example.org)"


@pytest.fixture
def server() -> Iterator[fake_nominatim.FakeServer]:
    srv = fake_nominatim.start()
    yield srv
    srv.close()


@pytest.fixture
def cache_path(tmp_path: Path) -> Path:
    return tmp_path / "geocode.sqlite3"


MakeGeocoder = Callable[..., OnlineGeocoder]


@pytest.fixture
def make(server: fake_nominatim.FakeServer, cache_path: Path) -> MakeGeocoder:
    def factory(**options: Any) -> OnlineGeocoder:
        options = {
            "user_agent": USER_AGENT,
            "domain": server.domain,
            "scheme": "http",
            "timeout_s": 3,
            "min_delay_s": 0,
            "cache_path": cache_path,
            **options,
        }
        return OnlineGeocoder.nominatim(**options)

    return factory


def cached_rows(path: Path) -> int:
    return len(GeocodeCache(path))


# --- results ----------------------------------------------------------------------


def test_result_is_a_marked_place(make: MakeGeocoder) -> None:
    place = make().geocode("Tal Abyad")
    assert isinstance(place, Place)
    assert place.id == "online:nominatim:relation/1234567"
    assert place.source == "nominatim"
    assert place.source_url == "https://www.openstreetmap.org/relation/1234567"
    assert place.lonlat == pytest.approx((38.9536, 36.6975))  # (lon, lat), not swapped
    assert place.kind == "town"
    assert place.country == "SY"
    assert place.admin1 == "Raqqa Governorate"
    assert place.name == "Tell Abyad"
    assert place.name_ar == "تل أبيض"
    assert place.note is not None and "not curated" in place.note
    assert "Tal Abyad" in place.note


def test_precision_is_the_bounding_box_radius(make: MakeGeocoder) -> None:
    place = make().geocode("Tal Abyad")
    # the fake bbox is +-0.02 deg around the point: the farthest corner, by pyproj
    _, _, corner_m = Geod(ellps="WGS84").inv(38.9536, 36.6975, 38.9736, 36.7175)
    assert place.precision_m == pytest.approx(corner_m, rel=1e-3)


def test_point_result_gets_a_floor_precision_and_its_kind(make: MakeGeocoder) -> None:
    place = make().geocode("al-Tanf crossing")
    assert place.kind == "crossing"
    assert place.id == "online:nominatim:node/987"
    assert place.source_url == "https://www.openstreetmap.org/node/987"
    assert place.precision_m == 50.0  # the bbox is a 1 cm box: not an honest radius


def test_missing_bounding_box_falls_back_to_a_radius_for_the_kind(
    make: MakeGeocoder, server: fake_nominatim.FakeServer
) -> None:
    server.places["qamishli"] = [
        fake_nominatim.nominatim_result(
            name="Qamishli", lon=41.23, lat=37.05, osm_id=5, typ="city", bbox_deg=None
        )
    ]
    place = make().geocode("Qamishli")
    assert place.kind == "city"
    assert place.precision_m == 10_000
    assert "default radius" in (place.note or "")


@pytest.mark.parametrize(
    ("cls", "typ", "extra", "country", "kind"),
    [
        ("place", "village", {}, "SY", "village"),
        ("place", "hamlet", {}, "SY", "village"),
        ("military", "airfield", {}, "SY", "airbase"),
        ("landuse", "military", {}, "SY", "base"),
        ("amenity", "prison", {}, "SY", "prison"),
        ("waterway", "dam", {}, "SY", "dam"),
        ("boundary", "administrative", {"addresstype": "state"}, "SY", "governorate"),
        ("boundary", "administrative", {"addresstype": "state"}, "IQ", "province"),
        ("boundary", "administrative", {"place_rank": 12}, "SY", "district"),
        ("highway", "residential", {}, "SY", "locality"),
    ],
)
def test_kind_is_mapped_from_class_and_type(
    cls: str, typ: str, extra: dict[str, Any], country: str, kind: str
) -> None:
    assert kind in KINDS
    assert _nominatim_kind({"class": cls, "type": typ, **extra}, country) == kind


def test_request_carries_country_restriction_and_the_users_agent(
    make: MakeGeocoder, server: fake_nominatim.FakeServer
) -> None:
    make().geocode("Tal Abyad")
    (request,) = server.requests
    assert request.path == "/search"
    assert request.params["q"] == ["Tal Abyad"]
    assert request.params["format"] == ["json"]
    assert request.params["countrycodes"] == [",".join(DEFAULT_COUNTRY_CODES)]
    assert request.headers["User-Agent"] == USER_AGENT


def test_country_restriction_can_be_changed_or_lifted(
    make: MakeGeocoder, server: fake_nominatim.FakeServer
) -> None:
    make(country_codes=("SY", "iq")).geocode("Tal Abyad")
    make(country_codes=None).geocode("Tal Abyad")
    first, second = server.requests
    assert first.params["countrycodes"] == ["sy,iq"]
    assert "countrycodes" not in second.params


def test_result_outside_the_restriction_is_refused(
    make: MakeGeocoder, server: fake_nominatim.FakeServer, cache_path: Path
) -> None:
    server.mode = "wrong_country"
    with pytest.raises(GeocoderResponseError, match="outside the restriction"):
        make().geocode("Tal Abyad")
    assert cached_rows(cache_path) == 0


# --- the cache ----------------------------------------------------------------------


def test_cache_hit_makes_no_second_request(
    make: MakeGeocoder, server: fake_nominatim.FakeServer
) -> None:
    geocoder = make()
    first = geocoder.geocode("Tal Abyad")
    again = [geocoder.geocode(q) for q in ("Tal Abyad", "tal abyad", "  TAL   Abyad ")]
    assert server.count == 1
    assert all(place == first for place in again)


def test_cache_persists_across_geocoders(
    make: MakeGeocoder, server: fake_nominatim.FakeServer, cache_path: Path
) -> None:
    first = make().geocode("Tal Abyad")
    assert cache_path.exists()
    assert make().geocode("Tal Abyad") == first
    assert server.count == 1


def test_cache_is_keyed_by_country_restriction(
    make: MakeGeocoder, server: fake_nominatim.FakeServer
) -> None:
    make().geocode("Tal Abyad")
    make(country_codes=("sy",)).geocode("Tal Abyad")
    make(country_codes=("sy",)).geocode("Tal Abyad")
    assert server.count == 2


def test_cache_is_keyed_by_language(make: MakeGeocoder, server: fake_nominatim.FakeServer) -> None:
    make().geocode("Tal Abyad")
    make(language="ar").geocode("Tal Abyad")
    assert [r.params["accept-language"] for r in server.requests] == [["en"], ["ar"]]


def test_no_result_is_cached_and_raises_every_time(
    make: MakeGeocoder, server: fake_nominatim.FakeServer, cache_path: Path
) -> None:
    geocoder = make()
    for _ in range(2):
        with pytest.raises(PlaceNotFoundError, match="Nowhere-on-earth") as info:
            geocoder.geocode("Nowhere-on-earth")
        assert info.value.query == "Nowhere-on-earth"
        assert isinstance(info.value, LookupError)
    assert "refresh=True" in str(info.value)  # the second answer came from the cache
    assert server.count == 1
    assert cached_rows(cache_path) == 1


def test_refresh_asks_again_and_replaces_the_answer(
    make: MakeGeocoder, server: fake_nominatim.FakeServer
) -> None:
    geocoder = make()
    with pytest.raises(PlaceNotFoundError):
        geocoder.geocode("Kobani")
    server.places["kobani"] = [
        fake_nominatim.nominatim_result(name="Kobanî", lon=38.36, lat=36.89, osm_id=77)
    ]
    assert geocoder.geocode("Kobani", refresh=True).name == "Kobanî"
    assert geocoder.geocode("Kobani").name == "Kobanî"
    assert server.count == 2


def test_clear_cache_forgets_answers(make: MakeGeocoder, server: fake_nominatim.FakeServer) -> None:
    geocoder = make()
    geocoder.geocode("Tal Abyad")
    assert geocoder.clear_cache() == 1
    geocoder.geocode("Tal Abyad")
    assert server.count == 2


def test_unreadable_cache_row_is_asked_again(
    make: MakeGeocoder, server: fake_nominatim.FakeServer, cache_path: Path
) -> None:
    geocoder = make()
    geocoder.geocode("Tal Abyad")
    with sqlite3.connect(cache_path) as con:
        con.execute("UPDATE answers SET record = ?", (json.dumps({"lat": "x"}),))
    con.close()
    assert geocoder.geocode("Tal Abyad").id == "online:nominatim:relation/1234567"
    assert server.count == 2


def test_corrupt_cache_file_is_a_clear_error(
    make: MakeGeocoder, server: fake_nominatim.FakeServer, cache_path: Path
) -> None:
    cache_path.write_bytes(b"this is not a sqlite database" * 100)
    with pytest.raises(GeocoderConfigError, match=r"geocode\.sqlite3"):
        make().geocode("Tal Abyad")
    assert server.count == 0


def test_building_a_geocoder_creates_no_file(make: MakeGeocoder, cache_path: Path) -> None:
    make()
    assert not cache_path.exists()


# --- faults -----------------------------------------------------------------------

FAULTS = [
    ("429", GeocoderQuotaError, "429"),
    ("500", GeocoderServiceError, "HTTP 500"),
    ("503", GeocoderServiceError, "HTTP 503"),
    ("truncated", GeocoderResponseError, "not valid JSON"),
    ("empty", GeocoderResponseError, "not valid JSON"),
    ("html", GeocoderResponseError, "not valid JSON"),
    ("object", GeocoderResponseError, "expected a JSON list"),
    ("error_object", GeocoderResponseError, "error object"),
    ("list_of_strings", GeocoderResponseError, "list of objects"),
    ("missing_latlon", GeocoderResponseError, "'lat'"),
    ("bad_latlon", GeocoderResponseError, "'lat'"),
    ("no_country", GeocoderResponseError, "country_code"),
    ("wrong_country", GeocoderResponseError, "outside the restriction"),
]


@pytest.mark.parametrize(("mode", "error", "text"), FAULTS, ids=[f[0] for f in FAULTS])
def test_fault_raises_a_typed_error_and_caches_nothing(
    make: MakeGeocoder,
    server: fake_nominatim.FakeServer,
    cache_path: Path,
    mode: str,
    error: type[GeocoderError],
    text: str,
) -> None:
    geocoder = make()
    server.mode, server.retry_after = mode, "0"  # 429: no back-off, to see the recovery
    with pytest.raises(error, match=text) as info:
        geocoder.geocode("Tal Abyad")
    assert info.value.query == "Tal Abyad"
    assert "'Tal Abyad'" in str(info.value)
    assert server.count == 1
    assert cached_rows(cache_path) == 0
    # the service recovers: the next lookup asks again and succeeds
    server.mode = "ok"
    assert geocoder.geocode("Tal Abyad").source == "nominatim"
    assert server.count == 2


def test_timeout_raises_a_typed_error_and_caches_nothing(
    make: MakeGeocoder, server: fake_nominatim.FakeServer, cache_path: Path
) -> None:
    server.mode, server.sleep_s = "sleep", 3.0
    started = time.monotonic()
    with pytest.raises(GeocoderTimeoutError, match=r"timeout_s=0\.3") as info:
        make(timeout_s=0.3).geocode("Tal Abyad")
    assert time.monotonic() - started < 2.0
    assert isinstance(info.value, TimeoutError)
    assert info.value.query == "Tal Abyad"
    assert cached_rows(cache_path) == 0


@pytest.mark.parametrize("mode", ["500", "truncated", "missing_latlon"])
def test_failed_refresh_keeps_the_good_cached_answer(
    make: MakeGeocoder, server: fake_nominatim.FakeServer, mode: str
) -> None:
    geocoder = make()
    good = geocoder.geocode("Tal Abyad")
    server.mode = mode
    with pytest.raises(GeocoderError):
        geocoder.geocode("Tal Abyad", refresh=True)
    assert geocoder.geocode("Tal Abyad") == good
    assert server.count == 2


@pytest.mark.parametrize("status", ["429", "503"])
def test_retry_after_is_not_retried_behind_the_rate_limiter(
    make: MakeGeocoder, server: fake_nominatim.FakeServer, status: str
) -> None:
    server.mode, server.retry_after = status, "1"
    with pytest.raises(GeocoderError) as info:
        make().geocode("Tal Abyad")
    assert server.count == 1
    if status == "429":
        assert isinstance(info.value, GeocoderQuotaError)
        assert info.value.retry_after_s == 1
        assert "Retry-After" in str(info.value)
        assert "nothing for 1 s" in str(info.value)


def test_quota_refusal_backs_off_before_asking_again(
    make: MakeGeocoder, server: fake_nominatim.FakeServer
) -> None:
    geocoder, other = make(), make()
    cached = geocoder.geocode("Tal Abyad")
    server.mode, server.retry_after = "429", "1"
    with pytest.raises(GeocoderQuotaError, match="HTTP 429"):
        geocoder.geocode("al-Tanf crossing")
    assert server.count == 2
    for g in (geocoder, other):  # every geocoder of the endpoint backs off
        with pytest.raises(GeocoderQuotaError, match="backing off") as info:
            g.geocode("al-Tanf crossing")
        assert 0 < info.value.retry_after_s <= 1
    assert server.count == 2
    assert geocoder.geocode("Tal Abyad") == cached  # the cache still answers
    time.sleep(1.05)
    server.mode = "ok"
    assert geocoder.geocode("al-Tanf crossing").kind == "crossing"
    assert server.count == 3


def test_quota_refusal_without_retry_after_backs_off_a_minute(
    make: MakeGeocoder, server: fake_nominatim.FakeServer
) -> None:
    server.mode = "429"
    with pytest.raises(GeocoderQuotaError, match="nothing for 60 s") as info:
        make().geocode("Tal Abyad")
    assert info.value.retry_after_s == 60
    server.mode = "ok"
    with pytest.raises(GeocoderQuotaError, match="backing off") as info:
        make().geocode("Tal Abyad")
    assert 55 < info.value.retry_after_s <= 60
    assert server.count == 1


def test_unreachable_service_is_a_service_error(tmp_path: Path) -> None:
    import socket

    with socket.socket() as sock:  # a port on 127.0.0.1 that nobody listens on
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    geocoder = OnlineGeocoder.nominatim(
        user_agent=USER_AGENT,
        domain=f"127.0.0.1:{port}",
        scheme="http",
        min_delay_s=0,
        cache_path=tmp_path / "c.sqlite3",
    )
    with pytest.raises(GeocoderServiceError, match="could not reach") as info:
        geocoder.geocode("Tal Abyad")
    assert "'Tal Abyad'" in str(info.value)
    assert cached_rows(tmp_path / "c.sqlite3") == 0


def test_errors_do_not_leak_the_geonames_username(tmp_path: Path) -> None:
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    geocoder = OnlineGeocoder.geonames(
        username="private-account-name",
        domain=f"127.0.0.1:{port}",
        scheme="http",
        min_delay_s=0,
        cache_path=tmp_path / "c.sqlite3",
    )
    with pytest.raises(GeocoderServiceError, match="could not reach") as info:
        geocoder.geocode("Tal Abyad")
    assert "private-account-name" not in str(info.value)
    assert "private-account-name" not in repr(geocoder)


def test_wrong_path_is_a_service_error_naming_the_fix(
    make: MakeGeocoder, server: fake_nominatim.FakeServer
) -> None:
    with pytest.raises(GeocoderServiceError, match=r"HTTP 404.*check domain="):
        make(domain=server.domain + "/wrong").geocode("Tal Abyad")


def test_bad_names_are_refused_before_any_request(
    make: MakeGeocoder, server: fake_nominatim.FakeServer
) -> None:
    geocoder = make()
    with pytest.raises(NameTypeError):
        geocoder.geocode(None)  # type: ignore[arg-type]
    with pytest.raises(InvalidNameError):
        geocoder.geocode("   ")
    with pytest.raises(InvalidNameError):
        geocoder.geocode("x" * 1000)
    assert server.count == 0


# --- rate limiting ------------------------------------------------------------------


def gaps(server: fake_nominatim.FakeServer) -> list[float]:
    arrived = sorted(r.arrived for r in server.requests)
    return [b - a for a, b in itertools.pairwise(arrived)]


def test_requests_are_spaced_by_min_delay(
    make: MakeGeocoder, server: fake_nominatim.FakeServer
) -> None:
    geocoder = make(min_delay_s=0.25)
    for i in range(4):
        with pytest.raises(PlaceNotFoundError):
            geocoder.geocode(f"unknown place {i}")
    assert server.count == 4
    assert min(gaps(server)) >= 0.25


def test_rate_limit_holds_across_threads_and_geocoders(
    make: MakeGeocoder, server: fake_nominatim.FakeServer
) -> None:
    geocoders = [make(min_delay_s=0.2), make(min_delay_s=0.2)]
    errors: list[BaseException] = []

    def work(i: int) -> None:
        try:
            geocoders[i % 2].geocode(f"unknown place {i}")
        except PlaceNotFoundError:
            pass
        except BaseException as error:  # pragma: no cover - reported below
            errors.append(error)

    threads = [threading.Thread(target=work, args=(i,)) for i in range(5)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors
    assert server.count == 5
    assert min(gaps(server)) >= 0.2


def test_failed_requests_count_for_the_rate_limit(
    make: MakeGeocoder, server: fake_nominatim.FakeServer
) -> None:
    geocoder = make(min_delay_s=0.25)
    server.mode = "500"
    for _ in range(3):
        with pytest.raises(GeocoderServiceError):
            geocoder.geocode("Tal Abyad")
    assert min(gaps(server)) >= 0.25


def test_cache_hits_are_not_delayed(make: MakeGeocoder) -> None:
    geocoder = make(min_delay_s=1.0)
    geocoder.geocode("Tal Abyad")
    started = time.monotonic()
    for _ in range(5):
        geocoder.geocode("Tal Abyad")
    assert time.monotonic() - started < 0.5


# --- configuration ------------------------------------------------------------------


@pytest.mark.parametrize(
    "user_agent",
    [None, "", "   ", "geopy/2.4.1", "my-application", "Mozilla/5.0 (X11)", "syriamap/0.1.0"],
)
def test_missing_or_sample_user_agent_is_refused(user_agent: Any, tmp_path: Path) -> None:
    with pytest.raises(GeocoderConfigError, match=r"user.agent") as info:
        OnlineGeocoder.nominatim(user_agent=user_agent, cache_path=tmp_path / "c")
    assert isinstance(info.value, ValueError)


@pytest.mark.parametrize(
    ("options", "text"),
    [
        ({"min_delay_s": 0.5}, "min_delay_s"),  # the public server allows 1 request/s
        ({"timeout_s": 0}, "timeout_s"),
        ({"timeout_s": "10"}, "timeout_s"),
        ({"timeout_s": float("nan")}, "timeout_s"),
        ({"country_codes": "sy"}, "country_codes=\\('sy',\\)"),
        ({"country_codes": ("syria",)}, "'syria'"),
        ({"country_codes": ()}, "empty"),
        ({"scheme": "ftp"}, "scheme"),
        ({"domain": "https://nominatim.example.org"}, "includes a scheme"),
        ({"cache_path": 3}, "cache_path"),
    ],
)
def test_bad_options_are_refused(options: dict[str, Any], text: str, tmp_path: Path) -> None:
    with pytest.raises(GeocoderConfigError, match=text):
        OnlineGeocoder.nominatim(**{"user_agent": USER_AGENT, "cache_path": tmp_path, **options})


def test_private_nominatim_may_go_faster(tmp_path: Path) -> None:
    geocoder = OnlineGeocoder.nominatim(
        user_agent=USER_AGENT, domain="nominatim.example.org", min_delay_s=0.1, cache_path=tmp_path
    )
    assert geocoder.min_delay_s == 0.1
    assert geocoder.endpoint == "https://nominatim.example.org"


@pytest.mark.parametrize("username", [None, "", "demo", "DEMO "])
def test_missing_or_demo_geonames_username_is_refused(username: Any, tmp_path: Path) -> None:
    with pytest.raises(GeocoderConfigError, match=r"username|GeoNames"):
        OnlineGeocoder.geonames(username=username, cache_path=tmp_path / "c")


def test_positional_options_are_refused(tmp_path: Path) -> None:
    with pytest.raises(TypeError):
        OnlineGeocoder.nominatim(USER_AGENT)  # type: ignore[misc]


# --- GeoNames -----------------------------------------------------------------------


@pytest.fixture
def geonames(server: fake_nominatim.FakeServer, cache_path: Path) -> OnlineGeocoder:
    return OnlineGeocoder.geonames(
        username="syriamap-tests",
        domain=server.domain,
        scheme="http",
        min_delay_s=0,
        timeout_s=3,
        cache_path=cache_path,
    )


def test_geonames_result_is_a_marked_place(
    geonames: OnlineGeocoder, server: fake_nominatim.FakeServer
) -> None:
    place = geonames.geocode("Tal Abyad")
    assert place.id == "online:geonames:1234567"
    assert place.source == "geonames"
    assert place.source_url == "https://www.geonames.org/1234567"
    assert place.lonlat == pytest.approx((38.9536, 36.6975))
    assert place.kind == "town"  # PPL with 44 382 people
    assert place.precision_m == 3000
    (request,) = server.requests
    assert request.path == "/searchJSON"
    assert request.params["username"] == ["syriamap-tests"]
    assert request.params["country"] == [c.upper() for c in DEFAULT_COUNTRY_CODES]
    geonames.geocode("tal abyad")
    assert server.count == 1


@pytest.mark.parametrize(
    ("mode", "error"),
    [
        ("quota", GeocoderQuotaError),
        ("auth", GeocoderConfigError),
        ("truncated", GeocoderResponseError),
        ("object", GeocoderResponseError),
        ("429", GeocoderQuotaError),
        ("503", GeocoderServiceError),
    ],
)
def test_geonames_faults(
    geonames: OnlineGeocoder,
    server: fake_nominatim.FakeServer,
    cache_path: Path,
    mode: str,
    error: type[GeocoderError],
) -> None:
    server.mode = mode
    with pytest.raises(error, match="'Tal Abyad'"):
        geonames.geocode("Tal Abyad")
    assert cached_rows(cache_path) == 0


# --- no network unless asked ----------------------------------------------------------

GUARD = r"""
import socket, sys
class NetworkUsed(RuntimeError):
    pass
def refuse(*args, **kwargs):
    raise NetworkUsed(f"network used: {args!r}")
socket.socket.connect = refuse
socket.socket.connect_ex = refuse
socket.create_connection = refuse
socket.getaddrinfo = refuse

import syriamap
from syriamap.online import OnlineGeocoder
cache = sys.argv[1]
OnlineGeocoder.nominatim(user_agent="syriamap-tests (t@example.org)", cache_path=cache)
OnlineGeocoder.geonames(username="syriamap-tests", cache_path=cache)
from syriamap.gazetteer import Gazetteer
gz = Gazetteer.default()
gz.lookup("Palmyra")
gz.search("Tal Abyad")
try:
    gz.lookup("Tell Shamiram")
except LookupError:
    pass
print("gazetteer used")
try:
    socket.create_connection(("127.0.0.1", 9), timeout=0.1)
except NetworkUsed:
    print("guard works")
"""


def test_import_and_offline_use_touch_no_network(tmp_path: Path) -> None:
    cache = tmp_path / "never-created.sqlite3"
    result = subprocess.run(
        [sys.executable, "-c", GUARD, str(cache)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert "gazetteer used" in result.stdout
    assert "guard works" in result.stdout
    assert not cache.exists()


# --- as the gazetteer's fallback ------------------------------------------------------

OFFLINE_UNKNOWN = "Tell Shamiram"  # a village the offline gazetteer does not know


@pytest.fixture
def gazetteer_with_fallback(make: MakeGeocoder, server: fake_nominatim.FakeServer) -> Any:
    from syriamap.gazetteer import Gazetteer

    server.places[OFFLINE_UNKNOWN.lower()] = [
        fake_nominatim.nominatim_result(
            name="Tell Shamiram",
            lon=40.53,
            lat=36.59,
            osm_type="node",
            osm_id=4242,
            typ="village",
            bbox_deg=0.01,
        )
    ]
    with pytest.raises(PlaceNotFoundError):  # the premise: unknown offline
        Gazetteer.default().lookup(OFFLINE_UNKNOWN)
    return Gazetteer.default().with_fallback(make())


def test_fallback_is_not_asked_for_names_known_offline(
    gazetteer_with_fallback: Any, server: fake_nominatim.FakeServer
) -> None:
    place = gazetteer_with_fallback.lookup("Palmyra")
    assert not place.id.startswith("online:")
    assert server.count == 0


def test_fallback_answers_names_unknown_offline_once(
    gazetteer_with_fallback: Any, server: fake_nominatim.FakeServer
) -> None:
    place = gazetteer_with_fallback.lookup(OFFLINE_UNKNOWN)
    assert place.id == "online:nominatim:node/4242"
    assert place.source == "nominatim"
    assert place.kind == "village"
    assert gazetteer_with_fallback.lookup(OFFLINE_UNKNOWN) == place
    assert server.count == 1


def test_fallback_faults_reach_the_caller_typed(
    gazetteer_with_fallback: Any, server: fake_nominatim.FakeServer
) -> None:
    server.mode = "500"
    with pytest.raises(GeocoderServiceError, match=OFFLINE_UNKNOWN):
        gazetteer_with_fallback.lookup(OFFLINE_UNKNOWN)
    server.mode = "empty_list"
    with pytest.raises(PlaceNotFoundError, match=OFFLINE_UNKNOWN):
        gazetteer_with_fallback.lookup(OFFLINE_UNKNOWN)


def test_default_gazetteer_never_asks_online(
    make: MakeGeocoder, server: fake_nominatim.FakeServer
) -> None:
    from syriamap.gazetteer import Gazetteer

    make()  # a geocoder exists but was not handed to the gazetteer
    with pytest.raises(PlaceNotFoundError):
        Gazetteer.default().lookup(OFFLINE_UNKNOWN)
    assert server.count == 0


def test_batch_lookup_reports_fault_rows_and_stops_asking_after_429(
    gazetteer_with_fallback: Any, server: fake_nominatim.FakeServer
) -> None:
    from syriamap.gazetteer import Gazetteer

    names = ["Palmyra", OFFLINE_UNKNOWN, "Jubb al-Kalb", "Tell Shamiram al-Gharbi", "Aleppo"]
    unknown = list(Gazetteer.default().lookup_many(names)["status"] == "not_found")
    assert sum(unknown) >= 2  # the premise: several rows need the fallback
    server.mode = "429"  # no Retry-After: back off for a minute
    gdf = gazetteer_with_fallback.lookup_many(names)
    for is_unknown, status, text in zip(unknown, gdf["status"], gdf["error"], strict=True):
        if is_unknown:
            assert status != "ok"
            assert "GeocoderQuotaError" in str(text)
        else:
            assert status == "ok"
    assert server.count == 1  # one refusal, then no more requests


def test_concurrent_lookups_of_one_name_ask_once(
    make: MakeGeocoder, server: fake_nominatim.FakeServer
) -> None:
    geocoder = make(min_delay_s=0.1)
    results: list[Place] = []

    def work() -> None:
        results.append(geocoder.geocode("Tal Abyad"))

    threads = [threading.Thread(target=work) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(results) == 4
    assert len(set(results)) == 1
    assert server.count == 1


def test_arabic_names_are_sent_and_cached(
    make: MakeGeocoder, server: fake_nominatim.FakeServer
) -> None:
    server.places["تل أبيض"] = server.places["tal abyad"]
    geocoder = make()
    place = geocoder.geocode("تل أبيض")
    assert place.name_ar == "تل أبيض"
    assert server.requests[0].params["q"] == ["تل أبيض"]
    geocoder.geocode(" تل  أبيض ")
    assert server.count == 1
