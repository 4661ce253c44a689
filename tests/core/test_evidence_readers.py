"""The readers against synthetic exports of every platform (tests/support/export_builder):
the findings each map gives, per category, with the counts the fixture was built with."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from gui.core.evidence.engine import read_export, values_at
from gui.core.evidence.formats import parse_when, repair_mojibake
from gui.core.evidence.model import ExportReading

from support import export_builder as eb


def texts(reading: ExportReading, platform_id: str, category_id: str) -> list[str]:
    return [f.text for f in reading.for_category(platform_id, category_id)]


def finding(reading: ExportReading, evidence_id: str):  # type: ignore[no-untyped-def]
    return next(f for f in reading.findings if f.evidence_id == evidence_id)


def test_x_archive(tmp_path: Path) -> None:
    path = eb.build_x(tmp_path / "twitter-2024-06-01.zip", interests=312, disabled=14)
    reading = read_export(path)
    assert reading.platform_id == "x"
    assert reading.export_name == "twitter-2024-06-01.zip"
    assert reading.export_date == datetime(2024, 6, 1, 9, 30, tzinfo=UTC)
    interests = texts(reading, "x", "inferred-interests")
    assert interests[0].startswith("X lists 312 interests it inferred about you, such as ")
    assert "You switched off 14 of them." in interests
    ads = texts(reading, "x", "personalised-ads")
    assert "You are in 120 advertiser audiences." in ads
    assert finding(reading, "advertisers").count == 5
    assert finding(reading, "lookalike-advertisers").count == 2
    impressions = finding(reading, "ad-impressions")
    assert impressions.count == 8
    assert impressions.first == datetime(2024, 1, 10, 12, tzinfo=UTC)
    assert impressions.last == datetime(2024, 1, 17, 12, tzinfo=UTC)
    targeted = finding(reading, "ads-by-interest-or-list")
    assert targeted.count == 4 and targeted.last == datetime(2024, 1, 13, 12, tzinfo=UTC)
    assert "X estimates your age as 13-54." in texts(reading, "x", "age-identity-inference")
    assert "X records your gender as female." in texts(reading, "x", "age-identity-inference")
    assert finding(reading, "connected-apps").examples == ("Scheduler Pro",)
    assert finding(reading, "login-ips").count == 4  # distinct addresses
    assert finding(reading, "contacts").count == 2
    assert finding(reading, "device-tokens").count == 1
    assert finding(reading, "ni-devices").count == 1
    assert finding(reading, "grok-chats").count == 1
    assert finding(reading, "languages").examples == ("English", "German")
    assert "data/tweets_media/photo.jpg" not in reading.files_read  # media is never opened


def test_linkedin_export_with_a_notes_block(tmp_path: Path) -> None:
    reading = read_export(eb.build_linkedin(tmp_path / "Basic_LinkedInDataExport.zip"))
    assert reading.platform_id == "linkedin"
    assert finding(reading, "inferences").count == 4
    interests = finding(reading, "ad-interests")
    assert interests.count == 3 and interests.examples == ("Cycling", "Chess", "Cloud computing")
    connections = finding(reading, "connections")  # header after the "Notes:" block
    assert connections.count == 6
    assert connections.first == datetime(2021, 3, 1, tzinfo=UTC)
    assert connections.last == datetime(2021, 3, 6, tzinfo=UTC)
    assert finding(reading, "ad-age").value == "25 to 34"
    assert finding(reading, "job-seeker").count == 2
    searches = finding(reading, "searches")
    assert searches.count == 2 and searches.first == datetime(2024, 1, 2, 10, tzinfo=UTC)
    assert finding(reading, "positions").examples == ("Acme",)
    assert finding(reading, "education").count == 1


def test_facebook_export_with_mojibake_repaired(tmp_path: Path) -> None:
    reading = read_export(eb.build_facebook(tmp_path / "facebook-test.zip", root="fb-me/"))
    assert reading.platform_id == "facebook"
    interests = finding(reading, "ad-interests")
    assert interests.count == 5 and interests.examples[0] == "Café culture"
    assert "Bäckerei Zwei" in finding(reading, "advertisers").examples
    assert finding(reading, "advertisers-lists").count == 1
    assert finding(reading, "other-categories").count == 2
    assert finding(reading, "off-meta-apps").count == 2
    events = finding(reading, "off-meta-events")
    assert events.count == 5 and events.last == datetime.fromtimestamp(1706000000, UTC)
    assert finding(reading, "contacts").count == 3
    assert finding(reading, "logins").examples == ("Springfield",)


def test_instagram_is_told_apart_from_facebook(tmp_path: Path) -> None:
    reading = read_export(eb.build_instagram(tmp_path / "instagram.zip"))
    assert reading.platform_id == "instagram"
    assert {f.platform_id for f in reading.findings} == {"instagram"}
    assert finding(reading, "ad-interests").count == 5


def test_google_takeout(tmp_path: Path) -> None:
    reading = read_export(eb.build_google(tmp_path / "takeout-20240601.zip", searches=9))
    assert reading.platform_id == "google"
    activity = {f.text.split(":")[0]: f for f in reading.findings if f.evidence_id == "my-activity"}
    assert activity["My Activity for Search"].count == 9
    assert activity["My Activity for Maps"].count == 2
    assert any("Chrome" in f.text for f in reading.findings if f.evidence_id == "my-activity-html")
    watch = finding(reading, "watch-history")
    assert (watch.platform_id, watch.category_id, watch.count) == ("youtube", "watch-history", 7)
    assert finding(reading, "search-history").count == 3
    assert finding(reading, "location-history").count == 1


def test_tiktok_reddit_chatgpt(tmp_path: Path) -> None:
    tiktok = read_export(eb.build_tiktok(tmp_path / "tiktok.zip"))
    assert finding(tiktok, "ad-interests").value == "Food, Travel"
    assert finding(tiktok, "logins").count == 2
    assert finding(tiktok, "watched").count == 3
    assert finding(tiktok, "off-tiktok").examples == ("shop.example",)
    reddit = read_export(eb.build_reddit(tmp_path / "reddit.zip"))
    assert finding(reddit, "ip-logs").count == 2
    assert finding(reddit, "post-votes").count == 4
    assert finding(reddit, "gender").value == "male"
    chatgpt = read_export(eb.build_chatgpt(tmp_path / "chatgpt.zip", conversations=5))
    conversations = finding(chatgpt, "conversations")
    assert conversations.count == 5
    assert conversations.first == datetime.fromtimestamp(1704880800, UTC)
    assert finding(chatgpt, "memory").count == 2


def test_no_finding_holds_the_raw_content_it_was_not_asked_for(tmp_path: Path) -> None:
    for name, build in eb.BUILDERS.items():
        reading = read_export(build(tmp_path / f"{name}.zip"))
        kept = str(reading.to_json())
        for marker in eb.RAW_MARKERS:
            assert marker not in kept, (name, marker)


def test_reading_round_trips_through_json(tmp_path: Path) -> None:
    reading = read_export(eb.build_x(tmp_path / "x.zip"))
    assert ExportReading.from_json(reading.to_json()) == reading


def test_progress_reaches_the_end_and_cancel_stops(tmp_path: Path) -> None:
    from gui.core.evidence.errors import ReadCancelled

    path = eb.build_x(tmp_path / "x.zip")
    seen: list[tuple[int, int]] = []
    read_export(path, progress=lambda done, total, _member: seen.append((done, total)))
    assert seen and seen[-1][0] == seen[-1][1]
    with pytest.raises(ReadCancelled):
        read_export(path, cancelled=lambda: True)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2024-01-10 12:00:00", datetime(2024, 1, 10, 12, tzinfo=UTC)),
        ("2024-01-10T12:00:00.000Z", datetime(2024, 1, 10, 12, tzinfo=UTC)),
        ("12 Jan 2020", datetime(2020, 1, 12, tzinfo=UTC)),
        ("2024/01/02 10:00:00 UTC", datetime(2024, 1, 2, 10, tzinfo=UTC)),
        (1704888000, datetime(2024, 1, 10, 12, tzinfo=UTC)),
        (1704888000000, datetime(2024, 1, 10, 12, tzinfo=UTC)),
        ("soon", None),
        (True, None),
    ],
)
def test_dates(value: object, expected: datetime | None) -> None:
    assert parse_when(value) == expected


def test_mojibake_and_field_paths() -> None:
    assert repair_mojibake(eb.mojibake("naïve café")) == "naïve café"
    assert repair_mojibake("already fine é") == "already fine é"
    item = {"a": [{"b": 1}, {"b": 2}, {"c": 3}], "d": {"e": "x"}}
    assert values_at(item, "a[].b") == [1, 2]
    assert values_at(item, "d.e") == ["x"]
    assert values_at(item, "missing") == []
