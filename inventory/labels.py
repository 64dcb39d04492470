"""Labels (étiquettes) to stick on hardware: Code128 barcodes and A4 sheets ready to print.

The barcode carries the tag exactly as printed (``RP-26-000123-G``), so a scan and a typed tag go
through the same ``parse_tag``. python-barcode encodes the Code128 symbol; the screen gets SVG,
files get PNG, and sheets are drawn in vector with fpdf2 so bars stay sharp on any printer.
Sheets either label a list of logged items or hold a block of blank pre-numbered tags that agents
stick in the field and scan later.

The fonts are DejaVu Sans and DejaVu Sans Mono, shipped in ``inventory/fonts`` (free licence in
``LICENSE-DejaVu.txt``) so accents and « guillemets » print on any machine; the tag is set in the
monospaced face, whose zero is distinct from the letter O.
"""

from __future__ import annotations

import io
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from barcode import Code128
from barcode.writer import ImageWriter, SVGWriter
from fpdf import FPDF

from inventory.errors import Invalid
from inventory.tags import tag_block

FONTS = Path(__file__).parent / "fonts"
QUIET_ZONE_MODULES = 10
"""Blank modules on each side of the bars; Code128 scanners need at least 10."""
MODULE_MM = 0.33
"""Width of the narrowest bar on screen and in PNG files; phones read it from a fair distance."""
_BAR_HEIGHT_MM = 15.0


@dataclass(frozen=True)
class SheetFormat:
    """The geometry of a sheet of self-adhesive labels, in millimetres.

    ``pitch_x`` and ``pitch_y`` are the distances from one label's corner to the next one's
    (label size plus gap), as label makers publish them.
    """

    name: str
    columns: int
    rows: int
    label_width: float
    label_height: float
    margin_left: float
    margin_top: float
    pitch_x: float
    pitch_y: float
    page_width: float = 210.0
    page_height: float = 297.0

    @property
    def per_sheet(self) -> int:
        return self.columns * self.rows

    def corner(self, index: int) -> tuple[float, float]:
        """Top-left corner of the label at ``index`` on its page, filled row by row."""
        row, column = divmod(index % self.per_sheet, self.columns)
        return self.margin_left + column * self.pitch_x, self.margin_top + row * self.pitch_y


AVERY_L7160 = SheetFormat(
    name="Avery L7160 (3 × 7, 63,5 × 38,1 mm)",
    columns=3,
    rows=7,
    label_width=63.5,
    label_height=38.1,
    margin_left=7.25,
    margin_top=15.15,
    pitch_x=66.0,
    pitch_y=38.1,
)


@dataclass(frozen=True)
class LabelContent:
    """What one label shows: the tag and an optional short line (category, donor)."""

    tag: str
    line: str = ""


def code128_modules(tag: str) -> str:
    """The Code128 symbol of a tag as modules, "1" for a bar and "0" for a space."""
    return Code128(tag).build()[0]


def bar_runs(modules: str) -> Iterator[tuple[int, int]]:
    """Each bar as (first module, width in modules): what a vector drawing needs."""
    start = None
    for index, module in enumerate(modules + "0"):
        if module == "1" and start is None:
            start = index
        elif module == "0" and start is not None:
            yield start, index - start
            start = None


def _writer_options(with_text: bool) -> dict[str, object]:
    return {
        "module_width": MODULE_MM,
        "module_height": _BAR_HEIGHT_MM,
        "quiet_zone": QUIET_ZONE_MODULES * MODULE_MM,
        "write_text": with_text,
        "font_size": 10,
        "text_distance": 4,
    }


def code128_svg(tag: str, *, with_text: bool = True) -> str:
    """The barcode as an ``<svg>`` element, to inline in a page or save as a file."""
    document = Code128(tag, writer=SVGWriter()).render(_writer_options(with_text)).decode()
    return document[document.index("<svg") :]


def code128_png(tag: str, *, dpi: int = 300, with_text: bool = True) -> bytes:
    """The barcode as a PNG image (Pillow needed), for a download or a label printer."""
    options = _writer_options(with_text) | {"dpi": dpi, "format": "PNG"}
    buffer = io.BytesIO()
    Code128(tag, writer=ImageWriter()).write(buffer, options)
    return buffer.getvalue()


def embed_fonts(document: FPDF) -> None:
    """Register the shipped DejaVu faces ("DejaVu", "DejaVuMono") so any PDF prints accents."""
    document.add_font("DejaVu", fname=str(FONTS / "DejaVuSans.ttf"))
    document.add_font("DejaVuMono", fname=str(FONTS / "DejaVuSansMono.ttf"))


def draw_code128(
    document: FPDF, text: str, left: float, top: float, width: float, height: float
) -> None:
    """Draw the bars of ``text`` in vector, centred in the box, quiet zones included."""
    modules = code128_modules(text)
    module = min(0.5, width / (len(modules) + 2 * QUIET_ZONE_MODULES))
    start = left + (width - len(modules) * module) / 2
    document.set_fill_color(0)
    for first, run in bar_runs(modules):
        document.rect(start + first * module, top, run * module, height, style="F")


class _LabelSheet(FPDF):
    """An A4 document that draws labels at the positions of a sheet format."""

    PADDING_MM = 2.5
    CONTENT_HEIGHT_MM = 26.5

    def __init__(self, sheet: SheetFormat) -> None:
        super().__init__(unit="mm", format=(sheet.page_width, sheet.page_height))
        self.sheet = sheet
        self.set_auto_page_break(False)
        self.set_margins(0, 0, 0)
        embed_fonts(self)
        self.set_title("Étiquettes")
        self.set_creator("ordipratique-tracker")

    def draw(self, index: int, label: LabelContent) -> None:
        if self.page == 0 or index % self.sheet.per_sheet == 0:
            self.add_page()
        x, y = self.sheet.corner(index)
        width = self.sheet.label_width - 2 * self.PADDING_MM
        # Centred as if every label had its short line, so tags align across the sheet.
        top = y + max(self.PADDING_MM, (self.sheet.label_height - self.CONTENT_HEIGHT_MM) / 2)
        self._barcode(label.tag, x + self.PADDING_MM, top, width, height=16.0)
        self.set_font("DejaVuMono", size=11)
        self.set_xy(x + self.PADDING_MM, top + 17.0)
        self.cell(width, 5.0, label.tag, align="C")
        if label.line:
            self.set_font("DejaVu", size=7.5)
            self.set_xy(x + self.PADDING_MM, top + 22.5)
            self.cell(width, 4.0, self._fit(label.line, width), align="C")

    def _barcode(self, tag: str, left: float, top: float, width: float, height: float) -> None:
        draw_code128(self, tag, left, top, width, height)

    def _fit(self, text: str, width: float) -> str:
        """The text cut with an ellipsis so a long donor name stays on its label."""
        if self.get_string_width(text) <= width:
            return text
        while text and self.get_string_width(text + "…") > width:
            text = text[:-1]
        return text.rstrip() + "…"


def labels_pdf(
    labels: Sequence[LabelContent], sheet: SheetFormat = AVERY_L7160, *, skip: int = 0
) -> bytes:
    """A PDF of label sheets; ``skip`` leaves the first labels of a partly used sheet blank."""
    if not labels:
        raise Invalid("Aucune étiquette à imprimer.")
    if not 0 <= skip < sheet.per_sheet:
        raise Invalid(
            f"Le nombre d'étiquettes déjà utilisées doit aller de 0 à {sheet.per_sheet - 1}.",
            skip=skip,
        )
    document = _LabelSheet(sheet)
    for index, label in enumerate(labels, start=skip):
        document.draw(index, label)
    return bytes(document.output())


def blank_labels_pdf(
    prefix: str,
    year: int,
    first_sequence: int,
    count: int,
    sheet: SheetFormat = AVERY_L7160,
    *,
    skip: int = 0,
) -> bytes:
    """Sheets of blank pre-numbered tags for agents to stick in the field and scan later."""
    tags = tag_block(prefix, year, first_sequence, count)
    return labels_pdf([LabelContent(str(tag)) for tag in tags], sheet, skip=skip)
