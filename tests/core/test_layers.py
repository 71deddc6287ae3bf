"""The folders are the architecture: the core never imports Qt, and each wing of the core
imports only the wings below it."""

from __future__ import annotations

import ast
from pathlib import Path

CORE = Path(__file__).resolve().parents[2] / "editor" / "core"

#: What each wing may import from the core, besides the shared top-level modules.
BELOW = {
    "storage": set(),
    "writer": set(),
    "document": {"storage", "writer"},
    "render": {"storage", "writer", "document"},  # the site's Markdown, math and page
    # the personal word list lives in the user data folder; the answer's backslash-n, math
    # and HTML findings follow the site's own parser and KaTeX
    "text": {"storage", "writer", "document", "render"},
    "index": {"storage", "writer", "text", "document", "render"},  # the answer's findings
    "site": {"storage", "writer", "document"},  # the CloudCannon configuration, Bookshop
    "checks": {"storage", "writer", "text", "document", "render", "index", "site"},
    "git": {"storage", "writer", "text", "document", "render", "index", "checks"},  # publishing
}
SHARED = {"errors", "values", "logs", "tuning"}


def imports(path: Path) -> set[str]:
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module:
            found.add(node.module)
            found |= {f"{node.module}.{alias.name}" for alias in node.names}
    return found


def test_the_core_never_imports_qt() -> None:
    for path in CORE.rglob("*.py"):
        qt = {name for name in imports(path) if name.startswith(("PySide6", "shiboken6"))}
        assert not qt, f"{path.relative_to(CORE)} imports {qt}"


def test_each_wing_imports_only_the_wings_below_it() -> None:
    assert {p.name for p in CORE.iterdir() if p.is_dir() and p.name != "__pycache__"} == set(BELOW)
    for wing, allowed in BELOW.items():
        for path in (CORE / wing).rglob("*.py"):
            for name in imports(path):
                parts = name.split(".")
                if parts[:2] != ["editor", "core"] or len(parts) < 3:
                    continue
                other = parts[2]
                assert other in SHARED | allowed | {wing}, (
                    f"{wing}/{path.name} imports {name}")


def test_the_shared_modules_import_no_wing() -> None:
    for name in SHARED:
        # the log file lives in the user log folder (storage.appdirs)
        allowed = SHARED | ({"storage"} if name == "logs" else set())
        for imported in imports(CORE / f"{name}.py"):
            parts = imported.split(".")
            if parts[:2] == ["editor", "core"] and len(parts) > 2:
                assert parts[2] in allowed, f"{name}.py imports {imported}"
