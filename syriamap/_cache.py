"""Persistent sqlite cache of online geocoder answers (private).

One row per (provider, normalised query, country restriction).  A row holds
either the provider's record for the best result (JSON text) or ``NULL`` for
a definite "no result" answer.  Failures (timeouts, HTTP errors, malformed
answers) are never written: the caller only calls :meth:`GeocodeCache.put`
after the answer has been validated and converted to a ``Place``.

Every operation opens its own short-lived connection, so one cache file can be
shared by several threads and processes (sqlite serialises the writers).
"""

from __future__ import annotations

import json
import sqlite3
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from syriamap.errors import GeocoderConfigError

__all__ = ["CacheEntry", "GeocodeCache", "default_cache_path"]

_SCHEMA_VERSION = 1
_SCHEMA = """
CREATE TABLE IF NOT EXISTS answers (
    provider   TEXT NOT NULL,
    query_key  TEXT NOT NULL,
    countries  TEXT NOT NULL,
    query      TEXT NOT NULL,
    record     TEXT,
    fetched_at REAL NOT NULL,
    PRIMARY KEY (provider, query_key, countries)
)
"""


def default_cache_path() -> Path:
    """Return the default cache file, ``<user cache dir>/syriamap/geocode.sqlite3``.

    Returns
    -------
    pathlib.Path
        Path in :func:`platformdirs.user_cache_dir` for ``"syriamap"``; the
        file and its directory are created on the first lookup, not here.
    """
    import platformdirs

    return Path(platformdirs.user_cache_dir("syriamap")) / "geocode.sqlite3"


@dataclass(frozen=True, slots=True)
class CacheEntry:
    """One cached answer.

    Parameters
    ----------
    record : dict or None
        The provider's record of the best result, or ``None`` for "no result".
    query : str
        The query as it was sent.
    fetched_at : float
        When the answer was received, seconds since the Unix epoch (UTC).
    """

    record: dict[str, Any] | None
    query: str
    fetched_at: float


class GeocodeCache:
    """Sqlite file mapping (provider, query key, countries) to an answer.

    Parameters
    ----------
    path : pathlib.Path
        The sqlite file; it and its parent directories are created on first use.
    """

    def __init__(self, path: Path) -> None:
        self.path = path
        self._lock = threading.Lock()
        self._ready = False

    def __repr__(self) -> str:
        return f"GeocodeCache({str(self.path)!r})"

    def _fail(self, error: Exception) -> GeocoderConfigError:
        return GeocoderConfigError(
            f"the geocoder cache file {str(self.path)!r} is unusable ({error}); delete it "
            "or pass another cache_path=",
            cause=error,
        )

    def _connect(self) -> sqlite3.Connection:
        try:
            if not self._ready:
                with self._lock:
                    if not self._ready:
                        self.path.parent.mkdir(parents=True, exist_ok=True)
                        con = sqlite3.connect(self.path, timeout=30)
                        try:
                            with con:
                                con.execute(_SCHEMA)
                                con.execute(f"PRAGMA user_version = {_SCHEMA_VERSION}")
                        finally:
                            con.close()
                        self._ready = True
            return sqlite3.connect(self.path, timeout=30)
        except (OSError, sqlite3.Error) as error:
            raise self._fail(error) from error

    def get(self, provider: str, query_key: str, countries: str) -> CacheEntry | None:
        """Return the cached answer, or ``None`` when the question was never answered.

        A row whose JSON cannot be read is deleted and reported as missing.
        """
        con = self._connect()
        try:
            row = con.execute(
                "SELECT record, query, fetched_at FROM answers "
                "WHERE provider = ? AND query_key = ? AND countries = ?",
                (provider, query_key, countries),
            ).fetchone()
        except sqlite3.Error as error:
            raise self._fail(error) from error
        finally:
            con.close()
        if row is None:
            return None
        text, query, fetched_at = row
        if text is None:
            return CacheEntry(None, query, fetched_at)
        try:
            record = json.loads(text)
        except ValueError:
            record = None
        if not isinstance(record, dict):
            self.delete(provider, query_key, countries)
            return None
        return CacheEntry(record, query, fetched_at)

    def put(
        self,
        provider: str,
        query_key: str,
        countries: str,
        *,
        query: str,
        record: dict[str, Any] | None,
    ) -> None:
        """Store a validated answer (``record=None`` for "no result")."""
        text = None if record is None else json.dumps(record, sort_keys=True, ensure_ascii=False)
        con = self._connect()
        try:
            with con:
                con.execute(
                    "INSERT OR REPLACE INTO answers "
                    "(provider, query_key, countries, query, record, fetched_at) "
                    "VALUES (?, ?, ?, ?, ?, ?)",
                    (provider, query_key, countries, query, text, time.time()),
                )
        except sqlite3.Error as error:
            raise self._fail(error) from error
        finally:
            con.close()

    def delete(self, provider: str, query_key: str, countries: str) -> None:
        """Forget one answer (no error if it is not there)."""
        con = self._connect()
        try:
            with con:
                con.execute(
                    "DELETE FROM answers WHERE provider = ? AND query_key = ? AND countries = ?",
                    (provider, query_key, countries),
                )
        except sqlite3.Error as error:
            raise self._fail(error) from error
        finally:
            con.close()

    def clear(self, provider: str | None = None) -> int:
        """Forget every answer (of one provider if given); return how many rows went."""
        con = self._connect()
        try:
            with con:
                if provider is None:
                    cur = con.execute("DELETE FROM answers")
                else:
                    cur = con.execute("DELETE FROM answers WHERE provider = ?", (provider,))
                return cur.rowcount
        except sqlite3.Error as error:
            raise self._fail(error) from error
        finally:
            con.close()

    def __len__(self) -> int:
        con = self._connect()
        try:
            return int(con.execute("SELECT COUNT(*) FROM answers").fetchone()[0])
        except sqlite3.Error as error:
            raise self._fail(error) from error
        finally:
            con.close()
