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
    assert out.startswith(f"Wrote {tmp_path / 'from-url.yaml'}: 9 facts")
    code, _, _ = run(capsys, "draft", str(DATA / "solar-farm.html"), "-o", str(tmp_path / "f.yaml"))
    assert code == 0
    from_url = (tmp_path / "from-url.yaml").read_text(encoding="utf-8").split("\n", 1)
    from_file = (tmp_path / "f.yaml").read_text(encoding="utf-8").split("\n", 1)
    assert from_url[0] == f"# Drafted by `article-bot draft` from {url}."
    assert from_url[1] == from_file[1]


def test_a_missing_page_is_one_line_naming_the_status(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, pages: str
) -> None:
    """A 404 is one line with the status and what to do, exit 1, nothing written."""
    url = f"{pages}/gone.html"
    code, out, err = run(capsys, "draft", url, "-o", str(tmp_path / "d.yaml"))
    assert (code, out) == (1, "")
    assert err == (
        f"article-bot: {url}: the server answered HTTP 404; check the address, or save the "
        "page from a browser and draft the file\n"
    )
    assert not (tmp_path / "d.yaml").exists()


def test_no_server_is_one_line_saying_to_check_the_connection(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """When nothing answers (offline, refused), one line says so and what to do, exit 1."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    url = f"http://127.0.0.1:{port}/story"
    code, out, err = run(capsys, "draft", url, "-o", str(tmp_path / "d.yaml"))
    assert (code, out) == (1, "")
    assert err == (
        f"article-bot: {url}: no answer from 127.0.0.1 within 10 s (or the connection was "
        "refused); check that you are online, or save the page and draft the file\n"
    )
