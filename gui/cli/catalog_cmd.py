"""``privacy-review catalog list|validate``, and ``load_for_command``: the catalog as every
command reads it. ``catalog show`` and ``catalog topics`` are in ``gui.cli.catalog_show_cmd``
(what they import to say things in words would slow ``catalog list`` down); the arguments
are in ``gui.cli.args.catalog``."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from gui.cli.errors import CommandError
from gui.core import paths
from gui.core.catalog import CatalogError, load_catalog, validate_file
from gui.core.catalog.model import GROUP_TITLES, GROUPS
from gui.core.i18n import _, ngettext

if TYPE_CHECKING:
    from gui.core.catalog import Catalog


def load_for_command(args: argparse.Namespace) -> Catalog:
    """The catalog as the app sees it: bundled platforms plus the user's own files, whose
    problems are reported on stderr but do not stop the command. Read through the
    validated cache, as the window reads it (``catalog validate`` never uses it)."""
    dirs = paths.resolve(args.data_dir)
    try:
        catalog = load_catalog(user_dir=dirs.user_catalogs, cache_dir=dirs.cache / "catalog")
    except CatalogError as error:
        raise CommandError(
            _("the bundled catalog is broken: {error}").format(error=error)
        ) from None
    for problem in catalog.skipped:
        print(
            _("privacy-review: skipped user catalog file: {problem}").format(problem=problem),
            file=sys.stderr,
        )
    return catalog


def list_platforms(args: argparse.Namespace) -> int:
    catalog = load_for_command(args)
    rows: list[dict[str, Any]] = [
        {
            "id": p.id,
            "name": p.name,
            "group": p.group,
            "categories": len(p.categories),
            "bundled": p.bundled,
        }
        for p in catalog.platforms
    ]
    if args.json:
        print(json.dumps(rows, indent=2, ensure_ascii=False))
        return 0
    width = max((len(r["id"]) for r in rows), default=2)
    for group in GROUPS:
        members = [r for r in rows if r["group"] == group]
        if not members:
            continue
        print(_("{group}:").format(group=GROUP_TITLES[group]))
        for row in members:
            count = ngettext("{count} category", "{count} categories", row["categories"]).format(
                count=row["categories"]
            )
            origin = "" if row["bundled"] else _("  (your file)")
            print(f"  {row['id']:<{width}}  {row['name']}: {count}{origin}")
    return 0


def validate_paths(args: argparse.Namespace) -> int:
    bad = 0
    for name in args.paths:
        path = Path(name)
        files = sorted(path.glob("*.toml")) if path.is_dir() else [path]
        for file in files:
            problems = validate_file(file)
            for problem in problems:
                print(problem, file=sys.stderr)
            bad += bool(problems)
            if not problems:
                print(_("{file}: ok").format(file=file))
    return 1 if bad else 0
