"""How long reading a large X archive takes, and how much memory it needs, against the floor
of just reading the same members with ``zipfile``.

Generates X archives under /tmp (never in the repository): the big one is about 1 GB, most
of it media (stored, as X stores photos and videos) plus a ~200 MB ``data/ad-impressions.js``;
a smaller one (~50 MB of impressions, 200 MB of media) shows whether peak memory grows with
the archive's size. Each measurement runs in a fresh process, so its peak resident memory
(VmHWM) is its own: the app's reader (``read_export``), and the floor (the same
members read with ``zipfile`` in 1 MiB chunks, nothing parsed). Prints time, peak memory
and the ratios; asserts nothing. Takes a few minutes; the archives are deleted at the end
unless --keep.

    .venv/bin/python benchmarks/export_read.py [--keep] [--dir /tmp/somewhere]
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import shutil
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
MIB = 1024 * 1024
TARGETING = ["Interests", "Locations", "Keywords", "Age", "Gender", "Tailored audiences (lists)"]


def _impression(rng: random.Random, n: int) -> dict[str, object]:
    criteria = [
        {"targetingType": rng.choice(TARGETING), "targetingValue": f"value-{rng.getrandbits(32):x}"}
        for _ in range(rng.randint(1, 4))
    ]
    return {
        "deviceInfo": {"osType": rng.choice(["Ios", "Android", "Desktop"])},
        "displayLocation": rng.choice(["TimelineHome", "SearchTweets", "ProfileTweets"]),
        "promotedTweetInfo": {
            "tweetId": str(rng.getrandbits(62)),
            "tweetText": f"promoted {rng.getrandbits(64):x} {rng.getrandbits(64):x}",
            "urls": [],
            "mediaUrls": [],
        },
        "advertiserInfo": {
            "advertiserName": f"Advertiser {rng.randint(0, 5000)}",
            "screenName": f"@adv{rng.randint(0, 5000)}",
        },
        "matchedTargetingCriteria": criteria,
        "impressionTime": f"2024-{1 + n % 12:02d}-{1 + n % 28:02d} {n % 24:02d}:{n % 60:02d}:00",
    }


def generate(path: Path, impressions_mib: int, media_mib: int) -> None:
    rng = random.Random(17)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as archive:
        archive.writestr("data/manifest.js", 'window.__THAR_CONFIG = {"userInfo": {}}')
        personalization = [
            {
                "p13nData": {
                    "interests": {
                        "interests": [{"name": f"I{n}", "isDisabled": False} for n in range(300)]
                    }
                }
            }
        ]
        archive.writestr(
            "data/personalization.js",
            "window.YTD.personalization.part0 = " + json.dumps(personalization),
        )
        with archive.open("data/ad-impressions.js", "w", force_zip64=True) as out:
            out.write(b"window.YTD.ad_impressions.part0 = [")
            written = 0
            for part in range(1_000_000):
                impressions = [_impression(rng, part * 500 + n) for n in range(500)]
                chunk = json.dumps(
                    {"ad": {"adsUserData": {"adImpressions": {"impressions": impressions}}}}
                ).encode()
                out.write((b"," if part else b"") + chunk)
                written += len(chunk)
                if written >= impressions_mib * MIB:
                    break
            out.write(b"]")
        block = os.urandom(8 * MIB)
        for number in range(max(media_mib // 8, 0)):
            info = zipfile.ZipInfo(f"data/tweets_media/{number:05d}-video.mp4")
            info.compress_type = zipfile.ZIP_STORED
            archive.writestr(info, block[number % 8 :] + block[: number % 8])


def child(kind: str, path: str) -> None:
    start = time.perf_counter()
    if kind == "reader":
        sys.path.insert(0, str(REPO))
        from gui.core.evidence.engine import read_export

        reading = read_export(Path(path))
        detail = f"{len(reading.findings)} findings"
    else:
        members = ["data/personalization.js", "data/ad-impressions.js"]
        total = 0
        with zipfile.ZipFile(path) as archive:
            for name in members:
                with archive.open(name) as stream:
                    while chunk := stream.read(MIB):
                        total += len(chunk)
        detail = f"{total / MIB:.0f} MiB read"
    seconds = time.perf_counter() - start
    print(json.dumps({"seconds": seconds, "peak_mib": peak_mib(), "detail": detail}))


def peak_mib() -> float:
    """This process's peak resident memory. VmHWM where there is /proc (ru_maxrss survives
    exec on Linux, so it would report the parent's peak when that was higher)."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    scale = 1024 * 1024 if sys.platform == "darwin" else 1024  # bytes on macOS, KiB on Linux
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / scale


def measure(kind: str, path: Path) -> dict[str, float | str]:
    out = subprocess.run(
        [sys.executable, __file__, "--child", kind, str(path)],
        check=True,
        capture_output=True,
        text=True,
    )
    result: dict[str, float | str] = json.loads(out.stdout.strip().splitlines()[-1])
    return result


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--child", nargs=2, metavar=("KIND", "PATH"), help=argparse.SUPPRESS)
    parser.add_argument("--keep", action="store_true", help="keep the generated archives")
    parser.add_argument("--dir", default=None, help="where to generate (default: under /tmp)")
    args = parser.parse_args()
    if args.child:
        child(*args.child)
        return
    folder = Path(args.dir or tempfile.mkdtemp(prefix="export-bench-", dir="/tmp"))
    folder.mkdir(parents=True, exist_ok=True)
    try:
        for label, impressions_mib, media_mib in (("small", 50, 200), ("1 GB", 200, 960)):
            path = folder / f"x-archive-{impressions_mib}.zip"
            started = time.perf_counter()
            generate(path, impressions_mib, media_mib)
            with zipfile.ZipFile(path) as archive:
                info = archive.getinfo("data/ad-impressions.js")
            print(
                f"{label}: {path.stat().st_size / MIB:.0f} MiB archive, ad-impressions.js "
                f"{info.file_size / MIB:.0f} MiB ({info.file_size / info.compress_size:.1f}x "
                f"packed), generated in {time.perf_counter() - started:.0f} s"
            )
            floor = measure("floor", path)
            reader = measure("reader", path)
            for name, result in (("zipfile floor", floor), ("read_export", reader)):
                print(
                    f"  {name:<14} {result['seconds']:7.1f} s  peak {result['peak_mib']:6.0f} MiB"
                    f"  ({result['detail']})"
                )
            print(
                f"  ratio: {float(reader['seconds']) / float(floor['seconds']):.1f}x the time, "
                f"{float(reader['peak_mib']) / float(floor['peak_mib']):.2f}x the peak memory"
            )
    finally:
        if not args.keep:
            shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
