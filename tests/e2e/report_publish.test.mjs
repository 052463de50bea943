// Browser end-to-end test of the annual report (issue 6 §4, §5, §7, §9, §11): a 信息员 of the county
// government opens the report of last year, sees the checks block publication while the text
// sections are empty, fills 一、总体情况 from the records and writes 五; the 审核人 (分管领导) publishes;
// an anonymous visitor finds the report in the column 政府信息公开年报 and on its item page with the
// official tables, and the page passes the axe audit; the deadline board shows the county 已发布.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, launchBrowser, login, logout, AXE_PATH } from './browser.mjs';

let srv;
let browser;
const year = new Date(Date.now() + 8 * 3600_000).getUTCFullYear() - 1;
const problems = `端到端测试：${year}年度依申请公开答复质量仍需提高，将加强业务培训。`;

before(async () => {
  srv = await startServer();
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await srv?.stop();
});

async function newPage() {
  // axe-core is injected as an inline script, which the pages' CSP would block.
  const context = await browser.newContext({ locale: 'zh-CN', bypassCSP: true });
  context.setDefaultTimeout(30_000);
  return { context, page: await context.newPage() };
}

async function assertNoSeriousAxeViolations(page) {
  await page.addScriptTag({ path: AXE_PATH });
  // eslint-disable-next-line no-undef
  const result = await page.evaluate(() => axe.run(document, { resultTypes: ['violations'] }));
  const bad = result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  assert.deepEqual(
    bad.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).slice(0, 5).join(', ')}`),
    [],
    `axe on ${page.url()}`,
  );
}

test('a clerk drafts the annual report, the 审核人 publishes it, the portal shows it and the board says 已发布', { timeout: 300_000 }, async () => {
  const clerk = srv.user('drafter');
  const reviewer = srv.user('reviewer');
  const reportPath = `/admin/reports?year=${year}&scope=self`;
  const title = `${srv.county}${year}年政府信息公开工作年度报告`;

  // The clerk generates the report and sees the checks: the empty sections block publication.
  const { context, page } = await newPage();
  await login(page, srv.baseURL, clerk);
  await page.goto(`${srv.baseURL}${reportPath}`);
  await page.getByRole('heading', { name: '校验结果' }).waitFor();
  const publish = page.locator('section').filter({ has: page.getByRole('heading', { name: '发布', exact: true }) });
  await assert.doesNotReject(publish.getByText('改正前不能发布').waitFor(), 'publication is blocked');
  assert.match(await publish.innerText(), /“五、存在的主要问题及改进情况”为必填内容/);
  assert.match(await publish.innerText(), /“一、总体情况”尚未填写/);
  assert.equal(await page.getByRole('button', { name: '发布年报' }).count(), 0, 'no publish button while blocked');

  // The factual draft of 一, then 五 written by hand.
  await Promise.all([page.waitForURL(/saved=generated/), page.getByRole('button', { name: '用数据生成草稿' }).click()]);
  await page.getByRole('status').filter({ hasText: '已根据本年度数据生成' }).waitFor();
  const proactive = await page.getByLabel('（一）主动公开').inputValue();
  assert.match(proactive, new RegExp(`^${year}年，本机关通过政府信息公开平台主动公开政府信息\\d+条。`));
  assert.match(await page.getByLabel('（二）依申请公开').inputValue(), /本年度新收政府信息公开申请\d+件/);
  await page.getByLabel('（五）监督保障').fill('本年度未发生因政府信息公开工作被追究责任的情况。');
  await page.getByLabel('本年度内容').fill(problems);
  await Promise.all([page.waitForURL(/saved=texts/), page.getByRole('button', { name: '保存文字' }).click()]);
  await page.getByRole('status').filter({ hasText: '文字部分已保存' }).waitFor();
  assert.equal(await page.getByLabel('本年度内容').inputValue(), problems);
  assert.equal(await publish.getByText('改正前不能发布').count(), 0, 'no blocking error left');
  // A clerk writes but does not publish.
  assert.equal(await page.getByRole('button', { name: '发布年报' }).count(), 0);
  assert.match(await publish.innerText(), /须由本机关的审核人（分管领导）、签批人或机关管理员发布/);
  await assertNoSeriousAxeViolations(page);
  await logout(page);

  // The 审核人 publishes.
  await login(page, srv.baseURL, reviewer);
  await page.goto(`${srv.baseURL}${reportPath}`);
  await Promise.all([page.waitForURL(/published=1/), page.getByRole('button', { name: '发布年报' }).click()]);
  await page.getByRole('status').filter({ hasText: '年度报告已发布' }).waitFor();
  assert.match(await publish.innerText(), /当前为第1版/);
  assert.match(await publish.innerText(), /数据与已发布的第1版没有差异/);
  const itemPath = await publish.getByRole('link', { name: '查看门户网站页面' }).first().getAttribute('href');
  assert.match(itemPath, /^\/items\/\d+$/);
  await assertNoSeriousAxeViolations(page);

  // The deadline board shows the county as published.
  await page.goto(`${srv.baseURL}/admin/reports/board?year=${year}`);
  const row = page.getByRole('row').filter({ has: page.getByRole('rowheader', { name: srv.county }) });
  assert.match(await row.first().innerText(), /已发布/);
  await assertNoSeriousAxeViolations(page);
  await context.close();

  // An anonymous visitor: the item page with the official tables, from the column page.
  const visitor = await newPage();
  const res = await visitor.page.goto(`${srv.baseURL}${itemPath}`);
  assert.equal(res.status(), 200);
  await visitor.page.getByRole('heading', { name: title }).first().waitFor();
  assert.equal(await visitor.page.locator('table.report-table').count(), 3, '表二, 表三, 表四');
  assert.ok(await visitor.page.getByRole('cell', { name: '一、本年新收政府信息公开申请数量' }).count() + await visitor.page.getByRole('rowheader', { name: '一、本年新收政府信息公开申请数量' }).count() > 0);
  await visitor.page.getByText(problems).waitFor();
  await visitor.page.getByText(proactive.split('。')[0]).first().waitFor();
  await assertNoSeriousAxeViolations(visitor.page);

  await visitor.page.goto(`${srv.baseURL}/agencies`);
  await visitor.page.getByRole('link', { name: srv.county, exact: true }).first().click();
  await visitor.page.getByRole('link', { name: '政府信息公开年报' }).first().click();
  assert.match(new URL(visitor.page.url()).pathname, /^\/agencies\/\d+\/columns\/\d+$/);
  const link = visitor.page.getByRole('link', { name: title });
  assert.equal(await link.getAttribute('href'), itemPath, 'the column lists the report');
  await assertNoSeriousAxeViolations(visitor.page);
  await visitor.context.close();
});
