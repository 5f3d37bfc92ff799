"""The embedded example: five seed news articles, their incidents and the al-Tanf zone.

* :func:`seed_articles` -- the five article texts shipped in
  ``syriamap/data/articles/`` with their ids, titles and publication dates
  (where the text gives them);
* :func:`seed_incidents` -- the incidents those articles describe, as an
  incidents GeoDataFrame (:func:`syriamap.incidents` schema), each
  with its source, the article it comes from, the location precision the
  article supports and a note saying how the point and radius were chosen;
* :func:`seed_zones` -- the 55 km deconfliction zone around the al-Tanf
  garrison.

Locations are honest about what the articles say.  Hosh Matroud (the target
of the June 2022 Russian strike, "40 km away from the base") and Qesirdib have
no sourced coordinates, so those incidents sit at the al-Tanf garrison and at
al-Malikiyah (Derik) with radii that cover the claim; incidents located only
"in Syria" get Syria's centroid and a radius covering the whole country.

Examples
--------
>>> gdf = seed_incidents()
>>> gdf.loc[gdf["id"] == "seed-2022-06-15-tanf-strike", ["place", "place_name"]].values.tolist()
[['Hosh Matroud', 'al-Tanf garrison']]
>>> [a.id for a in seed_articles()][:2]
['000_33e36a853b07e385', '001_06963bf2407e38bd']
"""

from __future__ import annotations

import datetime as dt
import io
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import geopandas as gpd

    from syriamap.zones import Zone

__all__ = ["SeedArticle", "seed_articles", "seed_incidents", "seed_zones"]

_PACKAGE = "syriamap.data"


@dataclass(frozen=True)
class SeedArticle:
    """One seed news article.

    Attributes
    ----------
    id : str
        File stem in ``syriamap/data/articles/`` (e.g. ``"001_06963bf2407e38bd"``).
    title : str or None
        The headline as the text gives it (or its first sentence when it has
        none); ``None`` if neither.
    published : datetime.date or None
        Publication date when the text states it.
    date_note : str
        How the date is known, or what bounds it when it is not stated.
    outlet : str or None
        The publishing outlet when the text names or implies it.
    urls : tuple of str
        URLs printed in the text.
    text : str
        The full text.

    Examples
    --------
    >>> article = seed_articles()[4]
    >>> article.id, article.published, article.outlet
    ('004_0ca3ee530060a5fe', datetime.date(2018, 2, 12), 'Global Media (Garry Long)')
    >>> article.title
    'Syria conflict: USA in rare counter-strike after Deir al-Zour attack'
    """

    id: str
    title: str | None
    published: dt.date | None
    date_note: str
    outlet: str | None
    urls: tuple[str, ...]
    text: str


# What the texts say about themselves (read from the texts; see date_note).
_ARTICLE_META: dict[str, dict[str, object]] = {
    "000_33e36a853b07e385": {
        "title": "'We seek to avoid... unnecessary confrontation. At the same time, recent "
        "Russian behavior is provocative'",
        "published": dt.date(2022, 6, 18),
        "date_note": "header line 'date 2022-06-18'",
        "outlet": None,
    },
    "001_06963bf2407e38bd": {
        "title": "Targeting U.S.-led Forces in al-Tanf, Russia’s ‘Proof of Existence’",
        "published": None,
        "date_note": "not stated; after the strike of 15 June 2022 ('during the past few days')",
        "outlet": "Zaman al-Wasl (edited by The Syrian Observer)",
    },
    "002_efebe028d1f00f2b": {
        "title": "U.S. and Russian forces squared off in two tense encounters",
        "published": None,
        "date_note": "not stated; events on a Tuesday and Wednesday, reported Thursday; the "
        "cited Al-Monitor URL (/2020/06/) dates them to June 2020",
        "outlet": "The Moscow Times (from its related-article link; AP / TASS photo)",
    },
    "003_29a27ad1a1ddff2e": {
        "title": "The US Air Force carried out two airstrikes on two targets in Syria that "
        "belong to pro-Iranian groups",
        "published": dt.date(2023, 11, 12),
        "date_note": "header line 'date 2023-11-12'",
        "outlet": None,
    },
    "004_0ca3ee530060a5fe": {
        "title": "Syria conflict: USA in rare counter-strike after Deir al-Zour attack",
        "published": dt.date(2018, 2, 12),
        "date_note": "'Published: Mon, February 12, 2018'",
        "outlet": "Global Media (Garry Long)",
    },
}


@cache
def _articles() -> tuple[SeedArticle, ...]:
    import re

    folder = resources.files(_PACKAGE).joinpath("articles")
    out = []
    for entry in sorted(folder.iterdir(), key=lambda e: e.name):
        if not entry.name.endswith(".txt"):
            continue
        stem = entry.name[: -len(".txt")]
        text = entry.read_text(encoding="utf-8")
        meta = _ARTICLE_META.get(stem, {})
        published = meta.get("published")
        out.append(
            SeedArticle(
                id=stem,
                title=meta.get("title") if isinstance(meta.get("title"), str) else None,  # type: ignore[arg-type]
                published=published if isinstance(published, dt.date) else None,
                date_note=str(meta.get("date_note", "not stated")),
                outlet=meta.get("outlet") if isinstance(meta.get("outlet"), str) else None,  # type: ignore[arg-type]
                urls=tuple(re.findall(r"https?://\S+", text)),
                text=text,
            )
        )
    return tuple(out)


def seed_articles() -> list[SeedArticle]:
    """Return the five seed news articles shipped with syriamap.

    Returns
    -------
    list of SeedArticle
        In file order (``000_...`` to ``004_...``), with ids, titles,
        publication dates (when the text states them), outlets and URLs.

    Examples
    --------
    >>> arts = seed_articles()
    >>> len(arts), arts[4].published.isoformat()
    (5, '2018-02-12')
    >>> "Hosh Matroud" in arts[1].text
    True
    """
    return list(_articles())


@cache
def _seed_frame() -> gpd.GeoDataFrame:
    import pandas as pd

    from syriamap._incidents import incidents

    raw = resources.files(_PACKAGE).joinpath("seed_incidents.csv").read_text(encoding="utf-8")
    df = pd.read_csv(io.StringIO(raw), dtype=str, keep_default_na=False, na_values=[""])
    gdf = incidents(df, columns={"place": "locate_by"})
    # `place` is the place as the article writes it; place_id / place_name say
    # what the point stands for (see location_note)
    gdf["place"] = df["place"].astype("str").to_numpy()
    return gdf


def seed_incidents() -> gpd.GeoDataFrame:
    """Return the incidents described by the five seed articles.

    One row per incident with the :data:`syriamap._incidents.SCHEMA` columns
    plus ``article_id`` (the seed article(s) it comes from, ``;``-separated)
    and ``date_note`` (how the date was read).  ``place`` is the place as the
    article writes it; ``place_id`` / ``place_name`` the gazetteer place the
    point stands for; ``precision_m`` the uncertainty radius the article
    supports and ``location_note`` why.  ``source_outlet`` / ``source_url``
    give the outlet and URL the article cites (no URL when it gives none: the
    ``article_id`` is then the source).

    Returns
    -------
    geopandas.GeoDataFrame
        A fresh copy (EPSG:4326); ``attrs["report"]`` is empty.

    Examples
    --------
    >>> gdf = seed_incidents()
    >>> gdf[["id", "date_precision", "precision_m"]].head(3)
                                  id date_precision  precision_m
    0    seed-2022-06-15-tanf-strike            day      42000.0
    1        seed-2022-06-15-is-raid          range     450000.0
    2  seed-2022-06-15-air-encounter          range     450000.0
    """
    gdf = _seed_frame()
    out = gdf.copy()
    out.attrs = {"report": gdf.attrs["report"].copy()}
    return out


def seed_zones() -> list[Zone]:
    """Return the zones of the embedded example: the 55 km zone around al-Tanf.

    Returns
    -------
    list of Zone
        ``[Zone.around("al-Tanf garrison", radius_km=55)]`` named
        ``"55 km deconfliction zone"``: the area the U.S.-led coalition
        declared around its al-Tanf garrison ("the 55 km area" of seed
        article 001), a geodesic circle centred on the garrison's sourced
        coordinates.

    Examples
    --------
    >>> (zone,) = seed_zones()
    >>> zone.name, zone.radius_m
    ('55 km deconfliction zone', 55000.0)
    """
    from syriamap.zones import Zone

    return [
        Zone.around(
            "al-Tanf garrison",
            radius_km=55,
            name="55 km deconfliction zone",
            source=(
                "U.S.-led coalition deconfliction zone of 55 km around the al-Tanf garrison "
                "('the 55 km area', seed article 001); centre: al-Tanf garrison, en.wikipedia "
                "'Al-Tanf' 33°30′21″N 38°37′04″E (gazetteer curated:al-tanf-garrison)"
            ),
        )
    ]
