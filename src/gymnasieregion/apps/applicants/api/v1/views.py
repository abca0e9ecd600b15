"""Persons and pupil cards, scoped like the pages; opening a card is a logged read."""

from typing import Any

from django.utils import timezone
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers
from rest_framework.decorators import api_view
from rest_framework.exceptions import NotFound, ValidationError
from rest_framework.request import Request
from rest_framework.response import Response

from gymnasieregion.apps.applicants.admission_dates import admission_dates
from gymnasieregion.apps.applicants.models import Person
from gymnasieregion.apps.applicants.selectors import PupilCard, person_list, pupil_card_get
from gymnasieregion.core.admission.problem import Round
from gymnasieregion.core.grades.subject_grade import SubjectGrade

DEFAULT_LIMIT = 100
MAX_LIMIT = 500


def merit_number() -> serializers.DecimalField:
    """A merit value or grade value, as a string so that no client reads a float."""
    return serializers.DecimalField(max_digits=7, decimal_places=2, coerce_to_string=True)


class PersonSerializer(serializers.ModelSerializer[Person]):
    identity_number = serializers.CharField(source="identity_display")
    home_municipality_code = serializers.CharField(source="home_municipality.code")
    sending_school_name = serializers.CharField(
        source="sending_school.name", allow_null=True, default=None
    )

    class Meta:
        model = Person
        fields = [
            "id",
            "identity_number",
            "identity_kind",
            "birth_date",
            "given_name",
            "family_name",
            "protected_identity",
            "home_municipality_code",
            "sending_school",
            "sending_school_name",
        ]


class PersonPageSerializer(serializers.Serializer[object]):
    count = serializers.IntegerField()
    limit = serializers.IntegerField()
    offset = serializers.IntegerField()
    results = PersonSerializer(many=True)


class ContactSerializer(serializers.Serializer[object]):
    """Absent (null) for a person with protected identity."""

    email = serializers.CharField()
    phone = serializers.CharField()
    postal_address = serializers.CharField()


class SubjectGradeSerializer(serializers.Serializer[object]):
    subject = serializers.CharField()
    slot = serializers.CharField(allow_null=True)
    language = serializers.CharField(allow_null=True)
    grade = serializers.CharField()
    display = serializers.CharField(help_text="Som elevkortet skriver det.")


class TermGradeSerializer(SubjectGradeSerializer):
    term = serializers.CharField()


class MeritLineSerializer(SubjectGradeSerializer):
    value = merit_number()
    counted = serializers.BooleanField()
    reason = serializers.CharField()


class MeritSerializer(serializers.Serializer[object]):
    total = merit_number()
    grade_sum = merit_number()
    grade_count = serializers.IntegerField()
    notes = serializers.ListField(child=serializers.CharField())
    lines = MeritLineSerializer(many=True)


class EligibilitySerializer(serializers.Serializer[object]):
    programme = serializers.CharField()
    programme_name = serializers.CharField()
    eligible = serializers.BooleanField()
    route = serializers.CharField(allow_null=True)
    missing = serializers.ListField(child=serializers.CharField())
    explanation = serializers.CharField()


class PupilCardSerializer(serializers.Serializer[object]):
    person = PersonSerializer()
    contact = ContactSerializer(allow_null=True)
    admission_year = serializers.IntegerField()
    rules_version = serializers.CharField()
    round = serializers.ChoiceField(choices=[r.value for r in Round])
    grades = TermGradeSerializer(many=True)
    merit = MeritSerializer(allow_null=True, help_text="Null for foreign grades (fri kvot).")
    eligibility = EligibilitySerializer(many=True)


def _grade(grade: SubjectGrade) -> dict[str, Any]:
    return {
        "subject": grade.subject,
        "slot": grade.slot.value if grade.slot else None,
        "language": grade.language,
        "grade": grade.grade.value,
        "display": grade.label,
    }


def _card(card: PupilCard) -> dict[str, Any]:
    person = card.person
    merit = card.assessment.merit
    return {
        "person": person,
        "contact": {
            "email": person.email,
            "phone": person.phone,
            "postal_address": person.postal_address,
        }
        if card.show_address
        else None,
        "admission_year": card.dates.year,
        "rules_version": card.assessment.rules_version,
        "round": card.round.value,
        "grades": [{"term": t.term, **_grade(g)} for t in card.terms for g in t.grades],
        "merit": None
        if merit is None
        else {
            "total": merit.total,
            "grade_sum": merit.grade_sum,
            "grade_count": merit.grade_count,
            "notes": list(merit.notes),
            "lines": [
                {
                    **_grade(line.grade),
                    "value": line.value,
                    "counted": line.counted,
                    "reason": line.reason,
                }
                for line in merit.lines
            ],
        },
        "eligibility": [
            {
                "programme": row.programme.code,
                "programme_name": row.programme.name,
                "eligible": row.result.eligible,
                "route": row.result.route.value if row.result.route else None,
                "missing": list(row.result.missing),
                "explanation": row.result.explanation,
            }
            for row in card.programmes
        ],
    }


def _int_parameter(request: Request, name: str, default: int, highest: int) -> int:
    text = request.query_params.get(name, "")
    if not text:
        return default
    if not text.isdigit():
        raise ValidationError({name: "Ange ett heltal."})
    return min(int(text), highest)


@extend_schema(
    responses=PersonPageSerializer,
    operation_id="persons_list",
    parameters=[
        OpenApiParameter("search", OpenApiTypes.STR, description="Namn eller personnummer."),
        OpenApiParameter("sending_school", OpenApiTypes.INT),
        OpenApiParameter("limit", OpenApiTypes.INT, description=f"Högst {MAX_LIMIT}."),
        OpenApiParameter("offset", OpenApiTypes.INT),
    ],
)
@api_view(["GET"])
def persons(request: Request) -> Response:
    """The persons the caller may see (not a logged read: no grades, no contact data)."""
    school = request.query_params.get("sending_school", "")
    if school and not school.isdigit():
        raise ValidationError({"sending_school": "Ange skolans id."})
    found = person_list(
        actor=request.user,
        search=request.query_params.get("search", ""),
        sending_school_id=int(school) if school else None,
    )
    limit = _int_parameter(request, "limit", DEFAULT_LIMIT, MAX_LIMIT)
    offset = _int_parameter(request, "offset", 0, 10**9)
    data = {
        "count": found.count(),
        "limit": limit,
        "offset": offset,
        "results": found[offset : offset + limit],
    }
    return Response(PersonPageSerializer(data).data)


@extend_schema(
    responses=PupilCardSerializer,
    operation_id="persons_card_retrieve",
    parameters=[
        OpenApiParameter(
            "round",
            OpenApiTypes.STR,
            enum=[r.value for r in Round],
            description="Antagningsomgång; utan den den senaste som betygen räcker till.",
        )
    ],
)
@api_view(["GET"])
def person_card(request: Request, pk: int) -> Response:
    """The pupil card: grades, merit breakdown and eligibility per programme (a logged read)."""
    text = request.query_params.get("round", "")
    if text and text not in {r.value for r in Round}:
        raise NotFound
    card = pupil_card_get(
        actor=request.user,
        pk=pk,
        dates=admission_dates(today=timezone.localdate()),
        round_=Round(text) if text else None,
        via="api",
    )
    return Response(PupilCardSerializer(_card(card)).data)
