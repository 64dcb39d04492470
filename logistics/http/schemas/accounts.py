"""Shapes of accounts, tokens and organisations (validated by Litestar before a handler runs)."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any

import msgspec

from inventory.parties import OrganisationKind
from logistics.accounts.roles import Role
from logistics.accounts.service import NewUser

NonEmpty = Annotated[str, msgspec.Meta(min_length=1, max_length=200)]


class UserIn(msgspec.Struct, forbid_unknown_fields=True):
    username: Annotated[
        str, msgspec.Meta(min_length=2, max_length=100, pattern=r"^[\w.@-]+$", title="Identifiant")
    ]
    full_name: Annotated[NonEmpty, msgspec.Meta(title="Nom complet")]
    password: Annotated[str, msgspec.Meta(min_length=1, max_length=200, title="Mot de passe")]
    role: Annotated[Role, msgspec.Meta(title="Rôle")]
    organisation_id: Annotated[int, msgspec.Meta(title="Organisation")]
    email: Annotated[str, msgspec.Meta(max_length=254, title="Courriel")] = ""

    def to_data(self) -> NewUser:
        return NewUser(**{f: getattr(self, f) for f in NewUser.__dataclass_fields__})


class NewAccountIn(UserIn, forbid_unknown_fields=True):
    """The accounts page's form: the API's account, its password typed a second time."""

    password_confirm: str = ""


class LoginIn(msgspec.Struct):
    """The login page's form; ``suivant`` is the page asked for before signing in. Empty
    fields are a wrong login like any other (401), not a form to correct."""

    username: str = ""
    password: str = ""
    suivant: str = "/"


class PasswordChangeIn(msgspec.Struct):
    """A user's own password change; the service says what is wrong with the new one."""

    current_password: str = ""
    new_password: str = ""
    new_password_confirm: str = ""


class UserOut(msgspec.Struct):
    id: int
    username: str
    full_name: str
    email: str
    role: Role
    role_label: str
    organisation_id: int
    organisation_name: str
    active: bool
    created_at: datetime
    deactivated_at: datetime | None

    @classmethod
    def from_row(cls, row: dict[str, Any]) -> UserOut:
        role = Role(row["role"])
        return cls(
            id=row["id"],
            username=row["username"],
            full_name=row["full_name"],
            email=row["email"],
            role=role,
            role_label=role.label,
            organisation_id=row["organisation_id"],
            organisation_name=row["organisation_name"],
            active=row["active"],
            created_at=row["created_at"],
            deactivated_at=row["deactivated_at"],
        )


class ActiveIn(msgspec.Struct, forbid_unknown_fields=True):
    active: bool


class OrganisationOut(msgspec.Struct):
    id: int
    name: str
    code: str
    kind: OrganisationKind
    kind_label: str
    depot_address: str
    active: bool

    @classmethod
    def from_row(cls, row: dict[str, Any]) -> OrganisationOut:
        kind = OrganisationKind(row["kind"])
        return cls(
            id=row["id"],
            name=row["name"],
            code=row["code"],
            kind=kind,
            kind_label=kind.label,
            depot_address=row["depot_address"],
            active=row["active"],
        )


class TokenRequest(msgspec.Struct, forbid_unknown_fields=True):
    username: NonEmpty
    password: NonEmpty
    name: Annotated[str, msgspec.Meta(max_length=100)] = "script"


class TokenOut(msgspec.Struct):
    token: str
    token_type: str = "bearer"


class MeOut(msgspec.Struct):
    id: int
    username: str
    full_name: str
    role: Role
    role_label: str
    organisation_id: int
    organisation_name: str
