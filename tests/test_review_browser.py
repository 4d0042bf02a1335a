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
