"""``syriamap distance`` and ``syriamap within``: geodesic questions from the shell.

``syriamap distance A B [--json]`` prints the geodesic distance and bearing
between two places (names as news writes them, or ``lon,lat``), with the sum of
their precision radii.

``syriamap within --around PLACE --radius-km KM NAME... [--json]`` says for each
name whether it is inside, outside or indeterminate relative to the circle of
``KM`` kilometres around ``PLACE``, using each place's precision as its
uncertainty.  Names that cannot be located are reported with the reason and make
the exit status 1.
"""

from __future__ import annotations

import argparse
import json
import math
import sys
from typing import Any

from syriamap.errors import SyriamapError

__all__ = ["parse_point", "register"]


def parse_point(text: str) -> Any:
    """Return ``(lon, lat)`` for ``"lon,lat"`` text, else the text itself (a name).

    Parameters
    ----------
    text : str
        ``"38.6178,33.5058"`` (longitude first) or a place name.

    Returns
    -------
    tuple of float or str

    See Also
    --------
    syriamap.geodesy.resolve_point : resolves the result.

    Examples
    --------
    >>> parse_point("38.6178, 33.5058")
    (38.6178, 33.5058)
    >>> parse_point("al-Tanf")
    'al-Tanf'
    """
    parts = text.split(",")
    if len(parts) == 2:
        try:
            return (float(parts[0]), float(parts[1]))
        except ValueError:
            pass
    return text


def _clean(value: Any) -> Any:
    """Replace NaN with None so the output is valid JSON."""
    if isinstance(value, float) and math.isnan(value):
        return None
    if isinstance(value, dict):
        return {k: _clean(v) for k, v in value.items()}
    return value


def _km(metres: float | None) -> str:
    return "unknown" if metres is None or math.isnan(metres) else f"{metres / 1000:,.1f} km"


def _distance(args: argparse.Namespace) -> int:
    from syriamap.geodesy import distance

    d = distance(parse_point(args.a), parse_point(args.b))
    if args.json:
        print(json.dumps(_clean(d.to_dict()), ensure_ascii=False, indent=2))
        return 0
    print(d)
    for label, end in (("from", d.start), ("to", d.end)):
        ident = f"{end.place.id}, " if end.place is not None else ""
        print(
            f"  {label:<4} {end.name} ({ident}{end.lon:.5f}, {end.lat:.5f}; "
            f"precision {_km(end.precision_m)})"
        )
    return 0


def _within(args: argparse.Namespace) -> int:
    from syriamap.geodesy import resolve_point
    from syriamap.zones import Zone

    zone = Zone.around(parse_point(args.around), radius_km=args.radius_km)
    lon, lat = zone.center  # type: ignore[misc]
    centre_u = zone.center_precision_m or 0.0
    rows: list[dict[str, Any]] = []
    failed = 0
    for name in args.names:
        try:
            end = resolve_point(parse_point(name), role="NAME")
        except SyriamapError as exc:
            failed += 1
            rows.append({"name": name, "error": str(exc), "error_type": type(exc).__name__})
            continue
        uncertainty = math.nan if end.precision_m is None else float(end.precision_m)
        if args.center_uncertainty:
            uncertainty += centre_u
        rel = zone.relation(end.lon, end.lat, uncertainty_m=uncertainty)
        edge = float(rel.distance_to_edge_m)
        rows.append(
            {
                "name": name,
                "place_id": end.place.id if end.place is not None else None,
                "place_name": end.name,
                "lon": end.lon,
                "lat": end.lat,
                "precision_m": end.precision_m,
                "distance_m": edge + zone.radius_m,  # type: ignore[operator]
                "distance_to_edge_m": edge,
                "uncertainty_m": uncertainty,
                "relation": str(rel.relation),
                "margin_m": float(rel.margin_m),
            }
        )
    if args.json:
        out = {
            "zone": {
                "name": zone.name,
                "center_lon": lon,
                "center_lat": lat,
                "radius_m": zone.radius_m,
                "center_precision_m": zone.center_precision_m,
            },
            "results": [_clean(r) for r in rows],
        }
        print(json.dumps(out, ensure_ascii=False, indent=2))
    else:
        print(
            f"{zone.name} (centre {lon:.5f}, {lat:.5f}; centre precision "
            f"{_km(zone.center_precision_m)}"
            f"{', added to each uncertainty' if args.center_uncertainty else ''})"
        )
        print(f"{'name':<24} {'distance':>11} {'± uncertainty':>14}  {'relation':<14} margin")
        for r in rows:
            if "error" in r:
                print(f"{r['name']:<24} {'-':>11} {'-':>14}  {r['error_type']} (see stderr)")
                continue
            print(
                f"{r['name']:<24} {_km(r['distance_m']):>11} {_km(r['uncertainty_m']):>14}  "
                f"{r['relation']:<14} {_km(r['margin_m'])}"
            )
    for r in rows:
        if "error" in r and not args.json:
            print(f"syriamap within: {r['name']!r}: {r['error']}", file=sys.stderr)
    return 1 if failed else 0


def register(subparsers: Any) -> None:
    """Add the ``distance`` and ``within`` commands to the top-level parser.

    Parameters
    ----------
    subparsers : argparse._SubParsersAction
        From ``ArgumentParser.add_subparsers``.

    See Also
    --------
    syriamap.cli.main : runs the parser.
    """
    p = subparsers.add_parser(
        "distance",
        help="geodesic distance and bearing between two places",
        description=(
            "Geodesic distance (WGS84) between two places given as names or lon,lat, "
            "with the sum of their precision radii."
        ),
        epilog=(
            "examples:\n  syriamap distance al-Tanf Rukban\n"
            '  syriamap distance "38.6,33.5" Palmyra --json'
        ),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("a", metavar="A", help="place name or lon,lat (degrees, longitude first)")
    p.add_argument("b", metavar="B", help="place name or lon,lat")
    p.add_argument("--json", action="store_true", help="print JSON")
    p.set_defaults(func=_distance)

    w = subparsers.add_parser(
        "within",
        help="inside / outside / indeterminate relative to a circle around a place",
        description=(
            "For each NAME, the geodesic distance to the centre and whether it is inside, "
            "outside or indeterminate (its precision disc straddles the edge). Exit "
            "status 1 if any name cannot be located."
        ),
        epilog="example: syriamap within --around al-Tanf --radius-km 55 Rukban Palmyra",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    w.add_argument("names", metavar="NAME", nargs="+", help="place names or lon,lat")
    w.add_argument("--around", required=True, help="centre: place name or lon,lat")
    w.add_argument(
        "--radius-km", type=float, default=55.0, help="radius in kilometres (default 55)"
    )
    w.add_argument(
        "--center-uncertainty",
        action="store_true",
        help="add the centre's own precision to each place's uncertainty",
    )
    w.add_argument("--json", action="store_true", help="print JSON")
    w.set_defaults(func=_within)
