"""The bundled evidence maps: valid against resources/schemas/evidence.schema.json, and every
category they name exists in the bundled catalog. Broken maps fail with plain problems."""

from __future__ import annotations

import sys
import tomllib
from pathlib import Path

import pytest

from gui.core.catalog import load_catalog
from gui.core.evidence.maps import bundled_maps, map_problems, maps_dir, parse_map

from conftest import CATALOG_DIR


def test_every_bundled_map_is_valid_and_names_real_categories() -> None:
    catalog = load_catalog(bundled_dir=CATALOG_DIR)
    maps = bundled_maps()
    assert {m.platform for m in maps} >= {"x", "linkedin", "facebook", "instagram", "google"}
    for evidence_map in maps:
        for entry in evidence_map.evidence:
            platform = catalog.platform(entry.platform_id)
            assert platform is not None, (evidence_map.platform, entry.id)
            assert platform.category(entry.category_id) is not None, (
                evidence_map.platform,
                entry.id,
                entry.category_id,
            )


def _data(name: str = "x.toml") -> dict:  # type: ignore[type-arg]
    return tomllib.loads((maps_dir() / name).read_text(encoding="utf-8"))


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (lambda d: d.pop("detect"), "'detect' is a required property"),
        (lambda d: d["evidence"][0].update(format="xml"), "evidence.0.format"),
        (lambda d: d["evidence"][0].update(category="Not An Id"), "is not a category id"),
        (lambda d: d["evidence"][0].update(text="{nonsense}"), "unknown placeholder {nonsense}"),
        (lambda d: d["evidence"][1].update(id=d["evidence"][0]["id"]), "duplicate evidence id"),
        (lambda d: d["check"][0].update(evidence="nope"), "unknown evidence 'nope'"),
        (lambda d: d["evidence"][0].update(file="/etc/passwd"), "is not a path inside"),
        (lambda d: d.update(schema=2), "unknown evidence map schema 2"),
    ],
)
def test_broken_maps_are_named(change, expected: str) -> None:  # type: ignore[no-untyped-def]
    data = _data()
    change(data)
    problems = map_problems(data, "x.toml")
    assert any(expected in p for p in problems), problems
    assert all(p.startswith("x.toml: ") for p in problems)


def test_jsonschema_is_imported_only_when_validating(tmp_path: Path) -> None:
    import subprocess

    code = (
        "import sys; import gui.core.evidence.engine, gui.core.evidence.maps;"
        "print('jsonschema' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_parse_map_reports_a_broken_file(tmp_path: Path) -> None:
    from gui.core.evidence.maps import MapError

    path = tmp_path / "bad.toml"
    path.write_text("schema = 1\nplatform = 'x'\n", encoding="utf-8")
    with pytest.raises(MapError, match="bad.toml: "):
        parse_map(path)
