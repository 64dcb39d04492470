"""The demo issues the court collection's certificate once and prints a donor link once."""

from __future__ import annotations

import re

from click.testing import CliRunner

from inventory.certificates import links, service
from inventory.certificates.service import Verdict
from inventory.certificates.tables import Certificate, DonorLink
from logistics.cli import main
from logistics.demo.journey import COURT
from tests.factories import run
from tests.factories_certificates import now


def test_the_demo_court_gets_its_certificate_and_a_link_shown_once() -> None:
    runner = CliRunner()
    first = runner.invoke(main, ["demo"])
    assert first.exit_code == 0, first.output
    assert "shown this once only" in first.output
    token = re.search(r"/donateur/([\w-]+)", first.output)
    assert token is not None
    assert run(links.open_link(token.group(1), now())).donor["name"] == COURT
    certificates = run(Certificate.select(Certificate.number, Certificate.donor.name))
    assert [row["donor.name"] for row in certificates] == [COURT]
    assert run(service.verify(certificates[0]["number"])).verdict is Verdict.AUTHENTIC

    second = runner.invoke(main, ["demo"])
    assert second.exit_code == 0, second.output
    assert "/donateur/" not in second.output and "was shown when it was created" in second.output
    assert run(Certificate.count()) == 1 and run(DonorLink.count()) == 1
