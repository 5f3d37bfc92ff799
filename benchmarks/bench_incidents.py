"""Throughput of incidents() and enrich() on large synthetic tables.

Run: python benchmarks/bench_incidents.py [N]   (default N = 1,000,000)

Prints rows/s for: explicit lon/lat rows; place-name rows (a few hundred
distinct names, looked up once each); coordinate strings; enrich() with the
55 km al-Tanf zone; enrich() nearest place + admin area (per distinct point).
"""

from __future__ import annotations

import sys
import time

import numpy as np
import pandas as pd

from syriamap._incidents import enrich, incidents
from syriamap.datasets import seed_zones
from syriamap.gazetteer import Gazetteer


def timed(label: str, n: int, fn):
    t0 = time.perf_counter()
    out = fn()
    dt = time.perf_counter() - t0
    print(f"{label:<58} {n:>9,} rows  {dt:7.2f} s  {n / dt:>12,.0f} rows/s")
    return out


def main(n: int) -> None:
    rng = np.random.default_rng(0)
    gz = Gazetteer.default()
    days = pd.date_range("2011-03-15", "2024-12-31").strftime("%Y-%m-%d").to_numpy()
    dates = rng.choice(days, n)
    lon = rng.uniform(35.7, 42.3, n)
    lat = rng.uniform(32.4, 37.3, n)
    base = pd.DataFrame(
        {
            "id": np.arange(n).astype(str),
            "date": dates,
            "event_type": rng.choice(["Air strike", "Shelling", "Armed clash", "Protest"], n),
            "fatalities": rng.integers(0, 20, n),
        }
    )
    timed(
        "incidents(): lon/lat columns, ISO dates",
        n,
        lambda: incidents(
            base.assign(lon=lon, lat=lat, geo_precision=rng.integers(1, 4, n)), gazetteer=gz
        ),
    )

    names = [p.name for p in list(gz._places)[:3000] if p.located and p.country == "SY"][:300]
    m = n
    timed(
        f"incidents(): place names ({len(names)} distinct)",
        m,
        lambda: incidents(base.assign(place=rng.choice(names, m)), gazetteer=gz),
    )

    k = min(n, 100_000)
    coords = [f"{y:.5f}, {x:.5f}" for x, y in zip(lon[:k], lat[:k], strict=True)]
    timed(
        "incidents(): 'lat, lon' coordinate strings",
        k,
        lambda: incidents(base.iloc[:k].assign(coords=coords), gazetteer=gz),
    )

    gdf = incidents(
        base.assign(lon=lon, lat=lat, precision_m=rng.uniform(0, 50_000, n)), gazetteer=gz
    )
    timed(
        "enrich(): 55 km al-Tanf zone (distance, relation, margin)",
        n,
        lambda: enrich(gdf, zones=seed_zones(), nearest=False, admin=False, gazetteer=gz),
    )
    j = min(n, 5_000)
    timed(
        "enrich(): nearest place + admin area (distinct points)",
        j,
        lambda: enrich(gdf.iloc[:j], gazetteer=gz),
    )


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 1_000_000)
