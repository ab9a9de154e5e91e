// The web console end to end (issue 12, item 6), in Debian's chromium driven by playwright-core:
// a sandbox `mediagate serve` with an admin token; sign in; one good and one badly signed VOD
// request on the vendor listener, and the refused one in the journal with its reason and the
// server's canonical string; the signature workbench; a request from the API explorer; the
// clock moved; the data browser. Screenshots go to the artifacts folder.
//   node console_test.mjs MEDIAGATE_BINARY SOURCE_DIR ARTIFACTS_DIR
// Bounded: every wait has a timeout, and the whole run stops itself after 120 s.
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, mkdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import assert from 'node:assert/strict';
import { chromium } from 'playwright-core';

const [binary, source, artifacts] = process.argv.slice(2);
if (!binary || !source || !artifacts) {
  console.error('usage: node console_test.mjs MEDIAGATE_BINARY SOURCE_DIR ARTIFACTS_DIR');
  process.exit(2);
}
const TOKEN = 'console-test-token-0123456789';
const VOD_USER = 'b0f7041324';
const VOD_SECRET = 'tIQp4ATe9Z';
const WAIT = { timeout: 15000 };

const results = [];
let server = null;
let browser = null;
const directory = mkdtempSync(join(tmpdir(), 'mediagate-console-'));
mkdirSync(artifacts, { recursive: true });

const deadline = setTimeout(() => {
  console.error('console_test: gave up after 120 s');
  cleanup().finally(() => process.exit(1));
}, 120000);

async function cleanup() {
  if (browser) await browser.close().catch(() => {});
  if (server && server.exitCode === null) server.kill('SIGTERM');
  rmSync(directory, { recursive: true, force: true });
}

// Starts the server; resolves with its two ports once both are printed.
function startServer() {
  return new Promise((resolve, reject) => {
    server = spawn(binary, ['serve', '--sandbox', '--listen', '127.0.0.1:0', '--store', `sqlite:${join(directory, 'console.db')}`,
      '--fixtures', join(source, 'fixtures/sample.json'), '--set', 'admin.listen=127.0.0.1:0', '--set', 'access_log=off'],
    { env: { ...process.env, MEDIAGATE_ADMIN_TOKEN: TOKEN }, stdio: ['ignore', 'ignore', 'pipe'] });
    let text = '';
    server.stderr.on('data', (chunk) => {
      text += chunk;
      const api = text.match(/\(port (\d+)\)/);
      const admin = text.match(/\(admin port (\d+)\)/);
      if (api && admin) resolve({ api: Number(api[1]), admin: Number(admin[1]) });
    });
    server.on('exit', (code) => reject(new Error(`mediagate serve exited (${code}): ${text}`)));
    setTimeout(() => reject(new Error(`no ports printed within 10 s: ${text}`)), 10000);
  });
}

async function step(name, body) {
  const started = Date.now();
  try {
    await body();
    results.push({ name, ok: true });
    console.log(`ok   ${name} (${Date.now() - started} ms)`);
  } catch (error) {
    results.push({ name, ok: false });
    console.log(`FAIL ${name}: ${error.stack || error}`);
    throw error;
  }
}

// Polyv VOD's rule, written here independently of the server: SHA-1 of the sorted
// name=value pairs joined by '&' followed by the secret, in upper-case hex.
function vodSign(params, secret) {
  const canonical = Object.keys(params).sort().map((k) => `${k}=${params[k]}`).join('&');
  return createHash('sha1').update(canonical + secret).digest('hex').toUpperCase();
}

async function vodRequest(port, sign, ptime) {
  const params = { page: '1', ptime: String(ptime) };
  const query = new URLSearchParams({ ...params, sign: sign ?? vodSign(params, VOD_SECRET) });
  const response = await fetch(`http://127.0.0.1:${port}/v2/video/${VOD_USER}/get-by-uploader?${query}`);
  return { status: response.status, body: await response.json() };
}

async function admin(port, method, path, body) {
  const response = await fetch(`http://127.0.0.1:${port}/admin/v1${path}`, {
    method, headers: { Authorization: `Bearer ${TOKEN}`, 'Content-Type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: response.status, body: response.status === 204 ? null : await response.json() };
}

async function main() {
  const ports = await startServer();
  const consoleUrl = `http://127.0.0.1:${ports.admin}/console/`;
  browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-background-networking', '--disable-component-update',
      '--disable-default-apps', '--disable-sync', '--no-first-run', '--disable-breakpad',
      '--disable-features=Translate,OptimizationHints,MediaRouter,DialMediaRouteProvider'],
  });
  const page = await browser.newPage({ viewport: { width: 1280, height: 860 } });
  const problems = [];
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  page.on('console', (message) => { if (message.type() === 'error') problems.push(`console: ${message.text()}`); });
  const shot = (name) => page.screenshot({ path: join(artifacts, `${name}.png`), fullPage: true });

  await step('the console is served with a strict policy, and asks for the token', async () => {
    const response = await page.goto(consoleUrl);
    assert.equal(response.status(), 200);
    assert.match(response.headers()['content-type'], /^text\/html/);
    assert.match(response.headers()['content-security-policy'], /script-src 'self'/);
    await page.locator('#login-page').waitFor({ state: 'visible', ...WAIT });
    assert.equal(await page.locator('#tabs').isHidden(), true);
  });

  await step('a wrong token is refused', async () => {
    await page.fill('#token', 'not-the-token');
    await page.click('#login-form button[type=submit]');
    await page.locator('#login-error').filter({ hasText: 'refused' }).waitFor(WAIT);
    problems.length = 0;  // the refused call's 401 is logged by the browser, as expected
  });

  await step('sign in', async () => {
    await page.fill('#token', TOKEN);
    await page.click('#login-form button[type=submit]');
    await page.locator('#tabs').waitFor({ state: 'visible', ...WAIT });
    assert.equal(await page.locator('#mode').textContent(), 'sandbox');
    assert.equal(page.url().includes(TOKEN), false, 'the token is never in the URL');
  });

  await step('a good and a badly signed request; the refused one shows in the journal', async () => {
    const now = Date.now();
    const good = await vodRequest(ports.api, undefined, now);
    assert.equal(good.status, 200, JSON.stringify(good.body));
    const bad = await vodRequest(ports.api, '0123456789ABCDEF0123456789ABCDEF01234567', now + 1);
    assert.equal(bad.status, 400, JSON.stringify(bad.body));
    const row = page.locator('#journal-table tbody tr').filter({ hasText: 'bad_signature' });
    await row.first().waitFor(WAIT);  // live update: no reload
    await page.locator('#journal-table tbody td.verdict-ok').first().waitFor(WAIT);
    await row.first().click();
    await page.locator('#entry-verdict').filter({ hasText: 'bad_signature' }).waitFor(WAIT);
    const detail = await page.locator('#journal-detail').textContent();
    assert.match(detail, /at step signature/);
    assert.match(detail, /Signature mismatch/);
    assert.match(detail, new RegExp(`page=1&ptime=${now + 1}`), "the server's canonical string");
    assert.equal(detail.includes('0123456789ABCDEF0123456789ABCDEF01234567'), false, 'the signature is masked');
    assert.equal(detail.includes(VOD_SECRET), false, 'no secret');
    // The client string starts as the client's parameters; a wrong one is marked where it differs.
    // (now + 1 and now + 2 differ where the carry stops: ...199 and ...200 at the third byte from
    // the end, so the expected position is computed, not assumed to be the last byte.)
    const serverString = `page=1&ptime=${now + 1}`;
    const clientString = `page=1&ptime=${now + 2}`;
    let firstDiff = 0;
    while (serverString[firstDiff] === clientString[firstDiff]) firstDiff += 1;
    await page.fill('#journal-detail textarea', clientString);
    const mark = page.locator('#journal-detail mark.diff').first();
    await mark.waitFor(WAIT);
    assert.equal(await mark.getAttribute('title'), `first differing byte: ${firstDiff}`);
    await shot('journal');
  });

  await step('the journal filters by verdict', async () => {
    await page.selectOption('#journal-filters select[name=verdict]', 'ok');
    await page.click('#journal-filters button[type=submit]');
    await page.waitForFunction(() => [...document.querySelectorAll('#journal-table tbody tr')].every((r) => !r.textContent.includes('bad_signature')), null, WAIT);
    assert.ok(await page.locator('#journal-table tbody tr').count() >= 1);
  });

  await step('the signature workbench signs with the server signer', async () => {
    await page.click('#tabs button[data-page=workbench]');
    await page.locator('#wb-signer option[value=polyv-vod]').waitFor({ state: 'attached', ...WAIT });
    await page.selectOption('#wb-signer', 'polyv-vod');
    await page.fill('#wb-query', 'ptime=1540780829403&email=test1@zzs.com&cataid=1&page=1');
    await page.locator('#wb-query').dispatchEvent('change');
    await page.fill('#wb-secret', VOD_SECRET);
    await page.click('#workbench-form button[type=submit]');
    await page.locator('#wb-result').waitFor({ state: 'visible', ...WAIT });
    const params = { ptime: '1540780829403', email: 'test1@zzs.com', cataid: '1', page: '1' };
    assert.equal(await page.locator('#wb-canonical').textContent(), 'cataid=1&email=test1@zzs.com&page=1&ptime=1540780829403');
    assert.equal(await page.locator('#wb-string').textContent(), 'cataid=1&email=test1@zzs.com&page=1&ptime=1540780829403<secret>');
    assert.equal(await page.locator('#wb-signature').textContent(), vodSign(params, VOD_SECRET));
    await shot('workbench');
  });

  await step('the explorer builds, signs and sends a request', async () => {
    await page.click('#tabs button[data-page=explorer]');
    const option = page.locator('#ex-operation option', { hasText: 'get-by-uploader' }).first();
    await option.waitFor({ state: 'attached', ...WAIT });
    await page.selectOption('#ex-operation', await option.getAttribute('value'));
    const userid = page.locator('#ex-params .row').filter({ has: page.locator('input.name[value=userid]') }).locator('input.value');
    await userid.fill(VOD_USER);
    await page.fill('#ex-secret', VOD_SECRET);
    await page.click('#explorer-form button[type=submit]');
    await page.locator('#ex-status').filter({ hasText: '200' }).waitFor(WAIT);
    assert.match(await page.locator('#ex-request').textContent(), /GET \/v2\/video\/b0f7041324\/get-by-uploader\?/);
    assert.match(await page.locator('#ex-body').textContent(), /"status": "success"/);
    await shot('explorer');
  });

  await step('the clock moves', async () => {
    await page.click('#tabs button[data-page=sandbox]');
    await page.locator('#clock-offset').filter({ hasText: /^0$/ }).waitFor(WAIT);
    await page.click('button[data-shift="3600000"]');
    await page.locator('#clock-offset').filter({ hasText: /^3600/ }).waitFor(WAIT);
    const clock = await admin(ports.admin, 'GET', '/sandbox/clock');
    assert.ok(clock.body.offset_ms >= 3600000 && clock.body.offset_ms < 3660000, JSON.stringify(clock.body));
    // A request signed at the wall clock is now an hour stale.
    const stale = await vodRequest(ports.api, undefined, Date.now());
    assert.equal(stale.status, 400, JSON.stringify(stale.body));
    await page.locator('#faults-table tbody tr').first().waitFor(WAIT);
    await shot('sandbox');
    await page.click('#clock-reset');
    await page.locator('#clock-offset').filter({ hasText: /^0$/ }).waitFor(WAIT);
  });

  await step('the data browser lists a collection', async () => {
    await page.click('#tabs button[data-page=data]');
    const option = page.locator('#data-collection option', { hasText: /\/media$/ }).first();
    await option.waitFor({ state: 'attached', ...WAIT });
    await page.selectOption('#data-collection', await option.getAttribute('value'));
    await page.click('#data-form button[type=submit]');
    await page.locator('#data-table tbody tr').first().waitFor(WAIT);
    const rows = await page.locator('#data-table tbody tr').count();
    assert.ok(rows >= 1);
    await shot('data');
  });

  await step('the data browser searches the whole collection in the server', async () => {
    // 30 more media (ids 900001..900030): with 20 rows a page, the last ones are on page 2.
    for (let i = 1; i <= 30; i += 1) {
      const created = await admin(ports.admin, 'POST', '/pumpkin/media',
        { movie_id: 900000 + i, movie_name: `Search probe ${String(i).padStart(2, '0')}` });
      assert.equal(created.status, 201, JSON.stringify(created.body));
    }
    const target = 'Search probe 27';
    await page.selectOption('#data-limit', '20');
    await page.fill('#data-search', '');
    await page.click('#data-form button[type=submit]');
    await page.locator('#data-page-label').filter({ hasText: /^1–20 of \d+$/ }).waitFor(WAIT);
    assert.equal(await page.locator('#data-table tbody tr', { hasText: target }).count(), 0,
      'the row is not on the first page of the unfiltered list');
    // Typing searches (debounced) without pressing "Show": the row from page 2 appears.
    await page.locator('#data-search').pressSequentially('probe 27', { delay: 20 });
    await page.locator('#data-table tbody tr', { hasText: target }).waitFor(WAIT);
    await page.locator('#data-summary').filter({ hasText: '1 matching "probe 27"' }).waitFor(WAIT);
    assert.equal(await page.locator('#data-table tbody tr').count(), 1);
    assert.equal(await page.locator('#data-page-label').textContent(), '1–1 of 1');
    // Wildcards are literal: "%" matches nothing here.
    await page.fill('#data-search', '%');
    await page.locator('#data-summary').filter({ hasText: '0 matching "%"' }).waitFor(WAIT);
    assert.equal(await page.locator('#data-table tbody tr').count(), 0);
    // A search over several pages pages through the matches only.
    await page.fill('#data-search', 'search PROBE');
    await page.locator('#data-summary').filter({ hasText: '30 matching "search PROBE"' }).waitFor(WAIT);
    await page.click('#data-next');
    await page.locator('#data-page-label').filter({ hasText: '21–30 of 30' }).waitFor(WAIT);
    await page.locator('#data-table tbody tr', { hasText: target }).waitFor(WAIT);
    await shot('data-search');
  });

  await step('no script error and no policy violation in the page', async () => {
    assert.deepEqual(problems, []);
  });
}

let failed = false;
try {
  await main();
} catch (error) {
  failed = true;
  if (!results.length || results[results.length - 1].ok) console.log(`FAIL setup: ${error.stack || error}`);
} finally {
  clearTimeout(deadline);
  await cleanup();
}
const passed = results.filter((r) => r.ok).length;
console.log(`${passed} passed, ${results.length - passed} failed`);
process.exit(failed ? 1 : 0);
