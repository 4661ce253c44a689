"""The platform catalog: what each platform collects and where a user can act on it.

Qt-free. ``load_catalog`` returns immutable objects; every problem with a file is a
``CatalogError`` naming the file, the entry and the field.
"""

from gui.core.catalog.catalog import Catalog, load_catalog
from gui.core.catalog.loader import load_platform_file, validate_file
from gui.core.catalog.model import (
    CONTROL_KINDS,
    GROUP_TITLES,
    GROUPS,
    RISK_LEVELS,
    TOPICS,
    Category,
    Control,
    Link,
    Platform,
    PolicyDocument,
    Quote,
)
from gui.core.catalog.problems import CatalogError, Problem

__all__ = [
    "CONTROL_KINDS",
    "GROUPS",
    "GROUP_TITLES",
    "RISK_LEVELS",
    "TOPICS",
    "Catalog",
    "CatalogError",
    "Category",
    "Control",
    "Link",
    "Platform",
    "PolicyDocument",
    "Problem",
    "Quote",
    "load_catalog",
    "load_platform_file",
    "validate_file",
]
