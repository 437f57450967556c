"""Language knowledge, independent of any article.

Normalising what readers type: Unicode forms, accents, look-alike letters (`scripts`);
tokens, stems and lemmas (`text`), what a question asks for (`kinds`) and whether it
speaks to the bot itself (`addressee`), the word lists and frequencies read from
`bot/data/<language>/` (`wordlists`), thesaurus relations and WordNet's categories
(`lexicon`), how much a word can mean by how common it is (`specificity`), how precise a
time a question asks and a text gives (`precision`), the shapes of answer a word asks
for (`shapes`), the dates, places and guesses a question puts forward to check
(`claims`), numbers said in words (`numbers`, `russian_numbers`), the "-тся"/"-ться" slip
(`russian_spelling`), Russian typed in Latin letters (`translit`), synonym groups folded
into concepts (`synonyms`) and sentence splitting (`sentences`). Nothing here knows about
facts, Telegram or curators; every other package may use it.
"""
