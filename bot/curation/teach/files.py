"""Reading and replacing the facts file safely.

The edited text must validate before it replaces the file, which happens atomically
(temporary file, fsync, rename) under a lock, so neither a crash nor two teachers at once
can leave the file half-written or lose an edit. Nor may an editor's save: a file saved
in place passes through cut-short copies that validate, and teaching one would make the
cut permanent (the rename replaces the file the editor is still writing). So teaching
refuses a file that is still changing, or that has fewer facts or small-talk entries
than the last good version (`bot.curation.guard`).
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import stat
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path

from bot.answering.facts import FactBase, FactsError, loads
from bot.curation.guard import Stamp, StillChanging, read_settled, stamp
from bot.curation.teach.result import Refused


def replace_file(target: Path, shown: str, new_text: str, read_at: Stamp) -> None:
    """Write `new_text` over the file read at `read_at`, or refuse saying why."""
    try:
        write_atomically(target, new_text.encode("utf-8"), unchanged_since=read_at)
    except StillChanging:
        raise Refused(still_changing(shown)) from None
    except OSError as exc:
        raise Refused(f"cannot write {shown}: {exc.strerror or exc}; nothing was changed") from None


@contextlib.contextmanager
def locked(path: Path, shown: str) -> Iterator[None]:
    """Hold `<path>.lock` exclusively: a lock on facts.yaml itself would stay with the
    old inode once the file is replaced, and let the next teacher read stale text."""
    lock_path = path.with_name(path.name + ".lock")
    try:
        lock = open(lock_path, "a")  # noqa: SIM115 - closed below, after the lock is released
    except FileNotFoundError:
        raise Refused(_not_found(shown)) from None
    except OSError as exc:
        raise Refused(
            f"cannot lock {lock_path}: {exc.strerror}; teaching needs write access to the "
            f"folder of {shown}"
        ) from None
    with lock:
        fcntl.flock(lock.fileno(), fcntl.LOCK_EX)
        yield


def read_settled_text(
    path: Path, shown: str, settle: float | None, sleep: Callable[[float], None]
) -> tuple[str, Stamp]:
    """The file's exact text (bytes decoded as they are, no newline translation) and its
    stamp, once it has kept still: an editor may be saving it."""
    try:
        data, read_at = read_settled(path, settle=settle, sleep=sleep)
        return data.decode("utf-8"), read_at
    except StillChanging:
        raise Refused(still_changing(shown)) from None
    except FileNotFoundError:
        raise Refused(_not_found(shown)) from None
    except OSError as exc:
        raise Refused(f"cannot read {shown}: {exc.strerror}") from None
    except UnicodeDecodeError as exc:
        raise Refused(f"{shown} is not UTF-8 text ({exc.reason}); save it as UTF-8") from None


def _not_found(shown: str) -> str:
    return f"{shown}: file not found; pass --facts PATH or set ARTICLE_BOT_FACTS"


def still_changing(shown: str) -> str:
    return (
        f"{shown} is still changing (an editor may be saving it), so nothing was changed; "
        "wait until it is saved and teach again"
    )


def validated(text: str, shown: str) -> FactBase:
    """The fact base the file holds now; teaching never builds on a broken one."""
    try:
        return loads(text, shown)
    except FactsError as exc:
        raise Refused(
            f"{shown} does not validate, so nothing was changed; fix it first "
            f"(article-bot check):\n{exc}"
        ) from None


def write_atomically(path: Path, data: bytes, *, unchanged_since: Stamp) -> None:
    """Replace `path` with `data` so that readers see the old file or the new, never half.

    The temporary file sits in the same folder (a rename across filesystems is a copy),
    gets the original's permissions, and reaches the disk before the rename does. Raises
    `StillChanging` instead of renaming when `path` no longer has the stamp it was read
    with: an editor began saving it, and the rename would throw that save away.
    """
    mode = stat.S_IMODE(path.stat().st_mode)
    tmp = tempfile.NamedTemporaryFile(  # noqa: SIM115 - the rename must follow the close
        "wb", dir=path.parent, prefix=f".{path.name}.", suffix=".tmp", delete=False
    )
    try:
        with tmp:
            tmp.write(data)
            tmp.flush()
            os.fchmod(tmp.fileno(), mode)
            os.fsync(tmp.fileno())
        if stamp(path) != unchanged_since:
            raise StillChanging(path)
        os.replace(tmp.name, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp.name)
        raise
    # Make the rename itself durable; some filesystems cannot fsync a folder.
    with contextlib.suppress(OSError):
        folder = os.open(path.parent, os.O_RDONLY)
        try:
            os.fsync(folder)
        finally:
            os.close(folder)
