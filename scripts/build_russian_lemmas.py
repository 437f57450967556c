"""Write bot/data/ru/lemmas.tsv: the dictionary forms of common Russian word forms.

The matcher puts a Russian word in its dictionary form before stemming it, so that
"прошла" (пройти) and "прошлая" (прошлый) stay apart and "встречались" meets "встреча".
pymorphy3 does that best (benchmarks/bench_lexicon.py), but its dictionaries take
~16 MiB of every bot process. The bot ships its answers for the forms it will mostly
see instead: the `FORMS` most common in general use, by wordfreq. A rarer form is its
own lemma, which its Snowball stem, cut to six letters, mostly makes up for ("баканову"
and "баканов" share "бакано"). The file stays on disk: the bot reads the lines it needs.

    pip install -e '.[data]' && python scripts/build_russian_lemmas.py

A line is a form and its lemmas, likeliest first, "|"-separated; a form whose only lemma
is itself is left out. The data keeps OpenCorpora's licence (CC BY-SA 3.0); see
bot/data/LICENSE.opencorpora.txt.
"""

from __future__ import annotations

from importlib.metadata import version
from pathlib import Path

import pymorphy3
from wordfreq import top_n_list

FORMS = 250_000
"""wordfreq's most common Russian forms that get a line: past the 60,000 of
frequencies.tsv, so that the less common forms of everyday verbs ("отложат",
"затопят") are in it too."""
DATA = Path(__file__).resolve().parent.parent / "bot" / "data"


def normal(text: str) -> str:
    """As bot.language.lexicon reads a word: lowercase, "ё" as "е"."""
    return text.lower().replace("ё", "е")


def build() -> Path:
    analyzer = pymorphy3.MorphAnalyzer(lang="ru")
    forms = sorted({normal(w) for w in top_n_list("ru", FORMS) if w.strip() and "\t" not in w})
    lines = [
        f"# form<TAB>lemmas, likeliest first, from pymorphy3 {version('pymorphy3')} with "
        f"pymorphy3-dicts-ru {version('pymorphy3-dicts-ru')} (OpenCorpora, CC BY-SA 3.0), "
        f"for wordfreq {version('wordfreq')}'s {FORMS:,} most common forms"
    ]
    for form in forms:
        if not any("а" <= c <= "я" for c in form):
            continue
        found = list(dict.fromkeys(normal(p.normal_form) for p in analyzer.parse(form)))
        if found != [form]:
            lines.append(f"{form}\t{'|'.join(found)}")
    path = DATA / "ru" / "lemmas.tsv"
    # A new file put in place, not the old one rewritten: a running bot keeps reading the
    # lines of the one it opened.
    written = path.with_suffix(".tsv.new")
    written.write_text("\n".join(lines) + "\n", encoding="utf-8")
    written.replace(path)
    return path


if __name__ == "__main__":
    print(build())  # noqa: T201 - a script says what it wrote
