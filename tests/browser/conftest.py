"""Browser tests: Debian's chromium, headless, driven by Playwright against a live server.

No browser is downloaded: the tests use the `chromium` on the PATH (Debian's package,
installed by `.ci/run` and, where it can, by `make test`). Without it the tests are
skipped with a line that says so — unless GYMNASIEREGION_BROWSER_TESTS=required (CI),
where a missing browser is a failure. axe-core comes from the axe-playwright-python
package and is injected into each page checked.
"""

import os
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path

import axe_playwright_python
import pytest
from django.conf import settings
from django.test import Client
from playwright.sync_api import Browser, BrowserContext, Page, sync_playwright

from gymnasieregion.apps.accounts.models import User
from tests.apps.conftest import organisations, reference_data, sign_in

__all__ = ["organisations", "reference_data"]  # the apps' fixtures, shared here

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
REQUIRED = os.environ.get("GYMNASIEREGION_BROWSER_TESTS") == "required"
AXE_SCRIPT = Path(axe_playwright_python.__file__).with_name("axe.min.js")
SERIOUS = {"serious", "critical"}
# Playwright's sync API runs an event loop in the test's thread; the ORM calls of the
# test itself are still synchronous.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

if CHROMIUM is None and not REQUIRED:
    pytest.skip(
        "Webbläsartesterna hoppas över: chromium saknas (installera Debians paket 'chromium').",
        allow_module_level=True,
    )


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    if CHROMIUM is None:
        pytest.fail("chromium saknas men webbläsartesterna krävs (GYMNASIEREGION_BROWSER_TESTS).")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=["--no-sandbox"]
        )
        yield browser
        browser.close()


@pytest.fixture
def context(browser: Browser) -> Iterator[BrowserContext]:
    # axe-core is injected as a script; the site's CSP would refuse it (CSP has its own tests).
    context = browser.new_context(locale="sv-SE", bypass_csp=True)
    context.set_default_timeout(15_000)
    yield context
    context.close()


@pytest.fixture
def signed_in(context: BrowserContext, live_server) -> Callable[[User], Page]:  # type: ignore[no-untyped-def]
    """A page whose browser carries the session of `user`, second factor confirmed."""

    def open_as(user: User) -> Page:
        client = sign_in(Client(), user)
        cookie = client.cookies[settings.SESSION_COOKIE_NAME]
        context.add_cookies([{"name": cookie.key, "value": cookie.value, "url": live_server.url}])
        return context.new_page()

    return open_as


def axe_violations(page: Page) -> list[str]:
    """Serious and critical axe-core violations on the current page, one line each."""
    page.add_script_tag(path=str(AXE_SCRIPT))
    result = page.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
    return [
        f"{v['id']} ({v['impact']}): {v['help']} — {len(v['nodes'])} element"
        for v in result["violations"]
        if v["impact"] in SERIOUS
    ]


@pytest.fixture
def page_anonymous(context: BrowserContext) -> Page:
    return context.new_page()
