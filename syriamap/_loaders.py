"""Reading places from files: the GeoNames dump (``SY.txt``) and a user's own CSV."""

from __future__ import annotations

import io
import math
import re
import zipfile
from collections.abc import Container, Iterable, Iterator
from os import PathLike, fspath
from pathlib import Path

from syriamap._arabic import arabic_name
from syriamap._country import country_code
from syriamap._csv import _decode_error, read_delimited, sniff_encoding
from syriamap.errors import (
    ArgumentTypeError,
    ColumnError,
    InputFileNotFoundError,
    InputFormatError,
    SyriamapError,
)
from syriamap.names import validate_name
from syriamap.place import KINDS, Place

__all__ = ["geonames_alternates", "read_geonames", "read_places", "read_user_csv"]

_GEONAMES_COLUMNS = 19

#: GeoNames feature code (or class) -> kind; anything else is a ``locality``.
_FEATURE_KINDS = {
    "AIRB": "airbase",
    "AIRF": "airport",
    "AIRP": "airport",
    "AIRH": "airport",
    "MILB": "base",
    "INSM": "base",
    "NVB": "base",
    "CMP": "camp",
    "CMPRF": "camp",
    "CMPMN": "camp",
    "DAM": "dam",
    "OILF": "oilfield",
    "GASF": "gasfield",
    "OILW": "oilfield",
    "BDCR": "crossing",
    "PSTB": "crossing",
    "PSTC": "crossing",
    "PRN": "prison",
    "PRT": "port",
    "HBR": "port",
    "STM": "river",
    "LK": "lake",
    "RSV": "lake",
    "MT": "mountain",
    "MTS": "mountain",
    "HLL": "mountain",
    "PK": "mountain",
    "RGN": "region",
    "AREA": "region",
    "DSRT": "region",
    "PLN": "region",
    "PCLI": "country",
    "ADM1": "governorate",
    "ADM2": "district",
    "ADM3": "subdistrict",
}
#: Radius in metres a point of these kinds stands for (before population is considered).
_KIND_PRECISION_M = {
    "airbase": 2000.0,
    "airport": 2000.0,
    "base": 1000.0,
    "camp": 1000.0,
    "dam": 1000.0,
    "oilfield": 5000.0,
    "gasfield": 5000.0,
    "crossing": 500.0,
    "prison": 500.0,
    "port": 1000.0,
    "river": 50000.0,
    "lake": 5000.0,
    "mountain": 5000.0,
    "region": 50000.0,
    "country": 300000.0,
    "governorate": 50000.0,
    "district": 20000.0,
    "subdistrict": 10000.0,
    "locality": 1000.0,
}


_AIRPORT_CODE = re.compile("[A-Z]{3,4}")


def geonames_alternates(alternates: Iterable[str]) -> list[str]:
    """Return GeoNames alternate names without the airport codes among them.

    GeoNames lists a city's IATA and ICAO codes (``EBL``, ``ORER``) with its names: news
    does not write them as names, and as names they only mislead the fuzzy stage ("Ebla",
    the tell in Idlib, was Erbil through ``EBL``).  Codes are three or four capital letters.
    """
    return [a for a in alternates if not _AIRPORT_CODE.fullmatch(a)]


def _settlement(population: int) -> tuple[str, float]:
    """Kind and precision in metres of a populated place from its population."""
    if population >= 1_000_000:
        return "city", 10000.0
    if population >= 100_000:
        return "city", 5000.0
    if population >= 10_000:
        return "town", 2000.0
    return "village", 1000.0


def _lines(path: Path, encoding: str | None = None) -> Iterator[str]:
    """Text lines of a file, or of the ``.txt`` member of a GeoNames ``.zip``."""
    if path.suffix.lower() == ".zip":
        with zipfile.ZipFile(path) as zf:
            members = [n for n in zf.namelist() if n.endswith(".txt") and "readme" not in n]
            if not members:
                raise InputFormatError(f"{path}: no .txt GeoNames dump inside the zip")
            with zf.open(members[0]) as fh:
                yield from io.TextIOWrapper(fh, encoding=encoding or "utf-8")
        return
    enc = sniff_encoding(path, encoding)
    try:
        with path.open(encoding=enc, newline="") as fh:
            yield from fh
    except UnicodeDecodeError as exc:
        raise _decode_error(path, enc, exc) from None


def _is_geonames(path: Path, encoding: str | None = None) -> bool:
    """Whether the file looks like the 19-column GeoNames dump (tab-separated, no header)."""
    if path.suffix.lower() == ".zip":
        return True
    with path.open("rb") as fh:
        start = fh.read(1 << 16)
    try:
        text = start.decode(sniff_encoding(path, encoding), errors="replace")
    except LookupError:
        return False  # (an unknown encoding: reading the file says so)
    for line in text.splitlines():
        if line.strip():
            fields = line.split("\t")
            return len(fields) == _GEONAMES_COLUMNS and fields[0].isdigit()
    return False


def read_geonames(path: str | PathLike[str], *, encoding: str | None = None) -> list[Place]:
    """Read a standard GeoNames dump (``SY.txt``, ``allCountries.txt`` or its ``.zip``).

    Parameters
    ----------
    path : str or path-like
        Tab-separated, no header, 19 columns (geonameid, name, asciiname, alternatenames,
        latitude, longitude, feature class, feature code, country code, cc2, admin1-4,
        population, elevation, dem, timezone, modification date).
    encoding : str, optional, keyword-only
        Text encoding; default UTF-8 (what GeoNames publishes).

    Returns
    -------
    list of Place
        Ids ``geonames:<geonameid>`` (a row replaces the shipped row with the same id);
        kind from the feature code (populated places by population); Syrian rows get
        governorate, district and subdistrict from the shipped admin data.
    """
    p = Path(fspath(path))
    rows = []
    for lineno, line in enumerate(_lines(p, encoding), start=1):
        if not line.strip():
            continue
        f = line.rstrip("\r\n").split("\t")
        if len(f) != _GEONAMES_COLUMNS:
            raise InputFormatError(
                f"{p}, line {lineno}: {len(f)} tab-separated fields, expected "
                f"{_GEONAMES_COLUMNS} (the GeoNames dump format); is this the right file?"
            )
        try:
            lat, lon = float(f[4]), float(f[5])
        except ValueError:
            raise InputFormatError(
                f"{p}, line {lineno}: latitude {f[4]!r} / longitude {f[5]!r} are not numbers"
            ) from None
        population = int(f[14]) if f[14].strip().isdigit() else 0
        fclass, fcode = f[6], f[7]
        if fclass == "P":
            kind, precision = _settlement(population)
            if fcode in {"PPLX", "PPLL"} and population < 10_000:
                kind = "locality"
        else:
            kind = _FEATURE_KINDS.get(fcode, "locality")
            if kind == "governorate" and f[8] != "SY":
                kind = "province"
            precision = _KIND_PRECISION_M[kind]
        names = [f[2], *geonames_alternates(f[3].split(","))]
        aliases = tuple(a for a in dict.fromkeys(names) if a and a != f[1])
        arabic = arabic_name(f[1], list(aliases)) or None  # (as the shipped layer's)
        rows.append(
            Place(
                id=f"geonames:{f[0]}",
                name=f[1],
                kind=kind,
                lon=lon,
                lat=lat,
                precision_m=precision,
                country=f[8],
                name_ar=arabic,
                aliases=aliases,
                source="geonames",
                source_url=f"https://www.geonames.org/{f[0]}",
                population=population or None,
                note=f"GeoNames feature {fclass}.{fcode}, read from {p.name}",
            )
        )
    return _with_admin(rows)


def _with_admin(places: list[Place]) -> list[Place]:
    """Fill governorate / district / subdistrict of located Syrian places."""
    from dataclasses import replace

    from syriamap._admin import admin_areas

    idx = [i for i, p in enumerate(places) if p.country == "SY" and p.located]
    if not idx:
        return places
    areas = admin_areas(
        [places[i].lon for i in idx],  # type: ignore[misc]
        [places[i].lat for i in idx],  # type: ignore[misc]
    )
    out = list(places)
    for i, area in zip(idx, areas, strict=True):
        if area.admin1_pcode is not None and out[i].admin1_pcode is None:
            out[i] = replace(
                out[i],
                admin1=area.admin1,
                admin1_pcode=area.admin1_pcode,
                admin2=area.admin2,
                admin2_pcode=area.admin2_pcode,
                admin3=area.admin3,
                admin3_pcode=area.admin3_pcode,
            )
    return out


_USER_REQUIRED = ("name", "lon", "lat")
_USER_OPTIONAL = (
    "kind",
    "country",
    "aliases",
    "precision_m",
    "id",
    "source_url",
    "name_ar",
    "note",
)
_COLUMN_GUESSES = {
    "lon": ("longitude", "lng", "long", "x"),
    "lat": ("latitude", "y"),
    "name": ("place", "place_name", "location", "site"),
}


def _number(text: str, what: str, where: str) -> float | None:
    if not text.strip():
        return None
    try:
        value = float(text)
    except ValueError:
        raise InputFormatError(f"{where}: {what} {text!r} is not a number") from None
    if not math.isfinite(value):
        raise InputFormatError(f"{where}: {what} {text!r} is not finite")
    return value


def _checked_name(value: str, what: str, where: str) -> str:
    """``value`` as :func:`~syriamap.names.validate_name` returns it, or InputFormatError."""
    try:
        return validate_name(value)
    except SyriamapError as exc:  # (InvalidNameError, GenericNameError)
        reason = getattr(exc, "reason", str(exc))
        raise InputFormatError(
            f"{where}: {what} {value!r} can never be looked up: {reason}"
        ) from None


def read_user_csv(
    path: str | PathLike[str],
    *,
    encoding: str | None = None,
    existing: Container[str] = (),
) -> list[Place]:
    """Read a user's own places from a CSV file with a header row.

    Parameters
    ----------
    path : str or path-like
        Columns ``name, lon, lat`` (WGS84 degrees; both empty for a known place without a
        location) and optionally ``kind`` (default ``locality``), ``country`` (ISO alpha-2
        in any case, or for the countries of the shipped gazetteer the English name or
        alpha-3 code, e.g. ``Syria``, ``SYR``; default: the shipped country polygon that
        holds the point, ``SY`` for a row without a location), ``aliases``
        (``|``-separated), ``precision_m`` (0 or more; default 1000, recorded in
        ``note``), ``id`` (default ``user:<row number>``), ``source_url``, ``name_ar``,
        ``note``.  The delimiter may be ``,``, ``;`` or tab (read from the header).
    encoding : str, optional, keyword-only
        Text encoding; default UTF-8 (with or without a byte-order mark), or UTF-16 /
        UTF-32 for a file that starts with their byte-order mark.  An Arabic Excel
        export is often ``"cp1256"``.
    existing : container of str, optional, keyword-only
        Ids of the places already in the gazetteer being extended: a row with one of
        these ids keeps it (and replaces that place); any other id gets the prefix
        ``user:`` unless it already has it.

    Returns
    -------
    list of Place
        With ``source="user"``.

    Raises
    ------
    InputFormatError
        Undecodable bytes (the message suggests ``encoding=``), or a row naming its line:
        an empty name, or a name or alias that can never be looked up (control
        characters, only a generic word such as "the base"), a number that is not one,
        coordinates out of range, an unknown kind or country, a negative ``precision_m``,
        or an id already used on an earlier line.
    ColumnError
        ``name``, ``lon`` or ``lat`` is missing.
    """
    p = Path(fspath(path))
    table = read_delimited(p, sep=",", encoding=encoding)
    header = [str(h).strip().lower() for h in table.columns]
    missing = [c for c in _USER_REQUIRED if c not in header]
    if missing:
        guesses = {
            c: next((h for h in header if h in _COLUMN_GUESSES.get(c, ())), "") for c in missing
        }
        raise ColumnError(missing, {k: v for k, v in guesses.items() if v})
    table.columns = header
    table = table.fillna("")
    from syriamap._admin import country_of

    places = []
    line_of_id: dict[str, int] = {}
    for rowno, raw in enumerate(table.to_dict("records"), start=2):
        row = {k: str(v).strip() for k, v in raw.items()}
        where = f"{p.name}, line {rowno}"
        if not row["name"]:
            raise InputFormatError(f"{where}: the name is empty")
        name = _checked_name(row["name"], "the name", where)
        aliases = tuple(
            _checked_name(a.strip(), "the alias", where)
            for a in (row.get("aliases") or "").split("|")
            if a.strip()
        )
        name_ar = row.get("name_ar") or None
        if name_ar is not None:
            name_ar = _checked_name(name_ar, "name_ar", where)
        lon = _number(row["lon"], "lon", where)
        lat = _number(row["lat"], "lat", where)
        if (lon is None) != (lat is None):
            raise InputFormatError(f"{where}: give both lon and lat, or neither")
        if lon is not None and lat is not None and not (-180 <= lon <= 180 and -90 <= lat <= 90):
            raise InputFormatError(f"{where}: lon {lon} / lat {lat} out of range")
        kind = row.get("kind") or "locality"
        if kind not in KINDS:
            raise InputFormatError(f"{where}: unknown kind {kind!r}; use one of {sorted(KINDS)}")
        note = row.get("note") or ""
        precision = _number(row.get("precision_m", ""), "precision_m", where)
        if precision is not None and precision < 0:
            raise InputFormatError(
                f"{where}: precision_m {row['precision_m']!r} is negative; give the radius in "
                "metres within which the place lies (e.g. 1000), or leave it empty"
            )
        if precision is None and lon is not None:
            precision = 1000.0
            note = (note + "; " if note else "") + "precision_m not given: 1000 m assumed"
        country = row.get("country") or ""
        if country:
            try:
                country = country_code(country)
            except SyriamapError as exc:
                raise InputFormatError(f"{where}: {exc}") from None
        elif lon is None or lat is None:
            country = "SY"
            note = (note + "; " if note else "") + "no location and no country: SY assumed"
        else:
            found = country_of(lon, lat)
            if found is None:
                raise InputFormatError(
                    f"{where}: no country column and the point ({lon}, {lat}) is in none "
                    "of the shipped countries; add a 'country' column (ISO alpha-2)"
                )
            country = found
        pid = row.get("id") or str(rowno - 1)
        if pid not in existing and not pid.startswith("user:"):
            pid = f"user:{pid}"
        if pid in line_of_id:
            raise InputFormatError(
                f"{where}: id {pid!r} is already used on line {line_of_id[pid]}; give each "
                "place its own id (a later row would silently replace the earlier one)"
            )
        line_of_id[pid] = rowno
        places.append(
            Place(
                id=pid,
                name=name,
                kind=kind,
                lon=lon,
                lat=lat,
                precision_m=precision if lon is not None else None,
                country=country,
                name_ar=name_ar,
                aliases=aliases,
                source="user",
                source_url=row.get("source_url") or None,
                note=note or None,
            )
        )
    return _with_admin(places)


def read_places(
    path: str | PathLike[str],
    *,
    encoding: str | None = None,
    existing: Container[str] = (),
) -> list[Place]:
    """Read places from a GeoNames dump or a user CSV (detected from the content).

    ``encoding`` and ``existing``: see :func:`read_user_csv`.
    """
    if not isinstance(path, (str, PathLike)):
        raise ArgumentTypeError(
            f"expected a path to a CSV file or GeoNames dump, got {type(path).__name__} {path!r}"
        )
    if encoding is not None:
        import codecs

        try:
            codecs.lookup(encoding)
        except (LookupError, TypeError):
            raise InputFormatError(
                f"unknown encoding {encoding!r}; use a Python codec name such as 'utf-8', "
                "'cp1252', 'latin-1' or 'cp1256'"
            ) from None
    p = Path(fspath(path))
    if not p.exists():
        raise InputFileNotFoundError(
            f"no such file: {str(p)!r}; check the path (relative paths start from "
            f"{str(Path.cwd())!r})"
        )
    if p.is_dir():
        raise InputFormatError(
            f"{str(p)!r} is a directory; pass a CSV file or a GeoNames dump (for every CSV "
            "in it: Gazetteer.from_files(*Path(dir).glob('*.csv')))"
        )
    if _is_geonames(p, encoding):
        return read_geonames(p, encoding=encoding)
    return read_user_csv(p, encoding=encoding, existing=existing)
