"""Scan the codes printed on a PDF page as a phone would, with pypdf and zxing-cpp only.

The documents draw their Code128 and QR code in vector (filled rectangles), so the page holds no
image for pypdf to hand over. Instead the page's filled rectangles are painted in their own grey
onto a white canvas (enough to render bars and modules; text is left out) and zxing-cpp reads
every code it finds there. No PDF renderer is needed in the dev extra.
"""

from __future__ import annotations

import io

import zxingcpp
from PIL import Image, ImageDraw
from pypdf import PageObject, PdfReader
from pypdf.generic import ContentStream

PIXELS_PER_POINT = 4.0


def painted_rectangles(page: PageObject, scale: float = PIXELS_PER_POINT) -> Image.Image:
    """The page's ``re``…``f`` fills in their grey level (``g``, kept across ``q``/``Q``).

    fpdf2 draws these rectangles in page space, so the y axis is only turned downwards.
    """
    width, height = float(page.mediabox.width), float(page.mediabox.height)
    image = Image.new("L", (round(width * scale), round(height * scale)), 255)
    draw = ImageDraw.Draw(image)
    grey, saved, pending = 0, [], []
    for operands, operator in ContentStream(page.get_contents(), None).operations:
        if operator == b"q":
            saved.append(grey)
        elif operator == b"Q":
            grey = saved.pop()
        elif operator == b"g":
            grey = round(float(operands[0]) * 255)
        elif operator == b"re":
            pending.append(tuple(float(v) for v in operands))
        elif operator in (b"f", b"F", b"f*", b"B", b"B*"):
            for x, y, w, h in pending:
                left, right = sorted((x, x + w))
                bottom, top = sorted((y, y + h))
                box = (
                    left * scale,
                    (height - top) * scale,
                    right * scale,
                    (height - bottom) * scale,
                )
                draw.rectangle(box, fill=grey)
            pending = []
        elif operator in (b"S", b"n"):
            pending = []
    return image


def scanned_codes(pdf: bytes, page: int = 0) -> dict[str, str]:
    """What a scanner reads on a page: the text of each code by its format (``QRCode``...)."""
    image = painted_rectangles(PdfReader(io.BytesIO(pdf)).pages[page])
    return {code.format.name: code.text for code in zxingcpp.read_barcodes(image)}
