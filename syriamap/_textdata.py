"""Word lists used by :mod:`syriamap.geoparse` and :mod:`syriamap.claims`.

Kept apart from the matching code so that the lists can be read (and extended)
on their own.  All entries are written as news writes them; the geoparser
normalises them with :func:`syriamap.names.normalize` when it builds its
automaton.
"""

from __future__ import annotations

from functools import lru_cache
from importlib import resources


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


__all__ = [
    "ACTOR_NOUNS",
    "ACTOR_VERBS",
    "ANAPHOR_HEADS",
    "CAPITALS",
    "DEMONYMS",
    "MODIFIER_NOUNS",
    "NON_PLACE_CAPITALISED",
    "ORGANISATIONS",
    "PERSON_TITLES",
    "SPEECH_VERBS",
    "WORLD_PLACES",
    "english_common_words",
]

#: Organisations, media and armed groups whose names contain a toponym.  A match
#: inside one of these is not a place mention.
ORGANISATIONS: tuple[str, ...] = (
    "Syrian Observatory for Human Rights",
    "Syrian Observatory",
    "Syrian Democratic Forces",
    "Syrian Democratic Council",
    "Syrian National Army",
    "Syrian National Coalition",
    "Syrian Arab Army",
    "Syrian Arab Red Crescent",
    "Syrian Network for Human Rights",
    "Syrian Civil Defence",
    "Syrian Civil Defense",
    "Syrian Observer",
    "The Syrian Observer",
    "Syria Direct",
    "Syria TV",
    "Syrian Arab News Agency",
    "Free Syrian Army",
    "Islamic State",
    "Islamic State of Iraq and the Levant",
    "Islamic State of Iraq and Syria",
    "Islamic State in Iraq and Syria",
    "Islamic State in Iraq and the Levant",
    "Islamic State of Iraq",
    "Wilayat Sinai",
    "Sinai Province",
    "Islamic Resistance of Iraq",
    "Islamic Resistance in Iraq",
    "Islamic Resistance in Lebanon",
    "Hayat Tahrir al-Sham",
    "Hay'at Tahrir al-Sham",
    "Tahrir al-Sham",
    "Ahrar al-Sham",
    "Jabhat Fatah al-Sham",
    "Jabhat al-Nusra",
    "Jaysh al-Islam",
    "Jaish al-Islam",
    "Jaysh al-Izza",
    "Kurdistan Workers' Party",
    "Kurdistan Regional Government",
    "Kurdistan 24",
    "Kurdistan24",
    "Iraqi Popular Mobilization Forces",
    "Popular Mobilization Forces",
    "Lebanese Hezbollah",
    "Turkish Armed Forces",
    "Jordan Times",
    "Jordanian Armed Forces",
    "Israel Defense Forces",
    "Israeli Defense Forces",
    "Israeli Air Force",
    "Iraqi Army",
    "Lebanese Army",
    "Times of Israel",
    "Jerusalem Post",
    "Moscow Times",
    "The Moscow Times",
    "Washington Post",
    "New York Times",
    "Wall Street Journal",
    "Damascus University",
    "Aleppo University",
    "Al-Monitor",
    "Deir ez-Zor Military Council",
    "Manbij Military Council",
    "Deir ez-Zor 24",
    "Raqqa Is Being Slaughtered Silently",
    "Iraqi Kurdistan Region",
    "Arab League",
    "Maghawir al-Thawra",
    "Jaysh Maghawir al-Thawra",
    "Revolutionary Commando Army",
    "Zaman al-Wasl",
    "Enab Baladi",
    "Al Jazeera",
    "Al Arabiya",
    "Asharq Al-Awsat",
    "Al-Quds Al-Arabi",
    "Russian Defence Ministry",
    "Russian Defense Ministry",
    "Russian Reconciliation Centre",
    "Russian Reconciliation Center",
)

#: Adjectives and nouns of nationality: never place mentions.
DEMONYMS: tuple[str, ...] = tuple(
    _words(
        "Syrian Syrians Iraqi Iraqis Jordanian Jordanians Turkish Turk Turks Lebanese "
        "Israeli Israelis Palestinian Palestinians Iranian Iranians Russian Russians "
        "American Americans Egyptian Egyptians Saudi Saudis Kurdish Kurd Kurds Arab Arabs "
        "Arabic Yazidi Yazidis Assyrian Assyrians Druze Alawite Alawites Sunni Shia Shiite "
        "Shiites Ukrainian Ukrainians British French German Afghan Afghans Qatari Emirati "
        "Yemeni Yemenis Libyan Chechen Circassian Armenian Armenians Turkmen Turkoman "
        "Bedouin Bedouins Damascene Aleppan Aleppine Homsi Hamwi Idlibi Raqqawi Deiri"
    )
)

#: Words that are capitalised in news but are not places (months, days, media, titles).
NON_PLACE_CAPITALISED: tuple[str, ...] = tuple(
    _words(
        "January February March April May June July August September October November "
        "December Monday Tuesday Wednesday Thursday Friday Saturday Sunday Reuters AFP AP "
        "TASS Sputnik Xinhua Pentagon Kremlin CENTCOM Daesh ISIS ISIL Hezbollah Hizbollah "
        "Hamas PKK YPG YPJ SDF SDC SNA FSA HTS IRGC Quds Wagner Coalition God Allah Islam "
        "Islamic Christian Christians Muslim Muslims President Minister Gen General"
    )
)

#: Words before a capitalised name that mark it as a person ("President Bashar al-Assad").
PERSON_TITLES: frozenset[str] = _words(
    "president vice-president pm minister secretary ambassador spokesman spokeswoman "
    "spokesperson mr mrs ms dr prof sheikh shaikh sheik colonel col lt lieutenant general "
    "gen brig brigadier maj major capt captain sgt sergeant admiral adm commander "
    "journalist reporter correspondent analyst officer envoy senator king prince emir "
    "imam pope chief leader director deputy mayor governor said says told according "
    "activist researcher professor judge mufti patriarch bishop father brother abu umm "
    "by"
)

#: Verbs of speech after a name that make a minor place's namesake the speaker of a quote
#: ("...," Al-Naifi concluded), lower case as written after a name.
SPEECH_VERBS: frozenset[str] = _words(
    "said says concluded concludes added adds explained explains stated states noted notes "
    "stressed stresses argued argues wrote writes commented comments remarked remarks told "
    "tells asserted asserts continued"
)

#: Verbs (and auxiliaries) after a country name that make the country an actor.
ACTOR_VERBS: frozenset[str] = _words(
    "has have had is was will would could should may might can must does did do "
    "said says say alerted alerts warned warns launched launches insisted insists "
    "considers considered withdrew withdraws denied denies accused accuses announced "
    "announces claimed claims blamed blames condemned condemns threatened threatens "
    "reneged responded responds rejected rejects demanded demands agreed agrees "
    "called calls urged urges sent sends deployed deploys backed backs supports "
    "supported supplied supplies struck strikes attacked attacks bombed bombs "
    "ordered orders informed informs notified notifies told tells stressed stresses "
    "confirmed confirms vowed vows intends intended wants wanted seeks sought "
    "recognised recognized recognises recognizes remained remains continues continued "
    "hopes hoped plans planned tried tries refused refuses retaliated retaliates "
    "reached reaches signed signs negotiated expelled summoned imposed imposes "
    "helped helps recaptured retook took takes recapture retake help"
)

#: Nouns after a possessive country name that make the country an actor ("Russia's ally").
ACTOR_NOUNS: frozenset[str] = _words(
    "ally allies government regime president leader leaders leadership military army "
    "forces troops attacks attack strikes airstrikes top diplomat diplomats envoy "
    "ambassador defence defense foreign ministry officials concern concerns behaviour "
    "behavior policy position decision response interests assurances support "
    "intervention campaign involvement proxies militias navy presence"
)

#: Nouns after a country abbreviation that make it a modifier ("US forces"), not a mention.
MODIFIER_NOUNS: frozenset[str] = _words(
    "forces force troops military army navy air marines soldiers personnel officials "
    "official officer officers envoy ambassador embassy president administration "
    "government department state secretary assistant national security base bases "
    "convoy convoys patrol patrols raid raids strike strikes airstrike airstrikes "
    "warplanes jets drones aircraft presence interests policy sanctions allies "
    "coalition command central commander spokesman spokeswoman led backed based "
    "allied controlled funded trained brokered sponsored citizens citizen nationals "
    "dollar dollars senator senators congress lawmakers intelligence special defense "
    "defence war withdrawal mission militaries"
)

#: Capital cities (and seats of power) used metonymically for their government.
CAPITALS: frozenset[str] = _words(
    "Damascus Baghdad Amman Beirut Ankara Tehran Teheran Moscow Washington Jerusalem "
    "Cairo Riyadh Doha London Paris Berlin Kyiv Kiev Beijing Erbil Abu Dhabi"
)

#: Definite noun phrases that may refer back to a named place, with the place kinds
#: they can refer to.
ANAPHOR_HEADS: dict[str, frozenset[str]] = {
    "base": frozenset({"base", "airbase"}),
    "military base": frozenset({"base", "airbase"}),
    "air base": frozenset({"airbase", "base"}),
    "airbase": frozenset({"airbase", "base"}),
    "garrison": frozenset({"base"}),
    "crossing": frozenset({"crossing"}),
    "border crossing": frozenset({"crossing"}),
    "crossing point": frozenset({"crossing"}),
    "checkpoint": frozenset({"checkpoint", "crossing"}),
    "camp": frozenset({"camp"}),
    "airport": frozenset({"airport", "airbase"}),
    "airfield": frozenset({"airport", "airbase"}),
    "dam": frozenset({"dam"}),
    "oilfield": frozenset({"oilfield"}),
    "oil field": frozenset({"oilfield"}),
    "gas field": frozenset({"gasfield"}),
    "gas plant": frozenset({"gasfield"}),
    "prison": frozenset({"prison"}),
    "port": frozenset({"port"}),
}

#: Places outside the gazetteer's coverage that news about Syria names often
#: (country or region name -> ISO 3166-1 alpha-2 code, "" for areas spanning several).
#: They are reported as mentions outside Syria without a Place.
WORLD_PLACES: dict[str, str] = {
    "Russia": "RU",
    "Russian Federation": "RU",
    "Moscow": "RU",
    "Tehran": "IR",
    "Teheran": "IR",
    "United States": "US",
    "United States of America": "US",
    "USA": "US",
    "US": "US",
    "U.S.": "US",
    "U.S.A.": "US",
    "America": "US",
    "Washington": "US",
    "Ukraine": "UA",
    "Kyiv": "UA",
    "Kiev": "UA",
    "Crimea": "UA",
    "United Kingdom": "GB",
    "UK": "GB",
    "U.K.": "GB",
    "Britain": "GB",
    "Great Britain": "GB",
    "London": "GB",
    "France": "FR",
    "Paris": "FR",
    "Germany": "DE",
    "Berlin": "DE",
    "China": "CN",
    "Beijing": "CN",
    "Afghanistan": "AF",
    "Kabul": "AF",
    "Pakistan": "PK",
    "Qatar": "QA",
    "Doha": "QA",
    "United Arab Emirates": "AE",
    "UAE": "AE",
    "Abu Dhabi": "AE",
    "Kuwait": "KW",
    "Bahrain": "BH",
    "Oman": "OM",
    "Yemen": "YE",
    "Libya": "LY",
    "Tunisia": "TN",
    "Sudan": "SD",
    "Azerbaijan": "AZ",
    "Armenia": "AM",
    "Georgia": "GE",
    "Chechnya": "RU",
    "Sinai": "EG",
    "North Sinai": "EG",
    "Sinai Peninsula": "EG",
    "Cairo": "EG",
    "Gaza Strip": "PS",
    "Gaza": "PS",
    "West Bank": "PS",
    "Middle East": "",
    "Levant": "",
    "Red Sea": "",
    "Mediterranean": "",
    "Eastern Mediterranean": "",
    "Persian Gulf": "",
    "Gulf": "",
    "Europe": "",
    "Caucasus": "",
}


@lru_cache(maxsize=1)
def english_common_words() -> frozenset[str]:
    """Return the shipped list of common lower-case English words (read once).

    Returns
    -------
    frozenset of str
        About 15,600 words (see ``tools/make_english_common.py``).

    Examples
    --------
    >>> words = english_common_words()
    >>> "will" in words, "aleppo" in words
    (True, False)
    """
    text = (
        resources.files("syriamap")
        .joinpath("data", "text", "english_common.txt")
        .read_text(encoding="utf-8")
    )
    return frozenset(
        line.strip() for line in text.splitlines() if line.strip() and not line.startswith("#")
    )
