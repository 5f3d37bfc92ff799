"""Tests of syriamap.geoparse: place mentions in news text.

The gold figures (precision, recall, resolution accuracy) are computed by
``tests/text_eval.py`` over the five annotated seed articles and the extra
sentences of ``tests/fixtures/text_cases.json``; ``python tests/text_eval.py``
prints them with every error.

Thresholds: the seed articles were read while the parser was written, so they
must stay near perfect (>= 0.95).  The extra sentences were annotated before the
parser was tuned on them; the first run gave precision 0.93, recall 0.84 and
resolution accuracy 0.97, and the remaining misses are places missing from the
gazetteer (Geneva, the Euphrates, "Serêkaniyê") or deliberate trade-offs ("Hit",
a common English word, is only matched for large places).  The thresholds below
(0.9 / 0.85 / 0.9) leave room for gazetteer changes without letting a real
regression through.
"""

from __future__ import annotations

import bisect
import json
import time
from dataclasses import replace

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st
from text_eval import gold_articles, score, score_cases, score_seeds, text_cases

import syriamap
from syriamap import geoparse
from syriamap.errors import TextTypeError
from syriamap.gazetteer import Gazetteer
from syriamap.geoparse import (
    _ACTOR_BEFORE,
    _ANAPHOR,
    _LOCATIVE_BEFORE,
    _SENTENCE_END,
    Mention,
    _actor_before,
    _anaphor_matches,
    _locative_before,
    _lookup_all,
    _sentences,
    _split_tokens,
    find_places,
)
from syriamap.names import is_generic, normalize, tokenize
from syriamap.place import Place


@pytest.fixture(scope="module")
def seed_score():
    return score_seeds()


@pytest.fixture(scope="module")
def case_score():
    return score_cases()


# --- gold figures -----------------------------------------------------------------------------


def test_seed_articles_precision_recall(seed_score, capsys):
    with capsys.disabled():
        print(f"\n[geoparse] seed articles: {seed_score.summary()}")
    assert seed_score.gold >= 100
    assert seed_score.precision >= 0.95, seed_score.errors
    assert seed_score.recall >= 0.95, seed_score.errors
    assert seed_score.lenient_recall >= 0.98, seed_score.errors


def test_seed_articles_resolution(seed_score):
    assert seed_score.resolution_accuracy >= 0.95, seed_score.errors
    assert seed_score.in_syria_accuracy >= 0.98, seed_score.errors
    # actor vs location is a judgement call even for annotators ("USA in rare
    # counter-strike" in a headline): a lower bar
    assert seed_score.role_accuracy >= 0.9


def test_extra_sentences(case_score, capsys):
    with capsys.disabled():
        print(f"\n[geoparse] extra sentences: {case_score.summary()}")
    assert len(text_cases()) >= 40
    assert case_score.precision >= 0.9, case_score.errors
    assert case_score.recall >= 0.85, case_score.errors
    assert case_score.resolution_accuracy >= 0.9, case_score.errors
    assert case_score.role_accuracy >= 0.85


@pytest.mark.parametrize(
    "tag", ["url", "email", "organisation", "demonym", "arabic", "anaphora", "outside-syria"]
)
def test_each_tricky_category_has_no_spurious_mention(tag):
    cases = [c for c in text_cases() if tag in c["tags"]]
    assert cases, tag
    for case in cases:
        s = score(case["text"], case["mentions"], case["id"])
        assert s.predicted == s.strict_tp, s.errors


def test_gold_offsets_are_consistent():
    for _name, text, gold in gold_articles():
        for g in gold["mentions"]:
            assert text[g["start"] : g["end"]] == g["text"]


# --- contract -----------------------------------------------------------------------------------


def test_offsets_round_trip_on_every_seed_article():
    for _name, text, _gold in gold_articles():
        mentions = find_places(text)
        assert mentions
        assert [m.start for m in mentions] == sorted(m.start for m in mentions)
        for m in mentions:
            assert isinstance(m, Mention)
            assert text[m.start : m.end] == m.text
            assert 0.0 <= m.confidence <= 1.0
            assert m.kind in {"name", "anaphor"}
            assert m.role in {"location", "actor"}


def test_public_api_is_exported():
    assert syriamap.find_places is find_places
    assert syriamap.Mention is Mention


def test_non_string_text_raises_typed_error():
    with pytest.raises(TextTypeError, match="bytes"):
        find_places(b"Raqqa")  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        find_places(None)  # type: ignore[arg-type]


def test_empty_and_placeless_text():
    assert find_places("") == []
    assert find_places("No places here, only words.") == []


def test_to_dict_is_json_ready():
    text = "Hosh Matroud, which is 40 km away from the base."
    out = json.dumps([m.to_dict() for m in find_places(text)])
    assert "curated:hosh-matroud" in out


# --- behaviours ---------------------------------------------------------------------------------


def test_small_places_are_found():
    text = "Strikes near Khusham, Hosh Matroud, Qesirdib and al-Tanf."
    ids = [m.place_id for m in find_places(text)]
    assert ids == [
        "curated:khusham",
        "curated:hosh-matroud",
        "curated:qesirdib",
        "curated:al-tanf-garrison",
    ]


def test_unlocated_place_is_resolved_with_reason():
    (m,) = find_places("The target was Hosh Matroud.")
    assert m.place is not None and not m.located
    assert "not located" in (m.reason or "")


@pytest.mark.parametrize(
    "spelling", ["Deir ez-Zor", "Dayr az-Zawr", "Deir al-Zour", "Deir Ezzor", "دير الزور"]
)
def test_spelling_variants_resolve_to_the_same_place(spelling):
    (m,) = find_places(f"Clashes in {spelling} on Monday.")
    assert m.place_id in {"geonames:170794", "SY09"}
    assert m.text == spelling


def test_url_email_and_organisations_are_not_mentions():
    text = (
        "See https://www.syriahr.com/en/aleppo and write to desk@raqqa-news.org. "
        "The Syrian Observatory for Human Rights and Islamic State were cited; "
        "Wilayat Sinai claimed it."
    )
    assert find_places(text) == []


def test_demonyms_are_not_mentions_but_countries_are():
    ms = find_places("Syrian and Iraqi officials met in Iraq.")
    assert [(m.text, m.place_id) for m in ms] == [("Iraq", "country:IQ")]


def test_places_outside_syria_stay_outside():
    ms = find_places("Militants attacked in North Sinai while rockets hit Mosul.")
    assert [m.in_syria for m in ms] == [False, False]
    assert [m.country for m in ms] == ["EG", "IQ"]


def test_country_as_actor():
    ms = find_places("Russia alerted the United States that it would strike in Syria.")
    roles = {m.text: m.role for m in ms}
    assert roles == {"Russia": "actor", "United States": "actor", "Syria": "location"}
    ms = find_places("Forces in Iraq and Syria have been attacked; Syria said nothing.")
    assert [m.role for m in ms] == ["location", "location", "actor"]


def test_modifier_abbreviations_are_not_mentions():
    assert find_places("US forces and U.S.-led coalition jets, UK-based monitors.") == []


def test_anaphor_resolves_to_latest_place_of_matching_kind():
    text = "Drones struck the al-Tanf garrison. Later the base was quiet, as was the camp."
    ms = find_places(text)
    anaphors = [m for m in ms if m.kind == "anaphor"]
    assert [(m.text, m.place_id) for m in anaphors] == [("the base", "curated:al-tanf-garrison")]
    assert ms[anaphors[0].antecedent].text == "al-Tanf garrison"


def test_anaphor_without_antecedent_is_not_a_mention():
    assert find_places("Officials said the base would be expanded.") == []


def test_context_country_decides_between_homonyms():
    # Sinjar is a town in Iraq and a village in Idlib; the text says which.
    (iraq,) = [m for m in find_places("Sinjar, in Iraq, was hit.") if m.text == "Sinjar"]
    assert iraq.country == "IQ"


def _tiny_gazetteer(*extra: Place) -> Gazetteer:
    base = [
        Place("t:aleppo", "Aleppo", "city", 37.16, 36.2, 5000.0, "SY", population=2_000_000),
        *extra,
    ]
    return Gazetteer(base)


def test_custom_gazetteer_and_common_word_village():
    will = Place("t:will", "Will", "village", 37.0, 36.0, 2000.0, "SY")
    gz = _tiny_gazetteer(will)
    ms = find_places("Will the siege of Aleppo end? Many will leave.", gazetteer=gz)
    assert [(m.text, m.place_id) for m in ms] == [("Aleppo", "t:aleppo")]
    # the automaton is cached per gazetteer
    t0 = time.perf_counter()
    find_places("Aleppo", gazetteer=gz)
    assert time.perf_counter() - t0 < 0.5


def test_person_names_are_not_places():
    ms = find_places("President Bashar al-Assad met Gen. Mark Milley in Damascus.")
    assert [m.text for m in ms] == ["Damascus"]


def test_the_speaker_of_a_quote_is_not_a_village_of_that_name():
    # seed article 001 quotes the journalist Hassan al-Naifi; "Al-Naifi concluded" keys
    # like the Daraa village Nafia ("nafa")
    assert find_places("“It is a message to the Americans,” Al-Naifi concluded.") == []
    # a village after a preposition is the village, and a capital may speak for a state
    assert [m.place_id for m in find_places("Residents of Nafia said it was shelled.")] == [
        "curated:nafia"
    ]
    assert [m.text for m in find_places("Damascus said the strike was illegal.")] == ["Damascus"]


# --- untrusted input ------------------------------------------------------------------------------


def test_control_characters_do_not_break_offsets():
    text = "Strikes\x00 hit\u200b Idlib\x1b[0m and \ufeffAfrin\r\n."
    ms = find_places(text)
    assert [m.text for m in ms] == ["Idlib", "Afrin"]
    for m in ms:
        assert text[m.start : m.end] == m.text


def test_megabyte_input_is_linear():
    _, text, _ = gold_articles()[1]
    small = text * 20
    big = text * 200  # ~1 MB
    find_places(small)

    def cpu(t: str) -> tuple[float, int]:
        t0 = time.process_time()
        n = len(find_places(t))
        return time.process_time() - t0, n

    t_small, n_small = min(cpu(small) for _ in range(3))
    t_big, n_big = cpu(big)
    assert n_big == 10 * n_small
    # 10x the text: linear time gives ~10x (quadratic would give ~100x); CPU time, with
    # slack for a machine shared with other jobs
    assert t_big < 25 * t_small + 1.0, (t_small, t_big)


def test_pathological_inputs():
    for text in ["a" * 200_000, "-" * 100_000, "al-" * 50_000, "Deir " * 20_000, "\x00" * 1000]:
        for m in find_places(text):
            assert text[m.start : m.end] == m.text


@settings(max_examples=150, deadline=None)
@given(st.text(alphabet=st.characters(codec="utf-8"), max_size=300))
def test_random_text_never_crashes(text):
    for m in find_places(text):
        assert text[m.start : m.end] == m.text


@settings(max_examples=100, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            ["Raqqa", "the", "Syrian", "al-Tanf", "https://x.com/Homs", ",", "base", "Russia", "US"]
        ),
        max_size=30,
    )
)
def test_random_news_like_text(words):
    text = " ".join(words)
    for m in find_places(text):
        assert text[m.start : m.end] == m.text
        assert "x.com" not in m.text


def test_gold_incident_places_are_found():
    """Every annotated incident's place is among the article's resolved mentions."""
    n = 0
    for name, text, gold in gold_articles():
        found = {m.place_id for m in find_places(text)}
        for inc in gold["incidents"]:
            n += 1
            assert found & set(inc["place_ids"]), (name, inc["description"])
    assert n >= 9


@settings(max_examples=200, deadline=None)
@given(
    st.lists(
        st.one_of(
            st.characters(codec="utf-8"),
            st.sampled_from([*"ʿʾ'’-_ \n.,\u00ad\u200b\u064e", "al-", "Dêr", "40km", "Syria's"]),
        ),
        max_size=120,
    ).map("".join)
)
def test_split_tokens_agree_with_names_tokenize(text):
    # the geoparser splits with tokenize's own pattern (faster); it must give the same
    # tokens, and the gaps between them must rebuild the text
    starts, ends, words, gaps = _split_tokens(text)
    assert list(zip(starts, ends, words, strict=True)) == tokenize(text)
    rebuilt = "".join(g + w for g, w in zip(gaps, (*words, ""), strict=True))
    assert rebuilt == text


_SENTENCE_PIECES = [*".!?\n\t \"'’”)]“؟۔", "\n\n", " \n", "A", "a", "Word", "word", "'Tis", "1"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_SENTENCE_PIECES), max_size=40).map("".join))
def test_sentence_starts_from_gaps_match_the_whole_text_scan(text):
    # sentence ends are searched only in the gaps between tokens; the offsets must be
    # those of the pattern run over the whole text
    expected = (0, *(m.end() for m in _SENTENCE_END.finditer(text)))
    offsets, initial, _flags = _sentences(text)
    assert offsets == expected
    starts = _split_tokens(text)[0]
    firsts = {bisect.bisect_left(starts, pos) for pos in expected}
    assert set(initial) == {j for j in firsts if j < len(starts)}


_ACTOR_PIECES = [
    *("tensions", "relations", "talks", "clashes", "deal", "between", "with", "the", "The"),
    *("and", "United", "States", "Russia", "Ambassador", "envoy", "embassy", "to", "in"),
    *("of", "accused", "associated", "allied", "US-backed", "ally", "allies", "against"),
    *("recognised", "THE", "x", "said", "new", " ", " ", " ", "  ", "\n", ",", ".", "-"),
]
_ACTOR_ENDINGS = [
    *("accused ", "US-backed the ", "Ambassador of ", "delegation to THE ", "talks with "),
    *("tensions between the ", "associated with ", "ally ", "x ", "in ", "with x ", ""),
    *("talks over oil between ", "deal on x with "),
]
_ACTOR_TAILS = ["United ", "States ", "and ", "the ", "Russia ", "x ", "in ", " ", "\n", ", "]


@settings(max_examples=500, deadline=None)
@given(
    st.lists(st.sampled_from(_ACTOR_PIECES), max_size=15).map("".join),
    st.sampled_from(_ACTOR_ENDINGS),
    st.lists(st.sampled_from(_ACTOR_TAILS), max_size=7).map("".join),
)
def test_actor_before_shortcut_agrees_with_the_pattern(prefix, ending, tail):
    # _actor_before skips the costly search when the window's last words rule it out;
    # it must say exactly what the pattern says
    window = prefix + ending + tail
    assert _actor_before(window) == (_ACTOR_BEFORE.search(window) is not None)


def test_actor_before_examples():
    assert _actor_before("after talks with the United States and ")
    assert _actor_before("the Russian Ambassador to ")
    assert _actor_before("Washington accused ")
    assert not _actor_before("fighting in ")
    assert not _actor_before("talks with the United States and Russia in ")
    assert _actor_before("the Ambassador of ")
    assert _actor_before("a rift with Russia ")
    # the noun may lie three words before "between", which may be seven from the end
    assert _actor_before("new tensions over oil between the Syrian Arab Republic and the ")


def test_generic_words_are_judged_as_written_not_by_their_key():
    # names.is_generic reads a name as written.  Given the key instead, "Jubayl" (key
    # "jabal", like the generic "Jabal") was dropped, while the alias "North" (key "nart")
    # became a name that every capitalised "North" matched.
    jubayl = Place("t:jubayl", "Jubayl", "town", 36.5, 35.5, 1000.0, "SY", population=20_000)
    north = Place("t:north", "Northern Province", "province", 36.0, 36.0, 5000.0, "SY")
    north = replace(north, aliases=("North",))
    gz = _tiny_gazetteer(jubayl, north)
    assert normalize("Jubayl") == "jabal" and is_generic("jabal") and not is_generic("Jubayl")
    assert is_generic("North") and not is_generic(normalize("North"))
    ms = find_places("Protests in Jubayl and in the North of Aleppo.", gazetteer=gz)
    assert [(m.text, m.place_id) for m in ms] == [("Jubayl", "t:jubayl"), ("Aleppo", "t:aleppo")]
    # the multi-word name is still found
    ms = find_places("Clashes in the Northern Province.", gazetteer=gz)
    assert [m.place_id for m in ms] == ["t:north"]


_ANAPHOR_PIECES = [
    *("US", "U.S.", "Ukraine", "border crossing", "crossing point", "base's", "Russian"),
    *("the", "The", "THE", "bathe", "_the", "'the", "x", "US", "nearby", "base", "air base"),
    *("garrison", "crossing", "camp", "of", "in", "-", "'", " ", " ", " ", "\n", ".", "dam"),
]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_ANAPHOR_PIECES), max_size=30).map("".join))
@example("near 'the base' and x'the camp")
@example("the US base, the U.S. camp, the base's gate and the air base")
def test_anaphor_candidates_find_every_match_of_the_pattern(text):
    # the anaphor pattern is tried only where a token ends in "the"; same matches as
    # scanning the whole text
    expected = [m.span() for m in _ANAPHOR.finditer(text)]
    assert [m.span() for m in _anaphor_matches(text)] == expected


_LOCATIVE_PIECES = [
    *("in", "to", "from", "near", "over", "the", "The", "and", "or", "Iraq", "Syria", "US"),
    *("forces", "Berlin", "x", ",", " ", " ", " ", "\n", ".", "-", "said", "within"),
]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(_LOCATIVE_PIECES), max_size=20).map("".join))
@example("forces in Iraq and ")
@example("near the\n")
@example("in Syria,")
@example("Raqqa,\n")
def test_locative_before_shortcut_agrees_with_the_pattern(window):
    assert _locative_before(window) == (_LOCATIVE_BEFORE.search(window) is not None)


def test_names_of_several_words_written_as_one():
    kamal = Place("t:kamal", "Abu Kamal", "city", 40.92, 34.45, 2000.0, "SY", population=50_000)
    kamal = replace(kamal, aliases=("Al-Bukamal",))
    gz = _tiny_gazetteer(kamal)
    ms = find_places("Drones over Albukamal and Abukamal, then Aleppo.", gazetteer=gz)
    assert [(m.text, m.place_id) for m in ms] == [
        ("Albukamal", "t:kamal"),
        ("Abukamal", "t:kamal"),
        ("Aleppo", "t:aleppo"),
    ]
    # only long words: a short one-word form is not read as a joined name
    short = replace(kamal, id="t:short", name="Tal Ab", aliases=())
    assert [m.text for m in find_places("Tal Ab.", gazetteer=_tiny_gazetteer(short))] == ["Tal Ab"]
    assert find_places("Talab said so.", gazetteer=_tiny_gazetteer(short)) == []
    # with the shipped gazetteer
    text = "Drones flew over Albukamal, near the Iraqi border, and Almayadin."
    assert [m.place_id for m in find_places(text)] == ["geonames:174448", "geonames:173480"]


def test_lookup_all_fills_misses_and_bounds_its_cache(monkeypatch):
    calls: list[str] = []

    def fill(x: str) -> str:
        calls.append(x)
        return x.upper()

    cache: dict[str, str] = {"a": "A"}
    assert _lookup_all(cache, fill, ["a", "b", "b", "c"]) == ["A", "B", "B", "C"]
    assert sorted(calls) == ["b", "c"] and cache == {"a": "A", "b": "B", "c": "C"}
    monkeypatch.setattr(geoparse, "_CACHE_LIMIT", 4)
    assert _lookup_all(cache, fill, ["d", "e"]) == ["D", "E"]
    assert cache == {"d": "D", "e": "E"}  # emptied rather than grown past the limit

    class Forgetful(dict):  # as if another thread emptied the cache between the reads
        def __getitem__(self, key):
            raise KeyError(key)

    assert _lookup_all(Forgetful(), fill, ["x", "y"]) == ["X", "Y"]


def test_per_text_caches_keep_only_texts_up_to_a_megabyte():
    short = "Strikes hit Raqqa. " * 10
    assert _split_tokens(short) is _split_tokens(short)
    big = "Strikes hit Raqqa. " * 60_000  # 1.1 M characters: not kept in memory
    first = _split_tokens(big)
    assert first == _split_tokens(big) and first is not _split_tokens(big)
    assert _sentences(big) is not _sentences(big)


@pytest.mark.parametrize(
    ("text", "surface", "place_id"),
    [
        # a governorate capital alone is the town, as in lookup (was: "ambiguous: 3 places")
        ("قصف على درعا يوم الاثنين", "درعا", "geonames:170905"),
        ("Clashes in Daraa province.", "Daraa", "SY12"),  # ... the text naming the unit
        ("Turkish jets struck targets near Tal Abyad.", "Tal Abyad", "geonames:163750"),
        # a place abroad named so only by an alternate name gives way to a Syrian one
        # (was: Rehovot, Israel, 271 km, whose GeoNames alternate names include Ruhaybah)
        ("Shelling hit Ruhaybah on Monday.", "Ruhaybah", "geonames:172922"),
        ("Israeli strike near Haifa.", "Haifa", "geonames:294801"),  # its own name
    ],
)
def test_admin_units_give_way_to_their_town_in_text(text, surface, place_id):
    found = [m for m in syriamap.find_places(text) if m.text == surface]
    assert found and found[0].place is not None
    assert found[0].place.id == place_id


@pytest.mark.parametrize(
    ("name", "place_id"),
    [
        ("Serghaya", "geonames:164083"),  # keyed like the place's name "Sirghāyā"
        ("El Kanawat", "geonames:166141"),
        ("Machta Helou", "geonames:167100"),
        ("Mazraat Beit Jinn", "geonames:166946"),
        ("Qoubour el Bid", "geonames:165757"),
    ],
)
def test_every_alias_spelling_is_exact_in_text(name: str, place_id: str) -> None:
    # an alternate spelling keyed like an earlier name of its place was not counted as
    # spelled exactly, and a minor place matched only loosely is dropped: found nothing
    mentions = find_places(f"Shelling hit {name} on Monday.")
    assert [(m.text, m.place_id) for m in mentions] == [(name, place_id)]


@pytest.mark.parametrize(
    ("text", "found"),
    [
        (
            "Shelling hit Green Village on Monday.",
            [("Green Village", "curated:green-village-base")],
        ),
        ("Clashes near Freedom Dam.", [("Freedom Dam", "curated:baath-dam")]),
        ("He was held in Desert Prison for years.", [("Desert Prison", "curated:tadmor-prison")]),
        ("The green village was quiet.", []),  # ordinary words, not the site's name
        ("They sang in the Green Village Choir.", []),  # part of another name
    ],
)
def test_curated_site_names_made_of_ordinary_words(text, found):
    assert [(m.text, m.place_id) for m in find_places(text)] == found


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("Clashes in al-Tal, north of Damascus.", ["geonames:172349", "geonames:170654"]),
        ("Shelling hit al-Tall on Monday.", ["geonames:172349"]),  # the town, not the district
        ("The Tal was quiet.", []),
        ("A tall man in al-Bab.", ["geonames:174018"]),
    ],
)
def test_a_word_after_an_arabic_article_is_a_name(text, found):
    # "tal" and "tall" are English words: joined to an article they are At Tall
    assert [m.place_id for m in find_places(text)] == found


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("Shelling hit At Tall on Monday.", [("At Tall", "geonames:172349")]),
        ("Shelling hit Kafr Nabl, At Tall and Douma.", ["Kafr Nabl", "At Tall", "Douma"]),
        ("Clashes near Deir ez Zor and An Nabk.", ["Deir ez Zor", "An Nabk"]),
        ("Fighting in Ash Shaddadi.", ["Ash Shaddadi"]),
        # English "at", "as": at a sentence's start, after a title's capitalised word
        ("At Tartus port, ships docked.", ["Tartus"]),
        ("Strikes Hit Targets As Syria Burns", ["Syria"]),
        ("He arrived at Tabqa.", ["Tabqa"]),
    ],
)
def test_an_article_spelled_apart_in_geonames_style(text, found):
    # "At Tall" (GeoNames' spelling): the article takes the name's first letter, so it is
    # the town At Tall, not the English "at" and the district al-Tall
    mentions = find_places(text)
    if isinstance(found[0], tuple):
        assert [(m.text, m.place_id) for m in mentions] == found
    else:
        assert [m.text for m in mentions] == found


def test_a_name_that_only_keys_like_a_place_is_no_mention():
    # "al-Sina'a" (industry: the Hasakah quarter of the Ghuwayran prison) keys like the
    # town Shīn's "Chine" and like "China", and is spelled like neither
    assert find_places("Shelling hit al-Sina'a on Monday.") == []
    found = find_places("ISIS attacked al-Sina'a prison in Hasakah.")
    assert [m.place_id for m in found] == ["curated:ghuwayran-prison", "geonames:173811"]


def test_a_curated_village_before_a_surname_is_a_given_name():
    # Salma is a village in Latakia (curated), and a given name
    assert [m.text for m in find_places("Salma Hayek visited Damascus.")] == ["Damascus"]
    assert [m.place_id for m in find_places("Shelling hit Salma on Monday.")] == [
        "curated:salma-latakia"
    ]
    # a curated site keeps its name before a capitalised word
    assert [m.place_id for m in find_places("Shelling hit Zamalka Sunday.")] == ["curated:zamalka"]


def test_a_name_spelled_exactly_beats_a_larger_place_that_only_keys_alike():
    # "Kabani" (a village in Latakia) keys like Kobani; the text spells the village, and
    # nothing in it points to Kobani: the village, not "ambiguous"
    assert [m.place_id for m in find_places("Shelling hit Kabani on Monday.")] == ["curated:kabani"]
    # the town's own spelling is still the town
    assert [m.place_id for m in find_places("Shelling hit Kobani on Monday.")] == [
        "geonames:172256"
    ]
    # (as before when the larger place ranks first: "Dimas" is Ad Dimas, not Damascus)
    assert [m.place_id for m in find_places("Shelling hit Dimas on Monday.")] == ["geonames:174239"]


def test_a_qualifier_in_brackets_is_read_with_the_name():
    # the Daraa village Saida is a row with qualified names only (the bare name is Sidon):
    # "Saida (Daraa)" is read like "Saida, Daraa", the bracket closing the mention
    for text in ("Shelling hit Saida (Daraa) on Monday.", "Shelling hit Saida, Daraa on Monday."):
        (m,) = find_places(text)
        assert m.place_id == "curated:saida-daraa"
        assert m.text in ("Saida (Daraa)", "Saida, Daraa")
    (m,) = find_places("Shelling hit Maan (Hama) on Monday.")
    assert (m.place_id, m.text) == ("curated:maan-hama", "Maan (Hama)")
    # ... also when the qualifier is hyphenated (the bare "Ara" is As-Sanamayn's "Aere")
    (m,) = find_places("Shelling hit Ara (As-Sweida) on Monday.")
    assert (m.place_id, m.text) == ("curated:ara-sweida", "Ara (As-Sweida)")
    # other brackets stay barriers: a country or a longer aside is a mention of its own
    assert [m.text for m in find_places("Raqqa (Syria) was hit.")] == ["Raqqa", "Syria"]
    assert [m.text for m in find_places("al-Bab (Aleppo) was shelled.")] == ["al-Bab", "Aleppo"]
    for aside in ("a city in northern Syria", "north-west Syria"):
        found = find_places(f"Strikes hit Aleppo ({aside}) and Idlib.")
        assert [m.text for m in found] == ["Aleppo", "Syria", "Idlib"]


@pytest.mark.parametrize(
    ("text", "place_id"),
    [
        ("Shelling hit Sharan on Monday.", "geonames:164451"),  # keys like "Syrien"
        ("Shelling hit Sirrin on Monday.", "geonames:164071"),
        ("La Syrie et le Liban ont signé.", "country:SY"),  # a country as spelled
    ],
)
def test_a_country_is_named_only_as_spelled(text: str, place_id: str) -> None:
    assert next(m.place_id for m in find_places(text)) == place_id
