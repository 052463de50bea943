// The search pages in a real browser: a member of the public searches from the header box on a
// phone, narrows the results with a facet, pages through them, and jumps to a document by its
// 文号 — without horizontal scrolling, also without JavaScript; the axe audit of /search (with
// results, with none, with the empty form) and of /admin/search finds no serious or critical
// violation.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, launchBrowser, login, AXE_PATH } from './browser.mjs';

let srv;
let browser;
const PHONE = { viewport: { width: 390, height: 844 }, deviceScaleFactor: 3, isMobile: true, hasTouch: true };
// A word in many demo titles: several pages of results, several agencies.
const BROAD = '工作';

before(async () => {
  srv = await startServer();
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await srv?.stop();
});

// axe-core is injected as an inline script, which the pages' Content-Security-Policy blocks: the
// audit contexts bypass CSP.
async function newContext(options = {}) {
  const context = await browser.newContext({ locale: 'zh-CN', bypassCSP: true, ...options });
  context.setDefaultTimeout(20_000);
  return context;
}

async function statedCount(page) {
  const text = await page.locator('.result-count').innerText();
  const m = text.match(/(共|约|至少) (\d+) 条/);
  assert.ok(m, `the page states a count: ${text}`);
  return Number(m[2]);
}

async function assertNoHorizontalScroll(page, what) {
  const m = await page.evaluate(() => ({ scrollWidth: document.documentElement.scrollWidth, innerWidth: window.innerWidth }));
  assert.ok(m.scrollWidth <= m.innerWidth + 1, `${what} scrolls horizontally on a phone: ${m.scrollWidth} > ${m.innerWidth}`);
}

for (const javaScriptEnabled of [true, false]) {
  test(`on a phone${javaScriptEnabled ? '' : ' without JavaScript'}: search from the header, narrow by a facet, page, jump by 文号`, { timeout: 120_000 }, async () => {
    const context = await newContext({ ...PHONE, javaScriptEnabled });
    const page = await context.newPage();
    await page.goto(`${srv.baseURL}/`);
    const box = page.getByRole('search', { name: '站内检索' }).getByLabel('全文检索');
    await box.fill(BROAD);
    await Promise.all([page.waitForURL(/\/search\?q=/), box.press('Enter')]);
    await assertNoHorizontalScroll(page, '/search with results');
    assert.equal(await page.getByLabel('检索词').inputValue(), BROAD, 'the query stays in the search box');
    const total = await statedCount(page);
    assert.ok(total > 20, `more than one page (${total})`);
    const titles = page.locator('.search-hit h3 a');
    assert.equal(await titles.count(), 20);
    assert.ok((await page.locator('.search-hit mark').count()) > 0, 'matches are highlighted');

    // A facet: the first agency.
    const facet = page.locator('ul[aria-labelledby="facet-agency"] li').first();
    const label = await facet.locator('a').innerText();
    const count = Number(await facet.locator('.facet-count').innerText());
    await Promise.all([page.waitForURL(/agency=\d+/), facet.locator('a').click()]);
    assert.equal(await statedCount(page), count, `the ${label} facet gives the count it showed`);
    assert.ok(await page.locator('.active-filters').getByText(`发布机关：${label}`).isVisible(), 'the filter is shown');
    const agencies = await page.locator('.search-hit .item-meta').allInnerTexts();
    assert.ok(agencies.every((t) => t.includes(`发布机构：${label}`)), 'every result is of that agency');
    await assertNoHorizontalScroll(page, '/search with a facet');

    // Remove it again and page forward.
    await Promise.all([page.waitForURL((u) => !u.search.includes('agency=')), page.locator('.active-filters a').first().click()]);
    assert.equal(await statedCount(page), total);
    const firstPage = await titles.allInnerTexts();
    await Promise.all([page.waitForURL(/page=2/), page.getByRole('link', { name: '下一页' }).click()]);
    assert.equal(await page.locator('.pager [aria-current="page"]').innerText(), '2');
    const secondPage = await titles.allInnerTexts();
    assert.ok(secondPage.length > 0 && secondPage.every((t) => !firstPage.includes(t)), 'page 2 shows other results');
    await assertNoHorizontalScroll(page, '/search page 2');

    // Open a result, then search for its 文号: the document opens directly.
    await page.goto(`${srv.baseURL}/items?genre=tongzhi`);
    await Promise.all([page.waitForURL(/\/items\/\d+$/), page.locator('main .item-list a').first().click()]);
    const itemUrl = new URL(page.url()).pathname;
    const docNo = (await page.locator('.item-docno').innerText()).trim();
    assert.match(docNo, /〔\d{4}〕\d+号/);
    const header = page.getByRole('search', { name: '站内检索' }).getByLabel('全文检索');
    await header.fill(docNo);
    await Promise.all([page.waitForURL((u) => u.pathname === itemUrl), header.press('Enter')]);
    await context.close();
  });
}

async function audit(page) {
  await page.addScriptTag({ path: AXE_PATH });
  // eslint-disable-next-line no-undef
  const result = await page.evaluate(() => axe.run(document, { resultTypes: ['violations'] }));
  return result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
}

function describe(violations) {
  return violations
    .map((v) => `- [${v.impact}] ${v.id}: ${v.help}\n` + v.nodes.slice(0, 5).map((n) => `    ${n.target.join(' ')}: ${n.html.slice(0, 160)}`).join('\n'))
    .join('\n');
}

async function assertAccessible(page, path, check) {
  const res = await page.goto(`${srv.baseURL}${path}`);
  assert.equal(res.status(), 200, path);
  if (check) await check(page);
  const bad = await audit(page);
  assert.equal(bad.length, 0, `axe found serious or critical violations on ${path}:\n${describe(bad)}`);
}

const q = encodeURIComponent;

test('axe: /search with results, with none, the empty form, and large text', { timeout: 120_000 }, async (t) => {
  for (const options of [{}, PHONE]) {
    const context = await newContext(options);
    const page = await context.newPage();
    await t.test(`results ${options.viewport ? '(phone)' : ''}`, () =>
      assertAccessible(page, `/search?q=${q(BROAD)}`, async (p) => assert.ok((await p.locator('.search-hit').count()) > 0)));
    await t.test(`no results, with a suggestion ${options.viewport ? '(phone)' : ''}`, () =>
      assertAccessible(page, `/search?q=${q(BROAD)}&year_from=1990&year_to=1990`, async (p) => {
        assert.ok(await p.getByText('没有找到符合条件的信息').isVisible());
        assert.ok((await p.locator('.suggestions a').count()) > 0);
      }));
    await t.test('no results at all', () =>
      assertAccessible(page, `/search?q=${q('量子引力波望远镜')}`, async (p) => assert.ok(await p.getByText('没有找到符合条件的信息').isVisible())));
    await t.test('the empty form', () =>
      assertAccessible(page, '/search', async (p) => assert.ok(await p.getByText('请输入要查找的文字').isVisible())));
    await context.close();
  }
  const context = await newContext(PHONE);
  const page = await context.newPage();
  await page.goto(`${srv.baseURL}/text-size?size=large&back=/`);
  await t.test('large text (phone)', async () => {
    await assertAccessible(page, `/search?q=${q(BROAD)}&agency=1&subtree=1`);
    await assertNoHorizontalScroll(page, '/search in large text');
  });
  await context.close();
});

test('axe: /admin/search with results and empty', { timeout: 120_000 }, async (t) => {
  const context = await newContext();
  const page = await context.newPage();
  await login(page, srv.baseURL, srv.user('drafter'));
  await t.test('results', () =>
    assertAccessible(page, `/admin/search?q=${q(BROAD)}`, async (p) => {
      const hrefs = await p.locator('.search-hit h3 a').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
      assert.ok(hrefs.length > 0 && hrefs.every((h) => h.startsWith('/admin/items/')), 'results open the back-office item page');
    }));
  await t.test('empty', () => assertAccessible(page, '/admin/search'));
  await t.test('no results', () => assertAccessible(page, `/admin/search?q=${q(BROAD)}&state=archived&year_from=2026`));
  await context.close();
});
