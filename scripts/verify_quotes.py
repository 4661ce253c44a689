#!/usr/bin/env python3
"""Check every catalog quote word for word against local clones of the Open Terms Archive
datasets (OpenTermsArchive/pga-versions, vlopses-us-versions, genai-eu-versions).

    python3 scripts/verify_quotes.py [--platform ID ...] ARCHIVE_DIR [ARCHIVE_DIR ...]

Each archive is a git repository with one Markdown file per document and one commit per
recorded change, so a quote is looked for in *every* recorded version of the platform's
documents, not only the newest (an old quote stays true of the version it cites). Quote marks,
dashes, spacing and Markdown markup are normalised first; a quote shortened with "..." must
have each of its parts in one version, in order. Quotes whose kind is help, settings or form
cannot be checked here (the archives hold policies and terms) and are listed as such.

Needs only git and the standard library; no network. Exit status 1 when a policy or terms
quote is not found, 0 otherwise. Not part of CI: the archives are large.
"""

from __future__ import annotations

import argparse
import re
import subprocess
import sys
import tomllib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

CHECKABLE_KINDS = ("policy", "terms")
# Which archive folders hold a platform's documents. Platforms not listed are looked up in
# every folder (slower, same result).
FOLDERS = {
    "x": ("X", "Twitter"),
    "grok": ("Grok", "X"),
    "facebook": ("Facebook", "Instagram", "Meta AI"),
    "instagram": ("Instagram", "Facebook", "Meta AI"),
    "threads": ("Threads", "Instagram", "Facebook"),
    "meta-ai": ("Meta AI", "Facebook", "Instagram"),
    "whatsapp": ("WhatsApp",),
    "linkedin": ("LinkedIn",),
    "google": ("Google Generative AI Services", "YouTube", "Google Maps", "Google Play"),
    "youtube": ("YouTube",),
    "gemini": ("Google Generative AI Services",),
    "tiktok": ("TikTok",),
    "reddit": ("Reddit",),
    "snapchat": ("Snapchat",),
    "pinterest": ("Pinterest",),
    "bluesky": ("Bluesky",),
    "telegram": ("Telegram",),
    "tumblr": ("Tumblr",),
    "spotify": ("Spotify",),
    "twitch": ("Twitch",),
    "chatgpt": ("ChatGPT",),
    "claude": ("Claude.ai",),
    "copilot": ("Microsoft Copilot",),
    "perplexity": ("Perplexity",),
    "le-chat": ("Le Chat",),
    "deepseek": ("DeepSeek",),
}

_QUOTES = str.maketrans(
    {
        "\u2018": "'",
        "\u2019": "'",
        "\u201a": "'",
        "\u201b": "'",
        "\u2032": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u201e": '"',
        "\u2033": '"',
        "\u2013": "-",
        "\u2014": "-",
        "\u2011": "-",
        "\u2010": "-",
        "\u00a0": " ",
        "\u202f": " ",
        "\u2009": " ",
        "\u200b": "",
        "\u00ad": "",
    }
)
_LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")
_MARKUP = re.compile(r"[*_`#>|\\]+")
_SPACE = re.compile(r"\s+")


def normalise(text: str) -> str:
    """Lower-cased text without Markdown links and emphasis, with one kind of quote mark and
    dash and single spaces, so that formatting differences never hide a real match."""
    text = text.translate(_QUOTES)
    text = _LINK.sub(r"\1", text)
    text = _MARKUP.sub(" ", text)
    text = text.replace("\u2026", "...")
    text = _SPACE.sub(" ", text)
    text = re.sub(r" ([,.;:!?)])", r"\1", text).replace("( ", "(")
    return text.strip().lower()


def fragments(quote: str) -> list[str]:
    """The parts of a quote between "..." omissions, normalised, without edge punctuation."""
    parts = re.split(r"\.\.\.|\u2026", quote.translate(_QUOTES))
    cleaned = [normalise(p).strip(" ,;:.\"'()") for p in parts]
    return [p for p in cleaned if p]


def found_in(parts: list[str], text: str) -> bool:
    position = 0
    for part in parts:
        index = text.find(part, position)
        if index < 0:
            return False
        position = index + len(part)
    return True


@dataclass
class Version:
    archive: str
    path: str
    date: str
    text: str  # normalised


def versions(archive: Path, folders: tuple[str, ...] | None) -> Iterator[Version]:
    """Every recorded version of the documents in ``folders`` (all folders when None),
    newest first, each blob read once."""
    spec = [f"{folder}/" for folder in folders] if folders else []
    log = subprocess.run(
        [
            "git",
            "-C",
            str(archive),
            "log",
            "--format=@%ad",
            "--date=short",
            "--raw",
            "--no-abbrev",
            "--no-renames",
            "HEAD",
            "--",
            *spec,
        ],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    blobs: list[tuple[str, str, str]] = []
    seen: set[str] = set()
    day = ""
    for line in log.splitlines():
        if line.startswith("@"):
            day = line[1:]
        elif line.startswith(":"):
            meta, _, path = line.partition("\t")
            blob = meta.split()[3]
            if path.endswith(".md") and blob not in seen and set(blob) != {"0"}:
                seen.add(blob)
                blobs.append((blob, path, day))
    if not blobs:
        return
    batch = subprocess.Popen(
        ["git", "-C", str(archive), "cat-file", "--batch"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
    )
    assert batch.stdin and batch.stdout
    for blob, path, day in blobs:
        batch.stdin.write(blob.encode() + b"\n")
        batch.stdin.flush()
        header = batch.stdout.readline().split()
        size = int(header[2])
        data = batch.stdout.read(size + 1)[:size]
        yield Version(archive.name, path, day, normalise(data.decode("utf-8", "replace")))
    batch.stdin.close()
    batch.wait()


@dataclass
class Quote:
    platform: str
    category: str
    kind: str
    text: str


def catalog_quotes(catalog_dir: Path, platforms: set[str]) -> list[Quote]:
    quotes = []
    for path in sorted(catalog_dir.glob("*.toml")):
        if platforms and path.stem not in platforms:
            continue
        try:
            data = tomllib.loads(path.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as error:
            print(f"{path}: cannot read: {error}", file=sys.stderr)
            continue
        for category in data.get("categories", []):
            quote = category.get("quote", {})
            quotes.append(
                Quote(
                    platform=path.stem,
                    category=str(category.get("id", "?")),
                    kind=str(quote.get("kind", "policy")),
                    text=str(quote.get("text", "")),
                )
            )
    return quotes


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("archives", nargs="+", type=Path, help="local clones of the datasets")
    parser.add_argument("--platform", action="append", default=[], help="only this platform")
    parser.add_argument(
        "--catalog",
        type=Path,
        default=Path(__file__).resolve().parent.parent / "resources" / "catalog",
        help="catalog folder (default: the bundled one)",
    )
    args = parser.parse_args(argv)
    quotes = catalog_quotes(args.catalog, set(args.platform))
    by_platform: dict[str, list[Quote]] = {}
    for quote in quotes:
        by_platform.setdefault(quote.platform, []).append(quote)
    missing_total = 0
    for platform, items in by_platform.items():
        checkable = [q for q in items if q.kind in CHECKABLE_KINDS]
        other = [q for q in items if q.kind not in CHECKABLE_KINDS]
        folders = FOLDERS.get(platform)
        pending = {id(q): (q, fragments(q.text)) for q in checkable}
        where: dict[int, str] = {}
        for archive in args.archives:
            if not pending:
                break
            for version in versions(archive, folders):
                for key, (_quote, parts) in list(pending.items()):
                    if parts and found_in(parts, version.text):
                        where[key] = f"{version.archive}/{version.path} ({version.date})"
                        del pending[key]
                if not pending:
                    break
        missing = [q for q, _ in pending.values()]
        missing_total += len(missing)
        print(
            f"{platform}: {len(checkable) - len(missing)} of {len(checkable)} policy/terms "
            f"quotes found; {len(other)} from help, settings or forms not checkable here"
        )
        for quote in checkable:
            if id(quote) in where:
                print(f"  found      {quote.category}: {where[id(quote)]}")
        for quote in missing:
            print(f"  NOT FOUND  {quote.category}: {quote.text!r}")
        for quote in other:
            print(f"  unchecked  {quote.category} ({quote.kind}): {quote.text[:70]!r}")
    return 1 if missing_total else 0


if __name__ == "__main__":
    sys.exit(main())
