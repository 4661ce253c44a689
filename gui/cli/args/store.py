"""Arguments of the checklist commands: ``mark``, ``checklist``, ``export``, ``import``,
``key export|import``, ``restore-backup`` and ``store info|init|recheck-days``. Their code
is in ``gui.cli.store_cmd``."""

from __future__ import annotations

from typing import Any

from gui.cli.args import later
from gui.core.i18n import _

# The one environment variable the commands read a passphrase from; declared with the
# arguments because ``store init --help`` names it.
PASSPHRASE_ENV = "PRIVACY_REVIEW_PASSPHRASE"

_CODE = "gui.cli.store_cmd"


def register(subparsers: Any) -> None:
    mark = subparsers.add_parser("mark", help=_("record what you decided for one category"))
    mark.add_argument("platform", metavar="PLATFORM", help=_("platform id, e.g. x"))
    mark.add_argument("category", metavar="CATEGORY", help=_("category id"))
    mark.add_argument(
        "status", metavar="STATUS", help=_("opted-out, kept, not-applicable or later")
    )
    note = mark.add_mutually_exclusive_group()
    note.add_argument(
        "--note",
        default="",
        metavar="TEXT",
        help=_(
            "a note to keep with it. Other users of this computer can see a command's "
            "arguments (in the process list), so for anything private use --note-file"
        ),
    )
    note.add_argument(
        "--note-file",
        metavar="FILE",
        help=_(
            "read the note from FILE, or from standard input with '-': unlike --note, it "
            "never appears in the process list"
        ),
    )
    mark.set_defaults(handler=later(_CODE, "mark_decision"))

    checklist = subparsers.add_parser(
        "checklist", help=_("every category with your decision, its date, note and flags")
    )
    checklist.add_argument("--json", action="store_true", help=_("print JSON"))
    checklist.add_argument("--platform", metavar="ID", help=_("only this platform"))
    checklist.set_defaults(handler=later(_CODE, "show_checklist"))

    export = subparsers.add_parser(
        "export", help=_("write your decisions and their history to a JSON file (unencrypted)")
    )
    export.add_argument("file", metavar="FILE")
    export.set_defaults(handler=later(_CODE, "export_checklist"))

    import_ = subparsers.add_parser(
        "import", help=_("merge an export into your checklist (newer decisions win)")
    )
    import_.add_argument("file", metavar="FILE")
    import_.set_defaults(handler=later(_CODE, "import_checklist"))

    _register_key(subparsers)
    _register_restore(subparsers)
    _register_store(subparsers)


def _register_key(subparsers: Any) -> None:
    key = subparsers.add_parser("key", help=_("save or restore the checklist's encryption key"))
    key_actions = key.add_subparsers(dest="key_command", metavar="ACTION")
    key_export = key_actions.add_parser(
        "export", help=_("write the key to FILE (readable only by you) for safekeeping")
    )
    key_export.add_argument("file", metavar="FILE")
    key_export.set_defaults(handler=later(_CODE, "export_key"))
    key_import = key_actions.add_parser(
        "import", help=_("put a key from a key export back into the system keyring")
    )
    key_import.add_argument("file", metavar="FILE")
    key_import.set_defaults(handler=later(_CODE, "import_key"))


def _register_restore(subparsers: Any) -> None:
    restore = subparsers.add_parser(
        "restore-backup",
        help=_(
            "replace the checklist with a backup (default: the newest), after showing what "
            "each holds and asking; the current file is kept, renamed. Refused while the app "
            "window is open."
        ),
    )
    restore.add_argument("file", metavar="FILE", nargs="?", help=_("a backup file"))
    restore.add_argument(
        "--yes",
        action="store_true",
        help=_(
            "do not ask before replacing the checklist (needed without a terminal when the "
            "checklist opens, and to restore a backup with fewer decisions)"
        ),
    )
    restore.set_defaults(handler=later(_CODE, "restore_from_backup"))


def _register_store(subparsers: Any) -> None:
    store = subparsers.add_parser("store", help=_("where and how the checklist is stored"))
    store_actions = store.add_subparsers(dest="store_command", metavar="ACTION")
    info = store_actions.add_parser(
        "info", help=_("where the data lives, whether it is encrypted, where the key is")
    )
    info.set_defaults(handler=later(_CODE, "store_info"))
    init = store_actions.add_parser(
        "init",
        help=_(
            "set up a new checklist: key in the system keyring (default), a passphrase, or "
            "unencrypted"
        ),
    )
    choice = init.add_mutually_exclusive_group()
    choice.add_argument(
        "--passphrase",
        action="store_true",
        help=_("encrypt with a passphrase (from {variable} or asked in the terminal)").format(
            variable=PASSPHRASE_ENV
        ),
    )
    choice.add_argument(
        "--unencrypted",
        action="store_true",
        help=_("do not encrypt: anyone who can read your files can read the checklist"),
    )
    init.set_defaults(handler=later(_CODE, "store_init"))
    recheck = store_actions.add_parser(
        "recheck-days", help=_("show or set after how many days a decision is due a re-check")
    )
    recheck.add_argument("days", metavar="DAYS", nargs="?", type=int)
    recheck.set_defaults(handler=later(_CODE, "recheck_days"))
