"""Formulas as the site shows them: KaTeX's verdict and message, and ziamath's SVG of them."""

from __future__ import annotations

import threading
import xml.etree.ElementTree as ET

import pytest

from editor.core.render.math import (
    DEFAULT_SIZE,
    ERROR_COLOR,
    FormulaError,
    formula,
    formula_svg,
    katex,
    katex_error,
)

SVG = "{http://www.w3.org/2000/svg}"


def _size(svg: bytes) -> tuple[float, float]:
    root = ET.fromstring(svg)
    assert root.tag == f"{SVG}svg"
    return float(root.get("width", "0")), float(root.get("height", "0"))


@pytest.mark.parametrize("tex", [
    r"\frac{a}{b}",
    r"\sqrt{b^2 - 4ac}",
    r"\begin{pmatrix} 1 & 0 \\ 0 & 1 \end{pmatrix}",
    r"\begin{aligned} x + 2y &= 8 \\ 3x - y &= 5 \end{aligned}",
    r"\text{NOCl}_2 + \text{NO} \rightarrow 2\text{NOCl}",
    r"\Delta H_{sub} = \alpha\beta\gamma",
    r"\vec{E}_{\text{net}} = \sum_{i=1}^N \vec{E}_i",
])
def test_site_shaped_formulas_are_accepted_and_drawn(tex: str) -> None:
    for display in (False, True):
        assert katex_error(tex, display) is None
        width, height = _size(formula_svg(tex, display))
        assert width > 5 and height > 5


def test_unknown_command_is_red_text_not_an_error() -> None:
    assert katex_error(r"\badcmd x", False) is None
    assert 'mathcolor="#cc0000"' in (katex(r"\badcmd x", False).mathml or "")
    svg = formula_svg(r"\badcmd x", False).decode()
    assert ERROR_COLOR in svg


@pytest.mark.parametrize(("tex", "message"), [
    ("x^{", "ParseError: KaTeX parse error: Expected '}', got 'EOF' at end of input: x^{"),
    (r"\frac{a", "ParseError: KaTeX parse error: Unexpected end of input in a macro argument,"
                 " expected '}' at end of input: \\frac{a"),
    ("x_1_2", "ParseError: KaTeX parse error: Double subscript at position 4: x_1_̲2"),
])
def test_rejected_formula_has_katex_message(tex: str, message: str) -> None:
    assert katex_error(tex, False) == message
    with pytest.raises(FormulaError):
        formula_svg(tex, False)


def test_display_only_commands_are_rejected_inline() -> None:
    error = katex_error(r"\tag{1} x", False)
    assert error is not None and "display" in error
    assert katex_error(r"\tag{1} x", True) is None


def test_display_fraction_is_taller_than_inline() -> None:
    inline = formula(r"\frac{a}{b}", False)
    display = formula(r"\frac{a}{b}", True)
    assert display.height > inline.height
    assert 0 < inline.depth < inline.height


def test_size_is_next_to_body_text() -> None:
    """A letter at the default size is about as tall as 16px text's x-height and more."""
    x = formula("x", False)
    assert 7 < x.height < 20
    double = formula("x", False, size=2 * DEFAULT_SIZE)
    assert double.height == pytest.approx(2 * x.height, rel=0.02)


def test_color_is_part_of_the_key() -> None:
    dark = formula_svg("a+b", False, color="#e0e0e0").decode()
    light = formula_svg("a+b", False).decode()
    assert "#e0e0e0" in dark and "#e0e0e0" not in light
    assert formula_svg("a+b", False) is formula_svg("a+b", False)


def test_any_thread_may_ask() -> None:
    results: list[str | None] = []

    def ask() -> None:
        results.append(katex_error(r"\frac{1}{\sqrt{2}}", True))
        results.append(katex_error("{", True))

    threads = [threading.Thread(target=ask) for _ in range(3)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert results.count(None) == 3
    assert sum(1 for r in results if r and r.startswith("ParseError")) == 3
