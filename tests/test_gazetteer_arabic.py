"""Arabic names in the shipped gazetteer: name_ar is Arabic, and Arabic lands where Latin does."""

from __future__ import annotations

import re

import pytest

from syriamap.errors import PlaceNotLocatedError
from syriamap.gazetteer import Gazetteer

#: Latin letters (with diacritics) or the IPA block: a romanised key, not an Arabic name
_LATIN = re.compile(r"[A-Za-z\u00c0-\u024f\u0250-\u02ff\u1e00-\u1eff]")
#: letters that only Persian, Urdu or Kurdish use (ی ک گ پ چ ژ ہ ھ ے ۆ ێ ە ڵ ڕ ...)
_NOT_ARABIC_LETTER = re.compile(r"[\u067e\u0686\u0698\u06a9\u06af\u06ba-\u06d5\u06c0-\u06ff\u0695]")


@pytest.fixture(scope="module")
def gz() -> Gazetteer:
    return Gazetteer.default()


def test_no_name_ar_has_latin_letters(gz: Gazetteer) -> None:
    # GeoNames' romanised keys with one Kurdish letter ("qamshlۆ") used to be taken as Arabic
    bad = [(p.id, p.name_ar) for p in gz.places if p.name_ar and _LATIN.search(p.name_ar)]
    assert not bad, bad[:10]


def test_syrian_name_ar_is_in_arabic_letters(gz: Gazetteer) -> None:
    # not a Kurdish, Persian or Urdu spelling (حەسیچە, لاذقیہ, اردوگاه یرموک)
    bad = [
        (p.id, p.name_ar)
        for p in gz.places
        if p.country == "SY" and p.name_ar and _NOT_ARABIC_LETTER.search(p.name_ar)
    ]
    assert not bad, bad[:10]


@pytest.mark.parametrize(
    ("place_id", "name_ar"),
    [
        ("geonames:173377", "القامشلي"),  # was 'qamshlۆ'
        ("geonames:173530", "المالكية"),  # was 'dێryk'
        ("geonames:173576", "اللاذقية"),  # was 'ladhqyہ'
        ("geonames:383661", "اليعربية"),  # was 'tەl kۆchەk'
        ("geonames:173811", "الحسكة"),  # was 'hەsychە'
        ("geonames:170905", "درعا"),  # was 'dەrʿa'
        ("geonames:166716", "اليرموك"),  # was Persian 'اردوگاه یرموک'
        ("geonames:172256", "عين العرب"),  # was Turkish-derived 'عرب بينار'
        ("geonames:172441", "المزرعة"),  # was 'السجن' ("the prison")
    ],
)
def test_name_ar_of_syrian_towns(gz: Gazetteer, place_id: str, name_ar: str) -> None:
    place = gz.get(place_id)
    assert place.name_ar == name_ar
    assert gz.lookup(name_ar).id == place_id


@pytest.mark.parametrize(
    ("latin", "arabic"),
    [
        # curated sites: the bare Arabic name, not only "مطار X" / "حقل X", as the Latin
        ("Shayrat", "الشعيرات"),
        ("Conoco", "كونيكو"),
        ("Kuweires", "كويرس"),
        ("Menagh", "منغ"),
        ("Sayqal", "الصيقل"),
        ("Khalkhalah", "خلخلة"),
        ("T4", "التيفور"),
        ("Tiyas", "التياس"),
        ("Jarrah", "الجراح"),
        ("Atmeh", "أطمة"),
        ("Ghwayran", "غويران"),
        ("al-Omar", "العمر"),
        ("al-Hol", "الهول"),  # the camp, as the Latin (the subdistrict is "ناحية الهول")
        ("Tha'la", "الثعلة"),
        ("Muwaffaq Salti", "موفق السلطي"),
        ("Jafra", "الجفرة"),  # not Al Jafr (JO)
        # places added with their Arabic names
        ("Kafraya", "كفريا"),
        ("Foua", "الفوعة"),
        ("Zahraa", "الزهراء"),
        ("Resafa", "الرصافة"),
        ("Adra", "عدرا"),
        ("Khan al-Assal", "خان العسل"),
        ("Busra al-Harir", "بصر الحرير"),
        ("Beit Jinn", "بيت جن"),
        ("Jazira", "الجزيرة السورية"),
    ],
)
def test_arabic_lands_where_latin_does(gz: Gazetteer, latin: str, arabic: str) -> None:
    place = gz.lookup(latin)
    assert place.country == "SY" or place.id == "curated:muwaffaq-salti-air-base"
    assert gz.lookup(arabic).id == place.id


@pytest.mark.parametrize(
    ("name", "place_id"),
    [
        ("Kafraya", "curated:kafriya"),  # was Aksaray (TR)
        ("Kefraya", "curated:kafriya"),  # was Qiryat Ata (IL)
        ("al-Fu'ah", "curated:al-fuah"),  # was Al Faw (IQ)
        ("Zahraa", "curated:al-zahraa"),  # was Zara (TR)
        ("Resafa", "curated:resafa"),  # was Russeifa (JO)
        ("Rusafa", "curated:resafa"),
        ("al-Rusafa", "curated:resafa"),
        ("Jazira", "curated:jazira-region"),  # was Aş Şuwayrah (IQ)
        ("Adra", "curated:adra"),  # was Daraa
        ("Adra prison", "curated:adra-prison"),
        ("Khan al-Asal", "curated:khan-al-assal"),
        ("Busra al-Harir", "curated:busra-al-harir"),
        ("Beit Jinn", "curated:beit-jinn"),  # was Beit Jann (IL)
    ],
)
def test_well_known_places_no_longer_land_abroad(gz: Gazetteer, name: str, place_id: str) -> None:
    assert gz.lookup(name).id == place_id


def test_namesakes_keep_their_places(gz: Gazetteer) -> None:
    assert gz.lookup("Beit Jann").country == "IL"  # the Druze town in Israel
    assert gz.lookup("Busra al-Sham").id != "curated:busra-al-harir"
    assert gz.lookup("Nubl").id == "geonames:166331"
    region = gz.get("curated:jazira-region")
    assert (region.kind, region.precision_m) == ("region", 150000.0)


@pytest.mark.parametrize("name", ["Nasib", "نصيب"])
def test_nasib_is_known_but_not_located(gz: Gazetteer, name: str) -> None:
    with pytest.raises(PlaceNotLocatedError) as info:
        gz.lookup(name)
    assert info.value.place.id == "curated:nasib"


@pytest.mark.parametrize(
    "name", ["Kurdistan", "Iraqi Kurdistan", "Kurdistan Region of Iraq", "إقليم كردستان"]
)
def test_kurdistan_is_the_iraqi_region_not_a_turkish_village(gz: Gazetteer, name: str) -> None:
    place = gz.lookup(name)  # bare "Kurdistan" was Çiçekli (TR), by its alternate Kürüstan
    assert place.id == "curated:kurdistan-region-iraq"
    assert (place.country, place.kind) == ("IQ", "region")
    assert place.precision_m is not None and place.precision_m >= 150_000  # a region


@pytest.mark.parametrize("name", ["Rojava", "AANES", "Syrian Kurdistan", "الإدارة الذاتية"])
def test_rojava_is_known_but_has_no_point(gz: Gazetteer, name: str) -> None:
    # its extent changed again and again: no point or radius stands for it
    with pytest.raises(PlaceNotLocatedError) as info:
        gz.lookup(name)
    assert info.value.place.id == "curated:rojava-aanes"
    assert info.value.place.country == "SY"
