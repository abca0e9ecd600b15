"""The catalogue API: the public catalogue, offerings and cut-offs (no sign-in), and the
office's offering import.

GET /api/v1/offerings/ takes the public catalogue's filters; GET /api/v1/cutoffs/ lists
published cut-offs; POST /api/v1/offerings/import/ (multipart: year, file) imports a
CSV or XLSX file and answers with every row error, saving nothing, when a row is bad.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError as DjangoValidationError
from django.db.models import QuerySet
from django.http import Http404
from django.utils import timezone
from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.decorators import api_view, parser_classes, permission_classes
from rest_framework.pagination import LimitOffsetPagination
from rest_framework.parsers import MultiPartParser
from rest_framework.permissions import AllowAny
from rest_framework.request import Request
from rest_framework.response import Response

from gymnasieregion.apps.accounts.access import access_permission
from gymnasieregion.apps.catalogue.models import AdmissionYear, Offering, OfferingKind
from gymnasieregion.apps.catalogue.offering_files import REQUIRED
from gymnasieregion.apps.catalogue.selectors import (
    MANAGE,
    OfferingFilters,
    admission_year_for_catalogue,
    admission_year_get,
    admission_year_list,
    offering_cutoff_list,
    offering_get_public_by_id,
    offering_list_public,
)
from gymnasieregion.apps.catalogue.services import offering_import
from gymnasieregion.apps.organisations.models import OrganiserType
from gymnasieregion.core.row_errors import RowErrors
from gymnasieregion.files.tabular import TableFileError, read_table


class CataloguePagination(LimitOffsetPagination):
    default_limit = 100
    max_limit = 500


class SchoolUnitSerializer(serializers.Serializer[Any]):
    id = serializers.IntegerField(source="pk")
    name = serializers.CharField()
    school_unit_code = serializers.CharField()
    municipality_code = serializers.CharField(source="municipality.code", allow_null=True)
    municipality_name = serializers.CharField(source="municipality.name", allow_null=True)
    organiser_name = serializers.CharField(source="parent.name", allow_null=True)
    organiser_type = serializers.CharField(source="parent.organiser_type", allow_null=True)


def cutoff_field() -> serializers.DecimalField:
    return serializers.DecimalField(
        max_digits=6, decimal_places=2, coerce_to_string=True, allow_null=True
    )


class OfferingSerializer(serializers.ModelSerializer[Offering]):
    year = serializers.IntegerField(source="admission_year.year")
    school_unit = SchoolUnitSerializer()
    published_cutoff = cutoff_field()
    skill_test_multiplier = cutoff_field()
    skill_test_max_points = cutoff_field()

    class Meta:
        model = Offering
        fields = [
            "id",
            "code",
            "year",
            "name",
            "programme_code",
            "orientation",
            "profile",
            "kind",
            "places",
            "minimum_size",
            "selection",
            "skill_test",
            "skill_test_multiplier",
            "skill_test_max_points",
            "cancelled",
            "cancelled_at",
            "school_unit",
            "published_cutoff",
            "published_cutoff_round",
            "published_all_admitted",
        ]


class OfferingPageSerializer(serializers.Serializer[Any]):
    count = serializers.IntegerField()
    next = serializers.URLField(allow_null=True)
    previous = serializers.URLField(allow_null=True)
    results = OfferingSerializer(many=True)


class CatalogueQuerySerializer(serializers.Serializer[Any]):
    """The public catalogue's filters; `year` defaults to the newest year with offerings."""

    year = serializers.IntegerField(required=False)
    q = serializers.CharField(required=False, max_length=100)
    programme = serializers.CharField(required=False, max_length=10)
    orientation = serializers.CharField(required=False, max_length=100)
    municipality = serializers.CharField(required=False, max_length=4)
    school = serializers.IntegerField(required=False)
    organiser_type = serializers.ChoiceField(required=False, choices=OrganiserType.choices)
    kind = serializers.ChoiceField(required=False, choices=OfferingKind.choices)
    max_cutoff = serializers.DecimalField(required=False, max_digits=6, decimal_places=2)
    limit = serializers.IntegerField(required=False, min_value=1)
    offset = serializers.IntegerField(required=False, min_value=0)


class CutoffQuerySerializer(serializers.Serializer[Any]):
    year = serializers.IntegerField(required=False)
    programme = serializers.CharField(required=False, max_length=10)
    limit = serializers.IntegerField(required=False, min_value=1)
    offset = serializers.IntegerField(required=False, min_value=0)


class AdmissionYearSerializer(serializers.ModelSerializer[AdmissionYear]):
    class Meta:
        model = AdmissionYear
        fields = [
            "year",
            "rules_version",
            "choice_cap",
            "offerings_open",
            "application_opens",
            "application_closes",
            "change_opens",
            "change_closes",
            "preliminary_published",
            "final_grade_deadline",
            "final_published",
            "answer_deadline",
            "reserve_round_dates",
            "study_start",
        ]


class ImportRequestSerializer(serializers.Serializer[Any]):
    year = serializers.IntegerField()
    file = serializers.FileField()


class ImportResultSerializer(serializers.Serializer[Any]):
    created = serializers.IntegerField()
    updated = serializers.IntegerField()
    unchanged = serializers.IntegerField()


class RowErrorSerializer(serializers.Serializer[Any]):
    row = serializers.IntegerField()
    field = serializers.CharField()
    message = serializers.CharField()


class ImportErrorSerializer(serializers.Serializer[Any]):
    detail = serializers.CharField()
    row_errors = RowErrorSerializer(many=True)


def _year(value: int | None) -> AdmissionYear:
    year = admission_year_for_catalogue(year=value)
    if year is None:
        raise Http404
    return year


def _page(request: Request, offerings: QuerySet[Offering]) -> Response:
    paginator = CataloguePagination()
    page = paginator.paginate_queryset(offerings, request)
    return paginator.get_paginated_response(OfferingSerializer(page, many=True).data)


@extend_schema(
    parameters=[CatalogueQuerySerializer],
    responses=OfferingPageSerializer,
    operation_id="offerings_list",
    auth=[],
)
@api_view(["GET"])
@permission_classes([AllowAny])
def offerings(request: Request) -> Response:
    query = CatalogueQuerySerializer(data=request.query_params)
    query.is_valid(raise_exception=True)
    data = query.validated_data
    filters = OfferingFilters(
        q=data.get("q", ""),
        programme=data.get("programme", ""),
        orientation=data.get("orientation", ""),
        municipality=data.get("municipality", ""),
        school=data.get("school"),
        organiser_type=data.get("organiser_type", ""),
        max_cutoff=data.get("max_cutoff"),
        kind=data.get("kind", ""),
    )
    year = _year(data.get("year"))
    return _page(request, offering_list_public(admission_year=year, filters=filters))


@extend_schema(responses=OfferingSerializer, operation_id="offerings_retrieve", auth=[])
@api_view(["GET"])
@permission_classes([AllowAny])
def offering(request: Request, pk: int) -> Response:
    return Response(OfferingSerializer(offering_get_public_by_id(pk=pk)).data)


@extend_schema(
    parameters=[CutoffQuerySerializer],
    responses=OfferingPageSerializer,
    operation_id="cutoffs_list",
    auth=[],
)
@api_view(["GET"])
@permission_classes([AllowAny])
def cutoffs(request: Request) -> Response:
    query = CutoffQuerySerializer(data=request.query_params)
    query.is_valid(raise_exception=True)
    data = query.validated_data
    year = _year(data.get("year"))
    return _page(
        request, offering_cutoff_list(admission_year=year, programme=data.get("programme", ""))
    )


@extend_schema(
    responses=AdmissionYearSerializer(many=True), operation_id="admission_years_list", auth=[]
)
@api_view(["GET"])
@permission_classes([AllowAny])
def admission_years(request: Request) -> Response:
    return Response(AdmissionYearSerializer(admission_year_list(), many=True).data)


@extend_schema(
    request={"multipart/form-data": ImportRequestSerializer},
    responses={200: ImportResultSerializer, 400: ImportErrorSerializer},
    operation_id="offerings_import",
)
@api_view(["POST"])
@parser_classes([MultiPartParser])
def offerings_import(request: Request) -> Response:
    access_permission(request.user, MANAGE)
    form = ImportRequestSerializer(data=request.data)
    form.is_valid(raise_exception=True)
    year = admission_year_get(year=form.validated_data["year"])
    upload = form.validated_data["file"]
    try:
        table = read_table(
            upload.read(),
            upload.name,
            required=REQUIRED,
        )
        result = offering_import(
            actor=request.user, admission_year=year, rows=table.rows, today=timezone.localdate()
        )
    except TableFileError as error:
        return Response({"detail": f"{error} Ingenting sparades.", "row_errors": []}, status=400)
    except RowErrors as error:
        return Response(
            {
                "detail": f"Filen har {len(error.errors)} fel. Ingenting sparades.",
                "row_errors": [
                    {"row": e.row, "field": e.field, "message": e.message} for e in error.errors
                ],
            },
            status=400,
        )
    except DjangoValidationError as error:
        return Response({"detail": " ".join(error.messages), "row_errors": []}, status=400)
    return Response(
        {"created": result.created, "updated": result.updated, "unchanged": result.unchanged}
    )
