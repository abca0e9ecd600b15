"""The applicant's e-service: the list of choices, results, answers and letters (paths under /ansokan/).

An applicant sees only their own application: the person linked to their sign-in, in the
newest admission year; anything else is 404. The list is changed in a draft kept in the
session (`admissions.draft`) and saved as a whole by `services.application_save` when the
applicant sends it. Every form works without JavaScript; with htmx the list is swapped in
place and the change is announced in an `aria-live` region.

Officers, counsellors and municipalities open an applicant's letter through
`/ansokan/beslut/<run>/elev/<person>/`, which goes through `access_person` and is logged.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.template.loader import render_to_string
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.safestring import SafeString
from django.views.decorators.http import require_GET, require_POST

from gymnasieregion.apps.accounts.access import access_permission
from gymnasieregion.apps.admissions.draft import (
    DraftError,
    draft_add,
    draft_clear,
    draft_load,
    draft_move,
    draft_remove,
    draft_store,
)
from gymnasieregion.apps.admissions.letters import (
    DecisionLetter,
    decision_letter_get,
    letter_pdf,
)
from gymnasieregion.apps.admissions.models import (
    AdmissionRun,
    Application,
    ChoiceLine,
    Decision,
    RunKind,
)
from gymnasieregion.apps.admissions.selectors import (
    admission_year_current,
    applicant_person,
    application_late_preview,
    application_lines,
    application_of_actor,
    application_own,
    application_period,
    offer_answer_current,
    offerings_of_year,
    published_run_get,
    published_run_newest,
)
from gymnasieregion.apps.admissions.services import application_save, offer_answer
from gymnasieregion.apps.admissions.year_state import year_state
from gymnasieregion.apps.applicants.models import Person
from gymnasieregion.apps.applicants.selectors import access_person
from gymnasieregion.apps.catalogue.calendar import Action, date_text, phase_is_open, phase_sentence
from gymnasieregion.apps.catalogue.models import AdmissionYear, Offering
from gymnasieregion.apps.catalogue.selectors import OfferingFilters, offering_list_public
from gymnasieregion.core.admission.problem import Answer, Hand
from gymnasieregion.core.admission.reception import Statement
from gymnasieregion.web.fragments import fragments_cached

VIEW_SELF = "persons.view_self"
SEARCH_LIMIT = 25
LINE_ERROR = re.compile(r"^Val (\d+): ")

HAND_LABELS = {
    Hand.FIRST: "Förstahandsmottagen",
    Hand.SECOND: "Andrahandsmottagen",
    Hand.NONE: "Fristående skola: alla sökande prövas lika",
}
STATEMENT_LABELS = {
    Statement.AT_PARTNER: "finns hos samverkanspart",
    Statement.AT_HOME: "finns i egna kommunen",
    Statement.NOT_OFFERED: "finns inte",
}
ANSWER_LABELS = {
    Answer.ACCEPT_STAY_RESERVE: "Jag tackar ja till platsen och står kvar som reserv på mina högre val",
    Answer.ACCEPT_WITHOUT_RESERVE: "Jag tackar ja till platsen och vill inte stå kvar som reserv",
    Answer.DECLINE: "Jag tackar nej till platsen",
}
ANSWER_HELP = {
    Answer.ACCEPT_STAY_RESERVE: "Förval. Blir du antagen till ett högre val i en reservantagning "
    "byter du till den platsen.",
    Answer.ACCEPT_WITHOUT_RESERVE: "Du behåller platsen och stryks som reserv på dina högre val.",
    Answer.DECLINE: "Du lämnar platsen och stryks som reserv på dina högre val.",
}


def _now() -> datetime:
    """The moment of the request; the one place the applicant's pages read the clock."""
    return timezone.now()


def _own_person(request: HttpRequest) -> Person:
    """The signed-in applicant's own person; 404 for everyone else."""
    access_permission(request.user, VIEW_SELF)
    person = applicant_person(actor=request.user)
    if person is None:
        raise Http404
    return person


def _current_year() -> AdmissionYear:
    year = admission_year_current(today=timezone.localdate(_now()))
    if year is None:
        raise Http404
    return year


def _own(request: HttpRequest) -> tuple[Person, AdmissionYear]:
    return _own_person(request), _current_year()


def _own_application(request: HttpRequest, year: AdmissionYear) -> Application | None:
    """The applicant's application in `year`, without loading the person first (the
    result page is the busiest page: one query fewer); 404 for anyone but an applicant."""
    access_permission(request.user, VIEW_SELF)
    application = application_of_actor(actor=request.user, year=year)
    if application is None:
        _own_person(request)
    return application


# --- Min ansökan ------------------------------------------------------------------------


def decision_text(decision: Decision) -> str:
    """`Fri kvot: ja (1 mars 2027). Skäl: …` – a recorded decision as the applicant reads it."""
    parts = []
    for key, value in (decision.value or {}).items():
        if key == "hand":
            continue
        if isinstance(value, bool):
            parts.append("ja" if value else "nej")
        elif key == "skill_test_points":
            parts.append(f"{str(value).replace('.', ',')} poäng")
        elif key == "school_rank":
            parts.append(f"nr {value}" if value is not None else "ingen rangordning")
        elif key == "statement":
            parts.append(STATEMENT_LABELS.get(Statement(value), "inget") if value else "inget")
    outcome = f": {', '.join(parts)}" if parts else ""
    day = date_text(timezone.localdate(decision.decided_at))
    return f"{decision.get_kind_display()}{outcome} ({day}). Skäl: {decision.reason}"


@dataclass
class DraftRow:
    """One line of the list being edited, with its saved state and its state if sent now."""

    position: int
    offering: Offering
    saved: ChoiceLine | None
    late_if_sent: bool
    errors: list[str] = field(default_factory=list)

    @property
    def change(self) -> str:
        if self.saved is None:
            return "Nytt val, inte skickat"
        if self.saved.rank > self.position:
            return f"Flyttat upp från val {self.saved.rank}, inte skickat"
        if self.saved.rank < self.position:
            return f"Flyttat ned från val {self.saved.rank}, inte skickat"
        return ""

    @property
    def decisions(self) -> list[str]:
        return [decision_text(d) for d in self.saved.decisions.all()] if self.saved else []

    @property
    def hand_label(self) -> str:
        return HAND_LABELS.get(Hand(self.saved.hand), "") if self.saved else ""

    @property
    def late_label(self) -> str:
        """The line's state if the list is sent now (domain §5.2, EX-17)."""
        if not self.late_if_sent:
            return "I tid"
        if self.saved is not None and self.saved.late:
            return "Sent val"
        return "Blir sent om du skickar nu"


def _application_context(
    request: HttpRequest,
    person: Person,
    year: AdmissionYear,
    *,
    draft: list[int] | None = None,
    errors: list[str] | None = None,
    notice: str = "",
) -> dict[str, Any]:
    application = application_own(person=person, year=year)
    lines = application_lines(application=application)
    saved = {line.offering_id: line for line in lines}
    ids = (
        draft
        if draft is not None
        else draft_load(request.session, year=year, saved=[line.offering_id for line in lines])
    )
    offerings = {line.offering_id: line.offering for line in lines}
    missing = [i for i in ids if i not in offerings]
    if missing:
        offerings |= offerings_of_year(year=year, offering_ids=missing)
    ids = [i for i in ids if i in offerings]
    now = _now()
    late = application_late_preview(year=year, application=application, offering_ids=ids, now=now)
    rows = [
        DraftRow(position, offerings[i], saved.get(i), late[position - 1])
        for position, i in enumerate(ids, start=1)
    ]
    general = []
    for error in errors or []:
        match = LINE_ERROR.match(error)
        if match and 0 < int(match.group(1)) <= len(rows):
            rows[int(match.group(1)) - 1].errors.append(error[match.end() :])
        else:
            general.append(error)
    query = request.GET.get("sok", request.POST.get("sok", "")).strip()[:100]
    results = (
        list(
            offering_list_public(admission_year=year, filters=OfferingFilters(q=query))[
                :SEARCH_LIMIT
            ]
        )
        if query
        else None
    )
    return {
        "person": person,
        "year": year,
        "application": application,
        "rows": rows,
        "removed": [line for line in lines if line.offering_id not in ids],
        "changed": ids != [line.offering_id for line in lines],
        "late_count": sum(1 for row in rows if row.late_if_sent),
        "period": application_period(year=year, today=timezone.localdate(now)),
        "errors": general,
        "error_count": len(errors or []),
        "notice": notice,
        "query": query,
        "results": results,
        "chosen": set(ids),
        "full": len(ids) >= year.choice_cap,
    }


@login_required
@require_GET
def application_page(request: HttpRequest) -> HttpResponse:
    """Min ansökan: the saved list with each line's status, the draft, the search."""
    person, year = _own(request)
    template = "admissions/applicant/application.html"
    if getattr(request, "htmx", False):
        template += "#editor"  # the search, swapped in place
    return TemplateResponse(request, template, _application_context(request, person, year))


def _offering_id(value: str | None) -> int:
    if value is None or not value.isdigit():
        raise DraftError("Välj en utbildning.")
    return int(value)


def _name(year: AdmissionYear, offering_id: int) -> str:
    offering = offerings_of_year(year=year, offering_ids=[offering_id]).get(offering_id)
    return offering.name if offering is not None else "Utbildningen"


@login_required
@require_POST
def application_draft(request: HttpRequest) -> HttpResponse:
    """One change of the unsent list: add, move up or down, remove, or start over."""
    person, year = _own(request)
    application = application_own(person=person, year=year)
    saved = [line.offering_id for line in application_lines(application=application)]
    ids = draft_load(request.session, year=year, saved=saved)
    post = request.POST
    notice = error = ""
    try:
        if "lagg_till" in post:
            offering_id = _offering_id(post.get("lagg_till"))
            offering = offerings_of_year(year=year, offering_ids=[offering_id]).get(offering_id)
            ids = draft_add(ids, year=year, offering=offering, offering_id=offering_id)
            assert offering is not None
            notice = f"{offering.name} är tillagd som val {len(ids)}."
        elif "upp" in post or "ned" in post:
            up = "upp" in post
            offering_id = _offering_id(post.get("upp" if up else "ned"))
            moved = draft_move(ids, offering_id, steps=-1 if up else 1)
            name = _name(year, offering_id)
            if moved == ids:
                notice = f"{name} är redan {'först' if up else 'sist'} i listan."
            else:
                notice = f"{name} är nu val {moved.index(offering_id) + 1}."
            ids = moved
        elif "ta_bort" in post:
            offering_id = _offering_id(post.get("ta_bort"))
            ids = draft_remove(ids, offering_id)
            name = _name(year, offering_id)
            notice = f"{name} är borttagen ur listan."
        elif "aterstall" in post:
            ids = list(saved)
            notice = "Ändringarna är borttagna. Listan är som den du senast skickade."
        else:
            raise DraftError("Välj vad du vill ändra.")
    except DraftError as refused:
        error = str(refused)
    if not error:
        if ids == saved:
            draft_clear(request.session, year=year)
        else:
            draft_store(request.session, year=year, ids=ids)
    if getattr(request, "htmx", False):
        context = _application_context(
            request, person, year, errors=[error] if error else None, notice=notice
        )
        return TemplateResponse(
            request,
            "admissions/applicant/application.html#editor",
            context,
            status=400 if error else 200,
        )
    if error:
        messages.error(request, error)
    else:
        messages.success(request, f"{notice} Ändringen sparas när du skickar ansökan.")
    query = post.get("sok", "").strip()
    target = reverse("admissions:application")
    return redirect(f"{target}?sok={query}#dina-val" if query else f"{target}#dina-val")


@login_required
@require_POST
def application_submit(request: HttpRequest) -> HttpResponse:
    """Send the whole list (best first) to `application_save`: all of it or nothing."""
    person, year = _own(request)
    values = request.POST.getlist("val")
    ids = [int(v) for v in values if v.isdigit()]
    try:
        if len(ids) != len(values):
            raise ValidationError(
                "Listan innehåller ett ogiltigt val. Ladda om sidan och försök igen."
            )
        application_save(actor=request.user, person=person, year=year, offering_ids=ids, now=_now())
    except ValidationError as refused:
        draft_store(request.session, year=year, ids=ids)
        context = _application_context(request, person, year, draft=ids, errors=refused.messages)
        return TemplateResponse(
            request, "admissions/applicant/application.html", context, status=400
        )
    draft_clear(request.session, year=year)
    application = application_own(person=person, year=year)
    late = sum(1 for line in application_lines(application=application) if line.late)
    text = f"Din ansökan är skickad med {len(ids)} val."
    if late:
        text += f" {late} av dem är sena och prövas efter alla som har sökt i tid."
    messages.success(request, text)
    return redirect("admissions:application")


# --- Antagningsbesked -------------------------------------------------------------------


def _answer_choices(letter: DecisionLetter | None, chosen: str) -> list[tuple[str, str, str, bool]]:
    """The three answers; two when the applicant is reserve on nothing above the place."""
    if letter is not None and not letter.reserve_above_place:
        return [
            (
                Answer.ACCEPT_STAY_RESERVE.value,
                "Jag tackar ja till platsen",
                "Förval.",
                chosen != Answer.DECLINE,
            ),
            (
                Answer.DECLINE.value,
                ANSWER_LABELS[Answer.DECLINE],
                "Du lämnar platsen.",
                chosen == Answer.DECLINE,
            ),
        ]
    return [(a.value, ANSWER_LABELS[a], ANSWER_HELP[a], a.value == chosen) for a in Answer]


def _letter_html(letter: DecisionLetter | None) -> SafeString | None:
    """The letter's part of the result page, rendered once per letter content."""
    if letter is None:
        return None

    def build() -> dict[str, str]:
        html = render_to_string("admissions/applicant/_results_letter.html", {"letter": letter})
        return {"letter": html}

    return fragments_cached(name="results-letter", key=(letter,), build=build)["letter"]


def _results_context(
    request: HttpRequest,
    application: Application | None,
    year: AdmissionYear,
    run: AdmissionRun | None,
    *,
    answer_error: str = "",
) -> dict[str, Any]:
    letter: DecisionLetter | None = None
    if application is not None and run is not None:
        try:
            letter = decision_letter_get(run=run, application=application)
        except Http404:
            letter = None
    today = timezone.localdate(_now())
    answerable = (
        letter is not None
        and run is not None
        and run.kind in (RunKind.FINAL, RunKind.RESERVE)
        and letter.admitted_line is not None
    )
    current = None
    if answerable and application is not None and run is not None:
        current = offer_answer_current(application=application, run=run)
    chosen = request.POST.get("svar") or (current.answer if current else Answer.ACCEPT_STAY_RESERVE)
    answers = _answer_choices(letter, chosen)
    labels = {value: label for value, label, _, _ in answers}
    return {
        "year": year,
        "application": application,
        "run": run,
        "letter": letter,
        "letter_html": _letter_html(letter),
        "answerable": answerable,
        "answer_open": answerable and phase_is_open(year=year, action=Action.ANSWER, today=today),
        "answer_sentence": phase_sentence(year=year, action=Action.ANSWER),
        "answer": current,
        "answer_label": labels.get(current.answer, ANSWER_LABELS[Answer(current.answer)])
        if current
        else "",
        "answers": answers,
        "answer_error": answer_error,
    }


@login_required
@require_GET
def results_page(request: HttpRequest) -> HttpResponse:
    """The latest published run: every line with status, reserve position and reason."""
    # The year and its newest published run from the few seconds' cache (ADR 0105).
    state = year_state(today=timezone.localdate(_now()))
    if state.year is None:
        raise Http404
    application = _own_application(request, state.year)
    context = _results_context(request, application, state.year, state.run)
    return TemplateResponse(request, "admissions/applicant/results.html", context)


@login_required
@require_POST
def answer(request: HttpRequest) -> HttpResponse:
    """The applicant's answer to the place of the latest final or reserve run."""
    year = _current_year()
    application = _own_application(request, year)
    if application is None:
        raise Http404
    choice = request.POST.get("svar", "")
    error = ""
    if choice not in {a.value for a in Answer}:
        error = "Välj ett av svaren."
    else:
        try:
            offer_answer(actor=request.user, application=application, answer=choice, now=_now())
        except ValidationError as refused:
            error = " ".join(refused.messages)
    if error:
        run = published_run_newest(year=year)
        context = _results_context(request, application, year, run, answer_error=error)
        return TemplateResponse(request, "admissions/applicant/results.html", context, status=400)
    messages.success(request, "Ditt svar är sparat.")
    return redirect("admissions:results")


# --- Beslut (the decision letter) --------------------------------------------------------


def _published_run(run_id: int) -> AdmissionRun:
    run = published_run_get(pk=run_id)
    if run is None:
        raise Http404
    return run


def _letter_of(person: Person, run: AdmissionRun) -> DecisionLetter:
    application = application_own(person=person, year=run.admission_year)
    if application is None:
        raise Http404
    return decision_letter_get(run=run, application=application)


def _letter_response(
    request: HttpRequest, letter: DecisionLetter, *, pdf: bool, own: bool
) -> HttpResponse:
    if pdf:
        return HttpResponse(
            letter_pdf(letter),
            content_type="application/pdf",
            headers={
                "Content-Disposition": f'inline; filename="antagningsbesked-{letter.year}-{letter.run_id}.pdf"'
            },
        )
    return TemplateResponse(
        request, "admissions/applicant/letter.html", {"letter": letter, "own": own}
    )


@login_required
@require_GET
def letter(request: HttpRequest, run_id: int, pdf: bool = False) -> HttpResponse:
    """The applicant's own decision letter of a published run, as a page or a PDF."""
    person = _own_person(request)
    return _letter_response(request, _letter_of(person, _published_run(run_id)), pdf=pdf, own=True)


@login_required
@require_GET
def person_letter(
    request: HttpRequest, run_id: int, person_id: int, pdf: bool = False
) -> HttpResponse:
    """An applicant's letter as officers and counsellors see it; the read is logged."""
    run = _published_run(run_id)
    person = access_person(actor=request.user, pk=person_id, via="decision_letter")
    return _letter_response(request, _letter_of(person, run), pdf=pdf, own=False)


urlpatterns = [
    path("ansokan/", application_page, name="application"),
    path("ansokan/utkast/", application_draft, name="application_draft"),
    path("ansokan/skicka/", application_submit, name="application_submit"),
    path("ansokan/resultat/", results_page, name="results"),
    path("ansokan/resultat/svar/", answer, name="answer"),
    path("ansokan/beslut/<int:run_id>/", letter, name="letter"),
    path("ansokan/beslut/<int:run_id>.pdf", letter, {"pdf": True}, name="letter_pdf"),
    path(
        "ansokan/beslut/<int:run_id>/elev/<int:person_id>/",
        person_letter,
        name="person_letter",
    ),
    path(
        "ansokan/beslut/<int:run_id>/elev/<int:person_id>.pdf",
        person_letter,
        {"pdf": True},
        name="person_letter_pdf",
    ),
]
