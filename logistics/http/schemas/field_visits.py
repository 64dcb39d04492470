"""Schemas of the installer's phone page: the day's visits, each with what is needed at the door."""

from __future__ import annotations

from datetime import date, tzinfo

from msgspec import Struct

from logistics.visits.phone_day import PhoneVisit


class DeviceOut(Struct):
    """The device to install; ``contract_signed``: its loan contract is already signed (at the
    office), so the installer does not have it signed again."""

    assignment_id: int
    reference: str
    category: str
    category_label: str
    contract_signed: bool


class VisitOut(Struct):
    """``status`` is the visit's code ("booked" until its outcome), ``status_label`` its French
    words; ``outcome_at`` "HH:MM" once recorded on the server."""

    id: int
    first_name: str
    phone: str
    address: str
    latitude: float | None
    longitude: float | None
    window: str
    planned_at: str
    """"HH:MM" the day view plans to be there (empty once the visit has its outcome)."""
    geo_uri: str
    status: str
    status_label: str
    outcome_at: str
    outcome_notes: str
    device: DeviceOut | None

    @classmethod
    def of(cls, visit: PhoneVisit, zone: tzinfo) -> VisitOut:
        place = " ".join(p for p in (visit.postcode, visit.city) if p)
        device = visit.device
        return cls(
            id=visit.id,
            first_name=visit.first_name,
            phone=visit.phone,
            address=", ".join(p for p in (visit.address, place) if p),
            latitude=visit.latitude,
            longitude=visit.longitude,
            window=f"{visit.window_start:%H:%M}–{visit.window_end:%H:%M}",
            planned_at=f"{visit.planned_at:%H:%M}" if visit.planned_at else "",
            geo_uri=visit.geo_uri or "",
            status=visit.status.value,
            status_label=visit.status.label,
            outcome_at=f"{visit.outcome_at.astimezone(zone):%H:%M}" if visit.outcome_at else "",
            outcome_notes=visit.outcome_notes,
            device=DeviceOut(
                device.assignment_id,
                device.reference,
                device.category.value,
                device.category.label,
                device.contract_signed,
            )
            if device
            else None,
        )


class VisitDayOut(Struct):
    day: date
    visits: list[VisitOut]
