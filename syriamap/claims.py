"""Distance, direction and zone claims in news text: :func:`check_claims`.

News states geography it rarely checks: "Hosh Matroud, which is 40 km away from
the base", "Rukban lies some 11 miles south of al-Tanf", "outside the 55 km
area".  :func:`check_claims` finds such statements, identifies the two places
(with :func:`syriamap.geoparse.find_places`), converts the claimed value to
metres and compares it with the geodesic truth from the gazetteer:

``consistent``
    the geodesic value lies within the claim's tolerance;
``inconsistent``
    it does not;
``unverifiable``
    one end has no sourced location, is not a named place, or the relation
    cannot be decided (the reason says which).

Tolerance
---------
A claim "N units" is read as an interval around N:

* **rounding** - half the unit of the last significant digit ("40 km" +/- 5 km,
  "24 km" +/- 0.5 km, "2.5 km" +/- 0.05 km), at most a quarter of the value;
* **wording** - 5 % of the value for a plain number, 15 % after a hedge
  ("about", "some", "around", "roughly", "approximately", "an estimated");
  "nearly"/"almost" make it [N - 15 %, N]; "more than"/"over"/"at least" make
  it [N, inf); "less than"/"under"/"up to"/"within" make it [0, N];
* **ranges** - "20-40 km", "20 to 40 km", "between 20 and 40 km" stand for
  [20 km, 40 km], each end widened as above as if it were written alone (so
  [14 km, 47 km] before precision; a hedge applies to both ends); the relation
  is then ``"between"`` and :attr:`Claim.claimed_low_m` holds the lower end;
* **location precision** - the interval is widened by the ``precision_m`` of
  both places (how far each gazetteer point may be from the place it stands
  for).

A direction ("south of") is consistent when the geodesic bearing from the
reference to the subject lies within 45 degrees of the named direction (22.5
for three-letter directions such as "north-northeast"), widened by the angle
the two places' precision subtends at that distance.

A claim with one end unlocated still constrains it: :attr:`Claim.ring` is the
:class:`Ring` (annulus, and sector when a direction is claimed) on which the
unlocated end must lie; rings intersect with each other and with zones.
"""

from __future__ import annotations

import bisect
import itertools
import math
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import numpy as np
import shapely

from syriamap.geoparse import (
    Mention,
    _lookup_all,
    _sentence_starts,
    _split_tokens,
    check_text,
    find_places,
)

if TYPE_CHECKING:
    from syriamap.gazetteer import Gazetteer
    from syriamap.zones import Zone

__all__ = ["RELATIONS", "VERDICTS", "Claim", "Ring", "check_claims", "claims_map", "combine"]

#: Possible values of :attr:`Claim.verdict`.
VERDICTS = ("consistent", "inconsistent", "unverifiable")
#: Possible values of :attr:`Claim.relation`.
RELATIONS = (
    "about",
    "between",
    "at_most",
    "at_least",
    "nearly",
    "direction",
    "inside",
    "outside",
)

_UNIT_M = {
    "km": 1000.0,
    "kms": 1000.0,
    "kilometre": 1000.0,
    "kilometres": 1000.0,
    "kilometer": 1000.0,
    "kilometers": 1000.0,
    "mile": 1609.344,
    "miles": 1609.344,
    "mi": 1609.344,
    "m": 1.0,
    "metre": 1.0,
    "metres": 1.0,
    "meter": 1.0,
    "meters": 1.0,
    "nautical mile": 1852.0,
    "nautical miles": 1852.0,
    "nm": 1852.0,
    "feet": 0.3048,
    "ft": 0.3048,
    "yard": 0.9144,
    "yards": 0.9144,
}
_SMALL = [
    *("zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten"),
    *("eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen"),
    *("eighteen", "nineteen"),
]
_TENS = ["twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]
_NUMBER_WORDS = {w: float(i) for i, w in enumerate(_SMALL)}
_NUMBER_WORDS.update({w: float(20 + 10 * i) for i, w in enumerate(_TENS)})

#: characters between groups of three digits, dropped to read a number: "1,200", "22 000",
#: "22\u00a0000" (no-break space), "22\u202f000" (narrow no-break), "22\u2009000" (thin space)
_NO_THOUSANDS_SEP = str.maketrans("", "", ",\u00a0\u202f\u2009 ")
_NUM = (
    r"(?P<{name}>\d{{1,3}}(?:,\d{{3}})+(?:\.\d+)?(?!\d)"
    r"|\d{{1,3}}(?:[ \u00a0\u202f\u2009]\d{{3}})+(?:\.\d+)?(?!\d)"
    r"|\d{{1,7}}(?:\.\d{{1,4}})?"
    r"|(?:a|one)\s+hundred|a\s+dozen|(?:"
    + "|".join(_TENS)
    + r")(?:[\s-](?:"
    + "|".join(_SMALL[1:10])
    + r"))?|"
    + "|".join(sorted(_SMALL[1:], key=len, reverse=True))
    + r")"
)
_UNIT = (
    r"(?P<{name}>nautical\s+miles?|kilomet(?:re|er)s?|km|kms|miles?|mi|met(?:re|er)s?|m"
    r"|feet|ft|yards?)\b"
)
_DIR = (
    r"(?:north|south)(?:[\s-]?(?:north|south)?[\s-]?(?:east|west))?(?:ern)?"
    r"|(?:east|west)(?:ern)?|(?:north|south)(?:ern)?"
)
# Arabic: "على بعد 40 كم من قاعدة التنف", "حوالي 20 كم شمال دير الزور"
_AR_DISTANCE = re.compile(
    r"(?:(?P<hedge>حوالي|حوالى|نحو|قرابة|زهاء|أكثر من|اكثر من|أقل من|اقل من)\s+)?"
    r"(?<![\d.,٫])(?<!\d[\s\u00a0\u202f\u2009])"  # not the end of a longer number
    r"(?P<num>\d{1,3}(?:[ \u00a0\u202f\u2009]\d{3})+(?!\d)|\d{1,7}(?:[.,٫]\d{1,4})?)\s*"
    r"(?P<unit>كيلومترات|كيلومترا|كيلومتر|كيلو مترات|كيلو متر|كلم|كم|أميال|ميلا|ميل)\s+"
    r"(?:(?P<dir>(?:شمال|جنوب|شرق|غرب)(?:ي|ية)?(?:\s+(?:شرق|غرب)(?:ي|ية)?)?)\s+"
    r"|(?P<prep>من|عن)\s+)"
)
_AR_DIRECTIONS = {"شمال": "north", "جنوب": "south", "شرق": "east", "غرب": "west"}
_AR_HEDGES = {
    "حوالي": "about",
    "حوالى": "about",
    "نحو": "about",
    "قرابة": "about",
    "زهاء": "about",
    "أكثر من": "more than",
    "اكثر من": "more than",
    "أقل من": "less than",
    "اقل من": "less than",
}
_GAP_TO_REFERENCE = re.compile(r"[\s\w.'\u2019-]{0,40}")
_APPROX_HEDGES = frozenset(
    {"about", "around", "some", "approximately", "approx.", "roughly", "close to", "circa"}
    | {"an estimated", "estimated"}
)
_AT_LEAST = frozenset({"more than", "over", "at least", "just over"})
_AT_MOST = frozenset({"less than", "under", "up to", "within", "just under", "barely"})
_NEARLY = frozenset({"nearly", "almost"})
_COMPASS = {
    "north": 0.0,
    "northnortheast": 22.5,
    "northeast": 45.0,
    "eastnortheast": 67.5,
    "east": 90.0,
    "eastsoutheast": 112.5,
    "southeast": 135.0,
    "southsoutheast": 157.5,
    "south": 180.0,
    "southsouthwest": 202.5,
    "southwest": 225.0,
    "westsouthwest": 247.5,
    "west": 270.0,
    "westnorthwest": 292.5,
    "northwest": 315.0,
    "northnorthwest": 337.5,
}
_NOT_SUBJECT_KINDS = frozenset({"country", "governorate", "province"})
_ZONE_CENTRE_KINDS = ("base", "airbase")
_MAX_RING_DRAW_M = 2_000_000.0


# --- rings ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Ring:
    """Where the unlocated end of a distance claim can lie: an annulus around a known place.

    Attributes
    ----------
    center : tuple of float
        ``(lon, lat)`` of the located end, degrees.
    center_name : str
        Its name.
    radius_m : float
        The claimed distance, metres (for a range such as "20-40 km", its upper end;
        ``inner_m`` and ``outer_m`` span the whole range).
    inner_m, outer_m : float
        The band allowed by the claim's tolerance and the centre's precision, metres
        (``outer_m`` is ``inf`` for "more than N km").
    bearing_deg, bearing_tolerance_deg : float or None
        When a direction is claimed: the bearing from the centre towards the
        unlocated end and its half-width, degrees; the ring is then a sector.
    label : str
        What the ring stands for ("Hosh Matroud, 40 km from al-Tanf garrison").

    Examples
    --------
    >>> r = Ring((38.61778, 33.50583), "al-Tanf garrison", 40_000, 30_000, 50_000)
    >>> bool(r.contains(38.62, 33.14)[0]), bool(r.contains(38.62, 33.45)[0])
    (True, False)
    >>> r.polygon.geom_type
    'Polygon'
    """

    center: tuple[float, float]
    center_name: str
    radius_m: float
    inner_m: float
    outer_m: float
    bearing_deg: float | None = None
    bearing_tolerance_deg: float | None = None
    label: str = ""
    _cache: dict[str, Any] = field(default_factory=dict, repr=False, compare=False)

    @property
    def name(self) -> str:
        """Label used on maps (same as :attr:`label`)."""
        return self.label or f"{self.radius_m / 1000:g} km from {self.center_name}"

    @property
    def source(self) -> str:
        """Provenance shown on maps."""
        return "distance claim in the text (not a sourced location)"

    @property
    def tolerance_m(self) -> float:
        """Half the width of the band, metres."""
        if math.isinf(self.outer_m):
            return math.inf
        return (self.outer_m - self.inner_m) / 2.0

    def contains(self, lon: object, lat: object) -> np.ndarray:
        """Whether points lie in the ring (exact geodesic distances and bearings).

        Parameters
        ----------
        lon, lat : float or array_like of float
            Points, degrees.

        Returns
        -------
        numpy.ndarray of bool
        """
        from syriamap.geodesy import bearing_deg, distance_m

        cx, cy = self.center
        x = np.atleast_1d(np.asarray(lon, dtype=float))
        y = np.atleast_1d(np.asarray(lat, dtype=float))
        d = np.asarray(distance_m(cx, cy, x, y), dtype=float)
        ok = (d >= self.inner_m) & (d <= self.outer_m)
        if self.bearing_deg is not None and self.bearing_tolerance_deg is not None:
            b = np.asarray(bearing_deg(cx, cy, x, y), dtype=float)
            diff = np.abs((b - self.bearing_deg + 180.0) % 360.0 - 180.0)
            ok &= diff <= self.bearing_tolerance_deg
        return np.asarray(ok)

    @property
    def polygon(self) -> shapely.Polygon:
        """The ring as a lon/lat polygon with geodesic vertices (what maps draw)."""
        poly = self._cache.get("polygon")
        if poly is None:
            poly = self._build_polygon()
            self._cache["polygon"] = poly
        return poly

    def _build_polygon(self) -> shapely.Polygon:
        from syriamap.geodesy import WGS84, default_n_vertices

        cx, cy = self.center
        outer = min(self.outer_m, max(self.inner_m * 2.0, _MAX_RING_DRAW_M / 10))
        outer = min(outer, _MAX_RING_DRAW_M)
        n = min(default_n_vertices(max(outer, 1.0)), 2048)
        if self.bearing_deg is None or self.bearing_tolerance_deg is None:
            az = np.linspace(0.0, -360.0, n, endpoint=False)
            ox, oy, _ = WGS84.fwd(np.full(n, cx), np.full(n, cy), az, np.full(n, outer))
            shell = list(zip(ox, oy, strict=True))
            if self.inner_m <= 0:
                return shapely.Polygon(shell)
            ix, iy, _ = WGS84.fwd(
                np.full(n, cx), np.full(n, cy), az[::-1], np.full(n, self.inner_m)
            )
            return shapely.Polygon(shell, [list(zip(ix, iy, strict=True))])
        half = min(self.bearing_tolerance_deg, 180.0)
        k = max(8, int(n * half / 180.0))
        az = np.linspace(self.bearing_deg - half, self.bearing_deg + half, k)
        ox, oy, _ = WGS84.fwd(np.full(k, cx), np.full(k, cy), az, np.full(k, outer))
        pts = list(zip(ox, oy, strict=True))
        if self.inner_m > 0:
            ix, iy, _ = WGS84.fwd(
                np.full(k, cx), np.full(k, cy), az[::-1], np.full(k, self.inner_m)
            )
            pts += list(zip(ix, iy, strict=True))
        else:
            pts.append((cx, cy))
        return shapely.Polygon(pts)

    def intersection(self, other: object) -> shapely.Geometry:
        """Intersect the ring with another ring, a zone or a shapely geometry.

        Parameters
        ----------
        other : Ring, Zone or shapely geometry
            In lon/lat degrees.

        Returns
        -------
        shapely geometry
            Where both constraints hold (empty when they are incompatible).

        Examples
        --------
        >>> from syriamap.zones import Zone
        >>> r = Ring((38.61778, 33.50583), "al-Tanf garrison", 40_000, 30_000, 50_000)
        >>> zone = Zone.around((38.61778, 33.50583), radius_km=55)
        >>> r.intersection(zone).equals(r.polygon.intersection(zone.polygon))
        True
        """
        geom = other.polygon if hasattr(other, "polygon") else other
        if not isinstance(geom, shapely.Geometry):
            raise TypeError(
                f"can only intersect a Ring with a Ring, a Zone or a shapely geometry, "
                f"got {type(other).__name__}"
            )
        return shapely.intersection(self.polygon, geom)

    @property
    def __geo_interface__(self) -> dict[str, Any]:
        """GeoJSON Feature of the ring polygon with its parameters as properties."""
        return {
            "type": "Feature",
            "geometry": shapely.geometry.mapping(self.polygon),
            "properties": self.to_dict(),
        }

    def to_dict(self) -> dict[str, Any]:
        """Return the ring's parameters as a JSON-ready dict (metres, degrees)."""
        return {
            "center_lon": self.center[0],
            "center_lat": self.center[1],
            "center_name": self.center_name,
            "radius_m": round(self.radius_m, 1),
            "inner_m": round(self.inner_m, 1),
            "outer_m": None if math.isinf(self.outer_m) else round(self.outer_m, 1),
            "bearing_deg": self.bearing_deg,
            "bearing_tolerance_deg": self.bearing_tolerance_deg,
            "label": self.label,
        }


# --- claims -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Claim:
    """One geographic claim in a text, checked against the gazetteer.

    Attributes
    ----------
    kind : str
        ``"distance"`` (with or without a direction), ``"direction"`` or ``"zone"``.
    text : str
        The claim phrase as written ("40 km away from").
    start, end : int
        Offsets of the phrase in the text.
    sentence : str
        The sentence that contains it.
    subject : Mention or None
        The place the claim locates (``None`` when the text does not name it, e.g.
        "a strike 40 km from the base").
    reference : Mention or None
        The place the distance is measured from, or the zone's centre.
    relation : str
        One of :data:`RELATIONS`.
    claimed_m : float or None
        The claimed distance (or zone radius) in metres; for a range ("20-40 km") its
        upper end, with the lower end in :attr:`claimed_low_m`.
    value, unit, hedge : float, str, str or None
        The number, unit and hedge word as written (for a range, the upper number).
    direction : str or None
        The claimed direction ("south", "northeast").
    tolerance_m : float or None
        Half-width of the accepted interval, metres, before the places' precision
        is added (see the module docstring).
    precision_m : float
        The places' precision added to it, metres.
    true_m, true_bearing_deg : float or None
        The geodesic distance between the two places and the bearing from the
        reference to the subject.
    zone : Zone or None
        For zone claims, the zone (a geodesic circle around the centre).
    verdict : str
        One of :data:`VERDICTS`.
    reason : str
        Why, in words, with the numbers.
    ring : Ring or None
        Where the unlocated end lies when only one end is located.
    claimed_low_m, value_low : float or None
        For a range ("20-40 km", "5 to 40 km", "between 10 and 30 km"): its lower
        end in metres and as written (same unit as :attr:`value`); ``None`` for a
        single value.  The claim is then the whole interval (relation
        ``"between"``), each end widened as if written alone.

    Examples
    --------
    >>> [claim] = check_claims("Khusham lies 14 km southeast of Deir ez-Zor.")
    >>> claim.kind, claim.verdict, claim.claimed_m, round(claim.true_m)
    ('distance', 'consistent', 14000.0, 14470)
    >>> [claim] = check_claims("Hosh Matroud, which is 40 km away from the al-Tanf base.")
    >>> claim.verdict, claim.reason
    ('unverifiable', 'Hosh Matroud has no sourced location')
    >>> claim.ring is not None  # the ring on which Hosh Matroud lies if the claim holds
    True
    """

    kind: str
    text: str
    start: int
    end: int
    sentence: str
    subject: Mention | None
    reference: Mention | None
    relation: str
    claimed_m: float | None
    value: float | None
    unit: str | None
    hedge: str | None
    direction: str | None
    tolerance_m: float | None
    precision_m: float
    true_m: float | None
    true_bearing_deg: float | None
    zone: Zone | None
    verdict: str
    reason: str
    ring: Ring | None = None
    claimed_low_m: float | None = None
    value_low: float | None = None

    @property
    def claimed_text(self) -> str | None:
        """The claimed value in words ("40 km", "20-40 km"), or ``None`` for a direction.

        Examples
        --------
        >>> [c] = check_claims("Rukban camp lies 20-40 km south of al-Tanf.")
        >>> c.claimed_text, c.claimed_low_m, c.claimed_m, c.verdict
        ('20-40 km', 20000.0, 40000.0, 'consistent')
        """
        if self.value is None or self.unit is None:
            return None
        return _value_text(self.value, self.unit, self.value_low)

    @property
    def constraint(self) -> shapely.Geometry | None:
        """Region the claim confines its unlocated end to (ring or zone), or ``None``."""
        if self.ring is not None:
            return self.ring.polygon
        if self.zone is not None and self.relation == "inside":
            return self.zone.polygon
        return None

    def to_dict(self) -> dict[str, Any]:
        """Return the claim as a JSON-ready dict (mentions as name and id).

        Examples
        --------
        >>> c = check_claims("Hosh Matroud is 40 km from the al-Tanf base.")[0]
        >>> d = c.to_dict()
        >>> d["verdict"], d["subject"]["place_id"], d["claimed_m"]
        ('unverifiable', 'curated:hosh-matroud', 40000.0)
        """

        def mention(m: Mention | None) -> dict[str, Any] | None:
            if m is None:
                return None
            return {"text": m.text, "start": m.start, "end": m.end, "place_id": m.place_id}

        return {
            "kind": self.kind,
            "text": self.text,
            "start": self.start,
            "end": self.end,
            "sentence": self.sentence,
            "subject": mention(self.subject),
            "reference": mention(self.reference),
            "relation": self.relation,
            "claimed_m": self.claimed_m,
            "claimed_low_m": self.claimed_low_m,
            "value": self.value,
            "value_low": self.value_low,
            "unit": self.unit,
            "hedge": self.hedge,
            "direction": self.direction,
            "tolerance_m": None if self.tolerance_m is None else round(self.tolerance_m, 1),
            "precision_m": round(self.precision_m, 1),
            "true_m": None if self.true_m is None else round(self.true_m, 1),
            "true_bearing_deg": None
            if self.true_bearing_deg is None
            else round(self.true_bearing_deg, 1),
            "zone": None
            if self.zone is None
            else {
                "name": self.zone.name,
                "center": self.zone.center,
                "radius_m": self.zone.radius_m,
            },
            "verdict": self.verdict,
            "reason": self.reason,
            "ring": None if self.ring is None else self.ring.to_dict(),
        }


# --- parsing helpers --------------------------------------------------------------------------


def _parse_number(text: str) -> float | None:
    """Return the value of a number as written ("40", "1,200", "22 000", "forty", "a dozen")."""
    t = " ".join(text.lower().replace("-", " ").split())
    if t[:1].isdigit():
        try:
            return float(t.translate(_NO_THOUSANDS_SEP))
        except ValueError:
            return None
    if t in {"a hundred", "one hundred"}:
        return 100.0
    if t == "a dozen":
        return 12.0
    total = 0.0
    for w in t.split():
        if w not in _NUMBER_WORDS:
            return None
        total += _NUMBER_WORDS[w]
    return total


def _rounding(text: str, value: float) -> float:
    """Half the unit of the last significant digit of a written number (same unit)."""
    t = text.strip().translate(_NO_THOUSANDS_SEP)
    digits = t
    if not t[:1].isdigit():
        digits = str(int(value)) if value == int(value) else str(value)
    if "." in digits:
        decimals = len(digits.split(".", 1)[1])
        step = 10.0**-decimals
    else:
        stripped = digits.rstrip("0")
        zeros = len(digits) - len(stripped) if stripped else 0
        step = 10.0**zeros
    return min(step / 2.0, value / 4.0) if value > 0 else step / 2.0


def _canonical_direction(word: str) -> str | None:
    w = re.sub(r"[\s-]", "", word.lower())
    if w.endswith("ern"):
        w = w[:-3]
    return w if w in _COMPASS else None


def _sentence_bounds(starts: Sequence[int], text_len: int, pos: int) -> tuple[int, int]:
    i = bisect.bisect_right(starts, pos) - 1
    lo = starts[max(i, 0)]
    hi = starts[i + 1] if i + 1 < len(starts) else text_len
    return lo, hi


def _reference_after(
    text: str, mentions: list[Mention], mstarts: list[int], pos: int, hi: int
) -> Mention | None:
    """Return the first place mention after ``pos`` in the same clause (within 40 characters)."""
    j = bisect.bisect_left(mstarts, pos)
    while j < len(mentions) and mentions[j].start < hi:
        m = mentions[j]
        if _GAP_TO_REFERENCE.fullmatch(text[pos : m.start]) is None:
            return None
        return m
    return None


# Where a claim opens its sentence ("Some 20 km south of al-Tanf, Rukban ..."): only
# punctuation and these words come before it.
_FRONTED = re.compile(
    r"[\W_]*(?:(?:located|lying|situated|sitting|just|only|and|but|then|at|about|some"
    r"|roughly|around|approximately|nearly|almost|barely)\s+)*",
    re.IGNORECASE,
)
# What starts another clause between a claim and a place named after it ("a village 15
# km from Aleppo, residents of Idlib said", "... from Hama on Monday; Homs was quiet",
# "... from Qamishli before flying back toward Hasakah").  After a claim that opens its
# sentence, a comma is allowed ("Some 20 km south of al-Tanf, Rukban camp ...").
_CLAUSE_BREAK = re.compile(
    r"[;:()\[\]\"\u201c\u201d\u2014]|\s[-\u2013]\s|\b(?:said|says|say|told|tells|reported"
    r"|reports|according|claimed|before|after|while|whilst|when|whereas|then|toward|towards"
    r"|and|but|or|as|where|which|who|because|although|though|until|since|was|were)\b",
    re.IGNORECASE,
)
# A place followed by its own verb is the subject of another clause ("Homs was quiet").
_OWN_VERB = re.compile(
    r"\s*(?:said|says|say|told|reported|reports|claimed|was|were|is|are|has|have|had"
    r"|remained|remains)\b",
    re.IGNORECASE,
)


def _subject_for(
    text: str,
    mentions: list[Mention],
    mstarts: list[int],
    lo: int,
    hi: int,
    before: int,
    after: int,
    exclude: Mention | None,
) -> Mention | None:
    """Return the place a claim is about: the nearest suitable mention before it, else after it.

    A place after the claim is its subject only in the claim's own clause: "40 km from
    al-Tanf lies Hosh Matroud", "Some 20 km south of al-Tanf, Rukban camp ...", but not
    "a village 15 km from Aleppo, residents of Idlib said" (the subject is then unnamed).
    """
    j = bisect.bisect_left(mstarts, before) - 1
    named_before = j >= 0 and mentions[j].start >= lo
    while j >= 0 and mentions[j].start >= lo:
        m = mentions[j]
        if _can_be_subject(m, exclude):
            return m
        j -= 1
    if named_before:
        return None  # "near X within the 55 km area at Y": the subject is left unnamed
    fronted = _FRONTED.fullmatch(text, lo, before) is not None
    j = bisect.bisect_left(mstarts, after)
    while j < len(mentions) and mentions[j].start < hi:
        m = mentions[j]
        gap = text[after : m.start]
        if _CLAUSE_BREAK.search(gap) or (not fronted and "," in gap):
            return None  # another clause: the place named there is not what the claim locates
        if _can_be_subject(m, exclude):
            if not fronted and _OWN_VERB.match(text, m.end):
                return None
            return m
        j += 1
    return None


def _can_be_subject(m: Mention, exclude: Mention | None) -> bool:
    if exclude is not None and (m is exclude or (m.start, m.end) == (exclude.start, exclude.end)):
        return False
    if m.role == "actor":
        return False
    if m.place is None:
        return False
    if exclude is not None and exclude.place is not None and m.place.id == exclude.place.id:
        return False
    return m.place.kind not in _NOT_SUBJECT_KINDS


def _interval(value_m: float, rounding_m: float, hedge: str | None) -> tuple[str, float, float]:
    """Relation and [low, high] interval (metres) a claimed value stands for."""
    h = " ".join(hedge.lower().split()) if hedge else None
    if h in _AT_LEAST:
        return "at_least", max(0.0, value_m - rounding_m), math.inf
    if h in _AT_MOST:
        return "at_most", 0.0, value_m + rounding_m
    if h in _NEARLY:
        return "nearly", value_m * 0.85 - rounding_m, value_m + rounding_m
    rel = 0.15 if h in _APPROX_HEDGES else 0.05
    spread = rounding_m + rel * value_m
    return "about", max(0.0, value_m - spread), value_m + spread


def _precision(m: Mention | None) -> float:
    if m is None or m.place is None or m.place.precision_m is None:
        return 0.0
    return float(m.place.precision_m)


def _name(m: Mention | None) -> str:
    if m is None:
        return "the unnamed place"
    return m.place.name if m.place is not None else m.text


def _value_text(value: float, unit: str, value_low: float | None = None) -> str:
    """Return a claimed value as text: "40 km", or "20-40 km" for a range."""
    if value_low is None:
        return f"{value:g} {unit}"
    return f"{value_low:g}-{value:g} {unit}"


def _fmt_km(metres: float) -> str:
    if math.isinf(metres):
        return "inf"
    return f"{metres / 1000:.1f} km"


def _unlocated_reason(m: Mention | None, role: str) -> str | None:
    if m is None:
        if role == "reference":
            return "the place the distance is measured from is not a known place"
        return "the text does not name the place the claim is about"
    if m.place is None:
        why = m.reason or "it did not resolve to one gazetteer place"
        return f"{m.text!r} cannot be used: {why}"
    if not m.place.located:
        return f"{m.place.name} has no sourced location"
    return None


# --- checking ---------------------------------------------------------------------------------


@dataclass
class _Found:
    kind: str
    start: int
    end: int
    relation_word: str | None  # hedge or zone preposition
    value: float | None
    number_text: str | None
    unit: str | None
    direction: str | None
    ref_pos: int | None  # where the reference place may start
    apart: bool = False
    # a direction with no verb or comma before it ("Khusham northeast of Deir ez-Zor"):
    # a claim only when a place is named right before it
    after_name: bool = False
    # a range ("20-40 km", "between 10 and 30 km"): its lower number, as read and as written
    value_low: float | None = None
    low_text: str | None = None


# The scan: every "number unit" once (case-sensitive, on the lower-cased text when that
# keeps the offsets), then what precedes and follows it decides the kind of claim.
_NUM_UNIT = re.compile(r"\b" + _NUM.format(name="num") + r"[\s-]*" + _UNIT.format(name="unit"))
_NUM_UNIT_ANYCASE = re.compile(_NUM_UNIT.pattern, re.IGNORECASE)
# Scanning a whole article with these patterns costs more than the rest of the claim
# checking: they are tried only where the article's tokens (shared with find_places)
# show a number - digits or a number word - followed by a unit.
#: tokens a number may be made of ("1,200.5" is three, "forty-five" two, "a hundred" two)
_NUMBER_TOKENS = frozenset([*_SMALL[1:], *_TENS, "a", "one", "hundred", "dozen"])
_NUMBER_STARTS = tuple(sorted(_NUMBER_TOKENS - {"a", "hundred", "dozen"}))
#: a unit at the end of a token or before a mark ("km", "40km", "km's", "nautical")
_UNIT_TAIL = re.compile(
    r"(?:nautical|kilomet(?:re|er)s?|kms?|miles?|mi|met(?:re|er)s?|m|feet|ft|yards?)(?!\w)"
)
_DIRECTION_STARTS = ("north", "south", "east", "west")
_AR_UNIT_HINTS = ("كم", "كلم", "كيلو", "ميل", "أميال")
_ZONE_PREPOSITIONS = frozenset(
    {"within", "inside", "in", "outside", "outside of", "beyond", "out of", "into"}
)
_ZONE_FILLERS = frozenset({"the", "a", "so-called"})
_HEDGE_WORDS = frozenset(
    {"about", "around", "some", "approximately", "approx.", "roughly", "nearly", "almost"}
    | {"close to", "circa", "an estimated", "estimated", "more than", "over", "at least"}
    | {"less than", "under", "up to", "within", "just over", "just under", "barely", "only"}
    | {"just"}
)
_ZONE_AFTER = re.compile(
    r"[\s-]+(?:[\w\-]+\s+){0,2}?(?P<znoun>area|zone|radius|perimeter|belt|pocket|circle)\b"
    r"(?:\s+(?P<around>around|of|surrounding|from)\b)?",
    re.IGNORECASE,
)
_DISTANCE_AFTER = re.compile(
    r"(?:\s*\([^()\n]{0,40}\))?"  # "20 km (12 miles)"
    r"(?:\s+(?P<apart>apart))?"
    r"(?:[\s-]+(?:away|drive|journey|distance))?"
    r"(?:\s+(?:to\s+the\s+)?(?P<dir>" + _DIR + r"))?"
    r"(?:\s+(?:away\s+)?(?P<prep>of|from|off)\b)?",
    re.IGNORECASE,
)
_DIRECTION_WORD = re.compile(r"\b(?:north|south|east|west)")
_DIRECTION_AT = re.compile(
    r"(?P<dir>" + _DIR + r")\s+of\b",
    re.IGNORECASE,
)
_DIRECTION_LEAD = re.compile(
    r"(?:,|\b(?:lies|lying|located|situated|is|sits|sitting|was|lie|are))\s+"
    r"(?:just\s+|directly\s+|due\s+|immediately\s+|slightly\s+)?$",
    re.IGNORECASE,
)

# The lower end of a range, right before the upper number: "20-40 km", "20–40 km",
# "20 km - 40 km", "5 to 40 km", "between 10 and 30 km" (a window of text ending there).
_RANGE_BEFORE = re.compile(
    r"(?:\b(?P<between>between)\s+)?\b"
    + _NUM.format(name="low")
    + r"(?:[\s-]*"
    + _UNIT.format(name="low_unit")
    + r")?(?:\s*[-\u2013]\s*|\s+(?P<word>to|and)\s+)$",
    re.IGNORECASE,
)
_RANGE_WINDOW = 80


def _range_before(scan: str, start: int, unit: str, value: float) -> tuple[int, float, str] | None:
    """Find the lower end of a range ending at the number at ``start`` (``unit``, ``value``).

    Returns where the range starts ("between" included), the lower value and how it
    is written, or ``None`` when the number is not the upper end of a range: the
    lower end must be a smaller number in the same unit (or none), and "and" needs
    "between" ("10 and 30 km" alone is not read as a range).
    """
    lo = max(0, start - _RANGE_WINDOW)
    m = _RANGE_BEFORE.search(scan, lo, start)
    if m is None:
        return None
    at = m.start()
    if at > 0 and (scan[at - 1].isalnum() or scan[at - 1] in ".,"):
        return None  # the window cut a longer number or word
    if m.group("word") == "and" and not m.group("between"):
        return None
    low = _parse_number(m.group("low"))
    low_unit = m.group("low_unit")
    if low_unit is not None and _unit_m(" ".join(low_unit.split())) != _unit_m(unit):
        return None
    if low is None or not low < value:
        return None
    return at, low, m.group("low")


def _fragment_of_number(scan: str, start: int) -> bool:
    """Whether the number at ``start`` continues a number written before it.

    "22 0000 m", "5,40 km", "22\u00a000 m": its digits are not the whole number, so
    no claim is read from them.  A number after a longer one ("in 2019 40 km") is not
    a fragment.
    """
    if start < 2 or not scan[start].isdigit() or not scan[start - 2].isdigit():
        return False
    sep = scan[start - 1]
    if sep in ".,\u00a0\u202f\u2009":
        return True
    if sep != " ":
        return False
    k = start - 2
    while k >= 0 and scan[k].isdigit():
        k -= 1
    return start - 2 - k <= 3 and (k < 0 or not (scan[k].isalnum() or scan[k] in ".,"))


_NON_SPACE = re.compile(r"\S+")


def _words_before(
    before: str, phrases: frozenset[str], *, skip: frozenset[str] = frozenset()
) -> tuple[str, int] | None:
    """Find a phrase of ``phrases`` ending ``before`` (lower-cased), after optional ``skip`` words.

    Returns the phrase (words joined by one space) and how many characters back
    from the end of ``before`` it starts, or ``None``.
    """
    if not before or not before[-1].isspace():
        return None
    words = before.split()  # the same words as _NON_SPACE finds
    i = len(words)
    while i > 0 and words[i - 1] in skip:
        i -= 1
    for n in (2, 1):
        if i - n >= 0:
            phrase = " ".join(words[i - n : i])
            if phrase in phrases:
                pos = [m.start() for m in _NON_SPACE.finditer(before)]
                return phrase, len(before) - pos[i - n]
    return None


def _window_before(scan: str, start: int) -> str:
    """Return the (up to) 40 characters before ``start``, without the word the window cuts."""
    lo = max(0, start - 40)
    before = scan[lo:start]
    if lo > 0:
        cut = before.find(" ")
        before = before[cut + 1 :] if cut >= 0 else ""
    return before


def _covered(spans: list[tuple[int, int]], pos: int) -> bool:
    """Whether ``pos`` lies in one of the sorted, disjoint ``spans``."""
    i = bisect.bisect_right(spans, (pos, math.inf)) - 1
    return i >= 0 and spans[i][0] <= pos < spans[i][1]


def _is_word_char(ch: str) -> bool:
    r"""Whether ``ch`` is a ``\w`` character of :mod:`re` (letter, digit or underscore)."""
    return ch.isalnum() or ch == "_"


def _word_offsets(word: str) -> tuple[tuple[int, ...], tuple[int, ...]] | None:
    r"""Where in a token a number and a direction word may start (``None``: nowhere).

    An offset is a word start (``\b``) inside the token - its first character, or one
    after a mark such as an apostrophe - followed by a digit or a number word, or by
    "north", "south", "east" or "west" (any case).
    """
    nums: list[int] = []
    dirs: list[int] = []
    for k, ch in enumerate(word):
        if k and _is_word_char(word[k - 1]):
            continue
        if ch.isdecimal():
            nums.append(k)
            continue
        rest = word[k : k + 9].lower()
        if rest.startswith(_NUMBER_STARTS) or word[k:].lower() == "a":
            nums.append(k)
        if rest.startswith(_DIRECTION_STARTS):
            dirs.append(k)
    return (tuple(nums), tuple(dirs)) if nums or dirs else None


_OFFSETS: dict[str, tuple[tuple[int, ...], tuple[int, ...]] | None] = {}  # word -> offsets


def _candidates(text: str) -> tuple[list[int], list[int]]:
    """Offsets where a "number unit" phrase and where a direction word may start.

    A superset of where the full patterns match (each candidate is checked with them):
    a number candidate is a number start in a run of number tokens followed by a token
    that ends in a unit (or in a token that itself ends in one: "40km").
    """
    starts, _ends, words, _gaps = _split_tokens(text)
    offsets = _lookup_all(_OFFSETS, _word_offsets, words)
    nums: list[int] = []
    dirs: list[int] = []
    n = len(words)
    for i in itertools.compress(range(n), offsets):
        found = offsets[i]
        assert found is not None
        num_at, dir_at = found
        start = starts[i]
        dirs.extend(start + k for k in dir_at)
        if not num_at:
            continue
        for k in num_at:
            # the token from where this number starts ("1" in "40'1,200km"), then the next
            j = i
            w = words[i][k:]
            while w.isdecimal() or w.lower() in _NUMBER_TOKENS:
                j += 1
                if j == n:
                    break
                w = words[j]
            if j < n and _UNIT_TAIL.search(w.lower()):
                nums.append(start + k)
    return nums, dirs


def _find(text: str) -> list[_Found]:
    """Locate claim phrases: zones, distances (with direction), bare directions."""
    found: list[_Found] = []
    low = text.lower()
    if len(low) == len(text):
        scan, num_rx = low, _NUM_UNIT
    else:  # a few characters change length when lower-cased ("İ"): keep the offsets
        scan, num_rx = text, _NUM_UNIT_ANYCASE
    num_starts, dir_starts = _candidates(text)
    last_end = 0
    for p in num_starts:
        if p < last_end:
            continue  # inside the previous phrase (as finditer would skip it)
        m = num_rx.match(scan, p)
        if m is None:
            continue
        last_end = m.end()
        value = _parse_number(m.group("num"))
        unit = " ".join(m.group("unit").lower().split())
        if value is None or _unit_m(unit) is None:
            continue
        start, end = m.start(), m.end()
        if _fragment_of_number(scan, start):
            continue  # "22 0000 m": never judge a claim on part of a number
        before = _window_before(scan, start)
        zb = _words_before(before, _ZONE_PREPOSITIONS, skip=_ZONE_FILLERS)
        za = _ZONE_AFTER.match(scan, end) if zb else None
        if zb and za:
            found.append(
                _Found(
                    "zone",
                    start - zb[1],
                    za.end(),
                    zb[0],
                    value,
                    m.group("num"),
                    unit,
                    None,
                    za.end() if za.group("around") else None,
                )
            )
            continue
        da = _DISTANCE_AFTER.match(scan, end)
        assert da is not None  # every part is optional
        prep, direction, apart = da.group("prep"), da.group("dir"), da.group("apart")
        if not prep and not apart:
            continue  # "killed 100", "a 40 km convoy": not a claim about two places
        if unit == "m" and not prep:
            continue
        rng = _range_before(scan, start, unit, value)
        if rng is not None:
            start = rng[0]
            before = _window_before(scan, start)
        hb = _words_before(before, _HEDGE_WORDS)
        found.append(
            _Found(
                "distance",
                start - hb[1] if hb else start,
                da.end(),
                hb[0] if hb else None,
                value,
                m.group("num"),
                unit,
                _canonical_direction(direction) if direction else None,
                da.end() if prep else None,
                apart=bool(apart),
                value_low=rng[1] if rng else None,
                low_text=rng[2] if rng else None,
            )
        )
    if not text.isascii() and any(h in text for h in _AR_UNIT_HINTS):
        found.extend(_find_arabic(text))
    taken = sorted((f.start, f.end) for f in found)
    for p in dir_starts:
        m = _DIRECTION_WORD.match(scan, p)
        if m is None or _covered(taken, m.start()):
            continue
        d = _DIRECTION_AT.match(scan, m.start())
        if d is None:
            continue
        direction = _canonical_direction(d.group("dir"))
        if direction is None:
            continue
        lead = _DIRECTION_LEAD.search(scan, max(0, m.start() - 30), m.start())
        found.append(
            _Found(
                "direction",
                d.start(),
                d.end(),
                None,
                None,
                None,
                None,
                direction,
                d.end(),
                after_name=lead is None,
            )
        )
    found.sort(key=lambda f: f.start)
    return found


def _find_arabic(text: str) -> list[_Found]:
    """Distance claims written in Arabic ("على بعد 40 كم من ...")."""
    out: list[_Found] = []
    for m in _AR_DISTANCE.finditer(text):
        number = m.group("num").replace("٫", ".").replace(",", ".")
        number = "".join(number.split())  # "22 000"
        try:
            value = float(number)
        except ValueError:
            continue
        unit = (
            "km"
            if m.group("unit")
            in {"كيلومترات", "كيلومترا", "كيلومتر", "كيلو مترات"}
            | {
                "كيلو متر",
                "كلم",
                "كم",
            }
            else "miles"
        )
        direction = None
        if m.group("dir"):
            parts = [
                _AR_DIRECTIONS[w.rstrip("ةي")]
                for w in m.group("dir").split()
                if w.rstrip("ةي") in _AR_DIRECTIONS
            ]
            direction = _canonical_direction("".join(parts)) if parts else None
        hedge = _AR_HEDGES.get(m.group("hedge") or "")
        end = m.start() + len(m.group(0).rstrip())
        out.append(_Found("distance", m.start(), end, hedge, value, number, unit, direction, end))
    return out


def _unit_m(unit: str) -> float | None:
    return _UNIT_M.get(" ".join(unit.split()))


def check_claims(
    text: str,
    *,
    gazetteer: Gazetteer | None = None,
    mentions: Sequence[Mention] | None = None,
) -> list[Claim]:
    """Find and check the distance, direction and zone claims of a text.

    Parameters
    ----------
    text : str
        A news article or any text (untrusted input is safe).
    gazetteer : Gazetteer, optional
        Where places are resolved and located; default ``Gazetteer.default()``.
    mentions : sequence of Mention, optional
        The result of :func:`~syriamap.geoparse.find_places` on the same text and
        gazetteer, to avoid parsing it twice.

    Returns
    -------
    list of Claim
        In text order.

    Raises
    ------
    TextTypeError
        ``text`` is not a ``str``.

    See Also
    --------
    Claim : what each claim holds; the module docstring explains the tolerance.
    syriamap.geoparse.find_places : the place mentions the claims are built on.

    Examples
    --------
    >>> [c] = check_claims("Rukban camp lies some 11 miles south of the al-Tanf garrison.")
    >>> c.verdict, round(c.claimed_m), round(c.true_m), c.direction
    ('consistent', 17703, 22132, 'south')
    >>> [c] = check_claims("The Rukban camp is about 30 miles from al-Tanf.")
    >>> c.verdict
    'inconsistent'
    >>> [c] = check_claims("Hosh Matroud, which is 40 km away from the al-Tanf base.")
    >>> c.verdict, c.reason, round(c.ring.radius_m)
    ('unverifiable', 'Hosh Matroud has no sourced location', 40000)
    """
    text = check_text(text)
    if not text:
        return []
    found = _find(text)
    if not found:
        return []
    ms = list(mentions) if mentions is not None else find_places(text, gazetteer=gazetteer)
    ms.sort(key=lambda m: m.start)
    mstarts = [m.start for m in ms]
    sstarts = _sentence_starts(text)
    claims: list[Claim] = []
    for f in found:
        if f.after_name and not _named_right_before(text, ms, mstarts, f.start):
            continue
        lo, hi = _sentence_bounds(sstarts, len(text), f.start)
        if f.kind == "zone":
            claim = _zone_claim(text, f, ms, mstarts, lo, hi, gazetteer)
        else:
            claim = _distance_claim(text, f, ms, mstarts, lo, hi)
        if claim is not None:
            claims.append(claim)
    return claims


def _named_right_before(text: str, ms: list[Mention], mstarts: list[int], pos: int) -> bool:
    """Whether a place that can be a claim's subject is named just before ``pos``.

    "Khusham northeast of Deir ez-Zor" places Khusham; "clashes northeast of Deir
    ez-Zor" or "in Syria north of Raqqa" place nothing that can be checked.
    """
    j = bisect.bisect_left(mstarts, pos) - 1
    if j < 0:
        return False
    m = ms[j]
    gap = text[m.end : pos]
    return gap.isspace() and len(gap) <= 2 and _can_be_subject(m, None)


def _distance_claim(
    text: str, f: _Found, ms: list[Mention], mstarts: list[int], lo: int, hi: int
) -> Claim | None:
    subject: Mention | None
    reference: Mention | None
    if f.apart:  # "X and Y are 30 km apart": the last two places before it
        j = bisect.bisect_left(mstarts, f.start) - 1
        pair: list[Mention] = []
        while j >= 0 and ms[j].start >= lo and len(pair) < 2:
            if _can_be_subject(ms[j], pair[0] if pair else None):
                pair.append(ms[j])
            j -= 1
        if len(pair) < 2:
            return None
        reference, subject = pair
    else:
        reference = _reference_after(text, ms, mstarts, f.ref_pos or f.end, hi)
        after = (reference or f).end
        subject = _subject_for(text, ms, mstarts, lo, hi, f.start, after, reference)
    if reference is None and subject is None:
        return None
    value_m: float | None = None
    low_m: float | None = None
    relation, low, high = "direction", 0.0, math.inf
    if f.value is not None and f.unit is not None and f.number_text is not None:
        unit_m = _unit_m(f.unit) or 1.0
        value_m = f.value * unit_m
        rounding_m = _rounding(f.number_text, f.value) * unit_m
        relation, low, high = _interval(value_m, rounding_m, f.relation_word)
        if f.value_low is not None and f.low_text is not None:  # "20-40 km"
            low_m = f.value_low * unit_m
            low_rounding_m = _rounding(f.low_text, f.value_low) * unit_m
            _rel, low, _high = _interval(low_m, low_rounding_m, f.relation_word)
            if relation == "about":
                relation = "between"
    kind = "distance" if value_m is not None else "direction"
    precision = _precision(subject) + _precision(reference)
    tolerance = None if value_m is None else (high - low) / 2.0
    base: dict[str, Any] = {
        "kind": kind,
        "text": text[f.start : f.end],
        "start": f.start,
        "end": f.end,
        "sentence": text[lo:hi].strip(),
        "subject": subject,
        "reference": reference,
        "relation": relation,
        "claimed_m": value_m,
        "claimed_low_m": low_m,
        "value": f.value,
        "value_low": f.value_low,
        "unit": f.unit,
        "hedge": f.relation_word,
        "direction": f.direction,
        "tolerance_m": tolerance,
        "precision_m": precision,
        "zone": None,
    }
    why_ref = _unlocated_reason(reference, "reference")
    why_subj = _unlocated_reason(subject, "subject")
    if why_ref or why_subj:
        ring = _ring_for(subject, reference, f, value_m, low, high)
        return Claim(
            **base,
            true_m=None,
            true_bearing_deg=None,
            verdict="unverifiable",
            reason=why_subj or why_ref or "",
            ring=ring,
        )
    assert subject is not None and reference is not None
    assert subject.place is not None and reference.place is not None
    from syriamap.geodesy import WGS84

    rx, ry = reference.place.lonlat
    sx, sy = subject.place.lonlat
    az, _back, dist = WGS84.inv(rx, ry, sx, sy)  # gazetteer points are validated already
    true_m = float(dist)
    true_b = float(az) % 360.0
    problems: list[str] = []
    notes: list[str] = []
    if value_m is not None:
        assert f.value is not None and f.unit is not None
        ok = low - precision <= true_m <= high + precision
        span = f"[{_fmt_km(max(0.0, low - precision))}, {_fmt_km(high + precision)}]"
        msg = (
            f"geodesic {_fmt_km(true_m)} from {reference.place.name} to {subject.place.name}; "
            f"the claim of {_value_text(f.value, f.unit, f.value_low)} allows {span}"
        )
        (notes if ok else problems).append(msg)
    if f.direction is not None:
        claimed_b = _COMPASS[f.direction]
        half = 22.5 if len(f.direction) > 9 else 45.0
        slack = math.degrees(math.atan2(precision, true_m)) if true_m > 0 else 180.0
        if slack >= 90.0:
            notes.append("the places are too close for their precision to tell a direction")
        else:
            diff = abs((true_b - claimed_b + 180.0) % 360.0 - 180.0)
            msg = (
                f"bearing {true_b:.0f}° from {reference.place.name} vs {f.direction} "
                f"({claimed_b:.0f}° ± {half + slack:.0f}°)"
            )
            (notes if diff <= half + slack else problems).append(msg)
    verdict = "inconsistent" if problems else "consistent"
    return Claim(
        **base,
        true_m=true_m,
        true_bearing_deg=true_b,
        verdict=verdict,
        reason="; ".join(problems or notes),
    )


def _ring_for(
    subject: Mention | None,
    reference: Mention | None,
    f: _Found,
    value_m: float | None,
    low: float,
    high: float,
) -> Ring | None:
    """Return the ring on which the unlocated end lies, centred on the located end."""
    if value_m is None:
        return None
    if reference is not None and reference.located:
        centre, other, flip = reference, subject, False
    elif subject is not None and subject.located:
        centre, other, flip = subject, reference, True
    else:
        return None
    assert centre.place is not None
    prec = _precision(centre)
    bearing = tol = None
    if f.direction is not None:
        bearing = (_COMPASS[f.direction] + (180.0 if flip else 0.0)) % 360.0
        tol = 22.5 if len(f.direction) > 9 else 45.0
    assert f.value is not None and f.unit is not None
    claimed = _value_text(f.value, f.unit, f.value_low)
    label = (
        f"{_name(other)}: {claimed} from {centre.place.name} (claimed)"
        if other is not None
        else f"{claimed} from {centre.place.name} (claimed)"
    )
    return Ring(
        center=centre.place.lonlat,
        center_name=centre.place.name,
        radius_m=value_m,
        inner_m=max(0.0, low - prec),
        outer_m=high + prec,
        bearing_deg=bearing,
        bearing_tolerance_deg=tol,
        label=label,
    )


def _zone_centre(
    ms: list[Mention], mstarts: list[int], f: _Found, text: str, hi: int
) -> Mention | None:
    if f.ref_pos is not None:
        ref = _reference_after(text, ms, mstarts, f.ref_pos, hi)
        if ref is not None:
            return ref
    j = bisect.bisect_left(mstarts, f.start) - 1
    fallback = None
    while j >= 0:
        m = ms[j]
        if m.located and m.place is not None and m.role == "location":
            if m.place.kind in _ZONE_CENTRE_KINDS:
                return m
            if fallback is None and m.place.kind not in _NOT_SUBJECT_KINDS:
                fallback = m
        j -= 1
    return fallback


def _zone_claim(
    text: str,
    f: _Found,
    ms: list[Mention],
    mstarts: list[int],
    lo: int,
    hi: int,
    gazetteer: Gazetteer | None,
) -> Claim | None:
    from syriamap.zones import Zone

    assert f.value is not None and f.unit is not None
    radius_m = f.value * (_unit_m(f.unit) or 1.0)
    centre = _zone_centre(ms, mstarts, f, text, hi)
    relation = (
        "outside"
        if f.relation_word in {"outside", "outside of", "beyond", "out of"}
        else ("inside")
    )
    zone = None
    if centre is not None and centre.place is not None and centre.place.located:
        zone = Zone.around(
            centre.place,
            radius_km=radius_m / 1000.0,
            name=f"{f.value:g} {f.unit} zone around {centre.place.name}",
        )
    after = centre.end if centre is not None and centre.start >= f.end else f.end
    subject = _subject_for(text, ms, mstarts, lo, hi, f.start, after, centre)
    base: dict[str, Any] = {
        "kind": "zone",
        "text": text[f.start : f.end],
        "start": f.start,
        "end": f.end,
        "sentence": text[lo:hi].strip(),
        "subject": subject,
        "reference": centre,
        "relation": relation,
        "claimed_m": radius_m,
        "value": f.value,
        "unit": f.unit,
        "hedge": None,
        "direction": None,
        "tolerance_m": 0.0,
        "precision_m": _precision(subject),
        "zone": zone,
        "true_bearing_deg": None,
    }
    if zone is None:
        return Claim(
            **base,
            true_m=None,
            verdict="unverifiable",
            reason="the text names no located place the zone is centred on",
        )
    why = _unlocated_reason(subject, "subject")
    if why:
        return Claim(**base, true_m=None, verdict="unverifiable", reason=why)
    assert subject is not None and subject.place is not None
    sx, sy = subject.place.lonlat
    rel = zone.relation(sx, sy, uncertainty_m=_precision(subject))
    where = str(np.atleast_1d(rel.relation)[0])
    edge = float(np.atleast_1d(rel.distance_to_edge_m)[0])
    true_m = radius_m + edge
    desc = (
        f"{subject.place.name} is {_fmt_km(true_m)} from {zone.name.split(' around ')[-1]} "
        f"({where} the {f.value:g} {f.unit} zone, precision ± {_fmt_km(_precision(subject))})"
    )
    if where == "indeterminate":
        verdict = "unverifiable"
    else:
        verdict = "consistent" if where == relation else "inconsistent"
    return Claim(**base, true_m=true_m, verdict=verdict, reason=desc)


def combine(claims: Sequence[Claim], *, place_id: str | None = None) -> shapely.Geometry | None:
    """Intersect the regions several claims confine one place to.

    Parameters
    ----------
    claims : sequence of Claim
        Claims from :func:`check_claims` (or several texts).
    place_id : str, optional
        Only use claims whose ring is about this place (the unlocated end's id);
        default: every claim with a :attr:`Claim.constraint`.

    Returns
    -------
    shapely geometry or None
        The intersection (possibly empty), or ``None`` when no claim constrains it.

    Examples
    --------
    >>> text = ("Hosh Matroud is 40 km from the al-Tanf base. "
    ...         "Hosh Matroud lies within the 55 km zone around al-Tanf.")
    >>> region = combine(check_claims(text), place_id="curated:hosh-matroud")
    >>> region.geom_type, round(region.area, 3) > 0
    ('Polygon', True)
    """
    geoms = []
    for c in claims:
        g = c.constraint
        if g is None:
            continue
        if place_id is not None:
            ends = [m for m in (c.subject, c.reference) if m is not None]
            if not any(m.place_id == place_id and not m.located for m in ends):
                continue
        geoms.append(g)
    if not geoms:
        return None
    out = geoms[0]
    for g in geoms[1:]:
        out = shapely.intersection(out, g)
    return out


_VERDICT_COLOURS = {"consistent": "#1a9850", "inconsistent": "#d73027", "unverifiable": "#777777"}


def _safe(text: str, limit: int = 300) -> str:
    """Escape text for HTML inside a JavaScript template literal (folium tooltips)."""
    import html

    out = html.escape(str(text)[:limit], quote=True)
    return out.replace("`", "&#96;").replace("$", "&#36;").replace("\\", "&#92;")


def _places_frame(mentions: Sequence[Mention]) -> Any:
    """One row per place mentioned (located or not), in the incidents schema."""
    import pandas as pd

    rows: dict[str, dict[str, Any]] = {}
    for m in mentions:
        p = m.place
        if p is None or m.kind == "anaphor":
            continue
        row = rows.get(p.id)
        if row is None:
            kind = "place in Syria" if p.country == "SY" else "place outside Syria"
            if not p.located:
                kind = "place without a sourced location"
            row = rows[p.id] = {
                "id": p.id,
                "place": m.text,
                "place_id": p.id,
                "place_name": p.name,
                "matched": m.alias,
                "lon": p.lon,
                "lat": p.lat,
                "precision_m": p.precision_m,
                "country": p.country,
                "event_type": kind,
                "location_note": p.note,
                "_written": [],
            }
        if m.text not in row["_written"]:
            row["_written"].append(m.text)
    for row in rows.values():
        written = row.pop("_written")
        row["description"] = "mentioned as: " + ", ".join(repr(w) for w in written[:10])
    columns = [
        "id",
        "place",
        "place_id",
        "place_name",
        "matched",
        "lon",
        "lat",
        "precision_m",
        "country",
        "event_type",
        "location_note",
        "description",
    ]
    frame = pd.DataFrame(list(rows.values()), columns=columns)
    frame["lon"] = pd.to_numeric(frame["lon"], errors="coerce").astype(float)
    frame["lat"] = pd.to_numeric(frame["lat"], errors="coerce").astype(float)
    frame["precision_m"] = pd.to_numeric(frame["precision_m"], errors="coerce").astype(float)
    return frame


def _claim_label(c: Claim) -> str:
    claimed = "" if c.claimed_m is None else f"claimed {c.claimed_text}"
    if c.direction:
        claimed = (claimed + " " if claimed else "claimed ") + c.direction
    true = "" if c.true_m is None else f"geodesic {_fmt_km(c.true_m)}"
    return f"{c.verdict.upper()}: {claimed}" + (f" vs {true}" if true else "") + f" - {c.reason}"


@dataclass(frozen=True)
class _MapArea:
    """An area drawn on a claims map: a claim's ring or where a ring meets a zone.

    ``map_kind`` is ``"ring"`` or ``"region"``; ``map_note`` is what the legend states.
    """

    polygon: shapely.Geometry
    name: str
    map_kind: str
    map_note: str = ""
    subject: str = ""
    center_name: str = ""
    radius_m: float | None = None
    inner_m: float | None = None
    outer_m: float | None = None
    source: str = "distance claim in the text (not a sourced location)"


_SENTENCE_BREAK = re.compile(r"[.!?]\s+[A-Z]")
_NOT_HEADLINE = re.compile(r"^(?:logo\b|published\b|updated\b|date\b|by\b|photo\b|image\b)", re.I)


def _headline(text: str) -> str | None:
    """Return the article's headline: an early short line standing alone, if there is one.

    A headline here is one of the first eight non-empty lines, between blank lines (or
    at the start) and followed by more text, of 3 to 20 words and at most 160
    characters, holding no sentence break and not ending like a sentence, and not a
    by-line, date line or logo caption.
    """
    lines = text.splitlines()
    seen = 0
    for k, raw in enumerate(lines):
        line = raw.strip()
        if not line:
            continue
        seen += 1
        if seen > 8:
            break
        alone = (
            (k == 0 or not lines[k - 1].strip())
            and k + 1 < len(lines)
            and not lines[k + 1].strip()
            and any(rest.strip() for rest in lines[k + 2 :])
        )
        words = len(line.split())
        if (
            alone
            and 3 <= words <= 20
            and len(line) <= 160
            and not line.endswith((".", ",", ";", ":"))
            and "|" not in line
            and not _SENTENCE_BREAK.search(line)
            and not _NOT_HEADLINE.match(line)
        ):
            return line
    return None


def _ring_areas(claims: Sequence[Claim], zones: Sequence[Any]) -> list[_MapArea]:
    """Return each claim ring as a map area, and where it meets each zone when it partly does.

    The ring's note says whether it lies wholly inside, partly inside or outside each
    zone: where the unlocated place can be if the distance claim holds.
    """
    out: list[_MapArea] = []
    seen: set[str] = set()
    for c in claims:
        ring = c.ring
        if ring is None or ring.name in seen:
            continue
        seen.add(ring.name)
        subject = c.subject.text if c.subject is not None else ""
        if c.subject is not None and c.subject.place is not None:
            subject = c.subject.place.name
        who = subject or "the place"
        notes: list[str] = []
        overlaps: list[_MapArea] = []
        ring_area = ring.polygon.area
        for zone in zones:
            inter = shapely.intersection(ring.polygon, zone.polygon)
            share = inter.area / ring_area if ring_area > 0 else 0.0
            if share >= 0.995:
                notes.append(
                    f"The whole ring lies inside the {zone.name}: if the distance holds, "
                    f"{who} is inside that zone."
                )
            elif inter.is_empty or share <= 0.005:
                notes.append(
                    f"The ring lies outside the {zone.name}: if the distance holds, "
                    f"{who} is outside that zone."
                )
            else:
                notes.append(
                    f"{share:.0%} of the ring lies inside the {zone.name} (darker): where "
                    f"{who} can be if it is also inside that zone."
                )
                overlaps.append(
                    _MapArea(
                        polygon=inter,
                        name=f"{who}: ring ∩ {zone.name}",
                        map_kind="region",
                        map_note=f"where {who} can be if the distance claim holds and it "
                        f"is inside the {zone.name}",
                        source="intersection of a distance claim and a zone",
                    )
                )
        out.append(
            _MapArea(
                polygon=ring.polygon,
                name=ring.name,
                map_kind="ring",
                map_note=" ".join(notes),
                subject=subject,
                center_name=ring.center_name,
                # a range ("30-40 km") has no single radius: the map then shows the band
                radius_m=ring.radius_m if c.claimed_low_m is None else None,
                inner_m=ring.inner_m,
                outer_m=ring.outer_m,
            )
        )
        out.extend(overlaps)
    return out


def _draws_line(c: Claim) -> bool:
    """Whether the claims map draws the claim as a line between two located places."""
    return not (c.true_m is None or c.subject is None or c.reference is None or c.kind == "zone")


def claims_map(
    text: str,
    *,
    mentions: Sequence[Mention] | None = None,
    claims: Sequence[Claim] | None = None,
    gazetteer: Gazetteer | None = None,
    offline: bool = True,
    title: str | None = None,
) -> Any:
    """Return an interactive map of a text's places and claims (a :class:`folium.Map`).

    Places are drawn as in :func:`syriamap.maps.incident_map` (one marker per
    place, grouped as in Syria / outside Syria / without a sourced location);
    places named only as a country or a wide area, and places without a sourced
    location, are listed beside the map instead.  Zone claims draw their zone
    (dark red, dashed); claims with an unlocated end draw their :class:`Ring` as a
    violet band, with a note on where it lies against each zone (and the part
    inside a zone drawn darker when the ring crosses its edge); claims between two
    located places draw the geodesic line between them, coloured by verdict and
    labelled with the claimed against the geodesic distance.  All text from the
    article is escaped.

    Parameters
    ----------
    text : str
        The article.
    mentions, claims : sequence, optional
        Results of :func:`~syriamap.geoparse.find_places` and :func:`check_claims`
        on ``text`` (computed when omitted).
    gazetteer : Gazetteer, optional
        Default ``Gazetteer.default()``.
    offline : bool, default True
        No network request at all (see :func:`syriamap.maps.incident_map`).
    title : str, optional
        Map title; default the article's headline (an early short line standing
        alone), else "Places and claims in the text".

    Returns
    -------
    folium.Map

    Examples
    --------
    >>> m = claims_map("Hosh Matroud is 40 km from the al-Tanf base.")
    >>> type(m).__name__
    'Map'
    """
    import folium

    from syriamap.geodesy import WGS84
    from syriamap.maps import _incident_map

    text = check_text(text)
    ms = list(mentions) if mentions is not None else find_places(text, gazetteer=gazetteer)
    cs = list(claims) if claims is not None else check_claims(text, mentions=ms)
    zones: list[Any] = []
    seen: set[str] = set()
    for c in cs:
        if c.zone is not None and c.zone.name not in seen:
            seen.add(c.zone.name)
            zones.append(c.zone)
    m = _incident_map(
        _places_frame(ms),
        zones=[*zones, *_ring_areas(cs, zones)],
        offline=offline,
        title=title or _headline(text) or "Places and claims in the text",
        group_by="event_type",
        time_control=False,
        labels={
            "noun": ["place", "places"],
            "group_title": "Places in the text",
            "vague_title": "Named only as a country or a wide area",
            "unlocated_title": "No sourced location",
            "point_labels": True,
            "line_legend": [
                [_VERDICT_COLOURS[v], v != "consistent", f"{v}: claimed vs geodesic distance"]
                for v in VERDICTS
                if any(_draws_line(c) and c.verdict == v for c in cs)
            ],
        },
    )
    lines = folium.FeatureGroup(name="claims (lines)", show=True)
    for c in cs:
        if not _draws_line(c):
            continue
        assert c.subject is not None and c.reference is not None
        assert c.subject.place is not None and c.reference.place is not None
        (x1, y1), (x2, y2) = c.reference.place.lonlat, c.subject.place.lonlat
        inner = WGS84.npts(x1, y1, x2, y2, 32) if (c.true_m or 0.0) > 1000 else []
        pts = [(y1, x1), *((y, x) for x, y in inner), (y2, x2)]
        folium.PolyLine(
            pts,
            color=_VERDICT_COLOURS[c.verdict],
            weight=3,
            dash_array=None if c.verdict == "consistent" else "6 4",
            tooltip=folium.Tooltip(_safe(_claim_label(c))),
        ).add_to(lines)
    lines.add_to(m)
    return m
