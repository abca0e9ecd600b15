"""GET /api/v1/audit-events/: the audit trail, filtered, for the auditor role."""

from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers
from rest_framework.decorators import api_view
from rest_framework.exceptions import ValidationError
from rest_framework.pagination import LimitOffsetPagination
from rest_framework.request import Request
from rest_framework.response import Response

from gymnasieregion.apps.audit.forms import AuditFilterForm
from gymnasieregion.apps.audit.models import AuditEvent
from gymnasieregion.apps.audit.selectors import audit_event_list


class AuditEventPagination(LimitOffsetPagination):
    default_limit = 100
    max_limit = 1000


class AuditEventSerializer(serializers.ModelSerializer[AuditEvent]):
    class Meta:
        model = AuditEvent
        fields = [
            "id",
            "occurred_at",
            "actor_label",
            "action",
            "subject_type",
            "subject_id",
            "payload",
        ]


@extend_schema(
    responses=AuditEventSerializer(many=True),
    operation_id="audit_events_list",
    parameters=[
        OpenApiParameter(name, str, required=False)
        for name in (
            "actor",
            "action",
            "subject_type",
            "subject_id",
            "date_from",
            "date_to",
            "limit",
            "offset",
        )
    ],
)
@api_view(["GET"])
def audit_events(request: Request) -> Response:
    form = AuditFilterForm(request.query_params)
    if not form.is_valid():
        raise ValidationError(form.errors.get_json_data())
    events = audit_event_list(actor=request.user, filters=form.to_filter())
    paginator = AuditEventPagination()
    page = paginator.paginate_queryset(events, request)
    return paginator.get_paginated_response(AuditEventSerializer(page, many=True).data)
