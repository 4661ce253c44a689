"""Everything that runs without Qt: the catalog, the checklist store, the checklist rows and
topic overview, the printed summary's document and text renderers, the network checks, and
the guided review's plan. Nothing under ``gui.core`` imports PySide6 (an import contract in
CI checks it), so it is tested without a window and used alike by the window and the
command line."""
