// The statutory clock over HTTP: the clock API, the public calculator with a case's events, and
// the platform setting for whether the receipt day counts.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { DEMO_PASSWORD, login, sqlite, startServer } from './server.mjs';
import { CHINESE } from './fixtures.mjs';

let srv;
let users;
before(async () => {
  srv = await startServer();
  users = (await srv.users()).filter((u) => !u.disabled);
});
after(async () => {
  if (srv) await srv.stop();
});

const clockUrl = (events, today) =>
  `/api/v1/calendar/clock?events=${encodeURIComponent(events)}${today ? `&today=${today}` : ''}`;

test('the clock API restarts the period after 补正 and explains why', async () => {
  const r = await fetch(srv.url(clockUrl(
    'received 2024-03-01 online; correction_requested 2024-03-05 period=10; correction_received 2024-03-15', '2024-03-20')));
  assert.equal(r.status, 200);
  const body = await r.json();
  assert.equal(body.due, '2024-04-15', '20 working days from the 补正, with the 2024-04-07 make-up Sunday counted');
  assert.equal(body.counting_from, '2024-03-15');
  assert.equal(body.phase, 'running');
  assert.equal(body.urgency, 'normal');
  assert.equal(body.workdays_left, 17);
  assert.ok(body.rules.some((s) => s.includes('重新计算') && s.includes('条例第三十条')), body.rules.join('\n'));
  assert.deepEqual(body.days.find((d) => d.date === '2024-04-04'), { date: '2024-04-04', weekday: '星期四', workday: false, reason: '清明节' });
  assert.ok(!body.days.some((d) => d.date === '2024-04-07'), 'the make-up Sunday is counted');
  assert.deepEqual(body.limits.find((l) => l.key === 'correction_notice'),
    { key: 'correction_notice', label: '补正告知', due: '2024-03-12', met_on: '2024-03-05', kept: true,
      basis: '条例第三十条：自收到申请之日起7个工作日内一次性告知' });
});

test('inconsistent events and unloaded years are clear 400 errors', async () => {
  for (const [events, code] of [
    ['received 2024-03-01 online; extended 2024-03-05 days=25 by=王主任', 'invalid_events'],
    ['received 2024-03-05 online; replied 2024-03-01 direct', 'invalid_events'],
    ['received 2024-13-01 online', 'invalid_events'],
    ['', 'invalid_events'],
    ['received 2031-03-02 online', 'calendar_year_missing'],
  ]) {
    const r = await fetch(srv.url(clockUrl(events, events.includes('2031') ? '2031-03-05' : '2024-04-01')));
    assert.equal(r.status, 400, events);
    const body = await r.json();
    assert.equal(body.error.code, code, events);
    assert.match(body.error.message, CHINESE, events);
  }
});

test('the calculator takes a consultation and shows the excluded days and the due date', async () => {
  const q = new URLSearchParams({
    received: '2024-03-01', channel: 'post_signed', consult_kind: 'third_party',
    consult_sent: '2024-03-05', consult_answered: '2024-03-15',
  });
  const r = await fetch(srv.url(`/deadline?${q}`));
  assert.equal(r.status, 200);
  const html = await r.text();
  assert.match(html, /<strong>2024-04-11<\/strong>/, 'the 8 consultation working days are added');
  assert.match(html, /2024-03-06 星期三（征求第三方意见期间）/);
  assert.match(html, /以行政机关签收之日为收到申请之日/);
  assert.match(html, /<details open>/, 'the optional part stays open when it was used');

  const bad = await fetch(srv.url('/deadline?received=2024-03-01&corr_requested=2024-03-05'));
  assert.equal(bad.status, 400);
  assert.match(await bad.text(), /请填写告知书载明的补正期限/);
  const order = await fetch(srv.url('/deadline?received=2024-03-05&replied=2024-03-01'));
  assert.equal(order.status, 400);
});

test('only a platform admin changes the start-day rule; it applies at once and is audited', async () => {
  const before = await (await fetch(srv.url('/deadline?received=2024-09-26'))).text();
  assert.match(before, /<strong>2024-10-29<\/strong>/);
  const admin = users.find((u) => u.roles.includes('platform_admin'));
  const other = users.find((u) => !u.roles.includes('platform_admin') && u.roles.includes('agency_admin'));
  assert.ok(admin && other, 'the demo has a platform admin and an agency admin');

  const clerk = await login(srv.baseUrl, other.username, DEMO_PASSWORD);
  const refused = await clerk.postForm('/admin/calendar/settings', { start_day: 'same', due_soon: '5', fee_wait: 'pause' });
  assert.equal(refused.status, 403);
  assert.match(refused.text, /只有平台管理员/);

  const root = await login(srv.baseUrl, admin.username, DEMO_PASSWORD);
  const invalid = await root.postForm('/admin/calendar/settings', { start_day: 'same', due_soon: '99', fee_wait: 'pause' });
  assert.equal(invalid.status, 400);
  assert.match(invalid.text, /临期提醒应为0至20之间的工作日数/);
  assert.equal(Number((await sqlite(srv.dbPath, 'SELECT COUNT(*) FROM settings'))[0][0]), 0, 'nothing stored');

  const saved = await root.postForm('/admin/calendar/settings', { start_day: 'same', due_soon: '3', fee_wait: 'count' });
  assert.equal(saved.status, 303);
  const page = await root.get('/admin/calendar?settings=saved');
  assert.match(page.text, /期限计算设置已保存/);
  assert.match(page.text, /value="same" checked/);
  const afterChange = await (await fetch(srv.url('/deadline?received=2024-09-26'))).text();
  assert.match(afterChange, /<strong>2024-10-28<\/strong>/, 'the receipt day (a Thursday) now counts as day 1');
  assert.match(afterChange, /收到当日为工作日的计入/);
  const audit = await sqlite(srv.dbPath, "SELECT action FROM audit_events WHERE entity = 'clock_settings'");
  assert.deepEqual(audit.map((r) => r[0]), ['update']);
});
