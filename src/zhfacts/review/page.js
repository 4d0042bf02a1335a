(function () {
  'use strict';
  var data = JSON.parse(document.getElementById('zf-data').textContent);
  var tip = document.getElementById('zf-tip');
  var FIELDS = ['entity', 'metric', 'value', 'unit', 'qualifier', 'date', 'kind', 'rule', 'text', 'span',
                'warnings', 'golden', 'problem'];
  var reduced = window.matchMedia && window.matchMedia('(prefers-reduced-motion: reduce)').matches;

  function hlOf(node) {
    return node && node.closest ? node.closest('[data-fact-id],[data-golden-id]') : null;
  }
  function showTip(el, x, y) {
    var d = data[el.id];
    if (!d) { return; }
    tip.textContent = '';
    var h = document.createElement('div');
    h.className = 'h';
    h.textContent = d.head;
    tip.appendChild(h);
    var t = document.createElement('table');
    FIELDS.forEach(function (k) {
      if (d[k] === undefined) { return; }
      var tr = t.insertRow(), a = tr.insertCell(), b = tr.insertCell();
      a.className = 'k';
      a.textContent = k;
      var v = d[k];
      if (Array.isArray(v)) { v = k === 'span' ? '[' + v.join(', ') + ']' : v.join('; '); }
      b.textContent = String(v);
      if (k === 'warnings' || k === 'problem') { b.className = 'w'; }
    });
    tip.appendChild(t);
    tip.hidden = false;
    place(x, y);
  }
  function place(x, y) {
    var w = tip.offsetWidth, h = tip.offsetHeight;
    var left = Math.min(x + 14, window.innerWidth - w - 8);
    var top = y + 18;
    if (top + h > window.innerHeight - 8) { top = Math.max(8, y - h - 12); }
    tip.style.left = Math.max(8, left) + 'px';
    tip.style.top = top + 'px';
  }
  function hideTip() { tip.hidden = true; current = null; }

  var current = null;
  function hover(e) {
    var el = hlOf(e.target);
    if (!el) { current = null; hideTip(); return; }
    if (tip.hidden || el !== current) { current = el; showTip(el, e.clientX, e.clientY); }
    else { place(e.clientX, e.clientY); }
  }
  document.addEventListener('mouseover', hover);
  document.addEventListener('mousemove', hover);
  document.addEventListener('focusin', function (e) {
    var el = hlOf(e.target);
    if (el) { var r = el.getBoundingClientRect(); showTip(el, r.left, r.bottom - 14); } else { hideTip(); }
  });
  window.addEventListener('scroll', hideTip, true);

  function flash(el) {
    el.classList.remove('flash');
    void el.offsetWidth;  // restart the animation
    el.classList.add('flash');
  }
  function select(tr) {
    var prev = document.querySelectorAll('tr.sel');
    for (var i = 0; i < prev.length; i++) { prev[i].classList.remove('sel'); }
    tr.classList.add('sel');
  }
  function go(tr) {
    var el = document.getElementById(tr.getAttribute('data-target'));
    if (!el) { return; }
    select(tr);
    el.scrollIntoView({block: 'center', inline: 'nearest', behavior: reduced ? 'auto' : 'smooth'});
    flash(el);
  }
  function rowFor(el) {
    return document.querySelector('tr[data-target="' + el.id + '"]');
  }

  var tables = document.querySelectorAll('table.facts');
  Array.prototype.forEach.call(tables, function (table) {
    var tbody = table.tBodies[0];
    tbody.addEventListener('click', function (e) {
      if (e.target.closest('button.rv')) { return; }  // the review buttons (below)
      var tr = e.target.closest('tr.row');
      if (tr) { go(tr); }
    });
    tbody.addEventListener('keydown', function (e) {
      var tr = e.target.closest('tr.row');
      if (tr && (e.key === 'Enter' || e.key === ' ')) { e.preventDefault(); go(tr); }
    });
    var ths = table.tHead.rows[0].cells;
    Array.prototype.forEach.call(ths, function (th, col) {
      th.addEventListener('click', function () {
        var asc = th.getAttribute('aria-sort') !== 'ascending';
        Array.prototype.forEach.call(ths, function (o) { o.removeAttribute('aria-sort'); });
        th.setAttribute('aria-sort', asc ? 'ascending' : 'descending');
        var num = th.getAttribute('data-type') === 'num';
        var rows = Array.prototype.slice.call(tbody.querySelectorAll('tr.row'));
        rows.sort(function (a, b) {
          var x = a.cells[col].getAttribute('data-v'), y = b.cells[col].getAttribute('data-v');
          var c;
          if (num) {
            var fx = parseFloat(x), fy = parseFloat(y);
            if (isNaN(fx) && isNaN(fy)) { c = 0; } else if (isNaN(fx)) { c = 1; } else if (isNaN(fy)) { c = -1; }
            else { c = fx - fy; }
            if (isNaN(fx) || isNaN(fy)) { return c; }
          } else {
            c = x.localeCompare(y, 'zh');
          }
          return asc ? c : -c;
        });
        rows.forEach(function (r) { tbody.appendChild(r); });
      });
    });
  });

  document.addEventListener('click', function (e) {
    var el = hlOf(e.target);
    if (!el) { return; }
    var tr = rowFor(el);
    if (!tr) { return; }
    select(tr);
    var box = tr.closest('aside');
    if (box) {
      var rb = tr.getBoundingClientRect(), bb = box.getBoundingClientRect();
      if (rb.top < bb.top + 30 || rb.bottom > bb.bottom) { box.scrollTop += rb.top - bb.top - bb.height / 3; }
    }
  });

  // ------------------------------------------------------------------ review: accept, reject, edit, add, export
  var records = JSON.parse(document.getElementById('zf-records').textContent);
  var docs = JSON.parse(document.getElementById('zf-docs').textContent);
  var FIELDS_EDIT = ['entity', 'metric', 'value', 'unit', 'qualifier', 'date', 'kind'];
  var EXPORT_KEYS = ['doc', 'entity', 'metric', 'value', 'unit', 'qualifier', 'date', 'kind', 'span', 'text'];
  var DATE_ONE = '\\d{4}(?:-(?:0[1-9]|1[0-2])(?:-(?:0[1-9]|[12]\\d|3[01]))?|-H[12]|-Q[1-4])?';
  var DATE_RE = new RegExp('^' + DATE_ONE + '(?:/' + DATE_ONE + ')?$');
  var added = 0;

  function cpLen(s) { return Array.from(s).length; }  // characters (code points), as spans count them
  function setReview(tr, state) {
    tr.setAttribute('data-review', state);
    tr.querySelector('td.c-review').setAttribute('data-v', state);
    var el = document.getElementById(tr.getAttribute('data-target'));
    if (el) {
      ['rv-accepted', 'rv-rejected', 'rv-edited'].forEach(function (c) { el.classList.remove(c); });
      if (state !== 'pending' && state !== 'added') { el.classList.add('rv-' + state); }
    }
    count();
  }
  function count() {
    var n = document.querySelectorAll('tr.row:not([data-review="pending"])').length;
    document.getElementById('zf-count').textContent = n + ' reviewed';
    save();
  }

  // the review survives a reload of this page (localStorage, keyed by the page's id: a page
  // written again starts afresh, so no state is applied to other facts)
  var store = null;
  try { store = window.localStorage; } catch (err) { store = null; }
  var storeKey = 'zhfacts-review:' + (document.body.getAttribute('data-page') || '');
  var restoring = false;
  function save() {
    if (!store || restoring) { return; }
    var st = {rows: {}, added: []};
    Array.prototype.forEach.call(document.querySelectorAll('tr.row'), function (tr) {
      var id = tr.getAttribute('data-target'), state = tr.getAttribute('data-review');
      if (state === 'added') { st.added.push({section: tr.closest('section.doc').id, rec: records[id]}); }
      else if (state !== 'pending') { st.rows[id] = {review: state, rec: records[id]}; }
    });
    try { store.setItem(storeKey, JSON.stringify(st)); } catch (err) { /* full or disabled: the page still works */ }
  }
  function fmtValue(v) {
    return (typeof v === 'number') ? v.toLocaleString('en-US', {maximumFractionDigits: 10}) : (v === null ? '' : String(v));
  }
  function showRecord(tr, rec) {
    FIELDS_EDIT.forEach(function (k) {
      var td = tr.querySelector('td.c-' + k);
      if (!td) { return; }
      var v = rec[k];
      td.setAttribute('data-v', v === null || v === undefined ? '' : String(v));
      td.textContent = k === 'value' ? fmtValue(v) : (v === null || v === undefined ? '' : String(v));
      if (k === 'kind' && ['actual', 'forecast', 'target'].indexOf(v) >= 0) {
        var chip = document.createElement('span');
        chip.className = 'chip k-' + v;
        chip.textContent = v;
        td.textContent = '';
        td.appendChild(chip);
      }
    });
    var tip = data[tr.getAttribute('data-target')];
    if (tip) { FIELDS_EDIT.forEach(function (k) { tip[k] = k === 'value' ? fmtValue(rec[k]) : rec[k]; }); }
  }

  // the editor (one dialog for editing a fact and adding a missed one)
  var dlg = document.getElementById('zf-editor');
  var form = dlg.querySelector('form');
  var editing = null;  // {rec, done(rec)}
  function openEditor(title, rec, done) {
    document.getElementById('zf-editor-title').textContent = title;
    document.getElementById('zf-ed-text').textContent = rec.text;
    document.getElementById('zf-ed-span').textContent = '[' + rec.span.join(', ') + ']';
    document.getElementById('zf-ed-error').textContent = '';
    FIELDS_EDIT.forEach(function (k) {
      var v = rec[k];
      form.elements[k].value = v === null || v === undefined ? '' : String(v);
    });
    editing = {rec: rec, done: done};
    dlg.showModal();
    form.elements.entity.focus();
  }
  function readEditor() {
    var rec = {}, errs = [];
    FIELDS_EDIT.forEach(function (k) { rec[k] = form.elements[k].value.trim(); });
    var num = Number(rec.value.replace(/,/g, ''));
    if (rec.value === '' || !isFinite(num)) { errs.push('value: a number with multipliers applied (1085万 is 10850000)'); }
    rec.value = num;
    if (!rec.entity) { errs.push('entity: required'); }
    if (!rec.metric) { errs.push('metric: required'); }
    if (rec.date === '' || rec.date === 'null') { rec.date = null; }
    else if (!DATE_RE.test(rec.date)) { errs.push('date: YYYY, YYYY-MM, YYYY-MM-DD, YYYY-H1, YYYY-Q1 or A/B (empty: null)'); }
    return {rec: rec, errs: errs};
  }
  document.getElementById('zf-ed-save').addEventListener('click', function () {
    var r = readEditor();
    if (r.errs.length) { document.getElementById('zf-ed-error').textContent = r.errs.join('; '); return; }
    var rec = editing.rec;
    FIELDS_EDIT.forEach(function (k) { rec[k] = r.rec[k]; });
    dlg.close();
    editing.done(rec);
    editing = null;
  });
  document.getElementById('zf-ed-cancel').addEventListener('click', function () { dlg.close(); editing = null; });

  document.addEventListener('click', function (e) {
    var b = e.target.closest('button.rv');
    if (!b) { return; }
    var tr = b.closest('tr.row');
    var state = tr.getAttribute('data-review');
    if (b.classList.contains('acc')) { setReview(tr, state === 'accepted' ? 'pending' : (state === 'added' ? 'added' : 'accepted')); }
    else if (b.classList.contains('rej')) {
      if (state === 'added') { removeAdded(tr); return; }
      setReview(tr, state === 'rejected' ? 'pending' : 'rejected');
    } else {
      var id = tr.getAttribute('data-target');
      openEditor('edit fact', records[id], function (rec) {
        showRecord(tr, rec);
        setReview(tr, state === 'added' ? 'added' : 'edited');
      });
    }
  });
  function removeAdded(tr) {
    var el = document.getElementById(tr.getAttribute('data-target'));
    if (el && el.tagName === 'MARK') {
      while (el.firstChild) { el.parentNode.insertBefore(el.firstChild, el); }
      el.parentNode.removeChild(el);
    }
    delete records[tr.getAttribute('data-target')];
    tr.parentNode.removeChild(tr);
    count();
  }
  Array.prototype.forEach.call(document.querySelectorAll('button.accept-all'), function (b) {
    b.addEventListener('click', function () {
      var sec = b.closest('section.doc');
      Array.prototype.forEach.call(sec.querySelectorAll('tr.row[data-review="pending"]'), function (tr) {
        setReview(tr, 'accepted');
      });
    });
  });

  // adding a missed fact: select its figure in the original text
  var addBtn = document.getElementById('zf-add');
  var pending = null;  // {box, start, end, text, range}
  function selectionInText() {
    var sel = window.getSelection();
    if (!sel || sel.rangeCount === 0 || sel.isCollapsed) { return null; }
    var range = sel.getRangeAt(0);
    var box = range.startContainer.parentElement && range.startContainer.parentElement.closest('.doc-text.orig');
    var box2 = range.endContainer.parentElement && range.endContainer.parentElement.closest('.doc-text.orig');
    if (range.startContainer.nodeType === 1) { box = range.startContainer.closest('.doc-text.orig'); }
    if (range.endContainer.nodeType === 1) { box2 = range.endContainer.closest('.doc-text.orig'); }
    if (!box || box !== box2) { return null; }
    var before = document.createRange();
    before.setStart(box, 0);
    before.setEnd(range.startContainer, range.startOffset);
    var text = range.toString();  // carriage returns are in the DOM (&#13;): offsets are the original's
    var start = cpLen(before.toString());
    var lead = text.length - text.replace(/^\s+/, '').length;
    start += cpLen(text.slice(0, lead));
    text = text.trim();
    if (!text) { return null; }
    return {box: box, start: start, end: start + cpLen(text), text: text, range: range.cloneRange()};
  }
  document.addEventListener('mouseup', function (e) {
    if (e.target === addBtn) { return; }
    setTimeout(function () {
      pending = selectionInText();
      if (!pending) { addBtn.hidden = true; return; }
      var r = pending.range.getBoundingClientRect();
      addBtn.style.left = Math.min(window.innerWidth - 90, r.right + 4) + 'px';
      addBtn.style.top = Math.max(4, r.top - 30) + 'px';
      addBtn.hidden = false;
    }, 0);
  });
  function guess(text) {
    var m = /([0-9]+(?:\.[0-9]+)?)\s*(万亿|亿|万|千|百)?\s*(.*)$/.exec(text.replace(/,/g, ''));
    if (!m) { return {value: '', unit: ''}; }
    var mult = {'万亿': 1e12, '亿': 1e8, '万': 1e4, '千': 1e3, '百': 1e2}[m[2]] || 1;
    var v = Number(m[1]) * mult;
    return {value: Number(v.toPrecision(15)), unit: m[3].trim()};
  }
  addBtn.addEventListener('click', function () {
    var p = pending;
    addBtn.hidden = true;
    if (!p) { return; }
    var sec = p.box.closest('section.doc');
    var g = guess(p.text);
    var rec = {entity: '', metric: '', value: g.value, unit: g.unit, qualifier: '=', date: null, kind: 'actual',
               span: [p.start, p.end], text: p.text};
    openEditor('add a missed fact', rec, function (r) { addRow(sec, p, r); });
  });
  function addRow(sec, p, rec) {
    added += 1;
    var id = sec.id + '-a' + added;
    records[id] = rec;
    data[id] = {head: 'added fact', text: rec.text, span: rec.span};
    if (p.range) try {
      var mark = document.createElement('mark');
      mark.id = id;
      mark.className = 'hl k-' + rec.kind + ' added';
      mark.setAttribute('data-fact-id', sec.getAttribute('data-doc') + ':a' + added);
      p.range.surroundContents(mark);
    } catch (err) { /* the selection crosses a highlight: the row still records the span */ }
    var table = sec.querySelector('table.facts');
    var head = table.tHead.rows[0].cells;
    var tr = document.createElement('tr');
    tr.className = 'row added';
    tr.setAttribute('data-target', id);
    tr.tabIndex = 0;
    Array.prototype.forEach.call(head, function (th) {
      var td = tr.insertCell(), k = th.getAttribute('data-key');
      td.className = 'c-' + k;
      td.setAttribute('data-v', '');
      if (k === 'n') { td.textContent = '+' + added; td.setAttribute('data-v', String(rec.span[0])); }
      else if (k === 'review') { td.innerHTML = document.querySelector('td.c-review') ? document.querySelector('td.c-review').innerHTML : ''; }
      else if (k === 'text') { td.textContent = rec.text; }
      else if (k === 'status') { td.textContent = 'added'; }
    });
    showRecord(tr, rec);
    var none = table.tBodies[0].querySelector('tr.none');
    if (none) { none.hidden = true; }
    table.tBodies[0].appendChild(tr);
    setReview(tr, 'added');
    if (p.range) { window.getSelection().removeAllRanges(); }
  }

  // export: the accepted, edited and added facts as contract JSONL
  document.getElementById('zf-export').addEventListener('click', function () {
    var lines = [];
    Array.prototype.forEach.call(document.querySelectorAll('section.doc'), function (sec) {
      var rows = Array.prototype.slice.call(sec.querySelectorAll('tr.row'));
      var recs = [];
      rows.forEach(function (tr) {
        var st = tr.getAttribute('data-review');
        if (st !== 'accepted' && st !== 'edited' && st !== 'added') { return; }
        var rec = records[tr.getAttribute('data-target')];
        if (rec) { recs.push(rec); }
      });
      recs.sort(function (a, b) { return a.span[0] - b.span[0] || a.span[1] - b.span[1]; });
      recs.forEach(function (rec) {
        var out = {doc: docs[sec.id].doc};
        EXPORT_KEYS.forEach(function (k) { if (k !== 'doc') { out[k] = rec[k] === undefined ? null : rec[k]; } });
        if (out.unit === null) { out.unit = ''; }
        lines.push(JSON.stringify(out));
      });
    });
    var text = lines.length ? lines.join('\n') + '\n' : '';
    var box = document.getElementById('zf-export-box');
    document.getElementById('zf-export-text').value = text;
    box.hidden = false;
    var a = document.createElement('a');
    a.href = URL.createObjectURL(new Blob([text], {type: 'application/x-ndjson'}));
    a.download = 'corrections.jsonl';
    document.body.appendChild(a);
    a.click();
    setTimeout(function () { URL.revokeObjectURL(a.href); a.remove(); }, 0);
  });

  function restore() {
    var st = null;
    try { st = store && JSON.parse(store.getItem(storeKey) || 'null'); } catch (err) { st = null; }
    if (!st) { return; }
    restoring = true;
    Object.keys(st.rows || {}).forEach(function (id) {
      var tr = document.querySelector('tr.row[data-target="' + id + '"]'), v = st.rows[id];
      if (!tr || !records[id]) { return; }
      if (v.review === 'edited' && v.rec) { records[id] = v.rec; showRecord(tr, v.rec); }
      setReview(tr, v.review);
    });
    (st.added || []).forEach(function (a) {
      var sec = document.getElementById(a.section);
      if (sec && a.rec) { addRow(sec, {range: null}, a.rec); }
    });
    restoring = false;
    count();
  }
  restore();

  // the index filter and the original/normalized toggle
  document.getElementById('zf-only-warn').addEventListener('change', function (e) {
    document.body.classList.toggle('only-warn', e.target.checked);
  });
  Array.prototype.forEach.call(document.querySelectorAll('button.toggle-text'), function (b) {
    b.addEventListener('click', function () {
      var sec = b.closest('section.doc');
      var norm = b.getAttribute('aria-pressed') !== 'true';
      sec.querySelector('.doc-text.orig').hidden = norm;
      sec.querySelector('.doc-text.norm').hidden = !norm;
      b.setAttribute('aria-pressed', norm ? 'true' : 'false');
      b.textContent = norm ? 'show original text' : 'show normalized text';
    });
  });
})();
