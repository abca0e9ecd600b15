"""The admission year (*antagningsår*) with its calendar, and the offerings (*utbildningar*).

An offering is one study path at one school unit in one admission year (domain §5.1):
a programme, perhaps an orientation or profile, with places. The admissions app builds
its applications and rounds on these two tables.
"""

from django.db import models
from django.db.models import Q

from gymnasieregion.core.admission.problem import Selection


class AdmissionYear(models.Model):
    """One admission year; `year` is the year studies start (e.g. 2027).

    The dates are the calendar of the year (domain §10); `catalogue.calendar` turns them
    into the phases that open and close actions.
    """

    year = models.PositiveSmallIntegerField(unique=True)
    rules_version = models.CharField(
        max_length=20, default="2026.1", help_text="Version of the grade and admission rule set."
    )
    seed = models.CharField(max_length=64, help_text="Lottery seed recorded for the year.")
    choice_cap = models.PositiveSmallIntegerField(
        default=20, help_text="Most choice lines an applicant may have."
    )
    offerings_open = models.DateField(help_text="Schools start entering offerings.")
    application_opens = models.DateField()
    application_closes = models.DateField()
    change_opens = models.DateField()
    change_closes = models.DateField()
    preliminary_published = models.DateField()
    final_grade_deadline = models.DateField()
    final_published = models.DateField()
    answer_deadline = models.DateField()
    reserve_round_dates = models.JSONField(
        default=list, blank=True, help_text="ISO dates of the reserve rounds."
    )
    study_start = models.DateField(help_text="Start of studies; the age limit is counted to it.")

    class Meta:
        ordering = ["-year"]
        verbose_name = "antagningsår"
        verbose_name_plural = "antagningsår"
        constraints = [
            models.CheckConstraint(
                condition=Q(offerings_open__lt=models.F("application_opens"))
                & Q(application_opens__lte=models.F("application_closes"))
                & Q(application_closes__lte=models.F("change_opens"))
                & Q(change_opens__lte=models.F("change_closes"))
                & Q(preliminary_published__lte=models.F("change_closes"))
                & Q(change_closes__lte=models.F("final_grade_deadline"))
                & Q(final_grade_deadline__lte=models.F("final_published"))
                & Q(final_published__lte=models.F("answer_deadline"))
                & Q(answer_deadline__lte=models.F("study_start")),
                name="admission_year_calendar_in_order",
            ),
            models.CheckConstraint(
                condition=Q(choice_cap__gte=1), name="admission_year_choice_cap"
            ),
        ]

    def __str__(self) -> str:
        return f"Antagningsår {self.year}"


class OfferingKind(models.TextChoices):
    NATIONAL = "national", "Nationellt program"
    INTRODUCTION_GROUP = "introduction_group", "Introduktionsprogram för en grupp"
    INTRODUCTION_INDIVIDUAL = "introduction_individual", "Introduktionsprogram för en elev"
    ADAPTED = "adapted", "Anpassad gymnasieskola"
    IB = "ib", "International Baccalaureate (IB)"
    SPORTS = "sports", "Nationellt godkänd idrottsutbildning (NIU)"


class OfferingSelection(models.TextChoices):
    """The same values as `core.admission.problem.Selection`."""

    MERIT = Selection.MERIT.value, "Meritvärde"
    RANKING = Selection.RANKING.value, "Skolans rangordning"


class Offering(models.Model):
    """An *utbildning*: one study path at one school unit in one admission year."""

    admission_year = models.ForeignKey(
        AdmissionYear, on_delete=models.PROTECT, related_name="offerings"
    )
    code = models.CharField(max_length=30, help_text="Public code, unique within the year.")
    school_unit = models.ForeignKey(
        "organisations.Organisation", on_delete=models.PROTECT, related_name="offerings"
    )
    programme_code = models.CharField(max_length=10)
    orientation = models.CharField(max_length=100, blank=True)
    profile = models.CharField(max_length=100, blank=True)
    name = models.CharField(max_length=200)
    kind = models.CharField(max_length=30, choices=OfferingKind.choices)
    places = models.PositiveIntegerField()
    minimum_size = models.PositiveIntegerField(default=0)
    selection = models.CharField(
        max_length=20, choices=OfferingSelection.choices, default=OfferingSelection.MERIT
    )
    skill_test = models.BooleanField(default=False)
    skill_test_multiplier = models.DecimalField(
        max_digits=6, decimal_places=2, null=True, blank=True
    )
    skill_test_max_points = models.DecimalField(
        max_digits=6, decimal_places=2, null=True, blank=True
    )
    cancelled = models.BooleanField(default=False, help_text="Startar ej.")
    cancelled_at = models.DateTimeField(null=True, blank=True)
    published_cutoff = models.DecimalField(max_digits=6, decimal_places=2, null=True, blank=True)
    published_cutoff_round = models.CharField(max_length=20, blank=True)
    published_all_admitted = models.BooleanField(
        default=False, help_text="Alla behöriga sökande antogs."
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["admission_year", "code"]
        verbose_name = "utbildning"
        verbose_name_plural = "utbildningar"
        constraints = [
            models.UniqueConstraint(
                fields=["admission_year", "code"], name="offering_code_unique_per_year"
            ),
            models.CheckConstraint(
                condition=Q(skill_test=False)
                | (Q(skill_test_multiplier__isnull=False) & Q(skill_test_max_points__isnull=False)),
                name="offering_skill_test_has_scale",
            ),
            models.CheckConstraint(
                condition=Q(cancelled=False) | Q(cancelled_at__isnull=False),
                name="offering_cancelled_has_time",
            ),
        ]
        indexes = [
            models.Index(
                fields=["admission_year", "programme_code"], name="offering_year_programme"
            ),
            # The public catalogue's version (count and last change) from the index alone.
            models.Index(fields=["admission_year", "updated_at"], name="offering_year_updated"),
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.name}"

    @property
    def published_round_label(self) -> str:
        """The round of the published cut-off in Swedish, e.g. `Slutantagning`."""
        name = self.published_cutoff_round
        return ROUND_LABELS.get(name, name.replace("_", " ").capitalize())


ROUND_LABELS = {
    "preliminary": "Preliminär antagning",
    "final": "Slutantagning",
    "reserve": "Reservantagning",
    "reserve_1": "Reservantagning 1",
    "reserve_2": "Reservantagning 2",
}
