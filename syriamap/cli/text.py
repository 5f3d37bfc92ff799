"""``syriamap extract``: places and distance claims in a news article.

``syriamap extract ARTICLE.txt...`` prints the place mentions (offsets, resolved
place, inside/outside Syria) and the checked claims of each article; ``--json``
prints the same as JSON Lines (one object per article, one per line), with a
progress bar over many articles on a terminal; ``--map OUT.html`` (one
article) also writes an offline map of the places with the claims drawn
(zones, rings for unlocated places, lines labelled with the claimed against
the geodesic distance).  ``-`` reads the article from standard input.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

__all__ = ["register"]

#: Largest article read, in bytes (a guard against feeding the command a disk image).
MAX_BYTES = 20_000_000


def _read(path: str) -> str:
    if path == "-":
        data = sys.stdin.buffer.read(MAX_BYTES + 1)
    else:
        p = Path(path)
        if not p.is_file():
            raise FileNotFoundError(f"no such article file: {path!r}")
        with p.open("rb") as fh:
            data = fh.read(MAX_BYTES + 1)
    if len(data) > MAX_BYTES:
        raise ValueError(f"{path!r} is larger than {MAX_BYTES // 1_000_000} MB; split it first")
    return data.decode("utf-8", errors="replace")


def _clean(text: str, limit: int = 80) -> str:
    """One-line, printable rendering of untrusted text for the terminal."""
    out = "".join(ch if ch.isprintable() else " " for ch in text)
    return out if len(out) <= limit else out[: limit - 1] + "…"


def _print_text(name: str, mentions: list[Any], claims: list[Any]) -> None:
    print(f"{_clean(name)}: {len(mentions)} place mention(s), {len(claims)} claim(s)")
    for m in mentions:
        where = {True: "Syria", False: "outside", None: "?"}[m.in_syria]
        place = m.place_id or (f"({m.country})" if m.country else "-")
        extra = "" if m.kind == "name" and m.role == "location" else f" [{m.kind}/{m.role}]"
        note = f"  {_clean(m.reason, 60)}" if m.reason else ""
        print(
            f"  {m.start:>7}-{m.end:<7} {_clean(m.text, 30):30} {place:34} {where:8}"
            f"{m.confidence:5.2f}{extra}{note}"
        )
    for c in claims:
        print(f"  claim @{c.start}: {_clean(c.text, 50)!r} -> {c.verdict.upper()}")
        print(f"      {_clean(c.reason, 200)}")


def _extract(args: argparse.Namespace) -> int:
    from syriamap.claims import check_claims, claims_map
    from syriamap.cli._progress import progress
    from syriamap.geoparse import find_places

    if args.map and len(args.article) > 1:
        raise ValueError(
            f"--map draws one article, got {len(args.article)}; run extract once per map"
        )
    if args.article.count("-") > 1:
        raise ValueError("standard input ('-') can be read only once")
    articles = progress(args.article, desc="syriamap extract", unit="article")
    for name in articles:
        text = _read(name)
        mentions = find_places(text)
        claims = check_claims(text, mentions=mentions)
        if args.json:
            doc = {
                "article": name,
                "chars": len(text),
                "mentions": [m.to_dict() for m in mentions],
                "claims": [c.to_dict() for c in claims],
            }
            # JSON Lines: one object per article, one per line
            sys.stdout.write(json.dumps(doc, ensure_ascii=False) + "\n")
        else:
            _print_text(name, mentions, claims)
        if args.map:
            # default title: the article's headline (see claims_map), not the file name
            m = claims_map(
                text, mentions=mentions, claims=claims, offline=not args.online, title=args.title
            )
            out = Path(args.map)
            m.save(str(out))
            print(f"wrote {out}", file=sys.stderr)
    return 0


def register(subparsers: Any) -> None:
    """Add the ``extract`` command.

    Parameters
    ----------
    subparsers : argparse._SubParsersAction
        From ``ArgumentParser.add_subparsers``.
    """
    p = subparsers.add_parser(
        "extract",
        help="find the places and check the distance claims in a news article",
        description="Find the place mentions of a news article (offsets, resolved place, "
        "inside or outside Syria) and check its distance, direction and zone claims "
        "against the gazetteer. Reads UTF-8 text ('-' for standard input).",
    )
    p.add_argument("article", nargs="+", help="article text file(s), or - for standard input")
    p.add_argument(
        "--json",
        action="store_true",
        help="print JSON Lines (one object per article) instead of a table",
    )
    p.add_argument("--map", metavar="OUT.html", help="also write an offline HTML map")
    p.add_argument("--title", help="map title (plain text)")
    p.add_argument("--online", action="store_true", help="map: also offer web tile layers")
    p.set_defaults(func=_extract)
