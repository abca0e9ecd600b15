"""API v1 for schools and municipalities: offerings, admitted and reserve lists, decisions on
choice lines, and the municipality's residents' results.

Scoped like the pages (`school_lists`): a school reaches the offerings of its own school
units, a municipality its residents and the municipal schools in it, the office
everything; the rest is 404. Lists of persons are logged as one audit event per call
(ADR 0102). A person with protected identity has `contact: null`.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404
from django.urls import URLPattern, path
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers, status
from rest_framework.decorators import api_view
from rest_framework.exceptions import ValidationError
from rest_framework.request import Request
from rest_framework.response import Response

from gymnasieregion.apps.admissions.decision_forms import FORMS
from gymnasieregion.apps.admissions.school_lists import (
    ListKind,
    ListRow,
    SchoolList,
    access_line_for_decision,
    access_school_offering,
    municipal_decision_kinds,
    offering_results_for,
    published_run_shown,
    resident_application_page,
    school_decision_kinds,
    school_list_read,
    school_offering_list,
)
from gymnasieregion.apps.admissions.selectors import admission_year_latest
from gymnasieregion.apps.admissions.services import decision_record
from gymnasieregion.apps.catalogue.models import AdmissionYear

DEFAULT_LIMIT = 100
MAX_LIMIT = 500
MAX_PAGE_SIZE = 200


def merit_number(**kwargs: Any) -> serializers.DecimalField:
    """A merit value as a string, so that no client reads a float."""
    return serializers.DecimalField(max_digits=7, decimal_places=2, coerce_to_string=True, **kwargs)


def _int_parameter(request: Request, name: str, default: int, highest: int) -> int:
    text = request.query_params.get(name, "")
    if not text:
        return default
    if not text.isdigit():
        raise ValidationError({name: "Ange ett heltal."})
    return min(int(text), highest)


def _year(request: Request) -> AdmissionYear:
    text = request.query_params.get("year", "")
    if text and not text.isdigit():
        raise ValidationError({"year": "Ange antagningsåret, till exempel 2027."})
    year = admission_year_latest(year=int(text) if text else None)
    if year is None:
        raise Http404
    return year


YEAR_PARAMETER = OpenApiParameter(
    "year", OpenApiTypes.INT, description="Antagningsåret; utan det det senaste."
)


# --- Offerings and lists ------------------------------------------------------------


class SchoolOfferingSerializer(serializers.Serializer[Any]):
    id = serializers.IntegerField()
    code = serializers.CharField()
    name = serializers.CharField()
    school_unit = serializers.IntegerField()
    school_unit_name = serializers.CharField()
    places = serializers.IntegerField()
    cancelled = serializers.BooleanField()
    applicants = serializers.IntegerField()
    admitted = serializers.IntegerField(allow_null=True, help_text="Senast publicerade omgången.")
    reserves = serializers.IntegerField(allow_null=True, help_text="Senast publicerade omgången.")


class SchoolOfferingPageSerializer(serializers.Serializer[Any]):
    year = serializers.IntegerField()
    published_run = serializers.IntegerField(allow_null=True)
    count = serializers.IntegerField()
    limit = serializers.IntegerField()
    offset = serializers.IntegerField()
    results = SchoolOfferingSerializer(many=True)


@extend_schema(
    responses=SchoolOfferingPageSerializer,
    operation_id="school_offerings_list",
    parameters=[
        YEAR_PARAMETER,
        OpenApiParameter("limit", OpenApiTypes.INT, description=f"Högst {MAX_LIMIT}."),
        OpenApiParameter("offset", OpenApiTypes.INT),
    ],
)
@api_view(["GET"])
def school_offerings(request: Request) -> Response:
    """The caller's offerings with applicants, admitted and reserves (no person is shown)."""
    year = _year(request)
    offerings = school_offering_list(actor=request.user, year=year)
    limit = _int_parameter(request, "limit", DEFAULT_LIMIT, MAX_LIMIT)
    offset = _int_parameter(request, "offset", 0, 10**9)
    shown = list(offerings[offset : offset + limit])
    run = published_run_shown(year=year)
    results = offering_results_for(run=run, offerings=shown)
    rows = [
        {
            "id": offering.pk,
            "code": offering.code,
            "name": offering.name,
            "school_unit": offering.school_unit_id,
            "school_unit_name": offering.school_unit.name,
            "places": offering.places,
            "cancelled": offering.cancelled,
            "applicants": offering.applicant_count,  # type: ignore[attr-defined]
            "admitted": results[offering.pk].admitted if offering.pk in results else None,
            "reserves": results[offering.pk].reserves if offering.pk in results else None,
        }
        for offering in shown
    ]
    data = {
        "year": year.year,
        "published_run": run.pk if run else None,
        "count": offerings.count(),
        "limit": limit,
        "offset": offset,
        "results": rows,
    }
    return Response(SchoolOfferingPageSerializer(data).data)


class SchoolListContactSerializer(serializers.Serializer[Any]):
    email = serializers.CharField()
    phone = serializers.CharField()
    postal_address = serializers.CharField()


class SchoolListRowSerializer(serializers.Serializer[Any]):
    reserve_position = serializers.IntegerField(allow_null=True)
    person = serializers.IntegerField()
    identity_number = serializers.CharField()
    family_name = serializers.CharField()
    given_name = serializers.CharField()
    protected_identity = serializers.BooleanField()
    contact = SchoolListContactSerializer(
        allow_null=True, help_text="Null för en person med skyddad identitet."
    )
    choice_rank = serializers.IntegerField()
    merit = merit_number(allow_null=True)
    hand = serializers.CharField()
    late = serializers.BooleanField()


class SchoolListSerializer(serializers.Serializer[Any]):
    offering = serializers.IntegerField()
    offering_code = serializers.CharField()
    list = serializers.ChoiceField(choices=[k.value for k in ListKind])
    run = serializers.IntegerField(allow_null=True, help_text="Null: inget publicerat ännu.")
    run_kind = serializers.CharField(allow_null=True)
    published_at = serializers.DateTimeField(allow_null=True)
    count = serializers.IntegerField()
    results = SchoolListRowSerializer(many=True)


def _row(row: ListRow) -> dict[str, Any]:
    person = row.person
    return {
        "reserve_position": row.position,
        "person": person.pk,
        "identity_number": person.identity_display,
        "family_name": person.family_name,
        "given_name": person.given_name,
        "protected_identity": row.protected,
        "contact": None
        if row.protected
        else {"email": row.email, "phone": row.phone, "postal_address": row.postal_address},
        "choice_rank": row.line.rank,
        "merit": row.merit,
        "hand": row.line.hand,
        "late": row.line.late,
    }


def _list_data(found: SchoolList) -> dict[str, Any]:
    return {
        "offering": found.offering.pk,
        "offering_code": found.offering.code,
        "list": found.kind.value,
        "run": found.run.pk if found.run else None,
        "run_kind": found.run.kind if found.run else None,
        "published_at": found.run.published_at if found.run else None,
        "count": len(found.rows),
        "results": [_row(row) for row in found.rows],
    }


def _school_list(request: Request, pk: int, kind: ListKind) -> Response:
    offering = access_school_offering(actor=request.user, pk=pk)
    found = school_list_read(actor=request.user, offering=offering, kind=kind, via="api")
    return Response(SchoolListSerializer(_list_data(found)).data)


@extend_schema(responses=SchoolListSerializer, operation_id="school_offering_admitted")
@api_view(["GET"])
def school_admitted(request: Request, pk: int) -> Response:
    """The admitted of the newest published run, by name, with contact data (logged)."""
    return _school_list(request, pk, ListKind.ADMITTED)


@extend_schema(responses=SchoolListSerializer, operation_id="school_offering_reserves")
@api_view(["GET"])
def school_reserves(request: Request, pk: int) -> Response:
    """The reserves of the newest published run, in order, with contact data (logged)."""
    return _school_list(request, pk, ListKind.RESERVES)


# --- Decisions ----------------------------------------------------------------------


class LineDecisionRequestSerializer(serializers.Serializer[Any]):
    kind = serializers.ChoiceField(choices=sorted(FORMS))
    value = serializers.JSONField(
        allow_null=True,
        help_text=(
            "free_quota, english_waiver, endorsement, special_reasons: true eller false; "
            'skill_test: poäng som tal eller sträng ("12.5"); school_rank: heltal från 1 '
            "eller null; statement: at_partner, at_home eller not_offered."
        ),
    )
    reason = serializers.CharField(allow_blank=True, required=False, default="")


class LineDecisionSerializer(serializers.Serializer[Any]):
    id = serializers.IntegerField()
    line = serializers.IntegerField(source="line_id")
    kind = serializers.CharField()
    value = serializers.JSONField(help_text="Det som registrerades, med ny mottagning (hand).")
    reason = serializers.CharField()
    decided_at = serializers.DateTimeField()


class LineDecisionErrorSerializer(serializers.Serializer[Any]):
    detail = serializers.CharField()
    field_errors = serializers.DictField(
        child=serializers.ListField(child=serializers.CharField()),
        help_text="Fältnamn (value, reason) eller detail → meddelanden.",
    )


def _form_text(value: Any) -> str:
    if value is True:
        return "ja"
    if value is False:
        return "nej"
    return "" if value is None else str(value)


@extend_schema(
    request=LineDecisionRequestSerializer,
    responses={201: LineDecisionSerializer, 400: LineDecisionErrorSerializer},
    operation_id="choice_line_decision_create",
)
@api_view(["POST"])
def line_decision(request: Request, pk: int) -> Response:
    """Record a decision on a choice line by the role that owns it, with a reason.

    A line out of the caller's reach, or a kind of decision the caller does not record on
    it, is 404; a bad value or a missing reason is 400 with the same Swedish messages as
    the pages.
    """
    line = access_line_for_decision(actor=request.user, pk=pk)
    given = LineDecisionRequestSerializer(data=request.data)
    given.is_valid(raise_exception=True)
    kind = given.validated_data["kind"]
    kinds = school_decision_kinds(actor=request.user, line=line) + municipal_decision_kinds(
        actor=request.user, line=line
    )
    if kind not in kinds:
        raise Http404
    form = FORMS[kind](
        {
            f"{kind}-value": _form_text(given.validated_data["value"]),
            f"{kind}-reason": given.validated_data["reason"],
        },
        line=line,
    )
    if form.is_valid():
        try:
            decision = decision_record(
                actor=request.user,
                line=line,
                kind=kind,
                value=form.decision_value(),
                reason=form.cleaned_data["reason"],
            )
        except DjangoValidationError as error:
            form.add_error(None, error)
        else:
            return Response(LineDecisionSerializer(decision).data, status=status.HTTP_201_CREATED)
    errors = {
        ("detail" if name == "__all__" else name): [str(m) for m in messages]
        for name, messages in form.errors.items()
    }
    text = " ".join(message for messages in errors.values() for message in messages)
    return Response({"detail": text, "field_errors": errors}, status=status.HTTP_400_BAD_REQUEST)


# --- The municipality's residents ---------------------------------------------------


class ResidentLineSerializer(serializers.Serializer[Any]):
    line = serializers.IntegerField()
    rank = serializers.IntegerField()
    offering = serializers.IntegerField()
    offering_code = serializers.CharField()
    school_unit_name = serializers.CharField()
    late = serializers.BooleanField()
    hand = serializers.CharField()
    statement = serializers.CharField()
    status = serializers.CharField(allow_null=True)
    reserve_position = serializers.IntegerField(allow_null=True)
    explanation = serializers.CharField(allow_null=True)


class ResidentApplicationSerializer(serializers.Serializer[Any]):
    application = serializers.IntegerField()
    person = serializers.IntegerField()
    identity_number = serializers.CharField()
    family_name = serializers.CharField()
    given_name = serializers.CharField()
    home_municipality_code = serializers.CharField()
    lines = ResidentLineSerializer(many=True)


class ResidentResultsSerializer(serializers.Serializer[Any]):
    year = serializers.IntegerField()
    run = serializers.IntegerField(allow_null=True)
    run_kind = serializers.CharField(allow_null=True)
    count = serializers.IntegerField()
    page = serializers.IntegerField()
    pages = serializers.IntegerField()
    results = ResidentApplicationSerializer(many=True)


@extend_schema(
    responses=ResidentResultsSerializer,
    operation_id="municipality_results_list",
    parameters=[
        YEAR_PARAMETER,
        OpenApiParameter("search", OpenApiTypes.STR, description="Namn eller personnummer."),
        OpenApiParameter("page", OpenApiTypes.INT),
        OpenApiParameter("page_size", OpenApiTypes.INT, description=f"Högst {MAX_PAGE_SIZE}."),
    ],
)
@api_view(["GET"])
def municipality_results(request: Request) -> Response:
    """The residents' applications and each line's outcome in the newest published run
    (one logged read per page)."""
    year = _year(request)
    found = resident_application_page(
        actor=request.user,
        year=year,
        search=request.query_params.get("search", "")[:100],
        page=_int_parameter(request, "page", 1, 10**6),
        size=_int_parameter(request, "page_size", 50, MAX_PAGE_SIZE) or 1,
        via="api",
    )
    data = {
        "year": year.year,
        "run": found.run.pk if found.run else None,
        "run_kind": found.run.kind if found.run else None,
        "count": found.page.paginator.count,
        "page": found.page.number,
        "pages": found.page.paginator.num_pages,
        "results": [
            {
                "application": item.application.pk,
                "person": item.person.pk,
                "identity_number": item.person.identity_display,
                "family_name": item.person.family_name,
                "given_name": item.person.given_name,
                "home_municipality_code": item.person.home_municipality.code,
                "lines": [
                    {
                        "line": row.line.pk,
                        "rank": row.line.rank,
                        "offering": row.line.offering_id,
                        "offering_code": row.line.offering.code,
                        "school_unit_name": row.line.offering.school_unit.name,
                        "late": row.line.late,
                        "hand": row.line.hand,
                        "statement": row.line.statement,
                        "status": row.result.status if row.result else None,
                        "reserve_position": row.result.reserve_position if row.result else None,
                        "explanation": row.result.explanation if row.result else None,
                    }
                    for row in item.lines
                ],
            }
            for item in found.applications
        ],
    }
    return Response(ResidentResultsSerializer(data).data)


urlpatterns: list[URLPattern] = [
    path("school/offerings/", school_offerings, name="school-offerings"),
    path("school/offerings/<int:pk>/admitted/", school_admitted, name="school-offering-admitted"),
    path("school/offerings/<int:pk>/reserves/", school_reserves, name="school-offering-reserves"),
    path("choice-lines/<int:pk>/decisions/", line_decision, name="choice-line-decisions"),
    path("municipality/results/", municipality_results, name="municipality-results"),
]
