// Browser end-to-end test of the publishing workflow: a 信息员 drafts an item in the back office
// and submits it; the 保密审查员, 审核人 and 签批人 each pass it from "my work"; an anonymous visitor
// then finds it on the portal with its statutory metadata. A rejection with a reason sends an item
// back to 草稿 and the reason shows in the item's 办理记录.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, launchBrowser, login, logout } from './browser.mjs';

let srv;
let browser;

before(async () => {
  srv = await startServer();
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await srv?.stop();
});

// A date a few days ago in China time (成文日期 may not be later than today there).
function chinaDate(daysAgo = 0) {
  const d = new Date(Date.now() + 8 * 3600_000 - daysAgo * 86400_000);
  return d.toISOString().slice(0, 10);
}

async function newPage() {
  const context = await browser.newContext({ locale: 'zh-CN' });
  context.setDefaultTimeout(20_000);
  const page = await context.newPage();
  return { context, page };
}

// The value of the first non-empty option of a <select> (after the empty “请选择” option).
async function firstOptionValue(select, skip = 0) {
  const values = await select.locator('option').evaluateAll((os) => os.map((o) => o.value).filter((v) => v !== ''));
  assert.ok(values.length > skip, 'the select has options');
  return values[skip];
}

// Fills the item editor at /admin/items/new and saves the draft; returns the item id.
async function draftItem(page, { title, writtenDate }) {
  await page.goto(`${srv.baseURL}/admin/items/new`);
  await page.getByLabel('信息名称').fill(title);
  await page.getByLabel('文号').fill(`东政办发〔${writtenDate.slice(0, 4)}〕${100 + Math.floor(Math.random() * 800)}号`);
  await page.getByLabel('成文日期').fill(writtenDate);
  const subject = page.getByLabel('主题分类');
  await subject.selectOption(await firstOptionValue(subject, 1)); // a second-level subject
  await page.getByLabel('体裁').selectOption({ label: '通知' });
  const column = page.getByLabel('栏目', { exact: true });
  await column.selectOption(await firstOptionValue(column));
  await page.getByLabel('有效性').selectOption({ label: '有效' });
  await page.getByLabel('公开属性').selectOption({ label: '主动公开' });
  await page.getByLabel('关键词').fill('端到端测试 工作流程');
  await page.getByLabel('内容概述').fill('浏览器端到端测试起草的信息，用于检验保密审查、审核、签批和门户公开。');
  await page.getByLabel('正文', { exact: true }).fill(
    '<p>各乡镇人民政府，县政府各部门：</p><p>现将有关事项通知如下。</p><script>alert(1)</script>',
  );
  await Promise.all([
    page.waitForURL(/\/admin\/items\/\d+(\?|$)/),
    page.getByRole('button', { name: '保存草稿' }).click(),
  ]);
  await assert.doesNotReject(page.getByRole('status').filter({ hasText: '已保存' }).waitFor(), 'the save is confirmed');
  const id = Number(new URL(page.url()).pathname.split('/').pop());
  assert.ok(id > 0, `item id in ${page.url()}`);
  await assertState(page, '草稿');
  return id;
}

async function assertState(page, label) {
  const badge = page.locator('main .badge').first();
  assert.equal((await badge.textContent()).trim(), label, `state on ${page.url()}`);
}

// Takes the workflow action whose button is `button` on the item page, with an optional comment.
async function act(page, button, comment) {
  const form = page.locator('form').filter({ has: page.getByRole('button', { name: button, exact: true }) });
  assert.equal(await form.count(), 1, `one form with the button ${button}`);
  if (comment !== undefined) await form.getByRole('textbox').fill(comment);
  await Promise.all([
    page.waitForURL(/\/admin\/items\/\d+$/),
    form.getByRole('button', { name: button, exact: true }).click(),
  ]);
}

// Signs in as `user` in a fresh context, finds `title` under 等待我处理 on /admin and opens it.
async function openFromMyWork(user, title) {
  const { context, page } = await newPage();
  await login(page, srv.baseURL, user);
  await page.goto(`${srv.baseURL}/admin`);
  const waiting = page.locator('section').filter({ has: page.getByRole('heading', { name: '等待我处理' }) });
  const link = waiting.getByRole('link', { name: title, exact: true });
  assert.equal(await link.count(), 1, `${user.username} (${user.roles}) sees "${title}" in my work`);
  await Promise.all([page.waitForURL(/\/admin\/items\/\d+$/), link.click()]);
  return { context, page };
}

// The label → value pairs of the metadata table of the page.
function metaTable(page) {
  return page
    .locator('table')
    .filter({ has: page.locator('th', { hasText: '索引号' }) })
    .first()
    .evaluate((t) => {
      const m = {};
      for (const th of t.querySelectorAll('th')) {
        const td = th.nextElementSibling;
        if (td) m[th.textContent.trim()] = td.textContent.trim();
      }
      return m;
    });
}

test('a draft passes 保密审查, 审核 and 签批 and appears on the portal with its metadata', { timeout: 180_000 }, async () => {
  const drafter = srv.user('drafter');
  const title = `关于开展政务公开端到端测试工作的通知（${Date.now()}）`;
  const writtenDate = chinaDate(3);

  const d = await newPage();
  await login(d.page, srv.baseURL, drafter);
  const id = await draftItem(d.page, { title, writtenDate });
  // The sanitizer removed the script from the body.
  assert.equal(await d.page.locator('.item-body script').count(), 0, 'no script in the body preview');
  await act(d.page, '提交保密审查');
  await assertState(d.page, '待保密审查');
  // The drafter has no further action on it.
  assert.equal(await d.page.getByRole('button', { name: '保密审查通过' }).count(), 0);
  await logout(d.page);
  await d.context.close();

  const steps = [
    { role: 'secrecy', button: '保密审查通过', next: '待审核' },
    { role: 'reviewer', button: '审核通过，送签批', next: '待签批' },
    { role: 'signer', button: '签批并发布', next: '已发布' },
  ];
  for (const step of steps) {
    const user = srv.user(step.role);
    const s = await openFromMyWork(user, title);
    assert.equal(new URL(s.page.url()).pathname, `/admin/items/${id}`);
    await act(s.page, step.button, step.role === 'signer' ? '同意发布。' : undefined);
    await assertState(s.page, step.next);
    await logout(s.page);
    await s.context.close();
  }

  // An anonymous visitor finds it in the catalog listing (the newest first; follow the pager if not).
  const v = await newPage();
  await v.page.goto(`${srv.baseURL}/items`);
  let link = v.page.getByRole('link', { name: title, exact: true });
  for (let n = 0; n < 20 && (await link.count()) === 0; n++) {
    const next = v.page.locator('a[rel="next"]');
    assert.ok((await next.count()) > 0, `"${title}" is listed on /items`);
    await next.first().click();
    await v.page.waitForLoadState();
    link = v.page.getByRole('link', { name: title, exact: true });
  }
  assert.equal(await link.count(), 1, `"${title}" is listed once`);
  await Promise.all([v.page.waitForURL(new RegExp(`/items/${id}$`)), link.click()]);
  await assert.doesNotReject(v.page.getByRole('heading', { level: 1, name: title }).waitFor());

  const meta = await metaTable(v.page);
  assert.match(meta['索引号'] ?? '', /^[0-9A-Z]{18}\/\d{4}-\d{5}$/, `索引号 in ${JSON.stringify(meta)}`);
  assert.equal(meta['发布机构'], srv.county, '发布机构 defaults to the agency full name');
  const [y, m, dd] = writtenDate.split('-').map(Number);
  assert.ok(
    meta['成文日期'] === writtenDate || meta['成文日期'] === `${y}年${m}月${dd}日`,
    `成文日期 ${meta['成文日期']} is ${writtenDate}`,
  );
  const today = chinaDate(0).split('-').map(Number);
  assert.ok(
    meta['发布日期'] === chinaDate(0) || meta['发布日期'] === `${today[0]}年${today[1]}月${today[2]}日`,
    `发布日期 ${meta['发布日期']} is today`,
  );
  assert.equal(meta['有效性'], '有效');
  assert.equal(meta['标题'] ?? title, title);
  // The body is the sanitized one, without the script.
  assert.match(await v.page.locator('main').innerText(), /现将有关事项通知如下/);
  assert.equal(await v.page.locator('main script').count(), 0);
  await v.context.close();
});

test('a rejection with a reason sends the item back to 草稿, with the reason in the audit trail', { timeout: 120_000 }, async () => {
  const drafter = srv.user('drafter');
  const title = `关于退回修改流程测试的通知（${Date.now()}）`;
  const reason = `第三段涉及内部工作安排，请删除后重新提交（${Date.now() % 100000}）`;

  const d = await newPage();
  await login(d.page, srv.baseURL, drafter);
  const id = await draftItem(d.page, { title, writtenDate: chinaDate(1) });
  await act(d.page, '提交保密审查');
  await assertState(d.page, '待保密审查');
  await logout(d.page);

  const s = await openFromMyWork(srv.user('secrecy'), title);
  // A rejection without a reason is refused, and the item stays where it was.
  const reject = s.page.locator('form').filter({ has: s.page.getByRole('button', { name: '退回修改' }) });
  await reject.getByRole('button', { name: '退回修改' }).click();
  await s.page.waitForLoadState();
  await assert.doesNotReject(
    s.page.getByText('请填写退回或撤回的理由').first().waitFor(),
    'a rejection without a reason shows the error',
  );
  await s.page.goto(`${srv.baseURL}/admin/items/${id}`);
  await assertState(s.page, '待保密审查');
  await act(s.page, '退回修改', reason);
  await assertState(s.page, '草稿');
  const trail = s.page.locator('section').filter({ has: s.page.getByRole('heading', { name: '办理记录' }) });
  await assert.doesNotReject(trail.getByText(reason).first().waitFor(), 'the reason is in the audit trail');
  await s.context.close();

  // The drafter sees it back in 草稿 with the reason, and may edit and resubmit it.
  await login(d.page, srv.baseURL, drafter);
  await d.page.goto(`${srv.baseURL}/admin/items/${id}`);
  await assertState(d.page, '草稿');
  const dtrail = d.page.locator('section').filter({ has: d.page.getByRole('heading', { name: '办理记录' }) });
  await assert.doesNotReject(dtrail.getByText(reason).first().waitFor(), 'the drafter sees the reason');
  assert.equal(await d.page.getByRole('link', { name: '修改草稿' }).count(), 1, 'the drafter may edit it again');
  assert.equal(await d.page.getByRole('button', { name: '提交保密审查' }).count(), 1, 'and submit it again');
  // Still not on the portal.
  const res = await d.page.request.get(`${srv.baseURL}/items/${id}`);
  assert.equal(res.status(), 404, 'a draft is not public');
  await d.context.close();
});
