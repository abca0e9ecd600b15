"""axe-core on the page types not covered by the flow tests: no serious or critical violations.

The applicant's, school's, municipality's and office's pages are checked in their own
flow tests; here the sign-in page, the public offering and cut-off pages, the pupil list
and card, the counsellor's overview, grade import, the school's offerings, the member
fees and the audit log.
"""

import pytest
from django.contrib.auth import get_user_model

from gymnasieregion.apps.accounts.models import Role
from gymnasieregion.apps.accounts.services import membership_grant
from tests.apps.admissions.scenarios import published_final, small_year
from tests.browser.conftest import axe_violations

pytestmark = pytest.mark.django_db(transaction=True)


def user(role: str, organisation):  # type: ignore[no-untyped-def]
    person = get_user_model().objects.get_or_create(username=f"axe-{role}")[0]
    membership_grant(
        actor=None, user=person, role=Role.objects.get(code=role), organisation=organisation
    )
    return person


def test_every_other_page_type_passes_axe(
    reference_data, organisations, live_server, signed_in, page_anonymous
):
    small = small_year()
    published_final(small)
    pages = [
        (None, "/konto/logga-in/"),
        (None, f"/utbildningar/{small.offering.code}/"),
        (None, "/antagningspoang/"),
        ("study_counsellor", "/elever/"),
        ("study_counsellor", f"/elever/{small.person.pk}/"),
        ("study_counsellor", "/syv/"),
        ("study_counsellor", "/elever/betyg/import/"),
        ("school_staff", "/skola/utbildningar/"),
        ("finance_officer", "/avgifter/2026/"),
        ("auditor", "/granskning/"),
    ]
    kinds = {
        "study_counsellor": "sending_school",
        "school_staff": "school_unit",
        "finance_officer": "association",
        "auditor": "association",
    }
    found = {}
    for role, path in pages:
        page = page_anonymous if role is None else signed_in(user(role, organisations[kinds[role]]))
        response = page.goto(f"{live_server.url}{path}")
        assert response is not None and response.status == 200, path
        violations = axe_violations(page)
        if violations:
            found[path] = violations
        if role is not None:
            page.context.clear_cookies()
    assert found == {}
