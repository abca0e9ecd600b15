"""Organisations the caller may see."""

from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.decorators import api_view
from rest_framework.request import Request
from rest_framework.response import Response

from gymnasieregion.apps.organisations.models import Organisation
from gymnasieregion.apps.organisations.selectors import access_organisation_by_id, organisation_list


class OrganisationSerializer(serializers.ModelSerializer[Organisation]):
    municipality_code = serializers.CharField(
        source="municipality.code", allow_null=True, default=None
    )

    class Meta:
        model = Organisation
        fields = [
            "id",
            "kind",
            "name",
            "municipality_code",
            "parent",
            "organisation_number",
            "organiser_type",
            "school_unit_code",
        ]


@extend_schema(responses=OrganisationSerializer(many=True), operation_id="organisations_list")
@api_view(["GET"])
def organisations(request: Request) -> Response:
    return Response(OrganisationSerializer(organisation_list(actor=request.user), many=True).data)


@extend_schema(responses=OrganisationSerializer, operation_id="organisations_retrieve")
@api_view(["GET"])
def organisation(request: Request, pk: int) -> Response:
    found = access_organisation_by_id(actor=request.user, organisation_id=pk)
    return Response(OrganisationSerializer(found).data)
