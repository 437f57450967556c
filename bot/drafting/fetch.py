"""Fetch an article's page from its URL with trafilatura's downloader.

The page's bytes then go the same way as a saved page's (`article_text.parse_article`), so
a URL drafts exactly as the page saved from it. trafilatura's downloader caps the size
and the redirects and guards against requests to private addresses; the timeout here is
shorter than its default, and a failure is one line saying what to do, not a log.
"""

from __future__ import annotations

import ipaddress
import logging
import socket
from collections.abc import Iterator
from contextlib import contextmanager
from urllib.parse import urlsplit

from bot.drafting.article_text import ArticleError, ParsedArticle, parse_article

TIMEOUT_SECONDS = 10
"""How long the download may wait for the server, per attempt."""
LOOPBACK_NAMES = frozenset(("localhost",))


def is_url(text: str) -> bool:
    """Whether `text` is an http(s) address rather than a file path."""
    return text.lower().startswith(("http://", "https://"))


def fetch_article(url: str) -> ParsedArticle:
    """Download the page at `url` and read its article; raise `ArticleError` saying why not."""
    from trafilatura.downloads import fetch_response
    from trafilatura.settings import use_config

    host = urlsplit(url).hostname or ""
    if not host:
        raise ArticleError(f"{url}: not a web address; give one like https://example.com/story")
    try:
        socket.getaddrinfo(host, None)
    except (socket.gaierror, UnicodeError):
        raise ArticleError(
            f"{url}: cannot find the server {host}; check the address and that you are online, "
            "or save the page and draft the file"
        ) from None
    config = use_config()
    config.set("DEFAULT", "DOWNLOAD_TIMEOUT", str(TIMEOUT_SECONDS))
    # A page the curator names on this machine is meant; any other private address
    # (a redirect, say) stays refused.
    config.set("DEFAULT", "SSRF_PROTECTION", "off" if _is_loopback(host) else "on")
    with _quiet("trafilatura"):
        response = fetch_response(url, config=config)
    if response is None:
        raise ArticleError(
            f"{url}: no answer from {host} within {TIMEOUT_SECONDS} s (or the connection was "
            "refused); check that you are online, or save the page and draft the file"
        )
    if response.status != 200:
        raise ArticleError(
            f"{url}: the server answered HTTP {response.status}; check the address, or save "
            "the page from a browser and draft the file"
        )
    return parse_article(response.data or b"", url, html=True)


def _is_loopback(host: str) -> bool:
    if host.lower() in LOOPBACK_NAMES:
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


@contextmanager
def _quiet(name: str) -> Iterator[None]:
    """Keep a library's error logs off the terminal: the failure is reported in one line."""
    logger = logging.getLogger(name)
    level = logger.level
    logger.setLevel(logging.CRITICAL)
    try:
        yield
    finally:
        logger.setLevel(level)
