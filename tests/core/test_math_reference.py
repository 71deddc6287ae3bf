"""Every formula against the site's own renderer (../shared/tools/site-render, run in Node):
the same verdict and message from katex_error, the same MathML, and a drawing of each."""

from __future__ import annotations

import hashlib
import html
import json
import os
import re
import shutil
import subprocess
import tempfile
from pathlib import Path

import pytest
import yaml

from editor.core.render.math import KATEX_JS, formula, katex, katex_error
from tests.conftest import CORPORA, ROOT

SITE_RENDER = ROOT.parent / "shared" / "tools" / "site-render"
SAMPLE = CORPORA / "quicktakes-sample"
_FORMULA = re.compile(
    r'<span class="katex-error" title="([^"]*)"[^>]*>(.*?)</span>'
    r'|<math xmlns="http://www.w3.org/1998/Math/MathML"( display="block")?>(.*?)</math>', re.S)
_TEX = re.compile(r'<annotation encoding="application/x-tex">(.*?)</annotation>', re.S)
_EMPTY = re.compile(r"<(mspace|mglyph|none|mprescripts)([^>]*)></\1>")

#: Written for this test: what answers hold, and what KaTeX rejects or takes in its own way.
PROBES = [
    r"\frac{a}{b}", r"\sqrt[3]{x^2}", r"\begin{pmatrix} 1 & 0 \\ 0 & 1 \end{pmatrix}",
    r"\begin{aligned} a &= b \\ c &= d \end{aligned}", r"\text{H}_2\text{O}", r"\Delta H_{f}^\circ",
    r"\vec{F} = m\vec{a}", r"\int_0^\infty e^{-x}\,dx", r"\lim_{h \to 0} \frac{f(x+h)-f(x)}{h}",
    r"\badcmd x", r"\frac{1}{\badcmd}", r"\textbf{\badcmd}", r"\ce{H2O}", r"\color{red}{x}",
    r"\href{http://a}{x}", r"\includegraphics{a.png}", r"\unicode{123}", r"\def\a{b} \a",
    r"\tag{1} x", r"\label{a} x", r"x \\ y", r"α + \alpha", r"\%", r"x % y",
    r"\frac{a", r"x^{", r"\frac{a}", r"x^^2", r"x_1_2", r"x^1^2", r"\begin{matrix} a & b",
    r"a & b", r"\left( x", r"x \right)", r"\text{abc", r"\sqrt[3", r"\begin{foo} x \end{foo}",
    r"\end{matrix}", "}", "{", r"\sqrt", "x^", r"a \over b \over c", r"\hline", r"\limits",
    r"x\limits", r"\begin{array}{z} a \end{array}", r"\middle| x", r"\verb|x|", r"\tfrac",
]


def _site_missing() -> str | None:
    if not (SITE_RENDER / "render.mjs").is_file():
        return "../shared/tools/site-render is not present"
    if not shutil.which("node") or not shutil.which("npm"):
        return "Node.js and npm are needed to run the site's renderer"
    return None


def _installed() -> Path:
    """The reference, installed once into a cache folder keyed by its package.json."""
    package = (SITE_RENDER / "package.json").read_bytes()
    key = hashlib.sha256(package + (SITE_RENDER / "render.mjs").read_bytes()).hexdigest()[:16]
    base = Path(os.environ.get("XDG_CACHE_HOME", Path.home() / ".cache"))
    where = base / "article-editor-tests" / f"site-render-{key}"
    if not (where / "node_modules" / "react-markdown").is_dir():
        where.mkdir(parents=True, exist_ok=True)
        for name in ("package.json", "render.mjs"):
            shutil.copy2(SITE_RENDER / name, where / name)
        done = subprocess.run(["npm", "install", "--no-audit", "--no-fund"], cwd=where,
                              capture_output=True, text=True, timeout=600)
        if done.returncode:
            pytest.skip("the site's renderer could not be installed: " + done.stderr[-400:])
    return where


@pytest.fixture(scope="module")
def site() -> Path:
    missing = _site_missing()
    if missing:
        pytest.skip(missing)
    return _installed()


def _site_html(where: Path, raws: dict[str, str]) -> dict[str, str]:
    lines = "".join(json.dumps({"file": k, "raw": v}) + "\n" for k, v in raws.items())
    with tempfile.TemporaryFile("w+", encoding="utf-8") as given:  # a large pipe fails
        given.write(lines)
        given.seek(0)
        done = subprocess.run(["node", "render.mjs"], cwd=where, stdin=given, text=True,
                              capture_output=True, check=True, timeout=600)
    return {d["file"]: d["html"] for d in map(json.loads, done.stdout.splitlines())}


def _formulas(page: str) -> list[tuple[str, bool, str | None, str | None]]:
    """(TeX, displayed, the site's error or None, the site's MathML or None) of a page."""
    found = []
    for match in _FORMULA.finditer(page):
        title, source, block, body = match.groups()
        if title is not None:
            display = page[:match.start()].endswith('<span class="katex-display">')
            found.append((html.unescape(source), display, html.unescape(title), None))
        else:
            tex = html.unescape(_TEX.search(body).group(1))  # type: ignore[union-attr]
            found.append((tex, block is not None, None, match.group(0)))
    return found


def _same(mathml: str) -> str:
    """MathML as both sides write it (the site's HTML writer spells out empty elements)."""
    return _EMPTY.sub(r"<\1\2/>", mathml)


def _compare(found: list[tuple[str, bool, str | None, str | None]]) -> list[str]:
    wrong = []
    for tex, display, error, mathml in found:
        mine = katex(tex, display)
        if mine.error != error:
            wrong.append(f"{tex!r} display={display}: site {error!r}, here {mine.error!r}")
        elif mathml is not None and _same(mathml) != _same(mine.mathml or ""):
            wrong.append(f"{tex!r} display={display}: MathML differs")
    return wrong


def test_same_katex_as_the_site(site: Path) -> None:
    theirs = (site / "node_modules" / "katex" / "dist" / "katex.min.js").read_bytes()
    assert theirs == KATEX_JS.read_bytes(), "the site now installs another KaTeX: update ours"


@pytest.mark.corpus
def test_probes_are_judged_as_the_site_judges_them(site: Path) -> None:
    raws = {}
    for i, tex in enumerate(PROBES):
        raws[f"inline-{i}"] = f"Before ${tex}$ after."
        raws[f"display-{i}"] = f"Before\n\n$$\n{tex}\n$$\n\nafter."
    found = [f for page in _site_html(site, raws).values() for f in _formulas(page)]
    assert len(found) == 2 * len(PROBES)
    rejected = sum(1 for f in found if f[2] is not None)
    assert 30 < rejected < len(found) - 30  # both kinds are tried
    assert _compare(found) == []


@pytest.mark.corpus
@pytest.mark.slow
def test_every_sample_formula_is_judged_and_drawn(site: Path) -> None:
    if not SAMPLE.is_dir():
        pytest.skip("../shared/corpora/quicktakes-sample is not present")
    raws = {}
    for path in sorted(SAMPLE.rglob("*.md")):
        text = path.read_text("utf-8")
        end = text.find("\n---", 3)
        if not text.startswith("---") or end < 0:
            continue
        try:
            data = yaml.load(text[3:end], Loader=yaml.CSafeLoader)
        except yaml.YAMLError:
            continue
        if isinstance(data, dict) and isinstance(data.get("answer"), str):
            raws[str(path)] = data["answer"]
    found = sorted({f for page in _site_html(site, raws).values() for f in _formulas(page)})
    assert len(found) > 500
    assert _compare(found) == []
    undrawn = []
    for tex, display, error, _ in found:
        if error is None:
            try:
                formula(tex, display)
            except Exception as exc:
                undrawn.append(f"{tex!r}: {exc}")
    assert undrawn == []
    assert all(katex_error(tex, d) is None for tex, d, e, _ in found if e is None)
