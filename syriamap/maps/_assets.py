"""Leaflet's JavaScript and CSS, inlined from installed packages.

Nothing is downloaded: Leaflet comes from the ``xstatic-leaflet`` wheel, the
images its CSS refers to become ``data:`` URIs, and the source-map comments are
removed, so a saved map makes no network request.  syriamap's own JavaScript
and CSS live next to this module in ``_js/``.
"""

from __future__ import annotations

import base64
import functools
import re
from importlib import resources
from pathlib import Path

__all__ = ["inline_head", "leaflet_css", "leaflet_js", "syriamap_css", "syriamap_js"]

_SOURCE_MAP = re.compile(r"\n?/[/*]# sourceMappingURL=[^\n]*")


def _leaflet_dir() -> Path:
    import xstatic.pkg.leaflet as xs_leaflet

    return Path(xs_leaflet.BASE_DIR)


def _data_uri(path: Path) -> str:
    return "data:image/png;base64," + base64.b64encode(path.read_bytes()).decode("ascii")


@functools.cache
def leaflet_js() -> str:
    """Return Leaflet's minified JavaScript, with default marker icons inlined.

    Returns
    -------
    str
        JavaScript source; safe to place inside a ``<script>`` element.
    """
    base = _leaflet_dir()
    js = _SOURCE_MAP.sub("", base.joinpath("leaflet.js").read_text(encoding="utf-8"))
    img = base / "images"
    icons = {
        "iconUrl": _data_uri(img / "marker-icon.png"),
        "iconRetinaUrl": _data_uri(img / "marker-icon-2x.png"),
        "shadowUrl": _data_uri(img / "marker-shadow.png"),
    }
    options = ",".join(f'{key}:"{value}"' for key, value in icons.items())
    # default markers (if a user adds one) must not look for images/ next to the file
    return js + f"\nL.Icon.Default.imagePath='';L.Icon.Default.mergeOptions({{{options}}});\n"


@functools.cache
def leaflet_css() -> str:
    """Return Leaflet's CSS with every ``url(images/...)`` replaced by a data URI.

    Returns
    -------
    str
        CSS text.
    """
    base = _leaflet_dir()
    css = _SOURCE_MAP.sub("", base.joinpath("leaflet.css").read_text(encoding="utf-8"))

    def inline(match: re.Match[str]) -> str:
        return f'url("{_data_uri(base / "images" / match.group(1))}")'

    return re.sub(r"url\(images/([\w.-]+\.png)\)", inline, css)


def _own(name: str) -> str:
    return resources.files("syriamap.maps").joinpath("_js", name).read_text(encoding="utf-8")


@functools.cache
def syriamap_js() -> str:
    """Return syriamap's map runtime (clustering, popups, controls).

    Returns
    -------
    str
        JavaScript source.
    """
    return _own("syriamap.js")


@functools.cache
def syriamap_css() -> str:
    """Return syriamap's map stylesheet.

    Returns
    -------
    str
        CSS text.
    """
    return _own("syriamap.css")


def inline_head() -> str:
    """Return the ``<style>`` and ``<script>`` elements every map needs, inlined.

    Returns
    -------
    str
        HTML for the document head.
    """
    parts = [
        f"<style>{leaflet_css()}</style>",
        f"<style>{syriamap_css()}</style>",
        f"<script>{leaflet_js()}</script>",
        f"<script>{syriamap_js()}</script>",
    ]
    for part in parts[2:]:
        inner = part[len("<script>") : -len("</script>")]
        if "</script" in inner.lower():  # pragma: no cover - guards the shipped assets
            raise RuntimeError("an inlined script contains '</script'")
    return "\n".join(parts)
