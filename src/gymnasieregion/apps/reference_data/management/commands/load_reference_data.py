"""`gymnasieregion load_reference_data`: roles, municipalities, fees and budget from the repo."""

from typing import Any

from django.core.management.base import BaseCommand

from gymnasieregion.apps.reference_data.loading import load_reference_data


class Command(BaseCommand):
    help = "Läser in roller, kommuner, avgiftsuttag, avgiftsunderlag och budget från referensdata."

    def handle(self, *args: Any, **options: Any) -> None:
        counts = load_reference_data()
        summary = ", ".join(f"{name}: {count}" for name, count in counts.items())
        self.stdout.write(self.style.SUCCESS(f"Referensdata inläst ({summary})."))
