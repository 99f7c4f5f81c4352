#!/usr/bin/env python3
"""Draws the default theme's app icons (themes/lots/static/icons/): an open book on a dark
blue square, as SVG and as 192 and 512 pixel PNGs. Standard library only; run it again after
changing the drawing."""
import pathlib
import struct
import zlib

OUT = pathlib.Path(__file__).resolve().parent.parent / "themes" / "lots" / "static" / "icons"
BLUE = (11, 45, 91)
WHITE = (255, 255, 255)
GOLD = (242, 192, 55)

SVG = """<svg xmlns="http://www.w3.org/2000/svg" width="512" height="512" viewBox="0 0 512 512">
<title>Kunskapsbank</title>
<rect width="512" height="512" rx="96" fill="#0b2d5b"/>
<path d="M96 160 L248 192 L248 400 L96 368 Z" fill="#ffffff"/>
<path d="M416 160 L264 192 L264 400 L416 368 Z" fill="#ffffff"/>
<rect x="248" y="176" width="16" height="232" fill="#f2c037"/>
</svg>
"""


def inside(px, py, poly):
    """Even-odd point-in-polygon test."""
    hit = False
    for i in range(len(poly)):
        (x1, y1), (x2, y2) = poly[i], poly[(i + 1) % len(poly)]
        if (y1 > py) != (y2 > py) and px < (x2 - x1) * (py - y1) / (y2 - y1) + x1:
            hit = not hit
    return hit


def pixel(x, y):
    left = [(96, 160), (248, 192), (248, 400), (96, 368)]
    right = [(416, 160), (264, 192), (264, 400), (416, 368)]
    if 248 <= x < 264 and 176 <= y < 408:
        return GOLD
    if inside(x, y, left) or inside(x, y, right):
        return WHITE
    return BLUE


def png(size):
    scale = 512 / size
    rows = []
    for y in range(size):
        row = bytearray([0])
        for x in range(size):
            row.extend(pixel((x + 0.5) * scale, (y + 0.5) * scale))
        rows.append(bytes(row))
    raw = b"".join(rows)

    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    header = struct.pack(">IIBBBBB", size, size, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(raw, 9)) + chunk(b"IEND", b"")


def main():
    OUT.mkdir(parents=True, exist_ok=True)
    (OUT / "icon.svg").write_text(SVG, encoding="utf-8")
    for size in (192, 512):
        (OUT / f"icon-{size}.png").write_bytes(png(size))


if __name__ == "__main__":
    main()
