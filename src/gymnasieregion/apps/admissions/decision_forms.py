"""Forms for decisions on a choice line (domain §5.9): a value of the right type and a reason.

One form per kind, prefixed with the kind so that several fit on one page. The forms
only parse input; what a value means and who may record it is `services.decision_record`'s.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any, ClassVar

from django import forms
from django.core.validators import MaxValueValidator

from gymnasieregion.apps.admissions.models import ChoiceLine, DecisionKind
from gymnasieregion.core.admission.reception import Statement

YES_NO = [("", "Välj"), ("ja", "Ja"), ("nej", "Nej")]
STATEMENT_CHOICES = [
    ("", "Välj"),
    (Statement.AT_PARTNER.value, "Finns hos samverkanspart"),
    (Statement.AT_HOME.value, "Finns i egna kommunen"),
    (Statement.NOT_OFFERED.value, "Finns inte"),
]
STATEMENT_LABELS = dict(STATEMENT_CHOICES[1:])


class DecisionForm(forms.Form):
    """The reason every decision needs: the applicant sees it and may appeal."""

    kind: ClassVar[str]
    title: ClassVar[str]
    help: ClassVar[str] = ""

    reason = forms.CharField(
        label="Skäl",
        widget=forms.Textarea(attrs={"rows": 2, "cols": 60}),
        max_length=2000,
        error_messages={"required": "Ange skälet till beslutet."},
    )

    def __init__(self, *args: Any, line: ChoiceLine, **kwargs: Any) -> None:
        kwargs.setdefault("prefix", self.kind)
        super().__init__(*args, **kwargs)
        self.line = line
        self.fields["value"].initial = self.current(line)

    def current(self, line: ChoiceLine) -> object:
        return None

    def decision_value(self) -> Any:
        return self.cleaned_data["value"]

    def full_clean(self) -> None:
        """Clean, then point each field with an error at its error text (WCAG 3.3.1)."""
        super().full_clean()
        for name in self.errors:
            if name in self.fields:
                widget = self.fields[name].widget
                widget.attrs["aria-invalid"] = "true"
                widget.attrs["aria-describedby"] = f"{self[name].auto_id}-error"


class YesNoForm(DecisionForm):
    field: ClassVar[str]
    value_label: ClassVar[str]

    value = forms.TypedChoiceField(
        choices=YES_NO,
        coerce=lambda text: text == "ja",
        error_messages={"required": "Välj ja eller nej."},
    )

    def __init__(self, *args: Any, line: ChoiceLine, **kwargs: Any) -> None:
        super().__init__(*args, line=line, **kwargs)
        self.fields["value"].label = self.value_label

    def current(self, line: ChoiceLine) -> object:
        value = getattr(line, self.field)
        return "" if value is None else ("ja" if value else "nej")


class FreeQuotaForm(YesNoForm):
    kind = DecisionKind.FREE_QUOTA.value
    title = "Fri kvot"
    help = "Antagning före urvalet, av särskilda skäl (GyF 7 kap 3 §). Gäller inte den preliminära antagningen och kan inte överklagas."
    field = "free_quota"
    value_label = "Antas i fri kvot"


class EnglishWaiverForm(YesNoForm):
    kind = DecisionKind.ENGLISH_WAIVER.value
    title = "Dispens i engelska"
    help = "Behörig trots att godkänt betyg i engelska saknas. Gäller slutantagningen och senare omgångar."
    field = "english_waiver"
    value_label = "Dispens beviljas"


class EndorsementForm(YesNoForm):
    kind = DecisionKind.ENDORSEMENT.value
    title = "Tillstyrkan"
    help = "Huvudmannen tillstyrker eller avstyrker att den sökande har rätt till utbildningen."
    field = "endorsed"
    value_label = "Tillstyrks"


class ForeignGradesForm(YesNoForm):
    kind = DecisionKind.FOREIGN_GRADES.value
    title = "Utländska betyg"
    help = "Betyg som inte kan jämföras med svenska: inget meritvärde räknas och den sökande prövas i fri kvot (GyF 7 kap 3 §)."
    field = "foreign_grades"
    value_label = "Betygen bedöms som utländska"

    def current(self, line: ChoiceLine) -> object:
        return "ja" if line.application.person.foreign_grades else "nej"


class SpecialReasonsForm(YesNoForm):
    kind = DecisionKind.SPECIAL_REASONS.value
    title = "Särskilda skäl"
    help = "Mottagande kommun beslutar om den sökande tas emot i första hand av särskilda skäl (SL 16 kap 44 §). Beslutet kan överklagas."
    field = "special_reasons_accepted"
    value_label = "Särskilda skäl godtas"


class SkillTestForm(DecisionForm):
    kind = DecisionKind.SKILL_TEST.value
    title = "Färdighetsprov"
    help = "Provpoängen läggs till meritvärdet."

    value = forms.DecimalField(
        label="Provpoäng",
        min_value=0,
        max_digits=6,
        decimal_places=2,
        localize=True,
        error_messages={
            "required": "Ange provpoängen.",
            "invalid": "Ange provpoängen som ett tal, till exempel 12,5.",
        },
    )

    def __init__(self, *args: Any, line: ChoiceLine, **kwargs: Any) -> None:
        super().__init__(*args, line=line, **kwargs)
        limit = line.offering.skill_test_max_points
        if limit is not None:
            value = self.fields["value"]
            value.validators.append(
                MaxValueValidator(limit, message=f"Provpoängen kan vara högst {_number(limit)}.")
            )
            value.label = f"Provpoäng (0–{_number(limit)})"

    def current(self, line: ChoiceLine) -> object:
        return line.skill_test_points


def _number(value: Decimal) -> str:
    """20.00 → "20"; 12.50 → "12,5"."""
    return f"{value.normalize():f}".replace(".", ",")


class SchoolRankForm(DecisionForm):
    kind = DecisionKind.SCHOOL_RANK.value
    title = "Rangordning"
    help = "Skolans rangordning på en utbildning med urval efter rangordning: 1 antas först. Lämna tomt för att ta bort rangen (ej erbjuden plats)."

    value = forms.IntegerField(
        label="Plats i rangordningen",
        min_value=1,
        required=False,
        error_messages={
            "invalid": "Ange ett heltal från 1.",
            "min_value": "Ange ett heltal från 1.",
        },
    )

    def current(self, line: ChoiceLine) -> object:
        return line.school_rank


class StatementForm(DecisionForm):
    kind = DecisionKind.STATEMENT.value
    title = "Yttrande från hemkommunen"
    help = "Finns utbildningen i hemkommunen eller hos en samverkanspart? Svaret avgör om den sökande tas emot i första eller andra hand (SL 16 kap 43 §)."

    value = forms.ChoiceField(
        label="Yttrande",
        choices=STATEMENT_CHOICES,
        error_messages={"required": "Välj ett yttrande."},
    )

    def current(self, line: ChoiceLine) -> object:
        return line.statement


FORMS: dict[str, type[DecisionForm]] = {
    form.kind: form
    for form in (
        SkillTestForm,
        SchoolRankForm,
        EndorsementForm,
        FreeQuotaForm,
        ForeignGradesForm,
        EnglishWaiverForm,
        StatementForm,
        SpecialReasonsForm,
    )
}


def decision_forms(
    kinds: list[str], line: ChoiceLine, bound: DecisionForm | None = None
) -> list[DecisionForm]:
    """One unbound form per kind, with the bound (failed) one in its place."""
    return [
        bound if bound is not None and bound.kind == kind else FORMS[kind](line=line)
        for kind in kinds
    ]


HAND_WORDS = {"first": "förstahand", "second": "andrahand", "none": "ingen skillnad"}


def decision_value_label(kind: str, value: dict[str, Any]) -> str:
    """What a recorded decision said, in Swedish: "Ja", "12,5 poäng", "Finns inte → förstahand"."""
    parts = []
    for key, item in value.items():
        if key == "hand":
            continue
        if key == "endorsed":
            parts.append("Tillstyrkt" if item else "Avstyrkt")
        elif isinstance(item, bool):
            parts.append("Ja" if item else "Nej")
        elif key == "skill_test_points":
            parts.append(f"{_number(Decimal(item))} poäng")
        elif key == "school_rank":
            parts.append(f"Plats {item}" if item is not None else "Ingen plats i rangordningen")
        elif key == "statement":
            parts.append(STATEMENT_LABELS.get(item, "Inget yttrande"))
        else:
            parts.append(str(item))
    text = ", ".join(parts)
    if "hand" in value:
        text += f" → {HAND_WORDS.get(value['hand'], value['hand'])}"
    return text
