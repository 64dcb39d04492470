"""Labels: what is printed or shown scans back to the very tag, and French text prints intact."""

from __future__ import annotations

import io
import re

import pytest
from PIL import Image, ImageDraw
from pypdf import PageObject, PdfReader
from pypdf.generic import ContentStream

from inventory.errors import Invalid
from inventory.labels import (
    AVERY_L7160,
    LabelContent,
    bar_runs,
    blank_labels_pdf,
    code128_modules,
    code128_png,
    code128_svg,
    labels_pdf,
)
from inventory.tags import format_tag, parse_tag

zxingcpp = pytest.importorskip("zxingcpp", reason="the Code128 decoder comes with zxing-cpp")

TAGS = [format_tag("RP", 26, 123), format_tag("BLE", 2026, 999_999), format_tag("RP", 27, 1)]
FRENCH = "unité centrale — Cour d'Appel de Chambéry « don » ç œ à è"


def decoded(image: Image.Image) -> set[str]:
    return {result.text for result in zxingcpp.read_barcodes(image)}


def canvas(width: float, height: float, scale: float) -> tuple[Image.Image, ImageDraw.ImageDraw]:
    image = Image.new("L", (round(width * scale), round(height * scale)), 255)
    return image, ImageDraw.Draw(image)


def test_bar_runs_cover_exactly_the_bars() -> None:
    assert list(bar_runs("0110100111")) == [(1, 2), (4, 1), (7, 3)]
    modules = code128_modules(TAGS[0])
    rebuilt = ["0"] * len(modules)
    for first, width in bar_runs(modules):
        rebuilt[first : first + width] = ["1"] * width
    assert "".join(rebuilt) == modules


@pytest.mark.parametrize("tag", TAGS)
def test_the_png_scans_back_to_the_tag(tag: str) -> None:
    image = Image.open(io.BytesIO(code128_png(tag)))
    assert decoded(image) == {tag}
    assert parse_tag(tag)


@pytest.mark.parametrize("tag", TAGS)
def test_the_svg_shown_on_screen_scans_back_to_the_tag(tag: str) -> None:
    svg = code128_svg(tag)
    assert svg.startswith("<svg") and f">{tag}</text>" in svg
    width, height = (float(v) for v in re.findall(r'(?:width|height)="([\d.]+)mm"', svg)[:2])
    image, draw = canvas(width, height, scale=12)
    bars = re.findall(
        r'<rect x="([\d.]+)mm" y="([\d.]+)mm" width="([\d.]+)mm" height="([\d.]+)mm"', svg
    )
    for x, y, w, h in ((float(v) * 12 for v in bar) for bar in bars):
        draw.rectangle((x, y, x + w - 1, y + h - 1), fill=0)
    assert decoded(image) == {tag}


def _page_bars_scan(page: PageObject, scale: float = 5.0) -> set[str]:
    """Rasterise the filled rectangles of a PDF page (fpdf2 draws bars as ``re f``) and scan."""
    width, height = float(page.mediabox.width), float(page.mediabox.height)
    image, draw = canvas(width, height, scale)
    for operands, operator in ContentStream(page.get_contents(), None).operations:
        if operator == b"re":
            x, y, w, h = (float(v) for v in operands)
            left, right = sorted((x, x + w))
            bottom, top = sorted((y, y + h))
            box = (
                left * scale,
                (height - top) * scale,
                right * scale - 1,
                (height - bottom) * scale - 1,
            )
            draw.rectangle(box, fill=0)
    return decoded(image)


def test_a_sheet_for_logged_items_scans_and_reads_back_in_french() -> None:
    labels = [LabelContent(tag, FRENCH[:38]) for tag in TAGS]
    reader = PdfReader(io.BytesIO(labels_pdf(labels)))
    text = reader.pages[0].extract_text()
    assert all(tag in text for tag in TAGS)
    assert FRENCH[:38] in text
    assert _page_bars_scan(reader.pages[0]) == set(TAGS)


def test_guillemets_and_ligatures_print_intact() -> None:
    reader = PdfReader(io.BytesIO(labels_pdf([LabelContent(TAGS[0], "« don » ç œ à è")])))
    assert "« don » ç œ à è" in reader.pages[0].extract_text()


def test_a_long_donor_name_is_cut_with_an_ellipsis_to_stay_on_its_label() -> None:
    pdf = labels_pdf([LabelContent(TAGS[0], FRENCH * 3)])
    assert "…" in PdfReader(io.BytesIO(pdf)).pages[0].extract_text()


def test_a_block_of_blank_tags_fills_sheets_after_the_labels_already_used() -> None:
    reader = PdfReader(io.BytesIO(blank_labels_pdf("RP", 2026, 500, 30, skip=5)))
    assert len(reader.pages) == 2  # 16 labels left on the first sheet, 14 on the second
    first_page = reader.pages[0].extract_text()
    expected_first = {format_tag("RP", 26, n) for n in range(500, 516)}
    assert set(re.findall(r"RP-26-\d{6}-\w", first_page)) == expected_first
    assert _page_bars_scan(reader.pages[0]) == expected_first


def test_labels_sit_inside_the_l7160_grid() -> None:
    assert AVERY_L7160.per_sheet == 21
    x, y = AVERY_L7160.corner(20)
    assert x + AVERY_L7160.label_width <= AVERY_L7160.page_width - 7
    assert y + AVERY_L7160.label_height <= AVERY_L7160.page_height - 15
    assert AVERY_L7160.corner(21) == AVERY_L7160.corner(0)


@pytest.mark.parametrize(("labels", "skip"), [([], 0), ([LabelContent(TAGS[0])], 21)])
def test_nothing_to_print_or_a_full_sheet_skipped_is_refused(
    labels: list[LabelContent], skip: int
) -> None:
    with pytest.raises(Invalid):
        labels_pdf(labels, skip=skip)
