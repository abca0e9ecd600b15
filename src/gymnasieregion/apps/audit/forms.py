"""The auditor's filter form."""

from django import forms

from gymnasieregion.apps.audit.selectors import AuditFilter

DATE_ERRORS = {"invalid": "Ange ett datum som ÅÅÅÅ-MM-DD."}


class AuditFilterForm(forms.Form):
    actor = forms.CharField(label="Utförare (användarnamn)", required=False)
    action = forms.CharField(label="Händelse (början av koden)", required=False)
    subject_type = forms.CharField(label="Objekttyp", required=False)
    subject_id = forms.CharField(label="Objekt-id", required=False)
    date_from = forms.DateField(label="Från och med", required=False, error_messages=DATE_ERRORS)
    date_to = forms.DateField(label="Till och med", required=False, error_messages=DATE_ERRORS)

    def clean(self) -> dict[str, object]:
        data = super().clean() or {}
        start, end = data.get("date_from"), data.get("date_to")
        if start and end and start > end:
            self.add_error("date_to", "Slutdatumet ligger före startdatumet.")
        return data

    def to_filter(self) -> AuditFilter:
        data = self.cleaned_data
        return AuditFilter(
            actor=data["actor"].strip(),
            action=data["action"].strip(),
            subject_type=data["subject_type"].strip(),
            subject_id=data["subject_id"].strip(),
            date_from=data["date_from"],
            date_to=data["date_to"],
        )
