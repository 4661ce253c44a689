"""Start-up of the app against a bare PySide6 window (benchmarks/bare_window.py).

In one run, interleaved, it starts each several times and prints medians of the wall time
from process launch to the ``first-paint-ms`` line (and, for the app, to ``ready-ms``) and of
peak memory (max RSS of the child), with the ratios to the bare window. The app runs on a
populated data dir: every bundled platform and 200 decisions, key in a file-backed test
keyring, as a returning user would start it.

    QT_QPA_PLATFORM=offscreen .venv/bin/python benchmarks/startup.py [--runs 9]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))  # the file-backed test keyring lives there


def populate(data_dir: Path, keyring_file: Path, decisions: int = 200) -> None:
    """A returning user's data dir: every bundled platform, ``decisions`` decisions."""
    os.environ["PRIVACY_REVIEW_TEST_KEYRING_FILE"] = str(keyring_file)
    import keyring

    from gui.core import paths
    from gui.core.catalog import load_catalog
    from gui.core.checklist import Status
    from gui.core.store import open_store

    from support.keyrings import FileKeyring

    keyring.set_keyring(FileKeyring())
    dirs = paths.resolve(data_dir)
    dirs.ensure()
    store = open_store(dirs)
    statuses = list(Status)
    categories = [(p, c) for p in load_catalog().platforms for c in p.categories]
    written = 0
    # 63 bundled categories: re-deciding them builds history as a long-time user's would.
    while written < decisions:
        for platform, category in categories:
            if written == decisions:
                break
            status = statuses[written % len(statuses)]
            store.record(platform.id, category.id, status, f"note {written}", category.fingerprint)
            written += 1
    store.daily_backup()
    store.close()


def launch(cmd: list[str], env: dict[str, str]) -> tuple[dict[str, float], float]:
    """Run ``cmd``; wall ms from launch to each ``NAME-ms`` line, and peak RSS in MiB."""
    start = time.perf_counter()
    process = subprocess.Popen(cmd, env=env, stdout=subprocess.PIPE, text=True, cwd=ROOT)
    marks: dict[str, float] = {}
    assert process.stdout is not None
    for line in process.stdout:
        name = line.split(" ", 1)[0]
        if name.endswith("-ms"):
            marks[name] = (time.perf_counter() - start) * 1000
    _, status, usage = os.wait4(process.pid, 0)
    if status != 0:
        raise SystemExit(f"{cmd} failed with status {status}")
    peak_mib = usage.ru_maxrss / 1024  # Linux reports KiB
    return marks, peak_mib


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=9)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as temporary:
        work = Path(temporary)
        keyring_file = work / "keyring.json"
        populate(work / "data", keyring_file)
        env = dict(
            os.environ,
            QT_QPA_PLATFORM=os.environ.get("QT_QPA_PLATFORM", "offscreen"),
            PRIVACY_REVIEW_DATA_DIR=str(work / "data"),
            PRIVACY_REVIEW_TEST_KEYRING_FILE=str(keyring_file),
            PYTHON_KEYRING_BACKEND="support.keyrings.FileKeyring",
            PYTHONPATH=os.pathsep.join([str(ROOT), str(ROOT / "tests")]),
        )
        bare_cmd = [sys.executable, str(ROOT / "benchmarks" / "bare_window.py")]
        app_cmd = [sys.executable, "-m", "gui", "--profile-startup"]
        launch(bare_cmd, env)  # warm the disk cache for both before measuring
        launch(app_cmd, env)
        bare_paint, bare_mem, app_paint, app_ready, app_mem = [], [], [], [], []
        for _ in range(args.runs):
            marks, mem = launch(bare_cmd, env)
            bare_paint.append(marks["first-paint-ms"])
            bare_mem.append(mem)
            marks, mem = launch(app_cmd, env)
            app_paint.append(marks["first-paint-ms"])
            app_ready.append(marks["ready-ms"])
            app_mem.append(mem)
    med = statistics.median
    print(f"runs: {args.runs} each, interleaved; wall time from launch; median")
    print(f"bare window   first paint {med(bare_paint):7.0f} ms   peak {med(bare_mem):6.1f} MiB")
    print(
        f"privacy-review first paint {med(app_paint):7.0f} ms   ready {med(app_ready):7.0f} ms"
        f"   peak {med(app_mem):6.1f} MiB"
    )
    print(
        f"ratios: first paint {med(app_paint) / med(bare_paint):.2f}x (budget 1.3x), "
        f"ready {med(app_ready) / med(bare_paint):.2f}x (budget 2x), "
        f"peak memory {med(app_mem) / med(bare_mem):.2f}x (budget 1.3x)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
