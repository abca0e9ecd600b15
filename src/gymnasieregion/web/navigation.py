"""The navigation shown to each actor, built from their permissions."""

from dataclasses import dataclass
from functools import cache

from django.urls import reverse

from gymnasieregion.apps.accounts.access import Actor, actor_scope


@dataclass(frozen=True)
class NavItem:
    label: str
    url: str


def navigation_for(actor: Actor) -> tuple[NavItem, ...]:
    """The menu depends only on being signed in and on the permissions held."""
    return _navigation(actor.is_authenticated, actor_scope(actor).permissions)


@cache
def _navigation(authenticated: bool, permissions: frozenset[str]) -> tuple[NavItem, ...]:
    items = [
        NavItem("Start", reverse("web:home")),
        NavItem("Utbildningar", reverse("catalogue:list")),
        NavItem("Antagningspoäng", reverse("catalogue:cutoffs")),
    ]
    if not authenticated:
        return tuple(items)
    if "persons.view_self" in permissions:  # the applicant's e-service
        items.append(NavItem("Min ansökan", reverse("admissions:application")))
        items.append(NavItem("Antagningsbesked", reverse("admissions:results")))
    if "admissions.manage" in permissions:
        items.append(NavItem("Antagningen", reverse("admissions:office_dashboard")))
    if "catalogue.manage" in permissions:
        items.append(NavItem("Antagningsår", reverse("catalogue:years")))
        items.append(NavItem("Utbildningsutbud", reverse("catalogue:school_list")))
        items.append(NavItem("Utbildningsimport", reverse("catalogue:import")))
    elif "catalogue.offerings_edit" in permissions:
        items.append(NavItem("Skolans utbildningar", reverse("catalogue:school_list")))
    if "admissions.school_view" in permissions:
        items.append(NavItem("Skolans antagning", reverse("admissions:school_index")))
    if "admissions.municipal_view" in permissions:
        items.append(NavItem("Kommunens antagning", reverse("admissions:municipality_index")))
    items.append(NavItem("Organisationer", reverse("organisations:list")))
    persons = {"persons.view_school", "persons.view_residents", "persons.view_all"}
    if persons & permissions:
        items.append(NavItem("Elever", reverse("applicants:list")))
    if "persons.view_school" in permissions:
        items.append(NavItem("Elevernas ansökningar", reverse("admissions:counsellor_pupils")))
    elif "persons.view_self" in permissions:
        items.append(NavItem("Mitt elevkort", reverse("applicants:me")))
    if "grades.import" in permissions:
        items.append(NavItem("Betygsimport", reverse("applicants:grade_import")))
    if "grades.correction_decide" in permissions:
        items.append(NavItem("Rättelser", reverse("applicants:corrections")))
    if "fees.view" in permissions:
        items.append(NavItem("Medlemsavgifter", reverse("fees:index")))
    if "audit.view" in permissions:
        items.append(NavItem("Granskningslogg", reverse("audit:list")))
    return tuple(items)
