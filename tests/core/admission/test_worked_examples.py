"""The worked examples EX-13 … EX-22 of the domain document (§11, selection and admission)."""

from __future__ import annotations

from gymnasieregion.core.admission.lateness import late_flags
from gymnasieregion.core.admission.outcome import Reason, Status
from gymnasieregion.core.admission.problem import Tier
from tests.core.admission.builders import (
    applicant,
    figures,
    line,
    offering,
    outcome,
    placements,
    problem_data,
    reserve_list,
    run,
    secure_all,
)


def test_ex13_a_tie_at_the_last_seat_is_broken_by_choice_rank() -> None:
    data = problem_data(
        [offering("X", 2), offering("Y", 1)],
        [
            applicant("S", line("Y", 330)),
            applicant("P", line("X", 300)),
            applicant("Q", line("X", 280)),
            applicant("R", line("Y", 280), line("X", 280), lottery=2**52),
        ],
    )
    result = run(data)
    assert placements(result)["Q"] == "X"
    assert outcome(result, "R", "X").status is Status.RESERVE
    assert outcome(result, "R", "X").reserve_position == 1
    assert figures(result, "X").cutoff.merit == 280
    assert figures(result, "X").cutoff.decided_by == "choice_rank"
    assert outcome(result, "R", "X").explanation == (
        "Reserv nr 1. Den sista platsen gick till meritvärde 280,0, samma som ditt; "
        "lika meritvärde avgjordes genom valprioritet."
    )


def test_ex13_with_merit_then_lottery_the_higher_lottery_number_wins() -> None:
    data = problem_data(
        [offering("X", 2), offering("Y", 1)],
        [
            applicant("S", line("Y", 330), lottery=1),
            applicant("P", line("X", 300), lottery=1),
            applicant("Q", line("X", 280), lottery=10),
            applicant("R", line("Y", 280), line("X", 280), lottery=20),
        ],
        tie_breaks=["lottery"],
    )
    result = run(data)
    assert placements(result) == {"S": "Y", "P": "X", "Q": None, "R": "X"}
    assert figures(result, "X").cutoff.decided_by == "lottery"


EX14 = problem_data(
    [offering("NA@S1", 1), offering("NA@S2", 1), offering("SA@S3", 5)],
    [
        applicant("Anna", line("NA@S1", 310), line("NA@S2", 310)),
        applicant("Bo", line("NA@S1", 290), line("NA@S2", 290), line("SA@S3", 290)),
        applicant("Cia", line("NA@S2", 285), line("SA@S3", 285)),
        applicant("Dan", line("NA@S2", 200), line("SA@S3", 200)),
    ],
)


def test_ex14_the_final_round_cascades_over_several_choices() -> None:
    result = run(EX14)
    assert placements(result) == {
        "Anna": "NA@S1",
        "Bo": "NA@S2",
        "Cia": "SA@S3",
        "Dan": "SA@S3",
    }
    assert outcome(result, "Anna", "NA@S2").status is Status.STRUCK
    assert outcome(result, "Bo", "SA@S3").status is Status.STRUCK
    assert reserve_list(result, "NA@S1") == ["Bo"]
    assert reserve_list(result, "NA@S2") == ["Cia", "Dan"]
    assert figures(result, "NA@S1").cutoff.merit == 310
    assert figures(result, "NA@S2").cutoff.merit == 290
    assert figures(result, "SA@S3").cutoff is None
    assert figures(result, "SA@S3").all_eligible_admitted


def test_ex14_when_anna_declines_the_reserve_round_runs_the_vacancy_chain() -> None:
    result = run(secure_all(EX14, run(EX14), {"Anna": "decline"}))
    assert placements(result) == {"Anna": None, "Bo": "NA@S1", "Cia": "NA@S2", "Dan": "SA@S3"}
    assert outcome(result, "Anna", "NA@S1").status is Status.DECLINED
    assert outcome(result, "Dan", "NA@S2").reserve_position == 1


def _ex15(hand_of: dict[str, str]) -> dict[str, str | None]:
    people = {"U": 320, "N": 250, "H": 240, "T": 230}
    data = problem_data(
        [offering("TE", 2)],
        [applicant(p, line("TE", m, hand=hand_of[p])) for p, m in people.items()],
    )
    result = run(data)
    assert placements(result)
    return {"admitted": ",".join(sorted(k for k, v in placements(result).items() if v))} | {
        "reserves": ",".join(reserve_list(result, "TE"))
    }


def test_ex15_at_a_municipal_school_second_hand_applicants_come_after_all_first_hand() -> None:
    hands = {"U": "second", "N": "first", "H": "first", "T": "first"}
    assert _ex15(hands) == {"admitted": "H,N", "reserves": "T,U"}


def test_ex15_at_an_independent_school_there_is_no_first_or_second_hand() -> None:
    hands = dict.fromkeys("UNHT", "none")
    assert _ex15(hands) == {"admitted": "N,U", "reserves": "H,T"}


EX16 = problem_data(
    [offering("VO", 2)],
    [
        applicant("D", line("VO", 210)),
        applicant("E", line("VO", 200)),
        applicant("G", line("VO", 150)),
        applicant("F", line("VO", 300, late=True)),
    ],
)


def test_ex16_a_late_application_waits_behind_every_application_in_time() -> None:
    result = run(EX16)
    assert placements(result) == {"D": "VO", "E": "VO", "G": None, "F": None}
    assert reserve_list(result, "VO") == ["G", "F"]
    assert outcome(result, "F", "VO").reason is Reason.RESERVE_LOWER_TIER


def test_ex16_when_e_declines_the_reserve_round_admits_g_not_f() -> None:
    result = run(secure_all(EX16, run(EX16), {"E": "decline"}))
    assert placements(result) == {"D": "VO", "E": None, "G": "VO", "F": None}


def test_ex17_choices_moved_up_after_the_deadline_are_late() -> None:
    assert late_flags(["TE", "VO", "SA"], ["VO", "SA", "TE"]) == (True, True, False)


def test_ex17_an_added_choice_is_late_and_the_others_stay_in_time() -> None:
    assert late_flags(["VO", "SA"], ["VO", "SA", "BA"]) == (False, False, True)


def test_ex18_skill_test_points_count_in_the_merit_value() -> None:
    result = run(
        problem_data(
            [offering("ES", 1)],
            [
                applicant("G", line("ES", 442, grade_sum="250")),
                applicant("H", line("ES", 380, grade_sum="300")),
                applicant("I", line("ES", 320, grade_sum="320")),
            ],
        )
    )
    assert placements(result)["G"] == "ES"


def test_ex18_equal_merit_is_broken_by_the_grade_sum_without_test_points() -> None:
    result = run(
        problem_data(
            [offering("ES", 1)],
            [
                applicant("K", line("ES", 442, grade_sum="330")),
                applicant("G", line("ES", 442, grade_sum="250")),
            ],
        )
    )
    assert placements(result) == {"K": "ES", "G": None}
    assert figures(result, "ES").cutoff.decided_by == "grade_sum"


def _ex19(free_quota_rank: int) -> dict[str, object]:
    merit_applicants = [applicant(f"M{i:02d}", line("X", 200 + i * 2.5)) for i in range(40)]
    fq_line = line("X", 0, free_quota=True)
    choices = [line("Y", 0), fq_line] if free_quota_rank == 2 else [fq_line]
    return problem_data(
        [offering("X", 30), offering("Y", 1)],
        [applicant("FQ", *choices), *merit_applicants],
    )


def test_ex19_fri_kvot_takes_its_seat_before_merit_and_is_left_out_of_the_cutoff() -> None:
    result = run(_ex19(free_quota_rank=1))
    assert placements(result)["FQ"] == "X"
    assert outcome(result, "FQ", "X").tier is Tier.FREE_QUOTA
    x = figures(result, "X")
    assert (x.admitted, x.free_quota_admitted) == (30, 1)
    assert x.cutoff.merit == 200 + 11 * 2.5  # the 29 best of M00..M39 are M11..M39


def test_ex19_a_fri_kvot_seat_is_released_when_a_higher_choice_is_admitted() -> None:
    result = run(_ex19(free_quota_rank=2))
    assert placements(result)["FQ"] == "Y"
    x = figures(result, "X")
    assert (x.admitted, x.free_quota_admitted) == (30, 0)
    assert x.cutoff.merit == 200 + 10 * 2.5


def test_ex19_fri_kvot_is_not_used_in_the_preliminary_round() -> None:
    data = _ex19(free_quota_rank=1) | {"round": "preliminary"}
    result = run(data)
    assert placements(result)["FQ"] is None


def test_ex20_no_answer_means_accept_and_stay_reserve() -> None:
    data = problem_data(
        [offering("C1", 3), offering("C2", 1)],
        [
            applicant("A", line("C1", 300)),
            applicant("B", line("C1", 290)),
            applicant("C", line("C1", 280)),
            applicant("Z", line("C1", 270), line("C2", 270)),
        ],
    )
    final = run(data)
    assert outcome(final, "Z", "C1").reserve_position == 1
    reserve = run(secure_all(data, final, {"A": "decline"}))
    assert placements(reserve)["Z"] == "C1"
    assert outcome(reserve, "Z", "C2").status is Status.STRUCK


def test_ex21_preliminary_admission_then_reserve_at_the_final_round() -> None:
    competitors = [applicant(f"K{i}", line("NA@X", 275 + 2.5 * i)) for i in range(4)]
    prel = run(
        problem_data(
            [offering("NA@X", 4)],
            [
                applicant("Me", line("NA@X", 280)),
                *competitors[1:],
                applicant("Low", line("NA@X", 275)),
            ],
            round_="preliminary",
        )
    )
    assert placements(prel)["Me"] == "NA@X"
    assert outcome(prel, "Me", "NA@X").explanation.startswith(
        "Preliminärt antagen med meritvärde 280,0."
    )

    final = run(
        problem_data(
            [offering("NA@X", 2)],
            [
                applicant("Me", line("NA@X", "282.5")),
                applicant("Top", line("NA@X", 300)),
                applicant("Cut", line("NA@X", 285)),
            ],
        )
    )
    assert figures(final, "NA@X").cutoff.merit == 285
    assert outcome(final, "Me", "NA@X").explanation == (
        "Reserv nr 1. Den sista platsen gick till meritvärde 285,0; ditt meritvärde är 282,5."
    )


def test_ex22_a_cancelled_offering_is_skipped_and_the_next_choice_stays_in_time() -> None:
    result = run(
        problem_data(
            [offering("ES@Y", 10, cancelled=True), offering("SA@Z", 1)],
            [
                applicant("A", line("ES@Y", 250), line("SA@Z", 250)),
                applicant("B", line("SA@Z", 260, late=True)),
            ],
        )
    )
    assert outcome(result, "A", "ES@Y").status is Status.CANCELLED
    assert outcome(result, "A", "ES@Y").explanation == "Utbildningen startar inte."
    assert placements(result) == {"A": "SA@Z", "B": None}
