"""The review page in a real browser (issue 4 item 2): Debian's chromium, headless,
driven by selenium through /usr/bin/chromedriver.

Loads the page with no console errors, finds one highlight per fact, clicks a
table row and sees its highlight scrolled into view, sorts a column, hovers a
highlight for its tooltip, and saves a screenshot to build/review.png.

The page is built from golden/*.jsonl over seeds/ when the golden set exists
(records with real spans, independent of the extractor's current quality),
else from a small hand-made fixture. Outside CI a missing chromium or
selenium skips the test with the reason; under CI (CI=true) it fails.
"""
from __future__ import annotations

import json
import os
import shutil
import tempfile
from pathlib import Path

import pytest

from zhfacts.cli.review import run_review as cli_review

ROOT = Path(__file__).resolve().parents[1]
IN_CI = os.environ.get("CI", "").strip().lower() in ("1", "true", "yes")
CHROMIUM_FLAGS = ("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                  "--disable-background-networking", "--disable-component-update", "--disable-sync",
                  "--disable-dev-shm-usage", "--window-size=1400,1000")


def _unavailable(reason: str):
    if IN_CI:
        pytest.fail(f"{reason} (CI=true: the browser test must run; .ci/run installs chromium and chromium-driver)")
    pytest.skip(reason)


def _find(*names: str) -> str | None:
    for n in names:
        p = shutil.which(n) or (n if os.path.isabs(n) and os.access(n, os.X_OK) else None)
        if p:
            return p
    return None


@pytest.fixture(scope="module")
def driver():
    try:
        from selenium import webdriver
        from selenium.webdriver.chrome.options import Options
        from selenium.webdriver.chrome.service import Service
    except ImportError:
        _unavailable("selenium is not installed (pip install -e '.[test]')")
    chromium = _find("/usr/bin/chromium", "chromium", "chromium-browser")
    chromedriver = _find("/usr/bin/chromedriver", "chromedriver")
    if not chromium or not chromedriver:
        _unavailable("Debian's chromium and chromium-driver are not installed "
                     "(apt-get install -y chromium chromium-driver)")
    profile = tempfile.mkdtemp(prefix="zhfacts-chromium-")
    opts = Options()
    opts.binary_location = chromium
    for flag in CHROMIUM_FLAGS:
        opts.add_argument(flag)
    opts.add_argument(f"--user-data-dir={profile}")
    opts.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    try:
        drv = webdriver.Chrome(service=Service(executable_path=chromedriver), options=opts)
    except Exception as exc:  # noqa: BLE001 - a broken local browser install
        shutil.rmtree(profile, ignore_errors=True)
        _unavailable(f"cannot start headless chromium: {exc}")
    drv.set_page_load_timeout(30)
    yield drv
    drv.quit()
    shutil.rmtree(profile, ignore_errors=True)


def _golden_case(tmp: Path) -> tuple[Path, Path, Path | None]:
    """Predictions = the golden records minus every fifth non-optional one, scored against golden/."""
    golden = ROOT / "golden"
    preds = []
    for path in sorted(golden.glob("*.jsonl")):
        kept = 0
        for line in path.read_text(encoding="utf-8").splitlines():
            if not line.strip():
                continue
            rec = json.loads(line)
            kept += 1
            if not rec.get("optional") and kept % 5 == 0:
                continue  # becomes a miss
            rec.pop("optional", None)
            rec.pop("metric_alt", None)
            if kept % 7 == 0:
                rec["warnings"] = ["entity carried from an earlier sentence"]
            preds.append(rec)
    pred = tmp / "pred.jsonl"
    pred.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in preds), encoding="utf-8")
    return pred, ROOT / "seeds", golden


def _fixture_case(tmp: Path) -> tuple[Path, Path, Path | None]:
    src = tmp / "src"
    src.mkdir()
    para = "截至今年6月底，我国在用算力中心标准机架达1085万架，智能算力规模达788EFLOPS。\n\n"
    filler = "数字经济时代，算力是如同水、电一样重要的基础资源。\n\n" * 40
    text = "算力发展报告\n\n" + para + filler + "预计到2027年，存力总规模将超过1800EB。\n"
    (src / "demo.txt").write_text(text, encoding="utf-8")

    def rec(t, value, unit, kind="actual", **kw):
        s = text.index(t)
        return {"doc": "demo", "entity": "中国", "metric": "规模", "value": value, "unit": unit, "qualifier": "=",
                "date": None, "kind": kind, "span": [s, s + len(t)], "text": t, "rule": "fixture", **kw}

    preds = [rec("1085万架", 10850000, "架"), rec("788EFLOPS", 788, "EFLOPS", warnings=["fixture warning"]),
             rec("1800EB", 1800, "EB", kind="forecast")]
    pred = tmp / "pred.jsonl"
    pred.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in preds), encoding="utf-8")
    return pred, src, None


def _severe(driver) -> list[dict]:
    return [e for e in driver.get_log("browser") if e.get("level") == "SEVERE"]


IN_VIEW_JS = """
const r = arguments[0].getBoundingClientRect();
return r.bottom > 0 && r.right > 0 && r.top >= 0 && r.left >= 0
    && r.bottom <= window.innerHeight && r.right <= window.innerWidth;
"""


def test_review_page_in_headless_chromium(driver, tmp_path, build_dir):
    from selenium.webdriver.common.action_chains import ActionChains
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait

    has_golden = any((ROOT / "golden").glob("*.jsonl"))
    pred, sources, golden = (_golden_case if has_golden else _fixture_case)(tmp_path)
    n_facts = sum(1 for line in pred.read_text(encoding="utf-8").splitlines() if line.strip())
    page = build_dir / "review.html"
    assert cli_review(pred, sources=sources, out=page, golden=golden) == 0

    driver.get(page.resolve().as_uri())
    assert driver.execute_script("return document.readyState") == "complete"
    assert _severe(driver) == []

    # one highlight per fact of the JSONL
    assert len(driver.find_elements(By.CSS_SELECTOR, "[data-fact-id]")) == n_facts
    if golden is not None:
        assert driver.find_elements(By.CSS_SELECTOR, "[data-golden-id].missed")

    # a row whose highlight is out of view once the row itself is in view
    rows = driver.find_elements(By.CSS_SELECTOR, "table.facts tr.row")
    assert rows
    chosen = None
    for row in reversed(rows):
        driver.execute_script("arguments[0].scrollIntoView({block: 'center'})", row)
        target = driver.find_element(By.ID, row.get_attribute("data-target"))
        if not driver.execute_script(IN_VIEW_JS, target):
            chosen = row, target
            break
    if chosen is None:  # every highlight already visible: still check the click
        chosen = rows[-1], driver.find_element(By.ID, rows[-1].get_attribute("data-target"))
    row, target = chosen
    row.find_element(By.CSS_SELECTOR, "td").click()
    WebDriverWait(driver, 5, poll_frequency=0.1).until(lambda d: d.execute_script(IN_VIEW_JS, target))
    assert "flash" in target.get_attribute("class")
    assert "sel" in row.get_attribute("class")
    driver.save_screenshot(str(build_dir / "review.png"))

    # hovering a highlight shows its fields (once the smooth scroll has settled: scrolling hides the tooltip)
    tip = driver.find_element(By.ID, "zf-tip")

    def hovered(d) -> bool:
        ActionChains(d).move_to_element_with_offset(target, 0, -60).move_to_element(target).perform()
        return tip.is_displayed()

    WebDriverWait(driver, 5, poll_frequency=0.2).until(hovered)
    assert "entity" in tip.text and "metric" in tip.text

    # sorting by value (numeric) in the table of that row
    table = row.find_element(By.XPATH, "./ancestor::table")
    headers = table.find_elements(By.CSS_SELECTOR, "thead th")
    value_col = [h.text.strip() for h in headers].index("value")
    driver.execute_script("arguments[0].click()", headers[value_col])
    vals = driver.execute_script(
        "return Array.from(arguments[0].tBodies[0].rows).map(r => r.cells[arguments[1]].getAttribute('data-v'))",
        table, value_col)
    nums = [float(v) for v in vals if v not in ("", None)]
    assert nums == sorted(nums)
    assert headers[value_col].get_attribute("aria-sort") == "ascending"

    assert _severe(driver) == []
    assert (build_dir / "review.png").stat().st_size > 10_000


# --------------------------------------------------------------------------- the review loop (issue 13)

DEMO = ("算力发展报告\r\n\r\n截至今年6月底，我国在用算力中心标准机架达1085万架，智能算力规模达788EFLOPS。\r\n\r\n"
        "该中心另有约三百名工程师。\r\n")

SELECT_JS = """
const [box, needle] = arguments;
const walker = document.createTreeWalker(box, NodeFilter.SHOW_TEXT);
let node;
while ((node = walker.nextNode())) {
  const i = node.data.indexOf(needle);
  if (i >= 0) {
    const r = document.createRange();
    r.setStart(node, i);
    r.setEnd(node, i + needle.length);
    const sel = window.getSelection();
    sel.removeAllRanges();
    sel.addRange(r);
    document.dispatchEvent(new MouseEvent('mouseup', {bubbles: true}));
    return true;
  }
}
return false;
"""


def _row(driver, text):
    from selenium.webdriver.common.by import By

    for tr in driver.find_elements(By.CSS_SELECTOR, "table.facts tr.row"):
        if tr.find_element(By.CSS_SELECTOR, "td.c-text").text == text:
            return tr
    raise AssertionError(f"no row for {text!r}")


def _fill(driver, values: dict) -> None:
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import Select

    dlg = driver.find_element(By.ID, "zf-editor")
    assert dlg.is_displayed()
    for k, v in values.items():
        el = dlg.find_element(By.NAME, k)
        if el.tag_name == "select":
            Select(el).select_by_visible_text(v)
        else:
            el.clear()
            el.send_keys(v)
    dlg.find_element(By.ID, "zf-ed-save").click()
    assert not dlg.is_displayed(), dlg.find_element(By.ID, "zf-ed-error").text


def test_correction_goes_from_the_page_into_golden_and_changes_eval(driver, tmp_path, build_dir):
    """Accept, edit, add by selecting text (spans exact in an original with \\r\\n), export;
    `golden add` merges the export and `eval --baseline` shows the gained fact."""
    from selenium.webdriver.common.by import By
    from typer.testing import CliRunner

    from zhfacts.cli import app

    def cli(*args):
        r = CliRunner().invoke(app, [str(a) for a in args], catch_exceptions=False)
        assert r.exit_code == 0, r.output
        return r

    src = tmp_path / "src"
    src.mkdir()
    (src / "demo.txt").write_bytes(DEMO.encode("utf-8"))
    golden = tmp_path / "golden"
    # the extractor's facts; the golden set starts with the first one
    preds = [json.loads(x) for x in cli("extract", src, "--published", "2025-09-02", "-q").stdout.splitlines()]
    assert [p["text"] for p in preds] == ["1085万架", "788EFLOPS", "三百名"]
    (tmp_path / "start.jsonl").write_text(json.dumps(preds[0], ensure_ascii=False) + "\n", encoding="utf-8")
    cli("golden", "add", tmp_path / "start.jsonl", "--golden", golden, "--sources", src, "--published", "2025-09-02")
    cli("eval", "--golden", golden, "--save-run", tmp_path / "before.json")

    # the page shows the predictions without 788EFLOPS: the reviewer adds it by selecting it
    pred = tmp_path / "pred.jsonl"
    pred.write_text("".join(json.dumps(p, ensure_ascii=False) + "\n" for p in preds if p["text"] != "788EFLOPS"),
                    encoding="utf-8")
    page = tmp_path / "review.html"
    assert cli_review(pred, sources=src, out=page) == 0
    driver.get(page.resolve().as_uri())
    assert _severe(driver) == []

    _row(driver, "1085万架").find_element(By.CSS_SELECTOR, "button.acc").click()
    _row(driver, "三百名").find_element(By.CSS_SELECTOR, "button.edit").click()
    _fill(driver, {"entity": "该中心", "metric": "工程师"})
    assert _row(driver, "三百名").get_attribute("data-review") == "edited"
    assert _row(driver, "三百名").find_element(By.CSS_SELECTOR, "td.c-entity").text == "该中心"

    box = driver.find_element(By.CSS_SELECTOR, ".doc-text.orig")
    assert driver.execute_script(SELECT_JS, box, "788EFLOPS")
    add = driver.find_element(By.ID, "zf-add")
    assert add.is_displayed()
    add.click()
    start = DEMO.index("788EFLOPS")
    assert driver.find_element(By.ID, "zf-ed-span").text == f"[{start}, {start + 9}]"
    assert driver.find_element(By.NAME, "value").get_attribute("value") == "788"
    assert driver.find_element(By.NAME, "unit").get_attribute("value") == "EFLOPS"
    _fill(driver, {"entity": "中国", "metric": "智能算力规模", "date": "2025-06"})
    assert _row(driver, "788EFLOPS").get_attribute("data-review") == "added"
    assert driver.find_elements(By.CSS_SELECTOR, "mark.added")

    driver.find_element(By.ID, "zf-export").click()
    exported = driver.find_element(By.ID, "zf-export-text").get_attribute("value")
    recs = [json.loads(x) for x in exported.splitlines()]
    assert [r["text"] for r in recs] == ["1085万架", "788EFLOPS", "三百名"]
    added = recs[1]
    assert added["span"] == [start, start + 9] and DEMO[start:start + 9] == added["text"]
    assert (added["value"], added["unit"], added["qualifier"], added["kind"]) == (788, "EFLOPS", "=", "actual")
    assert recs[2]["entity"] == "该中心" and recs[2]["span"] == preds[2]["span"]
    assert list(recs[0]) == ["doc", "entity", "metric", "value", "unit", "qualifier", "date", "kind", "span", "text"]
    assert _severe(driver) == []
    driver.save_screenshot(str(build_dir / "review-corrections.png"))

    # a reload keeps the review (localStorage of this page)
    driver.refresh()
    assert _row(driver, "1085万架").get_attribute("data-review") == "accepted"
    assert _row(driver, "三百名").find_element(By.CSS_SELECTOR, "td.c-entity").text == "该中心"
    assert _row(driver, "788EFLOPS").get_attribute("data-review") == "added"
    driver.find_element(By.ID, "zf-export").click()
    assert driver.find_element(By.ID, "zf-export-text").get_attribute("value") == exported

    corrections = build_dir / "corrections.jsonl"
    corrections.write_text(exported, encoding="utf-8")
    out = cli("golden", "add", corrections, "--golden", golden).stdout
    assert "demo: 3 written, 1 replaced, 0 kept" in out
    res = json.loads(cli("eval", "--golden", golden, "--baseline", tmp_path / "before.json", "--json").stdout)
    strict = res["baseline"]["views"]["strict"]
    assert any("788EFLOPS" in g for g in strict["gained"])
    assert any("788EFLOPS" in g for g in strict["fixed_spurious"])
    assert res["n_golden"] == 3


def test_page_at_1400px_shows_the_review_columns_index_and_toggle(driver, tmp_path, build_dir):
    from selenium.webdriver.common.by import By

    pred, sources, golden = _golden_case(tmp_path)
    page = build_dir / "review-after.html"
    assert cli_review(pred, sources=sources, out=page, golden=golden) == 0
    driver.set_window_size(1400, 1000)
    driver.get(page.resolve().as_uri())
    for aside in driver.find_elements(By.CSS_SELECTOR, "aside.table-col"):
        driver.execute_script("arguments[0].scrollIntoView()", aside)
        assert driver.execute_script("return arguments[0].scrollWidth <= arguments[0].clientWidth", aside)
        right = driver.execute_script("return arguments[0].getBoundingClientRect().right", aside)
        for key in ("qualifier", "date", "warnings", "review"):
            th = aside.find_element(By.CSS_SELECTOR, f'th[data-key="{key}"]')
            assert th.is_displayed()
            assert driver.execute_script("return arguments[0].getBoundingClientRect().right", th) <= right + 1
    driver.execute_script("document.querySelectorAll('section.doc')[1].scrollIntoView()")
    driver.save_screenshot(str(build_dir / "review-after.png"))

    # the index marks the documents with warnings and filters them
    items = driver.find_elements(By.CSS_SELECTOR, "ol.docs li")
    warned = [li for li in items if "has-warn" in li.get_attribute("class")]
    assert warned and len(warned) < len(items) or all("has-warn" in li.get_attribute("class") for li in items)
    driver.find_element(By.ID, "zf-only-warn").click()
    shown = [li for li in items if li.is_displayed()]
    assert shown == warned
    sections = driver.find_elements(By.CSS_SELECTOR, "section.doc")
    assert all(("has-warn" in s.get_attribute("class")) == s.is_displayed() for s in sections)
    driver.find_element(By.ID, "zf-only-warn").click()

    # original <-> normalized text
    sec = sections[0]
    driver.execute_script("arguments[0].scrollIntoView()", sec)
    orig, norm = sec.find_element(By.CSS_SELECTOR, ".doc-text.orig"), sec.find_element(By.CSS_SELECTOR, ".doc-text.norm")
    assert orig.is_displayed() and not norm.is_displayed()
    sec.find_element(By.CSS_SELECTOR, "button.toggle-text").click()
    assert norm.is_displayed() and not orig.is_displayed() and norm.text.strip()
    sec.find_element(By.CSS_SELECTOR, "button.toggle-text").click()
    assert orig.is_displayed()
    assert _severe(driver) == []
