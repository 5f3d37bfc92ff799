"""``syriamap demo``: the README's main job, opened in Chromium with the network cut off."""

from __future__ import annotations

import os
from pathlib import Path

import pandas as pd
import pytest
from browser.pw import OpenedMap, launch, open_map

from syriamap import datasets
from syriamap.cli import main

pytestmark = pytest.mark.browser

OUT = Path(__file__).resolve().parents[1] / "test-output"
WORKER = os.environ.get("PYTEST_XDIST_WORKER", "main")  # parallel runs write their own files


@pytest.fixture(scope="module")
def demo_path() -> Path:
    OUT.mkdir(exist_ok=True)
    path = OUT / f"demo-{WORKER}.html"
    assert main(["demo", "-o", str(path)]) == 0
    return path


@pytest.fixture(scope="module")
def seed() -> pd.DataFrame:
    return datasets.seed_incidents()


@pytest.fixture()
def opened(demo_path: Path):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = launch(p)
        o = open_map(browser, demo_path)
        o.page.wait_for_timeout(300)
        yield o
        browser.close()


def test_demo_is_deterministic(demo_path: Path, tmp_path: Path) -> None:
    again = tmp_path / "again.html"
    assert main(["demo", "-o", str(again)]) == 0
    assert again.read_bytes() == demo_path.read_bytes()


def test_demo_opens_offline_with_every_incident(opened: OpenedMap, seed) -> None:
    assert opened.blocked == []
    assert opened.console_errors == []
    assert opened.page_errors == []
    counts = opened.api("api.counts()")
    located = int(seed.geometry.notna().sum())
    country = seed["place_id"].str.startswith("country:").to_numpy()
    assert counts["total"] == len(seed)
    assert counts["located"] == located > 0
    # incidents located only as "in Syria" are listed beside the map, not drawn as points;
    # shown on the map + listed = input
    assert counts["listed"] == int(country.sum()) == 3
    assert counts["points"] + counts["clustered"] + counts["listed"] == located
    assert counts["points"] + counts["clustered"] + counts["listed"] + counts[
        "unlocated_listed"
    ] == len(seed)
    panel = opened.page.locator(".sm-offmap")
    assert "Located only as “in Syria” (3)" in panel.inner_text()
    assert panel.locator(".sm-off-btn").count() == 3
    # a small map: no cluster bubble, every drawn incident is its own marker on screen,
    # and the uncertainty discs (al-Tanf strike ± 42 km, Derik ± 27 km ...) are drawn
    assert counts["clusters"] == 0
    for i in range(len(seed)):
        point = opened.api(f"api.markerPoint({i})")
        if country[i]:
            assert point is None
        else:
            assert point is not None and 0 < point["x"] < 1280 and 0 < point["y"] < 800
    assert counts["discs"] >= 4


def test_demo_zone_legend_and_popup(opened: OpenedMap, seed) -> None:
    page = opened.page
    assert page.locator("path.sm-zone").count() == 1
    zone_name = datasets.seed_zones()[0].name
    assert zone_name in page.locator(".sm-zone-text").inner_text()
    legend = page.locator(".sm-legend").inner_text()
    layers = page.locator(".sm-layers").inner_text()  # the key to the symbols, with toggles
    for event_type in seed["event_type"].unique():
        assert event_type in layers
        assert event_type not in legend  # listed once, not twice
    # the legend tallies incidents by their relation to the zone, uncertainty included
    zone = datasets.seed_zones()[0]
    located = seed[seed.geometry.notna()]
    rel = zone.relation(
        located.geometry.x.to_numpy(),
        located.geometry.y.to_numpy(),
        uncertainty_m=located["precision_m"].to_numpy(),
    ).relation
    inside, uncertain, outside = (
        int((rel == r).sum()) for r in ("inside", "indeterminate", "outside")
    )
    assert (
        f"shown: {inside} inside, {uncertain} uncertain (disc on the edge), {outside} outside"
        in legend
    )
    # click the al-Tanf strike where it is drawn
    idx = int(seed.index.get_loc(seed.index[seed["id"] == "seed-2022-06-15-tanf-strike"][0]))
    pt = opened.api(f"api.markerPoint({idx})")
    page.mouse.click(pt["x"], pt["y"])
    popup = page.locator(".leaflet-popup-content")
    popup.wait_for(timeout=3000)
    text = popup.inner_text()
    assert seed.loc[seed.index[idx], "description"][:60] in text
    assert "Hosh Matroud" in text  # the place as written
    assert "al-Tanf garrison" in text  # as resolved
    assert zone_name in text  # the zone relation row
    assert "± 42.0 km" in text
    assert "inside: 55.0 km from the edge; its ± 42.0 km uncertainty disc is wholly inside" in text
    assert "15 Jun 2022" in text
    page.mouse.move(5, 400)
    page.wait_for_timeout(500)  # popup fade-in, tooltip gone
    opened.page.screenshot(path=str(OUT / "demo-map.png"))
    assert "How this was located" in text  # the location note, folded
    assert seed.loc[seed.index[idx], "location_note"][:40] not in text
    popup.locator("summary").click()
    assert seed.loc[seed.index[idx], "location_note"][:40] in popup.inner_text()
    popup.locator("summary").click()


def test_demo_credits_the_data(opened: OpenedMap) -> None:
    # the seed incidents are placed with GeoNames and OpenSyria names (CC BY 4.0)
    text = opened.page.locator(".leaflet-control-attribution").inner_text()
    assert "GeoNames (CC BY 4.0)" in text
    assert "OpenSyria (CC BY 4.0)" in text


def test_demo_time_control(opened: OpenedMap, seed) -> None:
    located = seed[seed.geometry.notna()]
    start = pd.to_datetime(located["date"])
    end = pd.to_datetime(located["date_end"]).fillna(start)
    expected = int(((start <= "2020-12-31") & (end >= "2020-01-01")).sum())
    shown = opened.api("api.setWindow('2020-01-01', '2020-12-31')")
    assert 0 < shown == expected < len(located)
    counts = opened.api("api.counts()")
    assert counts["points"] + counts["clustered"] + counts["listed"] == expected
    listed = located["place_id"].str.startswith("country:")
    in_2020 = (start <= "2020-12-31") & (end >= "2020-01-01")
    assert counts["listed"] == int((listed & in_2020).sum())
    panel = opened.page.locator(".sm-offmap")
    assert panel.locator(".sm-off-btn").count() == counts["listed"]
    opened.page.locator(".sm-time-reset").click()
    opened.page.wait_for_timeout(100)
    assert opened.api("api.counts()")["active"] == len(located)


def test_keyboard_users_can_list_and_open_every_incident(opened: OpenedMap, seed) -> None:
    page = opened.page
    page.locator(".sm-listbtn").focus()
    page.keyboard.press("Enter")
    page.wait_for_timeout(300)
    items = page.locator(".sm-list-btn")
    drawn = int((seed.geometry.notna() & ~seed["place_id"].str.startswith("country:")).sum())
    assert items.count() == drawn  # the "in Syria" ones are in their own list
    assert "incidents in this view, by date" in page.locator(".sm-pop-title").first.inner_text()
    # the list has the focus; Enter opens the first (oldest) incident's card
    page.keyboard.press("Enter")
    page.wait_for_timeout(200)
    oldest = seed.sort_values("date").iloc[0]
    assert oldest["description"][:50] in page.locator(".leaflet-popup-content").last.inner_text()


def test_incidents_located_only_as_syria_open_from_their_list(opened: OpenedMap, seed) -> None:
    page = opened.page
    country = seed[seed["place_id"].str.startswith("country:")].sort_values("date")
    buttons = page.locator(".sm-offmap .sm-off-btn")
    assert buttons.count() == len(country)
    buttons.first.focus()
    page.keyboard.press("Enter")
    popup = page.locator(".leaflet-popup-content")
    popup.wait_for(timeout=3000)
    text = popup.inner_text()
    assert country["description"].iloc[0][:50] in text
    assert "Not drawn as a point: located only as “Syria” (± 450.0 km)" in text
    assert "indeterminate: the location is known only to ± 450.0 km" in text
    # the area it could be in (Syria) is shaded while the card is open, and no tip points
    # at a spot in the desert
    assert opened.page.evaluate(
        "document.querySelector('.leaflet-popup').classList.contains('sm-offmap-popup')"
    )
    assert opened.api("api.counts()")["points"] == 7
    page.keyboard.press("Escape")
