"""Hostile and broken exports: each is refused with a message naming the file inside the
archive (or the archive), as an ExportError (never another exception), and nothing is
stored."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from gui.core.evidence.engine import read_export
from gui.core.evidence.errors import ExportError
from gui.core.evidence.safezip import Limits

from support import export_builder as eb


def refused(path: Path, **kwargs: object) -> ExportError:
    with pytest.raises(ExportError) as caught:
        read_export(path, **kwargs)  # type: ignore[arg-type]
    return caught.value


def test_not_a_zip(tmp_path: Path) -> None:
    path = tmp_path / "export.zip"
    path.write_text("just some text, not an archive", encoding="utf-8")
    error = refused(path)
    assert "export.zip is not a ZIP archive" in str(error)


def test_a_folder_is_not_an_archive(tmp_path: Path) -> None:
    assert "is a folder" in str(refused(tmp_path))


def test_another_platforms_archive(tmp_path: Path) -> None:
    path = eb.build_linkedin(tmp_path / "archive.zip")
    error = refused(path, platform="x")
    assert "looks like a LinkedIn export" in str(error) and "not an X one" in str(error)


def test_an_archive_of_no_known_platform(tmp_path: Path) -> None:
    path = eb.write_zip(tmp_path / "holiday.zip", {"photos/a.jpg": b"\xff\xd8"})
    assert "does not look like an export the app can read" in str(refused(path))


def test_unknown_platform_id(tmp_path: Path) -> None:
    path = eb.build_x(tmp_path / "x.zip")
    assert "No reader for platform 'myspace'" in str(refused(path, platform="myspace"))


def test_truncated_zip(tmp_path: Path) -> None:
    whole = eb.build_x(tmp_path / "whole.zip").read_bytes()
    path = tmp_path / "cut.zip"
    path.write_bytes(whole[: len(whole) // 2])
    error = refused(path)
    assert "cut.zip is damaged or incomplete" in str(error)


def test_corrupted_member_is_named(tmp_path: Path) -> None:
    path = eb.write_zip(tmp_path / "x.zip", eb.x_members(), compress=False)
    data = bytearray(path.read_bytes())
    at = data.find(b'"numAudiences"')
    data[at : at + 14] = b'"numAudiencez"'  # same length: the CRC no longer matches
    path.write_bytes(bytes(data))
    error = refused(path)
    assert error.member == "data/personalization.js"
    assert "data/personalization.js" in str(error)


def test_encrypted_member(tmp_path: Path) -> None:
    path = eb.build_x(tmp_path / "x.zip")
    data = bytearray(path.read_bytes())
    # Set the "encrypted" flag of data/contact.js in the central directory.
    name = b"data/contact.js"
    at = data.rfind(name)  # the central directory entry comes last
    header = at - 46
    assert data[header : header + 4] == b"PK\x01\x02"
    data[header + 8] |= 0x1
    path.write_bytes(bytes(data))
    error = refused(path)
    assert error.member == "data/contact.js"
    assert "data/contact.js in the archive is encrypted" in str(error)


def test_zip_bomb_by_ratio(tmp_path: Path) -> None:
    members = eb.x_members()
    members["data/ad-impressions.js"] = (
        b"window.YTD.ad_impressions.part0 = [" + b" " * (8 * 1024 * 1024) + b"]"
    )
    path = eb.write_zip(tmp_path / "bomb.zip", members)
    error = refused(path)
    assert error.member == "data/ad-impressions.js"
    assert "times its packed size" in str(error) and "zip bomb" in str(error)


def test_zip_bomb_by_total_size(tmp_path: Path) -> None:
    path = eb.build_x(tmp_path / "big.zip")
    error = refused(path, limits=Limits(max_total=10_000))
    assert "big.zip says it unpacks to" in str(error) and "zip bomb" in str(error)


def test_member_over_a_sane_size(tmp_path: Path) -> None:
    path = eb.build_x(tmp_path / "x.zip")
    error = refused(path, limits=Limits(max_member=1_000))
    assert "in the archive is" in str(error) and "far over" in str(error)
    assert error.member.startswith("data/")


def test_default_member_cap_is_checked_from_the_declared_size(tmp_path: Path) -> None:
    """A member that declares more than 2 GiB is refused before a byte is read: the size is
    patched in the central directory, as a crafted archive would say it."""
    path = eb.build_x(tmp_path / "x.zip")
    data = bytearray(path.read_bytes())
    name = b"data/ip-audit.js"
    header = data.rfind(name) - 46
    data[header + 24 : header + 28] = (3 * 1024**3).to_bytes(4, "little")  # uncompressed
    path.write_bytes(bytes(data))
    error = refused(path)
    assert error.member == "data/ip-audit.js" and "far over" in str(error)


def test_malformed_json(tmp_path: Path) -> None:
    members = eb.x_members()
    members["data/ip-audit.js"] = b'window.YTD.ip_audit.part0 = [{"ipAudit": {"loginIp": '
    error = refused(eb.write_zip(tmp_path / "x.zip", members))
    assert error.member == "data/ip-audit.js"
    assert "data/ip-audit.js is not valid JSON" in str(error)


def test_wrong_js_prefix(tmp_path: Path) -> None:
    members = eb.x_members()
    members["data/personalization.js"] = b"var stolen = []"
    error = refused(eb.write_zip(tmp_path / "x.zip", members))
    assert error.member == "data/personalization.js"
    assert "does not start the way X's archive files do" in str(error)


def test_csv_with_unknown_columns(tmp_path: Path) -> None:
    members = eb.linkedin_members()
    members["Inferences_about_you.csv"] = eb.csv_bytes(["Thing", "Other"], [["a", "b"]])
    error = refused(eb.write_zip(tmp_path / "li.zip", members))
    assert error.member == "Inferences_about_you.csv"
    assert "does not have the columns expected (Category, Inference)" in str(error)
    assert "found: Thing, Other" in str(error)


def test_csv_in_a_wrong_encoding(tmp_path: Path) -> None:
    members = eb.linkedin_members()
    members["Positions.csv"] = "Company Name,Title\r\nCafé Müller,Koch\r\n".encode("utf-16")
    error = refused(eb.write_zip(tmp_path / "li.zip", members))
    assert error.member == "Positions.csv"
    assert "not UTF-8 text" in str(error)


def test_json_in_a_wrong_encoding(tmp_path: Path) -> None:
    members = eb.meta_members()
    members["ads_information/ads_interests.json"] = '{"topics_v2": ["Café"]}'.encode("latin-1")
    error = refused(eb.write_zip(tmp_path / "fb.zip", members))
    assert error.member == "ads_information/ads_interests.json"
    assert "ads_interests.json" in str(error)


def test_a_symlink_member_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "x.zip"
    eb.write_zip(path, eb.x_members())
    with zipfile.ZipFile(path, "a") as archive:
        info = zipfile.ZipInfo("data/contact.js.lnk")
        info.external_attr = 0o120777 << 16
        archive.writestr(info, b"/etc/passwd")
    # Not a member the map reads: the link is never opened and the export reads.
    assert read_export(path).platform_id == "x"
