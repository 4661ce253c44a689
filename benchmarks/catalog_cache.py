"""Catalog load at scale: a fresh parse and validation against a read from the validated
cache, in the same process. Prints times and the ratio; asserts nothing.

    .venv/bin/python benchmarks/catalog_cache.py [--categories 10000] [--rounds 3]
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from pathlib import Path

from gui.core.catalog import load_catalog

ROOT = Path(__file__).resolve().parent.parent
PER_PLATFORM = 500


def category(index: int) -> str:
    return f"""
[[categories]]
id = "category-{index}"
title = "Category {index}: what the platform keeps about your activity"
collected = "What is collected, in a few plain sentences, for category {index}."
why = "Why it matters."
risk = "medium"
control = "toggle"
control_note = "What the switch does not cover."
steps = ["Open the settings.", "Turn it off."]
topics = ["activity"]
verified = 2025-06-01

[categories.quote]
text = "We collect it."
source = "https://example.com/privacy"
kind = "policy"
policy_date = 2025-01-01

[[categories.links]]
url = "https://example.com/settings/{index}"
label = "Setting {index}"
confidence = "confirmed"

[[categories.regional]]
regions = ["EEA", "GB"]
control = "form"
steps = ["Send the form."]
"""


def write_catalog(directory: Path, total: int) -> None:
    for number in range(0, total, PER_PLATFORM):
        platform_id = f"platform-{number // PER_PLATFORM}"
        head = f"""schema = 2
id = "{platform_id}"
name = "Platform {number // PER_PLATFORM}"
group = "social"
domains = ["example.com"]

[[policies]]
id = "privacy-policy"
title = "Privacy Policy"
url = "https://example.com/privacy"
effective = 2025-01-01
"""
        body = "".join(category(i) for i in range(number, min(number + PER_PLATFORM, total)))
        (directory / f"{platform_id}.toml").write_text(head + body, encoding="utf-8")


def timed(action: object, rounds: int) -> float:
    times = []
    for _ in range(rounds):
        started = time.perf_counter()
        action()  # type: ignore[operator]
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--categories", type=int, default=10_000)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as temp:
        catalog_dir, cache_dir = Path(temp) / "catalog", Path(temp) / "cache"
        catalog_dir.mkdir()
        write_catalog(catalog_dir, args.categories)
        fresh = timed(lambda: load_catalog(catalog_dir), args.rounds)
        load_catalog(catalog_dir, cache_dir=cache_dir)  # fill the cache
        cached = timed(lambda: load_catalog(catalog_dir, cache_dir=cache_dir), args.rounds)
        print(f"categories: {args.categories}")
        print(f"fresh parse and validation: {fresh * 1000:.0f} ms")
        print(f"from the cache:             {cached * 1000:.0f} ms")
        print(f"cache / fresh:              {cached / fresh:.3f}")


if __name__ == "__main__":
    main()
