"""Online checks: does a platform's privacy policy still say what it said, and do the
catalog's links still lead somewhere.

Nothing here runs unless the user asks. The modules are Qt-free except ``worker`` and
``diff_view``; ``requests`` is imported only when a check actually starts, so neither the
command line nor the window pays for it at startup.
"""
