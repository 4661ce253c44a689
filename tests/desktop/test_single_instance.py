"""One window per user and data dir: a second launch brings the first to the front."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtNetwork import QLocalServer

from gui.desktop.infra.single_instance import SingleInstance, server_name


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    path = tmp_path / "data"
    path.mkdir()
    return path


def test_second_instance_asks_the_first_to_activate(qtbot, data_dir: Path) -> None:
    first = SingleInstance(data_dir)
    second = SingleInstance(data_dir)
    try:
        assert first.claim()
        assert first.is_listening
        with qtbot.waitSignal(first.activationRequested, timeout=5000):
            assert not second.claim()
        assert not second.is_listening
    finally:
        second.release()
        first.release()


def test_listening_can_wait_until_after_the_first_paint(qtbot, data_dir: Path) -> None:
    first = SingleInstance(data_dir)
    try:
        assert first.claim(listen=False)
        assert not first.is_listening
        first.listen()
        assert first.is_listening
        with qtbot.waitSignal(first.activationRequested, timeout=5000):
            assert not SingleInstance(data_dir).claim()
    finally:
        first.release()


def test_other_data_dirs_are_independent(tmp_path: Path) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    a, b = SingleInstance(tmp_path / "a"), SingleInstance(tmp_path / "b")
    try:
        assert a.claim() and b.claim()
        assert a.name != b.name
    finally:
        a.release()
        b.release()


def test_release_lets_the_next_launch_be_first(data_dir: Path) -> None:
    first = SingleInstance(data_dir)
    assert first.claim()
    first.release()
    again = SingleInstance(data_dir)
    try:
        assert again.claim()
    finally:
        again.release()


@pytest.mark.skipif(os.name != "posix", reason="stale socket files exist on POSIX only")
def test_stale_socket_from_a_crash_is_replaced(data_dir: Path) -> None:
    # A crashed run leaves its socket file behind but not its lock (its process is gone).
    leftover = QLocalServer()
    assert leftover.listen(server_name(data_dir))
    socket_path = Path(leftover.fullServerName())
    # Simulate the crash: the file stays, nothing answers on it.
    leftover.close()
    socket_path.touch()
    instance = SingleInstance(data_dir)
    try:
        assert instance.claim()
        assert instance.is_listening
    finally:
        instance.release()


def test_server_name_is_short_and_per_user(data_dir: Path) -> None:
    name = server_name(data_dir)
    assert name.startswith("privacy-review-") and len(name) < 60
    assert name == server_name(data_dir / ".")


def test_a_second_app_launch_exits_and_activates_the_first(qtbot, data_dir: Path) -> None:
    first = SingleInstance(data_dir)
    assert first.claim()
    try:
        env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
        env.pop("PRIVACY_REVIEW_DATA_DIR", None)
        with qtbot.waitSignal(first.activationRequested, timeout=20_000):
            process = subprocess.Popen(
                [sys.executable, "-m", "gui", "--data-dir", str(data_dir)],
                env=env,
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
            )
        out, err = process.communicate(timeout=20)
        assert process.returncode == 0, err.decode()
        assert out == b""
    finally:
        first.release()
