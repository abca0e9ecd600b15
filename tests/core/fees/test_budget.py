"""The budget check finds every figure of the 2026 plan that does not add up."""

from decimal import Decimal

from gymnasieregion.core.fees.budget import BudgetItem, BudgetTotal, BudgetUnit, check_budget

B = BudgetItem
YEARS = (2025, 2026)


def unit(code, fte, internal_is_income, in_total, figures):
    return BudgetUnit(
        code=code,
        name=code,
        fte=Decimal(fte),
        internal_is_income=internal_is_income,
        in_association_total=in_total,
        figures={
            (year, item): Decimal(amount)
            for item, amounts in figures.items()
            for year, amount in zip(YEARS, amounts, strict=True)
        },
    )


# The plan's four tables (tsek) as printed.
PLAN_UNITS = [
    unit(
        "service",
        "31.0",
        True,
        True,
        {
            B.INCOME: (53009, 56163),
            B.OPERATING_COSTS: (20336, 22470),
            B.STAFF_COSTS: (41617, 43052),
            B.DEPRECIATION: (139, 261),
            B.INTERNAL_ALLOCATIONS: (9085, 9098),
            B.RESULT: (0, 0),
        },
    ),
    unit(
        "admission",
        "10.5",
        False,
        True,
        {
            B.INCOME: (23785, 24588),
            B.OPERATING_COSTS: (7752, 8930),
            B.STAFF_COSTS: (5973, 5964),
            B.DEPRECIATION: (1550, 1550),
            B.INTERNAL_ALLOCATIONS: (8509, 8293),
            B.RESULT: (0, 0),
        },
    ),
    unit(
        "uedb",
        "1.0",
        False,
        True,
        {
            B.INCOME: (4057, 4556),
            B.OPERATING_COSTS: (2920, 3123),
            B.STAFF_COSTS: (561, 668),
            B.DEPRECIATION: (0, 40),
            B.INTERNAL_ALLOCATIONS: (576, 805),
            B.RESULT: (0, 0),
        },
    ),
    unit(
        "projects",
        "1.0",
        False,
        False,
        {
            B.INCOME: (1940, 7800),
            B.OPERATING_COSTS: (54, 6750),
            B.STAFF_COSTS: (1886, 1050),
            B.DEPRECIATION: (0, 0),
            B.INTERNAL_ALLOCATIONS: (0, 0),
            B.RESULT: (0, 0),
        },
    ),
]
PLAN_TOTAL = BudgetTotal(fte=Decimal("42.5"), results={2025: Decimal(0), 2026: Decimal(0)})


def test_every_inconsistency_of_the_2026_budget_tables_is_found():
    check = check_budget(units=PLAN_UNITS, total=PLAN_TOTAL, years=YEARS)
    found = {(d.subject, d.year): (d.stated, d.computed) for d in check.discrepancies}
    assert found == {
        ("Resultat, service", 2025): (0, 2),
        ("Resultat, service", 2026): (0, -522),
        ("Resultat, admission", 2025): (0, 1),
        ("Resultat, admission", 2026): (0, -149),
        ("Resultat, uedb", 2026): (0, -80),
        ("Totalt resultat", 2025): (0, 3),
        ("Totalt resultat", 2026): (0, -751),
    }


def test_the_internal_allocations_net_to_zero_and_the_fte_add_up_in_the_plan():
    check = check_budget(units=PLAN_UNITS, total=PLAN_TOTAL, years=YEARS)
    assert check.internal_net == {2025: 0, 2026: 0}
    assert check.fte_total == Decimal("42.5")


def test_a_consistent_budget_has_no_discrepancy():
    balanced = [
        unit(
            "a",
            "2.0",
            True,
            True,
            {B.INCOME: (10, 10), B.STAFF_COSTS: (12, 12), B.INTERNAL_ALLOCATIONS: (2, 2)},
        ),
        unit(
            "b",
            "1.0",
            False,
            True,
            {B.INCOME: (5, 5), B.OPERATING_COSTS: (3, 3), B.INTERNAL_ALLOCATIONS: (2, 2)},
        ),
    ]
    check = check_budget(
        units=balanced,
        total=BudgetTotal(Decimal("3.0"), {2025: Decimal(0), 2026: Decimal(0)}),
        years=YEARS,
    )
    assert check.discrepancies == ()


def test_an_unbalanced_internal_allocation_and_a_wrong_fte_total_are_reported():
    units = [
        unit(
            "a",
            "2.0",
            True,
            True,
            {B.INCOME: (0, 0), B.INTERNAL_ALLOCATIONS: (5, 5), B.RESULT: (5, 5)},
        ),
        unit(
            "b",
            "1.0",
            False,
            True,
            {B.INCOME: (3, 3), B.INTERNAL_ALLOCATIONS: (3, 3), B.RESULT: (0, 0)},
        ),
    ]
    check = check_budget(
        units=units,
        total=BudgetTotal(Decimal("4.0"), {2025: Decimal(5), 2026: Decimal(5)}),
        years=YEARS,
    )
    subjects = {(d.subject, d.year) for d in check.discrepancies}
    assert subjects == {
        ("Internt fördelade kostnader/intäkter, netto", 2025),
        ("Internt fördelade kostnader/intäkter, netto", 2026),
        ("Årsarbetare totalt", None),
    }
