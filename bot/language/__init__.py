"""Language knowledge, independent of any article.

Normalising what readers type: Unicode forms, accents, look-alike letters (`scripts`);
tokens, stems and lemmas (`text`), the word lists and frequencies read
from `bot/data/<language>/` (`wordlists`), thesaurus relations and WordNet's categories
(`lexicon`), how precise a time a question asks and a text gives (`precision`), synonym
groups folded into concepts (`synonyms`) and sentence splitting (`sentences`). Nothing here knows
about facts, Telegram or curators; every other package may use it.
"""
