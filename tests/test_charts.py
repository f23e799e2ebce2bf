"""Chart PNGs: valid files of the promised size, with real content, whatever text the feeds bring."""

from __future__ import annotations

import io
import struct
import threading
import tracemalloc
from datetime import UTC, date, datetime, timedelta

import pytest
from PIL import Image

from bot import charts
from bot.charts import render_metric_chart, render_status_timeline

NOW = datetime(2026, 11, 22, 5, 0, tzinfo=UTC)
SOYBEANS = [
    (datetime(2025, 11, 24, tzinfo=UTC), 2_000_000.0),
    (datetime(2025, 12, 3, tzinfo=UTC), 2_900_000.0),
    (datetime(2025, 12, 9, tzinfo=UTC), 4_560_000.0),
    (datetime(2025, 12, 12, tzinfo=UTC), 5_200_000.0),
]
RARE_EARTHS = [
    (datetime(2025, 11, 25, tzinfo=UTC), "pending"),
    (datetime(2025, 11, 30, tzinfo=UTC), "agreed"),
    (datetime(2025, 12, 4, tzinfo=UTC), "signed"),
]
UNTRUSTED = "Deal worth $5 billion and $2 billion 🇨🇳🎉 — שלום עולם مرحبا بالعالم \u202e\x00\n" * 20


def png_size(data: bytes) -> tuple[int, int]:
    """Width and height from the IHDR chunk, read by hand so the check does not depend on Pillow alone."""
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    assert data[12:16] == b"IHDR"
    width, height = struct.unpack(">II", data[16:24])
    return width, height


def pixels(data: bytes) -> Image.Image:
    image = Image.open(io.BytesIO(data))
    image.load()  # decodes every chunk: a truncated or corrupt file raises here
    return image.convert("RGB")


def has_colour(image: Image.Image, hex_colour: str, tolerance: int = 12) -> bool:
    want = tuple(int(hex_colour[i : i + 2], 16) for i in (1, 3, 5))
    colours = image.getcolors(maxcolors=image.width * image.height) or []
    return any(all(abs(a - b) <= tolerance for a, b in zip(rgb, want, strict=True)) for _, rgb in colours)


def assert_sensible_png(data: bytes) -> Image.Image:
    assert png_size(data) == (800, 450)
    assert 5_000 < len(data) < 150_000, len(data)
    image = pixels(data)
    assert image.size == (800, 450)
    grey = image.convert("L")
    histogram = grey.histogram()
    count = sum(histogram)
    mean = sum(i * n for i, n in enumerate(histogram)) / count
    variance = sum(n * (i - mean) ** 2 for i, n in enumerate(histogram)) / count
    assert variance > 100, "the picture is (nearly) blank"
    return image


def test_metric_chart_is_an_800x450_png_with_line_target_and_markers() -> None:
    data = render_metric_chart("China's purchases of US soybeans", "t", SOYBEANS, 12_000_000, date(2025, 12, 31), NOW)
    image = assert_sensible_png(data)
    assert has_colour(image, charts.TARGET_COLOUR), "the target line is missing"
    assert has_colour(image, charts.LINE_COLOUR), "the running total is missing"
    assert has_colour(image, charts.NOW_COLOUR), "the now marker is missing"


def test_metric_chart_without_target_has_no_target_line() -> None:
    image = assert_sensible_png(render_metric_chart("Purchases", "t", SOYBEANS, None, None, NOW))
    assert not has_colour(image, charts.TARGET_COLOUR)


def test_status_timeline_colours_each_status_and_marks_the_deadline() -> None:
    now = datetime(2025, 12, 20, tzinfo=UTC)
    data = render_status_timeline("US-China rare earths deal", RARE_EARTHS, date(2025, 11, 27), now)
    image = assert_sensible_png(data)
    for status in ("pending", "agreed", "signed"):
        assert has_colour(image, charts.STATUS_COLOURS[status]), status
    assert has_colour(image, charts.TARGET_COLOUR), "the deadline line is missing"


@pytest.mark.parametrize("history", [[], SOYBEANS[:1]], ids=["empty", "one-point"])
def test_metric_chart_with_little_history_still_renders(history: list[tuple[datetime, float]]) -> None:
    image = assert_sensible_png(render_metric_chart("Purchases", "t", history, 12e6, date(2026, 12, 31), NOW))
    assert has_colour(image, charts.TARGET_COLOUR)


@pytest.mark.parametrize("history", [[], RARE_EARTHS[:1]], ids=["empty", "one-change"])
def test_status_timeline_with_little_history_still_renders(history: list[tuple[datetime, str]]) -> None:
    assert_sensible_png(render_status_timeline("Deal", history, None, NOW))


def test_untrusted_text_with_dollars_rtl_emoji_and_controls_renders() -> None:
    """'$...$' would be typeset as math (or fail to parse) if mathtext were on; control and bidi override
    characters, emoji and right-to-left scripts must neither crash nor break the layout."""
    metric = render_metric_chart(UNTRUSTED, "$ bn", SOYBEANS, 12e6, date(2025, 12, 31), NOW)
    assert_sensible_png(metric)
    changes = [(moment, f"{status} $x^2$ {UNTRUSTED}") for moment, status in RARE_EARTHS]
    assert_sensible_png(render_status_timeline(UNTRUSTED, changes, date(2025, 11, 27), NOW))
    assert_sensible_png(render_metric_chart("$", "$", [], None, None, NOW))


def test_mathtext_is_never_parsed() -> None:
    """Rendering a title with an unbalanced math expression would raise ValueError if it were parsed."""
    broken = r"Soybeans $\frac{ 12 Mt $ and $\undefinedcommand$"
    assert_sensible_png(render_metric_chart(broken, "$", SOYBEANS, 12e6, None, NOW))
    assert_sensible_png(render_status_timeline(broken, [(NOW - timedelta(days=3), broken)], None, NOW))


def test_title_is_wrapped_and_truncated() -> None:
    wrapped = charts._wrapped_title("word " * 200)
    lines = wrapped.split("\n")
    assert len(lines) == charts.TITLE_LINES
    assert all(len(line) <= charts.TITLE_WIDTH for line in lines)
    assert wrapped.endswith("…")
    assert charts._clean("a\u202eb\x00c\n d", 50) == "ab c d"


def test_progress_text() -> None:
    assert charts._metric_progress(1_900_000, "t", 12e6, date(2025, 12, 31), NOW) == (
        "1.9M of 12M t (16%), due 31 Dec 2025 — 11 months overdue"
    )
    before = datetime(2025, 11, 27, tzinfo=UTC)
    assert charts._metric_progress(2e6, "t", 12e6, date(2025, 12, 31), before).endswith("34 days left")
    assert charts._metric_progress(13e6, "t", 12e6, date(2025, 12, 31), NOW).endswith("target reached")
    assert charts._metric_progress(None, "t", 12e6, None, NOW) == "no figures yet; target 12M t"
    assert charts._axis_number(2_000_000, "t") == "2.0M t"
    assert charts._axis_number(0, "t") == "0 t"
    assert charts._short_number(950) == "950"


def test_naive_and_mixed_timezones_and_unsorted_points() -> None:
    naive = [(moment.replace(tzinfo=None), value) for moment, value in reversed(SOYBEANS)]
    assert_sensible_png(render_metric_chart("Purchases", "t", naive, 12e6, date(2025, 12, 31), NOW))


def test_ten_thousand_points_render_in_bounded_memory() -> None:
    start = datetime(2025, 1, 1, tzinfo=UTC)
    points = [(start + timedelta(hours=i), 1_000.0 * i) for i in range(10_000)]
    tracemalloc.start()
    try:
        data = render_metric_chart("Every hour", "t", points, 12e6, date(2026, 6, 30), NOW)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert_sensible_png(data)
    assert peak < 64 * 1024 * 1024, f"peak Python allocation {peak / 1e6:.1f} MB"


def test_concurrent_renders_in_threads_do_not_interfere() -> None:
    """The command service may render in worker threads: figures are independent (no pyplot state)."""
    results: list[bytes] = []
    errors: list[BaseException] = []

    def work(index: int) -> None:
        try:
            if index % 2:
                results.append(render_status_timeline(f"Deal {index}", RARE_EARTHS, date(2025, 11, 27), NOW))
            else:
                results.append(render_metric_chart(f"Metric {index}", "t", SOYBEANS, 12e6, None, NOW))
        except BaseException as error:
            errors.append(error)

    threads = [threading.Thread(target=work, args=(i,)) for i in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not errors
    assert len(results) == 4
    for data in results:
        assert_sensible_png(data)


def test_no_pyplot_state_is_created() -> None:
    render_metric_chart("Purchases", "t", SOYBEANS, 12e6, None, NOW)
    import sys

    pyplot = sys.modules.get("matplotlib.pyplot")
    if pyplot is not None:  # imported by something else in this process; it must hold none of our figures
        assert pyplot.get_fignums() == []
