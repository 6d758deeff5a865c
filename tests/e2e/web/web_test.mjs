// Browser end-to-end test of the Newsdex web page served by `newsdex serve`.
// Usage: node web_test.mjs BASE_URL SCREENSHOT_DIR
// Drives Debian's chromium (/usr/bin/chromium, or $CHROMIUM) through playwright-core; no
// browser is downloaded. Prints one line per check, then `web: N passed, M failed`.
import { chromium } from 'playwright-core';
import { mkdirSync } from 'node:fs';
import path from 'node:path';

const [baseArg, shotDir] = process.argv.slice(2);
if (!baseArg || !shotDir) {
  console.error('usage: node web_test.mjs BASE_URL SCREENSHOT_DIR');
  process.exit(2);
}
const BASE = baseArg.endsWith('/') ? baseArg : baseArg + '/';
const WAIT = 10_000;          // every single wait
const OVERALL = 180_000;      // the whole run
const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';

let passed = 0;
let failed = 0;
function report(name, ok, detail) {
  if (ok) passed++; else failed++;
  console.log(`${ok ? 'ok  ' : 'FAIL'} ${name}${detail ? ` (${detail})` : ''}`);
}
function finish() {
  console.log(`web: ${passed} passed, ${failed} failed`);
}
// Runs one check: fn returns a detail string (pass) or throws (fail).
async function check(name, fn) {
  try {
    const detail = await fn();
    report(name, true, typeof detail === 'string' ? detail : '');
    return true;
  } catch (e) {
    report(name, false, String((e && e.message) || e).split('\n')[0]);
    return false;
  }
}
function assert(cond, message) {
  if (!cond) throw new Error(message);
}

const watchdog = setTimeout(() => {
  report('the whole run finished in time', false, `still running after ${OVERALL / 1000} s`);
  finish();
  process.exit(1);
}, OVERALL);

// Waits until #results shows the answer for the page's current URL, and that URL holds
// every string in `needles`.
async function waitRendered(page, needles = []) {
  await page.waitForFunction((n) => {
    const r = document.querySelector('#results');
    return !!r && n.every((s) => location.search.includes(s)) &&
      r.dataset.state !== 'loading' && r.dataset.rendered === location.search;
  }, needles, { timeout: WAIT });
}
const hitIds = (page) => page.$$eval('#results .hit', (lis) => lis.map((li) => li.dataset.id));
const totalNumber = async (page) => {
  const text = (await page.textContent('#total')) || '';
  const m = /[\d,]+/.exec(text);
  return { text: text.trim(), n: m ? Number(m[0].replace(/,/g, '')) : NaN };
};

// Stories and organisations, over tests/e2e/web/stories.jsonl (indexed beside the sample by
// web_test.sh): four copies of one OPEC wire story on one day (one title carries markup that must
// show as text) and a World Bank article. collapseChecks needs the collapse API
// (`collapse=story`, `story` on hits, `total_stories`, `facet_count`).
const OPEC_COPIES = ['wire-opec-1', 'wire-opec-2', 'wire-opec-3', 'wire-opec-4'];
const facetCount = (page, field, value) => page.$eval(`#facet-${field}`, (box, v) => {
  const input = [...box.querySelectorAll('input[type="checkbox"]')].find((i) => i.dataset.value === v);
  return input ? Number(input.closest('label').querySelector('.count').textContent.replace(/,/g, '')) : null;
}, value);
const facetUnits = (page) => page.$$eval('.facet-unit', (ns) => [...new Set(ns.map((n) => n.textContent.trim()))]);

async function collapseChecks(page) {
  await page.setViewportSize({ width: 1280, height: 900 });
  const trendsCalls = [];
  page.on('request', (r) => { if (r.url().includes('/api/trends/')) trendsCalls.push(r.url()); });
  await check('stories: collapsed by default, one hit for four copies with "+ 3 more versions"', async () => {
    await page.goto(BASE + '?q=opec', { waitUntil: 'domcontentloaded' });
    await waitRendered(page, ['q=opec']);
    assert(!page.url().includes('collapse='), `the default URL names the switch: ${page.url()}`);
    assert(await page.isChecked('#collapse'), 'the switch is off by default');
    const ids = await hitIds(page);
    const copies = ids.filter((id) => OPEC_COPIES.includes(id));
    assert(copies.length === 1, `${copies.length} copies among the hits: ${ids.join(', ')}`);
    const more = (await page.textContent(`#results .hit[data-id="${copies[0]}"] .more-versions`) || '').trim();
    assert(more === '+ 3 more versions', `the expander says "${more}"`);
    const { text } = await totalNumber(page);
    assert(/^1 story \(4 articles\)/.test(text), `#total reads "${text}"`);
    for (let t = 0; t < WAIT / 100 && trendsCalls.length < 2; t++) await page.waitForTimeout(100);
    assert(trendsCalls.length > 0 && trendsCalls.every((u) => u.includes('count=stories')), `trends asked: ${trendsCalls[0]}`);
    return `${copies[0]}; ${text}`;
  });

  await check('stories: the facets say they count stories, and count the story once', async () => {
    const units = await facetUnits(page);
    assert(units.length === 1 && units[0] === '· counts stories', `labels: ${units.join(' | ')}`);
    const n = await facetCount(page, 'org', 'OPEC');
    assert(n === 1, `OPEC counts ${n}`);
    return units[0];
  });

  await check('stories: the expander lists the other versions, markup as text, and closes again', async () => {
    const hit = page.locator('#results .hit').filter({ has: page.locator('.more-versions') }).first();
    const hitId = await hit.getAttribute('data-id');
    await hit.locator('.more-versions').click();
    const box = hit.locator('.versions');
    await box.locator('li.version').first().waitFor({ state: 'visible' });
    const versions = await box.locator('li.version').evaluateAll((lis) => lis.map((li) => ({
      id: li.dataset.id, title: li.querySelector('button').textContent,
      date: li.querySelector('time') ? li.querySelector('time').getAttribute('datetime') : '',
      source: li.querySelector('.source') ? li.querySelector('.source').textContent : '',
    })));
    const listed = versions.map((v) => v.id).sort();
    const expected = OPEC_COPIES.filter((id) => id !== hitId);
    assert(JSON.stringify(listed) === JSON.stringify(expected), `listed ${listed.join(', ')}`);
    assert(versions.every((v) => v.date === '2016-11-30' && v.source && v.title), 'a version lacks date, source or title');
    // The title with markup is the hit's or a version's: either way it shows as text.
    const titles = await page.$$eval('#results .hit h3, #results li.version > button', (ns) => ns.map((n) => n.textContent));
    assert(titles.some((t) => t.includes('<img src=x onerror=')), 'the title with markup is not shown as text');
    assert((await page.$$('#results img')).length === 0, 'markup in a title became an element');
    assert(!(await page.evaluate(() => window.__pwned)), 'markup in a title ran');
    const toggle = hit.locator('.more-versions');
    assert((await toggle.getAttribute('aria-expanded')) === 'true', 'aria-expanded is not true');
    // A version opens its text as a hit does.
    const first = box.locator('li.version').first();
    await first.locator('button').click();
    await first.locator('.reader p:not(.byline)').first().waitFor({ state: 'visible' });
    const reader = await first.locator('.reader').textContent();
    assert(/1\.2 million barrels/.test(reader), `the version's text: ${reader.slice(0, 80)}`);
    await page.screenshot({ path: path.join(shotDir, 'stories.png'), fullPage: true });
    await toggle.click();
    assert(await box.isHidden(), 'clicking again did not close the list');
    assert((await toggle.textContent()).trim() === '+ 3 more versions', 'the expander did not come back');
    return `${versions.length} versions: ${versions.map((v) => `${v.date} ${v.source}`).join('; ')}`;
  });

  await check('stories: the switch turns collapsing off, shows every copy, and the facets count articles', async () => {
    trendsCalls.length = 0;
    await page.uncheck('#collapse');
    await waitRendered(page, ['collapse=off']);
    const ids = await hitIds(page);
    const copies = ids.filter((id) => OPEC_COPIES.includes(id)).sort();
    assert(JSON.stringify(copies) === JSON.stringify(OPEC_COPIES), `copies shown: ${copies.join(', ')}`);
    assert((await page.$$('#results .more-versions')).length === 0, 'an expander shows while not collapsed');
    const units = await facetUnits(page);
    assert(units.length === 1 && units[0] === '· counts articles', `labels: ${units.join(' | ')}`);
    const n = await facetCount(page, 'org', 'OPEC');
    assert(n === 4, `OPEC counts ${n}`);
    // The surging list asks twice (companies, topics) after each search.
    for (let t = 0; t < WAIT / 100 && trendsCalls.length < 2; t++) await page.waitForTimeout(100);
    assert(trendsCalls.length > 0 && !trendsCalls.some((u) => u.includes('count=stories')), `trends asked: ${trendsCalls.join(' ')}`);
    return `${ids.length} hits`;
  });

  await check('stories: reload and Back keep the switch', async () => {
    await page.reload({ waitUntil: 'domcontentloaded' });
    await waitRendered(page, ['collapse=off']);
    assert(!(await page.isChecked('#collapse')), 'the switch is on after a reload');
    assert((await hitIds(page)).filter((id) => OPEC_COPIES.includes(id)).length === 4, 'not every copy after a reload');
    await page.goBack();
    await page.waitForFunction(() => !location.search.includes('collapse='), null, { timeout: WAIT });
    await waitRendered(page, ['q=opec']);
    assert(await page.isChecked('#collapse'), 'the switch is off after Back');
    assert((await hitIds(page)).filter((id) => OPEC_COPIES.includes(id)).length === 1, 'Back did not collapse');
    return '';
  });

  await check('stories: a hostile collapse value in the URL leaves grouping on and the page working', async () => {
    await page.goto(BASE + '?q=opec&collapse=%3Cimg%20src%3Dx%3E%22', { waitUntil: 'domcontentloaded' });
    await waitRendered(page, ['q=opec']);
    assert(await page.isChecked('#collapse'), 'the switch is off');
    assert(await page.isHidden('#error'), `error: ${await page.textContent('#error')}`);
    const copies = (await hitIds(page)).filter((id) => OPEC_COPIES.includes(id));
    assert(copies.length === 1, `${copies.length} copies shown`);
    return '';
  });
}

// The organisation facet lists the fixture's organisations and filters by one.
async function orgChecks(page) {
  await check('the search box suggests the archive\'s own most frequent company', async () => {
    await page.goto(BASE, { waitUntil: 'domcontentloaded' });
    const stats = await (await fetch(BASE + 'api/stats')).json();
    const top = stats.fields.company.top[0].value;
    await page.waitForFunction((t) => document.querySelector('#q').placeholder.includes(t), top, { timeout: WAIT });
    return await page.getAttribute('#q', 'placeholder');
  });

  await check('a filter typed as an alias shows, ticked, the company it filters by', async () => {
    await page.goto(BASE + '?q=&filter=company:MS', { waitUntil: 'domcontentloaded' });
    await waitRendered(page, ['filter=company:Microsoft']);
    const ticked = await page.$$eval('#facet-company input[type="checkbox"]:checked', (xs) => xs.map((x) => x.dataset.value));
    assert(ticked.length === 1 && ticked[0] === 'Microsoft', `ticked: ${JSON.stringify(ticked)}`);
    const alias = await page.$$eval('#facet-company input[type="checkbox"]', (xs) => xs.filter((x) => x.dataset.value === 'MS').length);
    assert(alias === 0, 'an "MS" entry is still listed');
    const { n } = await totalNumber(page);
    assert(n > 0, `no articles for Microsoft: ${n}`);
    return `ticked ${ticked[0]}, ${n} articles`;
  });

  await check('the article view keeps a wire story\'s paragraphs (an indented line starts one)', async () => {
    await page.goto(BASE + '?q=bahia%20cocoa', { waitUntil: 'domcontentloaded' });
    await waitRendered(page, ['q=bahia']);
    const hit = page.locator('#results .hit').first();
    await hit.locator('button.linklike', { hasText: 'Read article' }).click();
    await hit.locator('.reader p:not(.byline)').first().waitFor({ state: 'visible' });
    const paras = (await hit.locator('.reader p:not(.byline)').allTextContents()).filter((t) => !/^Open the original/.test(t));
    assert(paras.length === 4, `${paras.length} paragraphs: ${JSON.stringify(paras).slice(0, 160)}`);
    assert(paras[0].startsWith('Showers continued through the week in the Bahia cocoa zone'), `first: ${paras[0].slice(0, 80)}`);
    return `${paras.length} paragraphs`;
  });

  await check('every status line is grammatical and true, on every kind of answer', async () => {
    const urls = ['?q=opec', '?q=opec&collapse=off', '?q=samsung%20ai', '?q=', '?q=bahia%20cocoa',
      '?q=samsung%20xyzzyqq', '?q=xyzzyqq', '?q=&filter=company:MS', '?q=&filter=topic:Earnigs'];
    const seen = [];
    for (const u of urls) {
      await page.goto(BASE + u, { waitUntil: 'domcontentloaded' });
      await page.waitForFunction(() => {
        const r = document.querySelector('#results');
        return r && r.dataset.state !== 'loading' && r.dataset.rendered === location.search;
      }, null, { timeout: WAIT });
      const lines = await page.$$eval('#total, #matching:not([hidden]), #notices:not([hidden]), #no-results:not([hidden]), .more-versions',
        (ns) => ns.map((n) => n.textContent.replace(/\s+/g, ' ').trim()).filter(Boolean));
      const { n } = await totalNumber(page);
      const api = await (await fetch(BASE + 'api/search' + u + '&limit=1')).json();
      const someHaveAll = api.matching === 'all' ? api.total > 0 : (api.all_words || 0) > 0;
      for (const line of lines) {
        assert(!/(^|[^\d,])1 (matches|articles|stories|versions|copies|have)\b/.test(line), `${u}: "${line}"`);
        assert(!/\b0 before\b/.test(line), `${u}: "${line}"`);
        // "No article has all of these words" only when none has them all; no other "No article"
        // when some match.
        if (/\bNo article has all\b/.test(line)) assert(!someHaveAll, `${u}: some have all, but "${line}"`);
        else if (n > 0) assert(!/\bNo article\b/.test(line), `${u}: ${n} found but "${line}"`);
      }
      seen.push(...lines);
    }
    return `${seen.length} lines read on ${urls.length} answers`;
  });

  await check('the org facet shows organisations and filters by one', async () => {
    await page.goto(BASE + '?q=', { waitUntil: 'domcontentloaded' });
    await waitRendered(page);
    assert(await page.isVisible('#org-group'), 'the organisation facet is hidden');
    const names = await page.$$eval('#facet-org input', (is) => is.map((i) => i.dataset.value));
    assert(names.includes('OPEC') && names.includes('World Bank'), `values: ${names.join(', ')}`);
    await page.locator('#facet-org input[data-value="World Bank"]').click();
    await waitRendered(page, ['filter=org']);
    const params = new URL(page.url()).searchParams;
    assert(params.getAll('filter').includes('org:World Bank'), `URL: ${page.url()}`);
    const ids = await hitIds(page);
    assert(JSON.stringify(ids) === JSON.stringify(['wb-lending-1']), `hits: ${ids.join(', ')}`);
    assert(await page.isChecked('#facet-org input[data-value="World Bank"]'), 'the box is not checked');
    const chip = (await page.textContent('#active-filters')).trim();
    assert(chip.includes('Organisation: World Bank'), `active filters: ${chip}`);
    return names.join(', ');
  });
}

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
