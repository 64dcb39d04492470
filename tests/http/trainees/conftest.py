from tests.integration.trainees.conftest import address_services  # noqa: F401 (a fixture)
