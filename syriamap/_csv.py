"""Reading delimited text (CSV, TSV, ';'-separated) into a DataFrame of strings (private).

Used by :func:`syriamap.incidents` and the ACLED / UCDP readers.

* The delimiter is chosen from the header line alone: the most frequent of
  ``,``, ``;`` and tab outside double quotes (the file type's own delimiter on
  a tie), so a ';'-separated file whose values contain commas is read right.
* The text is decoded as UTF-8 (a byte-order mark is dropped), or as UTF-16 /
  UTF-32 when it starts with their byte-order mark (Excel's "Unicode text"),
  unless an ``encoding`` is given; undecodable bytes raise
  :class:`~syriamap.errors.InputFormatError` naming the file, the line and the
  ``encoding=`` to try.
* A line with more fields than the header (typically an unquoted delimiter in
  a note) raises ``InputFormatError`` naming the file and every such line
  (the first ten), instead of shifting or dropping values: the row's fields
  cannot be assigned to columns without guessing, and an output with a row
  missing would break "one output row per input row".  Extra fields that are
  all empty (a trailing delimiter) are dropped silently.
"""

from __future__ import annotations

import csv
import re
import warnings
from pathlib import Path

import pandas as pd

from syriamap.errors import InputFormatError

__all__ = ["detect_sep", "read_delimited", "sniff_encoding"]

_SEPARATORS = (",", ";", "\t")
_QUOTED = re.compile(r'"[^"]*"')
_SEP_NAMES = {",": "','", ";": "';'", "\t": "tab"}
_MAX_LISTED = 10


def detect_sep(header: str, default: str) -> str:
    r"""Return the delimiter of a header line: the most frequent candidate outside quotes.

    Examples
    --------
    >>> detect_sep("id;date;place", ",")
    ';'
    >>> detect_sep('id,date,"a;b;c"', ",")
    ','
    >>> detect_sep("id", "\t")
    '\t'
    """
    bare = _QUOTED.sub("", header)
    counts = {c: bare.count(c) for c in _SEPARATORS}
    best = max(_SEPARATORS, key=lambda c: (counts[c], c == default))
    return best if counts[best] else default


#: Byte-order marks and the codec that reads them (and drops the mark); longest first.
_BOMS = (
    (b"\xff\xfe\x00\x00", "utf-32"),
    (b"\x00\x00\xfe\xff", "utf-32"),
    (b"\xff\xfe", "utf-16"),
    (b"\xfe\xff", "utf-16"),
)


def sniff_encoding(path: Path, encoding: str | None = None) -> str:
    """Return ``encoding``, or the codec a file's byte-order mark names (default UTF-8).

    ``"utf-8-sig"`` reads UTF-8 with or without its mark; ``"utf-16"`` / ``"utf-32"``
    read the mark and drop it.
    """
    if encoding:
        return encoding
    with path.open("rb") as fh:
        start = fh.read(4)
    return next((codec for bom, codec in _BOMS if start.startswith(bom)), "utf-8-sig")


def _decode_error(path: Path, encoding: str, exc: UnicodeDecodeError) -> InputFormatError:
    """Return an InputFormatError naming the file, the line and the bytes that did not decode."""
    data = path.read_bytes()
    try:
        data.decode(encoding)
    except UnicodeDecodeError as full:  # pandas' error counts from a chunk, not the file
        exc = full
    line = data.count(b"\n", 0, exc.start) + 1
    begin = data.rfind(b"\n", 0, exc.start) + 1
    end = data.find(b"\n", exc.start)
    text = data[begin : end if end >= 0 else len(data)].decode(encoding, "replace").rstrip("\r")
    name = "UTF-8" if encoding == "utf-8-sig" else encoding
    return InputFormatError(
        f"cannot read {str(path)!r} as {name}: byte {data[exc.start : exc.end]!r} on line "
        f"{line} ({text[:80]!r}) is not {name} text. Save the file as UTF-8 (in Excel: "
        "'CSV UTF-8'), or pass the encoding it was written in, e.g. encoding='cp1252' or "
        "'latin-1' (Western European) or encoding='cp1256' (Arabic Windows)"
    )


def _header(path: Path, encoding: str) -> str:
    try:
        with path.open(encoding=encoding, newline="") as fh:
            return fh.readline()
    except UnicodeDecodeError as exc:
        raise _decode_error(path, encoding, exc) from None
    except LookupError:
        raise InputFormatError(
            f"unknown encoding {encoding!r}; use a Python codec name such as 'utf-8', "
            "'cp1252', 'latin-1' or 'cp1256'"
        ) from None


def _long_lines(
    path: Path, sep: str, encoding: str
) -> tuple[list[str], list[tuple[int, int]], int]:
    """Header fields, (line, n fields) of lines with non-empty extra fields, count of long lines."""
    bad: list[tuple[int, int]] = []
    n_long = 0
    with path.open(encoding=encoding, newline="") as fh:
        reader = csv.reader(fh, delimiter=sep)
        header = next(reader, [])
        width = len(header)
        start = reader.line_num + 1
        for record in reader:
            if len(record) > width:
                n_long += 1
                if any(v.strip() for v in record[width:]):
                    bad.append((start, len(record)))
            start = reader.line_num + 1
    return header, bad, n_long


def _too_many_fields(
    path: Path, sep: str, header: list[str], bad: list[tuple[int, int]]
) -> InputFormatError:
    name = _SEP_NAMES[sep]
    line, count = bad[0]
    listed = ", ".join(str(ln) for ln, _ in bad[:_MAX_LISTED])
    more = f" and {len(bad) - _MAX_LISTED} more" if len(bad) > _MAX_LISTED else ""
    cols = ", ".join(header[:12]) + (", ..." if len(header) > 12 else "")
    return InputFormatError(
        f"cannot read {str(path)!r}: line {line} has {count} {name}-separated fields but "
        f"the header has {len(header)} ({cols}); a value probably contains {name} without "
        f"quotes (a comma in a note, a place such as 'Derik, Hasakah'). Put such values in "
        f'double quotes ("Derik, Hasakah") or remove the extra {name}. Lines with too many '
        f"fields: {listed}{more}"
    )


def read_delimited(path: Path, *, sep: str, encoding: str | None = None) -> pd.DataFrame:
    """Read a delimited text file as strings (missing cells NaN), checking its shape.

    Parameters
    ----------
    path : pathlib.Path
        An existing file.
    sep : str
        The delimiter its extension implies; the header line may override it
        (see :func:`detect_sep`).
    encoding : str, optional
        Text encoding; default UTF-8 (with or without a byte-order mark), or UTF-16 /
        UTF-32 for a file that starts with their byte-order mark.

    Raises
    ------
    InputFormatError
        Empty file, undecodable bytes, an unknown encoding, or lines with more
        fields than the header.
    """
    enc = sniff_encoding(path, encoding)
    sep = detect_sep(_header(path, enc), sep)
    options = {"sep": sep, "dtype": str, "keep_default_na": False, "na_values": [""]}
    failure: pd.errors.ParserError | None = None
    df: pd.DataFrame | None = None
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", pd.errors.ParserWarning)
        try:
            # index_col=False: never take the first column as an index because the
            # first data line is longer than the header (that shifts every value)
            df = pd.read_csv(path, encoding=enc, index_col=False, **options)  # type: ignore[call-overload]
        except pd.errors.EmptyDataError:
            raise InputFormatError(f"{str(path)!r} is empty: no header and no rows") from None
        except UnicodeDecodeError as exc:
            raise _decode_error(path, enc, exc) from None
        except pd.errors.ParserError as exc:
            failure = exc
    mismatch = False
    for w in caught:
        if issubclass(w.category, pd.errors.ParserWarning):
            mismatch = True
        else:
            warnings.warn(w.message, w.category, stacklevel=2)
    if failure is None and not mismatch and df is not None:
        return df
    try:
        header, bad, n_long = _long_lines(path, sep, enc)
    except csv.Error:
        header, bad, n_long = [], [], 0
    if bad:
        raise _too_many_fields(path, sep, header, bad)
    if failure is not None and not n_long:
        raise InputFormatError(
            f"cannot read {str(path)!r} as {_SEP_NAMES[sep]}-separated text: {failure}; "
            "check the quotes near that line (a value that opens a '\"' must close it)"
        ) from None
    if df is not None:
        return df
    # only empty trailing fields (a delimiter at the end of some lines): drop them
    width = len(header)
    return pd.read_csv(  # type: ignore[call-overload]
        path,
        encoding=enc,
        index_col=False,
        engine="python",
        on_bad_lines=lambda fields: fields[:width],
        **options,
    )
