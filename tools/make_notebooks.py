"""Write notebooks/*.ipynb from the cell lists below (run: python tools/make_notebooks.py notebooks)."""
import sys
import nbformat
from nbformat.v4 import new_notebook, new_markdown_cell, new_code_cell

def build(path, cells):
    nb = new_notebook()
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nb.metadata["language_info"] = {"name": "python"}
    for c in cells:
        c = c.strip("\n")
        if c.startswith("#md\n"):
            nb.cells.append(new_markdown_cell(c[4:]))
        else:
            nb.cells.append(new_code_cell(c))
    nbformat.write(nb, path)

QUICK = [
"""#md
# syriamap quickstart

Look up places the way news writes them, measure geodesic distances, and check whether incidents
fall inside the 55 km deconfliction zone around al-Tanf — honestly, given how precisely each
location is known. Everything here runs offline from the data embedded in the package.

Coordinates are **(lon, lat)** in WGS84 degrees; distances are in **metres** unless a name says `_km`.""",
"""import syriamap
from syriamap import Gazetteer

gz = Gazetteer.default()
gz.lookup("al-Tanf")""",
"""#md
## Names as news writes them
Transliteration variants, articles, Kurdish and Arabic script, and double names of one place all
resolve to the same place.""",
"""import pandas as pd

names = ["Deir al-Zour", "Deir ez-Zor", "Dayr az-Zawr", "دير الزور",
         "Derik", "Dêrik", "al-Malikiyah", "المالكية",
         "At Tanf", "Albu Kamal", "Abu Kamal", "Khusham", "Hasakah", "Hasakah governorate",
         "al-Qaim", "Mafraq"]
rows = []
for name in names:
    p = gz.lookup(name)
    rows.append({"query": name, "id": p.id, "name": p.name, "kind": p.kind, "country": p.country,
                 "lon": p.lon, "lat": p.lat, "precision_m": p.precision_m, "source": p.source})
pd.DataFrame(rows)""",
"""#md
`search` returns ranked candidates with the alias that matched — useful for misspellings:""",
"""[(m.place.name, m.place.kind, m.place.country, round(m.score, 1), m.matched) for m in gz.search("Dair Ezzor", limit=5)]""",
"""#md
## Places the gazetteer knows but cannot locate
Hosh Matroud (the June 2022 strike) and Qesirdib (the 2020 Russian base attempt) are named in the
news but have no published coordinates. syriamap does not invent a point: `lookup` raises
`PlaceNotLocatedError`, which carries what is known.""",
"""try:
    gz.lookup("Hosh Matroud")
except syriamap.PlaceNotLocatedError as err:
    print(type(err).__name__)
    print(err.place.name, "| located:", err.place.located)
    print(err.place.note)""",
"""#md
## Geodesic distances (WGS84 ellipsoid, pyproj)""",
"""d = syriamap.distance("al-Tanf", "Rukban")
print(f"al-Tanf garrison -> Rukban camp: {d.km:.2f} km, bearing {d.bearing_deg:.0f}°, "
      f"± {d.uncertainty_m / 1000:.1f} km from the two places' own precision")
print(f"Deir ez-Zor -> Khusham: {syriamap.distance_m('Deir ez-Zor', 'Khusham') / 1000:.1f} km")""",
"""import numpy as np
# arrays in, arrays out: (lon1, lat1, lon2, lat2)
syriamap.distance_m(np.array([38.61778, 40.14084]), np.array([33.50583, 35.33588]),
                    np.array([38.668472, 40.29333]), np.array([33.310861, 35.29861]))""",
"""#md
## The 55 km deconfliction zone around al-Tanf
The zone's polygon is geodesic (every vertex exactly 55 km from the garrison) and containment is
exact — it never depends on the polygon's chords.""",
"""zone = syriamap.Zone.around("al-Tanf", radius_km=55, name="55 km deconfliction zone")
print(zone.name, zone.center, zone.radius_m)
places = [gz.lookup(n) for n in ["Rukban", "al-Tanf crossing", "Jordan-Iraq-Syria tripoint", "Palmyra", "Khusham"]]
lons, lats = [p.lon for p in places], [p.lat for p in places]
pd.DataFrame({"place": [p.name for p in places],
              "inside": zone.contains(lons, lats),               # vectorised, exact
              "distance_to_edge_km": zone.distance_to_edge_m(lons, lats) / 1000})  # negative inside""",
"""#md
### Containment with uncertainty
An incident known only to within some kilometres is `inside` only if its whole uncertainty disc
is inside, `outside` only if the whole disc is outside, and `indeterminate` when the disc
straddles the edge. `margin_m` is the room between the disc and the edge.""",
"""from syriamap import destination
# three incidents 50 km east of the garrison, known to within 1 km, 5 km and 20 km
lon, lat = destination(*zone.center, 90.0, 50_000)
rel = zone.relation([lon, lon, lon], [lat, lat, lat], uncertainty_m=[1_000, 5_000, 20_000])
pd.DataFrame({"uncertainty_m": [1_000, 5_000, 20_000], "relation": rel.relation, "margin_m": rel.margin_m.round()})""",
]

SEED = [
"""#md
# The seed incidents, end to end

The library's embedded example: the incidents described by the five news articles the project
started from (Russian strikes near al-Tanf in June 2022, US–Russian standoffs near Derik in
2020, US strikes on pro-Iranian groups in November 2023, the February 2018 counter-strike near
Khusham), each with its source and the location precision the article supports.""",
"""import pandas as pd
import syriamap
from syriamap import datasets

incidents = datasets.seed_incidents()
zones = datasets.seed_zones()
pd.set_option("display.max_colwidth", 60)
incidents[["id", "date", "date_precision", "event_type", "actor1", "place", "place_name", "precision_m"]]""",
"""#md
Every row says why it sits where it does (e.g. Hosh Matroud has no sourced coordinates, so the
June 2022 strike is placed at the garrison with an uncertainty radius that covers "40 km away from
the base"):""",
"""for row in incidents.itertuples():
    print(f"{row.id}: {row.location_note}\\n")""",
"""#md
## Zone table
Distance to the edge of the 55 km zone and the relation of each incident's uncertainty disc to it.""",
"""enriched = syriamap.enrich(incidents, zones=zones)
zone = zones[0]
cols = ["id", "place_name", "precision_m", "admin1", f"{zone.name}: distance_to_edge_m",
        f"{zone.name}: relation", f"{zone.name}: margin_m"]
enriched[cols]""",
"""#md
The June 2022 strike comes out `inside` even though Hosh Matroud itself is unlocated: every point
40 km (± the garrison's own precision) from the base lies inside the 55 km zone. The
November 2023 strikes, located only "in Syria", are `indeterminate` — the honest answer.

## The map
Offline, self-contained; the legend, layer control and time control filter what is shown.""",
"""m = syriamap.incident_map(incidents, zones=zones, title="Seed incidents and the al-Tanf zone")
m""",
"""import tempfile, pathlib
out = pathlib.Path(tempfile.mkdtemp()) / "seed-incidents.html"
m.save(out)
print(out, f"{out.stat().st_size / 1e6:.2f} MB")""",
]

TEXT = [
"""#md
# From news text to a map and a claims table

The five seed articles as users paste them: find the place mentions (with character offsets),
resolve them, and check the distance and zone claims the articles make — e.g. Maghawir al-Thawra's
"Hosh Matroud, which is 40 km away from the base".""",
"""import pandas as pd
import syriamap
from syriamap import datasets

articles = datasets.seed_articles()
[(a.id, a.published, (a.title or "")[:70]) for a in articles]""",
"""rows = []
for a in articles:
    for m in syriamap.find_places(a.text):
        rows.append({"article": a.id, "start": m.start, "end": m.end, "text": m.text,
                     "place": m.place.name if m.place else None,
                     "country": m.place.country if m.place else None,
                     "in_syria": m.in_syria, "confidence": round(m.confidence, 2)})
mentions = pd.DataFrame(rows)
mentions""",
"""#md
## Claims
Each distance or zone claim with the claimed value, the true geodesic value from the gazetteer,
and a verdict; a claim with an unlocated end (Hosh Matroud) is `unverifiable` but still
constrains the place to a ring.""",
"""claims = [c for a in articles for c in syriamap.check_claims(a.text)]
pd.DataFrame([c.to_dict() for c in claims])""",
"""#md
## The claims drawn
For the article with the Hosh Matroud claim: its places, the 55 km zone, and the 40 km ring on
which Hosh Matroud must lie if the claim is true (its intersection with the zone is where to look).""",
"""art = next(a for a in articles if "Hosh Matroud" in a.text)
syriamap.claims_map(art.text)  # titled with the article's headline""",
"""#md
## Map of the places the five articles name""",
"""rows = {}
for a in articles:
    for m in syriamap.find_places(a.text):
        p = m.place
        if p is not None and p.located and m.in_syria:
            # one row per place, dated by the first article that names it
            rows.setdefault(p.id, {"id": p.id, "date": a.published, "event_type": "Named in a seed article",
                                   "place": m.text, "lon": p.lon, "lat": p.lat,
                                   "precision_m": p.precision_m, "description": f"{p.name} ({p.kind})",
                                   "source_outlet": a.title})
gdf = syriamap.incidents(list(rows.values()))
syriamap.incident_map(gdf, zones=datasets.seed_zones(), title="Places named in the seed articles")""",
]

OWN = [
"""#md
# Working with your own data

An ACLED-style CSV with messy place names → a resolved GeoDataFrame, the report of what could not
be resolved and why, a map, and a GeoParquet export. Nothing is dropped silently: every input row
is in the result, and the ones that could not be located are also in `gdf.attrs["report"]`.""",
"""import io, pathlib, tempfile
import pandas as pd
import syriamap

csv = '''event_id_cnty,event_date,event_type,actor1,location,latitude,longitude,geo_precision,source,notes,fatalities
SYR1001,15 June 2022,Explosions/Remote violence,Military Forces of Russia,At Tanf,,,2,Zaman al-Wasl,Air strikes near the garrison,0
SYR1002,2022-06-20,Battles,Unidentified Armed Group,Dayr az-Zawr,,,1,SOHR,Clashes in the city,3
SYR1003,2022-06-21,Protests,Protesters (Syria),Dêrik,,,1,North Press,Protest against a patrol,0
SYR1004,2022-06-22,Explosions/Remote violence,Unidentified Armed Group,Al Bukamal,,,1,SOHR,Drone strike,2
SYR1005,2022-06-23,Battles,Unidentified Armed Group,Khushaam,,,2,SOHR,<script>alert(1)</script> clashes,1
SYR1006,2022-06-24,Strategic developments,Military Forces of Russia,Hosh Matroud,,,2,Zaman al-Wasl,Unlocated village,0
SYR1007,2022-06-25,Battles,Unidentified Armed Group,Nowhereville,,,1,Unknown,Name not in the gazetteer,0
SYR1008,not a date,Battles,Unidentified Armed Group,Raqqa,,,1,SOHR,Bad date,0
SYR1009,2022-06-26,Protests,Protesters (Syria),,35.5,38.2,3,Facebook,Coordinates only,0
'''
path = pathlib.Path(tempfile.mkdtemp()) / "my_events.csv"
path.write_text(csv, encoding="utf-8")
gdf = syriamap.read_acled(path)
gdf[["id", "date", "place", "place_name", "matched", "lon", "lat", "precision_m"]]""",
"""#md
## What failed, and why
Unresolved names come with suggestions; the unlocated village and the bad date are reported, not
dropped.""",
"""gdf.attrs["report"]""",
"""#md
## Add zone relations and admin areas in one call""",
"""zone = syriamap.Zone.around("al-Tanf", radius_km=55, name="55 km zone")
enriched = syriamap.enrich(gdf, zones=[zone])
enriched[["id", "place_name", "admin1", "admin1_pcode", "55 km zone: relation", "55 km zone: margin_m"]]""",
"""syriamap.incident_map(enriched, zones=[zone], title="My events")""",
"""#md
## Export
GeoParquet, GeoPackage and GeoJSON round-trip with the same schema.""",
"""out = path.with_suffix(".parquet")
syriamap.write_incidents(enriched, out)
back = syriamap.read_incidents(out)
print(out.name, len(back), "rows;", "identical:", back.drop(columns="geometry").equals(enriched.drop(columns="geometry")))""",
]

if __name__ == "__main__":
    d = sys.argv[1]
    build(f"{d}/01_quickstart.ipynb", QUICK)
    build(f"{d}/02_seed_incidents.ipynb", SEED)
    build(f"{d}/03_news_text_to_map.ipynb", TEXT)
    build(f"{d}/04_your_own_data.ipynb", OWN)
