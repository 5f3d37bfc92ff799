"""Reading a ``country=`` option or a CSV ``country`` cell as an ISO 3166-1 alpha-2 code (private).

One helper, :func:`country_code`, for every public entry point that takes a country
(``Gazetteer.lookup``, ``search``, ``lookup_many``, ``incidents``, the CLI's
``--country``) and for the ``country`` column of a user's CSV, so that "Syria",
"sy", "SYR" and "SY" all mean the same thing everywhere and a misspelling is an
error rather than an empty result.
"""

from __future__ import annotations

import re
from collections.abc import Collection

from syriamap.errors import ArgumentTypeError, InvalidArgumentError

__all__ = ["ISO_ALPHA2", "country_code", "country_in_name"]

_ISO_ALPHA2_TEXT = """
    AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ BA BB BD BE BF BG BH BI BJ BL BM BN BO
    BQ BR BS BT BV BW BY BZ CA CC CD CF CG CH CI CK CL CM CN CO CR CU CV CW CX CY CZ DE DJ
    DK DM DO DZ EC EE EG EH ER ES ET FI FJ FK FM FO FR GA GB GD GE GF GG GH GI GL GM GN GP
    GQ GR GS GT GU GW GY HK HM HN HR HT HU ID IE IL IM IN IO IQ IR IS IT JE JM JO JP KE KG
    KH KI KM KN KP KR KW KY KZ LA LB LC LI LK LR LS LT LU LV LY MA MC MD ME MF MG MH MK ML
    MM MN MO MP MQ MR MS MT MU MV MW MX MY MZ NA NC NE NF NG NI NL NO NP NR NU NZ OM PA PE
    PF PG PH PK PL PM PN PR PS PT PW PY QA RE RO RS RU RW SA SB SC SD SE SG SH SI SJ SK SL
    SM SN SO SR SS ST SV SX SY SZ TC TD TF TG TH TJ TK TL TM TN TO TR TT TV TW TZ UA UG UM
    US UY UZ VA VC VE VG VI VN VU WF WS YE YT ZA ZM ZW
"""
#: Every ISO 3166-1 alpha-2 code (249, as published by ISO; from Debian's iso-codes).
ISO_ALPHA2: frozenset[str] = frozenset(_ISO_ALPHA2_TEXT.split())

#: The countries the shipped gazetteer holds: alpha-2 -> (English name, alpha-3).
COUNTRIES: dict[str, tuple[str, str]] = {
    "SY": ("Syria", "SYR"),
    "IQ": ("Iraq", "IRQ"),
    "TR": ("Turkey", "TUR"),
    "JO": ("Jordan", "JOR"),
    "LB": ("Lebanon", "LBN"),
    "IL": ("Israel", "ISR"),
    "PS": ("Palestine", "PSE"),
    "CY": ("Cyprus", "CYP"),
    "SA": ("Saudi Arabia", "SAU"),
    "IR": ("Iran", "IRN"),
    "EG": ("Egypt", "EGY"),
}

#: Lower-case English names, other usual names and alpha-3 codes -> alpha-2.
_NAMES: dict[str, str] = {
    **{name.lower(): code for code, (name, _) in COUNTRIES.items()},
    **{alpha3.lower(): code for code, (_, alpha3) in COUNTRIES.items()},
    "syrian arab republic": "SY",
    "türkiye": "TR",
    "turkiye": "TR",
    "state of palestine": "PS",
    "islamic republic of iran": "IR",
}


def _accepted() -> str:
    return ", ".join(f"{c} ({n}, {a})" for c, (n, a) in COUNTRIES.items())


def country_code(value: object, *, held: Collection[str] | None = None) -> str:
    """Return the ISO 3166-1 alpha-2 code (upper case) that ``value`` names.

    Parameters
    ----------
    value : str
        An alpha-2 code in any case (``"SY"``, ``"sy"``), or for the countries of
        :data:`COUNTRIES` the English name (``"Syria"``, ``"Türkiye"``) or alpha-3 code
        (``"SYR"``); surrounding spaces are ignored.
    held : collection of str, optional, keyword-only
        The codes of the countries a gazetteer holds places in: a code it does not hold
        is refused too (it could only give empty results); a code in ``held`` is
        accepted even if it is not an ISO code (a user's own places).

    Returns
    -------
    str

    Raises
    ------
    ArgumentTypeError
        ``value`` is not a str.
    InvalidArgumentError
        ``value`` names no country, or (with ``held``) a country without places.

    Examples
    --------
    >>> [country_code(v) for v in ("SY", "sy", " Syria ", "SYR", "Türkiye", "de")]
    ['SY', 'SY', 'SY', 'SY', 'TR', 'DE']
    """
    if not isinstance(value, str):
        raise ArgumentTypeError(
            f"country must be a str such as 'SY' or 'Syria', got {type(value).__name__} "
            f"{value!r}; pass an ISO 3166-1 alpha-2 code, or None for every country"
        )
    text = value.strip()
    code = text.upper()
    if held is not None and code in held:
        return code
    code = _NAMES.get(text.casefold(), code)
    if code not in ISO_ALPHA2:
        raise InvalidArgumentError(
            f"unknown country {value!r}; use an ISO 3166-1 alpha-2 code (any case), or for "
            f"these countries the English name or ISO alpha-3 code: {_accepted()}"
        )
    if held is not None and code not in held:
        listed = ", ".join(sorted(held))
        named = repr(value) if text == code else f"{value!r} ({code})"
        raise InvalidArgumentError(
            f"country {named}: the gazetteer has no place in that country, so "
            f"nothing could match; it holds places in {listed}. Add the places with "
            "Gazetteer.extend(), or pass country=None"
        )
    return code


#: Arabic names of the countries of :data:`COUNTRIES` (as written after a place's name).
_ARABIC_NAMES: dict[str, str] = {
    "سوريا": "SY",
    "سورية": "SY",
    "العراق": "IQ",
    "تركيا": "TR",
    "الأردن": "JO",
    "الاردن": "JO",
    "لبنان": "LB",
    "فلسطين": "PS",
    "مصر": "EG",
    "إيران": "IR",
    "ايران": "IR",
}
# "<name>, <country>" or "<name> (<country>)"; the Arabic comma too
_NAME_COUNTRY = re.compile(
    r"^\s*(?P<name>\S.*?)\s*(?:[,،]\s*(?P<after>[^,،()]+?)|\(\s*(?P<inside>[^()]+?)\s*\))\s*$"
)


def country_in_name(text: str) -> tuple[str, str] | None:
    """Split a name that ends with its country into the name and the country's code.

    For the countries of :data:`COUNTRIES`, by English or Arabic name or alpha-3 code;
    ``None`` for any other text.

    Examples
    --------
    >>> country_in_name("Raqqa, Syria"), country_in_name("Mosul (Iraq)")
    (('Raqqa', 'SY'), ('Mosul', 'IQ'))
    >>> country_in_name("الرقة، سوريا"), country_in_name("Derik, Hasakah")
    (('الرقة', 'SY'), None)
    """
    if "," not in text and "(" not in text and "،" not in text:
        return None
    match = _NAME_COUNTRY.match(text)
    if match is None:
        return None
    word = (match["after"] or match["inside"]).strip()
    code = _NAMES.get(word.casefold()) or _ARABIC_NAMES.get(word)
    if code is None or code not in COUNTRIES:
        return None
    return match["name"], code
