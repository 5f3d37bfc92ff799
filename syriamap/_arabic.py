"""The Arabic name of a GeoNames place among its alternate names.

Shared by ``gazetteer/build.py`` (the shipped bulk layer) and :func:`syriamap.Gazetteer.from_files`
(a user's GeoNames dump), so both read a place's Arabic name by the same rule.
"""

from __future__ import annotations

import re
import unicodedata

__all__ = ["arabic_name"]

#: Letters of the Arabic alphabet as Arabic writes it (hamza forms, taa marbuta, alif maqsura,
#: tatweel, harakat, alif wasla) -- not the letters that only Persian, Urdu or Kurdish use
#: (ی ک گ پ چ ژ ہ ھ ے ۆ ێ ە ڵ ڕ ...), which GeoNames mixes into romanised keys ("qamshlۆ").
_ARABIC_LETTERS = re.compile(r"^[\u0621-\u063a\u0640-\u0652\u0670\u0671 \-'’]+$")
_ARABIC_SCRIPT = re.compile(r"[\u0600-\u06ff]")
_NOT_ARABIC_SCRIPT = re.compile(r"[A-Za-z\u00c0-\u024f\u1e00-\u1eff\u0370-\u052f]")
#: A rough Latin reading of Arabic letters, only to tell which Arabic alternate name spells
#: the place's own name (القامشلي, not القامشلو or the Kurdish ديريك).
_AR_LATIN = str.maketrans(
    "آأؤإئابةتثجحخدذرزسشصضطظغفقكلمنهوىيٱ",
    "aauiiabattjhkddrzsssdtzgfkklmnhuaia",
    "ءع",
)


#: Latin spellings read alike (pairs of spelling and reading), applied in order.
LATIN_READING: tuple[str, ...] = ("sh", "s", "kh", "k", "th", "t", "dh", "d", "gh", "g")
LATIN_READING += ("q", "k", "c", "k", "y", "i", "w", "u", "o", "u", "e", "a")


def _latin_reading(text: str, arabic: bool) -> str:
    """Consonant-and-long-vowel reading of a name, comparable across the two scripts."""
    if arabic:
        text = re.sub(r"[\u0640\u064b-\u0652\u0670]", "", text)  # tatweel, harakat
        text = re.sub(r"(^|\s)(ال|ٱل)", r"\1", text)
        text = re.sub(r"ه(\s|$)", r"ة\1", text).translate(_AR_LATIN)  # (final -eh is -a)
    else:
        text = unicodedata.normalize("NFKD", text.lower())
        text = "".join(c for c in text if (c.isascii() and c.isalpha()) or c == " ")
        text = re.sub(r"(^|\s)(al|el|ar|as|ash|at|ad|an|az)[ -]", r"\1", text)
        for a, b in zip(LATIN_READING[::2], LATIN_READING[1::2], strict=True):
            text = text.replace(a, b)
        text = re.sub(r"ah?(\s|$)", r"a\1", text)  # (-ah is taa marbuta)
    text = re.sub(r"(.)\1+", r"\1", text.replace(" ", "").replace("-", ""))
    return text


def arabic_name(name: str, alternates: list[str]) -> str:
    """Return the Arabic name of a GeoNames place among its alternate names ("" if none).

    GeoNames' alternate names in Arabic script include romanised keys with a Kurdish letter
    ("qamshlۆ", "dێryk"), Persian, Urdu and Kurdish spellings (لاذقیہ, حەسیچە) and old names
    (أذرِعات for Daraa).  The name is one written in Arabic letters only, the one that reads
    most like the place's name; failing that, one in Arabic script without Latin letters
    (a Persian spelling of a place in Turkey); failing that, none.
    """
    from rapidfuzz import fuzz

    script = [
        a for a in alternates if _ARABIC_SCRIPT.search(a) and not _NOT_ARABIC_SCRIPT.search(a)
    ]
    pure = [a for a in script if _ARABIC_LETTERS.match(a)]
    if not pure:
        return script[0] if script else ""
    latin = _latin_reading(name, arabic=False)
    # best reading first; among equals, the form with the article (الشيخ مسكين, اللاذقية),
    # the final taa marbuta (حماة, not حماه), no harakat, then GeoNames' order
    return max(
        pure,
        key=lambda a: (
            round(fuzz.ratio(latin, _latin_reading(a, arabic=True))),
            re.match("(ال|ٱل)", a) is not None,
            not re.search(r"ه(\s|$)", a),
            not re.search(r"[\u064b-\u0652\u0670]", a),
            -pure.index(a),
        ),
    )
