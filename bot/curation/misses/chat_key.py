"""The key that makes a stored chat hash unreadable without it, kept outside the
database (ARTICLE_BOT_DB_KEY, else a file beside it); see `MissStore`."""

from __future__ import annotations

import hashlib
import logging
import os
import secrets
import stat
import time
from pathlib import Path

from bot.config import MIN_KEY_CHARS
from bot.curation.misses.model import MissStoreError

logger = logging.getLogger(__name__)

CHAT_HASH_CHARS = 16
"""Hex digits kept of a chat's hash: enough to count chats, no more."""
KEY_FILE_SUFFIX = ".key"
"""The key file is the database's path plus this: `article-bot.sqlite3.key`."""
KEY_BYTES = 32
"""Random bytes in a new key file (written as 64 hex digits)."""
KEY_WAIT_SECONDS = 1.0
"""How long to wait for a key file another process has just created to hold its key."""


def key_file(db_path: Path) -> Path:
    """Where the chat key of the database at `db_path` is kept when no key is set."""
    return db_path.with_name(db_path.name + KEY_FILE_SUFFIX)


def load_key(path: Path) -> bytes:
    """The key in the file at `path`, made first (random, mode 0600) if there is none.

    The file is created with O_EXCL, so two processes starting at once cannot both make
    one: the second reads the first's, waiting up to KEY_WAIT_SECONDS for it to be written.
    """
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        try:
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        except FileExistsError:
            return _read_key(path)
        key = secrets.token_hex(KEY_BYTES).encode()
        try:
            os.write(fd, key + b"\n")
            os.fsync(fd)
        except BaseException:
            path.unlink(missing_ok=True)
            raise
        finally:
            os.close(fd)
    except OSError as exc:
        raise MissStoreError(
            path,
            f"cannot read or create the chat key: {exc.strerror or exc}",
            "let the bot's user read and write its folder, or set ARTICLE_BOT_DB_KEY",
        ) from exc
    logger.info("made a new key for chat hashes in %s; keep it apart from database backups", path)
    return key


def _read_key(path: Path) -> bytes:
    deadline = time.monotonic() + KEY_WAIT_SECONDS
    while len(key := path.read_bytes().strip()) < MIN_KEY_CHARS and time.monotonic() < deadline:
        time.sleep(0.05)  # just created by another process, which has yet to write it
    if len(key) < MIN_KEY_CHARS:
        raise MissStoreError(
            path,
            f"the chat key file holds fewer than {MIN_KEY_CHARS} characters",
            "delete it to have a new key made (chats already recorded then count as new "
            "ones), or set ARTICLE_BOT_DB_KEY",
        )
    mode = stat.S_IMODE(path.stat().st_mode)
    if mode & 0o077:
        logger.warning(
            "%s can be read by other users (mode %03o): run chmod 600 %s", path, mode, path
        )
    return key


def salted(salt: str, chat_id: int) -> str:
    """Version 1's chat hash, sha256(salt + chat id) cut short: since version 2 only the
    input of the keyed hash, as the database alone reverses it (the salt is in it)."""
    return hashlib.sha256(f"{salt}{chat_id}".encode()).hexdigest()[:CHAT_HASH_CHARS]
