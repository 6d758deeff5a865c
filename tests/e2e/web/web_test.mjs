// Browser end-to-end test of the Newsdex web page served by `newsdex serve`.
// Usage: node web_test.mjs BASE_URL SCREENSHOT_DIR
// Drives Debian's chromium (/usr/bin/chromium, or $CHROMIUM) through playwright-core; no
// browser is downloaded. Prints one line per check, then `web: N passed, M failed`.
import { chromium } from 'playwright-core';
import { mkdirSync } from 'node:fs';
import path from 'node:path';

import { BASE, CHROMIUM, OVERALL, WAIT, assert, check, failed, finish, hitIds, report, shotDir, totalNumber, waitRendered } from './harness.mjs';
import { collapseChecks, orgChecks } from './story_checks.mjs';

const watchdog = setTimeout(() => {
  report('the whole run finished in time', false, `still running after ${OVERALL / 1000} s`);
  finish();
  process.exit(1);
}, OVERALL);

let browser;
try {
  mkdirSync(shotDir, { recursive: true });
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    timeout: 30_000,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  page.setDefaultTimeout(WAIT);
  page.setDefaultNavigationTimeout(WAIT);

  const jsErrors = [];
  page.on('pageerror', (e) => jsErrors.push(`page error: ${e.message}`));
  page.on('console', (m) => {
    // A 400 answer to a malformed query is logged as a failed resource load: expected.
    if (m.type() === 'error' && !/Failed to load resource/.test(m.text())) jsErrors.push(`console: ${m.text()}`);
  });
  let apiSearches = 0;
  page.on('request', (r) => { if (r.url().includes('/api/search')) apiSearches++; });

  const loaded = await check('page loads with a search box', async () => {
    const res = await page.goto(BASE, { waitUntil: 'domcontentloaded' });
    assert(res && res.ok(), `GET / answered ${res && res.status()}`);
    await page.waitForSelector('#q', { state: 'visible' });
    await waitRendered(page);
    const label = await page.$eval('#q', (q) => (q.labels && q.labels.length) || q.getAttribute('aria-label') ? 'labelled' : '');
    assert(label, '#q has no label');
    return await page.title();
  });
  if (!loaded) throw new Error('the page did not load, so the other checks were not run');

  await check('typing "samsung" shows hits', async () => {
    await page.click('#q');
    apiSearches = 0;
    await page.keyboard.type('samsung', { delay: 40 });
    await waitRendered(page, ['q=samsung']);
    const n = (await hitIds(page)).length;
    assert(n > 0, 'no .hit items');
    return `${n} hits on the page`;
  });

  await check('search as you type is debounced', async () => {
    assert(apiSearches >= 1 && apiSearches <= 3, `${apiSearches} searches for 7 keystrokes`);
    return `${apiSearches} search request(s) for 7 keystrokes`;
  });

  await check('#total shows a positive number', async () => {
    const { text, n } = await totalNumber(page);
    assert(n > 0, `#total reads "${text}"`);
    return text;
  });

  await check('the first hit has a highlighted <mark> in its snippet', async () => {
    const marks = await page.$$eval('#results .hit:first-child mark', (ms) => ms.map((m) => m.textContent));
    assert(marks.length > 0, 'no <mark> in the first hit');
    return `marks: ${marks.slice(0, 3).join(', ')}`;
  });

  let company = '';
  let firstHitFiltered = '';
  await check('clicking the first company facet filters the results', async () => {
    const box = page.locator('#facet-company input[type="checkbox"][data-field="company"]').first();
    await box.waitFor({ state: 'visible' });
    company = (await box.getAttribute('data-value')) || '';
    assert(company, 'the first company checkbox has no data-value');
    await box.click();
    await waitRendered(page, ['filter=company']);
    const url = page.url();
    assert(url.includes('filter=company'), `URL lacks filter=company: ${url}`);
    assert(url.includes('q=samsung'), `URL lacks q=samsung: ${url}`);
    firstHitFiltered = (await hitIds(page))[0] || '';
    assert(firstHitFiltered, 'no hits after filtering');
    return `${company}; ${url.slice(url.indexOf('?'))}`;
  });

  await check('every hit lists the filtered company', async () => {
    const lists = await page.$$eval('#results .hit', (lis) => lis.map((li) => ({
      id: li.dataset.id,
      companies: [...li.querySelectorAll('.companies .chip')].map((c) => c.textContent.trim()),
    })));
    assert(lists.length > 0, 'no hits');
    const bad = lists.filter((h) => !h.companies.some((c) => c.toLowerCase() === company.toLowerCase()));
    assert(bad.length === 0, `${bad.length} hit(s) without ${company}, e.g. ${bad[0] && bad[0].id}`);
    return `${lists.length} hits`;
  });

  await check('reloading the URL restores the search', async () => {
    await page.reload({ waitUntil: 'domcontentloaded' });
    await waitRendered(page, ['filter=company', 'q=samsung']);
    const q = await page.inputValue('#q');
    assert(q === 'samsung', `#q is "${q}"`);
    const checked = await page.$eval('#facet-company', (box, value) => {
      const input = [...box.querySelectorAll('input[data-field="company"]')].find((i) => i.dataset.value === value);
      return !!input && input.checked;
    }, company);
    assert(checked, `the ${company} checkbox is not checked`);
    const first = (await hitIds(page))[0];
    assert(first === firstHitFiltered, `first hit ${first}, before ${firstHitFiltered}`);
    return 'query, checkbox and first hit';
  });

  await check('sorting by date puts the newest first', async () => {
    await page.selectOption('#sort', 'date');
    await waitRendered(page, ['sort=date']);
    const dates = await page.$$eval('#results .hit time[datetime]', (ts) => ts.map((t) => t.getAttribute('datetime')));
    assert(dates.length > 1, `only ${dates.length} dated hits`);
    for (let i = 1; i < dates.length; i++) {
      assert(dates[i - 1] >= dates[i], `${dates[i - 1]} before ${dates[i]}`);
    }
    return `${dates[0]} … ${dates[dates.length - 1]}`;
  });

  await check('next page and browser back', async () => {
    const next = page.locator('#next-page');
    if (!(await next.isVisible()) || (await next.isDisabled())) return 'skipped: a single page of results';
    const before = await hitIds(page);
    await next.click();
    await waitRendered(page, ['page=2']);
    const after = await hitIds(page);
    assert(after.length > 0 && after[0] !== before[0], 'page 2 shows the same first hit');
    await page.goBack();
    await waitRendered(page);
    assert(!page.url().includes('page=2'), `back left ${page.url()}`);
    const again = await hitIds(page);
    assert(again[0] === before[0], 'back did not restore page 1');
    return 'page 2 differs, back restores page 1';
  });

  await check('desktop screenshot', async () => {
    const file = path.join(shotDir, 'desktop.png');
    await page.screenshot({ path: file, fullPage: true });
    return file;
  });

  await check('a 375 px wide viewport has no horizontal scroll', async () => {
    await page.setViewportSize({ width: 375, height: 812 });
    await page.waitForFunction(() => window.innerWidth === 375, null, { timeout: WAIT });
    const widths = await page.evaluate(() => ({
      doc: document.documentElement.scrollWidth, body: document.body.scrollWidth,
    }));
    assert(widths.doc <= 375, `scrollWidth is ${widths.doc}`);
    return `scrollWidth ${widths.doc}`;
  });

  await check('phone screenshots', async () => {
    const file = path.join(shotDir, 'phone.png');
    await page.screenshot({ path: file, fullPage: true });
    const summary = page.locator('#filters-panel > summary');
    if (await summary.isVisible()) {
      await summary.click();
      await page.screenshot({ path: path.join(shotDir, 'phone-filters.png'), fullPage: false });
      const wide = await page.evaluate(() => document.documentElement.scrollWidth);
      assert(wide <= 375, `with the filters open, scrollWidth is ${wide}`);
      await summary.click();
    }
    return file;
  });

  await check('"/" focuses the search box', async () => {
    await page.evaluate(() => { if (document.activeElement) document.activeElement.blur(); });
    await page.keyboard.press('/');
    const focused = await page.evaluate(() => document.activeElement && document.activeElement.id);
    assert(focused === 'q', `focus is on "${focused}"`);
    const value = await page.inputValue('#q');
    assert(!value.includes('/'), `the "/" was typed into the box: "${value}"`);
    return 'focused';
  });

  await check('words no article has together: the page says it shows articles with fewer', async () => {
    await page.fill('#q', 'samsung microsoft xyzzyplugh');
    await waitRendered(page, ['xyzzyplugh']);
    await page.waitForSelector('#matching', { state: 'visible', timeout: WAIT });
    const text = (await page.textContent('#matching')).trim();
    assert(/^No article has all of these words; showing articles with (most|some) of them$/.test(text),
      `#matching says "${text}"`);
    assert((await hitIds(page)).length > 0, 'no hits');
    await page.fill('#q', 'samsung');
    await page.waitForFunction(() => !location.search.includes('xyzzyplugh'), null, { timeout: WAIT });
    await waitRendered(page, ['q=samsung']);
    assert(await page.isHidden('#matching'), 'the message stays for a query all hits match');
    return text;
  });

  await check('some articles have every word: the page says how many, never "no article"', async () => {
    await page.fill('#q', 'samsung ai');
    await waitRendered(page, ['samsung', 'ai']);
    const api = await (await fetch(BASE + 'api/search?q=samsung+ai')).json();
    await page.waitForSelector('#matching', { state: 'visible', timeout: WAIT });
    const text = (await page.textContent('#matching')).trim();
    if (api.matching === 'all') return `all words answer (${api.total})`;
    assert(api.all_words > 0, `all_words ${api.all_words}`);
    // (The page collapses stories, so its count can be below the flat API's.)
    assert(/^[1-9]\d* articles? ha(s|ve) all of these words; showing them first, then/.test(text),
      `#matching says "${text}"`);
    return text;
  });

  await check('a quoted phrase no article has: the page shows articles with its words', async () => {
    await page.fill('#q', 'samsung "memory chips xyzzyplugh"');
    await waitRendered(page, ['xyzzyplugh']);
    await page.waitForSelector('#matching', { state: 'visible', timeout: WAIT });
    const text = (await page.textContent('#matching')).trim();
    assert(text.startsWith('No article has the exact phrase'), `#matching says "${text}"`);
    assert((await hitIds(page)).length > 0, 'no hits');
    return text;
  });

  await check('"Prefer recent" asks for recency and is kept in the URL', async () => {
    await page.check('#recent');
    await waitRendered(page, ['recent=1']);
    assert((await hitIds(page)).length > 0, 'no hits with recency');
    await page.uncheck('#recent');
    await page.waitForFunction(() => !location.search.includes('recent=1'), null, { timeout: WAIT });
    return 'ok';
  });

  await check('a malformed query shows an error', async () => {
    await page.fill('#q', 'date:2018-13-45..');
    await page.waitForSelector('#error', { state: 'visible' });
    await page.waitForFunction(() => document.querySelector('#error').textContent.trim().length > 0, null, { timeout: WAIT });
    const text = (await page.textContent('#error')).trim();
    const role = await page.getAttribute('#error', 'role');
    assert(role === 'alert', `#error has role ${role}`);
    await page.screenshot({ path: path.join(shotDir, 'phone-error.png') });
    return text;
  });

  // The trends view: a chart of the top companies over time and the surging list, state in the URL.
  await page.setViewportSize({ width: 1280, height: 900 });
  const trendsReady = () => page.waitForFunction(() => {
    const c = document.querySelector('#trends-chart');
    const l = document.querySelector('#surging-list');
    return c && l && c.dataset.state !== 'loading' && l.dataset.state !== 'loading' &&
      document.querySelector('#results').dataset.rendered === location.search;
  }, null, { timeout: WAIT });
  await check('the trends view charts the top companies from the URL', async () => {
    await page.goto(BASE + '?q=samsung&trends=company&interval=year&surging=year', { waitUntil: 'domcontentloaded' });
    await trendsReady();
    const state = await page.getAttribute('#trends-chart', 'data-state');
    assert(state === 'ready', `chart state ${state}: ${await page.textContent('#trends-chart')}`);
    const lines = await page.$$eval('#trends-chart polyline', (ps) => ps.map((p) => p.dataset.value));
    assert(lines.length > 0, 'no lines drawn');
    assert(lines.includes('Samsung Electronics'), `lines: ${lines.join(', ')}`);
    const pressed = await page.getAttribute('[data-trends="company"]', 'aria-pressed');
    assert(pressed === 'true', 'the Companies button is not pressed');
    assert((await page.inputValue('#trends-interval')) === 'year', 'the interval is not "year"');
    return lines.join(', ');
  });
  await check('the surging list shows significant values with sparklines, or says why there are none', async () => {
    const state = await page.getAttribute('#surging-list', 'data-state');
    assert(state === 'ready', `surging state ${state}: ${await page.textContent('#surging-note')}`);
    const items = await page.$$eval('#surging-list li', (lis) => lis.map((li) => ({
      value: li.querySelector('button') ? li.querySelector('button').dataset.value : '',
      spark: !!li.querySelector('svg polyline'),
    })));
    assert(items.length > 0, 'the list is empty');
    const withValues = items.filter((i) => i.value);
    assert(withValues.every((i) => i.spark), 'a surging value has no sparkline');
    // Only significant rises are listed (the sample's 72 articles have none): the page must
    // then say that nothing surges, and why.
    const note = await page.textContent('#surging-note');
    if (!withValues.length) {
      assert((await page.textContent('#surging-list')).includes('Nothing surging'), 'no values and no "Nothing surging"');
      assert(note.includes('G² ≥ 10.83') || note.includes('no articles in the period before'), `the note does not say why: ${note}`);
    }
    return `${withValues.length} values; ${note}`;
  });
  await check('gaps in the archive are shaded and break the lines, not drawn as zeros', async () => {
    await page.goto(BASE + '?q=&trends=topic&interval=month', { waitUntil: 'domcontentloaded' });
    await trendsReady();
    const gaps = await page.$$eval('#trends-chart rect.gap', (rs) => rs.map((r) => r.textContent));
    assert(gaps.length > 0, 'the sample has months without articles, but no gap is shaded');
    assert(gaps.every((t) => t.includes('no articles in the archive')), `gap titles: ${gaps.slice(0, 3).join('; ')}`);
    const lines = await page.$$eval('#trends-chart polyline', (ps) => ps.map((p) => p.dataset.value));
    const first = lines[0];
    assert(lines.filter((v) => v === first).length > 1, `the line of ${first} is not broken at the gaps`);
    await page.goto(BASE + '?q=samsung&trends=company&interval=year&surging=year', { waitUntil: 'domcontentloaded' });
    await trendsReady();
    return `${gaps.length} gap months`;
  });
  await check('trends screenshot', async () => {
    const file = path.join(shotDir, 'trends.png');
    await page.screenshot({ path: file, fullPage: true });
    return file;
  });
  await check('clicking a chart legend value filters, and the chart follows', async () => {
    const value = await page.getAttribute('.trends-legend li:last-child button', 'data-value');
    await page.click('.trends-legend li:last-child button');
    await page.waitForFunction((v) => new URLSearchParams(location.search).getAll('filter').includes('company:' + v), value, { timeout: WAIT });
    await trendsReady();
    const lines = await page.$$eval('#trends-chart polyline', (ps) => ps.map((p) => p.dataset.value));
    assert(lines.includes(value), `the filtered company ${value} is not charted: ${lines.join(', ')}`);
    const params = new URL(page.url()).searchParams;
    assert(params.get('trends') === 'company' && params.get('interval') === 'year', `state lost: ${page.url()}`);
    return value;
  });
  await check('switching the trends off hides the chart and keeps the search', async () => {
    await page.click('[data-trends=""]');
    await page.waitForFunction(() => !new URLSearchParams(location.search).has('trends'), null, { timeout: WAIT });
    await trendsReady();
    assert((await page.getAttribute('#trends-chart', 'data-state')) === 'off', 'the chart is still on');
    assert(new URL(page.url()).searchParams.get('q') === 'samsung', 'the query was lost');
    return '';
  });

  await collapseChecks(page);
  await orgChecks(page);

  await check('no JavaScript errors', async () => {
    assert(jsErrors.length === 0, jsErrors.join(' | '));
    return '';
  });

  await context.close();
} catch (e) {
  report('the test ran to its end', false, String((e && e.message) || e).split('\n')[0]);
} finally {
  if (browser) await browser.close().catch(() => {});
  clearTimeout(watchdog);
  finish();
  process.exitCode = failed > 0 ? 1 : 0;
}
