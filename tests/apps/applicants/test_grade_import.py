"""grade_import: every row checked, all errors together, nothing saved on any error,
the same file twice changes nothing, final grades locked after the deadline."""

import pytest
from django.http import Http404
from openpyxl import load_workbook

from gymnasieregion.apps.applicants.models import Grade, GradeImport
from gymnasieregion.apps.audit.models import AuditEvent
from gymnasieregion.core.row_errors import RowErrors
from tests.apps.applicants.conftest import (
    AFTER_DEADLINE,
    HEADER,
    csv_bytes,
    import_file,
    xlsx_bytes,
)
from tests.apps.applicants.factories import fake_number

pytestmark = pytest.mark.django_db


def grade_rows():
    return list(Grade.objects.order_by("pk").values())


@pytest.fixture
def pupils(register, school):
    return [register(school), register(school)]


def test_a_valid_file_is_saved_with_its_import_and_audit_event(pupils, school):
    first, second = pupils
    data = csv_bytes(
        [
            [first.identity_display, "MA", "", "", "B", "SLUTBETYG"],
            [first.identity_display, "MSP", "M2", "spa", "C", "SLUTBETYG"],
            [second.identity_number, "SV", "", "", "-", "HT9"],
        ]
    )
    result = import_file(school, data)
    assert (result.rows, result.created, result.changed, result.unchanged) == (3, 3, 0, 0)
    stored = {
        (g.person_id, g.term, g.subject, g.slot, g.language_code, g.grade)
        for g in Grade.objects.all()
    }
    assert stored == {
        (first.pk, "SLUTBETYG", "MA", "", "", "B"),
        (first.pk, "SLUTBETYG", "MSP", "M2", "SPA", "C"),
        (second.pk, "HT9", "SV", "", "", "–"),
    }
    assert Grade.objects.filter(grade_import=result.grade_import).count() == 3
    event = AuditEvent.objects.get(action="grades.import")
    assert event.payload["created"] == 3
    assert event.payload["file_sha256"] == result.grade_import.file_sha256


@pytest.mark.parametrize(
    ("row", "field", "message"),
    [
        (["{pupil}", "XX", "", "", "B", "SLUTBETYG"], "ämne", "okänt ämne 'XX'"),
        (["{pupil}", "MA", "", "", "G", "SLUTBETYG"], "betyg", "ogiltigt betyg 'G'"),
        (["20100314-2380", "MA", "", "", "B", "SLUTBETYG"], "personnummer", "kontrollsiffran"),
        (
            ["{stranger}", "MA", "", "", "B", "SLUTBETYG"],
            "personnummer",
            "inte registrerad på skolan",
        ),
        (["{pupil}", "MA", "", "", "B", "VT9"], "termin", "ogiltig termin 'VT9'"),
        (["{pupil}", "MSP", "M2", "", "B", "SLUTBETYG"], "språkkod", "språkkod saknas"),
        (["{pupil}", "MA", "M1", "", "B", "SLUTBETYG"], "språkplats", "kan inte stå på M1"),
    ],
)
def test_each_kind_of_bad_row_is_named_by_row_and_field_and_nothing_is_saved(
    pupils, school, other_school, register, row, field, message
):
    stranger = register(other_school)
    good = [pupils[0].identity_display, "EN", "", "", "A", "SLUTBETYG"]
    bad = [
        cell.format(pupil=pupils[0].identity_display, stranger=stranger.identity_display)
        for cell in row
    ]
    with pytest.raises(RowErrors) as raised:
        import_file(school, csv_bytes([good, bad]))
    [error] = raised.value.errors
    assert (error.row, error.field) == (3, field)
    assert message in error.message
    assert str(error).startswith(f"Rad 3, fältet {field}: ")
    assert not Grade.objects.exists() and not GradeImport.objects.exists()
    assert not AuditEvent.objects.filter(action="grades.import").exists()


def test_the_same_subject_twice_for_a_pupil_names_both_rows(pupils, school):
    pupil = pupils[0].identity_display
    with pytest.raises(RowErrors) as raised:
        import_file(
            school,
            csv_bytes(
                [[pupil, "MA", "", "", "B", "SLUTBETYG"], [pupil, "MA", "", "", "C", "SLUTBETYG"]]
            ),
        )
    assert [str(e) for e in raised.value.errors] == [
        "Rad 3, fältet ämne: eleven har redan MA för SLUTBETYG på rad 2."
    ]


def test_all_errors_of_the_file_are_reported_together(pupils, school):
    pupil = pupils[0].identity_display
    with pytest.raises(RowErrors) as raised:
        import_file(
            school,
            csv_bytes(
                [
                    [pupil, "XX", "", "", "B", "SLUTBETYG"],
                    [pupil, "EN", "", "", "A", "SLUTBETYG"],
                    ["123", "MA", "", "", "Q", "SLUTBETYG"],
                ]
            ),
        )
    assert [(e.row, e.field) for e in raised.value.errors] == [
        (2, "ämne"),
        (4, "betyg"),
        (4, "personnummer"),
    ]
    assert not Grade.objects.exists()


def test_a_missing_column_is_reported_on_the_header_row(pupils, school):
    header = [c for c in HEADER if c != "språkkod"]
    with pytest.raises(RowErrors) as raised:
        import_file(
            school, csv_bytes([[pupils[0].identity_display, "MA", "", "B", "SLUTBETYG"]], header)
        )
    assert [str(e) for e in raised.value.errors] == ["Rad 1, fältet språkkod: kolumnen saknas."]


def test_importing_the_same_file_twice_changes_nothing(pupils, school):
    data = csv_bytes(
        [[p.identity_display, "MA", "", "", "B", "SLUTBETYG"] for p in pupils]
        + [[pupils[0].identity_display, "MDM", "ML", "ARA", "A", "SLUTBETYG"]]
    )
    import_file(school, data)
    before = grade_rows()
    again = import_file(school, data)
    assert (again.created, again.changed, again.unchanged, again.grade_import) == (0, 0, 3, None)
    assert grade_rows() == before
    assert GradeImport.objects.count() == 1
    assert AuditEvent.objects.filter(action="grades.import").count() == 2


def test_a_later_file_changes_a_grade_and_keeps_grades_it_does_not_name(pupils, school):
    pupil = pupils[0].identity_display
    import_file(
        school, csv_bytes([[pupil, "MA", "", "", "C", "HT9"], [pupil, "EN", "", "", "C", "HT9"]])
    )
    result = import_file(school, csv_bytes([[pupil, "MA", "", "", "A", "HT9"]]))
    assert (result.created, result.changed) == (0, 1)
    assert dict(Grade.objects.values_list("subject", "grade")) == {"MA": "A", "EN": "C"}


def test_an_xlsx_file_imports_like_a_csv_and_errors_keep_the_row_numbers_of_the_sheet(
    pupils, school
):
    number = int(pupils[0].identity_number)  # a cell Excel stores as a number
    good = xlsx_bytes([[number, "MA", None, None, "B", "SLUTBETYG"]])
    result = import_file(school, good, name="betyg.xlsx")
    assert result.created == 1
    bad = xlsx_bytes(
        [
            [number, "EN", None, None, "A", "SLUTBETYG"],
            [None] * 6,
            [number, "BI", None, None, "X", "SLUTBETYG"],
        ]
    )
    with pytest.raises(RowErrors) as raised:
        import_file(school, bad, name="betyg.xlsx")
    assert [(e.row, e.field) for e in raised.value.errors] == [(4, "betyg")]


def test_after_the_deadline_a_changed_or_new_final_grade_is_refused(pupils, school):
    pupil = pupils[0].identity_display
    import_file(school, csv_bytes([[pupil, "MA", "", "", "C", "SLUTBETYG"]]))
    before = grade_rows()
    with pytest.raises(RowErrors) as raised:
        import_file(
            school,
            csv_bytes(
                [[pupil, "MA", "", "", "A", "SLUTBETYG"], [pupil, "EN", "", "", "A", "SLUTBETYG"]]
            ),
            today=AFTER_DEADLINE,
        )
    messages = [str(e) for e in raised.value.errors]
    assert messages == [
        "Rad 2, fältet betyg: slutbetyget kan inte ändras efter sista dag för slutbetyg "
        "(2026-06-25); begär en rättelse som rektor godkänner.",
        "Rad 3, fältet betyg: slutbetyget kan inte läggas till efter sista dag för slutbetyg "
        "(2026-06-25); begär en rättelse som rektor godkänner.",
    ]
    assert grade_rows() == before


def test_after_the_deadline_unchanged_final_grades_and_supplements_still_import(pupils, school):
    pupil = pupils[0].identity_display
    import_file(school, csv_bytes([[pupil, "MA", "", "", "F", "SLUTBETYG"]]))
    result = import_file(
        school,
        csv_bytes(
            [[pupil, "MA", "", "", "F", "SLUTBETYG"], [pupil, "MA", "", "", "E", "KOMPLETTERING"]]
        ),
        today=AFTER_DEADLINE,
    )
    assert (result.created, result.unchanged) == (1, 1)


def test_a_counsellor_imports_only_for_their_own_school(make_user, register, other_school):
    pupil = register(other_school)
    with pytest.raises(Http404):
        import_file(
            other_school,
            csv_bytes([[pupil.identity_display, "MA", "", "", "B", "SLUTBETYG"]]),
            actor=make_user("study_counsellor"),
        )


def test_an_empty_file_or_one_without_rows_is_refused(pupils, school):
    with pytest.raises(RowErrors, match="inga betygsrader"):
        import_file(school, csv_bytes([]))


# The page


def test_the_page_lists_every_error_beside_the_form_and_saves_nothing(client_as, pupils, school):
    client = client_as("study_counsellor")
    data = csv_bytes(
        [
            [pupils[0].identity_display, "XX", "", "", "B", "SLUTBETYG"],
            ["1", "MA", "", "", "B", "SLUTBETYG"],
        ]
    )
    upload = {"sending_school": school.pk, "file": _file(data, "betyg.csv")}
    response = client.post("/elever/betyg/import/", upload)
    html = response.content.decode()
    assert response.status_code == 400
    assert "Rad 2, fältet ämne: okänt ämne &#x27;XX&#x27;." in html
    assert "Rad 3, fältet personnummer:" in html
    assert "Ingenting sparades" in html
    assert not Grade.objects.exists()


def test_the_page_imports_a_valid_file_and_says_what_changed(client_as, pupils, school):
    client = client_as("study_counsellor")
    data = csv_bytes([[pupils[0].identity_display, "MA", "", "", "B", "HT9"]])
    response = client.post(
        "/elever/betyg/import/",
        {"sending_school": school.pk, "file": _file(data, "betyg.csv")},
        follow=True,
    )
    assert "1 betygsrader lästes: 1 nya, 0 ändrade och 0 oförändrade." in response.content.decode()
    assert Grade.objects.count() == 1


def test_an_unreadable_file_is_reported_on_the_file_field(client_as, school):
    response = client_as("study_counsellor").post(
        "/elever/betyg/import/",
        {"sending_school": school.pk, "file": _file(b"PK\x03\x04 broken", "betyg.xlsx")},
    )
    assert response.status_code == 400
    assert "Filen kan inte läsas som XLSX. Ingenting sparades." in response.content.decode()


def test_a_counsellor_cannot_choose_another_school_on_the_page(client_as, other_school):
    response = client_as("study_counsellor").post(
        "/elever/betyg/import/",
        {"sending_school": other_school.pk, "file": _file(csv_bytes([]), "betyg.csv")},
    )
    assert response.status_code == 400
    assert "Välj skola." in response.content.decode()


def test_the_templates_have_the_columns_of_the_grade_file(client_as):
    client = client_as("study_counsellor")
    text = client.get("/elever/betyg/mall.csv").content.decode("utf-8-sig")
    assert text.strip() == ";".join(HEADER)
    response = client.get("/elever/betyg/mall.xlsx")
    from io import BytesIO

    workbook = load_workbook(BytesIO(response.content))
    assert [c.value for c in workbook["Betyg"][1]] == HEADER
    assert workbook.sheetnames == ["Betyg", "Förklaring"]


def test_the_template_round_trips_through_the_import(client_as, pupils, school):
    """A school fills in the downloaded XLSX template and imports it."""
    from io import BytesIO

    workbook = load_workbook(
        BytesIO(client_as("study_counsellor").get("/elever/betyg/mall.xlsx").content)
    )
    workbook["Betyg"].append([pupils[0].identity_display, "MA", "", "", "B", "SLUTBETYG"])
    buffer = BytesIO()
    workbook.save(buffer)
    assert import_file(school, buffer.getvalue(), name="mall.xlsx").created == 1


def _file(data: bytes, name: str):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile(name, data)


def test_numbers_from_the_fake_generator_are_unique_per_pupil():
    assert len({fake_number(n).value for n in range(200)}) == 200
