// The date chart: matches per year, or per month of one year, drawn from the date facets; a bar
// click filters by that year or month.
function chartMode() {
  if (view.chartMode !== 'auto') return view.chartMode;
  return filterValues('year').length === 1 ? 'month' : 'year';
}

function yearsOf(data) {
  return ((data && data.facets && data.facets.year) || [])
    .filter((v) => /^\d{4}$/.test(String(v.value)))
    .map((v) => ({ year: Number(v.value), count: v.count || 0 }))
    .sort((a, b) => a.year - b.year);
}

function renderChart(data) {
  const mode = chartMode();
  els.chartYears.setAttribute('aria-pressed', String(mode === 'year'));
  els.chartMonths.setAttribute('aria-pressed', String(mode === 'month'));
  if (mode === 'year') drawYears(data);
  else drawMonthsFor(data);
}

function drawYears(data) {
  const years = yearsOf(data);
  for (const y of filterValues('year')) {
    if (/^\d{4}$/.test(y) && !years.some((v) => v.year === Number(y))) years.push({ year: Number(y), count: 0 });
  }
  years.sort((a, b) => a.year - b.year);
  if (years.length === 0) {
    replaceChart(el('p', { class: 'chart-note', text: 'No dated articles in these results.' }));
    return;
  }
  let bars = years;
  const span = years[years.length - 1].year - years[0].year;
  if (span > 0 && span <= 40) {                       // a continuous axis, gaps as empty years
    bars = [];
    for (let y = years[0].year; y <= years[years.length - 1].year; y++) {
      const found = years.find((v) => v.year === y);
      bars.push(found || { year: y, count: 0 });
    }
  }
  const step = Math.max(1, Math.ceil(bars.length / 6));
  drawBars(bars.map((b, i) => ({
    field: 'year', value: String(b.year), count: b.count,
    name: String(b.year),
    label: i % step === 0 || i === bars.length - 1 && bars.length <= 6 ? String(b.year) : '',
  })), `${capitalised(facetUnit(data))} per year, ${bars[0].year} to ${bars[bars.length - 1].year}`);
}

function drawMonthsFor(data) {
  const years = yearsOf(data);
  const yearFilters = filterValues('year');
  const single = yearFilters.length === 1 && /^\d{4}$/.test(yearFilters[0]) ? Number(yearFilters[0]) : null;
  let focus = single;
  if (focus === null) {
    if (view.focusYear !== null && years.some((v) => v.year === view.focusYear)) focus = view.focusYear;
    else if (years.length) focus = years[years.length - 1].year;
  }
  if (focus === null) {
    replaceChart(el('p', { class: 'chart-note', text: 'No dated articles in these results.' }));
    return;
  }
  view.focusYear = focus;
  if (single !== null) {
    drawMonths(focus, (data.facets && data.facets.month) || [], null);
    return;
  }
  // Months of a year that is not a filter: ask for that year's month counts separately.
  const idx = years.findIndex((v) => v.year === focus);
  const nav = { prev: idx > 0 ? years[idx - 1].year : null, next: idx >= 0 && idx < years.length - 1 ? years[idx + 1].year : null };
  const mine = seq;
  const s = Object.assign({}, state, {
    filters: state.filters.filter((f) => f.field !== 'year').concat([{ field: 'year', value: String(focus) }]), page: 1,
  });
  drawMonths(focus, null, nav);
  getJson('/api/search?' + apiQuery(s, { limit: 0, offset: 0, facets: 'month', facetSize: 12 }), controller && controller.signal)
    .then((d) => { if (mine === seq && view.focusYear === focus) drawMonths(focus, (d.facets && d.facets.month) || [], nav); })
    .catch((e) => {
      if (mine === seq && !(e && e.name === 'AbortError')) {
        replaceChart(el('p', { class: 'chart-note', text: `Months could not be loaded: ${e.message}` }));
      }
    });
}

// Replaces the chart's content, keeping keyboard focus on the same control when it survives.
function replaceChart(...nodes) {
  const a = document.activeElement;
  const key = a && els.chart.contains(a) ? a.dataset.focusKey : null;
  els.chart.replaceChildren(...nodes);
  if (key) {
    const again = els.chart.querySelector(`[data-focus-key="${CSS.escape(key)}"]`);
    if (again && !again.disabled) again.focus({ preventScroll: true });
    else focusChartFallback();
  }
}
function focusChartFallback() {
  const b = els.chart.querySelector('.bar[aria-pressed="true"]') || els.chart.querySelector('button:not([disabled])');
  if (b) b.focus({ preventScroll: true });
}

function drawMonths(year, monthFacet, nav) {
  const head = [];
  if (nav) {
    head.push(el('div', { class: 'chart-nav' },
      el('button', { type: 'button', class: 'btn', 'data-focus-year': nav.prev ?? '', 'data-focus-key': 'focus:prev', 'aria-label': nav.prev ? `Show months of ${nav.prev}` : 'No earlier year', disabled: nav.prev === null, text: '‹' }),
      el('span', { text: `Months of ${year}` }),
      el('button', { type: 'button', class: 'btn', 'data-focus-year': nav.next ?? '', 'data-focus-key': 'focus:next', 'aria-label': nav.next ? `Show months of ${nav.next}` : 'No later year', disabled: nav.next === null, text: '›' })));
  } else {
    head.push(el('div', { class: 'chart-nav' }, el('span', { text: `Months of ${year}` })));
  }
  if (monthFacet === null) {
    replaceChart(...head, el('p', { class: 'chart-note', text: 'Loading…' }));
    return;
  }
  const counts = new Map(monthFacet.map((v) => [String(v.value), v.count || 0]));
  const bars = [];
  for (let m = 1; m <= 12; m++) {
    const value = `${year}-${String(m).padStart(2, '0')}`;
    bars.push({ field: 'month', value, count: counts.get(value) || 0, name: `${MONTH_NAMES[m - 1]} ${year}`, label: MONTH_NAMES[m - 1][0] });
  }
  drawBars(bars, `${capitalised(facetUnit(view.lastData))} per month in ${year}`, head);
}

function drawBars(bars, caption, head) {
  const max = Math.max(1, ...bars.map((b) => b.count));
  const anyActive = bars.some((b) => hasFilter(b.field, b.value));
  const list = el('ul', { class: 'bars' + (anyActive ? ' has-active' : ''), 'aria-label': caption });
  const labels = el('ul', { class: 'bar-labels', 'aria-hidden': 'true' });
  for (const b of bars) {
    const active = hasFilter(b.field, b.value);
    const pct = b.count > 0 ? Math.max(3, Math.round((b.count / max) * 100)) : 0;
    const fill = el('span', { class: 'fill' });
    fill.style.height = pct + '%';
    const btn = el('button', {
      type: 'button', class: 'bar', 'data-field': b.field, 'data-value': b.value,
      'data-focus-key': `bar:${b.field}:${b.value}`,
      'aria-pressed': String(active), 'aria-label': `${b.name}: ${fmtInt(b.count)} ${unitWord(b.count)}`,
      title: `${b.name}: ${fmtInt(b.count)}`, disabled: b.count === 0 && !active,
    }, fill);
    list.append(el('li', null, btn));
    labels.append(el('li', { text: b.label }));
  }
  replaceChart(...(head || []), list, labels);
}

