"""The log: a rotating file in the user's log folder; --verbose prints every step to stderr."""

from __future__ import annotations

import logging
import os
import shutil
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from editor.cli import main
from editor.core import logs
from editor.core.storage.appdirs import log_dir
from tests.conftest import SAMPLE

SLEEP = "content/learn/psychology/how-does-sleep-affect-emotional-regulation.md"


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "editor", *args], capture_output=True,
                          text=True, timeout=60)


@pytest.fixture(autouse=True)
def _detach(monkeypatch: pytest.MonkeyPatch):
    """Each test's handlers and hooks are its own."""
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    monkeypatch.setattr(threading, "excepthook", threading.excepthook)
    yield
    logs.close()


@pytest.fixture
def site(tmp_path: Path) -> Path:
    target = tmp_path / "site"
    shutil.copytree(SAMPLE, target)
    return target


def test_log_folder_follows_the_environment(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("ARTICLE_EDITOR_LOG_DIR", str(tmp_path / "logs here"))
    assert log_dir() == logs.log_folder() == tmp_path / "logs here"
    assert log_dir().is_dir()
    assert logs.log_file() == tmp_path / "logs here" / "article-editor.log"


def test_verbose_prints_debug_lines_to_stderr(site: Path) -> None:
    article = str(site / SLEEP)
    quiet = run("get", "title", article)
    assert quiet.returncode == 0 and quiet.stderr == ""
    for args in (("--verbose", "get", "title", article), ("get", "-v", "title", article)):
        loud = run(*args)
        assert loud.returncode == 0
        assert loud.stdout == "How does sleep affect emotional regulation?\n"  # untouched
        debug = [ln for ln in loud.stderr.splitlines() if ln.startswith("DEBUG editor.cli: ")]
        assert debug and debug[0].endswith(f"title {article}"), loud.stderr
    checked = run("check", str(site), "--verbose")
    assert checked.returncode == 0
    assert f"INFO editor.cli: indexed {site}: 14 files" in checked.stderr


def test_verbose_lines_escape_terminal_controls(site: Path) -> None:
    odd = site / "content/learn/psychology/a\x1b[2Jb.md"
    shutil.copy(site / SLEEP, odd)
    loud = run("--verbose", "get", "title", str(odd))
    assert loud.returncode == 0
    assert "\x1b" not in loud.stderr
    assert "a\\x1b[2Jb.md" in loud.stderr


def test_cli_writes_and_failures_are_in_the_log_file(site: Path) -> None:
    article = site / SLEEP
    broken = site / "broken.md"
    broken.write_text("---\ntitle: [x\n---\n", "utf-8")
    result = run("set", "seo.title", "Sleep", str(article), str(broken))
    assert result.returncode == 1
    text = logs.log_file().read_text("utf-8")
    assert "INFO editor.cli [" in text and f"wrote {article}\n" in text
    assert "WARNING editor.cli" in text and f"not written: {broken}:" in text
    assert "Traceback (most recent call last)" in text  # the failure's, for whoever reads it


def test_an_uncaught_exception_is_logged_with_its_traceback(site: Path) -> None:
    """A bug that escapes a command ends in the log, not only on a terminal nobody saw."""
    code = (
        "import sys\n"
        "import editor.cli as cli\n"
        "def broken(args):\n"
        "    raise RuntimeError('a bug in the command')\n"
        "cli.cmd_get = broken\n"
        "sys.exit(cli.main(['get', 'title', sys.argv[1]]))\n"
    )
    result = subprocess.run([sys.executable, "-c", code, str(site / SLEEP)], capture_output=True,
                            text=True, timeout=60)
    assert result.returncode == 1 and "RuntimeError: a bug in the command" in result.stderr
    text = logs.log_file().read_text("utf-8")
    assert "CRITICAL editor" in text and "uncaught exception\nTraceback" in text
    assert 'line 4, in broken\nRuntimeError: a bug in the command' in text


def test_setup_again_replaces_the_handlers(tmp_path: Path, monkeypatch) -> None:
    first = logs.setup()
    monkeypatch.setenv("ARTICLE_EDITOR_LOG_DIR", str(tmp_path / "second"))
    second = logs.setup()
    assert first is not None and second == tmp_path / "second" / "article-editor.log"
    logging.getLogger("editor.test").info("only in the second file")
    assert "only in the second file" in second.read_text("utf-8")
    assert "only in the second file" not in first.read_text("utf-8")
    logging.getLogger("editor.test").debug("not at INFO")
    assert "not at INFO" not in second.read_text("utf-8")


def test_the_log_rotates(monkeypatch) -> None:
    monkeypatch.setattr(logs, "MAX_BYTES", 10_000)
    path = logs.setup()
    assert path is not None
    for n in range(2_000):
        logging.getLogger("editor.test").info("line %d of a long session", n)
    kept = sorted(p.name for p in path.parent.iterdir())
    assert kept == ["article-editor.log", *(f"article-editor.log.{n}" for n in (1, 2, 3))]
    assert all(p.stat().st_size <= 10_000 for p in path.parent.iterdir())
    assert "line 1999 of" in path.read_text("utf-8")


def test_no_log_file_where_none_can_be_written(tmp_path: Path, monkeypatch, site: Path) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("", "utf-8")
    monkeypatch.setenv("ARTICLE_EDITOR_LOG_DIR", str(blocker / "log"))
    assert logs.setup() is None
    result = subprocess.run([sys.executable, "-m", "editor", "get", "id", str(site / SLEEP)],
                            capture_output=True, text=True, timeout=60, env=os.environ)
    assert result.returncode == 0 and result.stdout == "81003\n" and result.stderr == ""
    assert main(["get", "id", str(site / SLEEP)]) == 0
