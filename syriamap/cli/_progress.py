"""Progress bars for long command-line jobs: shown on a terminal, silent when piped."""

from __future__ import annotations

import os
import sys
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from typing import IO, TypeVar

__all__ = ["progress", "stages"]

T = TypeVar("T")


def _enabled(stream: IO[str]) -> bool:
    isatty = getattr(stream, "isatty", None)
    return bool(isatty and isatty())


def _size() -> tuple[int | None, int | None]:
    """Terminal size for tqdm; 80x24 where the terminal reports 0 (a bare pty).

    tqdm draws nothing at all when it reads 0 columns or 0 rows.
    """
    try:
        size = os.get_terminal_size(sys.stderr.fileno())
    except (OSError, ValueError, AttributeError):
        return None, None
    return size.columns or 80, size.lines or 24


def progress(
    items: Iterable[T], *, total: int | None = None, desc: str, unit: str = "item"
) -> Iterator[T]:
    """Iterate over ``items`` with a tqdm bar on stderr when stderr is a terminal.

    Parameters
    ----------
    items : iterable
        What to iterate over.
    total : int, optional
        Number of items (taken from ``len(items)`` when it has one).
    desc : str
        Label shown before the bar.
    unit : str, default "item"
        Unit shown in the rate ("article", "row").

    Yields
    ------
    object
        The items, unchanged.
    """
    from tqdm import tqdm

    yield from tqdm(
        items,
        total=total,
        desc=desc,
        unit=unit,
        file=sys.stderr,
        disable=not _enabled(sys.stderr),
        leave=False,
        ncols=_size()[0],
        nrows=_size()[1],
    )


@contextmanager
def stages(names: Sequence[str], *, desc: str) -> Iterator[_Stages]:
    """Show a bar over the named stages of one job (read, resolve, write...).

    Parameters
    ----------
    names : sequence of str
        The stages, in order; call ``.start(name)`` as each begins.
    desc : str
        Label shown before the bar.

    Yields
    ------
    _Stages
        An object whose ``start(name)`` moves the bar to that stage.
    """
    from tqdm import tqdm

    bar = tqdm(
        total=len(names),
        desc=desc,
        unit="step",
        file=sys.stderr,
        disable=not _enabled(sys.stderr),
        leave=False,
        ncols=_size()[0],
        nrows=_size()[1],
        bar_format="{desc}: {n_fmt}/{total_fmt} steps |{bar}| {postfix} [{elapsed}]",
    )
    tracker = _Stages(bar, list(names))
    try:
        yield tracker
    finally:
        bar.close()


class _Stages:
    def __init__(self, bar: object, names: list[str]) -> None:
        self._bar = bar
        self._names = names
        self._done = 0

    def start(self, name: str) -> None:
        """Mark the previous stages done and show ``name`` as running."""
        index = self._names.index(name)
        self._bar.update(index - self._done)  # type: ignore[attr-defined]
        self._done = index
        self._bar.set_postfix_str(name)  # type: ignore[attr-defined]
