"""The site's own answer renderer (../shared/tools/site-render) and a block-by-block comparer.

``SiteRenderer`` installs the reference once into a cache folder keyed by its package.json
and renders many answers in one Node process. ``shape`` reduces HTML from either side to what a
reader sees: tags and their nesting, the attributes that change the page, text with spaces
collapsed, and each formula as one token (its TeX, display or not, rejected or not).
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import subprocess
import tempfile
from html.parser import HTMLParser
from pathlib import Path

import pytest

from tests.conftest import ROOT

SITE_RENDER = ROOT.parent / "shared" / "tools" / "site-render"
KEPT_ATTRS = {"href", "src", "alt", "title", "checked", "type", "start"}
BLOCKS = {"p", "div", "ul", "ol", "li", "pre", "blockquote", "table", "thead", "tbody", "tr",
          "th", "td", "h1", "h2", "h3", "h4", "h5", "h6", "hr", "section", "br"}
_SPACES = re.compile(r"\s+")


def site_render_missing() -> str | None:
    """Why the reference cannot run here, or None."""
    if not (SITE_RENDER / "render.mjs").is_file():
        return "../shared/tools/site-render is not present"
    if not shutil.which("node") or not shutil.which("npm"):
        return "Node.js and npm are needed to run the site's renderer"
    return None


def _installed() -> Path:
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
            pytest.skip("the site's renderer could not be installed (npm install): "
                        + done.stderr.strip()[-400:])
    return where


def site_html(raws: dict[str, str]) -> dict[str, str]:
    """The site's HTML of each stored answer, by name."""
    where = _installed()
    lines = "".join(json.dumps({"file": k, "raw": v}) + "\n" for k, v in raws.items())
    # From a file: Node's readFileSync(0) fails with EAGAIN on a large pipe.
    with tempfile.TemporaryFile("w+", encoding="utf-8") as given:
        given.write(lines)
        given.seek(0)
        done = subprocess.run(["node", "render.mjs"], cwd=where, stdin=given, text=True,
                              capture_output=True, check=True, timeout=600)
    return {d["file"]: d["html"] for d in map(json.loads, done.stdout.splitlines())}


class _Shaper(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.out: list[tuple[str, ...]] = []
        self._text: list[str] = []
        self._tex: list[str] | None = None
        self._formula: tuple[str, bool] | None = None  # (kind, the site's KaTeX markup)
        self._depth = 0
        self._in_annotation = False

    def _flush(self, tag: str = "") -> None:
        text = _SPACES.sub(" ", "".join(self._text))
        self._text = []
        if tag in BLOCKS:
            text = text.rstrip()
        if self.out and (self.out[-1][0][1:] in BLOCKS or self.out[-1][:2] == ("math", "display")):
            text = text.lstrip()
        if text.strip():
            self.out.append(("text", text))

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if self._formula:
            self._depth += 1
            self._in_annotation = tag == "annotation"
            return
        cls = (a.get("class") or "").split()
        kind, site = None, "katex-display" in cls or "katex" in cls
        if tag == "span" and "katex-display" in cls:
            kind = "display"
        elif tag == "span" and "katex" in cls:
            kind = "inline"
        elif tag == "span" and "katex-error" in cls:
            kind = "error"
        elif "math" in cls:
            kind = "display" if "display" in cls else "inline"
        if kind:
            self._flush("div" if kind == "display" else "")
            self._formula, self._depth, self._tex = (kind, site), 1, []
            return
        self._flush(tag)
        kept = tuple(f"{k}={v or ''}" for k, v in sorted(a.items()) if k in KEPT_ATTRS)
        style = a.get("style") or ""
        if "text-align" in style:
            kept += (style.replace(" ", "").rstrip(";"),)
        self.out.append(("<" + tag, *kept))

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        if not self._formula:
            self.handle_endtag(tag)

    def handle_endtag(self, tag: str) -> None:
        if self._formula:
            self._in_annotation = False
            self._depth -= 1
            if self._depth == 0:
                self._end_formula()
            return
        self._flush(tag)
        self.out.append(("/" + tag,))

    def _end_formula(self) -> None:
        assert self._formula is not None and self._tex is not None
        kind = self._formula[0]
        tex = "".join(self._tex)
        self.out.append(("math", kind, tex.strip()))
        self._formula, self._tex = None, None

    def handle_data(self, data: str) -> None:
        if self._formula:
            assert self._tex is not None
            if self._in_annotation or not self._formula[1]:
                self._tex.append(data)
            return
        self._text.append(data)


def shape(markup: str) -> list[tuple[str, ...]]:
    shaper = _Shaper()
    shaper.feed(markup)
    shaper.close()
    shaper._flush()
    return shaper.out


def first_difference(ours: str, site: str) -> str | None:
    """Where two renderings part, in words, or None when a reader sees the same."""
    a, b = shape(ours), shape(site)
    if len(a) == len(b) and all(map(_same, a, b)):
        return None
    pairs = enumerate(zip(a, b, strict=False))
    at = next((i for i, (x, y) in pairs if not _same(x, y)), min(len(a), len(b)))
    return (f"at token {at}: ours {a[at:at + 3]!r} / site {b[at:at + 3]!r}"
            .replace("\n", " ")[:600])


def _same(x: tuple[str, ...], y: tuple[str, ...]) -> bool:
    """Tokens match; a formula the site rejected matches ours by its TeX alone."""
    if x[0] == y[0] == "math" and "error" in (x[1], y[1]):
        return x[2] == y[2]
    return x == y

