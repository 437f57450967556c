"""`article-bot draft`: a first fact base written from an article's text.

`article_text` reads the article (headline, byline, paragraphs, page chrome) and `draft`
turns its sentences into facts with phrasings and synonyms. Writes facts.yaml for a
curator to edit; uses `bot.language` and `bot.answering.facts`.
"""
