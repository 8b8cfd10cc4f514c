"""The map of Małopolska's gminy, from the shipped boundaries, for screens and PDFs.

Boundaries are projected simply (longitude scaled by the cosine of the middle
latitude) — right for a region this size. A gmina without a polygon (Szczawa,
newer than the boundary data) is returned separately, so a map can list it
under the drawing instead of leaving it out silently.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from functools import cache

from skimlll_desktop.paths import resource_path

Ring = tuple[tuple[float, float], ...]


@dataclass(frozen=True)
class GminaShape:
    teryt: str
    name: str
    rings: tuple[Ring, ...]  # projected, outer rings and holes


@dataclass(frozen=True)
class RegionMap:
    shapes: tuple[GminaShape, ...]
    bounds: tuple[float, float, float, float]  # min x, min y, max x, max y


@cache
def region_map() -> RegionMap:
    data = json.loads(resource_path("data", "gminy_malopolskie.geojson").read_text("utf-8"))
    features = data["features"]
    latitudes = [lat for f in features for ring in _rings(f["geometry"]) for _lon, lat in ring]
    scale = math.cos(math.radians((min(latitudes) + max(latitudes)) / 2))
    shapes = []
    for feature in features:
        rings = tuple(tuple((lon * scale, lat) for lon, lat in ring)
                      for ring in _rings(feature["geometry"]))
        shapes.append(GminaShape(feature["properties"]["teryt"], feature["properties"]["name"],
                                 rings))
    xs = [x for s in shapes for ring in s.rings for x, _y in ring]
    ys = [y for s in shapes for ring in s.rings for _x, y in ring]
    return RegionMap(tuple(shapes), (min(xs), min(ys), max(xs), max(ys)))


def _rings(geometry: dict) -> list[list[tuple[float, float]]]:
    if geometry["type"] == "Polygon":
        return [[tuple(p) for p in ring] for ring in geometry["coordinates"]]
    return [[tuple(p) for p in ring] for polygon in geometry["coordinates"] for ring in polygon]


def gminy_without_shape(teryt_codes: set[str]) -> list[str]:
    """Which of the given gminy have no polygon on the map."""
    drawn = {shape.teryt for shape in region_map().shapes}
    return sorted(code for code in teryt_codes if code not in drawn)


def draw_on_canvas(canvas, x: float, y: float, width: float, height: float,
                   colours: dict[str, tuple[float, float, float]],
                   default: tuple[float, float, float] = (0.93, 0.94, 0.95)) -> None:
    """Draw the gminy into a box of a reportlab canvas, each filled with its colour."""
    region = region_map()
    min_x, min_y, max_x, max_y = region.bounds
    scale = min(width / (max_x - min_x), height / (max_y - min_y))
    left = x + (width - (max_x - min_x) * scale) / 2
    bottom = y + (height - (max_y - min_y) * scale) / 2
    canvas.saveState()
    canvas.setLineWidth(0.25)
    canvas.setStrokeColorRGB(1, 1, 1)
    for shape in region.shapes:
        canvas.setFillColorRGB(*colours.get(shape.teryt, default))
        path = canvas.beginPath()
        for ring in shape.rings:
            (first_x, first_y), *rest = ring
            path.moveTo(left + (first_x - min_x) * scale, bottom + (first_y - min_y) * scale)
            for px, py in rest:
                path.lineTo(left + (px - min_x) * scale, bottom + (py - min_y) * scale)
            path.close()
        canvas.drawPath(path, stroke=1, fill=1, fillMode=0)
    canvas.restoreState()
