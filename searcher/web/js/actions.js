// Actions: what clicks, keys, the form and Back do, then start-up (the last lines of the script).
function toggleFilter(field, value) {
  if (hasFilter(field, value)) state.filters = state.filters.filter((f) => !(f.field === field && sameValue(f.value, value)));
  else state.filters = state.filters.concat([{ field, value }]);
  state.page = 1;
  go('push');
}

els.form.addEventListener('submit', (e) => {
  e.preventDefault();
  state.q = els.q.value.trim();
  state.page = 1;
  go('push');
});
els.q.addEventListener('input', () => {
  const q = els.q.value.trim();
  if (q === state.q) { clearTimeout(debounceTimer); return; }
  state.q = q;
  state.page = 1;
  scheduleSearch();
});
els.recent.addEventListener('change', () => {
  state.recent = els.recent.checked;
  state.page = 1;
  go('push');
});
els.collapse.addEventListener('change', () => {
  state.collapse = els.collapse.checked;
  state.page = 1;
  go('push');
});
els.sort.addEventListener('change', () => {
  state.sort = SORTS.includes(els.sort.value) ? els.sort.value : 'relevance';
  state.page = 1;
  go('push');
});
for (const [input, key] of [[els.from, 'from'], [els.to, 'to']]) {
  input.addEventListener('change', () => {
    if (input.value === state[key]) return;
    if (input.value && !/^\d{4}-\d{2}-\d{2}$/.test(input.value)) return;
    state[key] = input.value;
    state.page = 1;
    go('push');
  });
}

// Facet checkboxes, "show all", chart bars and month navigation, by delegation.
document.querySelector('.filters').addEventListener('change', (e) => {
  const t = e.target;
  if (t.matches('input[type="checkbox"][data-field]')) toggleFilter(t.dataset.field, t.dataset.value);
});
document.querySelector('.filters').addEventListener('click', (e) => {
  const expand = e.target.closest('[data-expand]');
  if (expand) {
    const field = expand.dataset.expand;
    view.expanded[field] = !view.expanded[field];
    if (view.lastData) renderFacet(field, (view.lastData.facets && view.lastData.facets[field]) || []);
    const again = document.querySelector(`[data-expand="${field}"]`);
    if (again) again.focus();
    return;
  }
  const bar = e.target.closest('button.bar');
  if (bar && !bar.disabled) { toggleFilter(bar.dataset.field, bar.dataset.value); return; }
  const step = e.target.closest('[data-focus-year]');
  if (step && step.dataset.focusYear) {
    view.focusYear = Number(step.dataset.focusYear);
    if (view.lastData) {
      renderChart(view.lastData);
      const again = document.querySelector(`[data-focus-key="${step.dataset.focusKey}"]`);
      if (again && !again.disabled) again.focus();
    }
  }
});
els.chartYears.addEventListener('click', () => {
  view.chartMode = 'year';
  if (view.lastData) renderChart(view.lastData);
});
els.chartMonths.addEventListener('click', () => {
  view.chartMode = 'month';
  if (view.lastData) {
    if (filterValues('year').length === 1 && !(view.lastData.facets && view.lastData.facets.month)) go('none');
    else renderChart(view.lastData);
  }
});

els.active.addEventListener('click', (e) => {
  const b = e.target.closest('button');
  if (!b) return;
  if (b.id === 'clear-all') {
    state.filters = [];
    state.from = '';
    state.to = '';
  } else if (b.dataset.removeField === 'from' || b.dataset.removeField === 'to') {
    state[b.dataset.removeField] = '';
  } else {
    const field = b.dataset.removeField;
    const value = b.dataset.removeValue;
    state.filters = state.filters.filter((f) => !(f.field === field && sameValue(f.value, value)));
  }
  state.page = 1;
  syncControls();
  go('push', () => {
    const next = els.active.querySelector('button') || els.q;
    next.focus();
  });
});

els.dymLink.addEventListener('click', (e) => {
  e.preventDefault();
  state.q = els.dymLink.textContent;
  state.page = 1;
  syncControls();
  go('push');
});

function goToPage(p) {
  const page = Math.max(1, Math.min(p, view.lastPage, MAX_PAGE));
  if (page === state.page) return;
  state.page = page;
  go('push', () => {
    els.heading.focus({ preventScroll: true });
    els.heading.parentElement.scrollIntoView({ block: 'start' });
  });
}
els.prev.addEventListener('click', () => goToPage(state.page - 1));
els.next.addEventListener('click', () => goToPage(state.page + 1));
els.pageList.addEventListener('click', (e) => {
  const b = e.target.closest('button[data-page]');
  if (b) goToPage(Number(b.dataset.page));
});

window.addEventListener('popstate', () => {
  state = readUrl();
  syncControls();
  go('none');
});

// "/" focuses the search box unless the user is typing somewhere else.
document.addEventListener('keydown', (e) => {
  if (e.key !== '/' || e.ctrlKey || e.metaKey || e.altKey || e.defaultPrevented) return;
  const t = e.target;
  const typing = t && (t.isContentEditable || t.tagName === 'TEXTAREA' || t.tagName === 'SELECT' ||
    (t.tagName === 'INPUT' && !['checkbox', 'radio', 'button', 'submit', 'reset'].includes(t.type)));
  if (typing) return;
  e.preventDefault();
  els.q.focus();
  els.q.select();
});

// The filters stay open beside the results on wide screens and fold above them on phones.
const narrow = window.matchMedia('(max-width: 760px)');
const fitPanel = () => { els.panel.open = !narrow.matches; };
fitPanel();
if (narrow.addEventListener) narrow.addEventListener('change', fitPanel);

async function loadStats() {
  try {
    const s = await getJson('/api/stats');
    const n = s.total_documents;
    const y1 = s.date_min ? String(s.date_min).slice(0, 4) : '';
    const y2 = s.date_max ? String(s.date_max).slice(0, 4) : '';
    let text = typeof n === 'number' ? `${fmtInt(n)} ${n === 1 ? 'article' : 'articles'}` : '';
    if (y1 && y2) text += y1 === y2 ? `, ${y1}` : `, ${y1}–${y2}`;
    els.stats.textContent = text;
    // The placeholder's example is this archive's most frequent company, not a fixed word.
    const top = s.fields && s.fields.company && s.fields.company.top && s.fields.company.top[0];
    if (top && top.value) els.q.placeholder = `Search news, e.g. ${top.value}`;
  } catch {
    els.stats.textContent = '';
  }
}

state = readUrl();
syncControls();
loadStats();
go('none');
