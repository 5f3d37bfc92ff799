"""Benchmark incident maps: build+save time, HTML size, time until interactive in Chromium.

syriamap maps include the al-Tanf 55 km zone (each incident's relation to it is
computed).  Side by side, in the same run, with the naive folium approach (one ``folium.Marker``
with a ``folium.Popup`` per incident, Leaflet inlined the same way so both open
offline).  Synthetic incidents clustered around Syrian towns
(:func:`syriamap.maps._synthetic.synthetic_incidents`).

Usage::

    python benchmarks/bench_map.py                 # 1k, 10k, 100k
    python benchmarks/bench_map.py --sizes 1000 --no-browser

"Interactive" is measured in the page: for syriamap, the ``syriamap:ready``
performance mark (map built, first clusters drawn, controls live); for the
folium baseline, the end of the ``load`` event (every marker script has run).
Both count from navigation start; one warm-up build and one warm-up page load
are discarded.  The baseline's 100k run is skipped when its
10k build time predicts more than ``--baseline-limit`` seconds.
"""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-background-networking", "--disable-gpu"]


def build_syriamap(gdf, path: Path) -> float:
    from syriamap.maps import incident_map
    from syriamap.zones import Zone

    start = time.perf_counter()
    tanf = Zone.around((38.61778, 33.50583), radius_km=55, name="al-Tanf 55 km zone")
    incident_map(gdf, zones=[tanf], title=f"{len(gdf):,} synthetic incidents").save(str(path))
    return time.perf_counter() - start


def build_folium_baseline(gdf, path: Path) -> float:
    import folium

    from syriamap.maps import _element_classes
    from syriamap.maps._assets import leaflet_css, leaflet_js

    start = time.perf_counter()
    m = folium.Map(location=[35.0, 38.5], zoom_start=7, tiles=None)
    m.default_js = []
    m.default_css = []
    head = f"<style>{leaflet_css()}</style><script>{leaflet_js()}</script>"
    raw_element = _element_classes()[0]  # literal HTML, not compiled as a template
    m.get_root().header.add_child(raw_element(head), name="leaflet")
    for row in gdf.itertuples():
        html = f"<b>{row.event_type}</b><br>{row.date}<br>{row.place}<br>{row.description}"
        folium.Marker([row.geometry.y, row.geometry.x], popup=folium.Popup(html)).add_to(m)
    m.save(str(path))
    return time.perf_counter() - start


def time_to_interactive(browser, path: Path, *, kind: str) -> tuple[float, int]:
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    blocked = []

    def route(r):
        if r.request.url.startswith(("file:", "data:", "about:", "blob:")):
            r.continue_()
        else:
            blocked.append(r.request.url)
            r.abort()

    context.route("**/*", route)
    page = context.new_page()
    page.goto(path.resolve().as_uri(), wait_until="load", timeout=600_000)
    if kind == "syriamap":
        page.wait_for_selector(".sm-map[data-sm-ready='1']", timeout=600_000)
        ms = page.evaluate("performance.getEntriesByName('syriamap:ready')[0].startTime")
    else:
        ms = page.evaluate("performance.getEntriesByType('navigation')[0].loadEventEnd")
    context.close()
    return ms / 1000.0, len(blocked)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1_000, 10_000, 100_000])
    parser.add_argument("--no-browser", action="store_true")
    parser.add_argument("--no-baseline", action="store_true")
    parser.add_argument("--baseline-limit", type=float, default=60.0, help="seconds")
    args = parser.parse_args()

    from syriamap.maps._assets import inline_head
    from syriamap.maps._synthetic import synthetic_incidents

    inline_head()  # read the packaged assets once, as a notebook session would
    build_syriamap(synthetic_incidents(100, seed=0), Path(tempfile.gettempdir()) / "sm-warm.html")
    rows = []
    baseline_per_row = None
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp)
        results = []
        for n in args.sizes:
            gdf = synthetic_incidents(n, seed=1)
            path = out / f"syriamap-{n}.html"
            seconds = build_syriamap(gdf, path)
            results.append(("syriamap", n, seconds, path))
            if args.no_baseline:
                continue
            if baseline_per_row is not None and baseline_per_row * n > args.baseline_limit:
                predicted = baseline_per_row * n
                print(f"folium baseline {n:,}: skipped (predicted {predicted:.0f} s build)")
                results.append(("folium Marker+Popup", n, None, None))
                continue
            bpath = out / f"folium-{n}.html"
            bseconds = build_folium_baseline(gdf, bpath)
            baseline_per_row = bseconds / n
            results.append(("folium Marker+Popup", n, bseconds, bpath))

        browser = None
        if not args.no_browser:
            from playwright.sync_api import sync_playwright

            pw = sync_playwright().start()
            browser = pw.chromium.launch(executable_path=CHROMIUM, args=ARGS)
            time_to_interactive(browser, results[0][3], kind="syriamap")  # warm-up, discarded
        for kind, n, seconds, path in results:
            if path is None:
                rows.append((kind, n, "skipped", "-", "-", "-"))
                continue
            size_mb = path.stat().st_size / 1e6
            tti, blocked = ("-", "-")
            if browser is not None:
                t, b = time_to_interactive(
                    browser, path, kind="syriamap" if kind == "syriamap" else "folium"
                )
                tti, blocked = f"{t:.2f}", str(b)
            rows.append((kind, n, f"{seconds:.2f}", f"{size_mb:.1f}", tti, blocked))
        if browser is not None:
            browser.close()
            pw.stop()

    print()
    print("| map | incidents | build+save (s) | HTML (MB) | interactive (s) | network requests |")
    print("|---|---:|---:|---:|---:|---:|")
    for kind, n, seconds, size, tti, blocked in rows:
        print(f"| {kind} | {n:,} | {seconds} | {size} | {tti} | {blocked} |")


if __name__ == "__main__":
    main()
