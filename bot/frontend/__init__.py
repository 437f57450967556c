"""The Telegram front end: thin python-telegram-bot wiring, no matching or formatting.

`app` registers the handlers that hand a message to the engine and send its reply;
`admin` gives curators /reload, /misses and teaching; `delivery` rate-limits and retries
Bot API calls in order per chat; `inbox` keeps taken updates until answered; `transport`
is the HTTP request class; `webhook` and `runner` run the bot by polling or webhook.
Calls `bot.answering` and `bot.curation`; nothing calls back into it.
"""
