"""Every validation rule has its own bad file in tests/data/catalogs/bad/, whose first line
names the problem it must produce (``# expect: field: message``)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from gui.core.catalog import CatalogError, load_catalog, load_platform_file, validate_file
from gui.core.catalog.loader import MAX_FILE_BYTES
from gui.core.catalog.rules import host_on_domains

DATA = Path(__file__).resolve().parents[1] / "data" / "catalogs"
BAD_FILES = sorted((DATA / "bad").glob("*.toml"))
GOOD = DATA / "good" / "example.toml"


def expected_problem(path: Path) -> str:
    first = path.read_bytes().split(b"\n", 1)[0].decode("ascii")
    assert first.startswith("# expect: "), f"{path.name} must start with '# expect: '"
    return first.removeprefix("# expect: ")


def test_the_good_example_loads_with_every_field() -> None:
    platform = load_platform_file(GOOD)
    assert platform.id == "example"
    assert platform.domains == ("example.com",)
    ai, eu = platform.categories
    assert ai.links[0].url == "https://settings.example.com/ai"
    assert ai.steps == ("Open Settings.", "Turn off AI training.")
    assert ai.quote.policy_date == date(2025, 1, 1)
    # Schema 1: the control applies only in its regions; elsewhere none is named.
    in_germany = eu.control_for("DE")
    assert in_germany.regions == ("EU", "GB") and in_germany.kind == "form"
    assert eu.control_for("US").kind == "none"
    assert in_germany.links == () and in_germany.undo == ""


@pytest.mark.parametrize("path", BAD_FILES, ids=[p.stem for p in BAD_FILES])
def test_each_bad_file_is_rejected_with_its_location(path: Path) -> None:
    problems = validate_file(path)
    shown = [str(problem) for problem in problems]
    expected = expected_problem(path)
    assert any(expected in line for line in shown), shown
    # Every problem line starts with the file it is about.
    assert all(line.startswith(f"{path}: ") for line in shown)


def test_bad_files_cover_every_rule() -> None:
    names = {p.stem for p in BAD_FILES}
    rules = {
        "unknown-field", "missing-field", "wrong-type", "duplicate-id", "unknown-topic",
        "unknown-control", "unknown-risk", "http-url", "foreign-host", "javascript-url",
        "file-url", "data-url", "future-date", "malformed-date", "markup-tag", "markup-entity",
    }  # fmt: skip
    assert rules <= names


def test_file_over_one_megabyte_is_rejected_without_parsing(tmp_path: Path) -> None:
    big = tmp_path / "big.toml"
    big.write_bytes(GOOD.read_bytes() + b"#" * MAX_FILE_BYTES)
    [problem] = validate_file(big)
    assert "the limit is 1000000" in problem.message


def test_unreadable_path_is_a_catalog_error(tmp_path: Path) -> None:
    with pytest.raises(CatalogError, match="cannot read file"):
        load_platform_file(tmp_path / "missing.toml")


def test_future_is_relative_to_today() -> None:
    # The same file is valid on a later day and rejected on an earlier one.
    assert validate_file(GOOD, today=date(2025, 6, 1)) == []
    problems = validate_file(GOOD, today=date(2025, 5, 31))
    assert {p.field for p in problems} == {"verified"}


@pytest.mark.parametrize(
    ("host", "ok"),
    [
        ("example.com", True),
        ("settings.example.com", True),
        ("EXAMPLE.com", True),
        ("notexample.com", False),
        ("example.com.evil.net", False),
    ],
)
def test_host_on_domains(host: str, ok: bool) -> None:
    assert host_on_domains(host, ("example.com",)) is ok


def write_platform(folder: Path, platform_id: str, source: Path = GOOD) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    text = source.read_text().replace('id = "example"', f'id = "{platform_id}"', 1)
    path = folder / f"{platform_id}.toml"
    path.write_text(text)
    return path


def test_a_bad_user_file_is_skipped_and_reported(tmp_path: Path) -> None:
    bundled = tmp_path / "bundled"
    write_platform(bundled, "alpha")
    user = tmp_path / "user"
    write_platform(user, "beta")
    broken = user / "gamma.toml"
    broken.write_text('schema = 1\nid = "gamma"\nname = "<b>Gamma</b>"\n')
    catalog = load_catalog(bundled_dir=bundled, user_dir=user)
    assert [p.id for p in catalog.platforms] == ["alpha", "beta"]
    assert catalog.platform("beta") is not None and not catalog.platform("beta").bundled
    assert {p.path for p in catalog.skipped} == {str(broken)}
    assert any(p.field == "name" for p in catalog.skipped)


def test_a_user_file_cannot_replace_a_bundled_platform(tmp_path: Path) -> None:
    write_platform(tmp_path / "bundled", "alpha")
    write_platform(tmp_path / "user", "alpha")
    catalog = load_catalog(bundled_dir=tmp_path / "bundled", user_dir=tmp_path / "user")
    assert len(catalog.platforms) == 1 and catalog.platforms[0].bundled
    [problem] = catalog.skipped
    assert problem.field == "id" and "already exists" in problem.message


def test_a_broken_bundled_file_stops_loading(tmp_path: Path) -> None:
    bundled = tmp_path / "bundled"
    write_platform(bundled, "alpha")
    (bundled / "beta.toml").write_text("not toml at all [")
    with pytest.raises(CatalogError) as caught:
        load_catalog(bundled_dir=bundled)
    assert caught.value.path == str(bundled / "beta.toml")


def test_fingerprint_ignores_verified_date_but_not_content(tmp_path: Path) -> None:
    original = load_platform_file(GOOD).categories[0]
    reverified = tmp_path / "a" / "example.toml"
    reverified.parent.mkdir()
    reverified.write_text(
        GOOD.read_text().replace("verified = 2025-06-01", "verified = 2025-07-01")
    )
    changed = tmp_path / "b" / "example.toml"
    changed.parent.mkdir()
    changed.write_text(GOOD.read_text().replace("Turn off AI training.", "Switch off AI."))
    assert load_platform_file(reverified).categories[0].fingerprint == original.fingerprint
    assert load_platform_file(changed).categories[0].fingerprint != original.fingerprint


@pytest.mark.parametrize(
    ("domain", "message"),
    [
        ("com", "is a public suffix"),
        ("co.uk", "is a public suffix"),
        ("github.io", "is a public suffix"),
        ("localhost", "is not a public domain name"),
        ("127.0.0.1", "is an IP address"),
        ("intranet", "is not a public domain name"),
        ("router.test", "is not a public domain name"),
    ],
)
def test_platform_domains_must_be_registrable(tmp_path: Path, domain: str, message: str) -> None:
    """A user catalog must not widen where links and redirects may go to a whole suffix, to
    this machine or to an address."""
    text = GOOD.read_text(encoding="utf-8").replace(
        'domains = ["example.com"]', f'domains = ["{domain}"]'
    )
    path = tmp_path / "example.toml"
    path.write_text(text, encoding="utf-8")
    shown = [str(p) for p in validate_file(path)]
    assert any(f"domains: {domain!r} {message}" in line for line in shown), shown


@pytest.mark.parametrize("domain", ["example.com", "privacycenter.instagram.com", "x.example"])
def test_registrable_domains_and_reserved_test_names_pass(tmp_path: Path, domain: str) -> None:
    text = GOOD.read_text(encoding="utf-8").replace(
        'domains = ["example.com"]',
        "domains = " + str(list(dict.fromkeys([domain, "example.com"]))).replace("'", '"'),
    )
    path = tmp_path / "example.toml"
    path.write_text(text, encoding="utf-8")
    assert not [p for p in validate_file(path) if p.field == "domains"]


def test_deeply_dotted_keys_are_refused_before_parsing(tmp_path: Path) -> None:
    """tomllib is quadratic in key depth (a 120 kB file took 88 s): refused up front."""
    path = tmp_path / "example.toml"
    path.write_text("a" + ".a" * 50_000 + " = 1\n", encoding="utf-8")
    (problem,) = validate_file(path)
    assert "keys nested deeper than" in problem.message


def test_an_id_with_a_trailing_newline_is_refused() -> None:
    from gui.core.catalog.rules import is_id

    assert is_id("grok-ai-training")
    assert not is_id("grok-ai-training\n")


def test_a_fifo_is_refused_without_reading(tmp_path: Path) -> None:
    import os

    fifo = tmp_path / "example.toml"
    os.mkfifo(fifo)
    (problem,) = validate_file(fifo)
    assert problem.message == "not a regular file"
