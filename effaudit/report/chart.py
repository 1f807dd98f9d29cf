"""A horizontal bar chart as SVG text, drawn by the program (no plotting library, no external service)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from xml.sax.saxutils import escape, quoteattr

FONT = "Noto Sans CJK SC, Source Han Sans SC, sans-serif"


@dataclass(frozen=True)
class Bar:
    label: str
    value: float
    colour: str  # hex RGB without '#'


def _text_width(text: str) -> int:
    """Rough width in px of ``text`` at font-size 9: a CJK character is about 9 px, a Latin one about 5."""
    return sum(9 if ord(character) >= 0x2E80 else 5 for character in text)


def bar_chart(bars: Sequence[Bar], width: int = 360, bar_height: int = 16, gap: int = 6,
              label_width: int = 110) -> str:
    """One bar per entry, longest bar = full width; the value is printed after each bar. Labels are escaped.
    ``label_width`` grows to fit the longest label (English labels are longer than Chinese ones)."""
    label_width = max([label_width, *(_text_width(bar.label) + 12 for bar in bars)])
    value_width = 40
    span = width - label_width - value_width
    top = max((bar.value for bar in bars), default=0) or 1
    height = len(bars) * (bar_height + gap) + gap
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
             f'viewBox="0 0 {width} {height}" font-family={quoteattr(FONT)} font-size="9">']
    for index, bar in enumerate(bars):
        y = gap + index * (bar_height + gap)
        length = span * bar.value / top
        baseline = y + bar_height * 0.72
        parts.append(f'<text x="{label_width - 6}" y="{baseline:.1f}" text-anchor="end">{escape(bar.label)}</text>')
        parts.append(f'<rect x="{label_width}" y="{y}" width="{length:.1f}" height="{bar_height}" '
                     f'fill="#{bar.colour}" stroke="#666" stroke-width="0.5"/>')
        parts.append(f'<text x="{label_width + length + 4:.1f}" y="{baseline:.1f}">{bar.value:g}</text>')
    parts.append("</svg>")
    return "".join(parts)
