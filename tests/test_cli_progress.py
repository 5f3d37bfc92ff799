"""Long CLI jobs show a progress bar on a terminal and stay quiet when piped."""

from __future__ import annotations

import os
import pty
import subprocess
import sys
from pathlib import Path

import pytest


@pytest.fixture
def events_csv(tmp_path: Path) -> Path:
    rows = ["id,date,event_type,place"]
    names = ["al-Tanf", "Deir ez-Zor", "Dêrik", "Khusham", "Raqqa", "Palmyra"]
    rows += [
        f"e{i},2022-06-{1 + i % 28:02d},Air strike,{names[i % len(names)]}" for i in range(3000)
    ]
    path = tmp_path / "events.csv"
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    return path


def _run_with_stderr_on_a_terminal(args: list[str], cwd: Path) -> str:
    leader, follower = pty.openpty()
    proc = subprocess.Popen(args, cwd=cwd, stdout=subprocess.DEVNULL, stderr=follower)
    os.close(follower)
    chunks = []
    while True:
        try:
            data = os.read(leader, 4096)
        except OSError:  # the follower side closed
            break
        if not data:
            break
        chunks.append(data)
    proc.wait(timeout=120)
    os.close(leader)
    assert proc.returncode == 0
    return b"".join(chunks).decode("utf-8", "replace")


def test_progress_bar_on_a_terminal(events_csv: Path, tmp_path: Path) -> None:
    cmd = [sys.executable, "-m", "syriamap", "incidents", str(events_csv), "-o", "out.gpkg"]
    err = _run_with_stderr_on_a_terminal(cmd, tmp_path)
    assert "syriamap incidents events.csv" in err
    assert "steps" in err and "read and resolve" in err
    assert (tmp_path / "out.gpkg").exists()


def test_quiet_when_piped(events_csv: Path, tmp_path: Path) -> None:
    cmd = [sys.executable, "-m", "syriamap", "incidents", str(events_csv), "-o", "out.gpkg"]
    done = subprocess.run(cmd, cwd=tmp_path, capture_output=True, text=True, check=True)
    assert "steps" not in done.stderr and "\r" not in done.stderr
    assert "3000 rows" in done.stderr  # the summary itself is still printed
