"""Privacy Review: a guided, offline review of what social platforms collect about you."""

__version__ = "0.1.0"
