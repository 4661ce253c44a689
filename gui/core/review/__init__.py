"""The guided review without Qt: which categories, in which order (``plan``), and the
wizard's remembered choices in the store (``session``)."""
