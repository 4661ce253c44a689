"""The status bar's line about the checklist: how it is protected, then where it is. In
plain words and with no keyring backend's name (Help > Where your data is has those). The
protection comes first so that a narrow window cuts the path, not the warning."""

from __future__ import annotations

from gui.core.store import Mode, Store
from gui.desktop.i18n import translate


def location_line(store: Store) -> str:
    if store.mode is Mode.KEYRING:
        text = translate("MainWindow", "Encrypted, key in the system keyring: {path}")
    elif store.mode is Mode.PASSPHRASE:
        text = translate("MainWindow", "Encrypted with your passphrase: {path}")
    else:
        text = translate(
            "MainWindow",
            "NOT encrypted (anyone who can read this file can read your checklist): {path}",
        )
    return text.format(path=store.path)


def location_tooltip(store: Store) -> str:
    return translate("MainWindow", "{line}\nHelp > Where your data is… lists every folder").format(
        line=location_line(store)
    )
