"""The network checks' Qt half: the worker thread (``worker``) and the policy diff widget
(``diff_view``). The checks themselves are ``gui.core.online``."""
