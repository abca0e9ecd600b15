"""API v1 for the admission office: run, publish and export rounds (`admissions.manage`)."""

from typing import Any

from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.urls import URLPattern, path
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers, status
from rest_framework.decorators import api_view
from rest_framework.request import Request
from rest_framework.response import Response

from gymnasieregion.apps.accounts.access import access_permission
from gymnasieregion.apps.admissions.models import AdmissionRun, RunKind
from gymnasieregion.apps.admissions.permissions import MANAGE
from gymnasieregion.apps.admissions.selectors import (
    access_admission_run,
    admission_run_list,
    admission_year_latest,
)
from gymnasieregion.apps.admissions.services import admission_run, admission_run_publish
from gymnasieregion.core.admission.problem import Round


class RunSerializer(serializers.ModelSerializer[AdmissionRun]):
    year = serializers.IntegerField(source="admission_year.year")

    class Meta:
        model = AdmissionRun
        fields = [
            "id",
            "year",
            "kind",
            "number",
            "status",
            "started_at",
            "finished_at",
            "published_at",
            "manifest",
            "violations",
            "summary",
        ]


class RunRequestSerializer(serializers.Serializer[Any]):
    kind = serializers.ChoiceField(choices=RunKind.choices)
    simulate = serializers.ChoiceField(
        choices=[Round.PRELIMINARY.value, Round.FINAL.value], default=Round.FINAL.value
    )
    year = serializers.IntegerField(required=False)


class ErrorSerializer(serializers.Serializer[Any]):
    detail = serializers.CharField()


def _errors(error: ValidationError) -> Response:
    return Response({"detail": " ".join(error.messages)}, status=status.HTTP_400_BAD_REQUEST)


@extend_schema(
    parameters=[OpenApiParameter("year", int, required=False)],
    responses=RunSerializer(many=True),
    operation_id="admission_runs_list",
)
@api_view(["GET"])
def runs(request: Request) -> Response:
    """Every run of the year (newest first)."""
    value = request.query_params.get("year", "")
    year = admission_year_latest(year=int(value) if value.isdigit() else None)
    if year is None:
        raise Http404
    return Response(
        RunSerializer(admission_run_list(actor=request.user, year=year), many=True).data
    )


@extend_schema(
    request=RunRequestSerializer,
    responses={201: RunSerializer, 400: ErrorSerializer},
    operation_id="admission_runs_create",
)
@api_view(["POST"])
def run_create(request: Request) -> Response:
    """Run a round on the stored data; the verifier's report is in `violations`."""
    access_permission(request.user, MANAGE)
    given = RunRequestSerializer(data=request.data)
    given.is_valid(raise_exception=True)
    year = admission_year_latest(year=given.validated_data.get("year"))
    if year is None:
        raise Http404
    try:
        run = admission_run(
            actor=request.user,
            year=year,
            kind=given.validated_data["kind"],
            simulate=Round(given.validated_data["simulate"]),
        )
    except ValidationError as error:
        return _errors(error)
    return Response(RunSerializer(run).data, status=status.HTTP_201_CREATED)


@extend_schema(responses=RunSerializer, operation_id="admission_runs_retrieve")
@api_view(["GET"])
def run_detail(request: Request, pk: int) -> Response:
    return Response(RunSerializer(access_admission_run(actor=request.user, pk=pk)).data)


@extend_schema(
    request=None,
    responses={200: RunSerializer, 400: ErrorSerializer},
    operation_id="admission_runs_publish",
)
@api_view(["POST"])
def run_publish(request: Request, pk: int) -> Response:
    run = access_admission_run(actor=request.user, pk=pk)
    try:
        run = admission_run_publish(actor=request.user, run=run)
    except ValidationError as error:
        return _errors(error)
    return Response(RunSerializer(run).data)


@extend_schema(
    responses={(200, "application/json"): OpenApiTypes.OBJECT},
    operation_id="admission_runs_problem",
)
@api_view(["GET"])
def run_problem(request: Request, pk: int) -> HttpResponse:
    """The run's problem file (`gymnasieregion.admission-problem.v1`), to re-run it anywhere."""
    run = access_admission_run(actor=request.user, pk=pk)
    return HttpResponse(bytes(run.files.problem), content_type="application/json")


urlpatterns: list[URLPattern] = [
    path("admission-runs/", runs, name="admission-runs"),
    path("admission-runs/new/", run_create, name="admission-run-create"),
    path("admission-runs/<int:pk>/", run_detail, name="admission-run"),
    path("admission-runs/<int:pk>/publish/", run_publish, name="admission-run-publish"),
    path("admission-runs/<int:pk>/problem/", run_problem, name="admission-run-problem"),
]
