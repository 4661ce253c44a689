"""Widgets shared by the wizard and the checklist window.

- ``category_view.CategoryView``: one category's content (what, why, quote, steps, links).
- ``decision_editor.DecisionEditor``: the user's decision on one category, with a note.
- ``browser``: the only way the app opens a web page, after checking the address.

Nothing is imported here, so importing one module does not pull in the others.
"""
