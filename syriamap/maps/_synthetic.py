"""Synthetic incidents in the incidents schema, for benchmarks and tests.

Incidents cluster around Syrian towns of the embedded basemap, with a mix of
event types, actors, date precisions and location precisions.  Nothing here is
real; every description says so.
"""

from __future__ import annotations

from typing import Any

import numpy as np

__all__ = ["synthetic_incidents"]

EVENT_TYPES = (
    "Battles",
    "Explosions/Remote violence",
    "Violence against civilians",
    "Strategic developments",
    "Protests",
    "Riots",
)
ACTORS = (
    "Syrian Democratic Forces",
    "Military Forces of Syria",
    "Hayat Tahrir al-Sham",
    "Islamic State",
    "Syrian National Army",
    "Military Forces of the United States",
    "Military Forces of Russia",
    "Military Forces of Turkey",
    "Unidentified Armed Group",
    "Civilians",
)
OUTLETS = ("Syrian Observatory", "Enab Baladi", "North Press", "SANA", "Reuters", "AFP")


def synthetic_incidents(n: int, *, seed: int = 0) -> Any:
    """Return ``n`` synthetic incidents in Syria as a GeoDataFrame (EPSG:4326).

    Parameters
    ----------
    n : int
        Number of rows.
    seed : int, default 0
        Random seed (the same seed gives the same frame).

    Returns
    -------
    geopandas.GeoDataFrame
        Columns of the incidents schema; points clustered around towns.
    """
    import geopandas as gpd
    import pandas as pd

    from syriamap.maps._basemap import basemap

    rng = np.random.default_rng(seed)
    towns = [t for t in basemap()["towns"] if t["country"] == "Syria"]
    weights = np.array([{1: 6.0, 2: 3.0, 3: 1.5}[t["rank"]] for t in towns])
    which = rng.choice(len(towns), size=n, p=weights / weights.sum())
    spread = rng.choice([0.02, 0.08, 0.25], size=n, p=[0.5, 0.35, 0.15])
    lon = np.array([towns[i]["lon"] for i in which]) + rng.normal(0, 1, n) * spread
    lat = np.array([towns[i]["lat"] for i in which]) + rng.normal(0, 1, n) * spread * 0.8
    place = np.array([towns[i]["name"] for i in which], dtype=object)
    arabic = np.array([towns[i]["name_ar"] for i in which], dtype=object)
    # news as written: a fifth of the places in Arabic script
    written = np.where(rng.random(n) < 0.2, arabic, place)

    precision = rng.choice(["day", "day", "day", "week", "month", "range"], size=n)
    start = pd.Timestamp("2023-01-01") + pd.to_timedelta(rng.integers(0, 730, n), unit="D")
    length = np.select(
        [precision == "week", precision == "month", precision == "range"],
        [6, 29, rng.integers(1, 10, n)],
        0,
    )
    end = start + pd.to_timedelta(length, unit="D")
    types = np.array(EVENT_TYPES)[
        rng.choice(len(EVENT_TYPES), n, p=[0.3, 0.3, 0.15, 0.1, 0.1, 0.05])
    ]
    actor1 = np.array(ACTORS)[rng.integers(0, len(ACTORS) - 1, n)]
    actor2 = np.array(ACTORS)[rng.integers(0, len(ACTORS), n)]
    prec_m = rng.choice(
        [0.0, 250.0, 2_000.0, 10_000.0, 25_000.0], size=n, p=[0.3, 0.3, 0.2, 0.15, 0.05]
    )
    ids = np.char.add("SYN", np.char.zfill(np.arange(n).astype(str), 6))
    frame = pd.DataFrame(
        {
            "id": ids,
            "date": start.strftime("%Y-%m-%d"),
            "date_end": end.strftime("%Y-%m-%d"),
            "date_precision": precision,
            "event_type": types,
            "actor1": actor1,
            "actor2": np.where(actor2 == actor1, "", actor2),
            "place": written,
            "place_id": "",
            "place_name": place,
            "matched": place,
            "lon": lon.round(5),
            "lat": lat.round(5),
            "precision_m": prec_m,
            "location_note": np.where(prec_m >= 10_000, "near the town (as reported)", ""),
            "country": "SY",
            "admin1": "",
            "source_url": np.char.add("https://example.org/report/", ids),
            "source_outlet": np.array(OUTLETS)[rng.integers(0, len(OUTLETS), n)],
            "description": np.char.add(
                "Synthetic test incident (not a real event) reported near the town; ",
                np.char.add("reference ", ids),
            ),
            "fatalities": rng.poisson(1.2, n),
        }
    )
    return gpd.GeoDataFrame(frame, geometry=gpd.points_from_xy(lon, lat), crs="EPSG:4326")
