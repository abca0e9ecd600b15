"""Persons (the youth who apply and study), their grades, grade imports and corrections.

A `Person` is known by a normalised identity number (`core.identity`); a `Grade` is one
row of the grade file (`core.grades.grade_file`) kept per term, so that the admission
rounds can pick the grade set they use (`core.grades.terms.grades_for_round`).
"""

from django.conf import settings
from django.db import models
from django.db.models import Q

from gymnasieregion.core.grades.grade import Grade as CoreGrade
from gymnasieregion.core.grades.subjects import Slot
from gymnasieregion.core.grades.terms import Term
from gymnasieregion.core.identity.personal_identity import IdentityKind


class IdentityKindChoices(models.TextChoices):
    """The kinds of `core.identity.personal_identity.IdentityKind`, with the same values."""

    PERSONNUMMER = IdentityKind.PERSONNUMMER.value, "Personnummer"
    SAMORDNINGSNUMMER = IdentityKind.SAMORDNINGSNUMMER.value, "Samordningsnummer"
    TF_NUMMER = IdentityKind.TF_NUMMER.value, "TF-nummer"


class TermChoices(models.TextChoices):
    HT9 = Term.HT9.value, "Höstterminsbetyg åk 9"
    SLUTBETYG = Term.SLUTBETYG.value, "Slutbetyg"
    KOMPLETTERING = Term.KOMPLETTERING.value, "Betygskomplettering"


class SlotChoices(models.TextChoices):
    NONE = "", "–"
    M1 = Slot.M1.value, "M1 (elevens val)"
    M2 = Slot.M2.value, "M2 (språkval)"
    ML = Slot.ML.value, "ML (modersmål)"
    EX1 = Slot.EX1.value, "EX1 (extra språk)"


class GradeChoices(models.TextChoices):
    A = CoreGrade.A.value, "A"
    B = CoreGrade.B.value, "B"
    C = CoreGrade.C.value, "C"
    D = CoreGrade.D.value, "D"
    E = CoreGrade.E.value, "E"
    F = CoreGrade.F.value, "F"
    DASH = CoreGrade.DASH.value, "– (streck)"


class Person(models.Model):
    """A youth: an applicant to upper-secondary school and later a pupil.

    `identity_number` is the twelve-character normalised form (`YYYYMMDDNNNN`, or
    `YYYYMMDDTFNN` for a TF-nummer). With `protected_identity` (*skyddad identitet*) the
    postal address is never shown, in any page, API or export.
    """

    identity_number = models.CharField(max_length=12, unique=True)
    identity_kind = models.CharField(max_length=20, choices=IdentityKindChoices.choices)
    birth_date = models.DateField(null=True, blank=True)
    given_name = models.CharField(max_length=100)
    family_name = models.CharField(max_length=100)
    protected_identity = models.BooleanField(default=False)
    home_municipality = models.ForeignKey(
        "organisations.Municipality", on_delete=models.PROTECT, related_name="residents"
    )
    sending_school = models.ForeignKey(
        "organisations.Organisation",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="pupils",
        limit_choices_to={"kind": "sending_school"},
    )
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="person",
    )
    email = models.EmailField(blank=True)
    phone = models.CharField(max_length=30, blank=True)
    postal_address = models.TextField(blank=True)
    foreign_grades = models.BooleanField(default=False)
    nordic = models.BooleanField(default=False)
    newly_arrived = models.BooleanField(default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["family_name", "given_name", "identity_number"]
        verbose_name = "person"
        verbose_name_plural = "personer"
        constraints = [
            models.CheckConstraint(
                condition=Q(identity_number__regex=r"^[0-9]{8}([0-9]{4}|TF[0-9]{2}|T[0-9]{3})$"),
                name="person_identity_number_normalised",
            ),
            models.CheckConstraint(
                condition=Q(identity_kind__in=[kind.value for kind in IdentityKind]),
                name="person_identity_kind_known",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.given_name} {self.family_name}"

    @property
    def identity_display(self) -> str:
        """`YYYYMMDD-NNNN`, the form people read."""
        return f"{self.identity_number[:8]}-{self.identity_number[8:]}"


class GradeImport(models.Model):
    """One accepted grade file from a sending school (a rejected file saves nothing)."""

    sending_school = models.ForeignKey(
        "organisations.Organisation", on_delete=models.PROTECT, related_name="grade_imports"
    )
    imported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="grade_imports",
    )
    imported_at = models.DateTimeField(auto_now_add=True)
    file_name = models.CharField(max_length=255)
    file_sha256 = models.CharField(max_length=64)
    row_count = models.PositiveIntegerField()
    created_count = models.PositiveIntegerField()
    changed_count = models.PositiveIntegerField()
    unchanged_count = models.PositiveIntegerField()

    class Meta:
        ordering = ["-imported_at", "-pk"]
        verbose_name = "betygsimport"
        verbose_name_plural = "betygsimporter"

    def __str__(self) -> str:
        return f"{self.file_name} ({self.imported_at:%Y-%m-%d %H:%M})"


class Grade(models.Model):
    """One subject grade of a person for a term (one row of the grade file).

    Within a term a subject without slot occurs once and a slot occurs once, like the
    `key` of `core.grades.subject_grade.SubjectGrade`; both are database constraints.
    """

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="grades")
    subject = models.CharField(max_length=3)
    slot = models.CharField(max_length=3, blank=True, choices=SlotChoices.choices)
    language_code = models.CharField(max_length=3, blank=True)
    grade = models.CharField(max_length=1, choices=GradeChoices.choices)
    term = models.CharField(max_length=13, choices=TermChoices.choices)
    grade_import = models.ForeignKey(
        GradeImport, on_delete=models.PROTECT, null=True, blank=True, related_name="grades"
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["person", "term", "subject", "slot"]
        verbose_name = "betyg"
        verbose_name_plural = "betyg"
        constraints = [
            models.UniqueConstraint(
                fields=["person", "term", "subject"],
                condition=Q(slot=""),
                name="grade_subject_once_per_term",
            ),
            models.UniqueConstraint(
                fields=["person", "term", "slot"],
                condition=~Q(slot=""),
                name="grade_slot_once_per_term",
            ),
            models.CheckConstraint(
                condition=Q(grade__in=[grade.value for grade in CoreGrade]),
                name="grade_value_known",
            ),
            models.CheckConstraint(
                condition=Q(term__in=[term.value for term in Term]), name="grade_term_known"
            ),
        ]

    def __str__(self) -> str:
        where = f" {self.slot} {self.language_code}".rstrip() if self.slot else ""
        return f"{self.person_id} {self.term} {self.subject}{where}: {self.grade}"


class CorrectionStatus(models.TextChoices):
    PENDING = "pending", "Väntar på beslut"
    APPROVED = "approved", "Godkänd"
    REJECTED = "rejected", "Avslagen"


class GradeCorrection(models.Model):
    """A request to change a final grade after the deadline, and the principal's decision.

    `old_grade` is the grade registered when the request was made (empty if none);
    an approval writes `new_grade` to the person's grades.
    """

    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="grade_corrections")
    sending_school = models.ForeignKey(
        "organisations.Organisation", on_delete=models.PROTECT, related_name="grade_corrections"
    )
    subject = models.CharField(max_length=3)
    slot = models.CharField(max_length=3, blank=True, choices=SlotChoices.choices)
    language_code = models.CharField(max_length=3, blank=True)
    term = models.CharField(max_length=13, choices=TermChoices.choices)
    old_grade = models.CharField(max_length=1, blank=True)
    new_grade = models.CharField(max_length=1, choices=GradeChoices.choices)
    reason = models.TextField()
    status = models.CharField(
        max_length=10, choices=CorrectionStatus.choices, default=CorrectionStatus.PENDING
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="grade_corrections_requested",
    )
    requested_at = models.DateTimeField(auto_now_add=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="grade_corrections_decided",
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    decision_note = models.TextField(blank=True)

    class Meta:
        ordering = ["-requested_at", "-pk"]
        verbose_name = "betygsrättelse"
        verbose_name_plural = "betygsrättelser"
        constraints = [
            models.UniqueConstraint(
                fields=["person", "term", "subject", "slot"],
                condition=Q(status="pending"),
                name="grade_correction_one_pending",
            ),
            models.CheckConstraint(
                condition=Q(status="pending", decided_at__isnull=True)
                | (~Q(status="pending") & Q(decided_at__isnull=False)),
                name="grade_correction_decided_when_not_pending",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person} {self.subject}: {self.old_grade or '–'} → {self.new_grade}"
