"""A fake Telegram Bot API server on 127.0.0.1 for end-to-end tests of the bot.

It speaks real HTTP, so the real python-telegram-bot stack talks to it unchanged, and it
answers with Telegram's error codes and descriptions where a bot could get things wrong.
"""

from __future__ import annotations

import asyncio
import itertools
import json
import re
import time
from collections.abc import Callable
from dataclasses import dataclass
from functools import partialmethod
from http import HTTPStatus
from typing import Any

from aiohttp import web

JSON = dict[str, Any]
BOT_USERNAME = "article_test_bot"
DEFAULT_TOKEN = "123456789:TEST-token-for-the-fake-bot-api"
USER_ID = 1001
GROUP_CHAT_IDS = {"group": -400000001, "supergroup": -1001000000001}
CHANNEL_CHAT_ID = -1002000000001

# PTB sends these parameters as bare strings and JSON-encodes every other form value.
_STRING_PARAMS = frozenset(
    "text caption parse_mode callback_query_id inline_query_id inline_message_id description "
    "short_description language_code url action next_offset secret_token emoji".split()
)
_TAGS = frozenset(
    "a b strong i em u ins s strike del span tg-spoiler tg-emoji code pre blockquote".split()
)
_NAMED_ENTITIES = {"lt": "<", "gt": ">", "amp": "&", "quot": '"'}
_ENTITY = re.compile(r"&(?:#([0-9]{1,7})|#x([0-9a-fA-F]{1,6})|([A-Za-z]+));?")
_START_TAG = re.compile(r"""<[^\s>]*((?:[^>"']|"[^"]*"|'[^']*')*)>""")
_ATTRIBUTE = re.compile(r"""\s*([^\s=]+)\s*(?:(=)\s*("[^"]*"|'[^']*'|[^\s"']*))?""")
_END_TAG = re.compile(r"</([^\s>]*)\s*>")
_AUTO_ENTITY = re.compile(r"(?<!\S)(?:(/\w{1,32}(?:@\w{3,32})?)|(@\w{5,32}))")
_COMMAND = re.compile(r"[a-z0-9_]{1,32}")
_QUERY_INVALID = "query is too old and response timeout expired or query ID is invalid"
_NOT_MODIFIED = (
    "message is not modified: specified new message content and reply markup are exactly "
    "the same as a current content and reply markup of the message"
)


class ApiError(Exception):
    """A Bot API error answer: Telegram's description, HTTP status, optional parameters."""

    def __init__(self, description: str, status: int = 400, parameters: JSON | None = None):
        super().__init__(description)
        self.description, self.status, self.parameters = description, int(status), parameters


def bad_request(reason: str) -> ApiError:
    """A 400 answer with Telegram's "Bad Request: ..." description."""
    return ApiError(f"Bad Request: {reason}")


@dataclass
class Call:
    """One request the fake received and its answer (status 0: the connection was dropped)."""

    method: str
    params: JSON
    time: float  # time.monotonic() on arrival
    status: int = 0
    content_type: str = ""  # the body's: JSON, urlencoded or multipart ("" if none)
    response: JSON | None = None

    @property
    def ok(self) -> bool:
        """Whether the call succeeded."""
        return self.status == HTTPStatus.OK


@dataclass(frozen=True)
class _Fault:
    status: int
    retry_after: int
    drop: bool
    description: str | None


# -- Telegram's text rules -------------------------------------------------------------------


def utf16_len(text: str) -> int:
    """Length of `text` in UTF-16 code units, as Telegram counts it."""
    return len(text.encode("utf-16-le")) // 2


def _decode_entity(match: re.Match[str]) -> str:
    """The character an HTML entity stands for, or "" if Telegram doesn't know it."""
    decimal, hexadecimal, name = match.groups()
    if name:
        return _NAMED_ENTITIES.get(name, "")
    code = int(decimal, 10) if decimal else int(hexadecimal, 16)
    return chr(code) if 0 < code < 0x10FFFF else ""


def _parse_error(html: str, reason: str, pos: int | None = None) -> ApiError:
    where = "" if pos is None else f" at byte offset {len(html[:pos].encode())}"
    return bad_request(f"can't parse entities: {reason}{where}")


def parse_html(html: str) -> str:
    """Return the plain text of Telegram-style HTML, raising ApiError where Telegram would.

    A bare `&` is rejected, as the Bot API docs demand, though Telegram itself keeps it
    literally: text that passes here passes Telegram too.
    """
    out: list[str] = []
    stack: list[str] = []
    i = 0
    while i < len(html):
        char = html[i]
        match = _ENTITY.match(html, i) if char == "&" else None
        if match and (decoded := _decode_entity(match)):
            out.append(decoded)
            i = match.end()
        elif char == "&":
            raise _parse_error(html, 'Unescaped "&" (write &amp;)', i)
        elif char != "<":
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
        where = f"at byte offset {len(html[:start].encode())}"
        found = f'expected "</{expected}>", found "</{name}>"'
        raise _parse_error(html, f"Unmatched end tag {where}, {found}")
    return end.end()


def _open_tag(html: str, start: int, stack: list[str]) -> int:
    """Check the start tag at `start` and push it; return the index after it."""
    tag = re.split(r"[\s>]", html[start + 1 :], maxsplit=1)[0].lower()
    match = _START_TAG.match(html, start)
    if start + 1 + len(tag) >= len(html):
        raise _parse_error(html, "Unclosed start tag", start)
    if tag not in _TAGS:
        raise _parse_error(html, f'Unsupported start tag "{tag}"', start)
    if match is None:
        raise _parse_error(html, "Unclosed start tag", start)
    attributes: dict[str, str] = {}
    for name, equals, value in _ATTRIBUTE.findall(match.group(1)):
        if not equals and (tag, name.lower()) != ("blockquote", "expandable"):
            reason = f'Expected equal sign in declaration of an attribute of the tag "{tag}"'
            raise _parse_error(html, reason, start)
        quoted = value[:1] in ("'", '"')
        attributes[name.lower()] = value[1:-1] if quoted else value.lower()
    if tag == "span" and attributes.get("class") != "tg-spoiler":
        raise _parse_error(html, 'Tag "span" must have class "tg-spoiler"', start)
    stack.append(tag)
    return match.end()


def check_text(text: Any, parse_mode: Any = None) -> str:
    """Validate a message text like Telegram; return the plain text the message shows."""
    plain = str(text or "")
    if str(parse_mode or "").lower() == "html":
        plain = parse_html(plain)
    plain = plain.strip()
    if not plain:
        raise bad_request("message text is empty")
    if utf16_len(plain) > 4096:
        raise bad_request("message is too long")
    return plain


def check_markup(markup: Any) -> None:
    """Validate an inline keyboard's buttons like Telegram."""
    rows = markup.get("inline_keyboard", []) if isinstance(markup, dict) else []
    for button in itertools.chain.from_iterable(rows):
        if not str(button.get("text", "")).strip():
            raise bad_request("BUTTON_TEXT_INVALID")
        data = button.get("callback_data")
        if data is not None and not 1 <= len(str(data).encode()) <= 64:
            raise bad_request("BUTTON_DATA_INVALID")


def _inline_markup(markup: Any) -> JSON | None:
    return markup if isinstance(markup, dict) and "inline_keyboard" in markup else None


# -- requests --------------------------------------------------------------------------------


def _decode_param(name: str, value: str) -> Any:
    if name in _STRING_PARAMS:
        return value
    try:
        return json.loads(value)
    except ValueError:
        return value


async def _read_params(request: web.Request) -> JSON:
    """Parameters from the query string and a JSON, urlencoded or multipart body."""
    params: JSON = {k: _decode_param(k, v) for k, v in request.query.items()}
    if request.content_type == "application/json":
        body = await request.json()
        # As Telegram reads a JSON body: a string is the parameter's text (so a
        # JSON-serialised reply_markup still works), anything else is the value itself.
        for name, value in (body if isinstance(body, dict) else {}).items():
            params[name] = _decode_param(name, value) if isinstance(value, str) else value
    elif request.can_read_body:
        for name, value in (await request.post()).items():
            if isinstance(value, str):
                params[name] = _decode_param(name, value)
            else:  # an uploaded file
                params[name] = getattr(value, "filename", "")
    return params


class FakeBotAPI:
    """A fake Bot API server: `async with FakeBotAPI() as api:`, then point PTB at `api.url`."""

    def __init__(self, token: str = DEFAULT_TOKEN, *, username: str = BOT_USERNAME) -> None:
        self.token = token
        bot_id = int(token.split(":")[0]) if token.split(":")[0].isdigit() else 123456789
        self.bot_user: JSON = {"id": bot_id, "is_bot": True, "first_name": "Article Test Bot"}
        self.bot_user.update(username=username, can_join_groups=True, supports_inline_queries=True)
        self.bot_user.update(can_read_all_group_messages=False)
        self.calls: list[Call] = []
        self.commands: dict[tuple[str, str], list[JSON]] = {}  # (scope JSON, language) ->
        self.descriptions: dict[tuple[str, str], str] = {}  # (kind, language) -> text
        self.webhook_url = ""
        self._updates: list[JSON] = []
        self._update_ids = itertools.count(1)
        self._query_ids = itertools.count(1)
        self._open_queries: set[str] = set()
        self._last_message_id: dict[Any, int] = {}
        self._messages: dict[tuple[Any, Any], JSON] = {}  # the bot's, by (chat_id, message_id)
        self._chats: dict[Any, JSON] = {}
        self._faults: dict[str, list[_Fault]] = {}
        self._outages: dict[str, tuple[float, _Fault]] = {}  # method -> (until, fault)
        self._changed = asyncio.Event()
        self._closing = False
        self._runner: web.AppRunner | None = None
        self._url: str | None = None

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
        """Answer pending long polls and shut the server down."""
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

    # -- HTTP ----------------------------------------------------------------------------------

    async def _handle(self, request: web.Request) -> web.StreamResponse:
        method = request.match_info["method"]
        content_type = request.content_type if request.can_read_body else ""
        call = Call(
            method, await _read_params(request), time.monotonic(), content_type=content_type
        )
        self.calls.append(call)
        handler = getattr(self, f"_api_{method.lower()}", None)
        faults = self._faults.get(method.lower())
        outage = self._outages.get(method.lower())
        try:
            if request.match_info["token"] != self.token:
                raise ApiError("Unauthorized", HTTPStatus.UNAUTHORIZED)
            if faults:
                return self._fault(call, faults.pop(0), request)
            if outage and call.time < outage[0]:
                return self._fault(call, outage[1], request)
            if handler is None:
                raise ApiError("Not Found: method not found", HTTPStatus.NOT_FOUND)
            result = handler(call.params)
            if asyncio.iscoroutine(result):
                result = await result
            body: JSON = {"ok": True, "result": result}
            call.status = 200
        except ApiError as error:
            body = {"ok": False, "error_code": error.status, "description": error.description}
            if error.parameters:
                body["parameters"] = error.parameters
            call.status = error.status
        call.response = body
        self._changed.set()
        return web.json_response(body, status=call.status)

    def _fault(self, call: Call, fault: _Fault, request: web.Request) -> web.StreamResponse:
        if fault.drop:
            assert request.transport is not None
            request.transport.abort()
            self._changed.set()
            return web.Response()
        if fault.status == HTTPStatus.TOO_MANY_REQUESTS:
            description = fault.description or f"Too Many Requests: retry after {fault.retry_after}"
            raise ApiError(description, fault.status, {"retry_after": fault.retry_after})
        if fault.status == HTTPStatus.BAD_GATEWAY and fault.description is None:
            call.status = fault.status  # no JSON body: PTB raises NetworkError("Bad Gateway")
            self._changed.set()
            return web.Response(status=fault.status, text="Bad Gateway")
        raise ApiError(fault.description or HTTPStatus(fault.status).phrase, fault.status)

    # -- test controls -------------------------------------------------------------------------

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
        """Fail the next `times` calls of `method`: 429 with retry_after, 502 with a plain
        body, any other status with `description`, or `drop` the connection unanswered."""
        fault = _Fault(int(status), retry_after, drop, description)
        self._faults.setdefault(method.lower(), []).extend([fault] * times)

    def outage(
        self,
        seconds: float,
        methods: tuple[str, ...] = ("sendMessage",),
        *,
        status: int = HTTPStatus.BAD_GATEWAY,
        drop: bool = False,
    ) -> None:
        """Fail every call of `methods` that arrives in the next `seconds`, as `fail_next`
        fails one: 502 with a plain body, another status, or `drop` the connection."""
        until = time.monotonic() + seconds
        for method in methods:
            self._outages[method.lower()] = (until, _Fault(int(status), 1, drop, None))

    def sent(self, chat_id: Any = None) -> list[JSON]:
        """Parameters of the successful sendMessage calls, to `chat_id` if given."""
        return [c.params for c in self._matching("sendMessage", chat_id) if c.ok]

    def max_rate(
        self, window: float = 1.0, method: str = "sendMessage", chat_id: Any = None
    ) -> int:
        """Most calls of `method` (to `chat_id`), failed or not, that came within `window` s."""
        times = [c.time for c in self._matching(method, chat_id)]
        best = start = 0
        for end, moment in enumerate(times):
            while moment - times[start] >= window:
                start += 1
            best = max(best, end - start + 1)
        return best

    def _matching(self, method: str, chat_id: Any = None) -> list[Call]:
        calls = [c for c in self.calls if c.method.lower() == method.lower()]
        return [c for c in calls if chat_id is None or c.params.get("chat_id") == chat_id]

    async def wait_for(
        self, what: str | Callable[[Call], bool], count: int = 1, timeout: float = 10.0
    ) -> list[Call]:
        """Wait until `count` successful calls in all (not just new ones) match a method name
        or a predicate on Call; return them, or raise TimeoutError."""

        def matches(call: Call) -> bool:
            return what(call) if callable(what) else call.method.lower() == what.lower()

        found: list[Call] = []

        def enough() -> bool:
            found[:] = [c for c in self.calls if c.ok and matches(c)]
            return len(found) >= count

        if not await self._until(enough, timeout):
            seen = [f"{c.method}:{c.status}" for c in self.calls]
            raise TimeoutError(f"{len(found)}/{count} calls matched {what!r}; calls: {seen}")
        return found

    async def _until(self, condition: Callable[[], bool], timeout: float) -> bool:
        """Wait until `condition()` holds, re-checking after every change; False on timeout."""
        loop = asyncio.get_running_loop()
        deadline = loop.time() + timeout
        while not condition():
            if (remaining := deadline - loop.time()) <= 0:
                return False
            self._changed.clear()
            try:
                await asyncio.wait_for(self._changed.wait(), remaining)
            except asyncio.TimeoutError:
                return condition()
        return True

    @property
    def pending_updates(self) -> list[JSON]:
        """Queued updates that no getUpdates offset has confirmed yet."""
        return list(self._updates)

    # -- update builders -----------------------------------------------------------------------

    def add_update(self, update: JSON) -> int:
        """Queue a raw update for getUpdates, assigning update_id if missing; return the id."""
        update = dict(update)
        if "update_id" not in update:
            update["update_id"] = next(self._update_ids)
        else:
            self._update_ids = itertools.count(max(update["update_id"] + 1, next(self._update_ids)))
        self._updates.append(update)
        self._changed.set()
        return int(update["update_id"])

    def message(self, text: str, **kwargs: Any) -> int:
        """Queue a user's text message; keyword arguments as for `user_message`."""
        return self.add_update({"message": self.user_message(text=text, **kwargs)})

    def command(self, command: str, args: str = "", **kwargs: Any) -> int:
        """Queue a `/command args` message, with its bot_command entity."""
        return self.message("/" + command.lstrip("/") + (f" {args}" if args else ""), **kwargs)

    def edited_message(self, text: str, message_id: int | None = None, **kwargs: Any) -> int:
        """Queue an edit of a user's message (a fresh message_id unless one is given)."""
        message = self.user_message(text=text, message_id=message_id, **kwargs)
        return self.add_update({"edited_message": {**message, "edit_date": int(time.time())}})

    def sticker(self, emoji: str = "👍", **kwargs: Any) -> int:
        """Queue a user's sticker message."""
        sticker: JSON = {"file_id": "sticker-id", "file_unique_id": "sticker-uid", "emoji": emoji}
        sticker.update(type="regular", width=512, height=512, is_animated=False, is_video=False)
        return self.add_update({"message": self.user_message(sticker=sticker, **kwargs)})

    def channel_post(self, text: str, chat_id: int = CHANNEL_CHAT_ID) -> int:
        """Queue a post in a channel the bot is in."""
        chat = {"id": chat_id, "type": "channel", "title": "Test channel"}
        post = {**self._new_message(chat_id), "chat": chat, "sender_chat": chat, "text": text}
        self._chats[chat_id] = chat
        return self.add_update({"channel_post": {**post, **_entities(text)}})

    def callback_query(
        self, data: str, *, chat_id: int, message_id: int, user_id: int | None = None
    ) -> str:
        """Queue a press of an inline button under a bot message; return the query id."""
        user_id = user_id if user_id is not None else (chat_id if chat_id > 0 else USER_ID)
        message = self._messages.get((chat_id, message_id))
        if message is None:  # not a message the fake sent: a stand-in
            message = {"message_id": message_id, "chat": self._chat(chat_id), "text": "…"}
            message.update({"date": int(time.time()), "from": self.bot_user})
        query = {"id": self._open_query(), "from": _user(user_id), "chat_instance": str(chat_id)}
        self.add_update({"callback_query": {**query, "message": dict(message), "data": data}})
        return str(query["id"])

    def inline_query(self, query: str, user_id: int = USER_ID, offset: str = "") -> str:
        """Queue an inline query `@article_test_bot <query>`; return the query id."""
        inline = {"id": self._open_query(), "from": _user(user_id), "query": query}
        self.add_update({"inline_query": {**inline, "offset": offset, "chat_type": "sender"}})
        return str(inline["id"])

    def user_message(
        self,
        *,
        chat_id: int | None = None,
        user_id: int = USER_ID,
        chat_type: str = "private",
        language_code: str = "en",
        reply_to_bot: bool = False,
        entities: list[JSON] | None = None,
        message_id: int | None = None,
        **content: Any,
    ) -> JSON:
        """A message dict from a user in a private chat (chat_id = user_id) or a group or
        supergroup (GROUP_CHAT_IDS); entities default to Telegram's bot_command/mention ones."""
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
            message["reply_to_message"] = dict(
                mine[-1] if mine else self._bot_message(chat_id, "…")
            )
        return message

    def _new_message(self, chat_id: Any, message_id: int | None = None) -> JSON:
        """Fields of a new message; ids grow per chat, shared by the users and the bot."""
        last = self._last_message_id.get(chat_id, 0)
        message_id = last + 1 if message_id is None else message_id
        self._last_message_id[chat_id] = max(last, message_id)
        return {"message_id": message_id, "date": int(time.time())}

    def _bot_message(self, chat_id: Any, text: str, markup: Any = None) -> JSON:
        message = {**self._new_message(chat_id), "chat": self._chat(chat_id)}
        message.update({"from": self.bot_user, "text": text})
        if _inline_markup(markup):
            message["reply_markup"] = markup
        self._messages[(chat_id, message["message_id"])] = message
        return message

    def _chat(self, chat_id: Any) -> JSON:
        if chat_id in self._chats:
            return self._chats[chat_id]
        if not isinstance(chat_id, int) or isinstance(chat_id, bool):
            raise bad_request("chat not found")
        if chat_id > 0:
            return {"id": chat_id, "type": "private", "first_name": f"User{chat_id}"}
        kind = "supergroup" if str(chat_id).startswith("-100") else "group"
        return {"id": chat_id, "type": kind, "title": "Chat"}

    def _open_query(self) -> str:
        query_id = str(next(self._query_ids))
        self._open_queries.add(query_id)
        return query_id

    def _close_query(self, query_id: Any) -> bool:
        if str(query_id) not in self._open_queries:
            raise bad_request(_QUERY_INVALID)
        self._open_queries.discard(str(query_id))
        return True

    # -- Bot API methods: _api_<lowercased name>(params) -> result -----------------------------

    def _api_getme(self, p: JSON) -> JSON:
        return self.bot_user

    async def _api_getupdates(self, p: JSON) -> list[JSON]:
        offset, limit = int(p.get("offset") or 0), min(max(int(p.get("limit") or 100), 1), 100)
        if offset < 0:
            self._updates = self._updates[offset:]
        elif offset:
            self._updates = [u for u in self._updates if u["update_id"] >= offset]
        await self._until(
            lambda: bool(self._updates) or self._closing, float(p.get("timeout") or 0)
        )
        return self._updates[:limit]

    def _api_deletewebhook(self, p: JSON) -> bool:
        if p.get("drop_pending_updates"):
            self._updates.clear()
        self.webhook_url = ""
        return True

    def _api_setwebhook(self, p: JSON) -> bool:
        self.webhook_url = str(p.get("url") or "")
        return True

    def _api_getwebhookinfo(self, p: JSON) -> JSON:
        info = {"url": self.webhook_url, "has_custom_certificate": False}
        return {**info, "pending_update_count": len(self._updates)}

    @staticmethod
    def _scope(p: JSON) -> tuple[str, str]:
        scope = p.get("scope") or {"type": "default"}
        return json.dumps(scope, sort_keys=True), str(p.get("language_code") or "")

    def _api_setmycommands(self, p: JSON) -> bool:
        commands = list(p.get("commands") or [])
        for command in commands:
            if not _COMMAND.fullmatch(str(command.get("command", ""))):
                raise bad_request("BOT_COMMAND_INVALID")
            if not 1 <= len(str(command.get("description", ""))) <= 256:
                raise bad_request("BOT_COMMAND_DESCRIPTION_INVALID")
        self.commands[self._scope(p)] = commands
        return True

    def _api_getmycommands(self, p: JSON) -> list[JSON]:
        return self.commands.get(self._scope(p), [])

    def _api_deletemycommands(self, p: JSON) -> bool:
        self.commands.pop(self._scope(p), None)
        return True

    def _set_description(self, kind: str, limit: int, p: JSON) -> bool:
        text = str(p.get(kind) or "")
        if len(text) > limit:
            raise bad_request(f"{kind.replace('_', ' ')} is too long")
        self.descriptions[(kind, str(p.get("language_code") or ""))] = text
        return True

    def _get_description(self, kind: str, p: JSON) -> JSON:
        return {kind: self.descriptions.get((kind, str(p.get("language_code") or "")), "")}

    _api_setmydescription = partialmethod(_set_description, "description", 512)
    _api_setmyshortdescription = partialmethod(_set_description, "short_description", 120)
    _api_getmydescription = partialmethod(_get_description, "description")
    _api_getmyshortdescription = partialmethod(_get_description, "short_description")

    def _api_sendmessage(self, p: JSON) -> JSON:
        if p.get("chat_id") in (None, ""):
            raise bad_request("chat_id is empty")
        self._chat(p["chat_id"])
        text = check_text(p.get("text"), p.get("parse_mode"))
        check_markup(p.get("reply_markup"))
        return self._bot_message(p["chat_id"], text, p.get("reply_markup"))

    def _edit(self, p: JSON, text: str | None) -> JSON | bool:
        """Edit a bot message's text (None: keep it) and reply markup, like Telegram."""
        check_markup(p.get("reply_markup"))
        if p.get("inline_message_id"):
            return True
        message = self._messages.get((p.get("chat_id"), p.get("message_id")))
        if message is None:
            raise bad_request("message to edit not found")
        text, markup = text or message["text"], _inline_markup(p.get("reply_markup"))
        if message["text"] == text and message.get("reply_markup") == markup:
            raise bad_request(_NOT_MODIFIED)
        message.pop("reply_markup", None)
        message.update({"text": text, "edit_date": int(time.time())})
        message.update({"reply_markup": markup} if markup else {})
        return message

    def _api_editmessagetext(self, p: JSON) -> JSON | bool:
        return self._edit(p, check_text(p.get("text"), p.get("parse_mode")))

    def _api_editmessagereplymarkup(self, p: JSON) -> JSON | bool:
        return self._edit(p, None)

    def _api_deletemessage(self, p: JSON) -> bool:
        if self._messages.pop((p.get("chat_id"), p.get("message_id")), None) is None:
            raise bad_request("message to delete not found")
        return True

    def _api_answercallbackquery(self, p: JSON) -> bool:
        return self._close_query(p.get("callback_query_id"))

    def _api_answerinlinequery(self, p: JSON) -> bool:
        results = list(p.get("results") or [])
        ids = [str(r.get("id", "")) for r in results]
        if len(results) > 50:
            raise bad_request("RESULTS_TOO_MUCH")
        if any(not 1 <= len(i.encode()) <= 64 for i in ids):
            raise bad_request("RESULT_ID_INVALID")
        if len(set(ids)) != len(ids):
            raise bad_request("RESULT_ID_DUPLICATE")
        for result in results:
            content = result.get("input_message_content") or {}
            if "message_text" in content:
                check_text(content["message_text"], content.get("parse_mode"))
            check_markup(result.get("reply_markup"))
        return self._close_query(p.get("inline_query_id"))

    def _api_sendchataction(self, p: JSON) -> bool:
        self._chat(p.get("chat_id"))
        return True


def _user(user_id: int, language_code: str = "en") -> JSON:
    user = {"id": user_id, "is_bot": False, "first_name": f"User{user_id}"}
    return {**user, "username": f"user{user_id}", "language_code": language_code}


def _entities(text: str) -> JSON:
    """The bot_command and mention entities Telegram detects in an incoming text."""
    found = []
    for match in _AUTO_ENTITY.finditer(text):
        kind = "bot_command" if match.group(1) else "mention"
        start, length = utf16_len(text[: match.start()]), utf16_len(match.group())
        found.append({"type": kind, "offset": start, "length": length})
    return {"entities": found} if found else {}
