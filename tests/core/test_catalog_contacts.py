"""Privacy contacts in catalog files: validated like links (on the platform's own domains,
dated, no markup), carried through the cache, and sourced in the bundled platforms."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from gui.core.catalog import CatalogError, load_platform_file
from gui.core.catalog.cache import platform_from_json, platform_to_json
from gui.core.requests.letters import established_in_ireland

from conftest import CATALOG_DIR
from support.store_helpers import catalog_toml

TODAY = date(2026, 12, 1)


def with_contacts(tmp_path: Path, contacts: str) -> Path:
    path = tmp_path / "example.toml"
    path.write_text(catalog_toml() + "\n" + contacts, encoding="utf-8")
    return path


GOOD = """
[[contacts]]
kind = "email"
value = "dpo@example.com"
label = "Data Protection Officer"
source = "https://example.com/privacy"
read = 2026-08-01

[[contacts]]
kind = "postal"
value = "Example Ltd, 1 Road, Dublin 2, Ireland"
label = "Controller for the EU"
source = "https://example.com/privacy"
read = 2026-08-01
regions = ["EEA"]
"""


def test_contacts_load_and_survive_the_cache(tmp_path: Path) -> None:
    platform = load_platform_file(with_contacts(tmp_path, GOOD), today=TODAY)
    assert [c.kind for c in platform.contacts] == ["email", "postal"]
    assert platform.contacts[1].regions == ("EEA",)
    assert platform.contacts[0].read == date(2026, 8, 1)
    assert [c.kind for c in platform.contacts_for("DE")] == ["postal", "email"]
    assert [c.kind for c in platform.contacts_for("US")] == ["email"]
    assert established_in_ireland(platform)
    again = platform_from_json(platform_to_json(platform), platform.source_path)
    assert again.contacts == platform.contacts


@pytest.mark.parametrize(
    ("contact", "message"),
    [
        ('kind = "email"\nvalue = "dpo@evil.example.net"', "is not one of the platform's domains"),
        ('kind = "email"\nvalue = "not an address"', "not an e-mail address"),
        ('kind = "web-form"\nvalue = "https://evil.example.net/form"', "not one of the platform"),
        ('kind = "web-form"\nvalue = "http://example.com/form"', "only https URLs"),
        ('kind = "fax"\nvalue = "+1 555"', "kind"),
        ('kind = "postal"\nvalue = "<b>1 Road</b>"', "markup is not allowed"),
    ],
)
def test_bad_contacts_are_refused(tmp_path: Path, contact: str, message: str) -> None:
    text = f"""
[[contacts]]
{contact}
label = "DPO"
source = "https://example.com/privacy"
read = 2026-08-01
"""
    with pytest.raises(CatalogError, match=message):
        load_platform_file(with_contacts(tmp_path, text), today=TODAY)


def test_a_contact_read_in_the_future_or_from_another_site_is_refused(tmp_path: Path) -> None:
    future = GOOD.replace("read = 2026-08-01", "read = 2027-01-01", 1)
    with pytest.raises(CatalogError, match="in the future"):
        load_platform_file(with_contacts(tmp_path, future), today=TODAY)
    elsewhere = GOOD.replace("https://example.com/privacy", "https://evil.example.net/", 1)
    with pytest.raises(CatalogError, match="not one of the platform's domains"):
        load_platform_file(with_contacts(tmp_path, elsewhere), today=TODAY)


def test_bundled_contacts_are_sourced_from_the_platforms_policies() -> None:
    irish = set()
    without = set()
    for path in sorted(CATALOG_DIR.glob("*.toml")):
        platform = load_platform_file(path)
        if not platform.contacts:
            without.add(platform.id)
        if established_in_ireland(platform):
            irish.add(platform.id)
        for contact in platform.contacts:
            assert contact.source.startswith("https://"), (platform.id, contact)
    # The platforms whose own policy gives an EU controller in Ireland.
    assert {"x", "facebook", "instagram", "linkedin", "tiktok", "whatsapp"} <= irish
    # No contact in the policy texts read: these letters go without an addressee.
    assert {"google", "youtube", "gemini"} <= without
    assert "grok" not in irish  # its Dublin address is an EU representative, not the controller
