"""Forms of the catalogue pages. They parse input; the services decide what is allowed."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from django import forms
from django.core.exceptions import ValidationError

from gymnasieregion.apps.catalogue.calendar import AdmissionYearData
from gymnasieregion.apps.catalogue.models import (
    AdmissionYear,
    Offering,
    OfferingKind,
    OfferingSelection,
)
from gymnasieregion.apps.catalogue.offering_rules import OfferingData
from gymnasieregion.apps.catalogue.selectors import FilterChoices, OfferingFilters
from gymnasieregion.apps.organisations.models import Organisation, OrganiserType

DATE_ERRORS = {"required": "Ange ett datum.", "invalid": "Ange datumet som ÅÅÅÅ-MM-DD."}
WHOLE_ERRORS = {
    "required": "Ange ett heltal.",
    "invalid": "Ange ett heltal.",
    "min_value": "Talet kan inte vara negativt.",
}


class AccessibleForm(forms.Form):
    """Links each field to its help text and, after validation, to its error message."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name, field in self.fields.items():
            if field.help_text:
                field.widget.attrs["aria-describedby"] = f"{self[name].auto_id}-help"

    def full_clean(self) -> None:
        super().full_clean()
        for name in self.errors:
            if name in self.fields:
                field, bound_id = self.fields[name], self[name].auto_id
                described = f"{bound_id}-error" + (f" {bound_id}-help" if field.help_text else "")
                field.widget.attrs["aria-invalid"] = "true"
                field.widget.attrs["aria-describedby"] = described


def _blank(label: str) -> list[tuple[str, str]]:
    return [("", label)]


class CatalogueFilterForm(AccessibleForm):
    """The public catalogue's GET form; invalid values are ignored, not errors."""

    q = forms.CharField(label="Sök", required=False, max_length=100)
    programme = forms.ChoiceField(label="Program", required=False)
    orientation = forms.CharField(label="Inriktning", required=False, max_length=100)
    municipality = forms.ChoiceField(label="Kommun", required=False)
    school = forms.ChoiceField(label="Skola", required=False)
    organiser_type = forms.ChoiceField(
        label="Huvudman",
        required=False,
        choices=_blank("Alla huvudmän") + [(t.value, str(t.label)) for t in OrganiserType],
    )
    kind = forms.ChoiceField(
        label="Typ av utbildning",
        required=False,
        choices=_blank("Alla typer") + [(k.value, str(k.label)) for k in OfferingKind],
    )
    max_cutoff = forms.DecimalField(
        label="Högsta antagningspoäng",
        required=False,
        min_value=Decimal(0),
        max_value=Decimal(400),
        decimal_places=2,
        localize=True,
        help_text="Visar utbildningar där den senast publicerade antagningspoängen är högst så här, "
        "eller där alla behöriga antogs.",
    )

    def __init__(self, data: Any, *, choices: FilterChoices, programme_names: dict[str, str]):
        super().__init__(data)
        fields: dict[str, Any] = self.fields
        fields["programme"].choices = _blank("Alla program") + [
            (code, f"{programme_names.get(code, code)} ({code})") for code in choices.programmes
        ]
        fields["municipality"].choices = _blank("Alla kommuner") + [
            (m.code, m.name) for m in choices.municipalities
        ]
        fields["school"].choices = _blank("Alla skolor") + [
            (str(s.pk), s.name) for s in choices.schools
        ]

    def filters(self) -> OfferingFilters:
        """The valid values as filters; a field with a bad value does not filter."""
        if not self.is_bound:
            return OfferingFilters()
        self.is_valid()
        data = self.cleaned_data
        school = data.get("school")
        return OfferingFilters(
            q=data.get("q") or "",
            programme=data.get("programme") or "",
            orientation=data.get("orientation") or "",
            municipality=data.get("municipality") or "",
            school=int(school) if school else None,
            organiser_type=data.get("organiser_type") or "",
            max_cutoff=data.get("max_cutoff"),
            kind=data.get("kind") or "",
        )


class OfferingForm(AccessibleForm):
    """An offering's fields; `code` and `school_unit` only when it is created."""

    code = forms.CharField(
        label="Kod",
        max_length=30,
        help_text="Utbildningens publika kod, unik för antagningsåret, t.ex. EK-90000001-1.",
        error_messages={"required": "Ange utbildningens kod."},
    )
    school_unit = forms.ModelChoiceField(
        label="Skolenhet",
        queryset=Organisation.objects.none(),
        error_messages={
            "required": "Välj skolenhet.",
            "invalid_choice": "Välj en av dina skolenheter.",
        },
    )
    programme_code = forms.ChoiceField(label="Program")
    orientation = forms.CharField(label="Inriktning", required=False, max_length=100)
    profile = forms.CharField(label="Profil", required=False, max_length=100)
    name = forms.CharField(
        label="Namn", max_length=200, error_messages={"required": "Ange utbildningens namn."}
    )
    kind = forms.ChoiceField(label="Typ", choices=OfferingKind.choices)
    places = forms.IntegerField(label="Antal platser", min_value=0, error_messages=WHOLE_ERRORS)
    minimum_size = forms.IntegerField(
        label="Minsta antal elever för att starta",
        min_value=0,
        initial=0,
        error_messages=WHOLE_ERRORS,
    )
    selection = forms.ChoiceField(label="Urval", choices=OfferingSelection.choices)
    skill_test = forms.BooleanField(label="Färdighetsprov", required=False)
    skill_test_multiplier = forms.DecimalField(
        label="Provfaktor",
        required=False,
        max_digits=6,
        decimal_places=2,
        localize=True,
        help_text="Provpoängen multipliceras med faktorn, t.ex. 16.",
        error_messages={"invalid": "Ange ett tal, t.ex. 16."},
    )
    skill_test_max_points = forms.DecimalField(
        label="Högsta provpoäng",
        required=False,
        max_digits=6,
        decimal_places=2,
        localize=True,
        error_messages={"invalid": "Ange ett tal, t.ex. 20."},
    )

    def __init__(
        self,
        data: Any = None,
        *,
        programme_names: dict[str, str],
        school_units: Any = None,
        offering: Offering | None = None,
    ) -> None:
        initial = None
        if offering is not None:
            initial = {name: getattr(offering, name) for name in OfferingData.__dataclass_fields__}
        super().__init__(data, initial=initial)
        fields: dict[str, Any] = self.fields
        fields["programme_code"].choices = [
            (code, f"{name} ({code})") for code, name in sorted(programme_names.items())
        ]
        if offering is not None:
            del fields["code"]
            del fields["school_unit"]
        else:
            fields["school_unit"].queryset = school_units

    def offering_data(self) -> OfferingData:
        data = self.cleaned_data
        return OfferingData(
            programme_code=data["programme_code"],
            name=data["name"].strip(),
            kind=data["kind"],
            places=data["places"],
            orientation=data["orientation"].strip(),
            profile=data["profile"].strip(),
            minimum_size=data["minimum_size"] if data["minimum_size"] is not None else 0,
            selection=data["selection"],
            skill_test=data["skill_test"],
            skill_test_multiplier=data["skill_test_multiplier"],
            skill_test_max_points=data["skill_test_max_points"],
        )


class OfferingImportForm(AccessibleForm):
    admission_year = forms.ModelChoiceField(
        label="Antagningsår",
        queryset=AdmissionYear.objects.order_by("-year"),
        to_field_name="year",
        empty_label=None,
        error_messages={"required": "Välj antagningsår.", "invalid_choice": "Välj antagningsår."},
    )
    file = forms.FileField(
        label="Fil (CSV eller XLSX)", error_messages={"required": "Välj en fil att importera."}
    )


def _date_field(label: str, help_text: str = "") -> forms.DateField:
    return forms.DateField(
        label=label,
        help_text=help_text,
        error_messages=DATE_ERRORS,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )


class AdmissionYearForm(AccessibleForm):
    year = forms.IntegerField(
        label="Antagningsår (året utbildningen startar)",
        min_value=2000,
        max_value=2100,
        error_messages={"required": "Ange året.", "invalid": "Ange året med fyra siffror."},
    )
    rules_version = forms.CharField(label="Regelversion", max_length=20, initial="2026.1")
    seed = forms.CharField(
        label="Lottningens frö",
        max_length=64,
        help_text="Registreras för året så att varje körning kan upprepas.",
        error_messages={"required": "Ange lottningens frö."},
    )
    choice_cap = forms.IntegerField(
        label="Högsta antal val per sökande", min_value=1, initial=20, error_messages=WHOLE_ERRORS
    )
    offerings_open = _date_field("Skolorna börjar lägga upp utbildningar")
    application_opens = _date_field("Ansökan öppnar")
    application_closes = _date_field("Ansökan stänger")
    preliminary_published = _date_field("Preliminär antagning publiceras")
    change_opens = _date_field("Omvalet öppnar")
    change_closes = _date_field("Omvalet stänger")
    final_grade_deadline = _date_field("Sista dag för slutbetyg")
    final_published = _date_field("Slutantagningen publiceras")
    answer_deadline = _date_field("Sista svarsdag")
    reserve_round_dates = forms.CharField(
        label="Reservantagningar",
        required=False,
        help_text="Datum ÅÅÅÅ-MM-DD, åtskilda med kommatecken.",
    )
    study_start = _date_field("Skolstart", "Åldersgränsen räknas mot skolstarten.")

    def __init__(self, data: Any = None, *, admission_year: AdmissionYear | None = None) -> None:
        initial = None
        if admission_year is not None:
            initial = {
                name: getattr(admission_year, name)
                for name in self.base_fields
                if name != "reserve_round_dates"
            } | {"reserve_round_dates": ", ".join(admission_year.reserve_round_dates)}
        super().__init__(data, initial=initial)
        if admission_year is not None:
            fields: dict[str, Any] = self.fields
            fields["year"].disabled = True

    def clean_reserve_round_dates(self) -> tuple[date, ...]:
        text = self.cleaned_data["reserve_round_dates"]
        days = []
        for part in (p.strip() for p in text.replace(";", ",").split(",")):
            if not part:
                continue
            try:
                days.append(date.fromisoformat(part))
            except ValueError:
                raise ValidationError(f"{part!r} är inte ett datum ÅÅÅÅ-MM-DD.") from None
        return tuple(sorted(days))

    def year_data(self) -> AdmissionYearData:
        data = self.cleaned_data
        return AdmissionYearData(
            seed=data["seed"],
            rules_version=data["rules_version"],
            choice_cap=data["choice_cap"],
            offerings_open=data["offerings_open"],
            application_opens=data["application_opens"],
            application_closes=data["application_closes"],
            change_opens=data["change_opens"],
            change_closes=data["change_closes"],
            preliminary_published=data["preliminary_published"],
            final_grade_deadline=data["final_grade_deadline"],
            final_published=data["final_published"],
            answer_deadline=data["answer_deadline"],
            reserve_round_dates=data["reserve_round_dates"],
            study_start=data["study_start"],
        )
