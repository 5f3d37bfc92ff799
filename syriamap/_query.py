"""Reading a query: qualifiers ("Hasakah governorate"), spelling variants, distinctive words."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from functools import cache, lru_cache

import numpy as np
from rapidfuzz import process
from rapidfuzz.distance import OSA

from syriamap._index import NameIndex, _sorted_distinct, skeleton
from syriamap.names import _ARTICLES, GENERIC_WORDS, fold, fold_many, normalize_many
from syriamap.place import KINDS

_QUALIFIERS: dict[str, frozenset[str]] = {}
for _words, _kinds in (
    (
        "governorate governorates province governate muhafazah muhafaza muhafazat wilayah "
        "mhafzt محافظه",
        {"governorate", "province"},
    ),
    # a town's countryside is its district ("Manbij countryside", ريف منبج), a
    # governorate's the governorate ("Aleppo countryside")
    ("countryside rural ريف", {"governorate", "province", "district", "subdistrict"}),
    # around a place, of any kind: the place ("Raqqa area", "outskirts of Raqqa")
    (
        "area region vicinity outskirts environs surroundings suburbs محيط اطراف ضواحي",
        KINDS,
    ),
    ("district mintaqah mintaqat mntqt منطقه", {"district"}),
    ("subdistrict nahiya nahiyah nahiyat nahyt nahia nahiat nahiet nahiyet ناحيه", {"subdistrict"}),
    ("city town village مدينه بلده قريه", {"city", "town", "village", "locality"}),
    ("camp مخيم", {"camp"}),
    ("airbase base garrison", {"airbase", "base"}),
    ("airport مطار", {"airport", "airbase"}),
    ("crossing معبر", {"crossing"}),
    ("dam سد", {"dam"}),
):
    for _w in _words.split():
        _QUALIFIERS[fold(_w)] = frozenset(_kinds)
#: What a direction before a name stands for ("eastern Deir ez-Zor", "northern Syria"):
#: part of an area, whose precision says how vague that is
_PART_OF = frozenset({"governorate", "province", "district", "subdistrict", "country", "region"})
_DISTRICT = _QUALIFIERS["district"]
_SUBDISTRICT = _QUALIFIERS["subdistrict"]
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
    # "Sweida countryside": the governorate (the district is named "Sweida" too)
    _QUALIFIERS[fold("countryside")]: ("governorate",),
}
#: An admin unit's name with its qualifier as the gazetteer spells it ("{}": the name),
#: tried after the name alone, which may be a village's.
_HINT_FORMS: dict[frozenset[str], tuple[str, ...]] = {
    _QUALIFIERS[fold("subdistrict")]: ("nahiyat {}", "{} subdistrict"),
    _QUALIFIERS[fold("district")]: ("{} district",),
    _QUALIFIERS[fold("governorate")]: ("{} governorate",),
    _QUALIFIERS[fold("countryside")]: ("{} district",),
}
#: ... and as GeoNames transliterates Arabic, without short vowels: "nayt ʿwj" is the Oj
#: subdistrict, whose alias "nahyt ʿwj" keeps the qualifier ("ʿwj" alone names no
#: subdistrict; "dhybyn" two).
_HINT_FORMS_UNVOWELLED: dict[frozenset[str], tuple[str, ...]] = {
    _QUALIFIERS[fold("subdistrict")]: ("nahyt {}", "nahyt mrkz {}"),
}


def _hint_order(hint: frozenset[str], *, vowelled: bool) -> tuple[tuple[str, str], ...]:
    """Return the spellings :func:`_hint_names` makes of a name, as (before, after) it.

    Each but the name alone adds words before or after it, a space apart.
    """
    unvowelled = _HINT_FORMS_UNVOWELLED.get(hint, ())
    forms = [
        *(f"{{}} {suffix}" for suffix in _HINT_SUFFIXES.get(hint, ())),
        *(() if vowelled else unvowelled),
        "{}",
        *_HINT_FORMS.get(hint, ()),
        *unvowelled,
    ]
    order = tuple((form.split("{}")[0], form.split("{}")[1]) for form in forms)
    if any((b and b[-1] != " ") or (a and a[0] != " ") for b, a in order):  # (for joins)
        raise AssertionError(f"a hint form without a space next to its name: {order!r}")
    return order


#: Per qualifier's kinds, and whether the name has vowel letters: :func:`_hint_order`
#: (made once, not per name); a hint none of the tables above has tries the name alone.
_HINT_ORDERS: dict[tuple[frozenset[str], bool], tuple[tuple[str, str], ...]] = {
    (hint, vowelled): _hint_order(hint, vowelled=vowelled)
    for hint in {*_HINT_SUFFIXES, *_HINT_FORMS, *_HINT_FORMS_UNVOWELLED}
    for vowelled in (True, False)
}
_NAME_ALONE = (("", ""),)
_VOWEL = re.compile("[aeiou]")
_DIRECTIONS = frozenset(
    """north south east west northern southern eastern western northeastern northwestern
    southeastern southwestern north-eastern north-western south-eastern south-western
    شمال جنوب شرق غرب""".split()  # noqa: SIM905
)
# (not after one or two letters: "Ra's al-Ayn" is no possessive)
_POSSESSIVE = re.compile(r"(?<=[^\W\d_]{3})['’]s\b")
#: What every direction contains ("north", "شمال"), to skip a second reading of a name
#: with none (:func:`_hint_names`), searched for in the lower-cased name.
_DIRECTION_PART = re.compile(
    "|".join(sorted(d for d in _DIRECTIONS if not any(o != d and o in d for o in _DIRECTIONS)))
)


#: :func:`fold` of single words, filled in bulk by :func:`prefold_words` (a bounded cache)
_WORD_FOLDS: dict[str, str] = {}
_WORD_FOLDS_MAX = 200_000


def prefold_words(words: Iterable[str]) -> None:
    """Fold many words in one pass for the functions below (they fold word by word)."""
    new = [w for w in dict.fromkeys(words) if w not in _WORD_FOLDS]
    if len(_WORD_FOLDS) + len(new) > _WORD_FOLDS_MAX:
        _WORD_FOLDS.clear()
    # ASCII words folded apart from the others: folded together, they would all go through
    # the Unicode decomposition only the others need
    ascii_: list[str] = []
    other: list[str] = []
    for w in new:
        (ascii_ if w.isascii() else other).append(w)
    for batch in (ascii_, other):
        _WORD_FOLDS.update(zip(batch, fold_many(batch), strict=True))


def _fold_word(word: str) -> str:
    folded = _WORD_FOLDS.get(word)
    return fold(word) if folded is None else folded


def fold_by_words(text: str) -> str:
    """:func:`fold` of ``text``, from its words' folds (no fold rule looks past a space).

    Fast for a name whose words :func:`prefold_words` has folded.
    """
    return " ".join(filter(None, map(_fold_word, text.split())))


def _words_of(text: str) -> list[str]:
    """Return the words the functions below fold (for :func:`prefold_words`).

    The name's words, hyphens read as spaces, and, when it has an apostrophe, those of
    :func:`_qualifier_words` too (without one they are the same).
    """
    words = text.replace("-", " ").split()
    if "'" in text or "’" in text:
        words += _qualifier_words(text)
    return words


def _qualifier_words(text: str) -> list[str]:
    """Return the words :func:`_strip_qualifiers` reads: no possessives, hyphens as spaces."""
    if "'" in text or "’" in text:  # a possessive needs one (the regex costs more than this)
        text = _POSSESSIVE.sub("", text)
    return text.replace("-", " ").split()


def _specific(folded: str) -> str:
    """Return the words of a folded name that are not generic ("khirbet luz" -> "luz").

    A generic word of six letters or more may be misspelled by a letter, or two in one of
    eight or more ("Hama Melitayr Airport" -> "hama").
    """
    return " ".join(w for w in folded.split() if not _generic_word(w))


#: English words that describe a site without naming it ("Hama National Hospital" is named
#: by "Hama"): generic for :func:`_specific`, and a name made of them and English generic
#: words only ("National Hospital", "the central prison") names no place (:func:`only_generic`).
_FACILITY_WORDS = frozenset(
    """hospital prison central national general state research centre center academy
    school university stadium square roundabout factory factories refinery port harbour
    industrial museum market mosque church hotel""".split()  # noqa: SIM905
)
# generic words a misspelled word may be (a facility word too: "Adra Central Prisdon")
_LONG_GENERIC = sorted(w for w in GENERIC_WORDS | _FACILITY_WORDS if len(w) >= 6 and w.isascii())

#: Generic words that begin a name and change whose name it is ("Umm al-Mayadin" is not
#: al-Mayadin, "Kafr Sousa" not Sousa): the query's word, then how the words of a name of
#: that sort begin, in any spelling ("Kafranbel" is "Kafr Nabl", "Albu Kamal" "Abu Kamal")
_NAME_HEADS: dict[str, tuple[str, ...]] = {}
for _words, _starts in (
    ("umm", "umm um om oum"),
    ("abu ebu", "abu abou abo ab bu bou albu albo ebu"),  # (Ebu: Turkish spelling)
    ("kafr", "kafr kfar kfr kafar kefr kufr kef kf"),
    ("deir dayr der dair", "deir dayr der dair deyr dei dir"),
    ("beit bayt", "beit bayt bet beyt bait bit bt"),
    ("tal tel", "tal tel til tl"),
    ("ain ayn", "ain ayn ein eyn ayin en in"),
    ("bir", "bir beer bi"),
    ("khirbat khirbet", "khirb khirbat kherb khurb khrb"),
    ("jabal jebel", "jabal jebel jabel djebel jbel jbal jab jeb"),
    ("ras", "ras raas"),
    ("wadi", "wadi wady ouadi oued wad"),
    ("nahr", "nahr nahar"),
    ("qasr", "qasr kasr qsar ksar qas"),
    ("qaryat", "qary qarya qaria kary"),
    ("sheikh shaykh", "sheikh shaykh shaikh sheik cheikh shekh sheyk shay"),
):
    for _w in _words.split():
        _NAME_HEADS[fold(_w)] = tuple(_starts.split())


def lacks_name_head(qfold: str, folded: str) -> bool:
    """Whether ``qfold`` has a name's head word that no word of ``folded`` begins like.

    Both lightly folded (:func:`~syriamap.names.fold`).  "umm mayadin" lacks it in
    "mayadin", "kafr nabl" has it in "kafranbel".  A fuzzy match that drops such a word
    names another place.
    """
    words = None
    for w in qfold.split():
        starts = _NAME_HEADS.get(w)
        if starts is not None:
            words = words or folded.split()
            if not any(x.startswith(starts) for x in words):
                return True
    return False


#: Words naming what kind of feature a name is, in groups of words that name alike.  A
#: query and a name with such words from different groups are different features of one
#: name ("Euphrates valley" is not "Euphrates Lake", nor "Tishrin Dam" "Tishrin bridge").
_FEATURE_SOURCE = (
    "lake lakes reservoir buhayrat buhayrah بحيره",
    "river nahr valley wadi basin نهر وادي",
    "mountain mountains mount mountain range hills heights jabal jebel jbel جبل",
    "dam sadd سد",
    "base airbase airport airfield garrison barracks قاعده مطار",
    "camp مخيم",
    "crossing checkpoint معبر",
    "field fields oilfield gasfield حقل",
    "prison سجن",
    "bridge جسر",
    "hospital مستشفي",
    "plain سهل",
    "desert بادية",
)
_FEATURE_GROUP: dict[str, int] = {
    fold(w): group for group, words in enumerate(_FEATURE_SOURCE) for w in words.split()
}


def feature_words(qfold: str) -> frozenset[int]:
    """Return the feature groups (see ``_FEATURE_SOURCE``) of a lightly folded name's words."""
    get = _FEATURE_GROUP.get
    return frozenset(g for w in qfold.split() if (g := get(w)) is not None)


def feature_clash(features: frozenset[int], folded: str) -> bool:
    """Whether a name names another kind of feature than a query's ``features``.

    ``features``: :func:`feature_words` of the query; ``folded``: the name, lightly folded.
    True when both have feature words and none of one group: "Euphrates Lake" for
    "Euphrates valley".  A name without feature words never clashes.
    """
    if not features:
        return False
    get = _FEATURE_GROUP.get
    own = {g for w in folded.split() if (g := get(w)) is not None}
    return bool(own) and not (own & features)


_NUMBER = re.compile(r"\d+")
_NONE: frozenset[str] = frozenset()


def numbers_of(folded: str) -> frozenset[str]:
    """Return the numbers written in a lightly folded name ("brigade 104" -> {"104"})."""
    return frozenset(_NUMBER.findall(folded)) if any(c.isdigit() for c in folded) else _NONE


def number_clash(numbers: frozenset[str], folded: str) -> bool:
    """Whether a name has numbers and not a query's ``numbers`` ("Brigade 137" for "Brigade 104").

    ``numbers``: :func:`numbers_of` the query.  A name without numbers never clashes: units
    and sites are told apart by their numbers, which no spelling slip changes.
    """
    if not numbers:
        return False
    own = numbers_of(folded)
    return bool(own) and own != numbers


#: The facility words and the English words of GENERIC_WORDS (not its Arabic ones: "Ras
#: al-Ayn" is a name), for :func:`only_generic`.
_ENGLISH_GENERIC = _FACILITY_WORDS | frozenset(
    """the of base bases camp camps village town city border crossing airbase airport
    airfield field fields oil gas oilfield gasfield countryside governorate province
    district subdistrict region north south east west northern southern eastern western
    river dam mountain mountains valley garrison military checkpoint station plant facility
    area old new main""".split()  # noqa: SIM905
)


def only_generic(qfold: str) -> bool:
    """Whether a lightly folded name is English generic words only ("national hospital")."""
    return all(w in _ENGLISH_GENERIC for w in qfold.split())


@lru_cache(maxsize=65536)
def _generic_word(word: str) -> bool:
    """Whether a folded word is generic or qualifying (see :func:`_specific`)."""
    if word in GENERIC_WORDS or word in _QUALIFYING or word in _FACILITY_WORDS:
        return True
    if len(word) < 6 or not word.isascii():
        return False
    allowed = 2 if len(word) >= 8 else 1
    near = _NEAR_GENERIC.get(word)
    if near is not None:
        return near <= allowed
    return (
        process.extractOne(word, _LONG_GENERIC, scorer=OSA.distance, score_cutoff=allowed)
        is not None
    )


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
    folded = _WORD_FOLDS.get(word)  # (:func:`_fold_word`, inline: called for most words)
    if folded is None:
        folded = fold(word)
    kinds = _QUALIFIERS.get(folded)
    if kinds is not None or len(folded) < (4 if leading else 6) or not folded.isascii():
        return kinds
    # one wrong letter in a word of 4-7 letters, two in a longer one ("Subdistrcit"); two
    # letters swapped count as one ("Sobidstrict")
    allowed = 2 if len(folded) >= 8 else 1
    near = _NEAREST_QUALIFIER.get(folded)
    if near is None:
        best = process.extractOne(
            folded, _LONG_QUALIFIERS, scorer=OSA.distance, score_cutoff=allowed
        )
        return _QUALIFIERS[best[0]] if best is not None else None
    distance, closest = near
    return _QUALIFIERS[closest] if distance <= allowed else None


#: folded word -> (OSA distance to the nearest long qualifier, capped at 3; that qualifier),
#: and -> whether a long generic word is within two letters, filled in bulk (bounded caches)
_NEAREST_QUALIFIER: dict[str, tuple[int, str]] = {}
_NEAR_GENERIC: dict[str, int] = {}


@cache
def site_word_keys() -> frozenset[str]:
    """Return the keys of the words a site's name adds to a place's name.

    Qualifiers, their modifiers and generic words ("crossing", "border", "gas", "field",
    "kafr" ...), and "bridge", "factory", "hill".
    """
    words = [*_QUALIFIERS, *_MODIFIERS, *GENERIC_WORDS, "bridge", "factory", "hill"]
    return frozenset(k for k in normalize_many(words) if k and " " not in k)


def prescore_words(folded_words: Iterable[str]) -> None:
    """Compare many folded words with the qualifiers and generic words in two calls.

    For :func:`_qualifier` and :func:`_generic_word`, which otherwise compare word by word.
    """
    new = [
        w
        for w in dict.fromkeys(folded_words)
        if w not in _NEAREST_QUALIFIER and len(w) >= 4 and w.isascii()
    ]
    if not new:
        return
    if len(_NEAREST_QUALIFIER) + len(new) > _WORD_FOLDS_MAX:
        _NEAREST_QUALIFIER.clear()
        _NEAR_GENERIC.clear()
    quals = process.cdist(new, _LONG_QUALIFIERS, scorer=OSA.distance, score_cutoff=2, workers=1)
    generic = process.cdist(new, _LONG_GENERIC, scorer=OSA.distance, score_cutoff=2, workers=1)
    closest = map(_LONG_QUALIFIERS.__getitem__, quals.argmin(axis=1).tolist())
    low = quals.min(axis=1).tolist()
    _NEAREST_QUALIFIER.update(zip(new, zip(low, closest, strict=True), strict=True))
    _NEAR_GENERIC.update(zip(new, generic.min(axis=1).tolist(), strict=True))


def _hint_names(
    text: str, core: str, hint: frozenset[str], joins: dict[str, tuple[str, str]] | None = None
) -> list[str]:
    """Names to try, in order, for ``text`` qualified by ``hint`` (``core``: its name).

    The name with a leading direction kept first ("Eastern Bari Sobidstrict" -> "Eastern
    Bari"), then without it ("northern Aleppo countryside" -> "Aleppo"); each preceded by
    the site named with its qualifier ("Yarubiyah crosing" -> "Yarubiyah crossing",
    "Yarubiyah border crossing", "Yarubiyah") and followed by the admin unit's name as
    the gazetteer spells it with its qualifier (:data:`_HINT_FORMS`, then
    :data:`_HINT_FORMS_UNVOWELLED`: "nayt shqa" -> "shqa", "nahiyat shqa", "shqa
    subdistrict", "nahyt shqa", "nahyt mrkz shqa"); a name without vowel letters tries the
    unvowelled forms first ("nayt dhybyn" -> "nahyt dhybyn", "nahyt mrkz dhybyn", ...).

    ``joins``: when given, each name tried that is another (tried too) with words before
    or after it, a space apart, is added to it mapped to the two ("nahiyat shqa" ->
    ("nahiyat", "shqa"), "Yarmouk refugee camp" -> ("Yarmouk", "refugee camp")).
    """
    # without a direction in it, keeping directions reads the name as ``core`` again
    named = core
    if _DIRECTION_PART.search(text.lower()):
        named = _strip_qualifiers(text, keep_directions=True)[0]
    out: list[str] = []
    words = _qualifier_words(text)
    if len(words) > 2 and _qualifier(words[-1]) is not None:
        # two qualifiers: the name with the inner one first ("Damascus Countryside
        # province" is "Damascus Countryside", Rif Dimashq, not the Damascus governorate)
        outer = " ".join(words[:-1])
        if outer != core and _strip_qualifiers(outer)[1] is not None:
            out.append(outer)
    for name in dict.fromkeys([named, core]):
        vowelled = _VOWEL.search(fold_by_words(name)) is not None
        order = _HINT_ORDERS.get((hint, vowelled), _NAME_ALONE)
        out += [before + name + after for before, after in order]
        if joins is not None:
            for before, after in order:
                if before:
                    joins[before + name] = (before[:-1], name)
                elif after:
                    joins[name + after] = (name, after[1:])
    return list(dict.fromkeys(out))


def _strip_qualifiers(
    text: str, *, keep_directions: bool = False, words: list[str] | None = None
) -> tuple[str, frozenset[str] | None]:
    """Split "Hasakah governorate" into ("Hasakah", {"governorate", "province"}).

    A direction after a leading qualifier or before a trailing one is dropped too
    ("northern Aleppo countryside"), unless ``keep_directions`` ("Eastern Bari subdistrict").
    ``words``: ``_qualifier_words(text)``, when the caller has them.
    """
    if words is None:
        words = _qualifier_words(text)
    hint: frozenset[str] | None = None
    # an article before a leading qualifier ("al-Nahiyat X", "ad-nayt X")
    if len(words) > 2 and not _fold_word(words[0]) and _qualifier(words[1], leading=True):
        words = words[1:]
    changed = True
    while changed and len(words) > 1:
        changed = False
        last = _qualifier(words[-1])
        if last is not None:
            if last is _DISTRICT and len(words) > 2 and _fold_word(words[-2]) == "sub":
                last, words = _SUBDISTRICT, words[:-1]  # "Tarin sub-district"
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
        elif not keep_directions and words[0].lower() in _DIRECTIONS:
            if hint is None:  # "eastern Deir ez-Zor": part of the governorate, not the city
                hint = _PART_OF
            words = words[1:]
            changed = True
        elif hint is not None and _fold_word(words[0]) in {"markaz", "mrkz"}:
            words = words[1:]  # "Nahiyat Markaz X": the subdistrict centred on X
            changed = True
        elif hint is not None and _fold_word(words[-1]) in _MODIFIERS:
            words = words[:-1]  # "Yarmouk refugee camp", "al-Tanf border crossing"
            changed = True
    return " ".join(words), hint


#: The nisba ending written "-ia"/"-iah"/"-ieh", which the key reads as one vowel, unlike
#: "-iya"/"-iyah"/"-iyyeh" (Qahtaniah keys "kahtana", Qahtaniyyeh "kahtanaya").  Only this
#: way: "-iyah" read as "-iah" makes short keys that other places have ("Sisiyah").
_ENDING_IA = re.compile(r"(?<=[^\Waeiouy])(?:ia|iah|ieh)$")
_REPEATS = re.compile(r"(.)\1+")
_ASSIMILATED_ARTICLE = re.compile(r"[ae]([tdrzsln])\1")  # "Ezzor", "Arraqqa"
_ARTICLE_SLIP = re.compile(r"[ae][a-z]{1,2}")  # "els", "abh"
# What a folded word (no newline in it) must end or start with for a rule of _variants
# to apply to it, tested first as few words do and a regex costs more: an "-ia" ending; an
# article or Abu in front, or a doubled second letter (_ASSIMILATED_ARTICLE); and, for a
# word _REPEATS reads as an article, an article's first and last letters, which it keeps.
_IA_ENDINGS = ("ia", "iah", "ieh")
_ARTICLE_STARTS = ("al", "el", "bu", "abu")
_ARTICLE_ENDS = frozenset(a[0] + a[-1] for a in _ARTICLES)


def _variants(text: str, words: list[str] | None = None) -> list[str]:
    """Spellings to try when the key is not found.

    Attached articles ("Alkhafsa"), Abu forms ("Albu Kamal"), the other spelling of a
    "-iah" ending ("Qahtaniah" -> "qahtaniyah", for Qahtaniyyeh), an article with a
    doubled letter dropped ("Bāqah ashh Sharqīyah"), an article's space put back where a
    capital shows it belongs ("alK itta" -> "al Kitta"), the words run together, "Lake" put
    at the other end ("Tabqa Lake" -> "Lake Tabqa").
    ``words``: ``text.replace("-", " ").split()``, when the caller has it.
    """
    out = []
    if words is None:
        words = text.replace("-", " ").split()
    last = len(words) - 1
    for i, w in enumerate(words):
        f = _WORD_FOLDS.get(w)  # (:func:`_fold_word`, inline)
        if f is None:
            f = fold(w)
        if (
            len(f) < 5
            or not (f.endswith(_IA_ENDINGS) or f.startswith(_ARTICLE_STARTS) or f[1] == f[2])
        ) and (i == last or f[:1] + f[-1:] not in _ARTICLE_ENDS):
            continue  # (most words: none of the rules below applies)
        other = _ENDING_IA.sub("iyah", f)
        if other != f and len(f) >= 5:
            out.append(" ".join([*words[:i], other, *words[i + 1 :]]))
        if i < len(words) - 1 and _REPEATS.sub(r"\1", f) in _ARTICLES and f not in _ARTICLES:
            out.append(" ".join([*words[:i], *words[i + 1 :]]))
        new = None
        if (len(f) >= 5 and f[:2] in {"al", "el"}) or (
            _ASSIMILATED_ARTICLE.match(f) and len(f) >= 5
        ):
            new = w[2:]
        elif len(f) >= 5 and f.startswith("bu"):
            new = "abu " + w[2:]
        elif len(f) >= 6 and f.startswith("abu") and f[3] not in "aeiou ":
            new = "abu " + w[3:]
        if new:
            out.append(" ".join([*words[:i], new, *words[i + 1 :]]))
    # an article's space one letter off, as the capital shows ("alK itta", "A lJabaʼish")
    for i in range(len(words) - 1):
        a, b = words[i], words[i + 1]
        if len(a) > 4:  # (both tests below need an article of at most three letters in it)
            continue
        if len(a) > 1 and a[-1].isupper() and a[:-1].lower() in _ARTICLES:
            out.append(" ".join([*words[:i], a[:-1], a[-1] + b, *words[i + 2 :]]))
        if len(b) > 2 and b[0].islower() and b[1].isupper() and (a + b[0]).lower() in _ARTICLES:
            out.append(" ".join([*words[:i], a + b[0], b[1:], *words[i + 2 :]]))
    if len(words) > 1:
        out.append("".join(words))
        first = _fold_word(words[0])
        if first in {"en", "ein"}:  # Hebrew and French "En" for Ain, a spring
            out.append(" ".join(["ain", *words[1:]]))
        # "Tabqa Lake" for "Lake Tabqa", and the other way round
        if first == "lake":
            out.append(" ".join([*words[1:], words[0]]))
        elif _fold_word(words[-1]) == "lake":
            out.append(" ".join([words[-1], *words[:-1]]))
    return out


def _without_article_slips(text: str, words: list[str] | None = None) -> str:
    """Drop short words that look like a mistyped article ("els", "abh", "ahr-An").

    Only for the fuzzy stage; proper words of the kind (Abu, Ain, Umm) are kept.
    ``words``: ``text.replace("-", " ").split()``, when the caller has it.
    """
    if words is None:
        words = text.replace("-", " ").split()
    # most names have no such word: look for one first (of two or three letters, as
    # _ARTICLE_SLIP needs, which is cheaper to test than the regex)
    for w in words:
        f = _WORD_FOLDS.get(w)  # (:func:`_fold_word`, inline)
        if f is None:
            f = fold(w)
        if len(f) in (2, 3) and _ARTICLE_SLIP.fullmatch(f) and f not in GENERIC_WORDS:
            break
    else:
        return ""
    kept = [
        w
        for w in words
        if not (_ARTICLE_SLIP.fullmatch(_fold_word(w)) and _fold_word(w) not in GENERIC_WORDS)
    ]
    return " ".join(kept) if kept and len(kept) < len(words) else ""


#: Most keys sharing a word with a query that the fuzzy stage scores (a common word's keys
#: are cut to this many, in a fixed order).
SHARED_WORD_KEYS = 2000


def _shared_word_keys_many(
    index: NameIndex,
    targets: Sequence[tuple[str, str]],
    found_seg: np.ndarray,
    found_numbers: np.ndarray,
) -> tuple[np.ndarray, np.ndarray, dict[int, str]]:
    """Keys sharing a distinctive word with each of many ``(key, fold)`` targets.

    For the fuzzy stage, besides the keys within one consonant of a name: for a name of two
    words or more, the keys that share a distinctive word (not generic) of four letters or
    more with it, that word's consonants spelled alike ("Sheilh Maqsoud": "Maqsoud" is
    spelled right, "Sheilh" two letters off).  A qualifier ("Nahiyat", "Subdistrict")
    counts only when no other word is shared ("Busayrbh SSubdistrict"; in "Nahiyat aln
    Ghariyah", "Ghariyah" is).  Not the keys already found (``found_numbers``, whose
    targets are ``found_seg``); at most :data:`SHARED_WORD_KEYS` per target, in key order.
    All the targets' words are keyed together.

    Returns
    -------
    seg, numbers : numpy.ndarray
        Each key's target and its number (:meth:`NameIndex.numbered`), sorted by target,
        then by key.
    specific : dict
        :func:`_specific` of the fold of each target of several words.
    """
    multi = [i for i, (key, _) in enumerate(targets) if " " in key]
    prefold_words(w for i in multi for w in targets[i][1].split())
    prescore_words(w for i in multi for w in targets[i][1].split())
    qualifying: dict[str, bool] = {}
    split: dict[int, tuple[list[str], list[str]]] = {}
    specific: dict[int, str] = {}
    for i in multi:
        qfold = targets[i][1]
        for w in qfold.split():
            if w not in qualifying:
                qualifying[w] = _qualifier(w, leading=True) is not None
        qualifiers = [w for w in qfold.split() if qualifying[w]]
        specific[i] = spec = _specific(qfold)
        names = [w for w in spec.split() if w not in qualifiers]
        split[i] = (names, qualifiers)
    words = list(dict.fromkeys(w for pair in split.values() for ws in pair for w in ws))
    keyed = dict(zip(words, normalize_many(words), strict=True))
    numbered = index.numbered()
    by_word = numbered.words
    n = len(numbered.keys)
    # (target, key) pairs coded as target * n + key number, so sorted means by target, key
    excluded = np.sort(found_seg.astype(np.int64) * n + found_numbers)
    pending = list(split)
    chosen: list[np.ndarray] = []
    for group in (0, 1):  # the distinctive words, then (for targets still without) qualifiers
        chunks: list[np.ndarray] = []
        owners: list[int] = []
        for i in pending:
            for w in split[i][group]:
                for kw in keyed[w].split():
                    if len(kw) >= 4:
                        keys = by_word.get(skeleton(kw))
                        if keys is not None:
                            chunks.append(keys)
                            owners.append(i)
        if not chunks:
            continue
        sizes = np.fromiter(map(len, chunks), dtype=np.int64, count=len(chunks))
        codes = _sorted_distinct(
            np.repeat(np.array(owners, dtype=np.int64), sizes) * n + np.concatenate(chunks)
        )
        if len(excluded):
            at = np.minimum(np.searchsorted(excluded, codes), len(excluded) - 1)
            codes = codes[excluded[at] != codes]
        chosen.append(codes)
        done = set((codes // n).tolist())
        pending = [i for i in pending if i not in done]
    if not chosen:
        empty = np.zeros(0, dtype=np.int64)
        return empty, empty, specific
    codes = np.sort(np.concatenate(chosen))
    seg = codes // n
    # the first SHARED_WORD_KEYS of each target
    starts = np.flatnonzero(np.concatenate(([True], seg[1:] != seg[:-1])))
    rank = np.arange(len(seg)) - np.repeat(starts, np.diff(np.append(starts, len(seg))))
    codes = codes[rank < SHARED_WORD_KEYS]
    return codes // n, codes % n, specific
