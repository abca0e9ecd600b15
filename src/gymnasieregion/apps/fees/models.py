"""Fee bases, rates, per-youth fees, youth counts and the plan's budget tables."""

from django.db import models
from django.db.models import Q

from gymnasieregion.core.fees.budget import BudgetItem


class FeeCeiling(models.Model):
    """The highest rate the general assembly allows, from `first_year` on (0.45 ‰, March 2023)."""

    first_year = models.PositiveSmallIntegerField(unique=True)
    rate_per_mille = models.DecimalField(max_digits=4, decimal_places=2)
    decision = models.CharField(max_length=200)

    class Meta:
        ordering = ["-first_year"]
        verbose_name = "avgiftstak"
        verbose_name_plural = "avgiftstak"

    def __str__(self) -> str:
        return f"{self.rate_per_mille} ‰ från {self.first_year}"


class ServiceFeeRate(models.Model):
    """The rate the board set for one year (*avgiftsuttag*), per mille of the fee base."""

    year = models.PositiveSmallIntegerField(unique=True)
    rate_per_mille = models.DecimalField(max_digits=4, decimal_places=2)

    class Meta:
        ordering = ["-year"]
        verbose_name = "avgiftsuttag"
        verbose_name_plural = "avgiftsuttag"
        constraints = [
            models.CheckConstraint(condition=Q(rate_per_mille__gte=0), name="fee_rate_not_negative")
        ]

    def __str__(self) -> str:
        return f"{self.year}: {self.rate_per_mille} ‰"


class FeeBase(models.Model):
    """A municipality's fee base (*avgiftsunderlag*) for a fee year, whole kronor."""

    year = models.PositiveSmallIntegerField()
    municipality = models.ForeignKey(
        "organisations.Municipality", on_delete=models.PROTECT, related_name="fee_bases"
    )
    amount = models.DecimalField(max_digits=15, decimal_places=0)

    class Meta:
        ordering = ["year", "municipality__code"]
        verbose_name = "avgiftsunderlag"
        verbose_name_plural = "avgiftsunderlag"
        constraints = [
            models.UniqueConstraint(fields=["year", "municipality"], name="fee_base_once_per_year"),
            models.CheckConstraint(condition=Q(amount__gte=0), name="fee_base_not_negative"),
        ]

    def __str__(self) -> str:
        return f"{self.municipality} {self.year}"


class PerYouthFee(models.Model):
    """The admission fee and the UEDB fee per youth for a year (782 kr and 45 kr in 2026)."""

    year = models.PositiveSmallIntegerField(unique=True)
    admission_fee = models.DecimalField(max_digits=8, decimal_places=0)
    uedb_fee = models.DecimalField(max_digits=8, decimal_places=0)

    class Meta:
        ordering = ["-year"]
        verbose_name = "avgift per ungdom"
        verbose_name_plural = "avgifter per ungdom"
        constraints = [
            models.CheckConstraint(
                condition=Q(admission_fee__gte=0) & Q(uedb_fee__gte=0),
                name="per_youth_fee_not_negative",
            )
        ]

    def __str__(self) -> str:
        return str(self.year)


class YouthCount(models.Model):
    """Number of youths of a municipality that the per-youth fees are charged for."""

    year = models.PositiveSmallIntegerField()
    municipality = models.ForeignKey(
        "organisations.Municipality", on_delete=models.PROTECT, related_name="youth_counts"
    )
    count = models.PositiveIntegerField()

    class Meta:
        ordering = ["year", "municipality__code"]
        verbose_name = "antal ungdomar"
        verbose_name_plural = "antal ungdomar"
        constraints = [
            models.UniqueConstraint(
                fields=["year", "municipality"], name="youth_count_once_per_year"
            )
        ]

    def __str__(self) -> str:
        return f"{self.municipality} {self.year}: {self.count}"


class BudgetUnit(models.Model):
    """One table of the plan's budget (or its total line), as printed."""

    plan_year = models.PositiveSmallIntegerField()
    code = models.CharField(max_length=40)
    name = models.CharField(max_length=200)
    position = models.PositiveSmallIntegerField()
    fte = models.DecimalField(max_digits=5, decimal_places=1)
    internal_is_income = models.BooleanField(default=False)
    in_association_total = models.BooleanField(default=False)
    is_total_line = models.BooleanField(default=False)

    class Meta:
        ordering = ["plan_year", "position"]
        verbose_name = "budgetenhet"
        verbose_name_plural = "budgetenheter"
        constraints = [
            models.UniqueConstraint(fields=["plan_year", "code"], name="budget_unit_code_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.plan_year} {self.name}"


class BudgetFigure(models.Model):
    """A stated figure in thousands of kronor (tsek)."""

    unit = models.ForeignKey(BudgetUnit, on_delete=models.CASCADE, related_name="figures")
    budget_year = models.PositiveSmallIntegerField()
    item = models.CharField(max_length=30, choices=[(i.value, i.value) for i in BudgetItem])
    amount_tsek = models.DecimalField(max_digits=12, decimal_places=0)

    class Meta:
        ordering = ["unit", "budget_year", "item"]
        verbose_name = "budgetsiffra"
        verbose_name_plural = "budgetsiffror"
        constraints = [
            models.UniqueConstraint(
                fields=["unit", "budget_year", "item"], name="budget_figure_once"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.unit} {self.budget_year} {self.item}"
