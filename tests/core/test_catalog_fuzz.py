"""The loader never crashes: any bytes give a Platform or one CatalogError with a location."""

from __future__ import annotations

import tomllib
from datetime import date, datetime
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from gui.core.catalog import CatalogError
from gui.core.catalog.loader import parse_platform, parse_platform_bytes

GOOD = Path(__file__).resolve().parents[1] / "data" / "catalogs" / "good" / "example.toml"
GOOD_DATA = tomllib.loads(GOOD.read_text())

toml_values = st.recursive(
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats(allow_nan=True)
    | st.text(max_size=40)
    | st.dates()
    | st.datetimes(),
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=10), inner, max_size=4)
    ),
    max_leaves=20,
)


def check(result_or_error: object) -> None:
    if isinstance(result_or_error, CatalogError):
        assert result_or_error.problems
        assert all(p.path == "fuzz.toml" for p in result_or_error.problems)


def run(data: object) -> object:
    try:
        return parse_platform(data, "fuzz.toml", expect_id="example")  # type: ignore[arg-type]
    except CatalogError as error:
        return error


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.binary(max_size=2000))
def test_random_bytes_never_crash(raw: bytes) -> None:
    try:
        parse_platform_bytes(raw, "fuzz.toml")
    except CatalogError as error:
        check(error)


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=2000))
def test_random_text_never_crashes(text: str) -> None:
    try:
        parse_platform_bytes(text.encode("utf-8", "surrogatepass"), "fuzz.toml")
    except CatalogError as error:
        check(error)


@settings(max_examples=400, deadline=None)
@given(st.dictionaries(st.text(max_size=12), toml_values, max_size=8))
def test_random_structures_never_crash(data: dict[str, object]) -> None:
    check(run(data))


def _paths(value: object, prefix: tuple[object, ...] = ()) -> list[tuple[object, ...]]:
    found = [prefix] if prefix else []
    if isinstance(value, dict):
        for key, inner in value.items():
            found += _paths(inner, (*prefix, key))
    elif isinstance(value, list):
        for index, inner in enumerate(value):
            found += _paths(inner, (*prefix, index))
    return found


GOOD_PATHS = _paths(GOOD_DATA)


def _replace(data: object, path: tuple[object, ...], new: object) -> object:
    if not path:
        return new
    head, *rest = path
    if isinstance(data, dict):
        copy = dict(data)
        copy[head] = _replace(data[head], tuple(rest), new)  # type: ignore[index]
        return copy
    assert isinstance(data, list)
    items = list(data)
    items[head] = _replace(data[head], tuple(rest), new)  # type: ignore[index,call-overload]
    return items


@settings(max_examples=500, deadline=None)
@given(st.sampled_from(GOOD_PATHS), toml_values)
def test_mutating_one_value_of_a_good_file_never_crashes(
    path: tuple[object, ...], value: object
) -> None:
    result = run(_replace(GOOD_DATA, path, value))
    check(result)
    if not isinstance(result, CatalogError):
        # Whatever got through still satisfies the invariants the app relies on.
        for category in result.categories:  # type: ignore[attr-defined]
            for link in category.links:
                assert link.url.startswith("https://")
            assert isinstance(category.verified, date)
            assert not isinstance(category.verified, datetime)
