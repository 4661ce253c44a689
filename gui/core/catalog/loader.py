"""Read and strictly validate catalog files (TOML, one platform per file).

The loader never crashes on any input: whatever the bytes, it returns a ``Platform`` or
raises ``CatalogError`` listing every problem with its file, entry and field. The shape of a
file (fields, types, vocabularies, lengths) is declared once, in the JSON Schema that
``gui.core.catalog.schema`` applies; this module adds what a schema cannot say (URLs on the
platform's own domains, no markup, real and past dates, registrable domains, a region in one
regional entry only) and builds the immutable objects.
"""

from __future__ import annotations

import re
import stat
import tomllib
from collections.abc import Iterator
from datetime import date, datetime
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from gui.core.catalog.domains import domain_problem
from gui.core.catalog.model import (
    Category,
    Contact,
    Control,
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
)
from gui.core.catalog.schema import schema_problems

SCHEMA_VERSION = 2
MAX_FILE_BYTES = 1_000_000
# tomllib is quadratic in the depth of dotted keys (a.b.c... = 1): 120 kB of one deep key
# took 88 s and 14 GB. No catalog needs more than a few levels, so deeper keys are refused
# before the parser sees them.
MAX_KEY_DEPTH = 8
_DEEP_KEY = re.compile(
    r"(?:[A-Za-z0-9_-]+[ \t]*\.[ \t]*){" + str(MAX_KEY_DEPTH) + r",}[A-Za-z0-9_-]+[ \t]*[=\]]"
)

# Schema 1 files say "regions = [...]" on the category: the control exists only there.
SCHEMA_1_ELSEWHERE = (
    "This file names no control for your region. Check the platform's own settings and "
    "privacy pages for what is offered where you live."
)


def _texts(value: Any, name: str) -> Iterator[tuple[str, str]]:
    """Every text in a parsed file with the field name it sits under."""
    if isinstance(value, str):
        yield name, value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _texts(item, f"{name}.{key}" if name else str(key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _texts(item, f"{name}[{index}]")


class _Checks:
    """The semantic checks over one file's parsed data, tolerant of wrong types (the schema
    reports those): each check looks only at values of the type it expects."""

    def __init__(self, data: dict[str, Any], shown: str, today: date) -> None:
        self.data = data
        self.shown = shown
        self.today = today
        self.problems: list[Problem] = []
        platform_id = data.get("id")
        self.platform_id = platform_id if isinstance(platform_id, str) else ""
        domains = data.get("domains")
        self.domains = (
            tuple(d for d in domains if isinstance(d, str)) if isinstance(domains, list) else ()
        )

    def problem(self, entry: str, field_name: str, message: str) -> None:
        self.problems.append(Problem(self.shown, entry, field_name, message))

    def run(self, expect_id: str | None) -> list[Problem]:
        data = self.data
        if expect_id and self.platform_id and self.platform_id != expect_id:
            self.problem(
                self.platform_id,
                "id",
                f"id {self.platform_id!r} must match the file name {expect_id!r}",
            )
        self._domains()
        self._text_rules(self.platform_id, {k: v for k, v in data.items() if k != "categories"})
        for index, policy in enumerate(_tables(data.get("policies"))):
            prefix = f"policies[{index}]."
            self._url(self.platform_id, prefix + "url", policy.get("url"))
            self._day(self.platform_id, prefix + "effective", policy.get("effective"))
        self._duplicates(self.platform_id, "policies", "policy")
        for index, contact in enumerate(_tables(data.get("contacts"))):
            self._contact(index, contact)
        for index, category in enumerate(_tables(data.get("categories"))):
            self._category(index, category)
        self._duplicates(self.platform_id, "categories", "category")
        return self.problems

    def _domains(self) -> None:
        for domain in self.domains:
            if is_host(domain):
                message = domain_problem(domain)
                if message:
                    self.problem(self.platform_id, "domains", message)

    def _contact(self, index: int, contact: dict[str, Any]) -> None:
        prefix = f"contacts[{index}]."
        self._url(self.platform_id, prefix + "source", contact.get("source"))
        self._day(self.platform_id, prefix + "read", contact.get("read"))
        value = contact.get("value")
        if not isinstance(value, str):
            return
        kind = contact.get("kind")
        if kind == "web-form":
            self._url(self.platform_id, prefix + "value", value)
        elif kind == "email":
            message = email_problem(value, self.domains)
            if message:
                self.problem(self.platform_id, prefix + "value", message)

    def _duplicates(self, entry: str, key: str, what: str) -> None:
        seen: set[str] = set()
        for table in _tables(self.data.get(key)):
            item_id = table.get("id")
            if isinstance(item_id, str):
                if item_id in seen:
                    field_name = "id" if key == "categories" else f"{key}.id"
                    where = f"{entry}/{item_id}" if key == "categories" else entry
                    self.problem(where, field_name, f"duplicate {what} id {item_id!r}")
                seen.add(item_id)

    def _category(self, index: int, category: dict[str, Any]) -> None:
        category_id = category.get("id")
        shown_id = category_id if isinstance(category_id, str) else f"categories[{index}]"
        entry = f"{self.platform_id}/{shown_id}"
        self._text_rules(entry, category)
        self._day(entry, "verified", category.get("verified"))
        quote = category.get("quote")
        if isinstance(quote, dict):
            self._url(entry, "quote.source", quote.get("source"))
            self._day(entry, "quote.policy_date", quote.get("policy_date"))
        for prefix, links in [("", category.get("links"))] + [
            (f"regional[{i}].", r.get("links"))
            for i, r in enumerate(_tables(category.get("regional")))
        ]:
            for link_index, link in enumerate(_tables(links)):
                self._url(entry, f"{prefix}links[{link_index}].url", link.get("url"))
        named: set[str] = set()
        for regional_index, regional in enumerate(_tables(category.get("regional"))):
            regions = regional.get("regions")
            for region in regions if isinstance(regions, list) else []:
                if not isinstance(region, str):
                    continue
                if region in named:
                    self.problem(
                        entry,
                        f"regional[{regional_index}].regions",
                        f"region {region!r} is already in another regional entry",
                    )
                named.add(region)
        if self.data.get("schema") == 2 and "regions" in category:
            self.problem(entry, "regions", "schema 2 uses [[categories.regional]] entries instead")
        if self.data.get("schema") == 1 and "regional" in category:
            self.problem(entry, "regional", "regional entries need schema = 2")

    def _text_rules(self, entry: str, table: dict[str, Any]) -> None:
        for name, text in _texts(table, ""):
            if MARKUP_RE.search(text):
                self.problem(
                    entry, name, "markup is not allowed in plain text (write < and & as words)"
                )
            if CONTROL_CHARS_RE.search(text):
                self.problem(entry, name, "control characters are not allowed")

    def _day(self, entry: str, name: str, value: Any) -> None:
        if isinstance(value, str):
            try:
                value = date.fromisoformat(value)
            except ValueError:
                return  # the schema names a malformed date
        if isinstance(value, date) and not isinstance(value, datetime) and value > self.today:
            self.problem(entry, name, f"date {value.isoformat()} is in the future")

    def _url(self, entry: str, name: str, value: Any) -> None:
        message = url_problem(value, self.domains) if isinstance(value, str) else None
        if message:
            self.problem(entry, name, message)


def _tables(value: Any) -> list[dict[str, Any]]:
    return [item for item in value if isinstance(item, dict)] if isinstance(value, list) else []


def url_problem(value: str, domains: tuple[str, ...] | None) -> str | None:
    """Why ``value`` is not an https URL on ``domains`` (any host when None), or None."""
    if not value:
        return None
    if any(ch.isspace() for ch in value):
        return "URL must not contain spaces"
    try:
        parts = urlsplit(value)
        host = parts.hostname or ""
        parts.port  # noqa: B018 - raises ValueError on a malformed port
    except ValueError as error:
        return f"malformed URL: {error}"
    scheme = parts.scheme.lower()
    if scheme != "https":
        return f"only https URLs are allowed, not {scheme or 'no scheme'!r}"
    if parts.username is not None or parts.password is not None:
        return "URL must not carry a user name or password"
    if not host or not is_host(host):
        return f"URL has no valid host: {value!r}"
    if domains is not None and not host_on_domains(host, domains):
        return f"host {host!r} is not one of the platform's domains"
    return None


EMAIL_RE = re.compile(r"[A-Za-z0-9._%+-]{1,64}@([A-Za-z0-9.-]{1,253})")


def email_problem(value: str, domains: tuple[str, ...]) -> str | None:
    """Why ``value`` is not an e-mail address on the platform's domains, or None: a letter
    must not be sent to an address the platform does not own."""
    match = EMAIL_RE.fullmatch(value)
    if match is None or not is_host(match.group(1).lower()):
        return f"not an e-mail address: {value!r}"
    if not host_on_domains(match.group(1), domains):
        return f"e-mail domain {match.group(1)!r} is not one of the platform's domains"
    return None


def _malformed_dates(data: Any, shown: str, checks: _Checks) -> None:
    """Dates written as text that are not real days (2025-13-40): the schema checks only
    their shape."""
    del shown
    for name, text in _texts(data, ""):
        last = re.split(r"[.\]]", name)[-1]
        if last in ("effective", "policy_date", "verified", "read") and re.fullmatch(
            r"[0-9]{4}-[0-9]{2}-[0-9]{2}", text
        ):
            try:
                date.fromisoformat(text)
            except ValueError:
                entry, field_name = _entry_for(data, name, checks.platform_id)
                checks.problem(entry, field_name, f"malformed date {text!r}; expected YYYY-MM-DD")


def _entry_for(data: dict[str, Any], name: str, platform_id: str) -> tuple[str, str]:
    match = re.match(r"categories\[(\d+)\]\.(.*)", name)
    if not match:
        return platform_id, name
    categories = data.get("categories")
    category = categories[int(match.group(1))] if isinstance(categories, list) else {}
    category_id = category.get("id") if isinstance(category, dict) else None
    return f"{platform_id}/{category_id}", match.group(2)


def _as_date(value: Any) -> date:
    if isinstance(value, str):
        return date.fromisoformat(value)
    if isinstance(value, date):
        return value
    raise TypeError(value)


def _links(tables: Any) -> tuple[Link, ...]:
    return tuple(
        Link(url=t["url"], label=t["label"].strip(), confidence=t["confidence"])
        for t in tables or ()
    )


def _category(table: dict[str, Any], schema: int) -> Category:
    quote = table["quote"]
    regional = tuple(
        Control(
            kind=r["control"],
            note=r.get("control_note", "").strip(),
            steps=tuple(s.strip() for s in r["steps"]),
            undo=r.get("undo", "").strip(),
            links=_links(r.get("links")),
            regions=tuple(r["regions"]),
        )
        for r in table.get("regional", ())
    )
    control = table["control"]
    note = table.get("control_note", "").strip()
    steps = tuple(s.strip() for s in table["steps"])
    undo = table.get("undo", "").strip()
    links = _links(table.get("links"))
    if schema == 1 and table.get("regions"):
        # The file's control exists only in its regions; elsewhere nothing is named.
        regional = (Control(control, note, steps, undo, links, tuple(table["regions"])),)
        control, note, steps, undo, links = (
            "none",
            SCHEMA_1_ELSEWHERE,
            ("Look in the platform's privacy settings for what is offered where you live.",),
            "",
            (),
        )
    return Category(
        id=table["id"],
        title=table["title"].strip(),
        collected=table["collected"].strip(),
        why=table["why"].strip(),
        quote=Quote(
            text=quote["text"].strip(),
            source=quote["source"],
            policy_date=_as_date(quote["policy_date"]),
            kind=quote.get("kind", "policy"),
        ),
        risk=table["risk"],
        control=control,
        control_note=note,
        links=links,
        steps=steps,
        undo=undo,
        topics=tuple(table["topics"]),
        verified=_as_date(table["verified"]),
        regional=regional,
        see_also=tuple(table.get("see_also", ())),
    )


def parse_platform(
    data: dict[str, Any], path: str, *, today: date | None = None, expect_id: str | None = None
) -> Platform:
    """Validate parsed TOML data and build a Platform, or raise CatalogError."""
    if not isinstance(data, dict):
        raise CatalogError([Problem(path, "", "", "expected a table at the top of the file")])
    checks = _Checks(data, path, today or date.today())
    problems = schema_problems(data, path)
    problems.extend(checks.run(expect_id))
    _malformed_dates(data, path, checks)
    problems.extend(p for p in checks.problems if p not in problems)
    if problems:
        raise CatalogError(sorted(set(problems), key=problems.index))
    schema = data["schema"]
    return Platform(
        id=data["id"],
        name=data["name"].strip(),
        domains=tuple(data["domains"]),
        policies=tuple(
            PolicyDocument(
                id=p["id"],
                title=p["title"].strip(),
                url=p["url"],
                effective=_as_date(p["effective"]),
                kind=p.get("kind", "policy"),
            )
            for p in data["policies"]
        ),
        categories=tuple(_category(c, schema) for c in data["categories"]),
        group=data.get("group", "social"),
        contacts=tuple(
            Contact(
                kind=c["kind"],
                value=c["value"].strip(),
                label=c["label"].strip(),
                source=c["source"],
                read=_as_date(c["read"]),
                regions=tuple(c.get("regions", ())),
            )
            for c in data.get("contacts", ())
        ),
        source_path=path,
    )


def load_platform_file(path: str | Path, *, today: date | None = None) -> Platform:
    """Read one catalog file; raise CatalogError naming what is wrong."""
    path = Path(path)
    shown = str(path)
    return parse_platform_bytes(read_catalog_bytes(path), shown, today=today, expect_id=path.stem)


def read_catalog_bytes(path: Path) -> bytes:
    """The bytes of a regular catalog file of at most MAX_FILE_BYTES, or CatalogError: a
    directory, a FIFO or a device is refused before anything is read from it."""
    shown = str(path)

    def fail(message: str) -> CatalogError:
        return CatalogError([Problem(shown, "", "", message)])

    try:
        info = path.stat()
        if not stat.S_ISREG(info.st_mode):
            raise fail("not a regular file")
        if info.st_size > MAX_FILE_BYTES:
            raise fail(f"file is {info.st_size} bytes; the limit is {MAX_FILE_BYTES}")
        with path.open("rb") as handle:
            raw = handle.read(MAX_FILE_BYTES + 1)
    except OSError as error:
        raise fail(f"cannot read file: {error.strerror or error}") from None
    if len(raw) > MAX_FILE_BYTES:  # the file grew between stat and read
        raise fail(f"file is over {MAX_FILE_BYTES} bytes")
    return raw


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
    if _DEEP_KEY.search(text):
        message = f"not valid TOML here: keys nested deeper than {MAX_KEY_DEPTH} levels"
        raise CatalogError([Problem(shown, "", "", message)])
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
