"""Hostile text in every field never executes in the saved map and shows as text."""

from __future__ import annotations

import os
from pathlib import Path

import geopandas as gpd
import pytest
from browser.pw import launch, open_map
from shapely.geometry import Point

from syriamap.maps import incident_map
from syriamap.zones import Zone

pytestmark = pytest.mark.browser

OUT = Path(__file__).resolve().parents[1] / "test-output"
WORKER = os.environ.get("PYTEST_XDIST_WORKER", "main")  # parallel runs write their own files

# every payload tries to set window.__xss; none may succeed
PAYLOADS = [
    "<script>window.__xss=1</script>",
    "<SCRIPT>window.__xss=2</SCRIPT>",
    "</script><script>window.__xss=3</script>",
    "</SCRIPT ><script>window.__xss=4</script>",
    "<img src=x onerror=window.__xss=5>",
    '<img src="x" onerror="window.__xss=6">',
    "<svg onload=window.__xss=7>",
    "<svg><script>window.__xss=8</script></svg>",
    "<svg/onload=window.__xss=9>",
    "<body onload=window.__xss=10>",
    "<iframe src=javascript:window.__xss=11>",
    "<iframe srcdoc='<script>parent.__xss=12</script>'>",
    "javascript:window.__xss=13",
    "JaVaScRiPt:window.__xss=14",
    " javascript:window.__xss=15",
    "java\tscript:window.__xss=16",
    "data:text/html,<script>window.__xss=17</script>",
    "vbscript:window.__xss=18",
    '"><script>window.__xss=19</script>',
    "'><script>window.__xss=20</script>",
    '" onmouseover="window.__xss=21" x="',
    "' onmouseover='window.__xss=22' x='",
    "`-window.__xss=23-`",
    "${window.__xss=24}",
    "`${window.__xss=25}`",
    "{{constructor.constructor('window.__xss=26')()}}",
    "{{ 7*7 }}{% for x in range(3) %}{{x}}{% endfor %}",
    '"};window.__xss=28;//',
    '"]}];window.__xss=29;//',
    '\\";window.__xss=30;//',
    "\u2028window.__xss=31\u2029",
    "<!--<script>window.__xss=32</script>-->",
    "]]><script>window.__xss=33</script>",
    "<math><mi xlink:href=javascript:window.__xss=34>x</mi></math>",
    '<a href="javascript:window.__xss=35">click</a>',
    "<details open ontoggle=window.__xss=36>",
    "<video><source onerror=window.__xss=37></video>",
    "<audio src=x onerror=window.__xss=38>",
    "<object data=javascript:window.__xss=39>",
    "<embed src=javascript:window.__xss=40>",
    "<style>@import 'javascript:window.__xss=41'</style>",
    "<link rel=import href=data:text/html,<script>window.__xss=42</script>>",
    "<input autofocus onfocus=window.__xss=43>",
    "<marquee onstart=window.__xss=44>",
    "<div style=\"background:url('javascript:window.__xss=45')\">",
    "&lt;script&gt;window.__xss=46&lt;/script&gt;",
    "&#60;script&#62;window.__xss=47&#60;/script&#62;",
    "%3Cscript%3Ewindow.__xss=48%3C/script%3E",
    "\\u003cscript\\u003ewindow.__xss=49\\u003c/script\\u003e",
    "<scr<script>ipt>window.__xss=50</scr</script>ipt>",
    "<ScRiPt src=data:text/javascript,window.__xss=51></ScRiPt>",
    "<base href=javascript:/window.__xss=52//>",
    "<form action=javascript:window.__xss=53><button>x</button></form>",
    "<meta http-equiv=refresh content=0;url=javascript:window.__xss=54>",
    'https://example.org/"><img src=x onerror=window.__xss=55>',
    "https://example.org/' onclick='window.__xss=56",
    "<x onpointerover=window.__xss=57>hover</x>",
    "\x00<script>window.__xss=58</script>",
    "<template><script>window.__xss=59</script></template>",
    '<noscript><p title="</noscript><img src=x onerror=window.__xss=60>">',
]

TEXT_FIELDS = [
    "id",
    "event_type",
    "actor1",
    "actor2",
    "place",
    "place_name",
    "matched",
    "location_note",
    "admin1",
    "admin2",
    "description",
    "source_url",
    "source_outlet",
    "date_precision",
]


LISTED = PAYLOADS[-3:]


def _hostile_frame() -> gpd.GeoDataFrame:
    n = len(PAYLOADS)
    rows = {field: list(PAYLOADS) for field in TEXT_FIELDS}
    rows["date"] = [f"2024-01-{1 + i % 28:02d}" for i in range(n)]
    # the last rows are located only to ± 450 km: listed beside the map, not drawn
    rows["precision_m"] = [5000.0] * (n - len(LISTED)) + [450_000.0] * len(LISTED)
    geometry = [Point(36.0 + (i % 10) * 0.5, 32.6 + (i // 10) * 0.6) for i in range(n)]
    return gpd.GeoDataFrame(rows, geometry=geometry, crs="EPSG:4326")


@pytest.fixture(scope="module")
def hostile_maps() -> list[Path]:
    OUT.mkdir(exist_ok=True)
    gdf = _hostile_frame()
    zones = [
        Zone.around((36.5 + k * 0.9, 33.0 + (k % 3)), radius_km=20, name=p, source=PAYLOADS[12 + k])
        for k, p in enumerate(PAYLOADS[:8])
    ]
    paths = []
    for k, group_by in enumerate(["event_type", "actor1"]):
        path = OUT / f"xss-{group_by}-{WORKER}.html"
        incident_map(gdf, zones=zones, title=PAYLOADS[k], group_by=group_by, offline=False).save(
            str(path)
        )
        paths.append(path)
    return paths


def test_there_are_enough_payloads() -> None:
    assert len(PAYLOADS) >= 50
    assert len(set(PAYLOADS)) == len(PAYLOADS)


@pytest.mark.parametrize("which", [0, 1])
def test_no_payload_executes_and_all_show_as_text(hostile_maps: list[Path], which: int) -> None:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = launch(p)
        o = open_map(browser, hostile_maps[which], height=900)
        page = o.page
        assert page.evaluate("window.__xss") is None
        n = len(PAYLOADS)
        # open every popup (built from properties) and check its text
        for i in range(n):
            o.api(f"api.openPopup({i})")
            text = page.locator(".leaflet-popup-content").last.text_content() or ""
            expected = PAYLOADS[i].strip()
            if "\u2028" not in expected:
                # shown verbatim: as the title, the actors, the place, the description, the id
                assert text.count(expected) >= 4, (i, text)
            links = page.locator(".leaflet-popup-content").last.locator("a")
            for k in range(links.count()):
                href = links.nth(k).get_attribute("href") or ""
                assert href.startswith(("https://", "http://")), href
            # nothing from the data became an element
            assert (
                page.locator(
                    ".leaflet-popup-content img, .leaflet-popup-content svg:not(.sm-sym)"
                    ", .leaflet-popup-content iframe, .leaflet-popup-content script"
                    ", .leaflet-popup-content x"
                ).count()
                == 0
            )
        # hover every individual marker with the mouse: tooltips are text too
        o.api("api.map.setView([33.5, 38.0], 9, {animate: false})")
        page.wait_for_timeout(200)
        for i in range(0, n, 7):
            lat, lon = 32.6 + (i // 10) * 0.6, 36.0 + (i % 10) * 0.5
            pt = o.api(f"api.map.latLngToContainerPoint([{lat}, {lon}])")
            if 0 < pt["x"] < 1280 and 0 < pt["y"] < 900:
                page.mouse.move(pt["x"], pt["y"])
                page.wait_for_timeout(30)
        # zone popups and labels, legend, layer control, title
        page.locator(".sm-layers").hover()
        chrome = page.locator(".sm-legend").inner_text() + page.locator(".sm-layers").inner_text()
        chrome += page.locator(".sm-title").inner_text()
        chrome += " ".join(page.locator(".sm-zone-text").all_inner_texts())
        listed = page.locator(".sm-offmap").inner_text()
        assert o.api("api.counts()")["listed"] == len(LISTED)
        for payload in LISTED:
            assert payload.strip() in listed  # the place as written, as text
        assert PAYLOADS[which] in page.locator(".sm-title-main").inner_text()
        assert "<script>window.__xss=1</script>" in chrome
        assert "<img src=x onerror=window.__xss=5>" in chrome
        o.api("api.map.setView([34.0, 38.5], 6, {animate: false})")
        page.wait_for_timeout(200)
        zones = page.locator("path.sm-zone")
        assert zones.count() == 8
        for k in range(zones.count()):
            zones.nth(k).dispatch_event("click")
            popup = page.locator(".leaflet-popup-content").last.text_content() or ""
            assert PAYLOADS[k] in popup
            assert PAYLOADS[12 + k].strip() in popup  # the source, as text (none is http)
            assert page.locator(".leaflet-popup-content").last.locator("a").count() == 0
        # time control and the measure tool redraw with the hostile data in place
        page.locator(".sm-time-reset").click()
        assert page.evaluate("window.__xss") is None
        assert page.evaluate("document.title") == PAYLOADS[which]
        bad = page.evaluate(
            """() => Array.from(document.querySelectorAll('*')).filter(e =>
                Array.from(e.attributes).some(a => a.name.startsWith('on'))
                || (e.tagName === 'A'
                    && /^\\s*(javascript|data|vbscript):/i.test(e.getAttribute('href') || ''))
                || ['IFRAME', 'OBJECT', 'EMBED', 'IMG', 'VIDEO', 'AUDIO', 'MARQUEE', 'DETAILS',
                    'BASE', 'FORM'].includes(e.tagName)
            ).map(e => e.outerHTML.slice(0, 120))"""
        )
        assert bad == []
        scripts = page.evaluate(
            "Array.from(document.scripts).filter(s => s.type !== 'application/json').length"
        )
        assert scripts == 4  # Leaflet, syriamap runtime, L_NO_TOUCH switches, the map script
        assert o.page_errors == []
        assert page.evaluate("window.__xss") is None
        # online mode: tiles are requested (and blocked here); nothing else is
        assert all("tile" in u or "arcgisonline" in u for u in o.blocked), o.blocked
        browser.close()
