"""Hypothesis strategies: small random admission problems in the file format."""

from __future__ import annotations

from hypothesis import strategies as st

from tests.core.admission.builders import Json, problem_data

MERITS = ["200", "202.5", "205", "207.5", "210"]  # few values: ties are common


@st.composite
def problems(
    draw: st.DrawFn,
    max_applicants: int = 7,
    max_offerings: int = 4,
    plain: bool = False,
) -> Json:
    """A random final-round problem. `plain` keeps every line eligible, in time and first-hand
    at merit-selected offerings, with merit then lottery as the only tie-break."""
    n_offerings = draw(st.integers(1, max_offerings))
    offering_ids = [f"O{i}" for i in range(n_offerings)]
    offerings: list[Json] = []
    for oid in offering_ids:
        extra: Json = {}
        if not plain:
            extra = {
                "cancelled": draw(st.booleans().map(lambda b: b and draw(st.booleans()))),
                "selection": draw(st.sampled_from(["merit", "merit", "merit", "ranking"])),
            }
        offerings.append({"id": oid, "capacity": draw(st.integers(0, 3)), **extra})
    ranked = {o["id"] for o in offerings if o.get("selection") == "ranking"}
    next_rank = dict.fromkeys(offering_ids, 1)
    applicants: list[Json] = []
    for a in range(draw(st.integers(1, max_applicants))):
        wishes = draw(st.lists(st.sampled_from(offering_ids), unique=True, max_size=n_offerings))
        lines = []
        for oid in wishes:
            merit = draw(st.sampled_from(MERITS))
            choice: Json = {"offering": oid, "merit": merit}
            if not plain:
                choice |= {
                    "eligible": draw(st.sampled_from([True, True, True, False])),
                    "late": draw(st.sampled_from([False, False, True])),
                    "hand": draw(st.sampled_from(["first", "first", "second", "none"])),
                    "grade_sum": draw(st.sampled_from(MERITS)),
                    "grade_count": draw(st.integers(14, 17)),
                }
                if oid in ranked and draw(st.booleans()):
                    choice["school_rank"] = next_rank[oid]
                    next_rank[oid] += 1
            lines.append(choice)
        applicants.append({"id": f"A{a}", "lottery": draw(st.integers(0, 5)), "choices": lines})
    rules: Json = {"tie_breaks": ["lottery"]} if plain else {}
    return problem_data(offerings, applicants, **rules)
