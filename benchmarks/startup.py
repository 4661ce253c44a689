"""Start-up of the app against a bare PySide6 window and against the same-libraries floor.

In one run, interleaved (bare window, floor, app, then the next round), it starts each
several times and prints medians of the wall time from process launch to the
``first-paint-ms`` line (and, for the floor and the app, to ``ready-ms``) and of peak memory
(max RSS of the child), with the ratios to the bare window (``bare_window.py``) and to the
floor (``startup_floor.py``: bare window + keyring + sqlcipher3 reading the same store + a
tree of the same rows). Then, interleaved the same way, the commands ``mark`` and
``checklist --json`` against ``startup_floor.py --cli`` (keyring + sqlcipher3 reading the
same store, no Qt). The app runs on a populated data dir: every bundled platform and 200
decisions, key in a file-backed test keyring, as a returning user would start it. The app's
modules are compiled to bytecode first, as an installed app has them. Asserts nothing.

    QT_QPA_PLATFORM=offscreen .venv/bin/python benchmarks/startup.py [--runs 11]
        [--app-root DIR]   # measure another copy of the code (e.g. a `git archive`)
"""

from __future__ import annotations

import argparse
import compileall
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))  # the file-backed test keyring lives there

TARGETS = (
    "first paint <= 1.2x bare; ready <= 2.0x bare and <= 1.15x floor; "
    "peak memory <= 1.05x floor; CLI <= 1.3x the CLI floor"
)


def populate(data_dir: Path, keyring_file: Path, decisions: int = 200) -> tuple[str, str]:
    """A returning user's data dir: every bundled platform, ``decisions`` decisions. Also
    writes the rows the floor's tree shows. Returns a (platform, category) to ``mark``."""
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
    catalog = load_catalog()
    categories = [(p, c) for p in catalog.platforms for c in p.categories]
    written = 0
    # Fewer decisions than categories (341 bundled): a long-time user who decided some.
    while written < decisions:
        for platform, category in categories:
            if written == decisions:
                break
            status = statuses[written % len(statuses)]
            store.record(platform.id, category.id, status, f"note {written}", category.fingerprint)
            written += 1
    store.daily_backup()
    store.close()
    rows = [
        {"id": p.id, "name": p.name, "categories": [[c.id, c.title] for c in p.categories]}
        for p in catalog.platforms
    ]
    (data_dir.parent / "floor-rows.json").write_text(json.dumps(rows), encoding="utf-8")
    return categories[0][0].id, categories[0][1].id


def launch(cmd: list[str], env: dict[str, str], cwd: Path = ROOT) -> tuple[dict[str, float], float]:
    """Run ``cmd``; wall ms from launch to each ``NAME-ms`` line (and to exit, ``exit-ms``),
    and peak RSS in MiB. ``python -m`` puts ``cwd`` first on the path: it picks the code."""
    start = time.perf_counter()
    process = subprocess.Popen(
        cmd, env=env, stdout=subprocess.PIPE, text=True, cwd=cwd, stdin=subprocess.DEVNULL
    )
    marks: dict[str, float] = {}
    assert process.stdout is not None
    for line in process.stdout:
        name = line.split(" ", 1)[0]
        if name.endswith("-ms"):
            marks[name] = (time.perf_counter() - start) * 1000
    _, status, usage = os.wait4(process.pid, 0)
    marks["exit-ms"] = (time.perf_counter() - start) * 1000
    if status != 0:
        raise SystemExit(f"{cmd} failed with status {status}")
    peak_mib = usage.ru_maxrss / 1024  # Linux reports KiB
    return marks, peak_mib


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=11)
    parser.add_argument("--app-root", type=Path, default=ROOT)
    parser.add_argument("--no-cli", action="store_true", help="skip the command timings")
    parser.add_argument("--populate", nargs=2, type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.populate:
        print(*populate(*args.populate))
        return 0
    app_root = args.app_root.resolve()
    compileall.compile_dir(str(app_root / "gui"), quiet=1)
    compileall.compile_dir(str(ROOT / "tests" / "support"), quiet=1)
    compileall.compile_dir(str(ROOT / "benchmarks"), quiet=1)
    with tempfile.TemporaryDirectory() as temporary:
        work = Path(temporary)
        keyring_file = work / "keyring.json"
        # In a child process: a fork inherits the parent's peak memory (Linux keeps
        # ru_maxrss across exec), so this process must stay smaller than any it measures.
        made = subprocess.run(
            [sys.executable, __file__, "--populate", str(work / "data"), str(keyring_file)],
            check=True,
            stdout=subprocess.PIPE,
            text=True,
            env=dict(os.environ, PYTHONPATH=str(ROOT)),
        )
        platform_id, category_id = made.stdout.split()
        env = dict(
            os.environ,
            QT_QPA_PLATFORM=os.environ.get("QT_QPA_PLATFORM", "offscreen"),
            PRIVACY_REVIEW_DATA_DIR=str(work / "data"),
            PRIVACY_REVIEW_TEST_KEYRING_FILE=str(keyring_file),
            PYTHON_KEYRING_BACKEND="support.keyrings.FileKeyring",
            PYTHONPATH=os.pathsep.join([str(app_root), str(ROOT / "tests")]),
        )
        env.pop("PYTHONDONTWRITEBYTECODE", None)  # an installed app has its bytecode
        python = sys.executable
        window = {
            "bare": [python, str(ROOT / "benchmarks" / "bare_window.py")],
            "floor": [python, str(ROOT / "benchmarks" / "startup_floor.py")],
            "app": [python, "-m", "gui", "--profile-startup"],
        }
        for cmd in window.values():  # warm the disk cache (and the catalog cache) first
            launch(cmd, env, app_root)
        got: dict[str, dict[str, list[float]]] = {k: {} for k in window}
        for _ in range(args.runs):
            for key, cmd in window.items():
                marks, mem = launch(cmd, env, app_root)
                for name, value in [*marks.items(), ("peak-mib", mem)]:
                    got[key].setdefault(name, []).append(value)
        cli = {
            "cli floor": [python, str(ROOT / "benchmarks" / "startup_floor.py"), "--cli"],
            "mark": [python, "-m", "gui", "mark", platform_id, category_id, "opted-out"],
            "checklist --json": [python, "-m", "gui", "checklist", "--json"],
        }
        if not args.no_cli:
            for cmd in cli.values():
                launch(cmd, env, app_root)
            for _ in range(args.runs):
                for key, cmd in cli.items():
                    marks, mem = launch(cmd, env, app_root)
                    got.setdefault(key, {}).setdefault("exit-ms", []).append(marks["exit-ms"])
                    got[key].setdefault("peak-mib", []).append(mem)

    def med(key: str, name: str) -> float:
        return statistics.median(got[key][name])

    print(f"code: {app_root}")
    print(f"runs: {args.runs} each, interleaved; wall time from launch; medians")
    for key in window:
        ready = f"   ready {med(key, 'ready-ms'):5.0f} ms" if "ready-ms" in got[key] else ""
        print(
            f"{key:16} first paint {med(key, 'first-paint-ms'):5.0f} ms{ready:17}"
            f"   peak {med(key, 'peak-mib'):6.1f} MiB"
        )
    bare_paint, bare_mem = med("bare", "first-paint-ms"), med("bare", "peak-mib")
    print(
        f"app / bare : first paint {med('app', 'first-paint-ms') / bare_paint:.2f}x, "
        f"ready {med('app', 'ready-ms') / bare_paint:.2f}x, "
        f"peak {med('app', 'peak-mib') / bare_mem:.2f}x"
    )
    print(
        f"floor / bare: ready {med('floor', 'ready-ms') / bare_paint:.2f}x, "
        f"peak {med('floor', 'peak-mib') / bare_mem:.2f}x"
    )
    print(
        f"app / floor: first paint "
        f"{med('app', 'first-paint-ms') / med('floor', 'first-paint-ms'):.2f}x, "
        f"ready {med('app', 'ready-ms') / med('floor', 'ready-ms'):.2f}x, "
        f"peak {med('app', 'peak-mib') / med('floor', 'peak-mib'):.2f}x"
    )
    if not args.no_cli:
        floor_ms, floor_mem = med("cli floor", "exit-ms"), med("cli floor", "peak-mib")
        for key in cli:
            print(
                f"{key:16} {med(key, 'exit-ms'):5.0f} ms  peak {med(key, 'peak-mib'):6.1f} MiB"
                f"   / cli floor {med(key, 'exit-ms') / floor_ms:.2f}x time, "
                f"{med(key, 'peak-mib') / floor_mem:.2f}x memory"
            )
    print(f"targets: {TARGETS}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
