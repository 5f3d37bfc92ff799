"""A tiny stand-in gazetteer for the incidents unit tests.

It follows the Gazetteer contract of docs/DESIGN.md (lookup_many -> frame with
status / error / place_id / matched and attrs["report"]; get; nearest;
admin_area) with a handful of places whose coordinates come from
gazetteer/sources/seed_places_reference.csv.  Integration tests use the real
Gazetteer.default().
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd
from pyproj import Geod

from syriamap.place import Place

TANF = Place(
    "curated:al-tanf-garrison",
    "al-Tanf garrison",
    "base",
    38.61778,
    33.50583,
    2000.0,
    "SY",
    admin1="Homs",
    admin1_pcode="SY04",
    aliases=("al-Tanf", "Tanf"),
)
MALIKIYAH = Place(
    "geonames:173530",
    "al-Malikiyah",
    "town",
    42.133,
    37.167,
    1500.0,
    "SY",
    admin1="Al-Hasakah",
    admin1_pcode="SY08",
    admin2="Al-Malikiyah",
    admin2_pcode="SY0803",
    aliases=("Derik", "Dêrik", "Al-Malikiyah"),
)
KHUSHAM = Place(
    "curated:khusham",
    "Khusham",
    "town",
    40.29333,
    35.29861,
    1500.0,
    "SY",
    admin1="Deir-ez-Zor",
    admin1_pcode="SY09",
    admin3_pcode="SY090105",
    aliases=("Khasham",),
)
HOSH = Place("curated:hosh-matroud", "Hosh Matroud", "locality", None, None, None, "SY")
AMBIG_A = Place("x:a", "Tell Abyad", "town", 38.95, 36.70, 2000.0, "SY")
AMBIG_B = Place("x:b", "Tell Abyad", "village", 37.0, 36.0, 2000.0, "SY")

PLACES = {p.id: p for p in (TANF, MALIKIYAH, KHUSHAM, HOSH, AMBIG_A, AMBIG_B)}
_GEOD = Geod(ellps="WGS84")


@dataclass
class StubAdmin:
    admin1: str | None
    admin1_pcode: str | None
    admin2: str | None = None
    admin2_pcode: str | None = None
    admin3: str | None = None
    admin3_pcode: str | None = None


class StubGazetteer:
    """Names -> places by exact (case-insensitive) alias; counts lookups."""

    def __init__(self) -> None:
        self.calls: list[list[str]] = []

    def _match(self, name: str) -> list[tuple[Place, str]]:
        key = name.strip().lower()
        out = []
        for p in PLACES.values():
            for alias in (p.name, *p.aliases):
                if alias.lower() == key:
                    out.append((p, alias))
                    break
        return out

    def lookup_many(self, names, *, country=None, kind=None):
        names = list(names)
        self.calls.append(names)
        rows, report = [], []
        for i, name in enumerate(names):
            hits = self._match(name)
            if len(hits) == 1 and hits[0][0].located:
                p, alias = hits[0]
                rows.append(dict(query=name, status="ok", error=None, place_id=p.id, matched=alias))
                continue
            if not hits:
                status, err, sugg = "not_found", f"no place named {name!r}", ["al-Tanf garrison"]
            elif len(hits) > 1:
                status, err, sugg = (
                    "ambiguous",
                    f"{name!r} matches 2 places",
                    [h[0].id for h in hits],
                )
            else:
                status, err, sugg = "not_located", f"{name!r} has no sourced location", []
            rows.append(dict(query=name, status=status, error=err, place_id=None, matched=None))
            report.append(dict(row=i, query=name, reason=err, suggestions=sugg))
        df = pd.DataFrame(rows)
        df.attrs["report"] = pd.DataFrame(report, columns=["row", "query", "reason", "suggestions"])
        return df

    def get(self, place_id: str) -> Place:
        return PLACES[place_id]

    def nearest(self, lon: float, lat: float, *, kind=None) -> Place:
        located = [p for p in PLACES.values() if p.located]
        d = [
            _GEOD.inv(lon, lat, p.lon, p.lat)[2]  # type: ignore[arg-type]
            for p in located
        ]
        return located[int(np.argmin(d))]

    def admin_area(self, lon: float, lat: float) -> StubAdmin:
        p = self.nearest(lon, lat)
        return StubAdmin(
            p.admin1, p.admin1_pcode, p.admin2, p.admin2_pcode, p.admin3, p.admin3_pcode
        )
