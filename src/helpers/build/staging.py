"""Nothing lost or half-written: a build writes into a staging folder and moves it into place at the end.

The staging folder sits beside the outputs as `.building-<report>-<token>`; the build holds the lock
file `.build-<token>.lock` for as long as it runs. A build that is killed leaves both behind, but not
the lock itself: the operating system releases it with the process, on Windows as on Linux, so the
next build can tell a dead build's folders from a live one's by trying the lock, and undoes what the
dead one left. The final move is two renames (the old report aside, the new one in), done under a lock
of the year so that a district build and an area build of the same year never cross; a district
report keeps the area packs in its folder.
"""

from __future__ import annotations

import contextlib
import secrets
import shutil
import signal
from collections.abc import Iterator
from pathlib import Path

from filelock import FileLock, Timeout

TARGET_FILE = ".target"  # inside a staging folder: the report folder it is meant to replace, from the outputs
LAYOUT_FOLDERS = ("sections", "tables", "tidy")  # a report's own folders; any other folder is an area pack


def _token_of(folder: Path) -> str:
    return folder.name.rsplit("-", 1)[-1]


def _alive_lock(out_root: Path, token: str) -> Path:
    return out_root / f".build-{token}.lock"


def _dead(out_root: Path, folder: Path) -> bool:
    """Whether the build that left `folder` has ended: its lock file is gone, or can be taken."""
    path = _alive_lock(out_root, _token_of(folder))
    if not path.exists():
        return True
    lock = FileLock(str(path))
    try:
        lock.acquire(timeout=0)
    except Timeout:
        return False
    lock.release()
    path.unlink(missing_ok=True)
    return True


def recover_interrupted_builds(out_root: Path) -> None:
    """Undo what a killed build left: restore a report it had moved aside, give back the area folders it
    had carried into its staging folder, and remove the staging folder."""
    for retired in out_root.glob("**/.replaced-*"):
        if retired.is_dir() and _dead(out_root, retired):
            final = retired.with_name(retired.name.removeprefix(".replaced-").rsplit("-", 1)[0])
            if final.exists():
                shutil.rmtree(retired, ignore_errors=True)
            else:
                retired.rename(final)
    for staging in out_root.glob(".building-*"):
        if not (staging.is_dir() and _dead(out_root, staging)):
            continue
        target = staging / TARGET_FILE
        final = out_root / target.read_text(encoding="utf-8") if target.exists() else None
        if final is not None and final.is_dir():
            for child in staging.iterdir():
                if child.is_dir() and child.name not in LAYOUT_FOLDERS and not (final / child.name).exists():
                    child.rename(final / child.name)
        shutil.rmtree(staging, ignore_errors=True)


@contextlib.contextmanager
def year_lock(out_root: Path, year_folder: str) -> Iterator[None]:
    """Serialise the final moves of builds of one year (a district build carries its area folders over)."""
    out_root.mkdir(parents=True, exist_ok=True)
    with FileLock(str(out_root / f".lock-{year_folder}")):
        yield


@contextlib.contextmanager
def staging_folder(out_root: Path, final: Path) -> Iterator[Path]:
    """A fresh staging folder for `final`, held alive by this process and removed when the build ends."""
    year = final.relative_to(out_root).parts[0]
    with year_lock(out_root, year):
        recover_interrupted_builds(out_root)
    token = secrets.token_hex(6)
    alive = FileLock(str(_alive_lock(out_root, token)))
    alive.acquire()
    staging = out_root / f".building-{final.relative_to(out_root).as_posix().replace('/', '-')}-{token}"
    try:
        staging.mkdir(parents=True)
        (staging / TARGET_FILE).write_text(final.relative_to(out_root).as_posix(), encoding="utf-8")
        yield staging
    finally:
        shutil.rmtree(staging, ignore_errors=True)
        alive.release()
        _alive_lock(out_root, token).unlink(missing_ok=True)


@contextlib.contextmanager
def _signals_held() -> Iterator[None]:
    """SIGTERM and SIGINT wait until the renames are done, where the platform can hold them (not Windows)."""
    if not hasattr(signal, "pthread_sigmask"):
        yield
        return
    blocked = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGTERM, signal.SIGINT})
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, blocked)


def move_into_place(out_root: Path, staging: Path, final: Path, is_district: bool) -> None:
    """Replace `final` by `staging` in two renames; a district folder keeps its area sub-folders.

    Any failure puts everything back; a kill in between is undone by the next build.
    """
    final.parent.mkdir(parents=True, exist_ok=True)
    carried: list[str] = []
    retired = final.with_name(f".replaced-{final.name}-{_token_of(staging)}")
    with year_lock(out_root, final.relative_to(out_root).parts[0]), _signals_held():
        try:
            if final.exists():
                if is_district:
                    carried = [c.name for c in final.iterdir() if c.is_dir() and c.name not in LAYOUT_FOLDERS]
                    for name in carried:
                        (final / name).rename(staging / name)
                final.rename(retired)
            staging.rename(final)
        except BaseException:
            if not final.exists() and retired.exists():
                retired.rename(final)
            for name in carried:
                if (staging / name).exists():
                    (staging / name).rename(final / name)
            raise
    (final / TARGET_FILE).unlink(missing_ok=True)
    shutil.rmtree(retired, ignore_errors=True)
