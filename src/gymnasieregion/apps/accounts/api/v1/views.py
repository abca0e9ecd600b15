"""GET /api/v1/me/: who the caller is and which roles they hold."""

from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.decorators import api_view
from rest_framework.request import Request
from rest_framework.response import Response

from gymnasieregion.apps.accounts.selectors import membership_list


class MembershipSerializer(serializers.Serializer[object]):
    role = serializers.CharField(source="role.code")
    role_name = serializers.CharField(source="role.name")
    organisation_id = serializers.IntegerField(allow_null=True)


class MeSerializer(serializers.Serializer[object]):
    username = serializers.CharField()
    memberships = MembershipSerializer(many=True)


@extend_schema(responses=MeSerializer, operation_id="me_retrieve")
@api_view(["GET"])
def me(request: Request) -> Response:
    memberships = membership_list(actor=request.user)
    return Response(
        MeSerializer({"username": request.user.get_username(), "memberships": memberships}).data
    )
