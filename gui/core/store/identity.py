"""Finding a checklist's key in the keyring by the checklist's identity, not by the
folder's path: a data dir that is moved, copied, or on a USB stick mounted somewhere else
keeps its key. The id lives in ``checklist.id`` (written once, never changed) and is
mirrored in ``store.json``; either one is enough, so losing the hint file ``store.json``
loses nothing. Entries older versions keyed by path are still found, and copied to the
id-based name on first use (the old entry is left: nothing is deleted).
"""

from __future__ import annotations

import contextlib
from dataclasses import dataclass

from gui.core.store.config import (
    ID_FILE_NAME,
    Mode,
    StoreConfig,
    new_checklist_id,
    read_identity,
    write_config,
)
from gui.core.store.files import write_private_file
from gui.core.store.keys import id_key_name, load_key, path_key_name, save_key
from gui.core.store.layout import StoreLayout

__all__ = ["ID_FILE_NAME", "FoundKey", "ensure_identity", "find_key", "read_identity"]


@dataclass(frozen=True)
class FoundKey:
    key: bytes | None  # None: the keyring works but has no key for this checklist
    label: str  # the keyring backend
    checklist_id: str  # "" when the checklist has none yet


def find_key(layout: StoreLayout, config: StoreConfig | None) -> FoundKey:
    """The checklist's key: by id, else by the folder's path (then copied to the id-based
    name). Raises KeyringProblem when the keyring cannot be used."""
    checklist_id = read_identity(layout.data, config)
    if checklist_id:
        key, label = load_key(id_key_name(checklist_id))
        if key is not None:
            return FoundKey(key, label, checklist_id)
    key, label = load_key(path_key_name(layout.data))
    if key is None:
        return FoundKey(None, label, checklist_id)
    checklist_id = ensure_identity(layout, config, Mode.KEYRING)
    if checklist_id:
        with contextlib.suppress(Exception):  # a failed copy leaves the path entry: still found
            label = save_key(id_key_name(checklist_id), key)
    return FoundKey(key, label, checklist_id)


def ensure_identity(layout: StoreLayout, config: StoreConfig | None, mode: Mode) -> str:
    """The checklist's id, creating and recording one when there is none. It is on disk
    before any key is saved under it, so a crash in between never leaves a key that
    nothing points to. When it cannot be written, "" is returned and the key stays (or
    goes) under the folder's path."""
    existing = read_identity(layout.data, config)
    if existing:
        return existing
    checklist_id = new_checklist_id()
    try:
        write_private_file(layout.data / ID_FILE_NAME, f"{checklist_id}\n".encode("ascii"))
    except OSError:
        return ""
    base = config or StoreConfig(mode, "")
    with contextlib.suppress(OSError):  # a mirror only: checklist.id is what counts
        write_config(layout.config, base.with_identity(checklist_id, str(layout.data)))
    return checklist_id


def save_new_key(layout: StoreLayout, config: StoreConfig | None, key: bytes) -> tuple[str, str]:
    """Save ``key`` for this checklist; returns (backend label, checklist id)."""
    checklist_id = ensure_identity(layout, config, Mode.KEYRING)
    name = id_key_name(checklist_id) if checklist_id else path_key_name(layout.data)
    return save_key(name, key), checklist_id
