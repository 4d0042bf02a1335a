"""Work skipped for speed (issue 14) must never change what is found."""
from __future__ import annotations

from pathlib import Path

from zhfacts.extract.pipeline import Components
from zhfacts.rules import load_rules

ROOT = Path(__file__).resolve().parents[1]


def _paragraphs() -> list[str]:
    texts = [p.read_bytes().decode("utf-8", "replace") for d in ("seeds", "devset", "devset2")
             for p in sorted((ROOT / d).glob("*.txt"))]
    rules = load_rules()
    texts += [x["text"] for e in rules.raw["nonfacts"]["vetoes"] for x in e.get("examples", [])]
    texts += ["营收１２３亿元，电话０２１-１２３４５６７８", "٣٤ 代芯片", "联系 a.b@x.cn 或 www.x.cn"]  # other digits, e-mail
    return sorted({line for t in texts for line in t.split("\n") if line.strip()})


def test_a_veto_skipped_for_a_missing_character_would_have_matched_nothing():
    vf = Components(load_rules()).values
    paragraphs = _paragraphs()
    assert len(paragraphs) > 500
    skipped = 0
    for text in paragraphs:
        every = []
        for rid, rx, _ in vf.vetoes:  # every pattern searched, as before the guard
            for m in rx.finditer(text):
                v = "v" in m.re.groupindex and m.group("v") is not None  # (a branch's groups)
                every.append((m.start("v"), m.end("v"), rid) if v else (m.start(), m.end(), rid))
        assert vf.veto_spans(text) == every, text
        skipped += sum(any(set(text).isdisjoint(cs) for cs in needs) for _, _, needs in vf.vetoes)
    assert skipped > len(paragraphs)  # the guard does skip patterns


def test_a_source_cue_skipped_for_a_missing_character_would_have_matched_nothing():
    """EntityFinder._flag reads the source cue after a name only when the text has a character of
    each set every match needs (normalize/guard.py): at every position of the paragraphs, the text
    after it that lacks one is matched by no cue."""
    from zhfacts.normalize.guard import lacks

    ef = Components(load_rules()).entities
    skipped = found = 0
    for text in _paragraphs():
        for i in range(len(text)):
            after = text[i:i + 16]
            hit = ef.source_rx.match(after) is not None
            found += hit
            if lacks(after, ef.source_needs):
                assert not hit, after
                skipped += 1
    assert found > 50 and skipped > found


def test_the_clause_found_by_bisection_is_the_first_that_holds_the_position():
    """attribution.clause_at (bisection over facts.clauses_of's clauses) against the linear search it
    replaces, at every position of every sentence of the paragraphs."""
    from zhfacts.extract.attribution import clause_at
    from zhfacts.extract.facts import clauses_of
    from zhfacts.normalize.sentences import sentence_spans

    found = 0
    for text in _paragraphs():
        for s, e in sentence_spans(text, [(0, len(text))]):
            clauses = clauses_of(text, s, e)
            for pos in range(s, e + 1):
                want = next((i for i, (a, b) in enumerate(clauses) if a <= pos <= b), None)
                assert clause_at(clauses, pos) == want, (text[s:e], pos)
                found += want is not None
    assert found > 10_000


def test_a_pattern_excluded_by_its_guard_would_have_matched_nothing():
    """guard.excluded (a character every match holds is missing, or the text ends with none a match
    ending with $ can end with): the bracket pairs of a sentence (attribution._BRACKET_PAIR) and the
    partner list before a name (attribution.yaml trade_partner, 40 characters), at every sentence and
    every position of the paragraphs."""
    from zhfacts.extract.attribution import _BRACKET_PAIR, _BRACKET_PAIR_NEEDS
    from zhfacts.normalize.guard import excluded
    from zhfacts.normalize.sentences import sentence_spans

    attributor = Components(load_rules()).assembler.attributor
    partner_list, needs = attributor.ar.partner_list, attributor.partner_list_needs
    assert needs.last
    skipped = kept = 0
    for text in _paragraphs() + ["对韩国、东协分别增5%", "出口至美国及日本\n", "（增长5%）和乙（增长6%）"]:
        for s, e in sentence_spans(text, [(0, len(text))]):
            if excluded(_BRACKET_PAIR_NEEDS, text[s:e]):
                assert _BRACKET_PAIR.search(text, s, e) is None, text[s:e]
        for p in range(len(text) + 1):
            head = text[max(0, p - 40):p]
            if excluded(needs, head):
                assert next(partner_list.finditer(head, overlapped=True), None) is None, head
                skipped += 1
            else:
                kept += 1
    assert skipped > 10 * kept > 0


def test_excluded_reads_a_pattern_end_as_dollar_does():
    from zhfacts.normalize.guard import excluded, guard

    g = guard(r"[甲乙]\d+$", False)
    assert not excluded(g, "甲12") and not excluded(g, "甲12\n") and not excluded(g, "甲١٢")  # (any decimal digit)
    assert excluded(g, "甲12年") and excluded(g, "乙年") and excluded(g, "")
    assert not excluded(guard(r"[甲乙]\d+", False), "甲12年")  # (no $: the end is not tested)


def test_a_long_lines_candidate_rules_are_read_off_its_distinct_characters_alike(monkeypatch):
    """layout._finder lists a long line's indexed characters once each (memory: a one-line 10 MB
    document), not every occurrence: the candidate rules of every line, and of the seeds run together
    into one line, are the same either way."""
    from zhfacts.normalize import layout

    rules = layout.load_boilerplate()
    indexes = [rules.prefilter()] + [rs._index for rs in (rules.related_start, rules.related_item, rules.line_rules,
                                                             rules.prefix_rules, rules.suffix_rules)]
    lines = _paragraphs()
    lines.append("".join(p.read_text(encoding="utf-8").replace("\n", "") for p in sorted((ROOT / "seeds").glob("*.txt"))))
    assert len(lines[-1]) > layout._LONG_LINE

    def masks():
        return [ix.candidates(line, od) for ix in indexes for line in lines for od in (False, True)]

    monkeypatch.setattr(layout, "_LONG_LINE", 1 << 40)  # findall on every line
    by_occurrence = masks()
    monkeypatch.setattr(layout, "_LONG_LINE", 0)  # each distinct character once, on every line
    assert masks() == by_occurrence
    assert sum(map(bool, by_occurrence)) > 100  # (lines with candidate rules)
