"""Write bot/data/<language>/frequencies.tsv from wordfreq's data.

How common a word is in general use is one input to how much an unexplained word of a
question weighs: "weigh" (Zipf 4.0) is more likely to ask something new than "people"
(6.1). wordfreq itself takes ~1 s and ~190 MB to load a language, so the bot ships
its top words as a small table instead, built by this script:

    pip install wordfreq && python scripts/build_word_frequencies.py

The data keeps wordfreq's licence (CC BY-SA 4.0); see bot/data/LICENSE.wordfreq.txt.
"""

from __future__ import annotations

import sys
from pathlib import Path

from wordfreq import top_n_list, zipf_frequency

WORDS_PER_LANGUAGE = 60_000
"""Below the top 60,000 a word is rare (Zipf under ~2.5 in English): the matcher treats
any word missing from the table as rare, so the tail is not worth shipping."""
DATA = Path(__file__).resolve().parent.parent / "bot" / "data"


def build(language: str) -> Path:
    """Write one language's table: a word and its Zipf frequency a line, sorted by word
    (the bot finds a word by bisection, without a Python object per line)."""
    words = sorted(
        {w for w in top_n_list(language, WORDS_PER_LANGUAGE) if w.strip() and "\t" not in w}
    )
    lines = [
        "# word<TAB>Zipf frequency (log10 of uses per billion words), from wordfreq "
        f"{_wordfreq_version()}, CC BY-SA 4.0",
        *(f"{word}\t{zipf_frequency(word, language):.2f}" for word in words),
    ]
    path = DATA / language / "frequencies.tsv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _wordfreq_version() -> str:
    from importlib.metadata import version

    return version("wordfreq")


if __name__ == "__main__":
    for lang in sys.argv[1:] or ["en", "ru"]:
        print(build(lang))  # noqa: T201 - a script says what it wrote
