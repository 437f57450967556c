"""`article-bot draft`: a first fact base written from an article's text, page or URL.

Reading: `fetch` (a URL, with trafilatura), `article_text` and `article_html` (headline,
byline, paragraphs, page chrome), `metadata` (byline's publication, dateline). Analysis:
`words` (the word tables of bot/data/en/draft_*.txt), `grammar` (lemminflect), `model`,
`quantities`, `entities`, `analysis`. Questions: `clauses`, `figures` and `questions`
(whole questions from a sentence's shape, its figures and names), `roles`, `keywords`,
`labels` (what a fact's
button says), `aliases`, `declines`. Writing:
`selection`, `prune`, `summary`, `smalltalk`, `output`, and `draft`, which runs them.
Uses `bot.language` and `bot.answering` (the facts model and the matcher, to check the
draft against itself); nothing imports it but the CLI.
"""
