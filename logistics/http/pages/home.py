"""The landing page after login: each role's main tasks as large tiles, then every other page.

The tiles are the two or three things a role does most, most frequent first, so a trainee on a
phone reaches them with one thumb without opening the menu.
"""

from __future__ import annotations

from dataclasses import dataclass

from litestar import Controller, get
from litestar.response import Template

from logistics import clock
from logistics.accounts.roles import Role
from logistics.auth.guards import allow
from logistics.http.dependencies import Me, OrgScope
from logistics.http.pages.quota import trira_dashboard
from logistics.staff.profiles import contracts_ending


@dataclass(frozen=True)
class Task:
    """A home tile: where it leads, what it says, and its pictogram in ``_icons.html``."""

    href: str
    title: str
    hint: str
    icon: str


ROUND_TODAY = Task("/terrain", "Ma tournée du jour", "Sur le téléphone, même sans réseau", "truck")
VISITS_TODAY = Task(
    "/visites/terrain", "Mes visites du jour", "Sur le téléphone, même sans réseau", "phone"
)
PICKUPS = Task("/enlevements", "Demandes d'enlèvement", "Noter l'appel d'un donateur", "clipboard")
COLLECTIONS = Task("/collectes", "Collectes", "Ce qui a été ramassé, les attestations", "boxes")
PLAN_WEEK = Task(
    "/tournees/nouvelle", "Planifier les tournées", "La semaine prochaine des camions", "calendar"
)
SEARCH = Task("/recherche", "Rechercher un objet", "Par étiquette ou n° de série", "search")
STOCK = Task("/stock", "Stock du dépôt", "Les objets qui attendent au dépôt", "shelves")
ACCOUNTS = Task("/comptes", "Comptes", "Créer ou désactiver un compte", "users")
FIGURES = Task("/chiffres", "Chiffres de l'année", "Collectes, poids, retours", "chart")
LOTS = Task("/lots", "Lots pour TRIRA", "Confirmer un lot reçu", "boxes")
LEDGER = Task("/quota", "Registre des retours", "Ce qui reste dû à l'association", "return")
RETURN_DEVICE = Task(
    "/appareils/retour", "Enregistrer un appareil rendu", "Un ordinateur reconditionné", "laptop"
)
DEVICES = Task("/appareils", "Appareils à donner", "Les ordinateurs prêts à installer", "laptop")
VISITS = Task(
    "/visites", "Visites à domicile", "Réserver, la journée dans l'ordre du trajet", "calendar"
)
VERIFY = Task("/verifier", "Vérifier une attestation", "Avec son numéro", "certificate")
CYCLES = Task("/cycles", "Émargement des séances", "Cocher les présents d'un cycle", "clipboard")

MAIN_TASKS: dict[Role, tuple[Task, ...]] = {
    Role.AGENT: (ROUND_TODAY, SEARCH, STOCK),
    Role.MANAGER: (PICKUPS, COLLECTIONS, PLAN_WEEK),
    Role.ADMIN: (PICKUPS, PLAN_WEEK, ACCOUNTS),
    Role.COORDINATOR: (FIGURES, LEDGER, LOTS),
    Role.RECONDITIONER: (LOTS, RETURN_DEVICE, LEDGER),
    Role.INSTALLER: (VISITS_TODAY, VISITS, CYCLES),
}
"""Each role's tiles, most frequent first (the manager's weekly planning has its tile)."""


class HomePage(Controller):
    include_in_schema = False
    guards = [allow("session")]

    @get("/")
    async def home(self, current_user: Me, org_scope: OrgScope) -> Template:
        flags = await trira_dashboard(org_scope)
        tasks = MAIN_TASKS[current_user.role]
        ending = []
        if current_user.role == Role.MANAGER:  # the staff's own managers prepare the follow-up
            ending = await contracts_ending(org_scope, current_user.organisation_id, clock.today())
        context = {"user": current_user, "tasks": tasks, "ending": ending, **flags}
        return Template("home.html", context=context)
