// Checks over the stories fixture (tests/e2e/web/stories.jsonl) and the archive's own values:
// collapsed stories, the organisation facet, alias filters, the article view and status lines.
import path from 'node:path';

import { BASE, WAIT, assert, check, hitIds, shotDir, totalNumber, waitRendered } from './harness.mjs';

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

export async function collapseChecks(page) {
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
export async function orgChecks(page) {
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

  await check('a company shows the name it had then, and its entry filters every era', async () => {
    // The sample's one 2015 Tesla article says "Tesla Motors" (the name until 2017).
    await page.goto(BASE + '?q=tesla&filter=year:2015', { waitUntil: 'domcontentloaded' });
    await waitRendered(page, ['filter=year:2015']);
    const entry = await page.$$eval('#facet-company li', (lis) => lis.map((li) => ({
      value: li.querySelector('input').dataset.value, name: li.querySelector('.name').textContent,
    })).find((e) => e.value === 'Tesla'));
    assert(entry && entry.name === 'Tesla Motors', `Tesla's entry: ${JSON.stringify(entry)}`);
    const chips = await page.$$eval('#results .hit', (hits) => hits.map((h) => h.textContent).filter((t) => t.includes('Tesla')));
    assert(chips.length > 0 && chips.every((t) => t.includes('Tesla Motors')), 'a 2015 hit does not show "Tesla Motors"');
    await page.goto(BASE + '?q=&filter=company:Tesla%20Motors', { waitUntil: 'domcontentloaded' });
    await waitRendered(page, ['filter=company:Tesla']);
    const { n } = await totalNumber(page);
    assert(n === 4, `company:Tesla Motors finds ${n} articles, not the 4 of every era`);
    return `${entry.name} for ${entry.value}; ${n} articles by its former name`;
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
