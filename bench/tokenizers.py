#!/usr/bin/env python
"""Segmenters and taggers on the seeds: which one should the extractor use?

    python bench/tokenizers.py            # ~1 MB corpus, writes bench/TOKENIZERS.md + tokenizers.json
    python bench/tokenizers.py --mb 0.2   # smaller, for a smoke run

Every method runs in its own subprocess (so one's imports and caches do not
help another): set-up (import, dictionary load, first call) is timed once,
then one warm-up round over the five seeds, then full passes over the corpus
until ``--reps`` passes are done or ``--budget`` seconds are spent (at least
one pass). The figure is the corpus' characters divided by the median pass.

The text is what the extractor segments: the seeds through ``zhfacts.normalize``
(or, if the normalizer fails, converted to Simplified with OpenCC ``t2s``),
repeated as separate documents.
"""
from __future__ import annotations

import argparse
import json
import os
import resource
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import (BENCH, ROOT, CpuWatch, corpus_stats, wait_for_idle, env_for_subprocess, fmt_rate, machine_facts,  # noqa: E402
                     median, package_versions, repeat_to_size, run_json_subprocess, seed_documents)

# Domain phrases that the extractor's rules will look for (metrics, units, organisations).
DOMAIN_TERMS = """
算力 智能算力 通用算力 超算算力 算力规模 算力总规模 智算中心 智算集群 万卡集群 数据中心 机架 标准机架
在用机架 服务器 算力中心 存力 运力 数据中心机架 5G基站 千兆光网 光纤 宽带 移动电话用户 物联网
终端用户 工业互联网 数字经济 核心产业 增加值 营业收入 利润总额 电信业务 业务收入 软件业务
集成电路 芯片 人工智能 大模型 核心产业规模 企业数量 用户规模 市场规模 投资 固定资产投资
工业和信息化部 国家发展改革委 国家数据局 中国信息通信研究院 国务院新闻办公室 新华社 中国移动
中国电信 中国联通 华为 阿里云 腾讯 百度 国家统计局 工信部 国新办 贵州 内蒙古 宁夏 甘肃
京津冀 长三角 粤港澳大湾区 成渝 东数西算 国家枢纽节点 数据中心集群 EFLOPS PFLOPS 亿元 万亿元
""".split()


# --------------------------------------------------------------------------- methods
# Each factory does the imports and loads, and returns fn(text) -> number of tokens.

def m_jieba_cut():
    import logging

    import jieba

    jieba.setLogLevel(logging.WARNING)
    jieba.initialize()
    return lambda t: sum(1 for _ in jieba.cut(t))


def m_jieba_posseg():
    import logging

    import jieba
    import jieba.posseg as pseg

    jieba.setLogLevel(logging.WARNING)
    jieba.initialize()
    return lambda t: sum(1 for _ in pseg.cut(t))


def m_jieba_posseg_nohmm():
    import logging

    import jieba
    import jieba.posseg as pseg

    jieba.setLogLevel(logging.WARNING)
    jieba.initialize()
    return lambda t: sum(1 for _ in pseg.cut(t, HMM=False))


def m_rjieba_cut():
    import rjieba

    return lambda t: len(rjieba.cut(t))


def m_rjieba_tag():
    import rjieba

    return lambda t: len(rjieba.tag(t))


def m_rjieba_tag_nohmm():
    import rjieba

    return lambda t: len(rjieba.tag(t, hmm=False))


def m_spacy_char():
    import spacy

    nlp = spacy.blank("zh")
    assert nlp.tokenizer.segmenter == "char"
    nlp.max_length = 10**8
    return lambda t: len(nlp(t))


def m_spacy_jieba():
    import logging

    import jieba

    jieba.setLogLevel(logging.WARNING)
    import spacy

    nlp = spacy.blank("zh", config={"nlp": {"tokenizer": {"segmenter": "jieba"}}})
    nlp.max_length = 10**8
    return lambda t: len(nlp(t))


def _add_ruler(nlp, kind, patterns):
    if kind == "span_ruler":
        ruler = nlp.add_pipe("span_ruler", config={"phrase_matcher_attr": "ORTH"})
    else:
        ruler = nlp.add_pipe("entity_ruler", config={"phrase_matcher_attr": "ORTH"})
    ruler.add_patterns([{"label": "TERM", "pattern": p} for p in patterns])
    return ruler


def m_spacy_char_entityruler(patterns):
    import spacy

    nlp = spacy.blank("zh")
    nlp.max_length = 10**8
    _add_ruler(nlp, "entity_ruler", patterns)
    return lambda t: len(nlp(t).ents)


def m_opencc_t2s():
    import opencc

    cc = opencc.OpenCC("t2s")
    return lambda t: len(cc.convert(t))


def _rjieba_nlp(patterns=None, kind="span_ruler"):
    """A blank Chinese pipeline whose tokenizer is rjieba: Doc(vocab, words, spaces)."""
    import rjieba
    import spacy
    from spacy.tokens import Doc

    nlp = spacy.blank("zh")
    nlp.max_length = 10**8

    class RjiebaTokenizer:
        def __init__(self, vocab):
            self.vocab = vocab

        def __call__(self, text):
            words = rjieba.cut(text)
            return Doc(self.vocab, words=words, spaces=[False] * len(words))

    nlp.tokenizer = RjiebaTokenizer(nlp.vocab)
    if patterns is not None:
        _add_ruler(nlp, kind, patterns)
    return nlp


def m_spacy_rjieba_doc():
    nlp = _rjieba_nlp()
    probe = "我国已建成万卡智算集群42个，智能算力规模超过1590 EFLOPS。\n"
    assert nlp(probe).text == probe
    return lambda t: len(nlp(t))


def m_spacy_rjieba_spanruler(patterns):
    nlp = _rjieba_nlp(patterns)
    return lambda t: len(nlp(t).spans["ruler"])


def m_spacy_rjieba_entityruler(patterns):
    nlp = _rjieba_nlp(patterns, "entity_ruler")
    return lambda t: len(nlp(t).ents)


def m_rjieba_gazetteer_lookup(patterns):
    """Every alias in rjieba's dictionary, then one dict look-up per token (no spaCy)."""
    import rjieba

    for p in patterns:
        if not rjieba.has_word(p) and not p.isspace():
            rjieba.add_word(p, None, "nz")
    gaz = {p: p for p in patterns}
    get = gaz.get

    def fn(t):
        n = 0
        for w in rjieba.cut(t, hmm=False):
            if get(w) is not None:
                n += 1
        return n
    return fn


def m_regex_alternation(patterns):
    import regex

    rx = regex.compile("|".join(regex.escape(p) for p in sorted(set(patterns), key=lambda s: (-len(s), s))))
    return lambda t: sum(1 for _ in rx.finditer(t))


METHODS = {
    # key: (label, factory, takes patterns, note)
    "jieba.cut": ("`jieba.cut` (HMM on)", m_jieba_cut, False, "words only"),
    "jieba.posseg": ("`jieba.posseg.cut` (HMM on)", m_jieba_posseg, False, "words + POS"),
    "jieba.posseg.nohmm": ("`jieba.posseg.cut(HMM=False)`", m_jieba_posseg_nohmm, False, "extra row: words + POS, no HMM for unknown words"),
    "rjieba.cut": ("`rjieba.cut`", m_rjieba_cut, False, "words only"),
    "rjieba.tag": ("`rjieba.tag`", m_rjieba_tag, False, "words + POS"),
    "rjieba.tag.nohmm": ("`rjieba.tag(hmm=False)`", m_rjieba_tag_nohmm, False, "extra row"),
    "spacy.char": ("`spacy.blank('zh')` (char segmenter)", m_spacy_char, False, "one token per character"),
    "spacy.jieba": ("`spacy.blank('zh')` segmenter=jieba", m_spacy_jieba, False, "Doc of jieba words"),
    "spacy.rjieba.doc": ("spaCy `Doc` from `rjieba.cut`", m_spacy_rjieba_doc, False, "custom tokenizer: Doc(vocab, words, spaces)"),
    "spacy.rjieba.spanruler": ("spaCy `Doc` from `rjieba.cut` + SpanRuler", m_spacy_rjieba_spanruler, True, "phrase patterns, ORTH"),
    "spacy.rjieba.entityruler": ("spaCy `Doc` from `rjieba.cut` + EntityRuler", m_spacy_rjieba_entityruler, True, "phrase patterns, ORTH; overlaps resolved"),
    "spacy.char.entityruler": ("`spacy.blank('zh')` (char) + EntityRuler", m_spacy_char_entityruler, True, "phrase patterns on character tokens"),
    "rjieba.gazetteer.lookup": ("`rjieba.cut(hmm=False)`, aliases added to its dictionary, dict look-up per token", m_rjieba_gazetteer_lookup, True, "extra row: no spaCy"),
    "regex.alternation": ("`regex` alternation of the same phrases on raw text", m_regex_alternation, True, "extra row: no tokens at all"),
    "opencc.t2s": ("`opencc.OpenCC('t2s').convert`", m_opencc_t2s, False, "extra row: the normalizer's conversion"),
}


def measure_one(method: str, corpus_file: str, budget: float, reps: int) -> dict:
    data = json.loads(Path(corpus_file).read_text(encoding="utf-8"))
    texts = data["texts"]
    seeds = data["seed_texts"]
    label, factory, takes_patterns, _ = METHODS[method]
    t0 = time.perf_counter()
    fn = factory(data["patterns"]) if takes_patterns else factory()
    fn("我国已建成万卡智算集群42个，智能算力规模超过1590 EFLOPS。")
    setup_s = time.perf_counter() - t0
    for t in seeds:  # warm-up round
        fn(t)
    chars = sum(len(t) for t in texts)
    passes, cpu_passes = [], []
    tokens = 0
    spent = 0.0
    while len(passes) < reps and (not passes or spent < budget):
        tokens = 0
        c = time.process_time()
        s = time.perf_counter()
        for t in texts:
            tokens += fn(t)
        e = time.perf_counter() - s
        cpu_passes.append(time.process_time() - c)
        passes.append(e)
        spent += e
    med = median(passes)
    cmed = median(cpu_passes)
    return {"method": method, "setup_s": setup_s, "passes_s": passes, "cpu_passes_s": cpu_passes, "chars": chars,
            "tokens_or_matches": tokens, "chars_per_s": chars / med if med else None,
            "chars_per_cpu_s": chars / cmed if cmed else None,
            "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}


# --------------------------------------------------------------------------- agreement

def _spans(pairs):
    out, pos = [], 0
    for w, tag in pairs:
        if w.strip():
            out.append((pos, pos + len(w), tag))
        pos += len(w)
    return out


AGREEMENT_VARIANTS = {
    "default": "default dictionary, HMM on in both",
    "userdict": "domain lexicon added to both (add_word), HMM on",
    "userdict.nohmm": "domain lexicon added to both, HMM off in both",
}
EXTRA_WORDS = ["算力", "智算", "万卡", "存力", "运力", "智算中心", "万卡集群"]


def agreement(corpus_file: str, variant: str = "default") -> dict:
    """rjieba.tag against jieba.posseg.cut on the (unrepeated) seeds."""
    import logging

    import jieba
    import jieba.posseg as pseg
    import rjieba

    jieba.setLogLevel(logging.WARNING)
    hmm = not variant.endswith("nohmm")
    data = json.loads(Path(corpus_file).read_text(encoding="utf-8"))
    if variant.startswith("userdict"):
        jieba.initialize()
        for w, tag in data["lexicon"]:
            if not jieba.dt.FREQ.get(w):  # only words the dictionary lacks; keep its own tags
                jieba.add_word(w, tag=tag)
            if not rjieba.has_word(w):
                rjieba.add_word(w, None, tag)
    ref_n = other_n = same_seg = same_tag = 0
    per_tag = {t: {"jieba": 0, "rjieba": 0, "both": 0} for t in ("nr", "ns", "nt", "nz", "m", "eng")}
    diffs: Counter = Counter()
    for text in data["seed_texts"]:
        a = _spans((p.word, p.flag) for p in pseg.cut(text, HMM=hmm))
        b = _spans(rjieba.tag(text, hmm=hmm))
        bmap = {(s, e): tag for s, e, tag in b}
        ref_n += len(a)
        other_n += len(b)
        for s, e, tag in a:
            if (s, e) in bmap:
                same_seg += 1
                if bmap[(s, e)] == tag:
                    same_tag += 1
                else:
                    diffs[(text[s:e], tag, bmap[(s, e)])] += 1
            else:
                diffs[(text[s:e], tag, "<other split>")] += 1
        aset = {(s, e, t) for s, e, t in a}
        for t, c in per_tag.items():
            c["jieba"] += sum(1 for x in a if x[2] == t)
            c["rjieba"] += sum(1 for x in b if x[2] == t)
            c["both"] += sum(1 for x in b if x[2] == t and x in aset)
    return {
        "variant": variant, "description": AGREEMENT_VARIANTS[variant],
        "jieba_tokens": ref_n, "rjieba_tokens": other_n,
        "same_segmentation": same_seg / ref_n, "same_segmentation_and_tag": same_tag / ref_n,
        "per_tag": per_tag,
        "top_differences": [{"word": w, "jieba": a, "rjieba": b, "count": n}
                            for (w, a, b), n in diffs.most_common(25)],
    }


# --------------------------------------------------------------------------- gazetteer matches

def gazetteer_matches(corpus_file: str) -> dict:
    """Where do the phrase patterns match on the seeds, by tokenization? (spans in the corpus text)"""
    import regex
    import rjieba
    import spacy

    data = json.loads(Path(corpus_file).read_text(encoding="utf-8"))
    pats = data["patterns"]
    nlp_char = spacy.blank("zh")
    _add_ruler(nlp_char, "entity_ruler", pats)
    nlp_rj = _rjieba_nlp(pats, "entity_ruler")
    rx = regex.compile("|".join(regex.escape(p) for p in sorted(set(pats), key=lambda s: (-len(s), s))))
    found = {"char": [], "rjieba": [], "rjieba+gazetteer": [], "rjieba+gazetteer lookup": [], "regex": []}
    for i, t in enumerate(data["seed_texts"]):
        found["char"] += [(i, e.start_char, e.end_char) for e in nlp_char(t).ents]
        found["rjieba"] += [(i, e.start_char, e.end_char) for e in nlp_rj(t).ents]
        found["regex"] += [(i, m.start(), m.end()) for m in rx.finditer(t)]
    for p in pats:  # now with every pattern in rjieba's dictionary: the same pipeline, new tokens
        if not rjieba.has_word(p) and not p.isspace():
            rjieba.add_word(p, None, "nz")
    nlp_rj2 = _rjieba_nlp(pats, "entity_ruler")
    gaz = set(pats)
    for i, t in enumerate(data["seed_texts"]):
        found["rjieba+gazetteer"] += [(i, e.start_char, e.end_char) for e in nlp_rj2(t).ents]
        pos = 0
        for w in rjieba.cut(t, hmm=False):
            if w in gaz:
                found["rjieba+gazetteer lookup"].append((i, pos, pos + len(w)))
            pos += len(w)
    texts = data["seed_texts"]

    def show(x):
        i, s, e = x
        t = texts[i]
        return (t[max(0, s - 3):s] + "[" + t[s:e] + "]" + t[e:e + 3]).replace("\n", "⏎")

    ref = set(found["char"])
    out = {"counts": {k: len(v) for k, v in found.items()}, "vs_char": {}}
    for k in ("rjieba", "rjieba+gazetteer", "rjieba+gazetteer lookup", "regex"):
        got = set(found[k])
        out["vs_char"][k] = {"only_char": [show(x) for x in sorted(ref - got)][:25],
                             "only_this": [show(x) for x in sorted(got - ref)][:25],
                             "n_only_char": len(ref - got), "n_only_this": len(got - ref)}
    return out


# --------------------------------------------------------------------------- driver

def build_corpus(mb: float) -> dict:
    seeds, text_source = None, None
    try:  # what the extractor segments: the normalizer's clean Simplified text
        import zhfacts

        norm = zhfacts.normalize  # captured: importing zhfacts.normalize rebinds the attribute
        seeds = [{**d, "text": norm(d["text"]).text} for d in seed_documents()]
        text_source = "the seeds normalized by `zhfacts.normalize` (clean Simplified body text)"
    except Exception as exc:  # noqa: BLE001 - the normalizer may be missing or mid-edit
        import opencc

        cc = opencc.OpenCC("t2s")
        seeds = [{**d, "text": cc.convert(d["text"])} for d in seed_documents()]
        text_source = f"the seeds converted to Simplified with OpenCC t2s (zhfacts.normalize failed: {exc!r:.100})"
    docs = repeat_to_size(seeds, int(mb * 1_000_000))
    patterns, pattern_source = load_gazetteer(), "rules/entities.yaml (names and aliases)"
    if len(patterns) < 100:
        patterns, pattern_source = derived_patterns(seeds), "domain terms + the seeds' frequent nouns"
    lexicon, lexicon_source = load_lexicon(), "rules/lexicon.yaml"
    if not lexicon:
        lexicon, lexicon_source = [(w, "n") for w in dict.fromkeys(DOMAIN_TERMS + EXTRA_WORDS)], "built-in list"
    return {"texts": [d["text"] for d in docs], "seed_texts": [d["text"] for d in seeds],
            "text_source": text_source, "patterns": patterns, "pattern_source": pattern_source,
            "lexicon": lexicon, "lexicon_source": lexicon_source, "stats": corpus_stats(docs)}


def _rules_yaml(name: str):
    try:
        import yaml

        return yaml.safe_load((ROOT / "rules" / name).read_text(encoding="utf-8"))
    except Exception:  # noqa: BLE001 - the rules may be mid-edit; fall back
        return None


def load_gazetteer() -> list[str]:
    data = _rules_yaml("entities.yaml") or {}
    out = []
    for e in data.get("entities", []) if isinstance(data, dict) else []:
        if isinstance(e, dict):
            out += [str(a) for a in (e.get("aliases") or []) if a] + ([str(e["name"])] if e.get("name") else [])
    return list(dict.fromkeys(out))


def load_lexicon() -> list[tuple[str, str]]:
    data = _rules_yaml("lexicon.yaml") or {}
    out = []
    for w in data.get("words", []) if isinstance(data, dict) else []:
        if isinstance(w, dict) and w.get("word"):
            out.append((str(w["word"]), str(w.get("tag") or "n")))
    return out


def derived_patterns(seeds) -> list[str]:
    """The domain list plus the seeds' most frequent multi-character nouns and noun-noun compounds."""
    import rjieba

    counts: Counter = Counter()
    for d in seeds:
        toks = [(w, t) for w, t in rjieba.tag(d["text"]) if w.strip()]
        for w, t in toks:
            if len(w) >= 2 and t in {"n", "nr", "ns", "nt", "nz", "vn", "eng", "l", "j"}:
                counts[w] += 1
        for (w1, t1), (w2, t2) in zip(toks, toks[1:]):
            if t1.startswith("n") and t2.startswith("n") and len(w1 + w2) >= 3:
                counts[w1 + w2] += 1
    patterns = list(dict.fromkeys(DOMAIN_TERMS))
    for w, _ in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])):
        if len(patterns) >= 300:
            break
        if w not in patterns:
            patterns.append(w)
    return patterns


MARKER = "<!-- hand-written below this line; kept by bench/tokenizers.py when it rewrites the figures -->"


def write_markdown(res: dict, path: Path) -> None:
    st = res["corpus"]
    rows = []
    for key, r in res["methods"].items():
        label, _, _, note = METHODS[key]
        if "error" in r:
            rows.append(f"| {label} | failed: {r['error']} | | | | | | | | | {note} |")
            continue
        ps = r["passes_s"]
        rows.append(f"| {label} | **{fmt_rate(r['chars_per_s'])}** | {fmt_rate(r['chars'] / min(ps))} | "
                    f"{fmt_rate(r.get('chars_per_cpu_s'))} | {len(ps)} | "
                    f"{min(ps):.2f}–{max(ps):.2f} | {r['setup_s']:.2f} | {r['peak_rss_mb']:.0f} | "
                    f"{r['tokens_or_matches']:,} | {r.get('others_share', 0):.0%} | {note} |")
    lines = [
        "# Segmenters and taggers on the seeds",
        "",
        f"Produced by `{res['command']}` on {res['machine']['date']}.",
        "",
        f"Machine: {res['machine']['cpu_model']}, {res['machine']['nproc']} cores "
        f"({res['machine']['hypervisor'] or 'bare metal'}), {res['machine']['mem_total_gib']} GiB; "
        f"load average (1, 5, 15 min) {res['machine']['loadavg_at_start']} at the start, "
        f"{res.get('loadavg_at_end')} at the end; Python {res['machine']['python']}; "
        + ", ".join(f"{k} {v}" for k, v in res["versions"].items() if v) + ".",
        "",
        f"Corpus: {res['text_source']}, repeated as "
        f"{st['documents']} separate documents: {st['chars']:,} characters, {st['bytes']:,} bytes UTF-8. "
        f"Each method in its own process: set-up timed once (import, dictionary, first call), one warm-up "
        f"round over the seeds, then up to {res['reps']} full passes (budget {res['budget_s']:.0f} s, at "
        f"least one); the rate is characters / median pass, *best* characters / fastest pass, *per CPU-s* characters / median CPU time of a pass (other "
        f"processes disturb it less); *others' CPU* is "
        f"the share of the machine's CPU that other processes used meanwhile (the disturbance). Phrase patterns: {res['n_patterns']} from "
        f"{res['pattern_source']}; domain lexicon: {res['n_lexicon']} words from {res['lexicon_source']}.",
        "",
        "| method | chars/s (median) | best | per CPU-s | passes | pass s (min–max) | set-up s | peak RSS MB "
        "| tokens (matches) per pass | others' CPU | note |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |",
        *rows,
        "",
        "## rjieba.tag against jieba.posseg.cut",
        "",
        "On the five seeds (the same text, not repeated); whitespace tokens left out. *Same span*: share of "
        "jieba's tokens that rjieba cuts identically; *same tag*: identical span and tag. For a tag T, "
        "*of jieba's* is the share of jieba's T tokens that rjieba also cuts and tags T, *of rjieba's* the "
        "converse.",
        "",
        "| variant | jieba tokens | rjieba tokens | same span | same span+tag | nr (of jieba's / of rjieba's) "
        "| ns | nt | nz | m | eng |",
        "| --- | ---: | ---: | ---: | ---: | --- | --- | --- | --- | --- | --- |",
    ]
    for v, ag in res.get("agreement", {}).items():
        if "error" in ag:
            lines.append(f"| {v} | failed: {ag['error']} |")
            continue
        cells = []
        for t, c in ag["per_tag"].items():
            ofj = f"{c['both'] / c['jieba']:.0%}" if c["jieba"] else "n/a"
            ofr = f"{c['both'] / c['rjieba']:.0%}" if c["rjieba"] else "n/a"
            cells.append(f"{ofj} / {ofr} (n={c['jieba']}/{c['rjieba']})")
        lines.append(f"| {ag['description']} | {ag['jieba_tokens']} | {ag['rjieba_tokens']} | "
                     f"{ag['same_segmentation']:.1%} | {ag['same_segmentation_and_tag']:.1%} | "
                     + " | ".join(cells) + " |")
    lines.append("")
    for v, ag in res.get("agreement", {}).items():
        if "error" in ag:
            continue
        lines += [f"Most frequent differences, {ag['description']} (word: jieba tag → rjieba tag, count): "
                  + ", ".join(f"{d['word']!r}: {d['jieba']} → {d['rjieba']} ({d['count']})"
                              for d in ag["top_differences"][:20]), ""]
    mt = res.get("matches", {})
    if mt and "error" not in mt:
        c = mt["counts"]
        lines += ["## Gazetteer matches by tokenization (EntityRuler, the five seeds)", "",
                  f"Matches of the {res['n_patterns']} phrase patterns: character tokens {c['char']}, rjieba tokens "
                  f"{c['rjieba']}, rjieba tokens with every pattern added to its dictionary "
                  f"{c['rjieba+gazetteer']}, the same tokens (HMM off) with a dict look-up per token "
                  f"{c['rjieba+gazetteer lookup']}, `regex` alternation on raw text {c['regex']} (leftmost-longest, "
                  "no token boundaries). Differences against character tokens (three characters of context):", ""]
        for k, d in mt["vs_char"].items():
            lines.append(f"- **{k}** misses {d['n_only_char']}: " + ", ".join(d["only_char"][:15])
                         + (f"; finds {d['n_only_this']} more: " + ", ".join(d["only_this"][:10])
                            if d["n_only_this"] else ""))
        lines.append("")
    elif mt:
        lines += [f"Gazetteer matches failed: {mt['error']}", ""]
    # The hand-written analysis below the marker survives re-runs.
    kept = ""
    if path.exists():
        prev = path.read_text(encoding="utf-8")
        if MARKER in prev:
            kept = prev.split(MARKER, 1)[1].strip()
    lines += [MARKER, "", kept or "## Recommendation\n\n(to be written from the figures above)", ""]
    path.write_text("\n".join(lines), encoding="utf-8")


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--mb", type=float, default=1.0, help="corpus size in MB of UTF-8 (default 1)")
    ap.add_argument("--reps", type=int, default=5, help="passes per method at most (default 5)")
    ap.add_argument("--budget", type=float, default=30.0, help="seconds per method before stopping passes")
    ap.add_argument("--wait-idle", type=float, default=60.0,
                    help="wait up to this many seconds for other processes to calm down first (default 60)")
    ap.add_argument("--methods", default=",".join(METHODS), help="comma-separated subset")
    ap.add_argument("--out", type=Path, default=BENCH / "TOKENIZERS.md")
    ap.add_argument("--one", help=argparse.SUPPRESS)
    ap.add_argument("--corpus", help=argparse.SUPPRESS)
    args = ap.parse_args(argv)

    if args.one:
        if args.one == "matches":
            out = gazetteer_matches(args.corpus)
        elif args.one.startswith("agreement:"):
            out = agreement(args.corpus, args.one.split(":", 1)[1])
        else:
            out = measure_one(args.one, args.corpus, args.budget, args.reps)
        print(json.dumps(out, ensure_ascii=False))
        return 0

    command = "python bench/tokenizers.py" + "".join(f" {a}" for a in (argv if argv is not None else sys.argv[1:]))
    if args.wait_idle:
        print(f"waiting up to {args.wait_idle:.0f} s for an idle machine", file=sys.stderr, flush=True)
        wait_for_idle(args.wait_idle)
    corpus = build_corpus(args.mb)
    env = env_for_subprocess()
    res = {"command": command, "machine": machine_facts(),
           "versions": package_versions(["jieba", "rjieba", "spacy", "regex", "OpenCC"]),
           "corpus": corpus["stats"], "seed_docs": [len(t) for t in corpus["seed_texts"]],
           "text_source": corpus["text_source"],
           "n_patterns": len(corpus["patterns"]), "pattern_source": corpus["pattern_source"],
           "n_lexicon": len(corpus["lexicon"]), "lexicon_source": corpus["lexicon_source"], "reps": args.reps, "budget_s": args.budget, "methods": {}}
    with tempfile.TemporaryDirectory() as tmp:
        cf = os.path.join(tmp, "corpus.json")
        Path(cf).write_text(json.dumps(corpus, ensure_ascii=False), encoding="utf-8")
        for m in args.methods.split(","):
            cw = CpuWatch()
            r = run_json_subprocess([sys.executable, __file__, "--one", m, "--corpus", cf,
                                     "--budget", str(args.budget), "--reps", str(args.reps)],
                                    timeout=args.budget * 3 + 180, env=env)
            r["others_share"] = cw.result()["others_share"]
            res["methods"][m] = r
            msg = r.get("error") or (f"{fmt_rate(r['chars_per_s'])} chars/s, {fmt_rate(r['chars_per_cpu_s'])} per CPU-s, "
                                     f"setup {r['setup_s']:.2f} s, passes {len(r['passes_s'])}")
            print(f"{m:26s} {msg}", file=sys.stderr, flush=True)
        res["agreement"] = {v: run_json_subprocess([sys.executable, __file__, "--one", f"agreement:{v}",
                                                    "--corpus", cf], timeout=300, env=env)
                            for v in AGREEMENT_VARIANTS}
        res["matches"] = run_json_subprocess([sys.executable, __file__, "--one", "matches", "--corpus", cf],
                                             timeout=300, env=env)
    res["loadavg_at_end"] = [round(x, 2) for x in os.getloadavg()]
    (args.out.parent / "tokenizers.json").write_text(json.dumps(res, ensure_ascii=False, indent=1), encoding="utf-8")
    write_markdown(res, args.out)
    print(f"wrote {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
