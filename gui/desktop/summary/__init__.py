"""The printed summary's Qt half: PDF painting (``pdf``) and the print preview and save
dialogs (``dialogs``). The document itself is ``gui.core.summary``."""
