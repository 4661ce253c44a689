"""The checklist on the command line: ``mark``, ``checklist``, ``export``, ``import``,
``key export|import``, ``restore-backup`` and ``store info|init|recheck-days``. Their
arguments are in ``gui.cli.args.store``; this module is imported when one of them runs.

Every expected failure reaches the user as a CommandError message, never a traceback;
opening the checklist is shared with the other commands (``gui.cli.store_access``).
"""

from __future__ import annotations

import argparse
import json
import sys
from datetime import date
from pathlib import Path

from gui.cli.args.store import PASSPHRASE_ENV
from gui.cli.catalog_cmd import load_for_command
from gui.cli.errors import CommandError
from gui.cli.lookup import find_category, find_platform, resolve_platform_ids
from gui.cli.store_access import (
    ask_passphrase,
    data_dirs,
    env_passphrase,
    interactive,
    key_choices_message,
    open_for_command,
    refuse_store_files,
    reports_store_errors,
)
from gui.core import dates
from gui.core.catalog.rules import CONTROL_CHARS_RE, terminal_safe
from gui.core.checklist import ChecklistRow, Status, build_checklist
from gui.core.i18n import _, ngettext
from gui.core.requests.model import summary_line
from gui.core.review.session import load_region
from gui.core.store import (
    KeyUnavailableError,
    Mode,
    PassphraseRequiredError,
    StoreError,
    init_store,
    plan_restore,
    read_export_file,
    restore_backup,
)
from gui.core.store import export_key as write_key
from gui.core.store import import_key as restore_key
from gui.core.store.backups import list_backups
from gui.core.store.exchange import validate_export
from gui.core.store.files import read_limited, write_private_file
from gui.core.store.keys import active_backend_name
from gui.core.store.layout import StoreLayout
from gui.core.store.requests_store import RequestBook
from gui.core.store.store import MAX_RECHECK_DAYS
from gui.core.words import control_kind, status_words


@reports_store_errors
def mark_decision(args: argparse.Namespace) -> int:
    platform = find_platform(load_for_command(args), args.platform)
    category = find_category(platform, args.category)
    try:
        status = Status(args.status.strip().lower())
    except ValueError:
        raise CommandError(
            _("unknown status {status}; valid statuses: {valid}").format(
                status=repr(args.status), valid=", ".join(s.value for s in Status)
            )
        ) from None
    note = _read_note(args.note_file) if args.note_file else args.note
    with open_for_command(args) as store:
        decision = store.record(platform.id, category.id, status, note, category.fingerprint)
        _region_source, region = load_region(store)
    # The words the user would have picked for this category's control where they live.
    words = status_words(decision.status, control_kind(category, region))
    print(
        _("Saved: {platform}/{category}: {words} ({moment})").format(
            platform=platform.id,
            category=category.id,
            words=words,
            moment=dates.moment(decision.decided_at),
        )
    )
    return 0


MAX_NOTE_FILE_BYTES = 100_000


def _read_note(source: str) -> str:
    """The note from a file, or standard input for "-": only a regular file or a pipe, at
    most MAX_NOTE_FILE_BYTES, UTF-8; one final newline (from `echo` or an editor) dropped."""
    try:
        if source == "-":
            raw = sys.stdin.buffer.read(MAX_NOTE_FILE_BYTES + 1)
            if len(raw) > MAX_NOTE_FILE_BYTES:
                raise ValueError(
                    _("the note is larger than {limit} bytes").format(
                        limit=f"{MAX_NOTE_FILE_BYTES:,}"
                    )
                )
        else:
            raw = read_limited(Path(source), MAX_NOTE_FILE_BYTES)
    except OSError as error:
        raise CommandError(
            _("the note could not be read from {source}: {reason}").format(
                source=source, reason=error.strerror
            )
        ) from None
    except ValueError as error:
        raise CommandError(
            _("the note in {source} was not used: {reason}").format(source=source, reason=error)
        ) from None
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        raise CommandError(
            _("the note in {source} is not UTF-8 text").format(source=source)
        ) from None
    return text.removesuffix("\n").removesuffix("\r")


def _row_json(row: ChecklistRow) -> dict[str, object]:
    decision = row.decision
    return {
        "platform": row.platform_id,
        "category": row.category_id,
        "title": row.title,
        "status": decision.status.value if decision else None,
        "decided_at": decision.decided_at.isoformat() if decision else None,  # a file format
        "note": decision.note if decision else None,
        "flags": list(row.flag_messages),  # a file format: never translated
        "retired": row.retired,
    }


@reports_store_errors
def show_checklist(args: argparse.Namespace) -> int:
    catalog = load_for_command(args)
    today = date.today()
    with open_for_command(args) as store:
        decisions = store.decisions()
        recheck = store.recheck_days()
        _region_source, region = load_region(store)
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
            line += _("  (decided {day})").format(day=dates.day(row.decision.decided_at))
        if row.flags:
            line += f"  [{'; '.join(row.flags)}]"
        print(line)
        if row.decision and row.decision.note:
            # Stored notes are free text: escape sequences in one must not reach the terminal.
            note = terminal_safe(row.decision.note).replace("\n", "\n" + " " * (width + 9))
            print(" " * (width + 3) + _("note: {note}").format(note=note))
    to_do = sum(row.to_do for row in rows)
    print()
    print(
        ngettext(
            "{count} category, {to_do} still to do.",
            "{count} categories, {to_do} still to do.",
            len(rows),
        ).format(count=len(rows), to_do=to_do)
    )
    if overdue:
        names = {p.id: p.name for p in catalog.platforms}
        print()
        print(
            ngettext(
                "Requests past their legal deadline: {count} request",
                "Requests past their legal deadline: {count} requests",
                len(overdue),
            ).format(count=len(overdue))
        )
        for request in overdue:
            name = names.get(request.platform_id, request.platform_id)
            print(f"  {terminal_safe(summary_line(request, name, today))}")
    return 0


@reports_store_errors
def export_checklist(args: argparse.Namespace) -> int:
    target = Path(args.file)
    refuse_store_files(target, data_dirs(args))
    with open_for_command(args) as store:
        document = store.export_json()
    text = json.dumps(document, indent=2, ensure_ascii=False) + "\n"
    try:
        write_private_file(target, text.encode("utf-8"))
    except OSError as error:
        raise CommandError(
            _("{file} could not be written: {reason}").format(
                file=target, reason=error.strerror or error
            )
        ) from None
    decisions = document["decisions"]
    history = document["history"]
    assert isinstance(decisions, list) and isinstance(history, list)
    print(
        _(
            "Exported {decisions} and {history} to {file}. "
            "The export is not encrypted: keep it somewhere private."
        ).format(
            decisions=ngettext("{count} decision", "{count} decisions", len(decisions)).format(
                count=len(decisions)
            ),
            history=ngettext(
                "{count} history entry", "{count} history entries", len(history)
            ).format(count=len(history)),
            file=target,
        )
    )
    return 0


@reports_store_errors
def import_checklist(args: argparse.Namespace) -> int:
    # Everything is checked before the store opens: a bad file needs no key and no prompt.
    data = read_export_file(Path(args.file))
    validate_export(data)
    with open_for_command(args) as store:
        result = store.import_json(data)
    print(_("Imported {file}: {result}.").format(file=args.file, result=result))
    return 0


@reports_store_errors
def export_key(args: argparse.Namespace) -> int:
    target = Path(args.file)
    backend = write_key(data_dirs(args), target)
    print(
        _(
            "Wrote the checklist key (from the system keyring: {backend}) to {file}, readable "
            "only by you. Anyone with this file and your checklist can read the checklist: "
            "keep it somewhere safe and offline."
        ).format(backend=backend, file=target)
    )
    return 0


@reports_store_errors
def import_key(args: argparse.Namespace) -> int:
    backend = restore_key(data_dirs(args), Path(args.file))
    print(_("The checklist key is back in the system keyring ({backend}).").format(backend=backend))
    return 0


@reports_store_errors
def restore_from_backup(args: argparse.Namespace) -> int:
    dirs = data_dirs(args)
    source = Path(args.file) if args.file else None
    passphrase = env_passphrase()
    try:
        plan = plan_restore(dirs, source, passphrase=passphrase)
    except PassphraseRequiredError as error:
        if passphrase is not None or not interactive():
            raise CommandError(key_choices_message(error)) from None
        passphrase = ask_passphrase(confirm=False)
        if passphrase is None:
            raise CommandError(key_choices_message(error)) from None
        plan = plan_restore(dirs, source, passphrase=passphrase)
    print(plan.describe())
    if plan.loses_decisions:
        print(
            _(
                "The backup has FEWER decisions than your checklist: those not in the backup "
                "will only be in the file kept aside."
            )
        )
    readable = plan.current is not None and plan.current.decisions is not None
    if not args.yes and (readable or plan.loses_decisions):
        if not interactive():
            raise CommandError(
                _(
                    "the checklist was not replaced: it opens, so a restore needs your "
                    "confirmation. Run the command in a terminal to be asked, or add --yes."
                )
            )
        if not _confirm(_("Replace it? The current file is kept, renamed. [y/N] ")):
            print(_("Nothing was changed."))
            return 0
    result = restore_backup(
        dirs, plan.source.path, passphrase=passphrase, allow_fewer=args.yes or readable
    )
    print(_("Restored the checklist from {file}.").format(file=result.restored_from))
    for moved in result.moved_aside:
        print(_("The previous file was kept as {file}.").format(file=moved))
    with open_for_command(args, backup=False) as store:
        count = len(store.decisions())
        print(
            ngettext(
                "{location}; {count} decision.", "{location}; {count} decisions.", count
            ).format(location=store.describe_location(), count=count)
        )
    return 0


def _confirm(question: str) -> bool:
    try:
        answer = input(question)
    except EOFError:
        return False
    return answer.strip().lower() in ("y", "yes")


def _backups_line(layout: StoreLayout) -> str:
    backups = list_backups(layout.backups)
    if backups:
        return _("Backups: {folder} ({count}; newest {name})").format(
            folder=layout.backups, count=len(backups), name=backups[0].name
        )
    return _("Backups: {folder} ({count})").format(folder=layout.backups, count=0)


@reports_store_errors
def store_info(args: argparse.Namespace) -> int:
    layout = StoreLayout.of(data_dirs(args))
    backups = _backups_line(layout)
    try:
        store = open_for_command(args, backup=False)
    except CommandError as error:
        print(_("Checklist: {file}").format(file=layout.database))
        print(_("System keyring: {backend}").format(backend=active_backend_name()))
        print(backups)
        raise error from None
    with store:
        try:
            decisions = len(store.decisions())
            version = store.schema_version()
        except StoreError as error:
            raise CommandError(str(error)) from None
        days = store.recheck_days()
        print(store.describe_location())
        print(_("Key: {backend}").format(backend=store.key_backend))
        print(_("System keyring: {backend}").format(backend=active_backend_name()))
        print(_("Data version: {version}").format(version=version))
        print(_("Decisions: {count}").format(count=decisions))
        print(
            ngettext("Re-check after: {days} day", "Re-check after: {days} days", days).format(
                days=days
            )
        )
        print(backups)
        print(_("Settings file: {file}").format(file=layout.config))
    return 0


@reports_store_errors
def store_init(args: argparse.Namespace) -> int:
    dirs = data_dirs(args)
    passphrase = None
    mode = Mode.KEYRING
    if args.unencrypted:
        mode = Mode.UNENCRYPTED
    elif args.passphrase:
        mode = Mode.PASSPHRASE
        passphrase = env_passphrase()
        if passphrase is None and interactive():
            passphrase = ask_passphrase(confirm=True)
        if passphrase is None:
            raise CommandError(
                _(
                    "a passphrase is needed: set {variable}, or run the command in a "
                    "terminal to be asked"
                ).format(variable=PASSPHRASE_ENV)
            )
    try:
        store = init_store(dirs, mode, passphrase=passphrase)
    except KeyUnavailableError as error:
        raise CommandError(key_choices_message(error)) from None
    with store:
        print(store.describe_location())
    return 0


@reports_store_errors
def recheck_days(args: argparse.Namespace) -> int:
    with open_for_command(args, backup=False) as store:
        if args.days is not None:
            if not 1 <= args.days <= MAX_RECHECK_DAYS:
                raise CommandError(
                    _("the re-check interval is 1 to {most} days").format(most=MAX_RECHECK_DAYS)
                )
            store.set_recheck_days(args.days)
        days = store.recheck_days()
        print(
            ngettext(
                "Decisions are due for a re-check after {days} day.",
                "Decisions are due for a re-check after {days} days.",
                days,
            ).format(days=days)
        )
    return 0
