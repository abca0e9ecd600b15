"""Terminal summaries of admission runs (`gymnasieregion admission run`, `gymnasieregion demo`)."""

from rich.table import Table

from gymnasieregion.apps.admissions.models import AdmissionRun
from gymnasieregion.apps.admissions.selectors import run_figures


def _share(part: float) -> str:
    return f"{part * 100:.1f} %".replace(".", ",")


def run_summary_table(run: AdmissionRun, seconds: float) -> Table:
    """Counts, shares and the ten highest cut-offs of one run."""
    figures = run_figures(run=run)
    table = Table(title=f"{run.get_kind_display()} {run.admission_year.year} (körning {run.pk})")
    table.add_column("Uppgift")
    table.add_column("Värde", justify="right")
    table.add_row("Kontroll", run.get_status_display())
    table.add_row("Publicerad", "ja" if run.published_at else "nej")
    table.add_row("Sökande", f"{figures.applicants:,}".replace(",", " "))
    table.add_row("Antagna", f"{figures.placed:,}".replace(",", " "))
    table.add_row("Antagna till förstahandsval", _share(figures.first_choice_share))
    table.add_row("Behöriga men inte antagna", f"{figures.eligible_unplaced:,}".replace(",", " "))
    table.add_row("Andel antagna till yrkesprogram", _share(figures.vocational_share))
    table.add_row("Tid", f"{seconds:.1f} s".replace(".", ","))
    for number, cutoff in enumerate(figures.highest_cutoffs, start=1):
        value = f"{cutoff.cutoff:.1f}".replace(".", ",")
        table.add_row(f"Antagningsgräns {number}: {cutoff.offering}", value)
    return table
