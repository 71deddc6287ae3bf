"""Writes that must never be lost or land in the wrong file: concurrent edits, links, files
gone or replaced between read and write, hard links, owners and extended attributes, pipes and
devices, huge files, append-only folders. Real processes, real files, real permissions."""

from __future__ import annotations

import contextlib
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

from editor.cli import main
from editor.core.document.article import ArticleDocument
from editor.core.errors import FileTooLargeError, SaveError
from editor.core.storage.safe_io import atomic_write
from tests.conftest import FIXTURES, SAMPLE

REF = FIXTURES / "reference-format.md"
REPO = Path(__file__).resolve().parents[2]
PLAIN = "---\ntitle: Plain\n---\nBody.\n"
ROOT = os.geteuid() == 0 if hasattr(os, "geteuid") else False


def others_can_reach(path: Path) -> bool:
    """Whether another user can read ``path`` (every folder above it searchable by all):
    the checkout, and its venv, must be for the tests run as another user."""
    return all(os.stat(folder).st_mode & 0o001 for folder in [path, *path.parents])


#: Tests that run the program as another user (uid 1234) need root, setpriv and a checkout
#: that user can read (a clone in a private temporary folder is not).
AS_OTHER_USER = pytest.mark.skipif(
    not ROOT or not shutil.which("setpriv") or not others_can_reach(Path(__file__).parents[2]),
    reason="needs root, setpriv and a checkout other users can read")


def env() -> dict[str, str]:
    return dict(os.environ, PYTHONPATH=str(REPO))


def cli(*args: str, user: int | None = None, timeout: float = 60
        ) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, "-m", "editor", *args]
    if user is not None:
        command = ["setpriv", f"--reuid={user}", f"--regid={user}", "--clear-groups", *command]
    return subprocess.run(command, capture_output=True, text=True, env=env(), timeout=timeout,
                          check=False)


def copy_ref(path: Path) -> Path:
    shutil.copy(REF, path)
    return path


# -- 1. concurrent edits and ids ------------------------------------------------------------
SET_LOOP = """
import sys
from editor.cli import main
from editor.core import logs
path, tag, rounds = sys.argv[1], sys.argv[2], int(sys.argv[3])
failed = 0
for n in range(rounds):
    failed += main(["set", f"{tag}{n}", "v", path]) != 0
    logs.close()
print(failed)
"""


def run_two(*jobs: tuple[str, ...]) -> list[str]:
    """Run each job (a script, then its arguments) as its own process, all at once."""
    procs = [subprocess.Popen([sys.executable, "-c", *job], env=env(),
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
             for job in jobs]
    outs = []
    for proc in procs:
        out, err = proc.communicate(timeout=300)
        assert proc.returncode == 0, err
        assert "Traceback" not in err
        outs.append(out.strip())
    return outs


def test_two_concurrent_sets_keep_every_edit(tmp_path: Path) -> None:
    path = tmp_path / "p.md"
    path.write_text(PLAIN)
    rounds = 40
    outs = run_two((SET_LOOP, str(path), "a", str(rounds)), (SET_LOOP, str(path), "b", str(rounds)))
    assert outs == ["0", "0"]
    data = ArticleDocument.load(path).data or {}
    lost = [f"{t}{n}" for t in "ab" for n in range(rounds) if f"{t}{n}" not in data]
    assert lost == [], f"{len(lost)} edits lost"
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".")]


NEW_LOOP = """
import sys
from editor.cli import main
from editor.core import logs
folder, tag, rounds = sys.argv[1], sys.argv[2], int(sys.argv[3])
for n in range(rounds):
    main(["new", folder, "--subject", "Biology", "--question", f"Question {tag} {n}?"])
    logs.close()
"""


def test_two_concurrent_news_never_share_an_id(tmp_path: Path) -> None:
    site = tmp_path / "site"
    shutil.copytree(SAMPLE, site)
    rounds = 6
    run_two((NEW_LOOP, str(site), "a", str(rounds)), (NEW_LOOP, str(site), "b", str(rounds)))
    made = sorted((site / "content" / "learn" / "biology").glob("question-*.md"))
    assert len(made) == 2 * rounds
    ids = [ArticleDocument.load(p).get("id") for p in made]
    assert len(set(ids)) == len(ids), f"ids shared: {sorted(ids)}"


# -- 2. links ---------------------------------------------------------------------------------
def test_set_through_a_link_keeps_the_link(tmp_path: Path) -> None:
    real = copy_ref(tmp_path / "real.md")
    link = tmp_path / "link.md"
    link.symlink_to(real.name)
    assert cli("set", "author", "Someone", str(link)).returncode == 0
    assert link.is_symlink() and os.readlink(link) == real.name
    assert ArticleDocument.load(real).get("author") == "Someone"


def test_a_link_swapped_in_after_the_read_does_not_redirect_the_write(tmp_path: Path) -> None:
    first = copy_ref(tmp_path / "first.md")
    other = tmp_path / "other.md"
    other.write_text(PLAIN)
    link = tmp_path / "link.md"
    link.symlink_to(first.name)
    doc = ArticleDocument.load(link)
    doc.set("author", "Someone")
    link.unlink()
    link.symlink_to(other.name)  # the name now leads elsewhere
    atomic_write(doc.real_path, doc.to_bytes(), expect=doc.stamp)
    assert other.read_text() == PLAIN
    assert ArticleDocument.load(first).get("author") == "Someone"


@pytest.mark.parametrize("to", ["another file", "the file read, renamed"])
def test_the_read_file_swapped_for_a_link_is_refused(tmp_path: Path, to: str) -> None:
    real = copy_ref(tmp_path / "real.md")
    secret = tmp_path / "secret"
    secret.write_text("do not touch\n")
    doc = ArticleDocument.load(real)
    doc.set("author", "Someone")
    if to == "another file":
        real.unlink()
    else:
        secret.unlink()
        real.rename(secret)
    real.symlink_to(secret)
    before = secret.read_bytes()
    with pytest.raises(SaveError, match="changed by another program"):
        atomic_write(doc.real_path, doc.to_bytes(), expect=doc.stamp)
    assert secret.read_bytes() == before and real.is_symlink()


def test_bulk_set_never_writes_outside_the_folder_nor_adds_front_matter(tmp_path: Path) -> None:
    site = tmp_path / "site"
    shutil.copytree(SAMPLE, site)
    home = tmp_path / "home"
    home.mkdir()
    bashrc = home / ".bashrc"
    bashrc.write_text("alias ll='ls -l'\n")
    outside_article = copy_ref(home / "elsewhere.md")
    folder = site / "content" / "learn" / "biology"
    (folder / "bashrc.md").symlink_to(bashrc)
    (folder / "away.md").symlink_to(outside_article)
    (folder / "notes.md").write_text("Just notes.\n")
    (home / "drafts").mkdir()
    draft = copy_ref(home / "drafts" / "draft.md")
    (site / "content" / "learn" / "drafts").symlink_to(home / "drafts")  # a folder link
    files = sorted(str(p) for p in (site / "content" / "learn").glob("*/*.md"))
    result = cli("set", "author", "X", *files)
    assert result.returncode == 1
    assert bashrc.read_text() == "alias ll='ls -l'\n"
    assert outside_article.read_bytes() == REF.read_bytes()
    assert draft.read_bytes() == REF.read_bytes()
    assert (folder / "notes.md").read_text() == "Just notes.\n"
    assert "outside" in result.stderr and "--create" in result.stderr
    assert "Traceback" not in result.stderr
    skipped = ("bashrc.md", "away.md", "notes.md", "draft.md")
    written = [f for f in files if Path(f).name not in skipped]
    assert all(ArticleDocument.load(f).get("author") == "X" for f in written)
    again = cli("set", "--create", "author", "X", str(folder / "notes.md"))
    assert again.returncode == 0, again.stderr
    assert ArticleDocument.load(folder / "notes.md").get("author") == "X"


# -- 3. gone between read and write ------------------------------------------------------------
@pytest.mark.parametrize("how", ["deleted", "renamed"])
def test_a_file_gone_since_the_read_is_not_recreated(tmp_path: Path, how: str) -> None:
    path = copy_ref(tmp_path / "a.md")
    doc = ArticleDocument.load(path)
    doc.set("author", "Someone")
    if how == "deleted":
        path.unlink()
    else:
        path.rename(tmp_path / "b.md")
    with pytest.raises(SaveError, match="deleted or renamed"):
        atomic_write(doc.real_path, doc.to_bytes(), expect=doc.stamp)
    assert not path.exists()
    if how == "renamed":
        assert (tmp_path / "b.md").read_bytes() == REF.read_bytes()


def test_a_file_changed_since_the_read_is_not_overwritten(tmp_path: Path) -> None:
    path = copy_ref(tmp_path / "a.md")
    doc = ArticleDocument.load(path)
    doc.set("author", "Someone")
    changed = REF.read_bytes().replace(b"author: QuickTakes", b"author: Other!!")
    path.write_bytes(changed)
    with pytest.raises(SaveError, match="changed by another program since it was read"):
        atomic_write(doc.real_path, doc.to_bytes(), expect=doc.stamp)
    assert path.read_bytes() == changed


# -- 4. hard links ------------------------------------------------------------------------------
def test_hard_linked_file_is_refused_not_split(tmp_path: Path) -> None:
    path = copy_ref(tmp_path / "a.md")
    twin = tmp_path / "twin.md"
    os.link(path, twin)
    result = cli("set", "author", "Someone", str(path))
    assert result.returncode == 1
    assert "hard link" in result.stderr
    assert os.stat(path).st_ino == os.stat(twin).st_ino
    assert path.read_bytes() == twin.read_bytes() == REF.read_bytes()


# -- 5. owner, extended attributes, ACLs --------------------------------------------------------
@pytest.mark.skipif(not ROOT, reason="only root can give files to other owners")
def test_owner_and_group_are_kept(tmp_path: Path) -> None:
    path = copy_ref(tmp_path / "a.md")
    os.chown(path, 1234, 5678)
    os.chmod(path, 0o640)
    assert cli("set", "author", "Someone", str(path)).returncode == 0
    st = os.stat(path)
    assert (st.st_uid, st.st_gid, st.st_mode & 0o7777) == (1234, 5678, 0o640)


def _xattrs_supported(path: Path) -> bool:
    try:
        os.setxattr(path, "user.probe", b"1")
    except OSError:
        return False
    os.removexattr(path, "user.probe")
    return True


def test_extended_attributes_and_acl_are_kept(tmp_path: Path) -> None:
    path = copy_ref(tmp_path / "a.md")
    if not hasattr(os, "setxattr") or not _xattrs_supported(path):
        pytest.skip("no extended attributes here")
    os.setxattr(path, "user.origin", b"written by hand")
    acl = None
    if shutil.which("setfacl"):
        subprocess.run(["setfacl", "-m", "u:1234:rw", str(path)], check=True)
        acl = os.getxattr(path, "system.posix_acl_access")
    mode = os.stat(path).st_mode
    assert cli("set", "author", "Someone", str(path)).returncode == 0
    assert os.getxattr(path, "user.origin") == b"written by hand"
    if acl is not None:
        assert os.getxattr(path, "system.posix_acl_access") == acl
    assert os.stat(path).st_mode == mode


@AS_OTHER_USER
def test_an_owner_that_cannot_be_kept_is_said() -> None:
    with tempfile.TemporaryDirectory(dir="/tmp") as name:  # a place another user can reach
        folder = Path(name)
        os.chmod(folder, 0o777)
        path = copy_ref(folder / "a.md")
        os.chown(path, 4321, 4321)
        os.chmod(path, 0o666)
        result = cli("set", "author", "Someone", str(path), user=1234)
        assert result.returncode == 0, result.stderr
        assert "owner" in result.stderr and "Traceback" not in result.stderr
        assert ArticleDocument.load(path).get("author") == "Someone"
        assert os.stat(path).st_uid == 1234


@AS_OTHER_USER
def test_a_refusal_without_a_log_file_prints_one_plain_line() -> None:
    with tempfile.TemporaryDirectory(dir="/tmp") as name:  # a place another user can reach
        folder = Path(name)
        os.chmod(folder, 0o755)  # the user may write the file, not the folder
        path = copy_ref(folder / "a.md")
        os.chmod(path, 0o666)
        result = cli("set", "author", "Someone", str(path), user=1234)  # the log: root's
        assert result.returncode == 1
        assert "Traceback" not in result.stderr
        assert result.stderr.count("\n") == 1 and "Permission denied" in result.stderr
        assert sorted(p.name for p in folder.iterdir()) == ["a.md"]


# -- 10. a crash in one file of many ------------------------------------------------------------
def test_a_crash_in_one_file_does_not_stop_the_others(tmp_path: Path, monkeypatch,
                                                      capsys) -> None:
    files = [copy_ref(tmp_path / f"{n}.md") for n in range(3)]
    real_set = ArticleDocument.set_field

    def crashing(self: ArticleDocument, key: str, value: object) -> None:
        if self.path is not None and self.path.name == "1.md":
            raise RuntimeError("boom")
        real_set(self, key, value)

    monkeypatch.setattr(ArticleDocument, "set_field", crashing)
    assert main(["set", "author", "Someone", *map(str, files)]) == 1
    err = capsys.readouterr().err
    assert "Traceback" not in err and "boom" not in err and "1.md" in err
    assert ArticleDocument.load(files[0]).get("author") == "Someone"
    assert ArticleDocument.load(files[2]).get("author") == "Someone"
    assert files[1].read_bytes() == REF.read_bytes()
    log_text = (Path(os.environ["ARTICLE_EDITOR_LOG_DIR"]) / "article-editor.log").read_text()
    assert "RuntimeError: boom" in log_text


# -- 12. pipes, devices, huge files -------------------------------------------------------------
@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes here")
@pytest.mark.parametrize("command", [("get", "title"), ("set", "title", "x")])
def test_a_named_pipe_is_refused_without_hanging(tmp_path: Path, command) -> None:
    pipe = tmp_path / "pipe.md"
    os.mkfifo(pipe)
    result = cli(*command, str(pipe), timeout=30)
    assert result.returncode != 0 and "not a regular file" in result.stderr


@pytest.mark.skipif(not os.path.exists("/dev/zero"), reason="no /dev/zero")
def test_a_link_to_a_device_is_refused_everywhere(tmp_path: Path) -> None:
    site = tmp_path / "site"
    shutil.copytree(SAMPLE, site)
    link = site / "content" / "learn" / "zero.md"
    link.symlink_to("/dev/zero")
    result = cli("get", "title", str(link), timeout=30)
    assert result.returncode == 2 and "not a regular file" in result.stderr
    checked = cli("check", str(site), timeout=60)
    assert "Traceback" not in checked.stderr
    assert "zero.md" in checked.stdout


def test_a_huge_file_is_refused_before_parsing(tmp_path: Path) -> None:
    from editor.core.storage.stamps import MAX_FILE_BYTES

    path = tmp_path / "huge.md"
    path.write_text("---\ntitle: >-\n    " + "x" * (MAX_FILE_BYTES + 10) + "\n---\n")
    result = cli("get", "title", str(path), timeout=60)
    assert result.returncode == 2 and "too large" in result.stderr
    with pytest.raises(FileTooLargeError, match="too large") as refused:
        ArticleDocument.load(path)
    assert not refused.value.fixable  # never written back from its shortened raw text
    site = tmp_path / "site"
    shutil.copytree(SAMPLE, site)
    shutil.move(path, site / "content" / "huge.md")
    checked = cli("check", str(site), timeout=60)
    assert "huge.md" in checked.stdout and "too large" in checked.stdout


# -- 25. append-only folder -----------------------------------------------------------------
@contextlib.contextmanager
def append_only(folder: Path):
    if not shutil.which("chattr"):
        pytest.skip("no chattr here")
    made = subprocess.run(["chattr", "+a", str(folder)], capture_output=True, check=False)
    if made.returncode != 0:
        pytest.skip("append-only folders are not available here")
    try:
        yield
    finally:
        subprocess.run(["chattr", "-a", str(folder)], check=False)


def test_an_append_only_folder_leaves_no_temp_file(tmp_path: Path) -> None:
    folder = tmp_path / "locked"
    folder.mkdir()
    path = copy_ref(folder / "a.md")
    with append_only(folder):
        result = cli("set", "author", "Someone", str(path))
        names = sorted(p.name for p in folder.iterdir())
    assert result.returncode == 1
    assert names == ["a.md"]
    assert path.read_bytes() == REF.read_bytes()


def test_a_new_article_in_an_append_only_folder_leaves_no_temp_file(tmp_path: Path) -> None:
    folder = tmp_path / "learn"
    folder.mkdir()
    (folder / "biology").mkdir()
    with append_only(folder / "biology"):
        result = cli("new", str(folder), "--subject", "Biology", "--question", "Why?")
        names = sorted(p.name for p in (folder / "biology").iterdir())
    assert result.returncode == 0, result.stderr
    assert names == ["why.md"]


# -- repairs run beside other writers ---------------------------------------------------------
FIX_LOOP = """
import sys
from pathlib import Path
from editor.cli import main
from editor.core import logs
from editor.core.index.catalog import Catalog
from editor.core.index.folder_index import FolderIndex
from editor.core.checks.repair import apply_plan, plan_stale_fixes
site, path, rounds = Path(sys.argv[1]), sys.argv[2], int(sys.argv[3])
failed = 0
for n in range(rounds):
    main(["set", "related_article1.title", f"Stale {n}", path])
    logs.close()
    index = FolderIndex(site)
    entries = index.refresh()
    index.close()
    failed += len(apply_plan(site, plan_stale_fixes(entries, Catalog(entries.values()))).failed)
print(failed)
"""


def test_a_repair_beside_another_writer_keeps_both(tmp_path: Path) -> None:
    site = tmp_path / "site"
    shutil.copytree(SAMPLE, site)
    path = site / "content" / "learn" / "biology" / "what-role-do-mitochondria-play-in-a-cell.md"
    rounds = 25
    outs = run_two((FIX_LOOP, str(site), str(path), str(rounds)),
                   (SET_LOOP, str(path), "b", str(rounds * 3)))
    assert outs == ["0", "0"]
    doc = ArticleDocument.load(path)
    lost = [f"b{n}" for n in range(rounds * 3) if not doc.has(f"b{n}")]
    assert lost == [], f"{len(lost)} edits lost"
    assert doc.get("related_article1.title") == (
        "How do enzymes speed up chemical reactions in cells?")


def test_a_repair_never_writes_through_a_link_out_of_the_site(tmp_path: Path) -> None:
    site = tmp_path / "site"
    shutil.copytree(SAMPLE, site)
    mito = site / "content" / "learn" / "biology" / "what-role-do-mitochondria-play-in-a-cell.md"
    outside = tmp_path / "elsewhere.md"
    doc = ArticleDocument.load(mito)
    doc.set("related_article1.title", "Stale")
    doc.set("id", 99999)
    outside.write_bytes(doc.to_bytes())
    (site / "content" / "learn" / "biology" / "linked.md").symlink_to(outside)
    before = outside.read_bytes()
    result = cli("fix", "related-stale", str(site), timeout=60)
    assert outside.read_bytes() == before
    assert "linked.md" in result.stdout and "outside" in result.stdout
    assert result.returncode == 1
