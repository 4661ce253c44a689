"""Everything that needs Qt: start-up and app infrastructure (``app``, ``infra``), the
checklist window (``window``), the guided review (``wizard``), widgets both share
(``views``), PDF painting and print dialogs (``summary``) and worker threads (``online``).
Thin on top of ``gui.core``."""
