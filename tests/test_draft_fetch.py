"""`article-bot draft URL`: the page fetched from a server on 127.0.0.1, drafted as if saved."""

from __future__ import annotations

import socket
import threading
from collections.abc import Iterator
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from conftest import run

DATA = Path(__file__).resolve().parent / "data" / "draft"


class _Quiet(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        """No request log on the test's stderr."""


@pytest.fixture(scope="module")
def pages() -> Iterator[str]:
    """A web server on 127.0.0.1 serving tests/data/draft/; yields its base URL."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), partial(_Quiet, directory=str(DATA)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def test_a_url_drafts_exactly_as_the_saved_page(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, pages: str
) -> None:
    """The page fetched from its URL gives the same draft as the same page saved to a file."""
    url = f"{pages}/solar-farm.html"
    code, out, err = run(capsys, "draft", url, "-o", str(tmp_path / "from-url.yaml"))
    assert (code, err) == (0, "")
    assert out.startswith(f"Wrote {tmp_path / 'from-url.yaml'}: 10 facts")
    code, _, _ = run(capsys, "draft", str(DATA / "solar-farm.html"), "-o", str(tmp_path / "f.yaml"))
    assert code == 0
    from_url = (tmp_path / "from-url.yaml").read_text(encoding="utf-8").split("\n", 1)
    from_file = (tmp_path / "f.yaml").read_text(encoding="utf-8").split("\n", 1)
    assert from_url[0] == f"# Drafted by `article-bot draft` from {url}."
    assert from_url[1] == from_file[1]


def _closed_port() -> int:
    """A port on 127.0.0.1 that nothing listens on."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.mark.parametrize(
    ("where", "message"),
    [
        (
            "{pages}/gone.html",
            "the server answered HTTP 404; check the address, or save the page from a "
            "browser and draft the file",
        ),
        (
            "http://127.0.0.1:{closed}/story",
            "no answer from 127.0.0.1 within 10 s (or the connection was refused); check "
            "that you are online, or save the page and draft the file",
        ),
    ],
)
def test_a_page_that_cannot_be_fetched_is_one_line_and_exit_1(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, pages: str, where: str, message: str
) -> None:
    """A 404, or no server at all (offline, refused), is one line saying what to do."""
    url = where.format(pages=pages, closed=_closed_port())
    code, out, err = run(capsys, "draft", url, "-o", str(tmp_path / "d.yaml"))
    assert (code, out, err) == (1, "", f"article-bot: {url}: {message}\n")
    assert not (tmp_path / "d.yaml").exists()
