"""Decision letters: every line with outcome and reason, how to appeal what can be appealed,
HTML page, PDF and e-mail, and who may read whose letter.

The year (small_year plus a municipal school in Stockholm): NA-K has one place, EK-DEMO at
the independent Demogymnasiet two. Stina (Stockholm) chooses NA-K; Nova (Uppsala, outside
the cooperation area, so second-hand at the municipal school) chooses NA-K, then EK-DEMO;
Ola (Stockholm, F in English, so not eligible) chooses NA-K. Test Testsson has EK-DEMO.
Final round 30 June 2027, published 1 July.
"""

import re
import zlib

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.core.mail.backends.base import BaseEmailBackend
from django.http import Http404
from django.test import Client, override_settings

from gymnasieregion.apps.admissions.letters import (
    Appeal,
    decision_letter_get,
    latin_1,
    letter_pdf,
    line_appeal,
)
from gymnasieregion.apps.admissions.models import Application, RunKind
from gymnasieregion.apps.admissions.services import (
    admission_run,
    admission_run_publish,
    application_save,
    decision_letters_send,
    decision_record,
)
from gymnasieregion.apps.audit.models import AuditEvent
from tests.apps.admissions import applicant_fixtures
from tests.apps.admissions.applicant_fixtures import (
    add_offering,
    another_applicant,
    municipal_school,
)
from tests.apps.admissions.scenarios import at, published_final
from tests.apps.conftest import sign_in

pytestmark = pytest.mark.django_db

# The shared fixtures of the applicant's tests (see applicant_fixtures).
clock = applicant_fixtures.clock
small = applicant_fixtures.small


@pytest.fixture
def region(small):
    small.offering.places = 2
    small.offering.save()
    na = add_offering(small.year, "NA-K", school=municipal_school(), programme_code="NA")
    people = {
        "Stina": another_applicant("Stina"),
        "Nova": another_applicant("Nova", home="0380", email="nova@example.invalid"),
        "Ola": another_applicant("Ola", english="F", email="ola@example.invalid"),
    }
    people["Ola"][1].protected_identity = True
    people["Ola"][1].save()
    choices = {"Stina": [na.pk], "Nova": [na.pk, small.offering.pk], "Ola": [na.pk]}
    for name, (user, person) in people.items():
        application_save(
            actor=user,
            person=person,
            year=small.year,
            offering_ids=choices[name],
            now=at("2027-01-22"),
        )
    run = published_final(small)
    return {"small": small, "na": na, "run": run, **people}


def letter_of(region, name):
    person = region[name][1]
    application = Application.objects.get(person=person)
    return decision_letter_get(run=region["run"], application=application)


# --- Content ---------------------------------------------------------------------------------


def test_a_letter_lists_every_line_with_outcome_reason_and_how_to_appeal(region):
    letter = letter_of(region, "Nova")
    assert [(line.rank, line.offering_code, line.status_label) for line in letter.lines] == [
        (1, "NA-K", "Reserv nr 1"),
        (2, "EK-DEMO", "Antagen"),
    ]
    reserve, admitted = letter.lines
    assert reserve.explanation.startswith("Reserv nr 1. Den sista platsen gick till gruppen")
    assert reserve.appeal is Appeal.APPEALABLE  # refused first-hand reception
    assert "Skicka överklagandet till Stockholms stad." in reserve.appeal_text
    assert admitted.appeal is Appeal.FAVOURABLE and admitted.appeal_text == ""
    text = " ".join(letter.appeal_paragraphs)
    assert "Skolväsendets överklagandenämnd" in text
    assert "inom tre veckor från den dag du fick del av beslutet" in text
    assert "Beslut om fri kvot kan inte heller överklagas." in text
    assert letter.answer_deadline is not None
    assert "Svara senast 17 juli 2027." in letter.next_steps[0]


def test_not_eligible_is_an_appealable_decision(region):
    (line,) = letter_of(region, "Ola").lines
    assert line.status_label == "Ej behörig"
    assert line.appeal is Appeal.APPEALABLE
    assert "Du har inte fått någon plats." in letter_of(region, "Ola").next_steps[0]


def test_fri_kvot_is_stated_as_not_appealable(small):
    line = Application.objects.get(person=small.person).lines.get()
    decision_record(
        actor=small.office,
        line=line,
        kind="free_quota",
        value=True,
        reason="Särskilda skäl.",
        now=at("2027-03-01"),
    )
    run = published_final(small)
    letter = decision_letter_get(run=run, application=line.application)
    (only,) = letter.lines
    assert only.explanation == "Antagen i fri kvot."
    assert only.appeal is Appeal.FREE_QUOTA
    assert only.appeal_text == "Beslut om fri kvot kan inte överklagas."
    assert not letter.appealable


def test_a_preliminary_letter_is_information_not_a_decision(small):
    run = admission_run(
        actor=small.office, year=small.year, kind=RunKind.PRELIMINARY, now=at("2027-04-14")
    )
    run = admission_run_publish(actor=small.office, run=run, now=at("2027-04-15"))
    letter = decision_letter_get(run=run, application=Application.objects.get(person=small.person))
    assert letter.title == "Antagningsbesked: preliminär antagning 2027"
    assert letter.lines[0].status_label == "Preliminärt antagen"
    assert letter.lines[0].appeal is Appeal.NO_DECISION
    assert letter.appeal_paragraphs[0].startswith("Den preliminära antagningen är ett besked")
    assert letter.answer_deadline is None
    assert "Omvalet är öppet 15 april–15 maj 2027." in letter.next_steps[1]


def test_the_letter_keeps_the_ranks_the_run_used_after_a_later_change(region, clock):
    user, person = region["Nova"]
    application_save(
        actor=user,
        person=person,
        year=region["small"].year,
        offering_ids=[region["small"].offering.pk, region["na"].pk],
        now=at("2027-07-05"),
    )
    assert [line.offering_code for line in letter_of(region, "Nova").lines] == ["NA-K", "EK-DEMO"]


def test_no_letter_for_an_unpublished_run_a_simulation_or_an_applicant_outside_it(region):
    small = region["small"]
    application = Application.objects.get(person=region["Nova"][1])
    unpublished = admission_run(
        actor=small.office, year=small.year, kind=RunKind.FINAL, now=at("2027-07-02")
    )
    simulation = admission_run(
        actor=small.office, year=small.year, kind=RunKind.SIMULATION, now=at("2027-07-02")
    )
    for run in (unpublished, simulation, None):
        with pytest.raises(Http404):
            decision_letter_get(run=run, application=application)
    _, late = another_applicant("Sen")
    late_application = application_save(
        actor=late.user,
        person=late,
        year=small.year,
        offering_ids=[small.offering.pk],
        now=at("2027-07-03"),
    )
    with pytest.raises(Http404):
        decision_letter_get(run=region["run"], application=late_application)


@pytest.mark.parametrize(
    ("status", "reason", "kind", "hand", "organiser", "expected"),
    [
        ("admitted", "admitted_merit", "national", "first", "municipal", Appeal.FAVOURABLE),
        ("admitted", "admitted_free_quota", "national", "first", "municipal", Appeal.FREE_QUOTA),
        ("reserve", "reserve_lower_merit", "national", "first", "municipal", Appeal.SELECTION),
        ("reserve", "reserve_lower_tier", "national", "second", "municipal", Appeal.APPEALABLE),
        ("reserve", "reserve_lower_merit", "national", "none", "independent", Appeal.SELECTION),
        ("not_eligible", "not_eligible", "national", "first", "municipal", Appeal.APPEALABLE),
        ("not_eligible", "not_eligible", "sports", "first", "independent", Appeal.APPEALABLE),
        (
            "not_eligible",
            "not_eligible",
            "introduction_group",
            "first",
            "municipal",
            Appeal.APPEALABLE,
        ),
        ("not_eligible", "not_eligible", "ib", "first", "municipal", Appeal.ASK_ORGANISER),
        (
            "not_offered",
            "not_offered",
            "introduction_group",
            "first",
            "municipal",
            Appeal.APPEALABLE,
        ),
        ("not_offered", "not_offered", "adapted", "first", "municipal", Appeal.ASK_ORGANISER),
        ("struck", "struck_below_placement", "national", "second", "municipal", Appeal.NO_DECISION),
        ("cancelled", "cancelled", "national", "first", "municipal", Appeal.NO_DECISION),
        ("declined", "declined_place", "national", "first", "municipal", Appeal.NO_DECISION),
    ],
)
def test_which_outcomes_can_be_appealed(status, reason, kind, hand, organiser, expected):
    appeal = line_appeal(
        status=status,
        reason=reason,
        kind=kind,
        hand=hand,
        organiser_type=organiser,
        preliminary=False,
    )
    assert appeal is expected


def test_nothing_in_a_preliminary_round_can_be_appealed():
    assert (
        line_appeal(
            status="not_eligible",
            reason="not_eligible",
            kind="national",
            hand="first",
            organiser_type="municipal",
            preliminary=True,
        )
        is Appeal.NO_DECISION
    )


# --- HTML, PDF ------------------------------------------------------------------------------


def pdf_text(data: bytes) -> str:
    """The text drawn in a PDF of fpdf2's core fonts (latin-1 in deflated content streams)."""
    chunks = []
    for stream in re.findall(rb"stream\r?\n(.*?)\r?\nendstream", data, re.S):
        try:
            chunks.append(zlib.decompress(stream).decode("latin-1"))
        except zlib.error:
            chunks.append(stream.decode("latin-1"))
    return "".join(chunks)


def test_the_letter_page_shows_every_line_and_the_appeal_text(region, clock):
    client = sign_in(Client(), region["Nova"][0])
    response = client.get(f"/ansokan/beslut/{region['run'].pk}/")
    assert response.status_code == 200
    text = response.content.decode()
    for fragment in (
        "Antagningsbesked: slutantagning 2027",
        "NA-K",
        "Reserv nr 1",
        "EK-DEMO",
        "Antagen",
        "Så överklagar du",
        "Skolväsendets överklagandenämnd",
        "tre veckor",
        region["Nova"][1].identity_display,
    ):
        assert fragment in text, fragment
    assert 'style="' not in text  # the site's CSP allows no inline styles


def test_the_pdf_is_a_real_letter(region):
    client = sign_in(Client(), region["Nova"][0])
    response = client.get(f"/ansokan/beslut/{region['run'].pk}.pdf")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert "antagningsbesked-2027-" in response["Content-Disposition"]
    data = response.content
    assert data.startswith(b"%PDF")
    assert len(data) > 2000
    text = pdf_text(data)
    for fragment in (
        "Nova Testsson",
        "Val 1: Program NA-K",
        "Reserv nr 1",
        "Skolväsendets överklagandenämnd",
    ):
        assert fragment in text, fragment


def test_characters_outside_latin_1_are_replaced_in_the_pdf():
    assert latin_1("14 januari–15 februari ”fri kvot” … ÅÄÖ é ü ł") == (
        '14 januari-15 februari "fri kvot" ... ÅÄÖ é ü ?'
    )


def test_a_long_letter_breaks_onto_more_pages(small):
    extra = [
        add_offering(small.year, f"X-{n}", name=f"Program nummer {n} med ett långt namn").pk
        for n in range(19)
    ]
    application = application_save(
        actor=small.applicant,
        person=small.person,
        year=small.year,
        offering_ids=[*extra, small.offering.pk],
        now=at("2027-01-21"),
    )
    letter = decision_letter_get(run=published_final(small), application=application)
    assert len(letter.lines) == 20
    data = letter_pdf(letter)
    assert re.search(rb"/Count ([2-9])", data), "the letter should take more than one page"


# --- E-mail ---------------------------------------------------------------------------------


def test_the_office_e_mails_the_letters_of_a_published_run(region):
    result = decision_letters_send(actor=region["small"].office, run=region["run"])
    assert (result.sent, result.without_email, result.protected_identity) == (1, 2, 1)
    (message,) = mail.outbox
    assert message.to == ["nova@example.invalid"]
    assert message.subject == "Antagningsbesked: slutantagning 2027"
    html, mimetype = message.alternatives[0]
    assert mimetype == "text/html"
    for body in (html, message.body):
        for fragment in (
            "NA-K",
            "Reserv nr 1",
            "EK-DEMO",
            "Skolväsendets överklagandenämnd",
            "tre veckor",
        ):
            assert fragment in body, fragment
        assert region["Nova"][1].identity_display not in body  # no personnummer in e-mail
    assert html.startswith("<!doctype html>") and '<html lang="sv">' in html
    sending = AuditEvent.objects.get(action="admissions.letters.sending")
    assert sending.payload == {"recipients": 1, "without_email": 2, "protected_identity": 1}
    sent = AuditEvent.objects.get(action="admissions.letters.sent")
    assert sent.payload == {"sent": 1, "failed": 0, "error": ""}


def test_letters_go_in_batches_of_one_mail_connection_each(region, monkeypatch):
    monkeypatch.setattr("gymnasieregion.apps.admissions.services.LETTER_BATCH", 1)
    for name in ("Stina", "Ola"):
        person = region[name][1]
        person.email = f"{name.lower()}@example.invalid"
        person.protected_identity = False
        person.save()
    result = decision_letters_send(actor=region["small"].office, run=region["run"])
    assert result.sent == 3
    assert sorted(m.to[0] for m in mail.outbox) == [
        "nova@example.invalid",
        "ola@example.invalid",
        "stina@example.invalid",
    ]


def test_the_demo_file_backend_writes_the_letters_to_files(region, tmp_path):
    with override_settings(
        EMAIL_BACKEND="django.core.mail.backends.filebased.EmailBackend", EMAIL_FILE_PATH=tmp_path
    ):
        decision_letters_send(actor=region["small"].office, run=region["run"])
    (written,) = list(tmp_path.iterdir())
    content = written.read_text()
    assert "To: nova@example.invalid" in content
    assert "text/html" in content


class FailingBackend(BaseEmailBackend):
    def send_messages(self, email_messages):
        raise ConnectionRefusedError("Anslutningen till e-postservern nekades.")


def test_a_failing_mail_server_is_recorded_with_what_was_sent(region):
    with override_settings(EMAIL_BACKEND=f"{__name__}.FailingBackend"):
        result = decision_letters_send(actor=region["small"].office, run=region["run"])
    assert (result.sent, result.failed) == (0, 1)
    assert "nekades" in result.error
    failed = AuditEvent.objects.get(action="admissions.letters.failed")
    assert failed.payload["sent"] == 0 and failed.payload["failed"] == 1
    assert not AuditEvent.objects.filter(action="admissions.letters.sent").exists()


def test_letters_are_sent_only_for_published_runs_and_only_by_the_office(region):
    small = region["small"]
    unpublished = admission_run(
        actor=small.office, year=small.year, kind=RunKind.FINAL, now=at("2027-07-02")
    )
    with pytest.raises(ValidationError, match="publicerad"):
        decision_letters_send(actor=small.office, run=unpublished)
    with pytest.raises(Http404):
        decision_letters_send(actor=small.applicant, run=region["run"])
    assert mail.outbox == []


# --- Who reads whose letter -------------------------------------------------------------------


def test_an_applicant_reads_only_their_own_letter(region):
    run = region["run"]
    nova = sign_in(Client(), region["Nova"][0])
    assert nova.get(f"/ansokan/beslut/{run.pk}/").status_code == 200
    assert nova.get(f"/ansokan/beslut/{run.pk}/elev/{region['Ola'][1].pk}/").status_code == 404
    assert nova.get(f"/ansokan/beslut/{run.pk}/elev/{region['Ola'][1].pk}.pdf").status_code == 404
    assert nova.get(f"/ansokan/beslut/{run.pk + 1000}/").status_code == 404
    _, sen = another_applicant("Sen")
    outside = sign_in(Client(), sen.user)
    assert outside.get(f"/ansokan/beslut/{run.pk}/").status_code == 404
    assert outside.get(f"/ansokan/beslut/{run.pk}.pdf").status_code == 404


def test_an_unpublished_run_or_a_simulation_has_no_letter_page(region):
    small = region["small"]
    nova = sign_in(Client(), region["Nova"][0])
    for kind in (RunKind.FINAL, RunKind.SIMULATION):
        run = admission_run(actor=small.office, year=small.year, kind=kind, now=at("2027-07-02"))
        assert nova.get(f"/ansokan/beslut/{run.pk}/").status_code == 404
        office = sign_in(Client(), small.office)
        assert (
            office.get(f"/ansokan/beslut/{run.pk}/elev/{region['Nova'][1].pk}/").status_code == 404
        )


def test_an_officer_reads_an_applicants_letter_and_the_read_is_logged(region):
    run, nova = region["run"], region["Nova"][1]
    office = sign_in(Client(), region["small"].office)
    response = office.get(f"/ansokan/beslut/{run.pk}/elev/{nova.pk}/")
    assert response.status_code == 200
    assert "Att du har öppnat det loggas." in response.content.decode()
    assert office.get(f"/ansokan/beslut/{run.pk}/elev/{nova.pk}.pdf").content.startswith(b"%PDF")
    reads = AuditEvent.objects.filter(action="person.read", subject_id=str(nova.pk))
    assert reads.count() == 2
    assert reads.first().payload == {"via": "decision_letter"}


def test_a_school_user_cannot_read_letters(region, make_user):
    run, nova = region["run"], region["Nova"][1]
    for role in ("school_staff", "principal", "finance_officer"):
        client = sign_in(Client(), make_user(role))
        assert client.get(f"/ansokan/beslut/{run.pk}/elev/{nova.pk}/").status_code == 404, role
