"""Benchmark: Zone.contains and distance_m against the usual alternatives, same run.

Usage::

    python benchmarks/bench_zones.py [--n 1000000] [--repeat 5] [--seed 0]

Points (fixed seed): half uniform in a 2° x 2° box around the al-Tanf garrison
(33.50583 N, 38.61778 E, seed_places_reference.csv), half at random azimuths and
geodesic distances uniform in 55 km ± 2 km (so 0.5 % lie within 10 m of the edge),
plus 1,000 of those replaced by points within 1 m of the edge.  The truth is
``pyproj.Geod.inv`` distance <= 55,000 m for every point.

Rows of the table:

* ``Zone.contains`` (syriamap; grid build timed separately, then best of --repeat);
* shapely ``contains_xy`` on the same geodesic polygon (what a map draws: shows
  what containment by the polygon's chords gets wrong);
* geopandas: a buffer of 55 km / 111.32 km in degrees around the centre and
  ``within`` (the common shortcut);
* ``Geod.inv`` for every point (the truth);
* ``distance_m`` on N point pairs vs a ``geopy.distance.geodesic`` loop
  (timed on a sample of 20,000 pairs and extrapolated to N).
"""

from __future__ import annotations

import argparse
import time
import warnings
from collections.abc import Callable
from typing import Any

import numpy as np

TANF = (38.61778, 33.50583)  # al-Tanf garrison, seed_places_reference.csv
RADIUS_M = 55_000.0


def make_points(n: int, seed: int) -> tuple[np.ndarray, np.ndarray]:
    from syriamap.geodesy import WGS84

    rng = np.random.default_rng(seed)
    n_box = n // 2
    n_ring = n - n_box
    lon_box = rng.uniform(TANF[0] - 1.0, TANF[0] + 1.0, n_box)
    lat_box = rng.uniform(TANF[1] - 1.0, TANF[1] + 1.0, n_box)
    dist = RADIUS_M + rng.uniform(-2000.0, 2000.0, n_ring)
    dist[: min(1000, n_ring)] = RADIUS_M + rng.uniform(-1.0, 1.0, min(1000, n_ring))
    az = rng.uniform(-180.0, 180.0, n_ring)
    lon_ring, lat_ring, _ = WGS84.fwd(np.full(n_ring, TANF[0]), np.full(n_ring, TANF[1]), az, dist)
    lon = np.concatenate([lon_box, lon_ring])
    lat = np.concatenate([lat_box, lat_ring])
    order = rng.permutation(n)
    return np.ascontiguousarray(lon[order]), np.ascontiguousarray(lat[order])


def best_of(repeat: int, func: Callable[[], Any]) -> tuple[float, Any]:
    best, out = float("inf"), None
    for _ in range(repeat):
        t0 = time.perf_counter()
        out = func()
        best = min(best, time.perf_counter() - t0)
    return best, out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=1_000_000, help="number of points")
    parser.add_argument("--repeat", type=int, default=5, help="timings per method (best kept)")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--geopy-sample", type=int, default=20_000)
    args = parser.parse_args()

    import geopandas as gpd
    import shapely
    from geopy.distance import geodesic

    from syriamap.geodesy import WGS84, distance_m
    from syriamap.zones import Zone

    n = args.n
    lon, lat = make_points(n, args.seed)

    # --- truth: Geod.inv for every point
    t_inv, dist = best_of(
        max(1, args.repeat // 2),
        lambda: WGS84.inv(np.full(n, TANF[0]), np.full(n, TANF[1]), lon, lat)[2],
    )
    truth = dist <= RADIUS_M
    near10 = int(np.count_nonzero(np.abs(dist - RADIUS_M) <= 10.0))
    print(f"{n:,} points around al-Tanf; {int(truth.sum()):,} inside 55 km (Geod.inv truth);")
    print(f"{near10:,} within 10 m of the edge, ", end="")
    print(f"{int(np.count_nonzero(np.abs(dist - RADIUS_M) <= 1.0)):,} within 1 m\n")

    rows: list[tuple[str, float, int | str, str]] = []

    # --- syriamap Zone.contains
    zone = Zone.around(TANF, radius_km=55, name="55 km zone around al-Tanf garrison")
    t0 = time.perf_counter()
    zone.contains(lon[:100_000], lat[:100_000])  # builds the grid (once per zone)
    t_build = time.perf_counter() - t0
    t_zone, got = best_of(args.repeat, lambda: zone.contains(lon, lat))
    rows.append(("syriamap Zone.contains", t_zone, int(np.count_nonzero(got != truth)), "exact"))

    # --- the drawn geodesic polygon and shapely (chords)
    poly = zone.polygon
    shapely.prepare(poly)
    t_poly, got = best_of(args.repeat, lambda: shapely.contains_xy(poly, lon, lat))
    rows.append(
        (
            f"shapely contains_xy, geodesic polygon ({len(poly.exterior.coords) - 1} vertices)",
            t_poly,
            int(np.count_nonzero(got != truth)),
            "chord error",
        )
    )

    # --- geopandas buffer in degrees + within
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # geopandas warns about buffering in degrees
        circle_deg = gpd.GeoSeries([shapely.Point(TANF)], crs="EPSG:4326").buffer(
            RADIUS_M / 111_320.0
        )[0]

        def gpd_within() -> np.ndarray:
            pts = gpd.GeoSeries(gpd.points_from_xy(lon, lat), crs="EPSG:4326")
            return pts.within(circle_deg).to_numpy()

        t_gpd, got = best_of(max(1, args.repeat // 2), gpd_within)
    rows.append(
        (
            "geopandas buffer(55 km / 111.32 km in °) + within",
            t_gpd,
            int(np.count_nonzero(got != truth)),
            "degrees ≠ metres",
        )
    )
    rows.append(("pyproj Geod.inv for every point (truth)", t_inv, 0, "exact"))

    # --- distances: distance_m on n pairs vs geopy loop
    rng = np.random.default_rng(args.seed + 1)
    lon2 = rng.uniform(35.7, 42.4, n)
    lat2 = rng.uniform(32.3, 37.3, n)
    t_dm, dm = best_of(max(1, args.repeat // 2), lambda: distance_m(lon, lat, lon2, lat2))
    k = min(args.geopy_sample, n)
    t0 = time.perf_counter()
    ref = np.array(
        [geodesic((lat[i], lon[i]), (lat2[i], lon2[i])).meters for i in range(k)],
        dtype=np.float64,
    )
    t_geopy = (time.perf_counter() - t0) * n / k
    max_diff = float(np.abs(dm[:k] - ref).max())

    print(f"{'method':<62} {'time (s)':>10} {'points/s':>14} {'misclassified':>14}  note")
    print("-" * 112)
    for name, t, mis, note in rows:
        print(f"{name:<62} {t:>10.4f} {n / t:>14,.0f} {mis!s:>14}  {note}")
    print(f"  (Zone grid built once in {t_build:.3f} s on the first large call)")
    print(f"  Zone.contains speed-up over Geod.inv: {t_inv / t_zone:.1f}x; goal ≤ 0.05 s per 1M")
    print()
    print(f"{'distance on pairs':<62} {'time (s)':>10} {'pairs/s':>14}")
    print("-" * 90)
    print(f"{'syriamap distance_m (pyproj Geod over arrays)':<62} {t_dm:>10.4f} {n / t_dm:>14,.0f}")
    print(
        f"{f'geopy geodesic loop (timed on {k:,}, extrapolated)':<62} {t_geopy:>10.2f} "
        f"{n / t_geopy:>14,.0f}"
    )
    print(f"  speed-up {t_geopy / t_dm:.0f}x; largest difference on the sample {max_diff:.2e} m")


if __name__ == "__main__":
    main()
