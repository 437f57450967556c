"""A fake Telegram Bot API server on 127.0.0.1 for end-to-end tests of the bot.

It speaks real HTTP, so the real python-telegram-bot stack talks to it unchanged, and it
answers with Telegram's own error codes and descriptions where the bot could get one wrong.
"""

from __future__ import annotations

import asyncio
import itertools
import json
import re
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from http import HTTPStatus
from typing import Any

from aiohttp import web

JSON = dict[str, Any]
BOT_USERNAME = "article_test_bot"
DEFAULT_TOKEN = "123456789:TEST-token-for-the-fake-bot-api"
GROUP_CHAT_IDS = {"group": -400000001, "supergroup": -1001000000001}
CHANNEL_CHAT_ID = -1002000000001

# Parameters PTB sends as bare strings; every other form value is JSON-encoded by PTB.
_STRING_PARAMS = frozenset(
    "text caption parse_mode callback_query_id inline_query_id inline_message_id description "
    "short_description language_code url action next_offset secret_token emoji "
    "business_connection_id message_effect_id switch_pm_text switch_pm_parameter".split()
)
_TAGS = frozenset(
    "a b strong i em u ins s strike del span tg-spoiler tg-emoji code pre blockquote".split()
)
_NAMED_ENTITIES = {"lt": "<", "gt": ">", "amp": "&", "quot": '"'}
_ENTITY = re.compile(r"&(?:#([0-9]{1,7})|#x([0-9a-fA-F]{1,6})|([A-Za-z]+));?")
_ATTRIBUTE = re.compile(r"([^\s=>]+)\s*(=\s*)?")
_NAME_TOKEN = re.compile(r"[A-Za-z0-9.-]*")
_END_TAG = re.compile(r"</([^\s>]*)\s*>")
_AUTO_ENTITY = re.compile(r"(?<!\S)(?:(/\w{1,32}(?:@\w{3,32})?)|(@\w{5,32}))")
_COMMAND_NAME = re.compile(r"[a-z0-9_]{1,32}")
_QUERY_INVALID = "Bad Request: query is too old and response timeout expired or query ID is invalid"
_NOT_MODIFIED = (
    "Bad Request: message is not modified: specified new message content and reply markup "
    "are exactly the same as a current content and reply markup of the message"
)


class ApiError(Exception):
    """A Bot API error answer: HTTP status, Telegram's description, optional parameters."""

    def __init__(self, description: str, status: int = 400, parameters: JSON | None = None):
        super().__init__(description)
        self.description, self.status, self.parameters = description, status, parameters


@dataclass
class Call:
    """One request the fake received, with what it answered (status 0: connection dropped)."""

    method: str
    params: JSON
    time: float
    status: int = 0
    response: JSON | None = None

    @property
    def ok(self) -> bool:
        """Whether the call succeeded."""
        return self.status == HTTPStatus.OK


@dataclass
class _Fault:
    status: int
    retry_after: int
    drop: bool
    description: str | None


def utf16_len(text: str) -> int:
    """Length of `text` in UTF-16 code units, as Telegram counts it."""
    return len(text.encode("utf-16-le")) // 2


def _decode_entity(match: re.Match[str] | None) -> str | None:
    if match is None:
        return None
    decimal, hexadecimal, name = match.groups()
    if name is not None:
        return _NAMED_ENTITIES.get(name)
    code = int(decimal, 10) if decimal is not None else int(hexadecimal, 16)
    return chr(code) if 0 < code < 0x10FFFF else None


def _unescape(value: str) -> str:
    return _ENTITY.sub(lambda m: _decode_entity(m) or m.group(0), value)


def _parse_error(html: str, reason: str, pos: int | None = None) -> ApiError:
    where = "" if pos is None else f" at byte offset {len(html[:pos].encode())}"
    return ApiError(f"Bad Request: can't parse entities: {reason}{where}")


def parse_html(html: str, *, strict_ampersand: bool = True) -> str:
    """Return the plain text of Telegram-style HTML, raising ApiError where Telegram would.

    With `strict_ampersand`, a bare `&` is rejected as the Bot API docs demand (Telegram
    itself keeps it literally), so text that passes here passes Telegram too.
    """
    out: list[str] = []
    stack: list[str] = []
    i, n = 0, len(html)
    while i < n:
        char = html[i]
        if char == "&":
            match = _ENTITY.match(html, i)
            decoded = _decode_entity(match)
            if decoded is not None and match is not None:
                out.append(decoded)
                i = match.end()
                continue
            if strict_ampersand:
                raise _parse_error(html, 'Unescaped "&" (write &amp;)', i)
        if char != "<":
            out.append(char)
            i += 1
        elif html.startswith("</", i):
            i = _close_tag(html, i, stack)
        else:
            i = _open_tag(html, i, stack)
    if stack:
        raise _parse_error(html, f'Can\'t find end tag corresponding to start tag "{stack[-1]}"')
    return "".join(out)


def _close_tag(html: str, start: int, stack: list[str]) -> int:
    """Check the end tag at `start` against the open tags; return the index after it."""
    if not stack:
        raise _parse_error(html, "Unexpected end tag", start)
    end = _END_TAG.match(html, start)
    if end is None:
        raise _parse_error(html, "Unclosed end tag", start)
    name, expected = end.group(1).lower(), stack.pop()
    if name and name != expected:
        offset = len(html[:start].encode())
        raise _parse_error(
            html,
            f'Unmatched end tag at byte offset {offset}, '
            f'expected "</{expected}>", found "</{name}>"',
        )
    return end.end()


def _open_tag(html: str, start: int, stack: list[str]) -> int:
    """Check the start tag at `start` and push it; return the index after it."""
    i, n = start + 1, len(html)
    while i < n and not html[i].isspace() and html[i] != ">":
        i += 1
    if i >= n:
        raise _parse_error(html, "Unclosed start tag", start)
    tag = html[start + 1 : i].lower()
    if tag not in _TAGS:
        raise _parse_error(html, f'Unsupported start tag "{tag}"', start)
    attributes: dict[str, str] = {}
    while True:
        while i < n and html[i].isspace():
            i += 1
        if i >= n:
            raise _parse_error(html, "Unclosed start tag", start)
        if html[i] == ">":
            break
        match = _ATTRIBUTE.match(html, i)
        if match is None:
            raise _parse_error(html, f'Empty attribute name in the tag "{tag}"', start)
        name, i = match.group(1).lower(), match.end()
        if match.group(2) is None:
            if tag == "blockquote" and name == "expandable":
                continue
            reason = f'Expected equal sign in declaration of an attribute of the tag "{tag}"'
            raise _parse_error(html, reason, start)
        if i < n and html[i] in "\"'":
            close = html.find(html[i], i + 1)
            if close < 0:
                raise _parse_error(html, "Unclosed start tag", start)
            attributes[name], i = _unescape(html[i + 1 : close]), close + 1
        else:
            token = _NAME_TOKEN.match(html, i)
            assert token is not None  # the pattern matches the empty string
            attributes[name], i = token.group(0).lower(), token.end()
            if i < n and not html[i].isspace() and html[i] != ">":
                raise _parse_error(html, "Unexpected end of name token", token.start())
    if tag == "span" and attributes.get("class") != "tg-spoiler":
        raise _parse_error(html, 'Tag "span" must have class "tg-spoiler"', start)
    if tag == "tg-emoji" and not attributes.get("emoji-id", "").isdigit():
        raise _parse_error(html, "Invalid custom emoji identifier specified")
    stack.append(tag)
    return i + 1


def check_text(text: Any, parse_mode: Any = None, *, strict_ampersand: bool = True) -> str:
    """Validate a message text like Telegram; return the plain text the message will show."""
    plain = str(text or "")
    if str(parse_mode or "").lower() == "html":
        plain = parse_html(plain, strict_ampersand=strict_ampersand)
    plain = plain.strip()
    if not plain:
        raise ApiError("Bad Request: message text is empty")
    if utf16_len(plain) > 4096:
        raise ApiError("Bad Request: message is too long")
    return plain


def check_markup(markup: Any) -> None:
    """Validate an inline keyboard's buttons like Telegram."""
    if not isinstance(markup, dict):
        return
    for row in markup.get("inline_keyboard", []):
        for button in row:
            if not str(button.get("text", "")).strip():
                raise ApiError("Bad Request: BUTTON_TEXT_INVALID")
            data = button.get("callback_data")
            if data is not None and not 1 <= len(str(data).encode()) <= 64:
                raise ApiError("Bad Request: BUTTON_DATA_INVALID")


def _decode_param(name: str, value: str) -> Any:
    if name in _STRING_PARAMS:
        return value
    try:
        return json.loads(value)
    except ValueError:
        return value


async def _read_params(request: web.Request) -> JSON:
    params: JSON = {k: _decode_param(k, v) for k, v in request.query.items()}
    if request.content_type == "application/json":
        body = await request.json()
        params.update(body if isinstance(body, dict) else {})
    elif request.can_read_body:
        for name, value in (await request.post()).items():
            is_text = isinstance(value, str)
            params[name] = _decode_param(name, value) if is_text else getattr(value, "filename", "")
    return params


class FakeBotAPI:
    """A fake Bot API server: `async with FakeBotAPI() as api:`, then point PTB at `api.url`."""

    def __init__(
        self,
        token: str = DEFAULT_TOKEN,
        *,
        username: str = BOT_USERNAME,
        strict_ampersand: bool = True,
    ) -> None:
        self.token = token
        self.strict_ampersand = strict_ampersand
        prefix = token.split(":", 1)[0]
        self.bot_user: JSON = {
            "id": int(prefix) if prefix.isdigit() else 123456789,
            "is_bot": True,
            "first_name": "Article Test Bot",
            "username": username,
            "can_join_groups": True,
            "can_read_all_group_messages": False,
            "supports_inline_queries": True,
        }
        self.calls: list[Call] = []
        self.commands: dict[tuple[str, str], list[JSON]] = {}
        self.descriptions: dict[tuple[str, str], str] = {}
        self.webhook_url = ""
        self._updates: list[JSON] = []
        self._update_ids = itertools.count(1)
        self._query_ids = itertools.count(1)
        self._open_queries: set[str] = set()
        self._message_ids: dict[Any, int] = {}
        self._messages: dict[tuple[Any, int], JSON] = {}
        self._chats: dict[Any, JSON] = {}
        self._faults: dict[str, list[_Fault]] = {}
        self._changed = asyncio.Event()
        self._poll_generation = 0
        self._closing = False
        self._runner: web.AppRunner | None = None
        self._url: str | None = None
        self._methods: dict[str, Callable[[JSON], Awaitable[Any] | Any]] = {
            name.lower(): getattr(self, f"_{name}")
            for name in (
                "getMe getUpdates deleteWebhook setWebhook getWebhookInfo setMyCommands "
                "getMyCommands deleteMyCommands setMyDescription setMyShortDescription "
                "getMyDescription getMyShortDescription sendMessage editMessageText "
                "editMessageReplyMarkup answerCallbackQuery answerInlineQuery sendChatAction "
                "deleteMessage"
            ).split()
        }

    # -- lifecycle -------------------------------------------------------------------------

    @property
    def url(self) -> str:
        """The server's root URL, e.g. `http://127.0.0.1:PORT`."""
        if self._url is None:
            raise RuntimeError("FakeBotAPI is not started")
        return self._url

    async def start(self) -> None:
        """Listen on a free port of 127.0.0.1."""
        app = web.Application()
        app.router.add_route("*", "/bot{token}/{method}", self._handle)
        self._closing = False
        self._runner = web.AppRunner(app, access_log=None, shutdown_timeout=1.0)
        await self._runner.setup()
        await web.TCPSite(self._runner, "127.0.0.1", 0).start()
        host, port = self._runner.addresses[0][:2]
        self._url = f"http://{host}:{port}"

    async def stop(self) -> None:
        """Wake pending long polls and shut the server down."""
        self._closing = True
        self._changed.set()
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None

    async def __aenter__(self) -> FakeBotAPI:
        await self.start()
        return self

    async def __aexit__(self, *exc_info: object) -> None:
        await self.stop()

    # -- HTTP ------------------------------------------------------------------------------

    async def _handle(self, request: web.Request) -> web.StreamResponse:
        method = request.match_info["method"]
        call = Call(method, await _read_params(request), time.monotonic())
        self.calls.append(call)
        try:
            if request.match_info["token"] != self.token:
                raise ApiError("Unauthorized", HTTPStatus.UNAUTHORIZED)
            faults = self._faults.get(method.lower())
            if faults:
                return self._fault(call, faults.pop(0), request)
            handler = self._methods.get(method.lower())
            if handler is None:
                raise ApiError("Not Found: method not found", HTTPStatus.NOT_FOUND)
            result = handler(call.params)
            if asyncio.iscoroutine(result):
                result = await result
            return self._answer(call, HTTPStatus.OK, {"ok": True, "result": result})
        except ApiError as error:
            body: JSON = {"ok": False, "error_code": error.status, "description": error.description}
            if error.parameters:
                body["parameters"] = error.parameters
            return self._answer(call, error.status, body)

    def _answer(self, call: Call, status: int, body: JSON) -> web.Response:
        call.status, call.response = status, body
        self._changed.set()
        return web.json_response(body, status=status)

    def _fault(self, call: Call, fault: _Fault, request: web.Request) -> web.StreamResponse:
        if fault.drop:
            if request.transport is not None:
                request.transport.abort()
            self._changed.set()
            return web.Response()
        if fault.status == HTTPStatus.TOO_MANY_REQUESTS:
            description = fault.description or f"Too Many Requests: retry after {fault.retry_after}"
            raise ApiError(description, fault.status, {"retry_after": fault.retry_after})
        if fault.status == HTTPStatus.BAD_GATEWAY and fault.description is None:
            call.status = fault.status
            self._changed.set()
            return web.Response(status=fault.status, text="Bad Gateway")
        raise ApiError(fault.description or HTTPStatus(fault.status).phrase, fault.status)

    # -- test controls ---------------------------------------------------------------------

    def fail_next(
        self,
        method: str,
        status: int = HTTPStatus.TOO_MANY_REQUESTS,
        *,
        retry_after: int = 1,
        drop: bool = False,
        times: int = 1,
        description: str | None = None,
    ) -> None:
        """Make the next `times` calls of `method` fail: 429 with retry_after, 502, any
        other status (with `description`), or `drop` the connection without an answer."""
        fault = _Fault(int(status), retry_after, drop, description)
        self._faults.setdefault(method.lower(), []).extend([fault] * times)

    def sent(self, chat_id: Any = None) -> list[JSON]:
        """Parameters of the successful sendMessage calls, to `chat_id` if given."""
        return [c.params for c in self._matching("sendMessage", chat_id) if c.ok]

    def max_rate(self, window: float = 1.0, *, method: str = "sendMessage", chat_id: Any = None) -> int:
        """Most calls of `method` (to `chat_id` if given), failed or not, in any `window` seconds."""
        times = [c.time for c in self._matching(method, chat_id)]
        best = start = 0
        for end, moment in enumerate(times):
            while moment - times[start] >= window:
                start += 1
            best = max(best, end - start + 1)
        return best

    def _matching(self, method: str, chat_id: Any) -> list[Call]:
        return [
            c
            for c in self.calls
            if c.method.lower() == method.lower()
            and (chat_id is None or c.params.get("chat_id") == chat_id)
        ]

    async def wait_for(
        self, what: str | Callable[[Call], bool], count: int = 1, timeout: float = 10.0
    ) -> list[Call]:
        """Wait until `count` successful calls (ever) match a method name or predicate."""
        if isinstance(what, str):
            name = what.lower()

            def matches(call: Call) -> bool:
                return call.method.lower() == name
        else:
            matches = what
        found: list[Call] = []

        def enough() -> bool:
            found[:] = [c for c in self.calls if c.ok and matches(c)]
            return len(found) >= count

        if not await self._until(enough, timeout):
            seen = [f"{c.method}:{c.status}" for c in self.calls]
            raise TimeoutError(f"{len(found)}/{count} calls matching {what!r}; calls: {seen}")
        return found

    async def _until(self, condition: Callable[[], bool], timeout: float) -> bool:
        loop = asyncio.get_running_loop()
        deadline = loop.time() + timeout
        while not condition():
            remaining = deadline - loop.time()
            if remaining <= 0:
                return False
            self._changed.clear()
            try:
                await asyncio.wait_for(self._changed.wait(), remaining)
            except asyncio.TimeoutError:
                return condition()
        return True

    @property
    def pending_updates(self) -> list[JSON]:
        """Updates queued and not yet confirmed by an offset."""
        return list(self._updates)

    # -- update builders -------------------------------------------------------------------

    def add_update(self, update: JSON) -> int:
        """Queue a raw update for getUpdates (assigning update_id if missing); return its id."""
        update = dict(update)
        if "update_id" not in update:
            update["update_id"] = next(self._update_ids)
        else:
            self._update_ids = itertools.count(max(update["update_id"] + 1, next(self._update_ids)))
        self._updates.append(update)
        self._changed.set()
        return int(update["update_id"])

    def message(self, text: str, **kwargs: Any) -> int:
        """Queue a text message from a user; see `_user_message` for the keyword arguments."""
        return self.add_update({"message": self._user_message(text=text, **kwargs)})

    def command(self, command: str, args: str = "", **kwargs: Any) -> int:
        """Queue a `/command args` message (with its bot_command entity)."""
        text = "/" + command.lstrip("/") + (f" {args}" if args else "")
        return self.message(text, **kwargs)

    def edited_message(self, text: str, message_id: int | None = None, **kwargs: Any) -> int:
        """Queue an edit of a user's message (a fresh message_id unless given)."""
        message = self._user_message(text=text, message_id=message_id, **kwargs)
        return self.add_update({"edited_message": {**message, "edit_date": int(time.time())}})

    def sticker(self, emoji: str = "👍", **kwargs: Any) -> int:
        """Queue a sticker message from a user."""
        sticker = {
            "file_id": "sticker-file-id",
            "file_unique_id": "sticker-unique-id",
            "type": "regular",
            "width": 512,
            "height": 512,
            "is_animated": False,
            "is_video": False,
            "emoji": emoji,
        }
        return self.add_update({"message": self._user_message(sticker=sticker, **kwargs)})

    def channel_post(self, text: str, chat_id: int = CHANNEL_CHAT_ID) -> int:
        """Queue a post in a channel the bot is in."""
        chat = self._chats.setdefault(chat_id, {"id": chat_id, "type": "channel", "title": "Channel"})
        post = {**self._new_message(chat_id), "chat": chat, "sender_chat": chat, "text": text}
        return self.add_update({"channel_post": {**post, **_entities(text)}})

    def callback_query(
        self, data: str, *, chat_id: int, message_id: int, user_id: int | None = None
    ) -> str:
        """Queue a press of an inline button on a bot message; return the query id."""
        user_id = user_id if user_id is not None else (chat_id if chat_id > 0 else 1001)
        message = self._messages.get((chat_id, message_id)) or {
            "message_id": message_id,
            "date": int(time.time()),
            "chat": self._chat(chat_id),
            "from": self.bot_user,
            "text": "…",
        }
        query_id = self._open_query()
        query = {"id": query_id, "from": _user(user_id), "chat_instance": str(chat_id)}
        self.add_update({"callback_query": {**query, "message": message, "data": data}})
        return query_id

    def inline_query(self, query: str, user_id: int = 1001, offset: str = "") -> str:
        """Queue an inline query `@article_test_bot query`; return the query id."""
        query_id = self._open_query()
        inline = {"id": query_id, "from": _user(user_id), "query": query, "offset": offset}
        self.add_update({"inline_query": {**inline, "chat_type": "sender"}})
        return query_id

    def _user_message(
        self,
        *,
        chat_id: int | None = None,
        user_id: int = 1001,
        chat_type: str = "private",
        language_code: str = "en",
        reply_to_bot: bool = False,
        entities: list[JSON] | None = None,
        message_id: int | None = None,
        **content: Any,
    ) -> JSON:
        """A message from user `user_id` in a private chat or a group/supergroup
        (default chat ids: the user's id; GROUP_CHAT_IDS); entities default to the
        bot_command and mention entities Telegram would detect."""
        if chat_id is None:
            chat_id = user_id if chat_type == "private" else GROUP_CHAT_IDS[chat_type]
        user = _user(user_id, language_code)
        if chat_type == "private":
            chat = {"id": chat_id, "type": "private", "first_name": user["first_name"]}
        else:
            chat = {"id": chat_id, "type": chat_type, "title": "Test group"}
        self._chats[chat_id] = chat
        message = {**self._new_message(chat_id, message_id), "chat": chat, "from": user, **content}
        if "text" in content:
            message.update({"entities": entities} if entities else _entities(content["text"]))
        if reply_to_bot:
            mine = [m for (c, _), m in self._messages.items() if c == chat_id]
            message["reply_to_message"] = mine[-1] if mine else self._bot_message(chat_id, "…")
        return message

    def _new_message(self, chat_id: Any, message_id: int | None = None) -> JSON:
        if message_id is None:
            message_id = self._message_ids.get(chat_id, 0) + 1
        self._message_ids[chat_id] = max(message_id, self._message_ids.get(chat_id, 0))
        return {"message_id": message_id, "date": int(time.time())}

    def _bot_message(self, chat_id: Any, text: str, markup: Any = None) -> JSON:
        message = {**self._new_message(chat_id), "chat": self._chat(chat_id)}
        message.update({"from": self.bot_user, "text": text})
        if isinstance(markup, dict) and "inline_keyboard" in markup:
            message["reply_markup"] = markup
        self._messages[(chat_id, message["message_id"])] = message
        return message

    def _chat(self, chat_id: Any) -> JSON:
        if chat_id in self._chats:
            return self._chats[chat_id]
        if not isinstance(chat_id, int):
            raise ApiError("Bad Request: chat not found")
        if chat_id > 0:
            return {"id": chat_id, "type": "private", "first_name": f"User{chat_id}"}
        kind = "supergroup" if str(chat_id).startswith("-100") else "group"
        return {"id": chat_id, "type": kind, "title": "Chat"}

    def _open_query(self) -> str:
        query_id = str(next(self._query_ids))
        self._open_queries.add(query_id)
        return query_id

    # -- Bot API methods -------------------------------------------------------------------

    def _getMe(self, p: JSON) -> JSON:
        return self.bot_user

    async def _getUpdates(self, p: JSON) -> list[JSON]:
        if self.webhook_url:
            raise ApiError(
                "Conflict: can't use getUpdates method while webhook is active; "
                "use deleteWebhook to delete the webhook first",
                HTTPStatus.CONFLICT,
            )
        offset, limit = int(p.get("offset") or 0), min(max(int(p.get("limit") or 100), 1), 100)
        if offset < 0:
            self._updates = self._updates[offset:]
        elif offset:
            self._updates = [u for u in self._updates if u["update_id"] >= offset]
        self._poll_generation += 1
        generation = self._poll_generation
        self._changed.set()

        def ready() -> bool:
            return bool(self._updates) or self._closing or generation != self._poll_generation

        await self._until(ready, float(p.get("timeout") or 0))
        if generation != self._poll_generation:
            raise ApiError(
                "Conflict: terminated by other getUpdates request; "
                "make sure that only one bot instance is running",
                HTTPStatus.CONFLICT,
            )
        return self._updates[:limit]

    def _deleteWebhook(self, p: JSON) -> bool:
        if p.get("drop_pending_updates"):
            self._updates.clear()
        self.webhook_url = ""
        return True

    def _setWebhook(self, p: JSON) -> bool:
        self.webhook_url = str(p.get("url") or "")
        return True

    def _getWebhookInfo(self, p: JSON) -> JSON:
        return {
            "url": self.webhook_url,
            "has_custom_certificate": False,
            "pending_update_count": len(self._updates),
        }

    @staticmethod
    def _scope_key(p: JSON) -> tuple[str, str]:
        scope = p.get("scope") or {"type": "default"}
        return json.dumps(scope, sort_keys=True), str(p.get("language_code") or "")

    def _setMyCommands(self, p: JSON) -> bool:
        commands = list(p.get("commands") or [])
        if len(commands) > 100:
            raise ApiError("Bad Request: too many commands")
        for command in commands:
            if not _COMMAND_NAME.fullmatch(str(command.get("command", ""))):
                raise ApiError("Bad Request: BOT_COMMAND_INVALID")
            if not 1 <= len(str(command.get("description", ""))) <= 256:
                raise ApiError("Bad Request: BOT_COMMAND_DESCRIPTION_INVALID")
        self.commands[self._scope_key(p)] = commands
        return True

    def _getMyCommands(self, p: JSON) -> list[JSON]:
        return self.commands.get(self._scope_key(p), [])

    def _deleteMyCommands(self, p: JSON) -> bool:
        self.commands.pop(self._scope_key(p), None)
        return True

    def _setMyDescription(self, p: JSON) -> bool:
        return self._set_description("description", p, 512)

    def _setMyShortDescription(self, p: JSON) -> bool:
        return self._set_description("short_description", p, 120)

    def _set_description(self, kind: str, p: JSON, limit: int) -> bool:
        text = str(p.get(kind) or "")
        if len(text) > limit:
            raise ApiError(f"Bad Request: {kind.replace('_', ' ')} is too long")
        self.descriptions[(kind, str(p.get("language_code") or ""))] = text
        return True

    def _getMyDescription(self, p: JSON) -> JSON:
        lang = str(p.get("language_code") or "")
        return {"description": self.descriptions.get(("description", lang), "")}

    def _getMyShortDescription(self, p: JSON) -> JSON:
        lang = str(p.get("language_code") or "")
        return {"short_description": self.descriptions.get(("short_description", lang), "")}

    def _sendMessage(self, p: JSON) -> JSON:
        if p.get("chat_id") in (None, ""):
            raise ApiError("Bad Request: chat_id is empty")
        chat_id = p["chat_id"]
        self._chat(chat_id)
        text = check_text(p.get("text"), p.get("parse_mode"), strict_ampersand=self.strict_ampersand)
        check_markup(p.get("reply_markup"))
        return self._bot_message(chat_id, text, p.get("reply_markup"))

    def _edited(self, p: JSON) -> JSON | None:
        """The stored bot message an edit targets (None for inline messages)."""
        if p.get("inline_message_id"):
            return None
        message = self._messages.get((p.get("chat_id"), p.get("message_id")))
        if message is None:
            raise ApiError("Bad Request: message to edit not found")
        return message

    def _apply_edit(self, message: JSON | None, text: str, markup: Any) -> JSON | bool:
        check_markup(markup)
        if message is None:
            return True
        new_markup = markup if isinstance(markup, dict) and "inline_keyboard" in markup else None
        if message["text"] == text and message.get("reply_markup") == new_markup:
            raise ApiError(_NOT_MODIFIED)
        message.pop("reply_markup", None)
        message.update({"text": text, "edit_date": int(time.time())})
        if new_markup:
            message["reply_markup"] = new_markup
        return message

    def _editMessageText(self, p: JSON) -> JSON | bool:
        message = self._edited(p)
        text = check_text(p.get("text"), p.get("parse_mode"), strict_ampersand=self.strict_ampersand)
        return self._apply_edit(message, text, p.get("reply_markup"))

    def _editMessageReplyMarkup(self, p: JSON) -> JSON | bool:
        message = self._edited(p)
        return self._apply_edit(message, message["text"] if message else "", p.get("reply_markup"))

    def _deleteMessage(self, p: JSON) -> bool:
        if self._messages.pop((p.get("chat_id"), p.get("message_id")), None) is None:
            raise ApiError("Bad Request: message to delete not found")
        return True

    def _answerCallbackQuery(self, p: JSON) -> bool:
        return self._close_query(str(p.get("callback_query_id") or ""))

    def _answerInlineQuery(self, p: JSON) -> bool:
        results = list(p.get("results") or [])
        if len(results) > 50:
            raise ApiError("Bad Request: RESULTS_TOO_MUCH")
        ids = [str(r.get("id", "")) for r in results]
        if any(not 1 <= len(i.encode()) <= 64 for i in ids):
            raise ApiError("Bad Request: RESULT_ID_INVALID")
        if len(set(ids)) != len(ids):
            raise ApiError("Bad Request: RESULT_ID_DUPLICATE")
        for result in results:
            content = result.get("input_message_content") or {}
            if "message_text" in content:
                mode = content.get("parse_mode")
                check_text(content["message_text"], mode, strict_ampersand=self.strict_ampersand)
            check_markup(result.get("reply_markup"))
        return self._close_query(str(p.get("inline_query_id") or ""))

    def _close_query(self, query_id: str) -> bool:
        if query_id not in self._open_queries:
            raise ApiError(_QUERY_INVALID)
        self._open_queries.discard(query_id)
        return True

    def _sendChatAction(self, p: JSON) -> bool:
        self._chat(p.get("chat_id"))
        return True


def _user(user_id: int, language_code: str = "en") -> JSON:
    return {
        "id": user_id,
        "is_bot": False,
        "first_name": f"User{user_id}",
        "username": f"user{user_id}",
        "language_code": language_code,
    }


def _entities(text: str) -> JSON:
    """The bot_command and mention entities Telegram detects in an incoming text."""
    found = [
        {
            "type": "bot_command" if match.group(1) else "mention",
            "offset": utf16_len(text[: match.start()]),
            "length": utf16_len(match.group(0)),
        }
        for match in _AUTO_ENTITY.finditer(text)
    ]
    return {"entities": found} if found else {}
