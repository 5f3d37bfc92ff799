"""Tests of ``syriamap extract`` (syriamap/cli/text.py) and the claims map."""

from __future__ import annotations

import io
import json
import re
from pathlib import Path

import pytest

import syriamap
from syriamap.claims import check_claims, claims_map
from syriamap.cli import main

ARTICLES = Path(syriamap.__file__).parent / "data" / "articles"
SEED_001 = ARTICLES / "001_06963bf2407e38bd.txt"


def test_extract_json(capsys):
    assert main(["extract", str(SEED_001), "--json"]) == 0
    doc = json.loads(capsys.readouterr().out)
    text = SEED_001.read_text(encoding="utf-8")
    assert doc["chars"] == len(text)
    for m in doc["mentions"]:
        assert text[m["start"] : m["end"]] == m["text"]
    ids = {m["place_id"] for m in doc["mentions"]}
    assert {"curated:al-tanf-garrison", "curated:hosh-matroud"} <= ids
    verdicts = [(c["text"], c["verdict"]) for c in doc["claims"]]
    assert ("40 km away from", "unverifiable") in verdicts
    ring = next(c["ring"] for c in doc["claims"] if c["ring"])
    assert ring["radius_m"] == 40_000 and ring["center_name"] == "al-Tanf garrison"


def test_extract_table(capsys):
    assert main(["extract", str(SEED_001)]) == 0
    out = capsys.readouterr().out
    assert "Hosh Matroud has no sourced location" in out
    assert "UNVERIFIABLE" in out


def test_extract_stdin(capsys, monkeypatch):
    data = b"Rukban camp lies some 11 miles south of the al-Tanf garrison."
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(data)))
    assert main(["extract", "-", "--json"]) == 0
    doc = json.loads(capsys.readouterr().out)
    assert [c["verdict"] for c in doc["claims"]] == ["consistent"]


def test_extract_missing_file(capsys):
    assert main(["extract", "/no/such/article.txt"]) == 2
    assert "no such article file" in capsys.readouterr().err


def test_extract_map(tmp_path, capsys):
    article = tmp_path / "a.txt"
    article.write_text(
        SEED_001.read_text(encoding="utf-8")
        + "\nRukban camp lies some 11 miles south of the al-Tanf garrison.",
        encoding="utf-8",
    )
    out = tmp_path / "map.html"
    assert main(["extract", str(article), "--map", str(out)]) == 0
    html = out.read_text(encoding="utf-8")
    assert "Hosh Matroud" in html  # the ring's label
    assert "40 km from al-Tanf garrison" in html
    assert len(re.findall(r"var poly_line_\w+ = L\.polyline", html)) == 1
    assert "claimed 11 miles south vs geodesic 22.1 km" in html
    # the legend explains the line's colour
    assert _payload(html)["options"]["line_legend"] == [
        ["#1a9850", False, "consistent: claimed vs geodesic distance"]
    ]
    # offline: no script, stylesheet or image is fetched from the network
    assert not re.search(r"<(?:script|img)[^>]+src=[\"']?https?:", html)
    assert not re.search(r"<link[^>]+href=[\"']?https?:", html)


def test_map_escapes_article_text():
    text = (
        "Rukban camp lies some 11 miles south of the al-Tanf garrison. "
        "<script>alert(1)</script> `${document.cookie}` <img src=x onerror=alert(2)>"
    )
    html = claims_map(text).get_root().render()
    assert "<script>alert(1)" not in html
    assert "onerror=alert(2)>" not in html
    assert "${document.cookie}" not in html


def test_map_draws_rings_and_zones():
    text = (
        "Hosh Matroud is 40 km from the al-Tanf base. "
        "Rukban lies within the 55 km zone around al-Tanf."
    )
    claims = check_claims(text)
    m = claims_map(text, claims=claims)
    html = m.get_root().render()
    assert claims[0].ring is not None and claims[0].ring.name in html
    assert "55 km zone around al-Tanf garrison" in html


def _payload(html: str) -> dict:
    match = re.search(r'<script type="application/json" id="[^"]+_data">(.*?)</script>', html, re.S)
    assert match is not None
    return json.loads(match.group(1))


def test_claims_map_draws_rings_apart_from_zones():
    text = SEED_001.read_text(encoding="utf-8")
    payload = _payload(claims_map(text).get_root().render())
    kinds = {z["name"]: z["kind"] for z in payload["zones"]}
    assert kinds == {
        "55 km zone around al-Tanf garrison": "zone",
        "Hosh Matroud: 40 km from al-Tanf garrison (claimed)": "ring",
    }
    zone, ring = payload["zones"]
    # a ring is not a zone: no inside/outside relation is computed for it
    assert set(ring["relation"]) == {-1} and set(zone["relation"]) != {-1}
    assert ring["band_m"] == [31_000.0, 49_000.0] and ring["radius_m"] == 40_000.0
    assert ring["subject"] == "Hosh Matroud" and ring["center_name"] == "al-Tanf garrison"
    # the ring (31-49 km) lies wholly inside the 55 km zone: stated, nothing else drawn
    assert "The whole ring lies inside the 55 km zone around al-Tanf garrison" in ring["note"]
    # the article's headline, not the file name; places, not incidents
    assert (
        payload["options"]["title"]
        == "Targeting U.S.-led Forces in al-Tanf, Russia’s ‘Proof of Existence’"
    )
    assert payload["options"]["noun"] == ["place", "places"]


def test_claims_map_draws_where_a_ring_crosses_a_zone():
    text = (
        "Hosh Matroud is 60 km from the al-Tanf base. "
        "Rukban lies within the 55 km zone around al-Tanf."
    )
    payload = _payload(claims_map(text, title="t").get_root().render())
    kinds = [z["kind"] for z in payload["zones"]]
    assert kinds == ["zone", "ring", "region"]
    ring, region = payload["zones"][1:]
    assert "of the ring lies inside the 55 km zone around al-Tanf garrison" in ring["note"]
    assert region["name"] == "Hosh Matroud: ring ∩ 55 km zone around al-Tanf garrison"
    assert set(region["relation"]) == {-1}


def test_headline_is_an_early_line_standing_alone():
    from syriamap.claims import _headline

    assert _headline("Logo Wide\n\nBig clash near Deir ez-Zor\n\nBody text.") == (
        "Big clash near Deir ez-Zor"
    )
    assert _headline("Published: Mon, February 12, 2018\n\nBody.") is None
    assert _headline("One line that is the whole text, with no headline") is None
    assert _headline("A sentence. Another sentence here\n\nBody.") is None


@pytest.mark.parametrize("path", sorted(ARTICLES.glob("*.txt")), ids=lambda p: p.name[:3])
def test_extract_every_seed(path, capsys):
    assert main(["extract", str(path), "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["mentions"]


@pytest.mark.browser
def test_claims_map_in_browser(tmp_path):
    from browser.pw import launch, open_map
    from playwright.sync_api import sync_playwright

    text = (
        SEED_001.read_text(encoding="utf-8")
        + "\nRukban camp lies some 11 miles south of the al-Tanf garrison."
    )
    path = tmp_path / "claims.html"
    m = claims_map(text)
    m.save(str(path))
    names = re.findall(r"var (poly_line_\w+) = L\.polyline", path.read_text(encoding="utf-8"))
    assert len(names) == 1
    with sync_playwright() as p:
        browser = launch(p)
        try:
            opened = open_map(browser, path)
            assert opened.blocked == []
            assert opened.page_errors == []
            on_map = opened.page.evaluate(f"!!(window.{names[0]} && window.{names[0]}._map)")
            assert on_map
            tip = opened.page.evaluate(f"window.{names[0]}.getTooltip().getContent()")
            assert "claimed 11 miles south vs geodesic 22.1 km" in tip
            zones = opened.api("api.payload ? api.payload.zones.map(z => z.name) : null")
            if zones is not None:
                assert any("Hosh Matroud" in z for z in zones)
        finally:
            browser.close()


@pytest.mark.browser
def test_claims_map_labels_do_not_collide(tmp_path):
    from browser.pw import launch, open_map
    from playwright.sync_api import sync_playwright

    path = tmp_path / "claims.html"
    claims_map(SEED_001.read_text(encoding="utf-8")).save(str(path))
    with sync_playwright() as p:
        browser = launch(p)
        try:
            o = open_map(browser, path, width=1400, height=900)
            assert o.blocked == [] and o.page_errors == [] and o.console_errors == []
            boxes = [
                o.page.locator(".sm-zone-text").nth(k).bounding_box()
                for k in range(o.page.locator(".sm-zone-text").count())
            ]
            assert len(boxes) == 2
            a, b = boxes
            assert (
                a["x"] + a["width"] <= b["x"]
                or b["x"] + b["width"] <= a["x"]
                or a["y"] + a["height"] <= b["y"]
                or b["y"] + b["height"] <= a["y"]
            ), boxes
            # the ring has its own style and legend entry, without a zone's tally
            assert o.page.locator("path.sm-ring").count() == 1
            legend = o.page.locator(".sm-legend").inner_text()
            assert "claimed location ring: 40 km ± 9 km from al-Tanf garrison" in legend
            assert legend.count("places shown:") == 1  # the zone's tally only
            assert "incident" not in legend + o.page.locator(".sm-title").inner_text()
            listed = o.page.locator(".sm-offmap").inner_text()
            assert "No sourced location (1)" in listed and "Hosh Matroud" in listed
        finally:
            browser.close()


def test_claims_map_credits_the_gazetteer_sources():
    payload = _payload(claims_map("Rukban lies 20 km from al-Tanf.").get_root().render())
    names = [source["name"] for source in payload["options"]["credits"]["sources"]]
    assert "GeoNames" in names and "OpenSyria" in names
