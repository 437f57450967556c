"""What curators use to keep facts.yaml good.

Checking (`quality`), teaching a phrasing or a decline (`teach`), safe live reload
(`reload`, `guard`), measuring on question sets (`evaluation`, `report*`), choosing the
decision's thresholds (`calibration`) and the store of questions the bot could not answer
(`misses`). Built on `bot.answering`; the Telegram front end and the CLI call into it.
"""
