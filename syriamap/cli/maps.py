"""``syriamap demo`` and ``syriamap map``: write interactive HTML maps.

``syriamap demo -o map.html`` maps the embedded seed incidents with the al-Tanf
zone, offline.  ``syriamap map INPUT -o OUTPUT.html [--zone PLACE:KM ...]
[--offline]`` maps any incident file that :func:`syriamap.incidents` reads.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

__all__ = ["parse_zone", "register"]


def parse_zone(text: str) -> Any:
    """Return a :class:`~syriamap.zones.Zone` from ``PLACE:KM`` (or ``LON,LAT:KM``).

    Parameters
    ----------
    text : str
        A place name as the gazetteer knows it, or ``lon,lat`` in degrees,
        then ``:`` and the radius in kilometres, e.g. ``al-Tanf:55`` or
        ``38.6178,33.5058:55``.

    Returns
    -------
    Zone
        A geodesic circle zone named ``"<PLACE> <KM> km"``.

    Raises
    ------
    ValueError
        If the text is not of that form.
    """
    from syriamap.zones import Zone

    place, sep, km = text.rpartition(":")
    place = place.strip()
    if not sep or not place:
        raise ValueError(f"--zone expects PLACE:KM (e.g. al-Tanf:55), got {text!r}")
    try:
        radius_km = float(km)
    except ValueError:
        raise ValueError(f"--zone radius must be a number of km, got {km!r} in {text!r}") from None
    center: Any = place
    parts = place.split(",")
    if len(parts) == 2:
        try:
            center = (float(parts[0]), float(parts[1]))
        except ValueError:
            center = place
    label = f"{place} {radius_km:g} km zone"
    return Zone.around(center, radius_km=radius_km, name=label)


def _write(m: Any, output: str) -> int:
    path = Path(output)
    m.save(str(path))
    print(f"wrote {path} ({path.stat().st_size / 1e6:.2f} MB)")
    return 0


def _demo(args: argparse.Namespace) -> int:
    from syriamap import datasets
    from syriamap.maps import incident_map

    gdf = datasets.seed_incidents()
    zones = list(datasets.seed_zones())
    m = incident_map(
        gdf,
        zones=zones,
        offline=not args.online,
        title=args.title or "Syria: seed incidents and the al-Tanf zone",
    )
    return _write(m, args.output)


def _map(args: argparse.Namespace) -> int:
    from syriamap._incidents import incidents
    from syriamap.maps import incident_map

    zones = [parse_zone(z) for z in args.zone]  # fail fast, before reading the file
    gdf = incidents(args.input)
    report = gdf.attrs.get("report")
    if report is not None and len(report):
        print(
            f"{len(report)} problem(s) while reading {args.input}; rows without a location "
            "are listed in the map's legend but not drawn",
            file=sys.stderr,
        )
    m = incident_map(
        gdf,
        zones=zones,
        offline=args.offline,
        title=args.title or Path(args.input).name,
        group_by=None if args.group_by == "none" else args.group_by,
    )
    return _write(m, args.output)


def register(subparsers: Any) -> None:
    """Add the ``demo`` and ``map`` commands.

    Parameters
    ----------
    subparsers : argparse._SubParsersAction
        From ``ArgumentParser.add_subparsers``.
    """
    demo = subparsers.add_parser(
        "demo",
        help="write the map of the seed incidents with the al-Tanf zone",
        description="Write an interactive HTML map of the embedded seed incidents with the "
        "al-Tanf 55 km zone. Offline by default: one file, no network request.",
    )
    demo.add_argument("-o", "--output", default="syriamap-demo.html", help="HTML file to write")
    demo.add_argument("--online", action="store_true", help="also offer web tile layers")
    demo.add_argument("--title", help="map title (plain text)")
    demo.set_defaults(func=_demo)

    mp = subparsers.add_parser(
        "map",
        help="write an interactive HTML map of an incident file",
        description="Write an interactive HTML map of incidents (CSV, XLSX, GeoJSON, GPKG, "
        "Parquet: anything syriamap.incidents reads).",
    )
    mp.add_argument("input", help="incident file")
    mp.add_argument("-o", "--output", required=True, help="HTML file to write")
    mp.add_argument(
        "--zone",
        action="append",
        default=[],
        metavar="PLACE:KM",
        help="geodesic circle zone, e.g. al-Tanf:55 or 38.6178,33.5058:55 (repeatable)",
    )
    mp.add_argument(
        "--offline",
        action="store_true",
        help="self-contained file with no network request (vector basemap only, no tiles)",
    )
    mp.add_argument("--title", help="map title (plain text; default: the file name)")
    mp.add_argument(
        "--group-by",
        default="event_type",
        help="column whose values become toggleable layers (default event_type; 'none')",
    )
    mp.set_defaults(func=_map)
