"""The navigation shown to each actor, built from their permissions."""

from dataclasses import dataclass

from django.urls import reverse

from gymnasieregion.apps.accounts.access import Actor, actor_scope


@dataclass(frozen=True)
class NavItem:
    label: str
    url: str


def navigation_for(actor: Actor) -> list[NavItem]:
    scope = actor_scope(actor)
    items = [NavItem("Start", reverse("web:home"))]
    if not actor.is_authenticated:
        return items
    items.append(NavItem("Organisationer", reverse("organisations:list")))
    if "fees.view" in scope.permissions:
        items.append(NavItem("Medlemsavgifter", reverse("fees:index")))
    if "audit.view" in scope.permissions:
        items.append(NavItem("Granskningslogg", reverse("audit:list")))
    return items
