"""Draw the home-screen icons (PNG) with no imaging library: `python static/img/make_icons.py`.

The drawing repeats static/img/icon.svg (a figure bridging over the floor line, in white on
Thrustlog blue). Each pixel is 4x4 supersampled, so edges are smooth. The output is committed.
"""

import math
import struct
import zlib
from pathlib import Path

HERE = Path(__file__).resolve().parent / "icons"
BLUE = (0x1F, 0x5F, 0x8B)
WHITE = (0xFF, 0xFF, 0xFF)
SAMPLES = 4
STROKE = 5 / 2  # half the SVG's stroke width, in its 64-unit box
LINES = [((12, 44), (52, 44)), ((18, 44), (26, 26)), ((26, 26), (38, 26)), ((38, 26), (46, 44))]
HEAD = ((32, 18), 5)


def _segment_distance(px: float, py: float, a: tuple, b: tuple) -> float:
    (ax, ay), (bx, by) = a, b
    dx, dy = bx - ax, by - ay
    t = max(0.0, min(1.0, ((px - ax) * dx + (py - ay) * dy) / (dx * dx + dy * dy)))
    return math.hypot(px - ax - t * dx, py - ay - t * dy)


def _inside_rounded_square(x: float, y: float, radius: float) -> bool:
    cx = min(max(x, radius), 64 - radius)
    cy = min(max(y, radius), 64 - radius)
    return math.hypot(x - cx, y - cy) <= radius


def _white(x: float, y: float) -> bool:
    (hx, hy), hr = HEAD
    if math.hypot(x - hx, y - hy) <= hr:
        return True
    return any(_segment_distance(x, y, a, b) <= STROKE for a, b in LINES)


def draw(size: int, *, maskable: bool) -> bytes:
    """RGBA rows. Maskable: full-bleed blue, drawing shrunk into the 80% safe zone."""
    scale = 0.7 if maskable else 1.0
    rows = []
    for py in range(size):
        row = bytearray([0])  # PNG filter: none
        for px in range(size):
            bg = fg = 0
            for sy in range(SAMPLES):
                for sx in range(SAMPLES):
                    x = (px + (sx + 0.5) / SAMPLES) * 64 / size
                    y = (py + (sy + 0.5) / SAMPLES) * 64 / size
                    if not maskable and not _inside_rounded_square(x, y, 14):
                        continue
                    bg += 1
                    if _white(32 + (x - 32) / scale, 32 + (y - 32) / scale):
                        fg += 1
            n = SAMPLES * SAMPLES
            if bg == 0:
                row += bytes(4)
                continue
            mix = fg / bg
            rgb = [round(c0 * (1 - mix) + c1 * mix) for c0, c1 in zip(BLUE, WHITE, strict=True)]
            row += bytes([*rgb, round(255 * bg / n)])
        rows.append(bytes(row))
    return b"".join(rows)


def png(size: int, pixels: bytes) -> bytes:
    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    header = struct.pack(">IIBBBBB", size, size, 8, 6, 0, 0, 0)  # 8-bit RGBA
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(pixels, 9))
        + chunk(b"IEND", b"")
    )


def main() -> None:
    HERE.mkdir(exist_ok=True)
    for name, size, maskable in [
        ("icon-192.png", 192, False),
        ("icon-512.png", 512, False),
        ("maskable-192.png", 192, True),
        ("maskable-512.png", 512, True),
        ("apple-touch-icon-180.png", 180, True),
    ]:
        (HERE / name).write_bytes(png(size, draw(size, maskable=maskable)))
        print("wrote", HERE / name)


if __name__ == "__main__":
    main()
