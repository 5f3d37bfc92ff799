"""``syriamap incidents``: resolve a table of incidents and write it as a map layer.

``syriamap incidents INPUT [-o OUTPUT] [--json]`` reads INPUT (CSV, TSV, Excel,
GeoJSON, GeoPackage or GeoParquet; ACLED and UCDP GED exports are recognised
by their columns), resolves every row with :func:`syriamap.incidents`
and writes OUTPUT by its extension (``.geojson``, ``.gpkg``, ``.parquet`` or
``.csv``; text cells that a spreadsheet would run as a formula are quoted).
A summary goes to stderr with every row that could not be located
or had a bad field (row, id, field, value, reason, suggestions); ``--json``
prints the summary and report as JSON on stdout instead.

Exit status: 0 when every row is clean, 1 when some rows are in the report
(the output is still written, with those rows), 2 on errors.
"""

from __future__ import annotations

import argparse
import json
import math
import sys
from pathlib import Path
from typing import Any

from syriamap.cli import country_option

__all__ = ["detect_format", "register"]

_DESCRIPTION = """\
Resolve every row of an incidents table to a point with an uncertainty radius
(place names through the offline gazetteer, lon/lat columns, or coordinate
strings such as "33°30'21\"N 38°37'04\"E"), and write the result.

INPUT: .csv .tsv .xlsx .geojson .gpkg .parquet; ACLED and UCDP GED exports are
recognised by their columns. OUTPUT (by extension): .geojson .gpkg .parquet
.csv. Rows that cannot be located are kept (status column, no geometry) and
listed with the reason and suggestions on stderr (or in --json on stdout).

exit status: 0 every row clean, 1 some rows reported (output still written),
2 error (unreadable input, missing column ...)

examples:
  syriamap incidents events.csv -o events.gpkg
  syriamap incidents acled_syria.csv -o acled.parquet --zone al-Tanf:55 --enrich
  syriamap incidents events.xlsx --json > report.json
"""

_ACLED_MARKERS = {"event_id_cnty", "geo_precision"}
_UCDP_MARKERS = {"where_prec", "date_start", "side_a"}


def detect_format(path: str | Path, *, encoding: str | None = None) -> str:
    r"""Return ``"acled"``, ``"ucdp"`` or ``"generic"`` from a CSV's header.

    Parameters
    ----------
    path : str or Path
        The input file; only ``.csv`` / ``.tsv`` headers are inspected (their
        delimiter, ``,``, ``;`` or tab, is taken from the header line).
    encoding : str, optional
        The file's text encoding (default UTF-8).

    Returns
    -------
    str
        ``"acled"`` when the header has ``event_id_cnty`` and ``geo_precision``,
        ``"ucdp"`` when it has ``where_prec``, ``date_start`` and ``side_a``,
        else ``"generic"``.

    Examples
    --------
    >>> import tempfile, os
    >>> with tempfile.NamedTemporaryFile("w", suffix=".csv", delete=False) as f:
    ...     _ = f.write("event_id_cnty,event_date,latitude,longitude,geo_precision\n")
    >>> detect_format(f.name)
    'acled'
    >>> os.unlink(f.name)
    """
    p = Path(path)
    if p.suffix.lower() not in (".csv", ".tsv", ".tab"):
        return "generic"
    from syriamap._csv import detect_sep

    try:
        with p.open(encoding=encoding or "utf-8-sig") as fh:
            header = fh.readline()
    except (OSError, UnicodeDecodeError, LookupError):
        return "generic"  # reading it for real reports the problem
    sep = detect_sep(header, "," if p.suffix.lower() == ".csv" else "\t")
    cols = {c.strip().strip('"').lower() for c in header.split(sep)}
    if cols >= _ACLED_MARKERS:
        return "acled"
    if cols >= _UCDP_MARKERS:
        return "ucdp"
    return "generic"


def _parse_zone(text: str) -> tuple[str, float]:
    name, sep, km = text.rpartition(":")
    if not sep or not name:
        raise argparse.ArgumentTypeError(f"--zone wants PLACE:KM, e.g. 'al-Tanf:55', got {text!r}")
    try:
        return name, float(km)
    except ValueError:
        raise argparse.ArgumentTypeError(f"radius in {text!r} is not a number of km") from None


def _jsonable(value: Any) -> Any:
    if isinstance(value, float) and math.isnan(value):
        return None
    if isinstance(value, (list, tuple)):
        return [_jsonable(v) for v in value]
    if hasattr(value, "item"):
        return _jsonable(value.item())
    if value is None or isinstance(value, (str, int, float, bool)):
        return value
    try:
        import pandas as pd

        if pd.isna(value):
            return None
    except (TypeError, ValueError):
        pass
    return str(value)


def _is_text(ser: Any) -> bool:
    return str(ser.dtype) in ("str", "object", "string")


def _defuse(ser: Any) -> Any:
    """Quote text cells a spreadsheet would run as a formula (``=``, ``+``, ``-``, ``@``).

    News text and place names are untrusted; a CSV opened in Excel or
    LibreOffice must not execute ``=HYPERLINK(...)`` written into a
    description.  Such cells get a leading apostrophe (OWASP CSV injection).
    """
    text = ser.astype("str")
    risky = text.str.match(r"^[=+\-@\t\r]", na=False)
    return text.where(~risky, "'" + text)


def _write(gdf: Any, path: Path) -> None:
    from syriamap._incidents import write_incidents

    if path.suffix.lower() == ".csv":
        frame = gdf.drop(columns=gdf.geometry.name)
        frame = frame.assign(**{c: _defuse(frame[c]) for c in frame.columns if _is_text(frame[c])})
        frame.to_csv(path, index=False, date_format="%Y-%m-%d")
    else:
        write_incidents(gdf, path)


def _run(args: argparse.Namespace) -> int:
    from syriamap._incidents import enrich, incidents
    from syriamap.cli._progress import stages
    from syriamap.readers import read_acled, read_ucdp

    enc = args.encoding
    fmt = args.format if args.format != "auto" else detect_format(args.input, encoding=enc)
    steps = ["read and resolve", "zones and admin areas", "write"]
    with stages(steps, desc=f"syriamap incidents {Path(args.input).name}") as bar:
        bar.start("read and resolve")
        if fmt == "acled":
            gdf = read_acled(args.input, encoding=enc)
        elif fmt == "ucdp":
            gdf = read_ucdp(args.input, encoding=enc)
        else:
            gdf = incidents(args.input, country=args.country, encoding=enc)
        report = gdf.attrs["report"]
        zones = []
        if args.zone:
            from syriamap.zones import Zone

            zones = [
                Zone.around(place, radius_km=km, name=f"{km:g} km around {place}")
                for place, km in args.zone
            ]
        bar.start("zones and admin areas")
        if zones or args.enrich:
            gdf = enrich(gdf, zones=zones, nearest=args.enrich, admin=args.enrich)
        bar.start("write")
        if args.output:
            _write(gdf, Path(args.output))
    statuses = {str(k): int(v) for k, v in gdf["status"].value_counts().items()}
    summary: dict[str, Any] = {
        "input": str(args.input),
        "format": fmt,
        "output": str(args.output) if args.output else None,
        "rows": len(gdf),
        "located": int((gdf["status"] == "ok").sum()),
        "status": statuses,
        "report": [{k: _jsonable(v) for k, v in rec.items()} for rec in report.to_dict("records")],
    }
    zone_counts: dict[str, dict[str, int]] = {}
    for zone in zones:
        col = f"{zone.name}: relation"
        zone_counts[zone.name] = {
            str(k): int(v) for k, v in gdf[col].value_counts(dropna=False).items()
        }
    if zone_counts:
        summary["zones"] = zone_counts
    if args.json:
        print(json.dumps(summary, ensure_ascii=False, indent=2))
    else:
        _print_summary(summary, file=sys.stderr)
    return 1 if len(report) else 0


def _print_summary(summary: dict[str, Any], *, file: Any) -> None:
    where = f" -> {summary['output']}" if summary["output"] else ""
    print(
        f"{summary['input']} ({summary['format']}): {summary['rows']} rows, "
        f"{summary['located']} located{where}",
        file=file,
    )
    print("  status: " + ", ".join(f"{k} {v}" for k, v in summary["status"].items()), file=file)
    for name, counts in summary.get("zones", {}).items():
        print(f"  {name}: " + ", ".join(f"{k} {v}" for k, v in counts.items()), file=file)
    report = summary["report"]
    if report:
        print(f"  {len(report)} problem(s):", file=file)
        for r in report[:200]:
            sugg = r.get("suggestions") or []
            hint = ""
            if sugg and "did you mean" not in str(r["reason"]):
                hint = f" (did you mean: {', '.join(map(str, sugg[:3]))}?)"
            value = f" {r['value']!r}" if r.get("value") else ""
            print(
                f"    row {r['row']} id {r['id']} {r['field']}{value}: {r['reason']}{hint}",
                file=file,
            )
        if len(report) > 200:
            print(f"    ... and {len(report) - 200} more (use --json)", file=file)


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the ``incidents`` command.

    Parameters
    ----------
    subparsers : argparse._SubParsersAction
        The top-level parser's sub-parsers.
    """
    p = subparsers.add_parser(
        "incidents",
        help="resolve a table of incidents (CSV/Excel/GeoJSON/GPKG/Parquet, ACLED, UCDP)",
        description=_DESCRIPTION,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("input", help="incidents file (.csv .tsv .xlsx .geojson .gpkg .parquet)")
    p.add_argument(
        "-o",
        "--output",
        help="write the resolved incidents here (.geojson .gpkg .parquet .csv)",
    )
    p.add_argument("--json", action="store_true", help="print summary and report as JSON")
    p.add_argument(
        "--format",
        choices=("auto", "acled", "ucdp", "generic"),
        default="auto",
        help="input layout (default: detect ACLED / UCDP GED exports by their columns)",
    )
    p.add_argument(
        "--zone",
        action="append",
        type=_parse_zone,
        metavar="PLACE:KM",
        help="add distance-to-edge and inside/outside/indeterminate columns for the zone "
        "of KM kilometres around PLACE (repeatable), e.g. --zone al-Tanf:55",
    )
    p.add_argument(
        "--enrich",
        action="store_true",
        help="add the nearest place and the admin area (names and P-codes) of each incident",
    )
    p.add_argument(
        "--country",
        type=country_option,
        help="country to narrow place-name lookups to (ISO alpha-2 in any case, e.g. SY; or Syria)",
    )
    p.add_argument(
        "--encoding",
        help="text encoding of a CSV/TSV input (default UTF-8), e.g. cp1252 or cp1256",
    )
    p.set_defaults(func=_run)
