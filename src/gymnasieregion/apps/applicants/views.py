"""Pages of persons and grades: the pupil list and card, registration, grade import and
corrections. Each view parses input, calls one service or selector, and renders."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from gymnasieregion.apps.accounts.access import (
    access_permission,
    actor_has_permission,
    actor_scope,
)
from gymnasieregion.apps.accounts.models import User
from gymnasieregion.apps.applicants.admission_dates import admission_dates
from gymnasieregion.apps.applicants.forms import (
    CorrectionDecisionForm,
    CorrectionRequestForm,
    GradeImportForm,
    PersonForm,
    PersonSearchForm,
)
from gymnasieregion.apps.applicants.grade_files import (
    CSV_TEMPLATE_NAME,
    TEMPLATE_TYPES,
    XLSX_TEMPLATE_NAME,
    csv_template,
    file_digest,
    grade_table_read,
    xlsx_template,
)
from gymnasieregion.apps.applicants.models import CorrectionStatus
from gymnasieregion.apps.applicants.selectors import (
    access_grade_correction,
    access_person,
    grade_correction_list,
    grade_import_list,
    own_person_id,
    person_list,
    person_list_read_record,
    pupil_card_get,
    sending_schools_for,
)
from gymnasieregion.apps.applicants.services import (
    grade_correction_decide,
    grade_correction_request,
    grade_import,
    person_register,
)
from gymnasieregion.core.admission.problem import Round
from gymnasieregion.core.grades.grade_file import COLUMNS
from gymnasieregion.core.row_errors import RowErrors
from gymnasieregion.files.tabular import TableFileError

VIEW_PERMISSIONS = frozenset(
    {"persons.view_self", "persons.view_school", "persons.view_residents", "persons.view_all"}
)
CORRECTION_PERMISSIONS = frozenset(
    {"persons.view_all", "grades.correction_request", "grades.correction_decide"}
)
ROUNDS = {"preliminar": Round.PRELIMINARY, "slutlig": Round.FINAL, "reserv": Round.RESERVE}
ROUND_PARAMETERS = {round_: name for name, round_ in ROUNDS.items()}
PAGE_SIZE = 50


def _require_any(request: HttpRequest, permissions: frozenset[str]) -> None:
    if not permissions & actor_scope(request.user).permissions:
        raise Http404


@login_required
def person_index(request: HttpRequest) -> HttpResponse:
    """The pupils the actor may see, searchable; 50 a page."""
    _require_any(request, VIEW_PERMISSIONS)
    schools = sending_schools_for(actor=request.user, permission="persons.view_all")
    form = PersonSearchForm(request.GET, schools=schools)
    form.is_valid()
    search = form.cleaned_data.get("q", "") if form.is_bound else ""
    school = form.cleaned_data.get("skola")
    persons = person_list(
        actor=request.user, search=search or "", sending_school_id=school.pk if school else None
    )
    page = Paginator(persons, PAGE_SIZE).get_page(request.GET.get("sida"))
    person_list_read_record(
        actor=request.user,
        shown=len(page.object_list),
        page=page.number,
        searched=bool(search),
    )
    query = request.GET.copy()
    query.pop("sida", None)
    return TemplateResponse(
        request,
        "applicants/person_list.html",
        {
            "form": form,
            "page": page,
            "query": query.urlencode(),
            "can_register": actor_has_permission(request.user, "persons.register"),
            "can_import": actor_has_permission(request.user, "grades.import"),
            "can_see_corrections": bool(
                CORRECTION_PERMISSIONS & actor_scope(request.user).permissions
            ),
        },
    )


@login_required
def person_me(request: HttpRequest) -> HttpResponse:
    """The applicant's own card."""
    access_permission(request.user, "persons.view_self")
    person = own_person_id(actor=request.user)
    if person is None:
        raise Http404
    return redirect("applicants:card", pk=person)


@login_required
@require_http_methods(["GET", "POST"])
def person_create(request: HttpRequest) -> HttpResponse:
    access_permission(request.user, "persons.register")
    office = actor_has_permission(request.user, "persons.view_all")
    schools = sending_schools_for(actor=request.user, permission="persons.register")
    if request.method == "POST":
        form = PersonForm(request.POST, schools=schools, office=office)
        if form.is_valid():
            data = form.cleaned_data
            try:
                person = person_register(
                    actor=request.user,
                    identity_number=data["identity_number"],
                    given_name=data["given_name"],
                    family_name=data["family_name"],
                    home_municipality=data["home_municipality"],
                    sending_school=data["sending_school"],
                    protected_identity=data.get("protected_identity", False),
                    email=data["email"],
                    phone=data["phone"],
                    postal_address=data["postal_address"],
                    foreign_grades=data["foreign_grades"],
                    nordic=data["nordic"],
                    newly_arrived=data["newly_arrived"],
                )
            except ValueError as error:
                form.add_error("identity_number", str(error))
            else:
                messages.success(request, f"{person} är registrerad.")
                return redirect("applicants:card", pk=person.pk)
        status = 400
    else:
        first = schools.first()
        initial = {"sending_school": first.pk} if first and len(schools) == 1 else {}
        if first is not None and first.municipality_id and len(schools) == 1:
            initial["home_municipality"] = first.municipality_id
        form = PersonForm(initial=initial, schools=schools, office=office)
        status = 200
    return TemplateResponse(request, "applicants/person_form.html", {"form": form}, status=status)


@login_required
def pupil_card(request: HttpRequest, pk: int) -> HttpResponse:
    """The pupil card: identity, grades by term, merit breakdown, eligibility per programme."""
    round_ = ROUNDS.get(request.GET.get("omgang", ""))
    card = pupil_card_get(
        actor=request.user,
        pk=pk,
        dates=admission_dates(today=timezone.localdate()),
        round_=round_,
    )
    can_request = card.person.sending_school_id is not None and (
        sending_schools_for(actor=request.user, permission="grades.correction_request")
        .filter(pk=card.person.sending_school_id)
        .exists()
    )
    return TemplateResponse(
        request,
        "applicants/pupil_card.html",
        {
            "card": card,
            "person": card.person,
            "merit": card.assessment.merit,
            "round_parameters": [
                (ROUND_PARAMETERS[r], label, r is card.round) for r, label in card.rounds
            ],
            "can_request_correction": can_request,
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def grade_import_page(request: HttpRequest) -> HttpResponse:
    """Upload a grade file; every error is listed beside the form and nothing is saved."""
    access_permission(request.user, "grades.import")
    schools = sending_schools_for(actor=request.user, permission="grades.import")
    row_errors: list[str] = []
    status = 200
    if request.method == "POST":
        form = GradeImportForm(request.POST, request.FILES, schools=schools)
        status = 400
        if form.is_valid():
            upload = form.cleaned_data["file"]
            data = upload.read()
            today = timezone.localdate()
            try:
                table = grade_table_read(data, upload.name)
                result = grade_import(
                    actor=request.user,
                    sending_school=form.cleaned_data["sending_school"],
                    header=table.header,
                    rows=table.rows,
                    file_name=upload.name,
                    file_sha256=file_digest(data),
                    deadline=admission_dates(today=today).final_grade_deadline,
                    today=today,
                )
            except TableFileError as error:
                form.add_error("file", f"{error} Ingenting sparades.")
            except RowErrors as error:
                row_errors = [str(e) for e in error.errors]
            else:
                messages.success(
                    request,
                    f"{result.rows} betygsrader lästes: {result.created} nya, "
                    f"{result.changed} ändrade och {result.unchanged} oförändrade.",
                )
                return redirect("applicants:grade_import")
    else:
        form = GradeImportForm(schools=schools)
    return TemplateResponse(
        request,
        "applicants/grade_import.html",
        {
            "form": form,
            "row_errors": row_errors,
            "columns": COLUMNS,
            "deadline": admission_dates(today=timezone.localdate()).final_grade_deadline,
            "imports": grade_import_list(actor=request.user)[:10],
        },
        status=status,
    )


@login_required
def grade_template(request: HttpRequest, file_format: str) -> HttpResponse:
    access_permission(request.user, "grades.import")
    if file_format not in TEMPLATE_TYPES:
        raise Http404
    body = csv_template() if file_format == "csv" else xlsx_template()
    name = CSV_TEMPLATE_NAME if file_format == "csv" else XLSX_TEMPLATE_NAME
    response = HttpResponse(body, content_type=TEMPLATE_TYPES[file_format])
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@login_required
def correction_index(request: HttpRequest) -> HttpResponse:
    _require_any(request, CORRECTION_PERMISSIONS)
    status = request.GET.get("status", "")
    if status not in CorrectionStatus.values:
        status = ""
    corrections = grade_correction_list(actor=request.user, status=status or None)
    return TemplateResponse(
        request,
        "applicants/correction_list.html",
        {
            "page": Paginator(corrections, PAGE_SIZE).get_page(request.GET.get("sida")),
            "status": status,
            "statuses": CorrectionStatus.choices,
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def correction_create(request: HttpRequest, pk: int) -> HttpResponse:
    """The study counsellor asks to correct a final grade after the deadline."""
    access_permission(request.user, "grades.correction_request")
    person = access_person(actor=request.user, pk=pk)
    status = 200
    if request.method == "POST":
        form = CorrectionRequestForm(request.POST)
        status = 400
        if form.is_valid():
            data = form.cleaned_data
            today = timezone.localdate()
            try:
                correction = grade_correction_request(
                    actor=request.user,
                    person=person,
                    subject=data["subject"],
                    slot=data["slot"],
                    language_code=data["language_code"],
                    new_grade=data["new_grade"],
                    reason=data["reason"],
                    deadline=admission_dates(today=today).final_grade_deadline,
                    today=today,
                )
            except ValueError as error:
                form.add_error(None, str(error))
            else:
                messages.success(request, "Rättelsen är skickad till rektor för beslut.")
                return redirect("applicants:correction", pk=correction.pk)
    else:
        form = CorrectionRequestForm()
    return TemplateResponse(
        request,
        "applicants/correction_form.html",
        {"form": form, "person": person},
        status=status,
    )


@login_required
@require_http_methods(["GET", "POST"])
def correction_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """A correction; the principal of the sending school approves or rejects it here."""
    correction = access_grade_correction(actor=request.user, pk=pk)
    can_decide = (
        correction.status == CorrectionStatus.PENDING
        and sending_schools_for(actor=request.user, permission="grades.correction_decide")
        .filter(pk=correction.sending_school_id)
        .exists()
    )
    status = 200
    form = CorrectionDecisionForm()
    if request.method == "POST":
        if not can_decide:
            raise Http404
        form = CorrectionDecisionForm(request.POST)
        status = 400
        if form.is_valid():
            approve = form.cleaned_data["decision"] == "godkann"
            try:
                grade_correction_decide(
                    actor=request.user,
                    correction=correction,
                    approve=approve,
                    note=form.cleaned_data["note"],
                )
            except ValueError as error:
                form.add_error(None, str(error))
            else:
                messages.success(
                    request,
                    "Rättelsen är godkänd och betyget ändrat."
                    if approve
                    else "Rättelsen är avslagen.",
                )
                return redirect("applicants:correction", pk=correction.pk)
    return TemplateResponse(
        request,
        "applicants/correction_detail.html",
        {
            "correction": correction,
            "form": form,
            "can_decide": can_decide,
            "own_request": isinstance(request.user, User)
            and correction.requested_by_id == request.user.pk,
        },
        status=status,
    )
