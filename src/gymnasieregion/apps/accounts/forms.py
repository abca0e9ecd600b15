"""Sign-in and second-factor forms, in Swedish."""

from django import forms
from django.contrib.auth.forms import AuthenticationForm


class SignInForm(AuthenticationForm):
    error_messages = {
        "invalid_login": (
            "Fel användarnamn eller lösenord. Efter fem misslyckade försök spärras kontot en timme."
        ),
        "inactive": "Kontot är inaktiverat.",
    }

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.fields["username"].label = "Användarnamn"
        self.fields["password"].label = "Lösenord"


class TokenForm(forms.Form):
    token = forms.RegexField(
        label="Engångskod",
        regex=r"^\d{6}$",
        error_messages={
            "invalid": "Ange de sex siffrorna från din autentiseringsapp.",
            "required": "Ange koden.",
        },
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric"}),
    )
