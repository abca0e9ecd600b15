"""A final grade after the deadline: the counsellor asks, the sending school's principal
decides; both steps audited, and an approval changes the grade."""

import pytest
from django.http import Http404

from gymnasieregion.apps.applicants.models import CorrectionStatus, Grade, GradeCorrection
from gymnasieregion.apps.applicants.services import (
    grade_correction_decide,
    grade_correction_request,
)
from gymnasieregion.apps.audit.models import AuditEvent
from tests.apps.applicants.conftest import (
    AFTER_DEADLINE,
    BEFORE_DEADLINE,
    DEADLINE,
    csv_bytes,
    import_file,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def pupil(register, school):
    pupil = register(school)
    import_file(
        school,
        csv_bytes(
            [
                [pupil.identity_display, "MA", "", "", "F", "SLUTBETYG"],
                [pupil.identity_display, "MSP", "M2", "SPA", "C", "SLUTBETYG"],
            ]
        ),
    )
    return pupil


def request(actor, pupil, **fields):
    return grade_correction_request(
        actor=actor,
        person=pupil,
        **(
            {
                "subject": "MA",
                "new_grade": "E",
                "reason": "Provet var felrättat.",
                "deadline": DEADLINE,
                "today": AFTER_DEADLINE,
            }
            | fields
        ),
    )


def final_grade(pupil, **key):
    return Grade.objects.get(person=pupil, term="SLUTBETYG", **key).grade


def test_the_principal_approves_and_the_final_grade_changes_with_both_steps_audited(
    make_user, pupil
):
    counsellor, principal = make_user("study_counsellor"), make_user("sending_school_principal")
    correction = request(counsellor, pupil)
    assert (correction.status, correction.old_grade, correction.new_grade) == ("pending", "F", "E")
    assert final_grade(pupil, subject="MA") == "F"  # nothing changes before the decision
    grade_correction_decide(actor=principal, correction=correction, approve=True, note="OK")
    correction.refresh_from_db()
    assert (correction.status, correction.decided_by) == (CorrectionStatus.APPROVED, principal)
    assert final_grade(pupil, subject="MA") == "E"
    requested = AuditEvent.objects.get(action="grades.correction.request")
    approved = AuditEvent.objects.get(action="grades.correction.approve")
    assert (requested.actor, approved.actor) == (counsellor, principal)
    assert approved.payload["grade_before"] == "F"
    assert requested.subject_id == approved.subject_id == str(correction.pk)


def test_a_rejection_leaves_the_grade(make_user, pupil):
    correction = request(make_user("study_counsellor"), pupil)
    grade_correction_decide(
        actor=make_user("sending_school_principal"), correction=correction, approve=False
    )
    assert final_grade(pupil, subject="MA") == "F"
    assert AuditEvent.objects.filter(action="grades.correction.reject").count() == 1


def test_a_language_slot_is_corrected_in_its_slot(make_user, pupil):
    correction = request(
        make_user("study_counsellor"),
        pupil,
        subject="MSP",
        slot="M2",
        language_code="SPA",
        new_grade="A",
    )
    grade_correction_decide(
        actor=make_user("sending_school_principal"), correction=correction, approve=True
    )
    assert final_grade(pupil, slot="M2") == "A"


def test_a_missing_final_grade_can_be_added_by_correction(make_user, pupil):
    correction = request(make_user("study_counsellor"), pupil, subject="EN", new_grade="B")
    assert correction.old_grade == ""
    grade_correction_decide(
        actor=make_user("sending_school_principal"), correction=correction, approve=True
    )
    assert final_grade(pupil, subject="EN") == "B"


def test_before_the_deadline_grades_are_changed_by_import_not_by_correction(make_user, pupil):
    with pytest.raises(ValueError, match="ändras slutbetyg genom betygsimporten"):
        request(make_user("study_counsellor"), pupil, today=BEFORE_DEADLINE)


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"new_grade": "F"}, "Eleven har redan betyget F i matematik"),
        ({"subject": "XX"}, "Okänt ämne 'XX'."),
        ({"new_grade": "G"}, "Ogiltigt betyg."),
        ({"slot": "M9"}, "Ogiltig språkplats 'M9'"),
        ({"reason": " "}, "Ange skälet till rättelsen."),
    ],
)
def test_a_request_that_makes_no_sense_is_refused_in_swedish(make_user, pupil, fields, message):
    with pytest.raises(ValueError, match=message):
        request(make_user("study_counsellor"), pupil, **fields)
    assert not GradeCorrection.objects.exists()


def test_only_one_pending_request_per_subject(make_user, pupil):
    counsellor = make_user("study_counsellor")
    request(counsellor, pupil)
    with pytest.raises(ValueError, match="redan en rättelse som väntar"):
        request(counsellor, pupil, new_grade="D")


def test_who_may_request_and_who_may_decide(make_user, pupil, other_school):
    with pytest.raises(Http404):
        request(make_user("sending_school_principal"), pupil)
    with pytest.raises(Http404):
        request(make_user("study_counsellor", other_school), pupil)
    correction = request(make_user("study_counsellor"), pupil)
    for role, organisation in [
        ("study_counsellor", None),
        ("principal", None),  # a principal of an upper-secondary school unit
        ("admission_officer", None),
        ("sending_school_principal", other_school),
    ]:
        with pytest.raises(Http404):
            grade_correction_decide(
                actor=make_user(role, organisation), correction=correction, approve=True
            )
    assert final_grade(pupil, subject="MA") == "F"


def test_a_decided_correction_is_not_decided_again(make_user, pupil):
    correction = request(make_user("study_counsellor"), pupil)
    principal = make_user("sending_school_principal")
    grade_correction_decide(actor=principal, correction=correction, approve=False)
    with pytest.raises(ValueError, match="redan beslutad"):
        grade_correction_decide(actor=principal, correction=correction, approve=True)


def test_nobody_decides_their_own_request(make_user, pupil, school):
    from gymnasieregion.apps.accounts.models import Role
    from gymnasieregion.apps.accounts.services import membership_grant

    both = make_user("study_counsellor")
    membership_grant(
        actor=None,
        user=both,
        role=Role.objects.get(code="sending_school_principal"),
        organisation=school,
    )
    correction = request(both, pupil)
    with pytest.raises(ValueError, match="kan inte själv besluta"):
        grade_correction_decide(actor=both, correction=correction, approve=True)


# The pages


def test_the_flow_through_the_pages(client_as, pupil, deadline_passed):
    counsellor = client_as("study_counsellor")
    response = counsellor.post(
        f"/elever/{pupil.pk}/rattelse/",
        {
            "subject": "MA",
            "slot": "",
            "language_code": "",
            "new_grade": "D",
            "reason": "Felrättat prov.",
        },
    )
    correction = GradeCorrection.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/elever/rattelser/{correction.pk}/"
    assert "Väntar på beslut" in counsellor.get(response["Location"]).content.decode()
    assert counsellor.post(response["Location"], {"decision": "godkann"}).status_code == 404

    principal = client_as("sending_school_principal")
    listing = principal.get("/elever/rattelser/?status=pending").content.decode()
    assert f"/elever/rattelser/{correction.pk}/" in listing
    decided = principal.post(response["Location"], {"decision": "godkann", "note": "Rätt."})
    assert decided.status_code == 302
    assert final_grade(pupil, subject="MA") == "D"
    card = counsellor.get(f"/elever/{pupil.pk}/").content.decode()
    assert "Godkänd" in card


def test_the_request_page_shows_the_refusal_before_the_deadline(client_as, pupil, year_2026):
    response = client_as("study_counsellor").post(
        f"/elever/{pupil.pk}/rattelse/",
        {"subject": "MA", "new_grade": "D", "reason": "Felrättat prov."},
    )
    assert response.status_code == 400
    assert "ändras slutbetyg genom betygsimporten" in response.content.decode()
