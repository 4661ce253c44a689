"""The app's one vocabulary for what a user decided and what a category is, in plain words.

The store keeps a decision's status as a machine-readable value ("opted-out", "kept", ...);
what the user sees is the choice they picked, worded for the control they have: "I turned it
off" for a switch, "I sent the form" for a form, "I don't provide it" where not providing
the data is the only control. The tree, the detail pane, the summary, the command line and
the exports all take their words from here, so the same decision never reads "I don't
provide it" in one place and "Opted out" in another.

Qt-free and free of the checklist module (statuses are looked up by their stored value, and
a ``Status`` is a str), so that ``gui.core.checklist`` can import it.

The words are gettext messages (``gui.core.i18n``): the tables translate each word as it is
read, and the functions return translated words; the stored values never are.
"""

from __future__ import annotations

from collections.abc import Mapping

from gui.core.catalog.controls import is_action
from gui.core.catalog.model import Category
from gui.core.i18n import N_, MessageTable, _

__all__ = [
    "CHOICE_WORDS",
    "GENERIC_WORDS",
    "LATER_WORDS",
    "NOT_APPLICABLE_WORDS",
    "RISK_WORDS",
    "UNREVIEWED_WORDS",
    "choice_words",
    "control_kind",
    "is_action",
    "risk_words",
    "shown_risk",
    "status_words",
]

# Messages, untranslated (marked for extraction): ``status_words`` gives them translated.
NOT_APPLICABLE_WORDS = N_("Does not apply to me")
LATER_WORDS = N_("Decide later")
UNREVIEWED_WORDS = N_("Not reviewed")

# The choices a user picks from, by control kind and stored status value, in the order they
# are offered. "none" has no opted-out choice: where no control exists there is nothing to
# opt out of. The desktop adds its keyboard mnemonics to these words; the words stay these.
CHOICE_WORDS: dict[str, MessageTable[str]] = {
    "toggle": MessageTable(
        {
            "opted-out": N_("I turned it off"),
            "kept": N_("I left it on"),
            "not-applicable": NOT_APPLICABLE_WORDS,
            "later": LATER_WORDS,
        }
    ),
    "form": MessageTable(
        {
            "opted-out": N_("I sent the form"),
            "kept": N_("I left it (no form sent)"),
            "not-applicable": NOT_APPLICABLE_WORDS,
            "later": LATER_WORDS,
        }
    ),
    "request": MessageTable(
        {
            "opted-out": N_("I made the request"),
            "kept": N_("I left it (no request made)"),
            "not-applicable": NOT_APPLICABLE_WORDS,
            "later": LATER_WORDS,
        }
    ),
    "dont-provide": MessageTable(
        {
            "opted-out": N_("I don't provide it"),
            "kept": N_("I left it as it is"),
            "not-applicable": NOT_APPLICABLE_WORDS,
            "later": LATER_WORDS,
        }
    ),
    "none": MessageTable(
        {
            "kept": N_("I left it as it is"),
            "not-applicable": NOT_APPLICABLE_WORDS,
            "later": LATER_WORDS,
        }
    ),
    "delete-account": MessageTable(
        {
            "opted-out": N_("I deleted my account"),
            "kept": N_("I kept my account"),
            "not-applicable": NOT_APPLICABLE_WORDS,
            "later": LATER_WORDS,
        }
    ),
}

# Where the control kind is unknown (a category retired from the catalog) or a status is
# not one of its choices (decided under an older entry), and for lists of every status such
# as the status filter.
GENERIC_WORDS = MessageTable(
    {
        "opted-out": N_("Opted out"),
        "kept": N_("Left as it is"),
        "not-applicable": NOT_APPLICABLE_WORDS,
        "later": LATER_WORDS,
    }
)

# The risk levels in words ("high risk"), by the catalog's value.
RISK_WORDS = MessageTable(
    {
        "low": N_("low risk"),
        "medium": N_("medium risk"),
        "high": N_("high risk"),
    }
)


def choice_words(kind: str | None) -> Mapping[str, str]:
    """The choices offered for a control kind, by stored status value (None or an unknown
    kind: the generic words)."""
    return CHOICE_WORDS.get(kind or "", GENERIC_WORDS)


def status_words(status: str | None, kind: str | None = None) -> str:
    """What a decision is called wherever it is shown: the words the user picked for a
    category whose control (where the user lives) is ``kind``. ``status`` is the stored
    value (a ``Status`` works: it is a str); None means not reviewed."""
    if status is None:
        return _(UNREVIEWED_WORDS)
    choices = CHOICE_WORDS.get(kind or "")
    if choices is not None and status in choices:
        return choices[status]
    return GENERIC_WORDS.get(status, status)


def control_kind(category: Category | None, region: str | None) -> str | None:
    """The kind of control a user in ``region`` has (None: the category left the catalog)."""
    return category.control_for(region).kind if category is not None else None


# ---- categories that are actions --------------------------------------------------------

# Getting a copy of your data and closing the account are things to do, not data at risk:
# they carry no risk level anywhere. The rule lives with the catalog's controls
# (``gui.core.catalog.controls.is_action``, which the window's badge uses too).


def shown_risk(category: Category, country: str | None = None) -> str:
    """The risk level to show ("low", "medium", "high"), or "" for an action."""
    return "" if is_action(category, country) else category.risk


def risk_words(category: Category, country: str | None = None) -> str:
    """ "high risk", or "" for an action (a level the schema does not know: as it is)."""
    risk = shown_risk(category, country)
    return RISK_WORDS.get(risk, risk) if risk else ""
