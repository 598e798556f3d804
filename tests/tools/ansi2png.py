#!/usr/bin/env python3
"""Render a tmux pane capture (text with ANSI SGR colours) to a PNG.

Typical flow (see screenshot.sh next to this file):

    tmux capture-pane -p -e -N -t SESSION > screen.ans
    python3 tests/tools/ansi2png.py screen.ans screenshots/NAME.png --title "recon"

Every character cell is a fixed-size box (glyph advance x line height of the
monospace font).  SGR attributes understood: 0 reset, 1 bold, 2 dim, 3 italic,
4 underline (incl. 4:N styles and 21), 7 reverse, 8 hidden, 9 strike-through,
53 overline, their resets (22-29, 55), 16 colours (30-37, 90-97, 40-47,
100-107), 256 colours (38;5;N / 48;5;N), truecolour (38;2;R;G;B / 48;2;...),
the colon forms of both, 39/49 defaults and 58/59 underline colour.  All other
escape sequences (cursor movement, OSC titles, charset selection, ...) are
skipped.  SGR state carries across lines, exactly as tmux emits it.

Box-drawing lines (light/heavy/rounded) and block elements are drawn as
shapes so borders join seamlessly; every other character is drawn with
DejaVu Sans Mono, falling back to DejaVu Sans (and a few other common fonts)
for glyphs the monospace font lacks.

Needs Pillow (pip install pillow) and DejaVu fonts
(apt-get install fonts-dejavu-core).
"""

from __future__ import annotations

import argparse
import os
import re
import sys
import unicodedata

PROG = "ansi2png"

try:
    from PIL import Image, ImageDraw, ImageFont
except ImportError:  # expected error: explain, no traceback
    sys.stderr.write(f"{PROG}: Pillow is not installed; run: pip install pillow\n")
    sys.exit(2)


class UsageError(Exception):
    """An expected failure that is reported as a one-line message."""


# --------------------------------------------------------------------------
# Colours
# --------------------------------------------------------------------------

DEFAULT_BG = (0x1E, 0x1F, 0x29)
DEFAULT_FG = (0xD0, 0xD0, 0xD0)
TITLE_BG = (0x15, 0x16, 0x1E)
TITLE_FG = (0x9A, 0x9C, 0xA8)

PALETTES = {
    # VS Code's default dark terminal palette: readable on a dark background.
    "vscode": [
        "000000", "cd3131", "0dbc79", "e5e510", "2472c8", "bc3fbc", "11a8cd", "e5e5e5",
        "666666", "f14c4c", "23d18b", "f5f543", "3b8eea", "d670d6", "29b8db", "e5e5e5",
    ],
    # xterm's built-in defaults.
    "xterm": [
        "000000", "cd0000", "00cd00", "cdcd00", "0000ee", "cd00cd", "00cdcd", "e5e5e5",
        "7f7f7f", "ff0000", "00ff00", "ffff00", "5c5cff", "ff00ff", "00ffff", "ffffff",
    ],
}


def hex_rgb(text: str) -> tuple[int, int, int]:
    t = text.strip().lstrip("#")
    if not re.fullmatch(r"[0-9a-fA-F]{6}", t):
        raise ValueError(text)
    return (int(t[0:2], 16), int(t[2:4], 16), int(t[4:6], 16))


def build_256(basic16: list[tuple[int, int, int]]) -> list[tuple[int, int, int]]:
    table = list(basic16)
    steps = [0, 95, 135, 175, 215, 255]
    for r in steps:
        for g in steps:
            for b in steps:
                table.append((r, g, b))
    for i in range(24):
        v = 8 + 10 * i
        table.append((v, v, v))
    return table


def blend(a, b, t: float):
    """Mix colour a towards b by fraction t."""
    return tuple(round(x + (y - x) * t) for x, y in zip(a, b))


# --------------------------------------------------------------------------
# Parsing
# --------------------------------------------------------------------------

class Style:
    __slots__ = ("fg", "bg", "ul_color", "bold", "dim", "italic", "underline",
                 "reverse", "hidden", "strike", "overline")

    def __init__(self):
        self.reset()

    def reset(self):
        # Colours are None (terminal default), ("p", index) or ("rgb", (r,g,b)).
        self.fg = None
        self.bg = None
        self.ul_color = None
        self.bold = self.dim = self.italic = False
        self.underline = self.reverse = self.hidden = False
        self.strike = self.overline = False

    def key(self):
        return tuple(getattr(self, s) for s in self.__slots__)


class Cell:
    __slots__ = ("text", "width", "style")

    def __init__(self, text: str, width: int, style: tuple):
        self.text = text
        self.width = width
        self.style = style


STYLE_FIELDS = {name: i for i, name in enumerate(Style.__slots__)}

# CSI ... final; OSC ... BEL/ST; DCS/SOS/PM/APC ... ST; other two-byte escapes.
ESCAPE_RE = re.compile(
    r"\x1b\[([0-?]*)([ -/]*)([@-~])"
    r"|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\|$)"
    r"|\x1b[PX^_].*?(?:\x1b\\|$)"
    r"|\x1b[ -/]*[0-~]"
    r"|\x1b",
    re.S,
)


def _extended_colour(nums: list, i: int):
    """Parse the part after 38/48/58 in the ';' form.  Returns (colour, next_i)."""
    if i < len(nums):
        mode = nums[i]
        if mode == 5 and i + 1 < len(nums):
            n = nums[i + 1]
            return (("p", n) if n is not None and 0 <= n <= 255 else None), i + 2
        if mode == 2 and i + 3 < len(nums):
            rgb = tuple(min(255, max(0, v or 0)) for v in nums[i + 1:i + 4])
            return ("rgb", rgb), i + 4
    return None, len(nums)  # malformed: swallow the rest, like terminals do


def _colon_colour(sub: list):
    """Parse '38:5:N', '38:2:R:G:B' or '38:2:CS:R:G:B' (sub excludes the 38)."""
    if not sub:
        return None
    if sub[0] == 5 and len(sub) >= 2 and sub[1] is not None and 0 <= sub[1] <= 255:
        return ("p", sub[1])
    if sub[0] == 2:
        vals = sub[1:]
        if len(vals) >= 4:  # colour-space id present
            vals = vals[1:4]
        if len(vals) == 3:
            return ("rgb", tuple(min(255, max(0, v or 0)) for v in vals))
    return None


def apply_sgr(style: Style, params: str) -> None:
    if params == "":
        style.reset()
        return
    parts = params.split(";")
    nums = []
    colon = {}
    for idx, p in enumerate(parts):
        if ":" in p:
            sub = [int(x) if x.isdigit() else None for x in p.split(":")]
            colon[idx] = sub
            nums.append(sub[0])
        else:
            nums.append(int(p) if p.isdigit() else 0 if p == "" else None)
    i = 0
    while i < len(nums):
        n = nums[i]
        if i in colon:
            sub = colon[i]
            if n == 4:
                style.underline = (sub[1] if len(sub) > 1 else 1) not in (0, None)
            elif n == 5 and sub[1:] == [3]:
                # tmux's capture-pane writes overline (53) as "5:3", the same
                # way it writes underline styles 42..45 as "4:2".."4:5".
                style.overline = True
            elif n in (38, 48, 58):
                c = _colon_colour(sub[1:])
                if c is not None:  # malformed colours leave the old one
                    setattr(style, {38: "fg", 48: "bg", 58: "ul_color"}[n], c)
            i += 1
            continue
        if n is None:
            pass
        elif n == 0:
            style.reset()
        elif n == 1:
            style.bold = True
        elif n == 2:
            style.dim = True
        elif n == 3:
            style.italic = True
        elif n in (4, 21):
            style.underline = True
        elif n == 7:
            style.reverse = True
        elif n == 8:
            style.hidden = True
        elif n == 9:
            style.strike = True
        elif n == 22:
            style.bold = style.dim = False
        elif n == 23:
            style.italic = False
        elif n == 24:
            style.underline = False
        elif n == 27:
            style.reverse = False
        elif n == 28:
            style.hidden = False
        elif n == 29:
            style.strike = False
        elif n == 53:
            style.overline = True
        elif n == 55:
            style.overline = False
        elif 30 <= n <= 37:
            style.fg = ("p", n - 30)
        elif 90 <= n <= 97:
            style.fg = ("p", n - 90 + 8)
        elif 40 <= n <= 47:
            style.bg = ("p", n - 40)
        elif 100 <= n <= 107:
            style.bg = ("p", n - 100 + 8)
        elif n == 39:
            style.fg = None
        elif n == 49:
            style.bg = None
        elif n == 59:
            style.ul_color = None
        elif n in (38, 48, 58):
            c, i = _extended_colour(nums, i + 1)
            if c is not None:  # malformed colours leave the old one
                setattr(style, {38: "fg", 48: "bg", 58: "ul_color"}[n], c)
            continue
        # anything else (blink 5/6, fonts 10-19, ...) is ignored
        i += 1


def char_width(ch: str) -> int:
    if unicodedata.combining(ch) or unicodedata.category(ch) in ("Mn", "Me", "Cf"):
        return 0
    if ch in "\u200b\u200c\u200d\ufe0e\ufe0f":
        return 0
    return 2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1


def parse(text: str) -> list[list[Cell]]:
    """Split the capture into rows of cells; a wide char is one cell of width 2."""
    text = text.replace("\r\n", "\n")
    lines: list[list[Cell]] = [[]]
    style = Style()
    key = style.key()
    col = 0
    pos = 0

    def put_text(chunk: str):
        nonlocal col
        row = lines[-1]
        for ch in chunk:
            if ch == "\n":
                lines.append([])
                row = lines[-1]
                col = 0
            elif ch == "\t":
                for _ in range(8 - col % 8):
                    row.append(Cell(" ", 1, key))
                    col += 1
            elif ord(ch) < 0x20 or 0x7F <= ord(ch) < 0xA0:
                continue  # other control characters: ignore
            else:
                w = char_width(ch)
                if w == 0:
                    if row:
                        row[-1].text += ch
                    continue
                row.append(Cell(ch, w, key))
                col += w

    for m in ESCAPE_RE.finditer(text):
        put_text(text[pos:m.start()])
        pos = m.end()
        if m.group(3) == "m" and not m.group(2) and not re.match(r"[<=>?]", m.group(1) or ""):
            apply_sgr(style, m.group(1))
            key = style.key()
    put_text(text[pos:])
    if lines and not lines[-1]:
        lines.pop()  # the file's final newline does not start a new row
    return lines


# --------------------------------------------------------------------------
# Fonts
# --------------------------------------------------------------------------

FONT_DIRS = [
    "/usr/share/fonts/truetype/dejavu",
    "/usr/share/fonts/dejavu",
    "/usr/share/fonts/TTF",
    "/usr/local/share/fonts",
    os.path.expanduser("~/.local/share/fonts"),
    "/Library/Fonts",
]

# Extra fallbacks tried (if installed) for glyphs DejaVu lacks.
EXTRA_FALLBACKS = [
    "/usr/share/fonts/truetype/noto/NotoSansSymbols2-Regular.ttf",
    "/usr/share/fonts/truetype/noto/NotoSansSymbols-Regular.ttf",
    "/usr/share/fonts/truetype/noto/NotoSansMono-Regular.ttf",
    "/usr/share/fonts/truetype/ancient-scripts/Symbola_hint.ttf",
    "/usr/share/fonts/truetype/unifont/unifont.ttf",
    "/usr/share/fonts/opentype/unifont/unifont.otf",
]


def find_font(name: str) -> str | None:
    for d in FONT_DIRS:
        p = os.path.join(d, name)
        if os.path.isfile(p):
            return p
    return None


def installed_fonts() -> list[str]:
    """Every TTF/OTF under the usual font directories: last-resort fallbacks."""
    found = []
    for root in ("/usr/share/fonts", "/usr/local/share/fonts",
                 os.path.expanduser("~/.local/share/fonts")):
        for dirpath, _, files in sorted(os.walk(root)):
            for f in sorted(files):
                if f.lower().endswith((".ttf", ".otf", ".ttc")):
                    found.append(os.path.join(dirpath, f))
    return found


def load_font(path: str, size: int):
    try:
        return ImageFont.truetype(path, size)
    except OSError as e:
        raise UsageError(f"cannot load font '{path}': {e}")


class FontSet:
    def __init__(self, size: int, regular: str | None, bold: str | None):
        regular = regular or find_font("DejaVuSansMono.ttf")
        if not regular:
            raise UsageError("DejaVu Sans Mono not found; install it with "
                             "'apt-get install -y fonts-dejavu-core' or pass --font PATH")
        bold = bold or find_font("DejaVuSansMono-Bold.ttf") or regular
        italic = find_font("DejaVuSansMono-Oblique.ttf") or regular
        bold_italic = find_font("DejaVuSansMono-BoldOblique.ttf") or bold
        self.size = size
        self.primary = {
            (False, False): load_font(regular, size),
            (True, False): load_font(bold, size),
            (False, True): load_font(italic, size),
            (True, True): load_font(bold_italic, size),
        }
        fb_regular = [p for p in [find_font("DejaVuSans.ttf")] + EXTRA_FALLBACKS
                      if p and os.path.isfile(p)]
        fb_regular += [p for p in installed_fonts() if p not in fb_regular
                       and p not in (regular, bold, italic, bold_italic)]
        fb_bold = [p for p in [find_font("DejaVuSans-Bold.ttf")] if p] + fb_regular
        self.fallback_paths = {False: fb_regular, True: fb_bold}
        self._fallback_fonts: dict = {}
        self._notdef: dict = {}
        self._choice: dict = {}

        f = self.primary[(False, False)]
        ascent, descent = f.getmetrics()
        self.ascent = ascent
        self.cell_w = max(1, round(f.getlength("M")))
        self.cell_h = ascent + descent

    def _font(self, path: str, size: int):
        k = (path, size)
        if k not in self._fallback_fonts:
            try:
                self._fallback_fonts[k] = ImageFont.truetype(path, size)
            except OSError:
                self._fallback_fonts[k] = None
        return self._fallback_fonts[k]

    def _has_glyph(self, font, text: str) -> bool:
        """True unless the font renders `text` as its .notdef box."""
        if font not in self._notdef:
            m, off = font.getmask2("\U0010fffd")
            self._notdef[font] = (m.size, bytes(m), off)
        for ch in text:
            if char_width(ch) == 0:
                continue
            m, off = font.getmask2(ch)
            if (m.size, bytes(m), off) == self._notdef[font]:
                return False
        return True

    def pick(self, text: str, bold: bool, italic: bool, cells: int):
        """Font to draw `text` with in a box `cells` wide (shrunk if too wide)."""
        k = (text, bold, italic, cells)
        if k in self._choice:
            return self._choice[k]
        font = self.primary[(bold, italic)]
        if not self._has_glyph(font, text):
            for path in self.fallback_paths[bold]:
                cand = self._font(path, self.size)
                if cand is not None and self._has_glyph(cand, text):
                    font = cand
                    width = cand.getlength(text)
                    box = cells * self.cell_w
                    if width > box * 1.05:
                        size = max(6, int(self.size * box / width))
                        font = self._font(path, size) or cand
                    break
        self._choice[k] = font
        return font


# --------------------------------------------------------------------------
# Box drawing and block elements, drawn as shapes
# --------------------------------------------------------------------------

_WEIGHT = {"LIGHT": 1, "SINGLE": 1, "HEAVY": 2, "DOUBLE": 3}
_DIRS = {"UP": "u", "DOWN": "d", "LEFT": "l", "RIGHT": "r",
         "VERTICAL": "ud", "HORIZONTAL": "lr"}


def box_spec(ch: str):
    """{'u': w, 'd': w, 'l': w, 'r': w}, arc flag -- or None if not drawable.

    Derived from the Unicode name, e.g. 'BOX DRAWINGS DOWN LIGHT AND RIGHT HEAVY'.
    Dashed, diagonal and double lines are left to the font.
    """
    if not 0x2500 <= ord(ch) <= 0x257F:
        return None
    name = unicodedata.name(ch, "")
    if not name.startswith("BOX DRAWINGS ") or "DASH" in name or "DIAGONAL" in name:
        return None
    words = name[len("BOX DRAWINGS "):]
    arc = " ARC " in f" {words} "
    words = words.replace("ARC ", "")
    spec = {}
    weight = None
    for seg in words.split(" AND "):
        toks = seg.split()
        seg_weight = next((_WEIGHT[t] for t in toks if t in _WEIGHT), weight)
        weight = seg_weight
        for t in toks:
            if t in _DIRS:
                for d in _DIRS[t]:
                    spec[d] = seg_weight
            elif t not in _WEIGHT:
                return None
    if not spec or None in spec.values() or 3 in spec.values():
        return None
    return spec, arc


# Block elements as lists of (x0, y0, x1, y1) fractions of the cell, or a
# shade level for the three shade characters.
_E = 1 / 8
BLOCKS = {
    "\u2580": [(0, 0, 1, .5)],
    **{chr(0x2581 + i): [(0, 1 - (i + 1) * _E, 1, 1)] for i in range(7)},
    "\u2588": [(0, 0, 1, 1)],
    **{chr(0x2589 + i): [(0, 0, 1 - (i + 1) * _E, 1)] for i in range(7)},
    "\u2590": [(.5, 0, 1, 1)],
    "\u2594": [(0, 0, 1, _E)],
    "\u2595": [(1 - _E, 0, 1, 1)],
    "\u2596": [(0, .5, .5, 1)],
    "\u2597": [(.5, .5, 1, 1)],
    "\u2598": [(0, 0, .5, .5)],
    "\u2599": [(0, 0, .5, 1), (.5, .5, 1, 1)],
    "\u259a": [(0, 0, .5, .5), (.5, .5, 1, 1)],
    "\u259b": [(0, 0, 1, .5), (0, .5, .5, 1)],
    "\u259c": [(0, 0, 1, .5), (.5, .5, 1, 1)],
    "\u259d": [(.5, 0, 1, .5)],
    "\u259e": [(.5, 0, 1, .5), (0, .5, .5, 1)],
    "\u259f": [(.5, 0, 1, 1), (0, .5, .5, 1)],
}
SHADES = {"\u2591": 0.25, "\u2592": 0.5, "\u2593": 0.75}

SS = 4  # supersampling factor for shape masks


# Media-control symbols DejaVu lacks (U+23F4..U+23FA), drawn inside the
# capital-letter box of the cell: polygons in fractions of (cell width, cap box).
MEDIA = {
    "\u23f8": [[(.15, 0), (.4, 0), (.4, 1), (.15, 1)],
               [(.6, 0), (.85, 0), (.85, 1), (.6, 1)]],           # pause
    "\u23f9": [[(.1, .1), (.9, .1), (.9, .9), (.1, .9)]],           # stop
    "\u23fa": "circle",                                             # record
    "\u23f5": [[(.15, 0), (.9, .5), (.15, 1)]],                     # play
    "\u23f4": [[(.85, 0), (.1, .5), (.85, 1)]],                     # reverse
    "\u23f6": [[(.5, .1), (.95, .9), (.05, .9)]],                   # up
    "\u23f7": [[(.05, .1), (.95, .1), (.5, .9)]],                   # down
}


class ShapeRenderer:
    def __init__(self, cell_w: int, cell_h: int, font_size: int, cap_box=None):
        self.w, self.h = cell_w, cell_h
        self.t = {1: max(1, round(font_size / 15)), 2: max(2, round(font_size / 15) * 2 + 1)}
        # vertical extent (top, bottom) of capital letters inside the cell
        self.cap = cap_box or (cell_h * .2, cell_h * .75)
        self._cache: dict = {}

    def can_draw(self, ch: str) -> bool:
        return ch in BLOCKS or ch in SHADES or ch in MEDIA or box_spec(ch) is not None

    def _media(self, ch: str):
        w, h = self.w, self.h
        top, bottom = self.cap
        big = Image.new("L", (w * SS, h * SS), 0)
        d = ImageDraw.Draw(big)
        spec = MEDIA[ch]
        if spec == "circle":
            r = min(w * .8, bottom - top) / 2
            cx, cy = w / 2, (top + bottom) / 2
            d.ellipse([(cx - r) * SS, (cy - r) * SS, (cx + r) * SS, (cy + r) * SS], fill=255)
        else:
            for poly in spec:
                d.polygon([(x * w * SS, (top + y * (bottom - top)) * SS) for x, y in poly],
                          fill=255)
        return big.resize((w, h), Image.Resampling.BOX)

    def mask(self, ch: str):
        """An 'L' mask of one cell for a box/block character (cached)."""
        if ch in self._cache:
            return self._cache[ch]
        w, h = self.w, self.h
        if ch in BLOCKS:
            m = Image.new("L", (w, h), 0)
            d = ImageDraw.Draw(m)
            for x0, y0, x1, y1 in BLOCKS[ch]:
                d.rectangle([round(x0 * w), round(y0 * h),
                             round(x1 * w) - 1, round(y1 * h) - 1], fill=255)
        elif ch in SHADES:
            m = Image.new("L", (w, h), round(255 * SHADES[ch]))
        elif ch in MEDIA:
            m = self._media(ch)
        else:
            m = self._box(ch)
        self._cache[ch] = m
        return m

    def _box(self, ch: str):
        spec, arc = box_spec(ch)
        w, h = self.w, self.h
        big = Image.new("L", (w * SS, h * SS), 0)
        d = ImageDraw.Draw(big)

        def rect(x0, y0, x1, y1):  # cell-pixel coords, exclusive x1/y1
            d.rectangle([x0 * SS, y0 * SS, x1 * SS - 1, y1 * SS - 1], fill=255)

        tv = max([self.t[spec[k]] for k in "ud" if k in spec] or [0])
        th = max([self.t[spec[k]] for k in "lr" if k in spec] or [0])
        if arc:
            t = self.t[1]
            x0 = (w - t) // 2
            y0 = (h - t) // 2
            cx = (x0 + t / 2) * SS  # centre line of the stroke, supersampled
            cy = (y0 + t / 2) * SS
            r = min(w, h) / 2 * SS
            sx = 1 if "r" in spec else -1
            sy = 1 if "d" in spec else -1
            ox, oy = cx + sx * r, cy + sy * r  # arc centre
            start = {(1, 1): 180, (-1, 1): 270, (-1, -1): 0, (1, -1): 90}[(sx, sy)]
            half = t * SS / 2
            d.arc([ox - r - half, oy - r - half, ox + r + half, oy + r + half],
                  start, start + 90, fill=255, width=t * SS)
            # straight parts from the end of the arc to the cell edges
            def span(a, b, c0, c1, horizontal):
                a, b = max(0, round(a)), round(b)
                if b > a:
                    d.rectangle([a, c0, b - 1, c1 - 1] if horizontal else [c0, a, c1 - 1, b - 1],
                                fill=255)

            if sx > 0:
                span(ox, w * SS, y0 * SS, (y0 + t) * SS, True)
            else:
                span(0, ox, y0 * SS, (y0 + t) * SS, True)
            if sy > 0:
                span(oy, h * SS, x0 * SS, (x0 + t) * SS, False)
            else:
                span(0, oy, x0 * SS, (x0 + t) * SS, False)
        else:
            # vertical stroke spans the horizontal stroke's width and vice versa
            vx0 = (w - tv) // 2 if tv else (w - th) // 2
            hy0 = (h - th) // 2 if th else (h - tv) // 2
            jx0, jx1 = vx0, vx0 + (tv or th)
            jy0, jy1 = hy0, hy0 + (th or tv)
            for k, wgt in spec.items():
                t = self.t[wgt]
                if k in "lr":
                    y0 = (h - t) // 2
                    if k == "l":
                        rect(0, y0, jx1, y0 + t)
                    else:
                        rect(jx0, y0, w, y0 + t)
                else:
                    x0 = (w - t) // 2
                    if k == "u":
                        rect(x0, 0, x0 + t, jy1)
                    else:
                        rect(x0, jy0, x0 + t, h)
        m = big.resize((w, h), Image.Resampling.BOX)
        return m


# --------------------------------------------------------------------------
# Rendering
# --------------------------------------------------------------------------

def render(rows: list[list[Cell]], cols: int, nrows: int, fonts: FontSet,
           palette: list, fg_default, bg_default, title: str | None,
           padding: int):
    cw, ch = fonts.cell_w, fonts.cell_h
    hbox = fonts.primary[(False, False)].getbbox("H", anchor="ls")
    shapes = ShapeRenderer(cw, ch, fonts.size,
                           (fonts.ascent + hbox[1], fonts.ascent + hbox[3]))
    title_h = ch + 14 if title is not None else 0
    width = cols * cw + 2 * padding
    height = nrows * ch + 2 * padding + title_h
    img = Image.new("RGB", (width, height), bg_default)
    draw = ImageDraw.Draw(img)

    if title is not None:
        draw.rectangle([0, 0, width - 1, title_h - 1], fill=TITLE_BG)
        r = max(3, ch // 4)
        cy = title_h // 2
        for i, col in enumerate([(0xFF, 0x5F, 0x57), (0xFE, 0xBC, 0x2E), (0x28, 0xC8, 0x40)]):
            cx = padding + r + i * (3 * r)
            draw.ellipse([cx - r, cy - r, cx + r, cy + r], fill=col)
        tfont = fonts.primary[(False, False)]
        tw = tfont.getlength(title)
        draw.text(((width - tw) / 2, cy), title, font=tfont, fill=TITLE_FG, anchor="lm")

    def colour(c, default):
        if c is None:
            return default
        kind, v = c
        if kind == "p":
            return palette[v]
        return v

    F = STYLE_FIELDS
    # Resolve each cell to (x, y, cells, text, fg, bg, style) first.
    placed = []
    for r, row in enumerate(rows[:nrows]):
        col = 0
        for cell in row:
            if col + cell.width > cols:
                break
            s = cell.style
            fg = colour(s[F["fg"]], fg_default)
            bg = colour(s[F["bg"]], bg_default)
            if s[F["reverse"]]:
                fg, bg = bg, fg
            if s[F["dim"]]:
                fg = blend(fg, bg, 0.45)
            if s[F["hidden"]]:
                fg = bg
            x = padding + col * cw
            y = title_h + padding + r * ch
            placed.append((x, y, cell.width, cell.text, fg, bg, s))
            col += cell.width

    # Pass 1: backgrounds (so glyph overhang into a neighbour is not painted over).
    for x, y, w, _, _, bg, _ in placed:
        if bg != bg_default:
            draw.rectangle([x, y, x + w * cw - 1, y + ch - 1], fill=bg)

    # Pass 2: glyphs and decorations.
    for x, y, w, text, fg, bg, s in placed:
        if text != " " and fg != bg:
            if len(text) == 1 and shapes.can_draw(text):
                img.paste(Image.new("RGB", (cw, ch), fg), (x, y), shapes.mask(text))
            else:
                font = fonts.pick(text, s[F["bold"]], s[F["italic"]], w)
                draw.text((x, y + fonts.ascent), text, font=font, fill=fg, anchor="ls")
        lw = max(1, fonts.size // 14)
        if s[F["underline"]]:
            uc = colour(s[F["ul_color"]], fg)
            uy = y + fonts.ascent + max(1, (ch - fonts.ascent) // 3)
            draw.rectangle([x, uy, x + w * cw - 1, uy + lw - 1], fill=uc)
        if s[F["strike"]]:
            sy = y + ch // 2
            draw.rectangle([x, sy, x + w * cw - 1, sy + lw - 1], fill=fg)
        if s[F["overline"]]:
            draw.rectangle([x, y, x + w * cw - 1, y + lw - 1], fill=fg)
    return img


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(
        prog="ansi2png.py",
        description="Render a tmux 'capture-pane -p -e' dump (ANSI colours) to a PNG.")
    ap.add_argument("input", help="captured screen, e.g. screen.ans ('-' for stdin)")
    ap.add_argument("output", help="PNG file to write")
    ap.add_argument("--cols", type=int, help="width in cells (default: longest input line)")
    ap.add_argument("--rows", type=int, help="height in cells (default: input line count)")
    ap.add_argument("--title", help="draw a window title bar with this text")
    ap.add_argument("--font-size", type=int, default=15, help="font size in px (default 15)")
    ap.add_argument("--padding", type=int, default=10, help="padding around the grid in px (default 10)")
    ap.add_argument("--palette", choices=sorted(PALETTES), default="vscode",
                    help="colours for the 16 basic ANSI colours (default vscode)")
    ap.add_argument("--bg", default="#%02x%02x%02x" % DEFAULT_BG, help="default background (#rrggbb)")
    ap.add_argument("--fg", default="#%02x%02x%02x" % DEFAULT_FG, help="default foreground (#rrggbb)")
    ap.add_argument("--font", help="regular monospace TTF (default DejaVu Sans Mono)")
    ap.add_argument("--bold-font", help="bold monospace TTF (default DejaVu Sans Mono Bold)")
    args = ap.parse_args(argv)

    try:
        if args.font_size < 6 or args.font_size > 200:
            raise UsageError("--font-size must be between 6 and 200")
        for name in ("cols", "rows"):
            v = getattr(args, name)
            if v is not None and not 1 <= v <= 2000:
                raise UsageError(f"--{name} must be between 1 and 2000")
        if args.padding < 0:
            raise UsageError("--padding must not be negative")
        try:
            fg_default = hex_rgb(args.fg)
            bg_default = hex_rgb(args.bg)
        except ValueError as e:
            raise UsageError(f"bad colour '{e}': expected #rrggbb")

        try:
            if args.input == "-":
                data = sys.stdin.buffer.read()
            else:
                with open(args.input, "rb") as fh:
                    data = fh.read()
        except OSError as e:
            raise UsageError(f"cannot read input '{args.input}': {e.strerror or e}")
        text = data.decode("utf-8", errors="replace")

        rows = parse(text)
        cols = args.cols or max([sum(c.width for c in r) for r in rows] or [1]) or 1
        nrows = args.rows or len(rows) or 1

        fonts = FontSet(args.font_size, args.font, args.bold_font)
        palette = build_256([hex_rgb(h) for h in PALETTES[args.palette]])
        img = render(rows, cols, nrows, fonts, palette, fg_default, bg_default,
                     args.title, args.padding)
        try:
            img.save(args.output, format="PNG", optimize=True)
        except (OSError, ValueError) as e:
            raise UsageError(f"cannot write output '{args.output}': {getattr(e, 'strerror', None) or e}")
    except UsageError as e:
        sys.stderr.write(f"{PROG}: {e}\n")
        return 1
    except KeyboardInterrupt:
        return 130
    return 0


if __name__ == "__main__":
    sys.exit(main())
