"""A small fake Nominatim / GeoNames server on 127.0.0.1 for the online-geocoder tests.

It answers ``/search`` like Nominatim (``format=json``) and ``/searchJSON`` like
GeoNames, records every request (path, parameters, headers, arrival time on the
server's monotonic clock), and can be told to fail in each way a real service
does: sleep past the client's timeout, HTTP 429/500/503, truncated JSON, an
empty answer, an object instead of a list, results without coordinates.
"""

from __future__ import annotations

import contextlib
import json
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlsplit

#: Every way the server can be told to answer (``FakeServer.mode``).
MODES = (
    "ok",  # results from the table, [] for unknown names
    "sleep",  # sleep ``sleep_s`` then answer normally (past the client's timeout)
    "429",
    "500",
    "503",
    "truncated",  # a JSON list cut in the middle
    "empty",  # HTTP 200 with an empty body
    "empty_list",  # [] whatever the name
    "object",  # a JSON object where Nominatim sends a list
    "error_object",  # {"error": "..."}
    "list_of_strings",  # ["a", "b"]
    "missing_latlon",  # a result without lat/lon
    "bad_latlon",  # lat "north", lon 999
    "no_country",  # a result without address.country_code
    "wrong_country",  # a result in France despite countrycodes
    "html",  # an HTML error page with status 200
    "quota",  # GeoNames: {"status": {"value": 18}} (daily limit)
    "auth",  # GeoNames: {"status": {"value": 10}} (bad username)
)


def nominatim_result(
    *,
    name: str,
    lon: float,
    lat: float,
    osm_type: str = "relation",
    osm_id: int = 1,
    cls: str = "place",
    typ: str = "town",
    country_code: str = "sy",
    state: str | None = None,
    bbox_deg: float | None = 0.02,
    name_ar: str | None = None,
) -> dict[str, Any]:
    """One result as Nominatim's ``/search?format=json&addressdetails=1&namedetails=1`` sends it."""
    record: dict[str, Any] = {
        "place_id": 100000 + osm_id,
        "licence": "Data © OpenStreetMap contributors, ODbL 1.0. http://osm.org/copyright",
        "osm_type": osm_type,
        "osm_id": osm_id,
        "lat": f"{lat:.7f}",
        "lon": f"{lon:.7f}",
        "class": cls,
        "type": typ,
        "place_rank": 16,
        "importance": 0.5,
        "addresstype": typ,
        "name": name,
        "display_name": f"{name}, {state or 'Somewhere'}, Syria",
        "address": {"country": "Syria", "country_code": country_code},
        "namedetails": {"name": name, "name:en": name},
    }
    if state:
        record["address"]["state"] = state
    if name_ar:
        record["namedetails"]["name:ar"] = name_ar
    if bbox_deg is not None:
        record["boundingbox"] = [
            f"{lat - bbox_deg:.7f}",
            f"{lat + bbox_deg:.7f}",
            f"{lon - bbox_deg:.7f}",
            f"{lon + bbox_deg:.7f}",
        ]
    return record


def default_places() -> dict[str, list[dict[str, Any]]]:
    """Results by lower-cased query."""
    return {
        "tal abyad": [
            nominatim_result(
                name="Tell Abyad",
                lon=38.9536,
                lat=36.6975,
                osm_id=1234567,
                typ="town",
                state="Raqqa Governorate",
                name_ar="تل أبيض",
            )
        ],
        "al-tanf crossing": [
            nominatim_result(
                name="Al-Tanf border crossing",
                lon=38.6333,
                lat=33.5049,
                osm_type="node",
                osm_id=987,
                cls="barrier",
                typ="border_control",
                bbox_deg=0.0000001,
            )
        ],
    }


def geonames_result(*, name: str, lon: float, lat: float, geoname_id: int) -> dict[str, Any]:
    """One result as GeoNames ``searchJSON`` sends it."""
    return {
        "geonameId": geoname_id,
        "name": name,
        "toponymName": name,
        "lat": f"{lat}",
        "lng": f"{lon}",
        "countryCode": "SY",
        "countryName": "Syria",
        "adminName1": "Raqqa",
        "fcl": "P",
        "fcode": "PPL",
        "population": 44382,
    }


@dataclass
class Request:
    """One request as the server saw it."""

    path: str
    params: dict[str, list[str]]
    headers: dict[str, str]
    arrived: float  # time.monotonic() on arrival


@dataclass
class FakeServer:
    """State shared with the handler threads; see :func:`start`."""

    mode: str = "ok"
    sleep_s: float = 1.0
    retry_after: str | None = None
    places: dict[str, list[dict[str, Any]]] = field(default_factory=default_places)
    requests: list[Request] = field(default_factory=list)
    port: int = 0
    _lock: threading.Lock = field(default_factory=threading.Lock)
    _stop: threading.Event = field(default_factory=threading.Event)
    _httpd: ThreadingHTTPServer | None = None

    @property
    def domain(self) -> str:
        """``127.0.0.1:PORT`` (what geopy's ``domain=`` takes)."""
        return f"127.0.0.1:{self.port}"

    @property
    def count(self) -> int:
        with self._lock:
            return len(self.requests)

    def record(self, request: Request) -> None:
        with self._lock:
            self.requests.append(request)

    def close(self) -> None:
        self._stop.set()
        if self._httpd is not None:
            self._httpd.shutdown()
            self._httpd.server_close()


def _handler(server: FakeServer) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, format: str, *args: Any) -> None:  # silence stderr
            pass

        def _send(self, status: int, body: bytes, ctype: str = "application/json") -> None:
            self.send_response(status)
            self.send_header("Content-Type", ctype)
            self.send_header("Content-Length", str(len(body)))
            if status in (429, 503) and server.retry_after is not None:
                self.send_header("Retry-After", server.retry_after)
            self.end_headers()
            with contextlib.suppress(BrokenPipeError, ConnectionResetError):
                self.wfile.write(body)  # the client may have given up (timeout)

        def _json(self, value: Any) -> None:
            self._send(200, json.dumps(value).encode())

        def do_GET(self) -> None:
            url = urlsplit(self.path)
            params = parse_qs(url.query)
            server.record(Request(url.path, params, dict(self.headers), time.monotonic()))
            mode = server.mode
            if mode == "sleep":
                server._stop.wait(server.sleep_s)
                mode = "ok"
            if mode in ("429", "500", "503"):
                self._send(int(mode), b'{"error": "fake failure"}')
                return
            q = (params.get("q") or [""])[0].lower()
            found = server.places.get(q, [])
            if url.path == "/searchJSON":
                self._geonames(mode, params, found)
                return
            if url.path != "/search":
                self._send(404, b"not found", "text/plain")
                return
            if mode == "truncated":
                self._send(200, json.dumps(found or [{"lat": "1"}]).encode()[:25])
            elif mode == "empty":
                self._send(200, b"")
            elif mode == "empty_list":
                self._json([])
            elif mode == "object":
                self._json(found[0] if found else {"lat": "1", "lon": "2"})
            elif mode == "error_object":
                self._json({"error": "Internal error"})
            elif mode == "list_of_strings":
                self._json(["a", "b"])
            elif mode == "missing_latlon":
                self._json([{k: v for k, v in r.items() if k not in ("lat", "lon")} for r in found])
            elif mode == "bad_latlon":
                self._json([{**r, "lat": "north", "lon": "999"} for r in found])
            elif mode == "no_country":
                self._json([{**r, "address": {}} for r in found])
            elif mode == "wrong_country":
                self._json([{**r, "address": {"country_code": "fr"}} for r in found])
            elif mode == "html":
                self._send(200, b"<html><body>Bad gateway</body></html>", "text/html")
            else:
                self._json(found)

        def _geonames(self, mode: str, params: dict[str, list[str]], found: list[Any]) -> None:
            if mode == "quota":
                self._json({"status": {"message": "daily limit exceeded", "value": 18}})
            elif mode == "auth":
                self._json({"status": {"message": "user does not exist.", "value": 10}})
            elif mode == "truncated":
                self._send(200, b'{"totalResultsCount": 1, "geonames": [{"lat"')
            elif mode == "object":
                self._json([])
            else:
                results = [
                    geonames_result(
                        name=r["name"],
                        lon=float(r["lon"]),
                        lat=float(r["lat"]),
                        geoname_id=r["osm_id"],
                    )
                    for r in found
                ]
                self._json({"totalResultsCount": len(results), "geonames": results})

    return Handler


def start() -> FakeServer:
    """Start a fake server on a random free port of 127.0.0.1 (call ``close()`` after)."""
    server = FakeServer()
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _handler(server))
    httpd.daemon_threads = True
    server.port = httpd.server_address[1]
    server._httpd = httpd
    threading.Thread(
        target=httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
    ).start()
    return server
