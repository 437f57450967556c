"""What recording misses costs per update, measured without the network's noise.

Run: .venv/bin/python benchmarks/bench_misses.py
Matches the dev and held-out questions ten times over, hands every outcome to the
BackgroundRecorder as the bot does, flushes, and prints the CPU time of recording
(submitting plus the writer thread's transactions) per update.
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bot.answering.engine import Engine  # noqa: E402
from bot.answering.facts import load  # noqa: E402
from bot.answering.matcher import Status  # noqa: E402
from bot.curation.misses import BackgroundRecorder, MissStore  # noqa: E402

QUESTION_FILES = [
    ROOT.parent / "shared" / "eval" / "dev-questions.yaml",
    ROOT / "benchmarks" / "questions" / "holdout-en.yaml",
    ROOT / "benchmarks" / "questions" / "holdout-ru.yaml",
]


def main() -> None:
    """Time recording for every outcome of a realistic question mix."""
    engine = Engine(load(ROOT / "facts.yaml"))
    questions: list[str] = []
    for path in QUESTION_FILES:
        if path.exists():
            data = yaml.safe_load(path.read_text(encoding="utf-8"))
            questions += [item["q"] for item in data.get("in_scope", [])]
            questions += data.get("out_of_scope", []) + data.get("smalltalk", [])
    matches = [engine.match(q) for q in questions] * 10
    misses = sum(m.status in (Status.UNKNOWN, Status.CLARIFY) for m in matches)
    with tempfile.TemporaryDirectory() as folder:
        recorder = BackgroundRecorder(MissStore(Path(folder) / "misses.sqlite3"))
        cpu, wall = time.process_time(), time.perf_counter()
        for chat, match in enumerate(matches):
            recorder.submit_match(match, chat_id=chat)
        recorder.flush(30)
        recorder.close()
        cpu, wall = time.process_time() - cpu, time.perf_counter() - wall
    print(f"{len(matches)} updates, {misses} of them misses, recorded in {wall * 1000:.0f} ms")
    print(f"CPU for recording: {cpu * 1000:.1f} ms, {cpu / len(matches) * 1e6:.1f} µs per update")


if __name__ == "__main__":
    main()
