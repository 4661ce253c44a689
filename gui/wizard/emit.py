"""``emit(sender, "signalName", *args)``: emit a signal without PySide6 6.12's leak.

In PySide6 6.12.0, ``SignalInstance.emit()`` called from Python returns ``True`` without
taking a new reference to it, so every call drops one reference to ``True``. On Python 3.11
(where ``True`` is not immortal) the interpreter aborts with "Fatal Python error:
bool_dealloc" once they run out, after a few hundred emits. Raising the signal through Qt's
meta-object does the same thing without the leak, and signals forwarded signal-to-signal or
emitted by Qt itself are not affected, so the wizard uses those everywhere and this helper
where it must emit from Python.
"""

from __future__ import annotations

from PySide6.QtCore import Q_ARG, QMetaObject, QObject, Qt


def emit(sender: QObject, signal: str, *args: object) -> None:
    """Emit ``sender``'s signal named ``signal`` with ``args``, now (direct connection
    semantics, like ``emit()``), through ``QMetaObject.invokeMethod``."""
    arguments = [Q_ARG(type(arg), arg) for arg in args]
    QMetaObject.invokeMethod(sender, signal, Qt.ConnectionType.DirectConnection, *arguments)
