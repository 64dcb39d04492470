"""The page furniture shared by every document a donor receives (attestation, bilan, acte).

One A4 portrait layout: title block, paragraphs, key/value lines, tables drawn with plain cells
(fast enough for 500 lines), the Code128 of a number, the QR code of an address and a signature.
Fonts and the barcode come from ``inventory.labels`` so labels and documents print alike.
"""

from __future__ import annotations

import io
import re
from collections.abc import Sequence
from xml.etree.ElementTree import Element

import qrcode
from defusedxml import ElementTree
from fpdf import FPDF

from inventory.labels import draw_code128, embed_fonts

PAGE_WIDTH_MM = 210.0
MARGIN_MM = 15.0
TEXT_WIDTH_MM = PAGE_WIDTH_MM - 2 * MARGIN_MM
SVG_NS = "{http://www.w3.org/2000/svg}"


class DonorDocument(FPDF):
    """An A4 document with the association in the header and the reference in every footer."""

    def __init__(self, title: str, reference: str, issuer: str) -> None:
        super().__init__(unit="mm", format="A4")
        embed_fonts(self)
        self.doc_title = title
        self.reference = reference
        self.issuer = issuer
        self._widths: dict[tuple[float, str], float] = {}
        self.set_margins(MARGIN_MM, MARGIN_MM, MARGIN_MM)
        self.set_auto_page_break(True, margin=18)
        self.set_title(f"{title} {reference}".strip())
        self.set_author(issuer)
        self.set_creator("ordipratique-tracker")
        self.add_page()

    def header(self) -> None:
        self.set_font("DejaVu", size=8)
        self.set_text_color(90)
        self.cell(0, 5, self.issuer, align="L")
        self.ln(7)
        self.set_text_color(0)

    def footer(self) -> None:
        self.set_y(-13)
        self.set_font("DejaVu", size=8)
        self.set_text_color(90)
        self.cell(0, 5, f"{self.doc_title} {self.reference}", align="L")
        self.cell(0, 5, f"page {self.page_no()}/{{nb}}", align="R")
        self.set_text_color(0)

    def title_block(self, title: str, subtitle: str = "") -> None:
        self.set_font("DejaVu", size=16)
        self.multi_cell(0, 8, title, new_x="LMARGIN", new_y="NEXT")
        if subtitle:
            self.set_font("DejaVu", size=10)
            self.multi_cell(0, 5, subtitle, new_x="LMARGIN", new_y="NEXT")
        self.ln(3)

    def heading(self, text: str) -> None:
        self.ln(2)
        self.set_font("DejaVu", size=11.5)
        self.cell(0, 7, text, new_x="LMARGIN", new_y="NEXT")
        self.set_draw_color(120)
        self.line(MARGIN_MM, self.get_y(), PAGE_WIDTH_MM - MARGIN_MM, self.get_y())
        self.ln(1.5)

    def paragraph(self, text: str, size: float = 9.5) -> None:
        self.set_font("DejaVu", size=size)
        self.multi_cell(0, size * 0.5, text, new_x="LMARGIN", new_y="NEXT")
        self.ln(1.5)

    def fields(self, pairs: Sequence[tuple[str, str]], key_width: float = 48.0) -> None:
        """Label/value lines; a value may span several lines (an address)."""
        for key, value in pairs:
            self.set_font("DejaVu", size=9)
            self.set_text_color(70)
            y = self.get_y()
            self.cell(key_width, 5, key)
            self.set_text_color(0)
            self.set_xy(MARGIN_MM + key_width, y)
            self.multi_cell(0, 5, value or "—", new_x="LMARGIN", new_y="NEXT")

    def grid(
        self,
        headers: Sequence[str],
        widths: Sequence[float],
        rows: Sequence[Sequence[str]],
        aligns: Sequence[str] | None = None,
        size: float = 8.0,
    ) -> None:
        """A plain grid, headers repeated on each new page; long cells are cut, not wrapped.

        Rows are drawn with ``text`` rather than ``cell``: seven times faster, which keeps the
        certificate of a 500-item collection well under a second.
        """
        aligns = aligns or ["L"] * len(headers)
        self._table_header(headers, widths, size)
        right = MARGIN_MM + sum(widths)
        self.set_draw_color(170)
        for row in rows:
            if self.will_page_break(5):
                self.add_page()
                self._table_header(headers, widths, size)
            y, x = self.get_y(), MARGIN_MM
            for text, width, align in zip(row, widths, aligns, strict=True):
                shown = self._fit(text, width - 1.5)
                offset = 0.75 if align == "L" else width - 0.75 - self._width(shown)
                self.text(x + offset, y + 3.6, shown)
                x += width
            self.line(MARGIN_MM, y + 5, right, y + 5)
            self.set_y(y + 5)
        self.ln(2)

    def _table_header(self, headers: Sequence[str], widths: Sequence[float], size: float) -> None:
        self.set_font("DejaVu", size=size)
        self.set_fill_color(230)
        for text, width in zip(headers, widths, strict=True):
            self.cell(width, 6, text, border="B", fill=True)
        self.ln(6)

    def _width(self, text: str) -> float:
        """String width in the current font, remembered: brands and models repeat a lot."""
        key = (self.font_size_pt, text)
        if key not in self._widths:
            self._widths[key] = self.get_string_width(text)
        return self._widths[key]

    def _fit(self, text: str, width: float) -> str:
        if self._width(text) <= width:
            return text
        while text and self._width(text + "…") > width:
            text = text[:-1]
        return text + "…"

    def code128(self, text: str, x: float, y: float, width: float = 70.0) -> None:
        draw_code128(self, text, x, y, width, 12.0)
        self.set_font("DejaVuMono", size=8)
        self.set_xy(x, y + 12.5)
        self.cell(width, 4, text, align="C")

    def qr_code(self, url: str, x: float, y: float, size: float = 28.0) -> None:
        """The QR code in vector: one rectangle per run of dark modules in a row."""
        code = qrcode.QRCode(border=0, error_correction=qrcode.constants.ERROR_CORRECT_M)
        code.add_data(url)
        code.make(fit=True)
        matrix = code.get_matrix()
        module = size / len(matrix)
        self.set_fill_color(0)
        for row_index, row in enumerate(matrix):
            start = None
            for column, dark in enumerate([*row, False]):
                if dark and start is None:
                    start = column
                elif not dark and start is not None:
                    self.rect(
                        x + start * module,
                        y + row_index * module,
                        (column - start) * module,
                        module,
                        style="F",
                    )
                    start = None

    def number_and_qr(self, number: str, verification_url: str) -> None:
        """Under the title: the number as a Code128 on the left, the public verification address
        as a QR code on the right; what a phone scans to check the document."""
        top = self.get_y()
        self.code128(number, MARGIN_MM, top, width=70)
        self.qr_code(verification_url, MARGIN_MM + TEXT_WIDTH_MM - 26, top, size=26)
        self.set_y(top + 29)

    def signature(self, svg: str, x: float, y: float, width: float, height: float) -> bool:
        """Draw the signature's strokes; False (nothing drawn) when there is none to read."""
        clean = clean_signature_svg(svg)
        if clean is None:
            return False
        self.image(io.BytesIO(clean.encode()), x=x, y=y, w=width, h=height, keep_aspect_ratio=True)
        return True


def clean_signature_svg(signature: str) -> str | None:
    """Only the strokes of a captured signature, in a fresh SVG document.

    The phone sends path data ("M12 30L14 31…", see ``inventory.services.collections``); a full
    SVG document is accepted too. Re-emitting only ``d`` attributes means no embedded image, link
    or script from a client ever reaches the PDF renderer. The box is fitted to the strokes.
    """
    text = signature.strip()
    if not text:
        return None
    paths = [text] if not text.startswith("<") else _svg_paths(text)
    if not paths or any(not _PATH_DATA.match(d) for d in paths):
        return None
    numbers = [float(n) for d in paths for n in _NUMBER.findall(d)]
    xs, ys = numbers[0::2], numbers[1::2]
    if not xs or not ys:
        return None
    pad = 4.0
    box = (
        f"{min(xs) - pad:g} {min(ys) - pad:g} "
        f"{max(xs) - min(xs) + 2 * pad:g} {max(ys) - min(ys) + 2 * pad:g}"
    )
    strokes = "".join(f'<path d="{d}" fill="none" stroke="#000" stroke-width="3"/>' for d in paths)
    return f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="{box}">{strokes}</svg>'


_PATH_DATA = re.compile(r"^[MmLlHhVvCcSsQqTtAaZz0-9eE.,+\-\s]+$")
_NUMBER = re.compile(r"-?\d+(?:\.\d+)?(?:[eE][-+]?\d+)?")


def _svg_paths(document: str) -> list[str]:
    try:
        root: Element = ElementTree.fromstring(document)
    except Exception:  # defusedxml raises several unrelated classes on hostile or broken input
        return []
    return [
        element.get("d", "").strip()
        for element in root.iter()
        if element.tag in ("path", f"{SVG_NS}path") and element.get("d")
    ]
