"""Synthetic data exports, built from the documented structures of each platform's archive.
No real person's data: every name, address and value here is made up.

``build_x(path, ...)`` and friends write a ZIP at ``path`` and return it; keyword arguments
size the contents so tests can check the counts the readers report.
"""

from __future__ import annotations

import csv
import io
import json
import zipfile
from collections.abc import Iterable, Mapping
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

# Strings that must never reach the data dir in the clear (the raw-content scan looks for
# them). Each is also unlikely to appear by chance in a binary file.
SECRET_IP = "203.0.113.77"
SECRET_CONTACT = "zz-contact-ximena-quartz@example.invalid"
SECRET_SEARCH = "zz-search-quokka-saxophone"
SECRET_TWEET = "zz-tweet-never-stored-pelican"
RAW_MARKERS = (SECRET_IP, SECRET_CONTACT, SECRET_SEARCH, SECRET_TWEET)

BASE = datetime(2024, 1, 10, 12, 0, tzinfo=UTC)


def x_js(name: str, data: Any) -> bytes:
    return f"window.YTD.{name}.part0 = ".encode() + json.dumps(data, indent=1).encode()


def write_zip(path: Path, members: Mapping[str, bytes], *, compress: bool = True) -> Path:
    method = zipfile.ZIP_DEFLATED if compress else zipfile.ZIP_STORED
    path.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(path, "w", method) as archive:
        for name, data in members.items():
            info = zipfile.ZipInfo(name, date_time=(2024, 6, 1, 9, 30, 0))
            info.compress_type = method
            archive.writestr(info, data)
    return path


def csv_bytes(header: Iterable[str], rows: Iterable[Iterable[str]], notes: str = "") -> bytes:
    out = io.StringIO(newline="")
    if notes:
        out.write(notes)
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(list(header))
    writer.writerows([list(row) for row in rows])
    return out.getvalue().encode("utf-8")


def _stamp(when: datetime, form: str = "x") -> str:
    if form == "x":
        return when.strftime("%Y-%m-%d %H:%M:%S")
    return when.isoformat().replace("+00:00", "Z")


# --- X ------------------------------------------------------------------------------------


def x_members(
    *,
    interests: int = 12,
    disabled: int = 3,
    advertisers: int = 5,
    impressions: int = 8,
    targeted: int = 4,
    impressions_start: datetime = BASE,
    contacts: int = 2,
    ips: int = 3,
) -> dict[str, bytes]:
    personalization = [
        {
            "p13nData": {
                "demographics": {
                    "languages": [
                        {"language": "English", "isDisabled": False},
                        {"language": "German", "isDisabled": False},
                    ],
                    "genderInfo": {"gender": "female"},
                },
                "interests": {
                    "interests": [
                        {"name": f"Interest {n}", "isDisabled": n < disabled}
                        for n in range(interests)
                    ],
                    "partnerInterests": [{"name": "Partner thing"}],
                    "audienceAndAdvertisers": {
                        "numAudiences": "120",
                        "advertisers": [f"@advertiser{n}" for n in range(advertisers)],
                        "lookalikeAdvertisers": ["@lookalike1", "@lookalike2"],
                    },
                    "shows": [],
                },
                "locationHistory": ["Springfield"],
                "inferredAgeInfo": {"age": ["13-54"], "birthDate": ""},
            }
        }
    ]
    impression_list = []
    for n in range(impressions):
        criteria = [{"targetingType": "Locations", "targetingValue": "Springfield"}]
        if n < targeted:
            criteria.append({"targetingType": "Interests", "targetingValue": "Interest 5"})
        impression_list.append(
            {
                "deviceInfo": {"osType": "Desktop"},
                "displayLocation": "TimelineHome",
                "promotedTweetInfo": {"tweetText": SECRET_TWEET},
                "advertiserInfo": {"advertiserName": f"Brand {n % 3}", "screenName": "@b"},
                "matchedTargetingCriteria": criteria,
                "impressionTime": _stamp(impressions_start + timedelta(days=n)),
            }
        )
    ads = [{"ad": {"adsUserData": {"adImpressions": {"impressions": impression_list}}}}]
    engagements = [
        {
            "ad": {
                "adsUserData": {
                    "adEngagements": {
                        "engagements": [
                            {
                                "impressionAttributes": {
                                    "impressionTime": _stamp(BASE + timedelta(days=2))
                                },
                                "engagementAttributes": [
                                    {"engagementType": "ChargeableImpression"}
                                ],
                            }
                        ]
                    }
                }
            }
        }
    ]
    return {
        "data/manifest.js": b'window.__THAR_CONFIG = {"userInfo": {"accountId": "1"}}',
        "data/personalization.js": x_js("personalization", personalization),
        "data/ad-impressions.js": x_js("ad_impressions", ads),
        "data/ad-engagements.js": x_js("ad_engagements", engagements),
        "data/connected-application.js": x_js(
            "connected_application",
            [
                {
                    "connectedApplication": {
                        "organization": {"name": "Example Apps Ltd"},
                        "name": "Scheduler Pro",
                        "permissions": ["read", "write"],
                        "approvedAt": "2022-03-01T10:00:00.000Z",
                        "id": "42",
                    }
                }
            ],
        ),
        "data/ip-audit.js": x_js(
            "ip_audit",
            [
                {
                    "ipAudit": {
                        "accountId": "1",
                        "createdAt": _stamp(BASE + timedelta(hours=n), "iso"),
                        "loginIp": SECRET_IP if n == 0 else f"198.51.100.{n % ips}",
                    }
                }
                for n in range(ips + 2)
            ],
        ),
        "data/ageinfo.js": x_js(
            "ageinfo", [{"ageMeta": {"ageInfo": {"age": ["13-54"], "birthDate": ""}}}]
        ),
        "data/contact.js": x_js(
            "contact",
            [
                {"contact": {"id": str(n), "emails": [SECRET_CONTACT], "phoneNumbers": []}}
                for n in range(contacts)
            ],
        ),
        "data/device-token.js": x_js(
            "device_token",
            [
                {
                    "deviceToken": {
                        "clientApplicationId": "258901",
                        "token": "t0k3n",
                        "createdAt": "2023-05-01T00:00:00.000Z",
                        "clientApplicationName": "X for Android",
                    }
                }
            ],
        ),
        "data/ni-devices.js": x_js(
            "ni_devices",
            [{"niDeviceResponse": {"pushDevice": {"deviceVersion": "14", "udid": "u1"}}}],
        ),
        "data/grok-chat-item.js": x_js(
            "grok_chat_item",
            [
                {
                    "grokChatItem": {
                        "chatId": "c1",
                        "createdAt": _stamp(BASE, "iso"),
                        "sender": "user",
                    }
                }
            ],
        ),
        "data/tweets_media/photo.jpg": b"\xff\xd8\xff\xe0" + bytes(range(256)) * 8,
    }


def build_x(path: Path, **kwargs: Any) -> Path:
    return write_zip(path, x_members(**kwargs))


# --- LinkedIn -----------------------------------------------------------------------------

CONNECTIONS_NOTES = (
    "Notes:\r\n"
    '"When exporting your connection data, you may notice that some of the email addresses '
    'are missing. You will only see email addresses for connections who have allowed it."\r\n'
    "\r\n"
)


def linkedin_members(*, inferences: int = 4, connections: int = 6) -> dict[str, bytes]:
    return {
        "Profile.csv": csv_bytes(["First Name", "Last Name", "Headline"], [["Ada", "L", "Dev"]]),
        "Inferences_about_you.csv": csv_bytes(
            ["Category", "Type of inference", "Description", "Inference"],
            [
                ["Job", "Seniority", "Inferred seniority", f"Inference {n}"]
                for n in range(inferences)
            ],
        ),
        "Ad_Targeting.csv": csv_bytes(
            ["Member Age", "Member Gender", "Member Interests", "Member Traits", "Company Names"],
            [
                [
                    "25 to 34",
                    "Female",
                    "Cycling; Chess; Cloud computing",
                    "Frequent traveller",
                    "Acme",
                ]
            ],
        ),
        "Connections.csv": csv_bytes(
            [
                "First Name",
                "Last Name",
                "URL",
                "Email Address",
                "Company",
                "Position",
                "Connected On",
            ],
            [
                ["P", str(n), "", "", "Acme", "Dev", f"{n + 1:02d} Mar 2021"]
                for n in range(connections)
            ],
            notes=CONNECTIONS_NOTES,
        ),
        "Positions.csv": csv_bytes(
            ["Company Name", "Title", "Description", "Location", "Started On", "Finished On"],
            [["Acme", "Developer", "", "Springfield", "Jan 2020", ""]],
        ),
        "Education.csv": csv_bytes(
            ["School Name", "Start Date", "End Date", "Notes", "Degree Name", "Activities"],
            [["Springfield University", "2010", "2014", "", "BSc", ""]],
        ),
        "Job Seeker Preferences.csv": csv_bytes(
            ["Locations", "Industries", "Job Titles", "Open To Recruiters"],
            [["Springfield", "Software", "Developer; Engineer", "Yes"]],
        ),
        "SearchQueries.csv": csv_bytes(
            ["Time", "Search Query"],
            [["2024/01/02 10:00:00 UTC", SECRET_SEARCH], ["2024-02-03 11:00:00 UTC", "jobs"]],
        ),
    }


def build_linkedin(path: Path, **kwargs: Any) -> Path:
    return write_zip(path, linkedin_members(**kwargs))


# --- Facebook / Instagram -----------------------------------------------------------------


def mojibake(text: str) -> str:
    """Text as Meta writes it: each UTF-8 byte as one Latin-1 character."""
    return text.encode("utf-8").decode("latin-1")


def meta_members(*, root: str = "", interests: int = 5, contacts: int = 3) -> dict[str, bytes]:
    def js(data: Any) -> bytes:
        return json.dumps(data).encode("ascii")  # \u00c3 escapes, as Meta writes them

    ads = f"{root}ads_information/"
    return {
        f"{root}personal_information/profile_information/profile_information.json": js(
            {"profile_v2": {"name": {"full_name": "Test Person"}}}
        ),
        f"{ads}ads_interests.json": js(
            {"topics_v2": [mojibake("Café culture")] + [f"Topic {n}" for n in range(interests - 1)]}
        ),
        f"{ads}advertisers_using_your_activity_or_information.json": js(
            {
                "custom_audiences_all_types_v2": [
                    {
                        "advertiser_name": "Shop One",
                        "has_data_file_custom_audience": True,
                        "has_remarketing_custom_audience": False,
                        "has_in_person_store_visit": False,
                    },
                    {
                        "advertiser_name": mojibake("Bäckerei Zwei"),
                        "has_data_file_custom_audience": False,
                        "has_remarketing_custom_audience": True,
                        "has_in_person_store_visit": False,
                    },
                ]
            }
        ),
        f"{ads}other_categories_used_to_reach_you.json": js(
            {"bcts": ["Frequent travellers", "Facebook access (mobile): smartphones"]}
        ),
        f"{root}apps_and_websites_off_of_facebook/your_off-facebook_activity.json": js(
            {
                "off_facebook_activity_v2": [
                    {
                        "name": "shop.example",
                        "events": [
                            {"id": 1, "type": "PAGE_VIEW", "timestamp": 1704880800 + n * 86400}
                            for n in range(4)
                        ],
                    },
                    {
                        "name": "game.example",
                        "events": [{"id": 2, "type": "CUSTOM", "timestamp": 1706000000}],
                    },
                ]
            }
        ),
        f"{root}about_you/your_address_books.json": js(
            {
                "address_book_v2": {
                    "address_book": [
                        {"name": "Friend", "details": [{"contact_point": SECRET_CONTACT}]}
                        for _ in range(contacts)
                    ]
                }
            }
        ),
        f"{root}security_and_login_information/account_activity.json": js(
            {
                "account_activity_v2": [
                    {
                        "action": "Login",
                        "timestamp": 1704880800,
                        "ip_address": SECRET_IP,
                        "city": "Springfield",
                    }
                ]
            }
        ),
    }


def build_facebook(path: Path, **kwargs: Any) -> Path:
    return write_zip(path, meta_members(**kwargs))


def build_instagram(path: Path) -> Path:
    members = {
        key.replace(
            "apps_and_websites_off_of_facebook", "apps_and_websites_off_of_instagram"
        ): value
        for key, value in meta_members().items()
        if "profile_information" not in key
    }
    members["your_instagram_activity/likes/liked_posts.json"] = b'{"likes_media_likes": []}'
    members["personal_information/personal_information/personal_information.json"] = b"{}"
    return write_zip(path, members)


# --- Google Takeout -----------------------------------------------------------------------


def activity(count: int, header: str, start: datetime = BASE) -> bytes:
    return json.dumps(
        [
            {
                "header": header,
                "title": f"Searched for {SECRET_SEARCH}" if n == 0 else "Visited a page",
                "time": _stamp(start + timedelta(days=n), "iso"),
                "products": [header],
            }
            for n in range(count)
        ]
    ).encode()


def google_members(*, searches: int = 5, watched: int = 7) -> dict[str, bytes]:
    return {
        "Takeout/archive_browser.html": b"<html><body>Takeout</body></html>",
        "Takeout/My Activity/Search/MyActivity.json": activity(searches, "Search"),
        "Takeout/My Activity/Maps/MyActivity.json": activity(2, "Maps"),
        "Takeout/My Activity/Chrome/MyActivity.html": b"<html></html>",
        "Takeout/YouTube and YouTube Music/history/watch-history.json": activity(
            watched, "YouTube"
        ),
        "Takeout/YouTube and YouTube Music/history/search-history.json": activity(3, "YouTube"),
        "Takeout/Location History (Timeline)/Records.json": b'{"locations": []}',
    }


def build_google(path: Path, **kwargs: Any) -> Path:
    return write_zip(path, google_members(**kwargs))


# --- TikTok, Reddit, ChatGPT --------------------------------------------------------------


def build_tiktok(path: Path) -> Path:
    data = {
        "Activity": {
            "Login History": {
                "LoginHistoryList": [
                    {"Date": "2024-01-10 12:00:00", "IP": SECRET_IP, "DeviceModel": "Phone"},
                    {"Date": "2024-02-10 12:00:00", "IP": "198.51.100.2", "DeviceModel": "Phone"},
                ]
            },
            "Video Browsing History": {
                "VideoList": [{"Date": "2024-01-11 10:00:00", "Link": "https://t.example/v/1"}] * 3
            },
            "Search History": {
                "SearchList": [{"Date": "2024-01-12 10:00:00", "SearchTerm": SECRET_SEARCH}]
            },
        },
        "Ads and data": {
            "Ad Interests": {"AdInterestCategories": "Food, Travel"},
            "Off TikTok Activity": {
                "OffTikTokActivityDataList": [
                    {
                        "TimeStamp": "2024-03-01 08:00:00",
                        "Source": "shop.example",
                        "Event": "Purchase",
                    }
                ]
            },
        },
    }
    return write_zip(path, {"user_data_tiktok.json": json.dumps(data).encode()})


def build_reddit(path: Path) -> Path:
    return write_zip(
        path,
        {
            "statistics.csv": csv_bytes(["statistic", "value"], [["account name", "someone"]]),
            "ip_logs.csv": csv_bytes(
                ["date", "ip"],
                [
                    ["2024-01-10 12:00:00 UTC", SECRET_IP],
                    ["2024-02-01 12:00:00 UTC", "198.51.100.9"],
                ],
            ),
            "post_votes.csv": csv_bytes(["id", "permalink", "direction"], [["a", "", "up"]] * 4),
            "linked_phone_number.csv": csv_bytes(["phone_number"], [["+10000000000"]]),
            "account_gender.csv": csv_bytes(["account_gender"], [["male"]]),
        },
    )


def build_chatgpt(path: Path, *, conversations: int = 3) -> Path:
    items = [
        {"title": SECRET_SEARCH, "create_time": 1704880800 + n * 86400, "mapping": {}}
        for n in range(conversations)
    ]
    return write_zip(
        path,
        {
            "conversations.json": json.dumps(items).encode(),
            "user.json": b'{"id": "user-1"}',
            "memories.json": json.dumps(
                [{"memory": "likes tea"}, {"memory": "lives somewhere"}]
            ).encode(),
        },
    )


BUILDERS = {
    "x": build_x,
    "linkedin": build_linkedin,
    "facebook": build_facebook,
    "instagram": build_instagram,
    "google": build_google,
    "tiktok": build_tiktok,
    "reddit": build_reddit,
    "chatgpt": build_chatgpt,
}
