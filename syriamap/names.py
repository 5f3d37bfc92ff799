"""Normalising place names as news writes them.

News, NGO reports and datasets spell the same Syrian place many ways: ``Deir ez-Zor``,
``Dayr az-Zawr``, ``Deir al-Zour``, ``Deir Ezzor``, ``دير الزور``; ``Albu Kamal`` and
``Abu Kamal``; ``Hasakah`` and ``al-Hassakeh``; Kurdish ``Dêrik``.  This module folds such
variants onto one lookup key:

* case, diacritics and transliteration marks (``ʿ ʾ ' ’``), Kurdish and Turkish letters;
* Arabic definite articles written as separate tokens (``al-``, ``el-``, ``ad-``, ``ar-``,
  ``as-``, ``ash-``, ``at-``, ``az-``, ``an-`` ...) and the assimilated form attached to the
  word (``Ezzor``);
* consonant digraphs (``kh``/``x``, ``sh``/``ch``, ``q``/``k``, ``th``, ``dh``, ``gh``, ``dj``),
  doubled letters, a final ``h`` after a vowel (taa marbuta), ``i``/``u`` between vowels read
  as ``y``/``w`` (``Daraia`` = ``Darayya``), and vowel spelling: every run of vowels
  (including ``ay``/``ey``/``aw``/``ou`` diphthongs) becomes one ``a``, so ``Deir``, ``Dayr``
  and ``Der`` all read ``dar``;
* Arabic script: tashkeel and tatweel removed, alef/yaa/taa marbuta/hamza forms unified,
  the article ``ال`` dropped from the front of a word.

The key is deliberately coarse; the gazetteer breaks the rare ties it creates by comparing
the less-folded spelling (:func:`fold`) and by ranking.

The functions here are the contract shared with :mod:`syriamap.geoparse`:
:func:`tokenize` (tokens with offsets), :func:`normalize_token`, :func:`normalize` and
:func:`validate_name`.
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache, lru_cache
from typing import TYPE_CHECKING

from syriamap.errors import GenericNameError, InvalidNameError, NameTypeError

if TYPE_CHECKING:
    import numpy as np
    import numpy.typing as npt

__all__ = [
    "GENERIC_WORDS",
    "MAX_NAME_CHARS",
    "article_generic",
    "fold",
    "fold_many",
    "is_generic",
    "is_generic_fold",
    "normalize",
    "normalize_fold_many",
    "normalize_many",
    "normalize_token",
    "quick_valid",
    "quick_valid_many",
    "tokenize",
    "validate_name",
]

#: Longest accepted place name, in characters.
MAX_NAME_CHARS = 200

_MARKS = "ʿʾ'’‘`´ʻʼʹʽ′"
_COMBINING = "\u00ad\u200b\u0300-\u036f\u064b-\u065f\u0670\u06d6-\u06ed\u200c\u200d\u3099\u309a"
# A token: letters/digits, with combining marks and transliteration marks inside or in front.
_TOKEN = re.compile(rf"[{_MARKS}]*[^\W_][\w{_COMBINING}{_MARKS}]*")

_ARABIC_LETTER = re.compile(r"[\u0620-\u064a\u066e-\u06d3\u06fa-\u06ff]")
_LATIN_LETTER = re.compile(r"[A-Za-z\u00c0-\u024f\u1e00-\u1eff]")

# Characters removed after NFKD and lower-casing: transliteration marks, combining
# diacritics, tashkeel, tatweel, zero-width and direction marks, soft hyphen.
_DROP_RE = re.compile(
    "["
    + re.escape(_MARKS)
    + "\u0300-\u036f\u064b-\u065f\u0670\u0640\u200b-\u200f\u061c\ufeff\u00ad\u3099\u309a"
    + "]+"
)
# Letters mapped to the form the key uses.
_LETTER_MAP = {
    "ı": "i",
    "ə": "e",
    "ø": "o",
    "æ": "ae",
    "œ": "oe",
    "ß": "ss",
    "đ": "d",
    "ð": "d",
    "ł": "l",
    "ħ": "h",
    "þ": "th",
    "ŧ": "t",
    # Arabic letter forms
    "أ": "ا",
    "إ": "ا",
    "آ": "ا",
    "ٱ": "ا",
    "ى": "ي",
    "ة": "ه",
    "ؤ": "و",
    "ئ": "ي",
    "ء": "",
    "ک": "ك",
    "ی": "ي",
    "گ": "ك",
    "ڤ": "ف",
    "پ": "ب",
    "چ": "ج",
}
_LETTER_RE = re.compile("[" + "".join(_LETTER_MAP) + "]")

#: Article tokens dropped from keys (``al-Tanf`` -> ``tanf``): the Arabic article as
#: transliterated (English, French, German habits) and doubled-letter slips (all-, arr-);
#: also the English "the" and "in", which text hands over with a name ("in Daraa" is
#: Daraa, not "Ain Dara", whose key it would otherwise share).
_ARTICLE_SOURCE = (
    "al el il ul l ad adh ar as ash ach at ath az an ed er es esh ech et ez en ej "
    "all ell arr att azz ann err ett ezz ass add ess edd the in"
)
_ARTICLES = frozenset(_ARTICLE_SOURCE.split())
# Latin digraphs and letters folded together, applied in this order.
_DIGRAPHS = (
    ("sch", "s"),
    ("sh", "s"),
    ("ch", "s"),
    ("kh", "x"),
    ("gh", "g"),
    ("th", "t"),
    ("dh", "d"),
    ("dj", "j"),
    ("ph", "f"),
    ("ck", "k"),
    ("q", "k"),
)
# The patterns below start with a literal or a character class (boundaries and lookbehinds
# come after it), so that the regex engine only tries them where that character occurs
# instead of at every position of a long text: ``h(?<=[aeiou]h)`` is ``(?<=[aeiou])h``.
_FINAL_H = re.compile(r"h(?<=[aeiou]h)\b")
_DOUBLE = re.compile(r"([a-z\u0600-\u06ff])\1+")
# A vowel run, with a following y/w that closes a diphthong (Dayr, Zawr).
_VOWELS = re.compile(r"[aeiou]+(?:[yw](?![aeiouy]))?|y(?![aeiou])")
# The same once e, i, o, u are written a, leaving out the runs that are a single a already.
_VOWELS_A = re.compile(r"a(?:a+(?:[yw](?![ay]))?|[yw](?![ay]))|y(?!a)")
# i and u between vowels are the consonants y and w (Daraia = Darayya, Houash = Hawash)
_GLIDE_I = re.compile(r"i(?<=[aeiou]i)(?=[aeiou])")
_GLIDE_U = re.compile(r"u(?<=[aeiou]u)(?=[aeiou])")
# ``(?<![\w])ال(?=\w\w)``
_ARABIC_ARTICLE = re.compile(r"ال(?<!\w..)(?=\w\w)")
# ``\be([tdrzsln])\1(?=[a-z]{2})``
_ASSIMILATED = re.compile(r"e(?<!\w.)([tdrzsln])\1(?=[a-z]{2})")


def _words_re(words: list[str]) -> re.Pattern[str]:
    r"""Compile a pattern matching any of ``words`` (word characters only) as a whole word.

    Equivalent to ``\b(?:w1|w2|...)\b``, but grouped by first letter with the left boundary
    tested after that letter (``a(?<!\w.)`` is ``\ba``), so that the engine only tries it
    at those letters.  Which alternative matches does not depend on their order: a whole
    word is matched, and at most one of the words ends at a word boundary.
    """
    by_first: dict[str, list[str]] = {}
    for w in sorted(set(words)):
        by_first.setdefault(w[0], []).append(w[1:])
    branches = []
    for first, rests in by_first.items():
        rests.sort(key=len, reverse=True)
        branches.append(re.escape(first) + r"(?<!\w.)(?:" + "|".join(map(re.escape, rests)) + ")")
    return re.compile("(?:" + "|".join(branches) + r")\b")


_ARTICLE_RE = _words_re(sorted(_ARTICLES))
_WORDS = re.compile(r"\w+")

# Whole-token synonyms: spellings the rules above keep apart (written as news writes them;
# their key forms are computed once below).
_SYNONYM_SOURCE = {
    "albu": "abu",
    "bu": "abu",
    "kfar": "kafr",
    "kafar": "kafr",
    "sheik": "sheikh",
    "tel": "tal",
}
_TOKEN_SYNONYMS: dict[str, str] = {}
_SYNONYM_RE: re.Pattern[str] | None = None  # set once the synonyms' keys are known
_NON_WORD = re.compile(r"[^\w\n]+")
# A run of non-word characters other than one space: ``_NON_WORD.sub(" ", text)`` is
# ``_NON_WORD_RUN.sub(" ", text)``, which leaves the many single spaces alone.
_NON_WORD_RUN = re.compile(r"[^\w\n](?:(?<! )[^\w\n]*|[^\w\n]+)")


def _map_letter(m: re.Match[str]) -> str:
    return _LETTER_MAP[m.group()]


def _fold_ascii(text: str) -> str:
    """Lower-case, strip diacritics and marks, unify Arabic letter forms."""
    text = text.lower()
    if text.isascii():  # NFKD changes nothing and no letter is mapped
        for mark in _ASCII_MARKS:
            text = text.replace(mark, "")
        return text
    text = _drop_marks(unicodedata.normalize("NFKD", text))
    return _LETTER_RE.sub(_map_letter, text)


_ASCII_MARKS = [c for c in _MARKS if c.isascii()]

#: Texts at least this long have their marks dropped (:func:`_drop_marks`), and doubled
#: letters, glides and vowels rewritten (:func:`_vowel_rules_numpy`), with numpy (a dependency
#: of syriamap, imported here only when needed) rather than regexes that try every letter.
_NUMPY_CHARS = 4096


def _codes(text: str) -> npt.NDArray[np.uint32]:
    """Return the code points of ``text`` (lone surrogates included)."""
    import numpy as np

    return np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)


def _text(codes: npt.NDArray[np.uint32]) -> str:
    """Return the text of code points made by :func:`_codes`."""
    return codes.tobytes().decode("utf-32-le", "surrogatepass")


@cache
def _drop_table() -> npt.NDArray[np.bool_]:
    """Which code points of U+0000-U+FFFF ``_DROP_RE`` removes (U+FFFF it keeps)."""
    import numpy as np

    table = np.zeros(0x10000, dtype=bool)
    for m in _DROP_RE.finditer(_text(np.arange(0x10000, dtype=np.uint32))):
        table[m.start() : m.end()] = True
    if table[0xFFFF]:  # it stands for every code point above it
        raise AssertionError("_DROP_RE must keep U+FFFF")
    return table


def _drop_marks(text: str) -> str:
    """``_DROP_RE.sub("", text)``: remove transliteration marks, diacritics, tashkeel ..."""
    if len(text) < _NUMPY_CHARS:
        return _DROP_RE.sub("", text)
    codes = _codes(text)
    drop = _drop_table().take(codes, mode="clip")
    if not drop.any():
        return text
    return _text(codes[~drop])


def _vowels(text: str) -> str:
    """``_VOWELS.sub("a", text)``: every vowel run (with a closing y/w) and lone y is ``a``."""
    for vowel in "eiou":
        text = text.replace(vowel, "a")
    return _VOWELS_A.sub("a", text)


@cache
def _vowel_table() -> npt.NDArray[np.bool_]:
    """Which code points of U+0000-U+007F are the vowels a e i o u (U+007F is not)."""
    import numpy as np

    table = np.zeros(0x80, dtype=bool)
    table[[ord(v) for v in "aeiou"]] = True
    return table


def _vowel_rules_numpy(text: str) -> str:
    r"""Do what the regexes do, at once on all of ``text``, with numpy.

    ``_DOUBLE.sub(r"\1", ...)``, then ``_GLIDE_I.sub("y", ...)``, ``_GLIDE_U.sub("w", ...)``
    and ``_VOWELS.sub("a", ...)``.  A regex's lookarounds see the text before its own
    replacements, and so does each step here.
    """
    import numpy as np

    codes = _codes(text)
    # doubled letters: one equal to the letter before it goes (code - start wraps round)
    after = codes[1:]
    double = (after == codes[:-1]) & (((after - 97) <= 25) | ((after - 0x600) <= 0xFF))
    keep = np.ones(len(codes), dtype=bool)
    np.logical_not(double, out=keep[1:])
    codes = codes[keep]  # a copy, which the glides below write to
    vowel = _vowel_table().take(codes, mode="clip")
    before = np.zeros(len(codes), dtype=bool)  # the character before is a vowel
    nxt = np.zeros(len(codes), dtype=bool)  # the character after is a vowel
    # i, then u, between two vowels is the consonant y, w
    for glide, consonant in ((ord("i"), ord("y")), (ord("u"), ord("w"))):
        before[1:] = vowel[:-1]
        nxt[:-1] = vowel[1:]
        between = (codes == glide) & before & nxt
        codes[between] = consonant
        vowel[between] = False
    before[1:] = vowel[:-1]
    nxt[:-1] = vowel[1:]
    y = codes == ord("y")
    next_y = np.zeros(len(codes), dtype=bool)
    next_y[:-1] = y[1:]
    # a vowel run is one a; a y or w closing it (not before a vowel or y) goes with it;
    # another y not before a vowel is an a
    closing = (y | (codes == ord("w"))) & before & ~(nxt | next_y)
    gone = (vowel & before) | closing
    to_a = vowel | (y & ~closing & ~nxt)
    return _text(np.where(to_a, np.uint32(97), codes)[~gone])


def _word_rules(text: str) -> str:
    """Apply the key's spelling rules (articles already dropped); none looks past a word."""
    text = _ASSIMILATED.sub(r"\1", text)
    for a, b in _DIGRAPHS:
        text = text.replace(a, b)
    text = _FINAL_H.sub("", text)
    # After _DOUBLE no letter is doubled, and the rules after it make no new double: a glide
    # has vowels on both sides, a vowel run becomes one a between non-vowels, and the Arabic
    # article goes from after a non-word character.
    if len(text) < _NUMPY_CHARS:
        text = _DOUBLE.sub(r"\1", text)
        text = _GLIDE_I.sub("y", text)
        text = _GLIDE_U.sub("w", text)
        text = _vowels(text)
    else:
        text = _vowel_rules_numpy(text)
    if "\u0627\u0644" in text:
        text = _ARABIC_ARTICLE.sub("", text)
    return text


def _keys_of_folded(text: str, *, articles_dropped: bool = False) -> list[str]:
    """Key each line of ``text`` (already folded with :func:`_fold_ascii`).

    Working on many names joined by newlines lets every rule run once over one string,
    which is what makes building the index and resolving a column fast.
    ``articles_dropped``: the article tokens are already replaced by spaces.
    """
    if not articles_dropped:
        text = _ARTICLE_RE.sub(" ", text)
    text = _word_rules(text)
    text = _NON_WORD.sub(" ", text)
    if _SYNONYM_RE is not None:
        text = _SYNONYM_RE.sub(_synonym, text)
    return [" ".join(line.split()) for line in text.split("\n")]


def _synonym(m: re.Match[str]) -> str:
    return _TOKEN_SYNONYMS[m.group()]


_TOKEN_SYNONYMS.update(
    {
        _keys_of_folded(_fold_ascii(a))[0]: _keys_of_folded(_fold_ascii(b))[0]
        for a, b in _SYNONYM_SOURCE.items()
    }
)
_SYNONYM_RE = re.compile(  # not the words that are their own synonym (tal)
    r"\b(?:"
    + "|".join(
        sorted((re.escape(k) for k, v in _TOKEN_SYNONYMS.items() if k != v), key=len, reverse=True)
    )
    + r")\b"
)


def tokenize(text: str) -> list[tuple[int, int, str]]:
    """Split text into word tokens with their character offsets.

    Hyphens, spaces and punctuation separate tokens; transliteration marks (``ʿ``, ``'``)
    and combining diacritics stay inside the token they belong to.

    Parameters
    ----------
    text : str
        Any text (a name or a whole article).

    Returns
    -------
    list of (int, int, str)
        ``(start, end, token)`` with ``text[start:end] == token``.

    Examples
    --------
    >>> tokenize("Deir ez-Zor")
    [(0, 4, 'Deir'), (5, 7, 'ez'), (8, 11, 'Zor')]
    """
    return [(m.start(), m.end(), m.group()) for m in _TOKEN.finditer(text)]


@lru_cache(maxsize=65536)
def normalize_token(token: str) -> str:
    """Return the folded key form of one token, ``""`` for an article that drops.

    Parameters
    ----------
    token : str
        One token as returned by :func:`tokenize`.

    Returns
    -------
    str
        The token's key form (see the module docstring), or ``""``.

    Examples
    --------
    >>> normalize_token("al"), normalize_token("Deir"), normalize_token("Dayr")
    ('', 'dar', 'dar')
    >>> normalize_token("Dêrik") == normalize_token("Derik")
    True
    """
    folded = _fold_ascii(token).replace("\n", " ")
    return "".join(_keys_of_folded(folded)[0].split())


@lru_cache(maxsize=262144)
def fold(name: str) -> str:
    """Return a light fold of a name: lower case, no diacritics, no articles.

    Less coarse than :func:`normalize` (vowels and consonant spellings are kept); the
    gazetteer uses it to break ties between places whose keys coincide.

    Examples
    --------
    >>> fold("Al-Ḩasakah")
    'hasakah'
    """
    text = _ARTICLE_RE.sub(" ", _fold_ascii(name))
    return " ".join(_WORDS.findall(text))


def _join_names(names: list[str]) -> str:
    """Join the names by newlines, a newline inside a name read as a space."""
    try:
        joined = "\n".join(names)
    except TypeError:  # not all strings: fail as n.replace does
        joined = "\n".join(n.replace("\n", " ") for n in names)
    if joined.count("\n") != len(names) - 1:
        joined = "\n".join(n.replace("\n", " ") for n in names)
    return joined


def _folded_lines(names: list[str]) -> str:
    """:func:`fold` of each name, joined by newlines."""
    text = _ARTICLE_RE.sub(" ", _fold_ascii(_join_names(names)))
    # every run of non-word characters made one space, then those at the ends of lines go
    text = _NON_WORD_RUN.sub(" ", text)
    return text.replace(" \n", "\n").replace("\n ", "\n").strip(" ")


def fold_many(names: list[str]) -> list[str]:
    """Return :func:`fold` of every name, fast for many names at once."""
    if not names:
        return []
    if not isinstance(names, list):
        names = list(names)
    return _folded_lines(names).split("\n")


@lru_cache(maxsize=65536)
def normalize(name: str) -> str:
    """Return the lookup key of a place name.

    The key is ``" ".join`` of the non-empty :func:`normalize_token` forms of the tokens of
    ``name``.  Validate untrusted input with :func:`validate_name` first.

    Parameters
    ----------
    name : str
        A place name as written (any script).

    Returns
    -------
    str
        The key; ``""`` when the name has no tokens left (only articles or punctuation).

    Examples
    --------
    >>> normalize("Deir ez-Zor") == normalize("Dayr az-Zawr") == normalize("Deir Ezzor")
    True
    >>> normalize("Albu Kamal") == normalize("Abu Kamal")
    True
    >>> normalize("دير الزور") == normalize("دَيْر الزُّور")
    True
    """
    return _keys_of_folded(_fold_ascii(name).replace("\n", " "))[0]


def normalize_many(names: list[str]) -> list[str]:
    """Return :func:`normalize` of every name, fast for many names at once.

    Parameters
    ----------
    names : list of str
        Place names.

    Returns
    -------
    list of str
        One key per name, in order.
    """
    return normalize_fold_many(names)[0]


def normalize_fold_many(names: list[str]) -> tuple[list[str], list[str]]:
    """Return ``(normalize_many(names), fold_many(names))``, sharing the work both need."""
    if not names:
        return [], []
    if not isinstance(names, list):
        names = list(names)
    text = _folded_lines(names)
    folds = text.split("\n")
    # The folds' words are the names' words with the articles dropped, one space apart: no
    # _NON_WORD pass and no spaces to squeeze, since the key rules never look past a word
    # nor make a word's key empty.
    text = _word_rules(text)
    if _SYNONYM_RE is not None:
        text = _SYNONYM_RE.sub(_synonym, text)
    return text.split("\n"), folds


# --- validation ---------------------------------------------------------------------------

_GENERIC_SOURCE = """
base bases desert deir dayr der dair camp camps village town city border crossing airbase
airport airfield field fields oil gas oilfield gasfield countryside governorate province
district subdistrict region north south east west northern southern eastern western
river dam mountain mountains valley garrison military checkpoint station plant facility
tal tel jabal jebel ain ayn bir kafr khirbat khirbet umm abu ras wadi nahr bayt beit qasr
qaryat sheikh shaykh area areas vicinity outskirts environs surroundings suburbs
sina'a sinaa sinaah
قاعدة مخيم قرية مدينة بلدة دير تل الصحراء صحراء البادية بادية معبر مطار حقل محافظة ريف ناحية
منطقة الحدود حدود صناعة الصناعة
"""
#: Lightly folded words (see :func:`fold`) that are not place names on their own.
GENERIC_WORDS: frozenset[str] = frozenset(fold(w) for w in _GENERIC_SOURCE.split())


_THE = re.compile(r"\s*the\b", re.IGNORECASE)
# C0/C1 control characters other than tab, newline and carriage return
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
_LETTER = re.compile(r"[^\W\d_]")
_NO_LETTER_LINE = re.compile(r"^(?:(?![^\W\d_])[^\n])*$", re.MULTILINE)


def is_generic(name: str) -> bool:
    """Whether a name is a generic word, not a proper name.

    True for one generic word on its own ("Deir", "camp"), and for generic words after the
    English article ("the base", "the desert", "the border crossing").  Names made of
    several generic-looking words without "the" ("Ras al-Ayn", "Umm Batna") are proper names.
    """
    return is_generic_fold(name, fold(name))


#: A name that starts with an Arabic article written apart ("al tal" of "Al-Tal")
_ARTICLE_WORD = re.compile(r"(?:al|el|at|et|ad|ed|ar|er|as|es|ash|az|ez|an|en) ")


def article_generic(name: str) -> str | None:
    """Return a generic word after an Arabic article, spelled plainly ("Al-Tal" -> "al tal").

    Lower-case, words a space apart; ``None`` for any other name.  Such a name is generic
    ("the hill") unless a town bears it: the caller decides (At Tall is "Al-Tal").
    """
    spelled = " ".join(name.lower().replace("-", " ").split())
    if _ARTICLE_WORD.match(spelled) and is_generic(name):
        return spelled
    return None


def is_generic_fold(name: str, folded: str) -> bool:
    """:func:`is_generic` given the name's :func:`fold` already computed."""
    if folded.isalnum():  # one word, the common case (the test below, without splitting)
        return folded in GENERIC_WORDS
    tokens = folded.split()
    if not tokens:
        return True
    if len(tokens) == 1 or _THE.match(name):
        return all(tok in GENERIC_WORDS for tok in tokens)
    return False


def quick_valid_many(values: list[object]) -> list[bool]:
    """:func:`quick_valid` of many values at once (``False`` for non-strings)."""
    strings = [v for v in values if isinstance(v, str)]
    joined = "\n".join(strings)
    if (
        len(strings) == len(values)
        and _CONTROL.search(joined) is None
        and "\t" not in joined
        and all(len(v) <= MAX_NAME_CHARS and "\n" not in v for v in strings)
        and _NO_LETTER_LINE.search(joined) is None
    ):
        if not (_ARABIC_LETTER.search(joined) and _LATIN_LETTER.search(joined)):
            return [True] * len(values)
        # both scripts in the column (Arabic names and Latin ones): is either in one name?
        arabic, latin = _ARABIC_LETTER.search, _LATIN_LETTER.search
        return [arabic(v) is None or latin(v) is None for v in strings]
    return [isinstance(v, str) and quick_valid(v) for v in values]


def quick_valid(value: str) -> bool:
    """Whether ``value`` passes :func:`validate_name`'s checks other than the generic-word one.

    A cheap test for bulk resolution; :func:`validate_name` says what is wrong.
    """
    return (
        len(value) <= MAX_NAME_CHARS
        and _CONTROL.search(value) is None
        and "\n" not in value
        and "\t" not in value
        and _LETTER.search(value) is not None
        and not (_ARABIC_LETTER.search(value) and _LATIN_LETTER.search(value))
    )


def validate_name(value: object) -> str:
    """Check that ``value`` is a usable place name and return it stripped.

    Parameters
    ----------
    value : object
        Anything a caller passed as a place name.

    Returns
    -------
    str
        The name with surrounding whitespace removed.

    Raises
    ------
    NameTypeError
        ``value`` is not a ``str`` (``None``, a number, a list ...).
    InvalidNameError
        Empty or whitespace only, longer than :data:`MAX_NAME_CHARS`, control characters,
        no letters, or Latin and Arabic letters mixed in one name.
    GenericNameError
        Only generic words ("the base", "the desert", "Deir").
    """
    if not isinstance(value, str):
        raise NameTypeError(value)
    if len(value) > MAX_NAME_CHARS:
        raise InvalidNameError(
            value,
            f"{len(value)} characters is too long for a place name (at most "
            f"{MAX_NAME_CHARS}); pass a name, not a text (find_places() reads texts)",
        )
    name = value.strip()
    if not name:
        raise InvalidNameError(value, "it is empty; pass a place name such as 'Deir ez-Zor'")
    bad = _CONTROL.search(name)
    if bad:
        raise InvalidNameError(
            value, f"it contains the control character {bad.group()!r}; remove it"
        )
    if not _LETTER.search(name):
        raise InvalidNameError(value, "it contains no letters")
    if "\t" in name or "\n" in name or "\r" in name:
        name = " ".join(name.split())
    if _ARABIC_LETTER.search(name) and _LATIN_LETTER.search(name):
        raise InvalidNameError(
            value,
            "it mixes Latin and Arabic letters; pass the name in one script "
            "(e.g. 'Deir ez-Zor' or 'دير الزور')",
        )
    if is_generic(name):
        raise GenericNameError(value)
    return name
