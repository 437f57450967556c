"""The small talk every draft starts with, in English and Russian."""

from __future__ import annotations

from typing import Any


def default_smalltalk(title: str) -> list[dict[str, Any]]:
    """Greeting, thanks, goodbye, who-are-you, what-can-you-do and how-are-you."""

    def entry(entry_id: str, en: str, ru: str, answer_en: str, answer_ru: str) -> dict[str, Any]:
        return {
            "id": entry_id,
            "ask": {"en": en.split("|"), "ru": ru.split("|")},
            "answer": {"en": answer_en, "ru": answer_ru},
        }

    return [
        entry(
            "greeting",
            "hi|hello|hey|hey there|good morning|good afternoon|good evening",
            "привет|здравствуйте|добрый день|доброе утро|добрый вечер",
            f'Hello! Ask me anything about the article "{title}".',
            f"Здравствуйте! Спрашивайте что угодно о статье «{title}».",
        ),
        entry(
            "thanks",
            "thanks|thank you|thank you very much|thanks a lot|cheers|appreciate it",
            "спасибо|спасибо большое|благодарю",
            "You're welcome! Feel free to ask anything else about the article.",
            "Пожалуйста! Спрашивайте ещё, если что-то интересно.",
        ),
        entry(
            "goodbye",
            "bye|goodbye|bye bye|see you|see you later|good night|take care|farewell",
            "пока|до свидания|до встречи|всего доброго",
            "Goodbye! Come back any time you have a question about the article.",
            "До свидания! Возвращайтесь, если появятся вопросы по статье.",
        ),
        entry(
            "who-are-you",
            "who are you|what are you|are you a bot|are you human|what is your name",
            "кто ты|кто вы|ты бот|ты человек|как тебя зовут",
            "I'm a bot that answers questions about one news article and shows the sentence "
            "each answer comes from.",
            "Я бот, который отвечает на вопросы об одной новостной статье и показывает "
            "предложение, на котором основан ответ.",
        ),
        entry(
            "what-can-you-do",
            "what can you do|help|how does this work|what can i ask|how do i use you",
            "что ты умеешь|помощь|помоги|как это работает|что можно спросить",
            "Ask me a question about the article, for example who, what, when or where, and "
            "I'll answer with the sentence the answer comes from.",
            "Задайте вопрос о статье, например кто, что, когда или где, и я отвечу со ссылкой "
            "на предложение из текста.",
        ),
        entry(
            "how-are-you",
            "how are you|how are you doing|how's it going|how do you do",
            "как дела|как ты|как поживаешь",
            "I'm doing well, thanks for asking! What would you like to know about the article?",
            "Всё хорошо, спасибо! Что вы хотите узнать о статье?",
        ),
    ]
