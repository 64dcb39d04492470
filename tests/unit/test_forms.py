"""What a browser sends, read into the API's input Structs by the one form reader."""

from __future__ import annotations

from datetime import date, time

import pytest

from logistics.http.forms import FormInvalid, Prefixed, read_form
from logistics.http.schemas.collections import ItemIn
from logistics.http.schemas.donors import PickupIn
from logistics.http.schemas.rounds import DepartureIn, PlanIn

PICKUP = {"allowed_weekdays": Prefixed("weekday_"), "estimated_quantities": Prefixed("qty_")}


def test_empty_fields_take_their_defaults_and_a_phone_s_decimal_comma_is_a_number() -> None:
    form = {
        "wished_from": "2026-12-07",
        "wished_until": "2026-12-11",
        "estimated_weight_kg": "",
        "estimated_volume_m3": "0,5",
        "priority": "",
        "_csrf_token": "ignored",
    }

    pickup = read_form(form, PickupIn, names=PICKUP)

    assert (pickup.wished_from, pickup.wished_until) == (date(2026, 12, 7), date(2026, 12, 11))
    assert (pickup.estimated_weight_kg, pickup.estimated_volume_m3) == (0.0, 0.5)
    assert pickup.priority == 1 and pickup.mandatory is False


def test_boxes_named_one_each_and_repeated_names_both_give_lists() -> None:
    boxes = {"week_start": "2026-11-30", "vehicle_3": "1", "request_5": "1", "request_7": "1"}
    repeated = {"week_start": "2026-11-30", "vehicle_ids": ["3", "4"], "pickup_request_ids": "5"}

    ticked = read_form(
        boxes,
        PlanIn,
        names={"vehicle_ids": Prefixed("vehicle_"), "pickup_request_ids": Prefixed("request_")},
    )
    listed = read_form(repeated, PlanIn)

    assert (ticked.vehicle_ids, ticked.pickup_request_ids, ticked.seed) == ([3], [5, 7], None)
    assert (listed.vehicle_ids, listed.pickup_request_ids) == ([3, 4], [5])


def test_a_time_input_and_a_yes_no_unknown_choice_are_read_as_typed() -> None:
    assert read_form({"departure": "9:45"}, DepartureIn).departure == time(9, 45)
    unknown = read_form({"category": "laptop", "has_storage_media": ""}, ItemIn)
    said = read_form({"category": "laptop", "has_storage_media": "0"}, ItemIn)
    assert (unknown.has_storage_media, said.has_storage_media) == (None, False)


def test_every_wrong_field_is_named_at_once_by_its_input() -> None:
    form = {"wished_from": "demain", "wished_until": "", "qty_laptop": "6", "qty_screen": "deux"}

    with pytest.raises(FormInvalid) as refused:
        read_form(form, PickupIn, names=PICKUP)

    assert refused.value.fields == {
        "wished_from": "saisissez une date (jj/mm/aaaa)",
        "wished_until": "obligatoire",
        "qty_screen": "saisissez un nombre entier",
    }
