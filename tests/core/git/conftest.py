"""A team's repository on this machine: a bare ``remote.git`` (HEAD main), our clone ``a``
and a colleague's clone ``b``, with git's configuration isolated and fixed dates."""

from __future__ import annotations

import subprocess
from dataclasses import dataclass
from pathlib import Path

import pytest

from editor.core.git.runner import Git
from tests.core.git.articles import article, path


def sh(folder: Path, *args: str) -> str:
    done = subprocess.run(["git", *args], cwd=folder, capture_output=True, text=True,
                          check=True)
    return done.stdout


@dataclass
class Team:
    remote: Path
    a: Path
    b: Path

    @property
    def git_a(self) -> Git:
        return Git(self.a)

    def write(self, clone: Path, rel: str, data: bytes) -> None:
        file = clone / rel
        file.parent.mkdir(parents=True, exist_ok=True)
        file.write_bytes(data)

    def colleague_publishes(self, rel: str, data: bytes | None,
                            message: str = "Colleague edit") -> None:
        """B changes (or deletes, with None) one file and pushes, as CloudCannon would."""
        sh(self.b, "pull", "-q", "--no-rebase", "origin", "main")
        if data is None:
            sh(self.b, "rm", "-q", rel)
        else:
            self.write(self.b, rel, data)
            sh(self.b, "add", rel)
        sh(self.b, "commit", "-q", "-m", message)
        sh(self.b, "push", "-q", "origin", "HEAD:main")

    def remote_file(self, rel: str) -> bytes:
        return subprocess.run(["git", "cat-file", "blob", f"main:{rel}"], cwd=self.remote,
                              capture_output=True, check=True).stdout


@pytest.fixture
def isolated_git(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    config = tmp_path / "gitconfig"
    config.write_text("[init]\n\tdefaultBranch = main\n[user]\n\tname = Nobody\n"
                      "\temail = nobody@example.com\n", encoding="utf-8")
    monkeypatch.setenv("GIT_CONFIG_NOSYSTEM", "1")
    monkeypatch.setenv("GIT_CONFIG_GLOBAL", str(config))
    monkeypatch.setenv("GIT_AUTHOR_DATE", "2026-01-02T03:04:05Z")
    monkeypatch.setenv("GIT_COMMITTER_DATE", "2026-01-02T03:04:05Z")
    for name in ("GIT_DIR", "GIT_WORK_TREE", "GIT_INDEX_FILE"):
        monkeypatch.delenv(name, raising=False)
    return config


@pytest.fixture
def team(tmp_path: Path, isolated_git: Path) -> Team:
    assert isolated_git.exists()
    remote, a, b, seed = (tmp_path / n for n in ("remote.git", "a", "b", "seed"))
    subprocess.run(["git", "init", "-q", "--bare", "-b", "main", str(remote)], check=True)
    seed.mkdir()
    sh(seed, "init", "-q", "-b", "main")
    for n in (1, 2, 3):
        file = seed / path(n)
        file.parent.mkdir(parents=True, exist_ok=True)
        file.write_bytes(article(n))
    (seed / "cloudcannon.config.yml").write_bytes(b"collections:\n  learn: {}\n")
    sh(seed, "add", ".")
    sh(seed, "commit", "-q", "-m", "The site")
    sh(seed, "push", "-q", str(remote), "main")
    for clone, name in ((a, "Writer A"), (b, "Colleague B")):
        subprocess.run(["git", "clone", "-q", str(remote), str(clone)], check=True)
        sh(clone, "config", "user.name", name)
        sh(clone, "config", "user.email", f"{name.split()[1].lower()}@example.com")
    return Team(remote, a, b)
