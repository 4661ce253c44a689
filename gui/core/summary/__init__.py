"""The printed summary: a Qt-free document model (``model``), renderers for Markdown and
plain text (``render_text``) and HTML (``render_html``), PDF through Qt (``pdf``), and the
print and save dialogs (``dialogs``).

Only ``pdf`` and ``dialogs`` import Qt, and only inside their functions, so importing this
package, the model or the text renderers stays cheap and works without a display.
"""

from gui.core.summary.export import collect_decisions, render, write_summary
from gui.core.summary.model import (
    FORMATS,
    CategoryLine,
    PlatformSection,
    PolicySource,
    SettingsLink,
    Summary,
    SummaryOptions,
    ToDoItem,
    build_summary,
    format_for_path,
)

__all__ = [
    "FORMATS",
    "CategoryLine",
    "PlatformSection",
    "PolicySource",
    "SettingsLink",
    "Summary",
    "SummaryOptions",
    "ToDoItem",
    "build_summary",
    "collect_decisions",
    "format_for_path",
    "render",
    "write_summary",
]
