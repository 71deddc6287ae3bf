"""What the benchmarks share: the folder they measure, the naive loop, running the real CLI,
memory readings and the results table.

The folder is real-shaped by default: ``shared/tools/realistic_folder.py`` (beside the
project's checkout, or beside one of its parent folders) builds 36,000 articles cloned from
the real QuickTakes sample into a cache folder on first use; later runs reuse it until the
generator changes (a stamp holds its hash). ``--generated N`` measures the old generated
articles (shorter than real ones) instead, ``--sample`` the real sample's 2,005 files, and
``--folder PATH`` any folder, read only.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
GENERATOR = Path("tools") / "realistic_folder.py"
SAMPLE = Path("corpora") / "quicktakes-sample"
REAL_SIZE = 36_000


def shared_folder() -> Path | None:
    """The ``shared`` folder beside the checkout (``ROOT.parent / "shared"``), else beside
    the nearest parent folder that has one holding the generator; None when there is none."""
    for parent in ROOT.parents:
        if (parent / "shared" / GENERATOR).is_file():
            return parent / "shared"
    return None


def cache_root() -> Path:
    import platformdirs

    return Path(platformdirs.user_cache_dir("article-editor-bench"))


def realistic_folder(articles: int = REAL_SIZE) -> Path | None:
    """The real-shaped folder of ``articles`` articles, built into the cache on first use;
    None (with a warning) when the shared tools are not there."""
    shared = shared_folder()
    if shared is None:
        print(f"WARNING: no shared/{GENERATOR.as_posix()} beside {ROOT} or any folder above it:"
              " measuring GENERATED articles, which are shorter than real ones. The speed"
              " figures are not the real site's.", file=sys.stderr)
        return None
    generator = shared / GENERATOR
    stamp = hashlib.sha256(generator.read_bytes()).hexdigest()
    target = cache_root() / f"realistic-{articles}"
    stamp_file = target.parent / f"realistic-{articles}.stamp"
    if target.is_dir() and stamp_file.is_file() and stamp_file.read_text() == stamp:
        return target
    target.parent.mkdir(parents=True, exist_ok=True)
    print(f"building a real-shaped folder of {articles:,} articles in {target} "
          f"(once; {generator})", file=sys.stderr)
    building = target.parent / f"realistic-{articles}.building"
    shutil.rmtree(building, ignore_errors=True)
    subprocess.run([sys.executable, str(generator), str(building), "--articles", str(articles)],
                   check=True, stdout=subprocess.DEVNULL)
    shutil.rmtree(target, ignore_errors=True)
    building.rename(target)
    stamp_file.write_text(stamp)
    return target


@dataclass
class Folder:
    path: Path
    kind: str  # "real-shaped", "generated" or "given"


def pick_folder(args: list[str], scratch: Path) -> Folder:
    """--folder PATH, --sample (the real sample), --generated N, --articles N (real-shaped,
    default 36,000)."""
    if "--folder" in args:
        return Folder(Path(args[args.index("--folder") + 1]).resolve(), "given")
    if "--sample" in args:
        return Folder(sample_folder(), "the real sample")
    if "--generated" not in args:
        articles = int(flag(args, "--articles", REAL_SIZE))
        real = realistic_folder(articles)
        if real is not None:
            return Folder(real, "real-shaped")
    return generated_folder(scratch, int(flag(args, "--generated", REAL_SIZE)))


def generated_folder(scratch: Path, count: int) -> Folder:
    from benchmarks.generate_articles import generate

    folder = scratch / f"generated-{count}"
    t0 = time.perf_counter()
    generate(folder, count)
    print(f"generated {count:,} articles in {time.perf_counter() - t0:.1f} s", file=sys.stderr)
    return Folder(folder, "generated")


def flag(args: list[str], name: str, default: object) -> object:
    return args[args.index(name) + 1] if name in args else default


def sample_folder() -> Path:
    """The real QuickTakes sample when the shared folder is there, else the bundled one."""
    shared = shared_folder()
    if shared is not None and (shared / SAMPLE).is_dir():
        return shared / SAMPLE
    return ROOT / "resources" / "sample-content"


def naive_load(folder: Path) -> float:
    """The naive loop: python-frontmatter ``load`` of every Markdown file."""
    import frontmatter

    t0 = time.perf_counter()
    for path in folder.rglob("*.md"):
        with contextlib.suppress(Exception):
            frontmatter.load(path)
    return time.perf_counter() - t0


def naive_median(folder: Path, runs: int) -> float:
    return statistics.median(naive_load(folder) for _run in range(runs))


def app_env(scratch: Path, cache: Path) -> dict[str, str]:
    """The environment of a fresh user: config and data in ``scratch``, the index cache in
    ``cache`` (a new folder is an empty cache)."""
    env = dict(os.environ)
    env.setdefault("QT_QPA_PLATFORM", "offscreen")
    env["ARTICLE_EDITOR_CONFIG_DIR"] = str(scratch / "config")
    env["ARTICLE_EDITOR_DATA_DIR"] = str(scratch / "data")
    env["ARTICLE_EDITOR_CACHE_DIR"] = str(cache)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), env.get("PYTHONPATH")]))
    # As an installed app runs: its modules' bytecode is cached (pip compiles it at install),
    # not compiled again by every process.
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    return env


def cli() -> list[str]:
    """The installed ``article-editor`` command beside this interpreter, else the module."""
    script = Path(sys.executable).with_name("article-editor")
    return [str(script)] if script.is_file() else [sys.executable, "-m", "editor"]


def run_timed(command: list[str], env: dict[str, str]) -> tuple[float, float]:
    """Wall time (s) and peak RSS (MB) of one run of ``command``, its stdout discarded.
    ``check`` exits 1 when the folder has errors; 2 or more means it could not run."""
    t0 = time.perf_counter()
    process = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL,
                               stderr=subprocess.PIPE)
    stderr = process.stderr.read() if process.stderr else b""
    if hasattr(os, "wait4"):
        _pid, status, usage = os.wait4(process.pid, 0)
        seconds, code = time.perf_counter() - t0, os.waitstatus_to_exitcode(status)
        peak = usage.ru_maxrss / (1024 * 1024 if sys.platform == "darwin" else 1024)
        process.returncode = code
    else:  # no per-child rusage here: the time only
        code, seconds, peak = process.wait(), time.perf_counter() - t0, float("nan")
    if code not in (0, 1):
        raise RuntimeError(f"{' '.join(command)} exited {code}: {stderr.decode()[-2000:]}")
    return seconds, peak


def settled_disk() -> None:
    """Write out what earlier runs left to write (a cold index's 65 MB cache, a copied
    folder) before timing a warm run: its stats and fsyncs would otherwise share the disk
    with that write-back, which no writer's warm start or save does."""
    if hasattr(os, "sync"):
        os.sync()


def fresh_cache(scratch: Path) -> Path:
    return Path(tempfile.mkdtemp(prefix="cache-", dir=scratch))


@dataclass
class Row:
    measure: str
    time: str
    ratio: str = ""
    target: str = ""
    met: str = ""


def ratio_row(measure: str, seconds: float, naive: float, target: float, extra: str = "") -> Row:
    """A row whose target is a speed-up over the naive loop."""
    ratio = naive / seconds if seconds else float("inf")
    return Row(measure, f"{seconds:.2f} s{extra}", f"{ratio:.1f}×", f"≥{target:g}×",
               _met(ratio >= target))


def limit_row(measure: str, seconds: float, limit: float, worst: float | None = None,
              naive: float | None = None) -> Row:
    """A row whose target is a time limit; ``worst`` (the max) is what is held to it."""
    held = seconds if worst is None else worst
    shown = _duration(seconds) + ("" if worst is None else f" (max {_duration(worst)})")
    ratio = f"{naive / seconds:.1f}×" if naive and seconds else ""
    return Row(measure, shown, ratio, f"≤{_duration(limit)}", _met(held <= limit))


def _duration(seconds: float) -> str:
    return f"{seconds:.2f} s" if seconds >= 1 else f"{seconds * 1e3:.1f} ms"


def _met(ok: bool) -> str:
    return "yes" if ok else "NO"


def print_table(rows: list[Row]) -> None:
    head = Row("measure", "time", "vs naive", "target", "met?")
    cells = [[r.measure, r.time, r.ratio, r.target, r.met] for r in [head, *rows]]
    widths = [max(len(c[i]) for c in cells) for i in range(5)]
    for n, c in enumerate(cells):
        print("  ".join(f"{v:<{widths[i]}}" if i == 0 else f"{v:>{widths[i]}}"
                        for i, v in enumerate(c)).rstrip())
        if n == 0:
            print("  ".join("-" * w for w in widths))


def rss_mb() -> tuple[float, float]:
    """This process's resident memory now and at its peak, in MB."""
    status = Path("/proc/self/status")
    if status.is_file():
        fields = dict(line.split(":", 1) for line in status.read_text().splitlines()
                      if ":" in line)
        return (int(fields["VmRSS"].split()[0]) / 1024, int(fields["VmHWM"].split()[0]) / 1024)
    import resource

    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    peak_mb = peak / (1024 * 1024 if sys.platform == "darwin" else 1024)
    return peak_mb, peak_mb
