"""Interactive incident maps (Leaflet through folium) that work offline.

Usage::

    from syriamap import incident_map
    m = incident_map(gdf, zones=[zone])   # a folium.Map: shows inline in Jupyter
    m.save("map.html")                    # one self-contained file

One self-contained HTML file: Leaflet and syriamap's runtime are inlined, the
basemap is embedded vector data, incidents travel as compact columns from
which the browser builds markers, clusters and popups (every string inserted
as text, never as HTML).  The same input gives byte-identical HTML.
"""

from __future__ import annotations

import base64
import functools
import hashlib
import html
import itertools
import zlib
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any

from syriamap.maps._layers import build_payload, script_json

if TYPE_CHECKING:
    import folium
    import pandas as pd

__all__ = ["DEFAULT_TILES", "incident_map"]

#: xyzservices providers offered as base layers when ``offline=False``
DEFAULT_TILES: tuple[str, ...] = ("OpenStreetMap.Mapnik", "OpenTopoMap", "Esri.WorldImagery")


def _tile_specs(tiles: Sequence[str]) -> list[dict[str, Any]]:
    """Return name/url/attribution for each xyzservices provider name."""
    import xyzservices.providers as xyz

    specs = []
    for name in tiles:
        provider = xyz.query_name(name)
        if provider.requires_token():
            raise ValueError(f"tile provider {name!r} needs an API key; choose another one")
        specs.append(
            {
                "name": provider.name.replace(".", " ") + " (online)",
                "url": provider.build_url(scale_factor="{r}")
                if "{r}" in provider.url
                else provider.build_url(),
                "attribution": provider.html_attribution,
                "max_zoom": int(provider.get("max_zoom", 18)),
                "subdomains": provider.get("subdomains", "abc"),
            }
        )
    return specs


#: payloads larger than this (characters of JSON) are stored deflated and base64-encoded,
#: and inflated by the browser (DecompressionStream); smaller ones stay readable JSON
COMPRESS_ABOVE_CHARS = 4_000_000


def _payload_script(element_id: str, payload_json: str) -> str:
    """Return the ``<script>`` element holding the payload (compressed when large)."""
    if len(payload_json) <= COMPRESS_ABOVE_CHARS:
        return f'<script type="application/json" id="{element_id}">{payload_json}</script>'
    packed = base64.b64encode(zlib.compress(payload_json.encode("utf-8"), 1)).decode("ascii")
    return (
        f'<script type="application/octet-stream" data-encoding="deflate-base64" '
        f'id="{element_id}">{packed}</script>'
    )


@functools.cache
def _element_classes() -> tuple[type, type]:
    """Define the two branca element classes (branca is imported lazily)."""
    from branca.element import Element, MacroElement

    class Raw(Element):
        """Literal HTML, never compiled as a Jinja template (data may contain ``{{``)."""

        def __init__(self, text: str) -> None:
            super().__init__()
            self._name = "SyriaMapRaw"
            self._text = text

        def render(self, **kwargs: Any) -> str:
            return self._text

    class SyriaMapData(MacroElement):
        """The incident payload, the basemap and the call that builds the map."""

        def __init__(self, payload_json: str, basemap_json: str) -> None:
            super().__init__()
            self._name = "SyriaMapData"
            self.payload_json = payload_json
            self.basemap_json = basemap_json

        def render(self, **kwargs: Any) -> str:
            figure: Any = self.get_root()
            parent_element: Any = self._parent
            name, parent = self.get_name(), parent_element.get_name()
            figure.html.add_child(
                Raw(
                    f"{_payload_script(name + '_data', self.payload_json)}"
                    f'<script type="application/json" id="{name}_base">{self.basemap_json}</script>'
                ),
                name=name,
            )
            figure.script.add_child(
                Raw(
                    f'var {name} = SyriaMap.load({parent}, "{name}_data", "{name}_base", '
                    f'{{name: "{parent}"}});'
                ),
                name=name,
            )
            return ""

    return Raw, SyriaMapData


def _stabilise_ids(root: Any, prefix: str) -> None:
    """Give every element under ``root`` a deterministic id (folium uses random ones).

    Ids are ``prefix`` (derived from the content) plus a counter, so the same
    input always gives the same HTML and two different maps on one page differ.
    """
    counter = itertools.count(1)
    seen: set[int] = set()

    def visit(element: Any) -> None:
        if id(element) in seen:
            return
        seen.add(id(element))
        element._id = f"{prefix}{next(counter):03d}"
        children = getattr(element, "_children", None)
        if children:
            items = list(children.values())
            children.clear()
            for child in items:
                visit(child)
                children[child.get_name()] = child
        for attr in ("header", "html", "script"):
            sub = getattr(element, attr, None)
            if sub is not None and hasattr(sub, "_children") and sub is not element:
                visit(sub)

    visit(root)


def incident_map(
    incidents: pd.DataFrame,
    *,
    zones: Iterable[Any] | Any = (),
    offline: bool = True,
    title: str | None = None,
    group_by: str | None = "event_type",
    tiles: Sequence[str] = DEFAULT_TILES,
    cluster: bool = True,
    time_control: bool = True,
    width: str | int = "100%",
    height: str | int = "100%",
) -> folium.Map:
    """Return an interactive map of incidents and zones (a :class:`folium.Map`).

    Display it in Jupyter by leaving it as the last expression of a cell;
    write a standalone HTML file with ``m.save(path)``.

    Parameters
    ----------
    incidents : GeoDataFrame or DataFrame
        Incidents in the schema of :func:`syriamap.incidents` (point geometry in
        EPSG:4326 or ``lon``/``lat`` columns in degrees).  Rows without a
        location (or outside ±180°/±90°) are listed beside the map, not drawn.  Text columns
        (``description``, ``actor1``, ``place``, ``source_url``...) are shown as
        plain text; only ``http(s)`` source URLs become links.
    zones : Zone or iterable of Zone, optional
        Drawn from their own geodesic ``zone.polygon`` and labelled with name
        and radius; each incident's popup states its relation to each zone,
        taking its location uncertainty (``precision_m``) into account.
    offline : bool, default True
        ``True``: one self-contained file with no network request at all (vector
        basemap only).  ``False``: also offer tile layers from xyzservices
        (``tiles``); the vector basemap still works without a connection.
    title : str, optional
        Title shown at the top of the map (plain text) and as the page title.
    group_by : str or None, default "event_type"
        Column whose values become toggleable layers in the layer control
        (e.g. ``"actor1"``); the 12 largest groups get their own entry.
    tiles : sequence of str
        xyzservices provider names used when ``offline=False``.
    cluster : bool, default True
        Merge nearby incidents into count bubbles (a ring split by event type)
        when more than 250 are in view, below zoom 12; incidents at the same
        place are fanned out around it.  ``False`` draws every incident.
    time_control : bool, default True
        Add the time filter (shown when incidents have dates).
    width, height : str or int
        Map size (CSS length or pixels).

    Returns
    -------
    folium.Map
        The map; extra folium layers may be added to it.

    Raises
    ------
    ColumnError
        If ``incidents`` has neither a geometry nor ``lon``/``lat`` columns, or
        ``group_by`` names a missing column.
    TypeError
        If ``incidents`` is not a DataFrame or a zone has no polygon.

    Notes
    -----
    Markers are hollow when the location is approximate (``precision_m`` over
    1 km or unknown) and their uncertainty disc is drawn as a geodesic
    polygon.  Incidents located only to a whole country (``place_id``
    ``country:…``, e.g. "in Syria") or within ± 150 km or more
    (:data:`~syriamap.maps._layers.LIST_FROM_M`: a disc over a third of Syria)
    are not drawn as points, which would suggest a place: they are listed in a
    "Not drawn on the map" panel (with the rows that have no location), still
    count in the totals and follow the time filter, and each opens its card
    with the area it could be in shaded.  With few incidents in view (≤ 250)
    nothing is clustered: incidents at the same place are fanned out around it.
    Week/month/year dates filter as intervals.  Element ids derive
    from the content, so the same input gives byte-identical HTML.  Payloads
    over 4 MB of JSON are stored deflated (the browser inflates them with
    ``DecompressionStream``): 100,000 incidents make a file of about 4 MB.
    The attribution control (bottom right) credits the gazetteer's sources on
    every map, whatever the incidents: "Places: GeoNames (CC BY 4.0), OpenSyria
    (CC BY 4.0), curated sources", each linked, with the full credit line as its
    tooltip (:data:`syriamap.maps._credits.DATA_CREDITS`); keep it when publishing.
    In the page, ``SyriaMap.instances`` holds each map's small API
    (``counts()``, ``setWindow(lo, hi)``, ``inView()``, ``openPopup(i)``...).

    Examples
    --------
    >>> from syriamap import datasets
    >>> m = incident_map(datasets.seed_incidents(), zones=datasets.seed_zones())
    >>> type(m).__name__
    'Map'
    >>> m.get_root().render() == incident_map(
    ...     datasets.seed_incidents(), zones=datasets.seed_zones()
    ... ).get_root().render()
    True
    """
    return _incident_map(
        incidents,
        zones=zones,
        offline=offline,
        title=title,
        group_by=group_by,
        tiles=tiles,
        cluster=cluster,
        time_control=time_control,
        width=width,
        height=height,
    )


#: wording a map's runtime may be given instead of the incident map's (all plain text)
_LABEL_KEYS = frozenset(
    {"noun", "group_title", "vague_title", "unlocated_title", "point_labels", "line_legend"}
)


def _incident_map(
    incidents: pd.DataFrame,
    *,
    zones: Iterable[Any] | Any = (),
    offline: bool = True,
    title: str | None = None,
    group_by: str | None = "event_type",
    tiles: Sequence[str] = DEFAULT_TILES,
    cluster: bool = True,
    time_control: bool = True,
    width: str | int = "100%",
    height: str | int = "100%",
    labels: dict[str, Any] | None = None,
) -> folium.Map:
    """Build the map of :func:`incident_map`; ``labels`` rewords it for other rows.

    ``labels`` keys: ``noun`` (``["place", "places"]``), ``group_title`` (the layer
    control's heading), ``vague_title`` and ``unlocated_title`` (the headings of
    the list of rows not drawn), ``point_labels`` (``True``: name each drawn row on
    the map, when there are at most 60) and ``line_legend`` (``[[colour, dashed,
    text], ...]`` for lines the caller draws).  Used by :func:`syriamap.claims.claims_map`.
    """
    import folium
    import pandas as pd

    from syriamap.maps._assets import inline_head
    from syriamap.maps._basemap import basemap_script_json
    from syriamap.maps._credits import DATA_CREDITS, DATA_CREDITS_LABEL

    raw_element, data_element_class = _element_classes()

    if not isinstance(incidents, pd.DataFrame):
        raise TypeError(
            f"incidents must be a (Geo)DataFrame, got {type(incidents).__name__}; "
            "build one with syriamap.incidents(...)"
        )
    if not isinstance(offline, bool):
        raise TypeError(f"offline must be True or False, got {offline!r}")
    zones = [zones] if hasattr(zones, "polygon") else list(zones)  # one Zone is fine too
    options: dict[str, Any] = {
        "title": None if title is None else str(title)[:300],
        "cluster": bool(cluster),
        "time_control": bool(time_control),
        "tiles": [] if offline else _tile_specs(tiles),
    }
    for key, value in (labels or {}).items():
        if key not in _LABEL_KEYS:
            raise ValueError(f"unknown map label {key!r}; expected one of {sorted(_LABEL_KEYS)}")
        options[key] = value
    # the gazetteer's credits go on every map, whoever located the incidents
    options["credits"] = {"label": DATA_CREDITS_LABEL, "sources": [dict(c) for c in DATA_CREDITS]}
    payload = build_payload(incidents, zones=zones, group_by=group_by, options=options)
    (south, west), (north, east) = payload["bounds"]

    m = folium.Map(
        location=[(south + north) / 2, (west + east) / 2],
        zoom_start=7,
        tiles=None,
        prefer_canvas=True,
        control_scale=False,
        width=width,
        height=height,
        min_zoom=3,
        max_zoom=18,
    )
    # nothing from a CDN: Leaflet and our runtime are inlined below
    m.default_js = []
    m.default_css = []
    figure: Any = m.get_root()
    page_title = html.escape(title if title else "syriamap: incident map")
    figure.header.add_child(raw_element(f"<title>{page_title}</title>"), name="sm_title")
    figure.header.add_child(raw_element(inline_head()), name="sm_assets")

    payload_json = script_json(payload)
    data_element = data_element_class(payload_json, basemap_script_json())
    m.add_child(data_element)
    digest = hashlib.sha256(payload_json.encode("utf-8")).hexdigest()[:10]
    _stabilise_ids(figure, f"sm{digest}_")
    return m
