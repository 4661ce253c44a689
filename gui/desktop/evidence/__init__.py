"""Reading a data export from the window: File > Read a data export… (or a ZIP dropped on
the window), a progress dialog with cancel while a worker thread reads, then what the
export shows. The reading itself is ``gui.core.evidence``.

- ``worker.ExportRead``: one reading on a ``QThread``.
- ``read_dialog.ReadExportDialog``: choose the file and the platform, read, report.
- ``findings_view.FindingsView``: "What your export shows" inside ``CategoryView``.
- ``overview.ExportOverview``: per platform, everything one export showed, and forgetting it.
- ``menu.install_evidence``: puts it in the window.
"""
