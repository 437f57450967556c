"""The package map README's "Layout" draws holds: imports run one way, down the layers,
and no module reaches into python-telegram-bot's private modules or attributes."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

BOT = Path(__file__).resolve().parent.parent / "bot"
LAYERS = ["cli", "frontend", "curation", "drafting", "answering", "language", "config", "logs"]
"""Top to bottom, as README lists them: a module may import only from its layer or below."""


def _modules() -> list[Path]:
    return sorted(p for p in BOT.rglob("*.py") if "__pycache__" not in p.parts)


def _layer(module: str) -> int | None:
    parts = module.split(".")
    return LAYERS.index(parts[1]) if len(parts) > 1 and parts[1] in LAYERS else None


def _imports(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.append(node.module)
        elif isinstance(node, ast.Import):
            found.extend(alias.name for alias in node.names)
    return found


def _name(path: Path) -> str:
    return ".".join(("bot", *path.relative_to(BOT).with_suffix("").parts))


def _upward(module: str, imports: list[str]) -> list[str]:
    """The imports of `module` from a layer above its own."""
    mine = _layer(module)
    if mine is None:  # bot/__init__.py, __main__.py: the entry points stand above every layer
        return []
    return [m for m in imports if (other := _layer(m)) is not None and other < mine]


def _private(imports: list[str]) -> list[str]:
    return [m for m in imports if m.split(".")[0] == "telegram" and "._" in f".{m}"]


@pytest.mark.parametrize("path", _modules(), ids=lambda p: str(p.relative_to(BOT)))
def test_imports_run_down_the_layers(path: Path) -> None:
    upward = _upward(_name(path), _imports(path))
    assert not upward, f"{_name(path)} imports from a layer above it: {upward}"


def test_the_checks_see_what_they_look_for() -> None:
    assert _upward("bot.answering.matcher", ["bot.frontend.app", "bot.language.text"]) == [
        "bot.frontend.app"
    ]
    assert _upward("bot.cli.asking", ["bot.frontend.app", "bot.config"]) == []
    assert _private(["telegram._utils.types", "telegram.request", "telegram"]) == [
        "telegram._utils.types"
    ]


@pytest.mark.parametrize("path", _modules(), ids=lambda p: str(p.relative_to(BOT)))
def test_no_private_python_telegram_bot_api(path: Path) -> None:
    private = _private(_imports(path))
    assert not private, f"{_name(path)} imports python-telegram-bot's private modules: {private}"
    assert "._retry_after" not in path.read_text(encoding="utf-8")
