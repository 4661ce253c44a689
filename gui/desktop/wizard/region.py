"""The user's region, which decides which region-bound controls the wizard shows.

The default comes from the system locale's territory (``QLocale``), mapped to an ISO 3166
code; the user can change it on the start page, and the choice is kept in the store.
"""

from __future__ import annotations

from PySide6.QtCore import QLocale

# Codes Qt lists as territories that are not countries: a user lives in a member state,
# and region rules ("EU", "EEA") are matched against member states.
_NOT_COUNTRIES = frozenset({"EU", "EZ", "UN", "QO"})  # not shown


def system_region() -> str | None:
    """The system locale's country code ("DE", "GB"), or None when the locale names none
    (the "C" locale, for one)."""
    territory = QLocale.system().territory()
    if territory == QLocale.Country.AnyTerritory:
        return None
    code = QLocale.territoryToCode(territory)
    return code if len(code) == 2 and code.isalpha() and code not in _NOT_COUNTRIES else None


def region_choices() -> list[tuple[str, str]]:
    """(code, name) for every country Qt knows, sorted by name for a type-to-find list."""
    seen: dict[str, str] = {}
    for territory in QLocale.Country:
        if territory == QLocale.Country.AnyTerritory:
            continue
        code = QLocale.territoryToCode(territory)
        # Qt also lists regions such as "Europe" (150) and "World" (001); only countries.
        if len(code) == 2 and code.isalpha() and code not in _NOT_COUNTRIES and code not in seen:
            seen[code] = QLocale.territoryToString(territory)
    return sorted(((code, name) for code, name in seen.items()), key=lambda item: item[1])
