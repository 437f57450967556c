"""Every fixed string the bot says, per language. Facts and answers live in facts.yaml."""

from __future__ import annotations

from bot.answering.facts import DEFAULT_LANGUAGE

LANGUAGE_NAMES = {"en": "English", "ru": "Русский"}
LANGUAGE_NAMES_IN = {
    "en": {"en": "English", "ru": "Russian"},
    "ru": {"en": "английском", "ru": "русском"},
}
"""Each language's name as a sentence of the other says "in <language>"."""

_MESSAGES: dict[str, dict[str, str]] = {
    "en": {
        "source_label": "Source",
        "quote_from": "{place} of “{title}”",
        "did_you_mean": "I'm not sure the article answers exactly that. Did you mean:",
        "unknown": "Sorry, the article doesn't say that, as far as I can tell.",
        "unknown_echo": "Sorry, I can't find “{question}” in the article.",
        "unknown_topics": "I can tell you, for example:",
        "unread_language": "I can't read questions about this article in English yet: ask in {languages}, for example:",
        "empty": "Send me a question about the article, in words.",
        "nothing_asked": "I didn't catch a question there.",
        "nothing_named": "I didn't catch what you're asking about.",
        "too_long": "That's a long message! Please ask one short question about the article.",
        "topics_title": "Things you can ask me about:",
        "summary_title": "In short:",
        "source_title": "The article",
        "section": "Section",
        "dateline": "Date",
        "byline": "By",
        "photo": "Photo",
        "start": (
            "Hello! I answer questions about one news article, “{title}”, "
            "and quote the sentence each answer comes from."
        ),
        "try_asking": "Try asking:",
        "help": (
            "Ask me anything about the article in your own words, for example "
            "“where did they meet?” or “why was the launch delayed?”. I answer with the "
            "sentence of the article the answer rests on. If I'm unsure, I'll ask which "
            "question you mean; if the article doesn't say, I'll tell you.\n\n"
            "Commands:\n/summary – the article in short\n/topics – what you can ask\n"
            "/source – who wrote it\n/language – English or Russian\n/help – this text\n\n"
            "In groups, mention me, reply to me, or use /ask followed by your question."
        ),
        "non_text": "I can only read text. Please type your question about the article.",
        "error": "Sorry, something went wrong on my side. Please try again.",
        "stale_button": "That button has expired. Please ask your question again.",
        "ask_usage": "Write your question after the command, e.g. /ask where did they meet?",
        "language_prompt": "Choose the language I answer you in:",
        "language_set": "From now on I'll answer you in English.",
        "unknown_command": "I don't know that command. Send /help to see what I can do.",
        "inline_hint": "Ask about the article",
        "reloaded": "Reloaded: {facts} facts, {phrasings} phrasings.",
        "unchanged": "facts.yaml has not changed; reloaded anyway: {facts} facts.",
        "not_reloaded": "facts.yaml was NOT reloaded; still answering from the last good version:",
        "still_saving": "facts.yaml is still changing (an editor may be saving it), so it was NOT reloaded. Send /reload again once it is saved.",
        "misses_none": "No unanswered questions recorded yet.",
        "misses_title": "Most frequent unanswered questions:",
        "misses_off": "Recording of unanswered questions is off (ARTICLE_BOT_DB=off).",
        "teach_button": "➕ {fact}",
        "taught": "Added. The bot now answers it with “{fact}”.",
        "decline_button": "🚫 {number}. the article does not say",
        "taught_decline": "Added to the decline examples. The bot now says the article does not answer it.",
        "admins_only": "Only the bot's admins can do that.",
        "admin_in_private": "Admin commands answer only in a private chat: send /{command} to @{bot} there.",
    },
    "ru": {
        "source_label": "Источник",
        "quote_from": "{place} статьи «{title}»",
        "did_you_mean": "Не уверен, что в статье есть ответ именно на этот вопрос. Возможно, вы имели в виду:",
        "unknown": "К сожалению, в статье об этом ничего не сказано.",
        "unknown_echo": "К сожалению, я не нашёл в статье ответа на «{question}».",
        "unknown_topics": "Могу рассказать, например:",
        "unread_language": "Вопросы об этой статье я пока понимаю только на {languages}. Спросите так, например:",
        "empty": "Пришлите вопрос о статье словами.",
        "nothing_asked": "Я не увидел тут вопроса.",
        "nothing_named": "Я не понял, о чём вопрос.",
        "too_long": "Слишком длинное сообщение. Задайте, пожалуйста, один короткий вопрос о статье.",
        "topics_title": "О чём можно спросить:",
        "summary_title": "Коротко:",
        "source_title": "Статья",
        "section": "Рубрика",
        "dateline": "Дата",
        "byline": "Авторы",
        "photo": "Фото",
        "start": (
            "Здравствуйте! Я отвечаю на вопросы об одной новостной статье, «{title}», "
            "и привожу предложение, на котором основан каждый ответ."
        ),
        "try_asking": "Попробуйте спросить:",
        "help": (
            "Спросите о статье своими словами, например: «где прошла встреча?» или "
            "«почему перенесли запуск?». Я отвечаю и цитирую предложение статьи, на котором "
            "основан ответ (цитаты — на английском, как в оригинале). Если я не уверен, "
            "то уточню вопрос; если в статье ответа нет, так и скажу.\n\n"
            "Команды:\n/summary – кратко о статье\n/topics – о чём можно спросить\n"
            "/source – кто написал\n/language – язык ответов\n/help – эта справка\n\n"
            "В группах упомяните меня, ответьте на моё сообщение или напишите /ask и вопрос."
        ),
        "non_text": "Я понимаю только текст. Напишите, пожалуйста, вопрос о статье.",
        "error": "Извините, что-то пошло не так. Попробуйте ещё раз.",
        "stale_button": "Эта кнопка устарела. Задайте вопрос ещё раз.",
        "ask_usage": "Напишите вопрос после команды, например: /ask где прошла встреча?",
        "language_prompt": "Выберите, на каком языке мне вам отвечать:",
        "language_set": "Теперь я буду отвечать вам по-русски.",
        "unknown_command": "Я не знаю такой команды. Отправьте /help, чтобы узнать, что я умею.",
        "inline_hint": "Спросите о статье",
        "reloaded": "Перезагружено: фактов {facts}, формулировок {phrasings}.",
        "unchanged": "facts.yaml не изменился; перезагружен всё равно: фактов {facts}.",
        "not_reloaded": "facts.yaml НЕ перезагружен; бот отвечает по последней исправной версии:",
        "still_saving": "facts.yaml ещё меняется (возможно, его сохраняет редактор), поэтому он НЕ перезагружен. Отправьте /reload ещё раз, когда он будет сохранён.",
        "misses_none": "Неотвеченных вопросов пока нет.",
        "misses_title": "Самые частые вопросы без ответа:",
        "misses_off": "Запись вопросов без ответа выключена (ARTICLE_BOT_DB=off).",
        "teach_button": "➕ {fact}",
        "taught": "Добавлено. Теперь бот отвечает на это фактом «{fact}».",
        "decline_button": "🚫 {number}. в статье этого нет",
        "taught_decline": "Добавлено в примеры отказа. Теперь бот отвечает, что в статье этого нет.",
        "admins_only": "Это могут только администраторы бота.",
        "admin_in_private": "Команды администратора отвечают только в личном чате: отправьте /{command} боту @{bot}.",
    },
}

COMMANDS: dict[str, list[tuple[str, str]]] = {
    "en": [
        ("start", "Start and see examples"),
        ("help", "How to ask"),
        ("summary", "The article in short"),
        ("topics", "What you can ask"),
        ("source", "Who wrote the article"),
        ("ask", "Ask a question (in groups)"),
        ("language", "English or Russian"),
    ],
    "ru": [
        ("start", "Начать и увидеть примеры"),
        ("help", "Как задавать вопросы"),
        ("summary", "Кратко о статье"),
        ("topics", "О чём можно спросить"),
        ("source", "Кто написал статью"),
        ("ask", "Задать вопрос (в группах)"),
        ("language", "Язык ответов"),
    ],
}

DESCRIPTIONS: dict[str, tuple[str, str]] = {
    "en": (
        "I answer questions about the news article “{title}” and quote the sentence "
        "each answer comes from. Ask in English or Russian.",
        "Questions and answers about “{title}”.",
    ),
    "ru": (
        "Я отвечаю на вопросы о статье «{title}» и цитирую предложение, "
        "на котором основан ответ. Спрашивайте по-русски или по-английски.",
        "Вопросы и ответы о статье «{title}».",
    ),
}


def message(key: str, language: str, **values: str) -> str:
    """The fixed text `key` in `language` (English if missing), with `values` filled in."""
    table = _MESSAGES.get(language, _MESSAGES[DEFAULT_LANGUAGE])
    text = table.get(key) or _MESSAGES[DEFAULT_LANGUAGE][key]
    return text.format(**values) if values else text
