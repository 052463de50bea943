// Browser end-to-end test of an application for disclosure (issue 5 §14): a citizen applies on
// /apply with a phone and gets a tracking code and password; the clerk confirms receipt and asks for
// 补正; the citizen answers it on the status page; the clerk consults a third party, drafts a
// 部分公开 reply, the reviewer approves, the signer signs, the clerk delivers; the citizen downloads
// the reply letter (PDF) on the status page. At every step the due date shown on the status page
// and on the case page is checked against the statutory clock of the API
// (/api/v1/calendar/clock?events=…), fed with the events the steps record: the UI dates every step
// today (China time), the server's real date.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, launchBrowser, login } from './browser.mjs';

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

// Today in China time, the day the server records for steps taken now.
function chinaToday() {
  return new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
}

// The clock's reading of `events` (docs/clock.md text, one per array entry) from the API.
async function clockOf(events) {
  const url = `${srv.baseURL}/api/v1/calendar/clock?events=${encodeURIComponent(events.join('; '))}`;
  const res = await fetch(url);
  const body = await res.json();
  // A wait that may run into a year whose holidays are not loaded yet has no computable due date;
  // the pages then say so instead of showing one.
  if (res.status === 400 && body.error?.code === 'calendar_year_missing') return { due: null, missing: body.error.message };
  assert.equal(res.status, 200, JSON.stringify(body));
  return body;
}

// The 答复期限 shown in the clock section of a page, or null when the page shows none.
async function shownDue(page) {
  const row = page.locator('.clock-result tr').filter({ has: page.locator('th', { hasText: /^答复期限$/ }) });
  if ((await row.count()) === 0) return null;
  return (await row.locator('td strong').innerText()).trim();
}

// A valid 18-digit resident ID (GB 11643 check digit).
function residentId(body17) {
  const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = [...body17].reduce((s, ch, i) => s + Number(ch) * weights[i], 0);
  return body17 + '10X98765432'[sum % 11];
}

test('a citizen applies by phone, answers the 补正 and downloads the reply; due dates follow the clock', async () => {
  const today = chinaToday();
  const phone = await browser.newContext({
    locale: 'zh-CN', viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, acceptDownloads: true,
  });
  phone.setDefaultTimeout(20_000);
  const citizen = await phone.newPage();
  const desk = await browser.newContext({ locale: 'zh-CN' });
  desk.setDefaultTimeout(20_000);
  const staff = await desk.newPage();

  // 1. The citizen applies on the phone.
  await citizen.goto(`${srv.baseURL}/apply`);
  const width = await citizen.evaluate(() => document.documentElement.scrollWidth);
  assert.ok(width <= 390, `the form fits the phone's width (scrollWidth ${width})`);
  await citizen.getByLabel('受理机关').selectOption({ label: srv.county });
  await citizen.getByLabel('申请人姓名或单位名称').fill('周八');
  await citizen.getByLabel('证件号码').fill(residentId('11010519850315123'));
  await citizen.getByLabel('联系电话').fill('13700001111');
  await citizen.getByLabel('电子邮箱').fill('zhouba@example.com');
  await citizen.getByLabel('所需政府信息的描述').fill('本县2025年度老旧小区改造项目的实施方案及资金安排');
  await citizen.getByLabel('所需信息的形式').selectOption({ label: '电子' });
  await citizen.getByLabel('获取信息的方式').selectOption({ label: '网上获取' });
  await Promise.all([citizen.waitForNavigation(), citizen.getByRole('button', { name: '提交申请' }).click()]);
  const codes = await citizen.locator('dl.receipt strong.code').allInnerTexts();
  assert.equal(codes.length, 2, 'the receipt shows the tracking code and the password');
  const [code, password] = codes.map((s) => s.trim());
  assert.match(code, /^\d{4}-[A-Z0-9]{4}-[A-Z0-9]{4}$/);
  assert.match(password, /^[A-Z0-9]{4}-[A-Z0-9]{4}$/);

  // The status page, opened with the code and password as the citizen would.
  const openStatus = async () => {
    await citizen.goto(`${srv.baseURL}/apply/status`);
    await citizen.getByLabel('查询码').fill(code);
    await citizen.getByLabel('查询密码').fill(password);
    await Promise.all([citizen.waitForNavigation(), citizen.getByRole('button', { name: '查询' }).click()]);
    assert.match(await citizen.locator('h1').innerText(), /申请办理进度/);
  };
  await openStatus();
  assert.match(await citizen.locator('table.meta-table').first().innerText(), /待确认/);
  assert.equal(await shownDue(citizen), null, 'no due date before the agency confirms receipt (Art. 31)');

  // 2. The clerk finds the case and confirms receipt.
  await login(staff, srv.baseURL, srv.user('drafter'));
  await staff.goto(`${srv.baseURL}/admin/applications?stage=all&q=${encodeURIComponent(code)}`);
  await Promise.all([staff.waitForNavigation(), staff.getByRole('link', { name: code }).first().click()]);
  const caseUrl = staff.url();
  assert.match(caseUrl, /\/admin\/applications\/\d+/);
  const step = async (page, label, fill = async () => {}) => {
    const exact = new RegExp(`^${label.replace(/[()（）]/g, '\\$&')}$`);
    const form = page.locator('details.step').filter({ has: page.locator('summary', { hasText: exact }) });
    assert.equal(await form.count(), 1, `the step ${label} is offered`);
    if (!(await form.evaluate((d) => d.open))) await form.locator('summary').click();
    await fill(form);
    await Promise.all([page.waitForNavigation(), form.getByRole('button', { name: label, exact: true }).click()]);
    const alert = await page.locator('.alert-error').allInnerTexts();
    assert.deepEqual(alert, [], `${label}: ${alert.join(' ')}`);
  };
  const events = [];
  // Both pages show the due date the API's clock gives for the events so far.
  const checkDue = async (what) => {
    const reading = await clockOf(events);
    const expected = reading.due;
    await staff.goto(caseUrl);
    assert.equal(await shownDue(staff), expected, `case page, ${what}`);
    if (reading.missing) assert.ok((await staff.locator('main').innerText()).includes(reading.missing), `case page says why, ${what}`);
    await openStatus();
    assert.equal(await shownDue(citizen), expected, `status page, ${what}`);
    if (reading.missing) assert.ok((await citizen.locator('main').innerText()).includes(reading.missing), `status page says why, ${what}`);
    return reading;
  };

  await step(staff, '确认收到（登记）');
  events.push(`received ${today} online`);
  const firstDue = (await checkDue('after receipt')).due;
  assert.match(firstDue, /^\d{4}-\d{2}-\d{2}$/);
  assert.ok(firstDue > today, 'a reply is due after today');

  // 3. 补正: the clock stops (no due date) until the citizen answers.
  await step(staff, '告知补正', async (f) => {
    await f.getByLabel('补正期限（工作日）').fill('10');
    await f.getByLabel('需要补正的事项（一次性告知）').fill('请写明所需信息涉及的小区名称');
  });
  events.push(`correction_requested ${today} period=10`);
  assert.equal((await checkDue('awaiting 补正')).due, null);
  assert.match(await citizen.locator('#corr-h').innerText(), /提交补正/);
  assert.match(await citizen.locator('body').innerText(), /请写明所需信息涉及的小区名称/);

  // 4. The citizen answers the 补正 on the status page; the period starts again.
  await citizen.getByLabel('补正内容').fill('所需信息为城关街道幸福里小区的改造方案和资金安排');
  await Promise.all([citizen.waitForNavigation(), citizen.getByRole('button', { name: '提交补正' }).click()]);
  assert.match(await citizen.locator('table.meta-table').first().innerText(), /已受理/);
  events.push(`correction_received ${today}`);
  const afterCorrection = (await checkDue('after the 补正')).due;
  assert.ok(afterCorrection >= firstDue, 'the period runs anew from the 补正');

  // 5. Consultation of a third party (the wait does not count), its answer, and a 部分公开 draft.
  await step(staff, '征求意见', async (f) => {
    await f.getByLabel('征求谁的意见').selectOption('third_party');
    await f.getByLabel('被征求意见方').fill('云溪县幸福里物业服务有限公司');
  });
  events.push(`consult_sent ${today} third_party ref=C1`);
  const consulting = await checkDue('while consulting');
  if (!consulting.missing) {
    assert.equal(consulting.due_provisional, true);
    assert.match(await staff.locator('.clock-result').innerText(), /估算/, 'the due date is provisional while consulting');
  }
  await step(staff, '收到意见', async (f) => {
    await f.getByLabel('意见', { exact: true }).fill('不同意公开本公司员工的个人信息');
  });
  events.push(`consult_answered ${today} ref=C1`);
  const due = (await checkDue('after the consultation')).due;
  assert.match(due, /^\d{4}-\d{2}-\d{2}$/);
  await step(staff, '拟写答复', async (f) => {
    await f.getByLabel('答复类型', { exact: true }).selectOption({ label: '部分公开（区分处理）' });
    await f.getByLabel(/^理由/).fill('部分内容涉及第三方个人信息，第三方不同意公开');
    await f.getByLabel('部分公开：不予公开的内容及依据').fill('物业公司员工的姓名和联系方式，依据条例第十五条不予公开');
    await f.getByLabel('答复书正文（具体答复内容）').fill('可以公开的部分可在申请查询页面下载。');
  });
  assert.equal((await checkDue('drafted')).due, due);
  await step(staff, '送审核');

  // 6. The reviewer approves, the signer signs.
  const reviewerPage = await (await browser.newContext({ locale: 'zh-CN' })).newPage();
  await login(reviewerPage, srv.baseURL, srv.user('reviewer'));
  await reviewerPage.goto(caseUrl);
  assert.equal(await shownDue(reviewerPage), due);
  await step(reviewerPage, '审核通过，送签发');
  const signerPage = await (await browser.newContext({ locale: 'zh-CN' })).newPage();
  await login(signerPage, srv.baseURL, srv.user('signer'));
  await signerPage.goto(caseUrl);
  await step(signerPage, '签发');
  assert.equal((await checkDue('signed')).due, due);

  // 7. The clerk delivers (网上获取): the case is closed on time.
  await step(staff, '送达，办结', async (f) => {
    await f.getByLabel('送达方式').selectOption('online');
  });
  events.push(`replied ${today} direct`);
  const reading = await clockOf(events);
  assert.equal(reading.phase, 'replied');
  assert.equal(reading.replied_on_time, true);
  assert.equal((await checkDue('closed')).due, reading.due);
  assert.match(await citizen.locator('table.meta-table').first().innerText(), /已办结/);
  assert.match(await citizen.locator('table.meta-table').first().innerText(), /部分公开/);

  // 8. The citizen downloads the reply letter (PDF) from the status page.
  const letter = citizen.getByRole('button', { name: /^答复书-/ });
  assert.equal(await letter.count(), 1, 'the 答复书 is listed for the applicant');
  const [download] = await Promise.all([citizen.waitForEvent('download'), letter.click()]);
  assert.match(download.suggestedFilename(), /^答复书-.+\.pdf$/);
  const path = await download.path();
  const { readFileSync } = await import('node:fs');
  const bytes = readFileSync(path);
  assert.equal(bytes.subarray(0, 5).toString('latin1'), '%PDF-', 'the letter is a PDF');
  assert.ok(bytes.length > 1000);
  // The 补正告知书 is there too.
  assert.equal(await citizen.getByRole('button', { name: /^补正告知书-/ }).count(), 1);

  await phone.close();
  await desk.close();
});
