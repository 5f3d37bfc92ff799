"""The saved map in a real browser (Debian's Chromium through Playwright), network cut off."""

from __future__ import annotations

import os
from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd
import pytest
from browser.pw import OpenedMap, launch, open_map
from pyproj import Geod
from shapely.geometry import Point

from syriamap.maps import incident_map
from syriamap.maps._synthetic import synthetic_incidents
from syriamap.zones import Zone

pytestmark = pytest.mark.browser

OUT = Path(__file__).resolve().parents[1] / "test-output"
WORKER = os.environ.get("PYTEST_XDIST_WORKER", "main")  # parallel runs write their own files
TANF = (38.61778, 33.50583)
GEOD = Geod(ellps="WGS84")
LONELY = "Lonely airstrike far in the desert, described plainly."


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = launch(p)
        yield b
        b.close()


@pytest.fixture(scope="module")
def zone() -> Zone:
    return Zone.around(TANF, radius_km=55, name="al-Tanf 55 km deconfliction zone")


@pytest.fixture(scope="module")
def incidents() -> gpd.GeoDataFrame:
    gdf = synthetic_incidents(400, seed=7)
    lonely = gpd.GeoDataFrame(
        {
            "id": ["lonely-1", "nowhere-1", "syria-1"],
            "date": ["2023-06-10", "2023-06-11", "2023-06-12"],
            "date_end": ["2023-06-10", "2023-06-11", "2023-06-12"],
            "date_precision": ["day", "day", "day"],
            "event_type": ["Explosions/Remote violence", "Battles", "Battles"],
            "actor1": ["Air force of somewhere", "Someone", "Someone else"],
            "place": ["Bir Lonely", "Unknown village", "Syria"],
            "place_id": [None, None, "country:SY"],
            "place_name": ["Bir Lonely (resolved)", None, "Syria"],
            "matched": ["Bir Lonely", None, "Syria"],
            "precision_m": [3000.0, np.nan, 450_000.0],
            "source_url": ["https://example.org/lonely", None, None],
            "source_outlet": ["Example Wire", None, None],
            "description": [LONELY, "not located", "somewhere in Syria"],
        },
        geometry=[Point(39.9, 33.0), None, Point(38.56, 34.81)],
        crs="EPSG:4326",
    )
    return pd.concat([gdf, lonely], ignore_index=True)


@pytest.fixture(scope="module", autouse=True)
def _out_dir() -> None:
    # every test here writes to OUT, in whatever order the workers take them
    OUT.mkdir(exist_ok=True)


@pytest.fixture(scope="module")
def map_path(incidents: gpd.GeoDataFrame, zone: Zone) -> Path:
    path = OUT / f"browser-synthetic-{WORKER}.html"
    incident_map(incidents, zones=[zone], title="Synthetic incidents (test)").save(str(path))
    return path


@pytest.fixture()
def opened(browser, map_path: Path) -> OpenedMap:
    o = open_map(browser, map_path)
    yield o
    o.page.context.close()


def _settle(o: OpenedMap) -> None:
    o.page.wait_for_timeout(200)


def _goto(o: OpenedMap, lon: float, lat: float, zoom: int) -> dict:
    o.api(f"api.map.setView([{lat}, {lon}], {zoom}, {{animate: false}})")
    _settle(o)
    return o.api(f"api.map.latLngToContainerPoint([{lat}, {lon}])")


def test_opens_with_no_network_request_and_no_error(opened: OpenedMap) -> None:
    _settle(opened)
    assert opened.blocked == []
    assert opened.console_errors == []
    assert opened.page_errors == []


def test_every_located_incident_is_shown(opened: OpenedMap, incidents) -> None:
    counts = opened.api("api.counts()")
    located = int(incidents.geometry.notna().sum())
    assert counts["total"] == len(incidents)
    assert counts["located"] == located == len(incidents) - 1
    assert counts["active"] == located
    # the incident located only as "Syria" is listed, not drawn: drawn + listed = located
    assert counts["listed"] == 1
    assert counts["points"] + counts["clustered"] + counts["listed"] == located
    # the drawn bubbles' labels agree with their members, and all are on screen
    bubbles = opened.api("api.clusters()")
    assert len(bubbles) == counts["clusters"] > 0
    drawn = located - counts["listed"]
    assert sum(int(b["label"].replace(",", "")) for b in bubbles) + counts["points"] == drawn
    assert all(0 <= b["x"] <= 1280 and 0 <= b["y"] <= 800 for b in bubbles)
    assert counts["unlocated_listed"] == 1
    panel = opened.page.locator(".sm-offmap").inner_text()
    assert "Not located (1)" in panel and "Unknown village" in panel
    assert "Located only as “in Syria” (1)" in panel


def test_clicking_an_incident_opens_its_popup(opened: OpenedMap) -> None:
    pt = _goto(opened, 39.9, 33.0, 13)
    opened.page.mouse.move(pt["x"], pt["y"])
    tip = opened.page.locator(".sm-tooltip")
    tip.wait_for(timeout=3000)
    assert "Bir Lonely" in tip.inner_text()
    opened.page.mouse.click(pt["x"], pt["y"])
    popup = opened.page.locator(".leaflet-popup-content")
    popup.wait_for(timeout=3000)
    text = popup.inner_text()
    assert LONELY in text
    assert "Bir Lonely (resolved)" in text
    assert "± 3.00 km" in text
    assert "10 Jun 2023" in text
    link = popup.locator("a.sm-src")
    assert link.get_attribute("href") == "https://example.org/lonely"
    assert link.inner_text() == "Example Wire"
    # the uncertainty disc is drawn (in its own canvas pane)
    assert opened.page.locator(".leaflet-sm-discs-pane canvas").count() == 1


def test_cluster_click_zooms_in(opened: OpenedMap) -> None:
    z0 = opened.api("api.map.getZoom()")
    bubble = max(opened.api("api.clusters()"), key=lambda b: b["count"])
    opened.page.mouse.move(bubble["x"], bubble["y"])
    tip = opened.page.locator(".sm-tooltip")
    tip.wait_for(timeout=3000)
    assert f"{bubble['count']} incidents" in tip.inner_text()
    opened.page.mouse.click(bubble["x"], bubble["y"])
    opened.page.wait_for_timeout(600)
    assert opened.api("api.map.getZoom()") > z0


def test_zone_polygon_label_and_legend(opened: OpenedMap, zone: Zone, incidents) -> None:
    assert opened.page.locator("path.sm-zone").count() == 1
    label = opened.page.locator(".sm-zone-text").inner_text()
    assert "al-Tanf 55 km deconfliction zone" in label and "radius 55.0 km" in label
    legend = opened.page.locator(".sm-legend").inner_text()
    layers = opened.page.locator(".sm-layers").inner_text()
    for name in incidents["event_type"].unique():
        assert name in layers  # the layer control is the key to the symbols
    assert "al-Tanf 55 km deconfliction zone" in legend
    # the drawn polygon follows the zone's geodesic polygon (not a Mercator circle)
    top = zone.polygon.bounds[3]
    path_box = opened.page.locator("path.sm-zone").bounding_box()
    pane = opened.api(f"api.map.latLngToContainerPoint([{top}, {TANF[0]}])")
    assert abs(path_box["y"] - pane["y"]) < 3, (path_box, pane)


def _window_count(incidents, lo: str, hi: str) -> int:
    located = incidents[incidents.geometry.notna()]
    start = pd.to_datetime(located["date"])
    end = pd.to_datetime(located["date_end"]).fillna(start)
    return int(((start <= pd.Timestamp(hi)) & (end >= pd.Timestamp(lo))).sum())


def test_time_control_hides_and_shows_incidents(opened: OpenedMap, incidents) -> None:
    page = opened.page
    day = lambda s: (pd.Timestamp(s) - pd.Timestamp("1970-01-01")).days  # noqa: E731
    page.evaluate(
        """([lo, hi]) => {
        const a = document.querySelector('.sm-time-lo'), b = document.querySelector('.sm-time-hi');
        a.value = String(lo); a.dispatchEvent(new Event('input'));
        b.value = String(hi); b.dispatchEvent(new Event('input'));
    }""",
        [day("2023-03-01"), day("2023-05-31")],
    )
    _settle(opened)
    counts = opened.api("api.counts()")
    expected = _window_count(incidents, "2023-03-01", "2023-05-31")
    assert 0 < counts["active"] == expected < counts["located"]
    assert counts["points"] + counts["clustered"] + counts["listed"] == expected
    assert "1 Mar 2023 – 31 May 2023" in page.locator(".sm-time-label").inner_text()
    page.locator(".sm-time-reset").click()
    _settle(opened)
    assert opened.api("api.counts()")["active"] == opened.api("api.counts()")["located"]
    # play: a moving window that shows a part of the incidents at a time
    page.locator(".sm-time-play").click()
    page.wait_for_timeout(1600)
    page.locator(".sm-time-play").click()
    label = page.locator(".sm-time-label").inner_text()
    assert label != "3 Jan 2023 – 28 Jan 2025"
    assert 0 < opened.api("api.counts()")["active"] < opened.api("api.counts()")["located"]


def test_layer_control_toggles_an_event_type(opened: OpenedMap, incidents) -> None:
    page = opened.page
    located = incidents[incidents.geometry.notna()]
    first = located["event_type"].value_counts().index[0]
    n_first = int((located["event_type"] == first).sum())
    page.locator(".sm-layers").hover()
    row = page.locator(".leaflet-control-layers-overlays label", has_text=first).first
    row.locator("input").uncheck()
    _settle(opened)
    assert opened.api("api.counts()")["active"] == len(located) - n_first
    row.locator("input").check()
    _settle(opened)
    assert opened.api("api.counts()")["active"] == len(located)


def test_measure_tool_gives_geodesic_distance(opened: OpenedMap) -> None:
    page = opened.page
    _goto(opened, 38.0, 34.0, 7)
    page.locator(".sm-measure").click()
    a = opened.api("api.map.latLngToContainerPoint([33.5, 36.3])")
    b = opened.api("api.map.latLngToContainerPoint([36.2, 37.15])")
    page.mouse.click(a["x"], a["y"])
    page.mouse.click(b["x"], b["y"])
    page.keyboard.press("Escape")
    pts = opened.api("api.measure.points().map(p => [p.lng, p.lat])")
    assert len(pts) == 2
    js = opened.api("api.measure.distance()")
    _, _, expected = GEOD.inv(pts[0][0], pts[0][1], pts[1][0], pts[1][1])
    assert js == pytest.approx(expected, abs=0.01)
    az, _, _ = GEOD.inv(pts[0][0], pts[0][1], pts[1][0], pts[1][1])
    js_az = opened.api(f"api.bearing({pts[0][0]}, {pts[0][1]}, {pts[1][0]}, {pts[1][1]})")
    assert js_az == pytest.approx(az % 360, abs=1e-7)
    label = page.locator(".sm-measure-tip").inner_text()
    assert label.splitlines()[0] == f"{expected / 1000:.1f} km"
    assert label.splitlines()[1] == f"{round(az) % 360:03d}° NNE"  # Damascus to Aleppo


def test_js_geodesic_circle_matches_pyproj(opened: OpenedMap) -> None:
    ring = opened.api("api.geodesicCircle(38.61778, 33.50583, 55000, 36)")
    for k, (lon, lat) in enumerate(ring):
        elon, elat, _ = GEOD.fwd(38.61778, 33.50583, 360 * k / 36, 55000)
        assert lon == pytest.approx(elon, abs=1e-8)
        assert lat == pytest.approx(elat, abs=1e-8)


def test_screenshot(opened: OpenedMap) -> None:
    _settle(opened)
    opened.page.screenshot(path=str(OUT / "browser-synthetic.png"))
    assert (OUT / "browser-synthetic.png").stat().st_size > 20_000


def test_jupyter_repr_works_inside_its_iframe(browser, incidents, zone: Zone) -> None:
    m = incident_map(incidents.iloc[:50], zones=[zone])
    context = browser.new_context(viewport={"width": 1000, "height": 700})
    blocked: list[str] = []

    def route(r) -> None:
        if r.request.url.startswith(("file:", "data:", "about:", "blob:")):
            r.continue_()
        else:
            blocked.append(r.request.url)
            r.abort()

    context.route("**/*", route)
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.set_content(f"<html><body><div style='width:900px'>{m._repr_html_()}</div></body></html>")
    frame = page.frame_locator("iframe")
    frame.locator(".sm-map[data-sm-ready='1']").wait_for(timeout=15_000)
    assert frame.locator(".sm-legend").count() == 1
    assert blocked == [] and errors == []
    # fitted to the iframe's final size: every incident is in view
    inner = page.frames[1]
    shown = inner.evaluate("Object.values(window.SyriaMap.instances)[0].inView().length")
    assert shown == int(incidents.iloc[:50].geometry.notna().sum())
    context.close()


def test_packed_payload_opens_the_same_map(browser, incidents, zone: Zone, monkeypatch) -> None:
    import syriamap.maps as maps

    monkeypatch.setattr(maps, "COMPRESS_ABOVE_CHARS", 1000)
    path = OUT / f"browser-packed-{WORKER}.html"
    incident_map(incidents, zones=[zone]).save(str(path))
    assert 'data-encoding="deflate-base64"' in path.read_text(encoding="utf-8")
    o = open_map(browser, path)
    try:
        assert o.blocked == [] and o.console_errors == [] and o.page_errors == []
        counts = o.api("api.counts()")
        assert counts["located"] == int(incidents.geometry.notna().sum())
        assert counts["points"] + counts["clustered"] + counts["listed"] == counts["located"]
    finally:
        o.page.context.close()


def test_a_big_stack_at_one_place_lists_its_incidents(browser) -> None:
    n = 30
    gdf = gpd.GeoDataFrame(
        {
            "id": [f"stack-{i}" for i in range(n)],
            "date": [f"2024-05-{1 + i % 28:02d}" for i in range(n)],
            "event_type": ["Shelling"] * n,
            "place": ["<b>Same village</b>"] * n,
            "description": [f"event number {i}" for i in range(n)],
        },
        geometry=[Point(37.0, 35.0)] * n,
        crs="EPSG:4326",
    )
    path = OUT / f"browser-stack-{WORKER}.html"
    incident_map(gdf).save(str(path))
    o = open_map(browser, path)
    try:
        counts = o.api("api.counts()")
        assert counts["clusters"] == 1 and counts["clustered"] == n
        bubble = o.api("api.clusters()")[0]
        o.page.mouse.click(bubble["x"], bubble["y"])
        o.page.wait_for_timeout(300)
        items = o.page.locator(".sm-list-btn")
        assert items.count() == n
        assert "<b>Same village</b>" in items.first.inner_text()
        items.nth(3).click()
        text = o.page.locator(".leaflet-popup-content").inner_text()
        assert "event number" in text and "back to the list" in text
        o.page.locator(".sm-back").click()
        assert o.page.locator(".sm-list-btn").count() == n
        assert o.page_errors == [] and o.console_errors == []
    finally:
        o.page.context.close()


def test_fullscreen_button_toggles(opened: OpenedMap) -> None:
    page = opened.page
    state = (
        "(() => { const c = document.querySelector('.sm-map');"
        " return document.fullscreenElement === c || c.classList.contains('sm-pseudo-full'); })()"
    )
    assert page.evaluate(state) is False
    page.locator(".sm-fullscreen").click()
    page.wait_for_timeout(300)
    assert page.evaluate(state) is True
    page.locator(".sm-fullscreen").click()
    page.wait_for_timeout(300)
    assert page.evaluate(state) is False


def test_online_tiles_are_offered_and_the_vector_basemap_stays(
    browser, incidents, tmp_path
) -> None:
    path = OUT / f"browser-online-{WORKER}.html"
    incident_map(incidents.iloc[:40], offline=False).save(str(path))
    o = open_map(browser, path)
    try:
        assert o.blocked == []  # the offline basemap is the default: no tile requested yet
        o.page.locator(".sm-layers").hover()
        o.page.locator(".leaflet-control-layers-base label", has_text="OpenStreetMap").click()
        o.page.wait_for_timeout(500)
        assert o.blocked and all("openstreetmap.org" in u for u in o.blocked)
        assert o.page_errors == []
        # governorate lines and towns stay on top of the tiles
        assert o.page.locator(".leaflet-sm-admin-pane canvas").count() == 1
        assert o.page.locator(".sm-town-label").count() > 0
    finally:
        o.page.context.close()


def test_without_clustering_and_time_control(browser, incidents) -> None:
    path = OUT / f"browser-plain-{WORKER}.html"
    incident_map(incidents.iloc[:120], cluster=False, time_control=False).save(str(path))
    o = open_map(browser, path)
    try:
        counts = o.api("api.counts()")
        assert counts["clusters"] == 0 and counts["points"] == counts["located"] == 120
        assert o.page.locator(".sm-time").count() == 0
        assert o.page.locator(".sm-title").count() == 0  # no title asked for
        assert o.page_errors == [] and o.console_errors == []
    finally:
        o.page.context.close()


def test_layers_by_actor_and_legend_toggles_types(browser, incidents) -> None:
    path = OUT / f"browser-actors-{WORKER}.html"
    subset = incidents.iloc[:200]
    incident_map(subset, group_by="actor1").save(str(path))
    o = open_map(browser, path)
    try:
        located = subset[subset.geometry.notna()]
        actor = located["actor1"].value_counts().index[0]
        etype = located["event_type"].value_counts().index[0]
        o.page.locator(".sm-layers").hover()
        row = o.page.locator(".leaflet-control-layers-overlays label", has_text=actor).first
        row.locator("input").uncheck()
        o.page.wait_for_timeout(200)
        assert o.api("api.counts()")["active"] == int((located["actor1"] != actor).sum())
        assert o.page.locator(".sm-legend-type.sm-off").count() == 0  # types are still all on
        o.page.mouse.move(600, 400)
        o.page.locator(".sm-legend-type", has_text=etype).click()
        o.page.wait_for_timeout(200)
        expected = int(((located["actor1"] != actor) & (located["event_type"] != etype)).sum())
        assert o.api("api.counts()")["active"] == expected
        assert "sm-off" in (
            o.page.locator(".sm-legend-type", has_text=etype).get_attribute("class") or ""
        )
    finally:
        o.page.context.close()


def _boxes_overlap(a: dict, b: dict) -> bool:
    return (
        a["x"] < b["x"] + b["width"]
        and b["x"] < a["x"] + a["width"]
        and a["y"] < b["y"] + b["height"]
        and b["y"] < a["y"] + a["height"]
    )


@pytest.mark.parametrize("size", [(1280, 800), (800, 600)])
def test_attribution_credits_the_data_and_covers_no_control(browser, map_path, size) -> None:
    o = open_map(browser, map_path, width=size[0], height=size[1])
    try:
        _settle(o)
        control = o.page.locator(".leaflet-control-attribution")
        text = control.inner_text()
        assert "Places: GeoNames (CC BY 4.0), OpenSyria (CC BY 4.0), curated sources" in text
        assert "Natural Earth" in text
        links = control.locator("a")
        hrefs = {
            links.nth(i).inner_text(): links.nth(i).get_attribute("href")
            for i in range(links.count())
        }
        assert hrefs["GeoNames"] == "https://www.geonames.org/"
        assert hrefs["OpenSyria"] == "https://github.com/Open-Syria/data-geography"
        assert hrefs["CC BY 4.0"] == "https://creativecommons.org/licenses/by/4.0/"
        title = control.get_by_text("GeoNames", exact=True).get_attribute("title")
        assert title == "Contains data from GeoNames (www.geonames.org), CC BY 4.0"
        ours = control.locator(".sm-credits a")
        assert ours.count() == 4
        for i in range(ours.count()):
            assert ours.nth(i).get_attribute("rel") == "noopener noreferrer nofollow"
        # legible: on screen, at most two lines, clear of the time control and the legend
        box = control.bounding_box()
        assert box is not None and box["x"] >= 0 and box["y"] + box["height"] <= size[1] + 0.5
        assert box["height"] < 40
        for other in (".sm-time", ".sm-legend"):
            other_box = o.page.locator(other).bounding_box()
            assert other_box is not None and not _boxes_overlap(box, other_box), other
    finally:
        o.page.context.close()
