"""Immutable catalog objects and the fixed vocabularies they use."""

from __future__ import annotations

import hashlib
import json
from dataclasses import asdict, dataclass, field
from datetime import date
from functools import cached_property
from typing import Any

from gui.core.i18n import N_, MessageTable

RISK_LEVELS = ("low", "medium", "high")
RISK_ORDER = {"high": 0, "medium": 1, "low": 2}

# What the user can do about a category, from strongest to weakest control.
CONTROL_KINDS = ("toggle", "form", "request", "dont-provide", "none", "delete-account")

TOPICS = (
    "ai-training",
    "ads",
    "biometrics",
    "location",
    "contacts",
    "identity-inference",
    "sharing",
    "messages",
    "profile",
    "account",
    "data-access",
    "activity",
    "device",
    "payments",
    "conversations",
    "human-review",
    "memory",
)

# Titles are gettext messages (gui.core.i18n), translated as they are read.
TOPIC_TITLES = MessageTable(
    {
        "ai-training": N_("AI training"),
        "ads": N_("Ads and ad targeting"),
        "biometrics": N_("Biometric data"),
        "location": N_("Location"),
        "contacts": N_("Contacts and address book"),
        "identity-inference": N_("Inferences about you"),
        "sharing": N_("Sharing with other companies"),
        "messages": N_("Private messages"),
        "profile": N_("Profile and career data"),
        "account": N_("Your account"),
        "data-access": N_("Getting a copy of your data"),
        "activity": N_("Activity and usage"),
        "device": N_("Device data"),
        "payments": N_("Payment data"),
        "conversations": N_("Conversations kept"),
        "human-review": N_("People reading your chats"),
        "memory": N_("Memory across chats"),
    }
)

# Platform groups, in the order the app lists them.
GROUPS = ("social", "messaging", "video-music", "professional", "ai-assistant", "services")
GROUP_TITLES = MessageTable(
    {
        "social": N_("Social networks"),
        "messaging": N_("Messaging"),
        "video-music": N_("Video and music"),
        "professional": N_("Work and careers"),
        "ai-assistant": N_("AI assistants"),
        "services": N_("Search, mail and other services"),
    }
)

# What a quote's source is, so the app can say "Quoted from the privacy policy of ...".
QUOTE_KINDS = ("policy", "terms", "help", "settings", "form")
# Kinds whose date is the document's effective date; the others carry the day they were read.
DATED_QUOTE_KINDS = ("policy", "terms")
POLICY_KINDS = ("policy", "terms", "regional-notice")

LINK_CONFIDENCE = ("confirmed", "third-party")

# How a privacy request reaches a platform: its web form, an e-mail address, or by post.
CONTACT_KINDS = ("web-form", "email", "postal")

# Regions a control can be limited to: "EU", "EEA", or an ISO 3166-1 alpha-2 country
# code ("GB" for the United Kingdom, "US", ...).
# fmt: off
EU_COUNTRIES = frozenset({
    "AT", "BE", "BG", "HR", "CY", "CZ", "DK", "EE", "FI", "FR", "DE", "GR", "HU", "IE",
    "IT", "LV", "LT", "LU", "MT", "NL", "PL", "PT", "RO", "SK", "SI", "ES", "SE",
})
# fmt: on
EEA_COUNTRIES = EU_COUNTRIES | {"IS", "LI", "NO"}


def region_applies(regions: tuple[str, ...], country: str) -> bool:
    """Whether a control limited to ``regions`` is offered to a user in ``country``.
    An empty tuple means worldwide."""
    if not regions:
        return True
    country = country.upper()
    for region in regions:
        if region == country:
            return True
        if region == "EU" and country in EU_COUNTRIES:
            return True
        if region == "EEA" and country in EEA_COUNTRIES:
            return True
    return False


@dataclass(frozen=True)
class PolicyDocument:
    id: str
    title: str
    url: str
    effective: date
    kind: str = "policy"  # one of POLICY_KINDS


@dataclass(frozen=True)
class Quote:
    text: str
    source: str
    policy_date: date
    kind: str = "policy"  # one of QUOTE_KINDS


@dataclass(frozen=True)
class Link:
    url: str
    label: str
    confidence: str  # one of LINK_CONFIDENCE


@dataclass(frozen=True)
class Contact:
    """Where a privacy request goes, as the platform's own policy gives it. ``value`` is the
    form's URL, the e-mail address or the postal address; ``source`` the policy page it was
    read on, on ``read``. ``regions`` empty means it applies everywhere."""

    kind: str  # one of CONTACT_KINDS
    value: str
    label: str
    source: str
    read: date
    regions: tuple[str, ...] = ()

    def applies_in(self, country: str | None) -> bool:
        return not self.regions or (country is not None and region_applies(self.regions, country))


@dataclass(frozen=True)
class Control:
    """What a user can do about a category where they live. ``regions`` is empty for the
    default control, which applies wherever no regional control names the user's country."""

    kind: str  # one of CONTROL_KINDS
    note: str
    steps: tuple[str, ...]
    undo: str
    links: tuple[Link, ...]
    regions: tuple[str, ...] = ()

    def applies_in(self, country: str) -> bool:
        return region_applies(self.regions, country)


@dataclass(frozen=True)
class Category:
    id: str
    title: str
    collected: str
    why: str
    quote: Quote
    risk: str
    control: str
    control_note: str
    links: tuple[Link, ...]
    steps: tuple[str, ...]
    undo: str
    topics: tuple[str, ...]
    verified: date
    # Controls that replace the default one in some regions (collection is worldwide; only
    # what the user can do about it differs).
    regional: tuple[Control, ...] = ()
    # Entries of other platforms about the same data, as "platform/category".
    see_also: tuple[str, ...] = ()

    @cached_property
    def default_control(self) -> Control:
        return Control(self.control, self.control_note, self.steps, self.undo, self.links)

    def control_for(self, country: str | None) -> Control:
        """The control a user in ``country`` has; the default one when the country is not
        known or no regional control names it."""
        if country:
            for control in self.regional:
                if control.applies_in(country):
                    return control
        return self.default_control

    @property
    def controls(self) -> tuple[Control, ...]:
        """The default control first, then the regional ones."""
        return (self.default_control, *self.regional)

    @cached_property  # computed once: the checklist asks for it on every reload
    def fingerprint(self) -> str:
        """A hash of what the category says, so a decision can tell when the catalog changed
        since the user decided. The verified date is left out: re-checking a category
        without changing it must not ask everyone to decide again."""
        content = asdict(self)
        content.pop("verified")
        content.pop("default_control", None)
        blob = json.dumps(content, sort_keys=True, default=str, ensure_ascii=False)
        return hashlib.sha256(blob.encode("utf-8")).hexdigest()[:16]


@dataclass(frozen=True)
class Platform:
    id: str
    name: str
    domains: tuple[str, ...]
    policies: tuple[PolicyDocument, ...]
    categories: tuple[Category, ...]
    group: str = "social"  # one of GROUPS
    # Privacy contacts for requests (may be empty: the catalog then knows no sourced one).
    contacts: tuple[Contact, ...] = ()
    source_path: str = field(default="", compare=False)
    bundled: bool = field(default=True, compare=False)

    def category(self, category_id: str) -> Category | None:
        for category in self.categories:
            if category.id == category_id:
                return category
        return None

    def contacts_for(self, country: str | None) -> tuple[Contact, ...]:
        """The contacts a user in ``country`` writes to: the regional ones first."""
        regional = tuple(c for c in self.contacts if c.regions and c.applies_in(country))
        return regional + tuple(c for c in self.contacts if not c.regions)

    def to_json(self) -> dict[str, Any]:
        """The parsed platform as plain JSON-ready data (dates as ISO strings)."""
        data = asdict(self)
        data.pop("source_path")
        data.pop("bundled")
        result: dict[str, Any] = json.loads(json.dumps(data, default=str))
        return result
