"""Build the package's word-relation data from Debian's WordNet and OpenOffice thesauri.

Run after `apt-get install wordnet-base mythes-en-us mythes-ru`:

    python scripts/build_lexicon.py

It writes `bot/data/en/lexicon.txt` (from WordNet 3.0) and `bot/data/ru/lexicon.txt`
(from the Russian OpenOffice thesaurus), each with its licence beside it. The bot reads
only those files, so `pip install .` is all a user needs. The output depends on the input
files alone (sorted, no dates), so a rebuild from the same packages gives the same bytes.

The English OpenOffice thesaurus (mythes-en-us) is generated from WordNet, so it is read
only to report how many of its pairs WordNet already covers; it adds nothing of its own
(see `report_mythes_en_coverage`).

Format of `lexicon.txt` (UTF-8, "\\n" line ends, one blank-free section after another):

    #...                         comment lines: source, licence, what was dropped
    @groups N                    N lines, the group with id i on line i of the section:
    member|member<TAB>hypernym ids<TAB>hyponym ids       ids space-separated
    @words N                     N lines sorted by code point, so a reader can bisect:
    lemma<TAB>parts of speech<TAB>group ids<TAB>derived lemmas ("|"-separated)
    @exceptions N                N lines sorted likewise (English only, WordNet's *.exc):
    inflected form<TAB>part of speech<TAB>lemma|lemma

A group is a WordNet synset or one meaning of a thesaurus entry (the headword with its
synonyms). Parts of speech are WordNet's letters n, v, a, r ("-" when unknown).

What is left out, and why:
- antonyms, WordNet's "similar to" and "also see", and the thesauri's "similar term" and
  "related term": they relate opposite or only loosely associated words;
- lemmas with a digit ("3-d", "1st"), more than three words or over 30 characters: no
  reader types them into a question;
- English lemmas that WordNet capitalises and that have at most three characters
  ("US", "WHO", "IT", "He", "At"): lowercased, they would read as the function words
  "us", "who", "it", "he", "at" (Russian ones, such as "США", are kept);
- glosses, example sentences, verb frames and sense numbers: the matcher needs relations
  only.
"""

from __future__ import annotations

import argparse
import re
import sys
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

WORDNET = Path("/usr/share/wordnet")
MYTHES = Path("/usr/share/mythes")
DOCS = Path("/usr/share/doc")
OUT = Path(__file__).resolve().parent.parent / "bot" / "data"

WORDNET_POS = {"noun": "n", "verb": "v", "adj": "a", "adv": "r"}
HYPERNYM = frozenset({"@", "@i"})  # "@i": an instance's class ("Moscow" -> "city")
HYPONYM = frozenset({"~", "~i"})
DERIVED = frozenset({"+", "\\"})  # derivationally related; pertainym / adverb's adjective
MAX_WORDS = 3
MAX_CHARS = 30
_ADJ_MARKER = re.compile(r"\((a|p|ip)\)$")
_DIGIT = re.compile(r"\d")


@dataclass
class Synset:
    """One WordNet synset: its words (as written) and pointers kept for the lexicon."""

    pos: str
    words: list[str]
    hypernyms: list[tuple[str, int]] = field(default_factory=list)
    hyponyms: list[tuple[str, int]] = field(default_factory=list)
    derived: list[tuple[int, tuple[str, int], int]] = field(default_factory=list)
    """(source word number, target synset, target word number), numbers from 1."""


def lemma_key(written: str, *, short_capitals: bool = False) -> str | None:
    """The lowercased lemma as the lexicon stores it, or None when it is left out.

    Capitalised lemmas of three characters or fewer are left out unless `short_capitals`.
    """
    text = " ".join(written.replace("_", " ").split())
    if _DIGIT.search(text) or len(text) > MAX_CHARS or len(text.split()) > MAX_WORDS:
        return None
    if not text or text.startswith("@") or "|" in text:
        return None  # the file's section marker and field separator
    if len(text) <= 3 and text != text.lower() and not short_capitals:
        return None
    return text.lower().replace("ё", "е")


def parse_wordnet_data(path: Path, pos: str) -> Iterator[tuple[tuple[str, int], Synset]]:
    """Yield each synset of one data.* file, keyed by (part of speech, offset)."""
    with path.open(encoding="utf-8") as lines:
        for line in lines:
            if line.startswith("  "):  # the licence header
                continue
            fields = line.split(" | ", 1)[0].split()
            offset, ss_type, w_cnt = int(fields[0]), fields[2], int(fields[3], 16)
            words = [_ADJ_MARKER.sub("", w) for w in fields[4 : 4 + 2 * w_cnt : 2]]
            synset = Synset(pos="a" if ss_type == "s" else ss_type, words=words)
            at = 4 + 2 * w_cnt
            for i in range(int(fields[at])):
                symbol, target, target_pos, numbers = fields[at + 1 + 4 * i : at + 5 + 4 * i]
                key = ("a" if target_pos == "s" else target_pos, int(target))
                if symbol in HYPERNYM:
                    synset.hypernyms.append(key)
                elif symbol in HYPONYM:
                    synset.hyponyms.append(key)
                elif symbol in DERIVED:
                    source, goal = int(numbers[:2], 16), int(numbers[2:], 16)
                    synset.derived.append((source, key, goal))
            yield (pos, offset), synset


def read_wordnet(root: Path) -> dict[tuple[str, int], Synset]:
    """All synsets of WordNet, by (part of speech, offset)."""
    synsets: dict[tuple[str, int], Synset] = {}
    for name, pos in WORDNET_POS.items():
        synsets.update(parse_wordnet_data(root / f"data.{name}", pos))
    return synsets


def read_wordnet_exceptions(root: Path) -> dict[tuple[str, str], set[str]]:
    """WordNet's irregular forms: (form, part of speech) -> its lemmas ("met" -> "meet")."""
    exceptions: dict[tuple[str, str], set[str]] = defaultdict(set)
    for name, pos in WORDNET_POS.items():
        for line in (root / f"{name}.exc").read_text(encoding="utf-8").splitlines():
            form, *lemmas = (lemma_key(w) for w in line.split())
            kept = {lemma for lemma in lemmas if lemma}
            if form and kept:
                exceptions[form, pos] |= kept
    return exceptions


@dataclass
class Lexicon:
    """Groups of words and the words that point into them, ready to be written out."""

    groups: list[list[str]] = field(default_factory=list)
    hypernyms: list[set[int]] = field(default_factory=list)
    hyponyms: list[set[int]] = field(default_factory=list)
    pos: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))
    member_of: dict[str, set[int]] = field(default_factory=lambda: defaultdict(set))
    derived: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))
    exceptions: dict[tuple[str, str], set[str]] = field(default_factory=dict)

    def add_group(self, words: Iterable[str], pos: str) -> int | None:
        """Add a group of lemmas (duplicates and left-out ones dropped); its id, if any."""
        members = list(dict.fromkeys(w for w in words if w))
        if not members:
            return None
        gid = len(self.groups)
        self.groups.append(members)
        self.hypernyms.append(set())
        self.hyponyms.append(set())
        for word in members:
            self.member_of[word].add(gid)
            self.pos[word].add(pos)
        return gid


def wordnet_lexicon(root: Path) -> Lexicon:
    """Synonyms, one level of hypernyms and hyponyms, and derived forms from WordNet."""
    synsets = read_wordnet(root)
    lexicon = Lexicon()
    ids: dict[tuple[str, int], int] = {}
    for key in sorted(synsets):
        synset = synsets[key]
        gid = lexicon.add_group((lemma_key(w) for w in synset.words), synset.pos)
        if gid is not None:
            ids[key] = gid
    for key, gid in ids.items():
        synset = synsets[key]
        lexicon.hypernyms[gid] = {ids[k] for k in synset.hypernyms if k in ids}
        lexicon.hyponyms[gid] = {ids[k] for k in synset.hyponyms if k in ids}
        for source, target, goal in synset.derived:
            words = synset.words if source == 0 else [synset.words[source - 1]]
            goals = synsets[target].words if goal == 0 else [synsets[target].words[goal - 1]]
            for word in filter(None, map(lemma_key, words)):
                lexicon.derived[word] |= {g for g in map(lemma_key, goals) if g and g != word}
    lexicon.exceptions = read_wordnet_exceptions(root)
    return lexicon


def read_mythes(path: Path) -> Iterator[tuple[str, str, list[str]]]:
    """Yield (headword, category, words) for each meaning in a MyThes *.dat file."""
    lines = iter(path.read_text(encoding="utf-8-sig").splitlines()[1:])  # line 1: encoding
    for entry in lines:
        head, count = entry.rsplit("|", 1)
        for _ in range(int(count)):
            category, *words = next(lines).split("|")
            yield head, category.strip("()"), words


_ANNOTATION = re.compile(r"\s*\([^)]*\)\s*")


def mythes_synonym_lexicon(path: Path, synonym: str) -> Lexicon:
    """Each thesaurus meaning marked `synonym`, with its headword, becomes one group."""
    lexicon = Lexicon()
    groups: set[tuple[str, ...]] = set()
    for head, category, words in read_mythes(path):
        if category != synonym:
            continue
        plain = (_ANNOTATION.sub(" ", w) for w in [head, *words])
        members = tuple(sorted({k for w in plain if (k := lemma_key(w, short_capitals=True))}))
        if len(members) > 1:
            groups.add(members)
    for members in sorted(groups):
        lexicon.add_group(members, "-")
    return lexicon


def render(lexicon: Lexicon, header: Iterable[str]) -> str:
    """The lexicon as the text the bot reads (see the module docstring)."""
    out = [f"# {line}".rstrip() for line in header]
    out.append(f"@groups {len(lexicon.groups)}")
    for gid, members in enumerate(lexicon.groups):
        hyper = " ".join(map(str, sorted(lexicon.hypernyms[gid])))
        hypo = " ".join(map(str, sorted(lexicon.hyponyms[gid])))
        out.append(f"{'|'.join(members)}\t{hyper}\t{hypo}")
    words = sorted(lexicon.member_of)
    out.append(f"@words {len(words)}")
    for word in words:
        pos = "".join(sorted(lexicon.pos[word], key="nvar-".index))
        gids = " ".join(map(str, sorted(lexicon.member_of[word])))
        derived = "|".join(sorted(lexicon.derived.get(word, ())))
        out.append(f"{word}\t{pos}\t{gids}\t{derived}")
    exceptions = sorted(lexicon.exceptions.items())
    out.append(f"@exceptions {len(exceptions)}")
    out.extend(f"{form}\t{pos}\t{'|'.join(sorted(lemmas))}" for (form, pos), lemmas in exceptions)
    return "\n".join(out) + "\n"


def report_mythes_en_coverage(path: Path, lexicon: Lexicon) -> str:
    """How many of mythes-en-us's synonym and hypernym pairs WordNet's groups already give."""
    pairs = covered = 0
    for head, _, words in read_mythes(path):
        key = lemma_key(head)
        if not key:
            continue
        near = set()
        for gid in lexicon.member_of.get(key, ()):
            for linked in {gid} | lexicon.hypernyms[gid] | lexicon.hyponyms[gid]:
                near.update(lexicon.groups[linked])
        for word in words:
            if "(antonym)" in word or "(similar term)" in word or "(related term)" in word:
                continue
            other = lemma_key(_ANNOTATION.sub(" ", word).strip())
            if other and other != key:
                pairs += 1
                covered += other in near
    return f"mythes-en-us: {covered} of {pairs} synonym/hypernym pairs already in WordNet"


def licence(package: str, stanzas: Iterable[str], note: str) -> str:
    """The header and the named `Files:` stanzas of a Debian copyright file, with a note."""
    text = (DOCS / package / "copyright").read_text(encoding="utf-8")
    paragraphs = text.split("\n\n")
    kept = [paragraphs[0]] + [p for p in paragraphs if p.split("\n", 1)[0] in stanzas]
    return f"{note}\n\nFrom /usr/share/doc/{package}/copyright:\n\n" + "\n\n".join(kept) + "\n"


WORDNET_NOTE = (
    "bot/data/en/lexicon.txt is derived from WordNet 3.0 (Debian package wordnet-base):\n"
    "its synsets, hypernym/hyponym and derivation pointers and its exception lists,\n"
    "reduced and reformatted by scripts/build_lexicon.py. WordNet's licence follows."
)
MYTHES_RU_NOTE = (
    "bot/data/ru/lexicon.txt is derived from the Russian OpenOffice/LibreOffice thesaurus\n"
    "th_ru_RU_M_aot_and_v2.dat (Debian package mythes-ru, installed as th_ru_RU_v2.dat):\n"
    "its synonym meanings only, reformatted by scripts/build_lexicon.py. This modified\n"
    "version is distributed under the same licence, LGPL-2.1, whose full text follows\n"
    "the copyright stanza."
)


def build(wordnet: Path, mythes: Path, out: Path) -> list[str]:
    """Write both languages' lexicons and licences under `out`; lines to print."""
    english = wordnet_lexicon(wordnet)
    russian = mythes_synonym_lexicon(mythes / "th_ru_RU_v2.dat", "синоним")
    (out / "en").mkdir(parents=True, exist_ok=True)
    (out / "ru").mkdir(parents=True, exist_ok=True)
    en_header = [
        "English word relations from WordNet 3.0 (Debian wordnet-base); licence in",
        "LICENSE.wordnet.txt. Built by scripts/build_lexicon.py, whose docstring gives the",
        "format and what was left out.",
    ]
    ru_header = [
        "Russian synonyms from the OpenOffice thesaurus th_ru_RU_M_aot_and_v2 (Debian",
        "mythes-ru); licence (LGPL-2.1) in LICENSE.mythes.txt. Built by",
        "scripts/build_lexicon.py, whose docstring gives the format and what was left out.",
    ]
    (out / "en" / "lexicon.txt").write_text(render(english, en_header), encoding="utf-8")
    (out / "ru" / "lexicon.txt").write_text(render(russian, ru_header), encoding="utf-8")
    (out / "en" / "LICENSE.wordnet.txt").write_text(
        licence("wordnet-base", ["Files: *"], WORDNET_NOTE), encoding="utf-8"
    )
    lgpl = Path("/usr/share/common-licenses/LGPL-2.1").read_text(encoding="utf-8")
    ru_stanza = "Files: dictionaries/ru_RU/th_ru_RU_M_aot_and_v2.dat"
    (out / "ru" / "LICENSE.mythes.txt").write_text(
        licence("mythes-ru", [ru_stanza], MYTHES_RU_NOTE) + "\n" + lgpl, encoding="utf-8"
    )
    return [
        f"en: {len(english.groups)} groups, {len(english.member_of)} lemmas",
        f"ru: {len(russian.groups)} groups, {len(russian.member_of)} lemmas",
        report_mythes_en_coverage(mythes / "th_en_US_v2.dat", english),
    ]


def main(argv: list[str] | None = None) -> int:
    """Parse arguments, build, print a summary."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--wordnet", type=Path, default=WORDNET)
    parser.add_argument("--mythes", type=Path, default=MYTHES)
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args(argv)
    for path in (args.wordnet / "data.noun", args.mythes / "th_ru_RU_v2.dat"):
        if not path.exists():
            sys.stderr.write(
                f"{path} is missing: run apt-get install wordnet-base mythes-en-us mythes-ru\n"
            )
            return 1
    for line in build(args.wordnet, args.mythes, args.out):
        sys.stdout.write(line + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
