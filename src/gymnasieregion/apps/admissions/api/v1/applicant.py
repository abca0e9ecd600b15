"""API v1 for the applicant: the own application of the newest admission year, its results,
and the answer to the offered place.

GET/PUT /api/v1/application/ reads the list or replaces it as a whole (the ordered offering
ids, best first) through `services.application_save`, within the periods; a refusal is a
400 with the Swedish message and nothing saved. GET /api/v1/application/results/ shows the
latest published run only (never a simulation). POST /api/v1/application/answer/ answers the
place of the latest final or reserve run. Everyone but the applicant themself gets 404.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.http import Http404
from django.urls import URLPattern, path, reverse
from django.utils import timezone
from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status
from rest_framework.decorators import api_view
from rest_framework.request import Request
from rest_framework.response import Response

from gymnasieregion.apps.accounts.access import access_permission
from gymnasieregion.apps.admissions.letters import DecisionLetter, decision_letter_get
from gymnasieregion.apps.admissions.models import AdmissionRun, Application, RunKind
from gymnasieregion.apps.admissions.selectors import (
    admission_year_current,
    applicant_person,
    application_lines,
    application_own,
    application_period,
    offer_answer_current,
    published_run_newest,
)
from gymnasieregion.apps.admissions.services import application_save, offer_answer
from gymnasieregion.apps.applicants.models import Person
from gymnasieregion.apps.catalogue.calendar import Action, phase_is_open
from gymnasieregion.apps.catalogue.models import AdmissionYear
from gymnasieregion.core.admission.problem import Answer

VIEW_SELF = "persons.view_self"
ANSWER_HELP = "Välj ett av svaren: accept_stay_reserve, accept_without_reserve eller decline."


def _now() -> datetime:
    """The moment of the request; the one place this module reads the clock."""
    return timezone.now()


def _own(request: Request) -> tuple[Person, AdmissionYear]:
    access_permission(request.user, VIEW_SELF)
    person = applicant_person(actor=request.user)
    year = admission_year_current(today=timezone.localdate(_now()))
    if person is None or year is None:
        raise Http404
    return person, year


class ApplicantOfferingBriefSerializer(serializers.Serializer[Any]):
    id = serializers.IntegerField(source="pk")
    code = serializers.CharField()
    name = serializers.CharField()
    school_unit_name = serializers.CharField(source="school_unit.name")
    cancelled = serializers.BooleanField()


class ApplicantDecisionSerializer(serializers.Serializer[Any]):
    kind = serializers.CharField()
    kind_label = serializers.CharField(source="get_kind_display")
    value = serializers.JSONField(help_text='What was decided, e.g. {"free_quota": true}.')
    reason = serializers.CharField()
    decided_at = serializers.DateTimeField()


class ApplicantChoiceSerializer(serializers.Serializer[Any]):
    rank = serializers.IntegerField()
    offering = ApplicantOfferingBriefSerializer()
    late = serializers.BooleanField(help_text="Sent val (domain §5.2).")
    hand = serializers.CharField(help_text="first, second or none (fristående skola).")
    decisions = ApplicantDecisionSerializer(many=True, source="decisions.all")


class ApplicantApplicationSerializer(serializers.Serializer[Any]):
    year = serializers.IntegerField()
    choice_cap = serializers.IntegerField()
    open = serializers.BooleanField(help_text="Whether the list may be saved now.")
    in_time = serializers.BooleanField(help_text="Whether what is saved now is in time.")
    period = serializers.CharField(help_text="Swedish sentence about the periods.")
    updated_at = serializers.DateTimeField(allow_null=True)
    choices = ApplicantChoiceSerializer(many=True)


class ApplicantApplicationWriteSerializer(serializers.Serializer[Any]):
    offerings = serializers.ListField(
        child=serializers.IntegerField(min_value=1),
        allow_empty=True,
        help_text="Offering ids, best first. The whole list replaces the saved one.",
    )


class ApplicantErrorSerializer(serializers.Serializer[Any]):
    detail = serializers.CharField()
    messages = serializers.ListField(child=serializers.CharField(), help_text="Each refusal.")


class ApplicantResultLineSerializer(serializers.Serializer[Any]):
    rank = serializers.IntegerField()
    offering_id = serializers.IntegerField()
    offering_code = serializers.CharField()
    offering_name = serializers.CharField()
    school_name = serializers.CharField()
    status = serializers.CharField()
    status_label = serializers.CharField()
    reserve_position = serializers.IntegerField(allow_null=True)
    explanation = serializers.CharField()
    appeal = serializers.CharField()
    appeal_text = serializers.CharField()


class ApplicantRunBriefSerializer(serializers.Serializer[Any]):
    id = serializers.IntegerField(source="run_id")
    kind = serializers.CharField(source="run_kind")
    round_label = serializers.CharField()
    published_on = serializers.DateField()


class ApplicantAnswerSerializer(serializers.Serializer[Any]):
    answer = serializers.ChoiceField(choices=[a.value for a in Answer])
    answered_at = serializers.DateTimeField(read_only=True)


class ApplicantResultsSerializer(serializers.Serializer[Any]):
    year = serializers.IntegerField()
    run = ApplicantRunBriefSerializer(allow_null=True)
    choices = ApplicantResultLineSerializer(many=True)
    next_steps = serializers.ListField(child=serializers.CharField())
    appeal = serializers.ListField(child=serializers.CharField())
    answer = ApplicantAnswerSerializer(allow_null=True)
    answer_open = serializers.BooleanField()
    answer_deadline = serializers.DateField()
    letter_url = serializers.CharField(allow_null=True)
    letter_pdf_url = serializers.CharField(allow_null=True)


def _errors(error: ValidationError) -> Response:
    return Response(
        {"detail": " ".join(error.messages), "messages": error.messages},
        status=status.HTTP_400_BAD_REQUEST,
    )


def _application_data(year: AdmissionYear, application: Application | None) -> dict[str, Any]:
    period = application_period(year=year, today=timezone.localdate(_now()))
    return {
        "year": year.year,
        "choice_cap": year.choice_cap,
        "open": period.open,
        "in_time": period.in_time,
        "period": period.sentence,
        "updated_at": application.updated_at if application is not None else None,
        "choices": application_lines(application=application),
    }


@extend_schema(
    methods=["GET"],
    responses=ApplicantApplicationSerializer,
    operation_id="application_retrieve",
    summary="The own application of the newest admission year",
)
@extend_schema(
    methods=["PUT"],
    request=ApplicantApplicationWriteSerializer,
    responses={200: ApplicantApplicationSerializer, 400: ApplicantErrorSerializer},
    operation_id="application_update",
    summary="Replace the list of choices (all of it or nothing)",
)
@api_view(["GET", "PUT"])
def application(request: Request) -> Response:
    person, year = _own(request)
    if request.method == "PUT":
        body = ApplicantApplicationWriteSerializer(data=request.data)
        if not body.is_valid():
            return Response(
                {"detail": "Ange listan av utbildningar (offerings).", "messages": []},
                status=status.HTTP_400_BAD_REQUEST,
            )
        try:
            application_save(
                actor=request.user,
                person=person,
                year=year,
                offering_ids=body.validated_data["offerings"],
                now=_now(),
            )
        except ValidationError as error:
            return _errors(error)
    own = application_own(person=person, year=year)
    return Response(ApplicantApplicationSerializer(_application_data(year, own)).data)


def _letter(application: Application | None, run: AdmissionRun | None) -> DecisionLetter | None:
    if run is None or application is None:
        return None
    try:
        return decision_letter_get(run=run, application=application)
    except Http404:
        return None


@extend_schema(
    responses=ApplicantResultsSerializer,
    operation_id="application_results",
    summary="The latest published run: every choice line with its outcome and reason",
)
@api_view(["GET"])
def application_results(request: Request) -> Response:
    person, year = _own(request)
    own = application_own(person=person, year=year)
    run = published_run_newest(year=year) if own is not None else None
    letter = _letter(own, run)
    answerable = (
        letter is not None
        and letter.run_kind in (RunKind.FINAL, RunKind.RESERVE)
        and letter.admitted_line is not None
    )
    current = None
    if answerable and own is not None and run is not None:
        current = offer_answer_current(application=own, run=run)
    today = timezone.localdate(_now())
    data = {
        "year": year.year,
        "run": letter,
        "choices": letter.lines if letter else [],
        "next_steps": list(letter.next_steps) if letter else [],
        "appeal": list(letter.appeal_paragraphs) if letter else [],
        "answer": current,
        "answer_open": answerable and phase_is_open(year=year, action=Action.ANSWER, today=today),
        "answer_deadline": year.answer_deadline,
        "letter_url": reverse("admissions:letter", args=[letter.run_id]) if letter else None,
        "letter_pdf_url": reverse("admissions:letter_pdf", args=[letter.run_id])
        if letter
        else None,
    }
    return Response(ApplicantResultsSerializer(data).data)


@extend_schema(
    request=ApplicantAnswerSerializer,
    responses={200: ApplicantAnswerSerializer, 400: ApplicantErrorSerializer},
    operation_id="application_answer",
    summary="Answer the place of the latest final or reserve run",
)
@api_view(["POST"])
def application_answer(request: Request) -> Response:
    person, year = _own(request)
    own = application_own(person=person, year=year)
    if own is None:
        raise Http404
    body = ApplicantAnswerSerializer(data=request.data)
    if not body.is_valid():
        return Response(
            {"detail": ANSWER_HELP, "messages": [ANSWER_HELP]},
            status=status.HTTP_400_BAD_REQUEST,
        )
    try:
        given = offer_answer(
            actor=request.user, application=own, answer=body.validated_data["answer"], now=_now()
        )
    except ValidationError as error:
        return _errors(error)
    return Response(ApplicantAnswerSerializer(given).data)


urlpatterns: list[URLPattern] = [
    path("application/", application, name="application"),
    path("application/results/", application_results, name="application-results"),
    path("application/answer/", application_answer, name="application-answer"),
]
