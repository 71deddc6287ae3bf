"""Formulas as the site shows them: KaTeX decides, ziamath draws.

The site renders math with KaTeX (rehype-katex). The same KaTeX (``katex/katex.min.js``, MIT,
the version the site runs) runs here in QuickJS, so a formula is accepted or rejected exactly
as the site does, with the same message. Its MathML output is then drawn to SVG by ziamath
with the STIX Two Math font it bundles.

rehype-katex renders with ``throwOnError: false`` and ``strict: "ignore"`` after a failed
first try: an unknown command such as ``\\badcmd`` is then no error but red text in the
formula, and only a formula KaTeX cannot parse is shown as its source in red with the
message as its title. :func:`katex_error` gives that message, or None.

Every result is cached per formula; the JavaScript engine runs on one thread of its own,
so any thread may ask.
"""

from __future__ import annotations

import html
import json
import os
import re
import threading
import xml.etree.ElementTree as ET
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from editor.core.errors import ArticleError

#: KaTeX's own script, shipped beside this module.
KATEX_JS = Path(__file__).resolve().parent / "katex" / "katex.min.js"
#: The site's formulas are 1.21 times the text around them (KaTeX's stylesheet); text is 16px.
SCALE = 1.21
DEFAULT_SIZE = SCALE * 16.0
#: The colour rehype-katex gives a rejected formula and KaTeX an unknown command.
ERROR_COLOR = "#cc0000"

_RENDER_JS = """
var console = {log: function () {}, warn: function () {}, error: function () {}};
function __render(tex, display) {
  try {
    return katex.renderToString(tex, {displayMode: display, strict: "ignore",
                                      throwOnError: false});
  } catch (e) {
    return "\\u0000" + String(e);
  }
}
function __check(tex, display) {
  try {
    var out = katex.renderToString(tex, {displayMode: display, strict: "ignore",
                                         throwOnError: false, output: "mathml"});
    var rejected = /^<span class="katex-error" title="([^"]*)"/.exec(out);
    return rejected ? "P" + rejected[1] : "";
  } catch (e) {
    return "X" + String(e);
  }
}
function __checks(formulas) {
  return JSON.stringify(JSON.parse(formulas).map(function (f) { return __check(f[0], f[1]); }));
}
"""
_ERROR_SPAN = re.compile(r'^<span class="katex-error" title="([^"]*)"')
_MATH = re.compile(r"<math\b.*?</math>", re.S)
_MATHML_NS = "{http://www.w3.org/1998/Math/MathML}"


class FormulaError(ArticleError):
    """A formula that KaTeX rejects, or that could not be drawn."""


@dataclass(frozen=True)
class KatexResult:
    """What KaTeX makes of one formula: its parse error, or its MathML."""

    error: str | None
    mathml: str | None


@dataclass(frozen=True)
class Formula:
    """One drawn formula: SVG bytes and its size in px, ``depth`` below the baseline."""

    svg: bytes
    width: float
    height: float
    depth: float


class _Katex:
    """KaTeX in a QuickJS context that lives on one thread of its own (QuickJS must not be
    touched from two threads, even one at a time)."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._executor: ThreadPoolExecutor | None = None
        self._functions: dict[str, Callable[[str, bool], object]] = {}
        self._keep: list[object] = []  # the context the functions live in

    def _load(self) -> dict[str, Callable[[str, bool], object]]:
        import quickjs

        try:
            source = KATEX_JS.read_text("utf-8")
        except OSError as exc:
            raise FormulaError(f"KaTeX is missing: {exc}", path=KATEX_JS) from exc
        context = quickjs.Context()
        context.eval(source)
        context.eval(_RENDER_JS)
        self._keep.append(context)
        return {name: context.get(f"__{name}") for name in ("render", "check", "checks")}

    def _call(self, name: str, tex: str, display: bool) -> str:
        if not self._functions:
            self._functions = self._load()
        return str(self._functions[name](tex, display))

    def call(self, name: str, tex: str, display: bool) -> str:
        """A function of ``_RENDER_JS`` (``__render``, ``__check``, ``__checks``) on the
        engine's thread."""
        with self._lock:
            if self._executor is None:
                self._executor = ThreadPoolExecutor(1, thread_name_prefix="katex")
            future = self._executor.submit(self._call, name, tex, display)
        return future.result()

    def forget(self) -> None:
        """In a forked child: the engine's thread is not there, nor may its context be used."""
        self._lock = threading.Lock()
        self._executor, self._functions, self._keep = None, {}, []


_KATEX = _Katex()
if hasattr(os, "register_at_fork"):
    os.register_at_fork(after_in_child=_KATEX.forget)


@lru_cache(maxsize=8192)
def katex(tex: str, display: bool) -> KatexResult:
    """KaTeX's verdict on ``tex``, with the site's options."""
    out = _KATEX.call("render", tex, display)
    if out.startswith("\0"):
        return KatexResult(out[1:], None)
    rejected = _ERROR_SPAN.match(out)
    if rejected:
        return KatexResult(html.unescape(rejected.group(1)), None)
    math = _MATH.search(out)
    if math is None:
        return KatexResult(f"KaTeX gave no MathML for {tex!r}", None)
    return KatexResult(None, math.group(0))


def katex_error(tex: str, display: bool) -> str | None:
    """The message the site shows as the title of a rejected formula
    (``ParseError: KaTeX parse error: ...``), or None when KaTeX renders it."""
    return katex(tex, display).error


#: The verdicts ``formula_errors`` found, by formula (cleared when it grows past its size).
_CHECKED: dict[tuple[str, bool], str | None] = {}
_CHECKED_KEPT = 8192


def formula_error(tex: str, display: bool) -> str | None:
    """``katex_error`` at half the cost: KaTeX builds only the formula's MathML, not its
    HTML (on the sample's formulas and 15,000 damaged ones the verdicts are the same; a
    failure that is no parse error is asked of the whole render)."""
    return formula_errors([(tex, display)])[0]


def formula_errors(formulas: Sequence[tuple[str, bool]]) -> list[str | None]:
    """``formula_error`` of each (TeX, display) formula, those not yet known asked of KaTeX
    in one call: for the folder check, which asks it of every formula of every answer."""
    todo = list(dict.fromkeys(f for f in formulas if f not in _CHECKED))
    if todo:
        found = json.loads(_KATEX.call("checks", json.dumps(todo), False))
        if len(_CHECKED) + len(todo) > _CHECKED_KEPT:
            _CHECKED.clear()
        for formula, out in zip(todo, found, strict=True):
            _CHECKED[formula] = (None if not out else html.unescape(out[1:]) if out[0] == "P"
                                 else katex_error(*formula))
    return [_CHECKED[f] if f in _CHECKED else formula_error(*f) for f in formulas]


def formula_svg(tex: str, display: bool, color: str = "#000000",
                size: float = DEFAULT_SIZE) -> bytes:
    """The SVG of a formula KaTeX accepts, ``size`` px high text in ``color``."""
    return formula(tex, display, color, size).svg


def formula(tex: str, display: bool, color: str = "#000000",
            size: float = DEFAULT_SIZE) -> Formula:
    """The drawn formula; raises FormulaError when KaTeX rejects it or it cannot be drawn."""
    return _formula(tex, display, color, size)


@lru_cache(maxsize=2048)
def _formula(tex: str, display: bool, color: str, size: float) -> Formula:
    result = katex(tex, display)
    if result.mathml is None:
        raise FormulaError(result.error or "rejected by KaTeX")
    try:
        root = _for_ziamath(result.mathml, display, color)
        return _draw(root, size)
    except Exception as exc:  # ziamath raises whatever its parts raise
        raise FormulaError(f"could not draw {tex!r}: {exc!r}") from exc


def _for_ziamath(mathml: str, display: bool, color: str) -> ET.Element:
    """KaTeX's MathML as ziamath reads it: no annotation, display style and colour at the
    root (ziamath takes a formula without ``display`` for a displayed one)."""
    root = ET.fromstring(mathml)
    for element in root.iter():
        if element.tag.startswith(_MATHML_NS):
            element.tag = element.tag[len(_MATHML_NS):]
    semantics = root.find("semantics")
    if semantics is not None and len(semantics):
        root.remove(semantics)
        root.append(semantics[0])
    root.set("display", "block" if display else "inline")
    root.set("mathcolor", color)
    _as_katex_draws(root)
    return root


#: Accents KaTeX writes as characters that ziamath draws as spacing ones: ^ of \hat and ~ of
#: \tilde (the combining arrow of \vec, which ziamath stretches as an operator, becomes text).
_ACCENTS = {"^": "\u02c6", "~": "\u02dc"}
#: Signs that are unary (no space around them) at the start of a row or after an operator.
_SIGNS = {"\u2212", "+", "\u00b1", "\u2213"}
#: Binary operators ziamath sets with no space around them, and TeX with a medium space.
_BINARY = {"\u22c5", "\u2217", "\u00d7", "*", "\u2218", "\u2219"}
#: Operators after which a sign stays binary: closing fences.
_CLOSING = {")", "]", "}", "|", "\u2016", "\u27e9", "\u230b", "\u2309"}


def _bold(text: str) -> str:
    """Latin letters and digits as the upright bold math letters ziamath draws upright."""
    out = []
    for c in text:
        if "A" <= c <= "Z":
            c = chr(0x1D400 + ord(c) - ord("A"))
        elif "a" <= c <= "z":
            c = chr(0x1D41A + ord(c) - ord("a"))
        elif "0" <= c <= "9":
            c = chr(0x1D7CE + ord(c) - ord("0"))
        out.append(c)
    return "".join(out)


def _as_katex_draws(root: ET.Element) -> None:
    """Mend what ziamath draws differently from KaTeX in KaTeX's MathML: accents, upright
    bold (``\\mathbf``), and a minus sign with binary spacing where TeX makes it unary."""
    for element in root.iter():
        if element.tag == "mover" and element.get("accent") == "true" and len(element) == 2:
            accent = element[1]
            if accent.tag == "mo" and accent.text in _ACCENTS:
                accent.text = _ACCENTS[accent.text]
            if accent.tag == "mo" and accent.text == "\u20d7":  # as text: ziamath stretches it
                accent.tag = "mtext"
            if accent.tag == "mo" and accent.get("stretchy") is None:
                accent.set("stretchy", "false")
                accent.set("lspace", "0")
                accent.set("rspace", "0")
        if element.tag in ("mi", "mn", "mtext") and element.get("mathvariant") == "bold":
            element.text = _bold(element.text or "")
            element.set("mathvariant", "normal")
        previous: ET.Element | None = None
        for child in element:
            unary = previous is None or (previous.tag == "mo" and previous.text not in _CLOSING)
            if child.tag == "mo" and child.get("form") is None:
                if child.text in _SIGNS and unary:
                    child.set("form", "prefix")
                elif child.text in _BINARY and not unary and child.get("lspace") is None:
                    child.set("lspace", "0.2222em")
                    child.set("rspace", "0.2222em")
                elif child.get("separator") == "true":  # TeX: a thin space after, none before
                    child.set("lspace", "0")
                    child.set("rspace", "0.1667em")
            previous = child


_DRAW_LOCK = threading.Lock()


def _draw(root: ET.Element, size: float) -> Formula:
    import ziafont
    import ziamath

    with _DRAW_LOCK:  # ziamath and ziafont keep their settings and fonts in globals
        ziafont.config.svg2 = False  # plain paths: QtSvg draws no <symbol>/<use> glyphs
        math = ziamath.Math(root, size=size, margin=0)
        svg = math.svg()
        width, height = math.getsize()
        depth = -math.getyofst()
    return Formula(svg.encode("utf-8"), width, height, max(depth, 0.0))
