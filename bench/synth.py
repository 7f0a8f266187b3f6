"""Synthetic segment tables and text files for scale benchmarks (no corpus text involved).

``python -m bench.synth OUT --mb 100 [--format jsonl|txt] [--seed 1]`` writes about that many
megabytes of English-like records (or one plain-text file of paragraphs) built from the word
lists below: sentences with names, numbers, quotations and, at a low seeded rate, the damage
mtlint looks for (doubled words, glued words, repeated sentences, name variants), so every
rule family has work to do. ``.gz``/``.zst`` suffixes compress the output.

The vocabulary is small and closed, so the cross-file rules see a vocabulary that stops
growing: what a large but homogeneous table (a month of MT output in one domain) looks like.
"""

from __future__ import annotations

import argparse
import json
import random
import sys

FIRST = ("Anna", "Maria", "Dmytro", "Olaf", "Li", "Ahmed", "Sofia", "James", "Elena", "Kofi",
         "Priya", "Tomasz", "Lucia", "Hiroshi", "Amara", "Pedro", "Ingrid", "Yusuf")
LAST = ("Kuleba", "Scholz", "Garcia", "Nowak", "Okafor", "Tanaka", "Petrova", "Haddad",
        "Lindqvist", "Moreau", "Castillo", "Mensah", "Sharma", "Novak", "Brennan", "Rossi")
PLACES = ("Brussels", "Berlin", "Nairobi", "Lima", "Osaka", "Warsaw", "Lyon", "Accra",
          "Madrid", "Toronto", "Hanoi", "Lisbon")
ORGS = ("the council", "the ministry", "the committee", "the regional court",
        "the central bank", "the port authority", "the union", "the university")
SUBJECTS = ("The plan", "The new bridge", "The budget", "The report", "The agreement",
            "The project", "The vote", "The inquiry", "The strike", "The new law")
VERBS = ("was approved", "was delayed", "was criticised", "will be reviewed", "was signed",
         "was rejected", "will cost more", "was welcomed", "was postponed", "was extended")
TAILS = ("after a long debate", "on {day}", "despite strong objections", "for the third time",
         "by a narrow margin", "at a meeting in {place}", "until further notice",
         "in the first quarter", "with immediate effect", "after months of talks")
DAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
QUOTES = ("We will not give up", "This is a good day for everyone", "The numbers speak for "
          "themselves", "Nobody expected this outcome", "We need more time")


def _name(rng: random.Random) -> str:
    return f"{rng.choice(FIRST)} {rng.choice(LAST)}"


def sentence(rng: random.Random) -> str:
    kind = rng.random()
    tail = rng.choice(TAILS).format(day=rng.choice(DAYS), place=rng.choice(PLACES))
    if kind < 0.45:
        return f"{rng.choice(SUBJECTS)} {rng.choice(VERBS)} {tail}."
    if kind < 0.7:
        return (f"{_name(rng)}, a spokesperson for {rng.choice(ORGS)}, said {rng.randint(2, 900)} "
                f"people had attended {tail}.")
    if kind < 0.9:
        return f"“{rng.choice(QUOTES)},” {_name(rng)} told reporters in {rng.choice(PLACES)}."
    return (f"In {rng.choice(PLACES)}, {rng.choice(ORGS)} said the figure rose by "
            f"{rng.randint(1, 40)}.{rng.randint(0, 9)} percent {tail}.")


def damaged(rng: random.Random, text: str) -> str:
    """Seeded damage at a low rate: doubled word, glued words, repeated sentence, a name
    variant (one letter of a surname dropped)."""
    roll = rng.random()
    words = text.split(" ")
    if roll < 0.02 and len(words) > 4:
        i = rng.randrange(1, len(words) - 1)
        words.insert(i, words[i])
        return " ".join(words)
    if roll < 0.03 and len(words) > 4:
        i = rng.randrange(1, len(words) - 2)
        words[i:i + 2] = [words[i] + words[i + 1].capitalize()]
        return " ".join(words)
    if roll < 0.04:
        first = text.split(". ")[0].rstrip(".") + "."
        return f"{text} {first}"
    if roll < 0.05:
        last = rng.choice(LAST)
        return f"{text} {rng.choice(FIRST)} {last[:2] + last[3:]} was not available for comment."
    return text


def record_text(rng: random.Random, sentences: int = 4) -> str:
    """A record of 1 to ``sentences`` sentences; past 8, paragraphs of up to 8 sentences."""
    n = rng.randint(1, sentences)
    paras = [" ".join(sentence(rng) for _ in range(min(8, n - k))) for k in range(0, n, 8)]
    return damaged(rng, "\n\n".join(paras))


def write(out, mb: float, fmt: str, seed: int, sentences: int = 4) -> int:
    rng = random.Random(seed)
    target = int(mb * 1_000_000)
    written, n = 0, 0
    while written < target:
        n += 1
        text = record_text(rng, sentences)
        if fmt == "jsonl":
            line = json.dumps({"id": f"seg{n}", "text": text}, ensure_ascii=False) + "\n"
        else:
            line = text + "\n\n"
        out.write(line)
        written += len(line.encode("utf-8"))
    return n


def _open(path: str):
    if path == "-":
        return sys.stdout
    if path.endswith(".gz"):
        import gzip

        return gzip.open(path, "wt", encoding="utf-8")
    if path.endswith(".zst"):
        import io

        import zstandard

        raw = open(path, "wb")  # noqa: SIM115 - closed with the writer
        return io.TextIOWrapper(zstandard.ZstdCompressor().stream_writer(raw), encoding="utf-8")
    return open(path, "w", encoding="utf-8")  # noqa: SIM115


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m bench.synth", description=__doc__.split("\n")[0])
    p.add_argument("out", help="output path (- for stdout; .gz/.zst compress)")
    p.add_argument("--mb", type=float, default=10.0, help="megabytes to write (default: 10)")
    p.add_argument("--format", choices=("jsonl", "txt"), default="jsonl")
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--sentences", type=int, default=4,
                   help="at most this many sentences a record (default: 4, short segments; "
                        "40 gives article-length records)")
    args = p.parse_args(argv)
    out = _open(args.out)
    try:
        n = write(out, args.mb, args.format, args.seed, args.sentences)
    finally:
        if out is not sys.stdout:
            out.close()
    sys.stderr.write(f"wrote {n} records\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
