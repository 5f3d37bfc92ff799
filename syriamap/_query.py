"""Reading a query: qualifiers ("Hasakah governorate"), spelling variants, distinctive words."""

from __future__ import annotations

import re
from collections.abc import Iterable

from rapidfuzz import process
from rapidfuzz.distance import Levenshtein

from syriamap.names import GENERIC_WORDS, fold, fold_many

_QUALIFIERS: dict[str, frozenset[str]] = {}
for _words, _kinds in (
    (
        "governorate governorates province governate muhafazah muhafaza muhafazat wilayah "
        "mhafzt محافظه countryside rural ريف",
        {"governorate", "province"},
    ),
    ("district mintaqah mintaqat mntqt منطقه", {"district"}),
    ("subdistrict nahiya nahiyah nahiyat nahyt ناحيه", {"subdistrict"}),
    ("city town village مدينه بلده قريه", {"city", "town", "village", "locality"}),
    ("camp مخيم", {"camp"}),
    ("airbase base garrison", {"airbase", "base"}),
    ("airport مطار", {"airport", "airbase"}),
    ("crossing معبر", {"crossing"}),
    ("dam سد", {"dam"}),
):
    for _w in _words.split():
        _QUALIFIERS[fold(_w)] = frozenset(_kinds)
_LONG_QUALIFIERS = [q for q in _QUALIFIERS if len(q) >= 5 and q.isascii()]
#: Words between a name and its qualifier ("refugee camp", "border crossing", "sub-district").
_MODIFIERS = frozenset(
    "refugee idp displacement displaced border military air oil gas naval detention sub".split()  # noqa: SIM905
)
#: Qualifier words reporting attaches to a site's name, tried with the name before it alone.
_HINT_SUFFIXES: dict[frozenset[str], tuple[str, ...]] = {
    _QUALIFIERS[fold("camp")]: ("camp", "refugee camp"),
    _QUALIFIERS[fold("crossing")]: ("crossing", "border crossing"),
    _QUALIFIERS[fold("airbase")]: ("airbase", "air base", "military airport"),
    _QUALIFIERS[fold("airport")]: ("airport", "military airport", "airbase"),
    _QUALIFIERS[fold("dam")]: ("dam",),
}
_DIRECTIONS = frozenset(
    """north south east west northern southern eastern western northeastern northwestern
    southeastern southwestern north-eastern north-western south-eastern south-western
    شمال جنوب شرق غرب""".split()  # noqa: SIM905
)
_POSSESSIVE = re.compile(r"['’]s\b")


#: :func:`fold` of single words, filled in bulk by :func:`prefold_words` (a bounded cache)
_WORD_FOLDS: dict[str, str] = {}
_WORD_FOLDS_MAX = 200_000


def prefold_words(words: Iterable[str]) -> None:
    """Fold many words in one pass for the functions below (they fold word by word)."""
    new = [w for w in dict.fromkeys(words) if w not in _WORD_FOLDS]
    if len(_WORD_FOLDS) + len(new) > _WORD_FOLDS_MAX:
        _WORD_FOLDS.clear()
    _WORD_FOLDS.update(zip(new, fold_many(new), strict=True))


def _fold_word(word: str) -> str:
    folded = _WORD_FOLDS.get(word)
    return fold(word) if folded is None else folded


def _words_of(text: str) -> list[str]:
    """Return the words the functions below fold (for :func:`prefold_words`)."""
    return [*text.replace("-", " ").split(), *_POSSESSIVE.sub("", text).replace("-", " ").split()]


def _specific(folded: str) -> str:
    """Return the words of a folded name that are not generic ("khirbet luz" -> "luz")."""
    return " ".join(w for w in folded.split() if w not in GENERIC_WORDS and w not in _QUALIFYING)


#: Words that tell namesakes apart rather than name a place ("Upper", "North", "New").
_QUALIFYING_SOURCE = (
    "shamaliyah shamali shamaliya shimali janubiyah janubi janubiya gharbiyah gharbi "
    "gharbiya sharqiyah sharqi sharqiya fawqani fouqani tahtani tahtaniyah kabir kabirah "
    "kebir saghir saghirah sghir jadidah jadid qadimah qadim wusta awsat"
)
_QUALIFYING = frozenset(fold(w) for w in _QUALIFYING_SOURCE.split())


def _qualifier(word: str, *, leading: bool = False) -> frozenset[str] | None:
    """Kinds a qualifier word stands for ("governorate", "nahiya", "camp"), typos allowed.

    A leading word of four or five letters may have one wrong letter too ("Nayt X").
    """
    folded = _fold_word(word)
    kinds = _QUALIFIERS.get(folded)
    if kinds is not None or not folded.isascii() or len(folded) < (4 if leading else 6):
        return kinds
    # one wrong letter in a word of 4-7 letters, two in a longer one ("Subdistrcit")
    allowed = 2 if len(folded) >= 8 else 1
    best = process.extractOne(
        folded, _LONG_QUALIFIERS, scorer=Levenshtein.distance, score_cutoff=allowed
    )
    return _QUALIFIERS[best[0]] if best is not None else None


def _strip_qualifiers(text: str) -> tuple[str, frozenset[str] | None]:
    """Split "Hasakah governorate" into ("Hasakah", {"governorate", "province"})."""
    words = _POSSESSIVE.sub("", text).replace("-", " ").split()
    hint: frozenset[str] | None = None
    changed = True
    while changed and len(words) > 1:
        changed = False
        last = _qualifier(words[-1])
        if last is not None:
            hint = last if hint is None else (hint & last or hint)
            words = words[:-1]
            changed = True
            continue
        first = _qualifier(words[0], leading=True)
        if first is not None:
            hint = first if hint is None else (hint & first or hint)
            words = words[1:]
            if len(words) > 1 and _fold_word(words[0]) in {"of", ""}:
                words = words[1:]
            changed = True
        elif hint is not None and words[0].lower() in _DIRECTIONS:
            words = words[1:]
            changed = True
        elif hint is not None and _fold_word(words[0]) == "markaz":
            words = words[1:]  # "Nahiyat Markaz X": the subdistrict centred on X
            changed = True
        elif hint is not None and _fold_word(words[-1]) in _MODIFIERS:
            words = words[:-1]  # "Yarmouk refugee camp", "al-Tanf border crossing"
            changed = True
    return " ".join(words), hint


def _variants(text: str) -> list[str]:
    """Spellings to try when the key is not found: attached articles and Abu forms."""
    out = []
    words = text.replace("-", " ").split()
    for i, w in enumerate(words):
        f = _fold_word(w)
        new = None
        if (len(f) >= 5 and f[:2] in {"al", "el"}) or (
            re.match(r"^[ae]([tdrzsln])\1", f) and len(f) >= 5
        ):
            new = w[2:]
        elif len(f) >= 5 and f.startswith("bu"):
            new = "abu " + w[2:]
        elif len(f) >= 6 and f.startswith("abu") and f[3] not in "aeiou ":
            new = "abu " + w[3:]
        if new:
            out.append(" ".join([*words[:i], new, *words[i + 1 :]]))
    if len(words) > 1:
        out.append("".join(words))
        if _fold_word(words[0]) in {"en", "ein"}:  # Hebrew and French "En" for Ain, a spring
            out.append(" ".join(["ain", *words[1:]]))
    return out


def _without_article_slips(text: str) -> str:
    """Drop short words that look like a mistyped article ("els", "abh", "ahr-An").

    Only for the fuzzy stage; proper words of the kind (Abu, Ain, Umm) are kept.
    """
    words = text.replace("-", " ").split()
    kept = [
        w
        for w in words
        if not (
            re.fullmatch(r"[ae][a-z]{1,2}", _fold_word(w)) and _fold_word(w) not in GENERIC_WORDS
        )
    ]
    return " ".join(kept) if kept and len(kept) < len(words) else ""
