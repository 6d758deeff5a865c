// The trends view (searcher/trends.h): a line chart of the top values over time for the current
// query and filters (/api/trends/series), and the companies and topics surging in the archive's
// last week, month or year (/api/trends/surging), each with a sparkline. Clicking a value filters.
// Its state (trends, interval, surging) lives in the URL with the rest; it redraws after every
// search the main script renders.
(() => {
  'use strict';
  const COLORS = ['#245fa8', '#c2571a', '#2f8a4c', '#8a3fa8', '#b3245b', '#6b7a1f'];
  const SPAN_DAYS = { week: 7, month: 30, year: 365 };
  const LABEL = { company: 'Companies', topic: 'Topics' };
  const SVG = 'http://www.w3.org/2000/svg';
  const chart = document.getElementById('trends-chart');
  const list = document.getElementById('surging-list');
  const note = document.getElementById('surging-note');
  const intervalSel = document.getElementById('trends-interval');
  let newest = null;  // the archive's newest date (/api/stats)
  let seq = 0;        // newest refresh; older answers are dropped

  const here = () => new URLSearchParams(location.search);
  // The current search's q and filters, as the API takes them; while results are grouped by
  // story (no collapse=off), trends count stories too.
  function matchParams(p) {
    const out = new URLSearchParams();
    out.set('q', p.get('q') || '');
    for (const f of p.getAll('filter')) out.append('filter', f);
    if (p.get('collapse') !== 'off') out.set('count', 'stories');
    return out;
  }
  // Changes the URL, then lets the main script read it and search (as Back does).
  function navigate(change) {
    const p = here();
    change(p);
    history.pushState(null, '', location.pathname + '?' + p.toString());
    window.dispatchEvent(new PopStateEvent('popstate'));
  }
  function addFilter(field, value) {
    navigate((p) => {
      p.delete('page');
      const f = `${field}:${value}`;
      if (!p.getAll('filter').includes(f)) p.append('filter', f);
    });
  }
  async function getJson(url) {
    const res = await fetch(url, { headers: { Accept: 'application/json' } });
    const body = await res.json().catch(() => null);
    if (!res.ok) throw new Error(body && body.error ? body.error.message : `The server answered ${res.status}.`);
    return body;
  }
  function svg(tag, attrs, text) {
    const n = document.createElementNS(SVG, tag);
    for (const [k, v] of Object.entries(attrs)) n.setAttribute(k, String(v));
    if (text !== undefined) n.textContent = text;
    return n;
  }
  // label: a company's name at the date of most counted articles (value filters all its names).
  function valueButton(field, value, color, extra, label) {
    const b = document.createElement('button');
    b.type = 'button';
    b.dataset.field = field;
    b.dataset.value = value;
    b.title = `Filter by ${label || value}`;
    if (color) {
      const sw = document.createElement('span');
      sw.className = 'swatch';
      sw.style.background = color;
      b.append(sw);
    }
    b.append((label || value) + (extra || ''));
    b.addEventListener('click', () => addFilter(field, value));
    return b;
  }

  // ---------- the chart ----------
  function drawSeries(data) {
    const W = 720, H = 200, L = 40, R = 10, T = 10, B = 24;
    const n = data.buckets.length;
    const lines = data.series.slice(0, COLORS.length);
    if (!n || !lines.length) {
      chart.replaceChildren(Object.assign(document.createElement('p'), { className: 'surging-note', textContent: 'No values to chart for this search.' }));
      return;
    }
    const max = Math.max(1, ...lines.flatMap((l) => l.counts));
    const x = (i) => L + (n === 1 ? (W - L - R) / 2 : (i * (W - L - R)) / (n - 1));
    const y = (c) => T + (H - T - B) * (1 - c / max);
    const root = svg('svg', { viewBox: `0 0 ${W} ${H}`, role: 'img',
      'aria-label': `${LABEL[data.field] || data.field} by ${data.interval}, ${data.from} to ${data.to}` });
    root.append(svg('line', { class: 'axis', x1: L, y1: H - B, x2: W - R, y2: H - B }));
    root.append(svg('line', { class: 'axis', x1: L, y1: T, x2: L, y2: H - B }));
    root.append(svg('text', { x: L - 4, y: T + 8, 'text-anchor': 'end' }, String(max)));
    root.append(svg('text', { x: L - 4, y: H - B, 'text-anchor': 'end' }, '0'));
    const ticks = n === 1 ? [0] : [0, Math.floor((n - 1) / 2), n - 1];
    for (const i of ticks) {
      root.append(svg('text', { x: x(i), y: H - 6, 'text-anchor': i === 0 ? 'start' : i === n - 1 ? 'end' : 'middle' }, data.buckets[i]));
    }
    // Buckets in which the archive holds no article at all are shaded and break the lines: a
    // zero there means "not in the archive", not "not mentioned".
    const gaps = new Set(data.gaps || []);
    const half = n === 1 ? (W - L - R) / 2 : (W - L - R) / (n - 1) / 2;
    for (const i of gaps) {
      const x0 = Math.max(L, x(i) - half), x1 = Math.min(W - R, x(i) + half);
      const rect = svg('rect', { class: 'gap', x: x0.toFixed(1), y: T, width: (x1 - x0).toFixed(1), height: H - T - B });
      rect.append(svg('title', {}, `${data.buckets[i]}: no articles in the archive`));
      root.append(rect);
    }
    if (gaps.size) root.append(svg('text', { class: 'gap-note', x: W - R, y: T + 8, 'text-anchor': 'end' }, 'shaded: no articles in the archive'));
    lines.forEach((line, k) => {
      let run = [];  // consecutive buckets outside the gaps: one polyline each
      const flush = () => {
        if (!run.length) return;
        if (run.length === 1) run.push(run[0]);  // a lone bucket: a dot (round caps)
        const poly = svg('polyline', { points: run.join(' '), fill: 'none', stroke: COLORS[k], 'stroke-width': 2, 'stroke-linecap': 'round', 'data-value': line.value });
        poly.append(svg('title', {}, `${line.label || line.value}: ${line.total} matches`));
        root.append(poly);
        run = [];
      };
      line.counts.forEach((c, i) => {
        if (gaps.has(i)) flush();
        else run.push(`${x(i).toFixed(1)},${y(c).toFixed(1)}`);
      });
      flush();
    });
    const legend = document.createElement('ul');
    legend.className = 'trends-legend';
    lines.forEach((line, k) => {
      const li = document.createElement('li');
      li.append(valueButton(data.field, line.value, COLORS[k], ` (${line.total.toLocaleString('en-US')})`, line.label));
      legend.append(li);
    });
    chart.replaceChildren(root, legend);
  }

  // ---------- the surging list ----------
  function sparkline(counts) {
    const W = 64, H = 16, max = Math.max(1, ...counts), n = counts.length;
    const pts = counts.map((c, i) => `${(n === 1 ? W / 2 : (i * W) / (n - 1)).toFixed(1)},${(H - 1 - ((H - 2) * c) / max).toFixed(1)}`).join(' ');
    const root = svg('svg', { width: W, height: H, viewBox: `0 0 ${W} ${H}`, 'aria-hidden': 'true' });
    root.append(svg('polyline', { class: 'spark', points: pts }));
    return root;
  }
  async function surging(p, span) {
    if (!newest) newest = (await getJson('/api/stats')).date_max;
    if (!newest) return { note: 'No dated articles.', items: [] };
    const to = new Date(newest + 'T00:00:00Z');
    const from = new Date(to.getTime() - (SPAN_DAYS[span] - 1) * 86400000);
    const range = from.toISOString().slice(0, 10) + '..' + newest;
    const items = [];
    let notice = '', floor = '';
    for (const field of ['company', 'topic']) {
      const q = matchParams(p);
      q.set('field', field);
      q.set('window', range);
      q.set('min_count', '2');
      q.set('top', '5');
      const data = await getJson('/api/trends/surging?' + q.toString());
      for (const v of data.values) items.push({ field, v });
      if (data.notices && data.notices.length) notice = data.notices[0];
      floor = data.min_score;
    }
    // The server lists only significant rises, and none when the period before holds no article.
    if (notice) return { note: notice.charAt(0).toUpperCase() + notice.slice(1) + '.', items };
    return { note: `Last ${span} of the archive (${range.replace('..', ' to ')}) against the ${span} before; rises with G² ≥ ${floor} (p < 0.001) only`, items };
  }
  function drawSurging(result) {
    note.textContent = result.note;
    list.replaceChildren(...result.items.map(({ field, v }) => {
      const li = document.createElement('li');
      li.append(valueButton(field, v.value, undefined, undefined, v.label), sparkline(v.sparkline));
      const small = document.createElement('small');
      small.textContent = `${field === 'topic' ? 'topic · ' : ''}${v.count} vs ${v.baseline_count} before · G² ${v.score}`;
      li.append(small);
      return li;
    }));
    if (!result.items.length) list.append(Object.assign(document.createElement('li'), { textContent: 'Nothing surging.' }));
  }

  // ---------- state ----------
  async function refresh() {
    const mine = ++seq;
    const p = here();
    const field = ['company', 'topic'].includes(p.get('trends')) ? p.get('trends') : '';
    const interval = ['day', 'week', 'month', 'year'].includes(p.get('interval')) ? p.get('interval') : 'month';
    const span = SPAN_DAYS[p.get('surging')] ? p.get('surging') : 'week';
    for (const b of document.querySelectorAll('[data-trends]')) b.setAttribute('aria-pressed', String(b.dataset.trends === field));
    for (const b of document.querySelectorAll('[data-surging]')) b.setAttribute('aria-pressed', String(b.dataset.surging === span));
    intervalSel.value = interval;
    intervalSel.hidden = !field;
    list.dataset.state = 'loading';
    chart.dataset.state = field ? 'loading' : 'off';
    if (!field) chart.replaceChildren();
    try {
      const s = await surging(p, span);
      if (mine !== seq) return;
      drawSurging(s);
      list.dataset.state = 'ready';
    } catch (e) {
      if (mine !== seq) return;
      note.textContent = e.message;
      list.replaceChildren();
      list.dataset.state = 'error';
    }
    if (!field) return;
    try {
      const q = matchParams(p);
      if (p.get('from')) q.set('from', p.get('from'));
      if (p.get('to')) q.set('to', p.get('to'));
      q.set('field', field);
      q.set('interval', interval);
      q.set('top', '6');
      const data = await getJson('/api/trends/series?' + q.toString());
      if (mine !== seq) return;
      drawSeries(data);
      chart.dataset.state = 'ready';
    } catch (e) {
      if (mine !== seq) return;
      chart.replaceChildren(Object.assign(document.createElement('p'), { className: 'surging-note', textContent: e.message }));
      chart.dataset.state = 'error';
    }
  }

  for (const b of document.querySelectorAll('[data-trends]')) {
    b.addEventListener('click', () => navigate((p) => { if (b.dataset.trends) p.set('trends', b.dataset.trends); else p.delete('trends'); }));
  }
  for (const b of document.querySelectorAll('[data-surging]')) {
    b.addEventListener('click', () => navigate((p) => p.set('surging', b.dataset.surging)));
  }
  intervalSel.addEventListener('change', () => navigate((p) => p.set('interval', intervalSel.value)));
  // The main script marks #results with the URL it rendered: redraw after each search.
  new MutationObserver(refresh).observe(document.getElementById('results'), { attributes: true, attributeFilter: ['data-rendered'] });
})();
