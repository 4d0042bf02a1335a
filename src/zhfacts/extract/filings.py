"""The rows of a table flattened into text: a company filing's 主要会计数据和财务指标 as finance
portals repost it, one row per paragraph (``rules/normalize/layout.yaml`` keeps each row a
paragraph of its own and names its parts):

    营业收入(元): -本报告期:1,234,567.89,比上年同期减少3.21% -年初至报告期末:…
    营业收入(亿元) | 12.34 | +5.60% |        (a markdown table: a cell between pipes)

Each figure is a fact of the filing company: the row's name is the metric, a change cell
adds its comparison (营业收入同比减少, 总资产比上年度末增加), the bracket after the name is the
unit of the row's bare figures (``元``, ``元/股`` -> 元, ``万元`` -> x 10000 元), and the
column's name before a figure (本报告期:, 年初至报告期末:) dates it (``rules/dates.yaml``).

A markdown table may stand the other way round, its header naming the quantities and each row
a year (:func:`pipe_columns`)::

    | 年份 | 营业收入(元) | 同比增长(%) |
    | 2024年 | 1,234,567,890.12 | 11.57 |

Then each figure's metric is its column's name (a change column names the change of the
column before it: 营业收入同比增长, metrics.yaml ``table_rows`` ``change_heads``), the column's
bracket its unit, and the row's first cell (its year) dates it.
"""
from __future__ import annotations

from dataclasses import dataclass

import regex

from zhfacts.normalize.layout import row_starts


@dataclass(frozen=True)
class Row:
    label: str  # the row's name: the metric of its figures
    unit: str | None  # the unit its bracket gives its bare figures (元, 万元, 元/股, %), if any
    start: int  # where its cells start (after the name and its bracket)
    bracket: tuple[int, int] | None  # the bracket of its unit ((万元): no amount of its own)
    pipe: bool = False  # a pipe table's row whose cells write their own units (营业收入 | 3815.40万 | 1.37亿 |)


def table_row(text: str) -> Row | None:
    """The table row ``text`` (a paragraph) is, or None."""
    lead = len(text) - len(text.lstrip("| ")) if text.startswith("|") else 0  # (|营业收入(百万元)|…: a row's opening pipe)
    m = row_starts().match(text, lead) if text else None
    if m is None:
        return None  # (most paragraphs: one failed match)
    if m.group("label") is None:
        return None  # a table's column headers
    if m.group("unit") is None:
        return Row(m.group("label"), None, m.end("label"), None,
                   text[m.end("label"):m.end("label") + 2].lstrip().startswith("|"))
    return Row(m.group("label"), m.group("unit"), m.end("unit") + 1, (m.start("unit") - 1, m.end("unit") + 1))


def is_cell(text: str, row: Row | None, s: int) -> bool:
    """A figure at ``s`` is a cell of ``row``: it follows the row's name and a column's name
    and its colon (本报告期:1,234.56; a minus sign may stand between: 本报告期:-12.3), or the
    pipe that opens a markdown table's cell (营业收入(亿元) | 12.34 | +5.60% |, a sign between)."""
    if row is None or s < row.start:
        return False
    k = s - 1 if s > 0 and text[s - 1] in "-−－+" else s
    if k > 0 and text[k - 1] in ":：":
        return text[k:s] != "+"
    while k > 0 and text[k - 1] == " ":
        k -= 1
    return k > 0 and text[k - 1] == "|"


_CELL_START = regex.compile(r"(?r)[,，;；:：|]")


def cell_metric(text: str, row: Row, s: int, renames: dict[str, str]) -> str:
    """The metric of a figure of ``row`` at ``s``: the row's name, and for a change cell
    (…,比上年同期减少3.21%) the change as written, its comparison renamed (``renames``,
    metrics.yaml ``table_changes``: 比上年同期 -> 同比)."""
    m = _CELL_START.search(text, row.start, s)
    words = text[m.end() if m else row.start:s].strip(" -+")
    if not words or (m is not None and m.group() in ":："):
        return row.label  # the value of a column (本报告期:…)
    for old, new in renames.items():
        if words.startswith(old):
            words = new + words[len(old):]
            break
    return row.label + words


@dataclass(frozen=True)
class Columns:
    """A markdown table whose header names its columns with a bracketed unit (营业收入(元) |
    同比增长(%)): ``start``/``end`` of its rows (after the header) in the document's text and,
    per column, (metric, unit form) or None (the first column: the rows' names)."""

    start: int
    end: int
    cells: tuple
    unit_col: int | None = None  # a column that gives each row its unit (单位 | 亿元): the rows are the metrics
    metric_rows: bool = False  # a header of measures (绝对数(亿元) | 比上年增长%): the rows are the metrics too


_HEAD_CELL = regex.compile(r"(?P<label>[^|()（）]{1,24}?)\s?[（(](?P<unit>[^|()（）]{1,8})[)）]")
_RULE_CELL = regex.compile(r"\s*:?-{2,}:?\s*")


def line_cells(line: str) -> list[str]:
    cells = line.split("|")
    if line.lstrip().startswith("|"):
        cells = cells[1:]
    return [c.strip() for c in cells]


def cell_index(text: str, pos: int) -> int:
    """The column of the cell at ``pos`` of a pipe table's line (0: the first cell)."""
    ls = text.rfind("\n", 0, pos) + 1
    k = text.count("|", ls, pos)
    return k - 1 if text[ls:pos].lstrip().startswith("|") else k


def first_cell(text: str, pos: int) -> str:
    """The first cell of the pipe table line holding ``pos`` (its row's name: 营业收入, 2024年)."""
    ls = text.rfind("\n", 0, pos) + 1
    le = text.find("\n", pos)
    return text[ls:le if le >= 0 else len(text)].lstrip(" |").split("|", 1)[0].strip()  # (its line only: no copy of the rest)


def title_row(line: str) -> bool:
    """A pipe line whose cells after the first are all empty: a title the page put in the table's first row."""
    cells = line_cells(line)
    return len(cells) >= 3 and bool(cells[0]) and not any(cells[1:])


def table_runs(text: str) -> list[list[tuple[int, int]]]:
    """The markdown tables of ``text``: each run of two or more lines with two pipes or more (and the lines
    with one between them: a section's row), as the (start, end) of its lines (the first is the header)."""
    runs, lines, pos = [], [], 0
    for line in text.split("\n") + [""]:
        if len(lines) == 1 and line.count("|") >= 2 and title_row(text[lines[0][0]:lines[0][1]]):
            lines = []  # (表一 甲业主要指标| ||||: the table's title over its header, no header)
        if line.count("|") >= 2 or (lines and "|" in line):  # (按经营地分 |, a lone |: a section's row, inside a table)
            lines.append((pos, pos + len(line)))
        else:
            if len(lines) >= 2:
                runs.append(lines)
            lines = []
        pos += len(line) + 1
    return runs


_MEASURE_CELL = regex.compile(r"(?P<label>[^|()（）%％]{1,12}?)\s?(?:[（(](?P<unit>[^|()（）]{1,8})[)）]|(?P<pct>[%％]))?")


def _measures(cells: list[str], change_heads: tuple[str, ...], measure_heads: tuple[str, ...]) -> list | None:
    """(change name or "", unit form) per cell of a header that names only measures (绝对数(亿元), 比上年增长%,
    同比增长 (%)), or None when a cell names anything else (a quantity, a year)."""
    out = []
    for c in cells:
        m = _MEASURE_CELL.fullmatch(c.replace(" ", "")) if c else None
        if m is None:
            return None
        label = m.group("label")
        unit = m.group("unit") or ("%" if m.group("pct") else None)
        if label.startswith(change_heads):
            out.append((label, unit))
        elif label in measure_heads:
            out.append(("", unit))
        else:
            return None
    return out


_FIGURE_CELL = regex.compile(r"[-+−]?[\d.,，\s]+[%％]?")  # a cell of a figure alone (a row's, no header's)


def _wrapped_header(text: str, head: list[str], rows: list[tuple[int, int]]) -> tuple[list[str], list[tuple[int, int]]]:
    """A header a page wrapped over several lines (序号 | 省份 | 每万人5G基站数(个) |⏎5G用户占比(%) | 备注 |) before rows
    with more cells than its first line: lines of names only (no figure) that end with a pipe continue it.  The
    header's cells, and the rows after it."""
    cells = head[:-1] if head and not head[-1] else list(head)
    k = 0
    while k < len(rows):
        line = text[rows[k][0]:rows[k][1]]
        part = [c for c in line_cells(line) if c]
        if not part or not line.rstrip().endswith("|") or any(_FIGURE_CELL.fullmatch(c) for c in part):
            break
        cells.extend(part)
        k += 1
    if k and k < len(rows) and len(cells) <= len([c for c in line_cells(text[rows[k][0]:rows[k][1]]) if c]) \
            and len(cells) > len([c for c in head if c]):
        return cells, rows[k:]
    return head, rows


def pipe_columns(text: str, change_heads: tuple[str, ...], unit_heads: tuple[str, ...] = (),
                 measure_heads: tuple[str, ...] = ()) -> tuple[Columns, ...]:
    """The markdown tables of ``text`` (:func:`table_runs`) whose header names a column other than
    the first with a bracketed unit; a column whose name begins with one of ``change_heads``
    (同比, 增长) names the change of the column before it.  A header with a unit column (``unit_heads``:
    指标名称 | 单位 | 1-7月 | 同比增长(%)) makes each row a metric: a figure's metric is its row's name (and
    a change column's name), its unit the row's unit cell or the column's bracket (:func:`row_metric`); so
    does a header that names only measures (``measure_heads``: 指标 | 绝对数(亿元) | 比上年增长%), also on the
    second line under a period that spans its columns (指 标 | 1-2月 | ⏎ 绝对量(亿元) | 同比增长(%) |)."""
    out = []
    for (hs, he), *rows in table_runs(text):
        cells: list = []
        before = None  # the metric of the last column that names a quantity
        head = line_cells(text[hs:he])
        head, rows = _wrapped_header(text, head, rows)
        if measure_heads and rows:
            named = [c for c in head[1:] if c and not _RULE_CELL.fullmatch(c)]
            measures = _measures(named, change_heads, measure_heads) if named else None
            if measures is not None:  # (each column keeps its place: an empty header cell names nothing)
                it = iter(measures)
                cells_ = tuple(next(it) if c and not _RULE_CELL.fullmatch(c) else None for c in head[1:])
                out.append(Columns(rows[0][0], rows[-1][1], (None,) + cells_, None, True))
                continue
            second = [c for c in line_cells(text[rows[0][0]:rows[0][1]]) if c]
            measures = _measures(second, change_heads, measure_heads) if len(rows) > 1 and second else None
            if measures is not None:  # (指 标 | 1-2月 |, then 绝对量(亿元) | 同比增长(%) | under the period: the
                # measures from the second column on, in order)
                out.append(Columns(rows[1][0], rows[-1][1], (None,) + tuple(measures), None, True))
                continue
        unit_col = next((j for j, c in enumerate(head) if j and c in unit_heads), None)
        for j, c in enumerate(head):
            m = _HEAD_CELL.fullmatch(c) if j else None
            if unit_col is not None and j and j != unit_col and c and not _RULE_CELL.fullmatch(c):
                # a column of a table whose rows are metrics: its change name (同比增长) or nothing, its unit a
                # bracket's or a percent sign's (同比增减%)
                if m is not None:
                    label, unit = m.group("label").strip(), m.group("unit")
                elif (mm := _MEASURE_CELL.fullmatch(c.replace(" ", ""))) is not None:
                    label, unit = mm.group("label"), "%" if mm.group("pct") else None
                else:
                    label, unit = "", None
                cells.append((label if label.startswith(change_heads) else "", unit))
                continue
            if m is None:
                cells.append(None)
                continue
            label = m.group("label").strip()
            if label.startswith(change_heads) and before:
                label = before + label
            else:
                before = label
            cells.append((label, m.group("unit")))
        if any(cells) and not all(_RULE_CELL.fullmatch(c) or not c for c in head):
            out.append(Columns(rows[0][0], rows[-1][1], tuple(cells), unit_col))
    return tuple(out)


_ROW_LEAD = regex.compile(r"^[?？\s]*(?:(?:其中|包括|含)[:：]?)?\s?(?:\d{1,2}[、.](?!\d))?")  # (其中:1、甲收入; ??2、乙收入: a
# part's number and a page's lost spaces are no part of its name)


def row_metric(line: str, cols: Columns, k: int) -> tuple[str, str | None] | None:
    """(metric, unit form) of the cell in column ``k`` of the row ``line`` of a table whose rows are
    metrics (``cols.unit_col``): the row's name (其中: cut) and the column's change name, the column's
    bracket or else the row's unit cell; None for the unit cell itself or a table of another shape."""
    if (cols.unit_col is None and not cols.metric_rows) or k == cols.unit_col or k >= len(cols.cells) or cols.cells[k] is None:
        return None
    cells = line_cells(line)
    name = _ROW_LEAD.sub("", cells[0]).strip() if cells else ""
    if not name:
        return None
    label, unit = cols.cells[k]
    if unit is None and cols.unit_col is not None and cols.unit_col < len(cells):
        unit = cells[cols.unit_col] or None
    return name + label, unit
