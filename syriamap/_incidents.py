"""Incidents as GeoDataFrames: resolve a table of events to points with uncertainty.

:func:`incidents` turns a list of dicts, a DataFrame, a GeoDataFrame or a
CSV / Excel / GeoJSON / GeoPackage / GeoParquet file into a GeoDataFrame in
EPSG:4326 with one row per input row and the columns of :data:`SCHEMA`.
:func:`enrich` adds the nearest place, the admin area and, per zone, the
distance to the zone's edge and the inside / outside / indeterminate relation.
:func:`write_incidents` and :func:`read_incidents` store the result as GeoJSON,
GeoPackage or GeoParquet and read it back with identical columns and dtypes.

Every input row is in the output, in input order and with the input's index.
A row that cannot be located (unknown or ambiguous place, bad coordinates, no
location at all) keeps ``geometry=None``, NaN ``lon``/``lat`` and a ``status``
other than ``"ok"``.  Every problem (unlocated row, unparseable date, duplicate
id, bad number, coordinates that look swapped, are (0, 0) or lie far from the
place the row names) is a row of
``gdf.attrs["report"]``, a DataFrame with columns ``row`` (0-based position in
the input; in a CSV with a header row that is file line ``row + 2``), ``id``,
``field``, ``value``, ``reason`` and ``suggestions`` (a list of str).
So ``len(gdf) == len(input)`` always, and every row whose ``status`` is not
``"ok"`` has at least one report entry.

Schema (:data:`SCHEMA`, in this order, then any extra input columns):

==============  =================  ==================================================
column          dtype              meaning
==============  =================  ==================================================
id              str                the input id (``row-<n>`` when missing)
date            datetime64[ms]     first day the event may have happened
date_end        datetime64[ms]     last day (= ``date`` for a day)
date_precision  str                ``day`` / ``week`` / ``month`` / ``year`` / ``range``
event_type      str                as given (ACLED / UCDP types from the readers)
actor1, actor2  str                as given
place           str                the place as written in the source
place_id        str                gazetteer id of the place the point stands for
place_name      str                its preferred name
matched         str                the alias that matched ``place``
lon, lat        float64            WGS84 degrees; NaN when not located
precision_m     float64            uncertainty radius in metres; NaN when unknown
location_note   str                how the point and radius were chosen
country         str                ISO 3166-1 alpha-2 (``SY``)
admin1..3       str                governorate, district, sub-district names
admin1..3_pcode str                their OCHA P-codes (``SY09``, ``SY0901`` ...)
source_url      str                URL of the source
source_outlet   str                outlet / publisher of the source
description     str                free text
fatalities      Int64              whole number >= 0; <NA> when unknown
status          str                one of :data:`STATUSES`
geometry        Point              EPSG:4326; None when not located
==============  =================  ==================================================
"""

from __future__ import annotations

import os
import warnings
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from syriamap._columns import resolve_columns
from syriamap._coords import check_lonlat, numeric_column, parse_coordinate_string
from syriamap._country import country_code
from syriamap._dates import parse_date_column
from syriamap.errors import (
    CRSError,
    DoubtfulCoordinatesWarning,
    InputFormatError,
    InvalidCoordinateError,
    SwappedCoordinatesWarning,
)
from syriamap.place import ADMIN_FIELDS
from syriamap.precision import (
    InvalidPrecisionCodeError,
    acled_precision_m,
    combine_precision_m,
    ucdp_precision_m,
)

if TYPE_CHECKING:
    import geopandas as gpd

    from syriamap.gazetteer import Gazetteer

__all__ = [
    "REPORT_COLUMNS",
    "SCHEMA",
    "STATUSES",
    "enrich",
    "incidents",
    "read_incidents",
    "write_incidents",
]

#: Output columns and their dtypes, in order (``geometry`` is the point geometry).
SCHEMA: dict[str, str] = {
    "id": "str",
    "date": "datetime64[ms]",
    "date_end": "datetime64[ms]",
    "date_precision": "str",
    "event_type": "str",
    "actor1": "str",
    "actor2": "str",
    "place": "str",
    "place_id": "str",
    "place_name": "str",
    "matched": "str",
    "lon": "float64",
    "lat": "float64",
    "precision_m": "float64",
    "location_note": "str",
    "country": "str",
    "admin1": "str",
    "admin1_pcode": "str",
    "admin2": "str",
    "admin2_pcode": "str",
    "admin3": "str",
    "admin3_pcode": "str",
    "source_url": "str",
    "source_outlet": "str",
    "description": "str",
    "fatalities": "Int64",
    "status": "str",
}

#: Values of the ``status`` column.
STATUSES = (
    "ok",  # located (by coordinates or by a gazetteer match)
    "not_found",  # the place name is not in the gazetteer
    "ambiguous",  # the place name matches several places
    "not_located",  # a known place without sourced coordinates (e.g. Hosh Matroud)
    "invalid",  # the place name is unusable (generic word, control characters ...)
    "geocoder_error",  # the opt-in online geocoder failed (timeout, HTTP 429/5xx, bad answer)
    "invalid_coordinates",  # coordinates out of range, unreadable or half missing
    "no_location",  # neither a place name nor coordinates
)

#: Columns of ``gdf.attrs["report"]``.
REPORT_COLUMNS = ("row", "id", "field", "value", "reason", "suggestions")

_PLACE_FIELDS = ("country", *ADMIN_FIELDS)

#: Coordinates farther than max(PLACE_MISMATCH_MIN_M, PLACE_MISMATCH_FACTOR x the
#: place's precision_m) from the place the row names are reported (25 km: well beyond
#: a town's own extent and the rounding of published coordinates, well short of the
#: next town; 3 x precision lets a governorate-level name cover its governorate).
PLACE_MISMATCH_MIN_M = 25_000.0
PLACE_MISMATCH_FACTOR = 3.0

_COUNTRY_CODES = {
    "syria": "SY",
    "syrian arab republic": "SY",
    "iraq": "IQ",
    "jordan": "JO",
    "lebanon": "LB",
    "turkey": "TR",
    "türkiye": "TR",
    "turkiye": "TR",
    "israel": "IL",
    "palestine": "PS",
}

_TEXT_SUFFIXES = {".csv": ",", ".tsv": "\t", ".tab": "\t"}
_EXCEL_SUFFIXES = {".xlsx", ".xlsm", ".xls"}
_VECTOR_SUFFIXES = {".geojson", ".json", ".gpkg", ".shp", ".fgb"}
_PARQUET_SUFFIXES = {".parquet", ".geoparquet"}


# ---------------------------------------------------------------------------
# input


def _read_path(path: Path, encoding: str | None = None) -> pd.DataFrame:
    suffix = path.suffix.lower()
    if not path.exists():
        raise FileNotFoundError(f"no such file: {str(path)!r}")
    if suffix in _TEXT_SUFFIXES:
        from syriamap._csv import read_delimited

        # the delimiter comes from the header line (a ";"-separated "CSV" from a
        # European spreadsheet, a TSV named .csv); see syriamap._csv
        return read_delimited(path, sep=_TEXT_SUFFIXES[suffix], encoding=encoding)
    if suffix in _EXCEL_SUFFIXES:
        return pd.read_excel(path, dtype=str)
    if suffix in _VECTOR_SUFFIXES or suffix in _PARQUET_SUFFIXES:
        import geopandas as gpd

        if suffix in _PARQUET_SUFFIXES:
            try:
                return gpd.read_parquet(path)
            except ValueError:  # a plain (non-geo) Parquet table
                return pd.read_parquet(path)
        return gpd.read_file(path, engine="pyogrio")
    raise InputFormatError(
        f"cannot read {str(path)!r}: unknown extension {suffix!r}; use .csv, .tsv, .xlsx, "
        ".geojson, .gpkg or .parquet"
    )


def _to_frame(data: Any, encoding: str | None = None) -> pd.DataFrame:
    """Turn any accepted input into a DataFrame (GeoDataFrames keep their geometry)."""
    if isinstance(data, (str, os.PathLike)):
        df = _read_path(Path(data), encoding)
    elif isinstance(data, pd.DataFrame):
        df = data
    elif isinstance(data, Mapping):
        raise InputFormatError(
            "incidents() takes a list of dicts (one per incident), not one dict; "
            "wrap it in a list: incidents([row])"
        )
    elif isinstance(data, Iterable) and not isinstance(data, (bytes, bytearray)):
        rows = list(data)
        bad = next((r for r in rows if not isinstance(r, Mapping)), None)
        if bad is not None:
            raise InputFormatError(
                f"incidents() takes dicts, one per incident; got a {type(bad).__name__} {bad!r:.60}"
            )
        df = pd.DataFrame.from_records(rows)
    else:
        raise InputFormatError(
            f"incidents() cannot read a {type(data).__name__}; pass a list of dicts, a "
            "DataFrame, a GeoDataFrame or the path of a CSV / Excel / GeoJSON / "
            "GeoPackage / GeoParquet file"
        )
    if len(df) == 0:
        raise InputFormatError(
            "no incidents: the input has no rows"
            + (f" (columns: {', '.join(map(str, df.columns[:20]))})" if len(df.columns) else "")
        )
    return df


def _geometry_lonlat(df: pd.DataFrame) -> tuple[np.ndarray, np.ndarray, dict[int, str]] | None:
    """Lon/lat of a GeoDataFrame's point geometries in EPSG:4326 (None if no geometry)."""
    import geopandas as gpd
    import shapely

    if not isinstance(df, gpd.GeoDataFrame) or df.geometry.name not in df.columns:
        return None
    geom = df.geometry
    if geom.crs is None:
        if geom.notna().any() and not geom.is_empty.all():
            raise CRSError(
                "the GeoDataFrame has no CRS, so its coordinates cannot be interpreted; "
                "set the one it is in first, e.g. gdf.set_crs('EPSG:4326') for lon/lat "
                "degrees or gdf.set_crs('EPSG:3857') for web-mercator metres"
            )
    elif not geom.crs.equals("EPSG:4326"):
        geom = geom.to_crs("EPSG:4326")
    arr = geom.array
    values = np.asarray(arr, dtype=object)
    types = shapely.get_type_id(values)
    point = types == shapely.GeometryType.POINT
    empty = shapely.is_empty(values) | shapely.is_missing(values)
    x = np.full(len(values), np.nan)
    y = np.full(len(values), np.nan)
    ok = point & ~empty
    x[ok] = shapely.get_x(values[ok])
    y[ok] = shapely.get_y(values[ok])
    errors = {
        int(i): f"geometry is a {shapely.get_type_id(values[i]) and values[i].geom_type}, "
        "not a point; use gdf.representative_point() to reduce it to one"
        for i in np.flatnonzero(~point & ~empty)
    }
    return x, y, errors


# ---------------------------------------------------------------------------
# helpers


def _text(ser: pd.Series | None, n: int) -> pd.Series:
    """Return a column as str dtype (NaN for missing, no 'nan' strings)."""
    if ser is None:
        return pd.Series(np.nan, index=pd.RangeIndex(n), dtype="str")
    s = ser.reset_index(drop=True)
    if s.dtype.kind == "f":
        # 12.0 -> "12", not "12.0" (whole numbers that are exact in float64)
        vals = s.dropna().to_numpy()
        if len(vals) and (np.abs(vals) < 2**53).all() and (vals == np.floor(vals)).all():
            s = s.astype("Int64")
    out = s.astype("str")
    out = out.str.strip()
    return out.where(out.str.len() > 0)


def _take_str(values: Sequence[Any], idx: np.ndarray) -> pd.Series:
    """Return ``values[idx]`` as a str Series, fast (Arrow ``take``); None -> missing."""
    import pyarrow as pa

    table = pa.array([None if v is None else str(v) for v in values], type=pa.large_string())
    taken = table.take(pa.array(np.asarray(idx, dtype=np.int64)))
    return pd.Series(pd.array(taken, dtype="str"))


class _Report:
    """Collects report rows."""

    def __init__(self) -> None:
        self.rows: list[tuple[int, str | None, str, str, str, list[str]]] = []

    def add(
        self,
        row: int,
        field: str,
        value: Any,
        reason: str,
        suggestions: Sequence[str] = (),
    ) -> None:
        if value is None or (isinstance(value, float) and np.isnan(value)):
            text = ""
        else:
            text = str(value)
            if len(text) > 200:
                text = text[:185] + f"...<{len(text)} chars>"
        self.rows.append((row, None, field, text, reason, list(suggestions)))

    def frame(self, ids: pd.Series) -> pd.DataFrame:
        df = pd.DataFrame(self.rows, columns=list(REPORT_COLUMNS))
        df["row"] = df["row"].astype("int64")
        if len(df):
            df["id"] = ids.to_numpy(dtype=object)[df["row"].to_numpy()]
        df["id"] = df["id"].astype("str")
        for col in ("field", "value", "reason"):
            df[col] = df[col].astype("str")
        return df.sort_values("row", kind="stable").reset_index(drop=True)


def _make_ids(col: pd.Series | None, n: int, report: _Report) -> pd.Series:
    if col is None:
        return pd.Series([f"row-{i}" for i in range(n)], dtype="str")
    ids = _text(col, n)
    missing = ids.isna().to_numpy()
    if missing.any():
        for pos in np.flatnonzero(missing).tolist():
            report.add(int(pos), "id", None, f"missing id; assigned 'row-{pos}'")
        fill = pd.Series([f"row-{i}" for i in range(n)], dtype="str")
        ids = ids.where(~missing, fill)
    dup = ids.duplicated(keep=False).to_numpy()
    if dup.any():
        groups = pd.Series(np.flatnonzero(dup)).groupby(ids[dup].to_numpy()).agg(list)
        for value, positions in groups.items():
            for pos in positions:
                others = [p for p in positions if p != pos]
                report.add(
                    int(pos),
                    "id",
                    value,
                    f"duplicate id {value!r} (also row(s) {', '.join(map(str, others[:10]))}); "
                    "both rows kept, not merged: give each incident its own id",
                )
    return ids


#: What each numeric field other than lon / lat holds, for messages about bad cells.
_EXPECTED_NUMBERS = {
    "fatalities": "a whole number >= 0 (write estimates such as 'dozens' in the description)",
    "precision_m": "a number of metres >= 0",
    "uncertainty_m": "a number of metres >= 0",
    "geo_precision": "an ACLED precision code (1, 2 or 3)",
    "where_prec": "a UCDP GED precision code (1 to 7)",
}


def _numbers(col: pd.Series | None, n: int, field: str, report: _Report) -> np.ndarray:
    if col is None:
        return np.full(n, np.nan)
    values, errors = numeric_column(col, field, expect=_EXPECTED_NUMBERS.get(field))
    for pos, reason in errors.items():
        report.add(pos, field, col.iloc[pos], reason)
    return values


def _country_code(ser: pd.Series) -> pd.Series:
    lower = ser.str.lower()
    mapped = lower.map(_COUNTRY_CODES)
    return mapped.where(mapped.notna(), ser).astype("str")


# ---------------------------------------------------------------------------
# main entry point


def incidents(
    data: Any,
    *,
    gazetteer: Gazetteer | None = None,
    columns: Mapping[str, str] | None = None,
    country: str | None = None,
    warn: bool = True,
    encoding: str | None = None,
) -> gpd.GeoDataFrame:
    """Resolve a table of incidents to a GeoDataFrame of points in EPSG:4326.

    Each row is located, in this order of preference, by explicit ``lon`` /
    ``lat`` columns, by a ``coords`` string (``"33°30′21″N 38°37′04″E"``,
    ``"33.5058, 38.6178"`` read latitude first, ``"POINT (38.6 33.5)"``), by a
    GeoDataFrame's point geometry, or by looking up the ``place`` name in the
    gazetteer (unique names once, with :meth:`Gazetteer.lookup_many`).

    Column names are matched loosely (case, spaces) and through synonyms:
    ``latitude``/``longitude``, ``event_date``, ``location``, ``notes``,
    ``source``, ``event_id_cnty`` ...; ``columns={"place": "Ort"}`` maps
    others.  Required: a date column and a location (place, lon+lat or
    coords).

    ``precision_m`` (uncertainty radius, metres) is, in order: an explicit
    ``precision_m`` column; else the place's own precision combined (summed,
    see :func:`syriamap.precision.combine_precision_m`) with an
    ``uncertainty_m`` column or an ACLED ``geo_precision`` / UCDP
    ``where_prec`` code; NaN when nothing says how precise explicit
    coordinates are.

    Parameters
    ----------
    data : list of dict, DataFrame, GeoDataFrame, str or path
        The incidents.  A path is read by extension: ``.csv``, ``.tsv``,
        ``.xlsx``, ``.geojson``/``.json``, ``.gpkg``, ``.parquet``.  A
        GeoDataFrame in another CRS is reprojected; one without a CRS is
        refused.
    gazetteer : Gazetteer, optional
        Used to look up place names (default :meth:`Gazetteer.default`,
        loaded only if some row needs it).
    columns : mapping, optional
        ``{field: input column}`` for columns the synonyms do not catch.
    country : str, optional
        Country to narrow name lookups to: ISO 3166-1 alpha-2 code in any case
        (``"SY"``), or as for :meth:`Gazetteer.lookup` the English name or ISO
        alpha-3 code of a country the shipped gazetteer holds (``"Syria"``,
        ``"SYR"``); anything else raises ``InvalidArgumentError``.
    warn : bool, default True
        Issue a :class:`~syriamap.errors.SwappedCoordinatesWarning` naming the
        rows whose coordinates look swapped, and a
        :class:`~syriamap.errors.DoubtfulCoordinatesWarning` naming rows whose
        coordinates are (0, 0) (a placeholder for "missing" in many exports) or
        lie farther from the place the row names than
        max(:data:`PLACE_MISMATCH_MIN_M` (25 km), :data:`PLACE_MISMATCH_FACTOR`
        (3) x the place's ``precision_m``).  Such rows keep the coordinates as
        given (status ``"ok"``) and are in the report either way, with the
        place's coordinates as the suggestion.
    encoding : str, optional
        Text encoding of a ``.csv`` / ``.tsv`` path (e.g. ``"cp1252"``,
        ``"cp1256"``); default UTF-8, with or without a byte-order mark.
        The delimiter (``,``, ``;`` or tab) is taken from the header line.

    Returns
    -------
    geopandas.GeoDataFrame
        One row per input row (same order and index) with the columns of
        :data:`SCHEMA` (then any extra input columns), point geometry in
        EPSG:4326 (None when not located), and ``attrs["report"]``: a
        DataFrame with one row per problem (``row, id, field, value, reason,
        suggestions``).

    Raises
    ------
    InputFormatError
        Empty input, an unreadable file type or an unsupported object; a text
        file that does not decode (the message names the line and suggests
        ``encoding=``) or that has lines with more fields than its header (an
        unquoted delimiter in a value: the message lists those lines; the
        file is refused rather than a row dropped or its values shifted).
    ColumnError
        A required column is missing (the error names it and the close column
        it found, e.g. ``'lattitude'``).
    CRSError
        A GeoDataFrame without a CRS.

    Examples
    --------
    >>> gdf = incidents([
    ...     {"id": "a", "date": "15 June 2022", "lat": 33.50583, "lon": 38.61778},
    ...     {"id": "b", "date": "June 2020", "coords": "37°10′N 42°08′E"},
    ...     {"id": "c", "date": "someday", "lat": 95.0, "lon": 38.6},
    ... ])
    >>> gdf[["id", "date_precision", "lon", "lat", "status"]].round(4)
      id date_precision      lon      lat               status
    0  a            day  38.6178  33.5058                   ok
    1  b          month  42.1333  37.1667                   ok
    2  c            NaN      NaN      NaN  invalid_coordinates
    >>> gdf.attrs["report"][["row", "id", "field"]]
       row id field
    0    2  c  date
    1    2  c   lat
    >>> print(gdf.attrs["report"].loc[1, "reason"])  # doctest: +ELLIPSIS
    latitude 95.0 out of range [-90, 90]; exchanged, the pair would be valid: ...
    """
    import geopandas as gpd
    import shapely

    if country is not None:  # (checked before reading: a misspelling fails fast)
        country = country_code(country)
    df = _to_frame(data, encoding)
    index = df.index
    n = len(df)
    geometry_name = df.geometry.name if _has_geometry(df) else None
    cols = resolve_columns(
        [c for c in df.columns if c != geometry_name],
        explicit=columns,
        required=("date",),
        location_given=geometry_name is not None,
    )
    report = _Report()

    def col(field: str) -> pd.Series | None:
        name = cols.get(field)
        return None if name is None else df[name].reset_index(drop=True)

    ids = _make_ids(col("id"), n, report)

    # dates
    date_col = col("date")
    assert date_col is not None  # resolve_columns requires it
    start, end, prec, date_errors = parse_date_column(
        date_col,
        ends=col("date_end"),
        precisions=col("date_precision"),
    )
    for pos, value, reason in date_errors:
        field = "date_end" if reason.startswith("date_end") else "date"
        report.add(pos, field, value, reason)

    # coordinates from lon/lat columns, coords strings, geometry
    lon = _numbers(col("lon"), n, "lon", report)
    lat = _numbers(col("lat"), n, "lat", report)
    bad_coords = np.zeros(n, dtype=bool)
    for pos in {r[0] for r in report.rows if r[2] in ("lon", "lat")}:
        bad_coords[pos] = True
    coords = col("coords")
    if coords is not None:
        need = np.isnan(lon) & np.isnan(lat) & ~bad_coords & coords.notna().to_numpy()
        if need.any():
            rows = np.flatnonzero(need)
            codes, uniques = pd.factorize(coords[need].astype("str"))
            ux = np.full(len(uniques), np.nan)
            uy = np.full(len(uniques), np.nan)
            errors: dict[int, str] = {}
            for k, raw in enumerate(uniques):
                try:
                    ux[k], uy[k] = parse_coordinate_string(str(raw))
                except InvalidCoordinateError as exc:
                    errors[k] = str(exc)
            lon[rows] = ux[codes]
            lat[rows] = uy[codes]
            for j in np.flatnonzero(np.isin(codes, list(errors))).tolist():
                report.add(int(rows[j]), "coords", uniques[codes[j]], errors[int(codes[j])])
                bad_coords[rows[j]] = True
    geo = _geometry_lonlat(df)
    if geo is not None:
        gx, gy, gerr = geo
        use = np.isnan(lon) & np.isnan(lat) & ~np.isnan(gx)
        lon[use], lat[use] = gx[use], gy[use]
        for pos, reason in gerr.items():
            if np.isnan(lon[pos]):
                report.add(pos, "geometry", "", reason)
                bad_coords[pos] = True
    for pos, reason in check_lonlat(lon, lat).items():
        if bad_coords[pos]:
            continue  # already reported (unreadable cell)
        field = "lon" if reason.startswith("longitude") else "lat"
        report.add(pos, field, f"lon={float(lon[pos])!r}, lat={float(lat[pos])!r}", reason)
        bad_coords[pos] = True
    lon[bad_coords] = np.nan
    lat[bad_coords] = np.nan
    has_xy = ~np.isnan(lon) & ~np.isnan(lat)

    # place names
    place = _text(col("place"), n)
    status = np.zeros(n, dtype=np.intp)  # positions in STATUSES
    status[bad_coords] = STATUSES.index("invalid_coordinates")
    place_fields = {
        f: _text(col(f), n) for f in ("place_id", "place_name", "matched", *_PLACE_FIELDS)
    }
    place_prec = np.full(n, np.nan)
    lookup = ~has_xy & ~bad_coords & place.notna().to_numpy()
    if lookup.any():
        resolved = _resolve_names(
            place, lookup, gazetteer, country, lon, lat, place_prec, status, report
        )
        for f, values in resolved.items():
            # the gazetteer's answer wins where it has one
            place_fields[f] = values.where(values.notna(), place_fields[f])
    no_loc = ~has_xy & ~bad_coords & ~lookup
    status[no_loc] = STATUSES.index("no_location")
    for pos in np.flatnonzero(no_loc).tolist():
        report.add(int(pos), "place", None, "no location: no place name and no coordinates")

    # precision
    precision = _precision(col, n, place_prec, report)
    located = ~np.isnan(lon)
    precision[~located] = np.nan

    # swapped-looking pairs: kept as given, reported and warned about
    from syriamap._validate import looks_swapped

    swapped = np.zeros(n, dtype=bool)
    if has_xy.any():
        swapped[has_xy] = looks_swapped(lon[has_xy], lat[has_xy])
    for pos in np.flatnonzero(swapped).tolist():
        report.add(
            int(pos),
            "lon",
            f"lon={float(lon[pos])!r}, lat={float(lat[pos])!r}",
            "coordinates look swapped: as given they fall outside Syria, exchanged they "
            "fall inside; kept as given",
            [f"lon={float(lat[pos])!r}, lat={float(lon[pos])!r}"],
        )
    if warn and swapped.any():
        first = int(np.flatnonzero(swapped)[0])
        warnings.warn(
            f"{int(swapped.sum())} incident(s) have coordinates that look swapped (lat, lon), "
            f"e.g. id {ids.iloc[first]!r}: lon={float(lon[first])!r}, "
            f"lat={float(lat[first])!r}; they are kept as given and listed in "
            "gdf.attrs['report']",
            SwappedCoordinatesWarning,
            stacklevel=2,
        )

    # (0, 0) and coordinates far from the place the row names: kept, reported, warned
    doubtful = _doubtful_coordinates(place, has_xy & ~swapped, gazetteer, country, lon, lat, report)
    if warn and doubtful:
        first, what = doubtful[0]
        warnings.warn(
            f"{len(doubtful)} incident(s) have doubtful coordinates, e.g. id "
            f"{ids.iloc[first]!r}: {what}; they are kept as given and listed in "
            "gdf.attrs['report']",
            DoubtfulCoordinatesWarning,
            stacklevel=2,
        )

    # fatalities
    fatalities = _numbers(col("fatalities"), n, "fatalities", report)
    neg = ~np.isnan(fatalities) & ((fatalities < 0) | (fatalities != np.floor(fatalities)))
    for pos in np.flatnonzero(neg).tolist():
        report.add(
            int(pos), "fatalities", fatalities[pos], "fatalities must be a whole number >= 0"
        )
    fatalities[neg] = np.nan

    # assemble
    result = pd.DataFrame(
        {
            "id": ids,
            "date": start,
            "date_end": end,
            "date_precision": prec,
            "event_type": _text(col("event_type"), n),
            "actor1": _text(col("actor1"), n),
            "actor2": _text(col("actor2"), n),
            "place": place,
            "place_id": place_fields["place_id"],
            "place_name": place_fields["place_name"],
            "matched": place_fields["matched"],
            "lon": lon,
            "lat": lat,
            "precision_m": precision,
            "location_note": _text(col("location_note"), n),
            "country": _country_code(place_fields["country"]),
            **{f: place_fields[f] for f in _PLACE_FIELDS[1:]},
            "source_url": _text(col("source_url"), n),
            "source_outlet": _text(col("source_outlet"), n),
            "description": _text(col("description"), n),
            "fatalities": fatalities,
            "status": _take_str(STATUSES, status),
        }
    )
    used = set(cols.values())
    for c in df.columns:
        if c in used or c == geometry_name or c in result.columns:
            continue
        result[c] = df[c].to_numpy()
    result = _conform(result)
    result.index = index
    points = np.full(n, None, dtype=object)
    if located.any():
        points[located] = shapely.points(lon[located], lat[located])
    gdf = gpd.GeoDataFrame(result, geometry=gpd.GeoSeries(points, index=index), crs="EPSG:4326")
    gdf.attrs["report"] = report.frame(ids)
    return gdf


def _has_geometry(df: pd.DataFrame) -> bool:
    try:
        import geopandas as gpd
    except ImportError:  # pragma: no cover
        return False
    return isinstance(df, gpd.GeoDataFrame) and df._geometry_column_name in df.columns


def _doubtful_coordinates(
    place: pd.Series,
    has_xy: np.ndarray,
    gazetteer: Gazetteer | None,
    country: str | None,
    lon: np.ndarray,
    lat: np.ndarray,
    report: _Report,
) -> list[tuple[int, str]]:
    """Report (0, 0) pairs and pairs far from the place the row names; keep them as given.

    Each unique place name of the rows with coordinates is looked up once,
    offline (a fallback geocoder is not asked about rows that have
    coordinates); a name that resolves to one located place is compared with
    the row's coordinates (geodesic distance); coordinates near another place
    of the same name (:func:`_near_a_namesake`) are not doubtful.  Returns
    ``(row, short description)`` of each doubtful row, in row order.
    """
    from syriamap.geodesy import WGS84

    null = has_xy & (lon == 0.0) & (lat == 0.0)
    named = has_xy & place.notna().to_numpy()
    rows = np.flatnonzero(null | named)
    if not len(rows):
        return []
    # per row: position of its name among the unique names (-1: no name)
    at = np.full(len(place), -1, dtype=np.int64)
    uniques: Any = []
    plon = plat = pprec = np.full(0, np.nan)
    pid = pname = np.full(0, None, dtype=object)
    if named.any():
        if gazetteer is None:
            from syriamap.gazetteer import Gazetteer

            gazetteer = Gazetteer.default()
        gazetteer = _offline(gazetteer)
        codes, uniques = pd.factorize(place[named])
        at[named] = codes
        hits = gazetteer.lookup_many([str(u) for u in uniques], country=country)
        id_col = "place_id" if "place_id" in hits.columns else "id"
        m = len(uniques)
        plon, plat, pprec = np.full(m, np.nan), np.full(m, np.nan), np.full(m, np.nan)
        pid, pname = np.full(m, None, dtype=object), np.full(m, None, dtype=object)
        status = hits["status"].astype("object").to_numpy()
        ids = hits[id_col].astype("object").to_numpy()
        for u in np.flatnonzero(status == "ok").tolist():
            p = gazetteer.get(str(ids[u]))
            if p.lon is None or p.lat is None:
                continue
            plon[u], plat[u] = p.lon, p.lat
            pprec[u] = np.nan if p.precision_m is None else p.precision_m
            pid[u], pname[u] = p.id, p.name
    # distances of the checked rows whose name resolved to a located place
    k = at[rows]
    known = k >= 0
    known[known] = ~np.isnan(plon[k[known]])
    dist = np.full(len(rows), np.nan)
    if known.any():
        _, _, d = WGS84.inv(lon[rows][known], lat[rows][known], plon[k[known]], plat[k[known]])
        dist[known] = d
    limit = np.full(len(rows), np.nan)
    limit[known] = np.fmax(PLACE_MISMATCH_FACTOR * pprec[k[known]], PLACE_MISMATCH_MIN_M)
    with np.errstate(invalid="ignore"):
        far = known & (dist > limit)
    if far.any():
        far &= ~_near_a_namesake(gazetteer, country, uniques, k, far, lon[rows], lat[rows])
    found: list[tuple[int, str]] = []
    for j in np.flatnonzero(null[rows] | far).tolist():
        pos = int(rows[j])
        pair = f"lon={float(lon[pos])!r}, lat={float(lat[pos])!r}"
        kk = int(k[j])
        where = (
            f"{pname[kk]} ({pid[kk]}), the gazetteer's match for {place.iloc[pos]!r}"
            if known[j]
            else ""
        )
        sugg = [f"lon={float(plon[kk])!r}, lat={float(plat[kk])!r}"] if known[j] else []
        if null[pos]:
            fix = (
                f"leave the cells empty to locate the row by its place name ({where})"
                if known[j]
                else "leave the cells empty if the location is unknown"
            )
            reason = (
                "coordinates (0, 0) lie in the Gulf of Guinea ('Null Island'), a common "
                f"placeholder for missing values in exports; kept as given: {fix}"
            )
            found.append((pos, "(0, 0), a placeholder for missing coordinates"))
        else:
            reason = (
                f"coordinates lie {dist[j] / 1000:.1f} km from {where}, more than the "
                f"{limit[j] / 1000:g} km allowed (max({PLACE_MISMATCH_MIN_M / 1000:g} km, "
                f"{PLACE_MISMATCH_FACTOR:g} x its precision)); kept as given: check the "
                "coordinates or the place name"
            )
            found.append((pos, f"{pair} lie {dist[j] / 1000:.1f} km from {pname[kk]}"))
        report.add(pos, "lon", pair, reason, sugg)
    return found


def _offline(gazetteer: Any) -> Any:
    """Return the gazetteer without its fallback geocoder (a copy when it has one)."""
    if getattr(gazetteer, "_fallback", None) is None:
        return gazetteer
    import copy

    g = copy.copy(gazetteer)
    g._fallback = None
    g._memo = {}  # answers memoised with the fallback must not leak, nor these into it
    return g


def _near_a_namesake(
    gazetteer: Any,
    country: str | None,
    names: Sequence[Any],
    codes: np.ndarray,
    far: np.ndarray,
    lon: np.ndarray,
    lat: np.ndarray,
) -> np.ndarray:
    """Return, per row, whether the coordinates lie near a place of the same name.

    The gazetteer resolves a name to its best place (the town rather than a
    village of the same name); coordinates at a namesake agree with the name.
    Only rows flagged ``far`` are checked, one :meth:`Gazetteer.search` per name.
    """
    from syriamap.geodesy import WGS84

    out = np.zeros(len(far), dtype=bool)
    search = getattr(gazetteer, "search", None)
    if search is None:
        return out
    for code in np.unique(codes[far]).tolist():
        try:
            matches = search(str(names[code]), limit=20, country=country)
        except (ValueError, LookupError, TypeError):
            continue
        same = [m.place for m in matches if m.score >= 100 and m.place.lon is not None]
        rows = np.flatnonzero(far & (codes == code))
        for p in same:
            _, _, d = WGS84.inv(
                lon[rows], lat[rows], np.full(len(rows), p.lon), np.full(len(rows), p.lat)
            )
            prec = 0.0 if p.precision_m is None else p.precision_m
            out[rows[d <= max(PLACE_MISMATCH_MIN_M, PLACE_MISMATCH_FACTOR * prec)]] = True
    return out


def _resolve_names(
    place: pd.Series,
    lookup: np.ndarray,
    gazetteer: Gazetteer | None,
    country: str | None,
    lon: np.ndarray,
    lat: np.ndarray,
    place_prec: np.ndarray,
    status: np.ndarray,
    report: _Report,
) -> dict[str, pd.Series]:
    """Look up each unique place name once; fill lon/lat/precision/status in place.

    Returns the place fields (``place_id``, ``place_name``, ``matched``,
    country and admin names / P-codes) as full-length str Series, missing
    where the row was not resolved by name.
    """
    if gazetteer is None:
        from syriamap.gazetteer import Gazetteer

        gazetteer = Gazetteer.default()
    n = len(place)
    names = place[lookup]
    codes, uniques = pd.factorize(names)
    unique_list = [str(u) for u in uniques]
    found = gazetteer.lookup_many(unique_list, country=country)
    found = found.reset_index(drop=True)
    rep = found.attrs.get("report")
    suggestions: dict[int, list[str]] = {}
    if rep is not None and len(rep) and "suggestions" in rep.columns:
        key = "row" if "row" in rep.columns else None
        for i, r in rep.iterrows():
            k = int(r[key]) if key else int(i)
            sugg = r["suggestions"]
            if isinstance(sugg, str):
                sugg = [s.strip() for s in sugg.split(";") if s.strip()]
            suggestions[k] = list(sugg) if sugg is not None else []
    st = found["status"].astype("object").to_numpy()
    err = (
        found["error"].astype("object").to_numpy()
        if "error" in found.columns
        else np.full(len(found), None)
    )
    id_col = "place_id" if "place_id" in found.columns else "id"
    place_ids = found[id_col].astype("object").to_numpy()
    matched_col = next(
        (c for c in ("matched", "alias", "matched_alias") if c in found.columns), None
    )
    # per unique name: Place fields (None where not resolved)
    m = len(found)
    u_lon = np.full(m, np.nan)
    u_lat = np.full(m, np.nan)
    u_prec = np.full(m, np.nan)
    u_fields: dict[str, list[Any]] = {
        f: [None] * m for f in ("place_id", "place_name", "matched", *_PLACE_FIELDS)
    }
    st_codes = np.array(
        [STATUSES.index(x) if x in STATUSES else STATUSES.index("invalid") for x in st],
        dtype=np.intp,
    )
    for k in np.flatnonzero(st_codes == 0).tolist():
        p = gazetteer.get(str(place_ids[k]))
        u_lon[k] = np.nan if p.lon is None else p.lon
        u_lat[k] = np.nan if p.lat is None else p.lat
        u_prec[k] = np.nan if p.precision_m is None else p.precision_m
        u_fields["place_id"][k] = p.id
        u_fields["place_name"][k] = p.name
        if matched_col is not None:
            alias = found.at[k, matched_col]
            u_fields["matched"][k] = None if pd.isna(alias) else alias
        for f in _PLACE_FIELDS:
            u_fields[f][k] = getattr(p, f)
    rows = np.flatnonzero(lookup)
    lon[rows] = u_lon[codes]
    lat[rows] = u_lat[codes]
    place_prec[rows] = u_prec[codes]
    status[rows] = st_codes[codes]
    idx = np.full(n, m, dtype=np.int64)  # m -> the trailing None
    idx[rows] = codes
    out = {f: _take_str([*values, None], idx) for f, values in u_fields.items()}
    failed = st_codes[codes] != 0
    for j in np.flatnonzero(failed).tolist():
        k = int(codes[j])
        reason = str(err[k]) if err[k] is not None and str(err[k]) != "nan" else str(st[k])
        report.add(int(rows[j]), "place", unique_list[k], reason, suggestions.get(k, []))
    return out


def _precision(col: Any, n: int, place_prec: np.ndarray, report: _Report) -> np.ndarray:
    """Uncertainty radius per row (see incidents())."""
    extra = np.full(n, np.nan)
    for field, convert in (("geo_precision", acled_precision_m), ("where_prec", ucdp_precision_m)):
        codes = _numbers(col(field), n, field, report)
        if np.isnan(codes).all():
            continue
        for code in np.unique(codes[~np.isnan(codes)]):
            rows = codes == code
            try:
                radius = convert(float(code))
            except InvalidPrecisionCodeError as exc:
                for pos in np.flatnonzero(rows).tolist():
                    report.add(int(pos), field, code, str(exc))
                continue
            extra[rows & np.isnan(extra)] = radius
    unc = _numbers(col("uncertainty_m"), n, "uncertainty_m", report)
    bad = unc < 0
    for pos in np.flatnonzero(bad).tolist():
        report.add(int(pos), "uncertainty_m", unc[pos], "uncertainty_m must be >= 0 metres")
    unc[bad] = np.nan
    extra = np.where(np.isnan(unc), extra, combine_precision_m(unc, extra, method="max"))
    total = np.asarray(combine_precision_m(extra, place_prec), dtype="float64")
    explicit = _numbers(col("precision_m"), n, "precision_m", report)
    bad = explicit < 0
    for pos in np.flatnonzero(bad).tolist():
        report.add(int(pos), "precision_m", explicit[pos], "precision_m must be >= 0 metres")
    explicit[bad] = np.nan
    return np.where(np.isnan(explicit), total, explicit)


def _conform(df: pd.DataFrame) -> pd.DataFrame:
    """Give the schema columns their dtypes and order; extra columns follow."""
    out = {}
    for name, dtype in SCHEMA.items():
        s: Any = df[name] if name in df.columns else pd.Series(np.nan, index=df.index)
        if str(s.dtype) == dtype:
            pass
        elif dtype == "str":
            s = s.astype("object").where(s.notna(), None).astype("str")
        elif dtype.startswith("datetime64"):
            if getattr(s.dtype, "tz", None) is not None:
                s = s.dt.tz_convert("UTC").dt.tz_localize(None)
            s = pd.to_datetime(s).astype(dtype)
        elif dtype == "Int64":
            s = pd.to_numeric(s).astype("Float64").round().astype("Int64")
        else:
            s = pd.to_numeric(s).astype(dtype)
        out[name] = s
    extra = [c for c in df.columns if c not in SCHEMA and c != "geometry"]
    result = pd.DataFrame(out, index=df.index)
    for c in extra:
        result[c] = df[c]
    return result


# ---------------------------------------------------------------------------
# enrich


def enrich(
    gdf: gpd.GeoDataFrame,
    *,
    zones: Sequence[Any] | Any = (),
    gazetteer: Gazetteer | None = None,
    nearest: bool = True,
    admin: bool = True,
) -> gpd.GeoDataFrame:
    """Add nearest place, admin area and per-zone distance and relation columns.

    Parameters
    ----------
    gdf : geopandas.GeoDataFrame
        Incidents from :func:`incidents` (needs ``lon``, ``lat`` and
        ``precision_m``; rows with NaN coordinates get missing values).
    zones : Zone or sequence of Zone
        For each zone (named by ``zone.name``) adds three columns:
        ``"<name>: distance_to_edge_m"`` (geodesic, metres, negative inside),
        ``"<name>: relation"`` (``"inside"`` / ``"outside"``, or
        ``"indeterminate"`` when the incident's uncertainty disc of radius
        ``precision_m`` straddles the edge or ``precision_m`` is unknown) and
        ``"<name>: margin_m"`` (room between the disc and the edge; negative
        when it straddles).  See :meth:`syriamap.zones.Zone.relation`.
    gazetteer : Gazetteer, optional
        Default :meth:`Gazetteer.default`.
    nearest : bool, default True
        Add ``nearest_place_id``, ``nearest_place`` and ``nearest_distance_m``
        (geodesic metres from the incident's point to that place).
    admin : bool, default True
        Fill ``admin1`` .. ``admin3_pcode`` from the coordinates (the values
        from the input are replaced where the coordinates give an answer).

    Returns
    -------
    geopandas.GeoDataFrame
        A copy with the new columns; ``attrs`` (the report) is kept.

    Examples
    --------
    >>> from syriamap.datasets import seed_incidents, seed_zones
    >>> out = enrich(seed_incidents(), zones=seed_zones())
    >>> by_id = out.set_index("id")
    >>> by_id.loc["seed-2022-06-15-tanf-strike", "55 km deconfliction zone: relation"]
    'inside'
    >>> by_id.loc["seed-2023-11-12-us-strikes", "55 km deconfliction zone: relation"]
    'indeterminate'
    """
    out = gdf.copy()
    out.attrs = dict(gdf.attrs)
    lon = out["lon"].to_numpy(dtype="float64")
    lat = out["lat"].to_numpy(dtype="float64")
    located = ~np.isnan(lon) & ~np.isnan(lat)
    if nearest or admin:
        if gazetteer is None:
            from syriamap.gazetteer import Gazetteer

            gazetteer = Gazetteer.default()
        _enrich_places(out, lon, lat, located, gazetteer, nearest=nearest, admin=admin)
    zone_list: list[Any] = [zones] if hasattr(zones, "relation") else list(zones)
    names_seen: set[str] = set()
    unc = out["precision_m"].to_numpy(dtype="float64")
    for i, zone in enumerate(zone_list):
        name = str(getattr(zone, "name", None) or f"zone {i + 1}")
        if name in names_seen:
            name = f"{name} ({i + 1})"
        names_seen.add(name)
        dist = np.full(len(out), np.nan)
        margin = np.full(len(out), np.nan)
        rel = np.full(len(out), None, dtype=object)
        if located.any():
            zr = zone.relation(lon[located], lat[located], uncertainty_m=unc[located])
            dist[located] = np.asarray(zr.distance_to_edge_m, dtype="float64")
            margin[located] = np.asarray(zr.margin_m, dtype="float64")
            rel[located] = np.asarray(zr.relation, dtype=object)
        out[f"{name}: distance_to_edge_m"] = dist
        out[f"{name}: relation"] = pd.Series(rel, index=out.index, dtype="str")
        out[f"{name}: margin_m"] = margin
    return out


def _nearest_many(gazetteer: Gazetteer, x: np.ndarray, y: np.ndarray) -> list[Any]:
    """``gazetteer.nearest`` for many points (vectorised haversine when possible)."""
    arrays = getattr(gazetteer, "_located_arrays", None)
    places = getattr(gazetteer, "_places", None)
    if arrays is None or places is None:  # another gazetteer: one call per point
        return [gazetteer.nearest(float(a), float(b)) for a, b in zip(x, y, strict=True)]
    idx, plon, plat = arrays()

    def unit(lo: np.ndarray, la: np.ndarray) -> np.ndarray:
        lam, phi = np.radians(lo), np.radians(la)
        return np.column_stack([np.cos(phi) * np.cos(lam), np.cos(phi) * np.sin(lam), np.sin(phi)])

    # nearest on the sphere = largest dot product of unit vectors (the ranking
    # Gazetteer.nearest's haversine gives), one matrix product per chunk
    targets = unit(plon, plat).T
    points = unit(x, y)
    out: list[Any] = []
    for start in range(0, len(x), 4096):
        best = np.argmax(points[start : start + 4096] @ targets, axis=1)
        out.extend(places[int(idx[k])] for k in best)
    return out


def _admin_areas(gazetteer: Gazetteer, x: np.ndarray, y: np.ndarray) -> list[Any]:
    """``gazetteer.admin_area`` for many points (one vectorised pass when possible)."""
    many = getattr(gazetteer, "admin_areas", None)
    if callable(many):
        return list(many(x, y))
    from syriamap.gazetteer import Gazetteer

    if type(gazetteer).admin_area is Gazetteer.admin_area:
        # Gazetteer.admin_area is admin_areas() on one point (shipped polygons)
        from syriamap._admin import admin_areas

        return admin_areas(x, y) if len(x) else []
    return [gazetteer.admin_area(float(a), float(b)) for a, b in zip(x, y, strict=True)]


def _enrich_places(
    out: gpd.GeoDataFrame,
    lon: np.ndarray,
    lat: np.ndarray,
    located: np.ndarray,
    gazetteer: Gazetteer,
    *,
    nearest: bool,
    admin: bool,
) -> None:
    from syriamap.geodesy import distance_m

    n = len(out)
    rows = np.flatnonzero(located)
    pairs = pd.DataFrame({"x": lon[rows], "y": lat[rows]})
    codes = pairs.groupby(["x", "y"], sort=False).ngroup().to_numpy()
    uniq = pairs.drop_duplicates()
    ux, uy = uniq["x"].to_numpy(), uniq["y"].to_numpy()
    m = len(uniq)
    idx = np.full(n, m, dtype=np.int64)  # m -> the trailing None
    idx[rows] = codes
    if nearest:
        found = _nearest_many(gazetteer, ux, uy) if m else []
        near_d = np.full(n, np.nan)
        if m:
            plon = np.array([p.lon for p in found], dtype="float64")
            plat = np.array([p.lat for p in found], dtype="float64")
            near_d[rows] = np.asarray(distance_m(ux, uy, plon, plat), dtype="float64")[codes]
        out["nearest_place_id"] = _take_str([*(p.id for p in found), None], idx).to_numpy()
        out["nearest_place"] = _take_str([*(p.name for p in found), None], idx).to_numpy()
        out["nearest_place_id"] = out["nearest_place_id"].astype("str")
        out["nearest_place"] = out["nearest_place"].astype("str")
        out["nearest_distance_m"] = near_d
    if admin:
        areas = _admin_areas(gazetteer, ux, uy)
        for f in _PLACE_FIELDS[1:]:
            new = _take_str([*(getattr(a, f, None) for a in areas), None], idx)
            new.index = out.index
            out[f] = new.where(new.notna(), out[f]).astype("str")


# ---------------------------------------------------------------------------
# IO


def _driver(path: Path) -> str:
    suffix = path.suffix.lower()
    if suffix in (".geojson", ".json"):
        return "GeoJSON"
    if suffix == ".gpkg":
        return "GPKG"
    if suffix in _PARQUET_SUFFIXES:
        return "Parquet"
    raise InputFormatError(
        f"cannot write {str(path)!r}: use .geojson, .gpkg or .parquet "
        "(GeoJSON, GeoPackage or GeoParquet)"
    )


def write_incidents(gdf: gpd.GeoDataFrame, path: str | os.PathLike[str]) -> Path:
    """Write incidents to GeoJSON, GeoPackage or GeoParquet (chosen by extension).

    The report in ``gdf.attrs`` is not stored (write it with
    ``gdf.attrs["report"].to_csv(...)``).  Columns holding lists or dicts are
    written as JSON text.

    Parameters
    ----------
    gdf : geopandas.GeoDataFrame
        Incidents (from :func:`incidents` or :func:`read_incidents`).
    path : str or path
        ``.geojson`` / ``.json``, ``.gpkg`` or ``.parquet`` / ``.geoparquet``.
        An existing file is replaced.

    Returns
    -------
    pathlib.Path
        The path written.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> from syriamap.datasets import seed_incidents
    >>> gdf = seed_incidents()
    >>> path = write_incidents(gdf, pathlib.Path(tempfile.mkdtemp()) / "seeds.parquet")
    >>> back = read_incidents(path)
    >>> back.drop(columns="geometry").equals(gdf.drop(columns="geometry"))
    True
    >>> bool(back.geometry.geom_equals(gdf.geometry).all())
    True
    """
    import json

    p = Path(path)
    driver = _driver(p)
    data = gdf.copy()
    data.attrs = {}
    for c in data.columns:
        if c == data.geometry.name:
            continue
        if data[c].dtype == object and data[c].map(lambda v: isinstance(v, (list, dict))).any():
            data[c] = data[c].map(lambda v: json.dumps(v) if isinstance(v, (list, dict)) else v)
    if driver == "Parquet":
        data.to_parquet(p, index=False)
    else:
        if p.exists():
            p.unlink()
        data.to_file(p, driver=driver, engine="pyogrio", index=False)
    return p


def read_incidents(path: str | os.PathLike[str]) -> gpd.GeoDataFrame:
    """Read incidents written by :func:`write_incidents` with the schema's dtypes.

    Parameters
    ----------
    path : str or path
        A ``.geojson``, ``.gpkg`` or ``.parquet`` file.

    Returns
    -------
    geopandas.GeoDataFrame
        The incidents, columns and dtypes as :func:`incidents` returns them
        (``attrs["report"]`` is an empty report).

    See Also
    --------
    write_incidents : writes the files this reads.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> from syriamap.datasets import seed_incidents
    >>> path = write_incidents(seed_incidents(), pathlib.Path(tempfile.mkdtemp()) / "s.gpkg")
    >>> back = read_incidents(path)
    >>> len(back), back.crs.to_epsg(), str(back["date"].dtype), back.attrs["report"].empty
    (10, 4326, 'datetime64[ms]', True)
    """
    import geopandas as gpd

    p = Path(path)
    driver = _driver(p)
    if not p.exists():
        raise FileNotFoundError(f"no such file: {str(p)!r}")
    raw = gpd.read_parquet(p) if driver == "Parquet" else gpd.read_file(p, engine="pyogrio")
    missing = [c for c in SCHEMA if c not in raw.columns]
    if missing:
        from syriamap.errors import ColumnError

        raise ColumnError(missing)
    if raw.crs is not None and not raw.crs.equals("EPSG:4326"):
        raw = raw.to_crs("EPSG:4326")
    geom = raw.geometry.to_numpy()
    result = _conform(pd.DataFrame(raw.drop(columns=raw.geometry.name)))
    result = result.reset_index(drop=True)
    geom = np.where(pd.isna(result["lon"].to_numpy()), None, geom)
    gdf = gpd.GeoDataFrame(result, geometry=gpd.GeoSeries(geom), crs="EPSG:4326")
    gdf.attrs["report"] = _Report().frame(gdf["id"])
    return gdf
