"""Users, roles and memberships.

A role is data (fixture `roles.json`): a code, a Swedish name, the kind of
organisation it attaches to, whether it needs a second factor, and its permissions.
A membership gives a user one role in one organisation; access is always derived
from memberships, never from Django's staff or superuser flags.
"""

from typing import TypeVar

from django.contrib.auth.models import AbstractUser
from django.db import models


class User(AbstractUser):
    """A person who signs in. Applicants, counsellors, staff and officers alike."""

    class Meta:
        verbose_name = "användare"
        verbose_name_plural = "användare"

    def __str__(self) -> str:
        return self.get_full_name() or self.username


CodedModel = TypeVar("CodedModel", bound=models.Model)


class CodeManager(models.Manager[CodedModel]):
    """Natural keys, so the roles fixture loads again without duplicates."""

    def get_by_natural_key(self, code: str) -> CodedModel:
        return self.get(code=code)


class Permission(models.Model):
    """A permission code such as `fees.view`, granted to roles."""

    code = models.CharField(max_length=64, unique=True)
    description = models.CharField(max_length=200)

    objects = CodeManager["Permission"]()

    class Meta:
        ordering = ["code"]
        verbose_name = "behörighet"
        verbose_name_plural = "behörigheter"

    def __str__(self) -> str:
        return self.code

    def natural_key(self) -> tuple[str]:
        return (self.code,)


class Role(models.Model):
    """A role (*befattning*), e.g. study counsellor or admission officer."""

    code = models.CharField(max_length=40, unique=True)
    name = models.CharField(max_length=100)
    organisation_kind = models.CharField(
        max_length=30,
        blank=True,
        help_text="The kind of organisation a membership of this role belongs to; "
        "empty for applicants, who act for themselves.",
    )
    requires_second_factor = models.BooleanField(default=True)
    permissions = models.ManyToManyField(Permission, related_name="roles", blank=True)

    objects = CodeManager["Role"]()

    class Meta:
        ordering = ["code"]
        verbose_name = "roll"
        verbose_name_plural = "roller"

    def __str__(self) -> str:
        return self.name

    def natural_key(self) -> tuple[str]:
        return (self.code,)


class Membership(models.Model):
    """A user's role in an organisation (none for the applicant role)."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="memberships")
    role = models.ForeignKey(Role, on_delete=models.PROTECT, related_name="memberships")
    organisation = models.ForeignKey(
        "organisations.Organisation",
        on_delete=models.PROTECT,
        related_name="memberships",
        null=True,
        blank=True,
    )

    class Meta:
        verbose_name = "rolltilldelning"
        verbose_name_plural = "rolltilldelningar"
        constraints = [
            models.UniqueConstraint(
                fields=["user", "role", "organisation"], name="membership_unique_per_organisation"
            ),
            models.UniqueConstraint(
                fields=["user", "role"],
                condition=models.Q(organisation__isnull=True),
                name="membership_unique_without_organisation",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} – {self.role} – {self.organisation or ''}"
