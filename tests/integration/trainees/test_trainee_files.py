"""Trainees (bénéficiaires): registered, located, corrected, listed, read by BLÉ only."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from inventory.errors import Forbidden, Invalid, NotFound
from inventory.history import Circumstances
from inventory.parties import OrganisationKind
from inventory.tables import Event
from logistics.accounts.roles import Role
from logistics.trainees import people
from logistics.trainees.access_log import access_log, record_access
from logistics.trainees.people import TraineeData
from logistics.trainees.tables import InternetAccess, PersonalDataAccess, Trainee
from tests.factories import make_organisation, run
from tests.factories_trainees import make_ble, make_cycle, make_trainee
from tests.integration.trainees.conftest import staff_scope
from tests.unit.routes.geoservers import FakeService

AT = Circumstances(at=datetime(2026, 12, 4, 10, 0, tzinfo=UTC))


def fatima(**extra: object) -> TraineeData:
    values: dict[str, object] = {
        "first_name": "Fatima",
        "last_name": "Durand",
        "phone": "06 12 34 56 78",
        "address": "12 rue du Pré de l'Âne",
        "postcode": "73000",
        "city": "Chambéry",
        "neighbourhood": "hauts_de_chambery",
        "internet_at_home": InternetAccess.BOX,
    }
    return TraineeData(**(values | extra))  # type: ignore[arg-type]


def test_a_new_trainee_is_located_through_the_address_base(
    address_services: FakeService,
) -> None:
    ble = make_ble()
    scope = staff_scope(ble.organisation, ble.installers[0])

    row = run(people.create_trainee(scope, fatima(), AT))

    assert (row["latitude"], row["longitude"]) == pytest.approx((45.5812, 5.9301))
    assert row["organisation"] == ble.organisation and row["created_by"] == ble.installers[0]
    assert address_services.queries == ["12 rue du Pré de l'Âne 73000 Chambéry"]


def test_an_address_nobody_finds_is_kept_without_a_point() -> None:
    ble = make_ble()
    scope = staff_scope(ble.organisation, ble.installers[0])

    row = run(people.create_trainee(scope, fatima(address="Chemin inconnu"), AT))

    assert row["address"] == "Chemin inconnu"
    assert row["latitude"] is None and row["longitude"] is None


def test_an_address_service_that_is_down_is_not_an_error(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from logistics.settings import get_settings
    from tests.factories import free_port

    monkeypatch.setenv("GEOCODER_BAN_URL", f"http://127.0.0.1:{free_port()}")
    monkeypatch.setenv("GEOCODER_NOMINATIM_URL", f"http://127.0.0.1:{free_port()}")
    get_settings.cache_clear()
    ble = make_ble()

    row = run(people.create_trainee(staff_scope(ble.organisation, ble.installers[0]), fatima(), AT))

    assert row["latitude"] is None and row["last_name"] == "Durand"


def test_a_changed_address_is_looked_up_again_and_the_event_names_fields_not_values(
    address_services: FakeService,
) -> None:
    ble = make_ble()
    scope = staff_scope(ble.organisation, ble.installers[0])
    created = run(people.create_trainee(scope, fatima(address="Chemin inconnu"), AT))

    same = run(
        people.update_trainee(
            scope, created["id"], fatima(address="Chemin inconnu", notes="Préfère le matin"), AT
        )
    )
    moved = run(people.update_trainee(scope, created["id"], fatima(notes="Préfère le matin"), AT))

    assert same["latitude"] is None
    assert moved["latitude"] == pytest.approx(45.5812)
    events = run(
        Event.select()
        .where(Event.subject_kind == "trainee")
        .order_by(Event.id)
        .output(load_json=True)
    )
    assert [e["action"] for e in events] == ["created", "updated", "updated"]
    assert events[2]["details"] == {"fields": ["address", "latitude", "longitude"]}
    assert "Pré" not in str(events)


def test_a_consent_without_date_is_dated_today_and_needs_the_means_to_reach() -> None:
    ble = make_ble()
    scope = staff_scope(ble.organisation, ble.installers[0])

    row = run(people.create_trainee(scope, fatima(consent_sms=True), AT))

    assert row["consent_sms"] is True and str(row["consent_on"]) == "2026-12-04"
    with pytest.raises(Invalid, match="il faut une adresse de courriel"):
        run(people.create_trainee(scope, fatima(consent_email=True), AT))
    with pytest.raises(Invalid, match="Quartier « nulle_part » inconnu"):
        run(people.create_trainee(scope, fatima(neighbourhood="nulle_part"), AT))


def test_the_list_filters_by_cycle_and_neighbourhood() -> None:
    ble = make_ble()
    scope = staff_scope(ble.organisation, ble.installers[0])
    durand = make_trainee(ble.organisation, "Durand")
    martin = make_trainee(ble.organisation, "Martin", neighbourhood="biollay")
    make_trainee(ble.organisation, "Petit", neighbourhood="biollay")
    cycle = make_cycle(ble.organisation, {durand: 9, martin: 4})

    def names(**filters: object) -> list[str]:
        return [r["last_name"] for r in run(people.list_trainees(scope, **filters))]  # type: ignore[arg-type]

    assert names() == ["Durand", "Martin", "Petit"]
    assert names(cycle_id=cycle) == ["Durand", "Martin"]
    assert names(neighbourhood="biollay") == ["Martin", "Petit"]
    assert names(cycle_id=cycle, neighbourhood="biollay") == ["Martin"]


def test_another_installing_association_and_collecting_staff_read_nothing() -> None:
    ble = make_ble()
    other = make_organisation("ALI", OrganisationKind.INSTALLING, "Autre association")
    trainee = make_trainee(ble.organisation)
    outsider = staff_scope(other, 99)
    # A collecting manager's scope reads the partner associations' records: not their residents.
    collecting = make_organisation("RP")
    manager = staff_scope(collecting, 98, Role.MANAGER)
    manager = type(manager)(
        98,
        "Claire",
        collecting,
        frozenset({collecting, ble.organisation}),
        frozenset({collecting, ble.organisation}),
        manager.permissions,
        "Responsable",
    )

    with pytest.raises(NotFound):
        run(people.get_trainee(outsider, trainee))
    assert run(people.list_trainees(outsider)) == []
    with pytest.raises(NotFound):
        run(record_access(outsider, trainee))
    for role in (Role.MANAGER, Role.AGENT, Role.RECONDITIONER, Role.COORDINATOR):
        with pytest.raises(Forbidden):
            run(people.get_trainee(staff_scope(collecting, 97, role), trainee))
    with pytest.raises(Forbidden):
        run(people.list_trainees(manager))
    with pytest.raises(Forbidden):
        run(people.create_trainee(manager, fatima(), AT, organisation_id=ble.organisation))


def test_each_view_is_logged_and_the_log_names_who_read() -> None:
    ble = make_ble()
    trainee = make_trainee(ble.organisation)
    nadia = staff_scope(ble.organisation, ble.installers[0])
    yanis = staff_scope(ble.organisation, ble.installers[1])

    run(record_access(nadia, trainee, "view"))
    run(record_access(yanis, trainee, "api"))

    log = run(access_log(nadia, trainee))
    assert [(row["who"], row["label"]) for row in log] == [
        ("Yanis Roux", "Lecture par l'API"),
        ("Nadia Blanc", "Consultation de la fiche"),
    ]
    assert run(PersonalDataAccess.count()) == 2
    assert run(Trainee.count()) == 1
