"""The checklist on the command line: ``mark``, ``checklist``, ``export``, ``import``,
``key export|import``, ``restore-backup`` and ``store info|init|recheck-days``.

Registering is cheap; the store (and through it keyring and sqlcipher3) is imported by the
handlers. Every expected failure reaches the user as a CommandError message, never a
traceback.
"""

from __future__ import annotations

import argparse
import functools
import json
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from gui.core.checklist import ChecklistRow
    from gui.core.paths import AppDirs
    from gui.core.store import KeyUnavailableError, Store

PASSPHRASE_ENV = "PRIVACY_REVIEW_PASSPHRASE"

Handler = Callable[[argparse.Namespace], int]


def register(subparsers: Any) -> None:
    mark = subparsers.add_parser("mark", help="record what you decided for one category")
    mark.add_argument("platform", metavar="PLATFORM", help="platform id, e.g. x")
    mark.add_argument("category", metavar="CATEGORY", help="category id")
    mark.add_argument("status", metavar="STATUS", help="opted-out, kept, not-applicable or later")
    note = mark.add_mutually_exclusive_group()
    note.add_argument(
        "--note",
        default="",
        metavar="TEXT",
        help="a note to keep with it. Other users of this computer can see a command's "
        "arguments (in the process list), so for anything private use --note-file",
    )
    note.add_argument(
        "--note-file",
        metavar="FILE",
        help="read the note from FILE, or from standard input with '-': unlike --note, it "
        "never appears in the process list",
    )
    mark.set_defaults(handler=mark_decision)

    checklist = subparsers.add_parser(
        "checklist", help="every category with your decision, its date, note and flags"
    )
    checklist.add_argument("--json", action="store_true", help="print JSON")
    checklist.add_argument("--platform", metavar="ID", help="only this platform")
    checklist.set_defaults(handler=show_checklist)

    export = subparsers.add_parser(
        "export", help="write your decisions and their history to a JSON file (unencrypted)"
    )
    export.add_argument("file", metavar="FILE")
    export.set_defaults(handler=export_checklist)

    import_ = subparsers.add_parser(
        "import", help="merge an export into your checklist (newer decisions win)"
    )
    import_.add_argument("file", metavar="FILE")
    import_.set_defaults(handler=import_checklist)

    key = subparsers.add_parser("key", help="save or restore the checklist's encryption key")
    key_actions = key.add_subparsers(dest="key_command", metavar="ACTION")
    key_export = key_actions.add_parser(
        "export", help="write the key to FILE (readable only by you) for safekeeping"
    )
    key_export.add_argument("file", metavar="FILE")
    key_export.set_defaults(handler=export_key)
    key_import = key_actions.add_parser(
        "import", help="put a key from a key export back into the system keyring"
    )
    key_import.add_argument("file", metavar="FILE")
    key_import.set_defaults(handler=import_key)

    restore = subparsers.add_parser(
        "restore-backup",
        help="replace the checklist with a backup (default: the newest), after showing what "
        "each holds and asking; the current file is kept, renamed. Refused while the app "
        "window is open.",
    )
    restore.add_argument("file", metavar="FILE", nargs="?", help="a backup file")
    restore.add_argument(
        "--yes",
        action="store_true",
        help="do not ask before replacing the checklist (needed without a terminal when the "
        "checklist opens, and to restore a backup with fewer decisions)",
    )
    restore.set_defaults(handler=restore_from_backup)

    store = subparsers.add_parser("store", help="where and how the checklist is stored")
    store_actions = store.add_subparsers(dest="store_command", metavar="ACTION")
    info = store_actions.add_parser(
        "info", help="where the data lives, whether it is encrypted, where the key is"
    )
    info.set_defaults(handler=store_info)
    init = store_actions.add_parser(
        "init",
        help="set up a new checklist: key in the system keyring (default), a passphrase, or "
        "unencrypted",
    )
    choice = init.add_mutually_exclusive_group()
    choice.add_argument(
        "--passphrase",
        action="store_true",
        help=f"encrypt with a passphrase (from {PASSPHRASE_ENV} or asked in the terminal)",
    )
    choice.add_argument(
        "--unencrypted",
        action="store_true",
        help="do not encrypt: anyone who can read your files can read the checklist",
    )
    init.set_defaults(handler=store_init)
    recheck = store_actions.add_parser(
        "recheck-days", help="show or set after how many days a decision is due a re-check"
    )
    recheck.add_argument("days", metavar="DAYS", nargs="?", type=int)
    recheck.set_defaults(handler=recheck_days)


# --- shared -----------------------------------------------------------------------------


def _reports_store_errors(handler: Handler) -> Handler:
    """Turn the store's expected failures into the command line's one error path."""

    @functools.wraps(handler)
    def wrapper(args: argparse.Namespace) -> int:
        from gui.cli import CommandError
        from gui.core.store import StoreError

        try:
            return handler(args)
        except StoreError as error:
            raise CommandError(str(error)) from None

    return wrapper


def _dirs(args: argparse.Namespace) -> AppDirs:
    from gui.core import paths

    return paths.resolve(args.data_dir)


def _env_passphrase() -> str | None:
    return os.environ.get(PASSPHRASE_ENV) or None


def _interactive() -> bool:
    try:
        return sys.stdin is not None and sys.stdin.isatty()
    except (AttributeError, ValueError):
        return False


def _ask_passphrase(*, confirm: bool) -> str | None:
    """Read a passphrase from the terminal; None when the user enters nothing."""
    import getpass

    from gui.cli import CommandError

    try:
        first = getpass.getpass("Passphrase: ")
        if not first:
            return None
        if confirm and getpass.getpass("The same passphrase again: ") != first:
            raise CommandError("the two passphrases differ; nothing was created")
    except EOFError:
        return None
    return first


def key_choices_message(error: KeyUnavailableError) -> str:
    """What the user can do when no key can be had and nobody can be asked."""
    if error.can_store_unencrypted:
        return (
            f"{error.message}\n"
            "Choose how to protect your checklist:\n"
            f"  - with a passphrase: set {PASSPHRASE_ENV}, run the command in a terminal to "
            "be asked, or run `privacy-review store init --passphrase`;\n"
            "  - without encryption: run `privacy-review store init --unencrypted` (anyone "
            "who can read your files can then read your checklist);\n"
            "  - or make a system keyring available and unlocked (for example GNOME Keyring "
            "or KWallet) and try again."
        )
    if error.can_use_passphrase:
        return (
            f"{error.message}\n{error.recovery}\n"
            f"To enter the passphrase: set {PASSPHRASE_ENV}, or run the command in a terminal."
        )
    return str(error)


def open_for_command(args: argparse.Namespace, *, backup: bool = True) -> Store:
    """Open the checklist, asking for a passphrase in a terminal when one would help. With
    ``backup``, today's backup is made first (a failure is only a warning)."""
    from gui.cli import CommandError
    from gui.core.store import KeyUnavailableError, StoreError, open_store

    dirs = _dirs(args)
    passphrase = _env_passphrase()
    try:
        store = open_store(dirs, passphrase=passphrase)
    except KeyUnavailableError as error:
        if passphrase is not None or not error.can_use_passphrase or not _interactive():
            raise CommandError(key_choices_message(error)) from None
        print(f"privacy-review: {error.message}", file=sys.stderr)
        if error.can_store_unencrypted:
            print(
                "Choose a passphrase to encrypt your checklist; you will need it every time. "
                "To store it unencrypted instead, press Enter and run "
                "`privacy-review store init --unencrypted`.",
                file=sys.stderr,
            )
        typed = _ask_passphrase(confirm=error.can_store_unencrypted)
        if typed is None:
            raise CommandError(key_choices_message(error)) from None
        try:
            store = open_store(dirs, passphrase=typed)
        except StoreError as retry_error:
            raise CommandError(str(retry_error)) from None
    except StoreError as error:
        raise CommandError(str(error)) from None
    for notice in store.notices:
        print(f"privacy-review: {notice}", file=sys.stderr)
    if store.created:
        where = store.describe_location()
        print(f"privacy-review: created a new checklist. {where}", file=sys.stderr)
    if backup:
        try:
            store.daily_backup()
        except StoreError as error:
            print(f"privacy-review: warning: {error.message}", file=sys.stderr)
    return store


def _refuse_store_files(target: Path, dirs: AppDirs) -> None:
    from gui.cli import CommandError
    from gui.core.store import CONFIG_NAME, DB_NAME

    resolved = target.expanduser().resolve()
    for name in (DB_NAME, CONFIG_NAME):
        if resolved == (dirs.data / name).resolve():
            raise CommandError(f"{target} is the store's own file; choose another file name")


# --- commands ---------------------------------------------------------------------------


@_reports_store_errors
def mark_decision(args: argparse.Namespace) -> int:
    from gui.cli import CommandError
    from gui.cli.catalog_cmd import load_for_command
    from gui.cli.lookup import find_category, find_platform
    from gui.core.checklist import Status
    from gui.core.review.session import load_region
    from gui.core.words import control_kind, status_words

    platform = find_platform(load_for_command(args), args.platform)
    category = find_category(platform, args.category)
    try:
        status = Status(args.status.strip().lower())
    except ValueError:
        valid = ", ".join(s.value for s in Status)
        raise CommandError(f"unknown status {args.status!r}; valid statuses: {valid}") from None
    note = _read_note(args.note_file) if args.note_file else args.note
    with open_for_command(args) as store:
        decision = store.record(platform.id, category.id, status, note, category.fingerprint)
        _, region = load_region(store)
    # The words the user would have picked for this category's control where they live.
    words = status_words(decision.status, control_kind(category, region))
    print(f"Saved: {platform.id}/{category.id}: {words} ({decision.decided_at:%Y-%m-%d %H:%M} UTC)")
    return 0


MAX_NOTE_FILE_BYTES = 100_000


def _read_note(source: str) -> str:
    """The note from a file, or standard input for "-": only a regular file or a pipe, at
    most MAX_NOTE_FILE_BYTES, UTF-8; one final newline (from `echo` or an editor) dropped."""
    from gui.cli import CommandError
    from gui.core.store.files import read_limited

    try:
        if source == "-":
            raw = sys.stdin.buffer.read(MAX_NOTE_FILE_BYTES + 1)
            if len(raw) > MAX_NOTE_FILE_BYTES:
                raise ValueError(f"the note is larger than {MAX_NOTE_FILE_BYTES:,} bytes")
        else:
            raw = read_limited(Path(source), MAX_NOTE_FILE_BYTES)
    except OSError as error:
        raise CommandError(f"the note could not be read from {source}: {error.strerror}") from None
    except ValueError as error:
        raise CommandError(f"the note in {source} was not used: {error}") from None
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        raise CommandError(f"the note in {source} is not UTF-8 text") from None
    return text.removesuffix("\n").removesuffix("\r")


def _row_json(row: ChecklistRow) -> dict[str, object]:
    decision = row.decision
    return {
        "platform": row.platform_id,
        "category": row.category_id,
        "title": row.title,
        "status": decision.status.value if decision else None,
        "decided_at": decision.decided_at.isoformat() if decision else None,
        "note": decision.note if decision else None,
        "flags": list(row.flags),
        "retired": row.retired,
    }


@_reports_store_errors
def show_checklist(args: argparse.Namespace) -> int:
    from datetime import date

    from gui.cli.catalog_cmd import load_for_command
    from gui.cli.lookup import resolve_platform_ids
    from gui.core.catalog.rules import CONTROL_CHARS_RE, terminal_safe
    from gui.core.checklist import build_checklist
    from gui.core.requests.model import summary_line
    from gui.core.review.session import load_region
    from gui.core.store.requests_store import RequestBook
    from gui.core.words import count_words

    catalog = load_for_command(args)
    today = date.today()
    with open_for_command(args) as store:
        decisions = store.decisions()
        recheck = store.recheck_days()
        _, region = load_region(store)
        overdue = RequestBook(store).overdue(today)
    wanted = None
    if args.platform:
        known = [p.id for p in catalog.platforms]
        known += sorted({d.platform_id for d in decisions} - set(known))
        wanted = list(resolve_platform_ids([args.platform], known))
        overdue = [r for r in overdue if r.platform_id in wanted]
    rows = build_checklist(catalog, decisions, recheck_days=recheck, platform_ids=wanted)
    if args.json:
        text = json.dumps([_row_json(row) for row in rows], indent=2, ensure_ascii=False)
        # json escapes C0 controls but not DEL or C1 (0x9b starts a terminal sequence too);
        # these only occur inside strings, where a \u escape is the same text.
        print(CONTROL_CHARS_RE.sub(lambda m: f"\\u{ord(m.group()):04x}", text))
        return 0
    labels = [row.label_for(region) for row in rows]
    width = max([15, *(len(label) for label in labels)])
    current = None
    for row, label in zip(rows, labels, strict=True):
        if row.platform_id != current:
            if current is not None:
                print()
            current = row.platform_id
            print(f"{row.platform_name} ({current})")
        line = f"  {label:<{width}} {row.category_id}: {row.title}"
        if row.decision:
            line += f"  (decided {row.decision.decided_at:%Y-%m-%d})"
        if row.flags:
            line += f"  [{'; '.join(row.flags)}]"
        print(line)
        if row.decision and row.decision.note:
            # Stored notes are free text: escape sequences in one must not reach the terminal.
            note = terminal_safe(row.decision.note).replace("\n", "\n" + " " * (width + 9))
            print(f"  {'':<{width}} note: {note}")
    to_do = sum(row.to_do for row in rows)
    print(f"\n{count_words(len(rows), 'category', 'categories')}, {to_do} still to do.")
    if overdue:
        names = {p.id: p.name for p in catalog.platforms}
        print(f"\nRequests past their legal deadline: {count_words(len(overdue), 'request')}")
        for request in overdue:
            name = names.get(request.platform_id, request.platform_id)
            print(f"  {terminal_safe(summary_line(request, name, today))}")
    return 0


@_reports_store_errors
def export_checklist(args: argparse.Namespace) -> int:
    from gui.cli import CommandError
    from gui.core.store.files import write_private_file

    target = Path(args.file)
    _refuse_store_files(target, _dirs(args))
    with open_for_command(args) as store:
        document = store.export_json()
    text = json.dumps(document, indent=2, ensure_ascii=False) + "\n"
    try:
        write_private_file(target, text.encode("utf-8"))
    except OSError as error:
        raise CommandError(f"{target} could not be written: {error.strerror or error}") from None
    decisions = document["decisions"]
    history = document["history"]
    assert isinstance(decisions, list) and isinstance(history, list)
    print(
        f"Exported {len(decisions)} decisions and {len(history)} history entries to {target}. "
        "The export is not encrypted: keep it somewhere private."
    )
    return 0


@_reports_store_errors
def import_checklist(args: argparse.Namespace) -> int:
    from gui.core.store import read_export_file
    from gui.core.store.exchange import validate_export

    # Everything is checked before the store opens: a bad file needs no key and no prompt.
    data = read_export_file(Path(args.file))
    validate_export(data)
    with open_for_command(args) as store:
        result = store.import_json(data)
    print(f"Imported {args.file}: {result}.")
    return 0


@_reports_store_errors
def export_key(args: argparse.Namespace) -> int:
    from gui.core.store import export_key as write_key

    target = Path(args.file)
    backend = write_key(_dirs(args), target)
    print(
        f"Wrote the checklist key (from the system keyring: {backend}) to {target}, readable "
        "only by you. Anyone with this file and your checklist can read the checklist: keep it "
        "somewhere safe and offline."
    )
    return 0


@_reports_store_errors
def import_key(args: argparse.Namespace) -> int:
    from gui.core.store import import_key as restore_key

    backend = restore_key(_dirs(args), Path(args.file))
    print(f"The checklist key is back in the system keyring ({backend}).")
    return 0


@_reports_store_errors
def restore_from_backup(args: argparse.Namespace) -> int:
    from gui.cli import CommandError
    from gui.core.store import PassphraseRequiredError, plan_restore, restore_backup

    dirs = _dirs(args)
    source = Path(args.file) if args.file else None
    passphrase = _env_passphrase()
    try:
        plan = plan_restore(dirs, source, passphrase=passphrase)
    except PassphraseRequiredError as error:
        if passphrase is not None or not _interactive():
            raise CommandError(key_choices_message(error)) from None
        passphrase = _ask_passphrase(confirm=False)
        if passphrase is None:
            raise CommandError(key_choices_message(error)) from None
        plan = plan_restore(dirs, source, passphrase=passphrase)
    print(plan.describe())
    if plan.loses_decisions:
        print(
            "The backup has FEWER decisions than your checklist: those not in the backup "
            "will only be in the file kept aside."
        )
    readable = plan.current is not None and plan.current.decisions is not None
    if not args.yes and (readable or plan.loses_decisions):
        if not _interactive():
            raise CommandError(
                "the checklist was not replaced: it opens, so a restore needs your "
                "confirmation. Run the command in a terminal to be asked, or add --yes."
            )
        if not _confirm("Replace it? The current file is kept, renamed. [y/N] "):
            print("Nothing was changed.")
            return 0
    result = restore_backup(
        dirs, plan.source.path, passphrase=passphrase, allow_fewer=args.yes or readable
    )
    print(f"Restored the checklist from {result.restored_from}.")
    for moved in result.moved_aside:
        print(f"The previous file was kept as {moved}.")
    with open_for_command(args, backup=False) as store:
        print(f"{store.describe_location()}; {len(store.decisions())} decisions.")
    return 0


def _confirm(question: str) -> bool:
    try:
        answer = input(question)
    except EOFError:
        return False
    return answer.strip().lower() in ("y", "yes")


@_reports_store_errors
def store_info(args: argparse.Namespace) -> int:
    from gui.cli import CommandError
    from gui.core.store import StoreError
    from gui.core.store.backups import list_backups
    from gui.core.store.keys import active_backend_name
    from gui.core.store.layout import StoreLayout

    layout = StoreLayout.of(_dirs(args))
    backups = list_backups(layout.backups)
    newest = f"; newest {backups[0].name}" if backups else ""
    try:
        store = open_for_command(args, backup=False)
    except CommandError as error:
        print(f"Checklist: {layout.database}")
        print(f"System keyring: {active_backend_name()}")
        print(f"Backups: {layout.backups} ({len(backups)}{newest})")
        raise error from None
    with store:
        try:
            decisions = len(store.decisions())
            version = store.schema_version()
        except StoreError as error:
            raise CommandError(str(error)) from None
        print(store.describe_location())
        print(f"Key: {store.key_backend}")
        print(f"System keyring: {active_backend_name()}")
        print(f"Data version: {version}")
        print(f"Decisions: {decisions}")
        print(f"Re-check after: {store.recheck_days()} days")
        print(f"Backups: {layout.backups} ({len(backups)}{newest})")
        print(f"Settings file: {layout.config}")
    return 0


@_reports_store_errors
def store_init(args: argparse.Namespace) -> int:
    from gui.cli import CommandError
    from gui.core.store import KeyUnavailableError, Mode, init_store

    dirs = _dirs(args)
    passphrase = None
    mode = Mode.KEYRING
    if args.unencrypted:
        mode = Mode.UNENCRYPTED
    elif args.passphrase:
        mode = Mode.PASSPHRASE
        passphrase = _env_passphrase()
        if passphrase is None and _interactive():
            passphrase = _ask_passphrase(confirm=True)
        if passphrase is None:
            raise CommandError(
                f"a passphrase is needed: set {PASSPHRASE_ENV}, or run the command in a "
                "terminal to be asked"
            )
    try:
        store = init_store(dirs, mode, passphrase=passphrase)
    except KeyUnavailableError as error:
        raise CommandError(key_choices_message(error)) from None
    with store:
        print(store.describe_location())
    return 0


@_reports_store_errors
def recheck_days(args: argparse.Namespace) -> int:
    from gui.cli import CommandError
    from gui.core.store.store import MAX_RECHECK_DAYS

    with open_for_command(args, backup=False) as store:
        if args.days is not None:
            if not 1 <= args.days <= MAX_RECHECK_DAYS:
                raise CommandError(f"the re-check interval is 1 to {MAX_RECHECK_DAYS} days")
            store.set_recheck_days(args.days)
        print(f"Decisions are due for a re-check after {store.recheck_days()} days.")
    return 0
