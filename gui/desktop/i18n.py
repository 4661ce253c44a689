"""Translation for the window: every text a user can read goes through ``translate``, so
``pyside6-lupdate`` collects it into a ``.ts`` file for translators (the extraction runs in
``tests/desktop/test_translatable.py``). No translation ships yet; without an installed
``QTranslator`` the English source text is shown as it is.

The house rules, so the extraction sees whole sentences:
- ``translate("Context", "Literal text")``: both arguments literal strings (lupdate reads
  the source, it does not run it). The context is the class or screen the text belongs to
  ("DetailPane", "StoreDialogs"), so a translator sees texts of one screen together.
- Values go in after translation with named placeholders: ``translate("Ctx", "Saved
  {category}.").format(category=title)``; never an f-string or ``+`` around a fragment.
- Counts: one ``translate`` per English form, with Qt's ``%n`` and the count, so each form
  is a numerus message a translator can give every plural form of their language:
  ``translate("Ctx", "%n decision added", "", n) if n == 1 else translate("Ctx", "%n
  decisions added", "", n)``.
- Texts from the catalog (platform and category names, quotes) and from ``gui.core`` (the
  decision words, summaries, letters) are not desktop texts and are not wrapped here.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication


def translate(context: str, text: str, disambiguation: str | None = None, n: int = -1) -> str:
    """The text in the user's language if a translation is installed, else as written."""
    return QCoreApplication.translate(context, text, disambiguation, n)
