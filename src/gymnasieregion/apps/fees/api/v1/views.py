"""The fee table of a year and the budget check, for roles with `fees.view`."""

from django.http import Http404
from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.decorators import api_view
from rest_framework.request import Request
from rest_framework.response import Response

from gymnasieregion.apps.fees.selectors import budget_report_get, fee_year_get


def money() -> serializers.DecimalField:
    """Whole kronor, as a string so no client reads them as a float."""
    return serializers.DecimalField(max_digits=15, decimal_places=0, coerce_to_string=True)


class ServiceFeeRowSerializer(serializers.Serializer[object]):
    municipality_code = serializers.CharField()
    municipality_name = serializers.CharField()
    fee_base = money()
    fee = money()


class ServiceFeeTableSerializer(serializers.Serializer[object]):
    rate_per_mille = serializers.DecimalField(max_digits=4, decimal_places=2, coerce_to_string=True)
    rows = ServiceFeeRowSerializer(many=True)
    total_fee_base = money()
    total_fee = money()
    sum_of_rows = money()
    rounding_difference = money()


class PerYouthRowSerializer(serializers.Serializer[object]):
    municipality_code = serializers.CharField()
    youths = serializers.IntegerField()
    admission_fee = money()
    uedb_fee = money()


class PerYouthTableSerializer(serializers.Serializer[object]):
    admission_fee_per_youth = money()
    uedb_fee_per_youth = money()
    rows = PerYouthRowSerializer(many=True)


class FeeYearSerializer(serializers.Serializer[object]):
    year = serializers.IntegerField()
    ceiling_per_mille = serializers.DecimalField(
        max_digits=4, decimal_places=2, coerce_to_string=True, allow_null=True
    )
    service_fees = ServiceFeeTableSerializer(allow_null=True)
    per_youth_fees = PerYouthTableSerializer(allow_null=True)


class DiscrepancySerializer(serializers.Serializer[object]):
    subject = serializers.CharField()
    year = serializers.IntegerField(allow_null=True)
    stated = serializers.DecimalField(max_digits=12, decimal_places=1, coerce_to_string=True)
    computed = serializers.DecimalField(max_digits=12, decimal_places=1, coerce_to_string=True)


class BudgetCheckSerializer(serializers.Serializer[object]):
    plan_year = serializers.IntegerField()
    fte_total = serializers.DecimalField(max_digits=5, decimal_places=1, coerce_to_string=True)
    discrepancies = DiscrepancySerializer(many=True)


@extend_schema(responses=FeeYearSerializer, operation_id="fees_year_retrieve")
@api_view(["GET"])
def fee_year(request: Request, year: int) -> Response:
    found = fee_year_get(actor=request.user, year=year)
    rows = [
        {
            "municipality_code": r.municipality_code,
            "municipality_name": found.municipalities[r.municipality_code].name,
            "fee_base": r.fee_base,
            "fee": r.fee,
        }
        for r in (found.service_fees.rows if found.service_fees else ())
    ]
    service = found.service_fees
    data = {
        "year": found.year,
        "ceiling_per_mille": found.ceiling_per_mille,
        "service_fees": None
        if service is None
        else {
            "rate_per_mille": service.rate_per_mille,
            "rows": rows,
            "total_fee_base": service.total_fee_base,
            "total_fee": service.total_fee,
            "sum_of_rows": service.sum_of_rows,
            "rounding_difference": service.rounding_difference,
        },
        "per_youth_fees": found.per_youth_fees,
    }
    return Response(FeeYearSerializer(data).data)


@extend_schema(responses=BudgetCheckSerializer, operation_id="fees_budget_check_retrieve")
@api_view(["GET"])
def budget_check(request: Request, plan_year: int) -> Response:
    report = budget_report_get(actor=request.user, plan_year=plan_year)
    if report is None:
        raise Http404
    data = {
        "plan_year": report.plan_year,
        "fte_total": report.check.fte_total,
        "discrepancies": report.check.discrepancies,
    }
    return Response(BudgetCheckSerializer(data).data)
