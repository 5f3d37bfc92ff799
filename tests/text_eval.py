"""Scoring of the geoparser and claim checker against hand annotations.

Used by ``tests/test_geoparse.py`` (thresholds) and ``benchmarks/bench_text.py``
(prints the figures).  Gold files: ``tests/fixtures/gold/*.json`` (the five seed
articles) and ``tests/fixtures/text_cases.json`` (further sentences).

A predicted mention matches a gold one when the spans are identical (strict) or
overlap (lenient).  Resolution is correct when the predicted place id is one of
the gold ``place_ids``, or, for a gold place outside the gazetteer's coverage
(``place_ids`` empty), when nothing was resolved and the country agrees.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from syriamap.geoparse import Mention, find_places

HERE = Path(__file__).resolve().parent
GOLD_DIR = HERE / "fixtures" / "gold"
CASES = HERE / "fixtures" / "text_cases.json"
ARTICLES = HERE.parent / "syriamap" / "data" / "articles"


@dataclass
class Score:
    gold: int = 0
    predicted: int = 0
    strict_tp: int = 0
    lenient_tp: int = 0
    resolved_ok: int = 0
    resolvable: int = 0
    role_ok: int = 0
    in_syria_ok: int = 0
    errors: list[str] = field(default_factory=list)

    @property
    def precision(self) -> float:
        return self.strict_tp / self.predicted if self.predicted else 1.0

    @property
    def recall(self) -> float:
        return self.strict_tp / self.gold if self.gold else 1.0

    @property
    def lenient_precision(self) -> float:
        return self.lenient_tp / self.predicted if self.predicted else 1.0

    @property
    def lenient_recall(self) -> float:
        return self.lenient_tp / self.gold if self.gold else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    @property
    def resolution_accuracy(self) -> float:
        return self.resolved_ok / self.resolvable if self.resolvable else 1.0

    @property
    def role_accuracy(self) -> float:
        return self.role_ok / self.strict_tp if self.strict_tp else 1.0

    @property
    def in_syria_accuracy(self) -> float:
        return self.in_syria_ok / self.strict_tp if self.strict_tp else 1.0

    def add(self, other: Score) -> None:
        names = ["gold", "predicted", "strict_tp", "lenient_tp", "resolved_ok", "resolvable"]
        for name in [*names, "role_ok", "in_syria_ok"]:
            setattr(self, name, getattr(self, name) + getattr(other, name))
        self.errors.extend(other.errors)

    def summary(self) -> str:
        return (
            f"mentions: gold {self.gold}, predicted {self.predicted}; "
            f"precision {self.precision:.3f}, recall {self.recall:.3f}, F1 {self.f1:.3f} "
            f"(overlap: P {self.lenient_precision:.3f}, R {self.lenient_recall:.3f}); "
            f"resolution accuracy {self.resolution_accuracy:.3f} ({self.resolved_ok}/"
            f"{self.resolvable}); in_syria accuracy {self.in_syria_accuracy:.3f}; "
            f"role accuracy {self.role_accuracy:.3f}"
        )


def _resolution_ok(gold: dict[str, Any], pred: Mention) -> bool:
    ids = gold["place_ids"]
    if ids:
        return pred.place_id in ids
    return pred.place is None and pred.country == gold.get("country")


def score(text: str, gold_mentions: list[dict[str, Any]], label: str = "") -> Score:
    """Score :func:`find_places` on one text against its gold mentions."""
    pred = find_places(text)
    s = Score(gold=len(gold_mentions), predicted=len(pred))
    by_span = {(m.start, m.end): m for m in pred}
    used: set[int] = set()
    for g in gold_mentions:
        p = by_span.get((g["start"], g["end"]))
        if p is not None:
            s.strict_tp += 1
            s.lenient_tp += 1
            used.add(id(p))
            s.resolvable += 1
            if _resolution_ok(g, p):
                s.resolved_ok += 1
            else:
                s.errors.append(
                    f"{label}: {g['text']!r}@{g['start']} resolved to {p.place_id} "
                    f"(country {p.country}), gold {g['place_ids'] or g.get('country')}"
                )
            s.role_ok += p.role == g.get("role", "location")
            s.in_syria_ok += p.in_syria == g.get("in_syria")
            continue
        over = [m for m in pred if m.start < g["end"] and g["start"] < m.end and id(m) not in used]
        if over:
            s.lenient_tp += 1
            used.add(id(over[0]))
            s.errors.append(f"{label}: span {over[0].text!r} for gold {g['text']!r}@{g['start']}")
        else:
            s.errors.append(f"{label}: missed {g['text']!r}@{g['start']}")
    for m in pred:
        if (m.start, m.end) not in {(g["start"], g["end"]) for g in gold_mentions} and not any(
            m.start < g["end"] and g["start"] < m.end for g in gold_mentions
        ):
            s.errors.append(f"{label}: spurious {m.text!r}@{m.start} -> {m.place_id}")
    return s


def gold_articles() -> list[tuple[str, str, dict[str, Any]]]:
    """``(name, text, gold)`` for each annotated seed article."""
    out = []
    for path in sorted(GOLD_DIR.glob("*.json")):
        gold = json.loads(path.read_text(encoding="utf-8"))
        text = (ARTICLES / gold["article"]).read_text(encoding="utf-8")
        out.append((gold["article"], text, gold))
    return out


def text_cases() -> list[dict[str, Any]]:
    """The extra annotated sentences (mentions given as surface strings, located here)."""
    cases = json.loads(CASES.read_text(encoding="utf-8"))["cases"]
    for case in cases:
        text = case["text"]
        pos = 0
        for g in case.get("mentions", []):
            i = text.find(g["text"], pos) if "start" not in g else g["start"]
            if i < 0:
                raise ValueError(f"gold mention {g['text']!r} not in {text!r}")
            g["start"], g["end"] = i, i + len(g["text"])
            g.setdefault("role", "location")
            g.setdefault("place_ids", [])
            if "in_syria" not in g:
                c = g.get("country")
                g["in_syria"] = None if c is None else c == "SY"
            pos = g["end"]
    return cases


def score_seeds() -> Score:
    total = Score()
    for name, text, gold in gold_articles():
        total.add(score(text, gold["mentions"], name[:3]))
    return total


def score_cases() -> Score:
    total = Score()
    for case in text_cases():
        total.add(score(case["text"], case.get("mentions", []), case["id"]))
    return total


if __name__ == "__main__":
    for title, sc in (("seed articles", score_seeds()), ("extra sentences", score_cases())):
        print(f"{title}: {sc.summary()}")
        for e in sc.errors:
            print("   ", e)
