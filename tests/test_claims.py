"""Tests of syriamap.claims: distance, direction and zone claims in news text.

Expected verdicts are chosen where the independent sources in
``gazetteer/sources/seed_places_reference.csv`` settle them either way (the
"why" of each case in ``tests/fixtures/text_cases.json`` says how); geodesic
values are checked against pyproj on the reference coordinates, not against
numbers copied from the code's output.
"""

from __future__ import annotations

import csv
import json
import math
import time
from pathlib import Path

import pytest
import shapely
from hypothesis import example, given, settings
from hypothesis import strategies as st
from pyproj import Geod
from text_eval import CASES, gold_articles

import syriamap
from syriamap.claims import (
    _DIRECTION_WORD,
    _NUM_UNIT,
    _NUM_UNIT_ANYCASE,
    Claim,
    Ring,
    _candidates,
    _parse_number,
    _rounding,
    check_claims,
    combine,
)
from syriamap.errors import TextTypeError
from syriamap.geoparse import find_places
from syriamap.zones import Zone

REFERENCE = (
    Path(__file__).resolve().parent.parent / "gazetteer" / "sources" / ("seed_places_reference.csv")
)
GEOD = Geod(ellps="WGS84")


def _reference_points() -> dict[str, tuple[float, float]]:
    with REFERENCE.open(encoding="utf-8") as fh:
        return {
            row["name"]: (float(row["lon"]), float(row["lat"]))
            for row in csv.DictReader(fh)
            if row["lon"]
        }


CLAIM_CASES = json.loads(CASES.read_text(encoding="utf-8"))["claim_cases"]


def _summary() -> tuple[int, int, int]:
    """(claims expected, claims found with the right verdict, spurious claims)."""
    expected = right = spurious = 0
    for _name, text, gold in gold_articles():
        found = check_claims(text)
        gold_claims = gold.get("claims", [])
        expected += len(gold_claims)
        by_start = {c.start: c for c in found}
        for g in gold_claims:
            c = by_start.get(g["start"])
            right += c is not None and c.verdict == g["verdict"]
        spurious += len(found) - sum(g["start"] in by_start for g in gold_claims)
    for case in CLAIM_CASES:
        found = check_claims(case["text"])
        if case.get("none"):
            spurious += len(found)
            continue
        expected += 1
        right += len(found) == 1 and found[0].verdict == case["verdict"]
        spurious += max(0, len(found) - 1)
    return expected, right, spurious


def test_claim_figures(capsys):
    expected, right, spurious = _summary()
    with capsys.disabled():
        print(
            f"\n[claims] {right}/{expected} claims found with the expected verdict, "
            f"{spurious} spurious (seed articles + {len(CLAIM_CASES)} extra sentences)"
        )
    assert right == expected
    assert spurious == 0


@pytest.mark.parametrize("name", [g[0] for g in gold_articles()])
def test_seed_article_claims(name):
    text, gold = next((t, g) for n, t, g in gold_articles() if n == name)
    found = check_claims(text)
    assert [(c.start, c.end) for c in found] == [(g["start"], g["end"]) for g in gold["claims"]]
    for c, g in zip(found, gold["claims"], strict=True):
        assert c.kind == g["kind"]
        assert c.relation == g["relation"]
        assert c.claimed_m == pytest.approx(g["claimed_m"])
        assert c.verdict == g["verdict"]
        assert g["reason_contains"] in c.reason
        assert (c.subject.place_id if c.subject else None) == g["subject"]
        assert (c.reference.place_id if c.reference else None) == g["reference"]
        if "ring_radius_m" in g:
            assert c.ring is not None and c.ring.radius_m == pytest.approx(g["ring_radius_m"])


@pytest.mark.parametrize("case", CLAIM_CASES, ids=[c["id"] for c in CLAIM_CASES])
def test_claim_case(case):
    found = check_claims(case["text"])
    if case.get("none"):
        assert found == []
        return
    assert len(found) == 1, found
    c = found[0]
    assert c.kind == case["kind"]
    assert c.verdict == case["verdict"], c.reason
    if "claimed_m" in case:
        assert c.claimed_m == pytest.approx(case["claimed_m"], rel=1e-9)
    if "subject" in case:
        assert c.subject is not None and c.subject.place_id == case["subject"]
    if "reference" in case:
        assert c.reference is not None and c.reference.place_id == case["reference"]
    if "direction" in case:
        assert c.direction == case["direction"]
    if "relation" in case:
        assert c.relation == case["relation"]
    if "reason_contains" in case:
        assert case["reason_contains"] in c.reason
    if case.get("ring"):
        assert c.ring is not None
    if "ref_pair" in case:  # geodesic truth from the independent reference coordinates
        pts = _reference_points()
        (x1, y1), (x2, y2) = pts[case["ref_pair"][0]], pts[case["ref_pair"][1]]
        _, _, d = GEOD.inv(x1, y1, x2, y2)
        assert c.true_m == pytest.approx(d, abs=1.0)


def test_reasons_name_numbers():
    (c,) = check_claims("The Rukban camp is about 30 miles from the US al-Tanf garrison.")
    assert "22.1 km" in c.reason and "30 miles" in c.reason


# --- tolerance rules ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("written", "value"),
    [("40", 40), ("1,200", 1200), ("2.5", 2.5), ("forty", 40), ("forty-five", 45), ("a dozen", 12)],
)
def test_parse_number(written, value):
    assert _parse_number(written) == value


@pytest.mark.parametrize(
    ("written", "value", "half_step"),
    [("40", 40, 5.0), ("24", 24, 0.5), ("2.5", 2.5, 0.05), ("100", 100, 25.0), ("7", 7, 0.5)],
)
def test_rounding(written, value, half_step):
    assert _rounding(written, value) == pytest.approx(half_step)


def test_hedge_widens_tolerance():
    plain = check_claims("Rukban camp is 32 km from the al-Tanf garrison.")[0]
    about = check_claims("Rukban camp is about 32 km from the al-Tanf garrison.")[0]
    assert about.tolerance_m > plain.tolerance_m
    # 32 km vs 22.1 km: 32 +/- (0.5 + 15 %) +/- 5 km precision reaches 21.7 km; 32 +/- (0.5 + 5 %)
    # +/- 5 km stops at 24.9 km
    assert (plain.verdict, about.verdict) == ("inconsistent", "consistent")


def test_units_are_converted():
    km = check_claims("Rukban camp is 22 km from the al-Tanf garrison.")[0]
    mi = check_claims("Rukban camp is 13.7 miles from the al-Tanf garrison.")[0]
    assert km.claimed_m == 22_000
    assert mi.claimed_m == pytest.approx(13.7 * 1609.344)
    assert km.verdict == mi.verdict == "consistent"
    assert km.true_m == pytest.approx(mi.true_m)


def test_wrong_direction_is_inconsistent():
    (c,) = check_claims("Rukban camp lies 22 km north of the al-Tanf garrison.")
    assert c.verdict == "inconsistent"
    assert "bearing" in c.reason


# --- rings --------------------------------------------------------------------------------------


def test_ring_for_unlocated_end_contains_points_at_the_claimed_distance():
    (c,) = check_claims("Hosh Matroud, which is 40 km away from the al-Tanf base.")
    ring = c.ring
    assert isinstance(ring, Ring)
    cx, cy = ring.center
    lon, lat, _ = GEOD.fwd([cx] * 8, [cy] * 8, list(range(0, 360, 45)), [40_000] * 8)
    assert ring.contains(lon, lat).all()
    lon, lat, _ = GEOD.fwd([cx] * 2, [cy] * 2, [0, 90], [10_000, 90_000])
    assert not ring.contains(lon, lat).any()
    assert ring.inner_m < 40_000 < ring.outer_m
    # the drawn polygon agrees with the exact test at its own vertices' midpoints
    assert ring.polygon.is_valid
    feature = ring.__geo_interface__
    assert feature["geometry"]["type"] == "Polygon"
    json.dumps(feature)


def test_ring_intersects_the_55_km_zone():
    (c,) = check_claims("Hosh Matroud is 40 km from the al-Tanf base.")
    zone = Zone.around(c.ring.center, radius_km=55)
    inter = c.ring.intersection(zone)
    assert not inter.is_empty
    # the 40 km ring lies entirely inside the 55 km zone
    assert inter.area == pytest.approx(c.ring.polygon.area, rel=1e-6)
    far = Zone.around((36.0, 35.0), radius_km=20)
    assert c.ring.intersection(far).is_empty
    with pytest.raises(TypeError):
        c.ring.intersection("al-Tanf")


def test_sector_ring_when_direction_is_claimed():
    (c,) = check_claims("A convoy was hit 15 kilometres south of Palmyra.")
    ring = c.ring
    assert ring is not None and ring.bearing_deg == 180.0
    cx, cy = ring.center
    south = GEOD.fwd(cx, cy, 180, 15_000)[:2]
    north = GEOD.fwd(cx, cy, 0, 15_000)[:2]
    assert ring.contains(*south)[0] and not ring.contains(*north)[0]
    assert ring.polygon.contains(shapely.Point(*south))


def test_combine_claims_about_one_place():
    text = (
        "Hosh Matroud is 40 km from the al-Tanf base. "
        "Hosh Matroud is about 30 km from the Rukban camp."
    )
    claims = check_claims(text)
    region = combine(claims, place_id="curated:hosh-matroud")
    assert region is not None and not region.is_empty
    assert region.area < min(c.ring.polygon.area for c in claims)
    assert combine([], place_id="x") is None


# --- contract and safety ------------------------------------------------------------------------


def test_public_api():
    assert syriamap.check_claims is check_claims
    assert syriamap.Claim is Claim


def test_to_dict_is_json_ready():
    text = Path(syriamap.__file__).parent / "data" / "articles" / "001_06963bf2407e38bd.txt"
    claims = check_claims(text.read_text(encoding="utf-8"))
    out = json.loads(json.dumps([c.to_dict() for c in claims]))
    assert [d["verdict"] for d in out] == ["unverifiable"] * 3


def test_precomputed_mentions_give_the_same_claims():
    _, text, _ = gold_articles()[1]
    a = check_claims(text)
    b = check_claims(text, mentions=find_places(text))
    assert [c.to_dict() for c in a] == [c.to_dict() for c in b]


def test_type_errors():
    with pytest.raises(TextTypeError):
        check_claims(42)  # type: ignore[arg-type]
    assert check_claims("") == []


def test_megabyte_input():
    text = ("Hosh Matroud is 40 km from the al-Tanf base. " + "x " * 200) * 2000
    t0 = time.perf_counter()
    claims = check_claims(text)
    assert time.perf_counter() - t0 < 60
    assert len(claims) == 2000


def test_pathological_numbers():
    for text in ["1" * 100_000 + " km from Homs", "about " * 50_000, "9" * 10 + " km from Homs"]:
        for c in check_claims(text):
            assert c.claimed_m is None or math.isfinite(c.claimed_m)


@settings(max_examples=100, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            [
                "40",
                "km",
                "miles",
                "about",
                "from",
                "south",
                "of",
                "Homs",
                "al-Tanf",
                "within",
                "the",
                "55",
                "zone",
                "outside",
                "Hosh Matroud",
                "area",
                ",",
                ".",
                "apart",
                "and",
            ]
        ),
        max_size=25,
    )
)
def test_random_claim_like_text(words):
    text = " ".join(words)
    for c in check_claims(text):
        assert c.verdict in {"consistent", "inconsistent", "unverifiable"}
        assert text[c.start : c.end] == c.text
        json.dumps(c.to_dict())


_PIECES = [
    *("40", "1,200", ".5", "2023", "٤٠", "km", "kms", "KM", "miles", "mi", "m", "nautical"),
    *("feet", "yards", "forty", "five", "Five", "seventeen", "a", "A", "one", "hundred"),
    *("dozen", "tenm", "fivekm", "north", "North", "south-east", "Eastern", "west", "of"),
    *("from", "away", "x", "_", "'", "’", "-", " ", " ", "\n", ", ", ". ", "Raqqa", "İ"),
    *("000", "\u00a0", "\u202f", "–", " to ", "between "),
]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_PIECES), max_size=40).map("".join))
@example("'1,200km")  # a number after a mark at the start of a token
@example("40'1,200km")  # ... inside a token
@example("22\u202f000 m")  # a thin space between groups of three digits
def test_claim_candidates_find_every_match_of_the_full_patterns(text):
    # _find tries its patterns only at candidate offsets taken from the tokens; that must
    # give exactly what scanning the whole text with the patterns gives
    low = text.lower()
    scan, rx = (low, _NUM_UNIT) if len(low) == len(text) else (text, _NUM_UNIT_ANYCASE)
    nums, dirs = _candidates(text)
    assert nums == sorted(nums) and dirs == sorted(dirs)
    emulated: list[tuple[int, int]] = []
    last_end = 0
    for p in nums:
        m = rx.match(scan, p) if p >= last_end else None
        if m is not None:
            emulated.append(m.span())
            last_end = m.end()
    assert emulated == [m.span() for m in rx.finditer(scan)]
    checked = [p for p in dirs if _DIRECTION_WORD.match(scan, p)]
    assert checked == [m.start() for m in _DIRECTION_WORD.finditer(scan)]


def test_direction_right_after_a_place_name_is_a_claim():
    # "X northeast of Y" with no verb or comma: a claim when X is a place named right
    # before the direction (reference points: Derik lies at 81 degrees from Qamishli)
    (c,) = check_claims("Kurdish police patrolled Derik northeast of Qamishli on Monday.")
    assert (c.kind, c.direction, c.verdict) == ("direction", "northeast", "consistent")
    assert (c.subject.text, c.reference.text) == ("Derik", "Qamishli")
    (c,) = check_claims("Kurdish police patrolled Qamishli northeast of Derik on Monday.")
    assert c.verdict == "inconsistent"
    # nothing named right before it, or only a country: no claim
    assert check_claims("Clashes erupted northeast of Qamishli on Monday.") == []
    assert check_claims("Troops moved into Syria north of Qamishli.") == []


# --- ranges, clauses and written numbers (QA findings 2, 3 and 8) ------------------------------

_RUKBAN_TANF = ("Rukban (al-Rukban) camp", "al-Tanf garrison (US/coalition base)")


def _true_m(a: str, b: str) -> float:
    pts = _reference_points()
    (x1, y1), (x2, y2) = pts[a], pts[b]
    return float(GEOD.inv(x1, y1, x2, y2)[2])


@pytest.mark.parametrize(
    ("text", "written", "low_km", "high_km"),
    [
        ("Rukban camp lies 20-40 km south of al-Tanf.", "20-40 km south of", 20, 40),
        ("Rukban camp lies 5 to 40 km from al-Tanf.", "5 to 40 km from", 5, 40),
        ("Rukban camp lies 30-40 km from al-Tanf.", "30-40 km from", 30, 40),
        ("Rukban camp lies 30-40km from al-Tanf.", "30-40km from", 30, 40),
        ("Rukban lies between 10 and 30 km from al-Tanf.", "between 10 and 30 km from", 10, 30),
        ("Rukban camp lies 20\u201325 km from al-Tanf.", "20\u201325 km from", 20, 25),
        ("Rukban camp lies 20 km to 40 km from al-Tanf.", "20 km to 40 km from", 20, 40),
        ("Rukban camp lies some 30 - 40 km from al-Tanf.", "some 30 - 40 km from", 30, 40),
        ("Rukban camp lies twenty to forty km from al-Tanf.", "twenty to forty km from", 20, 40),
    ],
)
def test_range_is_read_as_an_interval(text, written, low_km, high_km):
    # the truth (22.1 km) lies in each range but not always near its upper end, which
    # alone ("40 km" allows 28-52 km) refutes it
    (c,) = check_claims(text)
    assert c.text == written
    assert (c.claimed_low_m, c.claimed_m) == (low_km * 1000.0, high_km * 1000.0)
    assert c.relation == "between"
    assert c.verdict == "consistent", c.reason
    assert f"the claim of {low_km}-{high_km} km allows" in c.reason
    assert c.true_m == pytest.approx(_true_m(*_RUKBAN_TANF), abs=1.0)
    d = c.to_dict()
    assert (d["claimed_low_m"], d["value_low"]) == (low_km * 1000.0, low_km)


def test_range_palmyra():
    # Palmyra is ~121 km from al-Tanf: inside 100-150 km, outside 150 km +/- 16.5 km
    (c,) = check_claims("Palmyra is 100-150 km north of al-Tanf.")
    assert c.verdict == "consistent", c.reason
    (c,) = check_claims("Palmyra is 150 km north of al-Tanf.")
    assert c.verdict == "inconsistent"


@pytest.mark.parametrize(
    "text",
    [
        "Rukban camp lies 60-80 km from al-Tanf.",
        "Rukban camp lies between 50 and 70 km from al-Tanf.",
        "Rukban camp lies 2-5 km from al-Tanf.",
    ],
)
def test_range_that_misses_the_truth_is_inconsistent(text):
    (c,) = check_claims(text)
    assert c.verdict == "inconsistent"
    assert c.claimed_low_m is not None and c.claimed_low_m < c.claimed_m


@pytest.mark.parametrize(
    ("text", "claimed_m"),
    [
        ("Rukban camp lies 10 and 22 km from al-Tanf.", 22_000),  # "and" without "between"
        ("Rukban camp lies 50-22 km from al-Tanf.", 22_000),  # not increasing
        ("Rukban camp lies 20 miles to 22 km from al-Tanf.", 22_000),  # two units
        ("In 2019 Rukban camp lay 22 km from al-Tanf.", 22_000),
    ],
)
def test_not_a_range(text, claimed_m):
    (c,) = check_claims(text)
    assert c.claimed_m == claimed_m and c.claimed_low_m is None
    assert c.relation == "about"


def test_range_ring_spans_the_range():
    (c,) = check_claims("Hosh Matroud is 30-40 km from the al-Tanf base.")
    (single,) = check_claims("Hosh Matroud is 40 km from the al-Tanf base.")
    assert c.verdict == "unverifiable" and c.ring is not None
    cx, cy = c.ring.center
    lon, lat, _ = GEOD.fwd(cx, cy, 90, 25_000)
    assert c.ring.contains(lon, lat)[0] and not single.ring.contains(lon, lat)[0]
    assert "30-40 km" in c.ring.label
    html = syriamap.claims_map("Hosh Matroud is 30-40 km from the al-Tanf base.").get_root()
    assert "30-40 km from al-Tanf" in html.render()


@pytest.mark.parametrize(
    ("text", "reference"),
    [
        ("An airstrike hit a village 15 km from Aleppo, residents of Idlib said.", "Aleppo"),
        ("Rebels shelled a checkpoint 5 km from Hama on Monday; Homs was quiet.", "Hama"),
        ("A drone struck a car 3 km from Qamishli before flying back toward Hasakah.", "Qamishli"),
        ("Two rockets landed 5 km from the US base in Conoco, 30 km from al-Omar.", "Conoco"),
        ("A shell hit a house 2 km from Palmyra, a resident of Homs told AFP.", "Palmyra"),
        ("Jets struck a convoy 10 km from Raqqa while Tabqa was calm.", "Raqqa"),
        ("Mortars hit a farm 4 km from Hama and Homs was shelled too.", "Hama"),
        ("Rebels shelled a checkpoint 5 km from Hama on Monday Homs was quiet.", "Hama"),
    ],
)
def test_place_in_another_clause_is_not_the_subject(text, reference):
    c = check_claims(text)[0]
    assert c.reference is not None and c.reference.text == reference
    assert c.subject is None
    assert c.verdict == "unverifiable"
    assert c.reason == "the text does not name the place the claim is about"


@pytest.mark.parametrize(
    ("text", "subject"),
    [
        ("Some 20 km south of al-Tanf, Rukban camp is home to 8,000 people.", "Rukban camp"),
        ("Located 22 km south of al-Tanf, Rukban camp was cut off.", "Rukban camp"),
        ("About 22 km from al-Tanf is the Rukban camp.", "Rukban camp"),
        ("40 km from al-Tanf lies Hosh Matroud.", "Hosh Matroud"),
        ("A strike 15 km from Aleppo hit Atarib.", "Atarib"),
        ("Within the 55 km zone around al-Tanf, Rukban camp lies.", "Rukban camp"),
    ],
)
def test_place_named_after_the_claim_in_its_clause_is_the_subject(text, subject):
    (c,) = check_claims(text)
    assert c.subject is not None and c.subject.text == subject


@pytest.mark.parametrize(
    "text",
    [
        "Rukban lies 22 000 m from al-Tanf.",
        "Rukban lies 22\u00a0000 m from al-Tanf.",
        "Rukban lies 22\u202f000 metres from al-Tanf.",
        "Rukban lies 22\u2009000 m from al-Tanf.",
        "Rukban lies 22,000 m from al-Tanf.",
    ],
)
def test_space_as_thousands_separator(text):
    (c,) = check_claims(text)
    assert c.claimed_m == 22_000
    assert c.text.startswith("22")
    assert c.verdict == "consistent", c.reason


@pytest.mark.parametrize(
    "text",
    [
        "Rukban lies 22 0000 m from al-Tanf.",  # not groups of three digits
        "Rukban lies 22 00 m from al-Tanf.",
        "Rukban lies 5,40 km from al-Tanf.",
        "Rukban lies 2\u00a040 km from al-Tanf.",
    ],
)
def test_no_claim_on_a_fragment_of_a_number(text):
    assert check_claims(text) == []


def test_thousands_with_spaces_parse_and_round():
    assert _parse_number("22 000") == 22_000
    assert _parse_number("1\u202f200") == 1200
    assert _rounding("22\u00a0000", 22_000) == pytest.approx(500)
