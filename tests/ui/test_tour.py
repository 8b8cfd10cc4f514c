"""The screenshot tour runs end to end and saves every area."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from PySide6.QtGui import QImage

from skimlll_desktop.ui.main_window import AREAS

ROOT = Path(__file__).resolve().parents[2]


def _tour(outdir: Path, *args: str, home: Path) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", HOME=str(home))
    env.pop("QT_SCALE_FACTOR", None)
    return subprocess.run(
        [sys.executable, "-m", "skimlll_desktop.tour", str(outdir), *args],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=300, check=False,
    )


def test_tour_saves_every_area_and_the_dialogs(tmp_path: Path) -> None:
    result = _tour(tmp_path / "shots", home=tmp_path)
    assert result.returncode == 0, result.stderr
    names = sorted(path.name for path in (tmp_path / "shots").glob("*.png"))
    for number, area in enumerate(AREAS, start=1):
        assert f"{number:02d}-{area.object_name.removesuffix('Area')}.png" in names
    assert any(name.endswith("-about.png") for name in names)
    assert any(name.endswith("-database-problem.png") for name in names)
    image = QImage(str(tmp_path / "shots" / "02-people.png"))
    assert (image.width(), image.height()) == (1366, 768)


def test_tour_at_125_percent_goes_to_its_own_folder(tmp_path: Path) -> None:
    result = _tour(tmp_path / "shots", "--scale", "1.25", home=tmp_path)
    assert result.returncode == 0, result.stderr
    image = QImage(str(tmp_path / "shots" / "scale-125" / "01-partners.png"))
    assert (image.width(), image.height()) == (round(1366 * 1.25), 960)
