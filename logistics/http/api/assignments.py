"""API: attributions of devices to trainees (reserve, release, sign the loan contract, install,
give back to the stock) and the loan contract's PDF."""

from __future__ import annotations

from typing import Annotated

from litestar import Controller, Response, get, post
from litestar.params import FromPath, FromQuery, JSONBody, QueryParameter

from logistics.auth.guards import allow
from logistics.http.dependencies import Context, OrgScope
from logistics.http.downloads import download
from logistics.http.schemas import from_row
from logistics.http.schemas.assignments import (
    AssignmentOut,
    InstallIn,
    ReasonIn,
    ReserveIn,
    SignIn,
    StockChoiceOut,
    StockDeviceOut,
)
from logistics.visits import assignments
from logistics.visits.assignments import AssignmentRecord
from logistics.visits.contract import contract_pdf
from logistics.visits.tables import AssignmentState


def _out(record: AssignmentRecord) -> AssignmentOut:
    return from_row(AssignmentOut, record)


class AssignmentController(Controller):
    path = "/api/v1/assignments"
    tags = ["Attributions d'appareils"]

    @get("/", guards=[allow("residents:read")])
    async def list_assignments(
        self,
        org_scope: OrgScope,
        # ``state`` is a name Litestar keeps for the application's state.
        wanted: Annotated[AssignmentState | None, QueryParameter(name="state")] = None,
        trainee_id: FromQuery[int | None] = None,
    ) -> list[AssignmentOut]:
        """Newest first; ``state`` and ``trainee_id`` narrow the list."""
        states = frozenset({wanted}) if wanted else None
        rows = await assignments.list_assignments(org_scope, states, trainee_id)
        return [_out(row) for row in rows]

    @get("/stock", guards=[allow("residents:read")])
    async def stock_for(self, org_scope: OrgScope, trainee_id: FromQuery[int]) -> StockChoiceOut:
        """The devices in stock a trainee may be offered, of the type they asked for first."""
        choice = await assignments.devices_for(org_scope, trainee_id)
        return StockChoiceOut(
            wanted=choice.wanted.value,
            matching=[from_row(StockDeviceOut, d) for d in choice.matching],
            others=[from_row(StockDeviceOut, d) for d in choice.others],
        )

    @get("/{assignment_id:int}", guards=[allow("residents:read")])
    async def get_assignment(
        self, org_scope: OrgScope, assignment_id: FromPath[int]
    ) -> AssignmentOut:
        return _out(await assignments.get_assignment(org_scope, assignment_id))

    @post("/", guards=[allow("residents:manage")])
    async def reserve(
        self, org_scope: OrgScope, circumstances: Context, data: JSONBody[ReserveIn]
    ) -> AssignmentOut:
        """Reserve a device in stock for a trainee (409 when either already has one, or when
        the course did not make the trainee eligible, with the reason)."""
        return _out(
            await assignments.reserve(
                org_scope,
                data.trainee_id,
                data.device_id,
                circumstances,
                other_category=data.other_category,
            )
        )

    @post("/{assignment_id:int}/release", guards=[allow("residents:manage")])
    async def release(
        self,
        org_scope: OrgScope,
        circumstances: Context,
        assignment_id: FromPath[int],
        data: JSONBody[ReasonIn],
    ) -> AssignmentOut:
        return _out(await assignments.release(org_scope, assignment_id, data.reason, circumstances))

    @post("/{assignment_id:int}/contract", guards=[allow("residents:manage")])
    async def sign(
        self,
        org_scope: OrgScope,
        circumstances: Context,
        assignment_id: FromPath[int],
        data: JSONBody[SignIn],
    ) -> AssignmentOut:
        """The trainee signs the loan contract: the device is assigned to them."""
        signed = await assignments.sign_contract(
            org_scope, assignment_id, data.signer_name, data.signature_svg, circumstances
        )
        return _out(signed)

    @post("/{assignment_id:int}/install", guards=[allow("residents:manage")])
    async def install(
        self,
        org_scope: OrgScope,
        circumstances: Context,
        assignment_id: FromPath[int],
        data: JSONBody[InstallIn],
    ) -> AssignmentOut:
        return _out(
            await assignments.install(org_scope, assignment_id, data.with_internet, circumstances)
        )

    @post("/{assignment_id:int}/give-back", guards=[allow("residents:manage")])
    async def give_back(
        self,
        org_scope: OrgScope,
        circumstances: Context,
        assignment_id: FromPath[int],
        data: JSONBody[ReasonIn],
    ) -> AssignmentOut:
        """The device goes back to the stock (visit refused, trainee left, device given back)."""
        back = await assignments.give_back_to_stock(
            org_scope, assignment_id, data.reason, circumstances
        )
        return _out(back)

    @get(
        "/{assignment_id:int}/contract.pdf",
        guards=[allow("residents:read")],
        media_type="application/pdf",
    )
    async def contract(self, org_scope: OrgScope, assignment_id: FromPath[int]) -> Response[bytes]:
        pdf = await contract_pdf(org_scope, assignment_id)
        return download(pdf, f"contrat-{assignment_id}.pdf")
