"""Identity numbers of persons: personnummer, samordningsnummer and TF-nummer.

- *Personnummer* (Folkbokföringslagen 18 §): birth date YYMMDD, a three-digit birth
  number and a Luhn check digit. The separator is `-`, and becomes `+` in the year the
  person turns 100; with ten digits the century follows from the separator and a
  reference date. Stored with twelve digits (century included), as Skatteverket does.
- *Samordningsnummer* (Folkbokföringslagen 18 a §): as a personnummer, with 60 added
  to the day of birth.
- *TF-nummer*: a temporary number a school or municipality gives a person without a
  Swedish number, by SCB's convention `YYYYMMDD-TFNN` (or `YYYYMMDD-TNNN`). It has no
  check digit; only the date is validated.

Check digit and date of personnummer are validated by python-stdnum
(`stdnum.se.personnummer`, `stdnum.luhn`). Whether a person has *skyddad identitet* is a
fact about the person, not about the number, and is kept on the person record.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from stdnum import luhn
from stdnum.exceptions import ValidationError
from stdnum.se import personnummer

_SAMORDNING_DAY_OFFSET = 60
_TEN_OR_TWELVE = re.compile(r"^(\d{6}|\d{8})([-+]?)(\d{4})$", re.ASCII)
_TF = re.compile(r"^(\d{8})-?(TF\d{2}|T\d{3})$", re.ASCII)


class IdentityKind(StrEnum):
    """Which kind of identity number a person is known by."""

    PERSONNUMMER = "personnummer"
    SAMORDNINGSNUMMER = "samordningsnummer"
    TF_NUMMER = "tf-nummer"


class InvalidIdentityNumber(ValueError):
    """The text is not a valid identity number; the message is in Swedish."""


@dataclass(frozen=True)
class IdentityNumber:
    """A validated identity number in its twelve-character form (no separator).

    Build it with `parse_identity_number`; `value` is then e.g. `200803142389`
    (personnummer), `200803742386` (samordningsnummer) or `20080314TF01` (TF-nummer).
    """

    value: str
    kind: IdentityKind

    @property
    def birth_date(self) -> date:
        """The birth date; for a samordningsnummer the day without the 60 added."""
        day = int(self.value[6:8])
        if self.kind is IdentityKind.SAMORDNINGSNUMMER:
            day -= _SAMORDNING_DAY_OFFSET
        return date(int(self.value[:4]), int(self.value[4:6]), day)

    def __str__(self) -> str:
        """The display form YYYYMMDD-NNNN."""
        return f"{self.value[:8]}-{self.value[8:]}"


def parse_identity_number(text: str, *, reference_date: date) -> IdentityNumber:
    """Validate and normalise an identity number, or raise `InvalidIdentityNumber`.

    Accepts `YYMMDD-NNNN`, `YYMMDD+NNNN`, `YYMMDDNNNN`, `YYYYMMDDNNNN`, `YYYYMMDD-NNNN`
    and the TF forms, with surrounding spaces. A ten-digit number gets its century from
    `reference_date`: with `-` the person is under 100 in that year, with `+` 100 or
    older. A birth date after `reference_date` is refused.
    """
    cleaned = text.strip().replace(" ", "").upper()
    tf = _TF.match(cleaned)
    if tf:
        return _tf_number(tf.group(1), tf.group(2), reference_date)
    match = _TEN_OR_TWELVE.match(cleaned)
    if match is None:
        raise InvalidIdentityNumber(_format_message(cleaned))
    date_part, separator, serial = match.groups()
    if len(date_part) == 6:
        date_part = _century(date_part, separator, reference_date) + date_part
    day = int(date_part[6:8])
    kind = (
        IdentityKind.SAMORDNINGSNUMMER
        if day > _SAMORDNING_DAY_OFFSET
        else IdentityKind.PERSONNUMMER
    )
    number = IdentityNumber(value=date_part + serial, kind=kind)
    _check_date(number, reference_date)
    _check_digit(number)
    return number


def normalise_identity_number(text: str, *, reference_date: date) -> str:
    """The twelve-character form of a valid number (see `parse_identity_number`)."""
    return parse_identity_number(text, reference_date=reference_date).value


def _century(yymmdd: str, separator: str, reference_date: date) -> str:
    """The century that makes the person under 100 (`-`) or at least 100 (`+`) this year."""
    year = reference_date.year - int(separator == "+") * 100
    century = year // 100
    if int(yymmdd[:2]) > year % 100:
        century -= 1
    return str(century)


def _check_date(number: IdentityNumber, reference_date: date) -> None:
    try:
        born = number.birth_date
    except ValueError as error:
        raise InvalidIdentityNumber(f"Ogiltigt {_name(number.kind)}: datumet finns inte") from error
    if born > reference_date:
        raise InvalidIdentityNumber(
            f"Ogiltigt {_name(number.kind)}: födelsedatumet har inte inträffat"
        )


def _check_digit(number: IdentityNumber) -> None:
    """Luhn over the last ten digits, via python-stdnum."""
    try:
        if number.kind is IdentityKind.PERSONNUMMER:
            personnummer.validate(str(number))
        else:
            luhn.validate(number.value[2:])
    except ValidationError as error:
        raise InvalidIdentityNumber(
            f"Ogiltigt {_name(number.kind)}: kontrollsiffran stämmer inte"
        ) from error


def _tf_number(yyyymmdd: str, suffix: str, reference_date: date) -> IdentityNumber:
    number = IdentityNumber(value=yyyymmdd + suffix, kind=IdentityKind.TF_NUMMER)
    _check_date(number, reference_date)
    return number


def _format_message(cleaned: str) -> str:
    if sum(ch.isdigit() for ch in cleaned) not in (10, 12):
        return "Ogiltigt personnummer: ska ha 10 eller 12 siffror"
    return "Ogiltigt personnummer: skrivs ÅÅÅÅMMDDNNNN, ÅÅMMDD-NNNN eller ÅÅÅÅMMDD-TFNN"


def _name(kind: IdentityKind) -> str:
    return {
        IdentityKind.PERSONNUMMER: "personnummer",
        IdentityKind.SAMORDNINGSNUMMER: "samordningsnummer",
        IdentityKind.TF_NUMMER: "TF-nummer",
    }[kind]
