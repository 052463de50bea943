// Accessibility and robustness of the pages in a real browser:
// - an axe-core audit of the portal (home, listing, an item, an agency, login; also in large-text
//   mode) and the back office (dashboard, item list, item editor empty and with field errors, an
//   item's page, and every page of the platform administrator's navigation): no 'serious' or
//   'critical' violation, and every id named by aria-describedby/-labelledby/-controls or
//   label[for] exists (axe only asks for a review of those);
// - a phone viewport (390x844): no horizontal scrolling on the home, listing and item pages, in the
//   standard and the large-text (适老化) mode;
// - without JavaScript: signing in and saving a draft work with plain HTML forms.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, launchBrowser, login, AXE_PATH, DEMO_PASSWORD } from './browser.mjs';

let srv;
let browser;
let itemPath;
let agencyPath;

before(async () => {
  srv = await startServer();
  browser = await launchBrowser();
  // The first item linked from the listing and the first agency linked from the agency list.
  const ctx = await browser.newContext();
  const page = await ctx.newPage();
  await page.goto(`${srv.baseURL}/items`);
  itemPath = await page.locator('main a[href^="/items/"]').first().getAttribute('href');
  await page.goto(`${srv.baseURL}/agencies`);
  agencyPath = await page.locator('main a[href^="/agencies/"]').first().getAttribute('href');
  assert.match(itemPath ?? '', /^\/items\/\d+$/, 'the listing links to an item');
  assert.match(agencyPath ?? '', /^\/agencies\/\d+$/, 'the agency list links to an agency');
  await ctx.close();
});

after(async () => {
  await browser?.close();
  await srv?.stop();
});

// axe-core is injected as an inline script, which the pages' Content-Security-Policy
// (script-src 'self') would block: the audit contexts bypass CSP.
async function newContext(options = {}) {
  const context = await browser.newContext({ locale: 'zh-CN', bypassCSP: true, ...options });
  context.setDefaultTimeout(20_000);
  return context;
}

function describe(violations) {
  return violations
    .map(
      (v) =>
        `- [${v.impact}] ${v.id}: ${v.help} (${v.helpUrl})\n` +
        v.nodes
          .slice(0, 8)
          .map((n) => `    ${n.target.join(' ')}: ${n.html.slice(0, 200)}\n      ${n.failureSummary?.replace(/\n/g, ' ') ?? ''}`)
          .join('\n'),
    )
    .join('\n');
}

// Runs axe on the page; returns [serious or critical violations, all violations].
async function audit(page) {
  await page.addScriptTag({ path: AXE_PATH });
  const result = await page.evaluate(() =>
    // eslint-disable-next-line no-undef
    axe.run(document, { resultTypes: ['violations'] }),
  );
  const bad = result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  return [bad, result.violations];
}

async function assertAccessible(page, path, status = 200) {
  const res = await page.goto(`${srv.baseURL}${path}`);
  assert.equal(res.status(), status, `${path} answers ${status}`);
  const landed = new URL(page.url());
  assert.equal(landed.pathname + landed.search, path, `${path} is shown (not redirected)`);
  const [bad, all] = await audit(page);
  const minor = all.filter((v) => !bad.includes(v));
  if (minor.length) console.log(`# axe ${path}: minor/moderate findings\n${describe(minor)}`);
  assert.equal(bad.length, 0, `axe found serious or critical violations on ${path}:\n${describe(bad)}`);
  await assertIdrefsResolve(page, path);
}

// Every id that aria-describedby, aria-labelledby, aria-controls or label[for] names exists (axe
// only asks for a review when one is missing; screen readers then lose the hint or error text).
async function assertIdrefsResolve(page, path) {
  const missing = await page.evaluate(() => {
    const out = [];
    for (const attr of ['aria-describedby', 'aria-labelledby', 'aria-controls', 'for']) {
      for (const el of document.querySelectorAll(`[${attr}]`)) {
        for (const id of el.getAttribute(attr).split(/\s+/).filter(Boolean)) {
          if (!document.getElementById(id)) out.push(`${el.tagName.toLowerCase()}#${el.id || '?'} ${attr}="${id}"`);
        }
      }
    }
    return out;
  });
  assert.deepEqual(missing, [], `${path} refers to ids that do not exist: ${missing.join(', ')}`);
}

test('portal pages have no serious or critical axe violations', { timeout: 120_000 }, async (t) => {
  const context = await newContext();
  const page = await context.newPage();
  const paths = ['/', '/items', itemPath, agencyPath, '/agencies', '/admin/login', '/apply', '/apply/status', '/deadline?received=2024-09-26',
    '/deadline?received=2024-03-01&corr_requested=2024-03-05&corr_period=10&corr_received=2024-03-15&consult_sent=2024-03-18&consult_answered=2024-03-25&ext_date=2024-04-08&ext_days=10',
  ];
  for (const path of paths) {
    await t.test(path, () => assertAccessible(page, path));
  }
  const withErrors = '/deadline?received=2024-03-01&corr_requested=2024-03-05';
  await t.test(`${withErrors} (field errors)`, () => assertAccessible(page, withErrors, 400));
  await context.close();
});

test('portal pages in large-text mode have no serious or critical axe violations', { timeout: 120_000 }, async (t) => {
  const context = await newContext();
  const page = await context.newPage();
  await page.goto(`${srv.baseURL}/text-size?size=large&back=/`);
  for (const path of ['/', '/items', itemPath]) {
    await t.test(path, () => assertAccessible(page, path));
  }
  await context.close();
});

test('back-office pages have no serious or critical axe violations', { timeout: 120_000 }, async (t) => {
  const context = await newContext();
  const page = await context.newPage();
  await login(page, srv.baseURL, srv.user('drafter'));
  for (const path of ['/admin', '/admin/items', '/admin/items/new', '/admin/account', '/admin/calendar',
    '/admin/applications', '/admin/applications/new', '/admin/reviews', '/admin/reviews/new', '/admin/privacy']) {
    await t.test(path, () => assertAccessible(page, path));
  }
  // A case page of an application, with its steps and the clock explanation.
  await page.goto(`${srv.baseURL}/admin/applications?stage=all`);
  const casePath = await page.locator('main table a[href^="/admin/applications/"]').first().getAttribute('href');
  if (casePath) await t.test(casePath, () => assertAccessible(page, casePath));
  // An item page of the back office, and the editor showing field errors after an empty save.
  await page.goto(`${srv.baseURL}/admin/items`);
  const first = await page.locator('main a[href^="/admin/items/"]').filter({ hasNotText: /起草/ }).first().getAttribute('href');
  if (first && /^\/admin\/items\/\d+$/.test(first)) {
    await t.test(first, () => assertAccessible(page, first));
  }
  await t.test('/admin/items/new with field errors', async () => {
    await page.goto(`${srv.baseURL}/admin/items/new`);
    await Promise.all([page.waitForNavigation(), page.getByRole('button', { name: '保存草稿' }).click()]);
    assert.ok((await page.locator('.field-error').count()) > 0, 'the empty form shows field errors');
    const [bad] = await audit(page);
    assert.equal(bad.length, 0, `axe found serious or critical violations on the editor with errors:\n${describe(bad)}`);
    await assertIdrefsResolve(page, '/admin/items/new with field errors');
    // Each field in error is marked invalid and points at its message.
    const title = page.getByLabel('信息名称');
    assert.equal(await title.getAttribute('aria-invalid'), 'true', 'the empty title is marked aria-invalid');
    const describedBy = (await title.getAttribute('aria-describedby')) ?? '';
    const messages = await Promise.all(
      describedBy.split(/\s+/).filter(Boolean).map((id) => page.locator(`[id="${id}"]`).innerText()),
    );
    assert.ok(messages.some((m) => m.includes('请填写信息名称')), `the title's error is its description: ${messages}`);
  });
  await context.close();
});

test('every back-office page in the platform administrator\'s navigation passes the axe audit', { timeout: 180_000 }, async (t) => {
  const admin = srv.userList.find((u) => !u.disabled && u.roles.includes('platform_admin'));
  if (!admin) return t.skip('no platform administrator in the demo data');
  const context = await newContext();
  const page = await context.newPage();
  await login(page, srv.baseURL, { ...admin, password: DEMO_PASSWORD });
  await page.goto(`${srv.baseURL}/admin`);
  const hrefs = await page.locator('header nav a[href^="/admin"]').evaluateAll((as) => [...new Set(as.map((a) => a.getAttribute('href')))]);
  assert.ok(hrefs.length >= 3, `the back-office navigation has links: ${hrefs}`);
  for (const path of hrefs) {
    await t.test(path, () => assertAccessible(page, path));
  }
  await context.close();
});

async function assertNoHorizontalScroll(page, path) {
  await page.goto(`${srv.baseURL}${path}`);
  const m = await page.evaluate(() => {
    const wide = [];
    for (const el of document.querySelectorAll('body *')) {
      const r = el.getBoundingClientRect();
      if (r.right > window.innerWidth + 1 && r.width > 0) wide.push(`${el.tagName.toLowerCase()}.${el.className} (${Math.round(r.right)}px)`);
    }
    return { scrollWidth: document.documentElement.scrollWidth, innerWidth: window.innerWidth, wide: wide.slice(0, 10) };
  });
  assert.ok(
    m.scrollWidth <= m.innerWidth + 1,
    `${path} scrolls horizontally on a phone: scrollWidth ${m.scrollWidth} > innerWidth ${m.innerWidth}; too wide: ${m.wide.join(', ')}`,
  );
}

test('phone viewport (390x844): no horizontal scrolling', { timeout: 120_000 }, async (t) => {
  const phone = { viewport: { width: 390, height: 844 }, deviceScaleFactor: 3, isMobile: true, hasTouch: true };
  for (const large of [false, true]) {
    const context = await newContext(phone);
    const page = await context.newPage();
    if (large) await page.goto(`${srv.baseURL}/text-size?size=large&back=/`);
    for (const path of ['/', '/items', itemPath]) {
      await t.test(`${path}${large ? ' (large text)' : ''}`, () => assertNoHorizontalScroll(page, path));
    }
    await context.close();
  }
});

test('without JavaScript a drafter can sign in and save a draft', { timeout: 120_000 }, async () => {
  const context = await newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await login(page, srv.baseURL, srv.user('drafter'));
  assert.equal(new URL(page.url()).pathname, '/admin');
  await page.goto(`${srv.baseURL}/admin/items/new`);
  const title = `无脚本环境起草的信息（${Date.now()}）`;
  await page.getByLabel('信息名称').fill(title);
  const today = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
  await page.getByLabel('成文日期').fill(today);
  await page.getByLabel('主题分类').selectOption({ index: 1 });
  await page.getByLabel('体裁').selectOption({ label: '通知' });
  await page.getByLabel('正文', { exact: true }).fill('<p>无脚本环境下保存的草稿。</p>');
  await Promise.all([page.waitForURL(/\/admin\/items\/\d+\?saved=1$/), page.getByRole('button', { name: '保存草稿' }).click()]);
  await assert.doesNotReject(page.getByRole('heading', { level: 1, name: title }).waitFor());
  await assert.doesNotReject(page.getByRole('status').filter({ hasText: '已保存' }).waitFor());
  await context.close();
});
