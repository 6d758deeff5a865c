// What every browser check shares: the command line, one line per check and the tally, and
// waits for the page to show the answer to its URL.

export const [baseArg, shotDir] = process.argv.slice(2);
if (!baseArg || !shotDir) {
  console.error('usage: node web_test.mjs BASE_URL SCREENSHOT_DIR');
  process.exit(2);
}
export const BASE = baseArg.endsWith('/') ? baseArg : baseArg + '/';
export const WAIT = 10_000;          // every single wait
export const OVERALL = 180_000;      // the whole run
export const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';

let passed = 0;
export let failed = 0;  // live: read by the caller when the run ends
export function report(name, ok, detail) {
  if (ok) passed++; else failed++;
  console.log(`${ok ? 'ok  ' : 'FAIL'} ${name}${detail ? ` (${detail})` : ''}`);
}
export function finish() {
  console.log(`web: ${passed} passed, ${failed} failed`);
}
// Runs one check: fn returns a detail string (pass) or throws (fail).
export async function check(name, fn) {
  try {
    const detail = await fn();
    report(name, true, typeof detail === 'string' ? detail : '');
    return true;
  } catch (e) {
    report(name, false, String((e && e.message) || e).split('\n')[0]);
    return false;
  }
}
export function assert(cond, message) {
  if (!cond) throw new Error(message);
}

// Waits until #results shows the answer for the page's current URL, and that URL holds
// every string in `needles`.
export async function waitRendered(page, needles = []) {
  await page.waitForFunction((n) => {
    const r = document.querySelector('#results');
    return !!r && n.every((s) => location.search.includes(s)) &&
      r.dataset.state !== 'loading' && r.dataset.rendered === location.search;
  }, needles, { timeout: WAIT });
}
export const hitIds = (page) => page.$$eval('#results .hit', (lis) => lis.map((li) => li.dataset.id));
export const totalNumber = async (page) => {
  const text = (await page.textContent('#total')) || '';
  const m = /[\d,]+/.exec(text);
  return { text: text.trim(), n: m ? Number(m[0].replace(/,/g, '')) : NaN };
};
