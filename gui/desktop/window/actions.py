"""The window's commands as ``QAction``s, and the menu bar and toolbar built from them.

Actions only carry text, shortcuts and tips here; ``MainWindow`` connects them. Menus follow
desktop conventions: File (print, save, export, import, quit), Edit (find), Review, Tools,
Help, with standard shortcuts where the platform has one, F1 for help and F10 for the menu
bar. Every menu title and item has its own Alt letter; the window's widgets keep clear of the
menu titles' letters (F, E, R, T, H), which tests/desktop/test_mnemonics.py checks.
"""

from __future__ import annotations

from dataclasses import dataclass, fields

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMenuBar, QToolBar, QWidget

from gui.desktop.i18n import translate


@dataclass(frozen=True)
class WindowActions:
    print_summary: QAction
    save_summary: QAction
    export_checklist: QAction
    import_checklist: QAction
    quit: QAction
    find: QAction
    clear_filters: QAction
    start_review: QAction
    review_attention: QAction
    show_attention: QAction
    your_requests: QAction
    check_links: QAction
    check_policies: QAction
    weekly_check: QAction
    data_location: QAction
    help_contents: QAction
    about: QAction
    menu_bar: QAction  # F10: not in a menu, added to the window itself

    def all(self) -> list[QAction]:
        return [getattr(self, f.name) for f in fields(self)]

    def needing_data(self) -> list[QAction]:
        """Disabled until the catalog and the checklist are loaded."""
        return [
            self.print_summary,
            self.save_summary,
            self.export_checklist,
            self.import_checklist,
            self.start_review,
            self.review_attention,
            self.show_attention,
            self.your_requests,
            self.check_links,
            self.check_policies,
            self.weekly_check,
        ]


# Shortcuts by action name: a standard key's name (the platform's own binding) or a key
# string. Applied after the first paint (``apply_shortcuts``): building key sequences sets up
# PySide's large key enums, which would otherwise delay the first paint by tens of ms.
SHORTCUTS: dict[str, tuple[str, str]] = {
    "print_summary": ("standard", "Print"),  # not shown
    "save_summary": ("standard", "SaveAs"),  # not shown
    "quit": ("keys", "Ctrl+Q"),  # not shown
    "find": ("standard", "Find"),  # not shown
    "start_review": ("keys", "Ctrl+R"),  # not shown
    "review_attention": ("keys", "Ctrl+Shift+R"),  # not shown
    "help_contents": ("keys", "F1"),
    "menu_bar": ("keys", "F10"),
}


def _action(parent: QWidget, text: str, tip: str) -> QAction:
    action = QAction(text, parent)
    action.setStatusTip(tip)
    action.setToolTip(tip)
    return action


def create_actions(parent: QWidget) -> WindowActions:
    actions = WindowActions(
        print_summary=_action(
            parent,
            translate("WindowActions", "&Print summary…"),
            translate("WindowActions", "Print what you decided and what is left to do"),
        ),
        save_summary=_action(
            parent,
            translate("WindowActions", "&Save summary as…"),
            translate("WindowActions", "Save the summary as PDF, HTML, Markdown or text"),
        ),
        export_checklist=_action(
            parent,
            translate("WindowActions", "&Export checklist…"),
            translate("WindowActions", "Save all decisions and their history to a file"),
        ),
        import_checklist=_action(
            parent,
            translate("WindowActions", "&Import checklist…"),
            translate("WindowActions", "Read decisions from a file exported by this app"),
        ),
        quit=_action(
            parent,
            translate("WindowActions", "&Quit"),
            translate("WindowActions", "Close Privacy Review"),
        ),
        find=_action(
            parent,
            translate("WindowActions", "&Find…"),
            translate("WindowActions", "Search titles, notes and what is collected"),
        ),
        clear_filters=_action(
            parent,
            translate("WindowActions", "Show &all"),
            translate("WindowActions", "Clear the search and every filter"),
        ),
        start_review=_action(
            parent,
            translate("WindowActions", "&Start review…"),
            translate("WindowActions", "Go through the categories one by one"),
        ),
        review_attention=_action(
            parent,
            translate("WindowActions", "Review what needs &attention…"),
            translate("WindowActions", "Go through what is not reviewed, later, changed or due"),
        ),
        show_attention=_action(
            parent,
            translate("WindowActions", "Show what &needs attention"),
            translate("WindowActions", "Filter the checklist to what is left to do"),
        ),
        your_requests=_action(
            parent,
            translate("WindowActions", "Your &requests…"),
            translate(
                "WindowActions", "Your privacy requests: their status, deadlines, follow-ups"
            ),
        ),
        check_links=_action(
            parent,
            translate("WindowActions", "Check &links…"),
            translate(
                "WindowActions", "Check that the catalog's settings pages still open (online)"
            ),
        ),
        check_policies=_action(
            parent,
            translate("WindowActions", "Check for &policy changes…"),
            translate(
                "WindowActions",
                "Compare the platforms' privacy policies with the last check (online)",
            ),
        ),
        weekly_check=_action(
            parent,
            translate("WindowActions", "Check for policy changes &weekly when the app starts"),
            translate(
                "WindowActions",
                "Once a week at start-up, fetch the policies of the platforms you reviewed "
                "(online)",
            ),
        ),
        data_location=_action(
            parent,
            translate("WindowActions", "Where your &data is…"),
            translate("WindowActions", "Where the checklist, settings and logs are kept"),
        ),
        help_contents=_action(
            parent,
            translate("WindowActions", "&Contents"),
            translate(
                "WindowActions", "How the review works, what each status means, where data is"
            ),
        ),
        about=_action(
            parent,
            translate("WindowActions", "&About Privacy Review"),
            translate("WindowActions", "Version and licence"),
        ),
        menu_bar=_action(
            parent,
            translate("WindowActions", "Menu bar"),
            translate("WindowActions", "Open the menu bar"),
        ),
    )
    actions.weekly_check.setCheckable(True)  # off until the store says otherwise
    return actions


def apply_shortcuts(actions: WindowActions) -> None:
    """Keyboard shortcuts and menu roles (macOS moves Quit and About to the app menu)."""
    for name, (kind, value) in SHORTCUTS.items():
        action: QAction = getattr(actions, name)
        if kind == "standard":
            action.setShortcuts(getattr(QKeySequence.StandardKey, value))
        else:
            action.setShortcut(QKeySequence(value))
    actions.quit.setMenuRole(QAction.MenuRole.QuitRole)
    actions.about.setMenuRole(QAction.MenuRole.AboutRole)


def build_menus(menu_bar: QMenuBar, actions: WindowActions) -> None:
    file_menu = menu_bar.addMenu(translate("WindowActions", "&File"))
    file_menu.addAction(actions.print_summary)
    file_menu.addAction(actions.save_summary)
    file_menu.addSeparator()
    file_menu.addAction(actions.export_checklist)
    file_menu.addAction(actions.import_checklist)
    file_menu.addSeparator()
    file_menu.addAction(actions.quit)

    edit_menu = menu_bar.addMenu(translate("WindowActions", "&Edit"))
    edit_menu.addAction(actions.find)
    edit_menu.addAction(actions.show_attention)
    edit_menu.addAction(actions.clear_filters)

    review_menu = menu_bar.addMenu(translate("WindowActions", "&Review"))
    review_menu.addAction(actions.start_review)
    review_menu.addAction(actions.review_attention)
    review_menu.addAction(actions.your_requests)

    tools_menu = menu_bar.addMenu(translate("WindowActions", "&Tools"))
    tools_menu.addAction(actions.check_links)
    tools_menu.addAction(actions.check_policies)
    tools_menu.addSeparator()
    tools_menu.addAction(actions.weekly_check)

    help_menu = menu_bar.addMenu(translate("WindowActions", "&Help"))
    help_menu.addAction(actions.help_contents)
    help_menu.addAction(actions.data_location)
    help_menu.addSeparator()
    help_menu.addAction(actions.about)


def build_toolbar(toolbar: QToolBar, actions: WindowActions) -> None:
    toolbar.setObjectName("main-toolbar")  # saveState() needs a name
    toolbar.setMovable(False)
    toolbar.addAction(actions.start_review)
    toolbar.addAction(actions.review_attention)
    toolbar.addSeparator()
    toolbar.addAction(actions.print_summary)
    toolbar.addAction(actions.export_checklist)
