"""The bundled catalog, per platform: it validates, ids are unique and stable-looking, every
category cites a source on the platform's own domains, and every link stays on them."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from gui.core.catalog import load_catalog, load_platform_file
from gui.core.catalog.controls import regional_text
from gui.core.catalog.model import GROUPS, QUOTE_KINDS
from gui.core.catalog.rules import host_on_domains
from gui.core.topics import FORM, NO_CONTROL, SWITCH, topic_overview, topics_in

from conftest import CATALOG_DIR

FILES = sorted(CATALOG_DIR.glob("*.toml"))
STABLE_ID = re.compile(r"^[a-z][a-z0-9]*(-[a-z0-9]+)*$")


@pytest.mark.parametrize("path", FILES, ids=[p.stem for p in FILES])
def test_platform_file(path: Path) -> None:
    platform = load_platform_file(path)
    ids = [c.id for c in platform.categories]
    assert len(ids) == len(set(ids))
    assert all(STABLE_ID.match(i) and len(i) <= 40 for i in ids), ids
    policy_urls = {p.url for p in platform.policies}
    for category in platform.categories:
        assert category.quote.text and category.quote.source
        assert host_on_domains(urlsplit(category.quote.source).hostname or "", platform.domains)
        assert category.verified <= date.today()
        assert category.steps, category.id
        for link in category.links:
            assert link.url.startswith("https://")
            assert host_on_domains(urlsplit(link.url).hostname or "", platform.domains)
            assert link.confidence in ("confirmed", "third-party")
    assert policy_urls, "a platform cites at least one policy document"


def test_x_covers_the_categories_in_the_news() -> None:
    x = load_catalog(CATALOG_DIR).platform("x")
    assert x is not None
    by_id = {c.id: c for c in x.categories}
    for needle in ("biometric", "employment", "grok", "age"):
        assert any(needle in i for i in by_id), needle
    # The Grok setting is a real switch; X's own AI training has none.
    assert by_id["grok-xai-training"].control == "toggle"
    assert by_id["ai-training-x-models"].control == "none"
    assert by_id["biometrics"].control == "dont-provide"


def test_topic_overview_ranks_platforms_by_the_control_they_offer() -> None:
    catalog = load_catalog(CATALOG_DIR)
    overview = topic_overview(catalog, "ai-training")
    standings = {item.platform.id: item.standing for item in overview}
    assert standings["x"] == SWITCH  # the Grok toggle
    assert standings["google"] == NO_CONTROL
    order = [item.standing for item in overview]
    assert order == sorted(order, key=(SWITCH, FORM, NO_CONTROL).index)
    assert "ai-training" in topics_in(catalog)


def test_meta_ai_training_is_shown_everywhere_with_the_control_of_each_region() -> None:
    """Collection is worldwide; only the control is regional. A US user sees the category
    with no control and learns what people in the EU and UK can do."""
    catalog = load_catalog(CATALOG_DIR)
    facebook = catalog.platform("facebook")
    assert facebook is not None
    ai = facebook.category("ai-training")
    assert ai is not None
    assert ai.control_for("US").kind == "none"
    assert ai.control_for("DE").kind == "form"
    assert ai.control_for("GB").kind == "form"
    form = "https://www.facebook.com/help/contact/6359191084165019"
    assert form in {link.url for link in ai.control_for("DE").links}
    assert form not in {link.url for link in ai.control_for("US").links}
    text = regional_text(ai, "US")
    assert "In the EEA and the UK: you can send a form." in text
    assert "Where you live (the US): no control is offered." in text

    in_germany = {i.platform.id: i for i in topic_overview(catalog, "ai-training", "DE")}
    in_us = {i.platform.id: i for i in topic_overview(catalog, "ai-training", "US")}
    anywhere = {i.platform.id: i for i in topic_overview(catalog, "ai-training")}
    assert in_germany["meta-ai"].standing == FORM
    assert in_us["meta-ai"].standing == NO_CONTROL
    # Without a region, the overview lists both: the default and what the EEA and UK get.
    assert anywhere["meta-ai"].standing == NO_CONTROL
    assert ((("EEA", "GB"), FORM)) in anywhere["meta-ai"].regional


def test_every_platform_has_a_group_and_see_also_points_at_real_entries() -> None:
    catalog = load_catalog(CATALOG_DIR)
    assert {p.group for p in catalog.platforms} <= set(GROUPS)
    for platform in catalog.platforms:
        for category in platform.categories:
            for ref in category.see_also:
                other_id, _, category_id = ref.partition("/")
                other = catalog.platform(other_id)
                assert other is not None and other.category(category_id), (platform.id, ref)


def test_every_quote_says_what_kind_of_source_it_is() -> None:
    for platform in load_catalog(CATALOG_DIR).platforms:
        for category in platform.categories:
            assert category.quote.kind in QUOTE_KINDS, (platform.id, category.id)
