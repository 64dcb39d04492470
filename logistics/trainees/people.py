"""Use cases on trainees (bénéficiaires): record, correct, read, list.

A trainee belongs to the installing association that trains them and is read by its staff only
(``residents:*``; never by a partner association, whatever its scope says of other records).
The address is looked up through ``routes`` (national address base, then Nominatim, cached)
when it is typed or changed; an address that cannot be found is kept, simply without a point.
History events name the fields that changed, never their values: personal data stay in the
trainee's row, where anonymisation finds them.
"""

from __future__ import annotations

import asyncio
from dataclasses import asdict, dataclass, fields
from datetime import date
from typing import Any

from inventory.categories import Category
from inventory.engine import contains, write_transaction
from inventory.errors import Conflict, Invalid, NotFound
from inventory.history import Circumstances, record
from inventory.parties import OrganisationKind
from inventory.scope import Scope
from inventory.services.common import writable_organisation_of_kind
from logistics import clock
from logistics.settings import get_settings
from logistics.trainees.neighbourhoods import CODES, OUTSIDE
from logistics.trainees.tables import Enrolment, InternetAccess, Prescriber, Trainee
from routes.geocode_cache import DatabaseGeocodeCache
from routes.geocoding import Geocoder, GeocodeStatus

WHAT = "Bénéficiaire"
READ = "de consulter les bénéficiaires"
MANAGE = "de modifier les bénéficiaires"


@dataclass(frozen=True)
class TraineeData:
    """What BLÉ staff type about a trainee."""

    first_name: str
    last_name: str
    phone: str = ""
    email: str = ""
    address: str = ""
    postcode: str = ""
    city: str = ""
    neighbourhood: str = OUTSIDE
    prescriber: Prescriber = Prescriber.OTHER
    internet_at_home: InternetAccess = InternetAccess.NONE
    has_computer: bool = False
    device_wanted: Category = Category.LAPTOP
    consent_sms: bool = False
    consent_email: bool = False
    consent_on: date | None = None
    notes: str = ""


ANONYMISED = "Personne anonymisée"
"""How an anonymised trainee is named wherever their name would be (their names are blank)."""


def display_name(first_name: str, last_name: str) -> str:
    """ "Fatima Durand", or "Personne anonymisée" once the names were blanked."""
    return f"{first_name} {last_name}".strip() or ANONYMISED


TEXT_FIELDS = ("first_name", "last_name", "phone", "email", "address", "postcode", "city", "notes")


def data_of(row: dict[str, Any]) -> TraineeData:
    """A stored trainee as the data its form or a partial change starts from."""
    return TraineeData(**{f.name: row[f.name] for f in fields(TraineeData)})


def residents_where(scope: Scope, column: Any) -> Any:
    """A Piccolo where-clause keeping ``column`` (an organisation FK) to the caller's own
    association: residents are never read across partners (an admin reads every one)."""
    if scope.readable is None:
        return column.is_not_null()
    return column == scope.organisation_id


def residents_condition(scope: Scope, column: str) -> tuple[str, list[Any]]:
    """The same as ``residents_where`` for raw SQL: a condition on ``column`` and its values."""
    if scope.readable is None:
        return "1 = 1", []
    return f"{column} = {{}}", [scope.organisation_id]


def check_resident(scope: Scope, organisation_id: int) -> None:
    """``NotFound`` for a resident of another association (out of scope looks like unknown)."""
    if scope.readable is not None and organisation_id != scope.organisation_id:
        raise NotFound(f"{WHAT} introuvable.")


def _columns(data: TraineeData, today: date) -> dict[str, Any]:
    """The checked column values of ``data``; raises ``Invalid`` on the first bad field."""
    values = asdict(data)
    for key in TEXT_FIELDS:
        values[key] = values[key].strip()
    if not values["first_name"] or not values["last_name"]:
        raise Invalid("Le prénom et le nom du bénéficiaire sont obligatoires.")
    values["neighbourhood"] = data.neighbourhood.strip() or OUTSIDE
    if values["neighbourhood"] not in CODES:
        raise Invalid(f"Quartier « {data.neighbourhood} » inconnu : choisissez-le dans la liste.")
    if values["email"] and "@" not in values["email"]:
        raise Invalid(f"Le courriel « {values['email']} » n'est pas une adresse valide.")
    if data.consent_sms and not values["phone"]:
        raise Invalid("Pour accepter les SMS, il faut un numéro de téléphone.")
    if data.consent_email and not values["email"]:
        raise Invalid("Pour accepter les courriels, il faut une adresse de courriel.")
    if (data.consent_sms or data.consent_email) and data.consent_on is None:
        values["consent_on"] = today
    values.update(
        prescriber=Prescriber(data.prescriber).value,
        internet_at_home=InternetAccess(data.internet_at_home).value,
        device_wanted=Category(data.device_wanted).value,
    )
    return values


def full_address(values: dict[str, Any]) -> str:
    return " ".join(p for p in (values["address"], values["postcode"], values["city"]) if p)


def _geocoder() -> Geocoder:
    return Geocoder(get_settings().rounds.geocoding(), DatabaseGeocodeCache())


async def locate(address: str) -> tuple[float | None, float | None]:
    """The address's point, or none: no network or no match is never an error here."""
    if not address.strip():
        return None, None
    found = await asyncio.to_thread(_geocoder().locate, address)
    if found.status is GeocodeStatus.NOT_LOCATED:
        return None, None
    return found.lat, found.lon


async def installing_organisation(scope: Scope, organisation_id: int | None) -> int:
    """Where a new trainee or cycle goes: an installing association whose residents the caller
    may hold."""
    owner = await writable_organisation_of_kind(
        scope,
        organisation_id,
        OrganisationKind.INSTALLING,
        "Seule une association d'installation (comme BLÉ) inscrit des bénéficiaires.",
    )
    check_resident(scope, owner)
    return owner


async def create_trainee(
    scope: Scope,
    data: TraineeData,
    circumstances: Circumstances,
    organisation_id: int | None = None,
    point: tuple[float, float] | None = None,
) -> dict[str, Any]:
    """Register a trainee for the caller's association (an admin names which one); the address
    is looked up unless its ``point`` is already known."""
    scope.require("residents:manage", MANAGE)
    values = _columns(data, clock.today(circumstances.at))
    owner = await installing_organisation(scope, organisation_id)
    latitude, longitude = point or await locate(full_address(values))
    async with write_transaction(Trainee):
        rows = await Trainee.insert(
            Trainee(
                organisation=owner,
                latitude=latitude,
                longitude=longitude,
                registered_at=circumstances.at,
                created_by=scope.actor_id or None,
                **values,
            )
        ).returning(Trainee.id)
        trainee_id = rows[0]["id"]
        await record(scope, owner, "trainee", trainee_id, "created", circumstances)
    return await get_trainee(scope, trainee_id)


async def update_trainee(
    scope: Scope, trainee_id: int, data: TraineeData, circumstances: Circumstances
) -> dict[str, Any]:
    """Correct a trainee; a changed address is looked up again (outside the transaction, so
    a slow address service holds no lock)."""
    scope.require("residents:manage", MANAGE)
    before = await get_trainee(scope, trainee_id)
    refuse_anonymised(before)
    values = _columns(data, clock.today(circumstances.at))
    if full_address(values) != full_address(before) or before["latitude"] is None:
        values["latitude"], values["longitude"] = await locate(full_address(values))
    async with write_transaction(Trainee):
        current = await get_trainee(scope, trainee_id)
        refuse_anonymised(current)
        changed = sorted(key for key, value in values.items() if current[key] != value)
        if changed:
            await Trainee.update(**values).where(Trainee.id == trainee_id)
            await record(
                scope,
                current["organisation"],
                "trainee",
                trainee_id,
                "updated",
                circumstances,
                details={"fields": changed},
            )
    return await get_trainee(scope, trainee_id)


def refuse_anonymised(trainee: dict[str, Any]) -> None:
    """An anonymised file is not edited again: nothing typed may bring personal data back."""
    if trainee["anonymised_at"] is not None:
        raise Conflict("Ce dossier est anonymisé : il ne peut plus être modifié.")


async def get_trainee(scope: Scope, trainee_id: int) -> dict[str, Any]:
    """One trainee of the caller's association, or ``NotFound``."""
    scope.require("residents:read", READ)
    row = await Trainee.select().where(Trainee.id == trainee_id).first()
    if row is None:
        raise NotFound(f"{WHAT} introuvable.")
    check_resident(scope, row["organisation"])
    return row


async def list_trainees(
    scope: Scope,
    *,
    cycle_id: int | None = None,
    neighbourhood: str | None = None,
    name: str = "",
) -> list[dict[str, Any]]:
    """The association's trainees by name; filters: enrolled in a cycle, a neighbourhood, a part
    of the name."""
    scope.require("residents:read", READ)
    query = Trainee.select().where(residents_where(scope, Trainee.organisation))
    if cycle_id is not None:
        enrolled = await Enrolment.select(Enrolment.trainee).where(Enrolment.cycle == cycle_id)
        query = query.where(Trainee.id.is_in([row["trainee"] for row in enrolled] or [-1]))
    if neighbourhood:
        query = query.where(Trainee.neighbourhood == neighbourhood)
    if name.strip():
        query = query.where(contains(Trainee.last_name, name.strip()))
    return await query.order_by(Trainee.last_name).order_by(Trainee.first_name)
