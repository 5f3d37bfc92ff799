"""Time ``import syriamap`` (and first use) in fresh interpreters.

Goal (issue 6): ``import syriamap`` ≤ 1.5 s on this machine.  Printed beside
the import time of the heavy packages it defers (geopandas, folium), measured
in the same run, so the figure can be read against what eager imports would cost.

Run: ``python benchmarks/bench_import.py [--repeat N]``
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time


def _time(code: str, repeat: int) -> list[float]:
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        subprocess.run([sys.executable, "-c", code], check=True)
        times.append(time.perf_counter() - t0)
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    cases = [
        ("python -c pass (interpreter start-up)", "pass"),
        ("import syriamap", "import syriamap"),
        ("import syriamap + Gazetteer.default()", "import syriamap; syriamap.Gazetteer.default()"),
        (
            "import syriamap + first lookup",
            "import syriamap; syriamap.Gazetteer.default().lookup('al-Tanf')",
        ),
        ("baseline: import geopandas", "import geopandas"),
        ("baseline: import folium", "import folium"),
        ("baseline: import geopandas, folium, pyproj", "import geopandas, folium, pyproj"),
    ]
    print(f"{'case':48s} {'median s':>9s} {'min s':>8s}  (n={args.repeat}, fresh processes)")
    for label, code in cases:
        t = _time(code, args.repeat)
        print(f"{label:48s} {statistics.median(t):9.3f} {min(t):8.3f}")
    print("goal: import syriamap <= 1.5 s")


if __name__ == "__main__":
    main()
