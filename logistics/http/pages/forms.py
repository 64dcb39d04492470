"""Helpers shared by form pages: reading a urlencoded body, re-showing a form with its error."""

from __future__ import annotations

from typing import Annotated, Any

from litestar.enums import RequestEncodingType
from litestar.params import Body
from litestar.response import Template

from inventory.errors import DomainError
from logistics.http.problems import status_and_title

FormData = Annotated[dict[str, str], Body(media_type=RequestEncodingType.URL_ENCODED)]


def form_with_error(template: str, context: dict[str, Any], error: DomainError) -> Template:
    """Show the same form again, filled in, with the refusal above it (status as on the API)."""
    status, _ = status_and_title(error)
    return Template(template, context={**context, "error": error.message}, status_code=status)
