"""The checklist window: the app's main window and what it is built from.

Every module here imports Qt; none is imported at command-line parse time. The data the
window shows comes from Qt-free code in ``gui.core`` (checklist, catalog, store).
"""
