"""Commands that answer: `run` (Telegram), `ask`, `chat` and `summary` (the terminal)."""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import dataclass, field, replace

from bot.answering.engine import Engine
from bot.answering.facts import LANGUAGES
from bot.answering.followup import ConversationMemory
from bot.answering.messages import LANGUAGE_NAMES, message
from bot.answering.replies import source_reply, summary_reply, topics_reply
from bot.answering.reply_language import choose_language
from bot.cli.common import AddCommand, facts_path, load_base, say
from bot.config import Settings


def cmd_ask(args: argparse.Namespace) -> int:
    """Answer one question, or one per line of standard input with `-`."""
    engine = Engine(load_base(args))
    if args.question == "-":
        for line in sys.stdin:
            question = line.rstrip("\n")
            if question.strip():
                say(json.dumps(engine.ask(question).to_json(), ensure_ascii=False), flush=True)
        return 0
    reply = engine.ask(args.question)
    say(json.dumps(reply.to_json(), ensure_ascii=False) if args.json else reply.plain)
    return 0


def cmd_chat(args: argparse.Namespace) -> int:
    """An interactive terminal conversation with the same replies as in Telegram."""
    chat = TerminalChat(Engine(load_base(args)))
    interactive = sys.stdin.isatty()
    if interactive:
        say(
            f"Ask about “{chat.engine.base.article.title}”. "
            "/summary, /topics, /source, /language, /quit to leave."
        )
    while True:
        try:
            line = input("> " if interactive else "")
        except (EOFError, KeyboardInterrupt):
            break
        line = line.strip()
        if line in ("/quit", "/exit"):
            break
        if line:
            say(chat.reply(line))
            say()
    return 0


@dataclass
class TerminalChat:
    """One terminal conversation, kept as the Telegram bot keeps a reader's: their
    language (a /language choice first, else the language of their last message) and
    the last answer, for follow-up questions."""

    engine: Engine
    memory: ConversationMemory = field(default_factory=ConversationMemory)
    fixed: str | None = None
    last: str | None = None

    def reply(self, line: str) -> str:
        """The plain-text reply to a question or a command."""
        command, _, rest = line.partition(" ")
        base = self.engine.base
        if command == "/summary":
            return summary_reply(base, self.language(None)).plain
        if command == "/topics":
            return topics_reply(base, self.language(None)).plain
        if command == "/source":
            return source_reply(base, self.language(None)).plain
        if command == "/language":
            return self.choose(rest.strip().lower())
        lang = self.language(line)
        return self.engine.ask(line, language=lang, memory=self.memory, chat="terminal").plain

    def language(self, text: str | None) -> str:
        """The reply language for `text` (None for a command), remembered as the chat's."""
        self.last = choose_language(text, fixed=self.fixed, last=self.last)
        return self.last

    def choose(self, code: str) -> str:
        """`/language CODE` fixes the chat's language; without a known code, the choices
        (Telegram shows them as buttons)."""
        if code in LANGUAGES:
            self.fixed = self.last = code
            return message("language_set", code)
        choices = [f"/language {c} – {LANGUAGE_NAMES[c]}" for c in LANGUAGES]
        return "\n".join([message("language_prompt", self.language(None)), *choices])


def cmd_run(args: argparse.Namespace) -> int:
    """Serve Telegram: long polling, or a webhook when ARTICLE_BOT_WEBHOOK_URL is set."""
    from bot.frontend.runner import StartupError, run_bot

    settings: Settings = args.settings
    settings = replace(settings, facts_path=facts_path(args))
    try:
        return run_bot(settings)
    except StartupError as exc:
        say(f"article-bot: cannot start: {exc}", file=sys.stderr)
        return 2


def cmd_summary(args: argparse.Namespace) -> int:
    """Print the article's summary."""
    base = load_base(args)
    say(base.summary_in(args.language))
    return 0


def register(add: AddCommand) -> None:
    """Add `run`, `ask`, `chat` and `summary` to the parser."""
    add("run", cmd_run, "serve Telegram (needs TELEGRAM_BOT_TOKEN)")

    ask = add("ask", cmd_ask, "answer one question")
    ask.add_argument(
        "question", help='the question, or "-" to read one per line from stdin (JSON Lines out)'
    )
    ask.add_argument("--json", action="store_true", help="print one JSON object")

    add("chat", cmd_chat, "talk to the bot in the terminal")

    summary = add("summary", cmd_summary, "print the article's summary")
    summary.add_argument("--language", choices=LANGUAGES, default="en", help="summary language")
