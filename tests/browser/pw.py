"""Playwright helpers: open a saved map in Debian's Chromium with the network cut off.

Every request that is not ``file:``/``data:``/``about:``/``blob:`` is aborted and
recorded, console errors and uncaught page errors are collected.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

CHROMIUM = "/usr/bin/chromium"
LAUNCH_ARGS = ["--no-sandbox", "--disable-background-networking", "--disable-gpu"]
LOCAL_SCHEMES = ("file:", "data:", "about:", "blob:")


@dataclass
class OpenedMap:
    page: Any
    blocked: list[str] = field(default_factory=list)
    console_errors: list[str] = field(default_factory=list)
    page_errors: list[str] = field(default_factory=list)
    seconds_to_ready: float = 0.0

    def api(self, expr: str) -> Any:
        """Evaluate ``expr`` with ``api`` bound to the first syriamap instance."""
        return self.page.evaluate(
            "(() => { const api = Object.values(window.SyriaMap.instances)[0]; return "
            + expr
            + "; })()"
        )


def launch(playwright: Any) -> Any:
    return playwright.chromium.launch(executable_path=CHROMIUM, args=LAUNCH_ARGS)


def open_map(
    browser: Any,
    path: Path,
    *,
    width: int = 1280,
    height: int = 800,
    init_script: str | None = None,
    timeout_ms: int = 30_000,
) -> OpenedMap:
    context = browser.new_context(viewport={"width": width, "height": height})
    page = context.new_page()
    opened = OpenedMap(page=page)

    def route(r: Any) -> None:
        url = r.request.url
        if url.startswith(LOCAL_SCHEMES):
            r.continue_()
        else:
            opened.blocked.append(url)
            r.abort()

    context.route("**/*", route)
    page.on(
        "console",
        lambda msg: opened.console_errors.append(msg.text) if msg.type == "error" else None,
    )
    page.on("pageerror", lambda exc: opened.page_errors.append(str(exc)))
    if init_script:
        page.add_init_script(init_script)
    start = time.perf_counter()
    page.goto(Path(path).resolve().as_uri(), wait_until="load", timeout=timeout_ms)
    page.wait_for_selector(".sm-map[data-sm-ready='1']", timeout=timeout_ms)
    opened.seconds_to_ready = time.perf_counter() - start
    return opened
