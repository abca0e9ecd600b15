"""Screenshots of the main pages, from the demo database, into docs/screenshots/.

Run by `make screenshots` after the demo region exists (`make demo` builds it). Starts
the site on 127.0.0.1:8765 in demo mode, signs in as each demo user through the sign-in
page, and saves one PNG per page with Debian's chromium, headless.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from playwright.sync_api import Page, sync_playwright

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "docs" / "screenshots"
BASE = "http://127.0.0.1:8765"
# (file, demo user or None for anonymous, path)
PAGES = [
    ("catalogue", None, "/utbildningar/?programme=NA"),
    ("cutoffs", None, "/antagningspoang/"),
    ("applicant-results", "demo-sokande", "/ansokan/resultat/"),
    ("applicant-application", "demo-sokande", "/ansokan/"),
    ("office-dashboard", "demo-antagning", "/antagning/"),
    ("school-lists", "demo-skolpersonal", "/skola/antagning/"),
    ("pupil-card", "demo-sokande", "/elever/mig/"),
    ("member-fees", "demo-ekonom", "/avgifter/2026/"),
]


def _wait_for_server() -> None:
    for _ in range(60):
        try:
            urllib.request.urlopen(f"{BASE}/", timeout=2)  # noqa: S310 (our local server)
            return
        except OSError:
            time.sleep(0.5)
    raise SystemExit("Servern startade inte på 127.0.0.1:8765.")


def _sign_in(page: Page, username: str) -> None:
    page.goto(f"{BASE}/konto/logga-in/")
    page.fill("#id_username", username)
    page.fill("#id_password", f"{username}-2026")
    page.get_by_role("button", name="Logga in").click()
    page.wait_for_load_state()


def main() -> int:
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    if chromium is None:
        print("chromium saknas: installera Debians paket 'chromium'.", file=sys.stderr)
        return 1
    OUT.mkdir(parents=True, exist_ok=True)
    env = os.environ | {"GYMNASIEREGION_DEMO": "1"}
    server = subprocess.Popen(
        [sys.executable, "manage.py", "runserver", "127.0.0.1:8765", "--noreload"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        _wait_for_server()
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=chromium, headless=True)
            for name, user, path in PAGES:
                context = browser.new_context(
                    locale="sv-SE", viewport={"width": 1280, "height": 900}
                )
                page = context.new_page()
                if user is not None:
                    _sign_in(page, user)
                response = page.goto(f"{BASE}{path}")
                status = response.status if response else 0
                page.screenshot(path=str(OUT / f"{name}.png"), full_page=False)
                print(f"{name}.png  {path}  ({user or 'anonym'}, HTTP {status})")
                context.close()
            browser.close()
    finally:
        server.terminate()
        server.wait(timeout=10)
    return 0


if __name__ == "__main__":
    sys.exit(main())
