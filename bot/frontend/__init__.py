"""The Telegram front end: thin python-telegram-bot wiring, no matching or formatting.

`app` builds the Application and registers every handler: `handlers` answer messages and
commands, `buttons` button presses and inline queries, both through `chat` (the engine,
the reader's language, sending a reply); `admin` gives curators /reload, /misses and
teaching. `delivery` paces (PTB's AIORateLimiter) and retries (stamina) Bot API calls and
takes each chat's updates in order; `inbox` keeps taken updates until answered;
`transport` is PTB's HTTP client with timeouts told apart; `runner` and `webhook` run the
bot by polling or webhook. Calls `bot.answering` and `bot.curation`; nothing calls back
into it.
"""
