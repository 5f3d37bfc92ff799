"""Every notebook in notebooks/ runs top to bottom, offline, on the installed package."""

from __future__ import annotations

import socket
from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient

NOTEBOOKS = sorted((Path(__file__).parent.parent / "notebooks").glob("*.ipynb"))

# Refuse any non-loopback connection from inside the kernel: the notebooks must run offline.
_GUARD = """
import socket as _s
_orig = _s.socket.connect
def _guard(self, address, *a, **k):
    host = address[0] if isinstance(address, tuple) else address
    if isinstance(host, str) and not (host.startswith('127.') or host in ('localhost', '::1')):
        raise OSError(f'notebook tried to reach the network: {address!r}')
    return _orig(self, address, *a, **k)
_s.socket.connect = _guard
"""


def test_there_are_notebooks() -> None:
    names = {p.stem for p in NOTEBOOKS}
    assert len(NOTEBOOKS) >= 3, names


@pytest.mark.slow
@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.stem for p in NOTEBOOKS])
def test_notebook_runs_offline(path: Path, tmp_path: Path) -> None:
    nb = nbformat.read(path, as_version=4)
    nb.cells.insert(0, nbformat.v4.new_code_cell(_GUARD))
    client = NotebookClient(
        nb, timeout=300, kernel_name="python3", resources={"metadata": {"path": str(tmp_path)}}
    )
    client.execute()
    outputs = [o for cell in nb.cells if cell.cell_type == "code" for o in cell.get("outputs", [])]
    errors = [o for o in outputs if o.get("output_type") == "error"]
    assert not errors, errors
    # a notebook that makes a map must display it (folium's HTML repr)
    if "incident_map" in path.read_text():
        html = [o for o in outputs if "text/html" in o.get("data", {})]
        assert any("leaflet" in o["data"]["text/html"].lower() for o in html), path.name


def test_guard_blocks_the_network() -> None:
    namespace: dict[str, object] = {}
    exec(_GUARD, namespace)
    try:
        with pytest.raises(OSError, match="network"):
            socket.create_connection(("192.0.2.1", 80), timeout=0.1)
    finally:
        socket.socket.connect = namespace["_orig"]  # type: ignore[method-assign]
