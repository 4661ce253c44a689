"""The validated catalog cache: used only when a file's bytes, the app version and the schema
match; rebuilt when a file changes; ignored when corrupt or written by another version; and
always the same catalog as a fresh parse."""

from __future__ import annotations

import json
import shutil
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from gui.core.catalog import CatalogError, load_catalog
from gui.core.catalog import cache as cache_module
from gui.core.catalog.cache import CACHE_NAME

from conftest import CATALOG_DIR

GOOD = Path(__file__).resolve().parents[1] / "data" / "catalogs" / "good" / "example.toml"


@pytest.fixture
def bundled(tmp_path: Path) -> Path:
    directory = tmp_path / "bundled"
    shutil.copytree(CATALOG_DIR, directory)
    return directory


def parses(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The files parsed afresh (not read from the cache) from now on."""
    seen: list[str] = []
    real = cache_module.parse_platform_bytes

    def counting(raw: bytes, shown: str, **kwargs: object) -> object:
        seen.append(Path(shown).stem)
        return real(raw, shown, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(cache_module, "parse_platform_bytes", counting)
    return seen


def test_the_cached_catalog_equals_a_fresh_parse(bundled: Path, tmp_path: Path) -> None:
    cache_dir = tmp_path / "cache"
    fresh = load_catalog(bundled)
    first = load_catalog(bundled, cache_dir=cache_dir)
    cached = load_catalog(bundled, cache_dir=cache_dir)
    assert (cache_dir / CACHE_NAME).is_file()
    assert cached == fresh == first
    assert cached.version == fresh.version
    for platform in cached.platforms:
        fresh_platform = fresh.platform(platform.id)
        assert fresh_platform is not None
        assert [c.fingerprint for c in platform.categories] == [
            c.fingerprint for c in fresh_platform.categories
        ]


def test_a_warm_cache_parses_nothing_and_a_changed_file_is_parsed_again(
    bundled: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    cache_dir = tmp_path / "cache"
    load_catalog(bundled, cache_dir=cache_dir)
    seen = parses(monkeypatch)
    load_catalog(bundled, cache_dir=cache_dir)
    assert seen == []
    x = bundled / "x.toml"
    x.write_text(x.read_text(encoding="utf-8").replace("X (formerly Twitter)", "X"), "utf-8")
    catalog = load_catalog(bundled, cache_dir=cache_dir)
    assert seen == ["x"]
    platform = catalog.platform("x")
    assert platform is not None and platform.name == "X"


def test_a_changed_file_that_is_now_invalid_is_refused_not_served_from_the_cache(
    bundled: Path, tmp_path: Path
) -> None:
    cache_dir = tmp_path / "cache"
    load_catalog(bundled, cache_dir=cache_dir)
    x = bundled / "x.toml"
    x.write_text(x.read_text(encoding="utf-8").replace('risk = "high"', 'risk = "huge"'), "utf-8")
    with pytest.raises(CatalogError, match="risk: unknown value 'huge'"):
        load_catalog(bundled, cache_dir=cache_dir)


@pytest.mark.parametrize(
    "damage",
    [
        lambda path: path.write_bytes(b"\x00garbage{"),
        lambda path: path.write_text("[]", encoding="utf-8"),
        lambda path: path.write_text(
            json.dumps({**json.loads(path.read_text("utf-8")), "stamp": "0.0.1/1/other"}), "utf-8"
        ),
        lambda path: path.write_text(
            json.dumps(
                {
                    **json.loads(path.read_text("utf-8")),
                    "entries": {
                        key: {**entry, "platform": {"id": 3}}
                        for key, entry in json.loads(path.read_text("utf-8"))["entries"].items()
                    },
                }
            ),
            "utf-8",
        ),
    ],
    ids=["not-json", "wrong-shape", "other-version", "bad-entries"],
)
def test_a_corrupt_or_foreign_cache_is_ignored_and_rebuilt(
    bundled: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, damage: object
) -> None:
    cache_dir = tmp_path / "cache"
    fresh = load_catalog(bundled)
    load_catalog(bundled, cache_dir=cache_dir)
    damage(cache_dir / CACHE_NAME)  # type: ignore[operator]
    seen = parses(monkeypatch)
    assert load_catalog(bundled, cache_dir=cache_dir) == fresh
    assert sorted(seen) == sorted(p.id for p in fresh.platforms)
    seen.clear()
    load_catalog(bundled, cache_dir=cache_dir)  # rebuilt: warm again
    assert seen == []


def test_an_unwritable_cache_dir_costs_speed_only(bundled: Path, tmp_path: Path) -> None:
    blocker = tmp_path / "cache"
    blocker.write_text("a file where the cache dir should be", encoding="utf-8")
    assert load_catalog(bundled, cache_dir=blocker) == load_catalog(bundled)


_TEXT = st.text(
    alphabet=st.characters(blacklist_categories=("Cs", "Cc")), min_size=1, max_size=40
).filter(lambda s: s.strip() and "<" not in s and "&" not in s and '"' not in s and "\\" not in s)


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(title=_TEXT, note=_TEXT, risk=st.sampled_from(["low", "medium", "high"]))
def test_cache_and_fresh_parse_agree_on_any_valid_file(
    tmp_path: Path, title: str, note: str, risk: str
) -> None:
    directory = Path(tempfile.mkdtemp(dir=tmp_path))  # one per example
    text = GOOD.read_text(encoding="utf-8")
    text = text.replace('"Your posts used to train AI"', json.dumps(title, ensure_ascii=False))
    text = text.replace('"The switch stops future use only."', json.dumps(note, ensure_ascii=False))
    text = text.replace('risk = "high"', f'risk = "{risk}"', 1)
    (directory / "example.toml").write_text(text, encoding="utf-8")
    empty = tmp_path / "empty-bundled"
    empty.mkdir(exist_ok=True)
    cache_dir = directory / "cache"
    fresh = load_catalog(empty, directory)
    load_catalog(empty, directory, cache_dir=cache_dir)
    cached = load_catalog(empty, directory, cache_dir=cache_dir)
    assert cached == fresh and not fresh.skipped
    assert [c.fingerprint for c in cached.platforms[0].categories] == [
        c.fingerprint for c in fresh.platforms[0].categories
    ]
