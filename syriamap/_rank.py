"""Ranking candidates that match a name equally well, and telling one place from several."""

from __future__ import annotations

import math
from collections.abc import Mapping
from functools import lru_cache

from rapidfuzz import fuzz

from syriamap._query import _strip_qualifiers
from syriamap.names import article_generic, fold, normalize
from syriamap.place import Place

#: Kinds that are administrative units (a bare name prefers anything else).
ADMIN_KINDS = frozenset({"governorate", "province", "district", "subdistrict"})
_ADMIN_LEVEL = {"governorate": 0, "province": 0, "district": 1, "subdistrict": 2}
SETTLEMENT_KINDS = frozenset({"city", "town", "village", "locality"})
#: Order of preference between sources for the same place (lower wins).
SOURCE_PRIORITY = {"user": 0, "curated": 1, "opensyria": 2, "naturalearth": 3, "geonames": 4}
#: Candidates closer than this (or than their precision) are taken as one place, in metres.
SAME_PLACE_M = 10_000.0
#: Countries whose places' Arabic names (``name_ar``) are their own names.
ARABIC_SPEAKING = frozenset({"SY", "IQ", "JO", "LB", "PS"})
#: A tie between different places goes to the one spelled this much closer (0-100 scale).
CLOSER_SPELLING = 8.0


def generic_town_name(place: Place, alias: str) -> str | None:
    """Return ``alias`` spelled plainly when it is a town's name that reads as a generic word.

    A generic word after an Arabic article ("Al-Tal": the hill) names a city or town
    (At Tall): :func:`~syriamap.names.article_generic` of it, else ``None``.
    """
    return article_generic(alias) if place.kind in {"city", "town"} else None


def with_points(places: list[Place]) -> list[Place]:
    """Return the located ``places`` (a known point beats a namesake known only by name).

    Unless that would leave only places abroad while a place in Syria of the name has no
    point: this is a Syrian gazetteer, and a village abroad does not stand in for a Syrian
    place only because its point is known ("al-Sabha" is the village in Deir ez-Zor, known
    but unlocated, not Şabḩā in Jordan).  ``places`` itself then, and when none is located.
    """
    located = [p for p in places if p.located]
    abroad_only = not any(p.country == "SY" for p in located)
    if located and abroad_only and any(p.country == "SY" for p in places):
        return places
    return located or places


def _distance_m(a: Place, b: Place) -> float:
    """Great-circle distance between two located places in metres (spherical, for ranking)."""
    assert a.lon is not None and a.lat is not None and b.lon is not None and b.lat is not None
    p1, p2 = math.radians(a.lat), math.radians(b.lat)
    dp, dl = p2 - p1, math.radians(b.lon - a.lon)
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6_371_008.8 * math.asin(min(1.0, math.sqrt(h)))


def _distinct_places(cands: list[Place]) -> list[Place]:
    """Drop candidates that are the same place as a better-ranked one (within a few km)."""
    distinct: list[Place] = []
    for p in cands:
        same = False
        for d in distinct:
            if p.located and d.located and p.country == d.country:
                limit = max(SAME_PLACE_M, p.precision_m or 0.0, d.precision_m or 0.0)
                if _distance_m(p, d) <= limit:
                    same = True
                    break
            elif p.id == d.id:
                same = True
                break
        if not same:
            distinct.append(p)
    return distinct


def _inside(p: Place, unit: Place) -> bool:
    """Whether ``p`` lies within ``unit``'s radius (its precision, plus a margin)."""
    return (
        p.located
        and unit.located
        and _distance_m(p, unit) <= (unit.precision_m or 0.0) + SAME_PLACE_M
    )


def _within(p: Place, unit: Place) -> bool:
    """Whether ``p`` may be the place ``unit`` is named after, or lie in it.

    In the unit's country, and in its governorate (P-codes; any place of its country when
    one of the two has none) or within its radius.  Not abroad: the Fiq district, in the
    Golan, does not give way to the village GeoNames puts in Israel (whose Arabic name,
    فيق, would then be refused as an alternate name abroad).
    """
    if p.country != unit.country:
        return False
    if p.admin1_pcode and unit.admin1_pcode and p.admin1_pcode != unit.admin1_pcode:
        return _inside(p, unit)
    return True


def give_way(cands: list[Place]) -> tuple[list[Place], dict[str, str]]:
    """Drop the admin units that are named after another candidate within them.

    A bare name means the town, not the centroid of the unit named after it ("Hasakah"
    is the city, not its subdistrict), and of units of one name the largest ("Raqqa
    governorate", not its district) -- but only a place in the unit's governorate: the
    Nasra subdistrict (Homs) does not give way to Nasiriyah in Iraq, nor the Al-Haffah
    district (Latakia) to Israel's Haifa district, nor the Hole subdistrict (al-Hol,
    Hasakah) to Houla (Homs).  Not only a place within the unit's radius: a subdistrict's
    centroid may lie 50 km from its town, whose subdistrict P-code may be another's.

    Returns
    -------
    kept : list of Place
        ``cands`` without the units that gave way, in order.
    heirs : dict
        Id of each unit dropped -> id of the place it gave way to (the closest
        settlement or site, else the closest larger unit), whose name it is.
    """
    units = [p for p in cands if p.kind in ADMIN_KINDS]
    if not units:
        return cands, {}
    others = [p for p in cands if p.kind not in ADMIN_KINDS and p.kind != "country"]
    heirs: dict[str, str] = {}
    for u in units:
        within = [p for p in others if _within(p, u)]
        if not within:  # a larger unit of that name around it
            level = _ADMIN_LEVEL[u.kind]
            within = [q for q in units if _ADMIN_LEVEL[q.kind] < level and _within(u, q)]
        if within:
            if u.located:
                within.sort(key=lambda p: _distance_m(u, p) if p.located else math.inf)
            heirs[u.id] = within[0].id
    if not heirs:
        return cands, {}
    # (a unit that is itself an heir keeps what it inherited: its heir inherits it too)
    for uid, hid in heirs.items():
        while hid in heirs:
            hid = heirs[hid]
        heirs[uid] = hid
    return [p for p in cands if p.id not in heirs], heirs


#: a place's own names: :func:`_own_folds` and the keys of its name and Arabic name
OwnNames = tuple[tuple[str, ...], tuple[str, ...]]


def own_names(place: Place) -> OwnNames:
    """Return a place's own folded spellings (:func:`_own_folds`) and own keys.

    The keys are those of its name and of its Arabic name (in any country).
    """
    keys = [normalize(place.name)]
    if place.name_ar:
        keys.append(normalize(place.name_ar))
    return tuple(_own_folds(place)), tuple(keys)


def _own_folds(place: Place) -> list[str]:
    """Folded spellings that are a place's own name.

    Its name, and its Arabic name in an Arabic-speaking country (``Sinjār``, ``سنجار``), not
    an alternate name (``Ariha`` is Jericho's, among others).
    """
    own = [fold(place.name)]
    if place.name_ar and place.country in ARABIC_SPEAKING:
        own.append(fold(place.name_ar))
    return own


@lru_cache(maxsize=65536)
def _name_part(folded: str) -> str:
    """Return a folded name without its qualifiers ("sharan subddistrict" -> "sharan")."""
    if " " not in folded:  # one word (a fold has no hyphen): nothing to strip
        return folded
    core, hint = _strip_qualifiers(folded)
    return fold(core) if hint is not None and core else folded


def _nearest_first(cands: list[Place], near: tuple[float, float]) -> list[Place]:
    ref = Place("near", "near", "locality", near[0], near[1], 0.0, "")
    return sorted(cands, key=lambda p: _distance_m(p, ref) if p.located else math.inf)


def _outspelled(site: Place, distinct: list[Place], qname: str, name_of: dict[str, str]) -> bool:
    """Whether another candidate is spelled clearly closer to the query than a curated town.

    A curated village or town (added because the bulk layer lacks it) does not take the
    names of its namesakes' spellings: "Hesh" is the village Ḩīsh, not the curated Hass,
    whose name keys alike; nor a Syrian town of 10,000 people or more spelled as close
    ("Kobana" is Kobani, not the curated village Kabani, also "Kabana").  Curated sites of
    other kinds keep their precedence.
    """
    if site.kind not in SETTLEMENT_KINDS:
        return False
    mine = fuzz.ratio(qname, name_of[site.id])
    for p in distinct:
        if p is site:
            continue
        closer = fuzz.ratio(qname, name_of[p.id]) - mine
        if closer >= CLOSER_SPELLING or (closer >= 0 and _syrian_town(p)):
            return True
    return False


def _syrian_town(place: Place) -> bool:
    """Whether ``place`` is a settlement in Syria of 10,000 people or more."""
    return (
        place.country == "SY"
        and place.kind in SETTLEMENT_KINDS
        and (place.population or 0) >= 10_000
    )


def _break_tie(
    distinct: list[Place],
    qfold: str,
    qkey: str,
    fold_of: dict[str, str],
    own: Mapping[str, OwnNames],
) -> list[Place]:
    """Resolve a tie between different places when one is clearly meant.

    In order: the places spelled exactly as the query (ignoring case, diacritics and
    articles), even one known only by name; the located places (over namesakes without a
    point; not when only places abroad are located: :func:`with_points`); for a qualified
    name ("Sharan Subddistrict") none of whose matches is spelled so, the places whose name
    without the qualifier is spelled as the query's; the only curated (or user) site,
    unless :func:`_outspelled`; the place whose matching name (without a qualifier) is
    spelled clearly closer to the query, unless a Syrian town of 10,000 people or more is
    among them; when none is spelled exactly, the places in Syria, and among these the one
    spelled clearly closer; a settlement ten times larger than every other (and of at least
    10,000 people); the only place whose own name, not an alternate name, matches.

    ``own``: :func:`own_names` of the places by id.
    """
    exact = [p for p in distinct if fold_of[p.id] == qfold]
    if 0 < len(exact) < len(distinct):
        # the name as written, even of a place known only by name ("al-Shaer", the gas
        # field, is not one of four foreign villages whose names only key alike)
        distinct = exact
    distinct = with_points(distinct)
    if len(distinct) == 1:
        return distinct
    # a qualified name is compared without its qualifier, which may be misspelled
    # ("Sharan Subddistrict": Sharan, not Suran, Sarin or Sawran subdistrict)
    qname = qfold if exact else _name_part(qfold)
    name_of = {p.id: fold_of[p.id] for p in distinct}
    if qname != qfold:
        name_of = {pid: _name_part(f) for pid, f in name_of.items()}
        same = [p for p in distinct if name_of[p.id] == qname]
        if 0 < len(same) < len(distinct):
            distinct = same
            if len(distinct) == 1:
                return distinct
    curated = [p for p in distinct if p.source in {"user", "curated"}]
    if len(curated) == 1 and not _outspelled(curated[0], distinct, qname, name_of):
        return curated
    if any(p.country == "SY" for p in distinct):
        # a place abroad matched only by an alternate name ("Ariha", Jericho in Arabic)
        # gives way to a Syrian place of that name: this is a Syrian gazetteer
        kept = [p for p in distinct if p.country == "SY" or fold_of[p.id] in own[p.id][0]]
        if len(kept) < len(distinct):
            distinct = kept
            if len(distinct) == 1:
                return distinct
    sims = sorted(
        ((fuzz.ratio(qname, name_of[p.id]), i) for i, p in enumerate(distinct)), reverse=True
    )
    # the place spelled clearly closer, in Syria or abroad ("Bšarri" is Bsharri in Lebanon,
    # not Al Busayrah, also "Bseira"); but a foreign village does not take a Syrian town's
    # name ("salamiah" is Salamiyah, also "Selemie", not Salama in Israel)
    big = any(p.country == "SY" and (p.population or 0) >= 10_000 for p in distinct)
    if sims[0][0] - sims[1][0] >= CLOSER_SPELLING and not big:
        return [distinct[sims[0][1]]]
    if not exact:  # spelled like none of them: this is a Syrian gazetteer
        syrian = [p for p in distinct if p.country == "SY"]
        if 0 < len(syrian) < len(distinct):
            distinct = syrian
            if len(distinct) == 1:
                return distinct
        sims = sorted(
            ((fuzz.ratio(qname, name_of[p.id]), i) for i, p in enumerate(distinct)), reverse=True
        )
        if sims[0][0] - sims[1][0] >= CLOSER_SPELLING:
            return [distinct[sims[0][1]]]
    pops = sorted((p.population or 0 for p in distinct), reverse=True)
    if pops[0] >= 10_000 and pops[1] * 10 <= pops[0]:
        return [max(distinct, key=lambda p: p.population or 0)]
    named = [p for p in distinct if qkey in own[p.id][1]]
    if 0 < len(named) < len(distinct):
        distinct = named
    return distinct
