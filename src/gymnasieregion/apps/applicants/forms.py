"""Forms of the applicants pages. They parse input only; the rules live in the services."""

from typing import TYPE_CHECKING, Any

from django import forms
from django.db.models import QuerySet

from gymnasieregion.apps.applicants.models import GradeChoices, SlotChoices
from gymnasieregion.apps.organisations.models import Municipality, Organisation
from gymnasieregion.core.grades.subjects import SUBJECTS

if TYPE_CHECKING:  # django-stubs types the field by model; Django itself is not generic
    OrganisationChoice = forms.ModelChoiceField[Organisation]
    MunicipalityChoice = forms.ModelChoiceField[Municipality]
else:
    OrganisationChoice = MunicipalityChoice = forms.ModelChoiceField


class SchoolChoiceField(OrganisationChoice):
    def label_from_instance(self, obj: Organisation) -> str:
        return f"{obj.name} ({obj.school_unit_code})"


class MunicipalityChoiceField(MunicipalityChoice):
    def label_from_instance(self, obj: Municipality) -> str:
        return f"{obj.name} ({obj.code})"


class PersonSearchForm(forms.Form):
    q = forms.CharField(label="Sök namn eller personnummer", required=False, max_length=100)
    skola = SchoolChoiceField(
        label="Avlämnande skola",
        queryset=Organisation.objects.none(),
        required=False,
        empty_label="Alla skolor",
    )

    def __init__(self, *args: Any, schools: QuerySet[Organisation], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["skola"].queryset = schools  # type: ignore[attr-defined]


class PersonForm(forms.Form):
    identity_number = forms.CharField(
        label="Personnummer, samordningsnummer eller TF-nummer",
        max_length=20,
        error_messages={"required": "Ange identitetsnumret."},
    )
    given_name = forms.CharField(
        label="Förnamn", max_length=100, error_messages={"required": "Ange förnamn."}
    )
    family_name = forms.CharField(
        label="Efternamn", max_length=100, error_messages={"required": "Ange efternamn."}
    )
    home_municipality = MunicipalityChoiceField(
        label="Hemkommun (folkbokföring)",
        queryset=Municipality.objects.all(),
        error_messages={"required": "Välj hemkommun.", "invalid_choice": "Välj hemkommun."},
    )
    sending_school = SchoolChoiceField(
        label="Avlämnande skola",
        queryset=Organisation.objects.none(),
        required=False,
        error_messages={"invalid_choice": "Välj en av skolorna i listan."},
    )
    protected_identity = forms.BooleanField(label="Skyddad identitet", required=False)
    email = forms.EmailField(
        label="E-post", required=False, error_messages={"invalid": "Ange en giltig e-postadress."}
    )
    phone = forms.CharField(label="Telefon", max_length=30, required=False)
    postal_address = forms.CharField(
        label="Postadress", required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    foreign_grades = forms.BooleanField(label="Utländska betyg", required=False)
    nordic = forms.BooleanField(label="Sökande från ett nordiskt land", required=False)
    newly_arrived = forms.BooleanField(label="Nyanländ", required=False)

    def __init__(
        self, *args: Any, schools: QuerySet[Organisation], office: bool, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["sending_school"].queryset = schools  # type: ignore[attr-defined]
        self.fields["sending_school"].required = not office
        self.fields["sending_school"].error_messages["required"] = "Välj avlämnande skola."
        if not office:
            del self.fields["protected_identity"]


class GradeImportForm(forms.Form):
    sending_school = SchoolChoiceField(
        label="Avlämnande skola",
        queryset=Organisation.objects.none(),
        error_messages={"required": "Välj skola.", "invalid_choice": "Välj skola."},
    )
    file = forms.FileField(
        label="Betygsfil (CSV eller XLSX)",
        error_messages={"required": "Välj en fil att importera."},
    )

    def __init__(self, *args: Any, schools: QuerySet[Organisation], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["sending_school"]
        field.queryset = schools  # type: ignore[attr-defined]
        if len(schools) == 1:
            field.initial = schools[0].pk


SUBJECT_CHOICES = [("", "Välj ämne")] + [
    (code, f"{subject.name} ({code})") for code, subject in SUBJECTS.items()
]


class CorrectionRequestForm(forms.Form):
    subject = forms.ChoiceField(
        label="Ämne",
        choices=SUBJECT_CHOICES,
        error_messages={"required": "Välj ämne.", "invalid_choice": "Välj ämne."},
    )
    slot = forms.ChoiceField(label="Språkplats", choices=SlotChoices.choices, required=False)
    language_code = forms.CharField(
        label="Språkkod (ISO 639-3, för moderna språk och modersmål)",
        max_length=3,
        required=False,
    )
    new_grade = forms.ChoiceField(
        label="Nytt betyg",
        choices=[("", "Välj betyg"), *GradeChoices.choices],
        error_messages={"required": "Välj betyg.", "invalid_choice": "Välj betyg."},
    )
    reason = forms.CharField(
        label="Skäl",
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": "Ange skälet till rättelsen."},
    )


class CorrectionDecisionForm(forms.Form):
    decision = forms.ChoiceField(
        label="Beslut",
        choices=[("godkann", "Godkänn rättelsen"), ("avsla", "Avslå rättelsen")],
        widget=forms.RadioSelect,
        error_messages={"required": "Välj beslut.", "invalid_choice": "Välj beslut."},
    )
    note = forms.CharField(
        label="Kommentar", required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
