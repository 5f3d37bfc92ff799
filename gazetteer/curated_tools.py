"""Maintain and check gazetteer/curated.csv (a helper script, not library code).

Usage::

    /work/venv/bin/python gazetteer/curated_tools.py check    # validate curated.csv
    /work/venv/bin/python gazetteer/curated_tools.py summary  # counts by kind/country
    /work/venv/bin/python gazetteer/curated_tools.py doc      # regenerate the tables in CURATED.md

Rows are edited directly in curated.csv (written with the csv module by
``add_rows`` below when adding many at once).  ``check`` validates ids, kinds,
coordinate ranges, sources and precision, and tests every located point
against the Natural Earth country polygons (50m admin-0 plus 10m admin-1).
"""

from __future__ import annotations

import csv
import json
import re
import sys
from pathlib import Path

from syriamap.place import KINDS as PLACE_KINDS

HERE = Path(__file__).resolve().parent
CSV_PATH = HERE / "curated.csv"
NE = HERE / "sources" / "naturalearth"
HEADER = [
    "id",
    "name",
    "name_ar",
    "kind",
    "lon",
    "lat",
    "precision_m",
    "country",
    "admin1",
    "admin2",
    "aliases",
    "source_url",
    "note",
    "on_generalised_border",
]
# curated rows are sites and areas, never admin units (those come from OpenSyria)
KINDS = set(PLACE_KINDS) - {"governorate", "district", "subdistrict", "province"}


def read_rows(path: Path = CSV_PATH) -> list[dict[str, str]]:
    with open(path, newline="", encoding="utf-8") as fh:
        reader = csv.DictReader(fh)
        assert reader.fieldnames == HEADER, reader.fieldnames
        return list(reader)


def write_rows(rows: list[dict[str, str]], path: Path = CSV_PATH) -> None:
    with open(path, "w", newline="", encoding="utf-8") as fh:
        w = csv.DictWriter(fh, fieldnames=HEADER, lineterminator="\n")
        w.writeheader()
        for r in rows:
            w.writerow({k: r.get(k, "") for k in HEADER})


def add_rows(new: list[dict[str, str]]) -> None:
    """Append rows (dicts) to curated.csv, replacing rows with the same id."""
    rows = read_rows() if CSV_PATH.exists() else []
    by_id = {r["id"]: i for i, r in enumerate(rows)}
    for r in new:
        r = {k: ("" if r.get(k) is None else str(r.get(k))) for k in HEADER}
        if r["id"] in by_id:
            rows[by_id[r["id"]]] = r
        else:
            by_id[r["id"]] = len(rows)
            rows.append(r)
    write_rows(rows)


def dms(d: float, m: float = 0, s: float = 0, hemi: str = "N") -> float:
    v = d + m / 60 + s / 3600
    return round(-v if hemi in "SW" else v, 6)


def _polygons():
    from shapely.geometry import shape
    from shapely.ops import unary_union

    countries: dict[str, list] = {}
    with open(NE / "ne_50m_admin_0_countries_SY_region.geojson", encoding="utf-8") as fh:
        for f in json.load(fh)["features"]:
            countries.setdefault(f["properties"]["ISO_A2"], []).append(shape(f["geometry"]))
    adm1: dict[str, list] = {}
    with open(NE / "ne_10m_admin_1_states_provinces_SY_neighbours.geojson", encoding="utf-8") as fh:
        for f in json.load(fh)["features"]:
            adm1.setdefault(f["properties"]["iso_a2"], []).append(shape(f["geometry"]))
    c50 = {k: unary_union(v) for k, v in countries.items()}
    c10 = {k: unary_union(v) for k, v in adm1.items()}
    return c50, c10


def check(path: Path = CSV_PATH) -> int:
    from shapely.geometry import Point

    rows = read_rows(path)
    errors: list[str] = []
    warnings: list[str] = []
    seen: set[str] = set()
    c50, c10 = _polygons()
    for n, r in enumerate(rows, start=2):
        rid = r["id"]
        where = f"line {n} {rid}"
        if not re.fullmatch(r"curated:[a-z0-9]+(?:-[a-z0-9]+)*", rid):
            errors.append(f"{where}: bad id")
        if rid in seen:
            errors.append(f"{where}: duplicate id")
        seen.add(rid)
        if r["kind"] not in KINDS:
            errors.append(f"{where}: bad kind {r['kind']!r}")
        if not r["name"].strip():
            errors.append(f"{where}: empty name")
        if not re.fullmatch(r"[A-Z]{2}", r["country"]):
            errors.append(f"{where}: bad country {r['country']!r}")
        if r["on_generalised_border"] not in ("", "true"):
            errors.append(f"{where}: on_generalised_border must be '' or 'true'")
        for a in r["aliases"].split("|") if r["aliases"] else []:
            if not a.strip() or a != a.strip():
                errors.append(f"{where}: empty/whitespace alias {a!r}")
        located = bool(r["lon"] or r["lat"])
        if not located:
            if r["precision_m"]:
                errors.append(f"{where}: unlocated row with precision_m")
            if not r["note"]:
                errors.append(f"{where}: unlocated row needs a note")
            continue
        try:
            lon, lat = float(r["lon"]), float(r["lat"])
        except ValueError:
            errors.append(f"{where}: lon/lat not numbers")
            continue
        # (the box of the countries shipped: Syria, its neighbours, Egypt, Saudi Arabia, Iran)
        if not (19 <= lon <= 64 and 12 <= lat <= 43):
            errors.append(f"{where}: lon/lat outside region ({lon}, {lat}) - swapped?")
        if not r["source_url"].startswith("http"):
            errors.append(f"{where}: located row without source_url")
        try:
            p = float(r["precision_m"])
            if p <= 0:
                raise ValueError
        except ValueError:
            errors.append(f"{where}: bad precision_m {r['precision_m']!r}")
        if r["admin1"] or r["admin2"]:
            warnings.append(f"{where}: admin names on a located row (build derives them)")
        pt = Point(lon, lat)
        cc = r["country"]
        in50 = cc in c50 and c50[cc].covers(pt)
        in10 = cc in c10 and c10[cc].covers(pt) if cc in c10 else None
        ok = in50 and (in10 is None or in10)
        if not ok:
            others = [k for k, g in c50.items() if g.covers(pt)]
            msg = (
                f"{where}: ({lon}, {lat}) not inside {cc} polygon "
                f"(50m={in50}, 10m={in10}; 50m says {others})"
            )
            if r["on_generalised_border"] == "true":
                warnings.append("flagged border: " + msg)
            else:
                errors.append(msg)
        elif r["on_generalised_border"] == "true":
            dist = min(
                c50[cc].boundary.distance(pt), c10[cc].boundary.distance(pt) if cc in c10 else 9
            )
            warnings.append(
                f"{where}: flagged border but inside both polygons "
                f"(edge {dist * 100:.1f} km approx)"
            )
    for w in warnings:
        print("WARN", w)
    for e in errors:
        print("ERROR", e)
    located = sum(1 for r in rows if r["lon"])
    print(
        f"{len(rows)} rows, {located} located, {len(rows) - located} unlocated, "
        f"{len(errors)} errors, {len(warnings)} warnings"
    )
    return 1 if errors else 0


def summary(path: Path = CSV_PATH) -> str:
    """Markdown tables of row counts by kind and country (for CURATED.md)."""
    from collections import Counter

    rows = read_rows(path)
    loc = Counter((r["kind"], r["country"]) for r in rows if r["lon"])
    unl = Counter((r["kind"], r["country"]) for r in rows if not r["lon"])
    keys = sorted(set(loc) | set(unl))
    out = ["| kind | country | located | unlocated |", "|---|---|---|---|"]
    out += [f"| {k} | {c} | {loc[(k, c)]} | {unl[(k, c)]} |" for k, c in keys]
    out.append(f"| **total** | | **{sum(loc.values())}** | **{sum(unl.values())}** |")
    return "\n".join(out)


DOC_PATH = HERE / "CURATED.md"
GEN_START = "<!-- generated: do not edit below (curated_tools.py doc) -->"


def write_doc(path: Path = DOC_PATH) -> None:
    """Replace the generated part of CURATED.md (counts, unlocated, border flags)."""
    rows = read_rows()
    text = path.read_text(encoding="utf-8")
    head = text.split(GEN_START)[0].rstrip() + "\n\n" + GEN_START + "\n\n"
    parts = ["## Counts by kind and country\n", summary(), ""]
    parts.append("## Unlocated places (no sourced point: lookup must say so)\n")
    parts.append("| id | name | admin1 / admin2 | what is known |")
    parts.append("|---|---|---|---|")
    for r in rows:
        if not r["lon"]:
            adm = " / ".join(x for x in (r["admin1"], r["admin2"]) if x)
            parts.append(f"| `{r['id']}` | {r['name']} | {adm} | {r['note'].replace('|', '/')} |")
    parts.append("")
    parts.append("## Rows flagged `on_generalised_border`\n")
    parts.append("| id | country | precision_m |")
    parts.append("|---|---|---|")
    for r in rows:
        if r["on_generalised_border"] == "true":
            parts.append(f"| `{r['id']}` | {r['country']} | {r['precision_m']} |")
    parts.append("")
    path.write_text(head + "\n".join(parts), encoding="utf-8")


if __name__ == "__main__":
    cmd = sys.argv[1] if len(sys.argv) > 1 else "check"
    if cmd == "check":
        sys.exit(check())
    if cmd == "doc":
        write_doc()
        sys.exit(0)
    if cmd == "summary":
        print(summary())
        sys.exit(0)
    print(__doc__)
    sys.exit(2)
