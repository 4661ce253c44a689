"""Opening the checklist for a command: shared by every command that reads or writes it
(``mark``, ``summary``, ``request``, ``evidence``, ``check-policies``...). It asks for a
passphrase in a terminal when one would help, and turns the store's expected failures into
the command line's one error path (a CommandError message, never a traceback).
"""

from __future__ import annotations

import argparse
import functools
import getpass
import os
import sys
from pathlib import Path

from gui.cli.args import Handler
from gui.cli.args.store import PASSPHRASE_ENV
from gui.cli.errors import CommandError
from gui.core import paths
from gui.core.i18n import _
from gui.core.store import (
    CONFIG_NAME,
    DB_NAME,
    KeyUnavailableError,
    Store,
    StoreError,
    open_store,
)
from gui.core.store.keys import check_new_passphrase


def reports_store_errors(handler: Handler) -> Handler:
    """Turn the store's expected failures into the command line's one error path."""

    @functools.wraps(handler)
    def wrapper(args: argparse.Namespace) -> int:
        try:
            return handler(args)
        except StoreError as error:
            raise CommandError(str(error)) from None

    return wrapper


def data_dirs(args: argparse.Namespace) -> paths.AppDirs:
    return paths.resolve(args.data_dir)


def env_passphrase() -> str | None:
    return os.environ.get(PASSPHRASE_ENV) or None


def interactive() -> bool:
    try:
        return sys.stdin is not None and sys.stdin.isatty()
    except (AttributeError, ValueError):
        return False


def ask_passphrase(*, confirm: bool) -> str | None:
    """Read a passphrase from the terminal; None when the user enters nothing. With
    ``confirm`` it is a new one: core's rule for new passphrases is checked before it is
    asked a second time, and a refused one is asked again."""
    try:
        while True:
            first = getpass.getpass(_("Passphrase: "))
            if not first:
                return None
            problem = check_new_passphrase(first) if confirm else None
            if problem is None:
                break
            print(_("privacy-review: {problem}").format(problem=problem), file=sys.stderr)
        if confirm and getpass.getpass(_("The same passphrase again: ")) != first:
            raise CommandError(_("the two passphrases differ; nothing was created"))
    except EOFError:
        return None
    return first


def key_choices_message(error: KeyUnavailableError) -> str:
    """What the user can do when no key can be had and nobody can be asked."""
    if error.can_store_unencrypted:
        return _(
            "{message}\n"
            "Choose how to protect your checklist:\n"
            "  - with a passphrase: set {variable}, run the command in a terminal to "
            "be asked, or run `privacy-review store init --passphrase`;\n"
            "  - without encryption: run `privacy-review store init --unencrypted` (anyone "
            "who can read your files can then read your checklist);\n"
            "  - or make a system keyring available and unlocked (for example GNOME Keyring "
            "or KWallet) and try again."
        ).format(message=error.message, variable=PASSPHRASE_ENV)
    if error.can_use_passphrase:
        return _(
            "{message}\n{recovery}\n"
            "To enter the passphrase: set {variable}, or run the command in a terminal."
        ).format(message=error.message, recovery=error.recovery, variable=PASSPHRASE_ENV)
    return str(error)


def open_for_command(args: argparse.Namespace, *, backup: bool = True) -> Store:
    """Open the checklist, asking for a passphrase in a terminal when one would help. With
    ``backup``, today's backup is made first (a failure is only a warning)."""
    dirs = data_dirs(args)
    passphrase = env_passphrase()
    try:
        store = open_store(dirs, passphrase=passphrase)
    except KeyUnavailableError as error:
        if passphrase is not None or not error.can_use_passphrase or not interactive():
            raise CommandError(key_choices_message(error)) from None
        print(_("privacy-review: {message}").format(message=error.message), file=sys.stderr)
        if error.can_store_unencrypted:
            print(
                _(
                    "Choose a passphrase to encrypt your checklist; you will need it every "
                    "time. To store it unencrypted instead, press Enter and run "
                    "`privacy-review store init --unencrypted`."
                ),
                file=sys.stderr,
            )
        typed = ask_passphrase(confirm=error.can_store_unencrypted)
        if typed is None:
            raise CommandError(key_choices_message(error)) from None
        try:
            store = open_store(dirs, passphrase=typed)
        except StoreError as retry_error:
            raise CommandError(str(retry_error)) from None
    except StoreError as error:
        raise CommandError(str(error)) from None
    for notice in store.notices:
        print(_("privacy-review: {notice}").format(notice=notice), file=sys.stderr)
    if store.created:
        print(
            _("privacy-review: created a new checklist. {where}").format(
                where=store.describe_location()
            ),
            file=sys.stderr,
        )
    if backup:
        try:
            store.daily_backup()
        except StoreError as error:
            print(
                _("privacy-review: warning: {message}").format(message=error.message),
                file=sys.stderr,
            )
    return store


def refuse_store_files(target: Path, dirs: paths.AppDirs) -> None:
    resolved = target.expanduser().resolve()
    for name in (DB_NAME, CONFIG_NAME):
        if resolved == (dirs.data / name).resolve():
            raise CommandError(
                _("{file} is the store's own file; choose another file name").format(file=target)
            )
