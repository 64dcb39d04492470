"""API and form shapes of attributions: reserve a device, release it, sign the loan contract,
install, give back to the stock."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Literal

import msgspec

Reason = Annotated[str, msgspec.Meta(min_length=1, max_length=2000, title="Motif")]


class ReserveIn(msgspec.Struct, forbid_unknown_fields=True):
    """``other_category`` confirms a device of another type than the one the trainee asked for."""

    trainee_id: Annotated[int, msgspec.Meta(title="Bénéficiaire")]
    device_id: Annotated[int, msgspec.Meta(title="Appareil")]
    other_category: Annotated[bool, msgspec.Meta(title="Réserver quand même")] = False


class ReasonIn(msgspec.Struct, forbid_unknown_fields=True):
    reason: Reason


class BackToStockForm(msgspec.Struct):
    """The attribution page's two ways back to the stock: ``release`` a reservation (refused
    once installed), or ``give_back`` the device, whatever its state."""

    reason: Reason
    ending: Literal["release", "give_back"] = "give_back"


class SignIn(msgspec.Struct, forbid_unknown_fields=True):
    """The trainee signs the loan contract: their name and the path data of the signature."""

    signer_name: Annotated[
        str, msgspec.Meta(min_length=1, max_length=200, title="Nom de la personne qui signe")
    ]
    signature_svg: Annotated[str, msgspec.Meta(min_length=1, max_length=100_000, title="Signature")]


Internet = msgspec.Meta(title="Internet fonctionne")


class InstallIn(msgspec.Struct, forbid_unknown_fields=True):
    with_internet: Annotated[bool, Internet]


class InstallForm(msgspec.Struct):
    """The page's yes/no question: a form sends nothing when neither answer is ticked, which
    must not read as "no internet"."""

    with_internet: Annotated[bool, Internet] | None = None


class AssignmentOut(msgspec.Struct):
    id: int
    organisation: int
    trainee: int
    trainee_name: str
    device: int
    device_reference: str
    device_category: str
    device_owner_name: str
    state: str
    reserved_at: datetime
    assigned_at: datetime | None
    installed_at: datetime | None
    with_internet: bool | None
    released_at: datetime | None
    release_reason: str
    contract_number: str
    contract_signed_at: datetime | None
    contract_signer: str


class StockDeviceOut(msgspec.Struct):
    id: int
    organisation_name: str
    reference: str
    category: str
    processor: str
    memory_gb: float | None
    storage_gb: float | None
    operating_system: str
    grade: str


class StockChoiceOut(msgspec.Struct):
    """The devices in stock for a trainee: of the type they asked for, then the others."""

    wanted: str
    matching: list[StockDeviceOut]
    others: list[StockDeviceOut]
