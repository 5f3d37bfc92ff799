"""The data credits every map shows in Leaflet's attribution control.

Incident places, popups ("Resolved as ...") and admin names and P-codes come
from the shipped gazetteer, so every map credits its sources whatever the
incidents are (``gazetteer/SOURCES.md``, "Required attributions").  The control
stays short ("Places: GeoNames (CC BY 4.0), OpenSyria (CC BY 4.0), curated
sources", each a link); the full credit line of each source is its tooltip.
The browser builds the links from these fields as DOM nodes (text, never
HTML) and only ``http(s)`` addresses become links.
"""

from __future__ import annotations

from typing import Final

__all__ = ["DATA_CREDITS", "DATA_CREDITS_LABEL"]

CC_BY_4 = "https://creativecommons.org/licenses/by/4.0/"

#: the words before the credits in the attribution control
DATA_CREDITS_LABEL: Final = "Places"

#: one entry per source: shown ``name`` (linked to ``href``), ``licence`` (linked to
#: ``licence_href``) and the full credit line as ``title`` (the tooltip)
DATA_CREDITS: Final[tuple[dict[str, str], ...]] = (
    {
        "name": "GeoNames",
        "href": "https://www.geonames.org/",
        "licence": "CC BY 4.0",
        "licence_href": CC_BY_4,
        "title": "Contains data from GeoNames (www.geonames.org), CC BY 4.0",
    },
    {
        "name": "OpenSyria",
        "href": "https://github.com/Open-Syria/data-geography",
        "licence": "CC BY 4.0",
        "licence_href": CC_BY_4,
        "title": (
            "OpenSyria Data Geography (github.com/Open-Syria/data-geography), CC BY 4.0, "
            "with its upstreams: UN OCHA / HDX COD-AB and populated places (CC BY 3.0 IGO), "
            "geoBoundaries (CC BY 3.0 IGO), GeoNames (CC BY 4.0), Wikidata (CC0), "
            "U.S. Census Bureau via HDX"
        ),
    },
    {
        "name": "curated sources",
        "href": "",
        "licence": "",
        "licence_href": "",
        "title": (
            "Curated sites: coordinates from the public pages cited per row of syriamap's "
            "gazetteer/curated.csv; approximate rows use GeoNames points"
        ),
    },
)
