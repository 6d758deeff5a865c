// The results view: the status line, the hits, the pager, the active filters and the facets.
// ---------- rendering ----------
function render(data) {
  view.lastData = data;
  const focusKey = document.activeElement && document.activeElement.dataset
    ? document.activeElement.dataset.focusKey : null;

  els.error.hidden = true;
  els.error.textContent = '';

  const total = data.total || 0;
  const stories = storyTotal(data);
  els.total.replaceChildren(
    data.total_exact === false ? 'About ' : '',
    el('strong', { text: fmtInt(stories === null ? total : stories) }),
    stories === null ? (total === 1 ? ' result' : ' results') : (stories === 1 ? ' story' : ' stories'),
    stories !== null && stories !== total ? ` (${fmtInt(total)} ${total === 1 ? 'article' : 'articles'})` : '',
    data.took_ms !== undefined ? ` (${fmtMs(data.took_ms)} ms)` : '');
  const unit = facetUnit(data);
  for (const n of document.querySelectorAll('.facet-unit')) {
    n.textContent = `· counts ${unit}`;
    n.dataset.unit = unit;
  }

  // Which words the results have, when not all of them (see "How a query matches"), with
  // the levels' own counts: never "no article" when some have every word.
  const relaxed = { most: 'most', any: 'some' }[data.matching];
  const all = data.all_words || 0;
  const have = all === 1 ? '1 article has' : `${fmtInt(all)} articles have`;
  els.matching.hidden = !relaxed && data.matching !== 'words';
  els.matching.textContent = data.matching === 'words'
    ? 'No article has the exact phrase as typed (or the query is long text): showing articles with its words, the phrase first where it occurs'
    : !relaxed ? ''
    : all > 0 ? `${have} all of these words; showing them first, then articles with ${relaxed} of them`
    : `No article has all of these words; showing articles with ${relaxed} of them`;

  if (data.did_you_mean) {
    els.dymLink.textContent = data.did_you_mean;
    els.dymLink.href = '?' + pageQuery(Object.assign({}, state, { q: data.did_you_mean, page: 1 }));
    els.dym.hidden = false;
  } else {
    els.dym.hidden = true;
  }

  // A filter value no article has: say so, with the closest known values (never a silent 0).
  const notices = data.notices || [];
  els.notices.textContent = notices.map((n) => n.charAt(0).toUpperCase() + n.slice(1) + '.').join(' ');
  els.notices.hidden = notices.length === 0;

  renderHits(data);
  renderPager(hitTotal(data));
  renderActiveFilters();
  const facets = data.facets || {};
  renderFacet('company', facets.company || []);
  renderFacet('topic', facets.topic || []);
  renderFacet('org', facets.org || []);
  renderFacet('place', facets.place || []);
  renderFacet('source', facets.source || []);
  // Organisations, places and sources show only when the archive has some (many corpora have none).
  els.orgGroup.hidden = !(facets.org && facets.org.length) && filterValues('org').length === 0;
  els.placeGroup.hidden = !(facets.place && facets.place.length) && filterValues('place').length === 0;
  els.sourceGroup.hidden = !(facets.source && facets.source.length) && filterValues('source').length === 0;
  renderChart(data);

  if (focusKey && document.activeElement === document.body) {
    const again = document.querySelector(`[data-focus-key="${CSS.escape(focusKey)}"]`);
    if (again && !again.disabled) {
      again.focus({ preventScroll: true });
    } else if (focusKey.startsWith('facet:')) {   // the value left the list: stay in its facet
      const box = document.getElementById('facet-' + focusKey.split(':')[1]);
      const first = box && box.querySelector('input, button');
      if (first) first.focus({ preventScroll: true });
    }
  }
}

function renderHits(data) {
  const hits = Array.isArray(data.hits) ? data.hits : [];
  const offset = data.offset || 0;
  els.results.start = offset + 1;
  const activeCompanies = filterValues('company');
  const activeTopics = filterValues('topic');
  const items = hits.map((h, i) => renderHit(h, offset + i + 1, activeCompanies, activeTopics));
  els.results.replaceChildren(...items);
  if (hits.length === 0) {
    els.noResults.replaceChildren(
      el('strong', { text: 'No articles match.' }), ' ',
      state.filters.length || state.from || state.to
        ? 'Try removing a filter or using fewer words.'
        : 'Try fewer or different words.');
    els.noResults.hidden = false;
  } else {
    els.noResults.hidden = true;
  }
}

function renderHit(h, position, activeCompanies, activeTopics) {
  const id = String(h.id);
  const titleId = `hit-title-${position}`;
  const readerId = `reader-${position}`;
  const li = el('li', { class: 'hit', 'data-id': id });
  const title = h.title && String(h.title).trim() ? String(h.title) : '(untitled)';
  const url = safeUrl(h.url);
  const readButtons = [];
  let titleNode;
  if (url) {
    titleNode = el('a', { href: url, id: titleId, rel: 'noopener noreferrer', target: '_blank', text: title });
  } else {
    titleNode = el('button', { type: 'button', class: 'linklike', id: titleId, 'aria-expanded': 'false', 'aria-controls': readerId, text: title });
    readButtons.push(titleNode);
  }
  li.append(el('h3', null, titleNode));

  const meta = el('div', { class: 'meta' });
  if (h.date) meta.append(el('time', { datetime: String(h.date).slice(0, 10), text: fmtDate(String(h.date)) }));
  else meta.append(el('span', { text: 'Undated' }));
  if (h.source) meta.append(el('span', { class: 'source', text: String(h.source) }));
  const companies = Array.isArray(h.companies) ? h.companies : [];
  const topics = Array.isArray(h.topics) ? h.topics : [];
  if (companies.length) {
    meta.append(el('ul', { class: 'chips companies', 'aria-label': 'Companies' },
      ...companies.map((c) => el('li', {
        class: 'chip' + (activeCompanies.some((a) => sameValue(a, String(c))) ? ' on' : ''),
        text: String(c),
      }))));
  }
  if (topics.length) {
    meta.append(el('ul', { class: 'chips topics', 'aria-label': 'Topics' },
      ...topics.map((t) => el('li', {
        class: 'chip' + (activeTopics.some((a) => sameValue(a, String(t))) ? ' on' : ''),
        text: String(t),
      }))));
  }
  li.append(meta);

  if (h.snippet) {
    const p = el('p', { class: 'snippet' });
    p.innerHTML = String(h.snippet);   // escaped by the server except for <mark>
    li.append(p);
  }

  const readBtn = el('button', { type: 'button', class: 'linklike', 'aria-expanded': 'false', 'aria-controls': readerId, text: 'Read article' });
  readButtons.push(readBtn);
  const reader = el('div', { class: 'reader', id: readerId, hidden: true });
  const actions = el('div', { class: 'hit-actions' }, readBtn);
  li.append(actions, reader);
  for (const b of readButtons) b.addEventListener('click', () => toggleReader(id, reader, readButtons, readBtn, url));

  // A collapsed hit stands for its story: "+ N more versions" lists the story's other articles.
  const story = h.story && typeof h.story === 'object' ? h.story : null;
  const size = story ? Number(story.size) : 0;
  if (story && story.id && Number.isInteger(size) && size > 1) {
    const versionsId = `versions-${position}`;
    const more = size - 1;
    const label = `+ ${fmtInt(more)} more ${more === 1 ? 'version' : 'versions'}`;
    const btn = el('button', {
      type: 'button', class: 'linklike more-versions', 'aria-expanded': 'false', 'aria-controls': versionsId,
      'data-focus-key': `versions:${id}`, text: label,
      title: Array.isArray(story.sources) && story.sources.length ? `Sources: ${story.sources.join(', ')}` : null,
    });
    const box = el('div', { class: 'versions', id: versionsId, hidden: true });
    actions.append(btn);
    li.append(box);
    btn.addEventListener('click', () => toggleVersions(String(story.id), id, box, btn, label, position));
  }
  return li;
}

function renderPager(total) {
  const last = Math.max(1, Math.min(Math.ceil(total / PAGE_SIZE), MAX_PAGE));
  view.lastPage = last;
  els.pager.hidden = last <= 1;
  els.prev.disabled = state.page <= 1;
  els.next.disabled = state.page >= last;
  const pages = new Set([1, last]);
  for (let p = state.page - 2; p <= state.page + 2; p++) if (p >= 1 && p <= last) pages.add(p);
  const sorted = [...pages].sort((a, b) => a - b);
  const items = [];
  let prev = 0;
  for (const p of sorted) {
    if (p - prev > 1) items.push(el('li', { class: 'gap', 'aria-hidden': 'true', text: '…' }));
    const far = Math.abs(p - state.page) === 2;
    items.push(el('li', null, el('button', {
      type: 'button', class: 'btn page-btn' + (far ? ' far' : ''), 'data-page': p,
      'aria-current': p === state.page ? 'page' : null,
      'aria-label': `Page ${p}` + (p === last ? ', last page' : ''), text: String(p),
    })));
    prev = p;
  }
  els.pageList.replaceChildren(...items);
}

function renderActiveFilters() {
  const chips = state.filters.map((f) => el('li', null, el('button', {
    type: 'button', class: 'chip-remove', 'data-remove-field': f.field, 'data-remove-value': f.value,
    'aria-label': `Remove filter ${describeFilter(f)}`,
  }, el('span', { text: describeFilter(f) }), el('span', { class: 'x', 'aria-hidden': 'true', text: '×' }))));
  if (state.from) chips.push(el('li', null, el('button', { type: 'button', class: 'chip-remove', 'data-remove-field': 'from', 'aria-label': `Remove start date ${state.from}` },
    el('span', { text: `From ${state.from}` }), el('span', { class: 'x', 'aria-hidden': 'true', text: '×' }))));
  if (state.to) chips.push(el('li', null, el('button', { type: 'button', class: 'chip-remove', 'data-remove-field': 'to', 'aria-label': `Remove end date ${state.to}` },
    el('span', { text: `To ${state.to}` }), el('span', { class: 'x', 'aria-hidden': 'true', text: '×' }))));
  if (chips.length > 1) chips.push(el('li', { class: 'clear-all' }, el('button', { type: 'button', class: 'linklike', id: 'clear-all', text: 'Clear all' })));
  els.active.replaceChildren(...chips);
  els.active.hidden = chips.length === 0;
  const n = state.filters.length + (state.from ? 1 : 0) + (state.to ? 1 : 0);
  els.filterCount.textContent = n ? `(${n} active)` : '';
}

function renderFacet(field, values) {
  const box = document.getElementById('facet-' + field);
  if (!box) return;
  // label: a company's name at the date of most counted articles (value is its filter key).
  const list = values.filter((v) => v && v.value !== undefined)
    .map((v) => ({ value: String(v.value), label: String(v.label || v.value), count: v.count }));
  // Active values always show, even when they fell out of the counted list.
  for (const a of filterValues(field).slice().reverse()) {
    if (!list.some((v) => sameValue(v.value, a))) list.unshift({ value: a, label: a, count: 0 });
  }
  if (list.length === 0) {
    box.replaceChildren(el('p', { class: 'facet-empty', text: 'No values for these results' }));
    return;
  }
  const expanded = !!view.expanded[field];
  const shown = list.filter((v, i) => expanded || i < FACET_SHOWN || hasFilter(field, v.value));
  const ul = el('ul', { class: 'facet-list' + (expanded && list.length > FACET_SHOWN ? ' expanded' : '') });
  for (const v of shown) {
    const input = el('input', {
      type: 'checkbox', 'data-field': field, 'data-value': v.value,
      'data-focus-key': `facet:${field}:${v.value}`,
    });
    input.checked = hasFilter(field, v.value);
    ul.append(el('li', null, el('label', null, input,
      el('span', { class: 'name', text: v.label }),
      el('span', { class: 'count', text: fmtInt(v.count || 0) }))));
  }
  const parts = [ul];
  if (list.length > FACET_SHOWN) {
    parts.push(el('button', {
      type: 'button', class: 'linklike more', 'data-expand': field, 'aria-expanded': String(expanded),
      'data-focus-key': `more:${field}`,
      text: expanded ? 'Show fewer' : list.length >= FACET_SIZE ? `Show top ${list.length}` : `Show all ${list.length}`,
    }));
  }
  box.replaceChildren(...parts);
}

