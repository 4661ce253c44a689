"""The bundled catalog, per platform: it validates, ids are unique and stable-looking, every
category cites a source on the platform's own domains, and every link stays on them."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from gui.core.catalog import load_catalog, load_platform_file
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
    x = load_catalog().platform("x")
    assert x is not None
    by_id = {c.id: c for c in x.categories}
    for needle in ("biometric", "employment", "grok", "age"):
        assert any(needle in i for i in by_id), needle
    # The Grok setting is a real switch; X's own AI training has none.
    assert by_id["grok-xai-training"].control == "toggle"
    assert by_id["ai-training-x-models"].control == "none"
    assert by_id["biometrics"].control == "dont-provide"


def test_topic_overview_ranks_platforms_by_the_control_they_offer() -> None:
    catalog = load_catalog()
    overview = topic_overview(catalog, "ai-training")
    standings = {item.platform.id: item.standing for item in overview}
    assert standings["x"] == SWITCH  # the Grok toggle
    assert standings["google"] == NO_CONTROL
    order = [item.standing for item in overview]
    assert order == sorted(order, key=(SWITCH, FORM, NO_CONTROL).index)
    assert "ai-training" in topics_in(catalog)


def test_topic_overview_respects_regions() -> None:
    catalog = load_catalog()
    facebook = catalog.platform("facebook")
    if facebook is None:
        pytest.skip("facebook catalog not bundled")
    eu_only = [c for c in facebook.categories if c.regions and "ai-training" in c.topics]
    assert eu_only, "Meta's AI objection form is region-bound"
    in_germany = {i.platform.id: i for i in topic_overview(catalog, "ai-training", "DE")}
    in_us = {i.platform.id: i for i in topic_overview(catalog, "ai-training", "US")}
    # The region-bound form counts in Germany; in the US only worldwide controls count.
    assert in_germany["facebook"].standing in (SWITCH, FORM)
    us_controls = [c for c in in_us["facebook"].categories if not c.regions]
    if all(c.control in ("none", "dont-provide", "delete-account") for c in us_controls):
        assert in_us["facebook"].standing == NO_CONTROL
