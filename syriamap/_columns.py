"""Finding the incident fields among a table's columns (private).

Column names are compared after folding case and turning spaces, hyphens and
dots into underscores, so ``"Event Date"``, ``"event-date"`` and
``"EVENT_DATE"`` are the same.  Each field has synonyms (``latitude`` for
``lat``, ``location`` for ``place``, ``event_date`` for ``date`` ...).  A column
that matches no synonym but is close to one (``"lattitude"``, ``"evnt_date"``)
is reported: a :class:`~syriamap.errors.ColumnError` when the field is
required and missing, a warning otherwise.
"""

from __future__ import annotations

import re
import warnings
from collections.abc import Mapping, Sequence

from rapidfuzz import fuzz, process

from syriamap.errors import ColumnError, SyriamapWarning

__all__ = ["FIELD_SYNONYMS", "ColumnMap", "fold", "resolve_columns"]

#: Field -> accepted column names (folded), preferred first.
FIELD_SYNONYMS: dict[str, tuple[str, ...]] = {
    "id": ("id", "event_id", "event_id_cnty", "incident_id", "uid", "event_no"),
    "date": ("date", "event_date", "date_start", "start_date", "date_of_event", "when"),
    "date_end": ("date_end", "end_date", "date_to", "until"),
    "date_precision": ("date_precision",),
    "event_type": ("event_type", "type", "event", "incident_type", "category"),
    "actor1": ("actor1", "actor_1", "side_a", "perpetrator", "attacker"),
    "actor2": ("actor2", "actor_2", "side_b", "target"),
    "place": ("place", "location", "place_as_written", "where", "town", "village", "site"),
    "place_id": ("place_id",),
    "place_name": ("place_name",),
    "matched": ("matched",),
    "lon": ("lon", "longitude", "lng", "long", "x"),
    "lat": ("lat", "latitude", "y"),
    "coords": ("coords", "coordinates", "coordinate", "latlon", "lat_lon", "latlng", "position"),
    "precision_m": ("precision_m", "uncertainty_radius_m", "accuracy_m"),
    "uncertainty_m": ("uncertainty_m", "extra_uncertainty_m"),
    "geo_precision": ("geo_precision",),
    "where_prec": ("where_prec",),
    "location_note": ("location_note", "note", "geo_note"),
    "country": ("country", "country_code", "iso2"),
    "admin1": ("admin1", "governorate", "adm1"),
    "admin1_pcode": ("admin1_pcode", "adm1_pcode"),
    "admin2": ("admin2", "district", "adm2"),
    "admin2_pcode": ("admin2_pcode", "adm2_pcode"),
    "admin3": ("admin3", "subdistrict", "sub_district", "adm3"),
    "admin3_pcode": ("admin3_pcode", "adm3_pcode"),
    "source_url": ("source_url", "url", "link", "source_link"),
    "source_outlet": ("source_outlet", "source", "outlet", "publisher", "source_name"),
    "description": ("description", "notes", "summary", "details", "text"),
    "fatalities": ("fatalities", "deaths", "killed", "dead", "best", "fatality"),
    "status": ("status",),
}

#: Fields at least one of which must be present to locate a row.
LOCATION_FIELDS = ("place", "lon", "lat", "coords")

# Single letters and short words are only accepted exactly, never fuzzily.
_FUZZY_MIN_LEN = 4
_FUZZY_SCORE = 80.0

ColumnMap = dict[str, str]


def fold(name: object) -> str:
    """Fold a column name for comparison.

    Examples
    --------
    >>> fold(" Event-Date ")
    'event_date'
    """
    return re.sub(r"[\s\-.]+", "_", str(name).strip().lower())


def _closest(field: str, candidates: Sequence[str], folded: Mapping[str, str]) -> str | None:
    """Return the input column closest to any synonym of ``field`` (or None)."""
    best: tuple[float, str] | None = None
    for syn in FIELD_SYNONYMS[field]:
        if len(syn) < _FUZZY_MIN_LEN:
            continue
        found = process.extractOne(
            syn, [folded[c] for c in candidates], scorer=fuzz.ratio, score_cutoff=_FUZZY_SCORE
        )
        if found is not None and (best is None or found[1] > best[0]):
            best = (found[1], candidates[found[2]])
    return best[1] if best else None


def resolve_columns(
    columns: Sequence[object],
    *,
    explicit: Mapping[str, str] | None = None,
    required: Sequence[str] = ("date",),
    location_given: bool = False,
) -> ColumnMap:
    """Map incident fields to input column names.

    Parameters
    ----------
    columns : sequence
        The table's column names.
    explicit : mapping, optional
        ``{field: column}`` chosen by the caller; wins over synonyms.
    required : sequence of str
        Fields that must be found (``date``); a location (``place``,
        ``lon`` + ``lat`` or ``coords``) is required too unless
        ``location_given``.
    location_given : bool, default False
        The rows are located otherwise (a GeoDataFrame's geometry).

    Returns
    -------
    dict
        ``{field: column}`` for every field found.

    Raises
    ------
    ColumnError
        A required field is missing; the error names it and suggests the
        nearest column (``'lattitude'`` for ``lat``).

    Examples
    --------
    >>> resolve_columns(["Event Date", "Latitude", "Longitude"])
    {'date': 'Event Date', 'lon': 'Longitude', 'lat': 'Latitude'}
    """
    names = [str(c) for c in columns]
    folded = {c: fold(c) for c in names}
    mapping: ColumnMap = {}
    explicit = dict(explicit or {})
    for field, col in explicit.items():
        if field not in FIELD_SYNONYMS:
            raise ValueError(
                f"unknown incident field {field!r} in columns=; known fields: "
                + ", ".join(sorted(FIELD_SYNONYMS))
            )
        if col not in names:
            close = process.extractOne(col, names, scorer=fuzz.ratio, score_cutoff=60)
            raise ColumnError([col], {col: close[0]} if close else None)
        mapping[field] = col
    taken = set(mapping.values())
    by_folded: dict[str, str] = {}
    for c in names:
        by_folded.setdefault(folded[c], c)
    for field, synonyms in FIELD_SYNONYMS.items():
        if field in mapping:
            continue
        for syn in synonyms:
            hit = by_folded.get(syn)
            if hit is not None and hit not in taken:
                mapping[field] = hit
                taken.add(hit)
                break
    unused = [c for c in names if c not in taken]

    missing = [f for f in required if f not in mapping]
    has_location = (
        "place" in mapping or "coords" in mapping or ("lon" in mapping and "lat" in mapping)
    )
    if ("lon" in mapping) != ("lat" in mapping):
        missing.append("lat" if "lon" in mapping else "lon")
    elif not has_location and not location_given:
        missing.append("place")
    if missing:
        suggestions: dict[str, str] = {}
        for f in missing:
            near = _closest(f, unused, folded)
            if near is None and f == "place":
                for alt in ("lat", "lon", "coords"):
                    near = _closest(alt, unused, folded)
                    if near:
                        break
            if near:
                suggestions[f] = near
        exc = ColumnError(missing, suggestions)
        msg = str(exc)
        if "place" in missing:
            msg += (
                "; incidents need a location: a place-name column ('place' or 'location'), "
                "'lon' and 'lat' columns, or a 'coords' column"
            )
        msg += f"; columns found: {', '.join(repr(c) for c in names[:30])}"
        msg += "; or map them explicitly with columns={'field': 'your column'}"
        exc.args = (msg,)
        raise exc

    # near-misses of optional fields: warn rather than drop the data silently
    for c in unused:
        if len(folded[c]) < _FUZZY_MIN_LEN:
            continue
        for field, synonyms in FIELD_SYNONYMS.items():
            if field in mapping:
                continue
            near_miss = process.extractOne(
                folded[c],
                [s for s in synonyms if len(s) >= _FUZZY_MIN_LEN],
                scorer=fuzz.ratio,
                score_cutoff=_FUZZY_SCORE + 5,
            )
            if near_miss is not None:
                warnings.warn(
                    f"column {c!r} looks like {near_miss[0]!r} (incident field {field!r}) but was "
                    f"not used; rename it or pass columns={{{field!r}: {c!r}}}",
                    SyriamapWarning,
                    stacklevel=4,
                )
                break
    return mapping
