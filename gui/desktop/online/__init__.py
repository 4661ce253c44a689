"""The network checks' Qt half: the worker thread (``worker``), the policy diff widget
(``diff_view``) and the kind of check the window runs (``check_kind``). The checks
themselves are ``gui.core.online``."""
