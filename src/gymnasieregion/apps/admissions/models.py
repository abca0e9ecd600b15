"""Applications, their history, decisions on choice lines, admission runs and answers.

Domain §5–§7. An application is one applicant's ranked list of offerings in one
admission year; every save is kept as a version, so lateness is derived per line from
the history (EX-17). Decisions of organisers and schools are kept on the line (current
value) and in `Decision` (who, when, why). A run stores its problem, result, manifest and
verifier report together with one row per choice line and per offering.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q

from gymnasieregion.core.admission.outcome import Reason, Status
from gymnasieregion.core.admission.problem import Answer, Hand
from gymnasieregion.core.admission.reception import Statement


class CooperationArea(models.Model):
    """Municipalities that receive each other's residents first-hand (SL 16 kap 43 §)."""

    name = models.CharField(max_length=200, unique=True)
    municipalities = models.ManyToManyField("organisations.Municipality", related_name="+")

    class Meta:
        verbose_name = "samverkansområde"
        verbose_name_plural = "samverkansområden"

    def __str__(self) -> str:
        return self.name


class Application(models.Model):
    """An applicant's list of choices in one admission year (*ansökan*)."""

    admission_year = models.ForeignKey(
        "catalogue.AdmissionYear", on_delete=models.PROTECT, related_name="applications"
    )
    person = models.ForeignKey(
        "applicants.Person", on_delete=models.PROTECT, related_name="applications"
    )
    created_at = models.DateTimeField()
    updated_at = models.DateTimeField()

    class Meta:
        verbose_name = "ansökan"
        verbose_name_plural = "ansökningar"
        constraints = [
            models.UniqueConstraint(
                fields=["admission_year", "person"], name="one_application_per_year"
            )
        ]

    def __str__(self) -> str:
        return f"Ansökan {self.pk} ({self.admission_year_id})"


class ApplicationVersion(models.Model):
    """One save of the list: the offering ids best first, and whether a period was open."""

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="versions")
    saved_at = models.DateTimeField()
    saved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    offering_ids = models.JSONField()
    in_window = models.BooleanField()

    class Meta:
        ordering = ["application", "saved_at", "pk"]
        verbose_name = "ändring av ansökan"
        verbose_name_plural = "ändringar av ansökan"

    def __str__(self) -> str:
        return f"Ändring {self.saved_at:%Y-%m-%d %H:%M}"


class CurrentLines(models.Manager["ChoiceLine"]):
    """The lines on applicants' lists now; withdrawn lines are kept for their results."""

    def get_queryset(self) -> models.QuerySet["ChoiceLine"]:
        return super().get_queryset().filter(withdrawn_at__isnull=True)


class ChoiceLine(models.Model):
    """One line of the current list (*valrad*) with the decisions that bear on it.

    A line the applicant removes is withdrawn, not deleted: the results of published runs
    keep pointing at it, so a letter once sent never changes (domain §10). `objects`
    (and `application.lines`) are the current lines; `all_lines` includes the withdrawn.
    A line chosen again is the same line, with its decisions.
    """

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="lines")
    offering = models.ForeignKey(
        "catalogue.Offering", on_delete=models.PROTECT, related_name="choice_lines"
    )
    rank = models.PositiveSmallIntegerField()  # 1 = first choice
    late = models.BooleanField(default=False)
    hand = models.CharField(max_length=10, choices=[(h.value, h.value) for h in Hand])
    statement = models.CharField(
        max_length=20, blank=True, choices=[(s.value, s.value) for s in Statement]
    )
    special_reasons_accepted = models.BooleanField(default=False)
    free_quota = models.BooleanField(default=False)  # fri kvot, GyF 7 kap 3 §
    english_waiver = models.BooleanField(default=False)  # dispens, final round only
    endorsed = models.BooleanField(null=True)  # tillstyrkt (special-needs groups, sports)
    skill_test_points = models.DecimalField(max_digits=6, decimal_places=2, null=True)
    school_rank = models.PositiveIntegerField(null=True)
    withdrawn_at = models.DateTimeField(null=True, blank=True)

    objects = CurrentLines()
    all_lines = models.Manager()  # noqa: DJ012 (a second manager, not a field)

    class Meta:
        ordering = ["application", "rank"]
        verbose_name = "valrad"
        verbose_name_plural = "valrader"
        base_manager_name = "all_lines"
        constraints = [
            models.UniqueConstraint(fields=["application", "offering"], name="offering_once"),
            models.UniqueConstraint(
                fields=["application", "rank"],
                condition=Q(withdrawn_at__isnull=True),
                name="rank_once_among_current",
            ),
        ]

    def __str__(self) -> str:
        return f"Val {self.rank}"


class DecisionKind(models.TextChoices):
    FREE_QUOTA = "free_quota", "Fri kvot"
    FOREIGN_GRADES = "foreign_grades", "Bedömning av utländska betyg"
    ENGLISH_WAIVER = "english_waiver", "Dispens i engelska"
    ENDORSEMENT = "endorsement", "Tillstyrkan"
    SKILL_TEST = "skill_test", "Färdighetsprov"
    SCHOOL_RANK = "school_rank", "Rangordning"
    STATEMENT = "statement", "Yttrande från hemkommunen"
    SPECIAL_REASONS = "special_reasons", "Särskilda skäl"


class Decision(models.Model):
    """A recorded decision on a choice line: by whom, when, why and what (domain §5.9)."""

    line = models.ForeignKey(ChoiceLine, on_delete=models.CASCADE, related_name="decisions")
    kind = models.CharField(max_length=20, choices=DecisionKind.choices)
    value = models.JSONField()
    reason = models.TextField()
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    decided_at = models.DateTimeField()

    class Meta:
        ordering = ["line", "decided_at", "pk"]
        verbose_name = "beslut"
        verbose_name_plural = "beslut"

    def __str__(self) -> str:
        return f"{self.get_kind_display()} ({self.decided_at:%Y-%m-%d})"


class RunKind(models.TextChoices):
    SIMULATION = "simulation", "Simulering"
    PRELIMINARY = "preliminary", "Preliminär antagning"
    FINAL = "final", "Slutantagning"
    RESERVE = "reserve", "Reservantagning"


class RunStatus(models.TextChoices):
    SUCCEEDED = "succeeded", "Klar och kontrollerad"
    REFUSED = "refused", "Underkänd av kontrollen"


class AdmissionRun(models.Model):
    """One run of the engine on the stored data, with its open files and verifier report.

    Only a succeeded run gets result rows; publishing is a separate step. A refused run is
    kept with its report so the office can see what went wrong.
    """

    admission_year = models.ForeignKey(
        "catalogue.AdmissionYear", on_delete=models.PROTECT, related_name="runs"
    )
    kind = models.CharField(max_length=20, choices=RunKind.choices)
    number = models.PositiveSmallIntegerField(default=1)  # reserve round 1, 2, ...
    status = models.CharField(max_length=20, choices=RunStatus.choices)
    started_at = models.DateTimeField()
    finished_at = models.DateTimeField()
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    manifest = models.JSONField()
    violations = models.JSONField(default=list)
    summary = models.JSONField(default=dict)
    published_at = models.DateTimeField(null=True, blank=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )

    class Meta:
        ordering = ["-started_at", "-pk"]
        verbose_name = "antagningskörning"
        verbose_name_plural = "antagningskörningar"
        constraints = [
            models.CheckConstraint(
                condition=~Q(kind="simulation") | Q(published_at__isnull=True),
                name="simulation_never_published",
            ),
            models.CheckConstraint(
                condition=Q(status="succeeded") | Q(published_at__isnull=True),
                name="only_succeeded_runs_published",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.admission_year_id} ({self.pk})"


class RunFiles(models.Model):
    """A run's canonical problem file and result file (megabytes for a region).

    Kept apart from the run's row so that finding runs never reads through them: SQLite
    stores a row's columns in order, and a query on a column after a large blob walks
    its overflow pages.
    """

    run = models.OneToOneField(
        AdmissionRun, on_delete=models.CASCADE, primary_key=True, related_name="files"
    )
    problem = models.BinaryField()
    result = models.BinaryField()

    class Meta:
        verbose_name = "filer för antagningskörning"
        verbose_name_plural = "filer för antagningskörningar"

    def __str__(self) -> str:
        return f"Filer för körning {self.run_id}"


class LineResult(models.Model):
    """The outcome of one choice line in one run, with its reason and Swedish explanation."""

    run = models.ForeignKey(AdmissionRun, on_delete=models.CASCADE, related_name="line_results")
    line = models.ForeignKey(ChoiceLine, on_delete=models.PROTECT, related_name="results")
    status = models.CharField(max_length=20, choices=[(s.value, s.value) for s in Status])
    reserve_position = models.PositiveIntegerField(null=True)
    reason = models.CharField(max_length=40, choices=[(r.value, r.value) for r in Reason])
    explanation = models.TextField()
    merit = models.DecimalField(max_digits=6, decimal_places=2, null=True)

    class Meta:
        verbose_name = "utfall för valrad"
        verbose_name_plural = "utfall för valrader"
        constraints = [
            models.UniqueConstraint(fields=["run", "line"], name="one_result_per_line_and_run")
        ]
        indexes = [models.Index(fields=["run", "status"])]

    def __str__(self) -> str:
        return f"{self.status} (körning {self.run_id})"


class OfferingResult(models.Model):
    """Figures of one offering in one run (domain §5.10)."""

    run = models.ForeignKey(AdmissionRun, on_delete=models.CASCADE, related_name="offering_results")
    offering = models.ForeignKey("catalogue.Offering", on_delete=models.CASCADE, related_name="+")
    admitted = models.PositiveIntegerField()
    reserves = models.PositiveIntegerField()
    cutoff = models.DecimalField(max_digits=6, decimal_places=2, null=True)
    cutoff_decided_by = models.CharField(max_length=20, blank=True)
    median_admitted_merit = models.DecimalField(max_digits=6, decimal_places=2, null=True)
    all_eligible_admitted = models.BooleanField()
    below_minimum_size = models.BooleanField()

    class Meta:
        verbose_name = "utfall för utbildning"
        verbose_name_plural = "utfall för utbildningar"
        constraints = [
            models.UniqueConstraint(fields=["run", "offering"], name="one_result_per_offering")
        ]

    def __str__(self) -> str:
        return f"Utbildning {self.offering_id} (körning {self.run_id})"


class OfferAnswer(models.Model):
    """The applicant's answer to the place offered in a published run (domain §5.7)."""

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="answers")
    run = models.ForeignKey(AdmissionRun, on_delete=models.PROTECT, related_name="answers")
    line = models.ForeignKey(ChoiceLine, on_delete=models.CASCADE, related_name="answers")
    answer = models.CharField(max_length=30, choices=[(a.value, a.value) for a in Answer])
    answered_at = models.DateTimeField()

    class Meta:
        verbose_name = "svar"
        verbose_name_plural = "svar"
        constraints = [
            models.UniqueConstraint(fields=["application", "run"], name="one_answer_per_run")
        ]

    def __str__(self) -> str:
        return f"{self.answer} (körning {self.run_id})"


class SchoolAdmissionDone(models.Model):
    """A principal's mark that the school's admission of a published run is done.

    *Klarmarkera antagningen* (domain §7.2): the principal of a school unit confirms that
    the school has handled its lists of a published round. One mark per run and school.
    """

    run = models.ForeignKey(AdmissionRun, on_delete=models.PROTECT, related_name="school_marks")
    school_unit = models.ForeignKey(
        "organisations.Organisation", on_delete=models.PROTECT, related_name="+"
    )
    marked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    marked_at = models.DateTimeField()

    class Meta:
        ordering = ["run", "school_unit"]
        verbose_name = "klarmarkerad antagning"
        verbose_name_plural = "klarmarkerade antagningar"
        constraints = [
            models.UniqueConstraint(
                fields=["run", "school_unit"], name="school_admission_done_once_per_run"
            )
        ]

    def __str__(self) -> str:
        return f"Klar: skolenhet {self.school_unit_id} (körning {self.run_id})"
