"""lookup_many over a column: one row per input, a report of every failure."""

from __future__ import annotations

from collections import Counter
from typing import Any

import numpy as np
import pandas as pd
import pytest

from syriamap.errors import InputFormatError, PlaceNotFoundError, SyriamapError
from syriamap.gazetteer import Gazetteer
from syriamap.place import Place

STATUSES = {"ok", "not_found", "ambiguous", "not_located", "invalid"}


@pytest.fixture(scope="module")
def gz() -> Gazetteer:
    return Gazetteer.default()


def test_one_row_per_input_with_the_input_index(gz: Gazetteer) -> None:
    names = pd.Series(
        [
            "Deir ez-Zor",
            "al-Tanf",
            None,
            "Hosh Matroud",
            "Güney",
            "the base",
            "Xyzzyqwv",
            42,
            "Hasakah governorate",
            np.nan,
            "Dêrik",
            "Deir ez-Zor",
        ],
        index=[f"r{i}" for i in range(12)],
        dtype=object,
    )
    out = gz.lookup_many(names)
    assert list(out.index) == list(names.index)
    assert out.crs is not None and out.crs.to_epsg() == 4326
    assert set(out["status"].astype(str)) <= STATUSES
    expected = {
        "r0": "ok",
        "r1": "ok",
        "r2": "invalid",
        "r3": "not_located",
        "r4": "ambiguous",
        "r5": "invalid",
        "r6": "not_found",
        "r7": "invalid",
        "r8": "ok",
        "r9": "invalid",
        "r10": "ok",
        "r11": "ok",
    }
    assert out["status"].astype(str).to_dict() == expected
    ok = out["status"] == "ok"
    assert out.geometry[ok].notna().all() and out.geometry[~ok].isna().all()
    # each point is the place's (lon, lat)
    assert (out.geometry[ok].x == out.loc[ok, "lon"]).all()
    assert (out.geometry[ok].y == out.loc[ok, "lat"]).all()
    assert (out.loc[ok, "precision_m"] > 0).all()
    assert out.loc["r0", "place_id"] == out.loc["r11", "place_id"]
    assert out.loc["r8", "place_id"] == "SY08"
    assert out.loc["r3", "place_id"] == "curated:hosh-matroud"  # known, not located
    assert pd.isna(out.loc["r3", "lon"])
    report = out.attrs["report"]
    assert list(report.columns) == ["row", "value", "status", "reason", "suggestions"]
    assert set(report["row"]) == set(out.index[~ok])
    assert report["reason"].notna().all()
    amb = report.set_index("row").loc["r4"]
    assert len(amb["suggestions"]) >= 2  # the candidates
    # the text columns are categoricals as pandas would build them from the values (those
    # of the place table's columns are all the gazetteer's values)
    for col in ("status", "error", "matched", "place_id", "kind"):
        built = pd.Categorical(out[col].astype(object))
        assert out[col].cat.categories.is_unique, col
        if col in ("status", "error", "matched"):
            assert set(out[col].cat.categories) == set(built.categories), col
        assert out[col].astype(object).equals(pd.Series(built, index=out.index).astype(object))
    assert (out["matched"] == out.loc["r0", "matched"]).sum() == 2  # r0 and r11


def test_agrees_with_lookup(gz: Gazetteer) -> None:
    names = [
        "Raqqa",
        "Palmyrra",
        "Sinjar",
        "Amman",
        "Kobani",
        "Qamişlo",
        "Rukban",
        "Tabqa Dam",
        "Baghouzz Tahtani",
        "al-Bukamal",
        "Damascus countryside",
        "دير الزور",
    ]
    out = gz.lookup_many(names)
    for name, (_, row) in zip(names, out.iterrows(), strict=True):
        try:
            place = gz.lookup(name)
        except SyriamapError:
            assert row["status"] != "ok", name
            continue
        assert row["status"] == "ok" and row["place_id"] == place.id, name
        assert (row["lon"], row["lat"]) == (place.lon, place.lat)


def test_each_distinct_name_is_resolved_once(
    gz: Gazetteer, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls: list[object] = []
    original = Gazetteer._resolve_offline

    def counting(self: Gazetteer, name: str, *args: Any, **kw: Any) -> Any:
        calls.append(name)
        return original(self, name, *args, **kw)

    monkeypatch.setattr(Gazetteer, "_resolve_offline", counting)
    column = pd.Series(["Hasakah governorate", "Xyzzyqwv", "Homs countryside"] * 500)
    out = gz.lookup_many(column)
    assert len(out) == 1500
    # names the bulk path cannot settle go through lookup's resolver: once, or once per
    # round of the fuzzy stage (each round scores one more spelling of the names left;
    # these names have at most two)
    counts = Counter(map(str, calls))
    assert counts["Homs countryside"] == 1
    assert counts["Xyzzyqwv"] == 1
    assert {"Xyzzyqwv", "Homs countryside"} <= set(map(str, calls))
    assert (out["status"] == "ok").sum() == 1000

    column = pd.Series(["Qamishlo crosing", "Xyzzyqwv crossing", "Palmyraa"] * 300)
    calls.clear()
    gz.lookup_many(column)
    assert calls and max(Counter(map(str, calls)).values()) <= 2


def test_filters_apply_to_every_row(gz: Gazetteer) -> None:
    out = gz.lookup_many(["Sinjar", "Baghdad"], country="SY")
    assert list(out["status"].astype(str)) == ["ok", "not_found"]
    assert out["country"].iloc[0] == "SY"
    with pytest.raises(ValueError, match="unknown kind"):
        gz.lookup_many(["Homs"], kind="castle")


@pytest.mark.parametrize("bad", ["Homs", pd.DataFrame({"a": ["Homs"]})])
def test_a_single_string_or_a_frame_is_refused(gz: Gazetteer, bad: object) -> None:
    with pytest.raises(InputFormatError):
        gz.lookup_many(bad)  # type: ignore[arg-type]


def test_unhashable_values_are_reported_not_crashed(gz: Gazetteer) -> None:
    out = gz.lookup_many(pd.Series([["Homs"], "Homs", {"a": 1}], dtype=object))
    assert list(out["status"].astype(str)) == ["invalid", "ok", "invalid"]
    assert "list" in str(out["error"].iloc[0])


def test_empty_column(gz: Gazetteer) -> None:
    out = gz.lookup_many([])
    assert len(out) == 0 and len(out.attrs["report"]) == 0


class _Fallback:
    def geocode(self, name: str) -> Place:
        return Place("nominatim:7", name, "village", 39.5, 35.5, 3000.0, "SY", source="nominatim")


def test_fallback_places_appear_in_the_column(gz: Gazetteer) -> None:
    out = gz.with_fallback(_Fallback()).lookup_many(["Xyzzyqwv Village", "Homs", "Güney"])
    assert list(out["status"].astype(str)) == ["ok", "ok", "ambiguous"]
    assert out["place_id"].iloc[0] == "nominatim:7" and out["source"].iloc[0] == "nominatim"
    assert out["lon"].iloc[0] == 39.5 and out["place_id"].iloc[1] == gz.lookup("Homs").id


def test_generic_words_are_refused_in_columns_as_by_lookup(gz: Gazetteer) -> None:
    """The column fast path answers is_generic inline; it must refuse what lookup refuses."""
    from syriamap.names import GENERIC_WORDS

    names = [*sorted(GENERIC_WORDS), "the base", "The Desert", "the border crossing", "Deir"]
    names += ["Ras al-Ayn", "Umm Batna", "Tal Abyad", "Abu Kamal", "the Tanf base"]
    out = gz.lookup_many(names)
    for name, status in zip(names, out["status"].astype(str), strict=True):
        try:
            gz.lookup(name)
        except SyriamapError as exc:
            assert status != "ok", (name, type(exc).__name__)
            continue
        assert status == "ok", name
    assert (out["status"].astype(str) == "invalid").sum() >= len(GENERIC_WORDS)


def test_agrees_with_lookup_name_for_name_on_thousands_of_names() -> None:
    """lookup_many's bulk paths (key plans, deferred bulk fuzzy stage) answer as lookup."""
    import random

    from syriamap.names import normalize

    gz = Gazetteer.default()
    rng = random.Random(11)
    aliases = sorted({a for p in gz.places for a in (p.name, *p.aliases) if a})
    shared = [a for a in aliases if len({e[0] for e in gz._index.entries(normalize(a))}) > 1]
    names = rng.sample(aliases, 1500) + rng.sample(shared, 700)
    typos = []
    for name in rng.sample(names, 800):
        i = rng.randrange(1, max(2, len(name) - 1))
        typos.append(name[:i] + rng.choice("bdklmnrst") + name[i + 1 :])
    names += [n.upper() for n in names[:200]] + typos + ["Xyzzyqwv", "the camp", "Nahiyat Deir"]
    names = list(dict.fromkeys(names))
    fresh = Gazetteer(gz.places)  # nothing memoised: every row resolved by the bulk paths
    out = fresh.lookup_many(names)
    for name, status, pid, alias, score in zip(
        names,
        out["status"].astype(str),
        out["place_id"].astype(object),
        out["matched"].astype(object),
        out["score"],
        strict=True,
    ):
        try:
            res = gz._resolve(name)
        except SyriamapError as exc:
            assert status != "ok", (name, type(exc).__name__)
            continue
        assert (status, pid, alias, score) == ("ok", res.place.id, res.matched, res.score), name
    # (most names resolve, so the bulk paths are what this compares: a place known without a
    # point, whose aliases the sample also draws, is resolved as far as it can be)
    assert out["status"].isin(["ok", "not_located"]).mean() > 0.85
    assert (out["status"] == "ok").mean() > 0.7


def test_a_lookup_resumed_after_the_fuzzy_stage_fails_as_lookup_does() -> None:
    # these names wait for the column's fuzzy stage after a spelling of theirs has failed
    # ("only a loose spelling match, outside Syria"): resumed where they stopped, they keep
    # that failure, and end as lookup ends, error text and all
    names = ["mounth ass", "aln-Nuh", "At Tawain", "At Teyyiba", "eyn a-Asad", "Boşe"]
    names += ["hanasir Subdistrict", "asal lE-Ward Subdistrict", "Dekelli"]
    gz = Gazetteer.default()
    out = Gazetteer(gz.places).lookup_many(names)  # (nothing memoised)
    for name, status, pid, error in zip(
        names,
        out["status"].astype(str),
        out["place_id"].astype(object),
        out["error"].astype(object),
        strict=True,
    ):
        try:
            place = gz.lookup(name)
        except SyriamapError as exc:
            assert error == f"{type(exc).__name__}: {exc}", name
            continue
        assert (status, pid) == ("ok", place.id), name
    assert (out["status"] != "ok").sum() >= 4  # (most of them fail: their kept failure)


def test_an_extended_gazetteer_plans_and_scores_its_new_places() -> None:
    # plans and the numbered fuzzy index are made per gazetteer: one built before
    # extend() must neither miss the new places nor leak them into the original
    gz = Gazetteer.default()
    gz.lookup_many(["Aleppo", "Aleppoo", "Tal Abyad", "Qaryat Zulfiqarun"])  # builds them
    site = Place(
        "user:zulfiqarun",
        "Qaryat Zulfiqarun",
        "village",
        38.5,
        35.9,
        1000.0,
        "SY",
        aliases=("Zulfiqarun",),
        source="user",
    )
    bigger = gz.extend([site])
    out = bigger.lookup_many(["Qaryat Zulfiqarun", "Zulfiqaroun", "Zulfikarun", "Aleppo"])
    assert list(out["place_id"].astype(object)[:3]) == ["user:zulfiqarun"] * 3
    assert out["status"].astype(str).tolist() == ["ok"] * 4
    again = gz.lookup_many(["Qaryat Zulfiqarun", "Zulfiqaroun"])
    assert "user:zulfiqarun" not in set(again["place_id"].astype(object))


def test_key_plans_do_not_grow_with_unknown_names() -> None:
    # the per-key plans lookup_many keeps are the index's keys, not every name it met
    gz = Gazetteer(Gazetteer.default().places)
    gz.lookup_many(["Abu Kamal", "Raqqa"])
    before = len(gz._plans())
    out = gz.lookup_many([f"Nowhere{i}ville" for i in range(500)] + ["A bu Kamal", "Abukamal"])
    assert len(gz._plans()) <= before + 2  # (a key's own plan, once made)
    assert (out["status"] == "not_found").sum() == 500
    assert out["place_id"].iloc[-1] == out["place_id"].iloc[-2] == gz.lookup("Abu Kamal").id


def test_a_column_leaves_no_reference_cycles_behind() -> None:
    # exceptions kept to be raised later must not keep the frames that caught them (and
    # with them a whole column's work) alive until the garbage collector's next full pass
    import gc

    gz = Gazetteer.default()
    names = ["Koulessie", "Baghdad camp", "Aleppo governorate", "Tal Abyad crossing"]
    names += [f"{p.name}x" for p in gz.places[::40]] + ["Xyzzyqwv", "Hosh Matroud"]
    gc.collect()
    gc.disable()
    try:
        out = gz.lookup_many(names)
        left = [o for o in gc.get_objects() if type(o).__name__ == "_Prepared"]
        for name in ["Baghdad camp", "Raqqa airbase", "Xyzzyqwv"]:
            with pytest.raises(SyriamapError):
                gz.lookup(name)  # (one at a time: the failure is raised from deep frames)
        left += [o for o in gc.get_objects() if type(o).__name__ == "_Prepared"]
    finally:
        gc.enable()
    assert len(out) == len(names)
    assert not left


def test_a_column_restores_the_garbage_collector_as_it_was() -> None:
    # the collector is paused while a column is resolved (see _collector_paused), then put
    # back: on, off, and after an error
    import gc

    gz = Gazetteer.default()
    assert gc.isenabled()
    states: list[bool] = []
    real = gz._fuzzy_stage

    def spy(*args: object, **kwargs: object) -> object:
        states.append(gc.isenabled())
        return real(*args, **kwargs)  # type: ignore[arg-type]

    gz._fuzzy_stage = spy  # type: ignore[method-assign]
    try:
        gz.lookup_many(["Aleppo", "Qamishlo", "Xyzzyqwv"])
    finally:
        del gz._fuzzy_stage
    assert states and not any(states)  # paused during the work ...
    assert gc.isenabled()  # ... and on again after
    with pytest.raises(ValueError):
        gz.lookup_many(["Aleppo"], kind="spaceport")
    assert gc.isenabled()
    gc.disable()
    try:
        gz.lookup_many(["Aleppo"])
        assert not gc.isenabled()  # the caller's choice is kept
    finally:
        gc.enable()
    # with an online fallback (requests may take minutes) the collector is left running
    seen: list[bool] = []

    class Recorder:
        def geocode(self, name: str) -> Place:
            seen.append(gc.isenabled())
            raise PlaceNotFoundError(name)

    gz.with_fallback(Recorder()).lookup_many(["Xyzzyqwv"])
    assert seen == [True]


def test_the_own_names_table_is_each_places_own_names() -> None:
    from syriamap._rank import own_names

    gz = Gazetteer.default()
    table = gz._own_names()
    assert len(table) == len(gz.places)
    assert all(table[p.id] == own_names(p) for p in gz.places)


def test_an_answer_does_not_depend_on_the_names_looked_up_before() -> None:
    # names with the same key and fold but other words ("Nahiyat" / "nahiyat al") are
    # read differently after the exact key: one must not be answered from the other's memo
    def answer(gz: Gazetteer, name: str) -> str:
        try:
            return gz.lookup(name).id
        except SyriamapError as exc:
            return type(exc).__name__

    places = Gazetteer.default().places
    for first, second in [("Nahiyat", "nahiyat al"), ("al-Moş", "Moş")]:
        fresh = answer(Gazetteer(places), second)
        gz = Gazetteer(places)
        answer(gz, first)
        assert answer(gz, second) == fresh, (first, second)
        column = Gazetteer(places).lookup_many([first, second])
        alone = Gazetteer(places).lookup_many([second])
        assert column["status"].iloc[1] == alone["status"].iloc[0]


def test_the_ranking_cache_does_not_grow_with_other_spacings() -> None:
    gz = Gazetteer(Gazetteer.default().places)
    for name in ["Jarablus", "Jarab lus", "Jara blus", "J arablus", "Jarabl us"]:
        gz.lookup(name)
    assert len(gz._index.ranked) <= 1
