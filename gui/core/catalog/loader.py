"""Read and strictly validate catalog files (TOML, one platform per file).

The loader never crashes on any input: whatever the bytes, it returns a ``Platform`` or
raises ``CatalogError`` listing every problem with its file, entry and field.
"""

from __future__ import annotations

import hashlib
import tomllib
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from gui.core.catalog.model import (
    CONTROL_KINDS,
    LINK_CONFIDENCE,
    RISK_LEVELS,
    TOPICS,
    Category,
    Link,
    Platform,
    PolicyDocument,
    Quote,
)
from gui.core.catalog.problems import CatalogError, Problem
from gui.core.catalog.rules import (
    CONTROL_CHARS_RE,
    MARKUP_RE,
    host_on_domains,
    is_host,
    is_id,
    is_region,
)

SCHEMA_VERSION = 1
MAX_FILE_BYTES = 1_000_000

PLATFORM_FIELDS = {
    "schema": True,
    "id": True,
    "name": True,
    "domains": True,
    "policies": True,
    "categories": True,
}
POLICY_FIELDS = {"id": True, "title": True, "url": True, "effective": True}
CATEGORY_FIELDS = {
    "id": True,
    "title": True,
    "collected": True,
    "why": True,
    "quote": True,
    "risk": True,
    "control": True,
    "control_note": False,
    "links": False,
    "steps": True,
    "undo": False,
    "topics": True,
    "regions": False,
    "verified": True,
}
QUOTE_FIELDS = {"text": True, "source": True, "policy_date": True}
LINK_FIELDS = {"url": True, "label": True, "confidence": True}


class _Reader:
    """Collects problems for one file while reading typed fields out of parsed TOML."""

    def __init__(self, path: str, today: date) -> None:
        self.path = path
        self.today = today
        self.problems: list[Problem] = []
        self.entry = ""

    def problem(self, field_name: str, message: str) -> None:
        self.problems.append(Problem(self.path, self.entry, field_name, message))

    def check_fields(self, table: dict[str, Any], spec: dict[str, bool], prefix: str) -> None:
        for key in table:
            if key not in spec:
                self.problem(f"{prefix}{key}", "unknown field")
        for key, required in spec.items():
            if required and key not in table:
                self.problem(f"{prefix}{key}", "missing required field")

    def text(self, table: dict[str, Any], key: str, name: str, *, required: bool = True) -> str:
        if key not in table:  # a missing required field is reported by check_fields
            return ""
        value = table[key]
        if not isinstance(value, str):
            self.problem(name, f"expected text, got {_type_name(value)}")
            return ""
        stripped = value.strip()
        if required and not stripped:
            self.problem(name, "must not be empty")
        if MARKUP_RE.search(value):
            self.problem(name, "markup is not allowed in plain text (write < and & as words)")
        if CONTROL_CHARS_RE.search(value):
            self.problem(name, "control characters are not allowed")
        return stripped

    def identifier(self, table: dict[str, Any], key: str, name: str) -> str:
        if key not in table:  # a missing required field is reported by check_fields
            return ""
        value = table[key]
        if not isinstance(value, str):
            self.problem(name, f"expected text, got {_type_name(value)}")
            return ""
        if not is_id(value):
            self.problem(name, f"{value!r} is not a valid id (lowercase letters, digits, hyphens)")
            return ""
        return value

    def choice(self, table: dict[str, Any], key: str, name: str, allowed: Iterable[str]) -> str:
        allowed = tuple(allowed)
        if key not in table:  # a missing required field is reported by check_fields
            return ""
        value = table[key]
        if not isinstance(value, str):
            self.problem(name, f"expected text, got {_type_name(value)}")
            return ""
        if value not in allowed:
            self.problem(name, f"unknown value {value!r}; expected one of: {', '.join(allowed)}")
            return ""
        return value

    def day(self, table: dict[str, Any], key: str, name: str) -> date:
        if key not in table:  # a missing required field is reported by check_fields
            return date.min
        value = table[key]
        if isinstance(value, datetime):
            self.problem(name, "expected a date (YYYY-MM-DD), got a date and time")
            return date.min
        if isinstance(value, str):
            try:
                value = date.fromisoformat(value)
            except ValueError:
                self.problem(name, f"malformed date {value!r}; expected YYYY-MM-DD")
                return date.min
        if not isinstance(value, date):
            self.problem(name, f"expected a date (YYYY-MM-DD), got {_type_name(value)}")
            return date.min
        if value > self.today:
            self.problem(name, f"date {value.isoformat()} is in the future")
        return value

    def table_list(self, table: dict[str, Any], key: str, name: str) -> list[dict[str, Any]]:
        value = table.get(key, [])
        if not isinstance(value, list):
            self.problem(name, f"expected a list of tables, got {_type_name(value)}")
            return []
        tables = []
        for index, item in enumerate(value):
            if isinstance(item, dict):
                tables.append(item)
            else:
                self.problem(f"{name}[{index}]", f"expected a table, got {_type_name(item)}")
        return tables

    def text_list(
        self, table: dict[str, Any], key: str, name: str, *, required: bool
    ) -> tuple[str, ...]:
        value = table.get(key, [])
        if not isinstance(value, list):
            self.problem(name, f"expected a list of text, got {_type_name(value)}")
            return ()
        items = []
        for index, item in enumerate(value):
            if isinstance(item, str):
                items.append(self.text({"v": item}, "v", f"{name}[{index}]"))
            else:
                self.problem(f"{name}[{index}]", f"expected text, got {_type_name(item)}")
        if required and key in table and not value:
            self.problem(name, "must not be empty")
        return tuple(items)

    def url(self, value: str, name: str, domains: tuple[str, ...] | None) -> str:
        """An https URL; with ``domains``, its host must be one of them or a subdomain."""
        if not value:
            return ""
        if any(ch.isspace() for ch in value):
            self.problem(name, "URL must not contain spaces")
            return ""
        try:
            parts = urlsplit(value)
            host = parts.hostname or ""
            parts.port  # noqa: B018 - raises ValueError on a malformed port
        except ValueError as error:
            self.problem(name, f"malformed URL: {error}")
            return ""
        scheme = parts.scheme.lower()
        if scheme != "https":
            self.problem(name, f"only https URLs are allowed, not {scheme or 'no scheme'!r}")
            return ""
        if parts.username is not None or parts.password is not None:
            self.problem(name, "URL must not carry a user name or password")
            return ""
        if not host or not is_host(host):
            self.problem(name, f"URL has no valid host: {value!r}")
            return ""
        if domains is not None and not host_on_domains(host, domains):
            self.problem(name, f"host {host!r} is not one of the platform's domains")
            return ""
        return value


def _type_name(value: object) -> str:
    return {
        str: "text",
        int: "a number",
        float: "a number",
        bool: "true/false",
        list: "a list",
        dict: "a table",
        type(None): "nothing",
    }.get(type(value), type(value).__name__)


def parse_platform(
    data: dict[str, Any], path: str, *, today: date | None = None, expect_id: str | None = None
) -> Platform:
    """Validate parsed TOML data and build a Platform, or raise CatalogError."""
    reader = _Reader(path, today or date.today())
    platform_id = reader.identifier(data, "id", "id")
    reader.entry = platform_id
    reader.check_fields(data, PLATFORM_FIELDS, "")
    schema = data.get("schema")
    if "schema" in data and (type(schema) is not int or schema != SCHEMA_VERSION):
        reader.problem("schema", f"unsupported schema {schema!r}; this app reads {SCHEMA_VERSION}")
    if expect_id and platform_id and platform_id != expect_id:
        reader.problem("id", f"id {platform_id!r} must match the file name {expect_id!r}")
    name = reader.text(data, "name", "name")
    domains = _domains(reader, data)
    policies = _policies(reader, data, domains)
    categories = _categories(reader, data, platform_id, domains)
    if "categories" in data and not categories and not reader.problems:
        reader.problem("categories", "a platform needs at least one category")
    if reader.problems:
        raise CatalogError(reader.problems)
    return Platform(
        id=platform_id,
        name=name,
        domains=domains,
        policies=policies,
        categories=categories,
        source_path=path,
    )


def _domains(reader: _Reader, data: dict[str, Any]) -> tuple[str, ...]:
    value = data.get("domains", [])
    if not isinstance(value, list) or not all(isinstance(d, str) for d in value):
        reader.problem("domains", "expected a list of host names")
        return ()
    if "domains" in data and not value:
        reader.problem("domains", "must not be empty")
    for domain in value:
        if not is_host(domain):
            reader.problem("domains", f"{domain!r} is not a host name (no scheme, no path)")
    if len(set(value)) != len(value):
        reader.problem("domains", "duplicate domain")
    return tuple(value)


def _policies(
    reader: _Reader, data: dict[str, Any], domains: tuple[str, ...]
) -> tuple[PolicyDocument, ...]:
    policies = []
    seen: set[str] = set()
    for index, table in enumerate(reader.table_list(data, "policies", "policies")):
        prefix = f"policies[{index}]."
        reader.check_fields(table, POLICY_FIELDS, prefix)
        policy_id = reader.identifier(table, "id", prefix + "id")
        if policy_id in seen:
            reader.problem(prefix + "id", f"duplicate policy id {policy_id!r}")
        seen.add(policy_id)
        policies.append(
            PolicyDocument(
                id=policy_id,
                title=reader.text(table, "title", prefix + "title"),
                url=reader.url(reader.text(table, "url", prefix + "url"), prefix + "url", domains),
                effective=reader.day(table, "effective", prefix + "effective"),
            )
        )
    if "policies" in data and not policies and isinstance(data.get("policies"), list):
        reader.problem("policies", "a platform needs at least one policy document")
    return tuple(policies)


def _categories(
    reader: _Reader, data: dict[str, Any], platform_id: str, domains: tuple[str, ...]
) -> tuple[Category, ...]:
    categories = []
    seen: set[str] = set()
    for index, table in enumerate(reader.table_list(data, "categories", "categories")):
        category_id = reader.identifier(table, "id", f"categories[{index}].id")
        reader.entry = f"{platform_id}/{category_id or f'categories[{index}]'}"
        if category_id and category_id in seen:
            reader.problem("id", f"duplicate category id {category_id!r}")
        seen.add(category_id)
        reader.check_fields(table, CATEGORY_FIELDS, "")
        categories.append(_category(reader, table, category_id, domains))
    reader.entry = platform_id
    return tuple(categories)


def _category(
    reader: _Reader, table: dict[str, Any], category_id: str, domains: tuple[str, ...]
) -> Category:
    quote = table.get("quote", {})
    if not isinstance(quote, dict):
        reader.problem("quote", f"expected a table, got {_type_name(quote)}")
        quote = {}
    elif "quote" in table:
        reader.check_fields(quote, QUOTE_FIELDS, "quote.")
    links = []
    for index, link in enumerate(reader.table_list(table, "links", "links")):
        prefix = f"links[{index}]."
        reader.check_fields(link, LINK_FIELDS, prefix)
        links.append(
            Link(
                url=reader.url(reader.text(link, "url", prefix + "url"), prefix + "url", domains),
                label=reader.text(link, "label", prefix + "label"),
                confidence=reader.choice(
                    link, "confidence", prefix + "confidence", LINK_CONFIDENCE
                ),
            )
        )
    topics = reader.text_list(table, "topics", "topics", required=True)
    for topic in topics:
        if topic and topic not in TOPICS:
            reader.problem(
                "topics", f"unknown topic {topic!r}; expected one of: {', '.join(TOPICS)}"
            )
    regions = reader.text_list(table, "regions", "regions", required=False)
    for region in regions:
        if region and not is_region(region):
            reader.problem("regions", f"unknown region {region!r}; use EU, EEA or a country code")
    return Category(
        id=category_id,
        title=reader.text(table, "title", "title"),
        collected=reader.text(table, "collected", "collected"),
        why=reader.text(table, "why", "why"),
        quote=Quote(
            text=reader.text(quote, "text", "quote.text"),
            source=reader.url(
                reader.text(quote, "source", "quote.source"), "quote.source", domains
            ),
            policy_date=reader.day(quote, "policy_date", "quote.policy_date"),
        ),
        risk=reader.choice(table, "risk", "risk", RISK_LEVELS),
        control=reader.choice(table, "control", "control", CONTROL_KINDS),
        control_note=reader.text(table, "control_note", "control_note", required=False),
        links=tuple(links),
        steps=reader.text_list(table, "steps", "steps", required=True),
        undo=reader.text(table, "undo", "undo", required=False),
        topics=topics,
        regions=regions,
        verified=reader.day(table, "verified", "verified"),
    )


def load_platform_file(path: str | Path, *, today: date | None = None) -> Platform:
    """Read one catalog file; raise CatalogError naming what is wrong."""
    path = Path(path)
    shown = str(path)

    def fail(message: str, field_name: str = "") -> CatalogError:
        return CatalogError([Problem(shown, "", field_name, message)])

    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise fail(f"file is {size} bytes; the limit is {MAX_FILE_BYTES}")
        raw = path.read_bytes()
    except OSError as error:
        raise fail(f"cannot read file: {error.strerror or error}") from None
    if len(raw) > MAX_FILE_BYTES:  # the file grew between stat and read
        raise fail(f"file is over {MAX_FILE_BYTES} bytes")
    return parse_platform_bytes(raw, shown, today=today, expect_id=path.stem)


def parse_platform_bytes(
    raw: bytes, shown: str, *, today: date | None = None, expect_id: str | None = None
) -> Platform:
    """Parse and validate the bytes of a catalog file."""
    if len(raw) > MAX_FILE_BYTES:
        raise CatalogError([Problem(shown, "", "", f"file is over {MAX_FILE_BYTES} bytes")])
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        message = f"not UTF-8 text (byte {error.start})"
        raise CatalogError([Problem(shown, "", "", message)]) from None
    try:
        data = tomllib.loads(text)
    except (tomllib.TOMLDecodeError, RecursionError, ValueError) as error:
        message = f"not valid TOML: {error}"
        raise CatalogError([Problem(shown, "", "", message)]) from None
    return parse_platform(data, shown, today=today, expect_id=expect_id)


def validate_file(path: str | Path, *, today: date | None = None) -> list[Problem]:
    """Every problem in one file (an empty list when it is valid)."""
    try:
        load_platform_file(path, today=today)
    except CatalogError as error:
        return list(error.problems)
    return []


@dataclass(frozen=True)
class Catalog:
    """All platforms the app knows: the bundled ones plus valid user files."""

    platforms: tuple[Platform, ...]
    skipped: tuple[Problem, ...] = field(default=())

    def platform(self, platform_id: str) -> Platform | None:
        for platform in self.platforms:
            if platform.id == platform_id:
                return platform
        return None

    @property
    def version(self) -> str:
        """Identifies this catalog's content: newest verification date plus a content hash."""
        newest = max((c.verified for p in self.platforms for c in p.categories), default=date.min)
        digest = hashlib.sha256()
        for platform in self.platforms:
            for category in platform.categories:
                digest.update(f"{platform.id}/{category.id}:{category.fingerprint};".encode())
        return f"{newest.isoformat()}+{digest.hexdigest()[:8]}"


def _catalog_files(directory: Path) -> list[Path]:
    try:
        return sorted(p for p in directory.glob("*.toml") if p.is_file())
    except OSError:
        return []


def load_catalog(
    bundled_dir: Path | None = None, user_dir: Path | None = None, *, today: date | None = None
) -> Catalog:
    """Load the bundled catalog (any problem raises: the installation is broken) and the
    user's own files (a bad one is reported in ``skipped`` and left out, never fatal)."""
    if bundled_dir is None:
        from gui.core.resources import bundled_catalog_dir

        bundled_dir = bundled_catalog_dir()
    platforms: list[Platform] = []
    bundled_problems: list[Problem] = []
    for path in _catalog_files(bundled_dir):
        try:
            platforms.append(load_platform_file(path, today=today))
        except CatalogError as error:
            bundled_problems.extend(error.problems)
    if bundled_problems:
        raise CatalogError(bundled_problems)
    skipped: list[Problem] = []
    if user_dir is not None:
        for path in _catalog_files(user_dir):
            try:
                platform = load_platform_file(path, today=today)
            except CatalogError as error:
                skipped.extend(error.problems)
                continue
            if any(p.id == platform.id for p in platforms):
                skipped.append(
                    Problem(str(path), platform.id, "id", "a platform with this id already exists")
                )
                continue
            platforms.append(_as_user_platform(platform))
    return Catalog(platforms=tuple(platforms), skipped=tuple(skipped))


def _as_user_platform(platform: Platform) -> Platform:
    from dataclasses import replace

    return replace(platform, bundled=False)
