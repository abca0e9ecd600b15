"""Swedish organisation numbers (*organisationsnummer*), validated with python-stdnum.

An organisation number has ten digits, NNNNNN-NNNN, with a Luhn check digit
(Skatteverket, SKV 709). Municipalities and regions start with 2; a sole trader uses
their personnummer, which also passes this check.
"""

from stdnum.exceptions import InvalidChecksum, ValidationError
from stdnum.se import orgnr


class InvalidOrganisationNumber(ValueError):
    """The value is not a valid Swedish organisation number."""


def normalise_organisation_number(value: str) -> str:
    """Return the number as NNNNNN-NNNN, or raise with a Swedish message."""
    try:
        compact: str = orgnr.validate(value)
    except ValidationError as error:
        raise InvalidOrganisationNumber(_message(value, error)) from error
    return f"{compact[:6]}-{compact[6:]}"


def _message(value: str, error: ValidationError) -> str:
    digits = "".join(ch for ch in value if ch.isdigit())
    if len(digits) != 10:
        return f"Organisationsnumret {value!r} ska ha tio siffror."
    if isinstance(error, InvalidChecksum):
        return f"Organisationsnumret {value!r} har fel kontrollsiffra."
    return f"Organisationsnumret {value!r} är ogiltigt."
