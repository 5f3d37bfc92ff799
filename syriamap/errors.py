"""Exception and warning classes of syriamap.

Every exception derives from :class:`SyriamapError` and also from the built-in
exception that fits (``LookupError``, ``ValueError``, ``TypeError``,
``RuntimeError``), so ``except ValueError`` keeps working for callers who do
not know this library.  Messages quote the bad value with ``repr`` and say how
to fix it.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from syriamap.place import Place

__all__ = [
    "AmbiguousPlaceError",
    "ArgumentTypeError",
    "CRSError",
    "ColumnError",
    "CoordinateTypeError",
    "DoubtfulCoordinatesWarning",
    "GenericNameError",
    "GeocoderConfigError",
    "GeocoderError",
    "GeocoderQuotaError",
    "GeocoderResponseError",
    "GeocoderServiceError",
    "GeocoderTimeoutError",
    "InputFileNotFoundError",
    "InputFormatError",
    "InvalidArgumentError",
    "InvalidCoordinateError",
    "InvalidDateError",
    "InvalidDistanceError",
    "InvalidNameError",
    "NameTypeError",
    "PlaceNotFoundError",
    "PlaceNotLocatedError",
    "SwappedCoordinatesWarning",
    "SyriamapError",
    "SyriamapWarning",
    "TextTypeError",
]


def _short_repr(value: object, limit: int = 80) -> str:
    """Return ``repr(value)`` cut to ``limit`` characters (for 1 MB inputs)."""
    text = repr(value)
    if len(text) > limit:
        text = f"{text[: limit - 15]}...<{len(text)} chars>"
    return text


class SyriamapError(Exception):
    """Root of every exception raised by syriamap."""


class SyriamapWarning(UserWarning):
    """Root of every warning issued by syriamap."""


class SwappedCoordinatesWarning(SyriamapWarning):
    """A (lon, lat) pair looks like it was given as (lat, lon)."""


class DoubtfulCoordinatesWarning(SyriamapWarning):
    """Coordinates are (0, 0), a placeholder for "missing", or far from the place the row names."""


# --- options ---------------------------------------------------------------------


class InvalidArgumentError(SyriamapError, ValueError):
    """An option has an unusable value (``country="Sryia"``, ``kind="castle"``, ``limit=0``)."""


class ArgumentTypeError(SyriamapError, TypeError):
    """An option or input is of the wrong type (``country=5``, ``lookup_many(None)``)."""


# --- names and lookups -------------------------------------------------------


class NameTypeError(SyriamapError, TypeError):
    """A place name was not a string (e.g. ``None``, a number or a list)."""

    def __init__(self, value: object) -> None:
        self.value = value
        super().__init__(
            f"place name must be a str, got {type(value).__name__} {_short_repr(value)}; "
            "pass one name as a string (use lookup_many for a column of names)"
        )


class InvalidNameError(SyriamapError, ValueError):
    """A place name string is unusable (empty, too long, control characters...)."""

    def __init__(self, value: str, reason: str) -> None:
        self.value = value
        self.reason = reason
        super().__init__(f"invalid place name {_short_repr(value)}: {reason}")


class GenericNameError(InvalidNameError):
    """A generic word ("the base", "the desert", "Deir" alone) was given as a name."""

    def __init__(self, value: str) -> None:
        super().__init__(
            value,
            "it is a generic word, not a place name; give the proper name "
            "(e.g. 'al-Tanf garrison' rather than 'the base')",
        )


class PlaceNotFoundError(SyriamapError, LookupError):
    """No place matches the name.

    Attributes
    ----------
    query : str
        The name as given.
    suggestions : list of str
        Close names in the gazetteer, best first (may be empty).
    """

    def __init__(self, query: str, suggestions: Sequence[str] = (), detail: str = "") -> None:
        self.query = query
        self.suggestions = list(suggestions)
        msg = f"no place named {_short_repr(query)} in the gazetteer"
        if detail:
            msg += f" ({detail})"
        if self.suggestions:
            msg += "; did you mean " + ", ".join(repr(s) for s in self.suggestions[:5]) + "?"
        else:
            msg += "; check the spelling, or add the place with Gazetteer.extend()"
        super().__init__(msg)


class AmbiguousPlaceError(SyriamapError, LookupError):
    """Several places match the name equally well.

    Attributes
    ----------
    query : str
        The name as given.
    candidates : list of Place
        The places that match, best first.
    """

    def __init__(self, query: str, candidates: Sequence[Place]) -> None:
        self.query = query
        self.candidates = list(candidates)
        listed = "; ".join(
            f"{p.name} ({p.kind}, {p.country}, id {p.id})" for p in self.candidates[:6]
        )
        super().__init__(
            f"{_short_repr(query)} matches {len(self.candidates)} places: {listed}; "
            "narrow it with country=, kind= or near=(lon, lat)"
        )


class PlaceNotLocatedError(SyriamapError, LookupError):
    """The place is known but has no sourced coordinates.

    Attributes
    ----------
    place : Place
        What is known of the place (names, admin area, note); its ``lon`` and
        ``lat`` are ``None``.
    """

    def __init__(self, place: Place, query: str | None = None) -> None:
        self.place = place
        self.query = query if query is not None else place.name
        note = f" ({place.note})" if getattr(place, "note", None) else ""
        super().__init__(
            f"{place.name!r} (id {place.id}) is a known place whose location has no "
            f"published source{note}; it cannot be used as a point. Use "
            "Gazetteer.search() to see what is known, or give explicit lon/lat"
        )


# --- coordinates, distances, dates --------------------------------------------


class CoordinateTypeError(SyriamapError, TypeError):
    """A coordinate was not a number (e.g. a string or ``None`` where a float belongs)."""


class InvalidCoordinateError(SyriamapError, ValueError):
    """A longitude/latitude is out of range or not finite."""


class InvalidDistanceError(SyriamapError, ValueError):
    """A distance or radius is not a positive finite number within range."""


class InvalidDateError(SyriamapError, ValueError):
    """A date could not be parsed."""


class CRSError(SyriamapError, ValueError):
    """Data comes in an unusable or missing coordinate reference system."""


# --- tabular input ------------------------------------------------------------


class TextTypeError(SyriamapError, TypeError):
    """A text to read (an article) was not a string."""

    def __init__(self, value: object) -> None:
        self.value = value
        super().__init__(
            f"text must be a str, got {type(value).__name__} {_short_repr(value)}; "
            "decode bytes first (e.g. data.decode('utf-8')) or read the file with open()"
        )


class InputFormatError(SyriamapError, ValueError):
    """An input file or object is of a form syriamap cannot read."""


class InputFileNotFoundError(SyriamapError, FileNotFoundError):
    """An input file does not exist."""


class ColumnError(SyriamapError, KeyError):
    """Required columns are missing from tabular input.

    Attributes
    ----------
    missing : list of str
        The missing column names.
    suggestions : dict
        For each missing column, the closest existing column (if any).
    """

    def __init__(self, missing: Sequence[str], suggestions: dict[str, str] | None = None) -> None:
        self.missing = list(missing)
        self.suggestions = dict(suggestions or {})
        parts = []
        for col in self.missing:
            near = self.suggestions.get(col)
            parts.append(f"{col!r}" + (f" (found {near!r}: rename it?)" if near else ""))
        super().__init__("missing required column(s): " + ", ".join(parts))

    def __str__(self) -> str:  # KeyError would otherwise repr() the message
        return str(self.args[0])


# --- online geocoding -----------------------------------------------------------


class GeocoderError(SyriamapError, RuntimeError):
    """The opt-in online geocoder failed."""

    def __init__(self, message: str, *, query: str | None = None, cause: Any = None) -> None:
        self.query = query
        self.cause = cause
        super().__init__(message)


class GeocoderTimeoutError(GeocoderError, TimeoutError):
    """The online geocoder did not answer in time."""


class GeocoderQuotaError(GeocoderError):
    """The online geocoder refused the request for rate or quota (HTTP 429).

    Attributes
    ----------
    retry_after_s : float or None
        Seconds to wait before asking again, when known.
    """

    retry_after_s: float | None = None


class GeocoderServiceError(GeocoderError):
    """The online geocoder answered with a server error (HTTP 5xx)."""


class GeocoderResponseError(GeocoderError):
    """The online geocoder's answer was malformed or unusable."""


class GeocoderConfigError(GeocoderError, ValueError):
    """The online geocoder was set up wrongly.

    For example a missing or sample user agent (Nominatim), a missing or demo
    username (GeoNames), an option of the wrong type or out of range, or an
    unusable cache file.
    """
