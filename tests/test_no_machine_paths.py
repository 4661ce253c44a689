"""Nothing the app ships names a folder of the machine it was written on: a comment such as
"see /work/notes.md" means nothing to a contributor and tells strangers about the builder."""

from __future__ import annotations

import re
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
SHIPPED = ("gui", "resources")
MACHINE_PATH_RE = re.compile(r"(?<![\w.])/(?:work|home|Users|root)/[\w.-]+")
TEXT_SUFFIXES = {".py", ".toml", ".json", ".md", ".desktop", ".txt"}


def machine_paths(path: Path) -> list[str]:
    text = path.read_text(encoding="utf-8", errors="replace")
    return [match.group() for match in MACHINE_PATH_RE.finditer(text)]


def test_shipped_files_name_no_folder_of_a_build_machine() -> None:
    found = [
        f"{path.relative_to(REPO_ROOT)}: {name}"
        for folder in SHIPPED
        for path in sorted((REPO_ROOT / folder).rglob("*"))
        if path.suffix in TEXT_SUFFIXES and "__pycache__" not in path.parts
        for name in machine_paths(path)
    ]
    assert not found, "\n".join(found)


def test_the_check_sees_one(tmp_path: Path) -> None:
    sample = tmp_path / "x.toml"
    sample.write_text(
        "# facts: /work/shared/reference/platform-facts.md\nurl = 'https://a.example/home/x'\n"
    )
    assert machine_paths(sample) == ["/work/shared"]
