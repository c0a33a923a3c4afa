#!/usr/bin/env python3
"""Draws Satchel's app icons (the satchel of style/favicon.svg) as PNGs, with zlib and
struct only. Run once after a design change; the PNGs are committed (Trunk copies them)."""
import struct
import zlib
from pathlib import Path

BLUE = (0x2F, 0x5D, 0x8A)
WHITE = (0xFF, 0xFF, 0xFF)


def inside_round_rect(x, y, x0, y0, x1, y1, r):
    if not (x0 <= x <= x1 and y0 <= y <= y1):
        return False
    cx = min(max(x, x0 + r), x1 - r)
    cy = min(max(y, y0 + r), y1 - r)
    return (x - cx) ** 2 + (y - cy) ** 2 <= r * r


def satchel(u, v):
    """The favicon's shape in its 32x32 box: body rect, and the handle's outline."""
    if inside_round_rect(u, v, 4, 9, 28, 27, 3):
        return True
    outer = inside_round_rect(u, v, 9.75, 2.75, 22.25, 11, 3.25)
    inner = inside_round_rect(u, v, 12.25, 5.25, 19.75, 11, 0.75)
    return outer and not inner and v <= 9.5


def draw(size, maskable):
    # A maskable icon fills the square (the platform cuts its own shape) and keeps the
    # picture inside the central 80% safe zone; a plain one is the satchel on white.
    back = BLUE if maskable else WHITE
    fore = WHITE if maskable else BLUE
    scale = (0.6 if maskable else 0.9) * size / 32
    offset = (size - 32 * scale) / 2
    rows = []
    for y in range(size):
        row = bytearray([0])
        for x in range(size):
            hits = 0
            for sy in (0.25, 0.75):  # 2x2 samples: smooth enough edges
                for sx in (0.25, 0.75):
                    u = (x + sx - offset) / scale
                    v = (y + sy - offset) / scale
                    hits += satchel(u, v)
            t = hits / 4
            row += bytes(round(b + (f - b) * t) for b, f in zip(back, fore))
        rows.append(bytes(row))
    raw = b"".join(rows)

    def chunk(kind, data):
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    header = struct.pack(">IIBBBBB", size, size, 8, 2, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header)
            + chunk(b"IDAT", zlib.compress(raw, 9)) + chunk(b"IEND", b""))


here = Path(__file__).parent / "icons"
for name, size, maskable in [("icon-192.png", 192, False), ("icon-512.png", 512, False),
                             ("icon-maskable-512.png", 512, True)]:
    (here / name).write_bytes(draw(size, maskable))
    print(name, (here / name).stat().st_size, "bytes")
