"""Who may act on an application, a choice line and a run (architecture guide §3.3).

Roles and permission codes are data (accounts/fixtures/roles.json); the organisation a
role is held in decides the rows it reaches: a school its own offerings, a municipality
its residents (statements) and its own schools (special reasons), an applicant only
themself. Anything out of reach is the same 404 as something missing.
"""

from django.http import Http404

from gymnasieregion.apps.accounts.access import Actor, actor_has_permission, actor_scope
from gymnasieregion.apps.admissions.models import ChoiceLine, DecisionKind
from gymnasieregion.apps.applicants.models import Person

MANAGE = "admissions.manage"  # the admission office: runs, publishing, every decision

# Decision kind → roles that record it for the offering's school unit (domain §5.9, §7.2).
SCHOOL_DECISIONS: dict[str, frozenset[str]] = {
    DecisionKind.FREE_QUOTA: frozenset({"principal"}),
    DecisionKind.FOREIGN_GRADES: frozenset({"principal"}),
    DecisionKind.ENGLISH_WAIVER: frozenset({"principal"}),
    DecisionKind.ENDORSEMENT: frozenset({"principal"}),
    DecisionKind.SKILL_TEST: frozenset({"school_staff", "principal"}),
    DecisionKind.SCHOOL_RANK: frozenset({"school_staff", "principal"}),
}


def may_apply_for(actor: Actor, person: Person) -> bool:
    """The applicant themself, or the admission office on their behalf."""
    own = person.user_id is not None and person.user_id == getattr(actor, "pk", None)
    return own or actor_has_permission(actor, MANAGE)


def access_person_application(actor: Actor, person: Person) -> None:
    """Raise 404 unless the actor may change this person's application."""
    if not may_apply_for(actor, person):
        raise Http404


def may_decide(actor: Actor, line: ChoiceLine, kind: str) -> bool:
    """Whether the actor records decisions of `kind` on this line.

    Statements are the home municipality's (*yttrande*); special reasons the receiving
    municipality's, where the school is; the rest belong to the offering's school unit.
    """
    if actor_has_permission(actor, MANAGE):
        return True
    scope = actor_scope(actor)
    if kind == DecisionKind.STATEMENT:
        home = line.application.person.home_municipality_id
        return "municipal_admin" in scope.roles and home in scope.municipality_ids
    if kind == DecisionKind.SPECIAL_REASONS:
        school_municipality = line.offering.school_unit.municipality_id
        return "municipal_admin" in scope.roles and school_municipality in scope.municipality_ids
    roles = SCHOOL_DECISIONS.get(kind, frozenset())
    return bool(roles & scope.roles) and line.offering.school_unit_id in scope.organisation_ids
