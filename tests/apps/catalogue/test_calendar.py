"""The phases of the admission year: each action is open in its window only, and a refusal
names the window (the worked example 2027 of docs/domain/admission-calendar.md)."""

from dataclasses import asdict, replace
from datetime import date

import pytest

from gymnasieregion.apps.catalogue.calendar import (
    Action,
    PhaseClosed,
    admission_year_errors,
    date_text,
    phase_is_open,
    phase_require,
    phase_sentence,
    phase_timeline,
    window_text,
)
from gymnasieregion.apps.catalogue.demo import demo_admission_year_data
from gymnasieregion.apps.catalogue.models import AdmissionYear


def unsaved_year(**changes: object) -> AdmissionYear:
    """The demo calendar of 2027 as an unsaved row (the rules need no database)."""
    fields = asdict(demo_admission_year_data(2027))
    fields["reserve_round_dates"] = [d.isoformat() for d in fields["reserve_round_dates"]]
    return AdmissionYear(year=2027, **(fields | changes))


YEAR = unsaved_year()

# action → (first open day, last open day, the sentence of a refusal)
WINDOWS = {
    Action.OFFERINGS_EDIT: (
        date(2026, 10, 1),
        date(2027, 1, 13),
        "Skolorna kan lägga upp och ändra utbildningar 1 oktober 2026–13 januari 2027.",
    ),
    Action.APPLY: (
        date(2027, 1, 14),
        date(2027, 2, 15),
        "Ansökan är öppen 14 januari–15 februari 2027.",
    ),
    Action.CHANGE: (date(2027, 4, 15), date(2027, 5, 17), "Omvalet är öppet 15 april–17 maj 2027."),
    Action.LATE_CHOICE: (
        date(2027, 2, 16),
        date(2027, 8, 5),
        "Sena ansökningar och sena omval tas emot 16 februari–5 augusti 2027.",
    ),
    Action.ANSWER: (
        date(2027, 7, 1),
        date(2027, 7, 16),
        "Svar på antagningen kan lämnas 1 juli–16 juli 2027.",
    ),
    Action.OFFERING_CANCEL_SCHOOL: (
        date(2026, 10, 1),
        date(2027, 4, 14),
        "Skolan kan själv lägga ned en utbildning 1 oktober 2026–14 april 2027; "
        "därefter gör antagningskansliet det.",
    ),
}


@pytest.mark.parametrize("action", list(WINDOWS))
def test_an_action_is_open_on_the_first_and_last_day_of_its_window(action):
    first, last, _ = WINDOWS[action]
    for day in (first, last):
        phase_require(year=YEAR, action=action, today=day)
        assert phase_is_open(year=YEAR, action=action, today=day)


@pytest.mark.parametrize("action", list(WINDOWS))
def test_outside_its_window_an_action_is_refused_with_a_message_naming_the_window(action):
    first, last, sentence = WINDOWS[action]
    for day in (first.fromordinal(first.toordinal() - 1), last.fromordinal(last.toordinal() + 1)):
        with pytest.raises(PhaseClosed) as refused:
            phase_require(year=YEAR, action=action, today=day)
        assert str(refused.value) == sentence
        assert refused.value.messages == [sentence]
        assert refused.value.action == action


def test_the_office_edits_offerings_until_the_day_before_applications_open():
    phase_require(year=YEAR, action="offerings_edit_office", today=date(2020, 1, 1))
    phase_require(year=YEAR, action="offerings_edit_office", today=date(2027, 1, 13))
    with pytest.raises(PhaseClosed, match="till och med 13 januari 2027"):
        phase_require(year=YEAR, action="offerings_edit_office", today=date(2027, 1, 14))


def test_the_office_cancels_offerings_until_the_day_before_studies_start():
    assert phase_sentence(year=YEAR, action=Action.OFFERING_CANCEL_OFFICE) == (
        "En utbildning kan läggas ned till och med 16 augusti 2027."
    )
    assert phase_is_open(year=YEAR, action=Action.OFFERING_CANCEL_OFFICE, today=date(2027, 8, 16))
    assert not phase_is_open(
        year=YEAR, action=Action.OFFERING_CANCEL_OFFICE, today=date(2027, 8, 17)
    )


def test_late_choices_end_at_the_answer_deadline_when_the_year_has_no_reserve_rounds():
    year = unsaved_year(reserve_round_dates=[])
    assert phase_sentence(year=year, action=Action.LATE_CHOICE).endswith(
        "16 februari–16 juli 2027."
    )


def test_an_unknown_action_is_a_programming_error():
    with pytest.raises(ValueError):
        phase_require(year=YEAR, action="dance", today=date(2027, 1, 1))


def test_dates_and_windows_are_written_in_swedish():
    assert date_text(date(2027, 2, 15)) == "15 februari 2027"
    assert window_text(date(2027, 1, 14), date(2027, 2, 15)) == "14 januari–15 februari 2027"
    assert window_text(date(2026, 10, 1), date(2027, 1, 13)) == "1 oktober 2026–13 januari 2027"
    assert window_text(date(2027, 7, 1), date(2027, 7, 1)) == "1 juli 2027"
    assert window_text(None, date(2027, 1, 13)) == "till och med 13 januari 2027"
    assert window_text(date(2027, 1, 13), None) == "från och med 13 januari 2027"


def test_the_timeline_lists_the_year_in_order_with_the_reserve_rounds():
    steps = phase_timeline(year=YEAR)
    assert [s.label for s in steps][-3:] == ["Reservantagning 1", "Reservantagning 2", "Skolstart"]
    firsts = [s.window.first for s in steps]
    assert firsts == sorted(firsts)
    assert steps[1].state(date(2027, 1, 20)) == "current"
    assert steps[1].state(date(2027, 3, 1)) == "past"
    assert steps[1].state(date(2026, 12, 1)) == "future"


def test_a_calendar_in_order_has_no_errors():
    assert admission_year_errors(demo_admission_year_data(2027)) == {}


def test_a_calendar_out_of_order_names_each_field_that_is_wrong():
    data = replace(
        demo_admission_year_data(2027),
        application_closes=date(2027, 1, 1),
        answer_deadline=date(2027, 9, 1),
        reserve_round_dates=(date(2027, 6, 1),),
        choice_cap=0,
        rules_version="1999.9",
    )
    errors = admission_year_errors(data)
    assert errors["application_closes"] == ["Ansökan kan inte stänga innan den öppnar."]
    assert errors["study_start"] == ["Skolstarten ska vara efter sista svarsdag."]
    assert "ska ligga mellan slutantagningen och skolstarten" in errors["reserve_round_dates"][0]
    assert errors["choice_cap"] == ["Högsta antal val ska vara minst 1."]
    assert "Regelversionen '1999.9' finns inte" in errors["rules_version"][0]
