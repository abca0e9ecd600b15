"""Every service writes an audit event, in the same transaction as its change.

The services are discovered from each app's `services` module, so a new service
without a scenario here fails the first test. For each service the test checks that
an event is written, and that when writing the event fails, nothing the service
changed is left in the database.
"""

import importlib
import inspect
import pkgutil
from collections.abc import Callable
from decimal import Decimal

import pytest
from django.apps import apps
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

import gymnasieregion.apps
from gymnasieregion.apps.accounts.models import Role, User
from gymnasieregion.apps.audit.models import AuditEvent
from gymnasieregion.apps.organisations.models import OrganisationKind
from gymnasieregion.apps.organisations.services import MunicipalityRow
from gymnasieregion.apps.reference_data.loading import _json
from tests.apps.admissions.scenarios import scenarios as admissions_scenarios
from tests.apps.applicants.scenarios import scenarios as applicants_scenarios
from tests.apps.catalogue.scenarios import scenarios as catalogue_scenarios

pytestmark = pytest.mark.django_db


# The audit writer itself is what the services call, not a service to audit.
NOT_SERVICES = {"audit_event_record"}


def service_functions() -> dict[str, Callable[..., object]]:
    found = {}
    for module_info in pkgutil.iter_modules(gymnasieregion.apps.__path__):
        try:
            module = importlib.import_module(f"gymnasieregion.apps.{module_info.name}.services")
        except ModuleNotFoundError:
            continue
        for name, function in inspect.getmembers(module, inspect.isfunction):
            public = not name.startswith("_") and name not in NOT_SERVICES
            if function.__module__ == module.__name__ and public:
                found[f"{module_info.name}.{name}"] = function
    return found


def a_user() -> User:
    return User.objects.create_user(username="someone", password="x-Lösen-123")


def confirm_arguments() -> dict[str, object]:
    user = a_user()
    device = TOTPDevice.objects.create(user=user, name="app", confirmed=False)
    token = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift).token()
    return {"actor": user, "device": device, "token": f"{token:06d}"}


# service → the keyword arguments to call it with, prepared in a database that has the
# reference data loaded (preparing may write; the call itself is what is checked).
SCENARIOS: dict[str, Callable[[], dict[str, object]]] = {
    "accounts.user_create": lambda: {"actor": None, "username": "ny", "password": "x-Lösen-123"},
    "accounts.membership_grant": lambda: {
        "actor": None,
        "user": a_user(),
        "role": Role.objects.get(code="applicant"),
        "organisation": None,
    },
    "accounts.totp_device_create": lambda: {"actor": a_user()},
    "accounts.totp_device_confirm": confirm_arguments,
    "organisations.municipalities_load": lambda: {
        "actor": None,
        "rows": [MunicipalityRow("0999", "Testby", "09", "Testlän", False, 10, None)],
    },
    "organisations.organisation_create": lambda: {
        "actor": None,
        "kind": OrganisationKind.SENDING_SCHOOL,
        "name": "Testskolan",
        "school_unit_code": "91234567",
    },
    "fees.fee_ceiling_set": lambda: {
        "actor": None,
        "first_year": 2027,
        "rate_per_mille": Decimal("0.50"),
        "decision": "x",
    },
    "fees.fee_rate_set": lambda: {"actor": None, "year": 2027, "rate_per_mille": Decimal("0.40")},
    "fees.per_youth_fee_set": lambda: {
        "actor": None,
        "year": 2027,
        "admission_fee": Decimal(800),
        "uedb_fee": Decimal(50),
    },
    "fees.fee_bases_import": lambda: {
        "actor": None,
        "year": 2027,
        "rows": [{"kommunkod": "0180", "avgiftsunderlag": "1"}],
    },
    "fees.youth_counts_import": lambda: {
        "actor": None,
        "year": 2027,
        "rows": [{"kommunkod": "0180", "antal_ungdomar": "1"}],
    },
    "fees.budget_load": lambda: {
        "actor": None,
        "data": {**_json("budget_2026.json"), "plan_year": 2027},
    },
    **admissions_scenarios(),
    **applicants_scenarios(),
    **catalogue_scenarios(),
}


def snapshot() -> dict[str, list[dict[str, object]]]:
    """Every row of every table except the audit trail."""
    return {
        model._meta.label: list(model._default_manager.order_by("pk").values())
        for model in apps.get_models()
        if model is not AuditEvent
    }


def test_every_service_has_an_audit_scenario():
    assert set(service_functions()) == set(SCENARIOS)


@pytest.mark.parametrize("name", sorted(SCENARIOS))
def test_the_service_writes_an_audit_event(name, reference_data):
    arguments = SCENARIOS[name]()
    last = AuditEvent.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
    service_functions()[name](**arguments)
    assert AuditEvent.objects.filter(pk__gt=last).exists()


class AuditDown(RuntimeError):
    pass


@pytest.mark.parametrize("name", sorted(SCENARIOS))
def test_when_the_audit_write_fails_the_service_leaves_nothing_behind(
    name, reference_data, monkeypatch
):
    arguments = SCENARIOS[name]()
    before = snapshot()

    def refuse(self, *args, **kwargs):
        raise AuditDown

    monkeypatch.setattr(AuditEvent, "save", refuse)
    with pytest.raises(AuditDown):
        service_functions()[name](**arguments)
    assert snapshot() == before
