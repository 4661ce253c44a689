"""Stop PySide6 reading the source of every module imported after it.

PySide6 replaces ``builtins.__import__`` so that a module can opt in to its ``__feature__``
switches (``from __feature__ import snake_case``). After each import it asks whether the
new module "uses PySide" by reading the module's whole source file (``inspect.getsource``)
and searching it for the word; the lines read stay in ``linecache``. With about 300 modules
imported after Qt, that is ~8 MiB and a tenth of the time to a ready window, for an answer
this app never needs: it uses no ``__feature__`` (a test checks that), and without one the
answer changes nothing (every module runs with the default feature set either way).

The question is answered instead from what the module holds (an object defined by PySide6
or shiboken6 among its globals), without reading any file. If PySide6's internals differ
from what this expects, nothing is changed.

Importing this module does it (PySide6 installs its hook when its package is imported, just
above), so ``gui.desktop.app`` imports it before anything else and every module after it
is spared the reading (~10 ms before the first paint).
"""

from __future__ import annotations

import sys
from types import ModuleType

import PySide6  # noqa: F401 - installs PySide's import hook, replaced below

_QT_PACKAGES = ("PySide6", "shiboken6")  # not shown


def _holds_qt(module: ModuleType) -> bool:
    """Whether ``module`` imported anything from PySide6: a cheap stand-in for PySide's
    search of the module's source for "PySide6"."""
    try:
        values = list(vars(module).values())
    except TypeError:
        return False
    for value in values:
        name = getattr(value, "__module__", None) if not isinstance(value, ModuleType) else None
        if isinstance(value, ModuleType):
            name = value.__name__
        if isinstance(name, str) and name.startswith(_QT_PACKAGES):
            return True
    return False


def quiet_pyside_import_hook() -> bool:
    """Replace the source search; True when done. Call after the first PySide6 import."""
    feature = sys.modules.get("shibokensupport.feature") or sys.modules.get(
        "PySide6.support.feature"
    )
    if feature is None or not callable(getattr(feature, "_mod_uses_pyside", None)):
        return False
    if not isinstance(getattr(feature, "pyside_feature_dict", None), dict):
        return False
    feature._mod_uses_pyside = _holds_qt  # type: ignore[attr-defined]
    return True


QUIETED = quiet_pyside_import_hook()
