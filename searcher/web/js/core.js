// Core of the page's script: constants, the search state and its URL form, helpers, and
// the search request. See README.md for how the script's files are joined.
const PAGE_SIZE = 10;
const MAX_WINDOW = 10000;                 // the server's bound on offset + limit
const MAX_PAGE = Math.floor(MAX_WINDOW / PAGE_SIZE);
const FACET_SIZE = 100;                   // values fetched per facet
const FACET_SHOWN = 8;                    // values shown before "Show all"
const DEBOUNCE_MS = 250;
const SORTS = ['relevance', 'date', '-date'];
const RECENCY_HALF_LIFE = '30d';  // the "Prefer recent" switch: an article a month old counts half
const LABELS = { company: 'Company', org: 'Organisation', place: 'Place', topic: 'Topic', year: 'Year', month: 'Month', source: 'Source' };
const MONTH_NAMES = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August',
  'September', 'October', 'November', 'December'];

const $ = (sel) => document.querySelector(sel);
const els = {
  form: $('#search-form'), q: $('#q'), stats: $('#stats'), sort: $('#sort'), total: $('#total'),
  recent: $('#recent'), collapse: $('#collapse'), matching: $('#matching'),
  error: $('#error'), dym: $('#did-you-mean'), dymLink: $('#dym-link'), notices: $('#notices'), active: $('#active-filters'),
  results: $('#results'), noResults: $('#no-results'), pager: $('#pager'), pageList: $('#page-list'),
  prev: $('#prev-page'), next: $('#next-page'), chart: $('#year-chart'), from: $('#from'), to: $('#to'),
  chartYears: $('#chart-years'), chartMonths: $('#chart-months'), panel: $('#filters-panel'),
  filterCount: $('#filter-count'), heading: $('#results-heading'), sourceGroup: $('#source-group'),
  orgGroup: $('#org-group'), placeGroup: $('#place-group'),
};

// The whole search state; it round-trips through the URL's query string.
// collapse: one hit per story (the default; `collapse=off` in the URL turns it off).
let state = { q: '', filters: [], sort: 'relevance', page: 1, from: '', to: '', recent: false, collapse: true };
// View-only state, not in the URL.
const view = { chartMode: 'auto', focusYear: null, expanded: {}, lastData: null, lastPage: 1 };

let seq = 0;            // id of the newest search; older answers are dropped
let controller = null;  // aborts the request in flight when a newer one starts
let debounceTimer = 0;

// ---------- helpers ----------
function el(tag, attrs, ...children) {
  const node = document.createElement(tag);
  if (attrs) {
    for (const [k, v] of Object.entries(attrs)) {
      if (v === null || v === undefined || v === false) continue;
      if (k === 'text') node.textContent = v;
      else if (k === 'class') node.className = v;
      else node.setAttribute(k, v === true ? '' : String(v));
    }
  }
  for (const c of children) if (c !== null && c !== undefined) node.append(c);
  return node;
}
const enc = (s) => encodeURIComponent(s).replace(/%3A/gi, ':').replace(/%2C/gi, ',');
const fmtInt = (n) => Number(n).toLocaleString('en-US');
const sameValue = (a, b) => a.toLowerCase() === b.toLowerCase();
const hasFilter = (field, value) => state.filters.some((f) => f.field === field && sameValue(f.value, value));
// What a page of hits counts: stories when the search asked for collapse=story, else articles.
const storyTotal = (data) => (state.collapse && typeof data.total_stories === 'number' ? data.total_stories : null);
const hitTotal = (data) => (storyTotal(data) === null ? data.total : storyTotal(data)) || 0;
const facetUnit = (data) => (data && data.facet_count === 'stories' ? 'stories' : 'articles');
const filterValues = (field) => state.filters.filter((f) => f.field === field).map((f) => f.value);

const capitalised = (w) => w.charAt(0).toUpperCase() + w.slice(1);
const UNIT_ONE = { stories: 'story', articles: 'article' };
const unitWord = (n) => (n === 1 ? UNIT_ONE[facetUnit(view.lastData)] : facetUnit(view.lastData));
function fmtMs(ms) {
  if (typeof ms !== 'number' || !isFinite(ms)) return '';
  if (ms < 1) return ms.toFixed(2);
  if (ms < 100) return ms.toFixed(1);
  return String(Math.round(ms));
}
function fmtDate(d) {
  if (!d) return '';
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(d);
  if (!m) return d;
  const month = MONTH_NAMES[Number(m[2]) - 1];
  return month ? `${Number(m[3])} ${month.slice(0, 3)} ${m[1]}` : d;
}
function safeUrl(u) {
  if (typeof u !== 'string' || !u) return null;
  try {
    const parsed = new URL(u, location.href);
    return parsed.protocol === 'http:' || parsed.protocol === 'https:' ? parsed.href : null;
  } catch { return null; }
}
function describeFilter(f) {
  if (f.field === 'month') {
    const m = /^(\d{4})-(\d{2})$/.exec(f.value);
    if (m && MONTH_NAMES[Number(m[2]) - 1]) return `${MONTH_NAMES[Number(m[2]) - 1]} ${m[1]}`;
  }
  return `${LABELS[f.field] || f.field}: ${f.value}`;
}

// ---------- URL <-> state ----------
function readUrl() {
  const p = new URLSearchParams(location.search);
  const filters = [];
  for (const raw of p.getAll('filter')) {
    const i = raw.search(/[:=]/);
    if (i <= 0 || i === raw.length - 1) continue;
    const field = raw.slice(0, i).trim().toLowerCase();
    const value = raw.slice(i + 1).trim();
    if (field && value && !filters.some((f) => f.field === field && sameValue(f.value, value))) {
      filters.push({ field, value });
    }
  }
  let page = parseInt(p.get('page') || '1', 10);
  if (!Number.isFinite(page) || page < 1) page = 1;
  const sort = SORTS.includes(p.get('sort')) ? p.get('sort') : 'relevance';
  return {
    q: p.get('q') || '', filters, sort, page: Math.min(page, MAX_PAGE),
    from: p.get('from') || '', to: p.get('to') || '', recent: p.get('recent') === '1',
    collapse: p.get('collapse') !== 'off',
    // The trends view's own state (its script reads it from the URL).
    trends: p.get('trends') || '', interval: p.get('interval') || '', surging: p.get('surging') || '',
  };
}
function pageQuery(s) {
  const parts = [];
  if (s.q) parts.push('q=' + enc(s.q));
  for (const f of s.filters) parts.push('filter=' + enc(`${f.field}:${f.value}`));
  if (s.from) parts.push('from=' + enc(s.from));
  if (s.to) parts.push('to=' + enc(s.to));
  if (s.sort !== 'relevance') parts.push('sort=' + enc(s.sort));
  if (s.recent) parts.push('recent=1');
  if (!s.collapse) parts.push('collapse=off');
  if (s.page > 1) parts.push('page=' + s.page);
  for (const k of ['trends', 'interval', 'surging']) if (s[k]) parts.push(k + '=' + enc(s[k]));
  return parts.join('&');
}
function apiQuery(s, opts) {
  const o = Object.assign({ limit: PAGE_SIZE, offset: (s.page - 1) * PAGE_SIZE, facets: null, facetSize: FACET_SIZE }, opts);
  const parts = ['q=' + enc(s.q)];
  for (const f of s.filters) parts.push('filter=' + enc(`${f.field}:${f.value}`));
  if (s.from) parts.push('from=' + enc(s.from));
  if (s.to) parts.push('to=' + enc(s.to));
  parts.push('sort=' + enc(s.sort), 'limit=' + o.limit, 'offset=' + o.offset);
  if (s.recent) parts.push('recency=' + RECENCY_HALF_LIFE);
  if (s.collapse) parts.push('collapse=story');
  parts.push('facets=' + enc(o.facets), 'facet_size=' + o.facetSize);
  return parts.join('&');
}
function syncControls() {
  if (els.q.value !== state.q) els.q.value = state.q;
  els.sort.value = state.sort;
  els.recent.checked = state.recent;
  els.collapse.checked = state.collapse;
  els.from.value = state.from;
  els.to.value = state.to;
}

// ---------- networking ----------
async function getJson(url, signal) {
  let res;
  try {
    res = await fetch(url, { signal, headers: { Accept: 'application/json' } });
  } catch (e) {
    if (e && e.name === 'AbortError') throw e;
    throw new Error('The search server could not be reached. Is it still running?');
  }
  let body = null;
  try { body = await res.json(); } catch { body = null; }
  if (!res.ok) {
    const msg = body && body.error && body.error.message ? body.error.message : `The server answered ${res.status}.`;
    const err = new Error(msg);
    err.status = res.status;
    throw err;
  }
  if (!body || typeof body !== 'object') throw new Error('The server sent an answer that could not be read.');
  return body;
}

// ---------- searching ----------
function scheduleSearch() {
  clearTimeout(debounceTimer);
  debounceTimer = setTimeout(() => go('replace'), DEBOUNCE_MS);
}
// Records the state in the URL (push: a deliberate action; replace: typing; none: already there)
// and runs the search.
function go(historyMode, after) {
  clearTimeout(debounceTimer);
  const qs = pageQuery(state);
  const url = location.pathname + (qs ? '?' + qs : '');
  if (historyMode !== 'none' && url !== location.pathname + location.search) {
    if (historyMode === 'push') history.pushState(null, '', url);
    else history.replaceState(null, '', url);
  }
  document.title = state.q ? `${state.q} – Newsdex` : 'Newsdex';
  return runSearch(after);
}

async function runSearch(after) {
  const mine = ++seq;
  if (controller) controller.abort();
  controller = new AbortController();
  const key = location.search;
  els.results.dataset.state = 'loading';
  els.results.setAttribute('aria-busy', 'true');
  const facets = ['company', 'org', 'place', 'topic', 'year', 'source'];
  if (filterValues('year').length === 1) facets.push('month');
  try {
    const data = await getJson('/api/search?' + apiQuery(state, { facets: facets.join(',') }), controller.signal);
    if (mine !== seq) return;
    // A filter typed as an alias (company=GM) is shown, ticked, as the value it filters by.
    const renamed = (data.filters || []).filter((f) => f.as && f.as !== f.value);
    if (renamed.length) {
      state.filters = state.filters.map((f) => {
        const r = renamed.find((x) => x.field === f.field && x.value === f.value);
        return r ? { field: f.field, value: r.as } : f;
      }).filter((f, i, all) => all.findIndex((g) => g.field === f.field && g.value === f.value) === i);
      go('replace', after);
      return;
    }
    const lastPage = Math.max(1, Math.min(Math.ceil(hitTotal(data) / PAGE_SIZE), MAX_PAGE));
    if (state.page > lastPage && hitTotal(data) > 0) {   // a page past the end: show the last one
      state.page = lastPage;
      go('replace', after);
      return;
    }
    render(data);
    els.results.dataset.rendered = key;
    els.results.dataset.state = 'ready';
    els.results.removeAttribute('aria-busy');
    if (after) after();
  } catch (e) {
    if ((e && e.name === 'AbortError') || mine !== seq) return;
    showError(e.message || String(e));
    els.results.dataset.rendered = key;
    els.results.dataset.state = 'error';
    els.results.removeAttribute('aria-busy');
  }
}

function showError(message) {
  els.error.replaceChildren(el('strong', { text: 'That search could not be run: ' }), message);
  els.error.hidden = false;
  els.results.replaceChildren();
  els.noResults.hidden = true;
  els.pager.hidden = true;
  els.dym.hidden = true;
  els.matching.hidden = true;
  els.total.textContent = 'No results';
  renderActiveFilters();
}

