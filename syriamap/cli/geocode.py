"""``syriamap geocode NAME... [--json]``: resolve place names with the offline gazetteer."""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from syriamap.cli import country_option, positive_int
from syriamap.errors import (
    AmbiguousPlaceError,
    PlaceNotFoundError,
    PlaceNotLocatedError,
    SyriamapError,
)
from syriamap.place import ADMIN_FIELDS

__all__ = ["register"]

_EPILOG = """examples:
  syriamap geocode "Deir ez-Zor" Dêrik al-Tanf
  syriamap geocode "Hasakah governorate" Hasakah --json
  syriamap geocode Sinjar --country SY
  syriamap geocode "Tel Abyad" --search 5

Exit status is 1 when any name could not be resolved (the others are still printed)."""


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the ``geocode`` command.

    Parameters
    ----------
    subparsers : argparse._SubParsersAction
        The top-level parser's sub-parsers.
    """
    p = subparsers.add_parser(
        "geocode",
        help="resolve place names as news writes them (offline gazetteer)",
        description=(
            "Resolve place names (any transliteration, Arabic script, Kurdish names, "
            '"X governorate") to one place each, with coordinates (lon, lat in degrees) '
            "and the radius within which the place lies (precision_m)."
        ),
        epilog=_EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("names", nargs="+", metavar="NAME", help="place name(s) to resolve")
    p.add_argument("--json", action="store_true", help="print a JSON list, one object per name")
    p.add_argument(
        "--country",
        type=country_option,
        help="only places in this country (ISO alpha-2 in any case, e.g. SY, iq; or Syria, SYR)",
    )
    p.add_argument("--kind", help="only places of this kind (city, base, crossing ...)")
    p.add_argument(
        "--near",
        metavar="LON,LAT",
        help="prefer the place closest to this point (degrees, longitude first)",
    )
    p.add_argument(
        "--search",
        type=positive_int,
        metavar="N",
        help="list the N best matches (N >= 1) per name instead of resolving to one",
    )
    p.set_defaults(func=run)


def _near(text: str | None) -> tuple[float, float] | None:
    if text is None:
        return None
    try:
        lon, lat = (float(v) for v in text.split(","))
    except ValueError:
        raise SystemExit(
            f"syriamap geocode: error: --near expects LON,LAT in degrees, got {text!r}"
        ) from None
    return lon, lat


def _error(query: str, exc: SyriamapError) -> dict[str, Any]:
    out: dict[str, Any] = {
        "query": query,
        "error": {"type": type(exc).__name__, "message": str(exc)},
    }
    if isinstance(exc, PlaceNotFoundError):
        out["error"]["suggestions"] = exc.suggestions
    elif isinstance(exc, AmbiguousPlaceError):
        out["error"]["candidates"] = [_place_dict(p) for p in exc.candidates]
    elif isinstance(exc, PlaceNotLocatedError):
        out["error"]["place"] = _place_dict(exc.place)
    return out


def _place_dict(place: Any) -> dict[str, Any]:
    return {
        "id": place.id,
        "name": place.name,
        "lon": place.lon,
        "lat": place.lat,
        "kind": place.kind,
        "country": place.country,
        "precision_m": place.precision_m,
        **{f: getattr(place, f) for f in ADMIN_FIELDS},
        "source": place.source,
    }


def run(args: argparse.Namespace) -> int:
    """Resolve every name; print a table or JSON; return 1 if any failed."""
    from syriamap.gazetteer import Gazetteer, _kind_set

    gz = Gazetteer.default()
    near = _near(args.near)
    # a country without places, an unknown kind: one error (exit 2), not one per name
    gz._country(args.country)
    _kind_set(args.kind)
    results: list[dict[str, Any]] = []
    failed = 0
    for query in args.names:
        try:
            if args.search is not None:
                matches = gz.search(query, limit=args.search, country=args.country, kind=args.kind)
                if not matches:
                    raise PlaceNotFoundError(query)
                results.append(
                    {
                        "query": query,
                        "matches": [
                            {**_place_dict(m.place), "score": m.score, "matched": m.matched}
                            for m in matches
                        ],
                    }
                )
                continue
            res = gz._resolve(query, country=args.country, kind=args.kind, near=near)
        except SyriamapError as exc:
            failed += 1
            results.append(_error(query, exc))
            continue
        p = res.place
        results.append(
            {
                "query": query,
                "name": p.name,
                "lon": p.lon,
                "lat": p.lat,
                "kind": p.kind,
                "country": p.country,
                "precision_m": p.precision_m,
                "matched": res.matched,
                "source": p.source,
                "id": p.id,
                **{f: getattr(p, f) for f in ADMIN_FIELDS},
                "score": res.score,
            }
        )
    if args.json:
        json.dump(results, sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
    else:
        for r in results:
            _print_text(r)
    return 1 if failed else 0


def _print_text(r: dict[str, Any]) -> None:
    if "error" in r:
        print(f"{r['query']}: {r['error']['type']}: {r['error']['message']}", file=sys.stderr)
    elif "matches" in r:
        print(f"{r['query']}:")
        for m in r["matches"]:
            where = "not located" if m["lon"] is None else f"{m['lon']:.5f}, {m['lat']:.5f}"
            print(
                f"  {m['score']:5.1f}  {m['name']} ({m['kind']}, {m['country']})  {where}  "
                f"[{m['id']}, matched {m['matched']!r}]"
            )
    else:
        admin = f", {r['admin1']}" if r["admin1"] else ""
        print(
            f"{r['query']}: {r['name']} ({r['kind']}, {r['country']}{admin})  "
            f"lon {r['lon']:.5f}  lat {r['lat']:.5f}  ±{r['precision_m']:,.0f} m  "
            f"[{r['id']}, {r['source']}, matched {r['matched']!r}]"
        )
