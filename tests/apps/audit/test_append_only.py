"""Audit events cannot be changed or deleted, through the model or through SQL."""

import pytest
from django.db import DatabaseError, connection, transaction

from gymnasieregion.apps.audit.models import AppendOnlyError, AuditEvent
from gymnasieregion.apps.audit.services import AuditOutsideTransactionError, audit_event_record

pytestmark = pytest.mark.django_db


@pytest.fixture
def event():
    with transaction.atomic():
        return audit_event_record(
            actor=None, action="test.event", subject=("test", "1"), payload={"a": 1}
        )


def test_saving_an_existing_event_again_is_refused(event):
    event.action = "changed"
    with pytest.raises(AppendOnlyError):
        event.save()


def test_deleting_an_event_is_refused(event):
    with pytest.raises(AppendOnlyError):
        event.delete()
    with pytest.raises(AppendOnlyError):
        AuditEvent.objects.all().delete()


def test_a_bulk_update_is_refused(event):
    with pytest.raises(AppendOnlyError):
        AuditEvent.objects.filter(pk=event.pk).update(action="changed")


def test_the_database_refuses_an_update_in_sql(event):
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("UPDATE audit_auditevent SET action = 'changed' WHERE id = %s", [event.pk])
    assert AuditEvent.objects.get(pk=event.pk).action == "test.event"


@pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="SQLite's DELETE is refused by the model only (ADR 0004)",
)
def test_the_database_refuses_a_delete_in_sql_on_postgresql(event):
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("DELETE FROM audit_auditevent WHERE id = %s", [event.pk])
    assert AuditEvent.objects.filter(pk=event.pk).exists()


@pytest.mark.django_db(transaction=True)
def test_an_event_outside_a_transaction_is_refused():
    with pytest.raises(AuditOutsideTransactionError):
        audit_event_record(actor=None, action="test.event", subject=("test", "1"))
