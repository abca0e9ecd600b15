"""Decision letters (*antagningsbesked*): one per applicant and published run (domain §10 R2, R4).

A letter lists every choice line of the applicant with its outcome and the reason from
the run (`LineResult.explanation`), says which decisions can be appealed and how, and
what the applicant must do next (answer by the deadline, or wait for the final round).

Content is built as plain data (`DecisionLetter`); rendering is separate: HTML through the
templates in `admissions/applicant/`, PDF with fpdf2 (`letter_pdf`), and an HTML e-mail
(`letter_email`). The appeal rules (`line_appeal`) follow domain §10 R2:

- appealable to Skolväsendets överklagandenämnd, through the deciding organiser, within
  three weeks: eligibility (*behörighet*) and reception (*mottagande*) for national
  programmes (NIU is a national programme) and for introduction programmes for a group,
  and reception in second hand at municipal and regional schools (special reasons);
- not appealable: the selection itself (who of the eligible got the places), fri kvot;
- a preliminary round is information, not a decision: nothing to appeal.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum
from typing import Any, NamedTuple

from django.conf import settings
from django.core.cache import cache
from django.core.mail import EmailMultiAlternatives
from django.db.models import QuerySet
from django.http import Http404
from django.template.loader import render_to_string
from django.utils import timezone
from fpdf import FPDF
from fpdf.enums import XPos, YPos

from gymnasieregion.apps.admissions.models import (
    AdmissionRun,
    Application,
    ApplicationVersion,
    ChoiceLine,
    LineResult,
    RunKind,
)
from gymnasieregion.apps.applicants.models import Person
from gymnasieregion.apps.catalogue.calendar import date_text, phase_sentence
from gymnasieregion.apps.catalogue.models import AdmissionYear, OfferingKind
from gymnasieregion.apps.organisations.models import OrganiserType
from gymnasieregion.core.admission.outcome import Reason, Status
from gymnasieregion.core.admission.problem import Hand
from gymnasieregion.database.compiled_query import STAND_IN_IDS, CompiledQuery

SENDER = "Gymnasieantagningen"
APPEAL_BODY = "Skolväsendets överklagandenämnd"
LETTER_CHUNK = 2000  # applications per round of queries in `decision_letters_for_run`
LETTER_CACHE_SECONDS = 15 * 60

STATUS_LABELS = {
    Status.ADMITTED: "Antagen",
    Status.RESERVE: "Reserv",
    Status.STRUCK: "Struken",
    Status.NOT_ELIGIBLE: "Ej behörig",
    Status.CANCELLED: "Startar ej",
    Status.DECLINED: "Avböjd",
    Status.NOT_OFFERED: "Ej erbjuden plats",
}
RUN_LABELS = {
    RunKind.PRELIMINARY: "Preliminär antagning",
    RunKind.FINAL: "Slutantagning",
    RunKind.RESERVE: "Reservantagning",
    RunKind.SIMULATION: "Simulering",
}
# Offering kinds whose eligibility and reception decisions can be appealed (SL 16 kap 36 §,
# 17 kap 14 §; domain §10 R2). NIU is a national programme with a sports part.
APPEALABLE_KINDS = frozenset(
    {OfferingKind.NATIONAL, OfferingKind.SPORTS, OfferingKind.INTRODUCTION_GROUP}
)


class Appeal(StrEnum):
    """Whether the decision on a line can be appealed, and why (domain §10 R2)."""

    APPEALABLE = "appealable"
    SELECTION = "selection"  # the ranking of eligible applicants: not appealable
    FREE_QUOTA = "free_quota"  # fri kvot, GyF 7 kap 3 §: not appealable
    FAVOURABLE = "favourable"  # admitted: nothing to appeal
    NO_DECISION = "no_decision"  # struck, declined, cancelled, or a preliminary round
    ASK_ORGANISER = "ask_organiser"  # a decision the domain document does not settle


APPEAL_TEXTS = {
    Appeal.APPEALABLE: "Beslutet kan överklagas. Se ”Så överklagar du” nedan.",
    Appeal.SELECTION: "Urvalet mellan de behöriga sökande kan inte överklagas.",
    Appeal.FREE_QUOTA: "Beslut om fri kvot kan inte överklagas.",
    Appeal.FAVOURABLE: "",
    Appeal.NO_DECISION: "",
    Appeal.ASK_ORGANISER: "Kontakta skolans huvudman om du har frågor om beslutet.",
}


@dataclass(frozen=True)
class LetterLine:
    """One choice line with its outcome, as the letter shows it."""

    line_id: int
    rank: int
    offering_id: int
    offering_code: str
    offering_name: str
    school_name: str
    organiser_name: str
    status: str
    status_label: str
    reserve_position: int | None
    explanation: str
    appeal: Appeal

    @property
    def appeal_text(self) -> str:
        if self.appeal is Appeal.APPEALABLE:
            organiser = self.organiser_name or "skolans huvudman"
            return f"Beslutet kan överklagas. Skicka överklagandet till {organiser}."
        return APPEAL_TEXTS[self.appeal]

    @property
    def admitted(self) -> bool:
        return self.status == Status.ADMITTED

    @property
    def place(self) -> str:
        """`Ekonomiprogrammet vid Demogymnasiet`, unless the name already names the school."""
        if self.school_name and self.school_name not in self.offering_name:
            return f"{self.offering_name} vid {self.school_name}"
        return self.offering_name


@dataclass(frozen=True)
class DecisionLetter:
    """A decision letter: who, which round, every line, and what to do next."""

    run_id: int
    run_kind: str
    round_label: str
    year: int
    person_id: int
    person_name: str
    identity_display: str
    published_on: date
    lines: tuple[LetterLine, ...]
    next_steps: tuple[str, ...]
    appeal_paragraphs: tuple[str, ...]
    answer_deadline: date | None

    @property
    def title(self) -> str:
        return f"Antagningsbesked: {self.round_label.lower()} {self.year}"

    @property
    def published_text(self) -> str:
        return date_text(self.published_on)

    @property
    def preliminary(self) -> bool:
        return self.run_kind == RunKind.PRELIMINARY

    @property
    def admitted_line(self) -> LetterLine | None:
        return next((line for line in self.lines if line.admitted), None)

    @property
    def reserve_above_place(self) -> bool:
        """Whether the applicant is reserve on a choice above the place (domain §5.5 R4)."""
        return self.admitted_line is not None and any(
            line.status == Status.RESERVE for line in self.lines
        )

    @property
    def appealable(self) -> bool:
        return any(line.appeal is Appeal.APPEALABLE for line in self.lines)


# --- The rules of the letter ------------------------------------------------------------


def status_label(status: str, reserve_position: int | None, *, preliminary: bool) -> str:
    """`Antagen`, `Preliminärt antagen`, `Reserv nr 4`, `Ej behörig` …"""
    if status == Status.RESERVE and reserve_position is not None:
        return f"Reserv nr {reserve_position}"
    if status == Status.ADMITTED and preliminary:
        return "Preliminärt antagen"
    return STATUS_LABELS.get(Status(status), status)


def line_appeal(
    *,
    status: str,
    reason: str,
    kind: str,
    hand: str,
    organiser_type: str,
    preliminary: bool,
) -> Appeal:
    """Whether the outcome of one line is an appealable decision (domain §10 R2)."""
    if preliminary:
        return Appeal.NO_DECISION
    if status == Status.ADMITTED:
        return Appeal.FREE_QUOTA if reason == Reason.ADMITTED_FREE_QUOTA else Appeal.FAVOURABLE
    if status in (Status.STRUCK, Status.DECLINED, Status.CANCELLED):
        return Appeal.NO_DECISION
    if status == Status.NOT_ELIGIBLE:
        return Appeal.APPEALABLE if kind in APPEALABLE_KINDS else Appeal.ASK_ORGANISER
    second_hand = hand == Hand.SECOND and organiser_type != OrganiserType.INDEPENDENT
    if second_hand and kind in APPEALABLE_KINDS:
        return Appeal.APPEALABLE  # refused first-hand reception (SL 16 kap 43-44 §§)
    if status == Status.NOT_OFFERED:
        return (
            Appeal.APPEALABLE if kind == OfferingKind.INTRODUCTION_GROUP else Appeal.ASK_ORGANISER
        )
    return Appeal.SELECTION


def appeal_paragraphs(lines: Sequence[LetterLine], *, preliminary: bool) -> tuple[str, ...]:
    """How to appeal, when a line can be appealed; and what cannot be (domain §10 R2)."""
    if preliminary:
        return (
            "Den preliminära antagningen är ett besked, inte ett beslut, och kan inte "
            "överklagas. Besluten fattas vid slutantagningen.",
        )
    paragraphs = []
    if any(line.appeal is Appeal.APPEALABLE for line in lines):
        paragraphs += [
            f"Beslut om behörighet och mottagande kan överklagas till {APPEAL_BODY}. "
            "Det gäller de val där det står att beslutet kan överklagas.",
            "Skriv vilket beslut du överklagar (utbildningen och skolan), hur du vill att "
            "beslutet ska ändras och varför. Skicka överklagandet till huvudmannen för skolan, "
            "inte direkt till nämnden. Huvudmannen ska ha fått överklagandet inom tre veckor "
            f"från den dag du fick del av beslutet. Huvudmannen skickar det vidare till {APPEAL_BODY}.",
        ]
    paragraphs.append(
        "Urvalet, alltså vem av de behöriga sökande som får platserna, kan inte överklagas. "
        "Beslut om fri kvot kan inte heller överklagas."
    )
    return tuple(paragraphs)


def next_steps(
    run: AdmissionRun, admitted: LetterLine | None, lines: Sequence[LetterLine]
) -> tuple[str, ...]:
    """What the applicant does next: answer, wait for the final round, or ask."""
    year = run.admission_year
    if run.kind == RunKind.PRELIMINARY:
        return (
            "Det här är ett preliminärt besked. Platserna fördelas först vid slutantagningen "
            f"{date_text(year.final_published)}, med dina slutbetyg.",
            phase_sentence(year=year, action="change")
            + " Då kan du ändra dina val utan att de blir sena.",
        )
    steps = []
    reserve = any(line.status == Status.RESERVE for line in lines)
    if admitted is not None:
        default = (
            "tackar du ja till platsen och står kvar som reserv på dina högre val"
            if reserve
            else "tackar du ja till platsen"
        )
        steps.append(
            f"Du är antagen till {admitted.place}. "
            f"Svara senast {date_text(year.answer_deadline)}. Om du inte svarar {default}."
        )
        if reserve:
            steps.append(
                "Som reserv kan du antas till ett högre val i en reservantagning. Då får du "
                "den platsen i stället och lämnar den du har."
            )
    elif reserve:
        steps.append(
            "Du är reserv. Om en plats blir ledig kan du antas i en reservantagning. "
            "Du kan också söka lediga platser; sådana val blir sena."
        )
    else:
        steps.append(
            "Du har inte fått någon plats. Kontakta din studie- och yrkesvägledare; du kan "
            "söka lediga platser, men sådana val blir sena."
        )
    return tuple(steps)


# --- Reading what a letter needs --------------------------------------------------------


def _ranks_at_run(
    versions: Iterable[tuple[datetime, list[int]]], started_at: datetime
) -> dict[int, int]:
    """Offering id → rank in the list saved last before the run started."""
    before = [(saved, ids) for saved, ids in versions if saved <= started_at]
    if not before:
        return {}
    _, ids = max(before, key=lambda v: v[0])
    return {int(offering): rank for rank, offering in enumerate(ids, start=1)}


def _letter(
    run: AdmissionRun,
    person: Person,
    results: Sequence[ResultRow],
    ranks: dict[int, int],
) -> DecisionLetter:
    preliminary = run.kind == RunKind.PRELIMINARY
    lines = []
    for result in results:
        # The organiser decides; a school unit without one is its own organiser.
        organiser_type = result.organiser_type
        if result.organiser_name is None:
            organiser_type = result.school_organiser_type
        lines.append(
            LetterLine(
                line_id=result.line_id,
                rank=ranks.get(result.offering_id, result.rank),
                offering_id=result.offering_id,
                offering_code=result.offering_code,
                offering_name=result.offering_name,
                school_name=result.school_name,
                organiser_name=result.organiser_name or "",
                status=result.status,
                status_label=status_label(
                    result.status, result.reserve_position, preliminary=preliminary
                ),
                reserve_position=result.reserve_position,
                explanation=result.explanation,
                appeal=line_appeal(
                    status=result.status,
                    reason=result.reason,
                    kind=result.offering_kind,
                    hand=result.hand,
                    organiser_type=organiser_type or "",
                    preliminary=preliminary,
                ),
            )
        )
    lines.sort(key=lambda letter_line: (letter_line.rank, letter_line.offering_code))
    admitted = next((line for line in lines if line.admitted), None)
    published = run.published_at or run.finished_at
    answer_deadline = (
        run.admission_year.answer_deadline
        if admitted is not None and run.kind in (RunKind.FINAL, RunKind.RESERVE)
        else None
    )
    return DecisionLetter(
        run_id=run.pk,
        run_kind=run.kind,
        round_label=_round_label(run),
        year=run.admission_year.year,
        person_id=person.pk,
        person_name=f"{person.given_name} {person.family_name}",
        identity_display=person.identity_display,
        published_on=timezone.localdate(published),
        lines=tuple(lines),
        next_steps=next_steps(run, admitted, lines),
        appeal_paragraphs=appeal_paragraphs(lines, preliminary=preliminary),
        answer_deadline=answer_deadline,
    )


def _round_label(run: AdmissionRun) -> str:
    label = RUN_LABELS.get(RunKind(run.kind), run.kind)
    return f"{label} {run.number}" if run.kind == RunKind.RESERVE else label


class ResultRow(NamedTuple):
    """What a letter shows of one line's result, read as plain values."""

    line_id: int
    rank: int
    hand: str
    application_id: int
    offering_id: int
    offering_code: str
    offering_name: str
    offering_kind: str
    school_name: str
    school_organiser_type: str | None
    organiser_name: str | None
    organiser_type: str | None
    status: str
    reserve_position: int | None
    reason: str
    explanation: str


RESULT_FIELDS = (
    "line_id",
    "line__rank",
    "line__hand",
    "line__application_id",
    "line__offering_id",
    "line__offering__code",
    "line__offering__name",
    "line__offering__kind",
    "line__offering__school_unit__name",
    "line__offering__school_unit__organiser_type",
    "line__offering__school_unit__parent__name",
    "line__offering__school_unit__parent__organiser_type",
    "status",
    "reserve_position",
    "reason",
    "explanation",
)


def _result_rows(run_id: int) -> QuerySet[LineResult, tuple[Any, ...]]:
    return LineResult.objects.filter(run_id=run_id).order_by().values_list(*RESULT_FIELDS)


# One applicant's letter, compiled once (ADR 0105): the results of the run on the
# application's lines (withdrawn ones too: a published letter never changes when the
# list does), its saved lists and the person. By the application's line ids the
# (run, line) index finds the results at once, where a join on the application would
# walk the run's 130,000 results.
_RESULTS = CompiledQuery(
    lambda run_id, application_id: _result_rows(run_id).filter(
        line_id__in=ChoiceLine.all_lines.filter(application_id=application_id).values("pk")
    ),
    STAND_IN_IDS[:2],
)
_VERSIONS = CompiledQuery(
    lambda application_id: ApplicationVersion.objects.filter(application_id=application_id),
    STAND_IN_IDS[:1],
)
_PERSON = CompiledQuery(lambda pk: Person.objects.filter(pk=pk).order_by(), STAND_IN_IDS[:1])


def _calendar_key(year: AdmissionYear) -> str:
    """The calendar dates a letter quotes, as part of its cache key."""
    fields = ("change_opens", "change_closes", "final_published", "answer_deadline")
    return ",".join(str(getattr(year, field)) for field in fields)


def decision_letter_get(*, run: AdmissionRun | None, application: Application) -> DecisionLetter:
    """The letter of one application in one published run; 404 when it has none.

    Never a simulation or an unpublished run (domain §10 R8). A handful of queries,
    however many lines the application has. A published run's results and the list at
    its start never change, so the letter is kept in the cache per run, application and
    calendar (ADR 0105); names of offerings and schools may lag for `LETTER_CACHE_SECONDS`.
    """
    if run is None or run.published_at is None or run.kind == RunKind.SIMULATION:
        raise Http404
    if run.admission_year_id != application.admission_year_id:
        raise Http404
    key = (
        f"decision-letter:{run.pk}:{run.published_at.isoformat()}:{application.pk}:"
        f"{_calendar_key(run.admission_year)}"
    )
    letter: DecisionLetter | None = cache.get(key)
    if letter is None:
        letter = _letter_of_application(run, application)
        cache.set(key, letter, LETTER_CACHE_SECONDS)
    return letter


def _letter_of_application(run: AdmissionRun, application: Application) -> DecisionLetter:
    results = [ResultRow(*row) for row in _RESULTS.rows(run.pk, application.pk)]
    if not results:
        raise Http404
    versions = _VERSIONS.objects(ApplicationVersion, application.pk)
    ranks = _ranks_at_run(((v.saved_at, v.offering_ids) for v in versions), run.started_at)
    cached = Application.person.is_cached(application)
    person = application.person if cached else _PERSON.first(Person, application.person_id)
    if person is None:
        raise Http404
    return _letter(run, person, results, ranks)


def decision_letters_for_run(*, run: AdmissionRun) -> Iterator[tuple[Person, DecisionLetter]]:
    """Every applicant's letter of a published run, a chunk of applications at a time."""
    application_ids = list(
        Application.objects.filter(lines__results__run=run)
        .distinct()
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    for start in range(0, len(application_ids), LETTER_CHUNK):
        chunk = application_ids[start : start + LETTER_CHUNK]
        applications = Application.objects.filter(pk__in=chunk).select_related("person")
        persons = {a.pk: a.person for a in applications}
        results: dict[int, list[ResultRow]] = defaultdict(list)
        lines = ChoiceLine.all_lines.filter(application_id__in=chunk).values("pk")
        for row in _result_rows(run.pk).filter(line_id__in=lines):
            result = ResultRow(*row)
            results[result.application_id].append(result)
        versions: dict[int, list[tuple[datetime, list[int]]]] = defaultdict(list)
        for application_id, saved_at, ids in ApplicationVersion.objects.filter(
            application_id__in=chunk, saved_at__lte=run.started_at
        ).values_list("application_id", "saved_at", "offering_ids"):
            versions[application_id].append((saved_at, ids))
        for application_id in chunk:
            person = persons[application_id]
            ranks = _ranks_at_run(versions[application_id], run.started_at)
            yield person, _letter(run, person, results[application_id], ranks)


# --- Rendering ------------------------------------------------------------------------------

LATIN_1_REPLACEMENTS = str.maketrans(
    {
        "–": "-",  # en dash
        "—": "-",  # em dash
        "−": "-",  # minus sign
        "”": '"',
        "“": '"',
        "„": '"',
        "’": "'",
        "‘": "'",
        "…": "...",
        "\u202f": " ",  # narrow no-break space
        "\u2009": " ",  # thin space
    }
)


def latin_1(text: str) -> str:
    """The text in the PDF core fonts' latin-1: typographic marks replaced, others as '?'."""
    return text.translate(LATIN_1_REPLACEMENTS).encode("latin-1", "replace").decode("latin-1")


def letter_html(letter: DecisionLetter, *, standalone: bool = True) -> str:
    """The letter as an HTML document (for the e-mail) or fragment (for the page)."""
    template = (
        "admissions/applicant/letter_email.html"
        if standalone
        else "admissions/applicant/_letter.html"
    )
    return render_to_string(template, {"letter": letter})


def letter_text(letter: DecisionLetter) -> str:
    """The letter as plain text, the e-mail's alternative for readers without HTML."""
    return render_to_string("admissions/applicant/letter_email.txt", {"letter": letter})


class _LetterPdf(FPDF):
    def footer(self) -> None:
        self.set_y(-15)
        self.set_font("Helvetica", size=8)
        self.cell(0, 10, f"Sida {self.page_no()} av {{nb}}", align="C")


def letter_pdf(letter: DecisionLetter) -> bytes:
    """The letter as an A4 PDF in the core Helvetica font (latin-1, see `latin_1`)."""
    pdf = _LetterPdf(format="A4")
    pdf.set_title(latin_1(letter.title))
    pdf.set_author(SENDER)
    pdf.set_lang("sv")
    pdf.set_creation_date(datetime.combine(letter.published_on, datetime.min.time()))
    pdf.set_auto_page_break(auto=True, margin=20)
    pdf.add_page()

    def write(text: str, *, size: float = 11, style: str = "", gap: float = 1.5) -> None:
        pdf.set_font("Helvetica", style=style, size=size)
        pdf.multi_cell(0, size * 0.5, latin_1(text), align="L", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        pdf.ln(gap)

    write(SENDER, size=10, style="B", gap=0)
    write(f"Beslutet publicerades {letter.published_text}", size=10, gap=6)
    write(letter.title, size=16, style="B", gap=3)
    write(f"{letter.person_name}, {letter.identity_display}", gap=5)
    for step in letter.next_steps:
        write(step)
    pdf.ln(3)
    write("Dina val", size=13, style="B", gap=2)
    for line in letter.lines:
        write(f"Val {line.rank}: {line.offering_name}", style="B", gap=0)
        write(f"{line.school_name} ({line.offering_code})", size=10, gap=0.5)
        write(f"Utfall: {line.status_label}", gap=0)
        write(f"Skäl: {line.explanation}", gap=0)
        if line.appeal_text:
            write(line.appeal_text, size=10, gap=0)
        pdf.ln(3)
    write("Så överklagar du" if letter.appealable else "Överklagande", size=13, style="B", gap=2)
    for paragraph in letter.appeal_paragraphs:
        write(paragraph)
    return bytes(pdf.output())


def letter_email(letter: DecisionLetter, *, to: str) -> EmailMultiAlternatives:
    """The letter as an e-mail: plain text with the HTML letter as an alternative."""
    message = EmailMultiAlternatives(
        subject=letter.title,
        body=letter_text(letter),
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[to],
    )
    message.attach_alternative(letter_html(letter), "text/html")
    return message
