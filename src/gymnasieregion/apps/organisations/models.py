"""Municipalities and the organisations that act in the region.

One `Organisation` table holds every kind, so that a membership always points to one
place; the fields that only some kinds have are nullable and checked by database
constraints.
"""

from django.db import models
from django.db.models import Q


class Municipality(models.Model):
    """A Swedish municipality with its official four-digit code (SCB)."""

    code = models.CharField(max_length=4, unique=True)
    name = models.CharField(max_length=100)
    county_code = models.CharField(max_length=2)
    county = models.CharField(max_length=100)
    is_member = models.BooleanField(
        default=False, help_text="Member of the association (pays the service fee)."
    )
    population = models.PositiveIntegerField(null=True, blank=True)
    population_date = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["code"]
        verbose_name = "kommun"
        verbose_name_plural = "kommuner"
        constraints = [
            models.CheckConstraint(
                condition=Q(code__regex=r"^[0-9]{4}$"), name="municipality_code_four_digits"
            ),
        ]

    def __str__(self) -> str:
        return self.name


class OrganisationKind(models.TextChoices):
    MUNICIPALITY = "municipality", "Kommun"
    ORGANISER = "organiser", "Huvudman"
    SCHOOL_UNIT = "school_unit", "Skolenhet"
    SENDING_SCHOOL = "sending_school", "Avlämnande grundskola"
    ASSOCIATION = "association", "Kommunförbund"
    ADMISSION_OFFICE = "admission_office", "Antagningskansli"


class OrganiserType(models.TextChoices):
    MUNICIPAL = "municipal", "Kommunal"
    REGIONAL = "regional", "Regional"
    INDEPENDENT = "independent", "Enskild"


class Organisation(models.Model):
    """An organisation of a given kind.

    - municipality: linked to its `Municipality`;
    - organiser (*huvudman*): organisation number and organiser type;
    - school unit and sending school: eight-digit school-unit code, parent organiser;
    - association and admission office (the office's parent is the association).
    """

    kind = models.CharField(max_length=30, choices=OrganisationKind.choices)
    name = models.CharField(max_length=200)
    municipality = models.ForeignKey(
        Municipality, on_delete=models.PROTECT, null=True, blank=True, related_name="organisations"
    )
    parent = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="children"
    )
    organisation_number = models.CharField(max_length=11, blank=True)
    organiser_type = models.CharField(max_length=20, choices=OrganiserType.choices, blank=True)
    school_unit_code = models.CharField(max_length=8, blank=True)

    class Meta:
        ordering = ["kind", "name"]
        verbose_name = "organisation"
        verbose_name_plural = "organisationer"
        constraints = [
            models.UniqueConstraint(
                fields=["school_unit_code"],
                condition=~Q(school_unit_code=""),
                name="organisation_school_unit_code_unique",
            ),
            models.UniqueConstraint(
                fields=["municipality"],
                condition=Q(kind="municipality"),
                name="organisation_one_per_municipality",
            ),
            models.CheckConstraint(
                condition=~Q(kind="organiser") | ~Q(organiser_type=""),
                name="organisation_organiser_has_type",
            ),
            models.CheckConstraint(
                condition=~Q(kind__in=["school_unit", "sending_school"])
                | Q(school_unit_code__regex=r"^[0-9]{8}$"),
                name="organisation_school_has_unit_code",
            ),
            models.CheckConstraint(
                condition=~Q(kind="municipality") | Q(municipality__isnull=False),
                name="organisation_municipality_linked",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def is_independent_school(self) -> bool:
        """A school unit of an independent organiser (*fristående skola*), or such an organiser."""
        organiser_type = self.parent.organiser_type if self.parent else self.organiser_type
        return organiser_type == OrganiserType.INDEPENDENT

    @property
    def official_code(self) -> str:
        """School-unit code, organisation number or municipality code, whichever it has."""
        if self.school_unit_code or self.organisation_number:
            return self.school_unit_code or self.organisation_number
        return self.municipality.code if self.municipality else ""
