"""File responses (PDF, CSV, XLSX) and uploaded files, for pages and API alike."""

from __future__ import annotations

from typing import Annotated, Any

from litestar import Response
from litestar.datastructures import UploadFile
from litestar.enums import RequestEncodingType
from litestar.params import Body

from inventory.errors import Invalid

MultipartData = Annotated[dict[str, Any], Body(media_type=RequestEncodingType.MULTI_PART)]
MEDIA_TYPES = {
    "pdf": "application/pdf",
    "json": "application/json",
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


def download(content: bytes, filename: str, inline: bool = False) -> Response[bytes]:
    """The bytes as a file; ``inline`` lets a browser show a PDF instead of saving it."""
    disposition = "inline" if inline else "attachment"
    return Response(
        content,
        media_type=MEDIA_TYPES[filename.rsplit(".", 1)[-1]],
        headers={"Content-Disposition": f'{disposition}; filename="{filename}"'},
    )


async def uploaded(data: dict[str, Any], field: str, required: bool = True) -> tuple[str, bytes]:
    """The name and bytes of an uploaded file; an empty field is refused when required."""
    value = data.get(field)
    if not isinstance(value, UploadFile) or not value.filename:
        if required:
            raise Invalid("Choisissez un fichier à envoyer.")
        return "", b""
    return value.filename, await value.read()
