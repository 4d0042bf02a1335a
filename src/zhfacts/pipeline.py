"""The extraction pipeline: a spaCy ``blank("zh")`` Language with character
tokens (every character offset is a token boundary, so regex spans map to
spaCy spans exactly) and these components, each driven by rules/ data:

1. ``entity_ruler``      gazetteer of rules/entities.yaml (phrase patterns, canonical name as id)
2. ``zhfacts_dates``     time expressions (rules/dates.yaml)      -> doc.spans["dates"]
3. ``zhfacts_values``    value mentions (units, qualifiers, vetoes) -> doc.spans["values"]
4. ``zhfacts_entities``  suffix patterns + jieba-rs ns/nt tags    -> doc.spans["entity_candidates"]
5. ``zhfacts_facts``     ties values to entity, metric, date, kind -> doc.user_data["facts"]

Finding (components 2-4) is separate from resolving (dates.resolve,
numerals.number_value, facts.Assembler).
"""
from __future__ import annotations

from functools import lru_cache

import regex

from .doc import NormalizedDoc
from .numerals import to_json_number
from .rules import Rules, load_rules

_SENT_END = regex.compile(r"[^。！？!?；;…\n]*(?:[。！？!?；;]+|…+|$)[”’」』）)]*")
KEY_ORDER = ("doc", "entity", "metric", "value", "unit", "qualifier", "date", "kind", "span", "text",
             "sentence", "rule", "warnings")


class _State:
    """Per-document working state shared by the components (doc.user_data['zhfacts'])."""

    def __init__(self, ndoc: NormalizedDoc, paras: list[tuple[int, int]], base: int):
        from .facts import Para

        self.ndoc = ndoc
        self.base = base  # offset of this chunk's spaCy Doc in ndoc.text
        text = ndoc.text
        sents = ndoc.sentences
        self.paras = []
        for ps, pe in paras:
            ptext = text[ps:pe]
            local = [(max(a, ps) - ps, min(b, pe) - ps) for a, b in sents if a < pe and b > ps] if sents else []
            local = [s for s in local if s[1] > s[0]] or _split_sentences(ptext)
            self.paras.append(Para(ps - base, ptext, local, [], [], []))


def _split_paragraphs(text: str) -> list[tuple[int, int]]:
    out, pos = [], 0
    for line in text.split("\n"):
        if line.strip():
            out.append((pos, pos + len(line)))
        pos += len(line) + 1
    return out


def _split_sentences(text: str) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for m in _SENT_END.finditer(text) if m.end() > m.start() and text[m.start():m.end()].strip()]


class Components:
    """Compiled rules and finders, shared by the spaCy components of one pipeline."""

    def __init__(self, rules: Rules):
        from .dates import DateFinder
        from .entities import EntityFinder
        from .facts import Assembler
        from .values import ValueFinder

        self.rules = rules
        self.dates = DateFinder(rules)
        self.values = ValueFinder(rules)
        self.entities = EntityFinder(rules)
        self.assembler = Assembler(rules, self.entities)


def _components_for(nlp) -> Components:
    return nlp.get_pipe("zhfacts_facts").components


def build_nlp(rules: Rules):
    import spacy
    from spacy.language import Language

    _register_factories()
    nlp = spacy.blank("zh")  # the default Chinese segmenter of a blank pipeline is characters
    comps = Components(rules)
    ruler = nlp.add_pipe("entity_ruler", config={"phrase_matcher_attr": "ORTH", "overwrite_ents": True})
    patterns = []
    for e in rules.raw["entities"]["entities"]:
        for alias in e["aliases"]:
            patterns.append({"label": e["type"], "pattern": alias, "id": e["name"]})
    ruler.add_patterns(patterns)
    nlp.add_pipe("zhfacts_dates")
    nlp.add_pipe("zhfacts_values")
    nlp.add_pipe("zhfacts_entities")
    nlp.add_pipe("zhfacts_facts")
    for name in ("zhfacts_dates", "zhfacts_values", "zhfacts_entities", "zhfacts_facts"):
        nlp.get_pipe(name).components = comps
    assert isinstance(nlp, Language)
    return nlp


_REGISTERED = False


def _register_factories():
    global _REGISTERED
    if _REGISTERED:
        return
    from spacy.language import Language

    class _Base:
        components: Components

        def __init__(self, nlp, name):
            self.name = name

    @Language.factory("zhfacts_dates")
    def _dates(nlp, name):
        return DatesComponent(nlp, name)

    @Language.factory("zhfacts_values")
    def _values(nlp, name):
        return ValuesComponent(nlp, name)

    @Language.factory("zhfacts_entities")
    def _entities(nlp, name):
        return EntitiesComponent(nlp, name)

    @Language.factory("zhfacts_facts")
    def _facts(nlp, name):
        return FactsComponent(nlp, name)

    class DatesComponent(_Base):
        def __call__(self, doc):
            from .facts import titles_in

            st: _State = doc.user_data["zhfacts"]
            spans = []
            for p in st.paras:
                p.titles = titles_in(p.text)
                p.dates = self.components.dates.find(p.text, skip=p.titles)
                spans += [_span(doc, p.start + d.start, p.start + d.end, d.rule) for d in p.dates]
            doc.spans["dates"] = [s for s in spans if s is not None]
            return doc

    class ValuesComponent(_Base):
        def __call__(self, doc):
            st: _State = doc.user_data["zhfacts"]
            spans = []
            for p in st.paras:
                masked = [(d.start, d.end) for d in p.dates]

                def sentence_of(pos, p=p):
                    for a, b in p.sentences:
                        if a <= pos < b:
                            return p.text[a:b]
                    return p.text

                p.values = self.components.values.find(p.text, masked, sentence_of)
                spans += [_span(doc, p.start + v.start, p.start + v.end, v.rule) for v in p.values]
            doc.spans["values"] = [s for s in spans if s is not None]
            return doc

    class EntitiesComponent(_Base):
        def __call__(self, doc):
            st: _State = doc.user_data["zhfacts"]
            ef = self.components.entities
            ents = [(e.start_char, e.end_char, e.text, e.ent_id_, e.label_) for e in doc.ents]
            spans = []
            for p in st.paras:
                if not p.values:
                    continue  # only paragraphs with values need candidates (and jieba tags)
                pe = p.start + len(p.text)
                local = [(s - p.start, e - p.start, t, n, l) for s, e, t, n, l in ents if s >= p.start and e <= pe]
                p.tokens = ef.tag(p.text)
                p.cands = ef.candidates(p.text, local, st.ndoc.region, p.titles, p.tokens)
                for c in p.cands:
                    c.name = ef.canonical(c.name, st.ndoc.region)
                spans += [_span(doc, p.start + c.start, p.start + c.end, c.type) for c in p.cands]
            doc.spans["entity_candidates"] = [s for s in spans if s is not None]
            return doc

    class FactsComponent(_Base):
        def __call__(self, doc):
            st: _State = doc.user_data["zhfacts"]
            default = "台湾" if st.ndoc.region == "taiwan" else "中国"
            facts = []
            for p in st.paras:
                if not p.values:
                    continue
                for f in self.components.assembler.facts(p, st.ndoc.published, default):
                    s, e = f.pop("local_span")
                    ss, se = f.pop("sentence_span")
                    f["norm_span"] = (st.base + p.start + s, st.base + p.start + e)
                    f["sentence"] = p.text[ss:se].strip()
                    facts.append(f)
            doc.user_data["facts"] = facts
            return doc

    _REGISTERED = True


def _span(doc, s: int, e: int, label: str):
    return doc.char_span(s, e, label=label, alignment_mode="expand")


@lru_cache(maxsize=4)
def _nlp_for(directory: str, signature: tuple):
    from .rules import _load

    return build_nlp(_load(directory, signature))


def get_nlp(rules_directory=None):
    from pathlib import Path

    from .rules import _signature, rules_dir

    d = Path(rules_directory) if rules_directory else rules_dir()
    return _nlp_for(str(d.resolve()), _signature(d))


CHUNK_CHARS = 200_000  # a spaCy Doc per chunk of whole paragraphs: bounded memory, no max_length limit


def chunks(ndoc: NormalizedDoc):
    """Consecutive paragraphs grouped into pieces of at most CHUNK_CHARS (a longer paragraph stands alone)."""
    paras = ndoc.paragraphs or _split_paragraphs(ndoc.text)
    group: list[tuple[int, int]] = []
    for p in paras:
        if group and p[1] - group[0][0] > CHUNK_CHARS:
            yield group
            group = []
        group.append(p)
    if group:
        yield group


def run(ndoc: NormalizedDoc, nlp=None):
    """Run the pipeline over ``ndoc``; yields one spaCy Doc per chunk."""
    nlp = nlp or get_nlp()
    nlp.get_pipe("zhfacts_facts").components.entities.learn_abbreviations(ndoc.text)
    for group in chunks(ndoc):
        base, end = group[0][0], group[-1][1]
        if end - base > nlp.max_length:
            nlp.max_length = end - base + 1
        doc = nlp.make_doc(ndoc.text[base:end])
        doc.user_data["zhfacts"] = _State(ndoc, group, base)
        for _, proc in nlp.pipeline:
            doc = proc(doc)
        yield doc


def facts_from_doc(ndoc: NormalizedDoc, *, doc: str, nlp=None) -> list[dict]:
    """Contract records (section 2) for one normalized document."""
    out = []
    for f in (f for sdoc in run(ndoc, nlp) for f in sdoc.user_data["facts"]):
        s, e = f.pop("norm_span")
        os_, oe = ndoc.to_original(s, e)
        rec = {"doc": doc, **f, "value": to_json_number(f["value"]), "span": [os_, oe], "text": ndoc.original[os_:oe]}
        if not rec["warnings"]:
            rec.pop("warnings")
        out.append({k: rec[k] for k in KEY_ORDER if k in rec})
    return out
