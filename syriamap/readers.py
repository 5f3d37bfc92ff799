"""Readers for ACLED and UCDP GED exports, into the incidents schema.

Both readers take the CSV a user downloads (or a DataFrame of it), map the
dataset's own columns onto :data:`syriamap._incidents.SCHEMA` and pass the
result through :func:`syriamap.incidents`, so the output, the
``status`` column and ``attrs["report"]`` behave exactly as there.  Columns
the schema has no place for (``sub_event_type``, ``inter1``, ``conflict_name``,
``deaths_civilians`` ...) are kept, after the schema columns.

==============  ==================================  ==============================
schema          ACLED                               UCDP GED
==============  ==================================  ==============================
id              event_id_cnty                       id
date, date_end  event_date + time_precision         date_start, date_end
event_type      event_type                          type_of_violence (as text)
actor1, actor2  actor1, actor2                      side_a, side_b
place           location                            where_coordinates
lon, lat        longitude, latitude                 longitude, latitude
precision_m     geo_precision (1-3)                 where_prec (1-7)
location_note   --                                  where_description
country         country (name -> ISO code)          country (name -> ISO code)
admin1..3       admin1, admin2, admin3 (names)      adm_1, adm_2 (names)
source_outlet   source                              source_office
description     notes                               source_headline
fatalities      fatalities                          best
==============  ==================================  ==============================

Precision codes become radii as documented in :mod:`syriamap.precision`.
ACLED ``time_precision`` 2 (the source gives a week) widens the date to the 7
days centred on the coded date (``date_precision="week"``); 3 (only the month
is known; ACLED codes the month's mid-point) widens it to the whole month.
"""

from __future__ import annotations

import os
import warnings
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pandas as pd

from syriamap._columns import FIELD_SYNONYMS, fold
from syriamap._csv import read_delimited
from syriamap.errors import ColumnError, InputFormatError, SyriamapWarning

if TYPE_CHECKING:
    import geopandas as gpd

    from syriamap.gazetteer import Gazetteer

__all__ = ["ACLED_COLUMNS", "UCDP_COLUMNS", "read_acled", "read_ucdp"]

#: ACLED export column -> incidents field.
ACLED_COLUMNS: dict[str, str] = {
    "event_id_cnty": "id",
    "event_date": "date",
    "event_type": "event_type",
    "actor1": "actor1",
    "actor2": "actor2",
    "location": "place",
    "longitude": "lon",
    "latitude": "lat",
    "geo_precision": "geo_precision",
    "country": "country",
    "admin1": "admin1",
    "admin2": "admin2",
    "admin3": "admin3",
    "source": "source_outlet",
    "notes": "description",
    "fatalities": "fatalities",
}
_ACLED_REQUIRED = ("event_id_cnty", "event_date", "latitude", "longitude")

#: UCDP GED export column -> incidents field.
UCDP_COLUMNS: dict[str, str] = {
    "id": "id",
    "date_start": "date",
    "date_end": "date_end",
    "side_a": "actor1",
    "side_b": "actor2",
    "where_coordinates": "place",
    "longitude": "lon",
    "latitude": "lat",
    "where_prec": "where_prec",
    "where_description": "location_note",
    "country": "country",
    "adm_1": "admin1",
    "adm_2": "admin2",
    "source_office": "source_outlet",
    "source_headline": "description",
    "best": "fatalities",
}
_UCDP_REQUIRED = ("id", "date_start", "latitude", "longitude", "where_prec")

#: UCDP ``type_of_violence`` codes.
UCDP_VIOLENCE_TYPES = {1: "state-based conflict", 2: "non-state conflict", 3: "one-sided violence"}


def _load(data: Any, dataset: str, encoding: str | None) -> pd.DataFrame:
    if isinstance(data, pd.DataFrame):
        df = data.copy()
    elif isinstance(data, (str, os.PathLike)):
        path = Path(data)
        if not path.exists():
            raise FileNotFoundError(f"no such file: {str(path)!r}")
        suffix = path.suffix.lower()
        try:
            if suffix in (".xlsx", ".xls", ".xlsm"):
                df = pd.read_excel(path, dtype=str)
            else:
                # delimiter from the header, UTF-8 unless encoding=; a line with too
                # many fields or undecodable bytes raises InputFormatError (see _csv)
                df = read_delimited(path, sep=",", encoding=encoding)
        except pd.errors.EmptyDataError:
            raise InputFormatError(f"{str(path)!r} is empty: not a {dataset} export") from None
    else:
        raise InputFormatError(
            f"read_{dataset.split()[0].lower()}() takes the path of a {dataset} CSV export "
            f"or a DataFrame of it, got {type(data).__name__}"
        )
    df.columns = [fold(c) for c in df.columns]
    return df


def _require(df: pd.DataFrame, required: tuple[str, ...], dataset: str) -> None:
    from rapidfuzz import fuzz, process

    missing = [c for c in required if c not in df.columns]
    if missing:
        suggestions = {}
        for c in missing:
            hit = process.extractOne(c, list(df.columns), scorer=fuzz.ratio, score_cutoff=75)
            if hit is not None:
                suggestions[c] = hit[0]
        exc = ColumnError(missing, suggestions)
        exc.args = (
            f"{exc}; not a {dataset} export as expected "
            f"(columns found: {', '.join(map(repr, list(df.columns)[:25]))})",
        )
        raise exc


def _mapped(df: pd.DataFrame, mapping: dict[str, str]) -> pd.DataFrame:
    """Rename dataset columns to incident fields; drop clashing unmapped names."""
    present = {src: dst for src, dst in mapping.items() if src in df.columns}
    # unmapped dataset columns that happen to be incident-field synonyms would be
    # picked up by incidents(); give them a trailing underscore
    synonyms = {s for names in FIELD_SYNONYMS.values() for s in names}
    clashes = {c: f"{c}_" for c in df.columns if c not in present and c in synonyms}
    return df.rename(columns={**present, **clashes})


def _acled_dates(df: pd.DataFrame) -> pd.Series:
    """Rewrite event_date by time_precision (2 -> week, 3 -> month)."""
    dates = df["date"].astype("object")
    if "time_precision" not in df.columns:
        return dates
    tp = pd.to_numeric(df["time_precision"], errors="coerce").to_numpy()
    parsed = pd.to_datetime(dates, errors="coerce", format="mixed", dayfirst=True)
    out = dates.copy()
    week = (tp == 2) & parsed.notna().to_numpy()
    month = (tp == 3) & parsed.notna().to_numpy()
    if week.any():
        start = parsed[week] - pd.Timedelta(days=3)
        out[week] = "week of " + start.dt.strftime("%Y-%m-%d")
    if month.any():
        out[month] = parsed[month].dt.strftime("%Y-%m")
    return out


def read_acled(
    data: str | os.PathLike[str] | pd.DataFrame,
    *,
    gazetteer: Gazetteer | None = None,
    encoding: str | None = None,
) -> gpd.GeoDataFrame:
    """Read an ACLED export into the incidents schema.

    Parameters
    ----------
    data : str, path or DataFrame
        An ACLED CSV (or Excel) export, with ACLED's column names
        (``event_id_cnty, event_date, event_type, sub_event_type, actor1,
        actor2, country, admin1, admin2, admin3, location, latitude,
        longitude, geo_precision, source, notes, fatalities`` ...).
    gazetteer : Gazetteer, optional
        Used for rows without coordinates (looked up by ``location``) and to
        check that coordinates agree with the ``location`` they name.
    encoding : str, optional
        Text encoding of a CSV path (default UTF-8, with or without a
        byte-order mark), e.g. ``"cp1252"``.

    Returns
    -------
    geopandas.GeoDataFrame
        As :func:`syriamap.incidents`: one row per event, EPSG:4326,
        ``precision_m`` from ``geo_precision``, ``attrs["report"]``.

    Raises
    ------
    ColumnError
        ``event_id_cnty``, ``event_date``, ``latitude`` or ``longitude``
        missing (with the near column it found).
    InputFormatError
        Not a CSV / Excel path or DataFrame, an empty or undecodable file, or
        lines with more fields than the header (listed in the message).

    Examples
    --------
    >>> import pandas as pd
    >>> df = pd.DataFrame({"event_id_cnty": ["SYR1"], "event_date": ["15 June 2022"],
    ...                    "time_precision": ["1"], "location": ["At Tanf"],
    ...                    "latitude": ["33.5058"], "longitude": ["38.6178"],
    ...                    "geo_precision": ["2"], "sub_event_type": ["Air/drone strike"]})
    >>> gdf = read_acled(df)
    >>> row = gdf.iloc[0]
    >>> row["id"], row["place"], float(row["precision_m"]), row["sub_event_type"]
    ('SYR1', 'At Tanf', 25000.0, 'Air/drone strike')
    """
    df = _load(data, "ACLED", encoding)
    _require(df, _ACLED_REQUIRED, "ACLED")
    df = _mapped(df, ACLED_COLUMNS)
    df["date"] = _acled_dates(df)
    gdf = _incidents(df, gazetteer, ACLED_COLUMNS)
    gdf.attrs["source"] = "ACLED"
    return gdf


def read_ucdp(
    data: str | os.PathLike[str] | pd.DataFrame,
    *,
    gazetteer: Gazetteer | None = None,
    encoding: str | None = None,
) -> gpd.GeoDataFrame:
    """Read a UCDP GED export into the incidents schema.

    Parameters
    ----------
    data : str, path or DataFrame
        A UCDP GED CSV export with its column names (``id, type_of_violence,
        side_a, side_b, where_coordinates, where_description, where_prec,
        latitude, longitude, date_start, date_end, best, source_article,
        source_office, source_headline`` ...).
    gazetteer : Gazetteer, optional
        Used for rows without coordinates and to check that coordinates
        agree with ``where_coordinates``.
    encoding : str, optional
        Text encoding of a CSV path (default UTF-8, with or without a
        byte-order mark), e.g. ``"cp1252"``.

    Returns
    -------
    geopandas.GeoDataFrame
        As :func:`syriamap.incidents`; ``event_type`` is
        ``type_of_violence`` as text (``"state-based conflict"``,
        ``"non-state conflict"``, ``"one-sided violence"``), ``precision_m``
        from ``where_prec``, ``fatalities`` the ``best`` estimate.

    Raises
    ------
    ColumnError
        ``id``, ``date_start``, ``latitude``, ``longitude`` or ``where_prec``
        missing.
    InputFormatError
        As :func:`read_acled`.

    Examples
    --------
    >>> import pandas as pd
    >>> df = pd.DataFrame({"id": ["1"], "date_start": ["2018-02-07 00:00:00.000"],
    ...                    "date_end": ["2018-02-08 00:00:00.000"], "type_of_violence": ["1"],
    ...                    "where_coordinates": ["Khasham village"], "where_prec": ["2"],
    ...                    "latitude": ["35.2986"], "longitude": ["40.2933"], "best": ["100"]})
    >>> gdf = read_ucdp(df)
    >>> row = gdf.iloc[0]
    >>> row["event_type"], row["date_precision"], float(row["precision_m"]), int(row["fatalities"])
    ('state-based conflict', 'range', 25000.0, 100)
    """
    df = _load(data, "UCDP GED", encoding)
    _require(df, _UCDP_REQUIRED, "UCDP GED")
    df = _mapped(df, UCDP_COLUMNS)
    if "type_of_violence" in df.columns:
        codes = pd.to_numeric(df["type_of_violence"], errors="coerce")
        text = codes.map(UCDP_VIOLENCE_TYPES)
        df["event_type"] = text.where(text.notna(), df["type_of_violence"])
    df = df.drop(columns=[c for c in ("type_of_violence",) if c in df.columns])
    gdf = _incidents(df, gazetteer, UCDP_COLUMNS)
    gdf.attrs["source"] = "UCDP GED"
    return gdf


def _incidents(
    df: pd.DataFrame, gazetteer: Gazetteer | None, mapping: dict[str, str]
) -> gpd.GeoDataFrame:
    """Run incidents() on a renamed export: every mapped field to itself, no guessing."""
    from syriamap._incidents import incidents

    fields = set(mapping.values()) | {"event_type"}
    columns = {f: f for f in fields if f in df.columns}
    with warnings.catch_warnings():
        # the dataset's other columns (time_precision, date_prec ...) are known extras
        warnings.filterwarnings("ignore", message="column .* looks like", category=SyriamapWarning)
        return incidents(df, gazetteer=gazetteer, columns=columns)
