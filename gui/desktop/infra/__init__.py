"""App infrastructure around the window: start-up order (``startup``), the single-instance
lock (``single_instance``), logging and diagnostics (``diagnostics``), the crash dialog
(``crash``)."""
