"""Forms of the fee page."""

from decimal import Decimal

from django import forms


class TableUploadForm(forms.Form):
    file = forms.FileField(
        label="Fil (CSV eller XLSX)",
        error_messages={"required": "Välj en fil att importera."},
    )


class RateForm(forms.Form):
    rate_per_mille = forms.DecimalField(
        label="Avgiftsuttag (promille av avgiftsunderlaget)",
        max_digits=4,
        decimal_places=2,
        min_value=Decimal(0),
        localize=True,
        error_messages={
            "required": "Ange avgiftsuttaget.",
            "invalid": "Ange ett tal, till exempel 0,35.",
            "min_value": "Avgiftsuttaget kan inte vara negativt.",
            "max_decimal_places": "Ange högst två decimaler.",
            "max_digits": "Ange ett tal, till exempel 0,35.",
        },
    )
